package pipeline

import (
	"testing"

	"github.com/weir-dev/weir/sources/kafka"
)

// Acks out of order commit only the acknowledged prefix in receipt order,
// across offset gaps; a dropped (revoked) partition commits nothing more.
func TestTrackerContiguousPrefix(t *testing.T) {
	tr := newTracker()
	tp := kafka.TopicPartition{Topic: "t", Partition: 0}
	var s []*slot
	for _, off := range []int64{10, 11, 13, 14} { // 12: a transaction marker
		s = append(s, tr.add(&kafka.Record{Topic: "t", Offset: off, LeaderEpoch: 2}))
	}
	tr.ack(s[1])
	tr.ack(s[3])
	if c := tr.committable(); len(c) != 0 {
		t.Fatalf("committable before the first ack: %v", c)
	}
	tr.ack(s[0])
	if c := tr.committable(); c[tp].At != 12 || c[tp].Epoch != 2 {
		t.Fatalf("committable %v, want 12", c)
	}
	tr.committed(tr.committable())
	if c := tr.committable(); len(c) != 0 {
		t.Fatalf("committable again: %v", c)
	}
	tr.ack(s[2])
	offs := tr.drop([]kafka.TopicPartition{tp})
	if offs[tp].At != 15 {
		t.Fatalf("drop returned %v, want 15", offs)
	}
	// A late ack for the dropped partition changes nothing; a new record
	// after a reassignment starts fresh.
	tr.ack(s[2])
	if !tr.isDead(s[0]) || len(tr.committable()) != 0 {
		t.Fatalf("dropped partition still tracked")
	}
	n := tr.add(&kafka.Record{Topic: "t", Offset: 15})
	if tr.isDead(n) || tr.pending() != 1 {
		t.Fatalf("reassigned partition not tracked")
	}
}
