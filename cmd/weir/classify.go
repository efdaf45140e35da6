package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/weir-dev/weir/classifiers"
)

// classifyJob is one input line of weir classify.
type classifyJob struct {
	line    int
	data    []byte
	tooLong bool
}

// classifyResult is the output line for one job, or why it was skipped.
type classifyResult struct {
	line int
	out  []byte
	err  error
}

func runClassify(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("classify", io)
	var ef engineFlags
	ef.register(fs)
	in := fs.String("in", "", "read JSONL records from `FILE` (default stdin)")
	out := fs.String("out", "", "write JSONL results to `FILE` (default stdout)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "records classified in parallel")
	maxLine := fs.Int("max-line-bytes", 128<<20, "longer input lines are reported and skipped")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir classify [flags] < records.jsonl > findings.jsonl

Reads JSONL records {"id": ..., "text": "..."} and writes one line
{"id": ..., "findings": [...]} per record, in input order. A malformed line is
reported on stderr with its line number and skipped; the exit status stays 0.
Fingerprints are keyed from $WEIR_FINGERPRINT_KEY or the file named by
$WEIR_FINGERPRINT_KEY_FILE (unset: a fixed development key).`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "classify", fmt.Errorf("unexpected argument %q (use --in)", fs.Arg(0)))
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "classify", err)
	}
	r, w, closeIn, err := openInOut(*in, *out, io.in, io.out)
	if err != nil {
		return fail(io, "classify", err)
	}
	defer closeIn()
	err = classify(eng, r, w, io.err, *workers, *maxLine)
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(io, "classify", err)
	}
	return exitOK
}

// classify streams records from r to w, reporting skipped lines on errw.
func classify(eng *classifiers.Engine, r io.Reader, w io.Writer, errw io.Writer, workers, maxLine int) error {
	br := bufio.NewReaderSize(r, 1<<20)
	lineNo := 0
	next := func() (classifyJob, int64, bool, error) {
		for {
			data, tooLong, err := readLine(br, maxLine)
			if errors.Is(err, io.EOF) {
				return classifyJob{}, 0, false, nil
			}
			if err != nil {
				return classifyJob{}, 0, false, fmt.Errorf("read line %d: %w", lineNo+1, err)
			}
			lineNo++
			if !tooLong && isBlank(data) {
				continue
			}
			return classifyJob{line: lineNo, data: data, tooLong: tooLong}, int64(len(data)), true, nil
		}
	}
	fn := func(j classifyJob) classifyResult {
		if j.tooLong {
			return classifyResult{line: j.line, err: fmt.Errorf("line longer than %d bytes", maxLine)}
		}
		out, err := classifyLine(eng, j.data)
		return classifyResult{line: j.line, out: out, err: err}
	}
	emit := func(res classifyResult) error {
		if res.err != nil {
			fmt.Fprintf(errw, "weir classify: line %d: skipped: %v\n", res.line, res.err)
			return nil
		}
		_, err := w.Write(res.out)
		return err
	}
	return orderedMap(workers, 4*workers, 256<<20, next, fn, emit)
}

// classifyRecord is the input contract; fields are kept raw so the id is
// echoed exactly and the text decoded once, into bytes.
type classifyRecord struct {
	ID   json.RawMessage `json:"id"`
	Text json.RawMessage `json:"text"`
}

// classifyLine returns the output line (with "\n") for one input record.
func classifyLine(eng *classifiers.Engine, line []byte) ([]byte, error) {
	var rec classifyRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, fmt.Errorf("malformed JSON: %w", err)
	}
	if len(rec.ID) == 0 || rec.ID[0] == '{' || rec.ID[0] == '[' || string(rec.ID) == "null" ||
		string(rec.ID) == "true" || string(rec.ID) == "false" {
		return nil, errors.New(`"id" must be a string or a number`)
	}
	if len(rec.Text) == 0 || rec.Text[0] != '"' {
		return nil, errors.New(`"text" must be a string`)
	}
	text := unquoteJSON(make([]byte, 0, len(rec.Text)), rec.Text)
	findings := eng.Scan(text)
	if findings == nil {
		findings = []classifiers.Finding{}
	}
	fj, err := json.Marshal(findings)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(rec.ID)+len(fj)+24)
	out = append(out, `{"id":`...)
	out = append(out, rec.ID...)
	out = append(out, `,"findings":`...)
	out = append(out, fj...)
	return append(out, "}\n"...), nil
}
