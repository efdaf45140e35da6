package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/weir-dev/weir/sources/kafka"
)

// runConfig is weir config: check validates a weir run configuration file
// without starting anything.
func runConfig(args []string, std stdio, getenv getenvFunc) int {
	if len(args) != 2 || args[0] != "check" {
		fmt.Fprintln(std.err, `usage: weir config check FILE

Validates a weir run configuration file as weir run would read it (with the
WEIR_* environment overrides applied): unknown keys, wrong types, bad values,
inline secrets, missing settings, detector and key files, Kafka TLS and SASL
settings. Connects to nothing. Prints the effective settings and where each
comes from (file:line, env VAR or default); exit status 2 on any error.`)
		if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
			return exitOK
		}
		return exitError
	}
	settings, err := checkConfig(args[1], getenv)
	if err != nil {
		return fail(std, "config check", err)
	}
	tw := tabwriter.NewWriter(std.out, 0, 4, 2, ' ', 0)
	for _, s := range settings {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.key.path, s.value, s.source)
	}
	_ = tw.Flush()
	fmt.Fprintf(std.out, "%s: ok\n", args[1])
	return exitOK
}

// checkConfig reads the file at path into weir run's flags and builds
// everything weir run builds before it connects: the classifier, the
// redaction policy, the pipeline configuration and the Kafka connection
// settings.
func checkConfig(path string, getenv getenvFunc) ([]setting, error) {
	fs := newFlagSet("run", stdio{err: io.Discard})
	var o runOpts
	o.register(fs)
	getenv, settings, err := applyConfig(fs, path, getenv)
	if err != nil {
		return nil, err
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	if _, err := o.processor(getenv); err != nil {
		return nil, err
	}
	if _, err := o.runFlags.config(kafka.Conn{}); err != nil {
		return nil, err
	}
	if !o.embedded {
		if _, err := kafka.ConnFromEnv(splitList(o.brokers), getenv); err != nil {
			return nil, err
		}
	}
	return settings, nil
}
