package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
	"github.com/weir-dev/weir/sources/kafka"
)

// Synthetic, checksum-valid values (the same as cmd/weir's leak test).
const (
	cardVisa = "4104332181960018"
	ssn      = "536-27-4419"
	email    = "harriet.quill@fastmail.com"
	awsKey   = "AKIAODZDOCIS2JHTLGMX"
	ghToken  = "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"
)

var (
	engOnce sync.Once
	engVal  *classifiers.Engine
	engErr  error
)

func testEngine(t testing.TB) *classifiers.Engine {
	t.Helper()
	engOnce.Do(func() { engVal, engErr = classifiers.New(classifiers.All(), classifiers.Config{}) })
	if engErr != nil {
		t.Fatal(engErr)
	}
	return engVal
}

func testProcessor(t testing.TB, quarantine ...string) *Processor {
	t.Helper()
	red, err := redact.New(redact.Policy{Default: redact.OpType}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProcessor(ProcessorConfig{Engine: testEngine(t), Redactor: red, Quarantine: quarantine, MaxRecordBytes: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// broker starts an embedded kfake broker with topics created.
func broker(t testing.TB, partitions int32, topics ...string) (*kafka.Embedded, kafka.Conn) {
	t.Helper()
	e, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: int(partitions)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	conn := kafka.Conn{Brokers: e.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	all := append(append([]string{}, topics...), DefaultTopics().All()...)
	if err := kafka.CreateTopics(ctx, conn, partitions, all...); err != nil {
		t.Fatal(err)
	}
	return e, conn
}

func client(t testing.TB, conn kafka.Conn, opts ...kgo.Opt) *kgo.Client {
	t.Helper()
	cl, err := kgo.NewClient(append([]kgo.Opt{kgo.SeedBrokers(conn.Brokers...), kgo.ProducerBatchMaxBytes(16 << 20)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	return cl
}

func produce(t testing.TB, cl *kgo.Client, recs ...*kgo.Record) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := cl.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// numbered returns n text records "record i ..." keyed by i, over partitions
// by key, some with an e-mail address.
func numbered(topic string, n int) []*kgo.Record {
	recs := make([]*kgo.Record, n)
	for i := range n {
		v := "record " + strconv.Itoa(i) + " plain text"
		if i%5 == 0 {
			v += " mail " + email
		}
		recs[i] = &kgo.Record{Topic: topic, Key: []byte(strconv.Itoa(i)), Value: []byte(v)}
	}
	return recs
}

// readN reads topic (read_committed when rc) until want records arrived or
// the timeout passes; it returns what it read.
func readN(t testing.TB, conn kafka.Conn, topic string, rc bool, want int, timeout time.Duration) []kafka.Record {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var out []kafka.Record
	for {
		out = out[:0]
		err := kafka.ReadTopic(ctx, conn, topic, rc, false, 0, func(r kafka.Record) error {
			out = append(out, r)
			return nil
		})
		if len(out) >= want || ctx.Err() != nil {
			return out
		}
		if err != nil {
			t.Logf("read %s: %v", topic, err)
		}
		select {
		case <-ctx.Done():
			return out
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func header(r kafka.Record, key string) string {
	for _, h := range r.Headers {
		if h.Key == key {
			return string(h.Value)
		}
	}
	return ""
}

// accounting maps each input id (weir.id) to how many times it appears on
// clean, quarantine and dlq.
func accounting(t testing.TB, conn kafka.Conn, rc bool, want int, timeout time.Duration) map[string]int {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		seen := map[string]int{}
		for _, topic := range []string{"weir.clean", "weir.quarantine", "weir.dlq"} {
			for _, r := range readN(t, conn, topic, rc, 0, 20*time.Second) {
				seen[header(r, HeaderID)]++
			}
		}
		if len(seen) >= want || time.Now().After(deadline) {
			return seen
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// checkAccounted fails unless every input 0..n-1 of topic (over parts
// partitions, any offsets) is present; it returns the duplicate count.
func checkAccounted(t testing.TB, seen map[string]int, n int) (dups int) {
	t.Helper()
	total := 0
	for id, c := range seen {
		if !strings.HasPrefix(id, "kafka://") {
			t.Errorf("output without a weir.id: %q", id)
		}
		total += c
		dups += c - 1
	}
	if len(seen) != n {
		t.Errorf("accounted for %d distinct inputs, want %d", len(seen), n)
	}
	return dups
}

type runHandle struct {
	cancel context.CancelFunc
	done   chan error
}

func startRun(t testing.TB, cfg Config, proc *Processor) *runHandle {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &runHandle{cancel: cancel, done: make(chan error, 1)}
	if cfg.Logf == nil {
		cfg.Logf = func(f string, a ...any) { t.Logf("pipeline: "+f, a...) }
	}
	go func() { h.done <- Run(ctx, cfg, proc) }()
	t.Cleanup(func() { _ = h.stop() })
	return h
}

func (h *runHandle) stop() error {
	h.cancel()
	select {
	case err, ok := <-h.done:
		if ok {
			close(h.done)
		}
		return err
	case <-time.After(90 * time.Second):
		return fmt.Errorf("pipeline did not stop")
	}
}

func decodeEvent(t testing.TB, v []byte) FindingsEvent {
	t.Helper()
	var ev FindingsEvent
	if err := json.Unmarshal(v, &ev); err != nil {
		t.Fatalf("findings event %s: %v", v, err)
	}
	return ev
}
