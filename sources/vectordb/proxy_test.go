package vectordb

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// apiCase is one upsert shape with two points: the first's text holds
// text0, the second's text1; ids and vectors are given raw.
type apiCase struct {
	name, method, path string
	ids                []string // raw JSON ids, as they appear in the body
	source             string   // provenance of the first point ("" when the API has none here)
	field              string   // the first point's field path in reports
	body               func(text0, text1 string) string
}

func q(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(buf.String())
}

var apiCases = []apiCase{
	{"qdrant/points", "PUT", "/collections/docs/points?wait=true", []string{`42`, `"5c56c793-69f3-4fbf-87e6-c4bf54c28c26"`}, "s3://docs/a.pdf", "payload.page_content",
		func(a, b string) string {
			return `{"points":[{"id":42,"vector":` + vecA + `,"payload":{"page_content":` + q(a) + `,"metadata":{"source":"s3://docs/a.pdf","page":3}}},` +
				`{"id":"5c56c793-69f3-4fbf-87e6-c4bf54c28c26","vector":` + vecB + `,"payload":{"page_content":` + q(b) + `}}]}`
		}},
	{"qdrant/batch-form", "PUT", "/collections/docs/points", []string{`1`, `2`}, "a.txt", "payload.text",
		func(a, b string) string {
			return `{"batch":{"ids":[1,2],"vectors":[` + vecA + `,` + vecB + `],"payloads":[{"text":` + q(a) + `,"source":"a.txt"},{"text":` + q(b) + `}]}}`
		}},
	{"qdrant/batch-ops", "POST", "/collections/docs/points/batch", []string{`7`, `8`}, "", "payload.content",
		func(a, b string) string {
			return `{"operations":[{"upsert":{"points":[{"id":7,"vector":{"dense":` + vecA + `},"payload":{"content":` + q(a) + `}}]}},` +
				`{"upsert":{"points":[{"id":8,"vector":` + vecB + `,"payload":{"content":` + q(b) + `}}]}}]}`
		}},
	{"pinecone", "POST", "/vectors/upsert", []string{`"a#1"`, `"b#2"`}, "a.pdf", "metadata.text",
		func(a, b string) string {
			return `{"vectors":[{"id":"a#1","values":` + vecA + `,"metadata":{"text":` + q(a) + `,"source":"a.pdf"}},` +
				`{"id":"b#2","values":` + vecB + `,"sparseValues":{"indices":[1],"values":[0.5]},"metadata":{"text":` + q(b) + `}}],"namespace":"docs"}`
		}},
	{"chroma/v1-upsert", "POST", "/api/v1/collections/docs/upsert", []string{`"d1"`, `"d2"`}, "notes/a.md", "documents",
		func(a, b string) string {
			return `{"ids":["d1","d2"],"embeddings":[` + vecA + `,` + vecB + `],"metadatas":[{"source":"notes/a.md"},null],"documents":[` + q(a) + `,` + q(b) + `]}`
		}},
	{"chroma/v1-add", "POST", "/api/v1/collections/docs/add", []string{`"d1"`, `"d2"`}, "", "documents",
		func(a, b string) string {
			return `{"ids":["d1","d2"],"embeddings":[` + vecA + `,` + vecB + `],"documents":[` + q(a) + `,` + q(b) + `]}`
		}},
	{"chroma/v2-add", "POST", "/api/v2/tenants/t1/databases/db1/collections/docs/add", []string{`"d1"`, `"d2"`}, "", "documents",
		func(a, b string) string {
			return `{"ids":["d1","d2"],"embeddings":[` + vecA + `,` + vecB + `],"documents":[` + q(a) + `,` + q(b) + `]}`
		}},
	{"weaviate/batch", "POST", "/v1/batch/objects", []string{`"0d0c0b0a-0000-4000-8000-000000000001"`, `"0d0c0b0a-0000-4000-8000-000000000002"`}, "wiki/a", "properties.content",
		func(a, b string) string {
			return `{"objects":[{"class":"docs","id":"0d0c0b0a-0000-4000-8000-000000000001","properties":{"content":` + q(a) + `,"source":"wiki/a"},"vector":` + vecA + `},` +
				`{"class":"docs","id":"0d0c0b0a-0000-4000-8000-000000000002","properties":{"content":` + q(b) + `},"vector":` + vecB + `}]}`
		}},
}

const (
	rulesObserve = "default: {mode: observe}\n"
	rulesEnforce = "default: {mode: observe}\ncollections:\n  docs: {mode: enforce, block: [SECRET]}\n"
)

var (
	dirtyText = "please contact " + plantEmail + " about the renewal"
	cleanText = "the quarterly report is attached"
	secret    = "deploy with aws key " + plantAWS
)

