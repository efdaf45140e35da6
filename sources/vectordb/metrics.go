package vectordb

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"
	"time"
)

// metrics counts calls, points and findings. Labels are API kinds,
// operations, actions and entity types: never ids or content.
type metrics struct {
	mu          sync.Mutex
	requests    map[[3]string]uint64 // kind, operation, action
	pts         map[string]uint64    // by action
	finds       map[string]uint64    // by type
	upstream    map[string]uint64    // upstream errors by reason
	pass        uint64
	pubOK       uint64
	pubErr      uint64
	inspectSum  float64
	inspectN    uint64
	inspectHist []uint64
}

var inspectBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}

func newMetrics() *metrics {
	return &metrics{requests: map[[3]string]uint64{}, pts: map[string]uint64{}, finds: map[string]uint64{},
		upstream: map[string]uint64{}, inspectHist: make([]uint64, len(inspectBuckets))}
}

func (m *metrics) passthrough() { m.mu.Lock(); m.pass++; m.mu.Unlock() }

func (m *metrics) request(r route, action string) {
	m.mu.Lock()
	m.requests[[3]string{string(r.kind), r.op, action}]++
	m.mu.Unlock()
}

func (m *metrics) points(action string, n int) {
	m.mu.Lock()
	m.pts[action] += uint64(n)
	m.mu.Unlock()
}

func (m *metrics) findings(by map[string]int) {
	m.mu.Lock()
	for t, n := range by {
		m.finds[t] += uint64(n)
	}
	m.mu.Unlock()
}

func (m *metrics) upstreamError(reason string) { m.mu.Lock(); m.upstream[reason]++; m.mu.Unlock() }
func (m *metrics) published()                  { m.mu.Lock(); m.pubOK++; m.mu.Unlock() }
func (m *metrics) publishError()               { m.mu.Lock(); m.pubErr++; m.mu.Unlock() }

func (m *metrics) inspected(d time.Duration) {
	s := d.Seconds()
	m.mu.Lock()
	m.inspectSum += s
	m.inspectN++
	if i, _ := slices.BinarySearch(inspectBuckets, s); i < len(inspectBuckets) {
		m.inspectHist[i]++
	}
	m.mu.Unlock()
}

func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP weir_proxy_requests_total Write calls inspected by the vector-DB proxy, by API kind, operation and action.")
	fmt.Fprintln(w, "# TYPE weir_proxy_requests_total counter")
	keys := slices.SortedFunc(maps.Keys(m.requests), func(a, b [3]string) int {
		for i := range a {
			if a[i] != b[i] {
				if a[i] < b[i] {
					return -1
				}
				return 1
			}
		}
		return 0
	})
	for _, k := range keys {
		fmt.Fprintf(w, "weir_proxy_requests_total{kind=%q,operation=%q,action=%q} %d\n", k[0], k[1], k[2], m.requests[k])
	}
	fmt.Fprintln(w, "# HELP weir_proxy_passthrough_total Requests forwarded without inspection (not write calls).")
	fmt.Fprintln(w, "# TYPE weir_proxy_passthrough_total counter")
	fmt.Fprintf(w, "weir_proxy_passthrough_total %d\n", m.pass)
	counter := func(name, help, label string, vals map[string]uint64) {
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s counter\n", name, help, name)
		for _, k := range slices.Sorted(maps.Keys(vals)) {
			fmt.Fprintf(w, "%s{%s=%q} %d\n", name, label, k, vals[k])
		}
	}
	counter("weir_proxy_points_total", "Points of inspected write calls, by action.", "action", m.pts)
	counter("weir_proxy_findings_total", "Findings in inspected write calls, by entity type.", "type", m.finds)
	counter("weir_proxy_upstream_errors_total", "Requests the upstream did not answer, by reason.", "reason", m.upstream)
	fmt.Fprintln(w, "# HELP weir_proxy_events_published_total Capture events and lineage edges acknowledged by the broker.")
	fmt.Fprintln(w, "# TYPE weir_proxy_events_published_total counter")
	fmt.Fprintf(w, "weir_proxy_events_published_total %d\n", m.pubOK)
	fmt.Fprintln(w, "# HELP weir_proxy_publish_errors_total Capture events and lineage edges that could not be published.")
	fmt.Fprintln(w, "# TYPE weir_proxy_publish_errors_total counter")
	fmt.Fprintf(w, "weir_proxy_publish_errors_total %d\n", m.pubErr)
	fmt.Fprintln(w, "# HELP weir_proxy_inspect_seconds Time from receiving a write call to its capture events being built.")
	fmt.Fprintln(w, "# TYPE weir_proxy_inspect_seconds histogram")
	var cum uint64
	for i, ub := range inspectBuckets {
		cum += m.inspectHist[i]
		fmt.Fprintf(w, "weir_proxy_inspect_seconds_bucket{le=\"%g\"} %d\n", ub, cum)
	}
	fmt.Fprintf(w, "weir_proxy_inspect_seconds_bucket{le=\"+Inf\"} %d\n", m.inspectN)
	fmt.Fprintf(w, "weir_proxy_inspect_seconds_sum %g\n", m.inspectSum)
	fmt.Fprintf(w, "weir_proxy_inspect_seconds_count %d\n", m.inspectN)
}
