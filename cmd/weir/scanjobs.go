package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/s3"
)

// located is a finding with its place in an object. Start and End stay byte
// offsets into the scanned text (the whole text, a JSON string value, a
// CSV cell or a Parquet value, named by Field); Line/Column locate the value
// in text objects, Row/RowGroup in Parquet (which has no lines).
type located struct {
	classifiers.Finding
	Path      string `json:"path"`
	Field     string `json:"field,omitempty"`
	Line      int    `json:"line,omitempty"`
	Column    int    `json:"column,omitempty"`
	EndLine   int    `json:"end_line,omitempty"`
	EndColumn int    `json:"end_column,omitempty"` // exclusive, like SARIF's endColumn
	Row       *int64 `json:"row,omitempty"`        // Parquet: row in the file (0-based)
	RowGroup  *int   `json:"row_group,omitempty"`  // Parquet

	col16, endCol16 int // UTF-16 columns for SARIF
}

// fileResult is the outcome of scanning one object (a file or an S3 object).
type fileResult struct {
	path     string // file path or s3:// URL
	dataset  string // the PATH or s3:// argument it was found under
	bytes    int64  // scanned (decompressed) bytes; add with addBytes
	rows     int64  // data rows scanned (after sampling)
	sampled  bool
	findings []located // in object order; at most --max-findings
	prof     profile   // every finding, per column
	skipped  string    // reason the object was not scanned (binary, symlink, ...)
	err      error     // the object could not be scanned whole: fails the run closed
	notes    []string  // parts scanned differently than their format asks
}

func (r *fileResult) addBytes(n int64) { atomic.AddInt64(&r.bytes, n) }

// maxConfidence is the highest confidence of any finding of the object.
func (r *fileResult) maxConfidence() float64 {
	m := 0.0
	for _, c := range r.prof {
		m = max(m, c.maxConf)
	}
	return m
}

// scanJob is one object to scan, or one path to report as skipped.
type scanJob struct {
	dataset string
	path    string
	size    int64
	skipped string
	err     error
	open    func(ctx context.Context) (decode.Object, func(), error)
	s3obj   *s3.ObjectInfo // the S3 object, for a distributed scan's task
}

// walkTargets sends the objects of every target (a path or an s3:// URL)
// to jobs, in order: files in lexical order, S3 keys in key order.
func walkTargets(ctx context.Context, targets []string, s3c func() (*s3.Client, error), jobs chan<- scanJob) {
	for _, t := range targets {
		if strings.HasPrefix(t, "s3://") {
			listS3(ctx, t, s3c, jobs)
			continue
		}
		walkPaths(t, jobs)
	}
}

func listS3(ctx context.Context, target string, s3c func() (*s3.Client, error), jobs chan<- scanJob) {
	bucket, prefix, err := s3.ParseURL(target)
	var c *s3.Client
	if err == nil {
		c, err = s3c()
	}
	if err != nil {
		jobs <- scanJob{dataset: target, path: target, err: err}
		return
	}
	for o, err := range c.List(ctx, bucket, prefix) {
		if err != nil {
			jobs <- scanJob{dataset: target, path: target, err: err}
			return
		}
		jobs <- scanJob{dataset: target, path: o.URL(), size: o.Size, open: openS3(c, o), s3obj: &o}
	}
}

// openS3 opens an S3 object for decoding: Parquet through ranged reads,
// everything else as a stream.
func openS3(c *s3.Client, o s3.ObjectInfo) func(context.Context) (decode.Object, func(), error) {
	return func(ctx context.Context) (decode.Object, func(), error) {
		obj := decode.Object{Name: o.Key, Size: o.Size, At: c.ReaderAt(ctx, o)}
		if f, comp := decode.FormatOf(o.Key); f == decode.FormatParquet && comp == decode.CompressionNone {
			return obj, func() {}, nil
		}
		body, err := c.Open(ctx, o)
		if err != nil {
			return obj, nil, err
		}
		obj.Body = body
		return obj, func() { body.Close() }, nil
	}
}

// openFile opens a local file for decoding.
func openFile(path string) func(context.Context) (decode.Object, func(), error) {
	return openFileAs(path, path)
}

// openFileAs opens the local file path for decoding as an object named
// name (a distributed scan's worker opens the absolute path of the file
// the report names as the coordinator was given it).
func openFileAs(path, name string) func(context.Context) (decode.Object, func(), error) {
	return func(context.Context) (decode.Object, func(), error) {
		f, err := os.Open(path)
		if err != nil {
			return decode.Object{}, nil, err
		}
		st, err := f.Stat()
		if err != nil {
			f.Close()
			return decode.Object{}, nil, err
		}
		return decode.Object{Name: name, Size: st.Size(), Body: f, At: f}, func() { f.Close() }, nil
	}
}

// walkPaths sends every file under root (or root itself) to jobs, in
// lexical order.
func walkPaths(root string, jobs chan<- scanJob) {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			jobs <- scanJob{dataset: root, path: path, err: err}
			return nil
		}
		switch {
		case d.IsDir():
			if d.Name() == ".git" && path != root {
				return filepath.SkipDir
			}
			return nil
		case d.Type()&fs.ModeSymlink != 0 && path != root:
			jobs <- scanJob{dataset: root, path: path, skipped: "symlink (not followed)"}
			return nil
		}
		info, err := os.Stat(path) // the root may be a symlink given on purpose
		switch {
		case err != nil:
			jobs <- scanJob{dataset: root, path: path, err: err}
		case !info.Mode().IsRegular():
			jobs <- scanJob{dataset: root, path: path, skipped: "not a regular file"}
		default:
			jobs <- scanJob{dataset: root, path: path, size: info.Size(), open: openFile(path)}
		}
		return nil
	})
	if err != nil && !errors.Is(err, filepath.SkipDir) {
		jobs <- scanJob{dataset: root, path: root, err: err}
	}
}
