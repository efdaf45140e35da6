package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/weir-dev/weir/lineage/export"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/")

// Schemas from disk (no network): the official OpenLineage 2-0-2 schema
// (vendored by lineage/openlineage), weir's facet schema, and the official
// CycloneDX 1.6 schema with the schemas it references (testdata/schema,
// copied unchanged from CycloneDX/specification).
var schemaFiles = map[string]string{
	"https://openlineage.io/spec/2-0-2/OpenLineage.json":                                           "../openlineage/testdata/schema/OpenLineage.json",
	"https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_sensitivity.json": "../openlineage/schemas/weir_sensitivity.json",
	"http://cyclonedx.org/schema/bom-1.6.schema.json":                                              "testdata/schema/bom-1.6.schema.json",
	"http://cyclonedx.org/schema/spdx.schema.json":                                                 "testdata/schema/spdx.schema.json",
	"http://cyclonedx.org/schema/jsf-0.82.schema.json":                                             "testdata/schema/jsf-0.82.schema.json",
}

func compile(t *testing.T, url string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for u, f := range schemaFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource(u, doc); err != nil {
			t.Fatal(err)
		}
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", url, err)
	}
	return s
}

func validate(s *jsonschema.Schema, b []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return s.Validate(doc)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s", name, got)
	}
}

var (
	t0       = time.Date(2026, 11, 20, 6, 0, 0, 0, time.UTC)
	tickets  = store.Ref{Kind: store.KindDataset, Namespace: "s3://training", Name: "tickets"}
	faq      = store.Ref{Kind: store.KindDataset, Namespace: "hf://datasets", Name: "acme/support-faq"}
	trainJob = store.Ref{Kind: store.KindJob, Namespace: "ml-training", Name: "train-support-bot"}
	bot      = store.Ref{Kind: store.KindModel, Namespace: "mlflow://mlflow.acme.internal", Name: "models/support-bot"}
	kb       = store.Ref{Kind: store.KindCollection, Namespace: "qdrant://qdrant.acme.internal:6333", Name: "support-kb"}
	opt      = export.Options{Now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC), Serial: "3e671687-395b-41f5-a30f-a58921a69b79", Version: "v0.9.0"}
)

