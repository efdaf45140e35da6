package main

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
)

// A JSON Schema (draft-04) validator for the keywords the SARIF 2.1.0 schema
// uses: $ref (local), type, required, properties, additionalProperties,
// items, enum, minimum, maximum, minItems, uniqueItems, pattern, anyOf,
// oneOf. ("format" is not checked.) No validator module is in the project's
// dependencies; this one is small enough to read in a test.
type schemaValidator struct {
	root map[string]any
	errs []string
}

func (v *schemaValidator) validate(schema map[string]any, x any, path string) {
	if ref, ok := schema["$ref"].(string); ok {
		v.validate(v.resolve(ref), x, path)
		return
	}
	if t, ok := schema["type"]; ok && !typeMatches(t, x) {
		v.errorf(path, "type %v, got %T", t, x)
		return
	}
	if e, ok := schema["enum"].([]any); ok {
		found := false
		for _, c := range e {
			if fmt.Sprint(c) == fmt.Sprint(x) {
				found = true
			}
		}
		if !found {
			v.errorf(path, "%v not in enum %v", x, e)
		}
	}
	for _, kw := range []string{"anyOf", "oneOf"} {
		alts, ok := schema[kw].([]any)
		if !ok {
			continue
		}
		n := 0
		for _, a := range alts {
			sub := &schemaValidator{root: v.root}
			sub.validate(a.(map[string]any), x, path)
			if len(sub.errs) == 0 {
				n++
			}
		}
		if n == 0 || kw == "oneOf" && n > 1 {
			v.errorf(path, "%s: %d alternatives match", kw, n)
		}
	}
	switch x := x.(type) {
	case map[string]any:
		for _, r := range asSlice(schema["required"]) {
			if _, ok := x[r.(string)]; !ok {
				v.errorf(path, "missing required property %q", r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, val := range x {
			if p, ok := props[k].(map[string]any); ok {
				v.validate(p, val, path+"."+k)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					v.errorf(path, "property %q not allowed", k)
				}
			case map[string]any:
				v.validate(ap, val, path+"."+k)
			}
		}
	case []any:
		if m, ok := schema["minItems"].(float64); ok && float64(len(x)) < m {
			v.errorf(path, "%d items, want at least %v", len(x), m)
		}
		if u, _ := schema["uniqueItems"].(bool); u {
			seen := map[string]bool{}
			for _, e := range x {
				b, _ := json.Marshal(e)
				if seen[string(b)] {
					v.errorf(path, "duplicate item %s", b)
				}
				seen[string(b)] = true
			}
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range x {
				v.validate(items, e, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	case float64:
		if m, ok := schema["minimum"].(float64); ok && x < m {
			v.errorf(path, "%v < minimum %v", x, m)
		}
		if m, ok := schema["maximum"].(float64); ok && x > m {
			v.errorf(path, "%v > maximum %v", x, m)
		}
	case string:
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(x) {
			v.errorf(path, "%q does not match %s", x, p)
		}
	}
}

func (v *schemaValidator) resolve(ref string) map[string]any {
	var node any = v.root
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		node = node.(map[string]any)[part]
	}
	return node.(map[string]any)
}

func (v *schemaValidator) errorf(path, format string, args ...any) {
	v.errs = append(v.errs, path+": "+fmt.Sprintf(format, args...))
}

func asSlice(x any) []any { s, _ := x.([]any); return s }

func typeMatches(t, x any) bool {
	if ts, ok := t.([]any); ok {
		for _, e := range ts {
			if typeMatches(e, x) {
				return true
			}
		}
		return false
	}
	switch t {
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	case "string":
		_, ok := x.(string)
		return ok
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "null":
		return x == nil
	case "number":
		_, ok := x.(float64)
		return ok
	case "integer":
		f, ok := x.(float64)
		return ok && f == math.Trunc(f)
	}
	return true
}
