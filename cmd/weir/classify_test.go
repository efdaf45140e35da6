package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

type classifyOut struct {
	ID       json.RawMessage `json:"id"`
	Findings []struct {
		Type        string  `json:"type"`
		Category    string  `json:"category"`
		Start       int     `json:"start"`
		End         int     `json:"end"`
		Confidence  float64 `json:"confidence"`
		Detector    string  `json:"detector"`
		Fingerprint string  `json:"fingerprint"`
		Preview     string  `json:"preview"`
	} `json:"findings"`
}

func parseClassify(t *testing.T, out string) []classifyOut {
	t.Helper()
	var res []classifyOut
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<30)
	for sc.Scan() {
		var o classifyOut
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatalf("output line %q: %v", sc.Text(), err)
		}
		res = append(res, o)
	}
	return res
}

// The DESIGN.md contract: every record, in input order, findings [] when
// there are none, across many workers.
func TestClassifyOrderAndEmptyFindings(t *testing.T) {
	var in strings.Builder
	for i := range 500 {
		text := "nothing to see"
		if i%7 == 0 {
			text = fmt.Sprintf("token wtm-%08d in record %d", i, i)
		}
		fmt.Fprintf(&in, `{"id":"r%d","text":%q}`+"\n", i, text)
	}
	out, errs, code := cli(t, in.String(), nil, "classify", "--workers", "8",
		"--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER")
	if code != 0 || errs != "" {
		t.Fatalf("code %d, stderr %q", code, errs)
	}
	if strings.Contains(out, `"findings":null`) {
		t.Error("findings is null, want []")
	}
	res := parseClassify(t, out)
	if len(res) != 500 {
		t.Fatalf("%d output lines, want 500", len(res))
	}
	for i, r := range res {
		if string(r.ID) != fmt.Sprintf(`"r%d"`, i) {
			t.Fatalf("line %d has id %s", i, r.ID)
		}
		want := 0
		if i%7 == 0 {
			want = 1
		}
		if len(r.Findings) != want {
			t.Fatalf("record %d: %d findings, want %d", i, len(r.Findings), want)
		}
		if want == 1 {
			f := r.Findings[0]
			if f.Type != "WEIR_TEST_MARKER" || f.Start != 6 || f.End != 18 || f.Fingerprint == "" || f.Preview == "" {
				t.Errorf("record %d: finding %+v", i, f)
			}
		}
	}
}

func TestClassifyMalformedLines(t *testing.T) {
	in := `{"id":"a","text":"x"}
not json
{"id":"b"}
{"id":{"x":1},"text":"y"}

{"id":7,"text":"z"}
{"id":"c","text":"w"}` // no final newline
	out, errs, code := cli(t, in, nil, markerArgs(t, "classify")...)
	if code != 0 {
		t.Fatalf("exit %d, want 0 (a malformed line is never fatal)", code)
	}
	res := parseClassify(t, out)
	var ids []string
	for _, r := range res {
		ids = append(ids, string(r.ID))
	}
	if got := strings.Join(ids, " "); got != `"a" 7 "c"` {
		t.Errorf("ids %s", got)
	}
	for _, want := range []string{"line 2:", "line 3:", "line 4:"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr %q lacks %q", errs, want)
		}
	}
	if strings.Contains(errs, "line 5:") {
		t.Errorf("blank line reported: %q", errs)
	}
}

// A record much larger than bufio.Scanner's 64 KiB default and than the
// reader's buffer is classified, with offsets into its decoded text.
func TestClassifyLargeLine(t *testing.T) {
	pad := strings.Repeat("lorem ipsum ", 5<<20/12) // ~5 MiB
	text := pad + "wtm-87654321" + ` tail "quoted" \ é`
	line, _ := json.Marshal(map[string]string{"id": "big", "text": text})
	out, errs, code := cli(t, string(line)+"\n"+`{"id":"next","text":""}`+"\n", nil, "classify",
		"--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER")
	if code != 0 || errs != "" {
		t.Fatalf("code %d stderr %q", code, errs)
	}
	res := parseClassify(t, out)
	if len(res) != 2 || len(res[0].Findings) != 1 {
		t.Fatalf("got %+v", res)
	}
	if f := res[0].Findings[0]; f.Start != len(pad) || f.End != len(pad)+12 {
		t.Errorf("span [%d,%d), want [%d,%d)", f.Start, f.End, len(pad), len(pad)+12)
	}

	// Over --max-line-bytes: reported with its line number and skipped.
	out, errs, code = cli(t, string(line)+"\n"+`{"id":"next","text":""}`+"\n", nil, markerArgs(t, "classify", "--max-line-bytes", "1000")...)
	if code != 0 || !strings.Contains(errs, "line 1:") || len(parseClassify(t, out)) != 1 {
		t.Errorf("too long line: code %d, stderr %q, out %q", code, errs, out)
	}
}

// Offsets are bytes into the decoded text even with escapes and non-ASCII.
func TestClassifyEscapedOffsets(t *testing.T) {
	in := `{"id":"e","text":"\u00e9\n\"q\" \ud83d\ude00 wtm-11112222"}` + "\n"
	out, _, _ := cli(t, in, nil, "classify", "--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER")
	res := parseClassify(t, out)
	text := "é\n\"q\" 😀 "
	if len(res) != 1 || len(res[0].Findings) != 1 || res[0].Findings[0].Start != len(text) {
		t.Fatalf("got %s, want start %d", out, len(text))
	}
}

func TestClassifyFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"classify", "--min-confidence", "2"},
		{"classify", "--types", "NOT_A_TYPE"},
		{"classify", "--detectors", "/nonexistent.yaml"},
		markerArgs(t, "classify", "--in", "/nonexistent.jsonl"),
		{"classify", "stray"},
		{"classify", "--bogus"},
	} {
		if _, _, code := cli(t, "", nil, args...); code != exitError {
			t.Errorf("%v: exit %d, want %d", args, code, exitError)
		}
	}
	env := map[string]string{envFingerprintKey: "a", envFingerprintKeyFile: "/x"}
	if _, errs, code := cli(t, "", env, markerArgs(t, "classify")...); code != exitError || !strings.Contains(errs, "not both") {
		t.Errorf("both key variables: %d %q", code, errs)
	}
}

// The fingerprint key changes fingerprints and never appears in output.
func TestClassifyFingerprintKey(t *testing.T) {
	in := `{"id":"k","text":"wtm-55556666"}` + "\n"
	args := []string{"classify", "--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER"}
	a, _, _ := cli(t, in, map[string]string{envFingerprintKey: "k1-very-secret"}, args...)
	b, _, _ := cli(t, in, map[string]string{envFingerprintKey: "k2-very-secret"}, args...)
	fa, fb := parseClassify(t, a)[0].Findings[0].Fingerprint, parseClassify(t, b)[0].Findings[0].Fingerprint
	if fa == fb {
		t.Error("fingerprints do not depend on the key")
	}
	if strings.Contains(a, "very-secret") {
		t.Error("key in output")
	}
}
