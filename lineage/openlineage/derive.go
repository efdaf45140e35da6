package openlineage

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/weir-dev/weir/lineage/internal/glob"
	"regexp"
	"sort"
	"strings"

	"github.com/weir-dev/weir/lineage/store"
)

// Facets weir reads on datasets to tell models and vector collections from
// plain datasets (weir's convention; docs/lineage.md):
//
//   - "weir_model": {"_producer", "_schemaURL", "exposure": "internal" |
//     "external"}: the dataset is a model; exposure is optional.
//   - "weir_collection": {"_producer", "_schemaURL"}: the dataset is a
//     vector-DB collection (a RAG index).
//   - the standard "datasetType" facet with datasetType "MODEL" (any case):
//     a model of unknown exposure (a Classifier rule may supply it).
//
// Both weir facets' JSON Schemas ship in schemas/ beside this file.
const (
	FacetModel      = "weir_model"
	FacetCollection = "weir_collection"
	FacetType       = "datasetType"
	FacetTags       = "tags"
)

// Rule marks the datasets whose qualified name (namespace + "/" + name, see
// store.Ref.String) matches Pattern as models or collections. In Pattern,
// '*' matches any run of characters ('/' included) and '?' one character.
type Rule struct {
	Pattern  string
	Kind     store.Kind     // KindModel or KindCollection
	Exposure store.Exposure // models only; "" leaves it to the facets
}

// Classifier decides what a dataset of an event is. The zero Classifier
// reads facets only.
type Classifier struct {
	rules []compiledRule
}

type compiledRule struct {
	Rule
	re *regexp.Regexp
}

// NewClassifier compiles rules; the first matching rule wins.
func NewClassifier(rules []Rule) (*Classifier, error) {
	c := &Classifier{}
	for i, r := range rules {
		if r.Pattern == "" {
			return nil, fmt.Errorf("rule %d: empty pattern", i+1)
		}
		if r.Kind != store.KindModel && r.Kind != store.KindCollection {
			return nil, fmt.Errorf("rule %d (%s): kind must be model or collection, not %q", i+1, r.Pattern, r.Kind)
		}
		if r.Exposure != store.ExposureUnknown && r.Kind != store.KindModel {
			return nil, fmt.Errorf("rule %d (%s): exposure applies to models only", i+1, r.Pattern)
		}
		if _, err := store.ParseExposure(string(r.Exposure)); err != nil {
			return nil, fmt.Errorf("rule %d (%s): %w", i+1, r.Pattern, err)
		}
		c.rules = append(c.rules, compiledRule{Rule: r, re: glob.Compile(r.Pattern)})
	}
	return c, nil
}

// ParseRule parses "PATTERN" or "PATTERN=EXPOSURE" (a command-line flag)
// into a rule of kind k.
func ParseRule(k store.Kind, s string) (Rule, error) {
	pat, expo, _ := strings.Cut(s, "=")
	e, err := store.ParseExposure(expo)
	if err != nil {
		return Rule{}, err
	}
	return Rule{Pattern: pat, Kind: k, Exposure: e}, nil
}

// modelFacet is weir_model's content.
type modelFacet struct {
	Exposure string `json:"exposure"`
}

type typeFacet struct {
	DatasetType string `json:"datasetType"`
}

type tagsFacet struct {
	Tags []struct {
		Key    string `json:"key"`
		Value  string `json:"value"`
		Source string `json:"source"`
		Field  string `json:"field"`
	} `json:"tags"`
}

// classify returns the node of dataset d: facets first (weir_model,
// weir_collection, datasetType MODEL), then the rules; a rule's exposure
// fills in an exposure the facets left unknown.
func (c *Classifier) classify(d Dataset) (store.Node, error) {
	n := store.Node{Ref: store.Ref{Kind: store.KindDataset, Namespace: d.Namespace, Name: d.Name}, Origin: store.OriginOpenLineage}
	if raw, ok := d.Facets[FacetModel]; ok {
		var f modelFacet
		if err := json.Unmarshal(raw, &f); err != nil {
			return n, fmt.Errorf("%w: facet %s of %s: exposure must be a string", ErrInvalid, FacetModel, n.String())
		}
		e, err := store.ParseExposure(f.Exposure)
		if err != nil {
			// Never quote a value from the event.
			return n, fmt.Errorf("%w: facet %s of %s: exposure must be internal or external", ErrInvalid, FacetModel, n.String())
		}
		n.Kind, n.Exposure = store.KindModel, e
	} else if _, ok := d.Facets[FacetCollection]; ok {
		n.Kind = store.KindCollection
	} else if raw, ok := d.Facets[FacetType]; ok {
		var f typeFacet
		if json.Unmarshal(raw, &f) == nil && strings.EqualFold(f.DatasetType, "MODEL") {
			n.Kind = store.KindModel
		}
	}
	if c == nil {
		return n, nil
	}
	q := n.String()
	for _, r := range c.rules {
		if !r.re.MatchString(q) {
			continue
		}
		if n.Kind == store.KindDataset {
			n.Kind = r.Kind
		}
		if n.Kind == store.KindModel && n.Exposure == store.ExposureUnknown {
			n.Exposure = r.Exposure
		}
		break
	}
	return n, nil
}

