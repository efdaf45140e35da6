package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// docExample is one command line of a fenced code block of README.md or
// docs/*.md.
type docExample struct {
	file string // relative to the repository root
	line int    // of the command's first line
	text string // continuation lines joined, comment dropped
	// synopsis: a usage line of a text block ("weir lineage show REF
	// [--format text|dot|mermaid]"), checked, not run.
	synopsis bool
}

func (e docExample) String() string { return fmt.Sprintf("%s:%d: %s", e.file, e.line, e.text) }

// shellBlocks are the info strings of the fenced blocks whose every line is
// a command; in the other blocks (text transcripts) only lines starting
// with "$ " are.
var shellBlocks = map[string]bool{"sh": true, "bash": true, "shell": true, "console": true, "zsh": true}

// docExamples returns the command lines of the fenced code blocks of a
// Markdown document: continuation lines (a trailing backslash, or an open
// quote) joined, blank lines and comments dropped.
func docExamples(file, md string) []docExample {
	var out []docExample
	in, lang := false, ""
	var cur strings.Builder
	start := 0
	for i, line := range strings.Split(md, "\n") {
		trim := strings.TrimSpace(line)
		if !in {
			if rest, ok := strings.CutPrefix(trim, "```"); ok {
				in, lang = true, strings.TrimSpace(rest)
			}
			continue
		}
		if cur.Len() == 0 {
			if trim == "```" {
				in = false
				continue
			}
			cmd, prompt := strings.CutPrefix(trim, "$ ")
			if !shellBlocks[lang] && !prompt {
				if w := strings.Fields(trim); lang == "text" && len(w) > 1 && w[0] == "weir" && commands[w[1]].run != nil {
					out = append(out, docExample{file: file, line: i + 1, text: trim, synopsis: true})
				}
				continue
			}
			if cmd == "" || strings.HasPrefix(cmd, "#") {
				continue
			}
			trim, start = cmd, i+1
		}
		if c, ok := strings.CutSuffix(trim, "\\"); ok {
			cur.WriteString(strings.TrimSpace(c) + " ")
			continue
		}
		cur.WriteString(trim)
		if quoteOpen(cur.String()) {
			cur.WriteString("\n")
			continue
		}
		if text := strings.TrimSpace(stripComment(cur.String())); text != "" {
			out = append(out, docExample{file: file, line: start, text: text})
		}
		cur.Reset()
	}
	return out
}

// quoteOpen reports whether s ends inside a single- or double-quoted string.
func quoteOpen(s string) bool {
	var q byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q == 0 && c == '\\':
			i++
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q == '"' && c == '\\':
			i++
		case q != 0 && c == q:
			q = 0
		}
	}
	return q != 0
}

// stripComment drops a shell comment: an unquoted '#' at the start or after
// a blank.
func stripComment(s string) string {
	var q byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case q == 0 && c == '\\':
			i++
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q != 0 && c == q:
			q = 0
		case q == 0 && c == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t'):
			return s[:i]
		}
	}
	return s
}

// splitUnquoted splits s at every unquoted occurrence of sep.
func splitUnquoted(s, sep string) []string {
	var parts []string
	var q byte
	last, depth := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case q == 0 && c == '\\':
			i++
		case q == 0 && (c == '\'' || c == '"'):
			q = c
		case q != 0 && c == q:
			q = 0
		case q == 0 && c == '$' && i+1 < len(s) && s[i+1] == '(':
			depth++
			i++
		case q == 0 && depth > 0 && c == ')':
			depth--
		case q == 0 && depth == 0 && strings.HasPrefix(s[i:], sep):
			parts = append(parts, strings.TrimSpace(s[last:i]))
			i += len(sep) - 1
			last = i + 1
		}
	}
	return append(parts, strings.TrimSpace(s[last:]))
}

// shellWords splits a command line into words, honouring single and double
// quotes; $NAME and ${NAME} outside single quotes expand from vars (nil: no
// expansion).
func shellWords(s string, vars map[string]string) []string {
	var words []string
	var b strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case c == '$' && quote != '\'' && vars != nil && i+1 < len(s):
			name := ""
			if s[i+1] == '{' {
				end := strings.IndexByte(s[i:], '}')
				if end > 0 {
					name, i = s[i+2:i+end], i+end
				}
			} else {
				j := i + 1
				for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= '0' && s[j] <= '9') {
					j++
				}
				name, i = s[i+1:j], j-1
			}
			if name == "" {
				b.WriteByte(c)
			}
			b.WriteString(vars[name])
			inWord = true
		case quote != 0:
			b.WriteByte(c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words = append(words, b.String())
				b.Reset()
				inWord = false
			}
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, b.String())
	}
	return words
}

// exampleFiles lists README.md and docs/*.md, relative to the repository
// root (the working directory).
func exampleFiles(t *testing.T) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join("docs", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	return append([]string{"README.md"}, docs...)
}

