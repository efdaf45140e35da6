package redact

import (
	"bytes"
	"os/exec"
	"strings"
	"sync"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

// Package classifiers must never import redact (DESIGN.md: imports point
// down), and redact uses only the standard library and package classifiers.
func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	deps := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).Output()
		if err != nil {
			t.Skipf("go list %s: %v", pkg, err)
		}
		return strings.Fields(string(out))
	}
	const self = "github.com/weir-dev/weir/classifiers/redact"
	for _, d := range deps("github.com/weir-dev/weir/classifiers") {
		if d == self {
			t.Fatal("package classifiers imports classifiers/redact")
		}
	}
	// Only the non-test imports of redact itself (classifiers' own deps are
	// classifiers' business).
	out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, self).Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, imp := range strings.Fields(string(out)) {
		if strings.Contains(imp, ".") && imp != "github.com/weir-dev/weir/classifiers" {
			t.Errorf("redact imports %s; want only the standard library and classifiers", imp)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	kr := testKeyring(t)
	r := mustNew(t, Policy{Default: OpTokenize, PerType: map[string]Operator{"U": OpHash}}, kr)
	text := []byte("alice@example.com and 123-45-6789")
	fs := []classifiers.Finding{{Type: "T", Start: 0, End: 17}, {Type: "U", Start: 22, End: 33}}
	want, _, err := r.Apply(text, fs)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				out, _, err := r.Apply(text, fs)
				if err != nil || !bytes.Equal(out, want) {
					t.Errorf("concurrent Apply = %q, %v", out, err)
					return
				}
				if _, err := r.Detokenize(out); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
