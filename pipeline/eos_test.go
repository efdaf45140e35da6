package pipeline

import (
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Exactly-once: the run is stopped and restarted mid-stream and a second
// member joins; a read_committed reader sees every input's outputs once.
func TestExactlyOnce(t *testing.T) {
	const n = 3000
	_, conn := broker(t, 4, "ingest")
	produce(t, client(t, conn), numbered("ingest", n)...)
	var s1, s2, s3 Stats
	cfg := Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, ExactlyOnce: true, TransactionalID: "weir-test-1",
		BatchRecords: 100, Stats: &s1}
	h := startRun(t, cfg, testProcessor(t))
	waitFor(t, "first transactions", func() bool { return s1.Records.Load() >= 300 })
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	cfg.Stats = &s2
	h = startRun(t, cfg, testProcessor(t))
	waitFor(t, "the restarted member", func() bool { return s2.Records.Load() > 0 })
	cfg2 := cfg
	cfg2.TransactionalID, cfg2.Stats = "weir-test-2", &s3
	h2 := startRun(t, cfg2, testProcessor(t))
	seen := accounting(t, conn, true, n, 120*time.Second)
	if err := h2.stop(); err != nil {
		t.Fatal(err)
	}
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if dups := checkAccounted(t, seen, n); dups != 0 {
		t.Errorf("exactly-once: %d duplicates for a read_committed reader", dups)
	}
	// Findings: one event per input with findings (every 5th has an e-mail).
	finds := readN(t, conn, "weir.findings", true, n/5, 60*time.Second)
	ids := map[string]int{}
	for _, r := range finds {
		ids[header(r, HeaderID)]++
	}
	if len(finds) != n/5 || len(ids) != n/5 {
		t.Errorf("findings: %d events for %d inputs, want %d", len(finds), len(ids), n/5)
	}
	t.Logf("records per run: %d, %d, %d (second member)", s1.Records.Load(), s2.Records.Load(), s3.Records.Load())
}

// A produce error inside a transaction aborts it; the batch is read again
// and committed by the next transaction: still exactly once.
func TestExactlyOnceProduceErrorAborts(t *testing.T) {
	const n = 500
	e, conn := broker(t, 2, "ingest")
	produce(t, client(t, conn), numbered("ingest", n)...)
	fh := e.Cluster().Fault(kfake.Fault{Keys: []kmsg.Key{kmsg.Produce}, Topic: "weir.clean", Err: kerr.PolicyViolation, Count: 1})
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, ExactlyOnce: true, TransactionalID: "weir-abort",
		BatchRecords: 100}, testProcessor(t))
	seen := accounting(t, conn, true, n, 120*time.Second)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	if fh.Hits() != 1 {
		t.Errorf("fault hits %d, want 1", fh.Hits())
	}
	if dups := checkAccounted(t, seen, n); dups != 0 {
		t.Errorf("%d duplicates after an aborted transaction", dups)
	}
}
