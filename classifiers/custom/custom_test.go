package custom

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadExample(t *testing.T) {
	specs, err := Load("testdata/acme.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) != 2 {
		t.Fatalf("got %d specs, want 2", len(specs))
	}
	s := specs[0]
	if s.ID != "acme_employee_id" || s.Type != "ACME_EMPLOYEE_ID" || s.Group != 1 || s.Confidence != 0.8 ||
		s.Need.String() != "helps" || len(s.Examples) != 1 || s.Placeholders[0] != "000000" {
		t.Errorf("spec 0 = %+v", s)
	}
	c := specs[1]
	if c.Digits == nil || c.Digits.Min != 12 || c.Validator == nil || c.ValidatorName != "luhn" {
		t.Errorf("spec 1 = %+v", c)
	}
	for _, s := range specs {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
	}
}

const valid = `- id: x_id
  type: X_ID
  category: PII
  keywords: ["x-"]
  pattern: 'x-\d+'
`

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string // substrings of the error
	}{
		{"bad regex", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a(b'\n", []string{"f.yaml:5:", `detector "a"`, "pattern:", "missing closing )"}},
		{"unknown validator", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n  validator: lunh\n", []string{"f.yaml:6:", `detector "a"`, `unknown validator "lunh"`, "luhn"}},
		{"unknown key", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n  patern: 'b'\n", []string{"f.yaml:6:", `unknown key "patern"`}},
		{"missing type", "- id: a\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n", []string{"f.yaml:1:", `detector "a"`, "missing type"}},
		{"missing id", "- type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n", []string{"f.yaml:1:", "missing id"}},
		{"missing pattern", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n", []string{"missing pattern"}},
		{"no trigger", "- id: a\n  type: A\n  category: PII\n  pattern: 'a'\n", []string{"needs keywords, digits or need: column"}},
		{"bad category", "- id: a\n  type: A\n  category: PIX\n  keywords: [k]\n  pattern: 'a'\n", []string{"f.yaml:3:", `category "PIX"`}},
		{"bad group", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: '(a)'\n  group: 2\n", []string{"f.yaml:6:", "group 2"}},
		{"bad confidence", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n  confidence: 1.5\n", []string{"f.yaml:6:", "confidence"}},
		{"bad need", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n  need: maybe\n", []string{"f.yaml:6:", `need "maybe"`}},
		{"bad digits", "- id: a\n  type: A\n  category: PII\n  digits: {min: 5, max: 2}\n  pattern: '\\d+'\n", []string{"f.yaml:4:", "digits"}},
		{"digits unknown key", "- id: a\n  type: A\n  category: PII\n  digits: {min: 5, max: 6, mx: 2}\n  pattern: '\\d+'\n", []string{`unknown key "mx"`}},
		{"example mismatch", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'k\\d'\n  examples:\n    - k1\n    - kx\n", []string{"f.yaml:8:", "example 2 does not match"}},
		{"example fails validator", "- id: a\n  type: A\n  category: PII\n  digits: {min: 4, max: 4}\n  pattern: '\\d{4}'\n  validator: luhn\n  examples: ['1235']\n", []string{"example 1"}},
		{"duplicate id", valid + valid, []string{"f.yaml:6:", "duplicate id"}},
		{"duplicate key", "- id: a\n  id: b\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n", []string{"f.yaml:2:", `duplicate key "id"`}},
		{"bad id", "- id: Bad-Id\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: 'a'\n", []string{"f.yaml:1:", "id must match"}},
		{"not a list", "id: a\n", []string{"f.yaml:1:", `unknown key "id"`}},
		{"scalar", "hello\n", []string{"want a list of detectors"}},
		{"empty", "", []string{"no detectors"}},
		{"empty list", "[]\n", []string{"no detectors"}},
		{"item not mapping", "- 3\n", []string{"f.yaml:1:", "want a detector"}},
		{"yaml syntax", "- id: [\n", []string{"f.yaml", "yaml:"}},
		{"keywords type", "- id: a\n  type: A\n  category: PII\n  keywords: {a: b}\n  pattern: 'a'\n", []string{"f.yaml:4:", "keywords: want a list"}},
		{"two errors", "- id: a\n  type: A\n  category: PII\n  keywords: [k]\n  pattern: '('\n  validator: nope\n", []string{"f.yaml:5:", "f.yaml:6:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			specs, err := Parse("f.yaml", []byte(tc.yaml))
			if err == nil {
				t.Fatalf("no error; specs %+v", specs)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "f.yaml" {
				t.Errorf("error %v is not a *Error naming the file", err)
			}
		})
	}
}

func TestParseForms(t *testing.T) {
	for name, y := range map[string]string{
		"list":                    valid,
		"detectors key":           "detectors:\n" + indent(valid),
		"anchor":                  "- &d\n  id: x_id\n  type: X_ID\n  category: secret\n  keywords: x-\n  pattern: 'x-\\d+'\n",
		"need no string":          valid + "  need: no\n",
		"every validator name":    valid + "  validator: token_crc32\n",
		"column need, no trigger": "- id: pin_col\n  type: PASSWORD_ASSIGNMENT\n  category: SECRET\n  pattern: '(?m)^([0-9]{4,8})$'\n  group: 1\n  need: column\n  context: [pin]\n",
	} {
		t.Run(name, func(t *testing.T) {
			specs, err := Parse("f.yaml", []byte(y))
			if err != nil || len(specs) != 1 {
				t.Fatalf("Parse = %v, %v", specs, err)
			}
		})
	}
}

func TestValidatorNamesResolve(t *testing.T) {
	for _, n := range ValidatorNames() {
		if validators[n] == nil {
			t.Errorf("validator %q has no function", n)
		}
		validators[n]([]byte("0000")) // safe on junk
	}
}

func TestLoadMissingFileAndSize(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope.yaml")); err == nil {
		t.Error("no error for a missing file")
	}
	big := filepath.Join(t.TempDir(), "big.yaml")
	if err := os.WriteFile(big, make([]byte, MaxFileBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Load(big) = %v", err)
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", "\n  ") + "\n"
}
