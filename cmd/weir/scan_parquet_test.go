package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-dev/weir/sources/decode/decodetest"
)

// writeDatasets writes the flat and nested Parquet datasets into dir.
func writeDatasets(t *testing.T, dir string) {
	t.Helper()
	for name, write := range map[string]func(f *os.File) error{
		"flat.parquet":   func(f *os.File) error { return decodetest.Write(f, decodetest.Flat(12), 5) },
		"nested.parquet": func(f *os.File) error { return decodetest.Write(f, decodetest.Nested(6), 4) },
	} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := write(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// datasetSecrets are raw values of the Parquet datasets; no report may
// contain them.
var datasetSecrets = []string{"536274410", "536274421", "4104 3321 8196 0018", "user0.quill@fastmail.com",
	"00482910", "00482915", "p1.oyelaran@protonmail.com"}

// Column-level findings for flat and nested Parquet schemas, as JSON,
// Markdown and SARIF goldens: ssn (bare digits, sensitive only because of
// the column name) and patient.patient_mrn are found; order_id (the same
// digits) is not.
func TestScanParquetGoldens(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	writeDatasets(t, dir)
	for _, format := range []string{"json", "markdown", "sarif", "text"} {
		t.Run(format, func(t *testing.T) {
			wd, _ := os.Getwd()
			t.Chdir(dir)
			out, errs, code := scanWith(t, eng, format, "flat.parquet", "nested.parquet")
			if errs != "" || code != exitFindings {
				t.Errorf("exit %d, stderr %q", code, errs)
			}
			out = normalizeTiming(out)
			for _, s := range datasetSecrets {
				if strings.Contains(out, s) {
					t.Errorf("report contains the raw value %q", s)
				}
			}
			t.Chdir(wd)
			golden(t, "datasets."+format+".golden", []byte(out))
			if format == "sarif" {
				validateSARIF(t, out)
			}
		})
	}

	t.Chdir(dir)
	out, _, _ := scanWith(t, eng, "json", "flat.parquet", "nested.parquet")
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	cols := map[string]columnProfile{}
	for _, ds := range rep.Datasets {
		for _, c := range ds.Columns {
			cols[ds.Dataset+":"+c.Column] = c
		}
	}
	for _, tc := range []struct {
		col, typ string
		rows     int64
		share    float64
	}{
		{"flat.parquet:ssn", "US_SSN", 12, 1},
		{"flat.parquet:email", "EMAIL_ADDRESS", 9, 0.75},
		{"flat.parquet:note", "CREDIT_CARD", 4, 0.3333},
		{"nested.parquet:patient.patient_mrn", "MEDICAL_RECORD_NUMBER", 6, 1},
		{"nested.parquet:contact.value", "EMAIL_ADDRESS", 6, 1},
	} {
		c, ok := cols[tc.col]
		if !ok || len(c.Types) == 0 || c.Types[0].Type != tc.typ || c.RowsAffected != tc.rows || c.ShareOfRows != tc.share {
			t.Errorf("%s: %+v, want %s in %d rows (%v)", tc.col, c, tc.typ, tc.rows, tc.share)
		}
	}
	for _, clean := range []string{"flat.parquet:order_id", "flat.parquet:id", "flat.parquet:name", "nested.parquet:id", "nested.parquet:tags"} {
		if c, ok := cols[clean]; ok {
			t.Errorf("hard negative %s has findings: %+v", clean, c)
		}
	}
}

// Row groups are classified in parallel; the report does not depend on the
// number of workers.
func TestScanParquetWorkersDeterministic(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	writeDatasets(t, dir)
	t.Chdir(dir)
	one := scanWithCfg(t, eng, func(c *scanConfig) { c.workers = 1 }, "json", "flat.parquet")
	many := scanWithCfg(t, eng, func(c *scanConfig) { c.workers = 8 }, "json", "flat.parquet")
	if normalizeTiming(one) != normalizeTiming(many) {
		t.Error("reports differ between 1 and 8 workers")
	}
}

func TestScanSampling(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	writeDatasets(t, dir)
	os.WriteFile(filepath.Join(dir, "rows.jsonl"), []byte(strings.Repeat(`{"ssn":"536-27-4419"}`+"\n", 100)), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte(strings.Repeat("SSN 536-27-4419\n", 50)), 0o644)
	t.Chdir(dir)
	for _, tc := range []struct {
		name    string
		set     func(*scanConfig)
		path    string
		rows    int64
		sampled bool
	}{
		{"all", func(*scanConfig) {}, "flat.parquet", 12, false},
		{"rows parquet", func(c *scanConfig) { c.sampleRows = 7 }, "flat.parquet", 7, true},
		{"rows jsonl", func(c *scanConfig) { c.sampleRows = 30 }, "rows.jsonl", 30, true},
		{"percent jsonl", func(c *scanConfig) { c.samplePercent = 10 }, "rows.jsonl", -1, true},
		{"percent text (not sampled)", func(c *scanConfig) { c.samplePercent = 10 }, "notes.txt", 50, false},
		{"rows text", func(c *scanConfig) { c.sampleRows = 10 }, "notes.txt", 50, false}, // one chunk: read whole
	} {
		t.Run(tc.name, func(t *testing.T) {
			var rep jsonReport
			if err := json.Unmarshal([]byte(scanWithCfg(t, eng, tc.set, "json", tc.path)), &rep); err != nil {
				t.Fatal(err)
			}
			ds := rep.Datasets[0]
			if tc.rows >= 0 && ds.Rows != tc.rows || ds.Sampled != tc.sampled {
				t.Errorf("rows %d sampled %v, want %d %v", ds.Rows, ds.Sampled, tc.rows, tc.sampled)
			}
			if tc.rows < 0 && (ds.Rows < 3 || ds.Rows > 25) {
				t.Errorf("10%% of 100 rows sampled %d", ds.Rows)
			}
			if len(ds.Columns) > 0 && ds.Columns[0].RowsAffected > ds.Rows {
				t.Errorf("%d rows affected of %d scanned", ds.Columns[0].RowsAffected, ds.Rows)
			}
		})
	}
}

// A corrupt Parquet file fails alone (exit 2, reason on stderr); the
// dataset's other files are still reported.
func TestScanParquetCorrupt(t *testing.T) {
	eng := builtinEngine(t)
	dir := t.TempDir()
	writeDatasets(t, dir)
	data, _ := os.ReadFile(filepath.Join(dir, "flat.parquet"))
	os.WriteFile(filepath.Join(dir, "broken.parquet"), data[:len(data)/2], 0o644)
	out, errs, code := scanWith(t, eng, "json", dir)
	if code != exitError || !strings.Contains(errs, "broken.parquet") || !strings.Contains(errs, "corrupt") {
		t.Errorf("exit %d stderr %q", code, errs)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.FilesFailed != 1 || rep.Summary.FilesScanned != 2 || len(rep.Datasets) != 1 || rep.Datasets[0].Objects != 2 {
		t.Errorf("summary %+v datasets %+v", rep.Summary, rep.Datasets)
	}
}

// validateSARIF checks a SARIF log against the 2.1.0 schema, when the
// schema is available (../shared/schemas, beside the repository).
func validateSARIF(t *testing.T, out string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "schemas", "sarif", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Logf("SARIF schema not available: %v", err)
		return
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
}
