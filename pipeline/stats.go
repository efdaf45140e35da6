package pipeline

import (
	"fmt"
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
	// inflight reads the bytes in flight now (at-least-once runs).
	inflight     atomic.Pointer[func() int64]
	mu           sync.Mutex
	types        map[string]int64
	lag          lagTable
	batchLatency histogram
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
