package server

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/redact"
)

// TestServerNoLeak plants values and credentials and checks that they appear
// nowhere a caller or operator could see them: not in classify responses or
// blocked documents, not in redacted output under the one-way operators, not
// in error bodies (malformed requests carrying them), and never in logs or
// metrics. Only detokenize, by design, returns them.
func TestServerNoLeak(t *testing.T) {
	ts := newTestServer(t, nil)
	text := "Contact " + plantEmail + ", card number " + plantCard + " exp, patient SSN: " + plantSSN + ", aws key " + plantAWS
	var bodies []string
	check := func(name string, r result) {
		t.Helper()
		bodies = append(bodies, string(r.body))
		for _, p := range plants {
			if strings.Contains(string(r.body), p) {
				t.Errorf("%s: response holds planted value %q: %s", name, p, r.body)
			}
		}
	}
	docs := []Document{{PageContent: &text, Metadata: json.RawMessage(`{"a":1}`)}, {Text: &text}}
	check("classify", ts.post(t, "/v1/classify", keyClassify, Request{Text: &text}))
	check("classify batch", ts.post(t, "/v1/classify", keyClassify, Request{Documents: docs}))
	for _, op := range []redact.Operator{redact.OpType, redact.OpHash, redact.OpTokenize, redact.OpDrop, redact.OpMask} {
		check("redact "+string(op), ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operator: op}))
		check("redact batch "+string(op), ts.post(t, "/v1/redact", keyRedact, Request{Documents: docs, Operator: op}))
	}
	check("blocked", ts.post(t, "/v1/redact", keyRedact, Request{Documents: docs, BlockTypes: []string{"PII", "SECRET"}}))
	// Errors of requests that carry the values.
	check("malformed", ts.post(t, "/v1/redact", keyRedact, `{"text":"`+text+`"`))
	check("unknown field", ts.post(t, "/v1/redact", keyRedact, `{"text":"x","`+plantEmail+`":1}`))
	check("wrong type", ts.post(t, "/v1/redact", keyRedact, `{"text":"x","types":"`+plantEmail+`"}`))
	check("bad type", ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Types: []string{plantEmail}}))
	check("bad block type", ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, BlockTypes: []string{plantAWS}}))
	check("bad operator", ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operators: map[string]redact.Operator{plantAWS: "x"}}))
	check("bad operator name", ts.post(t, "/v1/redact", keyRedact, Request{Text: &text, Operator: redact.Operator(plantAWS)}))
	check("forbidden", ts.post(t, "/v1/detokenize", keyRedact, Request{Text: &text}))
	check("unauthorized", ts.post(t, "/v1/redact", plantAWS, Request{Text: &text}))
	check("415", ts.do(t, "POST", "/v1/redact", keyRedact, "text/plain", []byte(text)))
	check("invalid utf-8", ts.post(t, "/v1/redact", keyRedact, "{\"text\":\""+text+"\xff\"}"))
	metrics := ts.do(t, "GET", "/metrics", "", "", nil)
	check("metrics", metrics)

	logs := ts.logs.String()
	if !strings.Contains(logs, `"key_id":"red"`) {
		t.Errorf("logs should name the key id: %s", logs)
	}
	secrets := append([]string{}, plants...)
	for k := range testKeys {
		secrets = append(secrets, k, HashKey(k))
	}
	for _, s := range secrets {
		for name, out := range map[string]string{"logs": logs, "metrics": string(metrics.body)} {
			if strings.Contains(out, s) {
				t.Errorf("%s hold %q", name, s)
			}
		}
	}
	for _, b := range bodies {
		for k := range testKeys {
			if strings.Contains(b, k) || strings.Contains(b, HashKey(k)) {
				t.Errorf("response holds an API key or its hash: %s", b)
			}
		}
	}
}
