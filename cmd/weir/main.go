// Command weir finds PII, PHI and secrets in data flowing to AI models.
//
// Subcommands: classify (the JSONL contract of DESIGN.md), scan (files and
// directories, text/json/sarif reports), redact, detokenize, detectors, run
// (the streaming pipeline on Kafka), demo (embedded broker and a sample
// workload through the pipeline) and topic tail.
// Run "weir help" for the list and "weir CMD -h" for each command's flags.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Getenv))
}
