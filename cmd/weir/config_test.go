package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"flag"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// loadRunOpts applies yaml (written to a file named c.yaml) and env to
// weir run's flags parsed from args.
func loadRunOpts(t *testing.T, yaml string, env map[string]string, args ...string) (*runOpts, getenvFunc, []setting, error) {
	t.Helper()
	path := ""
	if yaml != "" {
		path = filepath.Join(t.TempDir(), "c.yaml")
		if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o runOpts
	o.register(fs)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	getenv, s, err := applyConfig(fs, path, func(k string) string { return env[k] })
	return &o, getenv, s, err
}

func TestConfigValid(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		check      func(*runOpts) bool
	}{
		{"empty file: defaults", "", func(o *runOpts) bool { return o.batchRecords == 1000 && o.group == "weir" }},
		{"list as sequence", "kafka:\n  brokers: [a:1, b:2]\n", func(o *runOpts) bool { return o.brokers == "a:1,b:2" }},
		{"list as string", "kafka: {brokers: 'a:1, b:2'}\n", func(o *runOpts) bool { return o.brokers == "a:1,b:2" }},
		{"sizes and durations", "batch: {bytes: 1MiB, linger: 20ms, records: 7}\nlimits: {max_inflight_bytes: 4096}\n",
			func(o *runOpts) bool {
				return o.batchBytes == "1MiB" && o.linger.Milliseconds() == 20 && o.batchRecords == 7 && o.maxInflight == "4096"
			}},
		{"enum case-insensitive", "input: {format: JSON}\nlog: {format: JSON, level: DEBUG}\n",
			func(o *runOpts) bool { return o.format == "json" && o.logFormat == "json" && o.logLevel == "debug" }},
		{"operators map", "policy:\n  operators:\n    email_address: MASK\n    US_SSN: drop\n",
			func(o *runOpts) bool { return o.perType["EMAIL_ADDRESS"] == "mask" && o.perType["US_SSN"] == "drop" }},
		{"null leaves default", "input:\n  group:\n", func(o *runOpts) bool { return o.group == "weir" }},
		{"anchors", "x: &b 9\nbatch: {records: *b}\n", nil}, // x is unknown: checked in errors
		{"embedded", "embedded: {enabled: true, port: 0, data_dir: ''}\n",
			func(o *runOpts) bool { return o.embedded && o.port == 0 && o.dataDir == "" }},
		{"secret file paths allowed", "kafka: {sasl_password_file: /p, tls_key_file: /k}\ntoken_keys_file: /t\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, _, _, err := loadRunOpts(t, tc.yaml, nil)
			if tc.name == "anchors" {
				if err == nil || !strings.Contains(err.Error(), `c.yaml:1: x: unknown key`) {
					t.Fatalf("err %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.check != nil && !tc.check(o) {
				t.Errorf("settings not applied: %+v", o.runFlags)
			}
		})
	}
}

// Each kind of error names the file, the line and the key.
func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		env        map[string]string
		want       []string
	}{
		{"unknown key", "batch:\n  records: 5\n  recrods: 6\n",
			nil, []string{"c.yaml:3: batch.recrods: unknown key (known in batch: bytes, linger, records)"}},
		{"unknown section", "kafak:\n  brokers: x\n", nil, []string{"c.yaml:1: kafak: unknown key (known at the top level:"}},
		{"wrong type int", "batch:\n  records: many\n", nil, []string{`c.yaml:2: batch.records: want an integer, got "many"`}},
		{"wrong type bool", "input:\n  topic_regex: 1\n", nil, []string{`c.yaml:2: input.topic_regex: want true or false, got "1"`}},
		{"wrong type string", "input:\n  group: true\n", nil, []string{`c.yaml:2: input.group: want a string, got "true"`}},
		{"wrong shape", "batch: 5\n", nil, []string{"c.yaml:1: batch: want a mapping of settings"}},
		{"bad size", "limits:\n  max_inflight_bytes: lots\n", nil, []string{`c.yaml:2: limits.max_inflight_bytes: want a size`}},
		{"bad duration", "batch: {linger: 5}\n", nil, []string{`c.yaml:1: batch.linger: want a duration (e.g. 500ms, 15s), got "5"`}},
		{"bad enum", "\ninput:\n  format: xml\n", nil, []string{`c.yaml:3: input.format: "xml" is not one of auto, text, json, envelope`}},
		{"bad operator", "policy:\n  operators: {EMAIL_ADDRESS: blur}\n", nil, []string{`c.yaml:2: policy.operators: EMAIL_ADDRESS: "blur" is not one of mask`}},
		{"bad mechanism", "kafka: {sasl_mechanism: GSSAPI}\n", nil, []string{`c.yaml:1: kafka.sasl_mechanism: "GSSAPI" is not one of PLAIN`}},
		{"inline password", "kafka:\n  sasl_username: u\n  sasl_password: hunter2\n", nil,
			[]string{"c.yaml:3: kafka.sasl_password: secrets are not allowed in the config file", "WEIR_KAFKA_SASL_PASSWORD"}},
		{"inline token", "token_keys: abc\n", nil, []string{"c.yaml:1: token_keys: secrets are not allowed"}},
		{"duplicate", "batch:\n  records: 1\n  records: 2\n", nil, []string{"c.yaml:3: batch.records: duplicate key (first at line 2)"}},
		{"all errors at once", "batch:\n  records: x\n  linger: y\n", nil, []string{"c.yaml:2: batch.records", "c.yaml:3: batch.linger"}},
		{"bad env", "", map[string]string{"WEIR_BATCH_RECORDS": "ten"}, []string{`WEIR_BATCH_RECORDS: want an integer, got "ten"`}},
		{"bad env enum", "", map[string]string{"WEIR_LOG_FORMAT": "xml"}, []string{`WEIR_LOG_FORMAT: "xml" is not one of text, json`}},
		{"not yaml", "batch: [\n", nil, []string{"c.yaml: yaml:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			yaml := tc.yaml
			if yaml == "" {
				yaml = "# nothing\n"
			}
			_, _, _, err := loadRunOpts(t, yaml, tc.env)
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "hunter2") {
				t.Errorf("error echoes the secret: %s", msg)
			}
		})
	}
	var ce *confError
	_, _, _, err := loadRunOpts(t, "kafka: {password: x}\n", nil)
	if !errors.As(err, &ce) || !errors.Is(err, errInlineSecret) || ce.Line != 1 {
		t.Errorf("want a *confError wrapping errInlineSecret at line 1, got %#v", err)
	}
}

