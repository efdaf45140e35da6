package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const sampleDir = "testdata/sample" // relative to the repository root

// scanSample runs weir scan on the bundled sample from the repository root,
// with timing figures zeroed so the report is stable.
func scanSample(t *testing.T, format string) (string, string, int) {
	t.Helper()
	eng := builtinEngine(t)
	t.Chdir("../..")
	out, errs, code := scanWith(t, eng, format, sampleDir)
	return normalizeTiming(out), errs, code
}

var timingRE = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`in [0-9.]+s \([0-9.]+ MB/s\)`), "in 0.00s (0.0 MB/s)"},
	{regexp.MustCompile(`"seconds": [0-9.e+-]+`), `"seconds": 0`},
	{regexp.MustCompile(`"mb_per_s": [0-9.e+-]+`), `"mb_per_s": 0`},
}

func normalizeTiming(s string) string {
	for _, r := range timingRE {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return s
}

func TestScanSampleGoldens(t *testing.T) {
	for _, format := range []string{"text", "json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			out, errs, code := scanSample(t, format)
			if errs != "" {
				t.Errorf("stderr: %s", errs)
			}
			if code != exitOK && code != exitFindings {
				t.Errorf("exit %d", code)
			}
			t.Chdir("cmd/weir")
			golden(t, "sample."+format+".golden", []byte(out))
			assertNoRawSampleValues(t, out)
		})
	}
}

// sampleSecrets are raw values planted in testdata/sample; no report may
// contain them.
var sampleSecrets = []string{
	"harriet.quill@fastmail.com", "4104 3321 8196 0018", "4104332181960018", "DE44 5001 0517 5407 3249 31",
	"536-27-4419", "5333-8908-3863-7941", "5333890838637941", "m.oyelaran@protonmail.com",
	"AKIAODZDOCIS2JHTLGMX", "C87Q+sexwkcVNVAc+hva9FrLhJ/r59ehi+w8BYy8", "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",
	"1284567934", "1928374655", "BK3456781", "20481977", "33910452", "401 023 2137",
	"q8Zk2LmN4pR7sT1vW3xY6bC9", "48HzxdtjeKc6G2I4sUU9L9BwS_IloL44seJbJ7wWrtc", "kenji.watanabe@icloud.com",
	"priya.raman@acme-corp.io", "370265423511618",
}

func assertNoRawSampleValues(t *testing.T, out string) {
	t.Helper()
	for _, s := range sampleSecrets {
		if strings.Contains(out, s) {
			t.Errorf("report contains the raw value %q", s)
		}
	}
}

func TestScanSARIFValidatesAgainstSchema(t *testing.T) {
	out, _, _ := scanSample(t, "sarif")
	schemaPath := filepath.Join("..", "shared", "schemas", "sarif", "sarif-schema-2.1.0.json") // from the repo root
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Skipf("schema not available: %v", err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	v := &schemaValidator{root: schema}
	v.validate(schema, doc, "$")
	for _, e := range v.errs {
		t.Error(e)
	}

	// What GitHub code scanning reads, beyond the schema.
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	rules := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || r.ShortDescription.Text == "" || len(r.Properties.Tags) < 2 {
			t.Errorf("rule %+v", r)
		}
		rules[r.ID] = true
	}
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		if !rules[r.RuleID] || r.Message.Text == "" || loc.Region == nil || loc.Region.StartLine < 1 ||
			loc.Region.StartColumn < 1 || strings.HasPrefix(loc.ArtifactLocation.URI, "/") ||
			r.PartialFingerprints[fingerprintKey] == "" {
			t.Errorf("result %+v", r)
		}
	}

	// The validator itself catches a broken log.
	bad := strings.Replace(out, `"version": "2.1.0"`, `"version": "2.0"`, 1)
	_ = json.Unmarshal([]byte(bad), &doc)
	v = &schemaValidator{root: schema}
	if v.validate(schema, doc, "$"); len(v.errs) == 0 {
		t.Error("schema validator accepted version 2.0")
	}
}

