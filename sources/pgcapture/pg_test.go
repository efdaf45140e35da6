package pgcapture

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/vectordb"
)

const (
	plantEmail = "jane.doe@acme-corp.io"
	plantSSN   = "536-22-8190"
	plantAWS   = "AKIAQYLPMN5HFIQR7XYZ"
)

// testDB creates a database with a random name on $WEIR_PG_DSN's server
// and returns its DSN; it is dropped (with the test's slot) at cleanup.
func testDB(t *testing.T) (dsn string, exec func(string)) {
	t.Helper()
	base := os.Getenv("WEIR_PG_DSN")
	if base == "" {
		t.Skip("WEIR_PG_DSN not set: run against a real PostgreSQL with scripts/postgres.sh run go test ./sources/pgcapture/...")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgconn.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	var rb [6]byte
	_, _ = rand.Read(rb[:])
	name := "weir_pgcapture_" + hex.EncodeToString(rb[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name).ReadAll(); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	dsn = u.String()
	db, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		db.Close(ctx)
		_, _ = admin.Exec(ctx, "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE database = '"+name+"' AND active").ReadAll()
		for i := 0; i < 50; i++ {
			res, err := admin.Exec(ctx, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"+name+"'").ReadAll()
			if err == nil && len(res) > 0 {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		if _, err := admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)").ReadAll(); err != nil {
			t.Errorf("drop database: %v", err)
		}
		admin.Close(ctx)
	})
	return dsn, func(sql string) {
		t.Helper()
		if _, err := db.Exec(context.Background(), sql).ReadAll(); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
}

type kafkaPub struct{ p *kafka.Producer }

func (k kafkaPub) Publish(ctx context.Context, topic string, key, value []byte, done func(error)) {
	k.p.Produce(ctx, kafka.Message{Topic: topic, Key: key, Value: value}, done)
}

func engine(t *testing.T) *classifiers.Engine {
	e, err := classifiers.New(classifiers.All(), classifiers.Config{FingerprintKey: []byte("pgcapture-test-key")})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// readEvents reads every capture event on the broker.
func readEvents(t *testing.T, conn kafka.Conn) []vectordb.CaptureEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out []vectordb.CaptureEvent
	err := kafka.ReadTopic(ctx, conn, vectordb.DefaultCaptureTopic, false, false, 0, func(r kafka.Record) error {
		for _, p := range []string{plantEmail, plantSSN, plantAWS} {
			if strings.Contains(string(r.Value), p) {
				t.Error("capture event leaks a planted value")
			}
		}
		var ev vectordb.CaptureEvent
		if err := json.Unmarshal(r.Value, &ev); err != nil {
			return err
		}
		out = append(out, ev)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestCaptureAcrossRestart: inserts and updates are captured with their
// findings; rows written while the capturer is stopped are captured after
// its restart; rows confirmed before the stop are not sent again.
func TestCaptureAcrossRestart(t *testing.T) {
	dsn, exec := testDB(t)
	exec(`CREATE TABLE docs (id bigserial PRIMARY KEY, content text, meta jsonb, embedding float4[], note varchar(200))`)
	exec(`CREATE TABLE other (id int PRIMARY KEY, body text)`)
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn := kafka.Conn{Brokers: b.Addrs()}
	if err := kafka.CreateTopics(context.Background(), conn, 1, vectordb.DefaultCaptureTopic, vectordb.DefaultLineageTopic); err != nil {
		t.Fatal(err)
	}
	prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	in, err := vectordb.NewInspector(engine(t), vectordb.Rules{}, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{ConnString: dsn, Slot: "weir_test", Publication: "weir_test",
		Tables:    []Table{{Name: "docs", SourceColumn: "meta"}},
		Inspector: in, Publisher: kafkaPub{prod}, StatusInterval: 100 * time.Millisecond}

	run := func() (stop func()) {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		ready := make(chan struct{})
		done := make(chan error, 1)
		go func() { done <- c.Run(ctx, func() { close(ready) }) }()
		select {
		case <-ready:
		case err := <-done:
			t.Fatalf("capturer: %v", err)
		case <-time.After(30 * time.Second):
			t.Fatal("capturer not ready")
		}
		var once sync.Once
		stopFn := func() {
			once.Do(func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("capturer: %v", err)
				}
			})
		}
		t.Cleanup(stopFn)
		return stopFn
	}
	stop := run()
	exec(`INSERT INTO docs (content, meta, embedding) VALUES ('mail ` + plantEmail + ` for access', '{"source":"s3://kb/a.pdf"}', '{0.10,-2.5e-3,1}')`)
	exec(`INSERT INTO docs (content, meta, embedding) VALUES ('a clean paragraph', '{"source":"s3://kb/b.pdf"}', '{1,2,3}')`)
	exec(`INSERT INTO other VALUES (1, 'not captured ` + plantEmail + `')`)
	exec(`BEGIN; UPDATE docs SET note = 'ssn ` + plantSSN + `' WHERE id = 2; INSERT INTO docs (content) VALUES ('third'); COMMIT`)
	waitFor(t, func() bool { return len(readEvents(t, conn)) >= 4 })
	stop()

	// Written while the capturer is down.
	exec(`INSERT INTO docs (content, meta) VALUES ('deploy key ` + plantAWS + `', '{"file_path":"ops/runbook.md"}')`)
	exec(`UPDATE docs SET content = 'rewritten, still clean' WHERE id = 3`)
	stop = run()
	defer stop()
	waitFor(t, func() bool { return len(readEvents(t, conn)) >= 6 })
	time.Sleep(300 * time.Millisecond) // anything re-emitted would arrive now
	stop()

	evs := readEvents(t, conn)
	var got []string
	for _, ev := range evs {
		var id string
		_ = json.Unmarshal(ev.PointIDs[0], &id)
		types := []string{}
		for t := range ev.Counts.Findings {
			types = append(types, t)
		}
		got = append(got, fmt.Sprintf("%s %s %s %v", ev.Operation, id, strings.Join(ev.Sources, ","), types))
		if ev.Schema != vectordb.CaptureSchema || ev.Source != "pgcapture" || ev.Collection != "public.docs" || ev.Action != vectordb.ActionCaptured || ev.Position == "" {
			t.Errorf("event %+v", ev)
		}
	}
	want := []string{
		"insert 1 s3://kb/a.pdf [EMAIL_ADDRESS]",
		"insert 2 s3://kb/b.pdf []",
		"update 2 s3://kb/b.pdf [US_SSN]",
		"insert 3  []",
		"insert 4 ops/runbook.md [AWS_ACCESS_KEY_ID]",
		"update 3  []",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("events (nothing missed, nothing repeated):\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f := evs[0].Points[0].Fields[0]; f.Field != "content" || f.Findings[0].Fingerprint == "" {
		t.Errorf("first event's field %+v", f)
	}
	if f := evs[2].Points[0].Fields[0]; f.Field != "note" {
		t.Errorf("update's field %+v", f)
	}
	// The vector column is not text: never classified or reported.
	for _, ev := range evs {
		for _, p := range ev.Points {
			for _, f := range p.Fields {
				if f.Field == "embedding" || f.Field == "id" || f.Field == "meta" {
					t.Errorf("field %s classified", f.Field)
				}
			}
		}
	}
	// The slot's confirmed position moved past every captured row.
	ctx := context.Background()
	pc, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close(ctx)
	res, err := pc.Exec(ctx, `SELECT confirmed_flush_lsn::text, pg_current_wal_lsn()::text FROM pg_replication_slots WHERE slot_name = 'weir_test'`).ReadAll()
	if err != nil || len(res[0].Rows) != 1 {
		t.Fatalf("slot: %v", err)
	}
	confirmed, _ := ParseLSN(string(res[0].Rows[0][0]))
	last, _ := ParseLSN(evs[len(evs)-1].Position)
	if confirmed <= last {
		t.Errorf("slot confirmed %s, last row at %s", confirmed, last)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// failingPub fails every publish while fail is set (a broker outage).
type failingPub struct {
	next vectordb.Publisher
	fail atomic.Bool
}

func (f *failingPub) Publish(ctx context.Context, topic string, key, value []byte, done func(error)) {
	if f.fail.Load() {
		done(errors.New("broker unavailable"))
		return
	}
	f.next.Publish(ctx, topic, key, value, done)
}

// TestUnacknowledgedRowsReplayed: a row whose event the broker did not
// acknowledge is not confirmed to the slot; the capturer stops with an
// error, and after a restart the row is captured.
func TestUnacknowledgedRowsReplayed(t *testing.T) {
	dsn, exec := testDB(t)
	exec(`CREATE TABLE chunks (id text PRIMARY KEY, chunk text, embedding float4[])`)
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn := kafka.Conn{Brokers: b.Addrs()}
	if err := kafka.CreateTopics(context.Background(), conn, 1, vectordb.DefaultCaptureTopic, vectordb.DefaultLineageTopic); err != nil {
		t.Fatal(err)
	}
	prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer prod.Close()
	in, err := vectordb.NewInspector(engine(t), vectordb.Rules{}, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	pub := &failingPub{next: kafkaPub{prod}}
	cfg := Config{ConnString: dsn, Tables: []Table{{Name: "public.chunks", Collection: "kb"}}, Inspector: in, Publisher: pub,
		StatusInterval: 50 * time.Millisecond}
	start := func() (context.CancelFunc, chan error) {
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		ready, done := make(chan struct{}), make(chan error, 1)
		go func() { done <- c.Run(ctx, func() { close(ready) }) }()
		select {
		case <-ready:
		case err := <-done:
			t.Fatalf("capturer: %v", err)
		}
		t.Cleanup(func() { cancel(); <-done; done <- nil })
		return cancel, done
	}
	_, done := start()
	exec(`INSERT INTO chunks VALUES ('a', 'first chunk', '{1,2}')`)
	waitFor(t, func() bool { return len(readEvents(t, conn)) >= 1 })
	pub.fail.Store(true)
	exec(`INSERT INTO chunks VALUES ('b', 'second chunk, mail ` + plantEmail + `', '{3,4}')`)
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "publish") {
			t.Fatalf("capturer ended with %v, want a publish error", err)
		}
		done <- nil // for the cleanup
	case <-time.After(30 * time.Second):
		t.Fatal("capturer did not stop on a failed publish")
	}
	pub.fail.Store(false)
	cancel, _ := start()
	waitFor(t, func() bool { return len(readEvents(t, conn)) >= 2 })
	cancel()
	ids := map[string]int{}
	for _, ev := range readEvents(t, conn) {
		var id string
		_ = json.Unmarshal(ev.PointIDs[0], &id)
		ids[id]++
		if ev.Collection != "kb" {
			t.Errorf("collection %q", ev.Collection)
		}
		if id == "b" && ev.Counts.Findings["EMAIL_ADDRESS"] != 1 {
			t.Errorf("row b findings %+v", ev.Counts)
		}
	}
	if ids["a"] < 1 || ids["b"] != 1 {
		t.Errorf("events per row %v (a at least once, b exactly once)", ids)
	}
}