func TestObserveForwardsUnchangedAndPublishes(t *testing.T) {
	for _, c := range apiCases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, rulesObserve, nil)
			body := []byte(c.body(dirtyText, cleanText))
			status, resp, _ := f.do(t, c.method, c.path, body, map[string]string{"api-key": "upstream-credential"})
			if status != http.StatusOK || string(resp) != `{"status":"ok"}` {
				t.Fatalf("status %d body %s", status, resp)
			}
			got := f.up.last(t)
			if !bytes.Equal(got.Body, body) {
				t.Fatalf("observe changed the body:\n got %s\nwant %s", got.Body, body)
			}
			if got.Header.Get("Api-Key") != "upstream-credential" {
				t.Error("headers not forwarded")
			}
			evs := f.pub.captures(t, 1)
			ev := evs[0]
			if ev.Schema != CaptureSchema || ev.Collection != "docs" || ev.Action != ActionForwarded || ev.Mode != ModeObserve || ev.UpstreamStatus != 200 {
				t.Errorf("event header: %+v", ev)
			}
			if len(ev.PointIDs) != 2 || string(ev.PointIDs[0]) != c.ids[0] || string(ev.PointIDs[1]) != c.ids[1] {
				t.Errorf("point ids %s", ev.PointIDs)
			}
			if len(ev.Points) != 1 || ev.Points[0].Index != 0 || ev.Points[0].Fields[0].Field != c.field {
				t.Fatalf("points %+v", ev.Points)
			}
			fd := ev.Points[0].Fields[0].Findings
			if len(fd) != 1 || fd[0].Type != "EMAIL_ADDRESS" || !strings.HasPrefix(fd[0].Fingerprint, "hmac-sha256:") || fd[0].Preview == "" {
				t.Errorf("findings %+v", fd)
			}
			if ev.Points[0].Source != c.source || ev.Counts.Points != 2 || ev.Counts.Findings["EMAIL_ADDRESS"] != 1 {
				t.Errorf("source %q counts %+v", ev.Points[0].Source, ev.Counts)
			}
			raw := f.pub.wait(t, DefaultCaptureTopic, 1)[0]
			assertNoPlants(t, "capture event", raw)
			edges := f.pub.edges(t, f.pub.count(DefaultLineageTopic))
			if len(edges) == 0 || edges[0].To.Name != "docs" || edges[0].To.Type != "vector_collection" || edges[0].CaptureID != ev.ID {
				t.Fatalf("edges %+v", edges)
			}
			if c.source != "" && (edges[0].From.Name != c.source || edges[0].From.Type != "document" || edges[0].Findings["EMAIL_ADDRESS"] != 1) {
				t.Errorf("first edge %+v", edges[0])
			}
		})
	}
}

func TestEnforceRedactsOnlyTextFields(t *testing.T) {
	for _, c := range apiCases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, rulesEnforce, nil)
			body := []byte(c.body(dirtyText, cleanText))
			status, resp, _ := f.do(t, c.method, c.path, body, nil)
			if status != http.StatusOK {
				t.Fatalf("status %d body %s", status, resp)
			}
			got := f.up.last(t).Body
			want := []byte(c.body("please contact <EMAIL_ADDRESS> about the renewal", cleanText))
			if !json.Valid(got) {
				t.Fatalf("forwarded invalid JSON: %s", got)
			}
			assertNoPlants(t, "forwarded body", got)
			// The vectors' bytes are exactly as sent (no float re-formatting).
			for _, v := range []string{vecA, vecB} {
				if !bytes.Contains(got, []byte(v)) {
					t.Errorf("vector %s not forwarded byte for byte:\n%s", v, got)
				}
			}
			for _, id := range c.ids {
				if !bytes.Contains(got, []byte(id)) {
					t.Errorf("id %s changed", id)
				}
			}
			if !bytes.Equal(compact(t, got), compact(t, want)) {
				t.Errorf("forwarded\n%s\nwant\n%s", got, want)
			}
			ev := f.pub.captures(t, 1)[0]
			if ev.Action != ActionRedacted || ev.Mode != ModeEnforce || len(ev.Points) != 1 || len(ev.Points[0].Fields[0].Redactions) != 1 {
				t.Errorf("event %+v", ev)
			}
		})
	}
}

// compact removes insignificant whitespace without decoding numbers.
func compact(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestEnforceCleanUpsertForwardedByteForByte(t *testing.T) {
	f := newFixture(t, rulesEnforce, nil)
	c := apiCases[0]
	body := []byte(c.body(cleanText, cleanText))
	if status, _, _ := f.do(t, c.method, c.path, body, nil); status != 200 {
		t.Fatalf("status %d", status)
	}
	if got := f.up.last(t).Body; !bytes.Equal(got, body) {
		t.Errorf("clean upsert changed:\n%s", got)
	}
	if ev := f.pub.captures(t, 1)[0]; ev.Action != ActionForwarded || len(ev.Points) != 0 {
		t.Errorf("event %+v", ev)
	}
}

func TestEnforceBlocks(t *testing.T) {
	for _, c := range apiCases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, rulesEnforce, nil)
			status, resp, hdr := f.do(t, c.method, c.path, []byte(c.body(cleanText, secret)), nil)
			if status != http.StatusForbidden || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
				t.Fatalf("status %d body %s", status, resp)
			}
			var eb errorBody
			if err := json.Unmarshal(resp, &eb); err != nil {
				t.Fatal(err)
			}
			if eb.Error.Code != "blocked" || eb.Error.Collection != "docs" || len(eb.Error.Points) != 1 ||
				eb.Error.Points[0].Index != 1 || string(eb.Error.Points[0].ID) != c.ids[1] || eb.Error.Points[0].Types[0] != "AWS_ACCESS_KEY_ID" {
				t.Errorf("reason %s", resp)
			}
			assertNoPlants(t, "403 body", resp)
			if n := len(f.up.requests()); n != 0 {
				t.Errorf("upstream received %d requests", n)
			}
			ev := f.pub.captures(t, 1)[0]
			if ev.Action != ActionBlocked || !ev.Points[0].Fields[0].Blocked {
				t.Errorf("event %+v", ev)
			}
			assertNoPlants(t, "event", f.pub.wait(t, DefaultCaptureTopic, 1)[0])
		})
	}
}

