package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/internal/scandist"
	"github.com/weir-dev/weir/sources/kafka"
)

// distDir writes a dataset directory for distributed scans: text, JSONL
// and CSV files with findings, a Parquet file of several row groups and
// columns (flat), a nested one, a corrupt one and a binary file.
func distDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	writeDatasets(t, dir)
	flat, err := os.ReadFile(filepath.Join(dir, "flat.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{
		"broken.parquet":  flat[:len(flat)/2],
		"notes.txt":       []byte("contact jane.roe@example.org or call +1 415 555 0134\nAKIAIOSFODNN7EXAMPLE is not a key\n"),
		"sub/users.jsonl": []byte(`{"email":"a.person@fastmail.com","ssn":"536-27-4410"}` + "\n" + `{"email":"b.person@fastmail.com"}` + "\n"),
		"sub/cards.csv":   []byte("name,card\nx,4104 3321 8196 0018\ny,none\n"),
		"blob.bin":        append([]byte("MZ\x00\x00"), make([]byte, 64)...),
	})
	return dir
}

// distBroker starts an in-process kfake broker.
func distBroker(t *testing.T) kafka.Conn {
	t.Helper()
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	return kafka.Conn{Brokers: b.Addrs()}
}

// distFlagsFor are the flags of a distributed scan in tests: every
// Parquet column chunk is its own task.
func distFlagsFor(scanID string, timeout time.Duration) *distFlags {
	return &distFlags{on: true, scanID: scanID, tasksTopic: defaultTasksTopic, resultsTopic: defaultResultsTopic,
		partitions: 4, timeout: timeout, taskBytes: 1, ef: &engineFlags{minConfidence: classifiers.DefaultMinConfidence}}
}

// testScanConfig is scanWithSet's configuration.
func testScanConfig(format string) scanConfig {
	fixed := time.Unix(0, 0)
	return scanConfig{format: format, failConfidence: classifiers.DefaultMinConfidence, exitCode: exitFindings,
		workers: 2, now: func() time.Time { return fixed }, maxFindings: 10000}
}

// distScan runs the coordinator of a distributed scan.
func distScan(ctx context.Context, t *testing.T, eng *classifiers.Engine, conn kafka.Conn, d *distFlags, format string, paths ...string) (string, string, int) {
	return distScanSet(ctx, t, eng, conn, d, nil, format, paths...)
}

// distScanSet is distScan with a change to the configuration.
func distScanSet(ctx context.Context, t *testing.T, eng *classifiers.Engine, conn kafka.Conn, d *distFlags, set func(*scanConfig), format string, paths ...string) (string, string, int) {
	var out, errb bytes.Buffer
	w := &output{Writer: bufio.NewWriter(&out)}
	cfg := testScanConfig(format)
	if set != nil {
		set(&cfg)
	}
	code := scanDistributed(ctx, eng, paths, cfg, d, conn, w, &errb)
	if err := w.Flush(); err != nil {
		t.Error(err)
	}
	return out.String(), errb.String(), code
}

