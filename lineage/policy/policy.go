// Package policy is weir's policy language: YAML files of rules that join
// what weir found in a record or object (entity types, categories,
// confidence) with where it is (source, dataset, dataset tags) and where it
// goes (the lineage: "the dataset feeds a model whose exposure is
// external"), and decide an action: redact, quarantine or alert.
//
// A file:
//
//	policies:
//	  - name: no-phi-in-external-models
//	    description: PHI never trains a model customers can query.
//	    when:
//	      categories: [PHI]
//	      min_confidence: 0.8
//	      feeds: {kind: model, exposure: external}
//	    action: quarantine
//	    approval: required
//	  - name: secrets-never-reach-rag
//	    when:
//	      categories: [SECRET]
//	      feeds: {kind: collection}
//	    action: redact
//	    operator: type
//	  - name: watch-new-buckets
//	    when:
//	      datasets: ["s3://incoming-*/*"]
//	      types: [EMAIL_ADDRESS, PHONE_NUMBER]
//	    action: alert
//	    dry_run: true
//
// Conditions under when are ANDed; the items of one list are ORed. types and
// categories together select findings (a finding of a listed type OR of a
// listed category), min_confidence filters them, and the policy needs at
// least one selected finding; with neither types nor categories it applies
// whatever was found. Parse reports every error at once, each naming the
// file, line and key. Evaluate is a pure function of a Set and an Input.
package policy

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Action is what a policy does.
type Action string

// Actions, from the weakest to the strongest.
const (
	ActionAlert      Action = "alert"      // record a finding event; the data passes
	ActionRedact     Action = "redact"     // the data passes with detected spans replaced
	ActionQuarantine Action = "quarantine" // the data is held back (routed, moved) until restored
)

// Strength orders actions: quarantine > redact > alert.
func (a Action) Strength() int {
	switch a {
	case ActionQuarantine:
		return 3
	case ActionRedact:
		return 2
	case ActionAlert:
		return 1
	}
	return 0
}

// Operators are the redaction operators a redact policy may name: those of
// classifiers/redact (a test checks they agree).
var Operators = []string{"mask", "type", "hash", "tokenize", "drop"}

// Categories are the finding categories of TAXONOMY.md.
var Categories = []string{"PII", "PHI", "SECRET"}

// Feeds is a lineage condition: the dataset feeds (directly or through any
// chain of jobs) a node of this kind, and for models of this exposure.
type Feeds struct {
	Kind     string // "model", "collection" or "any"
	Exposure string // "internal", "external" or "" (any)
}

// When holds a policy's conditions.
type When struct {
	Types         []string
	Categories    []string
	MinConfidence float64
	Sources       []string          // record sources, e.g. s3, kafka, scan, webhook
	Datasets      []string          // dataset globs over namespace/name ('*' any run, '?' one character)
	DatasetTags   map[string]string // every tag must be present with this value ("*": any value)
	Feeds         *Feeds

	datasetRE []*regexp.Regexp
}

// Policy is one rule.
type Policy struct {
	Name        string
	Description string
	When        When
	Action      Action
	Operator    string // redact only; "" leaves the pipeline's operators
	DryRun      bool   // decide and record, never act
	// Approval: the action waits as proposed until a person approves or
	// rejects it.
	Approval bool
	File     string
	Line     int
}

// Set is the policies of one or more files, in order.
type Set struct {
	Policies []Policy
}

// Finding is the part of a finding policies look at (never the value).
type Finding struct {
	Type       string
	Category   string
	Confidence float64
}

// Target is a model or collection the dataset feeds (its blast radius).
type Target struct {
	Kind     string // "model" or "collection"
	Name     string // qualified name
	Exposure string
}

// Input is what a decision is made about: one record or object.
type Input struct {
	Source   string
	Dataset  string // qualified name (namespace/name)
	Tags     map[string]string
	Findings []Finding
	Feeds    []Target
}

// Decision is one policy's verdict on an input.
type Decision struct {
	Policy   string
	Action   Action
	Operator string
	DryRun   bool
	Approval bool
	// Types are the entity types of the findings that made it match
	// (sorted, unique); Targets the lineage targets that did.
	Types   []string
	Targets []string
	// Reason explains the decision in one line, for the action log (never a
	// value: types, names and counts only).
	Reason string
}

// Evaluate returns the decisions of every policy that matches in, in the
// set's order. It is a pure function.
func (s *Set) Evaluate(in Input) []Decision {
	var out []Decision
	for _, p := range s.Policies {
		if d, ok := p.evaluate(in); ok {
			out = append(out, d)
		}
	}
	return out
}

// Strongest returns the decision with the strongest action among those
// that are not dry runs (the first on ties), and false when there is none.
func Strongest(ds []Decision) (Decision, bool) {
	var (
		best Decision
		ok   bool
	)
	for _, d := range ds {
		if d.DryRun {
			continue
		}
		if !ok || d.Action.Strength() > best.Action.Strength() {
			best, ok = d, true
		}
	}
	return best, ok
}

func (p Policy) evaluate(in Input) (Decision, bool) {
	w := p.When
	if len(w.Sources) > 0 && !contains(w.Sources, in.Source) {
		return Decision{}, false
	}
	if len(w.datasetRE) > 0 {
		hit := false
		for _, re := range w.datasetRE {
			if re.MatchString(in.Dataset) {
				hit = true
				break
			}
		}
		if !hit {
			return Decision{}, false
		}
	}
	for k, v := range w.DatasetTags {
		got, ok := in.Tags[k]
		if !ok || (v != "*" && got != v) {
			return Decision{}, false
		}
	}
	var types []string
	count := 0
	selective := len(w.Types) > 0 || len(w.Categories) > 0 || w.MinConfidence > 0
	for _, f := range in.Findings {
		if f.Confidence < w.MinConfidence {
			continue
		}
		if (len(w.Types) > 0 || len(w.Categories) > 0) && !contains(w.Types, f.Type) && !contains(w.Categories, f.Category) {
			continue
		}
		count++
		types = append(types, f.Type)
	}
	if selective && count == 0 {
		return Decision{}, false
	}
	var targets []string
	if w.Feeds != nil {
		for _, t := range in.Feeds {
			if (w.Feeds.Kind == "any" || w.Feeds.Kind == t.Kind) &&
				(w.Feeds.Exposure == "" || (t.Kind == "model" && t.Exposure == w.Feeds.Exposure)) {
				targets = append(targets, t.Name)
			}
		}
		if len(targets) == 0 {
			return Decision{}, false
		}
	}
	types, targets = uniq(types), uniq(targets)
	d := Decision{Policy: p.Name, Action: p.Action, Operator: p.Operator, DryRun: p.DryRun, Approval: p.Approval, Types: types, Targets: targets}
	var r strings.Builder
	fmt.Fprintf(&r, "policy %s: %s", p.Name, p.Action)
	if count > 0 {
		fmt.Fprintf(&r, "; %d finding(s) of %s", count, strings.Join(types, ", "))
	}
	if in.Dataset != "" {
		fmt.Fprintf(&r, " in %s", in.Dataset)
	}
	if len(targets) > 0 {
		fmt.Fprintf(&r, ", which feeds %s", strings.Join(targets, ", "))
	}
	if p.DryRun {
		r.WriteString(" (dry run)")
	}
	if p.Approval {
		r.WriteString(" (needs approval)")
	}
	d.Reason = r.String()
	return d, true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func uniq(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	sort.Strings(s)
	out := s[:1]
	for _, x := range s[1:] {
		if x != out[len(out)-1] {
			out = append(out, x)
		}
	}
	return out
}
