package openlineage

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

// render prints a graph one fact per line, for golden files.
func render(g Graph) string {
	var b strings.Builder
	for _, n := range g.Nodes {
		fmt.Fprintf(&b, "node %s %s", n.Kind, n.String())
		if n.Exposure != "" {
			fmt.Fprintf(&b, " exposure=%s", n.Exposure)
		}
		fmt.Fprintf(&b, " seen=%s\n", n.LastSeen.UTC().Format(time.RFC3339Nano))
	}
	if r := g.Run; r != nil {
		fmt.Fprintf(&b, "run %s job=%s state=%s at=%s\n", r.ID, r.Job.String(), r.State, r.LastEvent.UTC().Format(time.RFC3339Nano))
	}
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "edge %s %s %s -> %s %s", e.Rel, e.From.Kind, e.From.String(), e.To.Kind, e.To.String())
		if e.Job.Name != "" {
			fmt.Fprintf(&b, " via=%s", e.Job.String())
		}
		if e.RunID != "" {
			fmt.Fprintf(&b, " run=%s", e.RunID)
		}
		b.WriteByte('\n')
	}
	for _, t := range g.Tags {
		fmt.Fprintf(&b, "tag %s field=%q %s=%q source=%q\n", t.Ref.String(), t.Field, t.Key, t.Value, t.Source)
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// testRules mark the ML artifact bucket's models by configuration.
func testClassifier(t testing.TB) *Classifier {
	c, err := NewClassifier([]Rule{
		{Pattern: "mlflow://mlflow.acme.internal/*", Kind: store.KindModel, Exposure: store.ExposureInternal},
		{Pattern: "s3://ml-artifacts/*/model.safetensors", Kind: store.KindModel},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Golden: each realistic event (Airflow, Spark, a training job, a RAG
// loader, a dataset event, a job event) and the graph weir derives from it.
func TestDeriveGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/events/*.json")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".json")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := Decode(b)
			if err != nil {
				t.Fatal(err)
			}
			g, err := Derive(ev, testClassifier(t))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata/golden", name+".txt"), render(g))
		})
	}
}

func deriveDoc(t *testing.T, c *Classifier, doc string) (Graph, error) {
	t.Helper()
	ev, err := Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return Derive(ev, c)
}

func outputKind(t *testing.T, c *Classifier, out string) (store.Kind, store.Exposure) {
	t.Helper()
	g, err := deriveDoc(t, c, `{`+hdr+`,`+run+`,`+jb+`,"inputs":[`+ds1+`],"outputs":[`+out+`]}`)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range g.Nodes {
		if n.Name == "o" {
			return n.Kind, n.Exposure
		}
	}
	t.Fatal("output node missing")
	return "", ""
}

func TestClassify(t *testing.T) {
	facet := func(name, extra string) string {
		return `"` + name + `":{"_producer":"https://a.example","_schemaURL":"https://b.example"` + extra + `}`
	}
	rules, err := NewClassifier([]Rule{
		{Pattern: "mlflow://prod/*", Kind: store.KindModel, Exposure: store.ExposureExternal},
		{Pattern: "qdrant://*", Kind: store.KindCollection},
		{Pattern: "s3://m/?", Kind: store.KindModel},
	})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		c    *Classifier
		out  string
		kind store.Kind
		expo store.Exposure
	}{
		{"plain dataset", nil, `{"namespace":"s3://x","name":"o"}`, store.KindDataset, ""},
		{"weir_model external", nil, `{"namespace":"s3://x","name":"o","facets":{` + facet(FacetModel, `,"exposure":"external"`) + `}}`, store.KindModel, store.ExposureExternal},
		{"weir_model no exposure", nil, `{"namespace":"s3://x","name":"o","facets":{` + facet(FacetModel, "") + `}}`, store.KindModel, ""},
		{"weir_collection", nil, `{"namespace":"s3://x","name":"o","facets":{` + facet(FacetCollection, "") + `}}`, store.KindCollection, ""},
		{"datasetType MODEL", nil, `{"namespace":"s3://x","name":"o","facets":{` + facet(FacetType, `,"datasetType":"model"`) + `}}`, store.KindModel, ""},
		{"datasetType TABLE", nil, `{"namespace":"s3://x","name":"o","facets":{` + facet(FacetType, `,"datasetType":"TABLE"`) + `}}`, store.KindDataset, ""},
		{"rule model", rules, `{"namespace":"mlflow://prod","name":"o"}`, store.KindModel, store.ExposureExternal},
		{"rule does not match other namespace", rules, `{"namespace":"mlflow://dev","name":"o"}`, store.KindDataset, ""},
		{"rule collection", rules, `{"namespace":"qdrant://h:6333","name":"o"}`, store.KindCollection, ""},
		{"rule ? matches one char", rules, `{"namespace":"s3://m","name":"o"}`, store.KindModel, ""},
		{"facet exposure beats rule", rules, `{"namespace":"mlflow://prod","name":"o","facets":{` + facet(FacetModel, `,"exposure":"internal"`) + `}}`, store.KindModel, store.ExposureInternal},
		{"rule fills unknown exposure", rules, `{"namespace":"mlflow://prod","name":"o","facets":{` + facet(FacetType, `,"datasetType":"MODEL"`) + `}}`, store.KindModel, store.ExposureExternal},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			k, e := outputKind(t, c.c, c.out)
			if k != c.kind || e != c.expo {
				t.Errorf("got %s/%q, want %s/%q", k, e, c.kind, c.expo)
			}
		})
	}
}

func TestDeriveInvalid(t *testing.T) {
	cases := map[string]string{
		"bad exposure":    `{` + hdr + `,` + run + `,` + jb + `,"outputs":[{"namespace":"n","name":"o","facets":{"weir_model":{"_producer":"https://a.example","_schemaURL":"https://b.example","exposure":"public"}}}]}`,
		"exposure type":   `{` + hdr + `,` + run + `,` + jb + `,"outputs":[{"namespace":"n","name":"o","facets":{"weir_model":{"_producer":"https://a.example","_schemaURL":"https://b.example","exposure":1}}}]}`,
		"tag without key": `{` + hdr + `,"dataset":{"namespace":"n","name":"d","facets":{"tags":{"_producer":"https://a.example","_schemaURL":"https://b.example","tags":[{"value":"x"}]}}}}`,
		"empty job name":  `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":""}}`,
		"empty dataset":   `{` + hdr + `,` + run + `,` + jb + `,"inputs":[{"namespace":"","name":"x"}]}`,
	}
	for name, doc := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := deriveDoc(t, nil, doc); !errors.Is(err, ErrInvalid) {
				t.Errorf("got %v, want ErrInvalid", err)
			}
		})
	}
}

func TestNewClassifierErrors(t *testing.T) {
	for _, r := range []Rule{
		{Pattern: "", Kind: store.KindModel},
		{Pattern: "x", Kind: store.KindDataset},
		{Pattern: "x", Kind: store.KindCollection, Exposure: store.ExposureExternal},
		{Pattern: "x", Kind: store.KindModel, Exposure: "public"},
	} {
		if _, err := NewClassifier([]Rule{r}); err == nil {
			t.Errorf("NewClassifier(%+v): want an error", r)
		}
	}
	r, err := ParseRule(store.KindModel, "mlflow://prod/*=external")
	if err != nil || r.Pattern != "mlflow://prod/*" || r.Exposure != store.ExposureExternal {
		t.Errorf("ParseRule: %+v, %v", r, err)
	}
	if _, err := ParseRule(store.KindModel, "x=public"); err == nil {
		t.Error("ParseRule accepts exposure public")
	}
}
