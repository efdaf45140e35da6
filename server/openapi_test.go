package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// schemaCheck validates v against a JSON Schema subset (type, enum,
// required, properties, additionalProperties, items, $ref into
// #/components/...): enough to catch a response that drifts from the spec.
func schemaCheck(spec map[string]any, schema any, v any, path string) error {
	s, _ := schema.(map[string]any)
	if s == nil {
		return fmt.Errorf("%s: schema is not an object", path)
	}
	if ref, ok := s["$ref"].(string); ok {
		target, err := resolve(spec, ref)
		if err != nil {
			return err
		}
		return schemaCheck(spec, target, v, path)
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
			return fmt.Errorf("%s: %s, want %v", path, jsonType(v), types)
		}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v not in %v", path, v, enum)
	}
	switch v := v.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		for _, r := range asStrings(s["required"]) {
			if _, ok := v[r]; !ok {
				return fmt.Errorf("%s: required %q missing", path, r)
			}
		}
		for k, x := range v {
			if ps, ok := props[k]; ok {
				if err := schemaCheck(spec, ps, x, path+"."+k); err != nil {
					return err
				}
				continue
			}
			switch ap := s["additionalProperties"].(type) {
			case bool:
				if !ap {
					return fmt.Errorf("%s: property %q not in the spec", path, k)
				}
			case map[string]any:
				if err := schemaCheck(spec, ap, x, path+"."+k); err != nil {
					return err
				}
			default:
				if props != nil {
					return fmt.Errorf("%s: property %q not in the spec", path, k)
				}
			}
		}
	case []any:
		if items, ok := s["items"]; ok {
			for i, x := range v {
				if err := schemaCheck(spec, items, x, fmt.Sprintf("%s[%d]", path, i)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	}
	return "object"
}

func asStrings(v any) []string {
	var out []string
	xs, _ := v.([]any)
	for _, x := range xs {
		out = append(out, x.(string))
	}
	return out
}

func resolve(spec map[string]any, ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("external $ref %q", ref)
	}
	var cur any = spec
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok || m[part] == nil {
			return nil, fmt.Errorf("$ref %q does not resolve", ref)
		}
		cur = m[part]
	}
	return cur, nil
}

// walkRefs checks that every $ref in v resolves.
func walkRefs(t *testing.T, spec map[string]any, v any) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok {
			if _, err := resolve(spec, ref); err != nil {
				t.Error(err)
			}
		}
		for _, x := range v {
			walkRefs(t, spec, x)
		}
	case []any:
		for _, x := range v {
			walkRefs(t, spec, x)
		}
	}
}

