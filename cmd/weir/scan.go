package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"sync"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/s3"
)

// scanConfig is what runScan wires from flags; tests build it directly.
type scanConfig struct {
	format         string
	failConfidence float64
	exitCode       int
	workers        int
	limits         decode.Limits
	sampleRows     int64
	samplePercent  float64
	maxFindings    int
	progress       bool
	getenv         getenvFunc
	now            func() time.Time // injectable clock, for golden files
}

func runScan(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("scan", io)
	var ef engineFlags
	ef.register(fs)
	cfg := scanConfig{now: time.Now, getenv: getenv}
	def := decode.DefaultLimits()
	fs.StringVar(&cfg.format, "format", "text", "report format: text, json, markdown or sarif (SARIF 2.1.0)")
	out := fs.String("out", "", "write the report to `FILE` (default stdout)")
	fs.Float64Var(&cfg.failConfidence, "fail-confidence", classifiers.DefaultMinConfidence,
		"findings at or above this confidence make the exit status --exit-code")
	fs.IntVar(&cfg.exitCode, "exit-code", exitFindings, "exit status when findings at or above --fail-confidence are present")
	fs.IntVar(&cfg.workers, "workers", runtime.GOMAXPROCS(0), "objects, row groups and batches classified in parallel")
	fs.Int64Var(&cfg.sampleRows, "sample-rows", 0, "scan at most `N` data rows of each object (0: all)")
	fs.Float64Var(&cfg.samplePercent, "sample-percent", 0, "scan a fixed pseudo-random `P` percent of the rows of each object (0: all)")
	fs.IntVar(&cfg.maxFindings, "max-findings", 10000, "findings listed per object (every finding is counted in the summary and column profiles; 0: no limit)")
	fs.Int64Var(&cfg.limits.MaxObjectBytes, "max-object-bytes", def.MaxObjectBytes, "larger objects (as stored) fail")
	fs.Int64Var(&cfg.limits.MaxDecompressedBytes, "max-file-bytes", def.MaxDecompressedBytes, "objects decompressing to more fail")
	fs.Int64Var(&cfg.limits.MaxRatio, "max-gzip-ratio", def.MaxRatio, "a .gz/.zst expanding more than this times its size (past 1 MiB) fails as a decompression bomb")
	fs.IntVar(&cfg.limits.MaxRecordBytes, "max-record-bytes", def.MaxRecordBytes, "larger JSONL lines, CSV records and Parquet values are skipped and fail the object")
	fs.IntVar(&cfg.limits.MaxDocumentBytes, "max-document-bytes", def.MaxDocumentBytes, "larger .json documents fail")
	dist := distFlags{ef: &ef}
	dist.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir scan [flags] PATH|s3://BUCKET/PREFIX...

Scans files, directories (recursively; .git is skipped, symlinks are not
followed) and S3 prefixes, and reports findings. Text files are scanned in
chunks of whole lines; .jsonl/.ndjson and .json per JSON string value (the
field is its JSON path); .csv/.tsv per cell (the field is the column header);
.parquet per value of every column (nested fields as dotted paths; row groups
in parallel); name.EXT.gz and name.EXT.zst like name.EXT. Files with a NUL
byte in the first 8000 bytes are skipped as binary.

Each argument is a dataset: the json, markdown and sarif reports profile it
per column (types found, counts, max confidence, share of rows affected,
fingerprints of a few example values - never the values).

S3: the endpoint is WEIR_S3_ENDPOINT (host:port or http(s)://host:port;
default AWS), credentials AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the
shared credentials file (AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE).

Columns are 1-based and count characters (UTF-16 code units in SARIF).
A progress line is written to stderr when it is a terminal.

--distribute splits the scan into tasks (an object, or a run of a Parquet
object's column chunks) on a Kafka topic, for any number of
'weir scan-worker's in one consumer group, and writes the same report
from their results (see weir scan-worker -h).

Exit status: 0 no findings at or above --fail-confidence; --exit-code (1) if
there are; 2 if an object could not be scanned whole or on a usage error (an
incomplete scan never reads as clean).`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitError
	}
	switch cfg.format {
	case "text", "json", "sarif", "markdown":
	default:
		return fail(io, "scan", fmt.Errorf("--format %q: want text, json, markdown or sarif", cfg.format))
	}
	if cfg.samplePercent < 0 || cfg.samplePercent > 100 || cfg.sampleRows < 0 {
		return fail(io, "scan", fmt.Errorf("--sample-percent must be in [0,100] and --sample-rows >= 0"))
	}
	if err := dist.check(); err != nil {
		return fail(io, "scan", err)
	}
	cfg.progress = isTerminal(io.err)
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "scan", err)
	}
	w, err := openOut(*out, io.out)
	if err != nil {
		return fail(io, "scan", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var code int
	if dist.on {
		code = runDistributed(ctx, eng, fs.Args(), cfg, &dist, w, io.err)
	} else {
		code = scan(ctx, eng, fs.Args(), cfg, w, io.err)
	}
	if err := w.close(); err != nil {
		return fail(io, "scan", err)
	}
	return code
}

// newScanS3 returns a function that connects to S3 (configured by getenv,
// nil: no environment) on first use.
func newScanS3(getenv getenvFunc) func() (*s3.Client, error) {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return sync.OnceValues(func() (*s3.Client, error) {
		c, err := s3.ConfigFromEnv(getenv)
		if err != nil {
			return nil, err
		}
		return s3.NewClient(c)
	})
}

// scan scans targets, writes the report and returns the exit status.
func scan(ctx context.Context, eng *classifiers.Engine, targets []string, cfg scanConfig, w *output, errw io.Writer) int {
	start := cfg.now()
	workers := max(1, cfg.workers)
	rep := newReporter(cfg.format, eng, w)
	os := &objectScanner{eng: eng, limits: cfg.limits, sampleRows: cfg.sampleRows, samplePercent: cfg.samplePercent,
		maxFindings: cfg.maxFindings, sem: make(chan struct{}, workers)}
	s3c := newScanS3(cfg.getenv)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan scanJob)
	go func() {
		defer close(jobs)
		walkTargets(ctx, targets, s3c, jobs)
	}()
	next := func() (scanJob, int64, bool, error) {
		j, ok := <-jobs
		return j, min(j.size, 64<<20), ok, nil
	}
	fn := func(j scanJob) fileResult {
		switch {
		case j.err != nil:
			return fileResult{path: j.path, dataset: j.dataset, err: j.err}
		case j.skipped != "":
			return fileResult{path: j.path, dataset: j.dataset, skipped: j.skipped}
		}
		return os.scan(ctx, j)
	}
	var prog *progress
	if cfg.progress {
		prog = newProgress(errw, cfg.now)
	}
	out := &scanOutput{cfg: cfg, rep: rep, errw: errw, prog: prog}
	err := orderedMap(workers, 4*workers, 1<<30, next, fn, out.emit)
	cancel()
	for range jobs { // drain the walker if emit failed
	}
	return out.finish(err, cfg.now().Sub(start))
}

// scanOutput passes object results to the report and decides the exit
// status (shared by local and distributed scans).
type scanOutput struct {
	cfg             scanConfig
	rep             reporter
	errw            io.Writer
	prog            *progress // nil: no progress line
	failing, failed bool
}

// emit reports one object.
func (o *scanOutput) emit(r fileResult) error {
	if r.err != nil {
		o.failed = true
		o.prog.clear()
		fmt.Fprintf(o.errw, "weir scan: %s: %v\n", r.path, r.err)
	}
	if r.maxConfidence() >= o.cfg.failConfidence && r.prof != nil {
		o.failing = true
	}
	o.prog.object(r)
	return o.rep.file(r)
}

// finish ends the report (unless err, which it prints) and returns the
// exit status.
func (o *scanOutput) finish(err error, elapsed time.Duration) int {
	o.prog.clear()
	if err == nil {
		err = o.rep.finish(elapsed)
	}
	switch {
	case err != nil:
		fmt.Fprintf(o.errw, "weir scan: %v\n", err)
		return exitError
	case o.failed:
		return exitError
	case o.failing:
		return o.cfg.exitCode
	}
	return exitOK
}
