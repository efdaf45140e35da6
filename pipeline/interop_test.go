package pipeline

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	kafkago "github.com/segmentio/kafka-go"
)

// The other Go client users run, segmentio/kafka-go, reads weir.clean and
// weir.findings and decodes them: the headers, keys and JSON events are
// plain Kafka, not franz-go specific.
func TestInteropKafkaGo(t *testing.T) {
	_, conn := broker(t, 1, "ingest")
	produce(t, client(t, conn), numbered("ingest", 20)...)
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{"ingest"}}, testProcessor(t))
	defer func() { _ = h.stop() }()

	read := func(topic string, n int) []kafkago.Message {
		r := kafkago.NewReader(kafkago.ReaderConfig{Brokers: conn.Brokers, Topic: topic, Partition: 0, MaxWait: 200 * time.Millisecond})
		defer r.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		defer cancel()
		var out []kafkago.Message
		for len(out) < n {
			m, err := r.ReadMessage(ctx)
			if err != nil {
				t.Fatalf("kafka-go read %s after %d messages: %v", topic, len(out), err)
			}
			out = append(out, m)
		}
		return out
	}
	hdr := func(m kafkago.Message, k string) string {
		for _, h := range m.Headers {
			if h.Key == k {
				return string(h.Value)
			}
		}
		return ""
	}
	clean := read("weir.clean", 20)
	for i, m := range clean {
		if hdr(m, HeaderTopic) != "ingest" || hdr(m, HeaderOffset) == "" || hdr(m, HeaderContentType) != ContentText {
			t.Errorf("clean[%d] headers %v", i, m.Headers)
		}
		assertNoRaw(t, "weir.clean via kafka-go", string(m.Value))
	}
	finds := read("weir.findings", 4)
	for _, m := range finds {
		var ev FindingsEvent
		if err := json.Unmarshal(m.Value, &ev); err != nil {
			t.Fatalf("kafka-go: findings event does not decode: %v", err)
		}
		if ev.Types["EMAIL_ADDRESS"] != 1 || ev.ID != hdr(m, HeaderID) || ev.Fields[0].Findings[0].Fingerprint == "" {
			t.Errorf("event %s", m.Value)
		}
	}
}
