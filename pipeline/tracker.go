package pipeline

import (
	"sync"

	"github.com/weir-dev/weir/sources/kafka"
)

// tracker follows every in-flight input record per partition, in the order
// records were received, and yields the offsets that are safe to commit:
// the offset after the longest prefix of received records whose outputs
// are all acknowledged. Offsets are not assumed contiguous (transaction
// markers and compaction leave gaps), so the prefix is by receipt order.
//
// A revoked or lost partition's state is dropped: acks that arrive later
// for its records change nothing and nothing more is committed for it. If
// the partition comes back, it starts a fresh state at the first record
// fetched after the reassignment.
type tracker struct {
	mu    sync.Mutex
	parts map[kafka.TopicPartition]*partState
}

type partState struct {
	q         []*slot // received, not yet popped; q[head:] is live
	head      int
	ready     kafka.Offset // committable (prefix done)
	committed int64        // last offset committed (At), -1 none
	dead      bool
}

// slot is one in-flight record.
type slot struct {
	ps    *partState
	off   int64
	epoch int32
	done  bool
}

func newTracker() *tracker { return &tracker{parts: map[kafka.TopicPartition]*partState{}} }

// add registers a received record.
func (t *tracker) add(r *kafka.Record) *slot {
	t.mu.Lock()
	defer t.mu.Unlock()
	tp := kafka.TopicPartition{Topic: r.Topic, Partition: r.Partition}
	ps := t.parts[tp]
	if ps == nil {
		ps = &partState{committed: -1, ready: kafka.Offset{At: -1}}
		t.parts[tp] = ps
	}
	s := &slot{ps: ps, off: r.Offset, epoch: r.LeaderEpoch}
	ps.q = append(ps.q, s)
	return s
}

// ack marks a record's outputs all acknowledged.
func (t *tracker) ack(s *slot) {
	t.mu.Lock()
	defer t.mu.Unlock()
	s.done = true
	ps := s.ps
	if ps.dead {
		return
	}
	for ps.head < len(ps.q) && ps.q[ps.head].done {
		d := ps.q[ps.head]
		ps.ready = kafka.Offset{At: d.off + 1, Epoch: d.epoch}
		ps.q[ps.head] = nil
		ps.head++
	}
	if ps.head > 1024 && ps.head*2 > len(ps.q) {
		ps.q = append(ps.q[:0], ps.q[ps.head:]...)
		ps.head = 0
	}
}

// dead reports whether the slot's partition was revoked or lost.
func (t *tracker) isDead(s *slot) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return s.ps.dead
}

// committable returns the offsets that advanced since the last commit.
func (t *tracker) committable() map[kafka.TopicPartition]kafka.Offset {
	t.mu.Lock()
	defer t.mu.Unlock()
	var out map[kafka.TopicPartition]kafka.Offset
	for tp, ps := range t.parts {
		if ps.ready.At > ps.committed {
			if out == nil {
				out = map[kafka.TopicPartition]kafka.Offset{}
			}
			out[tp] = ps.ready
		}
	}
	return out
}

// committed records a successful commit of offs.
func (t *tracker) committed(offs map[kafka.TopicPartition]kafka.Offset) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for tp, o := range offs {
		if ps := t.parts[tp]; ps != nil && o.At > ps.committed {
			ps.committed = o.At
		}
	}
}

// drop forgets tps and returns their last committable offsets (for a final
// commit before a revoke completes; callers discard them for lost partitions).
func (t *tracker) drop(tps []kafka.TopicPartition) map[kafka.TopicPartition]kafka.Offset {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := map[kafka.TopicPartition]kafka.Offset{}
	for _, tp := range tps {
		ps := t.parts[tp]
		if ps == nil {
			continue
		}
		if ps.ready.At > ps.committed {
			out[tp] = ps.ready
		}
		ps.dead = true
		delete(t.parts, tp)
	}
	return out
}

// pending returns the number of in-flight records.
func (t *tracker) pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := 0
	for _, ps := range t.parts {
		n += len(ps.q) - ps.head
	}
	return n
}
