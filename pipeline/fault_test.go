package pipeline

import (
	"context"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Retriable produce errors on an output topic are retried by the client:
// nothing is lost and the run goes on.
func TestProduceErrorsRetried(t *testing.T) {
	e, conn := broker(t, 4, "ingest")
	produce(t, client(t, conn), numbered("ingest", 500)...)
	fh := e.Cluster().Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Topic: "weir.clean", Err: kerr.NotLeaderForPartition, Count: 5})
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, BatchRecords: 50}, testProcessor(t))
	seen := accounting(t, conn, false, 500, 90*time.Second)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if fh.Hits() == 0 {
		t.Errorf("the fault never fired")
	}
	t.Logf("fault hits %d, duplicates %d", fh.Hits(), checkAccounted(t, seen, 500))
}

// A produce error the client does not retry stops the run with the error,
// without committing the record; a restart processes it: nothing is lost.
func TestProduceFatalErrorThenRestart(t *testing.T) {
	e, conn := broker(t, 4, "ingest")
	produce(t, client(t, conn), numbered("ingest", 500)...)
	fh := e.Cluster().Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Topic: "weir.clean", Err: kerr.PolicyViolation, Count: 1})
	cfg := Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, BatchRecords: 50}
	h := startRun(t, cfg, testProcessor(t))
	select {
	case err := <-h.done:
		close(h.done)
		if err == nil {
			t.Fatal("run ended without an error")
		}
		t.Logf("run stopped: %v", err)
	case <-time.After(90 * time.Second):
		t.Fatalf("the run did not stop on a fatal produce error (fault hits %d)", fh.Hits())
	}
	h2 := startRun(t, cfg, testProcessor(t))
	seen := accounting(t, conn, false, 500, 90*time.Second)
	if err := h2.stop(); err != nil {
		t.Fatal(err)
	}
	t.Logf("duplicates after restart: %d", checkAccounted(t, seen, 500))
}

// A second member joins in the middle of the stream and leaves again:
// partitions move twice while batches are in flight; every input is
// accounted for (at-least-once: duplicates allowed, counted).
func TestRebalanceMidStream(t *testing.T) {
	const n = 6000
	_, conn := broker(t, 4, "ingest")
	recs := numbered("ingest", n)
	for _, r := range recs {
		r.Value = append(r.Value, make1K()...)
	}
	produce(t, client(t, conn), recs...)
	var sa, sb Stats
	cfg := Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, BatchRecords: 20, Workers: 2, Stats: &sa}
	a := startRun(t, cfg, testProcessor(t))
	waitFor(t, "member A to start", func() bool { return sa.Records.Load() > 200 })
	cfg.Stats = &sb
	b := startRun(t, cfg, testProcessor(t))
	waitFor(t, "member B to get partitions", func() bool { return sb.Records.Load() > 0 || sa.Records.Load() >= n })
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	seen := accounting(t, conn, false, n, 120*time.Second)
	if err := a.stop(); err != nil {
		t.Fatal(err)
	}
	dups := checkAccounted(t, seen, n)
	t.Logf("member A %d records, member B %d, duplicates %d", sa.Records.Load(), sb.Records.Load(), dups)
	if sb.Records.Load() == 0 {
		t.Logf("member B got no records: A finished first (the rebalance was not mid-stream)")
	}
}

func make1K() []byte {
	b := make([]byte, 1024)
	for i := range b {
		b[i] = "lorem ipsum dolor sit amet "[i%27]
	}
	return b
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("timed out waiting for %s", what)
		case <-time.After(20 * time.Millisecond):
		}
	}
}
