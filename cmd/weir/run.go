package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
)

func runRun(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("run", io)
	var o runOpts
	o.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir run (--brokers HOST:PORT,... | --embedded | --config FILE) [flags]

Consumes --topics in consumer group --group, classifies every record and
writes weir.findings (events, no raw values), weir.clean (redacted),
weir.quarantine (--quarantine-types) and weir.dlq (undecodable, oversized,
unclassifiable; reason in the weir.reason header). At-least-once by default;
--exactly-once uses Kafka transactions. Stops cleanly on SIGINT/SIGTERM.

Settings come from flags, then the environment, then the --config YAML file
(default $WEIR_CONFIG), then the defaults: a key path such as batch.records
is read from WEIR_BATCH_RECORDS. 'weir config check FILE' validates a file
and prints the effective settings. Credentials come from the environment
only: WEIR_KAFKA_SASL_MECHANISM (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512),
WEIR_KAFKA_SASL_USERNAME, WEIR_KAFKA_SASL_PASSWORD or
WEIR_KAFKA_SASL_PASSWORD_FILE; WEIR_KAFKA_TLS=1, WEIR_KAFKA_TLS_CA_FILE,
WEIR_KAFKA_TLS_CERT_FILE/_KEY_FILE (the file may name the *_FILE paths).`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "run", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if o.config == "" {
		o.config = getenv(envConfig)
	}
	getenv, _, err := applyConfig(fs, o.config, getenv)
	if err != nil {
		return fail(io, "run", err)
	}
	if err := o.validate(); err != nil {
		return fail(io, "run", err)
	}
	log, _ := newLogger(io.err, o.logFormat, o.logLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	proc, err := o.processor(getenv)
	if err != nil {
		return fail(io, "run", err)
	}
	conn, closeBroker, err := o.connect(ctx, getenv, log)
	if err != nil {
		return fail(io, "run", err)
	}
	defer closeBroker()
	cfg, err := o.runFlags.config(conn)
	if err != nil {
		return fail(io, "run", err)
	}
	stats := new(pipeline.Stats)
	cfg.Stats = stats
	cfg.Logf = func(format string, a ...any) { log.Warn(fmt.Sprintf(format, a...)) }
	log.Info("weir run started", "brokers", conn.Brokers, "topics", cfg.Topics, "group", cfg.Group,
		"exactly_once", cfg.ExactlyOnce, "classify", o.classify, "config", o.config)
	var running atomic.Bool
	if o.httpAddr != "" {
		// Not ready before the pipeline runs nor once shutdown begins.
		ready := func() bool { return running.Load() && ctx.Err() == nil }
		srv, err := serveOps(o.httpAddr, stats, ready)
		if err != nil {
			return fail(io, "run", err)
		}
		defer srv.Close()
		log.Info("serving /metrics, /healthz and /readyz", "addr", o.httpAddr)
	}
	done := make(chan struct{})
	go statusLoop(done, o.statusEvery, stats, func(line string) { log.Info(line) })
	running.Store(true)
	err = pipeline.Run(ctx, cfg, proc)
	running.Store(false)
	close(done)
	log.Info("weir run stopped", "status", stats.Line(0, 0, 5))
	if err != nil {
		log.Error("weir run failed", "err", err)
		return fail(io, "run", err)
	}
	return exitOK
}

// connect starts the embedded broker (with --embedded) or reads the
// connection settings, and creates the topics weir needs.
func (f *runFlags) connect(ctx context.Context, getenv getenvFunc, log *slog.Logger) (kafka.Conn, func(), error) {
	nop := func() {}
	var conn kafka.Conn
	var topics []string
	switch {
	case f.embedded && f.brokers != "":
		return conn, nop, fmt.Errorf("--embedded and --brokers exclude each other")
	case f.embedded:
		if f.dataDir != "" {
			if err := os.MkdirAll(f.dataDir, 0o700); err != nil {
				return conn, nop, err
			}
		}
		b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{DataDir: f.dataDir, Port: f.port, Partitions: f.partitions})
		if err != nil {
			return conn, nop, err
		}
		log.Info("embedded broker (franz-go kfake) listening", "addr", b.Addrs(), "data_dir", f.dataDir)
		conn = kafka.Conn{Brokers: b.Addrs()}
		if !f.regex {
			topics = splitList(f.topics)
		}
		nop = b.Close
	default:
		if f.brokers == "" {
			return conn, nop, fmt.Errorf("--brokers is required (or --embedded)")
		}
		var err error
		if conn, err = kafka.ConnFromEnv(splitList(f.brokers), getenv); err != nil {
			nop()
			return conn, nop, err
		}
	}
	if f.createTopics {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if err := kafka.CreateTopics(cctx, conn, int32(f.partitions), append(topics, f.out.All()...)...); err != nil {
			nop()
			return conn, func() {}, err
		}
	}
	return conn, nop, nil
}

// serveOps serves the operational endpoints: /metrics (the pipeline's
// counters), /healthz (the process is up) and /readyz (ready reports the
// pipeline running).
func serveOps(addr string, stats *pipeline.Stats, ready func() bool) (*http.Server, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--http-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		_ = stats.WriteMetrics(w)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !ready() {
			http.Error(w, "not running", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, nil
}

// statusLoop calls emit with a status line every interval until done.
func statusLoop(done <-chan struct{}, every time.Duration, s *pipeline.Stats, emit func(string)) {
	if every <= 0 {
		return
	}
	t := time.NewTicker(every)
	defer t.Stop()
	prev, last := int64(0), time.Now()
	for {
		select {
		case <-done:
			return
		case now := <-t.C:
			emit(s.Line(prev, now.Sub(last).Seconds(), 5))
			prev, last = s.Records.Load(), now
		}
	}
}

// isTerminal reports whether w is a character device (a TTY).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
