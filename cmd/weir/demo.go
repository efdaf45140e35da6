package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/pipeline/workload"
	"github.com/weir-dev/weir/sources/kafka"
)

func runDemo(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("demo", io)
	var f runFlags
	f.register(fs)
	records := fs.Int("records", 50000, "sample records to feed")
	seed := fs.Uint64("seed", 1, "workload seed")
	timeout := fs.Duration("timeout", 50*time.Second, "give up after this long")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir demo [flags]

Starts an embedded Kafka broker (franz-go kfake, data in --data-dir), feeds
it a sample workload (support tickets, clinical notes as JSON, source code
with keys, RAG documents as weir envelopes, a few broken records), runs the
pipeline over it with a live progress line, and prints a summary with the
commands to inspect the output topics. The data directory is recreated on
every run. Takes the flags of weir run.`)
		fs.PrintDefaults()
	}
	// Demo defaults: its own data directory, any free port, secrets quarantined.
	_ = fs.Set("data-dir", ".weir/demo")
	_ = fs.Set("port", "0")
	_ = fs.Set("quarantine-types", "SECRET")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if f.brokers != "" {
		return fail(io, "demo", fmt.Errorf("the demo runs on its embedded broker; use weir run --brokers for a cluster"))
	}
	f.embedded = true
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()

	t0 := time.Now()
	proc, err := f.processor(getenv)
	if err != nil {
		return fail(io, "demo", err)
	}
	if f.dataDir != "" {
		if err := os.RemoveAll(f.dataDir); err != nil {
			return fail(io, "demo", err)
		}
	}
	quiet := func(string, ...any) {}
	conn, closeB, err := f.connectQuiet(ctx, getenv)
	if err != nil {
		return fail(io, "demo", err)
	}
	closeBroker := sync.OnceFunc(closeB)
	defer closeBroker()
	cfg, err := f.config(conn)
	if err != nil {
		return fail(io, "demo", err)
	}
	stats := new(pipeline.Stats)
	cfg.Stats, cfg.Logf = stats, quiet
	fmt.Fprintf(io.err, "weir demo: embedded broker at %s, feeding %d sample records to %s ...\n", strings.Join(conn.Brokers, ","), *records, cfg.Topics[0])
	if err := workload.Feed(ctx, conn, cfg.Topics[0], *records, *seed, 500); err != nil {
		return fail(io, "demo", err)
	}
	runCtx, stopRun := context.WithCancel(ctx)
	runErr := make(chan error, 1)
	start := time.Now()
	go func() { runErr <- pipeline.Run(runCtx, cfg, proc) }()

	tty := isTerminal(io.err)
	tick := time.NewTicker(250 * time.Millisecond)
	prev, last := int64(0), start
	var rate float64
wait:
	for stats.Records.Load() < int64(*records) {
		select {
		case <-ctx.Done():
			break wait
		case err := <-runErr:
			runErr <- err
			break wait
		case now := <-tick.C:
			if tty {
				line := stats.Line(prev, now.Sub(last).Seconds(), 3)
				if len(line) > 150 {
					line = line[:150] // one terminal row on most screens: \r must not leave wrapped rows behind
				}
				fmt.Fprintf(io.err, "\r\033[K%s", line)
				prev, last = stats.Records.Load(), now
			}
		}
	}
	tick.Stop()
	elapsed := time.Since(start)
	stopRun()
	err = <-runErr
	if tty {
		fmt.Fprint(io.err, "\r\033[K")
	}
	closeBroker() // persists the topics for weir topic tail
	n := stats.Records.Load()
	if elapsed > 0 {
		rate = float64(n) / elapsed.Seconds()
	}
	if err != nil {
		return fail(io, "demo", err)
	}
	if n < int64(*records) {
		return fail(io, "demo", fmt.Errorf("only %d of %d records processed before the timeout", n, *records))
	}
	printDemoSummary(io, stats, f, rate, time.Since(t0))
	return exitOK
}

// connectQuiet is connect without the start-up log line.
func (f *runFlags) connectQuiet(ctx context.Context, getenv getenvFunc) (kafka.Conn, func(), error) {
	return f.connect(ctx, getenv, discardLogger())
}

func printDemoSummary(io stdio, s *pipeline.Stats, f runFlags, rate float64, total time.Duration) {
	w := io.out
	fmt.Fprintf(w, "weir demo: %d records in %.1fs (%.0f records/s through the pipeline, %d cores)\n",
		s.Records.Load(), total.Seconds(), rate, cores())
	fmt.Fprintf(w, "  %-16s %d (redacted copies)\n", f.out.Clean, s.Clean.Load())
	fmt.Fprintf(w, "  %-16s %d (records with a %s finding, held back)\n", f.out.Quarantine, s.Quarantine.Load(), f.quarantine)
	fmt.Fprintf(w, "  %-16s %d (undecodable records; reason in the weir.reason header)\n", f.out.DLQ, s.DLQ.Load())
	fmt.Fprintf(w, "  %-16s %d events (one per record with findings)\n\nfindings by type:\n", f.out.Findings, s.WithFinds.Load())
	for _, tc := range s.Types() {
		fmt.Fprintf(w, "  %-28s %d\n", tc.Type, tc.Count)
	}
	dir := f.dataDir
	fmt.Fprintf(w, "\nThe broker's data is in %s. Inspect the output topics:\n", dir)
	for _, t := range []string{f.out.Findings, f.out.Clean, f.out.Quarantine, f.out.DLQ} {
		fmt.Fprintf(w, "  go run ./cmd/weir topic tail --data-dir %s --max 3 %s\n", dir, t)
	}
	fmt.Fprintf(w, "Keep the broker running and point your own producers at it:\n  go run ./cmd/weir run --embedded --data-dir %s --port 9092\n", dir)
}
