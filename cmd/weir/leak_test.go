package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/checksum"
)

// planted are raw sensitive values (synthetic, checksum-valid) that classify
// and scan must never echo: findings carry a fingerprint and a masked
// preview only.
var planted = []string{
	"4104332181960018", "5333-8908-3863-7941", "DE44500105175407324931", "536-27-4419",
	"harriet.quill@fastmail.com", "AKIAODZDOCIS2JHTLGMX", "C87Q+sexwkcVNVAc+hva9FrLhJ/r59ehi+w8BYy8",
	"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", "wtm-31415926",
	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJuYW1lIjoiRGFuYSBXaGl0ZmllbGQiLCJpYXQiOjE3MzEwMDAwMDB9.48HzxdtjeKc6G2I4sUU9L9BwS_IloL44seJbJ7wWrtc",
}

func plantedText() string {
	var b strings.Builder
	for i, v := range planted {
		fmt.Fprintf(&b, "record %d: card/key/email/ssn value %s here.\n", i, v)
	}
	return b.String()
}

func TestNoRawValuesInClassifyOrScan(t *testing.T) {
	text := plantedText()
	line, _ := json.Marshal(map[string]string{"id": "p", "text": text})
	eng := builtinEngine(t)
	var outb, errb bytes.Buffer
	if err := classify(eng, bytes.NewReader(append(line, '\n')), &outb, &errb, 2, 1<<20); err != nil {
		t.Fatal(err)
	}
	out, errs := outb.String(), errb.String()
	res := parseClassify(t, out)
	if len(res) != 1 || len(res[0].Findings) == 0 {
		t.Fatalf("no findings: %s %s", out, errs)
	}
	t.Logf("classify: %d findings", len(res[0].Findings))
	assertNoPlanted(t, "classify", out+errs)

	for _, format := range []string{"text", "json", "sarif"} {
		dir := t.TempDir()
		writeFiles(t, dir, map[string][]byte{
			"p.txt":   []byte(text),
			"p.jsonl": append(line, '\n'),
			"p.csv":   []byte("value\n" + strings.Join(planted, "\n") + "\n"),
		})
		out, errs, code := scanWith(t, eng, format, dir)
		if code != exitFindings {
			t.Errorf("%s: exit %d", format, code)
		}
		assertNoPlanted(t, format, out+errs)
	}
}

func assertNoPlanted(t *testing.T, what, out string) {
	t.Helper()
	for _, v := range planted {
		// The whole value, and any long piece of it (a preview may keep a
		// short tail, never more).
		for i := 0; i+10 <= len(v); i++ {
			if strings.Contains(out, v[i:i+10]) {
				t.Errorf("%s output contains %q from raw value %q", what, v[i:i+10], v)
				break
			}
		}
	}
}

// The sample dataset's values carry valid checksums, so the demo shows what
// validated detection looks like.
func TestSampleValuesAreChecksumValid(t *testing.T) {
	for _, c := range []struct {
		name  string
		ok    func([]byte) bool
		value string
	}{
		{"github token", checksum.TokenCRC32, "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"},
		{"visa", checksum.Luhn, "4104 3321 8196 0018"},
		{"mastercard", checksum.Luhn, "5333-8908-3863-7941"},
		{"amex", checksum.Luhn, "370265423511618"},
		{"iban", checksum.IBAN, "DE44 5001 0517 5407 3249 31"},
		{"npi 1", checksum.NPI, "1284567934"},
		{"npi 2", checksum.NPI, "1928374655"},
		{"dea", checksum.DEA, "BK3456781"},
		{"nhs", checksum.NHS, "401 023 2137"},
		{"ssn", checksum.SSN, "536-27-4419"},
	} {
		if !c.ok([]byte(c.value)) {
			t.Errorf("%s %q fails its checksum", c.name, c.value)
		}
	}
}
