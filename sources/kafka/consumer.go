package kafka

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// ErrClosed is returned by Poll once the client is closed.
var ErrClosed = errors.New("kafka: client closed")

// ConsumerConfig configures a group consumer.
type ConsumerConfig struct {
	Group string
	// Topics to consume; with Regex each is a regular expression.
	Topics []string
	Regex  bool
	// InstanceID, when set, makes the member static (KIP-345): a restarted
	// process with the same id takes its partitions back without waiting
	// for the session timeout.
	InstanceID string
	// SessionTimeout overrides franz-go's 45 s default when positive.
	SessionTimeout time.Duration
	// FetchMaxBytes bounds one fetch response (franz-go buffers at most one
	// per broker while the caller does not poll). Default 8 MiB.
	FetchMaxBytes int32
	// MaxRecordBytes is the largest record expected; reads of larger
	// responses are allowed up to it. Default 16 MiB.
	MaxRecordBytes int32
	// OnRevoked is called, on a franz-go goroutine, before partitions are
	// given up in a rebalance: commit what is done now, it is the last chance.
	OnRevoked func(ctx context.Context, tps []TopicPartition)
	// OnLost is called when partitions were lost (session expired, fenced):
	// committing for them is no longer possible or safe.
	OnLost func(tps []TopicPartition)
	// OnGone, if set, is called after partitions were revoked or lost
	// (after OnRevoked or OnLost), for bookkeeping such as metrics. Unlike
	// OnRevoked and OnLost it is also called by a TxnSession.
	OnGone func(tps []TopicPartition)
	// OnHighWatermark, if set, is called inside Poll with each fetched
	// partition's high watermark (the offset the next produced record will
	// get), for consumer lag.
	OnHighWatermark func(tp TopicPartition, hwm int64)
	// Logf receives non-fatal fetch errors; nil discards them.
	Logf func(format string, args ...any)
}

// hooks returns the rebalance callbacks of cfg as client options.
func (c ConsumerConfig) hooks() []kgo.Opt {
	var o []kgo.Opt
	if c.OnRevoked != nil || c.OnGone != nil {
		o = append(o, kgo.OnPartitionsRevoked(func(ctx context.Context, _ *kgo.Client, m map[string][]int32) {
			tps := tpList(m)
			if c.OnRevoked != nil {
				c.OnRevoked(ctx, tps)
			}
			if c.OnGone != nil {
				c.OnGone(tps)
			}
		}))
	}
	if c.OnLost != nil || c.OnGone != nil {
		o = append(o, kgo.OnPartitionsLost(func(_ context.Context, _ *kgo.Client, m map[string][]int32) {
			tps := tpList(m)
			if c.OnLost != nil {
				c.OnLost(tps)
			}
			if c.OnGone != nil {
				c.OnGone(tps)
			}
		}))
	}
	return o
}

func (c ConsumerConfig) opts() []kgo.Opt {
	fetch := c.FetchMaxBytes
	if fetch <= 0 {
		fetch = 8 << 20
	}
	maxRec := c.MaxRecordBytes
	if maxRec <= 0 {
		maxRec = 16 << 20
	}
	o := []kgo.Opt{
		kgo.ConsumerGroup(c.Group),
		kgo.ConsumeTopics(c.Topics...),
		kgo.FetchMaxBytes(fetch),
		kgo.FetchMaxPartitionBytes(fetch),
		kgo.BrokerMaxReadBytes(max(fetch, maxRec) + 1<<20),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.BlockRebalanceOnPoll(),
	}
	if c.Regex {
		o = append(o, kgo.ConsumeRegex())
	}
	if c.InstanceID != "" {
		o = append(o, kgo.InstanceID(c.InstanceID))
	}
	if c.SessionTimeout > 0 {
		o = append(o, kgo.SessionTimeout(c.SessionTimeout), kgo.HeartbeatInterval(c.SessionTimeout/5))
	}
	return o
}

func tpList(m map[string][]int32) []TopicPartition {
	var out []TopicPartition
	for t, ps := range m {
		for _, p := range ps {
			out = append(out, TopicPartition{t, p})
		}
	}
	return out
}

// limitLog wraps logf so that one message is logged at most once every
// 30 seconds: an unknown topic is reported by every poll.
func limitLog(logf func(string, ...any)) func(string, ...any) {
	if logf == nil {
		return nil
	}
	var mu sync.Mutex
	last := map[string]time.Time{}
	return func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		mu.Lock()
		now := time.Now()
		if t, ok := last[msg]; ok && now.Sub(t) < 30*time.Second {
			mu.Unlock()
			return
		}
		if len(last) > 1000 {
			clear(last)
		}
		last[msg] = now
		mu.Unlock()
		logf("%s", msg)
	}
}

