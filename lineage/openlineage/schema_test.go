package openlineage

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The official OpenLineage schema (testdata/schema, copied unchanged from
// OpenLineage/OpenLineage spec/) and weir's facet schemas (schemas/), loaded
// from disk: no network in tests.
var schemaFiles = map[string]string{
	"https://openlineage.io/spec/2-0-2/OpenLineage.json":                                          "testdata/schema/OpenLineage.json",
	"https://openlineage.io/spec/facets/1-0-1/DatasetTypeDatasetFacet.json":                       "testdata/schema/DatasetTypeDatasetFacet.json",
	"https://openlineage.io/spec/facets/1-0-0/TagsDatasetFacet.json":                              "testdata/schema/TagsDatasetFacet.json",
	"https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_model.json":      "schemas/weir_model.json",
	"https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_collection.json": "schemas/weir_collection.json",
}

func compileSchema(t testing.TB, url string) *jsonschema.Schema {
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

func officialSchema(t testing.TB) *jsonschema.Schema {
	return compileSchema(t, "https://openlineage.io/spec/2-0-2/OpenLineage.json")
}

// schemaValid validates a JSON document against s.
func schemaValid(t testing.TB, s *jsonschema.Schema, b []byte) error {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		return err
	}
	return s.Validate(doc)
}

// Every test event is valid against the official schema, and every weir
// facet in them against weir's facet schemas.
func TestEventsMatchOfficialSchema(t *testing.T) {
	ol := officialSchema(t)
	facetSchemas := map[string]*jsonschema.Schema{
		FacetModel:      compileSchema(t, "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_model.json"),
		FacetCollection: compileSchema(t, "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_collection.json"),
		FacetType:       compileSchema(t, "https://openlineage.io/spec/facets/1-0-1/DatasetTypeDatasetFacet.json"),
		FacetTags:       compileSchema(t, "https://openlineage.io/spec/facets/1-0-0/TagsDatasetFacet.json"),
	}
	files, _ := filepath.Glob("testdata/events/*.json")
	if len(files) < 5 {
		t.Fatalf("want the test events, found %d", len(files))
	}
	checked := map[string]int{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := schemaValid(t, ol, b); err != nil {
			t.Errorf("%s: not valid against the official schema: %v", f, err)
		}
		ev, err := Decode(b)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		all := append(append([]Dataset(nil), ev.Inputs...), ev.Outputs...)
		if ev.Dataset != nil {
			all = append(all, *ev.Dataset)
		}
		for _, d := range all {
			for name, s := range facetSchemas {
				raw, ok := d.Facets[name]
				if !ok {
					continue
				}
				doc := []byte(`{"` + name + `":` + string(raw) + `}`)
				if err := schemaValid(t, s, doc); err != nil {
					t.Errorf("%s: facet %s of %s/%s: %v", f, name, d.Namespace, d.Name, err)
				}
				checked[name]++
			}
		}
	}
	for name := range facetSchemas {
		if checked[name] == 0 {
			t.Errorf("no test event carries facet %s", name)
		}
	}
	// The facet schemas reject what Derive rejects.
	bad := []byte(`{"weir_model":{"_producer":"https://x.example/p","_schemaURL":"https://x.example/s","exposure":"public"}}`)
	if err := schemaValid(t, facetSchemas[FacetModel], bad); err == nil {
		t.Error("weir_model schema accepts exposure public")
	}
}
