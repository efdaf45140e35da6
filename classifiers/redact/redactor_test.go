package redact

import (
	"bytes"
	"errors"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

func TestMask(t *testing.T) {
	tests := []struct {
		name, value string
		keep        int // Policy.MaskKeep
		want        string
	}{
		{"card dashed", "4111-1111-1111-1111", 0, "****-****-****-1111"},
		{"card spaced", "4111 1111 1111 1111", 0, "**** **** **** 1111"},
		{"card bare", "4111111111111111", 0, "************1111"},
		{"ssn", "123-45-6789", 0, "***-**-6789"},
		{"phone", "+1 (415) 555-0100", 0, "** (***) ***-0100"},
		{"email keeps dot", "alice@example.com", 0, "************e.com"},
		{"keep 2", "4111-1111", 2, "****-**11"},
		{"keep none", "4111-1111", -1, "****-****"},
		{"keep more than value", "12345678", 20, "****5678"},
		{"short: half at most", "abc", 0, "**c"},
		{"two chars", "ab", 0, "*b"},
		{"one char", "a", 0, "*"},
		{"only separators", "--", 0, "--"},
		{"utf8 runes count once", "José Müller", 0, "**** **ller"},
		{"invalid utf8", "\xff\xfe\xfdabcd", 0, "****bcd"},
		{"multibyte: 6 runes keep 3", "ааааää", 0, "***аää"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustNew(t, Policy{Default: OpMask, MaskKeep: tt.keep}, nil)
			text := "x=" + tt.value + ";"
			out, applied, err := r.Apply([]byte(text), []classifiers.Finding{{Type: "T", Start: 2, End: 2 + len(tt.value), Confidence: 1}})
			if err != nil {
				t.Fatal(err)
			}
			if want := "x=" + tt.want + ";"; string(out) != want {
				t.Errorf("Apply = %q, want %q", out, want)
			}
			checkApplied(t, []byte(text), out, applied)
		})
	}
}

func TestOperators(t *testing.T) {
	const text = "mail alice@example.com now"
	f := []classifiers.Finding{find(t, text, "alice@example.com", "EMAIL_ADDRESS", 0.9)}
	kr := testKeyring(t)
	tests := []struct {
		op   Operator
		want *regexp.Regexp
	}{
		{OpType, regexp.MustCompile(`^mail <EMAIL_ADDRESS> now$`)},
		{OpHash, regexp.MustCompile(`^mail <EMAIL_ADDRESS:hmac:[0-9a-f]{16}> now$`)},
		{OpTokenize, regexp.MustCompile(`^mail tok_EMAIL_ADDRESS_k1_[A-Za-z0-9_-]+ now$`)},
		{OpDrop, regexp.MustCompile(`^mail  now$`)},
		{OpMask, regexp.MustCompile(`^mail \*{12}e\.com now$`)},
	}
	for _, tt := range tests {
		t.Run(string(tt.op), func(t *testing.T) {
			r := mustNew(t, Policy{Default: OpType, PerType: map[string]Operator{"EMAIL_ADDRESS": tt.op}}, kr)
			out, applied, err := r.Apply([]byte(text), f)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.want.Match(out) {
				t.Fatalf("Apply = %q, want match %v", out, tt.want)
			}
			checkApplied(t, []byte(text), out, applied)
			if len(applied) != 1 || applied[0].Operator != tt.op || applied[0].Type != "EMAIL_ADDRESS" {
				t.Fatalf("applied = %+v", applied)
			}
			if tt.op.needsKeys() != (applied[0].KeyID == "k1") {
				t.Errorf("KeyID = %q for %s", applied[0].KeyID, tt.op)
			}
			if tt.op != OpMask && bytes.Contains(out, []byte("alice")) {
				t.Errorf("value survived: %q", out)
			}
		})
	}
}

