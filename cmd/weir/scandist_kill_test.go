package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// A worker process killed (SIGKILL) in the middle of a distributed scan
// leaves its current task uncommitted; once its group session expires, a
// fresh worker process takes its partitions, redoes the task and the scan
// ends with the local report. (Scanning happens in the binary, built
// without -race, so the test stays fast under -race.)
func TestScanDistributedWorkerKilled(t *testing.T) {
	bin := weirBinary(t)
	eng := builtinEngine(t)
	dir := t.TempDir()
	var line strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&line, `{"id":%d,"email":"user%d.quill@fastmail.com","note":"nothing to see here, just padding text"}`+"\n", i, i)
	}
	const files = 16
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("part-%02d.jsonl", i)), []byte(line.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	localOut, err := exec.Command(bin, "scan", "--format", "json", dir).Output()
	if len(localOut) == 0 {
		t.Fatalf("local scan: %v", err)
	}
	local := string(localOut)
	conn := distBroker(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	type outcome struct {
		out, errs string
		code      int
	}
	res := make(chan outcome, 1)
	go func() {
		out, errs, code := distScan(ctx, t, eng, conn, distFlagsFor("", 80*time.Second), "json", dir)
		res <- outcome{out, errs, code}
	}()

	worker := func() (*exec.Cmd, *lockedWriter) {
		cmd := exec.Command(bin, "scan-worker", "--brokers", strings.Join(conn.Brokers, ","), "--group", "workers",
			"--session-timeout", "6s", "--workers", "1")
		cmd.Env = append(os.Environ(), "GOMAXPROCS=1")
		stderr := &lockedWriter{w: new(bytes.Buffer), mu: new(sync.Mutex)}
		cmd.Stderr = stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if cmd.ProcessState == nil {
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
			}
		})
		return cmd, stderr
	}
	cmd, stderr := worker()
	// Kill it as soon as its first result is out.
	first := errors.New("first result")
	err = kafka.ReadTopic(ctx, conn, defaultResultsTopic, false, true, 0, func(kafka.Record) error { return first })
	if !errors.Is(err, first) {
		t.Fatalf("no result from the worker process: %v (stderr %s)", err, stderr.w.String())
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	killed := time.Now()
	if n := countRecords(ctx, t, conn, defaultResultsTopic); n >= files {
		t.Skipf("the worker process did all %d tasks before it was killed", n)
	}
	worker() // a fresh process in the same group
	select {
	case o := <-res:
		t.Logf("scan finished %v after the kill", time.Since(killed).Round(time.Millisecond))
		if o.code != exitFindings {
			t.Errorf("exit %d stderr %s", o.code, o.errs)
		}
		if normalizeTiming(o.out) != normalizeTiming(local) {
			t.Errorf("report after a worker was killed differs from local\n--- distributed\n%.2000s\n--- local\n%.2000s", o.out, local)
		}
	case <-ctx.Done():
		t.Fatal("scan did not finish")
	}
}
