// Package view renders parts of the lineage graph for people: the text of
// `weir lineage show` and `weir lineage blast-radius`, and any subgraph as
// Graphviz DOT or a Mermaid flowchart. Output is deterministic (sorted), so
// it can be golden-tested and diffed.
package view

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/weir-dev/weir/lineage/store"
)

// Graph is a subgraph to draw: its nodes, the edges among them, and the
// node the question was about.
type Graph struct {
	Focus store.Ref
	Nodes []store.Node
	Edges []store.Edge
}

// key identifies a node: its identity class (jobs apart from the
// dataset-like kinds, which share one name space), namespace and name. It is
// the DOT node id.
func key(r store.Ref) string {
	class := "dataset"
	if r.Kind == store.KindJob {
		class = "job"
	}
	return class + ":" + r.Namespace + "::" + r.Name
}

// Subgraph returns focus, the given nodes and every stored edge between two
// of them.
func Subgraph(ctx context.Context, st *store.Store, focus store.Node, nodes []store.Node) (Graph, error) {
	g := Graph{Focus: focus.Ref}
	in := map[string]bool{}
	for _, n := range append([]store.Node{focus}, nodes...) {
		if in[key(n.Ref)] {
			continue
		}
		in[key(n.Ref)] = true
		g.Nodes = append(g.Nodes, n)
	}
	for _, n := range g.Nodes {
		es, err := st.Edges(ctx, n.Ref, store.Out)
		if err != nil {
			return g, err
		}
		for _, e := range es {
			if in[key(e.To)] {
				g.Edges = append(g.Edges, e)
			}
		}
	}
	sort.SliceStable(g.Nodes, func(i, j int) bool { return less(g.Nodes[i].Ref, g.Nodes[j].Ref) })
	sort.SliceStable(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if key(a.From) != key(b.From) {
			return less(a.From, b.From)
		}
		if key(a.To) != key(b.To) {
			return less(a.To, b.To)
		}
		return a.Rel < b.Rel
	})
	return g, nil
}

