package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// weirBinary builds cmd/weir once per test run (without -race: the binary
// is the system under test, the test process hosts the broker).
func weirBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the weir binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "weir-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "weir")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// killBroker starts an embedded broker on a loopback port with the input
// topic and the outputs, and feeds n numbered text records.
func killBroker(t *testing.T, n, size int) kafka.Conn {
	t.Helper()
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	conn := kafka.Conn{Brokers: b.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	if err := kafka.CreateTopics(ctx, conn, 4, append([]string{"ingest"}, pipeline.DefaultTopics().All()...)...); err != nil {
		t.Fatal(err)
	}
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	pad := strings.Repeat("lorem ipsum ", size/12)
	for i := range n {
		v := "record " + strconv.Itoa(i) + " " + pad
		if i%7 == 0 {
			v += " contact harriet.quill@fastmail.com"
		}
		p.Produce(ctx, kafka.Message{Topic: "ingest", Key: []byte(strconv.Itoa(i)), Value: []byte(v)}, func(err error) {
			if err != nil {
				t.Errorf("produce: %v", err)
			}
		})
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return conn
}

// progressWriter keeps weir's stderr and the record count of its latest
// status line.
type progressWriter struct {
	mu      sync.Mutex
	buf     strings.Builder
	records int
}

var statusRE = regexp.MustCompile(`msg="(\d+) records`)

func (w *progressWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, m := range statusRE.FindAllSubmatch(p, -1) {
		w.records, _ = strconv.Atoi(string(m[1]))
	}
	if w.buf.Len() < 1<<20 {
		w.buf.Write(p)
	}
	return len(p), nil
}

func (w *progressWriter) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.records
}

func (w *progressWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func startWeir(t *testing.T, bin string, conn kafka.Conn, extra ...string) (*exec.Cmd, *progressWriter) {
	t.Helper()
	args := append([]string{"run", "--brokers", strings.Join(conn.Brokers, ","), "--topics", "ingest", "--group", "kill",
		"--instance-id", "weir-kill-1", "--session-timeout", "6s", "--status-every", "50ms", "--create-topics=false"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
	stderr := &progressWriter{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		if t.Failed() {
			t.Logf("weir stderr (last 2 KB): %s", tail(stderr.String(), 2048))
		}
	})
	return cmd, stderr
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// outputIDs counts each input id (weir.id) on clean, quarantine and dlq.
func outputIDs(t *testing.T, conn kafka.Conn, rc bool) map[string]int {
	t.Helper()
	seen := map[string]int{}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, topic := range []string{"weir.clean", "weir.quarantine", "weir.dlq"} {
		err := kafka.ReadTopic(ctx, conn, topic, rc, false, 0, func(r kafka.Record) error {
			for _, h := range r.Headers {
				if h.Key == pipeline.HeaderID {
					seen[string(h.Value)]++
				}
			}
			return nil
		})
		if err != nil {
			t.Logf("read %s: %v", topic, err)
		}
	}
	return seen
}

// killAndRestart runs weir, SIGKILLs it at random points several times,
// then lets a last instance finish and stops it with SIGTERM; it returns
// the output accounting.
func killAndRestart(t *testing.T, n, kills int, rc bool, extra ...string) map[string]int {
	bin := weirBinary(t)
	conn := killBroker(t, n, 1000)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for i := range kills {
		cmd, prog := startWeir(t, bin, conn, extra...)
		// Kill at a random point after the instance made some progress
		// (its status line counts records it completed).
		at := n/20 + rng.IntN(n/10)
		start := time.Now()
		last, lastChange := 0, time.Now()
		for prog.count() < at && time.Since(start) < 120*time.Second {
			if c := prog.count(); c != last {
				last, lastChange = c, time.Now()
			} else if time.Since(lastChange) > 3*time.Second {
				break // idle: nothing (more) to do, everything was committed
			}
			time.Sleep(time.Duration(1+rng.IntN(10)) * time.Millisecond)
		}
		time.Sleep(time.Duration(rng.IntN(200)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		t.Logf("kill %d: SIGKILL after %d records completed (%v)", i+1, prog.count(), time.Since(start).Round(time.Millisecond))
		if os.Getenv("WEIR_DEBUG_KILL") != "" {
			t.Logf("%s", tail(prog.String(), 3000))
		}
	}
	cmd, _ := startWeir(t, bin, conn, extra...)
	deadline := time.Now().Add(180 * time.Second)
	var seen map[string]int
	for {
		seen = outputIDs(t, conn, rc)
		if len(seen) >= n || time.Now().After(deadline) {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("weir after SIGTERM: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Errorf("weir did not stop on SIGTERM")
	}
	return outputIDs(t, conn, rc)
}

func accountFor(t *testing.T, seen map[string]int, n int) (dups int) {
	t.Helper()
	for _, c := range seen {
		dups += c - 1
	}
	if len(seen) != n {
		t.Errorf("%d of %d inputs accounted for in the outputs (lost %d)", len(seen), n, n-len(seen))
	}
	return dups
}

// At-least-once: weir is SIGKILLed at random points and restarted; no input
// is lost (duplicates are counted and reported).
func TestKillAtLeastOnce(t *testing.T) {
	const n = 20000
	seen := killAndRestart(t, n, 4, false, "--workers", "1", "--commit-interval", "100ms")
	t.Logf("at-least-once after 4 SIGKILLs: %d inputs, %d duplicates", len(seen), accountFor(t, seen, n))
}

// Exactly-once: the same kills; a read_committed reader sees every input's
// outputs exactly once.
func TestKillExactlyOnce(t *testing.T) {
	const n = 20000
	seen := killAndRestart(t, n, 4, true, "--exactly-once", "--transactional-id", "weir-kill-txn", "--batch-records", "200", "--workers", "1")
	if dups := accountFor(t, seen, n); dups != 0 {
		t.Errorf("exactly-once: %d duplicates for a read_committed reader", dups)
	}
	t.Logf("exactly-once after 4 SIGKILLs: %d inputs, 0 duplicates expected", len(seen))
}