// synopsisWords returns the words of a usage line with its option
// brackets dropped.
func synopsisWords(text string) []string {
	var words []string
	for _, w := range strings.Fields(text) {
		if w = strings.Trim(w, "[]"); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// exampleSkips are the documented commands that are not executed, keyed by
// their exact text (as docExamples returns it), with the reason. The weir
// commands among them are still checked: the subcommand exists and takes
// every --flag. A new example is executed or added here, or the test fails.
var exampleSkips = map[string]string{
	// README.md
	"go install github.com/weir-dev/weir/cmd/weir@latest": "network: installs the published module",
	"make test": "is this test's own entry point",
	"go run ./cmd/weir run --brokers kafka-1:9092,kafka-2:9092 --topics 'rag\\..*' --topic-regex --group weir --quarantine-types SECRET,PHI --operator-for EMAIL_ADDRESS=mask --exactly-once": "external Kafka cluster (kafka-1, kafka-2); `run --embedded` is executed",
	"go run ./cmd/weir topic tail --brokers localhost:9092 --follow weir.clean":                                                                                                               "follows a broker on localhost:9092 forever; `topic tail --data-dir` is executed",
	"WEIR_S3_ENDPOINT=http://127.0.0.1:9000 go run ./cmd/weir scan --sample-percent 5 --format json s3://training/datasets/":                                                                  "needs an S3 endpoint with the bucket training (TestScanS3* under scripts/minio.sh cover s3:// scans)",
	// docs/operations.md
	"docker build -f deploy/Dockerfile -t weir:dev --build-arg VERSION=$(git describe --tags --always) --build-arg COMMIT=$(git rev-parse HEAD) .": "no Docker engine in tests; deploy/ tests check the Dockerfile",
	"helm upgrade --install weir deploy/helm/weir -n weir --create-namespace -f my-values.yaml":                                                    "no Kubernetes cluster; scripts/helm.sh lints and renders the chart and deploy/ tests check it",
	"weir topic tail --brokers kafka:9092 --max 10 weir.quarantine":                                                                                "external Kafka host kafka:9092",
	"weir topic tail --brokers kafka:9092 --follow weir.dlq":                                                                                       "external Kafka host kafka:9092; follows forever",
	// docs/vectordb.md
	"weir proxy --upstream http://qdrant:6333 --rules rules.yaml --brokers kafka-1:9092 --addr 0.0.0.0:6333": "external Qdrant and Kafka hosts; `proxy --embedded` is executed",
	"weir pgcapture --tables public.chunks,docs --source-column metadata --brokers kafka-1:9092":             "needs PostgreSQL with logical replication and an external Kafka (pgcapture tests run under scripts/postgres.sh)",
	// docs/lineage.md
	"weir lineage serve --addr 0.0.0.0:5000 --brokers kafka-1:9092 --model 'mlflow://prod/*=external'":                         "external Kafka host kafka-1:9092",
	"weir scan --format json s3://training/tickets/ > scan.json":                                                               "needs an S3 endpoint with the bucket training",
	"weir lineage observe scan.json && weir lineage show s3://training/tickets":                                                "reads the report of the S3 scan above",
	"weir actions watch --policy policies.yaml --quarantine s3://weir-quarantine/held/ --notifications s3://training/tickets/": "needs S3 with bucket notifications (actions tests run under scripts/minio.sh)",
	"weir actions show act-00000000000000a1":                                                                                   "shows an action recorded by the S3 watch above",
	"weir actions restore act-00000000000000a1 --quarantine s3://weir-quarantine/held/":                                        "restores an object quarantined on S3 by the watch above",
}

// exampleTimeout bounds every executed example.
const exampleTimeout = 40 * time.Second

// TestDocExamples accounts for every command example of README.md and
// docs/*.md: it executes it (the weir binary in a temporary directory, with
// the stdin the example pipes in; servers started on loopback ports,
// checked ready, exercised and stopped), checks it (bench/run: the
// harness and its flags exist), or skips it for a reason in exampleSkips
// (weir commands are still checked for their subcommand and flags). A new
// example that is none of these fails the test.
func TestDocExamples(t *testing.T) {
	bin := weirBinary(t)
	t.Chdir(filepath.Join("..", ".."))
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	total := 0
	for _, file := range exampleFiles(t) {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		exs := docExamples(file, string(b))
		if len(exs) == 0 {
			continue
		}
		r := newExampleRun(t, root, bin)
		for _, ex := range exs {
			total++
			seen[ex.text] = true
			how, err := r.account(ex)
			switch {
			case err != nil:
				t.Errorf("%v\n\t%v", ex, err)
			case how == "":
				t.Errorf("%v\n\tnot executed and not in exampleSkips: execute it in examples_test.go or add it to exampleSkips with a reason", ex)
			default:
				t.Logf("%s:%d: %s: %s", ex.file, ex.line, how, ex.text)
			}
		}
		r.stop()
	}
	for cmd := range exampleSkips {
		if !seen[cmd] {
			t.Errorf("exampleSkips[%q]: no such documented command any more; remove it", cmd)
		}
	}
	if total < 40 {
		t.Errorf("found %d documented commands; the examples were not found", total)
	}
}

// exampleRun executes the examples of one document in order, in one
// temporary directory, as one shell session would.
type exampleRun struct {
	t        *testing.T
	root     string
	bin      string
	dir      string
	vars     map[string]string // shell variables the examples set
	rewrite  *strings.Replacer // absolute and out-of-tree paths -> the temporary directory
	procs    []*exec.Cmd       // background processes
	servers  map[string]string // documented base URL -> started server's URL
	client   *http.Client
	certPool *x509.CertPool
	brokers  map[string]string // documented broker address -> embedded broker
}

func newExampleRun(t *testing.T, root, bin string) *exampleRun {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"testdata", "cmd", "deploy"} {
		if err := os.Symlink(filepath.Join(root, d), filepath.Join(dir, d)); err != nil {
			t.Fatal(err)
		}
	}
	// Inputs the documents assume the reader has.
	day, err := os.ReadFile(filepath.Join(root, "cmd", "weir", "testdata", "lineage", "day.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	policies, err := os.ReadFile(filepath.Join(root, "cmd", "weir", "testdata", "lineage", "policies.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string][]byte{
		"events.jsonl":    day,
		"policies.yaml":   policies,
		"fingerprint.key": []byte(randomB64(t, 32)),
	})
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeDatasets(t, filepath.Join(dir, "data"))
	corpus := filepath.Join(root, "..", "shared", "corpus")
	return &exampleRun{
		t: t, root: root, bin: bin, dir: dir,
		vars: map[string]string{
			"PATH":        os.Getenv("PATH"),
			"HOME":        dir,
			"OLD_KEY_B64": randomB64(t, 32),
			"AIRFLOW_KEY": randomB64(t, 24),
		},
		rewrite: strings.NewReplacer(
			"/tmp/lineage.db", filepath.Join(dir, "lineage.db"),
			"/tmp/preds.jsonl", filepath.Join(dir, "preds.jsonl"),
			"../shared/corpus/dev.jsonl", filepath.Join(dir, "dev.jsonl"),
			"../shared/corpus/", corpus+"/",
			"/run/secrets/weir-fingerprint-key", filepath.Join(dir, "fingerprint.key"),
		),
		servers: map[string]string{},
		brokers: map[string]string{},
		client:  &http.Client{Timeout: 20 * time.Second},
	}
}

func randomB64(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// stop ends the background processes (SIGTERM, then the test's cleanup).
func (r *exampleRun) stop() {
	for _, p := range r.procs {
		_ = p.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = p.Process.Kill()
			<-done
		}
	}
	r.procs = nil
}

var assignRE = regexp.MustCompile(`^(export +)?([A-Za-z_][A-Za-z0-9_]*)=`)

// account executes, checks or skips one example; it returns how, or ""
// when the example is none of these.
func (r *exampleRun) account(ex docExample) (string, error) {
	if ex.synopsis {
		return "flag-checked (usage line)", checkFlags(r.t, synopsisWords(ex.text))
	}
	if reason, ok := exampleSkips[ex.text]; ok {
		for _, part := range splitUnquoted(ex.text, "&&") {
			if words := weirWords(part, nil); words != nil {
				if err := checkFlags(r.t, words); err != nil {
					return "", err
				}
			}
		}
		return "skipped (" + reason + ")", nil
	}
	text := r.rewrite.Replace(ex.text)
	text = strings.ReplaceAll(text, "go run ./cmd/weir", "weir")
	switch {
	case text == "make demo":
		mk, err := os.ReadFile(filepath.Join(r.root, "Makefile"))
		if err != nil {
			return "", err
		}
		if !strings.Contains(string(mk), "demo:\n\t$(GO) run ./cmd/weir demo\n") {
			return "", errors.New("the Makefile's demo target is not `$(GO) run ./cmd/weir demo`")
		}
		return "executed as weir demo", r.demo()
	case strings.HasPrefix(text, "bench/run "):
		return "checked (harness and flags exist; not run)", r.benchCheck(text)
	case strings.HasPrefix(text, "curl "):
		return "executed (the request, with net/http, on the server started above)", r.curl(text)
	case strings.HasPrefix(text, "python3 ../shared/corpus/score.py") || strings.HasPrefix(text, "python3 "+r.rewrite.Replace("../shared/corpus/score.py")):
		return r.score(text)
	}
	if m := assignRE.FindStringSubmatch(text); m != nil && len(splitUnquoted(text, "|")) == 1 {
		return "executed (bash)", r.assign(text, m[2])
	}
	stages := splitUnquoted(text, "|")
	if len(stages) > 1 || strings.HasPrefix(stages[0], "echo ") {
		return r.pipeline(stages)
	}
	words := weirWords(text, r.vars)
	if words == nil {
		return "", nil
	}
	return r.weir(text, words)
}

// weirWords returns the words of a weir command line without its VAR=value
// prefixes, or nil when it is not one.
func weirWords(text string, vars map[string]string) []string {
	text = strings.ReplaceAll(text, "go run ./cmd/weir", "weir")
	words := shellWords(text, vars)
	for len(words) > 0 && assignRE.MatchString(words[0]) {
		words = words[1:]
	}
	if len(words) < 2 || words[0] != "weir" {
		return nil
	}
	return words
}

// assign evaluates a variable assignment with bash and keeps the value.
func (r *exampleRun) assign(text, name string) error {
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", text+"\nprintf %s \"$"+name+"\"")
	cmd.Dir, cmd.Env = r.dir, r.env(nil)
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("bash: %w", err)
	}
	if len(out) == 0 {
		return fmt.Errorf("%s is empty", name)
	}
	r.vars[name] = string(out)
	if name == "KEY" || name == "key" {
		// The clients of the examples send the key as $WEIR_API_KEY.
		r.vars["WEIR_API_KEY"] = string(out)
	}
	return nil
}

