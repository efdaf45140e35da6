package policy

import (
	"errors"
	"fmt"
	"github.com/weir-dev/weir/lineage/internal/glob"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Error is one problem in a policy file, naming the file, the line and the
// key path (e.g. policies[1].when.types[0]).
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrInvalid is wrapped by the error Parse and Load return for invalid
// files; errors.As finds each *Error.
var ErrInvalid = errors.New("invalid policy")

// Errors is every problem found, in file order.
type Errors []*Error

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns ErrInvalid and each *Error.
func (es Errors) Unwrap() []error {
	out := []error{ErrInvalid}
	for _, e := range es {
		out = append(out, e)
	}
	return out
}

// Options configure validation.
type Options struct {
	// TypeCategory returns the category of a known entity type (wire
	// classifiers.TypeCategory, extended by custom detectors); nil accepts
	// any UPPER_SNAKE type name.
	TypeCategory func(typ string) (category string, ok bool)
}

// Load parses policy files in order; policy names must be unique across
// them.
func Load(opt Options, paths ...string) (*Set, error) {
	set := &Set{}
	var errs Errors
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		s, err := Parse(p, data, opt)
		var pe Errors
		if errors.As(err, &pe) {
			errs = append(errs, pe...)
			continue
		} else if err != nil {
			return nil, err
		}
		set.Policies = append(set.Policies, s.Policies...)
	}
	seen := map[string]Policy{}
	for _, p := range set.Policies {
		if q, ok := seen[p.Name]; ok {
			errs = append(errs, &Error{File: p.File, Line: p.Line, Key: "name", Msg: fmt.Sprintf("policy %q is also defined at %s:%d", p.Name, q.File, q.Line)})
			continue
		}
		seen[p.Name] = p
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return set, nil
}

// MaxFileBytes bounds a policy file.
const MaxFileBytes = 4 << 20

// Parse parses one policy file named file. It reports every error at once.
func Parse(file string, data []byte, opt Options) (*Set, error) {
	p := &parser{file: file, opt: opt}
	if len(data) > MaxFileBytes {
		return nil, Errors{{File: file, Msg: fmt.Sprintf("file of %d bytes exceeds %d", len(data), MaxFileBytes)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := yamlErrLine(err)
		msg := lineRE.ReplaceAllString(strings.TrimPrefix(err.Error(), "yaml: "), "")
		return nil, Errors{{File: file, Line: line, Msg: strings.TrimPrefix(msg, ": ")}}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, Errors{{File: file, Line: 1, Msg: "empty file: want a mapping with a policies list"}}
	}
	set := &Set{}
	root := doc.Content[0]
	p.mapping(root, "", map[string]func(*yaml.Node, string){
		"version": func(n *yaml.Node, key string) {
			if v, ok := p.integer(n, key); ok && v != 1 {
				p.errf(n, key, "unsupported version %d (this weir reads version 1)", v)
			}
		},
		"policies": func(n *yaml.Node, key string) {
			if !p.kind(n, key, yaml.SequenceNode, "a list of policies") {
				return
			}
			names := map[string]int{}
			for i, item := range n.Content {
				pol, ok := p.policy(item, fmt.Sprintf("%s[%d]", key, i))
				if !ok {
					continue
				}
				if line, dup := names[pol.Name]; dup {
					p.errf(item, fmt.Sprintf("%s[%d].name", key, i), "policy %q is already defined on line %d", pol.Name, line)
					continue
				}
				names[pol.Name] = pol.Line
				set.Policies = append(set.Policies, pol)
			}
		},
	}, []string{"policies"})
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	return set, nil
}

var lineRE = regexp.MustCompile(`line (\d+)`)

func yamlErrLine(err error) int {
	if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

type parser struct {
	file string
	opt  Options
	errs Errors
}

func (p *parser) errf(n *yaml.Node, key, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func join(base, k string) string {
	if base == "" {
		return k
	}
	return base + "." + k
}

// kind checks n's node kind; aliases are refused (no anchors in policies:
// they would let a small file expand without bound).
func (p *parser) kind(n *yaml.Node, key string, want yaml.Kind, what string) bool {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		p.errf(n, key, "anchors and aliases are not supported")
		return false
	}
	if n.Kind != want || (want == yaml.ScalarNode && n.Tag == "!!null") {
		p.errf(n, key, "must be %s", what)
		return false
	}
	return true
}

// mapping walks a mapping, calling fields[k] for each key, and reports
// unknown, duplicate and missing required keys.
func (p *parser) mapping(n *yaml.Node, key string, fields map[string]func(*yaml.Node, string), required []string) bool {
	what := "a mapping"
	if key == "" {
		what = "a mapping with a policies list"
	}
	if !p.kind(n, key, yaml.MappingNode, what) {
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := k.Value
		if seen[name] {
			p.errf(k, join(key, name), "duplicate key")
			continue
		}
		seen[name] = true
		fn, ok := fields[name]
		if !ok {
			known := make([]string, 0, len(fields))
			for f := range fields {
				known = append(known, f)
			}
			sort.Strings(known)
			where := key
			if where == "" {
				where = "the file"
			}
			p.errf(k, join(key, name), "unknown key (known in %s: %s)", where, strings.Join(known, ", "))
			continue
		}
		fn(v, join(key, name))
	}
	for _, r := range required {
		if !seen[r] {
			p.errf(n, join(key, r), "required")
		}
	}
	return true
}

func (p *parser) str(n *yaml.Node, key string) (string, bool) {
	if !p.kind(n, key, yaml.ScalarNode, "a string") {
		return "", false
	}
	return n.Value, true
}

func (p *parser) boolean(n *yaml.Node, key string) (bool, bool) {
	if !p.kind(n, key, yaml.ScalarNode, "true or false") {
		return false, false
	}
	if n.Tag != "!!bool" {
		p.errf(n, key, "must be true or false")
		return false, false
	}
	b, err := strconv.ParseBool(n.Value)
	if err != nil {
		var v bool
		if n.Decode(&v) != nil {
			p.errf(n, key, "must be true or false")
			return false, false
		}
		b = v
	}
	return b, true
}

func (p *parser) integer(n *yaml.Node, key string) (int, bool) {
	if !p.kind(n, key, yaml.ScalarNode, "an integer") || n.Tag != "!!int" {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!int" {
			p.errf(n, key, "must be an integer")
		}
		return 0, false
	}
	v, err := strconv.Atoi(n.Value)
	if err != nil {
		p.errf(n, key, "must be an integer")
		return 0, false
	}
	return v, true
}

func (p *parser) list(n *yaml.Node, key string, each func(item *yaml.Node, key string) bool) []string {
	if !p.kind(n, key, yaml.SequenceNode, "a list") {
		return nil
	}
	if len(n.Content) == 0 {
		p.errf(n, key, "empty list (leave the key out instead)")
		return nil
	}
	var out []string
	for i, it := range n.Content {
		k := fmt.Sprintf("%s[%d]", key, i)
		s, ok := p.str(it, k)
		if !ok {
			continue
		}
		if each != nil && !each(it, k) {
			continue
		}
		out = append(out, s)
	}
	return out
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,99}$`)
var typeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,63}$`)

func (p *parser) policy(n *yaml.Node, key string) (Policy, bool) {
	pol := Policy{File: p.file, Line: n.Line}
	before := len(p.errs)
	var approvalNode, operatorNode *yaml.Node
	ok := p.mapping(n, key, map[string]func(*yaml.Node, string){
		"name": func(v *yaml.Node, k string) {
			if s, ok := p.str(v, k); ok {
				if !nameRE.MatchString(s) {
					p.errf(v, k, "%q: use lower-case letters, digits, '.', '_' and '-' (at most 100)", s)
					return
				}
				pol.Name = s
			}
		},
		"description": func(v *yaml.Node, k string) {
			if s, ok := p.str(v, k); ok {
				pol.Description = s
			}
		},
		"when": func(v *yaml.Node, k string) { pol.When = p.when(v, k) },
		"action": func(v *yaml.Node, k string) {
			if s, ok := p.str(v, k); ok {
				switch a := Action(s); a {
				case ActionAlert, ActionRedact, ActionQuarantine:
					pol.Action = a
				default:
					p.errf(v, k, "unknown action %q (want redact, quarantine or alert)", s)
				}
			}
		},
		"operator": func(v *yaml.Node, k string) {
			operatorNode = v
			if s, ok := p.str(v, k); ok {
				if !contains(Operators, s) {
					p.errf(v, k, "unknown operator %q (want %s)", s, strings.Join(Operators, ", "))
					return
				}
				pol.Operator = s
			}
		},
		"dry_run": func(v *yaml.Node, k string) {
			if b, ok := p.boolean(v, k); ok {
				pol.DryRun = b
			}
		},
		"approval": func(v *yaml.Node, k string) {
			approvalNode = v
			if s, ok := p.str(v, k); ok {
				switch s {
				case "required":
					pol.Approval = true
				case "none":
				default:
					p.errf(v, k, "%q: want required or none", s)
				}
			}
		},
	}, []string{"name", "when", "action"})
	if !ok {
		return pol, false
	}
	if operatorNode != nil && pol.Action != "" && pol.Action != ActionRedact {
		p.errf(operatorNode, key+".operator", "applies to action redact only, not %s", pol.Action)
	}
	if approvalNode != nil && pol.Approval && pol.Action == ActionAlert {
		p.errf(approvalNode, key+".approval", "an alert changes nothing: there is nothing to approve")
	}
	return pol, len(p.errs) == before
}

func (p *parser) when(n *yaml.Node, key string) When {
	var w When
	fields := map[string]func(*yaml.Node, string){
		"types": func(v *yaml.Node, k string) {
			w.Types = p.list(v, k, func(it *yaml.Node, k string) bool {
				if !typeRE.MatchString(it.Value) {
					p.errf(it, k, "%q is not an entity type name (UPPER_SNAKE, see TAXONOMY.md)", it.Value)
					return false
				}
				if p.opt.TypeCategory != nil {
					if _, ok := p.opt.TypeCategory(it.Value); !ok {
						p.errf(it, k, "unknown entity type %q (weir detectors lists the types)", it.Value)
						return false
					}
				}
				return true
			})
		},
		"categories": func(v *yaml.Node, k string) {
			w.Categories = p.list(v, k, func(it *yaml.Node, k string) bool {
				if !contains(Categories, it.Value) {
					p.errf(it, k, "unknown category %q (want %s)", it.Value, strings.Join(Categories, ", "))
					return false
				}
				return true
			})
		},
		"min_confidence": func(v *yaml.Node, k string) {
			if !p.kind(v, k, yaml.ScalarNode, "a number in [0,1]") {
				return
			}
			f, err := strconv.ParseFloat(v.Value, 64)
			if (v.Tag != "!!float" && v.Tag != "!!int") || err != nil || f < 0 || f > 1 {
				p.errf(v, k, "must be a number in [0,1]")
				return
			}
			w.MinConfidence = f
		},
		"sources": func(v *yaml.Node, k string) {
			w.Sources = p.list(v, k, func(it *yaml.Node, k string) bool {
				if it.Value == "" {
					p.errf(it, k, "empty source")
					return false
				}
				return true
			})
		},
		"datasets": func(v *yaml.Node, k string) {
			w.Datasets = p.list(v, k, func(it *yaml.Node, k string) bool {
				if it.Value == "" {
					p.errf(it, k, "empty dataset pattern")
					return false
				}
				return true
			})
			for _, g := range w.Datasets {
				w.datasetRE = append(w.datasetRE, glob.Compile(g))
			}
		},
		"dataset_tags": func(v *yaml.Node, k string) {
			if !p.kind(v, k, yaml.MappingNode, "a mapping of tag: value") {
				return
			}
			w.DatasetTags = map[string]string{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				tk, tv := v.Content[i], v.Content[i+1]
				kk := join(k, tk.Value)
				if _, dup := w.DatasetTags[tk.Value]; dup {
					p.errf(tk, kk, "duplicate key")
					continue
				}
				if s, ok := p.str(tv, kk); ok {
					w.DatasetTags[tk.Value] = s
				}
			}
			if len(w.DatasetTags) == 0 {
				p.errf(v, k, "empty mapping (leave the key out instead)")
			}
		},
		"feeds": func(v *yaml.Node, k string) {
			f := &Feeds{Kind: "any"}
			var kindNode *yaml.Node
			if !p.mapping(v, k, map[string]func(*yaml.Node, string){
				"kind": func(v *yaml.Node, k string) {
					kindNode = v
					if s, ok := p.str(v, k); ok {
						switch s {
						case "model", "collection", "any":
							f.Kind = s
						default:
							p.errf(v, k, "%q: want model, collection or any", s)
						}
					}
				},
				"exposure": func(v *yaml.Node, k string) {
					if s, ok := p.str(v, k); ok {
						switch s {
						case "internal", "external":
							f.Exposure = s
						default:
							p.errf(v, k, "%q: want internal or external", s)
						}
					}
				},
			}, nil) {
				return
			}
			if f.Exposure != "" && f.Kind == "collection" {
				at := kindNode
				if at == nil {
					at = v
				}
				p.errf(at, k+".exposure", "exposure applies to models, not collections")
			}
			if f.Exposure != "" && f.Kind == "any" {
				f.Kind = "model" // only models have an exposure
			}
			w.Feeds = f
		},
	}
	if p.mapping(n, key, fields, nil) && len(n.Content) == 0 {
		p.errf(n, key, "no condition: a policy must say when it applies")
	}
	return w
}
