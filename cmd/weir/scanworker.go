package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/internal/scandist"
	"github.com/weir-dev/weir/sources/kafka"
)

// scanWorker does the tasks of distributed scans: it consumes the tasks
// topic in a consumer group, one task at a time, produces each task's
// result to the results topic and only then commits the task's offset
// (at-least-once: a worker that stops mid-task leaves the task to the next
// owner of its partition; a duplicate result is ignored by the coordinator).
type scanWorker struct {
	conn         kafka.Conn
	group        string
	tasksTopic   string
	resultsTopic string
	id           string // names the worker in its results
	session      time.Duration
	runner       *taskRunner
	logf         func(format string, args ...any)
	// beforeResult, when set, is called after a task was done and before
	// its result is produced (tests stop the worker there).
	beforeResult func(t *scandist.Task)
}

// run works until ctx is done (returning nil) or the Kafka client fails.
func (w *scanWorker) run(ctx context.Context) error {
	cons, err := kafka.NewConsumer(w.conn, kafka.ConsumerConfig{Group: w.group, Topics: []string{w.tasksTopic},
		SessionTimeout: w.session, FetchMaxBytes: 1 << 20, Logf: w.logf})
	if err != nil {
		return err
	}
	defer cons.Close()
	prod, err := kafka.NewProducer(w.conn, kafka.ProducerConfig{MaxRecordBytes: 15 << 20})
	if err != nil {
		return err
	}
	defer prod.Close()
	for {
		var recs []kafka.Record
		if err := cons.Poll(ctx, 1, func(rs []kafka.Record) { recs = rs }); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return fmt.Errorf("scan worker: %w", err)
		}
		for _, rec := range recs {
			if err := w.task(ctx, prod, rec); err != nil {
				if ctx.Err() != nil {
					return nil // the task stays uncommitted: another worker redoes it
				}
				return err
			}
			tp := kafka.TopicPartition{Topic: rec.Topic, Partition: rec.Partition}
			if err := cons.Commit(ctx, map[kafka.TopicPartition]kafka.Offset{tp: {At: rec.Offset + 1, Epoch: rec.LeaderEpoch}}); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				// The result is out: a redone task is a harmless duplicate.
				w.log("commit %s/%d@%d: %v", rec.Topic, rec.Partition, rec.Offset, err)
			}
		}
	}
}