// env is the environment of an executed example: the session's variables
// and extra.
func (r *exampleRun) env(extra map[string]string) []string {
	var env []string
	for k, v := range r.vars {
		if _, ok := extra[k]; !ok {
			env = append(env, k+"="+v)
		}
	}
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}

// exec runs the weir binary to completion in the session's directory.
func (r *exampleRun) exec(args []string, extra map[string]string, stdin string) (stdout, stderr string, code int, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), exampleTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	var o, e bytes.Buffer
	cmd.Dir, cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = r.dir, r.env(extra), strings.NewReader(stdin), &o, &e
	err = cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return o.String(), e.String(), ee.ExitCode(), nil
	}
	if err != nil {
		return "", "", -1, err
	}
	return o.String(), e.String(), 0, nil
}

// mustExec runs weir and wants one of the exit codes (default 0).
func (r *exampleRun) mustExec(args []string, extra map[string]string, stdin string, codes ...int) (string, error) {
	out, stderr, code, err := r.exec(args, extra, stdin)
	if err != nil {
		return "", err
	}
	if len(codes) == 0 {
		codes = []int{exitOK}
	}
	if !slices.Contains(codes, code) {
		return "", fmt.Errorf("exit %d, want %v; stderr:\n%s", code, codes, stderr)
	}
	return out, nil
}

