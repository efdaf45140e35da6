package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/internal/scandist"
	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/kafka"
)

// Default topics of a distributed scan.
const (
	defaultTasksTopic   = "weir.scan.tasks"
	defaultResultsTopic = "weir.scan.results"
)

// distFlags are weir scan's --distribute flags.
type distFlags struct {
	on           bool
	brokers      string
	embedded     bool
	dataDir      string
	port         int
	scanID       string
	tasksTopic   string
	resultsTopic string
	partitions   int
	timeout      time.Duration
	taskBytes    int64
	localWorkers int
	ef           *engineFlags // the scan's engine flags, sent with every task
}

func (d *distFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&d.on, "distribute", false, "split the scan into tasks on a Kafka topic for `weir scan-worker`s and assemble the report from their results")
	fs.StringVar(&d.brokers, "brokers", "", "--distribute: Kafka bootstrap `host:port` list (TLS and SASL from $WEIR_KAFKA_*)")
	fs.BoolVar(&d.embedded, "embedded", false, "--distribute: start an in-process Kafka broker (franz-go kfake) instead of --brokers")
	fs.StringVar(&d.dataDir, "data-dir", "", "--embedded: the broker's data `directory` (kept across restarts, so a scan can resume; empty: memory only)")
	fs.IntVar(&d.port, "port", 0, "--embedded: the broker's loopback port (0: any free port)")
	fs.StringVar(&d.scanID, "scan-id", "", "--distribute: resume the scan with this `ID` (default: a new scan)")
	fs.StringVar(&d.tasksTopic, "tasks-topic", defaultTasksTopic, "--distribute: topic of the tasks")
	fs.StringVar(&d.resultsTopic, "results-topic", defaultResultsTopic, "--distribute: topic of the results")
	fs.IntVar(&d.partitions, "partitions", 16, "--distribute: partitions of the topics when they are created (bounds how many workers share a scan)")
	fs.DurationVar(&d.timeout, "timeout", 0, "--distribute: give up when tasks still have no result after this long (0: wait)")
	fs.Int64Var(&d.taskBytes, "task-bytes", 64<<20, "--distribute: stored bytes of Parquet column chunks per task")
	fs.IntVar(&d.localWorkers, "local-workers", 0, "--distribute: also run `N` workers in this process")
}

// check rejects --distribute's flags without --distribute.
func (d *distFlags) check() error {
	if !d.on && (d.brokers != "" || d.embedded || d.scanID != "" || d.localWorkers > 0 || d.timeout > 0) {
		return errors.New("--brokers, --embedded, --scan-id, --local-workers and --timeout need --distribute")
	}
	if d.on && (d.taskBytes < 1 || d.partitions < 1 || d.localWorkers < 0 || d.timeout < 0) {
		return errors.New("--task-bytes and --partitions must be positive, --local-workers and --timeout not negative")
	}
	return nil
}

// connect starts the embedded broker or reads the connection of --brokers.
func (d *distFlags) connect(getenv getenvFunc, errw io.Writer) (kafka.Conn, func(), error) {
	nop := func() {}
	switch {
	case d.embedded && d.brokers != "":
		return kafka.Conn{}, nop, errors.New("--embedded and --brokers exclude each other")
	case d.embedded:
		b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{DataDir: d.dataDir, Port: d.port, Partitions: d.partitions})
		if err != nil {
			return kafka.Conn{}, nop, err
		}
		fmt.Fprintf(errw, "weir scan: embedded broker at %s (workers: weir scan-worker --brokers %s)\n",
			strings.Join(b.Addrs(), ","), strings.Join(b.Addrs(), ","))
		return kafka.Conn{Brokers: b.Addrs()}, b.Close, nil
	case d.brokers == "":
		return kafka.Conn{}, nop, errors.New("--distribute needs --brokers or --embedded")
	}
	conn, err := kafka.ConnFromEnv(splitList(d.brokers), getenv)
	return conn, nop, err
}

// distEntry is one object of a distributed scan's report: resolved by the
// coordinator (walk errors, skipped paths, a Parquet object with no text
// column), or the result of one whole-object task, or merged from chunk
// tasks.
type distEntry struct {
	path, dataset string
	done          *fileResult
	tasks         []int // indexes into the task list
	chunked       bool
	rows          int64 // chunked: rows the plan scans
	sampled       bool
}

