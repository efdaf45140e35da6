package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/sources/kafka"
)

// Getting data into the lineage store: weir lineage ingest (files), serve
// (HTTP and Kafka) and observe (weir scan reports).

// splitEvents returns the events of a file: one JSON document, or JSON
// lines.
func splitEvents(b []byte) [][]byte {
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return nil
	}
	// A whole-file document first: pretty-printed events span lines.
	if ev, err := openlineage.Decode(t); err == nil && ev != nil {
		return [][]byte{t}
	}
	var out [][]byte
	for _, line := range bytes.Split(t, []byte("\n")) {
		if l := bytes.TrimSpace(line); len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

func lineageIngest(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("lineage ingest", io)
	dsn := storeFlag(fs)
	rules := classifierFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage ingest [flags] FILE...

Stores the OpenLineage events of each FILE (one JSON event, or one per line;
- for stdin). Invalid events are reported with their file and line and
skipped; exit status 2 if any was.`)
		fs.PrintDefaults()
	}
	files, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return exitError
	}
	cls, err := openlineage.NewClassifier(*rules)
	if err != nil {
		return fail(io, "lineage ingest", err)
	}
	st, err := openStore(ctx, *dsn, getenv, true)
	if err != nil {
		return fail(io, "lineage ingest", err)
	}
	defer st.Close()
	in := openlineage.NewIngester(st, cls)
	for _, f := range files {
		var b []byte
		if f == "-" {
			b, err = readAll(io.in)
		} else {
			b, err = os.ReadFile(f)
		}
		if err != nil {
			return fail(io, "lineage ingest", err)
		}
		events := splitEvents(b)
		invalid, err := in.IngestBatch(ctx, events)
		if err != nil {
			return fail(io, "lineage ingest", err)
		}
		for i, e := range invalid {
			if e != nil {
				where := f
				if len(events) > 1 {
					where = fmt.Sprintf("%s: event %d", f, i+1)
				}
				fmt.Fprintf(io.err, "weir lineage ingest: %s: %v\n", where, e)
				code = exitError
			}
		}
	}
	acc, rej := in.Stats()
	fmt.Fprintf(io.err, "weir lineage ingest: %d events stored, %d rejected\n", acc, rej)
	return code
}

func lineageServe(ctx context.Context, args []string, io stdio, getenv getenvFunc, started func(net.Addr)) int {
	fs := newFlagSet("lineage serve", io)
	dsn := storeFlag(fs)
	rules := classifierFlags(fs)
	addr := fs.String("addr", "127.0.0.1:5000", "HTTP listen `ADDRESS` (empty: no HTTP endpoint)")
	brokers := fs.String("brokers", "", "also consume OpenLineage events from Kafka at `host:port,...` (TLS and SASL from $WEIR_KAFKA_*)")
	topic := fs.String("topic", "weir.lineage", "Kafka `TOPIC` of OpenLineage events")
	group := fs.String("group", "weir-lineage", "Kafka consumer `GROUP`")
	noAuth := fs.Bool("insecure-no-auth", false, "serve a non-loopback --addr without API keys (anyone who reaches it can rewrite the lineage that policies rely on)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage serve [flags]

Receives OpenLineage events into the lineage store: over HTTP at
POST /api/v1/lineage (Marquez-compatible: point an OpenLineage client's
transport url at http://ADDR), and with --brokers from a Kafka topic, whose
offsets are committed only after the events are in the store.

API keys (the clients' api_key auth: Authorization: Bearer KEY) come from
$`+envLineageKeys+` or the file named by $`+envLineageKeysFile+`: entries
"id:sha256hex" (the SHA-256 of each key, never the key) separated by
newlines or ';'. Without keys only a loopback --addr is served, unless
--insecure-no-auth.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "lineage serve", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	if *addr == "" && *brokers == "" {
		return fail(io, "lineage serve", errors.New("nothing to serve: set --addr, --brokers or both"))
	}
	log, err := newLogger(io.err, *logFormat, *logLevel)
	if err != nil {
		return fail(io, "lineage serve", err)
	}
	cls, err := openlineage.NewClassifier(*rules)
	if err != nil {
		return fail(io, "lineage serve", err)
	}
	st, err := openStore(ctx, *dsn, getenv, true)
	if err != nil {
		return fail(io, "lineage serve", err)
	}
	defer st.Close()
	in := openlineage.NewIngester(st, cls)
	keys, err := lineageKeys(getenv)
	if err != nil {
		return fail(io, "lineage serve", err)
	}
	if *addr != "" && keys == nil && !*noAuth && !loopback(*addr) {
		return fail(io, "lineage serve", fmt.Errorf("--addr %s is not a loopback address: set API keys in $%s or $%s (or pass --insecure-no-auth)", *addr, envLineageKeys, envLineageKeysFile))
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	running := 0
	if *brokers != "" {
		conn, err := kafka.ConnFromEnv(splitList(*brokers), getenv)
		if err != nil {
			return fail(io, "lineage serve", err)
		}
		running++
		go func() { errc <- consumeLineage(ctx, conn, *topic, *group, in, log) }()
	}
	var srv *http.Server
	if *addr != "" {
		ln, err := net.Listen("tcp", *addr)
		if err != nil {
			cancel()
			return fail(io, "lineage serve", err)
		}
		log.Info("lineage ingest listening", "url", "http://"+ln.Addr().String()+openlineage.LineagePath, "store", st.Dialect(), "api_keys", keys != nil)
		if started != nil {
			started(ln.Addr())
		}
		h := openlineage.NewHandler(in, log)
		h.Keys = keys
		srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
		running++
		go func() {
			if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
				errc <- err
				return
			}
			errc <- nil
		}()
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errc:
		running--
	}
	cancel()
	if srv != nil {
		sctx, c := context.WithTimeout(context.Background(), 10*time.Second)
		_ = srv.Shutdown(sctx)
		c()
	}
	for ; running > 0; running-- {
		if err := <-errc; err != nil && first == nil {
			first = err
		}
	}
	acc, rej := in.Stats()
	log.Info("lineage ingest stopped", "stored", acc, "rejected", rej)
	if first != nil {
		return fail(io, "lineage serve", first)
	}
	return exitOK
}

// consumeLineage stores the events of topic and commits each batch's
// offsets only after the batch is in the store (at-least-once; ingestion is
// idempotent, so a replay after a crash changes nothing). Invalid events are
// logged with their offset and skipped; a store failure is retried with
// backoff, the batch held, until ctx ends.
func consumeLineage(ctx context.Context, conn kafka.Conn, topic, group string, in *openlineage.Ingester, log *slog.Logger) error {
	c, err := kafka.NewConsumer(conn, kafka.ConsumerConfig{
		Group: group, Topics: []string{topic},
		Logf: func(f string, a ...any) { log.Warn(fmt.Sprintf(f, a...)) },
	})
	if err != nil {
		return err
	}
	defer c.Close()
	log.Info("lineage consumer started", "topic", topic, "group", group)
	for {
		var recs []kafka.Record
		perr := c.Poll(ctx, 1000, func(rs []kafka.Record) { recs = rs })
		if len(recs) > 0 {
			if err := storeBatch(ctx, c, recs, in, log); err != nil {
				return err
			}
		}
		if perr != nil {
			if errors.Is(perr, kafka.ErrClosed) || ctx.Err() != nil {
				return nil
			}
			return perr
		}
	}
}

func storeBatch(ctx context.Context, c *kafka.Consumer, recs []kafka.Record, in *openlineage.Ingester, log *slog.Logger) error {
	vals := make([][]byte, len(recs))
	for i, r := range recs {
		vals[i] = r.Value
	}
	backoff := time.Second
	for {
		invalid, err := in.IngestBatch(context.WithoutCancel(ctx), vals)
		if err == nil {
			for i, e := range invalid {
				if e != nil {
					log.Warn("openlineage event rejected", "topic", recs[i].Topic, "partition", recs[i].Partition, "offset", recs[i].Offset, "reason", e.Error())
				}
			}
			break
		}
		log.Error("lineage store write failed; retrying the batch", "error", err.Error(), "events", len(recs), "backoff", backoff.String())
		select {
		case <-ctx.Done():
			return nil // not committed: the batch is read again after a restart
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 30*time.Second)
	}
	offs := map[kafka.TopicPartition]kafka.Offset{}
	for _, r := range recs {
		tp := kafka.TopicPartition{Topic: r.Topic, Partition: r.Partition}
		if o, ok := offs[tp]; !ok || r.Offset+1 > o.At {
			offs[tp] = kafka.Offset{At: r.Offset + 1, Epoch: r.LeaderEpoch}
		}
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := c.Commit(cctx, offs); err != nil {
		// Not fatal: the events are stored; a replay is harmless.
		log.Warn("lineage offsets not committed", "error", err.Error())
	}
	return nil
}

// scanDatasetRef names the dataset of a weir scan argument: an s3:// URL as
// OpenLineage names S3 (namespace s3://bucket, name the prefix), a local
// absolute path as file:///PATH (namespace "file://", so that the name
// round-trips through store.ParseRef).
func scanDatasetRef(ds string) (store.Ref, error) {
	if strings.Contains(ds, "://") {
		r, err := store.ParseRef("dataset:" + strings.TrimSuffix(ds, "/"))
		if err != nil {
			return r, err
		}
		return r, nil
	}
	if ds == "" {
		return store.Ref{}, errors.New("a dataset without a name")
	}
	abs, err := filepath.Abs(ds)
	if err != nil {
		return store.Ref{}, err
	}
	name := strings.TrimPrefix(filepath.ToSlash(abs), "/")
	if name == "" {
		return store.Ref{}, errors.New("the root directory is not a dataset")
	}
	return store.Ref{Kind: store.KindDataset, Namespace: "file://", Name: name}, nil
}

// lineageObserve adds the per-column profiles of weir scan --format json
// reports to the store as observations: per dataset and column, each entity
// type's count and maximum confidence (no fingerprints, no values).
func lineageObserve(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("lineage observe", io)
	dsn := storeFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage observe [flags] REPORT...

Records what weir scan found (REPORT: weir scan --format json output, - for
stdin) as observations of the scanned datasets: per column, each entity
type, its count and maximum confidence, seen now. Counts add up: observe a
report once. s3:// datasets are named as OpenLineage names S3 (namespace
s3://bucket, name the prefix), local paths as file:///ABSOLUTE/PATH.`)
		fs.PrintDefaults()
	}
	files, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		fs.Usage()
		return exitError
	}
	var obs []store.Observation
	for _, f := range files {
		var (
			b   []byte
			err error
		)
		if f == "-" {
			b, err = readAll(io.in)
		} else {
			b, err = os.ReadFile(f)
		}
		if err != nil {
			return fail(io, "lineage observe", err)
		}
		var rep jsonReport
		if err := json.Unmarshal(b, &rep); err != nil {
			return fail(io, "lineage observe", fmt.Errorf("%s: not a weir scan --format json report: %w", f, err))
		}
		for _, d := range rep.Datasets {
			ref, err := scanDatasetRef(d.Dataset)
			if err != nil {
				return fail(io, "lineage observe", fmt.Errorf("%s: dataset %q: %w", f, d.Dataset, err))
			}
			for _, c := range d.Columns {
				for _, ty := range c.Types {
					obs = append(obs, store.Observation{Dataset: ref, Field: c.Column, Type: ty.Type, Category: ty.Category,
						Count: int64(ty.Count), MaxConfidence: ty.MaxConfidence})
				}
			}
		}
	}
	st, err := openStore(ctx, *dsn, getenv, true)
	if err != nil {
		return fail(io, "lineage observe", err)
	}
	defer st.Close()
	if err := st.Update(ctx, func(tx *store.Tx) error { return tx.Observe(ctx, obs...) }); err != nil {
		return fail(io, "lineage observe", err)
	}
	fmt.Fprintf(io.err, "weir lineage observe: %d observations recorded\n", len(obs))
	return exitOK
}

// API keys of weir lineage serve, like every credential only from the
// environment or a file it names.
const (
	envLineageKeys     = "WEIR_LINEAGE_API_KEYS"
	envLineageKeysFile = "WEIR_LINEAGE_API_KEYS_FILE"
)

// lineageKeys reads the API keys; nil when none are configured.
func lineageKeys(getenv getenvFunc) (*openlineage.Keys, error) {
	v, err := secretFromEnv(getenv, envLineageKeys, envLineageKeysFile)
	if err != nil || v == nil {
		return nil, err
	}
	ks, err := openlineage.ParseKeys(string(v))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envLineageKeys, err)
	}
	return ks, nil
}

// loopback reports whether a listen address binds only the loopback
// interface.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
