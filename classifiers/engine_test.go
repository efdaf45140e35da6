package classifiers

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/detector"
)

// testSpecs are small specs that exercise each engine mechanism.
func testSpecs() []detector.Spec {
	return []detector.Spec{
		{ID: "tok", Type: "GITHUB_TOKEN", Category: detector.Secret, Keywords: []string{"tok_"},
			Pattern: `\btok_[a-z0-9]{8}\b`, Confidence: 0.9, Before: 4, After: 16,
			Placeholders: []string{"tok_00000000"}},
		{ID: "num9", Type: "US_SSN", Category: detector.PII, Digits: &detector.DigitTrigger{Min: 9, Max: 9},
			Pattern: `(?:^|[^0-9])(\d{3}-\d{2}-\d{4})(?:[^0-9]|$)`, Group: 1, Confidence: 0.6,
			Context: []string{"ssn"}, Need: detector.ContextHelps},
		{ID: "acct", Type: "MEDICAL_RECORD_NUMBER", Category: detector.PHI, Digits: &detector.DigitTrigger{Min: 6, Max: 6},
			Pattern: `\b(\d{6})\b`, Group: 1, Confidence: 0.5, Context: []string{"mrn", "dossier médical"}, Need: detector.ContextRequired},
		{ID: "pan", Type: "IN_PAN", Category: detector.PII, Digits: &detector.DigitTrigger{Min: 4, Max: 4, MinLetters: 6},
			Pattern: `\b[A-Z]{5}\d{4}[A-Z]\b`, Confidence: 0.7},
	}
}