// task does one task record and produces its result; an undecodable
// record is logged and skipped (no worker could ever do it).
func (w *scanWorker) task(ctx context.Context, prod *kafka.Producer, rec kafka.Record) error {
	t, err := scandist.DecodeTask(rec.Value)
	if err != nil {
		w.log("skipping task %s/%d@%d: %v", rec.Topic, rec.Partition, rec.Offset, err)
		return nil
	}
	res, err := w.runner.run(ctx, &t)
	if err != nil {
		return fmt.Errorf("scan %s task %s: %w", t.Scan, t.ID, err)
	}
	if w.beforeResult != nil {
		w.beforeResult(&t)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	res.Worker = w.id
	b, err := res.Encode()
	if err != nil {
		return err
	}
	err = w.produce(ctx, prod, t.Key(), b)
	if err != nil && ctx.Err() == nil {
		// A result the topic refuses (too large for the broker's
		// message.max.bytes) would fail every worker that redoes the task:
		// the object is reported as an error instead (fail closed).
		small := scandist.Result{Scan: res.Scan, Task: res.Task, Sum: res.Sum, Worker: w.id,
			Err: fmt.Sprintf("scan worker: the result (%d bytes) was not accepted by %s: %v; lower --max-findings or raise the topic's max.message.bytes", len(b), w.resultsTopic, err)}
		sb, serr := small.Encode()
		if serr == nil && w.produce(ctx, prod, t.Key(), sb) == nil {
			w.log("scan %s task %s (%s): result refused, reported as an error: %v", t.Scan, t.ID, t.Path, err)
			return nil
		}
	}
	if err != nil {
		return fmt.Errorf("scan %s task %s: produce result: %w", t.Scan, t.ID, err)
	}
	return nil
}

// produce writes one record to the results topic and waits for the ack.
func (w *scanWorker) produce(ctx context.Context, prod *kafka.Producer, key, value []byte) error {
	done := make(chan error, 1)
	prod.Produce(ctx, kafka.Message{Topic: w.resultsTopic, Key: key, Value: value}, func(err error) { done <- err })
	return <-done
}

func (w *scanWorker) log(format string, args ...any) {
	if w.logf != nil {
		w.logf(format, args...)
	}
}

// runScanWorker is weir scan-worker.
func runScanWorker(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("scan-worker", io)
	brokers := fs.String("brokers", "", "Kafka bootstrap `host:port` list, comma-separated (TLS and SASL from $WEIR_KAFKA_*)")
	group := fs.String("group", "weir-scan-workers", "consumer `group` the workers share")
	tasks := fs.String("tasks-topic", defaultTasksTopic, "topic of the tasks")
	results := fs.String("results-topic", defaultResultsTopic, "topic of the results")
	detectors := fs.String("detectors", "", "YAML `FILE` of custom detectors (the same as the scan's --detectors)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "batches and column chunks of one task classified in parallel")
	members := fs.Int("members", 1, "group members in this process, each doing one task at a time (bounded by the topic's partitions)")
	session := fs.Duration("session-timeout", 0, "consumer group session timeout: how soon the tasks of a worker that died go to another (0: franz-go's 45s)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir scan-worker --brokers HOST:PORT,... [flags]

Does the tasks of distributed scans (weir scan --distribute): joins a
consumer group on the tasks topic, scans each task (one object, or a run of
a Parquet object's column chunks) with the same code as weir scan, produces
the result (counts, column profiles, fingerprints and masked previews: never
values) to the results topic and then commits the task. A worker that stops
mid-task leaves it to another. Runs until interrupted.

Local paths in tasks are absolute: workers must see the files at the same
paths. S3 objects use WEIR_S3_ENDPOINT and the AWS credentials as in weir
scan. Sampling, limits, --min-confidence and --types come with each task;
a worker whose detectors (--detectors) or WEIR_FINGERPRINT_KEY differ from
the scan's fails the task (the object is reported as an error) rather than
report findings the scan would not.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *brokers == "" || fs.NArg() > 0 {
		fs.Usage()
		return exitError
	}
	conn, err := kafka.ConnFromEnv(splitList(*brokers), getenv)
	if err != nil {
		return fail(io, "scan-worker", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := kafka.CreateTopics(ctx, conn, 16, *tasks, *results); err != nil && ctx.Err() == nil {
		// The coordinator creates them too; the consumer waits for them.
		fmt.Fprintf(io.err, "weir scan-worker: %v (continuing)\n", err)
	}
	tr := newTaskRunner(*detectors, *workers, getenv)
	errs := make([]error, max(1, *members))
	ctx, stopAll := context.WithCancel(ctx) // one member failing stops the others
	defer stopAll()
	var wg sync.WaitGroup
	for i := range errs {
		w := newScanWorker(conn, *group, *tasks, *results, tr, io.err)
		w.session = *session
		w.id = fmt.Sprintf("%s/%d", w.id, i)
		wg.Go(func() {
			if errs[i] = w.run(ctx); errs[i] != nil {
				stopAll()
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fail(io, "scan-worker", err)
	}
	return exitOK
}

func newScanWorker(conn kafka.Conn, group, tasks, results string, tr *taskRunner, errw io.Writer) *scanWorker {
	host, _ := os.Hostname()
	var mu sync.Mutex
	return &scanWorker{conn: conn, group: group, tasksTopic: tasks, resultsTopic: results, runner: tr,
		id: fmt.Sprintf("%s-%d", host, os.Getpid()),
		logf: func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(errw, "weir scan-worker: "+format+"\n", args...)
		}}
}

// runDistributed is weir scan --distribute: it connects (or starts the
// embedded broker), runs --local-workers and the coordinator.
func runDistributed(ctx context.Context, eng *classifiers.Engine, targets []string, cfg scanConfig, d *distFlags, w io.Writer, errw io.Writer) int {
	conn, closeConn, err := d.connect(cfg.getenv, errw)
	if err != nil {
		fmt.Fprintf(errw, "weir scan: %v\n", err)
		return exitError
	}
	defer closeConn()
	wctx, stopWorkers := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { stopWorkers(); wg.Wait() }()
	for range d.localWorkers {
		sw := newScanWorker(conn, "weir-scan-workers", d.tasksTopic, d.resultsTopic,
			newTaskRunner(d.ef.detectors, max(1, cfg.workers/max(1, d.localWorkers)), cfg.getenv), errw)
		wg.Go(func() {
			if err := sw.run(wctx); err != nil && !errors.Is(err, context.Canceled) {
				sw.log("%v", err)
			}
		})
	}
	return scanDistributed(ctx, eng, targets, cfg, d, conn, w, errw)
}
