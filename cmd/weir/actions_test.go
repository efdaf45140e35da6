package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

// syncWriter is a writer for a command running in another goroutine.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// s3Env returns the S3 environment scripts/minio.sh exports, and a client;
// the test is skipped without it.
func s3Env(t *testing.T) (map[string]string, *s3.Client) {
	t.Helper()
	if os.Getenv(s3.EnvEndpoint) == "" {
		t.Skipf("no S3 server: %s is not set. Run with a real MinIO: scripts/minio.sh run go test ./cmd/weir/ -run Actions "+
			"(add scripts/postgres.sh run for PostgreSQL)", s3.EnvEndpoint)
	}
	env := map[string]string{}
	for _, k := range []string{s3.EnvEndpoint, s3.EnvAccessKey, s3.EnvSecretKey, s3.EnvRegion} {
		env[k] = os.Getenv(k)
	}
	cfg, err := s3.ConfigFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return env, c
}

func testBucket(t *testing.T, c *s3.Client, prefix string, versioned bool) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	name := prefix + "-" + hex.EncodeToString(b[:])
	if err := c.MakeBucket(context.Background(), name, versioned); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.RemoveBucket(context.Background(), name) })
	return name
}

// Synthetic PHI (a made-up patient, MRN and birth date) and a clean ticket.
const (
	phiTicket   = `{"ticket": 4411, "body": "Patient Jane Roe, MRN: 00482913, DOB 1962-03-14, asks about her metformin refill"}` + "\n"
	cleanTicket = `{"ticket": 4412, "body": "printer on floor 3 is jammed again"}` + "\n"
)

type watched struct {
	obj s3.ObjectInfo
	out actions.Outcome
	err error
	at  time.Time
}

// TestActionsEndToEnd is issue 7's scenario: an OpenLineage event says job
// train-support-bot reads s3://BUCKET/tickets and writes the external model
// support-bot; an object with synthetic PHI lands under tickets/; weir
// actions watch quarantines it (detection to action time is measured);
// restore brings it back byte-identical and the watcher leaves it alone;
// the action log verifies, every entry is on weir.actions (embedded Kafka),
// and blast-radius names the model. Real MinIO, SQLite and PostgreSQL.
func TestActionsEndToEnd(t *testing.T) {
	env, c := s3Env(t)
	broker, err := kafka.StartEmbedded(kafka.EmbeddedConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer broker.Close()
	backends := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "lineage.db") },
		"postgres": func(t *testing.T) string { return storetest.PostgresDSN(t) },
	}
	for _, name := range []string{"sqlite", "postgres"} {
		t.Run(name, func(t *testing.T) {
			dsn := backends[name](t)
			env := maps(env, map[string]string{store.EnvDSN: dsn, "USER": "alice"})
			endToEnd(t, env, c, broker, "weir.actions."+name)
		})
	}
}

