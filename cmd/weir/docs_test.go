package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

var (
	docsOnce sync.Once
	docsGen  map[string][]byte
	docsErr  error
)

func generated(t *testing.T) map[string][]byte {
	t.Helper()
	docsOnce.Do(func() { docsGen, docsErr = generatedDocs() })
	if docsErr != nil {
		t.Fatal(docsErr)
	}
	return docsGen
}

// TestDocsUpToDate fails when docs/configuration.md or docs/detectors.md
// differs from what the configuration keys and the detector registry
// generate: a key, flag, default or detector changed without
// `go run ./cmd/weir docs`.
func TestDocsUpToDate(t *testing.T) {
	for name, want := range generated(t) {
		if err := compareFile(filepath.Join("..", "..", "docs", name), want); err != nil {
			t.Errorf("%v\n(regenerate from the repository root: go run ./cmd/weir docs)", err)
		}
	}
}

// TestDocsNoRawValues checks that no value the engine detects in a
// detector's examples appears in docs/detectors.md.
func TestDocsNoRawValues(t *testing.T) {
	doc := string(generated(t)["detectors.md"])
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{MinConfidence: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range classifiers.All() {
		for _, ex := range s.Examples {
			for _, f := range eng.Scan([]byte(ex)) {
				raw := ex[f.Start:f.End]
				if len(raw) < 6 || f.Confidence < classifiers.DefaultMinConfidence {
					// Too short to tell apart from ordinary text, or a
					// low-confidence candidate that is not a value.
					continue
				}
				checked++
				if containsToken(doc, raw) {
					t.Errorf("detectors.md holds the raw %s value of an example of %s (%s)", f.Type, s.ID, f.Preview)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d detected example values checked; want the catalogue's examples scanned", checked)
	}
	for _, want := range []string{"### credit_card", "**validator** luhn", "**context words**", "(masked)"} {
		if !strings.Contains(doc, want) {
			t.Errorf("detectors.md lacks %q", want)
		}
	}
}

// containsToken reports whether s holds sub not preceded or followed by a
// letter, digit or '_' (the example value "db_pass" is not leaked by the
// word "db_password" of another example).
func containsToken(s, sub string) bool {
	word := func(c byte) bool {
		return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	for i := 0; ; {
		j := strings.Index(s[i:], sub)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(sub)
		if (start == 0 || !word(s[start-1]) || !word(sub[0])) && (end == len(s) || !word(s[end]) || !word(sub[len(sub)-1])) {
			return true
		}
		i = start + 1
	}
}

func TestContainsToken(t *testing.T) {
	for _, tc := range []struct {
		s, sub string
		want   bool
	}{
		{"x db_pass y", "db_pass", true},
		{"`db_pass`", "db_pass", true},
		{"db_password", "db_pass", false},
		{"my_db_pass", "db_pass", false},
		{"db_password db_pass", "db_pass", true},
		{"card 4111-1111", "4111-1111", true},
		{"", "x", false},
	} {
		if got := containsToken(tc.s, tc.sub); got != tc.want {
			t.Errorf("containsToken(%q, %q) = %v, want %v", tc.s, tc.sub, got, tc.want)
		}
	}
}

func TestDocsConfigurationCoversEveryKey(t *testing.T) {
	doc := string(generated(t)["configuration.md"])
	for _, k := range configKeys() {
		row := "| `" + k.path + "` |"
		if !strings.Contains(doc, row) {
			t.Errorf("configuration.md has no row for %s", k.path)
		}
		if !strings.Contains(doc, "`"+k.env()+"`") {
			t.Errorf("configuration.md does not name %s", k.env())
		}
	}
	for _, want := range []string{"`--batch-records`", "| `1000` |", "(environment only)", "`WEIR_API_KEYS`", "`WEIR_S3_ENDPOINT`"} {
		if !strings.Contains(doc, want) {
			t.Errorf("configuration.md lacks %q", want)
		}
	}
	// Every key has a description: a new environment-only key without one
	// in envOnlyUsage is an error, not an empty cell.
	keys, err := docsConfigKeys()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if k.Usage == "" {
			t.Errorf("%s: no description", k.Path)
		}
	}
	for path := range envOnlyUsage {
		found := false
		for _, k := range configKeys() {
			found = found || (k.path == path && k.flag == "")
		}
		if !found {
			t.Errorf("envOnlyUsage[%q] describes no environment-only key", path)
		}
	}
}

func TestDocsCommand(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := cli(t, "", nil, "docs", "--dir", dir, "--check"); code != exitError || !strings.Contains(stderr, "stale") {
		t.Errorf("docs --check on an empty directory: code %d, stderr %q; want stale", code, stderr)
	}
	if _, stderr, code := cli(t, "", nil, "docs", "--dir", dir); code != exitOK {
		t.Fatalf("docs: code %d: %s", code, stderr)
	}
	if _, stderr, code := cli(t, "", nil, "docs", "--dir", dir, "--check"); code != exitOK {
		t.Errorf("docs --check after docs: code %d: %s", code, stderr)
	}
	p := filepath.Join(dir, "configuration.md")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), "WEIR_BATCH_RECORDS", "WEIR_BATCH_RECORD", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "", nil, "docs", "--dir", dir, "--check")
	if code != exitError || !strings.Contains(stderr, "configuration.md:") || !strings.Contains(stderr, "WEIR_BATCH_RECORD") {
		t.Errorf("docs --check after an edit: code %d, stderr %q; want the file and line", code, stderr)
	}
	if err := compareFile(p, []byte("x")); !errors.Is(err, errStaleDocs) {
		t.Errorf("compareFile = %v, want errStaleDocs", err)
	}
}

// The command examples of README.md and docs/*.md: TestDocExamples in
// examples_test.go.