// prefixEnv returns the VAR=value prefixes of a command line.
func prefixEnv(text string) map[string]string {
	env := map[string]string{}
	for _, w := range shellWords(text, nil) {
		k, v, ok := strings.Cut(w, "=")
		if !ok || !assignRE.MatchString(w) {
			break
		}
		env[k] = v
	}
	return env
}

// weir executes one weir command line (no pipe).
func (r *exampleRun) weir(text string, words []string) (string, error) {
	background := false
	if words[len(words)-1] == "&" {
		background, words = true, words[:len(words)-1]
	}
	args := words[1:]
	var redirect string
	if i := slices.Index(args, ">"); i >= 0 && i == len(args)-2 {
		redirect, args = args[i+1], args[:i]
	}
	if len(splitUnquoted(text, "&&")) > 1 {
		return "", nil
	}
	extra := prefixEnv(text)
	sub := args[0]
	if len(args) > 1 && (sub == "lineage" || sub == "actions" || sub == "config" || sub == "topic") {
		sub += " " + args[1]
	}
	switch {
	case sub == "version" || sub == "config check" || sub == "actions verify":
		out, err := r.mustExec(args, extra, "")
		if err == nil && strings.TrimSpace(out) == "" {
			err = errors.New("no output")
		}
		return "executed", err
	case sub == "lineage ingest":
		_, stderr, code, err := r.exec(args, extra, "")
		if err == nil && (code != exitOK || !strings.Contains(stderr, "events stored, 0 rejected")) {
			err = fmt.Errorf("exit %d; stderr:\n%s", code, stderr)
		}
		return "executed", err
	case sub == "lineage blast-radius":
		// Exit status 1: the dataset feeds an external model.
		out, err := r.mustExec(args, extra, "", exitOK, exitFindings)
		if err == nil && !strings.Contains(out, "blast radius of dataset") {
			err = fmt.Errorf("output %q is not a blast radius", out)
		}
		return "executed", err
	case sub == "lineage evaluate":
		// Exit status 1: a policy would act, as the transcript shows.
		out, err := r.mustExec(args, extra, "", exitOK, exitFindings)
		if err == nil && !strings.Contains(out, "decision:") {
			err = fmt.Errorf("output %q has no decision", out)
		}
		return "executed", err
	case sub == "docs":
		_, err := r.mustExec(append(args, "--dir", r.dir), extra, "")
		if err == nil {
			_, err = os.Stat(filepath.Join(r.dir, "configuration.md"))
		}
		return "executed (--dir: a temporary directory)", err
	case sub == "demo":
		return "executed", r.demo()
	case sub == "topic tail" && !slices.Contains(args, "--follow") && slices.Contains(args, "--data-dir"):
		out, err := r.mustExec(args, extra, "")
		if err == nil {
			max := 0
			if i := slices.Index(args, "--max"); i >= 0 {
				max, _ = strconv.Atoi(args[i+1])
			}
			if n := strings.Count(out, "\n"); n == 0 || max > 0 && n > max {
				err = fmt.Errorf("%d records, want 1..%d", n, max)
			}
		}
		return "executed (after weir demo)", err
	case sub == "scan" && !slices.Contains(args, "--brokers"):
		return "executed", r.scan(args, extra, redirect)
	case sub == "scan" || sub == "scan-worker":
		// A cluster: the broker address is an embedded broker's.
		for i, a := range args {
			if a == "--brokers" {
				args[i+1] = r.broker(args[i+1])
			}
		}
		if background {
			return "executed (--brokers: an embedded broker; stopped at the end of the document)", r.start(args, extra, "")
		}
		return "executed (--brokers: an embedded broker)", r.scan(args, extra, redirect)
	case sub == "run" && slices.Contains(args, "--embedded"):
		// Any free port for the broker: 9092 may be taken on a test machine.
		return "executed until ready, then SIGTERM (--port 0, --http-addr on a free port)", r.startReady(append(args, "--port", "0"), extra, "--http-addr", "/readyz", filepath.Join(".weir", "kafka"))
	case sub == "proxy" && slices.Contains(args, "--embedded"):
		args = append(args, "--addr", freeAddr(r.t))
		return "executed until ready, then SIGTERM (--addr and --http-addr on free ports)", r.startReady(args, extra, "--http-addr", "/readyz", filepath.Join(".weir", "proxy"))
	case sub == "serve":
		return "executed until ready, kept for the requests below, then SIGTERM (--addr: a free port)", r.serve(args, extra)
	}
	return "", nil
}

