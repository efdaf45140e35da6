package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

// TestTailStopsOnSIGTERM runs the weir tail binary against a real MinIO and
// the embedded broker and stops it with SIGTERM, as Kubernetes does: it
// must exit 0 with its final log line and its checkpoint saved, not die
// from the signal (it used to listen for SIGINT only).
func TestTailStopsOnSIGTERM(t *testing.T) {
	if os.Getenv(s3.EnvEndpoint) == "" {
		t.Skipf("no S3 server: %s is not set. Run with a real MinIO: "+
			"`scripts/minio.sh run go test ./cmd/weir -run TailStopsOnSIGTERM`", s3.EnvEndpoint)
	}
	bin := weirBinary(t)
	ctx := context.Background()
	cfg, _ := s3.ConfigFromEnv(os.Getenv)
	c, err := s3.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var rb [4]byte
	_, _ = rand.Read(rb[:])
	bucket := "weir-sigterm-" + hex.EncodeToString(rb[:])
	if err := c.MakeBucket(ctx, bucket, false); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.RemoveBucket(context.Background(), bucket) })
	data := "mail jane.doe@acme-corp.io\n"
	if _, err := c.Put(ctx, bucket, "docs/a.txt", strings.NewReader(data), int64(len(data))); err != nil {
		t.Fatal(err)
	}
	broker, err := kafka.StartEmbedded(kafka.EmbeddedConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer broker.Close()

	cp := filepath.Join(t.TempDir(), "tail.checkpoint")
	cmd := exec.Command(bin, "tail", "--brokers", strings.Join(broker.Addrs(), ","), "--poll", "200ms",
		"--checkpoint", cp, "s3://"+bucket+"/docs/")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=2")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-done
		}
	}()

	// Wait until the object's record is on the ingest topic.
	conn := kafka.Conn{Brokers: broker.Addrs()}
	deadline := time.Now().Add(30 * time.Second)
	for n := 0; n == 0; {
		if time.Now().After(deadline) {
			t.Fatalf("no ingest record after 30 s; weir tail stderr:\n%s", stderr.String())
		}
		rctx, cancel := context.WithTimeout(ctx, time.Second)
		_ = kafka.ReadTopic(rctx, conn, "weir.ingest", false, false, 0, func(kafka.Record) error { n++; return nil })
		cancel()
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("weir tail after SIGTERM: %v (want exit 0); stderr:\n%s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("weir tail did not stop within 15 s of SIGTERM; stderr:\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "weir tail stopped") {
		t.Errorf("no final log line; stderr:\n%s", stderr.String())
	}
	if st, err := os.Stat(cp); err != nil || st.Size() == 0 {
		t.Errorf("checkpoint not saved: %v", err)
	}
}
