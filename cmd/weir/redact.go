package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"

	"github.com/weir-dev/weir/classifiers/redact"
)

// Keyring for hash, tokenize and detokenize: like the fingerprint key, only
// from the environment or a file it names, never from a flag.
const (
	envTokenKeys     = "WEIR_TOKEN_KEYS"
	envTokenKeysFile = "WEIR_TOKEN_KEYS_FILE"
)

// operatorFlags collects repeated --operator-for TYPE=OP.
type operatorFlags map[string]redact.Operator

func (o operatorFlags) String() string { return "" }

func (o operatorFlags) Set(v string) error {
	typ, op, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(typ) == "" || strings.TrimSpace(op) == "" {
		return errors.New("want TYPE=OPERATOR")
	}
	o[strings.ToUpper(strings.TrimSpace(typ))] = redact.Operator(strings.TrimSpace(op))
	return nil
}

// keyring reads the token keyring from the environment; nil if unset.
func keyring(getenv getenvFunc) (*redact.Keyring, error) {
	v, file := getenv(envTokenKeys), getenv(envTokenKeysFile)
	switch {
	case v != "" && file != "":
		return nil, fmt.Errorf("set %s or %s, not both", envTokenKeys, envTokenKeysFile)
	case v != "":
		// KeyringFromEnv's format: entries separated by newlines or ','.
		kr, err := redact.ParseKeyring([]byte(strings.ReplaceAll(v, ",", "\n")))
		if err != nil {
			return nil, fmt.Errorf("%w (environment variable %s)", err, envTokenKeys)
		}
		return kr, nil
	case file != "":
		return redact.LoadKeyring(file)
	}
	return nil, nil
}

func runRedact(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("redact", io)
	var ef engineFlags
	ef.register(fs)
	in := fs.String("in", "", "read from `FILE` (default stdin)")
	out := fs.String("out", "", "write to `FILE` (default stdout)")
	op := fs.String("operator", string(redact.OpType), "operator for every type: mask, type, hash, tokenize or drop")
	perType := operatorFlags{}
	fs.Var(perType, "operator-for", "`TYPE=OP` operator for one type (repeatable)")
	maskKeep := fs.Int("mask-keep", redact.DefaultMaskKeep, "characters the mask operator keeps (negative: none)")
	jsonl := fs.Bool("jsonl", false, `input is JSONL records: redact each record's top-level "text" field, keep the rest`)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "records redacted in parallel (--jsonl)")
	maxBytes := fs.Int("max-bytes", 256<<20, "largest input (text mode) or line (--jsonl)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir redact [flags] < in > out

Replaces every detected value. Text mode reads the whole input as one text;
--jsonl redacts the "text" field of each record (drop empties the field) and
drops, with a message on stderr and exit status 2, lines that are not JSON
objects: an unreadable record is never passed through unredacted.
hash and tokenize need a keyring: $WEIR_TOKEN_KEYS ("id:base64key", entries
separated by ',' or newlines, primary first) or the file named by
$WEIR_TOKEN_KEYS_FILE.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "redact", fmt.Errorf("unexpected argument %q (use --in)", fs.Arg(0)))
	}
	policy := redact.Policy{Default: redact.Operator(*op), PerType: perType, MaskKeep: *maskKeep, DropField: *jsonl}
	if policy.MaskKeep == 0 {
		policy.MaskKeep = -1 // --mask-keep 0 means keep nothing; Policy's 0 is the default
	}
	kr, err := keyring(getenv)
	if err != nil {
		return fail(io, "redact", err)
	}
	red, err := redact.New(policy, kr)
	if err != nil {
		return fail(io, "redact", err)
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "redact", err)
	}
	r, w, closeIn, err := openInOut(*in, *out, io.in, io.out)
	if err != nil {
		return fail(io, "redact", err)
	}
	defer closeIn()
	t := func(text []byte) ([]byte, error) {
		out, _, err := red.Apply(text, eng.Scan(text))
		return out, err
	}
	var skipped int
	if *jsonl {
		skipped, err = transformJSONL(r, w, io.err, "redact", *workers, *maxBytes, t)
	} else {
		err = transformAll(r, w, *maxBytes, t)
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(io, "redact", err)
	}
	if skipped > 0 {
		return exitError
	}
	return exitOK
}

