package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/weir-dev/weir/classifiers"
)

// errGzipBomb is returned (wrapped) for a .gz file whose decompressed size
// passes --max-gzip-bytes or --max-gzip-ratio times its compressed size.
var errGzipBomb = errors.New("decompressed size over the limit (possible gzip bomb)")

// scanLimits bounds the memory one file may take.
type scanLimits struct {
	maxFileBytes  int64 // a file (after decompression) is read whole
	maxGzipBytes  int64
	maxGzipRatio  int64
	binarySniffLn int
	workers       int // per large JSONL file
}

// located is a finding with its place in a file. Start and End stay byte
// offsets into the scanned text (the whole file, a JSON string value or a
// CSV cell, named by Field); Line/Column locate the value in the file.
type located struct {
	classifiers.Finding
	Path      string `json:"path"`
	Field     string `json:"field,omitempty"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"` // exclusive, like SARIF's endColumn

	col16, endCol16 int // UTF-16 columns for SARIF
}

// fileResult is the outcome of scanning one file.
type fileResult struct {
	path     string
	bytes    int64 // scanned (decompressed) bytes
	findings []located
	skipped  string   // reason the file was not scanned (binary, symlink, ...)
	err      error    // the file could not be scanned: fails the run closed
	notes    []string // parts scanned differently than their format asks
}

// format is how a file's content is split into fields.
type format int

const (
	formatText format = iota
	formatJSONL
	formatJSON
	formatCSV
	formatTSV
)

// formatOf picks the format by extension, after a ".gz" suffix is removed.
func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return formatJSONL
	case ".json":
		return formatJSON
	case ".csv":
		return formatCSV
	case ".tsv", ".tab":
		return formatTSV
	}
	return formatText
}

// scanFile reads and scans one regular file.
func scanFile(eng *classifiers.Engine, path string, lim scanLimits) fileResult {
	res := fileResult{path: path}
	data, err := readScanFile(path, lim)
	if err != nil {
		res.err = err
		return res
	}
	name := path
	if strings.EqualFold(filepath.Ext(name), ".gz") {
		name = strings.TrimSuffix(name, filepath.Ext(name))
	}
	if isBinary(data, lim.binarySniffLn) {
		res.skipped = "binary (NUL byte)"
		return res
	}
	res.bytes = int64(len(data))
	s := &fileScan{eng: eng, res: &res, data: data, idx: newLineIndex(data), workers: lim.workers}
	switch formatOf(name) {
	case formatJSONL:
		s.jsonl()
	case formatJSON:
		s.json()
	case formatCSV:
		s.csv(',')
	case formatTSV:
		s.csv('\t')
	default:
		s.text()
	}
	s.finish()
	return res
}

// readScanFile returns the content of path, decompressed if it ends in .gz.
func readScanFile(path string, lim scanLimits) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(filepath.Ext(path), ".gz") {
		if st.Size() > lim.maxFileBytes {
			return nil, fmt.Errorf("%d bytes, over --max-file-bytes %d", st.Size(), lim.maxFileBytes)
		}
		return io.ReadAll(io.LimitReader(f, lim.maxFileBytes+1))
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	limit := min(lim.maxGzipBytes, lim.maxFileBytes, max(1<<20, lim.maxGzipRatio*st.Size()))
	data, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("gzip: %w: more than %d bytes from %d compressed", errGzipBomb, limit, st.Size())
	}
	return data, nil
}

// isBinary sniffs the first n bytes for a NUL byte, like git and grep.
// UTF-16 text has NULs too and is skipped as binary.
func isBinary(data []byte, n int) bool {
	return bytes.IndexByte(data[:min(n, len(data))], 0) >= 0
}
