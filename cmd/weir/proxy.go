package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/vectordb"
)

func runProxy(args []string, io stdio, getenv getenvFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return proxy(ctx, args, io, getenv, nil)
}

// kafkaEvents publishes the proxy's events with the franz-go producer.
type kafkaEvents struct{ p *kafka.Producer }

func (k kafkaEvents) Publish(ctx context.Context, topic string, key, value []byte, done func(error)) {
	k.p.Produce(ctx, kafka.Message{Topic: topic, Key: key, Value: value}, done)
}

// proxyAddrs is what a started proxy listens on (for tests).
type proxyAddrs struct{ proxy, ops net.Addr }

// proxy runs the vector-DB proxy until ctx ends.
func proxy(ctx context.Context, args []string, io stdio, getenv getenvFunc, started func(proxyAddrs)) int {
	fs := newFlagSet("proxy", io)
	var ef engineFlags
	ef.register(fs)
	addr := fs.String("addr", "127.0.0.1:8082", "listen `ADDRESS` of the proxy")
	upstream := fs.String("upstream", "", "the vector database's base `URL` (required), e.g. http://qdrant:6333")
	kind := fs.String("kind", "auto", "API of the upstream: qdrant, pinecone, chroma, weaviate, or auto (by path)")
	rulesFile := fs.String("rules", "", "YAML `FILE` of per-collection modes, fields and operators (docs/vectordb.md)")
	mode := fs.String("mode", "", "default mode when the rules file sets none: observe (default) or enforce")
	var evf eventFlags
	evf.register(fs, ".weir/proxy", true)
	httpAddr := fs.String("http-addr", "127.0.0.1:9465", "serve /metrics, /healthz and /readyz on this `ADDRESS` (empty: off)")
	maxBody := fs.Int64("max-body-bytes", vectordb.DefaultMaxBodyBytes, "largest upsert body inspected (after gzip decoding)")
	upTimeout := fs.Duration("upstream-timeout", vectordb.DefaultUpstreamTimeout, "wait for the upstream's response headers (504 after)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "texts of one upsert classified in parallel")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir proxy --upstream URL (--brokers HOST:PORT,... | --embedded | --no-events) [flags]

An HTTP reverse proxy in front of a vector database (Qdrant, Pinecone,
Chroma, Weaviate). Upserts are classified per collection: observe forwards
them unchanged and publishes a capture event; enforce redacts the text
fields before forwarding, or answers 403 when policy forbids indexing the
content. Every other request passes through untouched. Kafka credentials
come from the WEIR_KAFKA_* environment (see weir run -h); the token keyring
for hash/tokenize operators from $WEIR_TOKEN_KEYS or $WEIR_TOKEN_KEYS_FILE.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "proxy", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	log, err := newLogger(io.err, *logFormat, *logLevel)
	if err != nil {
		return fail(io, "proxy", err)
	}
	up, err := url.Parse(*upstream)
	if err != nil || *upstream == "" || (up.Scheme != "http" && up.Scheme != "https") || up.Host == "" {
		return fail(io, "proxy", errors.New("--upstream must be an http(s) URL (e.g. http://127.0.0.1:6333)"))
	}
	if up.User != nil {
		return fail(io, "proxy", errors.New("--upstream must not carry credentials; the proxy forwards the clients' own headers"))
	}
	k, err := vectordb.ParseKind(*kind)
	if err != nil {
		return fail(io, "proxy", err)
	}
	var rules vectordb.Rules
	if *rulesFile != "" {
		if rules, err = vectordb.LoadRules(*rulesFile); err != nil {
			return fail(io, "proxy", err)
		}
	}
	if *mode != "" && rules.Default.Mode == "" {
		rules.Default.Mode = vectordb.Mode(*mode)
	}
	kr, err := keyring(getenv)
	if err != nil {
		return fail(io, "proxy", err)
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "proxy", err)
	}
	in, err := vectordb.NewInspector(eng, rules, kr, *workers)
	if err != nil {
		return fail(io, "proxy", err)
	}
	pub, closeEvents, err := evf.connect(ctx, getenv, log)
	if err != nil {
		return fail(io, "proxy", err)
	}
	defer closeEvents()
	cfg := vectordb.Config{Upstream: up, Kind: k, Inspector: in, Publisher: pub, CaptureTopic: evf.captureTopic,
		LineageTopic: evf.lineageTopic, MaxBodyBytes: *maxBody, UpstreamTimeout: *upTimeout, Logger: log}
	p, err := vectordb.New(cfg)
	if err != nil {
		return fail(io, "proxy", err)
	}
	var ready atomic.Bool
	var addrs proxyAddrs
	if *httpAddr != "" {
		ops, ln, err := proxyOps(*httpAddr, p, &ready)
		if err != nil {
			return fail(io, "proxy", err)
		}
		defer ops.Close()
		addrs.ops = ln
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(io, "proxy", err)
	}
	addrs.proxy = ln.Addr()
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("proxy listening", "addr", ln.Addr().String(), "upstream", up.Scheme+"://"+up.Host, "kind", string(k))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	ready.Store(true)
	if started != nil {
		started(addrs)
	}
	select {
	case err = <-errc:
	case <-ctx.Done():
		ready.Store(false)
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		err = srv.Shutdown(sctx)
		if cerr := p.Close(sctx); cerr != nil && err == nil {
			err = cerr
		}
		cancel()
		<-errc
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(io, "proxy", err)
	}
	return exitOK
}

