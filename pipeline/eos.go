package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// maxAborts is how many transactions in a row may abort on produce errors
// before the run gives up.
const maxAborts = 5

// runExactlyOnce is read-process-write in one Kafka transaction per batch:
// begin, poll a batch, classify it in parallel, produce its outputs, and
// commit outputs and input offsets together. A rebalance or a produce
// error aborts the transaction; the client rewinds to the committed
// offsets and the batch is read again.
func runExactlyOnce(ctx context.Context, cfg Config, proc *Processor) error {
	sess, err := kafka.NewTxnSession(cfg.Conn, cfg.consumerConfig(), cfg.producerConfig(proc), cfg.TransactionalID)
	if err != nil {
		return err
	}
	defer sess.Close()
	pl := startPool(cfg.Workers, proc)
	defer pl.stop()
	aborts, avg := 0, 0
	for ctx.Err() == nil {
		if err := sess.Begin(); err != nil {
			return fmt.Errorf("begin transaction: %w", err)
		}
		b, perr := collect(ctx, &cfg, sess.Poll, &avg, func(it *item) {
			cfg.Stats.lag.polled(kafka.TopicPartition{Topic: it.rec.Topic, Partition: it.rec.Partition}, it.rec.Offset)
		})
		b.closed = time.Now()
		if perr != nil && !errors.Is(perr, context.Canceled) {
			_, _ = sess.End(context.Background(), false)
			return fmt.Errorf("poll: %w", perr)
		}
		if len(b.items) > 0 {
			pl.submit(b, cfg.Workers)
			b.wg.Wait()
		}
		// End and produce with a context of their own: canceling a
		// transaction midway leaves the client unusable, and a batch is
		// short. A stuck broker still ends it by the drain timeout.
		ectx, cancel := context.WithTimeout(context.Background(), cfg.DrainTimeout+30*time.Second)
		var mu sync.Mutex
		var produceErr error
		for _, it := range b.items {
			for _, m := range it.res.Out {
				sess.Produce(ectx, m, func(err error) {
					if err != nil {
						mu.Lock()
						if produceErr == nil {
							produceErr = fmt.Errorf("produce to %s: %w", m.Topic, err)
						}
						mu.Unlock()
					}
				})
			}
		}
		ferr := sess.Flush(ectx)
		mu.Lock()
		pe := produceErr
		mu.Unlock()
		if pe == nil && ferr != nil {
			pe = ferr
		}
		committed, err := sess.End(ectx, pe == nil)
		cancel()
		if err != nil {
			return fmt.Errorf("end transaction: %w", err)
		}
		switch {
		case committed:
			aborts = 0
			if len(b.items) > 0 {
				cfg.Stats.batchLatency.observe(time.Since(b.closed))
			}
			for _, it := range b.items {
				cfg.Stats.add(&it.res, len(it.rec.Value))
				cfg.Stats.lag.done(kafka.TopicPartition{Topic: it.rec.Topic, Partition: it.rec.Partition}, it.rec.Offset)
				if cfg.OnAcked != nil {
					cfg.OnAcked(it.rec.Timestamp)
				}
			}
		case pe != nil:
			aborts++
			cfg.Logf("transaction aborted (%v); the batch is read again", pe)
			if aborts >= maxAborts {
				return fmt.Errorf("%d transactions in a row aborted: %w", aborts, pe)
			}
		case len(b.items) > 0:
			cfg.Logf("transaction aborted by a rebalance; the batch is read again")
		}
		if perr != nil {
			break
		}
	}
	return nil
}
