package docgen

import (
	"bytes"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
)

func TestMaskExample(t *testing.T) {
	f := func(start, end int, preview string) classifiers.Finding {
		return classifiers.Finding{Start: start, End: end, Preview: preview}
	}
	for _, tc := range []struct {
		name string
		text string
		fs   []classifiers.Finding
		want string
		ok   bool
	}{
		{"none", "nothing here", nil, "nothing here", false},
		{"one", "card 4111 here", []classifiers.Finding{f(5, 9, "**11")}, "card **11 here", true},
		{"two out of order", "a 1234 b 5678", []classifiers.Finding{f(9, 13, "**78"), f(2, 6, "**34")}, "a **34 b **78", true},
		{"whole text", "secret", []classifiers.Finding{f(0, 6, "******")}, "******", true},
		{"nested: the outer wins", "key ABCDEFGH end", []classifiers.Finding{f(6, 8, "**"), f(4, 12, "******GH")}, "key ******GH end", true},
		{"overlap: the tail is not shown raw", "x 12345678 y", []classifiers.Finding{f(2, 7, "****5"), f(5, 10, "***78")}, "x ****5 y", true},
		{"out of range ignored", "abc", []classifiers.Finding{f(1, 9, "x"), f(-1, 2, "y")}, "abc", false},
		{"empty span ignored", "abc", []classifiers.Finding{f(1, 1, "x")}, "abc", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := MaskExample(tc.text, tc.fs)
			if got != tc.want || ok != tc.ok {
				t.Errorf("MaskExample = %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a", "`a`"},
		{"a|b", "`a\\|b`"},
		{"x`y", "``x`y``"},
		{"`x`", "`` `x` ``"},
		{"line\nbreak", "`line break`"},
	} {
		if got := code(tc.in); got != tc.want {
			t.Errorf("code(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteConfiguration(t *testing.T) {
	keys := []ConfigKey{
		{Path: "kafka.brokers", Type: "a list of strings", Flag: "brokers", Env: "WEIR_KAFKA_BROKERS", Usage: "bootstrap list"},
		{Path: "kafka.tls", Type: "true or false", Env: "WEIR_KAFKA_TLS", Default: "false", Usage: "TLS."},
		{Path: "log.level", Type: "a string", Flag: "log-level", Env: "WEIR_LOG_LEVEL", Default: "info", Usage: "least level", Enum: []string{"debug", "info"}},
		{Path: "http_addr", Type: "a string", Flag: "http-addr", Env: "WEIR_HTTP_ADDR", Usage: "ops address (e.g. :9464)"},
	}
	var b bytes.Buffer
	if err := WriteConfiguration(&b, keys, []EnvVar{{Name: "WEIR_API_KEYS", Commands: "serve", Usage: "keys a|b"}}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# Configuration reference\n",
		"Do not edit",
		"## `kafka.*`\n",
		"| `kafka.brokers` | a list of strings |  | `--brokers` | `WEIR_KAFKA_BROKERS` | bootstrap list. |\n",
		"| `kafka.tls` | true or false | `false` | (environment only) | `WEIR_KAFKA_TLS` | TLS. |\n",
		"## `log.*`\n",
		"least level. One of `debug`, `info`.",
		"## Top-level keys\n",
		"ops address (e.g. :9464).",
		"| `WEIR_API_KEYS` | serve | keys a\\|b |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "## `kafka.*`") != 1 {
		t.Errorf("one table per section expected:\n%s", out)
	}
	var again bytes.Buffer
	_ = WriteConfiguration(&again, keys, []EnvVar{{Name: "WEIR_API_KEYS", Commands: "serve", Usage: "keys a|b"}})
	if again.String() != out {
		t.Error("output is not deterministic")
	}
}

// TestWriteDetectors generates the catalogue of a few real specs with the
// real engine and checks the entries and that no detected value is shown.
func TestWriteDetectors(t *testing.T) {
	var specs []detector.Spec
	for _, s := range classifiers.All() {
		switch s.ID {
		case "credit_card", "email_address", "aws_access_key_id":
			specs = append(specs, s)
		}
	}
	if len(specs) != 3 {
		t.Fatalf("found %d of the 3 specs", len(specs))
	}
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{MinConfidence: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDetectors(&b, specs, eng.Scan); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"3 detectors over 3 entity types (2 PII, 0 PHI, 1 SECRET detectors)",
		"## PII", "## SECRET", "### credit_card", "[`credit_card`](#credit_card)",
		"**validator** luhn", "**keywords**: `AKIA`", "**context words**:", "- **example** (masked): ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(out, "## PHI") {
		t.Error("empty category rendered")
	}
	shown := 0
	for _, s := range specs {
		for _, ex := range s.Examples {
			for _, f := range eng.Scan([]byte(ex)) {
				shown++
				if raw := ex[f.Start:f.End]; len(raw) >= 6 && strings.Contains(out, raw) {
					t.Errorf("raw %s value of an example of %s in the output (%s)", f.Type, s.ID, f.Preview)
				}
			}
		}
	}
	if shown == 0 {
		t.Fatal("no example detected: nothing checked")
	}
	// An example nothing detects is not shown (nothing in it was masked).
	undetected := detector.Spec{ID: "x_never", Type: "X", Category: detector.PII, Keywords: []string{"zz"},
		Pattern: "zz", Examples: []string{"plain words"}}
	b.Reset()
	if err := WriteDetectors(&b, []detector.Spec{undetected}, eng.Scan); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "plain words") || !strings.Contains(b.String(), "not shown") {
		t.Errorf("an undetected example was shown:\n%s", b.String())
	}
}
