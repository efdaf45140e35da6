package vectordb

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		kind         Kind
		method, path string
		ok           bool
		want         route
	}{
		{KindAuto, "PUT", "/collections/docs/points", true, route{KindQdrant, "upsert", "docs"}},
		{KindAuto, "POST", "/collections/docs/points/batch", true, route{KindQdrant, "batch", "docs"}},
		{KindAuto, "POST", "/collections/docs/points/payload", true, route{KindQdrant, "set_payload", "docs"}},
		{KindAuto, "PUT", "/collections/docs/points/payload", true, route{KindQdrant, "overwrite_payload", "docs"}},
		{KindAuto, "POST", "/vectors/upsert", true, route{KindPinecone, "upsert", ""}},
		{KindAuto, "POST", "/vectors/update", true, route{KindPinecone, "update", ""}},
		{KindAuto, "POST", "/api/v1/collections/c1/upsert", true, route{KindChroma, "upsert", "c1"}},
		{KindAuto, "POST", "/api/v1/collections/c1/add", true, route{KindChroma, "add", "c1"}},
		{KindAuto, "POST", "/api/v2/tenants/t/databases/d/collections/c1/upsert", true, route{KindChroma, "upsert", "c1"}},
		{KindAuto, "POST", "/v1/objects", true, route{KindWeaviate, "create", ""}},
		{KindAuto, "PUT", "/v1/objects/Docs/0d0c", true, route{KindWeaviate, "replace", "Docs"}},
		{KindAuto, "POST", "/v1/batch/objects", true, route{KindWeaviate, "batch", ""}},
		{KindQdrant, "PUT", "/collections/docs/points", true, route{KindQdrant, "upsert", "docs"}},
		// negatives
		{KindAuto, "POST", "/collections/docs/points", false, route{}}, // Qdrant upsert is PUT
		{KindAuto, "POST", "/collections/docs/points/search", false, route{}},
		{KindAuto, "DELETE", "/collections/docs/points", false, route{}},
		{KindAuto, "PUT", "/collections//points", false, route{}},
		{KindAuto, "GET", "/vectors/upsert", false, route{}},
		{KindAuto, "POST", "/query", false, route{}},
		{KindAuto, "POST", "/api/v1/collections/c1/query", false, route{}},
		{KindAuto, "POST", "/api/v1/collections/c1/get", false, route{}},
		{KindAuto, "POST", "/api/v3/collections/c1/add", false, route{}},
		{KindAuto, "GET", "/v1/objects", false, route{}},
		{KindAuto, "POST", "/v1/graphql", false, route{}},
		{KindPinecone, "PUT", "/collections/docs/points", false, route{}},
		{KindChroma, "POST", "/vectors/upsert", false, route{}},
	}
	for _, c := range cases {
		got, ok := match(c.kind, c.method, c.path)
		if ok != c.ok || got != c.want {
			t.Errorf("match(%s, %s %s) = %+v, %v; want %+v, %v", c.kind, c.method, c.path, got, ok, c.want, c.ok)
		}
	}
}