// The hash output is pinned: it must stay stable across runs and releases for
// one key, or hashes in stored data stop matching.
func TestHashGolden(t *testing.T) {
	r := mustNew(t, Policy{Default: OpHash}, testKeyring(t))
	out, _, err := r.Apply([]byte("alice@example.com"), []classifiers.Finding{{Type: "EMAIL_ADDRESS", End: 17}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<EMAIL_ADDRESS:hmac:" + goldenHash + ">"; string(out) != want {
		t.Fatalf("hash = %s, want %s", out, want)
	}
	// A different key gives a different hash.
	kr2, _ := NewKeyring("k2", testKey(2, 32))
	out2, _, _ := mustNew(t, Policy{Default: OpHash}, kr2).Apply([]byte("alice@example.com"), []classifiers.Finding{{Type: "EMAIL_ADDRESS", End: 17}})
	if bytes.Equal(out, out2) {
		t.Fatal("two keys gave the same hash")
	}
}

const goldenHash = "79d0fe22291f3810"

func TestMergeSpans(t *testing.T) {
	f := func(typ string, start, end int, conf float64) classifiers.Finding {
		return classifiers.Finding{Type: typ, Start: start, End: end, Confidence: conf}
	}
	const text = "0123456789abcdefghij" // 20 bytes
	tests := []struct {
		name     string
		findings []classifiers.Finding
		want     string
		merged   []int // Findings count per Applied
	}{
		{"none", nil, text, nil},
		{"single", []classifiers.Finding{f("A", 2, 5, 1)}, "01<A>56789abcdefghij", []int{1}},
		{"adjacent stay separate", []classifiers.Finding{f("A", 0, 5, 1), f("B", 5, 10, 1)}, "<A><B>abcdefghij", []int{1, 1}},
		{"overlap takes union, most confident type", []classifiers.Finding{f("A", 0, 6, 0.6), f("B", 4, 10, 0.8)}, "<B>abcdefghij", []int{2}},
		{"nested, outer more confident", []classifiers.Finding{f("OUTER", 2, 12, 0.9), f("INNER", 4, 6, 0.5)}, "01<OUTER>cdefghij", []int{2}},
		{"nested, inner more confident: union still redacted", []classifiers.Finding{f("OUTER", 2, 12, 0.5), f("INNER", 4, 6, 0.9)}, "01<INNER>cdefghij", []int{2}},
		{"unsorted", []classifiers.Finding{f("B", 10, 12, 1), f("A", 1, 3, 1)}, "0<A>3456789<B>cdefghij", []int{1, 1}},
		{"chain merges transitively", []classifiers.Finding{f("A", 0, 5, 0.1), f("B", 4, 8, 0.2), f("C", 7, 12, 0.3)}, "<C>cdefghij", []int{3}},
		{"duplicates", []classifiers.Finding{f("A", 3, 6, 0.5), f("A", 3, 6, 0.5)}, "012<A>6789abcdefghij", []int{2}},
		{"tie broken by length", []classifiers.Finding{f("SHORT", 3, 6, 0.5), f("LONG", 3, 9, 0.5)}, "012<LONG>9abcdefghij", []int{2}},
		{"tie broken by type name", []classifiers.Finding{f("ZED", 3, 6, 0.5), f("ABC", 3, 6, 0.5)}, "012<ABC>6789abcdefghij", []int{2}},
		{"NaN confidence loses", []classifiers.Finding{f("NAN", 0, 9, math.NaN()), f("REAL", 2, 4, 0.1)}, "<REAL>9abcdefghij", []int{2}},
		{"empty span ignored", []classifiers.Finding{f("A", 4, 4, 1)}, text, nil},
		{"whole text", []classifiers.Finding{f("A", 0, 20, 1)}, "<A>", []int{1}},
	}
	r := mustNew(t, Policy{}, nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, order := range [][]classifiers.Finding{tt.findings, reversed(tt.findings)} {
				out, applied, err := r.Apply([]byte(text), order)
				if err != nil {
					t.Fatal(err)
				}
				if string(out) != tt.want {
					t.Fatalf("Apply = %q, want %q", out, tt.want)
				}
				checkApplied(t, []byte(text), out, applied)
				var merged []int
				for _, a := range applied {
					merged = append(merged, a.Findings)
				}
				if !slices.Equal(merged, tt.merged) {
					t.Fatalf("merged counts = %v, want %v", merged, tt.merged)
				}
			}
		})
	}
}

func reversed[T any](s []T) []T {
	s = slices.Clone(s)
	slices.Reverse(s)
	return s
}

func TestApplyRejectsBadFindings(t *testing.T) {
	r := mustNew(t, Policy{}, nil)
	text := []byte("0123456789")
	tests := []struct {
		name string
		f    classifiers.Finding
	}{
		{"negative start", classifiers.Finding{Type: "A", Start: -1, End: 3}},
		{"end past text", classifiers.Finding{Type: "A", Start: 5, End: 11}},
		{"inverted", classifiers.Finding{Type: "A", Start: 6, End: 5}},
		{"start past text", classifiers.Finding{Type: "A", Start: 11, End: 11}},
		{"empty type", classifiers.Finding{Type: "", Start: 1, End: 2}},
		{"lower-case type", classifiers.Finding{Type: "email", Start: 1, End: 2}},
		{"type with markup", classifiers.Finding{Type: "A><B", Start: 1, End: 2}},
		{"double underscore", classifiers.Finding{Type: "A__B", Start: 1, End: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := classifiers.Finding{Type: "OK", Start: 0, End: 1}
			out, applied, err := r.Apply(text, []classifiers.Finding{good, tt.f})
			if !errors.Is(err, ErrInvalidFinding) {
				t.Fatalf("err = %v, want ErrInvalidFinding", err)
			}
			if out != nil || applied != nil {
				t.Fatalf("partial result returned with error: %q %v", out, applied)
			}
			if !strings.Contains(err.Error(), "finding 1") {
				t.Errorf("error %q does not name the finding index", err)
			}
		})
	}
}

