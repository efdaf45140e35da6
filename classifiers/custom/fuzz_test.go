package custom

import (
	"os"
	"testing"
)

// FuzzParse: any input gives specs that validate, or an error; never a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(valid))
	if b, err := os.ReadFile("testdata/acme.yaml"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("- &a [*a]\n"))
	f.Add([]byte("a: &a [*a, *a, *a]\nb: &b [*a, *a]\n"))
	f.Add([]byte("detectors:\n  - id: x\n    digits: {min: 1, max: 2}\n    pattern: '\\d'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		specs, err := Parse("fuzz.yaml", data)
		if err != nil {
			if specs != nil {
				t.Fatal("specs with an error")
			}
			return
		}
		for _, s := range specs {
			if err := s.Validate(); err != nil {
				t.Fatalf("loaded an invalid spec: %v", err)
			}
		}
	})
}