// proxyOps serves /metrics, /healthz and /readyz.
func proxyOps(addr string, p *vectordb.Proxy, ready *atomic.Bool) (*http.Server, net.Addr, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, nil, fmt.Errorf("--http-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/metrics", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		p.WriteMetrics(w)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !ready.Load() {
			http.Error(w, "not running", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, ln.Addr(), nil
}

// eventFlags choose where capture events and lineage edges go (weir proxy,
// weir pgcapture).
type eventFlags struct {
	brokers, dataDir, captureTopic, lineageTopic string
	embedded, noEvents, createTopics             bool
	port, partitions                             int
}

func (f *eventFlags) register(fs *flag.FlagSet, dataDir string, allowNone bool) {
	fs.StringVar(&f.brokers, "brokers", "", "Kafka bootstrap brokers for capture events (host:port,...)")
	fs.BoolVar(&f.embedded, "embedded", false, "start an in-process Kafka broker (franz-go kfake) instead of --brokers")
	fs.StringVar(&f.dataDir, "data-dir", dataDir, "embedded broker's data `directory` (empty: memory only)")
	fs.IntVar(&f.port, "port", 0, "embedded broker's loopback port (0: any free port)")
	if allowNone {
		fs.BoolVar(&f.noEvents, "no-events", false, "publish no events (no Kafka needed); metrics only")
	}
	fs.StringVar(&f.captureTopic, "capture-topic", vectordb.DefaultCaptureTopic, "topic of capture events")
	fs.StringVar(&f.lineageTopic, "lineage-topic", vectordb.DefaultLineageTopic, "topic of lineage edges")
	fs.BoolVar(&f.createTopics, "create-topics", true, "create the two topics if missing")
	fs.IntVar(&f.partitions, "partitions", 4, "partitions of created topics")
}

// connect returns the events publisher (nil with --no-events) and a
// function that flushes it and stops what was started.
func (f *eventFlags) connect(ctx context.Context, getenv getenvFunc, log *slog.Logger) (vectordb.Publisher, func(), error) {
	nop := func() {}
	switch {
	case f.noEvents && (f.embedded || f.brokers != ""):
		return nil, nop, errors.New("--no-events excludes --brokers and --embedded")
	case f.noEvents:
		return nil, nop, nil
	case f.embedded && f.brokers != "":
		return nil, nop, errors.New("--embedded and --brokers exclude each other")
	case !f.embedded && f.brokers == "":
		return nil, nop, errors.New("--brokers is required (or --embedded, or --no-events where available)")
	}
	var conn kafka.Conn
	var stops []func()
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	if f.embedded {
		if f.dataDir != "" {
			if err := os.MkdirAll(f.dataDir, 0o700); err != nil {
				return nil, nop, err
			}
		}
		b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{DataDir: f.dataDir, Port: f.port, Partitions: f.partitions})
		if err != nil {
			return nil, nop, err
		}
		stops = append(stops, b.Close)
		log.Info("embedded broker (franz-go kfake) listening", "addr", b.Addrs(), "data_dir", f.dataDir)
		conn = kafka.Conn{Brokers: b.Addrs()}
	} else {
		var err error
		if conn, err = kafka.ConnFromEnv(splitList(f.brokers), getenv); err != nil {
			return nil, nop, err
		}
	}
	if f.createTopics {
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := kafka.CreateTopics(cctx, conn, int32(f.partitions), f.captureTopic, f.lineageTopic)
		cancel()
		if err != nil {
			stop()
			return nil, nop, err
		}
	}
	prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		stop()
		return nil, nop, err
	}
	stops = append(stops, prod.Close, func() {
		fctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if err := prod.Flush(fctx); err != nil {
			log.Warn("events not flushed", "error", err.Error())
		}
		cancel()
	})
	return kafkaEvents{prod}, stop, nil
}
