package custom

import (
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/weir-dev/weir/classifiers/detector"
)

// fields lists the keys of one detector.
var fields = []string{"id", "type", "category", "keywords", "digits", "before", "after", "pattern",
	"group", "trim", "validator", "confidence", "context", "reject", "need", "placeholders", "examples", "negatives"}

// detector parses one detector mapping; ok is false if it had errors
// (recorded in p.errs).
func (p *parser) detector(n *yaml.Node) (s detector.Spec, ok bool) {
	nerr := len(p.errs)
	if n.Kind != yaml.MappingNode {
		p.errorf(n.Line, "", "want a detector (a mapping with id, type, category, pattern, ...)")
		return s, false
	}
	vals := map[string]*yaml.Node{}
	keyLine := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, "", "detector keys must be plain words")
			continue
		}
		if vals[k.Value] != nil {
			p.errorf(k.Line, "", "duplicate key %q", k.Value)
			continue
		}
		vals[k.Value], keyLine[k.Value] = v, k.Line
	}
	// The id first, so every later error names the detector.
	if v := vals["id"]; v != nil {
		s.ID = p.str(v, "", "id")
		if s.ID != "" && !idRE.MatchString(s.ID) {
			p.errorf(v.Line, s.ID, "id must match %s", idRE)
		}
	}
	id := s.ID
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && !known(k.Value) {
			p.errorf(k.Line, id, "unknown key %q (known: %s)", k.Value, strings.Join(fields, ", "))
		}
	}
	need := func(key string) *yaml.Node {
		v := vals[key]
		if v == nil {
			p.errorf(n.Line, id, "missing %s", key)
		}
		return v
	}
	if vals["id"] == nil {
		need("id")
	}
	if v := need("type"); v != nil {
		s.Type = p.str(v, id, "type")
		if s.Type != "" && !typeRE.MatchString(s.Type) {
			p.errorf(v.Line, id, "type %q must match %s", s.Type, typeRE)
		}
	}
	if v := need("category"); v != nil {
		switch c := detector.Category(strings.ToUpper(p.str(v, id, "category"))); c {
		case detector.PII, detector.PHI, detector.Secret:
			s.Category = c
		default:
			p.errorf(v.Line, id, "category %q: want PII, PHI or SECRET", v.Value)
		}
	}
	if v := vals["keywords"]; v != nil {
		s.Keywords = p.strs(v, id, "keywords")
		for _, k := range s.Keywords {
			if strings.TrimSpace(k) == "" {
				p.errorf(v.Line, id, "keywords: empty keyword")
			}
		}
	}
	if v := vals["digits"]; v != nil {
		s.Digits = p.digits(v, id)
	}
	if len(s.Keywords) == 0 && vals["digits"] == nil && (vals["need"] == nil || vals["need"].Value != "column") {
		p.errorf(n.Line, id, "needs keywords, digits or need: column (how the engine finds candidates)")
	}
	s.Before = p.window(vals["before"], id, "before")
	s.After = p.window(vals["after"], id, "after")
	var re *regexp.Regexp
	if v := need("pattern"); v != nil {
		s.Pattern = p.str(v, id, "pattern")
		if s.Pattern == "" {
			p.errorf(v.Line, id, "pattern: empty")
		} else if r, err := regexp.Compile(s.Pattern); err != nil {
			p.errorf(v.Line, id, "pattern: %v", err)
		} else {
			re = r
		}
	}
	if v := vals["group"]; v != nil {
		s.Group = p.int(v, id, "group")
		if re != nil && (s.Group < 0 || s.Group > re.NumSubexp()) {
			p.errorf(v.Line, id, "group %d: pattern has %d groups", s.Group, re.NumSubexp())
		}
	}
	if v := vals["validator"]; v != nil {
		name := strings.ToLower(p.str(v, id, "validator"))
		if fn, ok := validators[name]; ok {
			s.Validator, s.ValidatorName = fn, name
		} else {
			p.errorf(v.Line, id, "unknown validator %q (known: %s)", v.Value, strings.Join(ValidatorNames(), ", "))
		}
	}
	if v := vals["confidence"]; v != nil {
		f, err := strconv.ParseFloat(v.Value, 64)
		if v.Kind != yaml.ScalarNode || err != nil || f < 0 || f > 1 || f != f {
			p.errorf(v.Line, id, "confidence: want a number in [0,1], got %q", v.Value)
		}
		s.Confidence = f
	}
	if v := vals["context"]; v != nil {
		for _, c := range p.strs(v, id, "context") {
			s.Context = append(s.Context, strings.ToLower(c))
		}
	}
	if v := vals["need"]; v != nil {
		switch p.str(v, id, "need") {
		case "no", "":
			s.Need = detector.ContextNo
		case "helps":
			s.Need = detector.ContextHelps
		case "required":
			s.Need = detector.ContextRequired
		case "column":
			s.Need = detector.ContextColumn
		default:
			p.errorf(v.Line, id, "need %q: want no, helps, required or column", v.Value)
		}
	}
	if v := vals["trim"]; v != nil {
		s.Trim = p.strs(v, id, "trim")
	}
	if v := vals["reject"]; v != nil {
		s.Reject = p.strs(v, id, "reject")
	}
	if v := vals["placeholders"]; v != nil {
		s.Placeholders = p.strs(v, id, "placeholders")
	}
	if v := vals["negatives"]; v != nil {
		s.Negatives = p.strs(v, id, "negatives")
	}
	if v := vals["examples"]; v != nil {
		s.Examples = p.strs(v, id, "examples")
		if re != nil && len(p.errs) == nerr {
			for i, ex := range s.Examples {
				if !matches(re, s.Group, s.Validator, ex) {
					p.errorf(line(v, i), id, "example %d does not match the pattern (and validator)", i+1)
				}
			}
		}
	}
	if len(p.errs) == nerr {
		if err := s.Validate(); err != nil { // whatever the checks above missed
			p.errorf(n.Line, "", "%v", err)
		}
	}
	return s, len(p.errs) == nerr
}

