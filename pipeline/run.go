package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// Run consumes cfg.Topics in cfg.Group, processes every record with proc and
// produces its outputs, until ctx is done (then it drains and returns nil)
// or a fatal error (returned). See the package documentation for the
// delivery guarantees.
func Run(ctx context.Context, cfg Config, proc *Processor) error {
	if err := cfg.defaults(); err != nil {
		return err
	}
	if cfg.ExactlyOnce {
		return runExactlyOnce(ctx, cfg, proc)
	}
	return runAtLeastOnce(ctx, cfg, proc)
}

type pollFunc func(ctx context.Context, max int, fn func([]kafka.Record)) error

// collect polls one batch: it blocks for the first records, then keeps
// polling for up to Linger while the batch is below BatchRecords and
// BatchBytes. register is called for every record inside the poll callback
// (before a rebalance can run). It returns the batch (possibly empty) and
// the error that stopped polling, if any (ctx's error or ErrClosed).
//
// Each poll asks for as many records as fit in the rest of the batch's bytes
// at the average record size seen so far (*avg, updated), so a fetch of
// small compressed batches that decompress to much more does not land in
// the pipeline all at once.
func collect(ctx context.Context, cfg *Config, poll pollFunc, avg *int, register func(*item)) (*batch, error) {
	b := &batch{}
	var deadline time.Time
	for len(b.items) < cfg.BatchRecords && b.bytes < cfg.BatchBytes {
		want := 1 // the first poll of a run learns the record size
		if *avg > 0 {
			want = min(cfg.BatchRecords-len(b.items), max(1, (cfg.BatchBytes-b.bytes) / *avg))
		}
		pctx, cancel := ctx, context.CancelFunc(func() {})
		if len(b.items) > 0 {
			if deadline.IsZero() {
				deadline = time.Now().Add(cfg.Linger)
			}
			if !time.Now().Before(deadline) {
				break
			}
			pctx, cancel = context.WithDeadline(ctx, deadline)
		}
		err := poll(pctx, want, func(recs []kafka.Record) {
			n := 0
			for i := range recs {
				it := &item{rec: recs[i]}
				register(it)
				b.items = append(b.items, it)
				b.bytes += len(recs[i].Value)
				n += len(recs[i].Value)
			}
			if *avg <= 0 {
				*avg = max(1, n/len(recs))
			} else {
				*avg = max(1, (*avg*7+n/len(recs))/8)
			}
		})
		cancel()
		if err != nil {
			if ctx.Err() == nil && pctx.Err() != nil { // linger ran out
				break
			}
			return b, err
		}
	}
	return b, nil
}

// alo is the state of an at-least-once run.
type alo struct {
	cfg    *Config
	proc   *Processor
	tr     *tracker
	bud    *budget
	cons   atomic.Pointer[kafka.Consumer]
	prod   *kafka.Producer
	commit sync.Mutex // serializes commits with revokes

	failOnce sync.Once
	failErr  error
	stopping atomic.Bool
	cancel   context.CancelFunc
}

func (a *alo) fail(err error) {
	if a.stopping.Load() && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return // abandoned at shutdown: not acknowledged, so not committed
	}
	a.failOnce.Do(func() {
		a.failErr = err
		a.cancel()
	})
}

// commitNow commits every partition's acknowledged prefix.
func (a *alo) commitNow() {
	a.commit.Lock()
	defer a.commit.Unlock()
	cons := a.cons.Load()
	offs := a.tr.committable()
	if cons == nil || len(offs) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := cons.Commit(ctx, offs); err != nil {
		a.cfg.Logf("commit: %v (retried at the next interval)", err)
		return
	}
	a.tr.committed(offs)
}

// onRevoked commits what is done for the revoked partitions, then forgets
// them: a commit issued after the revoke could move another member's
// position (its records would be acked by us, the offsets by it), so
// later acks for them are ignored and their in-flight records are not
// produced. franz-go blocks the rebalance until this returns.
func (a *alo) onRevoked(ctx context.Context, tps []kafka.TopicPartition) {
	a.commit.Lock()
	defer a.commit.Unlock()
	offs := a.tr.drop(tps)
	if cons := a.cons.Load(); cons != nil && len(offs) > 0 {
		if err := cons.Commit(ctx, offs); err != nil {
			a.cfg.Logf("commit on revoke: %v (those records will be processed again)", err)
		}
	}
}

// onLost forgets lost partitions without committing: the group may already
// have given them to another member.
func (a *alo) onLost(tps []kafka.TopicPartition) {
	a.commit.Lock()
	defer a.commit.Unlock()
	a.tr.drop(tps)
}

