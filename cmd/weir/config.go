package main

import (
	"sort"
	"strings"

	"github.com/weir-dev/weir/sources/kafka"
)

// The weir run configuration file.
//
// Every setting of weir run has a key path in the YAML file (batch.records,
// kafka.brokers, ...). Its environment variable is WEIR_ followed by the key
// path upper-cased with '.' replaced by '_' (batch.records ->
// WEIR_BATCH_RECORDS, kafka.sasl_mechanism -> WEIR_KAFKA_SASL_MECHANISM).
// Precedence, highest first: command-line flags, environment, file,
// built-in defaults. Secrets never appear in the file: it may name files
// holding them (kafka.sasl_password_file, token_keys_file, ...), and keys
// that look like inline secrets (password, secret, token, ...) are rejected.

// keyKind is the type of a configuration value.
type keyKind int

const (
	kString   keyKind = iota
	kList             // a YAML sequence of strings or a comma-separated string
	kBool             // true or false
	kInt              // an integer
	kFloat            // a number
	kDuration         // a Go duration: 500ms, 15s, 1m
	kSize             // a byte size: 64MiB, 1MB, 4096
	kMap              // a mapping TYPE: OPERATOR (policy.operators)
)

func (k keyKind) String() string {
	return [...]string{"a string", "a list of strings", "true or false", "an integer", "a number",
		"a duration (e.g. 500ms, 15s)", "a size (e.g. 64MiB, 1MB, 4096)", "a mapping of TYPE: OPERATOR"}[k]
}

// confKey is one setting of the configuration file.
type confKey struct {
	path string  // dotted key path in the file
	kind keyKind // value type
	// flag is the weir run flag the key sets. Empty for keys read through
	// the environment only (Kafka TLS and SASL, key files): the file's value
	// then stands in for the unset environment variable.
	flag string
	enum []string // allowed values (case-insensitive), if restricted
}

// env is the key's environment variable: WEIR_ + the upper-cased path with
// '.' replaced by '_'.
func (k confKey) env() string {
	return "WEIR_" + strings.ToUpper(strings.ReplaceAll(k.path, ".", "_"))
}

var operators = []string{"mask", "type", "hash", "tokenize", "drop"}

// configKeys returns every key of the configuration file, in file order.
// Sections are the first path element.
func configKeys() []confKey {
	return []confKey{
		{path: "kafka.brokers", kind: kList, flag: "brokers"},
		{path: "kafka.tls", kind: kBool},
		{path: "kafka.tls_ca_file", kind: kString},
		{path: "kafka.tls_cert_file", kind: kString},
		{path: "kafka.tls_key_file", kind: kString},
		{path: "kafka.tls_server_name", kind: kString},
		{path: "kafka.sasl_mechanism", kind: kString, enum: []string{"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"}},
		{path: "kafka.sasl_username", kind: kString},
		{path: "kafka.sasl_password_file", kind: kString},

		{path: "embedded.enabled", kind: kBool, flag: "embedded"},
		{path: "embedded.data_dir", kind: kString, flag: "data-dir"},
		{path: "embedded.port", kind: kInt, flag: "port"},

		{path: "input.topics", kind: kList, flag: "topics"},
		{path: "input.topic_regex", kind: kBool, flag: "topic-regex"},
		{path: "input.group", kind: kString, flag: "group"},
		{path: "input.format", kind: kString, flag: "format", enum: []string{"auto", "text", "json", "envelope"}},
		{path: "input.instance_id", kind: kString, flag: "instance-id"},
		{path: "input.session_timeout", kind: kDuration, flag: "session-timeout"},

		{path: "output.findings_topic", kind: kString, flag: "findings-topic"},
		{path: "output.clean_topic", kind: kString, flag: "clean-topic"},
		{path: "output.quarantine_topic", kind: kString, flag: "quarantine-topic"},
		{path: "output.dlq_topic", kind: kString, flag: "dlq-topic"},
		{path: "output.create_topics", kind: kBool, flag: "create-topics"},
		{path: "output.partitions", kind: kInt, flag: "partitions"},

		{path: "policy.quarantine_types", kind: kList, flag: "quarantine-types"},
		{path: "policy.operator", kind: kString, flag: "operator", enum: operators},
		{path: "policy.operators", kind: kMap, flag: "operator-for", enum: operators},
		{path: "policy.mask_keep", kind: kInt, flag: "mask-keep"},

		{path: "detection.classify", kind: kBool, flag: "classify"},
		{path: "detection.types", kind: kList, flag: "types"},
		{path: "detection.min_confidence", kind: kFloat, flag: "min-confidence"},
		{path: "detection.detectors", kind: kString, flag: "detectors"},
		{path: "fingerprint_key_file", kind: kString},
		{path: "token_keys_file", kind: kString},

		{path: "delivery.exactly_once", kind: kBool, flag: "exactly-once"},
		{path: "delivery.transactional_id", kind: kString, flag: "transactional-id"},
		{path: "delivery.commit_interval", kind: kDuration, flag: "commit-interval"},

		{path: "batch.records", kind: kInt, flag: "batch-records"},
		{path: "batch.bytes", kind: kSize, flag: "batch-bytes"},
		{path: "batch.linger", kind: kDuration, flag: "linger"},

		{path: "limits.max_record_bytes", kind: kSize, flag: "max-record-bytes"},
		{path: "limits.max_inflight_bytes", kind: kSize, flag: "max-inflight-bytes"},
		{path: "limits.workers", kind: kInt, flag: "workers"},

		{path: "http_addr", kind: kString, flag: "http-addr"},
		{path: "status_every", kind: kDuration, flag: "status-every"},
		{path: "log.format", kind: kString, flag: "log-format", enum: []string{"text", "json"}},
		{path: "log.level", kind: kString, flag: "log-level", enum: []string{"debug", "info", "warn", "error"}},
	}
}

// The environment-only keys must keep the names sources/kafka and the key
// readers use; TestConfigEnvNames checks the rule gives them.
var envOnlyNames = []string{kafka.EnvTLS, kafka.EnvTLSCAFile, kafka.EnvTLSCertFile, kafka.EnvTLSKeyFile,
	kafka.EnvTLSServerName, kafka.EnvSASLMechanism, kafka.EnvSASLUser, kafka.EnvSASLPasswordFile,
	envFingerprintKeyFile, envTokenKeysFile}

// secretWords mark a key that would hold a secret inline.
var secretWords = []string{"password", "passwd", "secret", "token", "credential", "private_key", "api_key", "apikey"}

// secretKey reports whether a key name looks like an inline secret: it
// names one of secretWords (or is a bare key) and is not a *_file path.
func secretKey(name string) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, "_file") {
		return false
	}
	if n == "key" || n == "fingerprint_key" || n == "token_keys" {
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// sectionKeys returns the names known inside section ("" for the top
// level), sorted.
func sectionKeys(keys []confKey, section string) []string {
	seen := map[string]bool{}
	for _, k := range keys {
		head, rest, nested := strings.Cut(k.path, ".")
		switch {
		case section == "" && nested:
			seen[head] = true
		case section == "" && !nested:
			seen[k.path] = true
		case nested && head == section:
			seen[rest] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
