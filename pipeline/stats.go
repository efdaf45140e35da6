package pipeline

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Stats counts what a pipeline did. Safe for concurrent use; the zero value
// is ready.
type Stats struct {
	Records    atomic.Int64 // input records whose outputs were all acknowledged
	Bytes      atomic.Int64 // their value bytes
	Clean      atomic.Int64
	Quarantine atomic.Int64
	DLQ        atomic.Int64
	WithFinds  atomic.Int64 // records with findings
	// InflightPeak is the most input bytes ever in flight at once.
	InflightPeak atomic.Int64
	mu           sync.Mutex
	types        map[string]int64
}

func (s *Stats) add(res *Result, size int) {
	s.Records.Add(1)
	s.Bytes.Add(int64(size))
	switch res.Route {
	case RouteClean:
		s.Clean.Add(1)
	case RouteQuarantine:
		s.Quarantine.Add(1)
	case RouteDLQ:
		s.DLQ.Add(1)
	}
	if len(res.Findings) == 0 {
		return
	}
	s.WithFinds.Add(1)
	s.mu.Lock()
	if s.types == nil {
		s.types = map[string]int64{}
	}
	for _, ff := range res.Findings {
		for _, f := range ff.Findings {
			s.types[f.Type]++
		}
	}
	s.mu.Unlock()
}

// TypeCount is a number of findings of one type.
type TypeCount struct {
	Type  string
	Count int64
}

// Types returns findings per type, most frequent first.
func (s *Stats) Types() []TypeCount {
	s.mu.Lock()
	out := make([]TypeCount, 0, len(s.types))
	for t, n := range s.types {
		out = append(out, TypeCount{t, n})
	}
	s.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Type < out[j].Type
	})
	return out
}

// Line is a one-line progress summary: records, rate since the previous
// call's snapshot (prev records over dt seconds), routes and the most
// frequent finding types.
func (s *Stats) Line(prev int64, dt float64, topTypes int) string {
	n := s.Records.Load()
	rate := 0.0
	if dt > 0 {
		rate = float64(n-prev) / dt
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d records  %.0f rec/s  clean %d  quarantine %d  dlq %d  with findings %d",
		n, rate, s.Clean.Load(), s.Quarantine.Load(), s.DLQ.Load(), s.WithFinds.Load())
	types := s.Types()
	for i, tc := range types {
		if i == topTypes {
			fmt.Fprintf(&b, " +%d types", len(types)-topTypes)
			break
		}
		if i == 0 {
			b.WriteString("  |")
		}
		fmt.Fprintf(&b, " %s %d", tc.Type, tc.Count)
	}
	return b.String()
}

// WriteMetrics writes the counters in the Prometheus text exposition format
// (for a /metrics endpoint): records by route, input bytes, records with
// findings, findings by type and the in-flight byte peak.
func (s *Stats) WriteMetrics(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# HELP weir_records_total Input records whose outputs were all acknowledged, by route.\n# TYPE weir_records_total counter\n")
	for _, r := range []struct {
		route string
		n     int64
	}{{"clean", s.Clean.Load()}, {"quarantine", s.Quarantine.Load()}, {"dlq", s.DLQ.Load()}} {
		fmt.Fprintf(&b, "weir_records_total{route=%q} %d\n", r.route, r.n)
	}
	fmt.Fprintf(&b, "# HELP weir_input_bytes_total Value bytes of completed input records.\n# TYPE weir_input_bytes_total counter\nweir_input_bytes_total %d\n", s.Bytes.Load())
	fmt.Fprintf(&b, "# HELP weir_records_with_findings_total Completed records with at least one finding.\n# TYPE weir_records_with_findings_total counter\nweir_records_with_findings_total %d\n", s.WithFinds.Load())
	b.WriteString("# HELP weir_findings_total Findings by entity type.\n# TYPE weir_findings_total counter\n")
	for _, tc := range s.Types() {
		fmt.Fprintf(&b, "weir_findings_total{type=%q} %d\n", tc.Type, tc.Count)
	}
	fmt.Fprintf(&b, "# HELP weir_inflight_peak_bytes Most input bytes in flight at once.\n# TYPE weir_inflight_peak_bytes gauge\nweir_inflight_peak_bytes %d\n", s.InflightPeak.Load())
	_, err := io.WriteString(w, b.String())
	return err
}
