package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/store"
)

// actionLog writes a fixed action log (fixed ids and times, so hashes and
// outputs are stable) into a new SQLite store and returns its path.
func actionLog(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "lineage.db")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	q := map[string]int64{"MEDICAL_RECORD_NUMBER": 1, "DATE_OF_BIRTH": 1}
	for i, e := range []store.ActionEntry{
		{ActionID: "act-00000000000000a1", State: store.StateProposed, Action: "quarantine", Policy: "no-phi-in-external-models",
			Actor: "policy:no-phi-in-external-models", Reason: "policy no-phi-in-external-models: quarantine; 1 finding(s) of MEDICAL_RECORD_NUMBER in s3://training/tickets, which feeds mlflow://mlflow.acme.internal/models/support-bot",
			Subject: "s3://training/tickets/batch-07.jsonl?versionId=v1", Dataset: "s3://training/tickets", Findings: q,
			Detail: map[string]string{"object_bucket": "training", "object_key": "tickets/batch-07.jsonl", "object_version": "v1"}},
		{ActionID: "act-00000000000000a1", State: store.StateApproved, Actor: "policy:no-phi-in-external-models", Reason: "approval not required by the policy"},
		{ActionID: "act-00000000000000a1", State: store.StateApplied, Actor: "weir", Reason: "quarantined to s3://weir-quarantine/held/act-00000000000000a1/training/tickets/batch-07.jsonl",
			Detail: map[string]string{"quarantine": "s3://weir-quarantine/held/act-00000000000000a1/training/tickets/batch-07.jsonl",
				"quarantine_bucket": "weir-quarantine", "quarantine_key": "held/act-00000000000000a1/training/tickets/batch-07.jsonl",
				"original": "s3://training/tickets/batch-07.jsonl?versionId=v1", "original_bucket": "training", "original_key": "tickets/batch-07.jsonl",
				"original_version": "v1", "original_mode": "delete", "etag": "5d41402abc4b2a76b9719d911017c592", "size": "112",
				"undo": "weir actions restore act-00000000000000a1"}},
		{ActionID: "act-00000000000000b2", State: store.StateProposed, Action: "alert", Policy: "watch-tagged-datasets",
			Actor: "policy:watch-tagged-datasets", Subject: "s3://training/tickets/batch-08.jsonl", Dataset: "s3://training/tickets",
			Findings: map[string]int64{"US_SSN": 2}},
		{ActionID: "act-00000000000000c3", State: store.StateDryRun, Action: "quarantine", Policy: "trial-quarantine-of-pii",
			Actor: "policy:trial-quarantine-of-pii", Subject: "s3://training/tickets/batch-08.jsonl", Dataset: "s3://training/tickets",
			Findings: map[string]int64{"US_SSN": 2}},
	} {
		e.Time = at.Add(time.Duration(i) * time.Second)
		if _, err := s.AppendAction(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestActionsCLIGolden(t *testing.T) {
	db := actionLog(t)
	for _, c := range []struct {
		golden string
		args   []string
	}{
		{"actions/list.txt", []string{"actions", "list", "--store", db}},
		{"actions/list_proposed.txt", []string{"actions", "list", "--store", db, "--state", "proposed"}},
		{"actions/list.jsonl", []string{"actions", "list", "--store", db, "--format", "json"}},
		{"actions/show.txt", []string{"actions", "show", "act-00000000000000a1", "--store", db}},
		{"actions/show.jsonl", []string{"actions", "show", "--store", db, "--format", "json", "act-00000000000000a1"}},
		{"actions/verify.txt", []string{"actions", "verify", "--store", db}},
	} {
		t.Run(c.golden, func(t *testing.T) {
			out, stderr, code := cli(t, "", nil, c.args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden(t, c.golden, []byte(out))
		})
	}
}

func TestActionsCLI(t *testing.T) {
	db := actionLog(t)
	env := map[string]string{"USER": "carol"}
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", []string{"actions"}, exitError, "", "usage: weir actions"},
		{"unknown command", []string{"actions", "delete"}, exitError, "", `unknown command "delete"`},
		{"bad state", []string{"actions", "list", "--store", db, "--state", "done"}, exitError, "", `unknown action state "done"`},
		{"show unknown", []string{"actions", "show", "--store", db, "act-nope"}, exitError, "", "no such action"},
		{"show without id", []string{"actions", "show", "--store", db}, exitError, "", "usage: weir actions show"},
		{"no store", []string{"actions", "list", "--store", filepath.Join(t.TempDir(), "none.db")}, exitError, "", "no lineage store"},
		{"password in flag", []string{"actions", "list", "--store", "postgres://u:secret@h/db"}, exitError, "", "must not carry a password"},
		{"reject needs a reason", []string{"actions", "reject", "act-00000000000000b2", "--store", db}, exitError, "", "--reason is required"},
		{"approve an applied action", []string{"actions", "approve", "act-00000000000000a1", "--store", db}, exitError, "", "is applied, cannot become approved"},
		{"approve a dry run", []string{"actions", "approve", "act-00000000000000c3", "--store", db}, exitError, "", "is dry_run, cannot become approved"},
		{"restore without quarantine location", []string{"actions", "restore", "act-00000000000000a1", "--store", db}, exitError, "", "no object store configured"},
		{"restore an alert", []string{"actions", "restore", "act-00000000000000b2", "--store", db}, exitError, "", "not an applied object quarantine"},
		{"bad quarantine URL", []string{"actions", "restore", "act-00000000000000a1", "--store", db, "--quarantine", "/tmp/q"}, exitError, "", "--quarantine"},
		{"approve the alert", []string{"actions", "approve", "act-00000000000000b2", "--store", db, "--reason", "seen"}, exitOK, "action act-00000000000000b2: applied (entry 7): alert recorded", ""},
		{"reject twice", []string{"actions", "reject", "act-00000000000000b2", "--store", db, "--reason", "x"}, exitError, "", "is applied, cannot become rejected"},
		{"verify after changes", []string{"actions", "verify", "--store", db}, exitOK, "action log verifies: 7 entries", ""},
		{"verify with wrong head", []string{"actions", "verify", "--store", db, "--head", strings.Repeat("0", 64)}, exitFindings, "entries were removed from the end", ""},
		{"watch without policy", []string{"actions", "watch", "s3://b/p/"}, exitError, "", "usage: weir actions watch"},
		{"watch with a bad policy", []string{"actions", "watch", "--policy", "testdata/actions/missing.yaml", "s3://b/p/"}, exitError, "", "missing.yaml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, stderr, code := cli(t, "", env, c.args...)
			if code != c.code || !strings.Contains(out, c.stdout) || !strings.Contains(stderr, c.stderr) {
				t.Fatalf("exit %d (want %d)\nstdout: %s\nstderr: %s", code, c.code, out, stderr)
			}
		})
	}
	out, _, _ := cli(t, "", nil, "actions", "show", "--store", db, "act-00000000000000b2")
	if !strings.Contains(out, "approved  by carol: seen") {
		t.Errorf("the approver is not recorded:\n%s", out)
	}

	// Tampering with the table is caught, exit status 1.
	raw, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE action_log SET findings = '{"DATE_OF_BIRTH":1}' WHERE seq = 1`); err != nil {
		t.Fatal(err)
	}
	out, _, code := cli(t, "", nil, "actions", "verify", "--store", db)
	if code != exitFindings || !strings.Contains(out, "action log is broken at entry 1: content does not match its hash") {
		t.Fatalf("verify after tampering: %d %s", code, out)
	}
}
