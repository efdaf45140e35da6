package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/weir-dev/weir/classifiers/redact"
	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
)

// runFlags are the flags of weir run (weir demo uses a subset).
type runFlags struct {
	ef           engineFlags
	brokers      string
	topics       string
	regex        bool
	group        string
	format       string
	out          pipeline.Topics
	quarantine   string
	op           string
	perType      operatorFlags
	maskKeep     int
	maxRecord    string
	maxInflight  string
	batchBytes   string
	batchRecords int
	workers      int
	linger       time.Duration
	commitEvery  time.Duration
	exactlyOnce  bool
	txnID        string
	instanceID   string
	session      time.Duration
	classify     bool
	embedded     bool
	dataDir      string
	port         int
	partitions   int
	createTopics bool
}

func (f *runFlags) register(fs *flag.FlagSet) {
	f.ef.register(fs)
	def := pipeline.DefaultTopics()
	fs.StringVar(&f.brokers, "brokers", "", "Kafka bootstrap `host:port` list, comma-separated (TLS and SASL from $WEIR_KAFKA_*)")
	fs.StringVar(&f.topics, "topics", "weir.ingest", "input `topics`, comma-separated")
	fs.BoolVar(&f.regex, "topic-regex", false, "--topics are regular expressions")
	fs.StringVar(&f.group, "group", "weir", "consumer `group` (processes in one group share the partitions)")
	fs.StringVar(&f.format, "format", "auto", "record values: auto, text, json or envelope (a content-type header wins)")
	fs.StringVar(&f.out.Findings, "findings-topic", def.Findings, "findings events `topic`")
	fs.StringVar(&f.out.Clean, "clean-topic", def.Clean, "redacted records `topic`")
	fs.StringVar(&f.out.Quarantine, "quarantine-topic", def.Quarantine, "quarantined records `topic`")
	fs.StringVar(&f.out.DLQ, "dlq-topic", def.DLQ, "dead-letter `topic`")
	fs.StringVar(&f.quarantine, "quarantine-types", "", "`TYPES` or categories (PII, PHI, SECRET) whose findings quarantine a record, comma-separated")
	fs.StringVar(&f.op, "operator", string(redact.OpType), "redaction operator for weir.clean: mask, type, hash, tokenize or drop")
	f.perType = operatorFlags{}
	fs.Var(f.perType, "operator-for", "`TYPE=OP` operator for one type (repeatable)")
	fs.IntVar(&f.maskKeep, "mask-keep", redact.DefaultMaskKeep, "characters the mask operator keeps")
	fs.StringVar(&f.maxRecord, "max-record-bytes", "900KiB", "larger records go to the DLQ (without payload); keep outputs under the broker's message.max.bytes")
	fs.StringVar(&f.maxInflight, "max-inflight-bytes", "64MiB", "input bytes in flight before fetching pauses")
	fs.StringVar(&f.batchBytes, "batch-bytes", "4MiB", "a batch closes at this many bytes")
	fs.IntVar(&f.batchRecords, "batch-records", 1000, "a batch closes at this many records")
	fs.DurationVar(&f.linger, "linger", 5*time.Millisecond, "a batch closes this long after its first record")
	fs.DurationVar(&f.commitEvery, "commit-interval", 500*time.Millisecond, "how often acknowledged offsets are committed (at-least-once)")
	fs.IntVar(&f.workers, "workers", 0, "classification workers (default: all cores)")
	fs.BoolVar(&f.exactlyOnce, "exactly-once", false, "read-process-write in Kafka transactions (read_committed consumers see each output once)")
	fs.StringVar(&f.txnID, "transactional-id", "", "transactional `id` for --exactly-once, stable per instance (default weir-GROUP-HOSTNAME)")
	fs.StringVar(&f.instanceID, "instance-id", "", "static group member `id`: a restart takes its partitions back at once")
	fs.DurationVar(&f.session, "session-timeout", 0, "group session timeout (default 45s)")
	fs.BoolVar(&f.classify, "classify", true, "classify records (false: no-op pipeline, for benchmarks only)")
	fs.BoolVar(&f.embedded, "embedded", false, "start an in-process Kafka broker (franz-go kfake) instead of --brokers")
	fs.StringVar(&f.dataDir, "data-dir", ".weir/kafka", "embedded broker's data `directory` (kept across restarts; empty: memory only)")
	fs.IntVar(&f.port, "port", 9092, "embedded broker's loopback port (0: any free port)")
	fs.IntVar(&f.partitions, "partitions", 4, "partitions of topics weir creates")
	fs.BoolVar(&f.createTopics, "create-topics", true, "create missing input (embedded only) and output topics")
}