func mustEngine(t testing.TB, specs []detector.Spec) *Engine {
	t.Helper()
	e, err := New(specs, Config{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestEngineMechanics(t *testing.T) {
	e := mustEngine(t, testSpecs())
	tests := []struct {
		name string
		text string
		want []string // "TYPE:value"
	}{
		{"keyword", "use TOK_abc12345 now", nil}, // pattern is case-sensitive
		{"keyword lower", "use tok_abc12345 now", []string{"GITHUB_TOKEN:tok_abc12345"}},
		{"placeholder", "tok_00000000", nil},
		{"filler", "tok_xxxxxxxx", nil},
		{"too long token is not cut", "tok_abc123456789", nil},
		{"two tokens", "tok_aaaaaaaa,tok_bbbbbbbb", []string{"GITHUB_TOKEN:tok_aaaaaaaa", "GITHUB_TOKEN:tok_bbbbbbbb"}},
		{"digits no context still reported", "id 123-45-6789.", []string{"US_SSN:123-45-6789"}},
		{"context required missing", "number 123456 here", nil},
		{"context required present", "MRN: 123456", []string{"MEDICAL_RECORD_NUMBER:123456"}},
		{"context inside word does not count", "smrnx 123456", nil},
		{"context non-ascii", "le dossier médical 123456", []string{"MEDICAL_RECORD_NUMBER:123456"}},
		{"csv header context", "name,mrn,zip\nBob,123456,99999\n", []string{"MEDICAL_RECORD_NUMBER:123456"}},
		{"csv other column", "name,mrn,zip\n" + strings.Repeat("Alice,1,2\n", 12) + "Bob,1,123456\n", nil},
		{"csv far header", "name,mrn,zip\n" + strings.Repeat("Alice,1,2\n", 12) + "Bob,123456,1\n", []string{"MEDICAL_RECORD_NUMBER:123456"}},
		{"letters trigger", "PAN ABCDE1234F ok", []string{"IN_PAN:ABCDE1234F"}},
		{"letters trigger year", "in 2024 we", nil},
		{"invalid utf8", "\xff\xfe tok_abc12345 \xc3", []string{"GITHUB_TOKEN:tok_abc12345"}},
		{"nul", "\x00tok_abc12345\x00", []string{"GITHUB_TOKEN:tok_abc12345"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, f := range e.Scan([]byte(tc.text)) {
				got = append(got, f.Type+":"+tc.text[f.Start:f.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Fatalf("Scan(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}

func TestScanFieldContext(t *testing.T) {
	e := mustEngine(t, testSpecs())
	if f := e.ScanField("patient_mrn", []byte("123456")); len(f) != 1 || f[0].Confidence < 0.79 {
		t.Fatalf("field context: %+v", f)
	}
	if f := e.ScanField("zip", []byte("123456")); len(f) != 0 {
		t.Fatalf("no field context: %+v", f)
	}
}

func TestOverlapResolution(t *testing.T) {
	specs := []detector.Spec{
		{ID: "long", Type: "JWT", Category: detector.Secret, Keywords: []string{"eyj"}, Pattern: `eyJ[a-z.]+`, Confidence: 0.9},
		{ID: "short", Type: "PASSWORD_ASSIGNMENT", Category: detector.Secret, Keywords: []string{"eyj"}, Pattern: `eyJ[a-z]+`, Confidence: 0.6},
	}
	e := mustEngine(t, specs)
	f := e.Scan([]byte("x eyJabc.def.ghi y"))
	if len(f) != 1 || f[0].Type != "JWT" {
		t.Fatalf("got %+v", f)
	}
}

func TestFindingsNeverHoldRawValue(t *testing.T) {
	e := mustEngine(t, testSpecs())
	text := []byte("ssn 123-45-6789 and tok_abc12345")
	for _, f := range e.Scan(text) {
		raw := string(text[f.Start:f.End])
		for _, s := range []string{f.Preview, f.Fingerprint, f.Detector, f.Validator} {
			if strings.Contains(s, raw) {
				t.Fatalf("finding field %q holds raw value %q", s, raw)
			}
		}
	}
}

func TestNewRejectsBadSpecs(t *testing.T) {
	bad := []detector.Spec{{ID: "x", Type: "T", Category: detector.PII, Keywords: []string{"a"}, Pattern: "a("}}
	if _, err := New(bad, Config{}); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Fatalf("want error naming detector x, got %v", err)
	}
	dup := append(testSpecs(), testSpecs()[0])
	if _, err := New(dup, Config{}); err == nil {
		t.Fatal("duplicate id accepted")
	}
}

func TestLargeRecordAndRepeats(t *testing.T) {
	e := mustEngine(t, testSpecs())
	// Many triggers in a row must merge into few windows and stay linear.
	// This guards a bug where each match re-walked every trigger of its
	// merged window: a dense 64 MiB record did not finish in 10 minutes.
	const n = 100000
	text := bytes.Repeat([]byte("tok_abc12345 "), n)
	if got := len(e.Scan(text)); got != n {
		t.Fatalf("got %d findings, want %d", got, n)
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("ssn 123-45-6789 tok_abc12345 MRN 123456 ABCDE1234F"))
	f.Add([]byte("name,mrn\nx,123456\n"))
	f.Add([]byte{0xff, 0, 't', 'o', 'k', '_'})
	e := mustEngine(f, testSpecs())
	f.Fuzz(func(t *testing.T, data []byte) {
		a := e.Scan(data)
		b := e.Scan(data)
		if len(a) != len(b) {
			t.Fatal("nondeterministic")
		}
		prevEnd := 0
		for i, x := range a {
			if x != b[i] {
				t.Fatal("nondeterministic")
			}
			if x.Start < prevEnd || x.End <= x.Start || x.End > len(data) {
				t.Fatalf("bad span %d-%d (prev end %d, len %d)", x.Start, x.End, prevEnd, len(data))
			}
			prevEnd = x.End
		}
	})
}

func TestCamelCaseContext(t *testing.T) {
	e := mustEngine(t, testSpecs())
	for _, text := range []string{"patientMrn: 123456", "{\"mrnNumber\": \"123456\"}", "patient_MRN=123456"} {
		if f := e.Scan([]byte(text)); len(f) != 1 {
			t.Errorf("Scan(%q) = %+v, want the MRN", text, f)
		}
	}
	if f := e.ScanField("patientMRN", []byte("123456")); len(f) != 1 {
		t.Errorf("ScanField(patientMRN) = %+v", f)
	}
	if f := e.Scan([]byte("smrnx 123456")); len(f) != 0 {
		t.Errorf("got %+v", f)
	}
}

// FuzzScanCatalogue runs the full built-in catalogue on arbitrary bytes:
// no panic, spans inside the text, sorted and non-overlapping, deterministic.
func FuzzScanCatalogue(f *testing.F) {
	for _, s := range All() {
		for _, ex := range s.Examples {
			f.Add([]byte(ex))
		}
	}
	e := catalogEngine(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		a := e.Scan(data)
		b := e.ScanField("field", data)
		prevEnd := 0
		for _, x := range a {
			if x.Start < prevEnd || x.End <= x.Start || x.End > len(data) {
				t.Fatalf("bad span %d-%d (prev end %d, len %d)", x.Start, x.End, prevEnd, len(data))
			}
			prevEnd = x.End
		}
		for _, x := range b {
			if x.Start < 0 || x.End > len(data) || x.End <= x.Start {
				t.Fatalf("ScanField span %d-%d outside %d bytes", x.Start, x.End, len(data))
			}
		}
		if c := e.Scan(data); len(c) != len(a) {
			t.Fatal("nondeterministic")
		}
	})
}

func TestContextWindowConfigurable(t *testing.T) {
	text := []byte("MRN" + strings.Repeat(" ", 60) + "123456")
	narrow, err := New(testSpecs(), Config{ContextBefore: 20})
	if err != nil {
		t.Fatal(err)
	}
	if f := narrow.Scan(text); len(f) != 0 {
		t.Errorf("context 63 bytes away counted with a 20-byte window: %+v", f)
	}
	if f := mustEngine(t, testSpecs()).Scan(text); len(f) != 1 {
		t.Errorf("default window missed context 63 bytes away: %+v", f)
	}
}

func TestNameHumpIsNotAWord(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"MacDonald", false}, {"macAddress", true}, {"deviceMacAddr", true}, {"mac", true}, {"Mac", true}, {"MacBook", false}, {"MacAddressValue", true},
	} {
		text := []byte(tc.text)
		i := strings.Index(strings.ToLower(tc.text), "mac")
		if got := isWordAt(text, i, i+3, "mac"); got != tc.want {
			t.Errorf("isWordAt(%q, mac) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestLabelNamesTheType guards the case where one value passes two
// checksums: the label right in front decides ("TFN 213 105 962" was
// reported as a BSN).
func TestLabelNamesTheType(t *testing.T) {
	spec := func(id, typ, word string) detector.Spec {
		return detector.Spec{ID: id, Type: typ, Category: detector.PII, Digits: &detector.DigitTrigger{Min: 9, Max: 9},
			Pattern: `\b(\d{3} \d{3} \d{3})\b`, Group: 1, Confidence: 0.6, Context: []string{word, "tax"}, Need: detector.ContextRequired}
	}
	e := mustEngine(t, []detector.Spec{spec("bsn", "NL_BSN", "bsn"), spec("tfn", "AU_TFN", "tfn")})
	for text, want := range map[string]string{
		"TFN 213 105 962":                      "AU_TFN",
		"BSN: 213 105 962":                     "NL_BSN",
		"tfn number is 213 105 962":            "AU_TFN",
		"BSN, and then the TFN of 213 105 962": "AU_TFN",
	} {
		f := e.Scan([]byte(text))
		if len(f) != 1 || f[0].Type != want {
			t.Errorf("Scan(%q) = %+v, want one %s", text, f, want)
		}
	}
}

func TestScriptlessContextAndIdentifierLabels(t *testing.T) {
	spec := detector.Spec{ID: "mrn", Type: "MEDICAL_RECORD_NUMBER", Category: detector.PHI, Digits: &detector.DigitTrigger{Min: 6, Max: 6},
		Pattern: `\b(\d{6})\b`, Group: 1, Confidence: 0.5, Context: []string{"病历号", "mrn"}, Need: detector.ContextRequired}
	other := detector.Spec{ID: "tfn", Type: "AU_TFN", Category: detector.PII, Digits: &detector.DigitTrigger{Min: 6, Max: 6},
		Pattern: `\b(\d{6})\b`, Group: 1, Confidence: 0.5, Context: []string{"tfn"}, Need: detector.ContextRequired}
	e := mustEngine(t, []detector.Spec{spec, other})
	for text, want := range map[string]string{
		"患者的病历号是123456。":                      "MEDICAL_RECORD_NUMBER",
		`{"mrnValue2": "123456", "tfn": "x"}`: "MEDICAL_RECORD_NUMBER",
		`{"tfnLast6":"123456"} mrn`:           "AU_TFN",
	} {
		f := e.Scan([]byte(text))
		if len(f) != 1 || f[0].Type != want {
			t.Errorf("Scan(%q) = %+v, want one %s", text, f, want)
		}
	}
}

func TestCompoundColumnNames(t *testing.T) {
	spec := detector.Spec{ID: "mrn", Type: "MEDICAL_RECORD_NUMBER", Category: detector.PHI, Digits: &detector.DigitTrigger{Min: 6, Max: 6},
		Pattern: `\b(\d{6})\b`, Group: 1, Confidence: 0.5, Context: []string{"patient", "mrn"}, Need: detector.ContextRequired}
	e := mustEngine(t, []detector.Spec{spec})
	if f := e.ScanField("Patientennummer", []byte("123456")); len(f) != 1 {
		t.Errorf("compound field name: %+v", f)
	}
	if f := e.Scan([]byte("Name\tPatientennummer\nBob\t123456\n")); len(f) != 1 {
		t.Errorf("compound TSV header: %+v", f)
	}
	// Short words still need boundaries, and running text stays strict.
	if f := e.ScanField("smrnx", []byte("123456")); len(f) != 0 {
		t.Errorf("short word inside a name: %+v", f)
	}
	if f := e.Scan([]byte("the outpatients list 123456")); len(f) != 0 {
		t.Errorf("compound in running text: %+v", f)
	}
}

func TestRejectWords(t *testing.T) {
	spec := detector.Spec{ID: "ip", Type: "IP_ADDRESS", Category: detector.PII, Digits: &detector.DigitTrigger{Min: 4, Max: 12},
		Pattern: `\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})\b`, Group: 1, Confidence: 0.8, Reject: []string{"version", "firmware"}}
	e := mustEngine(t, []detector.Spec{spec})
	for text, want := range map[string]int{
		"from 81.2.69.160 today":                               1,
		"version 81.2.69.160":                                  0,
		"Firmware: 81.2.69.160":                                0,
		"host,firmware\nx,81.2.69.160\n":                       0,
		"| host | version |\n|---|---|\n| a | 81.2.69.160 |\n": 0,
		"version 2 was deployed on 81.2.69.160":                1, // not its label
	} {
		if got := len(e.Scan([]byte(text))); got != want {
			t.Errorf("Scan(%q): %d findings, want %d", text, got, want)
		}
	}
	if f := e.ScanField("fw_version", []byte("81.2.69.160")); len(f) != 0 {
		t.Errorf("reject word in the field name: %+v", f)
	}
}

// TestFirstLineIsNotAlwaysAHeader guards a bug where a prose record whose
// first line had a '|' gave every later line that line's "columns".
func TestFirstLineIsNotAlwaysAHeader(t *testing.T) {
	e := mustEngine(t, testSpecs())
	text := "Ticket #1 | Priority: high | MRN\n\n" + strings.Repeat("The caller was polite and patient throughout. ", 3) +
		"\nShe gave 123456 as the order reference today.\n"
	if f := e.Scan([]byte(text)); len(f) != 0 {
		t.Errorf("prose line got the header's context: %+v", f)
	}
}

func TestTrimPrefix(t *testing.T) {
	spec := detector.Spec{ID: "tok", Type: "GITHUB_TOKEN", Category: detector.Secret, Keywords: []string{"tok_"},
		Pattern: `(?:(?i:mailto):|\\n)?tok_[a-z0-9]{8}\b`, Confidence: 0.9, Trim: []string{"MAILTO:", `\n`}}
	e := mustEngine(t, []detector.Spec{spec})
	for _, text := range []string{"x mailto:tok_abc12345 y", `{"a":"x\ntok_abc12345"}`, "tok_abc12345"} {
		f := e.Scan([]byte(text))
		if len(f) != 1 || text[f[0].Start:f[0].End] != "tok_abc12345" {
			t.Errorf("Scan(%q) = %+v, want the value without its prefix", text, f)
		}
	}
}

// TestSpecGroupsSameFindings: running a group's union pattern first must not
// change what its members find. The catalogue's examples and negatives,
// joined into records of a few lines, are scanned with the groups and
// with every spec running alone.
func TestSpecGroupsSameFindings(t *testing.T) {
	grouped, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(grouped.groups) == 0 {
		t.Fatal("no spec groups in the catalogue (expected the password-assignment forms)")
	}
	alone, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range alone.c {
		alone.c[i].group = -1
	}
	var lines []string
	for _, s := range All() {
		lines = append(lines, s.Examples...)
		lines = append(lines, s.Negatives...)
	}
	found := 0
	for i := 0; i < len(lines); i += 7 {
		text := []byte(strings.Join(lines[i:min(i+7, len(lines))], "\n"))
		a, b := grouped.Scan(text), alone.Scan(text)
		if !slices.Equal(a, b) {
			t.Fatalf("record %d: grouped %v\nalone %v", i/7, a, b)
		}
		found += len(a)
	}
	if found == 0 {
		t.Fatal("no findings at all")
	}
}

// TestCSVQuotedLineBreaks: a quoted cell that holds a line break (RFC 4180)
// does not cut its record in two: the cells after it, and the record's
// first line, still have their columns.
func TestCSVQuotedLineBreaks(t *testing.T) {
	e, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	text := "\"Id\",\"FirstName\",\"Birthdate\",\"MailingStreet\",\"Note\"\n" +
		"\"003A\",\"Pilar\",\"1955-04-28\",\"254 Hauptstraße\n2. OG\",\"ok\"\n" +
		"\"003B\",\"Ute\",\"\",\"892 Main St\nApt 4\",\"1984-02-28\"\n" +
		"\"003C\",\"Dirk\",\"1977-08-02\",\"86 Rue\",\"x\"\n"
	var got []string
	for _, f := range e.Scan([]byte(text)) {
		if f.Type == "DATE_OF_BIRTH" {
			got = append(got, text[f.Start:f.End])
		}
	}
	// The date in the Note column is not a birth date.
	if want := []string{"1955-04-28", "1977-08-02"}; !slices.Equal(got, want) {
		t.Fatalf("birth dates %q, want %q", got, want)
	}
}
