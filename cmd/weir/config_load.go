package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// confValue is one setting given by the file or the environment, already
// checked against its key's type.
type confValue struct {
	key    confKey
	value  string   // in flag syntax (lists comma-separated)
	items  []string // kMap: TYPE=OPERATOR entries
	source string   // "FILE:LINE" or the environment variable
}

// confError is a configuration error that names the file, the line and the
// key (as classifiers/custom does for detector files).
type confError struct {
	File string // "" for an environment variable
	Line int    // 1-based; 0 if unknown
	Key  string // key path or environment variable
	Err  error
}

func (e *confError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *confError) Unwrap() error { return e.Err }

// errInlineSecret is wrapped by the error for a key that would hold a
// secret in the file.
var errInlineSecret = errors.New("secrets are not allowed in the config file: name a file holding it " +
	"(kafka.sasl_password_file, fingerprint_key_file, token_keys_file) or set it in the environment " +
	"(WEIR_KAFKA_SASL_PASSWORD, WEIR_FINGERPRINT_KEY, WEIR_TOKEN_KEYS)")

// readConfigFile reads and parses the configuration file at path.
func readConfigFile(path string) (map[string]confValue, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return parseConfig(path, data)
}

// parseConfig parses a configuration file named name. It reports every
// error it finds (unknown keys, wrong types, bad values, inline secrets),
// joined, each naming the line and the key.
func parseConfig(name string, data []byte) (map[string]confValue, error) {
	p := &confParser{file: name, keys: map[string]confKey{}, out: map[string]confValue{}}
	all := configKeys()
	for _, k := range all {
		p.keys[k.path] = k
	}
	p.all = all
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &confError{File: name, Err: err}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p.out, nil // empty file: defaults
	}
	root := deref(doc.Content[0])
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return p.out, nil
	}
	p.section(root, "")
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		errs := make([]error, len(p.errs))
		for i, e := range p.errs {
			errs[i] = e
		}
		return nil, errors.Join(errs...)
	}
	return p.out, nil
}

type confParser struct {
	file string
	all  []confKey
	keys map[string]confKey
	out  map[string]confValue
	errs []*confError
}

func (p *confParser) errorf(line int, key, format string, args ...any) {
	p.errs = append(p.errs, &confError{File: p.file, Line: line, Key: key, Err: fmt.Errorf(format, args...)})
}

// isSection reports whether path is a section (a prefix of some key).
func (p *confParser) isSection(path string) bool {
	for _, k := range p.all {
		if strings.HasPrefix(k.path, path+".") {
			return true
		}
	}
	return false
}

// section reads the mapping n whose keys are under prefix ("" at the top).
func (p *confParser) section(n *yaml.Node, prefix string) {
	if n.Kind != yaml.MappingNode {
		what := "the configuration"
		if prefix != "" {
			what = prefix
		}
		p.errorf(n.Line, prefix, "want a mapping of settings (%s: key: value)", what)
		return
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			p.errorf(k.Line, prefix, "keys must be plain words")
			continue
		}
		path := k.Value
		if prefix != "" {
			path = prefix + "." + k.Value
		}
		if first, dup := seen[k.Value]; dup {
			p.errorf(k.Line, path, "duplicate key (first at line %d)", first)
			continue
		}
		seen[k.Value] = k.Line
		if secretKey(k.Value) {
			p.errs = append(p.errs, &confError{File: p.file, Line: k.Line, Key: path, Err: errInlineSecret})
			continue
		}
		switch key, ok := p.keys[path]; {
		case ok:
			p.leaf(key, k, v)
		case p.isSection(path):
			p.section(v, path)
		default:
			where := "at the top level"
			if prefix != "" {
				where = "in " + prefix
			}
			p.errorf(k.Line, path, "unknown key (known %s: %s)", where, strings.Join(sectionKeys(p.all, prefix), ", "))
		}
	}
}

