package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers/redact"
)

func TestServerRedactSingleText(t *testing.T) {
	ts := newTestServer(t, nil)
	text := "Contact " + plantEmail + ", card number " + plantCard + " exp"
	r := ts.post(t, "/v1/redact", keyRedact, Request{Text: &text})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	resp := decode[Response](t, r)
	if resp.Verdict != VerdictRedacted || resp.Text == nil {
		t.Fatalf("response %s", r.body)
	}
	want := "Contact <EMAIL_ADDRESS>, card number <CREDIT_CARD> exp"
	if *resp.Text != want {
		t.Errorf("text %q, want %q", *resp.Text, want)
	}
	if len(resp.Findings) != 2 || len(resp.Redactions) != 2 {
		t.Fatalf("findings %+v redactions %+v", resp.Findings, resp.Redactions)
	}
	for _, f := range resp.Findings {
		if !strings.HasPrefix(f.Fingerprint, "hmac-sha256:") || f.Preview == "" || f.Category != "PII" {
			t.Errorf("finding not in DESIGN.md form: %+v", f)
		}
		if text[f.Start:f.End] != plantEmail && text[f.Start:f.End] != plantCard {
			t.Errorf("finding span [%d,%d) is not a planted value", f.Start, f.End)
		}
	}
	// Per-type operators, a type filter and a clean text.
	r = ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Types: []string{"credit_card"},
		Operators: map[string]redact.Operator{"CREDIT_CARD": redact.OpMask}})
	resp = decode[Response](t, r)
	if want := "Contact " + plantEmail + ", card number **** **** **** 6467 exp"; resp.Text == nil || *resp.Text != want {
		t.Errorf("mask + types: %s", r.body)
	}
	r = ts.post(t, "/v1/redact", keyRedact, Request{Text: str("nothing to see here")})
	resp = decode[Response](t, r)
	if resp.Verdict != VerdictClean || *resp.Text != "nothing to see here" || resp.Findings == nil || len(resp.Findings) != 0 {
		t.Errorf("clean: %s", r.body)
	}
	// min_confidence above every finding's confidence leaves the text alone.
	r = ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, MinConfidence: 1})
	if resp = decode[Response](t, r); resp.Verdict != VerdictClean || *resp.Text != text {
		t.Errorf("min_confidence 1: %s", r.body)
	}
}

func TestServerRedactBatch(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Workers = 4 })
	var docs []Document
	for i := range 40 {
		meta := json.RawMessage(fmt.Sprintf(`{"source":"doc-%d.txt","n":[%d,{"deep":true}]}`, i, i))
		switch i % 3 {
		case 0:
			docs = append(docs, Document{ID: strconv.Itoa(i), PageContent: str(fmt.Sprintf("doc %d mail %s", i, plantEmail)), Metadata: meta})
		case 1:
			docs = append(docs, Document{ID: strconv.Itoa(i), Text: str(fmt.Sprintf("doc %d patient SSN: %s", i, plantSSN)), Metadata: meta})
		default:
			docs = append(docs, Document{ID: strconv.Itoa(i), PageContent: str(fmt.Sprintf("doc %d is clean", i))})
		}
	}
	r := ts.post(t, "/v1/redact", keyRedact, Request{Documents: docs})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	resp := decode[Response](t, r)
	if len(resp.Documents) != len(docs) {
		t.Fatalf("%d documents back, want %d", len(resp.Documents), len(docs))
	}
	for i, d := range resp.Documents {
		if d.ID != strconv.Itoa(i) {
			t.Fatalf("document %d has id %q: order not kept", i, d.ID)
		}
		if string(d.Metadata) != string(docs[i].Metadata) {
			t.Errorf("document %d metadata %s, want %s", i, d.Metadata, docs[i].Metadata)
		}
		switch i % 3 {
		case 0:
			if d.PageContent == nil || d.Text != nil || *d.PageContent != fmt.Sprintf("doc %d mail <EMAIL_ADDRESS>", i) || d.Verdict != VerdictRedacted {
				t.Errorf("document %d: %+v", i, d)
			}
		case 1:
			if d.Text == nil || d.PageContent != nil || *d.Text != fmt.Sprintf("doc %d patient SSN: <US_SSN>", i) || d.Verdict != VerdictRedacted {
				t.Errorf("document %d: %+v", i, d)
			}
		default:
			if d.Verdict != VerdictClean || len(d.Findings) != 0 || *d.PageContent != fmt.Sprintf("doc %d is clean", i) {
				t.Errorf("document %d: %+v", i, d)
			}
		}
	}
}