// A collection in observe mode is never blocked, even with block types.
func TestObserveNeverBlocks(t *testing.T) {
	f := newFixture(t, "default: {mode: observe, block: [SECRET]}\n", nil)
	c := apiCases[3]
	body := []byte(c.body(secret, cleanText))
	if status, _, _ := f.do(t, c.method, c.path, body, nil); status != 200 {
		t.Fatalf("status %d", status)
	}
	if !bytes.Equal(f.up.last(t).Body, body) {
		t.Error("body changed")
	}
	if ev := f.pub.captures(t, 1)[0]; ev.Action != ActionForwarded || ev.Counts.Findings["AWS_ACCESS_KEY_ID"] != 1 {
		t.Errorf("event %+v", ev)
	}
}

// Per-collection rules: fields and operators.
func TestPerCollectionFieldsAndOperators(t *testing.T) {
	rules := `
default: {mode: enforce}
collections:
  docs:
    fields: [metadata.summary]
    operators: {EMAIL_ADDRESS: mask}
`
	f := newFixture(t, rules, nil)
	body := `{"points":[{"id":1,"vector":` + vecA + `,"payload":{"page_content":` + q(dirtyText) + `,"metadata":{"summary":` + q(dirtyText) + `}}}]}`
	if status, resp, _ := f.do(t, "PUT", "/collections/docs/points", []byte(body), nil); status != 200 {
		t.Fatalf("status %d %s", status, resp)
	}
	got := f.up.last(t).Body
	// page_content is not a field of docs: unchanged; the summary is masked.
	var v struct {
		Points []struct {
			Payload struct {
				PageContent string `json:"page_content"`
				Metadata    struct{ Summary string }
			}
		}
	}
	if err := json.Unmarshal(got, &v); err != nil {
		t.Fatal(err)
	}
	p := v.Points[0].Payload
	if p.PageContent != dirtyText || strings.Contains(p.Metadata.Summary, plantEmail) || !strings.Contains(p.Metadata.Summary, "*") {
		t.Errorf("payload %+v", p)
	}
	// Another collection uses the default fields and the type operator.
	if status, _, _ := f.do(t, "PUT", "/collections/other/points", []byte(body), nil); status != 200 {
		t.Fatal(status)
	}
	if got := f.up.last(t).Body; !contains(got, `"page_content":"please contact <EMAIL_ADDRESS> about`) {
		t.Errorf("other collection: %s", got)
	}
}

func TestLargeBatch(t *testing.T) {
	f := newFixture(t, rulesEnforce, nil)
	const n = 1000
	var b strings.Builder
	b.WriteString(`{"points":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		text := fmt.Sprintf("chunk %d of the handbook: %s", i, strings.Repeat("lorem ipsum ", 80))
		if i%100 == 7 {
			text = dirtyText
		}
		fmt.Fprintf(&b, `{"id":%d,"vector":[%d.10,0.25e-3,%d],"payload":{"text":%s,"metadata":{"source":"doc-%d.pdf"}}}`, i, i, -i, q(text), i/10)
	}
	b.WriteString(`]}`)
	status, resp, _ := f.do(t, "PUT", "/collections/docs/points", []byte(b.String()), nil)
	if status != 200 {
		t.Fatalf("status %d %s", status, resp)
	}
	got := f.up.last(t).Body
	assertNoPlants(t, "forwarded", got)
	for i := range n {
		if !bytes.Contains(got, fmt.Appendf(nil, `{"id":%d,"vector":[%d.10,0.25e-3,%d]`, i, i, -i)) {
			t.Fatalf("point %d id or vector changed", i)
		}
	}
	ev := f.pub.captures(t, 1)[0]
	if ev.Counts.Points != n || ev.Counts.PointsWithFindings != 10 || len(ev.Sources) != 100 || ev.Action != ActionRedacted {
		t.Errorf("counts %+v sources %d action %s", ev.Counts, len(ev.Sources), ev.Action)
	}
	if edges := f.pub.edges(t, 100); edges[0].Points != 10 {
		t.Errorf("edge %+v", edges[0])
	}
}