func runAtLeastOnce(ctx context.Context, cfg Config, proc *Processor) error {
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a := &alo{cfg: &cfg, proc: proc, tr: newTracker(), bud: newBudget(cfg.MaxInflightBytes), cancel: cancel}
	inUse := a.bud.inUse
	cfg.Stats.inflight.Store(&inUse)
	defer cfg.Stats.inflight.Store(nil)
	prod, err := kafka.NewProducer(cfg.Conn, cfg.producerConfig(proc))
	if err != nil {
		return err
	}
	defer prod.Close()
	a.prod = prod
	cc := cfg.consumerConfig()
	cc.OnRevoked, cc.OnLost = a.onRevoked, a.onLost
	cons, err := kafka.NewConsumer(cfg.Conn, cc)
	if err != nil {
		return err
	}
	a.cons.Store(cons)

	// Produce with a context that outlives rctx by DrainTimeout, so that a
	// shutdown finishes in-flight outputs when it can.
	pctx, pcancel := context.WithCancel(context.Background())
	defer pcancel()
	go func() {
		<-rctx.Done()
		a.stopping.Store(true)
		t := time.NewTimer(cfg.DrainTimeout)
		defer t.Stop()
		select {
		case <-t.C:
			cfg.Logf("drain timeout: abandoning unacknowledged outputs (not committed)")
			pcancel()
		case <-pctx.Done():
		}
	}()

	pl := startPool(cfg.Workers, proc)
	batches := make(chan *batch, 2)
	emitDone := make(chan struct{})
	go func() {
		defer close(emitDone)
		for b := range batches {
			b.wg.Wait()
			for _, it := range b.items {
				a.emit(pctx, b, it)
			}
		}
	}()
	commitStop := make(chan struct{})
	commitDone := make(chan struct{})
	go func() {
		defer close(commitDone)
		t := time.NewTicker(cfg.CommitInterval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				a.commitNow()
			case <-commitStop:
				return
			}
		}
	}()

	register := func(it *item) {
		it.slot = a.tr.add(&it.rec)
		a.bud.add(int64(len(it.rec.Value)))
		if peak := a.bud.maxUsed(); peak > cfg.Stats.InflightPeak.Load() {
			cfg.Stats.InflightPeak.Store(peak)
		}
		cfg.Stats.lag.polled(kafka.TopicPartition{Topic: it.rec.Topic, Partition: it.rec.Partition}, it.rec.Offset)
	}
	avg := 0
	for rctx.Err() == nil {
		if a.bud.waitBelow(rctx) != nil {
			break
		}
		b, err := collect(rctx, &cfg, cons.Poll, &avg, register)
		if len(b.items) > 0 {
			b.closed = time.Now()
			b.left.Store(int32(len(b.items)))
			pl.submit(b, cfg.Workers)
			batches <- b
		}
		if err != nil {
			if !errors.Is(err, context.Canceled) {
				a.fail(fmt.Errorf("poll: %w", err))
			}
			break
		}
	}
	a.stopping.Store(true)
	pl.stop()
	close(batches)
	<-emitDone
	if err := prod.Flush(pctx); err != nil {
		cfg.Logf("flush at shutdown: %v", err)
	}
	pcancel()
	close(commitStop)
	<-commitDone
	a.commitNow()
	cons.Close()
	return a.failErr
}

// emit produces one record's outputs; the record is acknowledged (and its
// offset becomes committable) when every output is.
func (a *alo) emit(ctx context.Context, b *batch, it *item) {
	size := int64(len(it.rec.Value))
	if a.tr.isDead(it.slot) {
		a.release(size) // revoked: the new owner processes it
		a.itemDone(b)
		return
	}
	var pending atomic.Int32
	pending.Store(int32(len(it.res.Out)))
	var failed atomic.Bool
	for _, m := range it.res.Out {
		a.prod.Produce(ctx, m, func(err error) {
			if err != nil {
				if !failed.Swap(true) {
					a.release(size)
					a.itemDone(b)
					a.fail(fmt.Errorf("produce to %s: %w", m.Topic, err))
				}
				return
			}
			if pending.Add(-1) == 0 && !failed.Load() {
				a.tr.ack(it.slot)
				a.release(size)
				a.cfg.Stats.add(&it.res, int(size))
				a.cfg.Stats.lag.done(kafka.TopicPartition{Topic: it.rec.Topic, Partition: it.rec.Partition}, it.rec.Offset)
				a.itemDone(b)
				if a.cfg.OnAcked != nil {
					a.cfg.OnAcked(it.rec.Timestamp)
				}
			}
		})
	}
}

// release returns n bytes to the in-flight budget.
func (a *alo) release(n int64) { a.bud.release(n) }

// itemDone counts one of b's records as finished; the last one records
// the batch's latency.
func (a *alo) itemDone(b *batch) {
	if b.left.Add(-1) == 0 {
		a.cfg.Stats.batchLatency.observe(time.Since(b.closed))
	}
}