// Graph is what one event says about the lineage graph.
type Graph struct {
	Nodes []store.Node
	Edges []store.Edge
	Tags  []NodeTag
	Run   *store.Run
}

// NodeTag is a tag of a node.
type NodeTag struct {
	Ref store.Ref
	store.Tag
}

// Derive returns the nodes, edges, tags and run an event declares:
//   - the job, its run (RunEvent) and every input and output dataset,
//     classified by c (nil: facets only);
//   - input edges dataset -> job and output edges job -> dataset;
//   - a derived edge input -> output for every output that is a model or a
//     collection: the model learned from every input of the job that wrote
//     it (OpenLineage has no finer grain without column lineage, and for
//     policy the conservative answer is the right one);
//   - tags from the standard tags dataset facet.
//
// Every event type derives edges, FAIL and ABORT included: a failed
// training run may have read the data. A DatasetEvent derives its dataset's
// node and tags only. Derive is a pure function.
func Derive(ev *Event, c *Classifier) (Graph, error) {
	var g Graph
	at := ev.EventTime
	addDS := func(d Dataset) (store.Node, error) {
		if d.Namespace == "" || d.Name == "" {
			return store.Node{}, fmt.Errorf("%w: a dataset with an empty namespace or name", ErrInvalid)
		}
		n, err := c.classify(d)
		if err != nil {
			return n, err
		}
		n.FirstSeen, n.LastSeen = at, at
		g.Nodes = append(g.Nodes, n)
		if raw, ok := d.Facets[FacetTags]; ok {
			var f tagsFacet
			if err := json.Unmarshal(raw, &f); err != nil {
				return n, fmt.Errorf("%w: facet tags of %s: tags must be a list of {key, value, source, field} strings", ErrInvalid, n.String())
			}
			for _, t := range f.Tags {
				if t.Key == "" {
					return n, fmt.Errorf("%w: facet tags of %s: a tag without a key", ErrInvalid, n.String())
				}
				g.Tags = append(g.Tags, NodeTag{Ref: n.Ref, Tag: store.Tag{Field: t.Field, Key: t.Key, Value: t.Value, Source: t.Source}})
			}
		}
		return n, nil
	}
	if ev.Kind == KindDataset {
		_, err := addDS(*ev.Dataset)
		return g, err
	}
	if ev.Job.Namespace == "" || ev.Job.Name == "" {
		return g, fmt.Errorf("%w: job: empty namespace or name", ErrInvalid)
	}
	jobRef := store.Ref{Kind: store.KindJob, Namespace: ev.Job.Namespace, Name: ev.Job.Name}
	g.Nodes = append(g.Nodes, store.Node{Ref: jobRef, Origin: store.OriginOpenLineage, FirstSeen: at, LastSeen: at})
	runID := ""
	if ev.Run != nil {
		runID = ev.Run.RunID
		state := ev.EventType
		if state == "" {
			state = store.RunOther
		}
		g.Run = &store.Run{ID: runID, Job: jobRef, State: state, LastEvent: at}
	}
	edge := func(from, to store.Ref, rel store.Rel) store.Edge {
		e := store.Edge{From: from, To: to, Rel: rel, Origin: store.OriginOpenLineage, RunID: runID, FirstSeen: at, LastSeen: at}
		if rel == store.RelDerived {
			e.Job = jobRef
		}
		return e
	}
	var ins, outs []store.Node
	for _, d := range ev.Inputs {
		n, err := addDS(d)
		if err != nil {
			return g, err
		}
		ins = append(ins, n)
		g.Edges = append(g.Edges, edge(n.Ref, jobRef, store.RelInput))
	}
	for _, d := range ev.Outputs {
		n, err := addDS(d)
		if err != nil {
			return g, err
		}
		outs = append(outs, n)
		g.Edges = append(g.Edges, edge(jobRef, n.Ref, store.RelOutput))
	}
	for _, o := range outs {
		if o.Kind != store.KindModel && o.Kind != store.KindCollection {
			continue
		}
		for _, i := range ins {
			if i.Namespace == o.Namespace && i.Name == o.Name {
				continue // a job updating a model in place
			}
			g.Edges = append(g.Edges, edge(i.Ref, o.Ref, store.RelDerived))
		}
	}
	sort.SliceStable(g.Edges, func(a, b int) bool { return g.Edges[a].Rel < g.Edges[b].Rel })
	return g, nil
}

// Apply writes g in tx: nodes first (so a model keeps its kind and
// exposure when its edges are written), then the run, edges and tags.
func (g Graph) Apply(ctx context.Context, tx *store.Tx) error {
	for _, n := range g.Nodes {
		if err := tx.PutNode(ctx, n); err != nil {
			return err
		}
	}
	if g.Run != nil {
		if err := tx.PutRun(ctx, *g.Run); err != nil {
			return err
		}
	}
	for _, e := range g.Edges {
		if err := tx.PutEdge(ctx, e); err != nil {
			return err
		}
	}
	for _, t := range g.Tags {
		if err := tx.PutTag(ctx, t.Ref, t.Tag); err != nil {
			return err
		}
	}
	return nil
}