func maps(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

func endToEnd(t *testing.T, env map[string]string, c *s3.Client, broker *kafka.Embedded, topic string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	bucket := testBucket(t, c, "training", true)
	qbucket := testBucket(t, c, "weir-quarantine", false)
	brokers := strings.Join(broker.Addrs(), ",")

	// The lineage: train-support-bot reads s3://BUCKET/tickets, writes the
	// external model support-bot.
	ev, err := os.ReadFile("testdata/actions/train_support_bot.json")
	if err != nil {
		t.Fatal(err)
	}
	evFile := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(evFile, bytes.ReplaceAll(ev, []byte("BUCKET"), []byte(bucket)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "", env, "lineage", "ingest", evFile); code != exitOK {
		t.Fatalf("ingest: %d %s", code, stderr)
	}

	// The watcher.
	results := make(chan watched, 16)
	wctx, stop := context.WithCancel(ctx)
	var werr syncWriter
	done := make(chan int, 1)
	go func() {
		done <- actionsCmd(wctx, []string{"watch", "--policy", "testdata/actions/policies.yaml",
			"--quarantine", "s3://" + qbucket + "/held/", "--brokers", brokers, "--topic", topic,
			"--notifications", "--poll", "500ms", "s3://" + bucket + "/tickets/"},
			stdio{in: strings.NewReader(""), out: io.Discard, err: &werr}, func(k string) string { return env[k] },
			func(o s3.ObjectInfo, out actions.Outcome, err error) {
				results <- watched{obj: o, out: out, err: err, at: time.Now()}
			})
	}()
	defer func() {
		stop()
		if code := <-done; code != exitOK {
			t.Errorf("watch exited %d: %s", code, werr.String())
		}
	}()
	next := func(what string) watched {
		t.Helper()
		select {
		case w := <-results:
			if w.err != nil {
				t.Fatalf("%s: %v", what, w.err)
			}
			return w
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: nothing done in 30 s; watch log:\n%s", what, werr.String())
		}
		return watched{}
	}
	time.Sleep(300 * time.Millisecond) // let the notification stream attach; polls catch up otherwise

	// A clean object passes untouched.
	if _, err := c.Put(ctx, bucket, "tickets/clean.jsonl", strings.NewReader(cleanTicket), int64(len(cleanTicket))); err != nil {
		t.Fatal(err)
	}
	if w := next("clean object"); w.out.Acted != nil || len(w.out.Decisions) != 0 {
		t.Fatalf("clean object: %+v", w.out)
	}

	// The PHI object is quarantined.
	key := "tickets/2026/11/22/batch-07.jsonl"
	putAt := time.Now()
	up, err := c.Put(ctx, bucket, key, strings.NewReader(phiTicket), int64(len(phiTicket)))
	if err != nil {
		t.Fatal(err)
	}
	w := next("PHI object")
	latency := w.at.Sub(putAt)
	t.Logf("detection-to-action time: object PUT -> quarantine complete %v (poll 500 ms); findings -> quarantine complete %v",
		latency.Round(time.Millisecond), w.out.Took.Round(time.Millisecond))
	if w.out.Acted == nil || w.out.Acted.State != store.StateApplied || w.out.Acted.Policy != "no-phi-in-external-models" {
		t.Fatalf("PHI object: %+v", w.out)
	}
	id := w.out.Acted.ActionID
	if w.out.Dataset != "s3://"+bucket+"/tickets" || w.out.Acted.Findings["MEDICAL_RECORD_NUMBER"] != 1 {
		t.Fatalf("decision: dataset %s findings %v", w.out.Dataset, w.out.Acted.Findings)
	}
	if len(w.out.Entries) != 2 || w.out.Entries[0].State != store.StateDryRun || w.out.Entries[0].Policy != "trial-alert-on-pii" {
		t.Fatalf("dry run not recorded: %+v", w.out.Entries)
	}
	if _, err := c.Stat(ctx, bucket, key, up.VersionID); !s3.IsNotFound(err) {
		t.Fatalf("the PHI version is still in the training bucket: %v", err)
	}
	held := w.out.Acted.Detail["quarantine"]
	if !strings.HasPrefix(held, "s3://"+qbucket+"/held/"+id+"/") {
		t.Fatalf("quarantined at %q", held)
	}

	// The CLI sees it.
	out, stderr, code := cli(t, "", env, "actions", "list")
	if code != exitOK || !strings.Contains(out, id) || !strings.Contains(out, "applied") || !strings.Contains(out, "dry_run") {
		t.Fatalf("list: %d %s %s", code, out, stderr)
	}
	out, _, _ = cli(t, "", env, "actions", "list", "--state", "applied")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, id) {
		t.Fatalf("list --state applied: %s", out)
	}
	out, _, code = cli(t, "", env, "actions", "show", id)
	for _, want := range []string{"proposed  by policy:no-phi-in-external-models", "approved  by policy:no-phi-in-external-models",
		"applied   by weir", "quarantine: " + held, "undo: weir actions restore " + id, "MEDICAL_RECORD_NUMBER 1"} {
		if code != exitOK || !strings.Contains(out, want) {
			t.Fatalf("show lacks %q:\n%s", want, out)
		}
	}

	// Restore: byte-identical at the original key; the watcher sees the
	// new version and leaves it alone.
	out, stderr, code = cli(t, "", env, "actions", "restore", id, "--quarantine", "s3://"+qbucket+"/held/", "--brokers", brokers, "--topic", topic)
	if code != exitOK || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %d %s %s", code, out, stderr)
	}
	body, err := c.Open(ctx, s3.ObjectInfo{Bucket: bucket, Key: key})
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(body)
	body.Close()
	if err != nil || string(got) != phiTicket {
		t.Fatalf("restored object differs (%v)", err)
	}
	if w := next("restored object"); w.out.RestoredBy != id || w.out.Acted != nil {
		t.Fatalf("the restored object was acted on again: %+v", w.out)
	}
	if _, _, code := cli(t, "", env, "actions", "restore", id, "--quarantine", "s3://"+qbucket+"/held/"); code != exitError {
		t.Errorf("second restore: exit %d", code)
	}

	// The log verifies; blast-radius names the model.
	out, _, code = cli(t, "", env, "actions", "verify")
	if code != exitOK || !strings.Contains(out, "action log verifies: 5 entries") {
		t.Fatalf("verify: %d %s", code, out)
	}
	out, _, code = cli(t, "", env, "lineage", "blast-radius", "s3://"+bucket+"/tickets")
	if code != exitFindings || !strings.Contains(out, "model      mlflow://mlflow.acme.internal/models/support-bot (external)") {
		t.Fatalf("blast-radius: %d %s", code, out)
	}

	// Every entry is on the topic, in log order, with the log's hashes.
	var events []actions.Event
	err = kafka.ReadTopic(ctx, kafka.Conn{Brokers: broker.Addrs()}, topic, false, false, 0, func(r kafka.Record) error {
		var e actions.Event
		if err := json.Unmarshal(r.Value, &e); err != nil {
			return err
		}
		if string(r.Key) != e.ActionID || bytes.Contains(r.Value, []byte("00482913")) {
			t.Errorf("event %d: key %q, or a detected value leaked", e.Seq, r.Key)
		}
		events = append(events, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(events, func(i, j int) bool { return events[i].Seq < events[j].Seq })
	var states []string
	prev := store.GenesisHash
	for _, e := range events {
		states = append(states, e.State)
		if e.PrevHash != prev {
			t.Errorf("event %d does not link to the previous one", e.Seq)
		}
		prev = e.Hash
	}
	if strings.Join(states, ",") != "dry_run,proposed,approved,applied,restored" {
		t.Fatalf("events on %s: %v", topic, states)
	}
}

// With approval: required, watch --once proposes; the object stays until a
// person approves (then it is quarantined) or rejects.
func TestActionsApproval(t *testing.T) {
	env, c := s3Env(t)
	env = maps(env, map[string]string{store.EnvDSN: filepath.Join(t.TempDir(), "lineage.db"), "USER": "alice"})
	ctx := context.Background()
	bucket := testBucket(t, c, "training", false)
	qbucket := testBucket(t, c, "weir-quarantine", false)
	ev, err := os.ReadFile("testdata/actions/train_support_bot.json")
	if err != nil {
		t.Fatal(err)
	}
	evFile := filepath.Join(t.TempDir(), "event.json")
	if err := os.WriteFile(evFile, bytes.ReplaceAll(ev, []byte("BUCKET"), []byte(bucket)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "", env, "lineage", "ingest", evFile); code != exitOK {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	for _, k := range []string{"tickets/a.jsonl", "tickets/b.jsonl"} {
		if _, err := c.Put(ctx, bucket, k, strings.NewReader(phiTicket), int64(len(phiTicket))); err != nil {
			t.Fatal(err)
		}
	}
	q := "s3://" + qbucket + "/held/"
	if _, stderr, code := cli(t, "", env, "actions", "watch", "--once", "--policy", "testdata/actions/approval.yaml", "--quarantine", q, "s3://"+bucket+"/tickets/"); code != exitOK {
		t.Fatalf("watch --once: %d %s", code, stderr)
	}
	out, _, _ := cli(t, "", env, "actions", "list", "--state", "proposed", "--format", "json")
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e actions.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %q", err, line)
		}
		ids = append(ids, e.ActionID+" "+e.Subject)
	}
	sort.Strings(ids)
	if len(ids) != 2 {
		t.Fatalf("proposed: %v", ids)
	}
	for _, k := range []string{"tickets/a.jsonl", "tickets/b.jsonl"} {
		if _, err := c.Stat(ctx, bucket, k, ""); err != nil {
			t.Fatalf("a proposal moved %s: %v", k, err)
		}
	}
	// Action ids do not sort like their subjects: approve a.jsonl's, reject b.jsonl's.
	var approve, reject string
	for _, id := range ids {
		f := strings.Fields(id)
		switch {
		case strings.HasSuffix(f[1], "tickets/a.jsonl") || strings.Contains(f[1], "tickets/a.jsonl?"):
			approve = f[0]
		case strings.HasSuffix(f[1], "tickets/b.jsonl") || strings.Contains(f[1], "tickets/b.jsonl?"):
			reject = f[0]
		}
	}
	if approve == "" || reject == "" {
		t.Fatalf("proposals %v do not name tickets/a.jsonl and tickets/b.jsonl", ids)
	}
	if out, stderr, code := cli(t, "", env, "actions", "approve", approve, "--quarantine", q, "--reason", "PHI confirmed"); code != exitOK || !strings.Contains(out, ": applied (entry") {
		t.Fatalf("approve: %d %s %s", code, out, stderr)
	}
	if out, stderr, code := cli(t, "", env, "actions", "reject", reject, "--reason", "synthetic test data"); code != exitOK || !strings.Contains(out, ": rejected (entry") {
		t.Fatalf("reject: %d %s %s", code, out, stderr)
	}
	if _, err := c.Stat(ctx, bucket, "tickets/a.jsonl", ""); !s3.IsNotFound(err) {
		t.Errorf("approved quarantine left the object: %v", err)
	}
	if _, err := c.Stat(ctx, bucket, "tickets/b.jsonl", ""); err != nil {
		t.Errorf("rejected action moved the object: %v", err)
	}
	out, _, _ = cli(t, "", env, "actions", "show", approve)
	if !strings.Contains(out, "approved  by alice: PHI confirmed") || !strings.Contains(out, "applied   by weir") {
		t.Errorf("show:\n%s", out)
	}
	if out, _, code := cli(t, "", env, "actions", "verify"); code != exitOK || !strings.Contains(out, "verifies: 5 entries") {
		t.Fatalf("verify: %d %s", code, out)
	}
}
