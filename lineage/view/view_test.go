package view

import (
	"strings"
	"testing"

	"github.com/weir-dev/weir/lineage/store"
)

func testGraph() Graph {
	ds := store.Ref{Kind: store.KindDataset, Namespace: `s3://b"x`, Name: `a\b`}
	m := store.Ref{Kind: store.KindModel, Namespace: "mlflow://p", Name: `m<1>"q`}
	c := store.Ref{Kind: store.KindCollection, Namespace: "qdrant://h", Name: "kb"}
	j := store.Ref{Kind: store.KindJob, Namespace: "n", Name: "j"}
	return Graph{
		Focus: ds,
		Nodes: []store.Node{{Ref: ds}, {Ref: m, Exposure: store.ExposureExternal}, {Ref: c}, {Ref: j}},
		Edges: []store.Edge{
			{From: ds, To: j, Rel: store.RelInput},
			{From: j, To: m, Rel: store.RelOutput},
			{From: ds, To: m, Rel: store.RelDerived},
			{From: ds, To: c, Rel: store.RelDerived},
		},
	}
}

func TestDOT(t *testing.T) {
	var b strings.Builder
	if err := WriteDOT(&b, testGraph()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`"dataset:s3://b\"x::a\\b" [label="dataset\ns3://b\"x/a\\b", shape=box, penwidth=2, style=bold];`,
		`label="model\nmlflow://p/m<1>\"q (external)", shape=doubleoctagon, color=red, fontcolor=red]`,
		`shape=cylinder]`,
		`"job:n::j" [label="job\nn/j", shape=component];`,
		`"dataset:s3://b\"x::a\\b" -> "dataset:mlflow://p::m<1>\"q" [label="derived", style=dashed];`,
		`"dataset:s3://b\"x::a\\b" -> "job:n::j" [label="input"];`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("DOT lacks %s\n%s", want, out)
		}
	}
	if !strings.HasPrefix(out, "digraph lineage {\n") || !strings.HasSuffix(out, "}\n") {
		t.Errorf("DOT frame:\n%s", out)
	}
}

func TestMermaid(t *testing.T) {
	var b strings.Builder
	if err := WriteMermaid(&b, testGraph()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"flowchart LR\n",
		`n0["dataset: s3://b#quot;x/a\b"]`,
		`n1{{"model: mlflow://p/m#lt;1#gt;#quot;q (external)"}}`,
		`n2[("collection: qdrant://h/kb")]`,
		`n3("job: n/j")`,
		"n0 -.->|derived| n1",
		"n0 -->|input| n3",
		"class n1 external",
		"class n0 focus",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Mermaid lacks %s\n%s", want, out)
		}
	}
	// No raw quote may end a node text early.
	for _, line := range strings.Split(out, "\n") {
		if strings.Count(line, `"`)%2 != 0 {
			t.Errorf("unbalanced quotes: %s", line)
		}
	}
}
