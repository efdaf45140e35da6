package pipeline

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/weir-dev/weir/sources/kafka"
)

func rec(value string, headers ...kafka.Header) kafka.Record {
	return kafka.Record{Topic: "ingest", Partition: 2, Offset: 7, Value: []byte(value), Headers: headers}
}

func TestProcessText(t *testing.T) {
	p := testProcessor(t)
	res := p.Process(rec("contact " + email + " card " + cardVisa))
	if res.Route != RouteClean || len(res.Out) != 2 {
		t.Fatalf("route %s, %d outputs", res.Route, len(res.Out))
	}
	ev, clean := res.Out[0], res.Out[1]
	if ev.Topic != "weir.findings" || clean.Topic != "weir.clean" {
		t.Fatalf("topics %s %s", ev.Topic, clean.Topic)
	}
	if got := string(clean.Value); got != "contact <EMAIL_ADDRESS> card <CREDIT_CARD>" {
		t.Errorf("clean = %q", got)
	}
	e := decodeEvent(t, ev.Value)
	if e.ID != "kafka://ingest/2/7" || e.Types["EMAIL_ADDRESS"] != 1 || e.Types["CREDIT_CARD"] != 1 || e.ContentType != ContentText {
		t.Errorf("event %+v", e)
	}
	if header(kafka.Record{Headers: clean.Headers}, HeaderOffset) != "7" || string(clean.Key) != "kafka://ingest/2/7" {
		t.Errorf("provenance headers %v key %q", clean.Headers, clean.Key)
	}
}

func TestProcessJSONFields(t *testing.T) {
	p := testProcessor(t)
	doc := `{"ticket": 17, "customer": {"email": "` + email + `", "note": "none"}, "msgs": [{"body": "key ` + awsKey + `"}], "card": ` + cardVisa + `}`
	res := p.Process(rec(doc))
	if res.Route != RouteClean {
		t.Fatalf("route %s (%s)", res.Route, res.Reason)
	}
	e := decodeEvent(t, res.Out[0].Value)
	fields := map[string]string{}
	for _, ff := range e.Fields {
		for _, f := range ff.Findings {
			fields[ff.Field] = f.Type
		}
	}
	for field, typ := range map[string]string{"customer.email": "EMAIL_ADDRESS", "msgs[0].body": "AWS_ACCESS_KEY_ID", "card": "CREDIT_CARD"} {
		if fields[field] != typ {
			t.Errorf("field %s: got %q, want %s (all: %v)", field, fields[field], typ, fields)
		}
	}
	var clean map[string]any
	if err := json.Unmarshal(res.Out[1].Value, &clean); err != nil {
		t.Fatalf("clean is not JSON: %v: %s", err, res.Out[1].Value)
	}
	if clean["card"] != "<CREDIT_CARD>" || clean["ticket"] != 17.0 {
		t.Errorf("clean %s", res.Out[1].Value)
	}
	assertNoRaw(t, "findings", string(res.Out[0].Value))
	assertNoRaw(t, "clean", string(res.Out[1].Value))
}

func TestProcessEnvelope(t *testing.T) {
	p := testProcessor(t)
	env := `{"id":"s3://b/t.jsonl#L3","dataset":"support/tickets","object":"t.jsonl","field":"body","text":"reach me at ` + email + `","attrs":{"lang":"en"}}`
	res := p.Process(rec(env, kafka.Header{Key: "content-type", Value: []byte(ContentEnvelope)}))
	if res.Route != RouteClean {
		t.Fatalf("route %s (%s)", res.Route, res.Reason)
	}
	var out Envelope
	if err := json.Unmarshal(res.Out[1].Value, &out); err != nil {
		t.Fatal(err)
	}
	if *out.Text != "reach me at <EMAIL_ADDRESS>" || out.Dataset != "support/tickets" || out.Attrs["lang"] != "en" {
		t.Errorf("clean envelope %s", res.Out[1].Value)
	}
	e := decodeEvent(t, res.Out[0].Value)
	if e.Dataset != "support/tickets" || e.Object != "t.jsonl" || e.Source.EnvelopeID != "s3://b/t.jsonl#L3" || e.Fields[0].Field != "body" {
		t.Errorf("event %s", res.Out[0].Value)
	}
}

func TestProcessRoutes(t *testing.T) {
	p := testProcessor(t, "SECRET")
	for _, c := range []struct {
		name, value string
		route       Route
		reason      string
	}{
		{"clean text", "nothing to see here", RouteClean, ""},
		{"invalid utf-8 is text", "bad \xff\xfe bytes " + email, RouteClean, ""},
		{"quarantine", "token " + ghToken, RouteQuarantine, "quarantine policy: GITHUB_TOKEN"},
		{"truncated json", `{"a": "b", "c": [1, 2`, RouteDLQ, "undecodable record: invalid JSON"},
		{"oversized", strings.Repeat("x", 1<<20+1), RouteDLQ, "record too large"},
	} {
		res := p.Process(rec(c.value))
		if res.Route != c.route || !strings.HasPrefix(res.Reason, c.reason) {
			t.Errorf("%s: route %s reason %q, want %s %q", c.name, res.Route, res.Reason, c.route, c.reason)
		}
		last := res.Out[len(res.Out)-1]
		if c.route != RouteClean && header(kafka.Record{Headers: last.Headers}, HeaderReason) != res.Reason {
			t.Errorf("%s: no reason header", c.name)
		}
		if c.name == "oversized" && len(last.Value) != 0 {
			t.Errorf("oversized record's payload copied to the DLQ")
		}
	}
	// Envelope declared but broken.
	res := p.Process(rec(`{"dataset":"x"}`, kafka.Header{Key: HeaderContentType, Value: []byte(ContentEnvelope)}))
	if res.Route != RouteDLQ {
		t.Errorf("envelope without text: %s", res.Route)
	}
}

func TestProcessNoClassifier(t *testing.T) {
	p, err := NewProcessor(ProcessorConfig{})
	if err != nil {
		t.Fatal(err)
	}
	res := p.Process(rec("mail " + email))
	if res.Route != RouteClean || string(res.Out[0].Value) != "mail "+email {
		t.Errorf("no-op pipeline changed the record: %+v", res)
	}
}

func assertNoRaw(t *testing.T, what, out string) {
	t.Helper()
	for _, v := range []string{cardVisa, ssn, email, awsKey, ghToken} {
		for i := 0; i+10 <= len(v); i++ {
			if strings.Contains(out, v[i:i+10]) {
				t.Errorf("%s output contains %q of a raw value", what, v[i:i+10])
				break
			}
		}
	}
}
