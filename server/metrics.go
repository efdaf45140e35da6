package server

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
)

// latencyBuckets are the upper bounds (seconds) of the latency histogram.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metrics counts requests by endpoint and status and keeps a latency
// histogram per endpoint. Labels are route patterns and status codes only:
// never a key, key id or any part of a request.
type metrics struct {
	mu       sync.Mutex
	requests map[reqLabel]uint64
	hist     map[string]*histogram
	docs     map[string]uint64 // documents by verdict
}

type reqLabel struct {
	endpoint string
	status   int
}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	count  uint64
}

func newMetrics() *metrics {
	return &metrics{requests: map[reqLabel]uint64{}, hist: map[string]*histogram{}, docs: map[string]uint64{}}
}

func (m *metrics) observe(endpoint string, status int, d time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests[reqLabel{endpoint, status}]++
	h := m.hist[endpoint]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets))}
		m.hist[endpoint] = h
	}
	s := d.Seconds()
	if i, _ := slices.BinarySearch(latencyBuckets, s); i < len(latencyBuckets) {
		h.counts[i]++
	}
	h.sum += s
	h.count++
}

func (m *metrics) verdict(v string) {
	m.mu.Lock()
	m.docs[v]++
	m.mu.Unlock()
}

// write prints the metrics in the Prometheus text format, sorted.
func (m *metrics) write(w io.Writer) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fmt.Fprintln(w, "# HELP weir_http_requests_total HTTP requests by endpoint and status.")
	fmt.Fprintln(w, "# TYPE weir_http_requests_total counter")
	labels := make([]reqLabel, 0, len(m.requests))
	for l := range m.requests {
		labels = append(labels, l)
	}
	slices.SortFunc(labels, func(a, b reqLabel) int {
		if a.endpoint != b.endpoint {
			if a.endpoint < b.endpoint {
				return -1
			}
			return 1
		}
		return a.status - b.status
	})
	for _, l := range labels {
		fmt.Fprintf(w, "weir_http_requests_total{endpoint=%q,status=\"%d\"} %d\n", l.endpoint, l.status, m.requests[l])
	}
	fmt.Fprintln(w, "# HELP weir_http_request_duration_seconds HTTP request latency by endpoint.")
	fmt.Fprintln(w, "# TYPE weir_http_request_duration_seconds histogram")
	eps := make([]string, 0, len(m.hist))
	for e := range m.hist {
		eps = append(eps, e)
	}
	slices.Sort(eps)
	for _, e := range eps {
		h := m.hist[e]
		var cum uint64
		for i, ub := range latencyBuckets {
			cum += h.counts[i]
			fmt.Fprintf(w, "weir_http_request_duration_seconds_bucket{endpoint=%q,le=%q} %d\n", e, strconv.FormatFloat(ub, 'g', -1, 64), cum)
		}
		fmt.Fprintf(w, "weir_http_request_duration_seconds_bucket{endpoint=%q,le=\"+Inf\"} %d\n", e, h.count)
		fmt.Fprintf(w, "weir_http_request_duration_seconds_sum{endpoint=%q} %g\n", e, h.sum)
		fmt.Fprintf(w, "weir_http_request_duration_seconds_count{endpoint=%q} %d\n", e, h.count)
	}
	fmt.Fprintln(w, "# HELP weir_documents_total Documents answered by /v1/redact, by verdict.")
	fmt.Fprintln(w, "# TYPE weir_documents_total counter")
	vs := make([]string, 0, len(m.docs))
	for v := range m.docs {
		vs = append(vs, v)
	}
	slices.Sort(vs)
	for _, v := range vs {
		fmt.Fprintf(w, "weir_documents_total{verdict=%q} %d\n", v, m.docs[v])
	}
}
