package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/vectordb"
)

func TestPGCaptureCommandErrors(t *testing.T) {
	cases := []struct {
		env  map[string]string
		args []string
		want string
	}{
		{nil, []string{"--tables", "docs", "--embedded"}, "WEIR_PGCAPTURE_DSN"},
		{map[string]string{"WEIR_PGCAPTURE_DSN": "postgres://x@127.0.0.1/db"}, []string{"--embedded"}, "--tables is required"},
		{map[string]string{"WEIR_PGCAPTURE_DSN": "postgres://x@127.0.0.1/db"}, []string{"--tables", "Bad-Name", "--embedded"}, "lower-case"},
		{map[string]string{"WEIR_PGCAPTURE_DSN": "postgres://x@127.0.0.1/db"}, []string{"--tables", "docs"}, "--brokers is required"},
	}
	for _, c := range cases {
		_, stderr, code := cli(t, "", c.env, append([]string{"pgcapture"}, c.args...)...)
		if code != exitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d stderr %q (want %q)", c.args, code, stderr, c.want)
		}
	}
}

// weir pgcapture against a real PostgreSQL, stopped and started again:
// rows written while it is down are captured after the restart.
func TestPGCaptureCommand(t *testing.T) {
	base := os.Getenv("WEIR_PG_DSN")
	if base == "" {
		t.Skip("WEIR_PG_DSN not set: run with scripts/postgres.sh run go test ./cmd/weir/ -run PGCapture")
	}
	ctx := context.Background()
	admin, err := pgconn.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	name := "weir_cmd_" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "")
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name).ReadAll(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_, _ = admin.Exec(ctx, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = '"+name+"'").ReadAll()
		_, _ = admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)").ReadAll()
	}()
	dsn := strings.Replace(base, "/postgres?", "/"+name+"?", 1)
	db, err := pgconn.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	exec := func(sql string) {
		if _, err := db.Exec(ctx, sql).ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	exec(`CREATE TABLE items (id int PRIMARY KEY, body text, embedding float4[])`)
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	env := map[string]string{"WEIR_PGCAPTURE_DSN": dsn}
	start := func() (context.CancelFunc, chan int) {
		cctx, cancel := context.WithCancel(ctx)
		ready, done := make(chan struct{}), make(chan int, 1)
		var stderr bytes.Buffer
		go func() {
			done <- pgCapture(cctx, []string{"--tables", "items", "--brokers", strings.Join(b.Addrs(), ","), "--partitions", "1"},
				stdio{in: strings.NewReader(""), out: io.Discard, err: &stderr}, func(k string) string { return env[k] }, func() { close(ready) })
		}()
		select {
		case <-ready:
		case code := <-done:
			t.Fatalf("pgcapture exited %d: %s", code, stderr.String())
		case <-time.After(30 * time.Second):
			t.Fatal("pgcapture not ready")
		}
		return cancel, done
	}
	count := func() (n int, ids map[string]int) {
		ids = map[string]int{}
		rctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		err := kafka.ReadTopic(rctx, kafka.Conn{Brokers: b.Addrs()}, vectordb.DefaultCaptureTopic, false, false, 0, func(r kafka.Record) error {
			var ev vectordb.CaptureEvent
			if err := json.Unmarshal(r.Value, &ev); err != nil {
				return err
			}
			var id string
			_ = json.Unmarshal(ev.PointIDs[0], &id)
			ids[id]++
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return n, ids
	}
	cancel, done := start()
	exec(`INSERT INTO items VALUES (1, 'card 4556 7375 8689 9855', '{0.5}')`)
	waitUntil(t, func() bool { n, _ := count(); return n >= 1 })
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d", code)
	}
	exec(`INSERT INTO items VALUES (2, 'while weir was down', '{0.25}')`)
	cancel, done = start()
	waitUntil(t, func() bool { n, _ := count(); return n >= 2 })
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d", code)
	}
	if _, ids := count(); ids["1"] != 1 || ids["2"] != 1 {
		t.Errorf("events per row %v", ids)
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
