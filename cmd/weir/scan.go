package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/weir-dev/weir/classifiers"
)

// scanJob is one path to scan, or one path to report as skipped.
type scanJob struct {
	path    string
	size    int64
	skipped string
	err     error
}

// scanConfig is what runScan wires from flags; tests build it directly.
type scanConfig struct {
	format         string
	failConfidence float64
	exitCode       int
	workers        int
	limits         scanLimits
	now            func() time.Time // injectable clock, for golden files
}

func runScan(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("scan", io)
	var ef engineFlags
	ef.register(fs)
	cfg := scanConfig{now: time.Now}
	fs.StringVar(&cfg.format, "format", "text", "report format: text, json or sarif (SARIF 2.1.0)")
	out := fs.String("out", "", "write the report to `FILE` (default stdout)")
	fs.Float64Var(&cfg.failConfidence, "fail-confidence", classifiers.DefaultMinConfidence,
		"findings at or above this confidence make the exit status --exit-code")
	fs.IntVar(&cfg.exitCode, "exit-code", exitFindings, "exit status when findings at or above --fail-confidence are present")
	fs.IntVar(&cfg.workers, "workers", runtime.GOMAXPROCS(0), "files scanned in parallel")
	fs.Int64Var(&cfg.limits.maxFileBytes, "max-file-bytes", 256<<20, "larger files (after decompression) fail the scan")
	fs.Int64Var(&cfg.limits.maxGzipBytes, "max-gzip-bytes", 256<<20, "a .gz decompressing to more is an error (gzip bomb)")
	fs.Int64Var(&cfg.limits.maxGzipRatio, "max-gzip-ratio", 200, "a .gz decompressing to more than this times its size (and over 1 MiB) is an error")
	cfg.limits.binarySniffLn = 8000
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir scan [flags] PATH...

Scans files and directories (recursively; .git is skipped, symlinks are not
followed) and reports findings. Text files are scanned whole; .jsonl/.ndjson
and .json per JSON string value (the field is its JSON path); .csv/.tsv per
cell (the field is the column header); name.EXT.gz like name.EXT. Files with
a NUL byte in the first 8000 bytes are skipped as binary.

Columns are 1-based and count characters (UTF-16 code units in SARIF).
Exit status: 0 no findings at or above --fail-confidence; --exit-code (1) if
there are; 2 if a file could not be scanned or on a usage error (an
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
	case "text", "json", "sarif":
	default:
		return fail(io, "scan", fmt.Errorf("--format %q: want text, json or sarif", cfg.format))
	}
	cfg.limits.workers = cfg.workers
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "scan", err)
	}
	w, err := openOut(*out, io.out)
	if err != nil {
		return fail(io, "scan", err)
	}
	code := scan(eng, fs.Args(), cfg, w, io.err)
	if err := w.close(); err != nil {
		return fail(io, "scan", err)
	}
	return code
}

// scan scans paths, writes the report and returns the exit status.
func scan(eng *classifiers.Engine, paths []string, cfg scanConfig, w *output, errw interface{ Write([]byte) (int, error) }) int {
	start := cfg.now()
	rep := newReporter(cfg.format, eng, w)
	jobs := make(chan scanJob)
	go func() {
		defer close(jobs)
		for _, p := range paths {
			walkPaths(p, jobs)
		}
	}()
	next := func() (scanJob, int64, bool, error) {
		j, ok := <-jobs
		return j, j.size, ok, nil
	}
	fn := func(j scanJob) fileResult {
		switch {
		case j.err != nil:
			return fileResult{path: j.path, err: j.err}
		case j.skipped != "":
			return fileResult{path: j.path, skipped: j.skipped}
		}
		return scanFile(eng, j.path, cfg.limits)
	}
	failing, failed := false, false
	emit := func(r fileResult) error {
		if r.err != nil {
			failed = true
			fmt.Fprintf(errw, "weir scan: %s: %v\n", r.path, r.err)
		}
		for _, f := range r.findings {
			if f.Confidence >= cfg.failConfidence {
				failing = true
			}
		}
		return rep.file(r)
	}
	err := orderedMap(cfg.workers, 4*cfg.workers, 1<<30, next, fn, emit)
	for range jobs { // drain the walker if emit failed
	}
	if err == nil {
		err = rep.finish(cfg.now().Sub(start))
	}
	switch {
	case err != nil:
		fmt.Fprintf(errw, "weir scan: %v\n", err)
		return exitError
	case failed:
		return exitError
	case failing:
		return cfg.exitCode
	}
	return exitOK
}

// walkPaths sends every file under root (or root itself) to jobs, in
// lexical order.
func walkPaths(root string, jobs chan<- scanJob) {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			jobs <- scanJob{path: path, err: err}
			return nil
		}
		switch {
		case d.IsDir():
			if d.Name() == ".git" && path != root {
				return filepath.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0 && path != root:
			jobs <- scanJob{path: path, skipped: "symlink (not followed)"}
			return nil
		}
		info, err := os.Stat(path) // the root may be a symlink given on purpose
		switch {
		case err != nil:
			jobs <- scanJob{path: path, err: err}
		case !info.Mode().IsRegular():
			jobs <- scanJob{path: path, skipped: "not a regular file"}
		default:
			jobs <- scanJob{path: path, size: info.Size()}
		}
		return nil
	})
	if err != nil && !errors.Is(err, filepath.SkipDir) {
		jobs <- scanJob{path: root, err: err}
	}
}
