package vectordb

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/weir-dev/weir/classifiers/redact"
)

// Mode is what the proxy does with a collection's upserts.
type Mode string

const (
	// ModeObserve forwards upserts unchanged and publishes a capture event.
	ModeObserve Mode = "observe"
	// ModeEnforce redacts text fields before forwarding, or rejects the
	// upsert (403) when a finding's type or category is in Block.
	ModeEnforce Mode = "enforce"
)

// DefaultFields are the payload fields classified when a rule names none:
// the text keys of LangChain, LlamaIndex, Haystack and most loaders.
var DefaultFields = []string{"page_content", "text", "document", "documents", "content", "chunk", "body"}

// DefaultProvenanceFields are the payload keys (at the top level or under
// "metadata") read, in this order, as the source document of a point.
var DefaultProvenanceFields = []string{"source", "source_document", "file_path", "file_name", "filename", "url", "doc_id", "document_id", "ref_doc_id"}

// Rule configures one collection (or the default for every collection).
// Zero fields of a collection's rule take the default rule's value.
type Rule struct {
	Mode Mode `yaml:"mode"`
	// Fields are payload keys (dotted for nested objects, e.g.
	// "metadata.summary") whose string values, or arrays of strings, are
	// classified. Chroma's documents are the field "documents".
	Fields []string `yaml:"fields"`
	// ProvenanceFields are read for the source document (see
	// DefaultProvenanceFields).
	ProvenanceFields []string `yaml:"provenance_fields"`
	// Operator is the default redaction operator in enforce mode (default
	// type); Operators maps a type to its own.
	Operator  redact.Operator            `yaml:"operator"`
	Operators map[string]redact.Operator `yaml:"operators"`
	// Block lists types or categories (PII, PHI, SECRET) that must not be
	// indexed: in enforce mode such an upsert is rejected with 403.
	Block []string `yaml:"block"`
	// Types limits findings to these types; MinConfidence drops weaker ones.
	Types         []string `yaml:"types"`
	MinConfidence float64  `yaml:"min_confidence"`
}

// Rules holds the default rule and per-collection overrides.
type Rules struct {
	Default     Rule            `yaml:"default"`
	Collections map[string]Rule `yaml:"collections"`
}

// LoadRules reads a rules YAML file (see docs/vectordb.md). Unknown keys
// are errors.
func LoadRules(path string) (Rules, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Rules{}, fmt.Errorf("vectordb: rules: %w", err)
	}
	r, err := ParseRules(b)
	if err != nil {
		return Rules{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// ParseRules parses rules YAML.
func ParseRules(b []byte) (Rules, error) {
	var r Rules
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil && !errors.Is(err, io.EOF) { // empty file: all defaults
		return Rules{}, fmt.Errorf("vectordb: rules: %w", err)
	}
	return r, nil
}

// compiledRule is a Rule with defaults applied, validated and ready.
type compiledRule struct {
	mode       Mode
	fields     [][]string // dotted paths split
	provenance []string
	gate       redact.Gate
	redactor   *redact.Redactor
}

// compile merges r over def and validates it against the engine's types.
func (r Rule) compile(name string, def Rule, known map[string]bool, keys *redact.Keyring) (*compiledRule, error) {
	if r.Mode == "" {
		r.Mode = def.Mode
	}
	if r.Mode == "" {
		r.Mode = ModeObserve
	}
	if r.Mode != ModeObserve && r.Mode != ModeEnforce {
		return nil, fmt.Errorf("%s: mode %q: want observe or enforce", name, r.Mode)
	}
	if r.Fields == nil {
		r.Fields = def.Fields
	}
	if r.Fields == nil {
		r.Fields = DefaultFields
	}
	if r.ProvenanceFields == nil {
		r.ProvenanceFields = def.ProvenanceFields
	}
	if r.ProvenanceFields == nil {
		r.ProvenanceFields = DefaultProvenanceFields
	}
	if r.Operator == "" {
		r.Operator = def.Operator
	}
	if r.Operators == nil {
		r.Operators = def.Operators
	}
	if r.Block == nil {
		r.Block = def.Block
	}
	if r.Types == nil {
		r.Types = def.Types
	}
	if r.MinConfidence == 0 {
		r.MinConfidence = def.MinConfidence
	}
	c := &compiledRule{mode: r.Mode, provenance: slices.Clone(r.ProvenanceFields)}
	seen := map[string]bool{}
	for _, f := range r.Fields {
		f = strings.TrimSpace(f)
		if seen[f] {
			continue // a field listed twice is inspected once
		}
		seen[f] = true
		if f == "" || strings.Contains(f, "..") || strings.HasPrefix(f, ".") || strings.HasSuffix(f, ".") {
			return nil, fmt.Errorf("%s: fields: bad field %q", name, f)
		}
		c.fields = append(c.fields, strings.Split(f, "."))
	}
	if r.MinConfidence < 0 || r.MinConfidence > 1 {
		return nil, fmt.Errorf("%s: min_confidence outside [0,1]", name)
	}
	c.gate.MinConfidence = r.MinConfidence
	if len(r.Types) > 0 {
		c.gate.Types = map[string]bool{}
		for _, t := range r.Types {
			t = strings.ToUpper(strings.TrimSpace(t))
			if !known[t] {
				return nil, fmt.Errorf("%s: types: unknown type %q", name, t)
			}
			c.gate.Types[t] = true
		}
	}
	if len(r.Block) > 0 {
		c.gate.Block = map[string]bool{}
		for _, t := range r.Block {
			t = strings.ToUpper(strings.TrimSpace(t))
			if !known[t] && t != "PII" && t != "PHI" && t != "SECRET" {
				return nil, fmt.Errorf("%s: block: unknown type or category %q", name, t)
			}
			c.gate.Block[t] = true
		}
	}
	pol := redact.Policy{Default: r.Operator}
	if len(r.Operators) > 0 {
		pol.PerType = map[string]redact.Operator{}
		for t, op := range r.Operators {
			pol.PerType[strings.ToUpper(strings.TrimSpace(t))] = op
		}
	}
	red, err := redact.New(pol, keys)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c.redactor = red
	return c, nil
}

// ruleSet is Rules compiled.
type ruleSet struct {
	def        *compiledRule
	byName     map[string]*compiledRule
	anyEnforce bool
}

func (r Rules) compile(known map[string]bool, keys *redact.Keyring) (*ruleSet, error) {
	def, err := r.Default.compile("default", Rule{}, known, keys)
	if err != nil {
		return nil, fmt.Errorf("vectordb: rules: %w", err)
	}
	rs := &ruleSet{def: def, byName: map[string]*compiledRule{}, anyEnforce: def.mode == ModeEnforce}
	for name, cr := range r.Collections {
		c, err := cr.compile("collections."+name, r.Default, known, keys)
		if err != nil {
			return nil, fmt.Errorf("vectordb: rules: %w", err)
		}
		rs.byName[name] = c
		rs.anyEnforce = rs.anyEnforce || c.mode == ModeEnforce
	}
	return rs, nil
}

func (rs *ruleSet) rule(collection string) *compiledRule {
	if c, ok := rs.byName[collection]; ok {
		return c
	}
	return rs.def
}

// modeBeforeParse is the mode for a request whose body could not be read
// or parsed: the path's collection's, or, when the body would name the
// collection, enforce if any rule enforces (fail closed).
func (rs *ruleSet) modeBeforeParse(r route) Mode {
	if r.collection != "" {
		return rs.rule(r.collection).mode
	}
	if rs.anyEnforce {
		return ModeEnforce
	}
	return ModeObserve
}
