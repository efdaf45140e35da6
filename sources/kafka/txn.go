package kafka

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kgo"
)

// TxnSession is exactly-once read-process-write: records polled between
// Begin and End are consumed, and the records produced between them are
// written, in one Kafka transaction (kgo.GroupTransactSession, KIP-447). A
// read_committed reader of the outputs sees each input's outputs once.
// Inputs are read read_committed as well.
type TxnSession struct {
	s    *kgo.GroupTransactSession
	logf func(string, ...any)
	hwm  func(TopicPartition, int64)
}

// NewTxnSession joins cfg.Group with a transactional producer named txnID.
// txnID must be stable across restarts of one instance and unique among
// instances: a restart with the same id fences and aborts the transaction
// its killed predecessor left open, instead of waiting for it to time out.
func NewTxnSession(conn Conn, cfg ConsumerConfig, pcfg ProducerConfig, txnID string) (*TxnSession, error) {
	o, err := conn.opts()
	if err != nil {
		return nil, err
	}
	if cfg.Group == "" || len(cfg.Topics) == 0 || txnID == "" {
		return nil, errors.New("kafka: transact session needs a group, topics and a transactional id")
	}
	cfg.OnRevoked, cfg.OnLost = nil, nil // the session aborts on revoke itself
	o = append(o, cfg.opts()...)
	o = append(o, cfg.hooks()...) // OnGone only; the session wraps them
	o = append(o, pcfg.opts()...)
	o = append(o, kgo.TransactionalID(txnID), kgo.RequireStableFetchOffsets())
	s, err := kgo.NewGroupTransactSession(o...)
	if err != nil {
		return nil, fmt.Errorf("kafka: transact session: %w", err)
	}
	return &TxnSession{s: s, logf: limitLog(cfg.Logf), hwm: cfg.OnHighWatermark}, nil
}

// Begin starts a transaction.
func (t *TxnSession) Begin() error { return t.s.Begin() }

// Poll is Consumer.Poll inside the current transaction.
func (t *TxnSession) Poll(ctx context.Context, max int, fn func([]Record)) error {
	defer t.s.AllowRebalance()
	return pollInto(ctx, t.s.PollRecords(ctx, max), t.logf, t.hwm, fn)
}

// Produce queues m in the current transaction; done is called once.
func (t *TxnSession) Produce(ctx context.Context, m Message, done func(error)) {
	t.s.Produce(ctx, toKgo(m), func(_ *kgo.Record, err error) { done(err) })
}

// Flush waits until every record produced in the transaction is
// acknowledged or failed.
func (t *TxnSession) Flush(ctx context.Context) error { return t.s.Client().Flush(ctx) }

// End flushes and commits (commit true) or aborts the transaction. It
// reports false without error when a rebalance forced an abort: the polled
// records will be consumed again, by this member or another.
func (t *TxnSession) End(ctx context.Context, commit bool) (bool, error) {
	return t.s.End(ctx, kgo.TransactionEndTry(commit))
}

// Close leaves the group and closes the client.
func (t *TxnSession) Close() { t.s.Close() }