func TestServerRedactBlocked(t *testing.T) {
	ts := newTestServer(t, nil)
	docs := []Document{
		{ID: "secret", PageContent: str("aws key " + plantAWS + " here")},
		{ID: "pii", PageContent: str("mail " + plantEmail)},
		{ID: "ssn", PageContent: str("patient SSN: " + plantSSN)},
	}
	r := ts.post(t, "/v1/redact", keyRedact, Request{Documents: docs, BlockTypes: []string{"SECRET", "us_ssn"}})
	resp := decode[Response](t, r)
	want := []string{VerdictBlocked, VerdictRedacted, VerdictBlocked}
	for i, d := range resp.Documents {
		if d.Verdict != want[i] {
			t.Errorf("document %s: verdict %q, want %q", d.ID, d.Verdict, want[i])
		}
		if d.Verdict == VerdictBlocked && (d.PageContent != nil || d.Text != nil || len(d.Findings) == 0) {
			t.Errorf("blocked document %s returned content or no findings: %+v", d.ID, d)
		}
	}
	if strings.Contains(string(r.body), plantAWS) || strings.Contains(string(r.body), plantSSN) {
		t.Errorf("blocked value in response: %s", r.body)
	}
	wantError(t, ts.post(t, "/v1/redact", keyRedact, Request{Text: str("x"), BlockTypes: []string{"NOPE"}}), 400, "bad_request")
}

func TestServerClassify(t *testing.T) {
	ts := newTestServer(t, nil)
	text := "card number " + plantCard + " exp"
	r := ts.post(t, "/v1/classify", keyClassify, Request{Text: &text})
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	resp := decode[Response](t, r)
	if resp.Text != nil || resp.Verdict != "" || len(resp.Findings) != 1 || resp.Findings[0].Type != "CREDIT_CARD" {
		t.Errorf("classify: %s", r.body)
	}
	if f := resp.Findings[0]; f.Start != 12 || f.End != 31 {
		t.Errorf("span [%d,%d), want [12,31)", f.Start, f.End)
	}
	if strings.Contains(string(r.body), plantCard) {
		t.Errorf("classify response holds the raw value: %s", r.body)
	}
	r = ts.post(t, "/v1/classify", keyClassify, Request{Documents: []Document{{PageContent: &text}, {Text: str("clean")}}})
	resp = decode[Response](t, r)
	if len(resp.Documents) != 2 || len(resp.Documents[0].Findings) != 1 || resp.Documents[1].Findings == nil ||
		resp.Documents[0].PageContent != nil {
		t.Errorf("classify batch: %s", r.body)
	}
	wantError(t, ts.post(t, "/v1/classify", keyClassify, Request{Text: &text, Types: []string{"NOT_A_TYPE"}}), 400, "bad_request")
}

