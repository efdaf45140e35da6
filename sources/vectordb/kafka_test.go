package vectordb

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// kafkaPublisher adapts the franz-go producer of sources/kafka (as
// cmd/weir does) for this test.
type kafkaPublisher struct{ p *kafka.Producer }

func (k kafkaPublisher) Publish(ctx context.Context, topic string, key, value []byte, done func(error)) {
	k.p.Produce(ctx, kafka.Message{Topic: topic, Key: key, Value: value}, done)
}

// Capture events and lineage edges read back from a real Kafka protocol
// broker (kfake).
func TestEventsOnKafka(t *testing.T) {
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn := kafka.Conn{Brokers: b.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := kafka.CreateTopics(ctx, conn, 2, DefaultCaptureTopic, DefaultLineageTopic); err != nil {
		t.Fatal(err)
	}
	prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	f := newFixture(t, rulesEnforce, func(c *Config) { c.Publisher = kafkaPublisher{prod} })
	for _, c := range apiCases[:4] {
		if status, _, _ := f.do(t, c.method, c.path, []byte(c.body(dirtyText, cleanText)), nil); status != 200 {
			t.Fatalf("%s: status %d", c.name, status)
		}
	}
	if err := prod.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	var evs []CaptureEvent
	err = kafka.ReadTopic(ctx, conn, DefaultCaptureTopic, false, false, 4, func(r kafka.Record) error {
		assertNoPlants(t, "capture record", r.Value)
		var ev CaptureEvent
		if err := json.Unmarshal(r.Value, &ev); err != nil {
			return err
		}
		if string(r.Key) != ev.Collection {
			t.Errorf("key %q, collection %q", r.Key, ev.Collection)
		}
		evs = append(evs, ev)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 4 {
		t.Fatalf("%d capture events", len(evs))
	}
	kinds := map[string]bool{}
	for _, ev := range evs {
		kinds[ev.Kind] = true
		if ev.Action != ActionRedacted || ev.Counts.Findings["EMAIL_ADDRESS"] != 1 {
			t.Errorf("event %+v", ev)
		}
	}
	if !kinds["qdrant"] || !kinds["pinecone"] {
		t.Errorf("kinds %v", kinds)
	}
	u, _ := url.Parse(f.up.URL)
	var edges []LineageEdge
	err = kafka.ReadTopic(ctx, conn, DefaultLineageTopic, false, false, 0, func(r kafka.Record) error {
		var e LineageEdge
		if err := json.Unmarshal(r.Value, &e); err != nil {
			return err
		}
		edges = append(edges, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range edges {
		if e.Schema != EdgeSchema || e.To.Namespace != "http://"+u.Host || e.To.Name != "docs" {
			t.Errorf("edge %+v", e)
		}
		if e.From == (EdgeNode{Type: "document", Name: "s3://docs/a.pdf"}) && e.Points == 1 && e.Findings["EMAIL_ADDRESS"] == 1 {
			found = true
		}
	}
	if !found || len(edges) < 4 {
		t.Errorf("edges %+v", edges)
	}
}
