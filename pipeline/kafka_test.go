package pipeline

import (
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// The full path: one input topic with text, JSON, an envelope, a
// quarantined secret and malformed records (invalid UTF-8, truncated JSON,
// 10 MB over the limit) between good ones; every output topic gets what it
// should and the neighbours of bad records flow on.
func TestFullPath(t *testing.T) {
	_, conn := broker(t, 3, "ingest")
	cl := client(t, conn)
	big := strings.Repeat("z", 10<<20)
	inputs := []*kgo.Record{
		{Topic: "ingest", Key: []byte("a"), Value: []byte("ticket from " + email + " about card " + cardVisa)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte(`{"user": {"email": "` + email + `"}, "n": 3}`)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte("bad \xff\xfe utf-8 with ssn " + ssn)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte(`{"user": {"email": "` + email)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte(big)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte("deploy key " + ghToken)},
		{Topic: "ingest", Key: []byte("a"), Value: []byte(`{"text":"hi ` + email + `","dataset":"d1"}`),
			Headers: []kgo.RecordHeader{{Key: "content-type", Value: []byte(ContentEnvelope)}}},
		{Topic: "ingest", Key: []byte("a"), Value: []byte("nothing sensitive")},
	}
	produce(t, cl, inputs...)
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{"ingest"}}, testProcessor(t, "SECRET"))

	clean := readN(t, conn, "weir.clean", false, 5, 60*time.Second)
	dlq := readN(t, conn, "weir.dlq", false, 2, 60*time.Second)
	quar := readN(t, conn, "weir.quarantine", false, 1, 60*time.Second)
	finds := readN(t, conn, "weir.findings", false, 5, 60*time.Second)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if len(clean) != 5 || len(dlq) != 2 || len(quar) != 1 || len(finds) != 5 {
		t.Fatalf("clean %d dlq %d quarantine %d findings %d; want 5 2 1 5", len(clean), len(dlq), len(quar), len(finds))
	}
	// One partition (one key): order is input order.
	wantClean := []string{
		"ticket from <EMAIL_ADDRESS> about card <CREDIT_CARD>",
		`{"user": {"email": "<EMAIL_ADDRESS>"}, "n": 3}`,
		"bad \xff\xfe utf-8 with ssn <US_SSN>",
		`{"dataset":"d1","text":"hi <EMAIL_ADDRESS>"}`, // re-encoded in Envelope member order
		"nothing sensitive",
	}
	for i, r := range clean {
		if string(r.Value) != wantClean[i] {
			t.Errorf("clean[%d] = %q, want %q", i, r.Value, wantClean[i])
		}
		if header(r, HeaderTopic) != "ingest" || header(r, HeaderID) == "" || string(r.Key) != "a" {
			t.Errorf("clean[%d] provenance: key %q headers %v", i, r.Key, r.Headers)
		}
	}
	if !strings.Contains(header(dlq[0], HeaderReason), "invalid JSON") || !strings.Contains(header(dlq[1], HeaderReason), "too large") {
		t.Errorf("dlq reasons %q %q", header(dlq[0], HeaderReason), header(dlq[1], HeaderReason))
	}
	if header(dlq[1], HeaderSize) != "10485760" || len(dlq[1].Value) != 0 {
		t.Errorf("oversized DLQ entry: size %q, %d payload bytes", header(dlq[1], HeaderSize), len(dlq[1].Value))
	}
	if string(quar[0].Value) != "deploy key "+ghToken || !strings.Contains(header(quar[0], HeaderReason), "GITHUB_TOKEN") {
		t.Errorf("quarantine %q %v", quar[0].Value, quar[0].Headers)
	}
	// JSON findings name the path.
	ev := decodeEvent(t, finds[1].Value)
	if len(ev.Fields) != 1 || ev.Fields[0].Field != "user.email" || ev.ContentType != ContentJSON {
		t.Errorf("JSON event: %s", finds[1].Value)
	}
	for _, f := range finds {
		assertNoRaw(t, "weir.findings", string(f.Value))
		decodeEvent(t, f.Value)
	}
	for _, r := range clean {
		assertNoRaw(t, "weir.clean", string(r.Value))
	}
}

// Input topics by regular expression: every matching topic is consumed.
func TestTopicRegex(t *testing.T) {
	_, conn := broker(t, 2, "rag.a", "rag.b", "other")
	cl := client(t, conn)
	produce(t, cl, numbered("rag.a", 10)...)
	produce(t, cl, numbered("rag.b", 10)...)
	produce(t, cl, numbered("other", 5)...)
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{`rag\..*`}, TopicRegex: true}, testProcessor(t))
	clean := readN(t, conn, "weir.clean", false, 20, 60*time.Second)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	by := map[string]int{}
	for _, r := range clean {
		by[header(r, HeaderTopic)]++
	}
	if by["rag.a"] != 10 || by["rag.b"] != 10 || by["other"] != 0 {
		t.Errorf("records by source topic: %v", by)
	}
}