// TestServerOpenAPI fetches the served document, checks it is the embedded
// one and a well-formed OpenAPI 3.1 document, that its operations are
// exactly the handler's routes, and walks every operation: the example
// request validates against the request schema, and the handler's answers
// (success, and the errors it can provoke) have documented statuses and
// bodies that validate against the documented schemas.
func TestServerOpenAPI(t *testing.T) {
	ts := newTestServer(t, nil)
	r := ts.do(t, "GET", "/openapi.json", "", "", nil)
	if r.status != 200 || !bytes.Equal(r.body, openAPI) {
		t.Fatalf("served spec differs from the embedded one (status %d)", r.status)
	}
	spec := decode[map[string]any](t, r)
	if spec["openapi"] != "3.1.0" {
		t.Errorf("openapi %v, want 3.1.0", spec["openapi"])
	}
	info, _ := spec["info"].(map[string]any)
	if info["title"] == nil || info["version"] == nil {
		t.Error("info needs title and version")
	}
	walkRefs(t, spec, spec)
	paths := spec["paths"].(map[string]any)
	var ops []string
	ids := map[string]bool{}
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			ops = append(ops, strings.ToUpper(method)+" "+p)
			o := op.(map[string]any)
			id, _ := o["operationId"].(string)
			if id == "" || ids[id] {
				t.Errorf("%s %s: missing or duplicate operationId", method, p)
			}
			ids[id] = true
			if o["responses"] == nil {
				t.Errorf("%s %s: no responses", method, p)
			}
		}
	}
	slices.Sort(ops)
	routes := slices.Clone(ts.h.routes)
	slices.Sort(routes)
	if !slices.Equal(ops, routes) {
		t.Fatalf("spec operations %v\nhandler routes  %v", ops, routes)
	}

	check := func(op map[string]any, name string, res result) {
		t.Helper()
		resp, ok := op["responses"].(map[string]any)[fmt.Sprint(res.status)]
		if !ok {
			t.Errorf("%s: status %d not documented (body %s)", name, res.status, res.body)
			return
		}
		rm := resp.(map[string]any)
		if ref, ok := rm["$ref"].(string); ok {
			x, _ := resolve(spec, ref)
			rm = x.(map[string]any)
		}
		content, _ := rm["content"].(map[string]any)
		if mt, ok := content["application/json"].(map[string]any); ok {
			var v any
			if err := json.Unmarshal(res.body, &v); err != nil {
				t.Errorf("%s: body is not JSON: %v", name, err)
				return
			}
			if err := schemaCheck(spec, mt["schema"], v, name); err != nil {
				t.Errorf("%s: %v (body %s)", name, err, res.body)
			}
		} else if _, ok := content["text/plain"]; !ok {
			t.Errorf("%s: response %d documents no content type weir serves", name, res.status)
		}
	}
	for _, route := range routes {
		method, p, _ := strings.Cut(route, " ")
		op := paths[p].(map[string]any)[strings.ToLower(method)].(map[string]any)
		if method == "GET" {
			check(op, route, ts.do(t, "GET", p, "", "", nil))
			continue
		}
		mt := op["requestBody"].(map[string]any)["content"].(map[string]any)["application/json"].(map[string]any)
		if err := schemaCheck(spec, mt["schema"], mt["example"], route+" example"); err != nil {
			t.Errorf("example request: %v", err)
		}
		example, _ := json.Marshal(mt["example"])
		check(op, route+" 200", ts.do(t, "POST", p, keyAll, "application/json", example))
		check(op, route+" 400", ts.do(t, "POST", p, keyAll, "application/json", []byte(`{`)))
		check(op, route+" 401", ts.do(t, "POST", p, "", "application/json", example))
		check(op, route+" 403", ts.do(t, "POST", p, keyLacking(p), "application/json", example))
		check(op, route+" 405", ts.do(t, "GET", p, keyAll, "", nil))
		check(op, route+" 415", ts.do(t, "POST", p, keyAll, "text/plain", example))
		check(op, route+" 413", ts.do(t, "POST", p, keyAll, "application/json", append([]byte(`{"text":"`), bytes.Repeat([]byte("a"), DefaultMaxBodyBytes+1)...)))
		limited := newTestServer(t, func(c *Config) { c.RateLimit = 0.001; c.RateBurst = 1 })
		limited.do(t, "POST", p, keyAll, "application/json", example)
		res := limited.do(t, "POST", p, keyAll, "application/json", example)
		if res.header.Get("Retry-After") == "" {
			t.Errorf("%s: 429 without Retry-After", route)
		}
		check(op, route+" 429", res)
	}
}

// keyLacking returns a key without the scope path needs.
func keyLacking(path string) string {
	if path == "/v1/redact" {
		return keyClassify
	}
	return keyRedact
}

// TestSchemaCheckCatchesDrift pins the validator itself: a body missing a
// required field or carrying an undocumented one fails.
func TestSchemaCheckCatchesDrift(t *testing.T) {
	var spec map[string]any
	if err := json.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	errSchema := map[string]any{"$ref": "#/components/schemas/Error"}
	for _, body := range []string{`{"error":{"code":"x"}}`, `{"error":{"code":"x","message":"y"},"extra":1}`, `{"error":"x"}`} {
		var v any
		json.Unmarshal([]byte(body), &v)
		if err := schemaCheck(spec, errSchema, v, "body"); err == nil {
			t.Errorf("%s passed the Error schema", body)
		}
	}
	var v any
	json.Unmarshal([]byte(`{"error":{"code":"x","message":"y"}}`), &v)
	if err := schemaCheck(spec, errSchema, v, "body"); err != nil {
		t.Error(err)
	}
}