// Missing required settings are reported by weir config check and weir run.
func TestConfigMissingRequired(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(path, []byte("input: {group: g}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"config", "check", path}, {"run", "--config", path}} {
		_, errs, code := cli(t, "", nil, args...)
		if code != exitError || !strings.Contains(errs, "missing kafka.brokers (--brokers, WEIR_KAFKA_BROKERS)") {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	_, errs, code := cli(t, "", map[string]string{"WEIR_KAFKA_BROKERS": "b:1", "WEIR_EMBEDDED_ENABLED": "true"}, "config", "check", path)
	if code != exitError || !strings.Contains(errs, "exclude each other") {
		t.Errorf("brokers and embedded: exit %d: %s", code, errs)
	}
	_, errs, code = cli(t, "", nil, "run", "--config", filepath.Join(t.TempDir(), "none.yaml"))
	if code != exitError || !strings.Contains(errs, "none.yaml: no such file") {
		t.Errorf("missing file: exit %d: %s", code, errs)
	}
}

// Precedence: flags > environment > file > defaults, for flag keys and for
// the environment-only Kafka keys.
func TestConfigPrecedence(t *testing.T) {
	yaml := "batch: {records: 10}\nkafka: {sasl_username: file-user, tls_ca_file: /file/ca}\n"
	env := map[string]string{"WEIR_BATCH_RECORDS": "20", "WEIR_KAFKA_TLS_CA_FILE": "/env/ca"}
	for _, tc := range []struct {
		name string
		yaml string
		env  map[string]string
		args []string
		want int
		src  string
	}{
		{"flag wins", yaml, env, []string{"--batch-records", "30"}, 30, "flag --batch-records"},
		{"env over file", yaml, env, nil, 20, "env WEIR_BATCH_RECORDS"},
		{"file over default", yaml, nil, nil, 10, "c.yaml:1"},
		{"default", "# empty\n", nil, nil, 1000, "default"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, getenv, settings, err := loadRunOpts(t, tc.yaml, tc.env, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			if o.batchRecords != tc.want {
				t.Errorf("batch records %d, want %d", o.batchRecords, tc.want)
			}
			for _, s := range settings {
				if s.key.path == "batch.records" && !strings.HasSuffix(s.source, tc.src) {
					t.Errorf("source %q, want %q", s.source, tc.src)
				}
			}
			if tc.name == "env over file" && (getenv("WEIR_KAFKA_TLS_CA_FILE") != "/env/ca" || getenv("WEIR_KAFKA_SASL_USERNAME") != "file-user") {
				t.Errorf("kafka keys: ca %q user %q", getenv("WEIR_KAFKA_TLS_CA_FILE"), getenv("WEIR_KAFKA_SASL_USERNAME"))
			}
		})
	}
}

// Environment-only keys reach the Kafka reader checked and normalized: a
// boolean spelled T must not read as "off" there.
func TestConfigNormalizesEnvOnlyKeys(t *testing.T) {
	_, getenv, _, err := loadRunOpts(t, "kafka: {sasl_mechanism: scram-sha-512}\n",
		map[string]string{"WEIR_KAFKA_TLS": "T", "WEIR_OTHER": "x"})
	if err != nil {
		t.Fatal(err)
	}
	if getenv("WEIR_KAFKA_TLS") != "true" || getenv("WEIR_KAFKA_SASL_MECHANISM") != "SCRAM-SHA-512" || getenv("WEIR_OTHER") != "x" {
		t.Errorf("tls %q mechanism %q other %q", getenv("WEIR_KAFKA_TLS"), getenv("WEIR_KAFKA_SASL_MECHANISM"), getenv("WEIR_OTHER"))
	}
	if _, _, _, err := loadRunOpts(t, "", map[string]string{"WEIR_KAFKA_TLS": "maybe"}); err == nil ||
		!strings.Contains(err.Error(), "WEIR_KAFKA_TLS: want true or false") {
		t.Errorf("WEIR_KAFKA_TLS=maybe: %v", err)
	}
}

// The environment-only keys follow the naming rule onto the variables the
// Kafka and key readers already use; every run flag has a key.
func TestConfigCoversRunFlags(t *testing.T) {
	names := map[string]bool{}
	flags := map[string]bool{}
	for _, k := range configKeys() {
		names[k.env()] = true
		flags[k.flag] = true
	}
	for _, n := range envOnlyNames {
		if !names[n] {
			t.Errorf("no key maps to %s", n)
		}
	}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var o runOpts
	o.register(fs)
	fs.VisitAll(func(f *flag.Flag) {
		if !flags[f.Name] && f.Name != "config" {
			t.Errorf("flag --%s has no config key", f.Name)
		}
	})
}

// The README's example file is testdata/weir.example.yaml, verbatim, and
// weir config check accepts it (golden: the effective settings).
func TestConfigExample(t *testing.T) {
	example, err := os.ReadFile("testdata/weir.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```yaml\n"+string(example)+"```") {
		t.Error("README lacks cmd/weir/testdata/weir.example.yaml verbatim in a yaml block")
	}
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, selfSignedPEM(t), 0o600); err != nil {
		t.Fatal(err)
	}
	pw := filepath.Join(dir, "pw")
	if err := os.WriteFile(pw, []byte("hunter2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"WEIR_KAFKA_TLS_CA_FILE": ca, "WEIR_KAFKA_SASL_PASSWORD_FILE": pw}
	out, errs, code := cli(t, "", env, "config", "check", "testdata/weir.example.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "hunter2") {
		t.Error("config check prints the password")
	}
	// Columns depend on the temporary directory's length: compare words.
	var norm strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(strings.ReplaceAll(out, dir, "$TMP")), "\n") {
		norm.WriteString(strings.Join(strings.Fields(l), " ") + "\n")
	}
	golden(t, "config_check.golden", []byte(norm.String()))
}

func TestConfigCheckUsage(t *testing.T) {
	if _, errs, code := cli(t, "", nil, "config"); code != exitError || !strings.Contains(errs, "usage: weir config check FILE") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// FuzzParseConfig: any input parses or fails with an error; no panic, and
// an accepted file applies to the flags.
func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("batch: {records: 5}\n"))
	f.Add([]byte("kafka:\n  brokers: [a, b]\npolicy:\n  operators: {A: mask}\n"))
	f.Add([]byte("a: &x [*x]\n"))
	if b, err := os.ReadFile("testdata/weir.example.yaml"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		vals, err := parseConfig("f.yaml", data)
		if err != nil {
			return
		}
		for path, v := range vals {
			if v.key.path != path {
				t.Fatalf("value of %s filed under %s", v.key.path, path)
			}
			if _, err := checkValue(v.key, v.value); err != nil {
				t.Fatalf("%s: accepted %q but it does not check: %v", path, v.value, err)
			}
		}
	})
}

// selfSignedPEM returns a fresh self-signed CA certificate in PEM.
func selfSignedPEM(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "weir test CA"}, IsCA: true,
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
