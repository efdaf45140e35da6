package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
)

// Exit codes shared by every subcommand.
const (
	exitOK       = 0
	exitFindings = 1 // weir scan: findings at or above --fail-confidence (see --exit-code)
	exitError    = 2 // usage errors, unreadable input, files that could not be scanned
)

// stdio is the process's standard streams, replaceable in tests.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// getenvFunc reads an environment variable (os.Getenv in production).
type getenvFunc func(string) string

type command struct {
	summary string
	run     func(args []string, io stdio, getenv getenvFunc) int
}

var commands = map[string]command{
	"classify":    {"JSONL {id,text} records -> JSONL {id,findings} (DESIGN.md contract)", runClassify},
	"scan":        {"scan files, directories and s3:// prefixes (text, JSONL, CSV/TSV, Parquet, .gz/.zst); text, json, markdown or sarif report", runScan},
	"scan-worker": {"worker of distributed scans (weir scan --distribute): tasks topic in, results topic out", runScanWorker},
	"redact":      {"replace detected values in text or JSONL records", runRedact},
	"detokenize":  {"reverse the tokenize operator of weir redact", runDetokenize},
	"detectors":   {"list the detector catalogue", runDetectors},
	"config":      {"check a weir run configuration file (weir config check FILE)", runConfig},
	"run":         {"the streaming pipeline: Kafka topics in, weir.findings/clean/quarantine/dlq out", runRun},
	"demo":        {"embedded Kafka + sample workload through the pipeline, with a summary", runDemo},
	"topic":       {"topic tail: print a topic's records (e.g. the pipeline's outputs)", runTopic},
	"tail":        {"S3 bucket tailer: new/overwritten objects -> weir envelopes on an ingest topic", runTail},
	"serve":       {"redaction webhook for RAG loaders: POST /v1/redact, /v1/classify, /v1/detokenize", runServe},
	"proxy":       {"vector-DB upsert proxy (Qdrant, Pinecone, Chroma, Weaviate): observe or enforce per collection", runProxy},
	"pgcapture":   {"pgvector capture: logical replication of PostgreSQL tables, text columns classified per row", runPGCapture},
	"actions":     {"action log: list, show, approve, reject, restore, verify; watch buckets and act per policy", runActions},
	"lineage":     {"lineage store: add, show, blast-radius, ingest/serve OpenLineage events", runLineage},
	"version":     {"print the version, commit, Go toolchain and build settings (--json)", runVersion},
	"docs":        {"regenerate docs/configuration.md and docs/detectors.md (for developers; --check)", runDocs},
}

func run(args []string, io stdio, getenv getenvFunc) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(io.err)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(io.err, "weir: unknown command %q\n", args[0])
		usage(io.err)
		return exitError
	}
	return cmd.run(args[1:], io, getenv)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: weir COMMAND [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'weir COMMAND -h' for the flags of a command.")
}

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(name string, io stdio) *flag.FlagSet {
	fs := flag.NewFlagSet("weir "+name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	return fs
}

// parseFlags parses args and maps -h and bad flags onto exit codes; ok is
// false when the caller should return code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitError, false
	}
	return 0, true
}

// fail prints "weir CMD: err" and returns exitError.
func fail(io stdio, cmd string, err error) int {
	fmt.Fprintf(io.err, "weir %s: %v\n", cmd, err)
	return exitError
}
