package pipeline

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// nBuckets is the number of finite buckets of the batch latency histogram.
const nBuckets = 14

// bucketBound is the upper bound, in seconds, of histogram bucket i.
func bucketBound(i int) float64 {
	return [nBuckets]float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}[i]
}

// histogram is a Prometheus histogram of durations with fixed buckets. Safe
// for concurrent use; the zero value is ready.
type histogram struct {
	counts [nBuckets + 1]atomic.Int64 // per bucket (not cumulative); the last is +Inf
	sumNs  atomic.Int64
}

func (h *histogram) observe(d time.Duration) {
	s := d.Seconds()
	i := sort.Search(nBuckets, func(i int) bool { return s <= bucketBound(i) })
	h.counts[i].Add(1)
	h.sumNs.Add(int64(d))
}

// write writes h as the metric name in the text exposition format:
// cumulative _bucket lines, +Inf, _sum and _count.
func (h *histogram) write(b *strings.Builder, name, help string) {
	fmt.Fprintf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name)
	var cum int64
	for i := range nBuckets + 1 {
		cum += h.counts[i].Load()
		le := "+Inf"
		if i < nBuckets {
			le = strconv.FormatFloat(bucketBound(i), 'g', -1, 64)
		}
		fmt.Fprintf(b, "%s_bucket{le=%q} %d\n", name, le, cum)
	}
	fmt.Fprintf(b, "%s_sum %s\n%s_count %d\n", name, strconv.FormatFloat(time.Duration(h.sumNs.Load()).Seconds(), 'g', -1, 64), name, cum)
}

// lagTable tracks consumer lag per partition: the high watermark of the
// latest fetch minus the next offset not yet completed. Safe for
// concurrent use; the zero value is ready.
type lagTable struct {
	mu    sync.Mutex
	parts map[kafka.TopicPartition]*partLag
}

type partLag struct {
	hwm  int64 // -1 until a fetch reports it
	next int64 // -1 until a record is polled
}

func (l *lagTable) get(tp kafka.TopicPartition) *partLag {
	if l.parts == nil {
		l.parts = map[kafka.TopicPartition]*partLag{}
	}
	p := l.parts[tp]
	if p == nil {
		p = &partLag{hwm: -1, next: -1}
		l.parts[tp] = p
	}
	return p
}

// highWatermark records a fetch's high watermark for tp.
func (l *lagTable) highWatermark(tp kafka.TopicPartition, hwm int64) {
	l.mu.Lock()
	l.get(tp).hwm = hwm
	l.mu.Unlock()
}

// polled notes that the record at off was polled: before any completes,
// it is where the partition's processing starts.
func (l *lagTable) polled(tp kafka.TopicPartition, off int64) {
	l.mu.Lock()
	if p := l.get(tp); p.next < 0 {
		p.next = off
	}
	l.mu.Unlock()
}

// done notes that the record at off completed.
func (l *lagTable) done(tp kafka.TopicPartition, off int64) {
	l.mu.Lock()
	if p := l.get(tp); off+1 > p.next {
		p.next = off + 1
	}
	l.mu.Unlock()
}

// forget drops partitions this member no longer owns.
func (l *lagTable) forget(tps []kafka.TopicPartition) {
	l.mu.Lock()
	for _, tp := range tps {
		delete(l.parts, tp)
	}
	l.mu.Unlock()
}

// PartitionLag is the consumer lag of one partition.
type PartitionLag struct {
	kafka.TopicPartition
	Lag int64
}

// snapshot returns the lag of every partition with both a high watermark
// and a position, sorted by topic and partition.
func (l *lagTable) snapshot() []PartitionLag {
	l.mu.Lock()
	out := make([]PartitionLag, 0, len(l.parts))
	for tp, p := range l.parts {
		if p.hwm >= 0 && p.next >= 0 {
			out = append(out, PartitionLag{tp, max(0, p.hwm-p.next)})
		}
	}
	l.mu.Unlock()
	sort.Slice(out, func(i, j int) bool {
		if out[i].Topic != out[j].Topic {
			return out[i].Topic < out[j].Topic
		}
		return out[i].Partition < out[j].Partition
	})
	return out
}

// InflightNow returns the input bytes polled and not yet completed by a
// running at-least-once pipeline (0 otherwise).
func (s *Stats) InflightNow() int64 {
	if f := s.inflight.Load(); f != nil {
		return (*f)()
	}
	return 0
}

// Lag returns the consumer lag of each partition this member has
// processed records of since it was assigned.
func (s *Stats) Lag() []PartitionLag { return s.lag.snapshot() }

// WriteMetrics writes the counters in the Prometheus text exposition format
// (for a /metrics endpoint): records by route (the DLQ count is route
// "dlq"), input bytes, records with findings, findings by type, consumer
// lag per partition, the batch latency histogram and in-flight bytes.
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
	b.WriteString("# HELP weir_consumer_lag Records behind the partition's high watermark (latest fetch) not yet completed.\n# TYPE weir_consumer_lag gauge\n")
	for _, l := range s.Lag() {
		fmt.Fprintf(&b, "weir_consumer_lag{topic=%q,partition=\"%d\"} %d\n", l.Topic, l.Partition, l.Lag)
	}
	s.batchLatency.write(&b, "weir_batch_latency_seconds", "Time from a batch closing to all its outputs acknowledged (or its transaction committed).")
	fmt.Fprintf(&b, "# HELP weir_inflight_bytes Input bytes polled and not yet completed.\n# TYPE weir_inflight_bytes gauge\nweir_inflight_bytes %d\n", s.InflightNow())
	fmt.Fprintf(&b, "# HELP weir_inflight_peak_bytes Most input bytes in flight at once.\n# TYPE weir_inflight_peak_bytes gauge\nweir_inflight_peak_bytes %d\n", s.InflightPeak.Load())
	_, err := io.WriteString(w, b.String())
	return err
}