// Consumer is a group consumer that never commits by itself: the caller
// commits offsets it has finished with (at-least-once).
type Consumer struct {
	cl   *kgo.Client
	logf func(string, ...any)
	hwm  func(TopicPartition, int64)
}

// NewConsumer joins cfg.Group on the cluster conn names.
func NewConsumer(conn Conn, cfg ConsumerConfig) (*Consumer, error) {
	o, err := conn.opts()
	if err != nil {
		return nil, err
	}
	if cfg.Group == "" || len(cfg.Topics) == 0 {
		return nil, errors.New("kafka: consumer needs a group and at least one topic")
	}
	o = append(o, cfg.opts()...)
	o = append(o, kgo.DisableAutoCommit())
	o = append(o, cfg.hooks()...)
	cl, err := kgo.NewClient(o...)
	if err != nil {
		return nil, fmt.Errorf("kafka: consumer: %w", err)
	}
	return &Consumer{cl: cl, logf: limitLog(cfg.Logf), hwm: cfg.OnHighWatermark}, nil
}

// Poll waits for records (up to max) and calls fn with them. No rebalance
// runs between the fetch and fn's return, so fn can register the records
// for commit tracking before a revoke could see them. Poll returns ctx's
// error when ctx is done and ErrClosed after Close; other fetch errors are
// logged and Poll returns nil (possibly without calling fn).
func (c *Consumer) Poll(ctx context.Context, max int, fn func([]Record)) error {
	defer c.cl.AllowRebalance()
	return pollInto(ctx, c.cl.PollRecords(ctx, max), c.logf, c.hwm, fn)
}

func pollInto(ctx context.Context, fs kgo.Fetches, logf func(string, ...any), hwm func(TopicPartition, int64), fn func([]Record)) (err error) {
	if fs.IsClientClosed() {
		return ErrClosed
	}
	// Records are handed over even when ctx is done: they are consumed
	// from the client's buffer, and dropping them here would let later
	// offsets be committed past them.
	defer func() {
		if err == nil {
			err = ctx.Err()
		}
	}()
	for _, fe := range fs.Errors() {
		if errors.Is(fe.Err, context.Canceled) || errors.Is(fe.Err, context.DeadlineExceeded) {
			continue
		}
		if logf != nil {
			logf("fetch %s/%d: %v", fe.Topic, fe.Partition, fe.Err)
		}
	}
	if hwm != nil {
		fs.EachPartition(func(p kgo.FetchTopicPartition) {
			if p.Err == nil && p.HighWatermark >= 0 {
				hwm(TopicPartition{p.Topic, p.Partition}, p.HighWatermark)
			}
		})
	}
	if fs.NumRecords() == 0 {
		return nil
	}
	recs := make([]Record, 0, fs.NumRecords())
	fs.EachRecord(func(r *kgo.Record) { recs = append(recs, toRecord(r)) })
	fn(recs)
	return nil
}

// Commit commits offsets synchronously and returns the first error,
// including per-partition errors from the broker.
func (c *Consumer) Commit(ctx context.Context, offsets map[TopicPartition]Offset) error {
	return commitSync(ctx, c.cl, offsets)
}

func commitSync(ctx context.Context, cl *kgo.Client, offsets map[TopicPartition]Offset) error {
	if len(offsets) == 0 {
		return nil
	}
	m := make(map[string]map[int32]kgo.EpochOffset)
	for tp, o := range offsets {
		if m[tp.Topic] == nil {
			m[tp.Topic] = make(map[int32]kgo.EpochOffset)
		}
		m[tp.Topic][tp.Partition] = kgo.EpochOffset{Epoch: o.Epoch, Offset: o.At}
	}
	var out error
	cl.CommitOffsetsSync(ctx, m, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest, resp *kmsg.OffsetCommitResponse, err error) {
		if err != nil {
			out = fmt.Errorf("kafka: commit: %w", err)
			return
		}
		for _, t := range resp.Topics {
			for _, p := range t.Partitions {
				if e := kerr.ErrorForCode(p.ErrorCode); e != nil && out == nil {
					out = fmt.Errorf("kafka: commit %s/%d: %w", t.Topic, p.Partition, e)
				}
			}
		}
	})
	return out
}

// Close leaves the group and closes the client. Commit what must be
// committed first: Close does not commit.
func (c *Consumer) Close() { c.cl.Close() }