func TestDropField(t *testing.T) {
	const text = "name: alice, ssn 123-45-6789"
	fs := []classifiers.Finding{find(t, text, "alice", "PERSON", 0.7), find(t, text, "123-45-6789", "US_SSN", 0.9)}
	p := Policy{PerType: map[string]Operator{"US_SSN": OpDrop}}

	out, applied, err := mustNew(t, p, nil).Apply([]byte(text), fs)
	if err != nil {
		t.Fatal(err)
	}
	if want := "name: <PERSON>, ssn "; string(out) != want {
		t.Fatalf("value drop = %q, want %q", out, want)
	}
	checkApplied(t, []byte(text), out, applied)

	p.DropField = true
	out, applied, err = mustNew(t, p, nil).Apply([]byte(text), fs)
	if err != nil {
		t.Fatal(err)
	}
	if out == nil || len(out) != 0 {
		t.Fatalf("field drop = %q, want empty non-nil", out)
	}
	for _, a := range applied {
		if !a.WholeField || a.Operator != OpDrop || a.Start != 0 || a.End != 0 {
			t.Fatalf("applied = %+v", a)
		}
	}
	// DropField without any drop finding changes nothing.
	out, _, _ = mustNew(t, p, nil).Apply([]byte(text), fs[:1])
	if want := "name: <PERSON>, ssn 123-45-6789"; string(out) != want {
		t.Fatalf("got %q, want %q", out, want)
	}
}

func TestNewRejectsBadPolicy(t *testing.T) {
	kr := testKeyring(t)
	tests := []struct {
		name string
		p    Policy
		kr   *Keyring
	}{
		{"unknown default", Policy{Default: "redact"}, nil},
		{"unknown per-type", Policy{PerType: map[string]Operator{"US_SSN": "blur"}}, nil},
		{"bad type name", Policy{PerType: map[string]Operator{"us_ssn": OpMask}}, nil},
		{"hash without keys", Policy{Default: OpHash}, nil},
		{"tokenize without keys", Policy{PerType: map[string]Operator{"US_SSN": OpTokenize}}, nil},
	}
	for _, tt := range tests {
		if _, err := New(tt.p, tt.kr); !errors.Is(err, ErrPolicy) {
			t.Errorf("%s: err = %v, want ErrPolicy", tt.name, err)
		}
	}
	if _, err := New(Policy{Default: OpTokenize}, kr); err != nil {
		t.Errorf("valid policy: %v", err)
	}
	// The Redactor keeps its own copy of PerType.
	per := map[string]Operator{"US_SSN": OpMask}
	r := mustNew(t, Policy{PerType: per}, nil)
	per["US_SSN"] = OpDrop
	if got := r.Policy().PerType["US_SSN"]; got != OpMask {
		t.Fatalf("policy changed through caller's map: %s", got)
	}
	if got := r.Policy(); got.Default != OpType || got.MaskKeep != DefaultMaskKeep {
		t.Fatalf("defaults not filled: %+v", got)
	}
	if _, err := mustNew(t, Policy{}, nil).Detokenize([]byte("x")); !errors.Is(err, ErrPolicy) {
		t.Fatalf("Detokenize without keyring: %v", err)
	}
}

func TestTokenizeTooLarge(t *testing.T) {
	r := mustNew(t, Policy{Default: OpTokenize}, testKeyring(t))
	text := bytes.Repeat([]byte{'a'}, MaxTokenValue+1)
	if _, _, err := r.Apply(text, []classifiers.Finding{{Type: "PRIVATE_KEY", End: len(text)}}); err == nil {
		t.Fatal("tokenize accepted a value over MaxTokenValue")
	}
	if _, _, err := r.Apply(text, []classifiers.Finding{{Type: "PRIVATE_KEY", End: MaxTokenValue}}); err != nil {
		t.Fatalf("tokenize of MaxTokenValue bytes: %v", err)
	}
}