func TestServerTokenizeDetokenizeRoundTrip(t *testing.T) {
	ts := newTestServer(t, nil)
	text := "Contact " + plantEmail + " or SSN: " + plantSSN
	r := ts.post(t, "/v1/redact", keyRedact, Request{
		Documents: []Document{{ID: "a", PageContent: &text, Metadata: json.RawMessage(`{"k":"v"}`)}},
		Operator:  redact.OpTokenize,
	})
	resp := decode[Response](t, r)
	tokenized := *resp.Documents[0].PageContent
	if strings.Contains(tokenized, plantEmail) || !strings.Contains(tokenized, redact.TokenPrefix) {
		t.Fatalf("tokenized: %q", tokenized)
	}
	for _, a := range resp.Documents[0].Redactions {
		if a.KeyID != "k1" || a.Operator != redact.OpTokenize {
			t.Errorf("redaction %+v", a)
		}
	}
	r = ts.post(t, "/v1/detokenize", keyDetok, Request{Text: &tokenized})
	if r.status != 200 {
		t.Fatalf("detokenize: %d %s", r.status, r.body)
	}
	if back := decode[DetokenizeResponse](t, r); back.Text == nil || *back.Text != text {
		t.Errorf("detokenize: %s", r.body)
	}
	r = ts.post(t, "/v1/detokenize", keyDetok, Request{Documents: []Document{{ID: "a", PageContent: &tokenized, Metadata: json.RawMessage(`{"k":"v"}`)}}})
	back := decode[DetokenizeResponse](t, r)
	if len(back.Documents) != 1 || back.Documents[0].PageContent == nil || *back.Documents[0].PageContent != text ||
		string(back.Documents[0].Metadata) != `{"k":"v"}` {
		t.Errorf("detokenize batch: %s", r.body)
	}
	// A token that does not authenticate is a 400 that quotes nothing.
	i := strings.Index(tokenized, "_k1_") + 8
	flip := byte('A')
	if tokenized[i] == 'A' {
		flip = 'B'
	}
	bad := tokenized[:i] + string(flip) + tokenized[i+1:]
	r = ts.post(t, "/v1/detokenize", keyDetok, Request{Text: &bad})
	wantError(t, r, 400, "bad_token")
	if strings.Contains(string(r.body), "tok_") {
		t.Errorf("error quotes the token: %s", r.body)
	}
	// Hash and tokenize without a keyring are refused; detokenize is 501.
	nokr := newTestServer(t, func(c *Config) { c.Keyring = nil })
	wantError(t, nokr.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operator: redact.OpHash}), 400, "bad_request")
	wantError(t, nokr.post(t, "/v1/detokenize", keyDetok, Request{Text: &tokenized}), 501, "no_keyring")
}

func TestServerKeyRotation(t *testing.T) {
	old := newTestServer(t, nil) // keyring k1
	text := "mail " + plantEmail
	r := old.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operator: redact.OpTokenize})
	tokOld := *decode[Response](t, r).Text

	rotated, err := testKeyring(t).WithPrimary("k2", material(77))
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, func(c *Config) { c.Keyring = rotated })
	r = ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operator: redact.OpTokenize})
	resp := decode[Response](t, r)
	tokNew := *resp.Text
	if !strings.Contains(tokNew, "_k2_") || resp.Redactions[0].KeyID != "k2" {
		t.Errorf("new tokens should use the new primary k2: %q", tokNew)
	}
	for _, tok := range []string{tokOld, tokNew} {
		r = ts.post(t, "/v1/detokenize", keyAll, Request{Text: &tok})
		if back := decode[DetokenizeResponse](t, r); back.Text == nil || *back.Text != text {
			t.Errorf("detokenize %q after rotation: %s", tok, r.body)
		}
	}
	// The old server, which never held k2, cannot reverse the new token.
	wantError(t, old.post(t, "/v1/detokenize", keyDetok, Request{Text: &tokNew}), 400, "bad_token")
}

func TestServerAuthAndScopes(t *testing.T) {
	ts := newTestServer(t, nil)
	body := Request{Text: str("hello")}
	for _, c := range []struct {
		path, key string
		status    int
		code      string
	}{
		{"/v1/redact", "", 401, "unauthorized"},
		{"/v1/redact", "not-a-key", 401, "unauthorized"},
		{"/v1/redact", HashKey(keyRedact), 401, "unauthorized"}, // the stored hash is not a credential
		{"/v1/detokenize", keyRedact, 403, "forbidden"},         // a redact key cannot detokenize
		{"/v1/detokenize", keyClassify, 403, "forbidden"},
		{"/v1/redact", keyClassify, 403, "forbidden"},
		{"/v1/redact", keyDetok, 403, "forbidden"},
		{"/v1/classify", keyRedact, 403, "forbidden"},
	} {
		r := ts.post(t, c.path, c.key, body)
		wantError(t, r, c.status, c.code)
		if c.status == 401 && r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: 401 without WWW-Authenticate", c.path)
		}
	}
	for _, p := range []string{"/v1/redact", "/v1/classify"} {
		if r := ts.post(t, p, keyAll, body); r.status != 200 {
			t.Errorf("%s with an all-scopes key: %d %s", p, r.status, r.body)
		}
	}
	// Scheme is case-insensitive; anything else is not a bearer credential.
	for auth, want := range map[string]int{"bearer " + keyAll: 200, "Basic " + keyAll: 401, keyAll: 401, "Bearer": 401} {
		req, _ := http.NewRequest("POST", ts.URL+"/v1/classify", strings.NewReader(`{"text":"x"}`))
		req.Header.Set("Authorization", auth)
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Authorization %q...: %d, want %d", auth[:min(len(auth), 6)], resp.StatusCode, want)
		}
	}
}