// scenario: train-support-bot reads tickets and the FAQ and writes the
// external model support-bot; tickets also feeds a RAG collection; weir
// observed PHI and PII in tickets.
func scenario(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	err := s.Update(ctx, func(tx *store.Tx) error {
		if err := tx.PutNode(ctx, store.Node{Ref: bot, Exposure: store.ExposureExternal, FirstSeen: t0, LastSeen: t0}); err != nil {
			return err
		}
		for _, e := range []store.Edge{
			{From: tickets, To: trainJob, Rel: store.RelInput},
			{From: faq, To: trainJob, Rel: store.RelInput},
			{From: trainJob, To: bot, Rel: store.RelOutput},
			{From: tickets, To: bot, Rel: store.RelDerived, Job: trainJob},
			{From: faq, To: bot, Rel: store.RelDerived, Job: trainJob},
			{From: tickets, To: kb, Rel: store.RelDerived},
		} {
			e.FirstSeen, e.LastSeen = t0, t0
			if err := tx.PutEdge(ctx, e); err != nil {
				return err
			}
		}
		return tx.Observe(ctx,
			store.Observation{Dataset: tickets, Field: "body", Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Count: 3, MaxConfidence: 0.95, FirstSeen: t0, LastSeen: t0.Add(time.Hour)},
			store.Observation{Dataset: tickets, Field: "body", Type: "DATE_OF_BIRTH", Category: "PII", Count: 2, MaxConfidence: 0.99, FirstSeen: t0, LastSeen: t0},
			store.Observation{Dataset: tickets, Field: "customer.email", Type: "EMAIL_ADDRESS", Category: "PII", Count: 7, MaxConfidence: 0.9, FirstSeen: t0, LastSeen: t0},
			store.Observation{Dataset: tickets, Field: "notes", Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Count: 1, MaxConfidence: 0.85, FirstSeen: t0.Add(-time.Hour), LastSeen: t0},
		)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func indent(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	out.WriteByte('\n')
	return out.Bytes()
}

func TestDatasetEvent(t *testing.T) {
	event := compile(t, "https://openlineage.io/spec/2-0-2/OpenLineage.json")
	facet := compile(t, "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_sensitivity.json")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		scenario(t, s)
		ctx := context.Background()
		for _, c := range []struct {
			name   string
			ds     store.Ref
			golden string
		}{
			{"observed", tickets, "dataset_event_tickets.json"},
			{"nothing observed", faq, "dataset_event_faq.json"},
		} {
			t.Run(c.name, func(t *testing.T) {
				b, err := export.DatasetEvent(ctx, s, c.ds, opt)
				if err != nil {
					t.Fatal(err)
				}
				if err := validate(event, b); err != nil {
					t.Fatalf("not a valid OpenLineage event: %v\n%s", err, b)
				}
				var e struct {
					Dataset struct {
						Facets json.RawMessage `json:"facets"`
					} `json:"dataset"`
				}
				if err := json.Unmarshal(b, &e); err != nil {
					t.Fatal(err)
				}
				if err := validate(facet, e.Dataset.Facets); err != nil {
					t.Fatalf("facet does not match weir_sensitivity.json: %v\n%s", err, e.Dataset.Facets)
				}
				golden(t, c.golden, indent(t, b))
			})
		}
		f, err := export.Sensitivity(ctx, s, tickets, opt)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(f.Categories, ",") != "PHI,PII" || len(f.Entities) != 3 || f.Entities[2].Type != "MEDICAL_RECORD_NUMBER" ||
			f.Entities[2].Count != 4 || f.Entities[2].MaxConfidence != 0.95 || f.Entities[2].FirstSeen != "2026-11-20T05:00:00Z" ||
			len(f.Fields["body"]) != 2 || len(f.Feeds) != 2 {
			t.Fatalf("facet %+v", f)
		}
	})
}

// The validators are live: documents that break the schemas are refused.
func TestSchemasRefuse(t *testing.T) {
	facet := compile(t, "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_sensitivity.json")
	bom := compile(t, "http://cyclonedx.org/schema/bom-1.6.schema.json")
	const f = `{"weir_sensitivity": {"_producer": "https://github.com/weir-dev/weir", "_schemaURL": "https://x/y.json", "categories": ["PHI"], "entities": [%s]}}`
	for _, c := range []struct {
		name string
		s    *jsonschema.Schema
		doc  string
		ok   bool
	}{
		{"facet ok", facet, strings.Replace(f, "%s", `{"type": "US_SSN", "category": "PII", "count": 1}`, 1), true},
		{"facet with a value", facet, strings.Replace(f, "%s", `{"type": "US_SSN", "category": "PII", "count": 1, "value": "078-05-1120"}`, 1), false},
		{"facet negative count", facet, strings.Replace(f, "%s", `{"type": "US_SSN", "category": "PII", "count": -1}`, 1), false},
		{"facet without producer", facet, `{"weir_sensitivity": {"_schemaURL": "https://x/y.json", "categories": [], "entities": []}}`, false},
		{"bom ok", bom, `{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "data", "name": "d", "data": [{"type": "dataset", "sensitiveData": ["PHI"]}]}]}`, true},
		{"bom bad component type", bom, `{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "dataset", "name": "d"}]}`, false},
		{"bom bad sensitiveData", bom, `{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "data", "name": "d", "data": [{"type": "dataset", "sensitiveData": "PHI"}]}]}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := validate(c.s, []byte(c.doc)); (err == nil) != c.ok {
				t.Fatalf("valid=%v, want %v: %v", err == nil, c.ok, err)
			}
		})
	}
}

func TestMLBOM(t *testing.T) {
	schema := compile(t, "http://cyclonedx.org/schema/bom-1.6.schema.json")
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		scenario(t, s)
		ctx := context.Background()
		b, err := export.MLBOM(ctx, s, []store.Ref{bot}, opt)
		if err != nil {
			t.Fatal(err)
		}
		if err := validate(schema, b); err != nil {
			t.Fatalf("not a valid CycloneDX 1.6 BOM: %v\n%s", err, b)
		}
		golden(t, "mlbom.json", append(b, '\n'))
		for _, want := range []string{`"type": "machine-learning-model"`, `"ref": "dataset:s3://training/tickets"`,
			`"PHI MEDICAL_RECORD_NUMBER: 3 (field body)"`, `"classification": "PHI, PII"`, `"classification": "none observed"`} {
			if !bytes.Contains(b, []byte(want)) {
				t.Errorf("BOM lacks %s", want)
			}
		}
		if _, err := export.MLBOM(ctx, s, []store.Ref{tickets}, opt); err == nil {
			t.Error("a dataset accepted as a model")
		}
		if _, err := export.MLBOM(ctx, s, []store.Ref{{Kind: store.KindModel, Namespace: "x", Name: "y"}}, opt); err == nil {
			t.Error("an unknown model accepted")
		}
		// Without a serial number, a random UUID that the schema accepts.
		b, err = export.MLBOM(ctx, s, []store.Ref{bot}, export.Options{})
		if err != nil || validate(schema, b) != nil {
			t.Fatalf("random serial: %v", err)
		}
	})
}
