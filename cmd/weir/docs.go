package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/internal/docgen"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

// envOnlyUsage describes the configuration keys that have no weir run flag
// (TestDocsEveryKeyDescribed checks that each has one).
var envOnlyUsage = map[string]string{
	"kafka.tls":                "Connect to the brokers over TLS (system roots unless kafka.tls_ca_file).",
	"kafka.tls_ca_file":        "PEM file of the CA that signed the brokers' certificates (turns TLS on).",
	"kafka.tls_cert_file":      "PEM client certificate for mutual TLS (with kafka.tls_key_file).",
	"kafka.tls_key_file":       "PEM private key of kafka.tls_cert_file.",
	"kafka.tls_server_name":    "Server name to verify in the brokers' certificates (default: the broker host).",
	"kafka.sasl_mechanism":     "SASL mechanism; with kafka.sasl_username and the password from WEIR_KAFKA_SASL_PASSWORD or kafka.sasl_password_file.",
	"kafka.sasl_username":      "SASL user name.",
	"kafka.sasl_password_file": "File holding the SASL password (never the password itself).",
	"fingerprint_key_file":     "File holding the HMAC key of finding fingerprints (or WEIR_FINGERPRINT_KEY). Without one, fingerprints use a public development key.",
	"token_keys_file":          "File holding the token keyring, `id:base64key` lines, primary first (or WEIR_TOKEN_KEYS); needed by the hash and tokenize operators.",
}

// docsEnv lists the environment variables the other commands read, by the
// constants the code uses.
func docsEnv() []docgen.EnvVar {
	return []docgen.EnvVar{
		{Name: envConfig, Commands: "run", Usage: "The configuration file when --config is not given."},
		{Name: envFingerprintKey, Commands: "every scanning command", Usage: "HMAC key of finding fingerprints (or the file named by " + envFingerprintKeyFile + ")."},
		{Name: envTokenKeys, Commands: "redact, detokenize, serve, run", Usage: "Token keyring `id:base64key`, primary first; older keys still detokenize (or the file named by " + envTokenKeysFile + ")."},
		{Name: envAPIKeys, Commands: "serve", Usage: "API keys `id:scope1,scope2:sha256hex`, separated by newlines or `;` (or the file named by " + envAPIKeysFile + "); required."},
		{Name: kafka.EnvSASLPassword, Commands: "run, tail, scan --distribute, scan-worker, topic", Usage: "Kafka SASL password (or the file named by " + kafka.EnvSASLPasswordFile + "). The other WEIR_KAFKA_* variables are the kafka.* keys above."},
		{Name: s3.EnvEndpoint, Commands: "scan, tail", Usage: "S3 endpoint: host:port or http(s)://host:port; default AWS."},
		{Name: s3.EnvRegion, Commands: "scan, tail", Usage: "S3 region."},
		{Name: s3.EnvAccessKey + ", " + s3.EnvSecretKey, Commands: "scan, tail", Usage: "S3 static credentials (both or neither; " + s3.EnvSessionToken + " for temporary ones)."},
		{Name: s3.EnvCredentialsFile + ", " + s3.EnvProfile, Commands: "scan, tail", Usage: "The shared credentials file and profile, when no static credentials are set."},
	}
}

// docsConfigKeys describes every configuration key with its flag's usage
// and default.
func docsConfigKeys() ([]docgen.ConfigKey, error) {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	var o runOpts
	o.register(fs)
	var out []docgen.ConfigKey
	for _, k := range configKeys() {
		dk := docgen.ConfigKey{Path: k.path, Type: k.kind.String(), Flag: k.flag, Env: k.env(), Enum: k.enum}
		if k.flag == "" {
			dk.Usage = envOnlyUsage[k.path]
		} else {
			f := fs.Lookup(k.flag)
			if f == nil {
				return nil, fmt.Errorf("key %s: no flag --%s", k.path, k.flag)
			}
			_, dk.Usage = flag.UnquoteUsage(f)
			dk.Default = f.DefValue
		}
		if k.kind == kBool && dk.Default == "" {
			dk.Default = "false"
		}
		if dk.Usage == "" {
			return nil, fmt.Errorf("key %s has no description (add one to envOnlyUsage in cmd/weir/docs.go)", k.path)
		}
		out = append(out, dk)
	}
	return out, nil
}

// generatedDocs returns the generated documents by file name.
func generatedDocs() (map[string][]byte, error) {
	keys, err := docsConfigKeys()
	if err != nil {
		return nil, err
	}
	var cfg bytes.Buffer
	if err := docgen.WriteConfiguration(&cfg, keys, docsEnv()); err != nil {
		return nil, err
	}
	specs := classifiers.All()
	// Examples are masked with every candidate any detector reports, at
	// any confidence, not only those above the report threshold.
	eng, err := classifiers.New(specs, classifiers.Config{MinConfidence: 0.01})
	if err != nil {
		return nil, err
	}
	var det bytes.Buffer
	if err := docgen.WriteDetectors(&det, specs, eng.Scan); err != nil {
		return nil, err
	}
	return map[string][]byte{"configuration.md": cfg.Bytes(), "detectors.md": det.Bytes()}, nil
}

// errStaleDocs is returned by weir docs --check when a file differs.
var errStaleDocs = errors.New("generated docs are stale: run `go run ./cmd/weir docs` and commit the result")

func runDocs(args []string, io stdio, _ getenvFunc) int {
	fs := newFlagSet("docs", io)
	dir := fs.String("dir", "docs", "write the files into this `directory`")
	check := fs.Bool("check", false, "write nothing; exit 2 if a file differs from what would be generated")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir docs [--dir docs] [--check]

For weir's developers: regenerates docs/configuration.md (from the weir run
configuration keys and flags) and docs/detectors.md (from the detector
registry, examples masked). Run from the repository root.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	docs, err := generatedDocs()
	if err != nil {
		return fail(io, "docs", err)
	}
	for _, name := range []string{"configuration.md", "detectors.md"} {
		path := filepath.Join(*dir, name)
		if *check {
			if err := compareFile(path, docs[name]); err != nil {
				return fail(io, "docs", err)
			}
			continue
		}
		if err := os.WriteFile(path, docs[name], 0o644); err != nil {
			return fail(io, "docs", err)
		}
		fmt.Fprintf(io.err, "weir docs: wrote %s\n", path)
	}
	return exitOK
}

// compareFile reports errStaleDocs (naming the file and the first differing
// line) unless the file at path holds exactly want.
func compareFile(path string, want []byte) error {
	got, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("%s: %w (%w)", path, err, errStaleDocs)
	}
	if bytes.Equal(got, want) {
		return nil
	}
	gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	for i := 0; i < len(gl) || i < len(wl); i++ {
		var g, w []byte
		if i < len(gl) {
			g = gl[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if !bytes.Equal(g, w) {
			col := 0
			for col < len(g) && col < len(w) && g[col] == w[col] {
				col++
			}
			return fmt.Errorf("%s:%d:%d: have %q, want %q: %w", path, i+1, col+1, around(g, col), around(w, col), errStaleDocs)
		}
	}
	return fmt.Errorf("%s: %w", path, errStaleDocs)
}

// around returns up to 40 bytes of b on each side of col.
func around(b []byte, col int) string {
	from, to := max(0, col-40), min(len(b), col+40)
	out := string(b[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(b) {
		out += "…"
	}
	return out
}
