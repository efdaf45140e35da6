package vectordb

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// Inspector classifies the text fields of points under per-collection
// rules, and in enforce mode redacts them or decides they are blocked. It is
// shared by the proxy and the PostgreSQL capturer and safe for concurrent
// use.
type Inspector struct {
	engine  *classifiers.Engine
	rules   *ruleSet
	workers int
}

// NewInspector compiles rules against engine's catalogue. keys is needed
// only when a rule uses the hash or tokenize operator. workers bounds the
// texts of one call classified in parallel (default GOMAXPROCS).
func NewInspector(engine *classifiers.Engine, rules Rules, keys *redact.Keyring, workers int) (*Inspector, error) {
	if engine == nil {
		return nil, fmt.Errorf("vectordb: no engine")
	}
	known := map[string]bool{}
	for _, s := range engine.Specs() {
		known[s.Type] = true
	}
	rs, err := rules.compile(known, keys)
	if err != nil {
		return nil, err
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	return &Inspector{engine: engine, rules: rs, workers: workers}, nil
}

// Mode returns the mode of collection.
func (in *Inspector) Mode(collection string) Mode { return in.rules.rule(collection).mode }

// Fields returns the configured text fields of collection (dotted paths).
func (in *Inspector) Fields(collection string) [][]string { return in.rules.rule(collection).fields }

// text is one string to classify: a field of a point.
type text struct {
	point int    // index into the call's items
	field string // path for reports, e.g. "payload.page_content[2]"
	key   string // the last key, context for the detectors
	value string
	node  *node // where a redacted value goes (proxy); nil for pgcapture
	rule  *compiledRule

	// results
	findings []classifiers.Finding
	applied  []redact.Applied
	out      string
	blocked  bool
	err      error
}

// run classifies every text (in parallel) and, for texts whose rule
// enforces, redacts or marks them blocked. It returns ctx's error if ctx
// ends first (callers then fail closed).
func (in *Inspector) run(ctx context.Context, texts []*text) error {
	one := func(t *text) {
		if err := ctx.Err(); err != nil {
			t.err = err
			return
		}
		b := []byte(t.value)
		t.findings = t.rule.gate.Filter(in.engine.ScanField(t.key, b))
		if t.rule.mode != ModeEnforce || len(t.findings) == 0 {
			return
		}
		if t.rule.gate.Blocks(t.findings) {
			t.blocked = true
			return
		}
		out, applied, err := t.rule.redactor.Apply(b, t.findings)
		if err != nil {
			t.err = err
			return
		}
		t.out, t.applied = string(out), applied
	}
	n := min(in.workers, len(texts))
	if n <= 1 {
		for _, t := range texts {
			one(t)
		}
		return ctx.Err()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(texts) {
					return
				}
				one(texts[i])
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// collectTexts lists the text fields of it under its rule.
func collectTexts(it *item, rule *compiledRule, out []*text) []*text {
	add := func(field, key string, n *node) {
		if s, ok := n.asString(); ok {
			out = append(out, &text{point: it.index, field: field, key: key, value: s, node: n, rule: rule})
			return
		}
		if arr, ok := n.asArray(); ok {
			for i, e := range arr {
				if s, ok := e.asString(); ok {
					out = append(out, &text{point: it.index, field: field + "[" + strconv.Itoa(i) + "]", key: key, value: s, node: e, rule: rule})
				}
			}
		}
	}
	docDone := false
	for _, path := range rule.fields {
		if it.document != nil && len(path) == 1 && (path[0] == "documents" || path[0] == "document") {
			if !docDone {
				add("documents", "document", it.document)
				docDone = true
			}
			continue
		}
		if it.payload == nil {
			continue
		}
		nodes := []*node{it.payload}
		for _, k := range path {
			var next []*node
			for _, n := range nodes {
				if o, err := n.asObject(); err == nil {
					next = append(next, o.all(k)...)
				}
			}
			nodes = next
		}
		name := it.payloadName
		for _, k := range path {
			name += "." + k
		}
		for _, n := range nodes {
			add(name, path[len(path)-1], n)
		}
	}
	return out
}

// provenance returns the source document named by it's payload: the first
// provenance field found at the payload's top level or under "metadata".
func provenance(it *item, rule *compiledRule) string {
	if it.payload == nil {
		return ""
	}
	o, err := it.payload.asObject()
	if err != nil {
		return ""
	}
	var meta *object
	if m := o.get("metadata"); m != nil {
		meta, _ = m.asObject()
	}
	for _, f := range rule.provenance {
		for _, obj := range []*object{o, meta} {
			if obj == nil {
				continue
			}
			if n := obj.get(f); n != nil {
				if s, ok := n.asString(); ok && s != "" {
					return s
				}
				if k := n.kind(); k >= '0' && k <= '9' || k == '-' {
					return string(n.raw)
				}
			}
		}
	}
	return ""
}

// Field is one text of a point for ClassifyFields: Name is its path in
// reports, Key the name the detectors see as context (e.g. a column name).
type Field struct {
	Name, Key, Value string
}

// ClassifyFields classifies the texts of one point under collection's
// rule (its types and min_confidence; no redaction: for captures of data
// already written, such as PostgreSQL replication). It returns a report
// for each field with findings, in input order, or ctx's error.
func (in *Inspector) ClassifyFields(ctx context.Context, collection string, fields []Field) ([]FieldReport, error) {
	rule := *in.rules.rule(collection)
	rule.mode = ModeObserve
	texts := make([]*text, len(fields))
	for i, f := range fields {
		texts[i] = &text{field: f.Name, key: f.Key, value: f.Value, rule: &rule}
	}
	if err := in.run(ctx, texts); err != nil {
		return nil, err
	}
	var out []FieldReport
	for _, t := range texts {
		if len(t.findings) > 0 {
			out = append(out, FieldReport{Field: t.field, Findings: t.findings})
		}
	}
	return out, nil
}
