package policy

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse: Parse never panics; a rejection is Errors naming the file; an
// accepted set has unique names, valid actions, and evaluates without
// panicking.
func FuzzParse(f *testing.F) {
	b, err := os.ReadFile("testdata/example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte("policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: alert\n"))
	f.Add([]byte("policies:\n  - name: a\n    when: &w {categories: [PHI]}\n    action: alert\n  - name: b\n    when: *w\n    action: alert\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse("f.yaml", data, Options{})
		if err != nil {
			var pe Errors
			if !errors.As(err, &pe) || len(pe) == 0 {
				t.Fatalf("error %T %v", err, err)
			}
			for _, e := range pe {
				if e.File != "f.yaml" || !strings.HasPrefix(e.Error(), "f.yaml") {
					t.Fatalf("error without the file: %v", e)
				}
			}
			return
		}
		names := map[string]bool{}
		for _, p := range s.Policies {
			if names[p.Name] || p.Name == "" || p.Action.Strength() == 0 {
				t.Fatalf("bad policy %+v", p)
			}
			names[p.Name] = true
		}
		in := Input{Source: "s3", Dataset: "s3://training/tickets", Tags: map[string]string{"contains": "phi"},
			Findings: []Finding{{Type: "US_SSN", Category: "PII", Confidence: 0.9}},
			Feeds:    []Target{{Kind: "model", Name: "m/x", Exposure: "external"}}}
		for _, d := range s.Evaluate(in) {
			if !names[d.Policy] {
				t.Fatalf("decision of an unknown policy %q", d.Policy)
			}
		}
	})
}