// broker maps a documented broker address to an embedded broker started
// for the document.
func (r *exampleRun) broker(addr string) string {
	if b, ok := r.brokers[addr]; ok {
		return b
	}
	b := strings.Join(distBroker(r.t).Brokers, ",")
	r.brokers[addr] = b
	return b
}

// demo runs weir demo as make demo does and checks its summary and
// data directory.
func (r *exampleRun) demo() error {
	out, err := r.mustExec([]string{"demo"}, nil, "")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(r.dir, ".weir", "demo")); err != nil {
		return fmt.Errorf("no .weir/demo: %w", err)
	}
	if !strings.Contains(out, "topic tail") {
		return fmt.Errorf("the summary does not say how to inspect the topics:\n%s", out)
	}
	return nil
}

// scan runs a scan and checks its report names findings.
func (r *exampleRun) scan(args []string, extra map[string]string, redirect string) error {
	var expanded []string
	for _, a := range args {
		if strings.ContainsAny(a, "*?[") && !strings.Contains(a, "://") {
			m, err := filepath.Glob(filepath.Join(r.dir, a))
			if err != nil || len(m) == 0 {
				return fmt.Errorf("%s matches nothing", a)
			}
			expanded = append(expanded, m...)
			continue
		}
		expanded = append(expanded, a)
	}
	out, err := r.mustExec(expanded, extra, "", exitOK, exitFindings)
	if err != nil {
		return err
	}
	if i := slices.Index(args, "--out"); i >= 0 {
		b, err := os.ReadFile(filepath.Join(r.dir, args[i+1]))
		if err != nil {
			return err
		}
		out = string(b)
	}
	if redirect != "" {
		if err := os.WriteFile(filepath.Join(r.dir, redirect), []byte(out), 0o644); err != nil {
			return err
		}
	}
	for _, want := range []string{"EMAIL_ADDRESS", "US_SSN"} {
		if !strings.Contains(out, want) {
			return fmt.Errorf("the report has no %s finding:\n%.2000s", want, out)
		}
	}
	for _, raw := range datasetSecrets {
		if strings.Contains(out, raw) {
			return fmt.Errorf("the report holds a raw value of the datasets")
		}
	}
	return nil
}

// start runs weir in the background until the end of the document.
func (r *exampleRun) start(args []string, extra map[string]string, stdin string) error {
	cmd := exec.Command(r.bin, args...)
	var e bytes.Buffer
	cmd.Dir, cmd.Env, cmd.Stdin, cmd.Stderr = r.dir, r.env(extra), strings.NewReader(stdin), &e
	if err := cmd.Start(); err != nil {
		return err
	}
	r.procs = append(r.procs, cmd)
	r.t.Cleanup(func() { _ = cmd.Process.Kill() })
	return nil
}

// startReady starts a server with flag on a free loopback address, waits
// until path answers 200 there, stops it with SIGTERM and wants exit 0 and
// its data directory.
func (r *exampleRun) startReady(args []string, extra map[string]string, flag, path, dataDir string) error {
	addr := freeAddr(r.t)
	cmd := exec.Command(r.bin, append(args, flag, addr)...)
	var e lockedBuffer
	cmd.Dir, cmd.Env, cmd.Stderr, cmd.Stdout = r.dir, r.env(extra), &e, &e
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	if err := r.ready(done, "http://"+addr+path, nil); err != nil {
		_ = cmd.Process.Kill()
		<-done
		return fmt.Errorf("%w; output:\n%s", err, e.String())
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("after SIGTERM: %w; output:\n%s", err, e.String())
		}
	case <-time.After(15 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		return errors.New("did not stop on SIGTERM")
	}
	if _, err := os.Stat(filepath.Join(r.dir, dataDir)); err != nil {
		return fmt.Errorf("no data directory: %w", err)
	}
	return nil
}