// planDist walks targets and splits them into tasks.
func planDist(ctx context.Context, eng *classifiers.Engine, targets []string, cfg scanConfig, d *distFlags, scanID string) ([]distEntry, []scandist.Task) {
	opts := scandist.Options{SampleRows: cfg.sampleRows, SamplePercent: cfg.samplePercent, MaxFindings: cfg.maxFindings,
		Limits: cfg.limits, MinConfidence: d.ef.minConfidence, Types: d.ef.types, EngineCheck: engineCheck(eng)}
	osc := &objectScanner{limits: cfg.limits, sampleRows: cfg.sampleRows, samplePercent: cfg.samplePercent}
	jobs := make(chan scanJob)
	go func() {
		defer close(jobs)
		walkTargets(ctx, targets, newScanS3(cfg.getenv), jobs)
	}()
	var (
		entries []distEntry
		tasks   []scandist.Task
	)
	for j := range jobs {
		e := distEntry{path: j.path, dataset: j.dataset}
		switch {
		case j.err != nil:
			e.done = &fileResult{path: j.path, dataset: j.dataset, err: j.err}
		case j.skipped != "":
			e.done = &fileResult{path: j.path, dataset: j.dataset, skipped: j.skipped}
		}
		if e.done != nil {
			entries = append(entries, e)
			continue
		}
		base := scandist.Task{Scan: scanID, Dataset: j.dataset, Path: j.path, Size: j.size, Options: opts}
		if j.s3obj != nil {
			base.S3 = &scandist.S3Object{Bucket: j.s3obj.Bucket, Key: j.s3obj.Key, VersionID: j.s3obj.VersionID, ETag: j.s3obj.ETag}
		} else if abs, err := filepath.Abs(j.path); err != nil {
			e.done = &fileResult{path: j.path, dataset: j.dataset, err: err}
			entries = append(entries, e)
			continue
		} else {
			base.File = abs
		}
		var groups [][]scandist.Chunk
		if plan, ok := planChunks(ctx, osc, j); ok {
			e.chunked, e.rows, e.sampled = true, plan.rows, plan.sampled
			groups = splitChunks(plan, d.taskBytes)
		} else {
			groups = [][]scandist.Chunk{nil} // one whole-object task
		}
		for _, g := range groups {
			t := base
			t.Chunks = g
			e.tasks = append(e.tasks, len(tasks))
			tasks = append(tasks, t)
		}
		entries = append(entries, e)
	}
	for i := range tasks {
		tasks[i].ID = fmt.Sprintf("%06d", i)
		tasks[i].Of = len(tasks)
	}
	return entries, tasks
}

// planChunks reads the footer of an uncompressed Parquet object; ok false
// (not Parquet, or the footer failed) makes it one whole-object task, so
// that the worker reports any error exactly as a local scan would.
func planChunks(ctx context.Context, osc *objectScanner, j scanJob) (pqPlan, bool) {
	if f, comp := decode.FormatOf(j.path); f != decode.FormatParquet || comp != decode.CompressionNone {
		return pqPlan{}, false
	}
	obj, closeObj, err := j.open(ctx)
	if err != nil {
		return pqPlan{}, false
	}
	defer closeObj()
	plan, err := osc.planParquet(obj)
	return plan, err == nil
}

