package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// markerYAML is a custom detector whose findings do not depend on the
// built-in catalogue: tests use it (with --types WEIR_TEST_MARKER) to get
// exact, stable findings.
const markerYAML = `- id: weir_test_marker
  type: WEIR_TEST_MARKER
  category: SECRET
  keywords: ["wtm-"]
  pattern: '\bwtm-[0-9]{8}\b'
  confidence: 0.9
  examples: ["key wtm-12345678 here"]
`

// markerFile writes markerYAML to a temporary file and returns its path.
func markerFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "marker.yaml")
	if err := os.WriteFile(p, []byte(markerYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// cli runs weir in-process with stdin and an environment.
func cli(t *testing.T, stdin string, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code = run(args, stdio{in: strings.NewReader(stdin), out: &out, err: &errb}, getenv)
	return out.String(), errb.String(), code
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it; check the diff for leaks)\n--- got\n%s", name, got)
	}
}

var (
	fullEngineOnce sync.Once
	fullEngine     *classifiers.Engine
	fullEngineErr  error
)

// builtinEngine returns one engine over the built-in catalogue with default
// settings, shared by the tests (compiling the catalogue takes seconds
// under -race; the CLI path is covered by tests with the marker detector).
func builtinEngine(t testing.TB) *classifiers.Engine {
	t.Helper()
	fullEngineOnce.Do(func() {
		ef := engineFlags{minConfidence: classifiers.DefaultMinConfidence}
		fullEngine, fullEngineErr = ef.engine(func(string) string { return "" })
	})
	if fullEngineErr != nil {
		t.Fatal(fullEngineErr)
	}
	return fullEngine
}

// scanWith runs the scan command's core on eng with a fixed clock.
func scanWith(t *testing.T, eng *classifiers.Engine, format string, paths ...string) (string, string, int) {
	t.Helper()
	return scanWithSet(t, eng, nil, format, paths...)
}

// scanWithCfg is scanWith with a change to the configuration; it returns
// the report only.
func scanWithCfg(t *testing.T, eng *classifiers.Engine, set func(*scanConfig), format string, paths ...string) string {
	t.Helper()
	out, _, _ := scanWithSet(t, eng, set, format, paths...)
	return out
}

func scanWithSet(t *testing.T, eng *classifiers.Engine, set func(*scanConfig), format string, paths ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	w := &output{Writer: bufio.NewWriter(&out)}
	fixed := time.Unix(0, 0)
	cfg := scanConfig{format: format, failConfidence: classifiers.DefaultMinConfidence, exitCode: exitFindings,
		workers: 4, now: func() time.Time { return fixed }, maxFindings: 10000}
	if set != nil {
		set(&cfg)
	}
	code := scan(context.Background(), eng, paths, cfg, w, &errb)
	if err := w.close(); err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}
