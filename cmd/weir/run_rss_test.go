package main

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// vmHWM returns a process's peak resident set size in bytes (Linux).
func vmHWM(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Skip("no VmHWM in /proc status")
	return 0
}

// peakRSS runs weir over n records of size bytes and returns its peak RSS.
func peakRSS(t *testing.T, n, size int, extra ...string) int64 {
	t.Helper()
	bin := weirBinary(t)
	conn := killBroker(t, n, size)
	cmd, prog := startWeir(t, bin, conn, extra...)
	deadline := time.Now().Add(180 * time.Second)
	for prog.count() < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if prog.count() < n {
		t.Fatalf("weir completed %d of %d records", prog.count(), n)
	}
	rss := vmHWM(t, cmd.Process.Pid)
	_ = cmd.Process.Signal(syscall.SIGTERM)
	_ = cmd.Wait()
	return rss
}

// RSS stays bounded for any input: 200 MB of 512 KB records through a 2 MiB
// in-flight budget costs about what 2 MB of small records cost, not the
// size of the backlog.
func TestRunRSSBounded(t *testing.T) {
	budget := []string{"--max-inflight-bytes", "2MiB", "--batch-bytes", "512KiB", "--max-record-bytes", "1MiB"}
	base := peakRSS(t, 2000, 1000, budget...)
	big := peakRSS(t, 400, 512<<10, budget...)
	t.Logf("peak RSS: %d MB for 2 MB of 1 KB records, %d MB for 200 MB of 512 KB records (budget 2 MiB)", base>>20, big>>20)
	if big-base > 64<<20 {
		t.Errorf("peak RSS grew by %d MB with the backlog (budget 2 MiB)", (big-base)>>20)
	}
}