// scanDir writes files into a temporary directory and scans it with the
// marker detector only.
func scanDir(t *testing.T, files map[string][]byte, args ...string) (string, string, int, string) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	full := append([]string{"scan", "--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER"}, args...)
	out, errs, code := cli(t, "", nil, append(full, dir)...)
	return out, errs, code, dir
}

func gz(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestScanExitCodes(t *testing.T) {
	hit := map[string][]byte{"a.txt": []byte("key wtm-00000001\n")}
	clean := map[string][]byte{"a.txt": []byte("nothing\n")}
	for _, tc := range []struct {
		name  string
		files map[string][]byte
		args  []string
		want  int
	}{
		{"findings", hit, nil, exitFindings},
		{"clean", clean, nil, exitOK},
		{"exit-code 0", hit, []string{"--exit-code", "0"}, exitOK},
		{"exit-code 3", hit, []string{"--exit-code", "3"}, 3},
		{"below fail-confidence", hit, []string{"--fail-confidence", "0.95"}, exitOK},
		{"bad format", hit, []string{"--format", "xml"}, exitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, errs, code, _ := scanDir(t, tc.files, tc.args...); code != tc.want {
				t.Errorf("exit %d, want %d (stderr %q)", code, tc.want, errs)
			}
		})
	}
	if _, _, code := cli(t, "", nil, markerArgs(t, "scan", filepath.Join(t.TempDir(), "missing"))...); code != exitError {
		t.Errorf("missing path: exit %d, want %d", code, exitError)
	}
	if _, _, code := cli(t, "", nil, "scan"); code != exitError {
		t.Errorf("no path: exit %d", code)
	}
}

// A gzip bomb fails its own file (exit 2, named on stderr); the other files
// are still scanned and reported.
func TestScanGzipBomb(t *testing.T) {
	bomb := gz(t, bytes.Repeat([]byte("A"), 32<<20)) // 32 MiB in ~32 KiB: ratio ~1000 (zeros would be skipped as binary after 8000 bytes)
	files := map[string][]byte{
		"bomb.txt.gz": bomb,
		"ok.txt":      []byte("wtm-12121212\n"),
		"ok.jsonl.gz": gz(t, []byte(`{"note":"wtm-34343434"}`+"\n")),
	}
	out, errs, code, _ := scanDir(t, files)
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	if !strings.Contains(errs, "bomb.txt.gz") || !strings.Contains(errs, "decompression bomb") {
		t.Errorf("stderr %q", errs)
	}
	if !strings.Contains(out, "ok.txt:1:1: WEIR_TEST_MARKER") || !strings.Contains(out, "ok.jsonl.gz:1:10: WEIR_TEST_MARKER") {
		t.Errorf("other files not reported:\n%s", out)
	}
	// Raising the limits lets it through.
	_, _, code, _ = scanDir(t, map[string][]byte{"bomb.txt.gz": bomb}, "--max-gzip-ratio", "2000")
	if code != exitOK && code != exitFindings {
		t.Errorf("raised limits: exit %d", code)
	}
	_, errs, code, _ = scanDir(t, map[string][]byte{"x.gz": []byte("not gzip")})
	if code != exitError || !strings.Contains(errs, "gzip") {
		t.Errorf("corrupt gz: %d %q", code, errs)
	}
}