func known(key string) bool {
	for _, f := range fields {
		if f == key {
			return true
		}
	}
	return false
}

// matches reports whether some match of re in text passes validate.
func matches(re *regexp.Regexp, group int, validate func([]byte) bool, text string) bool {
	for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
		a, b := m[2*group], m[2*group+1]
		if a < 0 {
			continue
		}
		if validate == nil || validate([]byte(text[a:b])) {
			return true
		}
	}
	return false
}

// line is the line of item i of a sequence node.
func line(seq *yaml.Node, i int) int {
	if seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
		return seq.Content[i].Line
	}
	return seq.Line
}

func (p *parser) str(v *yaml.Node, id, key string) string {
	if v.Kind != yaml.ScalarNode {
		p.errorf(v.Line, id, "%s: want a string", key)
		return ""
	}
	return v.Value
}

// strs accepts a list of strings or one string.
func (p *parser) strs(v *yaml.Node, id, key string) []string {
	if v.Kind == yaml.ScalarNode {
		return []string{v.Value}
	}
	if v.Kind != yaml.SequenceNode {
		p.errorf(v.Line, id, "%s: want a list of strings", key)
		return nil
	}
	out := make([]string, 0, len(v.Content))
	for _, e := range v.Content {
		e = deref(e)
		if e.Kind != yaml.ScalarNode {
			p.errorf(e.Line, id, "%s: want a list of strings", key)
			continue
		}
		out = append(out, e.Value)
	}
	return out
}

func (p *parser) int(v *yaml.Node, id, key string) int {
	n, err := strconv.Atoi(v.Value)
	if v.Kind != yaml.ScalarNode || err != nil {
		p.errorf(v.Line, id, "%s: want an integer, got %q", key, v.Value)
	}
	return n
}

func (p *parser) window(v *yaml.Node, id, key string) int {
	if v == nil {
		return 0
	}
	n := p.int(v, id, key)
	if n < 0 || n > MaxWindow {
		p.errorf(v.Line, id, "%s: want 0..%d", key, MaxWindow)
	}
	return n
}

func (p *parser) digits(v *yaml.Node, id string) *detector.DigitTrigger {
	if v.Kind != yaml.MappingNode {
		p.errorf(v.Line, id, "digits: want {min: N, max: N}")
		return nil
	}
	var d detector.DigitTrigger
	var haveMin, haveMax bool
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], deref(v.Content[i+1])
		switch k.Value {
		case "min":
			d.Min, haveMin = p.int(val, id, "digits.min"), true
		case "max":
			d.Max, haveMax = p.int(val, id, "digits.max"), true
		default:
			p.errorf(k.Line, id, "digits: unknown key %q (known: min, max)", k.Value)
		}
	}
	if !haveMin || !haveMax {
		p.errorf(v.Line, id, "digits: want both min and max")
	} else if d.Min < 1 || d.Max < d.Min || d.Max > 64 {
		p.errorf(v.Line, id, "digits: want 1 <= min <= max <= 64, got %d..%d", d.Min, d.Max)
	}
	return &d
}
