// Command taillatency measures the S3 tailer's latency from PUT to finding
// (bench/run tail-latency): against the MinIO server that scripts/minio.sh
// starts (WEIR_S3_ENDPOINT and credentials in the environment), it writes
// -objects small JSONL objects, one every -gap, and times each from the end
// of its PUT to the moment the tailer has decoded it and the classifier has
// returned its finding (in process: no Kafka hop). Two modes run in the same
// process: MinIO bucket notifications (polling off: an hour) and the
// baseline, ListObjectsV2 polling every -poll. It ends with one line:
//
//	bench=tail-latency objects=N notify_p50_ms=.. notify_p99_ms=.. notify_missed=..
//	poll_interval_s=1 poll_p50_ms=.. poll_p99_ms=.. poll_missed=..
//
// An object not picked up within -timeout counts as missed (its latency is
// not in the percentiles).
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/s3"
)

func main() {
	n := flag.Int("objects", 100, "objects written per mode")
	gap := flag.Duration("gap", 100*time.Millisecond, "time between PUTs")
	poll := flag.Duration("poll", time.Second, "polling interval of the baseline")
	timeout := flag.Duration("timeout", 10*time.Second, "an object not found within this is missed")
	quick := flag.Bool("quick", false, "20 objects per mode")
	flag.Parse()
	if *quick {
		*n = 20
	}
	if os.Getenv(s3.EnvEndpoint) == "" {
		fail(fmt.Errorf("%s is not set: run through bench/run tail-latency (it starts MinIO with scripts/minio.sh)", s3.EnvEndpoint))
	}
	cfg, err := s3.ConfigFromEnv(os.Getenv)
	if err != nil {
		fail(err)
	}
	c, err := s3.NewClient(cfg)
	if err != nil {
		fail(err)
	}
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		fail(err)
	}
	nl, nm := measure(c, eng, *n, *gap, *timeout, true, time.Hour)
	pl, pm := measure(c, eng, *n, *gap, *timeout, false, *poll)
	fmt.Printf("bench=tail-latency objects=%d notify_p50_ms=%s notify_p99_ms=%s notify_missed=%d poll_interval_s=%g poll_p50_ms=%s poll_p99_ms=%s poll_missed=%d\n",
		*n, pct(nl, 50), pct(nl, 99), nm, poll.Seconds(), pct(pl, 50), pct(pl, 99), pm)
}

// finder is the Publisher: it classifies each record and stamps the time
// an object's first finding came out.
type finder struct {
	eng  *classifiers.Engine
	mu   sync.Mutex
	seen map[string]time.Time
}

func (f *finder) Record(_ context.Context, r s3.Record) error {
	if len(f.eng.ScanField(r.Field, r.Text)) == 0 {
		return nil
	}
	f.mu.Lock()
	if _, ok := f.seen[r.Object.Key]; !ok {
		f.seen[r.Object.Key] = time.Now()
	}
	f.mu.Unlock()
	return nil
}
func (f *finder) ObjectDone(context.Context, s3.ObjectResult) error          { return nil }
func (f *finder) ObjectDeleted(context.Context, s3.ObjectInfo, string) error { return nil }
func (f *finder) at(key string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.seen[key]
	return t, ok
}

func measure(c *s3.Client, eng *classifiers.Engine, n int, gap, timeout time.Duration, notify bool, poll time.Duration) ([]float64, int) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var b [4]byte
	rand.Read(b[:])
	bucket := "weir-bench-" + hex.EncodeToString(b[:])
	if err := c.MakeBucket(ctx, bucket, false); err != nil {
		fail(err)
	}
	defer c.RemoveBucket(context.Background(), bucket)
	f := &finder{eng: eng, seen: map[string]time.Time{}}
	tl, err := s3.NewTailer(c, f, s3.TailerConfig{Targets: []s3.Target{{Bucket: bucket, Prefix: "in/"}}, Notifications: notify, PollInterval: poll, Logf: func(f string, a ...any) { fmt.Fprintf(os.Stderr, time.Now().Format("05.000 ")+f+"\n", a...) }})
	if err != nil {
		fail(err)
	}
	go tl.Run(ctx)
	time.Sleep(time.Second) // the first poll and the notification listener
	put := map[string]time.Time{}
	for i := range n {
		key := fmt.Sprintf("in/%04d.jsonl", i)
		body := fmt.Sprintf(`{"id":%d,"contact":"customer%d.quill@fastmail.com"}`, i, i)
		if _, err := c.Put(ctx, bucket, key, strings.NewReader(body), int64(len(body))); err != nil {
			fail(err)
		}
		put[key] = time.Now()
		time.Sleep(gap)
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if f.count() >= n {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	var lat []float64
	missed := 0
	for key, t0 := range put {
		t1, ok := f.at(key)
		if !ok || t1.Sub(t0) > timeout {
			missed++
			continue
		}
		lat = append(lat, float64(t1.Sub(t0).Microseconds())/1000)
	}
	sort.Float64s(lat)
	return lat, missed
}

func pct(sorted []float64, p int) string {
	if len(sorted) == 0 {
		return "NA"
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return fmt.Sprintf("%.0f", sorted[max(i, 0)])
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "taillatency:", err)
	os.Exit(1)
}

func (f *finder) count() int { f.mu.Lock(); defer f.mu.Unlock(); return len(f.seen) }