// ready polls url until it answers 200 or the process ends.
func (r *exampleRun) ready(done <-chan error, url string, client *http.Client) error {
	if client == nil {
		client = r.client
	}
	deadline := time.Now().Add(exampleTimeout)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			return fmt.Errorf("exited before ready: %v", err)
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s not ready in %v", url, exampleTimeout)
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serve starts weir serve on a free loopback port (with a generated
// certificate for --tls-cert-file/--tls-key-file when absent) and maps the
// documented base URL to it for the curl examples that follow.
func (r *exampleRun) serve(args []string, extra map[string]string) error {
	addr := freeAddr(r.t)
	documented := "127.0.0.1:8080"
	scheme := "http"
	client := r.client
	for i := 0; i < len(args)-1; i++ {
		switch args[i] {
		case "--addr":
			documented, args[i+1] = args[i+1], addr
		case "--tls-cert-file":
			scheme = "https"
			if err := r.selfSigned(args[i+1], args[slices.Index(args, "--tls-key-file")+1]); err != nil {
				return err
			}
			client = &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{
				TLSClientConfig: &tls.Config{RootCAs: r.certPool, ServerName: "weir.internal"}}}
		}
	}
	if !slices.Contains(args, "--addr") {
		args = append(args, "--addr", addr)
	}
	cmd := exec.Command(r.bin, args...)
	var e lockedBuffer
	cmd.Dir, cmd.Env, cmd.Stderr = r.dir, r.env(extra), &e
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Stopped when the test ends.
	r.t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	base := scheme + "://" + addr
	if err := r.ready(done, base+"/healthz", client); err != nil {
		return fmt.Errorf("%w; stderr:\n%s", err, e.String())
	}
	r.client = client
	if strings.HasPrefix(documented, ":") {
		r.servers[scheme+"://weir.internal"+documented] = base
	} else {
		r.servers[scheme+"://"+documented] = base
	}
	return nil
}

// selfSigned writes a certificate for weir.internal and 127.0.0.1 and its
// key, and trusts it.
func (r *exampleRun) selfSigned(certFile, keyFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "weir.internal"},
		DNSNames:     []string{"weir.internal", "localhost"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	r.certPool = x509.NewCertPool()
	r.certPool.AddCert(cert)
	if err := os.WriteFile(filepath.Join(r.dir, certFile), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(r.dir, keyFile), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
}

// rawValueRE matches the kinds of values the examples send: e-mail
// addresses, card numbers, SSNs and AWS key ids.
var rawValueRE = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+|\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}\b|\b\d{3}-\d{2}-\d{4}\b|\bAKIA[0-9A-Z]{16}\b`)

// curl performs a documented curl request with net/http against the
// server an earlier example started, and checks that the response holds
// none of the request's raw values.
func (r *exampleRun) curl(text string) error {
	words := shellWords(text, r.vars)[1:]
	var url, body string
	header := http.Header{}
	for i := 0; i < len(words); i++ {
		switch w := words[i]; {
		case w == "-H" && i+1 < len(words):
			k, v, _ := strings.Cut(words[i+1], ":")
			header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
			i++
		case w == "-d" && i+1 < len(words):
			body = words[i+1]
			i++
		case strings.HasPrefix(w, "-"):
		default:
			url = w
		}
	}
	for doc, real := range r.servers {
		if strings.HasPrefix(url, doc) {
			url = real + strings.TrimPrefix(url, doc)
		}
	}
	if !strings.HasPrefix(url, "http://127.0.0.1") && !strings.HasPrefix(url, "https://127.0.0.1") {
		return fmt.Errorf("no server started for %s", url)
	}
	method := http.MethodGet
	if body != "" {
		method = http.MethodPost
	}
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = header
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %s", resp.StatusCode, got)
	}
	if !json.Valid(got) || !bytes.Contains(got, []byte(`"verdict"`)) {
		return fmt.Errorf("the response is no verdict: %s", got)
	}
	raws := rawValueRE.FindAllString(body, -1)
	if len(raws) == 0 {
		return errors.New("the request holds no value to redact")
	}
	// What the documents show: e-mail addresses replaced by their type, a
	// document with a secret of block_types blocked.
	if strings.Contains(body, "@") && !bytes.Contains(got, []byte("<EMAIL_ADDRESS>")) {
		return fmt.Errorf("the e-mail address is not replaced by <EMAIL_ADDRESS>: %s", got)
	}
	if strings.Contains(body, "AKIA") && !bytes.Contains(got, []byte(`"verdict":"blocked"`)) {
		return fmt.Errorf("the document with an AWS key is not blocked: %s", got)
	}
	for _, raw := range raws {
		if bytes.Contains(got, []byte(raw)) {
			return fmt.Errorf("the response holds a raw value of the request (%d bytes)", len(raw))
		}
	}
	return nil
}

// pipeline executes `echo ... | weir ... | weir ...` and `jq ... FILE |
// weir classify > FILE`: every weir stage reads the previous stage's
// output.
func (r *exampleRun) pipeline(stages []string) (string, error) {
	last := stages[len(stages)-1]
	var redirect string
	if parts := splitUnquoted(last, ">"); len(parts) == 2 {
		last, redirect = parts[0], parts[1]
		stages[len(stages)-1] = last
	}
	var data, input string
	for i, st := range stages {
		words := shellWords(st, r.vars)
		switch {
		case i == 0 && words[0] == "echo":
			data = strings.Join(words[1:], " ") + "\n"
			input = data
		case i == 0 && len(words) == 4 && words[0] == "jq" && words[1] == "-c" && words[2] == "{id, text}":
			// The projection, in Go (jq need not be installed).
			if _, err := os.Stat(filepath.Join(r.root, "..", "shared", "corpus", "dev.jsonl")); err != nil {
				return "skipped (no dev corpus at ../shared/corpus)", nil
			}
			b, err := r.corpusSample(words[3])
			if err != nil {
				return "", err
			}
			data = b
		case i > 0 && words[0] == "weir":
			in := data
			out, err := r.mustExec(words[1:], nil, in)
			if err != nil {
				return "", fmt.Errorf("%s: %w", st, err)
			}
			if err := checkStage(words[1], in, out); err != nil {
				return "", fmt.Errorf("%s: %w", st, err)
			}
			data = out
		default:
			return "", nil
		}
	}
	if input != "" && stageSub(stages[len(stages)-1]) == "detokenize" && data != input {
		return "", fmt.Errorf("detokenize did not restore the input: %d bytes, want %d", len(data), len(input))
	}
	if redirect != "" {
		if err := os.WriteFile(redirect, []byte(data), 0o644); err != nil {
			return "", err
		}
	}
	return "executed (stdin as piped)", nil
}

// stageSub returns the subcommand of a weir stage.
func stageSub(stage string) string {
	w := shellWords(stage, nil)
	if len(w) < 2 {
		return ""
	}
	return w[1]
}

// checkStage checks the output of one weir stage of a pipeline loosely.
func checkStage(sub, in, out string) error {
	switch sub {
	case "redact":
		raws := rawValueRE.FindAllString(in, -1)
		if len(raws) == 0 {
			return errors.New("the input holds no value to redact")
		}
		for _, raw := range raws {
			if strings.Contains(out, raw) {
				return errors.New("the output holds a raw value of the input")
			}
		}
	case "classify":
		n := 0
		sc := bufio.NewScanner(strings.NewReader(out))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if strings.Contains(sc.Text(), `"type"`) {
				n++
			}
		}
		if lines := strings.Count(in, "\n"); n < lines/2 {
			return fmt.Errorf("%d of %d records have findings", n, lines)
		}
	}
	if strings.TrimSpace(out) == "" {
		return errors.New("no output")
	}
	return nil
}

