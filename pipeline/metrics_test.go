package pipeline

import (
	"bufio"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// sample is one parsed metric line.
type sample struct {
	name   string
	labels string
	value  float64
}

var sampleRE = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$`)

// parseMetrics parses the Prometheus text format strictly enough to catch
// malformed output: every sample line matches the grammar, and every
// metric family has a TYPE line before its samples.
func parseMetrics(t *testing.T, text string) []sample {
	t.Helper()
	typed := map[string]string{}
	var out []sample
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# TYPE ") {
			f := strings.Fields(line)
			if len(f) != 4 {
				t.Fatalf("bad TYPE line %q", line)
			}
			typed[f[2]] = f[3]
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		m := sampleRE.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("bad sample line %q", line)
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			t.Fatalf("bad value in %q", line)
		}
		family := m[1]
		for _, suf := range []string{"_bucket", "_sum", "_count"} {
			if base := strings.TrimSuffix(family, suf); base != family && typed[base] == "histogram" {
				family = base
			}
		}
		if typed[family] == "" {
			t.Fatalf("sample %q before its TYPE line", line)
		}
		out = append(out, sample{m[1], m[2], v})
	}
	return out
}

func find(ss []sample, name string) []sample {
	var out []sample
	for _, s := range ss {
		if s.name == name {
			out = append(out, s)
		}
	}
	return out
}

// checkHistogram checks that name's buckets are cumulative, end in +Inf
// and agree with _count; it returns the count.
func checkHistogram(t *testing.T, ss []sample, name string) float64 {
	t.Helper()
	buckets := find(ss, name+"_bucket")
	if len(buckets) != nBuckets+1 {
		t.Fatalf("%d buckets, want %d", len(buckets), nBuckets+1)
	}
	prevLe, prev := -1.0, 0.0
	for i, b := range buckets {
		le := strings.TrimSuffix(strings.TrimPrefix(b.labels, `{le="`), `"}`)
		if i == len(buckets)-1 {
			if le != "+Inf" {
				t.Errorf("last bucket le=%s, want +Inf", le)
			}
		} else if v, err := strconv.ParseFloat(le, 64); err != nil || v <= prevLe {
			t.Errorf("bucket bounds not increasing at %s", b.labels)
		} else {
			prevLe = v
		}
		if b.value < prev {
			t.Errorf("buckets not cumulative: %s %v after %v", b.labels, b.value, prev)
		}
		prev = b.value
	}
	count := find(ss, name+"_count")
	sum := find(ss, name+"_sum")
	if len(count) != 1 || len(sum) != 1 || count[0].value != prev {
		t.Fatalf("_count %v _sum %v, +Inf bucket %v", count, sum, prev)
	}
	return prev
}

func TestHistogramText(t *testing.T) {
	var s Stats
	for _, d := range []time.Duration{500 * time.Microsecond, 3 * time.Millisecond, 3 * time.Millisecond, 2 * time.Second, time.Minute} {
		s.batchLatency.observe(d)
	}
	var b strings.Builder
	if err := s.WriteMetrics(&b); err != nil {
		t.Fatal(err)
	}
	ss := parseMetrics(t, b.String())
	if n := checkHistogram(t, ss, "weir_batch_latency_seconds"); n != 5 {
		t.Errorf("count %v, want 5", n)
	}
	for _, want := range []string{`weir_batch_latency_seconds_bucket{le="0.001"} 1`, `weir_batch_latency_seconds_bucket{le="0.005"} 3`,
		`weir_batch_latency_seconds_bucket{le="2.5"} 4`, `weir_batch_latency_seconds_bucket{le="30"} 4`,
		`weir_batch_latency_seconds_bucket{le="+Inf"} 5`, "weir_batch_latency_seconds_sum 62.0065"} {
		if !strings.Contains(b.String(), want+"\n") {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
}

func TestLagTable(t *testing.T) {
	var l lagTable
	a, b := kafka.TopicPartition{Topic: "in", Partition: 0}, kafka.TopicPartition{Topic: "in", Partition: 1}
	l.highWatermark(a, 100)
	l.highWatermark(b, 10)
	if got := l.snapshot(); len(got) != 0 {
		t.Errorf("lag before any record polled: %v", got)
	}
	l.polled(a, 40)
	l.polled(a, 41)
	l.polled(b, 3)
	l.done(a, 40)
	l.done(b, 9)
	want := []PartitionLag{{a, 59}, {b, 0}}
	if got := l.snapshot(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("lag %v, want %v", got, want)
	}
	l.forget([]kafka.TopicPartition{a})
	if got := l.snapshot(); len(got) != 1 || got[0] != want[1] {
		t.Errorf("after forget: %v", got)
	}
}

// A run reports consumer lag for each partition it consumed (0 once it has
// caught up), the batch latency histogram and the counters, in both
// delivery modes.
func TestMetricsDuringRun(t *testing.T) {
	for _, eos := range []bool{false, true} {
		name := "at-least-once"
		if eos {
			name = "exactly-once"
		}
		t.Run(name, func(t *testing.T) {
			_, conn := broker(t, 2, "ingest")
			const n = 400
			produce(t, client(t, conn), numbered("ingest", n)...)
			stats := new(Stats)
			cfg := Config{Conn: conn, Group: "m", Topics: []string{"ingest"}, Stats: stats, BatchRecords: 50,
				ExactlyOnce: eos, TransactionalID: "m-1"}
			h := startRun(t, cfg, testProcessor(t))
			deadline := time.Now().Add(60 * time.Second)
			for stats.Records.Load() < n && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
			if got := stats.Records.Load(); got != n {
				t.Fatalf("%d records completed, want %d", got, n)
			}
			var b strings.Builder
			if err := stats.WriteMetrics(&b); err != nil {
				t.Fatal(err)
			}
			// The high watermarks came from the fetches: they sum to the
			// records produced (one batch each, offsets from 0).
			var hwm int64
			stats.lag.mu.Lock()
			for _, p := range stats.lag.parts {
				hwm += p.hwm
			}
			stats.lag.mu.Unlock()
			if hwm != n {
				t.Errorf("high watermarks sum to %d, want %d", hwm, n)
			}
			if err := h.stop(); err != nil {
				t.Fatal(err)
			}
			ss := parseMetrics(t, b.String())
			lag := find(ss, "weir_consumer_lag")
			if len(lag) != 2 {
				t.Fatalf("lag for %d partitions, want 2:\n%s", len(lag), b.String())
			}
			for i, l := range lag {
				if want := `{topic="ingest",partition="` + strconv.Itoa(i) + `"}`; l.labels != want || l.value != 0 {
					t.Errorf("lag %s %v, want %s 0", l.labels, l.value, want)
				}
			}
			if c := checkHistogram(t, ss, "weir_batch_latency_seconds"); c < n/50 {
				t.Errorf("%v batches observed, want at least %d", c, n/50)
			}
			total := 0.0
			for _, s := range find(ss, "weir_records_total") {
				total += s.value
			}
			if total != n || len(find(ss, "weir_findings_total")) == 0 {
				t.Errorf("records %v findings %v", total, find(ss, "weir_findings_total"))
			}
		})
	}
}
