package kafka

import (
	"context"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// ProducerConfig configures a Producer.
type ProducerConfig struct {
	// MaxRecordBytes is the largest record value to produce. Batches are
	// at most franz-go's default 1,000,012 bytes (under Kafka's default
	// message.max.bytes), or MaxRecordBytes plus 64 KiB for headers when
	// that is larger: the broker's message.max.bytes must then allow it.
	MaxRecordBytes int32
	// MaxBufferedBytes bounds what the client holds unacknowledged; Produce
	// blocks beyond it. Default 64 MiB.
	MaxBufferedBytes int
	// Linger is how long a batch waits to fill. Default 5 ms.
	Linger time.Duration
}

func (c ProducerConfig) opts() []kgo.Opt {
	batch := max(int32(1_000_012), c.MaxRecordBytes+64<<10)
	buf := c.MaxBufferedBytes
	if buf <= 0 {
		buf = 64 << 20
	}
	linger := c.Linger
	if linger <= 0 {
		linger = 5 * time.Millisecond
	}
	return []kgo.Opt{
		kgo.ProducerBatchMaxBytes(batch),
		kgo.MaxBufferedBytes(buf),
		kgo.ProducerLinger(linger),
		kgo.ProducerBatchCompression(kgo.NoCompression()),
		kgo.RecordPartitioner(kgo.StickyKeyPartitioner(nil)),
	}
}

// Producer is an idempotent producer. Records to one partition are written
// in the order Produce was called.
type Producer struct{ cl *kgo.Client }

// NewProducer connects a producer.
func NewProducer(conn Conn, cfg ProducerConfig) (*Producer, error) {
	o, err := conn.opts()
	if err != nil {
		return nil, err
	}
	cl, err := kgo.NewClient(append(o, cfg.opts()...)...)
	if err != nil {
		return nil, fmt.Errorf("kafka: producer: %w", err)
	}
	return &Producer{cl: cl}, nil
}

// Produce queues m; done is called exactly once, with nil when the broker
// acknowledged the record (durable per the topic's acks=all), or the error.
// Retriable errors are retried by the client; done sees only final ones.
func (p *Producer) Produce(ctx context.Context, m Message, done func(error)) {
	p.cl.Produce(ctx, toKgo(m), func(_ *kgo.Record, err error) { done(err) })
}

// Flush waits until every queued record is acknowledged or failed.
func (p *Producer) Flush(ctx context.Context) error { return p.cl.Flush(ctx) }

// Close closes the client; records still queued fail.
func (p *Producer) Close() { p.cl.Close() }