// splitChunks groups a plan's column chunks, in order, into tasks of at
// least taskBytes stored bytes (the last may be smaller).
func splitChunks(plan pqPlan, taskBytes int64) [][]scandist.Chunk {
	var (
		out [][]scandist.Chunk
		cur []scandist.Chunk
		n   int64
	)
	for _, c := range plan.chunks {
		cur = append(cur, scandist.Chunk{G: c.G, C: c.C})
		n += plan.p.ChunkBytes(c.G, c.C)
		if n >= taskBytes {
			out, cur, n = append(out, cur), nil, 0
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// newScanID returns a random scan ID.
func newScanID() string {
	b := make([]byte, 6)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// errScanComplete ends the read of the results topic.
var errScanComplete = errors.New("every task has a result")

// scanDistributed runs a distributed scan: it produces the tasks, waits
// for their results and writes the report a local scan would.
func scanDistributed(ctx context.Context, eng *classifiers.Engine, targets []string, cfg scanConfig, d *distFlags, conn kafka.Conn, w io.Writer, errw io.Writer) int {
	start := cfg.now()
	out := &scanOutput{cfg: cfg, rep: newReporter(cfg.format, eng, w), errw: errw}
	scanID, resume := d.scanID, d.scanID != ""
	if !resume {
		scanID = newScanID()
	}
	if err := kafka.CreateTopics(ctx, conn, int32(max(1, d.partitions)), d.tasksTopic, d.resultsTopic); err != nil {
		return out.finish(err, 0)
	}
	entries, tasks := planDist(ctx, eng, targets, cfg, d, scanID)
	fmt.Fprintf(errw, "weir scan: scan %s: %d tasks on %s (resume with --scan-id %s)\n", scanID, len(tasks), d.tasksTopic, scanID)
	coll := scandist.NewCollector(scanID, tasks)
	collect := func(r kafka.Record) error {
		if res, err := scandist.DecodeResult(r.Value); err == nil && coll.Add(res) && coll.Done() {
			return errScanComplete
		}
		return nil
	}
	if resume && len(tasks) > 0 { // results so far: only tasks without one are produced again
		if err := kafka.ReadTopic(ctx, conn, d.resultsTopic, false, false, 0, collect); err != nil && !errors.Is(err, errScanComplete) {
			return out.finish(fmt.Errorf("scan %s: read %s: %w", scanID, d.resultsTopic, err), 0)
		}
	}
	if err := produceTasks(ctx, conn, d.tasksTopic, tasks, coll); err != nil {
		return out.finish(fmt.Errorf("scan %s: %w", scanID, err), 0)
	}
	wctx, cancel := ctx, context.CancelFunc(func() {})
	if d.timeout > 0 {
		wctx, cancel = context.WithTimeout(ctx, d.timeout)
	}
	defer cancel()
	if !coll.Done() {
		err := kafka.ReadTopic(wctx, conn, d.resultsTopic, false, true, 0, collect)
		if !errors.Is(err, errScanComplete) {
			why := coll.MissingError(10, func(id string) string { return taskName(tasks, id) })
			if ctx.Err() == nil && wctx.Err() != nil {
				why = fmt.Errorf("timed out after %v: %w", d.timeout, why)
			} else if err != nil {
				why = fmt.Errorf("%w (%v)", why, err)
			}
			return out.finish(why, 0)
		}
	}
	for _, e := range entries {
		r, err := e.result(coll, tasks, cfg.maxFindings)
		if err == nil {
			err = out.emit(r)
		}
		if err != nil {
			return out.finish(fmt.Errorf("scan %s: %s: %w", scanID, e.path, err), 0)
		}
	}
	return out.finish(nil, cfg.now().Sub(start))
}

// result assembles the entry's object result.
func (e *distEntry) result(coll *scandist.Collector, tasks []scandist.Task, maxFindings int) (fileResult, error) {
	if e.done != nil {
		return *e.done, nil
	}
	rs := make([]scandist.Result, len(e.tasks))
	for i, ti := range e.tasks {
		rs[i], _ = coll.Result(tasks[ti].ID) // complete: every task has one
	}
	if !e.chunked {
		return wholeResult(e.path, e.dataset, rs[0])
	}
	return mergeChunkResults(e.path, e.dataset, e.rows, e.sampled, maxFindings, rs)
}

// taskName describes task id for an error message.
func taskName(tasks []scandist.Task, id string) string {
	for i := range tasks {
		if tasks[i].ID == id {
			if n := len(tasks[i].Chunks); n > 0 {
				return fmt.Sprintf("%s, %d column chunks from row group %d", tasks[i].Path, n, tasks[i].Chunks[0].G)
			}
			return tasks[i].Path
		}
	}
	return "?"
}

// produceTasks produces the tasks that have no result yet and waits until
// the broker has them all.
func produceTasks(ctx context.Context, conn kafka.Conn, topic string, tasks []scandist.Task, coll *scandist.Collector) error {
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{MaxRecordBytes: 1 << 20})
	if err != nil {
		return err
	}
	defer p.Close()
	errc := make(chan error, 1)
	done := func(err error) {
		if err != nil {
			select {
			case errc <- err:
			default:
			}
		}
	}
	for i := range tasks {
		if coll.Has(tasks[i].ID) {
			continue
		}
		b, err := tasks[i].Encode()
		if err != nil {
			return err
		}
		p.Produce(ctx, kafka.Message{Topic: topic, Key: tasks[i].Key(), Value: b}, done)
	}
	if err := p.Flush(ctx); err != nil {
		return fmt.Errorf("produce tasks: %w", err)
	}
	select {
	case err := <-errc:
		return fmt.Errorf("produce tasks: %w", err)
	default:
		return nil
	}
}