// leaf checks and records the value v of key (named by the key node kn).
func (p *confParser) leaf(key confKey, kn, v *yaml.Node) {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
		return // "key:" with no value leaves the default
	}
	src := fmt.Sprintf("%s:%d", p.file, kn.Line)
	var cv confValue
	var err error
	switch {
	case key.kind == kList && v.Kind == yaml.SequenceNode:
		items := make([]string, 0, len(v.Content))
		for _, e := range v.Content {
			e = deref(e)
			if e.Kind != yaml.ScalarNode || strings.TrimSpace(e.Value) == "" || strings.Contains(e.Value, ",") {
				p.errorf(e.Line, key.path, "want %s (non-empty, without commas)", key.kind)
				return
			}
			items = append(items, strings.TrimSpace(e.Value))
		}
		cv, err = checkValue(key, strings.Join(items, ","))
	case key.kind == kMap && v.Kind == yaml.MappingNode:
		var pairs []string
		for i := 0; i+1 < len(v.Content); i += 2 {
			t, op := deref(v.Content[i]), deref(v.Content[i+1])
			if t.Kind != yaml.ScalarNode || op.Kind != yaml.ScalarNode {
				p.errorf(t.Line, key.path, "want %s", key.kind)
				return
			}
			pairs = append(pairs, t.Value+"="+op.Value)
		}
		cv, err = checkValue(key, strings.Join(pairs, ","))
	case v.Kind != yaml.ScalarNode || key.kind == kList || key.kind == kMap:
		if key.kind == kList && v.Kind == yaml.ScalarNode {
			cv, err = checkValue(key, v.Value)
			break
		}
		p.errorf(v.Line, key.path, "want %s", key.kind)
		return
	default:
		if msg := tagMismatch(key.kind, v); msg != "" {
			p.errorf(v.Line, key.path, "%s", msg)
			return
		}
		cv, err = checkValue(key, v.Value)
	}
	if err != nil {
		p.errorf(v.Line, key.path, "%v", err)
		return
	}
	cv.source = src
	p.out[key.path] = cv
}

// tagMismatch says why a scalar's YAML type does not fit kind ("" if it
// does): true for a number, 5 for a duration, yes-quoted strings...
func tagMismatch(kind keyKind, v *yaml.Node) string {
	tag := v.ShortTag()
	ok := true
	switch kind {
	case kBool:
		ok = tag == "!!bool"
	case kInt:
		ok = tag == "!!int"
	case kFloat:
		ok = tag == "!!int" || tag == "!!float"
	case kString, kDuration:
		ok = tag == "!!str" || tag == "!!int" || tag == "!!float"
	case kSize:
		ok = tag == "!!str" || tag == "!!int"
	}
	if ok {
		return ""
	}
	return fmt.Sprintf("want %s, got %q", kind, v.Value)
}

// checkValue checks a value given as text (from the file or an environment
// variable) against key and returns it normalized.
func checkValue(key confKey, s string) (confValue, error) {
	cv := confValue{key: key}
	s = strings.TrimSpace(s)
	bad := func() (confValue, error) { return cv, fmt.Errorf("want %s, got %q", key.kind, s) }
	switch key.kind {
	case kBool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return bad()
		}
		cv.value = strconv.FormatBool(b)
	case kInt:
		if _, err := strconv.Atoi(s); err != nil {
			return bad()
		}
		cv.value = s
	case kFloat:
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return bad()
		}
		cv.value = s
	case kDuration:
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return bad()
		}
		cv.value = s
	case kSize:
		if _, err := parseSize(key.path, s); err != nil {
			return bad()
		}
		cv.value = s
	case kList:
		items := splitList(s)
		if len(items) == 0 {
			return cv, errors.New("empty list")
		}
		cv.value = strings.Join(items, ",")
	case kMap:
		for _, kv := range splitList(s) {
			t, op, ok := strings.Cut(kv, "=")
			t, op = strings.ToUpper(strings.TrimSpace(t)), strings.TrimSpace(op)
			if !ok || t == "" || op == "" {
				return bad()
			}
			norm, err := enumValue(key.enum, op)
			if err != nil {
				return cv, fmt.Errorf("%s: %w", t, err)
			}
			cv.items = append(cv.items, t+"="+norm)
		}
		cv.value = strings.Join(cv.items, ",")
	default:
		v, err := enumValue(key.enum, s)
		if err != nil {
			return cv, err
		}
		cv.value = v
	}
	return cv, nil
}

// enumValue returns s in the spelling of the allowed value it matches
// (case-insensitive); any s if allowed is empty.
func enumValue(allowed []string, s string) (string, error) {
	if len(allowed) == 0 {
		return s, nil
	}
	for _, a := range allowed {
		if strings.EqualFold(a, s) {
			return a, nil
		}
	}
	return "", fmt.Errorf("%q is not one of %s", s, strings.Join(allowed, ", "))
}

// deref follows YAML aliases (bounded, so alias loops end).
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 8; i++ {
		n = n.Alias
	}
	return n
}