// processor builds the classifier, redactor and processor.
func (f *runFlags) processor(getenv getenvFunc) (*pipeline.Processor, error) {
	maxRec, err := parseSize("--max-record-bytes", f.maxRecord)
	if err != nil {
		return nil, err
	}
	format, err := pipeline.ParseFormat(f.format)
	if err != nil {
		return nil, fmt.Errorf("--format: %w", err)
	}
	pc := pipeline.ProcessorConfig{Topics: f.out, Quarantine: splitList(f.quarantine), MaxRecordBytes: int(maxRec), Format: format}
	if f.classify {
		policy := redact.Policy{Default: redact.Operator(f.op), PerType: f.perType, MaskKeep: f.maskKeep}
		if policy.MaskKeep == 0 {
			policy.MaskKeep = -1
		}
		kr, err := keyring(getenv)
		if err != nil {
			return nil, err
		}
		if pc.Redactor, err = redact.New(policy, kr); err != nil {
			return nil, err
		}
		if pc.Engine, err = f.ef.engine(getenv); err != nil {
			return nil, err
		}
	}
	return pipeline.NewProcessor(pc)
}

// config builds the pipeline configuration for conn.
func (f *runFlags) config(conn kafka.Conn) (pipeline.Config, error) {
	var c pipeline.Config
	inflight, err := parseSize("--max-inflight-bytes", f.maxInflight)
	if err != nil {
		return c, err
	}
	batchBytes, err := parseSize("--batch-bytes", f.batchBytes)
	if err != nil {
		return c, err
	}
	topics := splitList(f.topics)
	if len(topics) == 0 {
		return c, errors.New("--topics: no input topic")
	}
	txn := f.txnID
	if f.exactlyOnce && txn == "" {
		host, _ := os.Hostname()
		txn = "weir-" + f.group + "-" + host
	}
	return pipeline.Config{
		Conn: conn, Group: f.group, Topics: topics, TopicRegex: f.regex, InstanceID: f.instanceID,
		SessionTimeout: f.session, ExactlyOnce: f.exactlyOnce, TransactionalID: txn, Workers: f.workers,
		BatchRecords: f.batchRecords, BatchBytes: int(batchBytes), Linger: f.linger, MaxInflightBytes: inflight,
		CommitInterval: f.commitEvery,
	}, nil
}

func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// parseSize reads "64MiB", "1MB", "512KiB" or a plain byte count.
func parseSize(name, s string) (int64, error) {
	t := strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.m
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s: %q is not a size (e.g. 64MiB, 1MB, 4096)", name, s)
	}
	return n * mult, nil
}

// runOpts are weir run's flags: the pipeline's (runFlags) and the
// process's own.
type runOpts struct {
	runFlags
	statusEvery time.Duration
	httpAddr    string
	config      string
	logFormat   string
	logLevel    string
}

func (o *runOpts) register(fs *flag.FlagSet) {
	o.runFlags.register(fs)
	fs.DurationVar(&o.statusEvery, "status-every", 10*time.Second, "log a status line this often (0: never)")
	fs.StringVar(&o.httpAddr, "http-addr", "", "serve /metrics (Prometheus), /healthz and /readyz on this `address` (e.g. :9464)")
	fs.StringVar(&o.config, "config", "", "YAML configuration `FILE` (default $"+envConfig+"); flags override it")
	fs.StringVar(&o.logFormat, "log-format", "text", "log format: text or json (log/slog)")
	fs.StringVar(&o.logLevel, "log-level", "info", "least log level: debug, info, warn or error")
}

// validate checks the settings that no single flag can: a broker source is
// required, and the log settings.
func (o *runOpts) validate() error {
	switch {
	case o.embedded && o.brokers != "":
		return errors.New("--embedded (embedded.enabled) and --brokers (kafka.brokers) exclude each other")
	case !o.embedded && o.brokers == "":
		return errors.New("missing kafka.brokers (--brokers, WEIR_KAFKA_BROKERS): required unless embedded.enabled (--embedded)")
	}
	if _, err := newLogger(nil, o.logFormat, o.logLevel); err != nil {
		return err
	}
	return nil
}