// startWorker runs a scan worker until ctx is done; wait waits for it.
func startWorker(ctx context.Context, t *testing.T, conn kafka.Conn, hook func(*scandist.Task)) (wait func()) {
	var logs bytes.Buffer
	var mu sync.Mutex
	w := newScanWorker(conn, "workers", defaultTasksTopic, defaultResultsTopic, newTaskRunner("", 2, nil), &lockedWriter{w: &logs, mu: &mu})
	w.beforeResult = hook
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := w.run(ctx); err != nil {
			t.Errorf("worker: %v", err)
		}
	}()
	return func() {
		<-done
		mu.Lock()
		defer mu.Unlock()
		if logs.Len() > 0 {
			t.Logf("worker log: %s", logs.String())
		}
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// stderrLines keeps the per-object error lines of a scan's stderr (the
// coordinator adds a line naming the scan).
func stderrLines(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if l != "" && !strings.HasPrefix(l, "weir scan: scan ") && !strings.HasPrefix(l, "weir scan: embedded broker") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// A distributed scan by two workers in one group reports exactly what a
// local scan does, in every format: findings in order, dataset and column
// profiles, the corrupt Parquet file's error, the skipped binary, the exit
// status (timing fields aside).
func TestScanDistributedMatchesLocal(t *testing.T) {
	eng := builtinEngine(t)
	dir := distDir(t)
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	wctx, stop := context.WithCancel(ctx)
	w1, w2 := startWorker(wctx, t, conn, nil), startWorker(wctx, t, conn, nil)
	defer func() { stop(); w1(); w2() }()
	for _, format := range []string{"json", "sarif", "markdown", "text"} {
		local, localErr, localCode := scanWith(t, eng, format, dir)
		got, gotErr, code := distScan(ctx, t, eng, conn, distFlagsFor("", 30*time.Second), format, dir)
		if code != localCode || stderrLines(gotErr) != stderrLines(localErr) {
			t.Errorf("%s: exit %d stderr %q; local exit %d stderr %q", format, code, gotErr, localCode, localErr)
		}
		if normalizeTiming(got) != normalizeTiming(local) {
			t.Errorf("%s: distributed report differs from local\n--- distributed\n%s\n--- local\n%s", format, got, local)
		}
		for _, s := range datasetSecrets {
			if strings.Contains(got, s) {
				t.Errorf("%s: report contains the raw value %q", format, s)
			}
		}
		if format == "json" {
			var rep jsonReport
			if err := json.Unmarshal([]byte(got), &rep); err != nil {
				t.Fatal(err)
			}
			if rep.Summary.FilesFailed != 1 || rep.Summary.FilesSkipped != 1 || rep.Summary.Findings == 0 || len(rep.Errors) != 1 ||
				!strings.Contains(rep.Errors[0].Path, "broken.parquet") {
				t.Errorf("summary %+v errors %+v", rep.Summary, rep.Errors)
			}
		}
	}
}

// A worker that stops mid-task (its context is cancelled after it scanned
// a task, before the result is produced) leaves that task uncommitted; the
// scan waits, and a fresh worker in the group redoes it and finishes the
// scan with the local report.
func TestScanDistributedWorkerStopsMidScan(t *testing.T) {
	eng := builtinEngine(t)
	dir := distDir(t)
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	local, _, _ := scanWith(t, eng, "json", dir)

	type outcome struct {
		out, errs string
		code      int
	}
	res := make(chan outcome, 1)
	go func() {
		o, e, c := distScan(ctx, t, eng, conn, distFlagsFor("", 40*time.Second), "json", dir)
		res <- outcome{o, e, c}
	}()
	wctx, stop := context.WithCancel(ctx)
	var seen atomic.Int32
	var stopped atomic.Value
	waitA := startWorker(wctx, t, conn, func(tk *scandist.Task) {
		if seen.Add(1) == 3 {
			stopped.Store(tk.ID)
			stop() // dies holding its third task
		}
	})
	waitA()
	if stopped.Load() == nil {
		t.Fatal("worker A stopped before its third task")
	}
	select {
	case o := <-res:
		t.Fatalf("scan finished without the task worker A died on: exit %d %s", o.code, o.errs)
	case <-time.After(200 * time.Millisecond):
	}
	bctx, stopB := context.WithCancel(ctx)
	waitB := startWorker(bctx, t, conn, nil)
	defer func() { stopB(); waitB() }()
	o := <-res
	if o.code != exitError { // broken.parquet fails the scan, as locally
		t.Errorf("exit %d stderr %s", o.code, o.errs)
	}
	if normalizeTiming(o.out) != normalizeTiming(local) {
		t.Errorf("report after a worker died differs from local\n--- distributed\n%s\n--- local\n%s", o.out, local)
	}
}

// Duplicate and stale results are ignored, and a scan resumed by ID (the
// coordinator restarted) assembles the same report from the results on
// the topic without producing its tasks again.
func TestScanDistributedDuplicatesAndResume(t *testing.T) {
	eng := builtinEngine(t)
	dir := distDir(t)
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	wctx, stop := context.WithCancel(ctx)
	wait := startWorker(wctx, t, conn, nil)
	first, _, code := distScan(ctx, t, eng, conn, distFlagsFor("resume1", 30*time.Second), "json", dir)
	stop()
	wait()
	if code != exitError {
		t.Fatalf("exit %d", code)
	}
	// Every result again, altered: a later duplicate must not count.
	var dups []kafka.Record
	err := kafka.ReadTopic(ctx, conn, defaultResultsTopic, false, false, 0, func(r kafka.Record) error {
		dups = append(dups, r)
		return nil
	})
	if err != nil || len(dups) == 0 {
		t.Fatalf("read results: %d, %v", len(dups), err)
	}
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{MaxRecordBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, r := range dups {
		res, err := scandist.DecodeResult(r.Value)
		if err != nil {
			t.Fatal(err)
		}
		res.Bytes, res.FindingsTotal, res.Err, res.Profile = 999999, 0, "bogus duplicate", nil
		b, _ := res.Encode()
		p.Produce(ctx, kafka.Message{Topic: defaultResultsTopic, Key: r.Key, Value: b}, func(error) {})
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	tasksBefore := countRecords(ctx, t, conn, defaultTasksTopic)
	again, errs, code := distScan(ctx, t, eng, conn, distFlagsFor("resume1", 30*time.Second), "json", dir)
	if code != exitError || strings.Contains(again, "bogus") {
		t.Errorf("exit %d stderr %s", code, errs)
	}
	if normalizeTiming(again) != normalizeTiming(first) {
		t.Errorf("resumed report differs\n--- resumed\n%s\n--- first\n%s", again, first)
	}
	if n := countRecords(ctx, t, conn, defaultTasksTopic); n != tasksBefore {
		t.Errorf("resuming a complete scan produced %d tasks", n-tasksBefore)
	}
}

func countRecords(ctx context.Context, t *testing.T, conn kafka.Conn, topic string) int {
	t.Helper()
	n := 0
	if err := kafka.ReadTopic(ctx, conn, topic, false, false, 0, func(kafka.Record) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// With no worker, --timeout fails the scan (exit 2, no report) naming the
// tasks still missing: an unfinished scan never reads as clean.
func TestScanDistributedTimeoutListsMissingTasks(t *testing.T) {
	eng := builtinEngine(t)
	dir := distDir(t)
	conn := distBroker(t)
	out, errs, code := distScan(context.Background(), t, eng, conn, distFlagsFor("", time.Second), "json", dir)
	if code != exitError || out != "" || !strings.Contains(errs, "timed out after 1s") || !strings.Contains(errs, "000000") ||
		!strings.Contains(errs, "have no result") || !strings.Contains(errs, "broken.parquet") {
		t.Errorf("exit %d stdout %q stderr %q", code, out, errs)
	}
}

// Sampling and --max-findings travel with the tasks: a Parquet object
// split into chunk tasks keeps the first findings in object order, counts
// the others in a note and profiles the sampled rows, as a local scan does.
func TestScanDistributedSamplingAndMaxFindings(t *testing.T) {
	eng := builtinEngine(t)
	dir := distDir(t)
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	wctx, stop := context.WithCancel(ctx)
	w1, w2 := startWorker(wctx, t, conn, nil), startWorker(wctx, t, conn, nil)
	defer func() { stop(); w1(); w2() }()
	for name, set := range map[string]func(*scanConfig){
		"max-findings": func(c *scanConfig) { c.maxFindings = 2 },
		"sample-rows":  func(c *scanConfig) { c.sampleRows = 7 },
		"sample-pct":   func(c *scanConfig) { c.samplePercent = 50; c.maxFindings = 3 },
	} {
		local, _, _ := scanWithSet(t, eng, set, "json", dir)
		got, errs, _ := distScanSet(ctx, t, eng, conn, distFlagsFor("", 30*time.Second), set, "json", dir)
		if normalizeTiming(got) != normalizeTiming(local) {
			t.Errorf("%s: distributed report differs from local (stderr %s)\n--- distributed\n%s\n--- local\n%s", name, errs, got, local)
		}
		if name == "max-findings" && !strings.Contains(got, "more findings not listed") {
			t.Errorf("%s: no note of the findings past --max-findings", name)
		}
	}
}

// A worker whose fingerprint key differs from the coordinator's fails its
// tasks (exit 2, every object in error) instead of reporting fingerprints
// that do not match the rest of the scan.
func TestScanDistributedWorkerEngineMismatch(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"a.txt": []byte("mail jane.roe@fastmail.com\n")})
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	other := func(k string) string {
		if k == envFingerprintKey {
			return "another key entirely, 32 bytes or more of it"
		}
		return ""
	}
	var logs bytes.Buffer
	w := newScanWorker(conn, "workers", defaultTasksTopic, defaultResultsTopic, newTaskRunner("", 1, other), &lockedWriter{w: &logs, mu: new(sync.Mutex)})
	wctx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- w.run(wctx) }()
	defer func() { stop(); <-done }()
	out, errs, code := distScan(ctx, t, eng, conn, distFlagsFor("", 30*time.Second), "json", dir)
	if code != exitError || !strings.Contains(errs, "engine differs") || strings.Contains(out, "EMAIL_ADDRESS") {
		t.Errorf("exit %d stderr %q report %s", code, errs, out)
	}
}

// --distribute's flags without --distribute, or --distribute without a
// broker, are usage errors (exit 2), never a silent local scan.
func TestScanDistributeFlags(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"scan", "--brokers", "127.0.0.1:1", dir},
		{"scan", "--local-workers", "2", dir},
		{"scan", "--distribute", dir},
		{"scan", "--distribute", "--embedded", "--brokers", "127.0.0.1:1", dir},
		{"scan-worker"},
	} {
		if _, errs, code := cli(t, "", nil, args...); code != exitError || errs == "" {
			t.Errorf("%v: exit %d stderr %q", args, code, errs)
		}
	}
}

// A result too large for the results topic (the broker's message size
// limit) does not wedge the scan: the worker reports the object as an
// error, the scan ends with exit 2, and the other objects are reported.
func TestScanDistributedResultTooLarge(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	var many strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&many, "mail user%d.quill@fastmail.com\n", i)
	}
	writeFiles(t, dir, map[string][]byte{"big.txt": []byte(many.String()), "small.txt": []byte("mail jane.roe@fastmail.com\n")})
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 2, MaxMessageBytes: 256 << 10})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn := kafka.Conn{Brokers: b.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	wctx, stop := context.WithCancel(ctx)
	wait := startWorker(wctx, t, conn, nil)
	defer func() { stop(); wait() }()
	out, errs, code := distScan(ctx, t, eng, conn, distFlagsFor("", 30*time.Second), "json", dir)
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v: stderr %s", err, errs)
	}
	if code != exitError || !strings.Contains(errs, "big.txt") || !strings.Contains(errs, "not accepted") ||
		rep.Summary.FilesFailed != 1 || rep.Summary.FilesScanned != 1 || rep.Summary.Findings != 1 {
		t.Errorf("exit %d stderr %q summary %+v", code, errs, rep.Summary)
	}
}