// More shapes: single objects and payload updates.
func TestItemsOtherShapes(t *testing.T) {
	cases := []struct {
		method, path, body string
		ids                []string
		collection         string
		texts              []string // field paths found
	}{
		{"POST", "/v1/objects", `{"class":"Docs","id":"u1","properties":{"text":"a","n":3},"vector":[1]}`, []string{`"u1"`}, "Docs", []string{"properties.text"}},
		{"PATCH", "/v1/objects/Docs/u1", `{"properties":{"content":"a"}}`, []string{""}, "Docs", []string{"properties.content"}},
		{"POST", "/vectors/update", `{"id":"v1","values":[1],"setMetadata":{"text":"a"},"namespace":"ns"}`, []string{`"v1"`}, "ns", []string{"setMetadata.text"}},
		{"POST", "/vectors/upsert", `{"vectors":[{"id":"v1","values":[1],"metadata":{"text":["a","b",3]}}]}`, []string{`"v1"`}, PineconeDefaultNamespace, []string{"metadata.text[0]", "metadata.text[1]"}},
		{"POST", "/collections/c/points/payload", `{"payload":{"text":"a"},"points":[1,2]}`, []string{`[1,2]`}, "c", []string{"payload.text"}},
		{"POST", "/collections/c/points/batch", `{"operations":[{"set_payload":{"payload":{"text":"a"},"filter":{}}},{"delete":{"points":[1]}}]}`, []string{""}, "c", []string{"payload.text"}},
		{"PUT", "/collections/c/points", `{"points":[{"id":1,"vector":[1],"payload":{"text":"a","text":"b"}}]}`, []string{`1`}, "c", []string{"payload.text", "payload.text"}},
		{"POST", "/api/v1/collections/c/add", `{"ids":["a"],"embeddings":null,"documents":null,"metadatas":[{"text":"x"}]}`, []string{`"a"`}, "c", []string{"metadatas.text"}},
	}
	in, err := NewInspector(testEngine(t), Rules{}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		rt, ok := match(KindAuto, c.method, c.path)
		if !ok {
			t.Fatalf("%s %s not matched", c.method, c.path)
		}
		root, err := parseBody([]byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		its, err := items(rt, root)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		var ids []string
		var fields []string
		for i := range its {
			ids = append(ids, string(its[i].id))
			if its[i].collection != c.collection {
				t.Errorf("%s: collection %q", c.path, its[i].collection)
			}
			for _, tx := range collectTexts(&its[i], in.rules.rule(its[i].collection), nil) {
				fields = append(fields, tx.field)
			}
		}
		if strings.Join(ids, " ") != strings.Join(c.ids, " ") || strings.Join(fields, " ") != strings.Join(c.texts, " ") {
			t.Errorf("%s %s: ids %v fields %v", c.method, c.path, ids, fields)
		}
	}
}

func TestParseRules(t *testing.T) {
	good := `
default:
  mode: observe
  fields: [page_content, metadata.summary]
collections:
  hr: {mode: enforce, block: [PHI, US_SSN], operator: mask, operators: {EMAIL_ADDRESS: drop}, min_confidence: 0.6}
`
	r, err := ParseRules([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	in, err := NewInspector(testEngine(t), r, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if in.Mode("hr") != ModeEnforce || in.Mode("other") != ModeObserve || len(in.Fields("hr")) != 2 {
		t.Errorf("modes/fields: %v %v %v", in.Mode("hr"), in.Mode("other"), in.Fields("hr"))
	}
	if r, err := ParseRules(nil); err != nil || r.Default.Mode != "" {
		t.Errorf("empty rules: %v", err)
	}
	bad := map[string]string{
		"unknown key":      "default: {mode: observe, colour: red}\n",
		"bad mode":         "default: {mode: block}\n",
		"bad type":         "collections: {a: {types: [NOT_A_TYPE]}}\n",
		"bad block":        "collections: {a: {block: [NOPE]}}\n",
		"bad operator":     "default: {operator: shred}\n",
		"hash without key": "default: {operator: hash}\n",
		"bad field":        "default: {fields: [a..b]}\n",
		"bad confidence":   "default: {min_confidence: 2}\n",
	}
	for name, y := range bad {
		r, err := ParseRules([]byte(y))
		if err == nil {
			_, err = NewInspector(testEngine(t), r, nil, 1)
		}
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The tree encoder writes unexpanded values byte for byte and only
// re-encodes what changed.
func TestTreeRoundTrip(t *testing.T) {
	body := `{ "a" : [1.50, 2e3] , "b":{"t":"x\u00e9","n":null}, "c" :"<keep>"}`
	root, err := parseBody([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	o, _ := root.asObject()
	b, _ := o.get("b").asObject()
	var buf bytes.Buffer
	if err := root.encode(&buf); err != nil || buf.String() != body {
		t.Fatalf("unchanged tree re-encoded: %q %v", buf.String(), err)
	}
	b.get("t").setString("<EMAIL_ADDRESS> é")
	buf.Reset()
	if err := root.encode(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{"a":[1.50, 2e3],"b":{"t":"<EMAIL_ADDRESS> é","n":null},"c":"<keep>"}`
	if buf.String() != want || !json.Valid(buf.Bytes()) {
		t.Errorf("got %s want %s", buf.String(), want)
	}
}