func TestServerErrorStatuses(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 1 << 10 })
	for _, c := range []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"malformed", "application/json", `{"text": `, 400, "bad_request"},
		{"not an object", "application/json", `["a"]`, 400, "bad_request"},
		{"empty", "application/json", ``, 400, "bad_request"},
		{"trailing", "application/json", `{"text":"a"} {}`, 400, "bad_request"},
		{"unknown field", "application/json", `{"text":"a","secret_field":1}`, 400, "bad_request"},
		{"both", "application/json", `{"text":"a","documents":[]}`, 400, "bad_request"},
		{"neither", "application/json", `{}`, 400, "bad_request"},
		{"page_content and text", "application/json", `{"documents":[{"page_content":"a","text":"b"}]}`, 400, "bad_request"},
		{"metadata not object", "application/json", `{"documents":[{"text":"a","metadata":[1]}]}`, 400, "bad_request"},
		{"min_confidence", "application/json", `{"text":"a","min_confidence":2}`, 400, "bad_request"},
		{"bad operator", "application/json", `{"text":"a","operator":"shred"}`, 400, "bad_request"},
		{"bad operator type", "application/json", `{"text":"a","operators":{"a-b":"mask"}}`, 400, "bad_request"},
		{"invalid UTF-8", "application/json", "{\"text\":\"caf\xe9\"}", 400, "bad_request"},
		{"wrong type", "application/json", `{"text":5}`, 400, "bad_request"},
		{"oversized", "application/json", `{"text":"` + strings.Repeat("a", 2<<10) + `"}`, 413, "body_too_large"},
		{"text/plain", "text/plain", `{"text":"a"}`, 415, "unsupported_media_type"},
		{"no content type", "", `{"text":"a"}`, 415, "unsupported_media_type"},
		{"json with charset", "application/json; charset=utf-8", `{"text":"a"}`, 200, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := ts.do(t, "POST", "/v1/redact", keyRedact, c.ctype, []byte(c.body))
			if c.status == 200 {
				if r.status != 200 {
					t.Fatalf("status %d: %s", r.status, r.body)
				}
				return
			}
			wantError(t, r, c.status, c.code)
		})
	}
	// Oversized without a Content-Length (chunked) is still 413.
	t.Run("oversized chunked", func(t *testing.T) {
		pr := strings.NewReader(`{"text":"` + strings.Repeat("a", 4<<10) + `"}`)
		req, _ := http.NewRequest("POST", ts.URL+"/v1/redact", struct{ *strings.Reader }{pr})
		req.ContentLength = -1
		req.Header.Set("Authorization", "Bearer "+keyRedact)
		req.Header.Set("Content-Type", "application/json")
		resp, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("status %d, want 413", resp.StatusCode)
		}
	})
	wantError(t, ts.do(t, "GET", "/v1/redact", keyRedact, "", nil), 405, "method_not_allowed")
	wantError(t, ts.do(t, "GET", "/v2/nothing", "", "", nil), 404, "not_found")
}