func runDetokenize(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("detokenize", io)
	in := fs.String("in", "", "read from `FILE` (default stdin)")
	out := fs.String("out", "", "write to `FILE` (default stdout)")
	jsonl := fs.Bool("jsonl", false, `input is JSONL records: detokenize each record's top-level "text" field`)
	maxBytes := fs.Int("max-bytes", 256<<20, "largest input (text mode) or line (--jsonl)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir detokenize [flags] < redacted > original

Reverses the tokenize operator of weir redact with the keyring in
$WEIR_TOKEN_KEYS or the file named by $WEIR_TOKEN_KEYS_FILE. This reveals the
redacted values: give it to few people.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	kr, err := keyring(getenv)
	if err == nil && kr == nil {
		err = fmt.Errorf("no keyring: set %s or %s", envTokenKeys, envTokenKeysFile)
	}
	if err != nil {
		return fail(io, "detokenize", err)
	}
	r, w, closeIn, err := openInOut(*in, *out, io.in, io.out)
	if err != nil {
		return fail(io, "detokenize", err)
	}
	defer closeIn()
	var skipped int
	if *jsonl {
		skipped, err = transformJSONL(r, w, io.err, "detokenize", 1, *maxBytes, kr.Detokenize)
	} else {
		err = transformAll(r, w, *maxBytes, kr.Detokenize)
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(io, "detokenize", err)
	}
	if skipped > 0 {
		return exitError
	}
	return exitOK
}

// transformAll applies t to the whole input.
func transformAll(r io.Reader, w io.Writer, maxBytes int, t func([]byte) ([]byte, error)) error {
	data, err := io.ReadAll(io.LimitReader(r, int64(maxBytes)+1))
	if err != nil {
		return err
	}
	if len(data) > maxBytes {
		return fmt.Errorf("input larger than --max-bytes %d", maxBytes)
	}
	out, err := t(data)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

type lineResult struct {
	line int
	out  []byte
	err  error
}

// transformJSONL applies t to the top-level "text" string of every JSONL
// record, keeping the rest of the line byte for byte. A line that cannot be
// transformed is reported on errw and left out of the output (fail closed);
// it returns how many were.
func transformJSONL(r io.Reader, w io.Writer, errw io.Writer, cmd string, workers, maxLine int,
	t func([]byte) ([]byte, error)) (skipped int, err error) {
	br := bufio.NewReaderSize(r, 1<<20)
	lineNo := 0
	next := func() (classifyJob, int64, bool, error) {
		for {
			data, tooLong, err := readLine(br, maxLine)
			if errors.Is(err, io.EOF) {
				return classifyJob{}, 0, false, nil
			}
			if err != nil {
				return classifyJob{}, 0, false, err
			}
			lineNo++
			if !tooLong && isBlank(data) {
				continue
			}
			return classifyJob{line: lineNo, data: data, tooLong: tooLong}, int64(len(data)), true, nil
		}
	}
	fn := func(j classifyJob) lineResult {
		if j.tooLong {
			return lineResult{line: j.line, err: fmt.Errorf("line longer than %d bytes", maxLine)}
		}
		out, err := transformRecord(j.data, t)
		return lineResult{line: j.line, out: out, err: err}
	}
	emit := func(res lineResult) error {
		if res.err != nil {
			skipped++
			fmt.Fprintf(errw, "weir %s: line %d: left out: %v\n", cmd, res.line, res.err)
			return nil
		}
		_, err := w.Write(res.out)
		return err
	}
	err = orderedMap(workers, 4*workers, 256<<20, next, fn, emit)
	return skipped, err
}

// transformRecord rewrites the top-level "text" values of one JSON object
// line (drop with --jsonl empties the field: Policy.DropField).
func transformRecord(line []byte, t func([]byte) ([]byte, error)) ([]byte, error) {
	if !jsonObject(line) {
		return nil, errors.New("not a JSON object")
	}
	var spans []jsonString
	walkJSONStrings(line, func(js jsonString) {
		if js.path == "text" && js.isString() {
			spans = append(spans, js)
		}
	})
	out := make([]byte, 0, len(line)+64)
	prev := 0
	for _, js := range spans {
		text := unquoteJSON(nil, js.raw)
		red, err := t(text)
		if err != nil {
			return nil, err
		}
		out = append(out, line[prev:js.off]...)
		out = appendJSONString(out, red)
		prev = js.off + len(js.raw)
	}
	out = append(out, line[prev:]...)
	return append(out, '\n'), nil
}

// jsonObject reports whether line is one valid JSON object.
func jsonObject(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i < len(line) && line[i] == '{' && json.Valid(line)
}
