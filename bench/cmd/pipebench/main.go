// Command pipebench measures weir's streaming pipeline end to end against
// the embedded broker (franz-go kfake, in this process, on the same cores):
// records/s for 1 KB and 4 KB records with classification and with
// classification switched off (the no-op pipeline) in the same run, their
// ratio, p50/p99 record latency (produce to all outputs acknowledged) at
// half the classifying pipeline's maximum 1 KB rate, and the peak RSS of
// the process (broker included: kfake keeps every record of every topic in
// memory, so this grows with the records written, unlike the pipeline's own
// in-flight bytes, reported as inflight_peak_mb). bench/run pipeline runs it; the last line
// is key=value pairs (DESIGN.md, Benchmarks).
//
//	go run ./bench/cmd/pipebench [-quick] [-records1k N] [-records4k N] [-latency-seconds S]
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/bench/internal/corpus"
	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
)

const partitions = 4

func main() {
	quick := flag.Bool("quick", false, "short run (under a minute)")
	n1k := flag.Int("records1k", 200000, "1 KB records per pipeline run")
	n4k := flag.Int("records4k", 60000, "4 KB records per pipeline run")
	latSec := flag.Float64("latency-seconds", 10, "length of the latency run")
	seed := flag.Uint64("seed", 1, "corpus seed")
	cpuprof := flag.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE`")
	frac := flag.Float64("latency-frac", 0.5, "latency run rate as a fraction of the measured 1 KB maximum")
	flag.Parse()
	if *quick {
		*n1k, *n4k, *latSec = 20000, 6000, 3
	}
	if *cpuprof != "" {
		f, err := os.Create(*cpuprof)
		must(err)
		must(pprof.StartCPUProfile(f))
		defer pprof.StopCPUProfile()
	}
	load1 := loadAvg()
	if n := float64(runtime.NumCPU()); load1 > n/2 {
		logf("WARNING: load average %.2f on %.0f cores: other processes compete for the CPUs and the broker shares them too", load1, n)
	}
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		log.Fatal(err)
	}
	red, err := redact.New(redact.Policy{Default: redact.OpType}, nil)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	type result struct{ rate, noop float64 }
	var inflightPeak int64
	var eosRate float64
	res := map[int]result{}
	for _, sz := range []struct{ size, n int }{{1024, *n1k}, {4096, *n4k}} {
		conn, stop := broker()
		in := "in-" + strconv.Itoa(sz.size)
		must(kafka.CreateTopics(ctx, conn, partitions, in))
		t0 := time.Now()
		must(feed(ctx, conn, in, sz.n, sz.size, *seed))
		logf("%d x %d B records produced in %.1fs", sz.n, sz.size, time.Since(t0).Seconds())
		var r result
		for _, classify := range []bool{false, true} {
			rate, peak := runOnce(ctx, conn, in, sz.n, sz.size, classify, false, eng, red)
			inflightPeak = max(inflightPeak, peak)
			if classify {
				r.rate = rate
			} else {
				r.noop = rate
			}
		}
		if sz.size == 1024 {
			// The same records read-process-written in Kafka transactions
			// (--exactly-once), on the same broker.
			eosRate, _ = runOnce(ctx, conn, in, sz.n, sz.size, true, true, eng, red)
		}
		res[sz.size] = r
		stop()
	}
	engRate := engineRate(eng, *n1k, 1024, *seed)
	conn, stop := broker()
	p50, p99, latRate := latency(ctx, conn, res[1024].rate*(*frac), *latSec, *seed, eng, red)
	stop()
	rss := peakRSSMB()
	r1, r4 := res[1024], res[4096]
	fmt.Printf("bench=pipeline rec_per_s_1k=%.0f noop_rec_per_s_1k=%.0f ratio_1k=%.2f mb_per_s_1k=%.1f "+
		"rec_per_s_4k=%.0f noop_rec_per_s_4k=%.0f ratio_4k=%.2f mb_per_s_4k=%.1f "+
		"p50_ms=%.1f p99_ms=%.1f latency_rate=%.0f peak_rss_mb=%.0f inflight_peak_mb=%.1f cores=%d records_1k=%d records_4k=%d "+
		"engine_rec_per_s_1k=%.0f pipeline_vs_engine_1k=%.2f eos_rec_per_s_1k=%.0f eos_vs_alo_1k=%.2f target_rec_per_s_1k=150000 load1=%.2f quick=%v\n",
		r1.rate, r1.noop, r1.rate/r1.noop, r1.rate*1024/1e6,
		r4.rate, r4.noop, r4.rate/r4.noop, r4.rate*4096/1e6,
		p50, p99, latRate, rss, float64(inflightPeak)/1e6, runtime.GOMAXPROCS(0), *n1k, *n4k,
		engRate, r1.rate/engRate, eosRate, eosRate/r1.rate, load1, *quick)
}

// broker starts a fresh embedded broker for one phase; stop closes it and
// returns its memory (kfake keeps every record in memory, and a large heap
// left over from an earlier phase would tax the next one with GC work).
func broker() (kafka.Conn, func()) {
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: partitions})
	must(err)
	return kafka.Conn{Brokers: b.Addrs()}, func() {
		b.Close()
		runtime.GC()
		debug.FreeOSMemory()
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func logf(format string, a ...any) { fmt.Fprintf(os.Stderr, "pipebench: "+format+"\n", a...) }

// feed produces n corpus records of size bytes (the bench corpus: mixed
// content families, one sensitive value per 1-3 KB).
func feed(ctx context.Context, conn kafka.Conn, topic string, n, size int, seed uint64) error {
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		return err
	}
	defer p.Close()
	g := corpus.New(seed, corpus.Realistic)
	var failed atomic.Value
	for i := range n {
		m := kafka.Message{Topic: topic, Key: []byte(strconv.Itoa(i)), Value: g.Mixed(size)}
		p.Produce(ctx, m, func(err error) {
			if err != nil {
				failed.Store(err)
			}
		})
	}
	if err := p.Flush(ctx); err != nil {
		return err
	}
	if err, _ := failed.Load().(error); err != nil {
		return err
	}
	return nil
}

func processor(classify bool, eng *classifiers.Engine, red *redact.Redactor, prefix string) *pipeline.Processor {
	pc := pipeline.ProcessorConfig{Format: pipeline.FormatText,
		Topics: pipeline.Topics{Findings: prefix + ".findings", Clean: prefix + ".clean", Quarantine: prefix + ".quarantine", DLQ: prefix + ".dlq"}}
	if classify {
		pc.Engine, pc.Redactor = eng, red
	}
	p, err := pipeline.NewProcessor(pc)
	must(err)
	return p
}

// runOnce runs the pipeline over topic (a fresh group; with eos, in Kafka
// transactions) until n records are done and returns records/s from the
// first to the last acknowledgement, and the pipeline's in-flight peak in
// bytes.
func runOnce(ctx context.Context, conn kafka.Conn, topic string, n, size int, classify, eos bool, eng *classifiers.Engine, red *redact.Redactor) (float64, int64) {
	mode := "noop"
	if classify {
		mode = "classify"
	}
	if eos {
		mode = "eos"
	}
	prefix := "out-" + mode + "-" + strconv.Itoa(size)
	proc := processor(classify, eng, red, prefix)
	must(kafka.CreateTopics(ctx, conn, partitions, proc.Topics().All()...))
	var st pipeline.Stats
	var mu sync.Mutex
	var first, last time.Time
	var firstCount int64
	cfg := pipeline.Config{Conn: conn, Group: "bench-" + prefix, Topics: []string{topic}, Stats: &st,
		ExactlyOnce: eos, TransactionalID: "bench-" + prefix,
		OnAcked: func(time.Time) {
			now := time.Now()
			mu.Lock()
			if first.IsZero() {
				first, firstCount = now, st.Records.Load()
			}
			last = now
			mu.Unlock()
		}}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- pipeline.Run(rctx, cfg, proc) }()
	for st.Records.Load() < int64(n) {
		select {
		case err := <-done:
			log.Fatalf("pipeline stopped early: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	cancel()
	must(<-done)
	mu.Lock()
	defer mu.Unlock()
	el := last.Sub(first).Seconds()
	rate := float64(int64(n)-firstCount) / max(el, 1e-9)
	logf("%-8s %d B: %d records, %.0f records/s (%.1f MB/s), %d with findings, in-flight peak %.1f MB",
		mode, size, n, rate, rate*float64(size)/1e6, st.WithFinds.Load(), float64(st.InflightPeak.Load())/1e6)
	return rate, st.InflightPeak.Load()
}

// latency produces 1 KB records at rate records/s for sec seconds into a
// fresh topic while the classifying pipeline runs, and returns p50 and p99
// of produce-to-acknowledged latency in ms (the first second is warm-up).
func latency(ctx context.Context, conn kafka.Conn, rate, sec float64, seed uint64, eng *classifiers.Engine, red *redact.Redactor) (p50, p99, achieved float64) {
	const topic = "in-latency"
	must(kafka.CreateTopics(ctx, conn, partitions, topic))
	proc := processor(true, eng, red, "out-latency")
	must(kafka.CreateTopics(ctx, conn, partitions, proc.Topics().All()...))
	var mu sync.Mutex
	var lats []float64
	start := time.Now()
	warm := start.Add(time.Second)
	cfg := pipeline.Config{Conn: conn, Group: "bench-latency", Topics: []string{topic}, Linger: time.Millisecond,
		OnAcked: func(ts time.Time) {
			if ts.After(warm) {
				d := float64(time.Since(ts).Microseconds()) / 1000
				mu.Lock()
				lats = append(lats, d)
				mu.Unlock()
			}
		}}
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- pipeline.Run(rctx, cfg, proc) }()
	// Let the group form before the clock starts.
	time.Sleep(2 * time.Second)
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{Linger: time.Millisecond})
	must(err)
	g := corpus.New(seed+1, corpus.Realistic)
	vals := make([][]byte, 1000)
	for i := range vals {
		vals[i] = g.Mixed(1024)
	}
	start = time.Now()
	warm = start.Add(time.Second)
	total := int(rate * sec)
	for i := range total {
		due := start.Add(time.Duration(float64(i) / rate * float64(time.Second)))
		if d := time.Until(due); d > 0 {
			time.Sleep(d)
		}
		p.Produce(ctx, kafka.Message{Topic: topic, Key: []byte(strconv.Itoa(i)), Value: vals[i%len(vals)]}, func(error) {})
	}
	must(p.Flush(ctx))
	achieved = float64(total) / time.Since(start).Seconds()
	p.Close()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(lats)
		mu.Unlock()
		if n >= total-int(rate) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	must(<-done)
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(lats)
	if len(lats) == 0 {
		return 0, 0, achieved
	}
	pct := func(q float64) float64 { return lats[min(len(lats)-1, int(q*float64(len(lats))))] }
	logf("latency at %.0f records/s (target %.0f) for %.0fs: %d samples, p50 %.1f ms, p99 %.1f ms", achieved, rate, sec, len(lats), pct(0.5), pct(0.99))
	return pct(0.5), pct(0.99), achieved
}

// engineRate is the classifier alone on the same 1 KB records (Scan on
// GOMAXPROCS goroutines, no Kafka, no redaction): the ceiling for the
// classifying pipeline.
func engineRate(eng *classifiers.Engine, n, size int, seed uint64) float64 {
	g := corpus.New(seed, corpus.Realistic)
	recs := make([][]byte, n)
	for i := range recs {
		recs[i] = g.Mixed(size)
	}
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(n); i = next.Add(1) - 1 {
				eng.Scan(recs[i])
			}
		}()
	}
	wg.Wait()
	rate := float64(n) / time.Since(start).Seconds()
	logf("engine alone %d B: %.0f records/s (%.1f MB/s) on %d goroutines", size, rate, rate*float64(size)/1e6, workers)
	return rate
}

// loadAvg is the 1-minute load average (0 if unknown).
func loadAvg() float64 {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0
	}
	v, _ := strconv.ParseFloat(f[0], 64)
	return v
}

// peakRSSMB is this process's peak resident set (VmHWM), broker included.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