func less(a, b store.Ref) bool {
	if a.Namespace != b.Namespace {
		return a.Namespace < b.Namespace
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.Kind < b.Kind
}

func label(n store.Node) string {
	s := n.String()
	if n.Exposure != "" {
		s += " (" + string(n.Exposure) + ")"
	}
	return s
}

func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// WriteDOT writes g as a Graphviz digraph: datasets as boxes, jobs as
// component shapes, models as double octagons (red when external),
// collections as cylinders; derived edges dashed; the focus node bold.
func WriteDOT(w io.Writer, g Graph) error {
	var b strings.Builder
	b.WriteString("digraph lineage {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n  edge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, n := range g.Nodes {
		attrs := []string{"label=" + dotQuote(string(n.Kind)+"\n"+label(n))}
		switch n.Kind {
		case store.KindJob:
			attrs = append(attrs, "shape=component")
		case store.KindModel:
			attrs = append(attrs, "shape=doubleoctagon")
			if n.Exposure == store.ExposureExternal {
				attrs = append(attrs, "color=red", "fontcolor=red")
			}
		case store.KindCollection:
			attrs = append(attrs, "shape=cylinder")
		default:
			attrs = append(attrs, "shape=box")
		}
		if key(n.Ref) == key(g.Focus) {
			attrs = append(attrs, "penwidth=2", "style=bold")
		}
		fmt.Fprintf(&b, "  %s [%s];\n", dotQuote(key(n.Ref)), strings.Join(attrs, ", "))
	}
	for _, e := range g.Edges {
		attrs := "label=" + dotQuote(string(e.Rel))
		if e.Rel == store.RelDerived {
			attrs += ", style=dashed"
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", dotQuote(key(e.From)), dotQuote(key(e.To)), attrs)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidText escapes a label for a quoted Mermaid node text.
func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ").Replace(s)
}

// WriteMermaid writes g as a Mermaid flowchart (renders in GitHub
// Markdown): datasets as rectangles, jobs as rounded boxes, models as
// hexagons (class external in red), collections as cylinders; derived edges
// dotted.
func WriteMermaid(w io.Writer, g Graph) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	ids := map[string]string{}
	for i, n := range g.Nodes {
		id := fmt.Sprintf("n%d", i)
		ids[key(n.Ref)] = id
		text := `"` + mermaidText(string(n.Kind)+": "+label(n)) + `"`
		switch n.Kind {
		case store.KindJob:
			fmt.Fprintf(&b, "  %s(%s)\n", id, text)
		case store.KindModel:
			fmt.Fprintf(&b, "  %s{{%s}}\n", id, text)
		case store.KindCollection:
			fmt.Fprintf(&b, "  %s[(%s)]\n", id, text)
		default:
			fmt.Fprintf(&b, "  %s[%s]\n", id, text)
		}
	}
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Rel == store.RelDerived {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  %s %s|%s| %s\n", ids[key(e.From)], arrow, e.Rel, ids[key(e.To)])
	}
	b.WriteString("  classDef external fill:#fdd,stroke:#c00,color:#900\n  classDef focus stroke-width:3px\n")
	for _, n := range g.Nodes {
		if n.Exposure == store.ExposureExternal {
			fmt.Fprintf(&b, "  class %s external\n", ids[key(n.Ref)])
		}
	}
	if id, ok := ids[key(g.Focus)]; ok {
		fmt.Fprintf(&b, "  class %s focus\n", id)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

// Show is what `weir lineage show` prints about a node.
type Show struct {
	Node         store.Node
	Tags         []store.Tag
	Observations []store.Observation
	Upstream     []store.Reach
	Downstream   []store.Reach
}

// Load gathers Show for a node.
func Load(ctx context.Context, st *store.Store, n store.Node) (Show, error) {
	s := Show{Node: n}
	var err error
	if s.Tags, err = st.Tags(ctx, n.Ref); err != nil {
		return s, err
	}
	if n.Kind != store.KindJob {
		if s.Observations, err = st.Observations(ctx, n.Ref); err != nil {
			return s, err
		}
	}
	if s.Upstream, err = st.Traverse(ctx, n.Ref, store.In); err != nil {
		return s, err
	}
	if s.Downstream, err = st.Traverse(ctx, n.Ref, store.Out); err != nil {
		return s, err
	}
	return s, nil
}

// Graph returns the subgraph of the node and everything up- and downstream.
func (s Show) Graph(ctx context.Context, st *store.Store) (Graph, error) {
	var nodes []store.Node
	for _, r := range append(append([]store.Reach(nil), s.Upstream...), s.Downstream...) {
		nodes = append(nodes, r.Node)
	}
	return Subgraph(ctx, st, s.Node, nodes)
}

func pathText(r store.Reach) string {
	parts := make([]string, 0, len(r.Path))
	for _, p := range r.Path[:len(r.Path)-1] {
		parts = append(parts, p.String())
	}
	if len(parts) == 0 {
		return "directly"
	}
	return "via " + strings.Join(parts, " -> ")
}

func writeReach(b *strings.Builder, title string, rs []store.Reach) {
	fmt.Fprintf(b, "%s (%d):\n", title, len(rs))
	for _, r := range rs {
		fmt.Fprintf(b, "  %-10s %s  %s\n", r.Kind, label(r.Node), pathText(r))
	}
}

// WriteShowText writes s as text.
func WriteShowText(w io.Writer, s Show) error {
	var b strings.Builder
	n := s.Node
	fmt.Fprintf(&b, "%s %s\n", n.Kind, n.String())
	fmt.Fprintf(&b, "  namespace: %s\n  name:      %s\n", n.Namespace, n.Name)
	if n.Kind == store.KindModel {
		e := string(n.Exposure)
		if e == "" {
			e = "unknown"
		}
		fmt.Fprintf(&b, "  exposure:  %s\n", e)
	}
	fmt.Fprintf(&b, "  origin:    %s\n  seen:      %s .. %s\n", n.Origin, day(n.FirstSeen), day(n.LastSeen))
	if len(s.Tags) > 0 {
		b.WriteString("tags:\n")
		for _, t := range s.Tags {
			f := ""
			if t.Field != "" {
				f = " (field " + t.Field + ")"
			}
			fmt.Fprintf(&b, "  %s=%s%s\n", t.Key, t.Value, f)
		}
	}
	if n.Kind != store.KindJob {
		fmt.Fprintf(&b, "observations (%d):\n", len(s.Observations))
		for _, o := range s.Observations {
			f := o.Field
			if f == "" {
				f = "(dataset)"
			}
			fmt.Fprintf(&b, "  %-20s %-24s %-6s count=%d max_confidence=%.2f seen %s .. %s\n",
				f, o.Type, o.Category, o.Count, o.MaxConfidence, day(o.FirstSeen), day(o.LastSeen))
		}
	}
	writeReach(&b, "upstream", s.Upstream)
	writeReach(&b, "downstream", s.Downstream)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteBlastText writes the blast radius of dataset as text: the models and
// collections that learned from it, external models first.
func WriteBlastText(w io.Writer, dataset store.Node, rs []store.Reach) error {
	var b strings.Builder
	ext := 0
	for _, r := range rs {
		if r.Exposure == store.ExposureExternal {
			ext++
		}
	}
	fmt.Fprintf(&b, "blast radius of %s %s: %d model(s) and collection(s), %d exposed externally\n",
		dataset.Kind, dataset.String(), len(rs), ext)
	sorted := append([]store.Reach(nil), rs...)
	rank := func(r store.Reach) int {
		switch {
		case r.Exposure == store.ExposureExternal:
			return 0
		case r.Kind == store.KindModel:
			return 1
		}
		return 2
	}
	sort.SliceStable(sorted, func(i, j int) bool { return rank(sorted[i]) < rank(sorted[j]) })
	for _, r := range sorted {
		fmt.Fprintf(&b, "  %-10s %s  %s\n", r.Kind, label(r.Node), pathText(r))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// BlastGraph returns the subgraph of a blast radius: the dataset, the models
// and collections and every node on the paths to them.
func BlastGraph(ctx context.Context, st *store.Store, dataset store.Node, rs []store.Reach) (Graph, error) {
	var nodes []store.Node
	seen := map[string]bool{}
	for _, r := range rs {
		for _, p := range r.Path {
			if seen[key(p)] {
				continue
			}
			seen[key(p)] = true
			n, err := st.Node(ctx, p)
			if err != nil {
				return Graph{}, err
			}
			nodes = append(nodes, n)
		}
	}
	return Subgraph(ctx, st, dataset, nodes)
}
