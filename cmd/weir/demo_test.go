package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// weir demo runs the sample workload through the pipeline on its embedded
// broker and ends on its own; the commands it prints read its outputs.
func TestDemoAndTopicTail(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the pipeline")
	}
	dir := filepath.Join(t.TempDir(), "demo")
	out, errs, code := cli(t, "", nil, "demo", "--records", "400", "--data-dir", dir)
	if code != exitOK {
		t.Fatalf("demo exit %d: %s\n%s", code, out, errs)
	}
	for _, want := range []string{"400 records", "weir.clean", "weir.quarantine", "weir.dlq", "EMAIL_ADDRESS", "topic tail --data-dir " + dir} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	assertNoPlanted(t, "demo summary", out+errs)
	out, errs, code = cli(t, "", nil, "topic", "tail", "--data-dir", dir, "--max", "5", "weir.findings")
	if code != exitOK {
		t.Fatalf("topic tail exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("topic tail printed %d lines, want 5:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var r tailRecord
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Headers["weir.id"] == "" {
			t.Errorf("tail line %s: %v", l, err)
		}
	}
	assertNoPlanted(t, "weir.findings", out)
}

func TestRunFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"run"},                                 // no --brokers, no --embedded
		{"run", "--embedded", "--brokers", "x"}, // both
		{"run", "--brokers", "x", "--format", "xml"},
		{"run", "--brokers", "x", "--max-inflight-bytes", "lots"},
		{"run", "--brokers", "x", "--types", "NOT_A_TYPE"},
		{"topic", "tail", "weir.clean"}, // no source
	} {
		_, errs, code := cli(t, "", nil, args...)
		if code != exitError || errs == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
}