// corpusSampleLines is the number of dev corpus records classified.
const corpusSampleLines = 200

// corpusSample writes the first records of the dev corpus to path (the
// rewritten ../shared/corpus/dev.jsonl, which the scoring example reads
// too) and returns their {id, text} projection.
func (r *exampleRun) corpusSample(path string) (string, error) {
	src, err := os.Open(filepath.Join(r.root, "..", "shared", "corpus", "dev.jsonl"))
	if err != nil {
		return "", err
	}
	defer src.Close()
	var gold, proj strings.Builder
	sc := bufio.NewScanner(src)
	sc.Buffer(nil, 1<<20)
	for n := 0; n < corpusSampleLines && sc.Scan(); n++ {
		var rec struct {
			ID   any    `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return "", err
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return "", err
		}
		gold.WriteString(sc.Text() + "\n")
		proj.WriteString(string(b) + "\n")
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return proj.String(), os.WriteFile(path, []byte(gold.String()), 0o644)
}

// score runs the corpus's scoring script on the predictions of the
// classify example (on its sample of the dev corpus).
func (r *exampleRun) score(text string) (string, error) {
	if _, err := exec.LookPath("python3"); err != nil {
		return "skipped (python3 is not installed)", nil
	}
	words := shellWords(text, nil)
	for _, w := range words[1:] {
		if _, err := os.Stat(w); err != nil {
			return "skipped (no dev corpus at ../shared/corpus)", nil
		}
	}
	cmd := exec.Command(words[0], words[1:]...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%w: %s", err, out)
	}
	if !bytes.Contains(out, []byte("micro_f1=")) {
		return "", fmt.Errorf("no scores: %s", out)
	}
	return fmt.Sprintf("executed (on the %d-record sample the classify example wrote)", corpusSampleLines), nil
}

// benchCheck checks a bench/run line: the harness exists in bench/run's
// case list and takes every flag (its usage text).
func (r *exampleRun) benchCheck(text string) error {
	b, err := os.ReadFile(filepath.Join(r.root, "bench", "run"))
	if err != nil {
		return err
	}
	src := string(b)
	words := shellWords(text, nil)
	if len(words) < 2 {
		return errors.New("no harness named")
	}
	name := words[1]
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + `\)`).MatchString(src) {
		return fmt.Errorf("bench/run has no case %s)", name)
	}
	usage := regexp.MustCompile(`(?m)^#   bench/run ` + regexp.QuoteMeta(name) + ` (.*)$`).FindStringSubmatch(src)
	if usage == nil {
		return fmt.Errorf("bench/run's usage does not list %s", name)
	}
	for _, w := range words[2:] {
		if strings.HasPrefix(w, "--") && !strings.Contains(usage[1], "["+w+"]") && !strings.Contains(usage[1], "["+w+" ") {
			return fmt.Errorf("bench/run %s has no flag %s (usage: %s)", name, w, usage[1])
		}
	}
	return nil
}

// checkFlags checks that a documented weir command names a command and
// that every --flag is one of its flags (from its -h output).
func checkFlags(t *testing.T, words []string) error {
	t.Helper()
	args := words[1:]
	if _, ok := commands[args[0]]; !ok {
		return fmt.Errorf("no command %q", args[0])
	}
	sub := []string{args[0]}
	if len(args) > 1 && !strings.HasPrefix(args[1], "-") && slices.Contains([]string{"topic", "lineage", "actions", "config"}, args[0]) {
		sub = append(sub, args[1])
	}
	_, help, _ := cli(t, "", nil, append(sub, "-h")...)
	if !strings.Contains(help, "  -") {
		return fmt.Errorf("weir %s -h lists no flags: %s", strings.Join(sub, " "), help)
	}
	for _, a := range args[len(sub):] {
		name, ok := strings.CutPrefix(a, "--")
		if !ok {
			continue
		}
		name, _, _ = strings.Cut(name, "=")
		if !strings.Contains(help, "  -"+name+" ") && !strings.Contains(help, "  -"+name+"\n") {
			return fmt.Errorf("weir %s has no flag --%s", strings.Join(sub, " "), name)
		}
	}
	return nil
}

func TestDocExamplesParsing(t *testing.T) {
	md := "text\n```sh\n# comment\nweir version --json   # build info\nweir a \\\n  --b c\n" +
		"curl -d '{\"a\": 1,\n  \"b\": \"x # y\"}'\n```\n```go\nweir not-a-command\n```\n" +
		"```text\n$ weir lineage show X\nweir lineage add FROM TO\n```\n"
	got := docExamples("f.md", md)
	want := []string{"weir version --json", "weir a --b c", "curl -d '{\"a\": 1,\n\"b\": \"x # y\"}'", "weir lineage show X", "weir lineage add FROM TO"}
	var texts []string
	for _, e := range got {
		texts = append(texts, e.text)
	}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("docExamples = %q, want %q", texts, want)
	}
	if len(got) == 5 && (got[0].line != 4 || got[1].line != 5 || got[3].line != 14 || got[3].synopsis || !got[4].synopsis) {
		t.Errorf("lines %d %d %d, want 4 5 14", got[0].line, got[1].line, got[3].line)
	}
	vars := map[string]string{"key": "K", "X": "x"}
	for _, tc := range []struct {
		in   string
		vars map[string]string
		want []string
	}{
		{`weir x --a 'b c' "d e"`, nil, []string{"weir", "x", "--a", "b c", "d e"}},
		{`  a   b `, nil, []string{"a", "b"}},
		{`a ''`, nil, []string{"a", ""}},
		{`-H "Bearer $key" '$key' ${X}y`, vars, []string{"-H", "Bearer K", "$key", "xy"}},
		{`a $key`, nil, []string{"a", "$key"}},
		{`a $`, vars, []string{"a", "$"}},
	} {
		if got := shellWords(tc.in, tc.vars); strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("shellWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in, sep string
		want    []string
	}{
		{`echo 'a | b' | weir redact`, "|", []string{`echo 'a | b'`, "weir redact"}},
		{`x=$(a | b)`, "|", []string{`x=$(a | b)`}},
		{`a && b`, "&&", []string{"a", "b"}},
		{`a`, "|", []string{"a"}},
	} {
		if got := splitUnquoted(tc.in, tc.sep); strings.Join(got, "#") != strings.Join(tc.want, "#") {
			t.Errorf("splitUnquoted(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in, want string
	}{
		{"make demo   # = go run", "make demo   "},
		{"echo '# not' # yes", "echo '# not' "},
		{"a#b", "a#b"},
		{"# all", ""},
	} {
		if got := stripComment(tc.in); got != tc.want {
			t.Errorf("stripComment(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestDocExamplesAccounting checks that a command the test does not know is
// reported unaccounted, and that wrong bench/run and weir flags fail.
func TestDocExamplesAccounting(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	r := newExampleRun(t, root, "/nonexistent/weir")
	for _, tc := range []struct {
		text    string
		handled bool
		wantErr bool
	}{
		{"ls -l", false, false},
		{"weir frobnicate --x", false, false},
		{"echo hi | sort", false, false},
		{"bench/run classify --quick", true, false},
		{"bench/run classify --nope", false, true},
		{"bench/run nope", false, true},
		{"curl -s http://example.invalid/v1/redact -d '{}'", false, true},
	} {
		how, err := r.account(docExample{file: "x.md", line: 1, text: tc.text})
		if (err != nil) != tc.wantErr || (how != "") != tc.handled && err == nil {
			t.Errorf("account(%q) = %q, %v; want handled %v, error %v", tc.text, how, err, tc.handled, tc.wantErr)
		}
	}
	for _, tc := range []struct {
		cmd     string
		wantErr bool
	}{
		{"weir topic tail --data-dir d --max 3 weir.findings", false},
		{"weir run --embedded --port 0", false},
		{"weir run --nope", true},
		{"weir nope --x", true},
		{"weir lineage ingest --bogus f", true},
		{"weir lineage show REF [--format text|dot|mermaid]", false},
	} {
		if err := checkFlags(t, synopsisWords(tc.cmd)); (err != nil) != tc.wantErr {
			t.Errorf("checkFlags(%q) = %v, want error %v", tc.cmd, err, tc.wantErr)
		}
	}
}

// FuzzDocExamples checks the example extraction and the shell-word
// helpers on arbitrary Markdown: no panic, every example a non-empty,
// comment-free command on a line of the document.
func FuzzDocExamples(f *testing.F) {
	f.Add("```sh\nweir version # c\nweir a \\\n --b 'c d'\n```\n")
	f.Add("```text\n$ weir x\nweir lineage show REF [--format text]\n```")
	f.Add("```bash\ncurl -d '{\"a\":\n 1}' | weir redact && echo \"${X}y\" $key &\n")
	f.Fuzz(func(t *testing.T, md string) {
		lines := strings.Count(md, "\n") + 1
		for _, ex := range docExamples("f.md", md) {
			if ex.text == "" || strings.HasPrefix(ex.text, "#") || ex.line < 1 || ex.line > lines {
				t.Fatalf("bad example %+v", ex)
			}
			if c := stripComment(ex.text); !strings.HasPrefix(ex.text, c) {
				t.Fatalf("stripComment(%q) = %q, not a prefix", ex.text, c)
			}
			_ = shellWords(ex.text, map[string]string{"key": "k"})
			_ = synopsisWords(ex.text)
			for _, sep := range []string{"|", "&&", ">"} {
				if parts := splitUnquoted(ex.text, sep); len(parts) == 0 {
					t.Fatalf("splitUnquoted(%q, %q) is empty", ex.text, sep)
				}
			}
		}
	})
}
