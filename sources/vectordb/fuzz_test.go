package vectordb

import (
	"bytes"
	"encoding/json"
	"testing"
)

// fuzzRoutes are the write calls FuzzUpsertBody feeds bodies to.
var fuzzRoutes = []route{
	{KindQdrant, "upsert", "c"}, {KindQdrant, "batch", "c"}, {KindQdrant, "set_payload", "c"},
	{KindPinecone, "upsert", ""}, {KindPinecone, "update", ""},
	{KindChroma, "upsert", "c"}, {KindWeaviate, "create", ""}, {KindWeaviate, "batch", ""},
}

// FuzzUpsertBody checks the upsert body parsers: no panic on any input; an
// unchanged tree encodes to the input byte for byte; rewriting every text
// field gives valid JSON in which each point id is unchanged.
func FuzzUpsertBody(f *testing.F) {
	for i, c := range apiCases {
		f.Add(uint8(i), []byte(c.body(dirtyText, cleanText)))
	}
	f.Add(uint8(6), []byte(`{"class":"D","id":"u","properties":{"text":["a",{"x":1}],"text":"b"},"vector":[1e400]}`))
	f.Add(uint8(1), []byte(`{"operations":[{"upsert":{"batch":{"ids":[1],"payloads":[{"text":"x"}]}}},{"set_payload":{"payload":{"text":"y"}}}]}`))
	f.Add(uint8(0), []byte(`{"points":[{"id":1,"payload":{"text":"\ud800 bad surrogate"}}]}`))
	rule := &compiledRule{mode: ModeEnforce, fields: [][]string{{"text"}, {"page_content"}, {"content"}, {"documents"}, {"metadata", "text"}}}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		rt := fuzzRoutes[int(which)%len(fuzzRoutes)]
		root, err := parseBody(body)
		if (err == nil) != json.Valid(body) {
			t.Fatalf("parseBody and json.Valid disagree: %v", err)
		}
		if err != nil {
			return
		}
		if !bytes.Equal(root.raw, bytes.TrimSpace(body)) {
			t.Fatalf("skipValue stopped early: %q", root.raw)
		}
		its, err := items(rt, root)
		if err != nil {
			return
		}
		var ids [][]byte
		var texts []*text
		for i := range its {
			ids = append(ids, its[i].id)
			texts = collectTexts(&its[i], rule, texts)
			_ = provenance(&its[i], &compiledRule{provenance: DefaultProvenanceFields})
		}
		var buf bytes.Buffer
		if err := root.encode(&buf); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), root.raw) {
			t.Fatalf("unchanged tree re-encoded differently")
		}
		for _, tx := range texts {
			var want string
			if err := json.Unmarshal(tx.node.raw, &want); err != nil || want != tx.value {
				t.Fatalf("string decoded as %q, encoding/json says %q (%v)", tx.value, want, err)
			}
		}
		for _, tx := range texts {
			tx.node.setString("<R>")
		}
		buf.Reset()
		if err := root.encode(&buf); err != nil {
			t.Fatal(err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatalf("rewritten body is not valid JSON: %q", buf.Bytes())
		}
		// Ids are never touched: parsing the rewritten body yields them again.
		root2, err := parseBody(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		its2, err := items(rt, root2)
		if err != nil || len(its2) != len(its) {
			t.Fatalf("rewritten body parses differently: %v", err)
		}
		for i := range its2 {
			if !bytes.Equal(its2[i].id, ids[i]) {
				t.Fatalf("id %d changed: %s -> %s", i, ids[i], its2[i].id)
			}
		}
	})
}