// Plants realistic secrets in a record and asserts no 8-byte window of any of
// them survives under any non-mask operator (and, for mask, only the tail).
func TestPlantedSecretsDoNotSurvive(t *testing.T) {
	secrets := map[string]string{
		"AWS_ACCESS_KEY_ID":     "AKIAQ3EGUTZ7WXN4RBLS",
		"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY",
		"EMAIL_ADDRESS":         "j.doe+ml@hospital-example.org",
		"US_SSN":                "536-22-8741",
		"CREDIT_CARD":           "5500 0055 5555 5559",
		"PASSWORD":              "Tr0ub4dor&3-horse!",
		"GITHUB_TOKEN":          "ghp_R2d3F5g7H9j1K3l5M7n9P1q3R5s7T9u1V3w5",
	}
	var sb strings.Builder
	var fs []classifiers.Finding
	sb.WriteString("config dump\n")
	for _, typ := range slices.Sorted(mapsKeys(secrets)) {
		sb.WriteString(strings.ToLower(typ) + "=")
		fs = append(fs, classifiers.Finding{Type: typ, Start: sb.Len(), End: sb.Len() + len(secrets[typ]), Confidence: 0.9})
		sb.WriteString(secrets[typ])
		sb.WriteString("\n")
	}
	// A partial finding overlapping the password must not leave its tail behind.
	pw := fs[slices.IndexFunc(fs, func(f classifiers.Finding) bool { return f.Type == "PASSWORD" })]
	fs = append(fs, classifiers.Finding{Type: "PHONE_NUMBER", Start: pw.Start + 3, End: pw.End + 1, Confidence: 0.2})
	text := []byte(sb.String())

	kr := testKeyring(t)
	for _, op := range []Operator{OpType, OpHash, OpTokenize, OpDrop, OpMask} {
		out, applied, err := mustNew(t, Policy{Default: op}, kr).Apply(text, fs)
		if err != nil {
			t.Fatal(err)
		}
		checkApplied(t, text, out, applied)
		for typ, s := range secrets {
			check := s
			if op == OpMask {
				check = s[:len(s)-4] // the kept tail is allowed
			}
			for i := 0; i+8 <= len(check); i++ {
				if bytes.Contains(out, []byte(check[i:i+8])) {
					t.Errorf("%s: %s secret fragment %q survived in %q", op, typ, check[i:i+8], out)
				}
			}
		}
		if op == OpTokenize {
			back, err := kr.Detokenize(out)
			if err != nil || !bytes.Equal(back, text) {
				t.Fatalf("detokenize: %v\n%q", err, back)
			}
		}
	}
}

func mapsKeys(m map[string]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestDeterminism(t *testing.T) {
	const text = "a alice@example.com b 4111-1111-1111-1111 c alice@example.com"
	fs := []classifiers.Finding{
		{Type: "EMAIL_ADDRESS", Start: 2, End: 19, Confidence: 0.9},
		{Type: "CREDIT_CARD", Start: 22, End: 41, Confidence: 0.9},
		{Type: "EMAIL_ADDRESS", Start: 44, End: 61, Confidence: 0.9},
	}
	for _, op := range []Operator{OpHash, OpTokenize} {
		// Two keyrings from the same material behave identically.
		r1 := mustNew(t, Policy{Default: op}, testKeyring(t))
		r2 := mustNew(t, Policy{Default: op}, testKeyring(t))
		a, _, err := r1.Apply([]byte(text), fs)
		if err != nil {
			t.Fatal(err)
		}
		b, _, _ := r2.Apply([]byte(text), reversed(fs))
		if !bytes.Equal(a, b) {
			t.Fatalf("%s not deterministic:\n%s\n%s", op, a, b)
		}
		// Equal values give equal replacements; the card differs.
		parts := strings.Fields(string(a))
		if parts[1] != parts[5] || parts[1] == parts[3] {
			t.Fatalf("%s: replacements %q", op, parts)
		}
	}
	// The same value under two types tokenizes differently (type is bound).
	r := mustNew(t, Policy{Default: OpTokenize}, testKeyring(t))
	a, _, _ := r.Apply([]byte("x"), []classifiers.Finding{{Type: "A", End: 1}})
	b, _, _ := r.Apply([]byte("x"), []classifiers.Finding{{Type: "B", End: 1}})
	if bytes.Equal(a[len("tok_A_k1_"):], b[len("tok_B_k1_"):]) {
		t.Fatalf("same ciphertext under two types: %s %s", a, b)
	}
}

func TestApplyDoesNotModifyInput(t *testing.T) {
	text := []byte("secret 123-45-6789 end")
	orig := bytes.Clone(text)
	fs := []classifiers.Finding{{Type: "US_SSN", Start: 7, End: 18}}
	for _, op := range []Operator{OpMask, OpType, OpHash, OpTokenize, OpDrop} {
		if _, _, err := mustNew(t, Policy{Default: op}, testKeyring(t)).Apply(text, fs); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(text, orig) {
			t.Fatalf("%s modified the input", op)
		}
	}
}
