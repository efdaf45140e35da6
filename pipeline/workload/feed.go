package workload

import (
	"context"
	"fmt"
	"sync"

	"github.com/weir-dev/weir/sources/kafka"
)

// Feed produces n generated records (seed) to topic and waits until the
// broker acknowledged all of them. Every malformedEvery-th record (when > 0)
// is a truncated JSON document, to show the dead-letter path.
func Feed(ctx context.Context, conn kafka.Conn, topic string, n int, seed uint64, malformedEvery int) error {
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		return err
	}
	defer p.Close()
	g := New(seed)
	var mu sync.Mutex
	var first error
	for i := range n {
		r := g.Next(i)
		if malformedEvery > 0 && i%malformedEvery == malformedEvery-1 {
			r = Record{Key: fmt.Sprintf("broken-%d", i), Value: []byte(`{"id": "note-x", "patient": {"name": "Ada`), Kind: "broken"}
		}
		m := kafka.Message{Topic: topic, Key: []byte(r.Key), Value: r.Value}
		if r.ContentType != "" {
			m.Headers = []kafka.Header{{Key: "content-type", Value: []byte(r.ContentType)}}
		}
		p.Produce(ctx, m, func(err error) {
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		})
	}
	if err := p.Flush(ctx); err != nil {
		return fmt.Errorf("workload: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if first != nil {
		return fmt.Errorf("workload: produce: %w", first)
	}
	return nil
}