// Formats: positions are reported in the file; offsets within the field.
func TestScanFormatsPositions(t *testing.T) {
	files := map[string][]byte{
		"t.txt":   []byte("line one\nzz é wtm-00000002 zz\n"),
		"d.jsonl": []byte(`{"a":1,"msg":{"body":["x","é \"wtm-00000003\""]}}` + "\n" + "not json wtm-00000004\n"),
		"c.csv":   []byte("id,secret\n1,wtm-00000005\n2,\"say \"\"hi\"\"\nwtm-00000006\"\n"),
		"t.tsv":   []byte("k\tv\nx\tab wtm-00000007\n"),
		"d.json":  []byte("{\n  \"k\": \"wtm-00000008\", \"n\": [1, -2.5e3, true, null]\n}\n"),
		"bin.dat": append([]byte("wtm-00000009"), 0, 1, 2),
	}
	out, _, code, dir := scanDir(t, files, "--format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s", code, out)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	type pos struct {
		file, field      string
		line, col, start int
	}
	var got []pos
	for _, f := range rep.Findings {
		rel, _ := filepath.Rel(dir, f.Path)
		got = append(got, pos{rel, f.Field, f.Line, f.Column, f.Start})
	}
	want := []pos{
		{"c.csv", "secret", 2, 3, 0},
		{"c.csv", "secret", 4, 1, 9},
		{"d.json", "k", 2, 9, 0},
		{"d.jsonl", "msg.body[1]", 1, 32, 4},
		{"d.jsonl", "", 2, 10, 9},
		{"t.tsv", "v", 2, 6, 3},
		{"t.txt", "", 2, 6, 15},
	}
	if len(got) != len(want) {
		t.Fatalf("findings %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("finding %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(rep.Skipped) != 1 || !strings.HasSuffix(rep.Skipped[0].Path, "bin.dat") {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0].Note, "line 2") {
		t.Errorf("notes %+v", rep.Notes)
	}
	if s := rep.Summary; s.FilesScanned != 5 || s.FilesSkipped != 1 || s.Findings != 7 ||
		len(s.ByType) != 1 || s.ByType[0].Count != 7 || s.ByType[0].Category != "SECRET" {
		t.Errorf("summary %+v", s)
	}
}

func TestScanCustomDetectorError(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(p, []byte("- id: broken\n  type: X\n  category: PII\n  keywords: [k]\n  pattern: '(('\n"), 0o600)
	_, errs, code := cli(t, "", nil, "scan", "--detectors", p, t.TempDir())
	if code != exitError || !strings.Contains(errs, "bad.yaml:5") || !strings.Contains(errs, `"broken"`) {
		t.Errorf("exit %d stderr %q", code, errs)
	}
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestScanNotesCapAndBOM(t *testing.T) {
	files := map[string][]byte{
		"bad.jsonl": []byte(strings.Repeat("not json\n", 30)),
		"bom.csv":   []byte("\ufeffsecret,x\nwtm-00000010,y\n"),
	}
	out, _, _, _ := scanDir(t, files, "--format", "json")
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Notes) != maxNotes+1 || !strings.Contains(rep.Notes[maxNotes].Note, "10 more") {
		t.Errorf("%d notes, last %+v", len(rep.Notes), rep.Notes[len(rep.Notes)-1])
	}
	if len(rep.Findings) != 1 || rep.Findings[0].Field != "secret" {
		t.Errorf("findings %+v", rep.Findings)
	}
}

// A large JSONL file is scanned in parallel chunks; findings and notes keep
// file order and line numbers.
func TestScanLargeJSONLParallel(t *testing.T) {
	var b strings.Builder
	want := 0
	for i := 0; b.Len() < 3*batchBytes+1000; i++ {
		switch {
		case i%1000 == 0:
			fmt.Fprintf(&b, "broken line %d\n", i)
		case i%97 == 0:
			fmt.Fprintf(&b, `{"n":%d,"v":"wtm-%08d"}`+"\n", i, i)
			want++
		default:
			fmt.Fprintf(&b, `{"n":%d,"v":"filler text for line %d"}`+"\n", i, i)
		}
	}
	out, _, _, _ := scanDir(t, map[string][]byte{"big.jsonl": []byte(b.String())}, "--format", "json", "--workers", "4")
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != want {
		t.Fatalf("%d findings, want %d", len(rep.Findings), want)
	}
	for k, f := range rep.Findings {
		line := 1 + 97*(k+1) // marker lines are the multiples of 97 (line = i+1), skipping 0
		if f.Line != line {
			t.Fatalf("finding %d on line %d, want %d", k, f.Line, line)
		}
	}
	for k, n := range rep.Notes[:min(len(rep.Notes), maxNotes)] {
		if !strings.HasPrefix(n.Note, fmt.Sprintf("line %d:", 1+1000*k)) {
			t.Fatalf("note %d: %q", k, n.Note)
		}
	}
}
