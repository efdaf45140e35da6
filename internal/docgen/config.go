package docgen

import (
	"fmt"
	"io"
	"strings"
)

// ConfigKey is one key of the weir run configuration file as the reference
// shows it.
type ConfigKey struct {
	Path    string   // dotted key path (batch.records)
	Type    string   // value type in words ("a duration (e.g. 500ms, 15s)")
	Flag    string   // the weir run flag it sets; "" for environment-only keys
	Env     string   // its environment variable (WEIR_BATCH_RECORDS)
	Default string   // default value; "" for none
	Usage   string   // what it does
	Enum    []string // allowed values, if restricted
}

// EnvVar is an environment variable read by a command other than through
// the configuration file.
type EnvVar struct {
	Name     string
	Commands string // the commands that read it
	Usage    string
}

// Section is a group of keys: the first element of their paths, or "" for
// top-level keys.
func (k ConfigKey) Section() string {
	if head, _, ok := strings.Cut(k.Path, "."); ok {
		return head
	}
	return ""
}

// WriteConfiguration writes docs/configuration.md: the rules (precedence,
// environment names, secrets), one table per section in key order, and the
// environment variables of the other commands.
func WriteConfiguration(w io.Writer, keys []ConfigKey, env []EnvVar) error {
	var b strings.Builder
	b.WriteString(header("Configuration reference", "the configuration keys of `weir run` (cmd/weir/config.go) and its flags"))
	b.WriteString(`` + "`weir run --config weir.yaml`" + ` (or ` + "`WEIR_CONFIG=weir.yaml`" + `) reads every setting of the streaming
pipeline from one YAML file. Rules:

- **Precedence**, highest first: command-line flags, environment, file, defaults.
- **Environment**: every key is also read from ` + "`WEIR_`" + ` + its path upper-cased with ` + "`.`" + ` replaced by ` + "`_`" + `
  (` + "`batch.records`" + ` -> ` + "`WEIR_BATCH_RECORDS`" + `). Empty variables count as unset.
- **Values**: lists are YAML sequences or comma-separated strings; sizes ` + "`64MiB`" + `, ` + "`1MB`" + ` or bytes; durations
  ` + "`500ms`" + `, ` + "`15s`" + `. Allowed values are matched case-insensitively.
- **Validation**: unknown keys, wrong types, bad values, duplicate keys and missing settings are errors naming the
  file, line and key, all reported at once. ` + "`weir config check FILE`" + ` validates a file without connecting to anything
  and prints each effective setting with its source.
- **No secrets in the file**: it may name files holding them (the ` + "`*_file`" + ` keys); a key such as ` + "`password:`" + `,
  ` + "`secret:`" + ` or ` + "`token:`" + ` is rejected. Passwords and keys come from the environment or those files.
- Keys without a flag are read from the environment only (the file's value stands in for an unset variable).
`)
	var section string
	first := true
	for _, k := range keys {
		if s := k.Section(); first || s != section {
			first, section = false, s
			title := "Top-level keys"
			if s != "" {
				title = "`" + s + ".*`"
			}
			fmt.Fprintf(&b, "\n## %s\n\n| key | type | default | flag | environment | description |\n|---|---|---|---|---|---|\n", title)
		}
		flag := "(environment only)"
		if k.Flag != "" {
			flag = code("--" + k.Flag)
		}
		usage := strings.TrimSpace(k.Usage)
		if usage != "" && !strings.HasSuffix(usage, ".") && !strings.HasSuffix(usage, ")") {
			usage += "."
		} else if strings.HasSuffix(usage, ")") {
			usage += "."
		}
		if len(k.Enum) > 0 {
			usage += " One of " + codeList(k.Enum) + "."
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", code(k.Path), cell(k.Type), code(k.Default), flag, code(k.Env), cell(usage))
	}
	if len(env) > 0 {
		b.WriteString("\n## Environment of the other commands\n\n" +
			"Credentials and endpoints that `weir serve`, `weir tail`, `weir scan` and `weir redact` read from the environment " +
			"(never from flags).\n\n| variable | read by | description |\n|---|---|---|\n")
		for _, e := range env {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", code(e.Name), cell(e.Commands), cell(e.Usage))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