func TestServerRateLimit(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	ts := newTestServer(t, func(c *Config) { c.RateLimit = 1; c.RateBurst = 2; c.Now = clk.Now })
	body := Request{Text: str("hi")}
	for i := range 2 {
		if r := ts.post(t, "/v1/classify", keyClassify, body); r.status != 200 {
			t.Fatalf("request %d: %d", i, r.status)
		}
	}
	r := ts.post(t, "/v1/classify", keyClassify, body)
	wantError(t, r, 429, "rate_limited")
	if ra, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || ra < 1 {
		t.Errorf("Retry-After %q", r.header.Get("Retry-After"))
	}
	// Per key: another key still has its burst.
	if r := ts.post(t, "/v1/classify", keyAll, body); r.status != 200 {
		t.Errorf("other key limited: %d", r.status)
	}
	clk.Add(time.Second)
	if r := ts.post(t, "/v1/classify", keyClassify, body); r.status != 200 {
		t.Errorf("after refill: %d", r.status)
	}
	// Unauthenticated requests do not spend a key's tokens.
	wantError(t, ts.post(t, "/v1/classify", "", body), 401, "unauthorized")
}

// nested returns metadata nested depth levels deep.
func nested(depth int) string {
	return strings.Repeat(`{"a":`, depth) + `"leaf"` + strings.Repeat(`}`, depth)
}

func TestServerDeeplyNestedMetadata(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.MaxBodyBytes = 1 << 20 })
	meta := nested(2000)
	body := `{"documents":[{"page_content":"mail ` + plantEmail + `","metadata":` + meta + `}]}`
	r := ts.post(t, "/v1/redact", keyRedact, body)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	resp := decode[Response](t, r)
	if string(resp.Documents[0].Metadata) != meta {
		t.Error("nested metadata not passed through unchanged")
	}
	// Deeper than encoding/json's limit: a 400, not a crash.
	body = `{"documents":[{"page_content":"x","metadata":` + nested(20000) + `}]}`
	wantError(t, ts.post(t, "/v1/redact", keyRedact, body), 400, "bad_request")
	if r := ts.do(t, "GET", "/healthz", "", "", nil); r.status != 200 {
		t.Errorf("server unhealthy after deep metadata: %d", r.status)
	}
}

func TestServerHealthReadyMetrics(t *testing.T) {
	ts := newTestServer(t, nil)
	if r := ts.do(t, "GET", "/healthz", "", "", nil); r.status != 200 {
		t.Errorf("healthz %d", r.status)
	}
	if r := ts.do(t, "GET", "/readyz", "", "", nil); r.status != 200 {
		t.Errorf("readyz %d", r.status)
	}
	ts.h.SetReady(false)
	wantError(t, ts.do(t, "GET", "/readyz", "", "", nil), 503, "not_ready")
	ts.h.SetReady(true)
	ts.post(t, "/v1/redact", keyRedact, Request{Text: str("mail " + plantEmail)})
	ts.post(t, "/v1/redact", "", Request{Text: str("x")})
	r := ts.do(t, "GET", "/metrics", "", "", nil)
	m := string(r.body)
	for _, want := range []string{
		`weir_http_requests_total{endpoint="/v1/redact",status="200"} 1`,
		`weir_http_requests_total{endpoint="/v1/redact",status="401"} 1`,
		`weir_http_requests_total{endpoint="/readyz",status="503"} 1`,
		`weir_http_request_duration_seconds_count{endpoint="/v1/redact"} 2`,
		`weir_http_request_duration_seconds_bucket{endpoint="/v1/redact",le="+Inf"} 2`,
		`weir_documents_total{verdict="redacted"} 1`,
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}
}

// TestServerCanceledRequest: a request whose context ended (client gone,
// server shutting down) answers 503 and no document: fail closed.
func TestServerCanceledRequest(t *testing.T) {
	h := newTestServer(t, nil).h
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range []string{"/v1/redact", "/v1/classify", "/v1/detokenize"} {
		req := httptest.NewRequestWithContext(ctx, "POST", path, strings.NewReader(`{"documents":[{"text":"mail `+plantEmail+`"},{"text":"b"}]}`))
		req.Header.Set("Authorization", "Bearer "+keyAll)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		wantError(t, result{rec.Code, rec.Header(), rec.Body.Bytes()}, 503, "canceled")
	}
}
