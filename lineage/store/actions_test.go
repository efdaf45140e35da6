package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

func appendOK(t *testing.T, s *store.Store, e store.ActionEntry) store.ActionEntry {
	t.Helper()
	out, err := s.AppendAction(context.Background(), e)
	if err != nil {
		t.Fatalf("append %s %s: %v", e.ActionID, e.State, err)
	}
	return out
}

// quarantineLifecycle appends a full proposed -> approved -> applied ->
// restored history for id.
func quarantineLifecycle(t *testing.T, s *store.Store, id string) {
	t.Helper()
	appendOK(t, s, store.ActionEntry{ActionID: id, Time: t0, State: store.StateProposed, Action: "quarantine",
		Policy: "no-phi-in-external-models", Actor: "policy:no-phi-in-external-models", Reason: "1 finding(s) of MEDICAL_RECORD_NUMBER",
		Subject: "s3://training/tickets/" + id + ".jsonl", Dataset: "s3://training/tickets",
		Findings: map[string]int64{"MEDICAL_RECORD_NUMBER": 1, "US_SSN": 2}})
	appendOK(t, s, store.ActionEntry{ActionID: id, Time: t1, State: store.StateApproved, Actor: "alice"})
	appendOK(t, s, store.ActionEntry{ActionID: id, Time: t1, State: store.StateApplied, Actor: "weir",
		Detail: map[string]string{"quarantine": "s3://weir-quarantine/x", "undo": "weir actions restore " + id}})
	appendOK(t, s, store.ActionEntry{ActionID: id, Time: t2, State: store.StateRestored, Actor: "bob"})
}

func TestActionLog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r, err := s.VerifyActions(ctx)
		if err != nil || !r.OK || r.Entries != 0 || r.Head != store.GenesisHash {
			t.Fatalf("empty log: %+v, %v", r, err)
		}
		quarantineLifecycle(t, s, "a1")
		appendOK(t, s, store.ActionEntry{ActionID: "a2", State: store.StateProposed, Action: "quarantine", Policy: "p2", Subject: "s3://b/k2"})
		appendOK(t, s, store.ActionEntry{ActionID: "a3", State: store.StateDryRun, Action: "quarantine", Policy: "p3", Subject: "s3://b/k3"})

		h, err := s.ActionHistory(ctx, "a1")
		if err != nil || len(h) != 4 {
			t.Fatalf("history: %d entries, %v", len(h), err)
		}
		for i, want := range []store.ActionState{store.StateProposed, store.StateApproved, store.StateApplied, store.StateRestored} {
			if h[i].State != want || h[i].Seq != int64(i+1) {
				t.Errorf("entry %d: seq %d state %s, want %d %s", i, h[i].Seq, h[i].State, i+1, want)
			}
			// Later entries inherit the action's policy, subject and dataset.
			if h[i].Policy != "no-phi-in-external-models" || h[i].Subject != "s3://training/tickets/a1.jsonl" || h[i].Action != "quarantine" {
				t.Errorf("entry %d: policy %q subject %q action %q", i, h[i].Policy, h[i].Subject, h[i].Action)
			}
			if i > 0 && h[i].PrevHash != h[i-1].Hash {
				t.Errorf("entry %d: not linked to entry %d", i, i-1)
			}
		}
		if h[0].Findings["US_SSN"] != 2 || h[0].Time != t0 || h[2].Detail["quarantine"] != "s3://weir-quarantine/x" {
			t.Errorf("round trip lost data: %+v / %+v", h[0], h[2])
		}
		if _, err := s.ActionHistory(ctx, "nope"); !errors.Is(err, store.ErrNoAction) {
			t.Errorf("unknown action: %v, want ErrNoAction", err)
		}

		list, err := s.Actions(ctx, store.ActionFilter{})
		if err != nil || len(list) != 3 || list[0].ActionID != "a3" || list[2].State != store.StateRestored {
			t.Fatalf("list: %+v, %v", list, err)
		}
		list, err = s.Actions(ctx, store.ActionFilter{State: store.StateProposed})
		if err != nil || len(list) != 1 || list[0].ActionID != "a2" {
			t.Fatalf("list proposed: %+v, %v", list, err)
		}
		if list, _ = s.Actions(ctx, store.ActionFilter{Policy: "p3", Limit: 5}); len(list) != 1 || list[0].State != store.StateDryRun {
			t.Fatalf("list by policy: %+v", list)
		}

		r, err = s.VerifyActions(ctx)
		if err != nil || !r.OK || r.Entries != 6 || r.Head != list[0].Hash {
			t.Fatalf("verify: %+v, %v", r, err)
		}
		if !strings.Contains(r.String(), "verifies: 6 entries") {
			t.Errorf("report: %s", r)
		}
	})
}

func TestActionTransitions(t *testing.T) {
	cases := []struct {
		name    string
		history []store.ActionState
		next    store.ActionState
		ok      bool
	}{
		{"propose", nil, store.StateProposed, true},
		{"dry run", nil, store.StateDryRun, true},
		{"apply unproposed", nil, store.StateApplied, false},
		{"approve", []store.ActionState{store.StateProposed}, store.StateApproved, true},
		{"reject", []store.ActionState{store.StateProposed}, store.StateRejected, true},
		{"apply unapproved", []store.ActionState{store.StateProposed}, store.StateApplied, false},
		{"propose twice", []store.ActionState{store.StateProposed}, store.StateProposed, false},
		{"approve rejected", []store.ActionState{store.StateProposed, store.StateRejected}, store.StateApproved, false},
		{"restore unapplied", []store.ActionState{store.StateProposed, store.StateApproved}, store.StateRestored, false},
		{"retry failed", []store.ActionState{store.StateProposed, store.StateApproved, store.StateFailed}, store.StateApplied, true},
		{"restore", []store.ActionState{store.StateProposed, store.StateApproved, store.StateApplied}, store.StateRestored, true},
		{"restore twice", []store.ActionState{store.StateProposed, store.StateApproved, store.StateApplied, store.StateRestored}, store.StateRestored, false},
		{"act on dry run", []store.ActionState{store.StateDryRun}, store.StateApproved, false},
	}
	s := storetest.SQLite(t)
	ctx := context.Background()
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := fmt.Sprintf("t%d", i)
			for _, st := range c.history {
				appendOK(t, s, store.ActionEntry{ActionID: id, State: st, Action: "quarantine"})
			}
			_, err := s.AppendAction(ctx, store.ActionEntry{ActionID: id, State: c.next, Action: "quarantine"})
			if c.ok != (err == nil) || (!c.ok && !errors.Is(err, store.ErrTransition)) {
				t.Fatalf("%v after %v: err %v, want ok=%v", c.next, c.history, err, c.ok)
			}
		})
	}
	if _, err := s.AppendAction(ctx, store.ActionEntry{State: store.StateProposed}); err == nil {
		t.Error("entry without action id accepted")
	}
	if r, err := s.VerifyActions(ctx); err != nil || !r.OK {
		t.Fatalf("refused transitions left a trace: %+v, %v", r, err)
	}
}

// Concurrent approvers and rejecters of one proposed action: exactly one
// wins, and the chain stays linear.
func TestActionConcurrentAppend(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := 0; i < 4; i++ {
			appendOK(t, s, store.ActionEntry{ActionID: fmt.Sprint("c", i), State: store.StateProposed, Action: "quarantine"})
		}
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			wins = map[string]int{}
		)
		for w := 0; w < 8; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < 4; i++ {
					st := store.StateApproved
					if w%2 == 1 {
						st = store.StateRejected
					}
					_, err := s.AppendAction(ctx, store.ActionEntry{ActionID: fmt.Sprint("c", i), State: st, Actor: fmt.Sprint("op", w)})
					switch {
					case err == nil:
						mu.Lock()
						wins[fmt.Sprint("c", i)]++
						mu.Unlock()
					case !errors.Is(err, store.ErrTransition):
						t.Errorf("append: %v", err)
					}
				}
			}()
		}
		wg.Wait()
		for i := 0; i < 4; i++ {
			if n := wins[fmt.Sprint("c", i)]; n != 1 {
				t.Errorf("action c%d decided %d times", i, n)
			}
		}
		if r, err := s.VerifyActions(ctx); err != nil || !r.OK || r.Entries != 8 {
			t.Fatalf("verify: %+v, %v", r, err)
		}
	})
}

// Tampering with the table by SQL is detected at the first broken entry.
func TestActionTamper(t *testing.T) {
	type backend struct {
		name string
		open func(t *testing.T) (*store.Store, *sql.DB, string)
	}
	backends := []backend{
		{"sqlite", func(t *testing.T) (*store.Store, *sql.DB, string) {
			path := filepath.Join(t.TempDir(), "lineage.db")
			return openRaw(t, path, "sqlite", path)
		}},
		{"postgres", func(t *testing.T) (*store.Store, *sql.DB, string) {
			dsn := storetest.PostgresDSN(t)
			return openRaw(t, dsn, "pgx", dsn)
		}},
	}
	tampers := []struct {
		name    string
		sql     string
		at      int64
		problem string
	}{
		{"change a reason", "UPDATE action_log SET reason = 'nothing to see' WHERE seq = 2", 2, "content does not match"},
		{"change findings", `UPDATE action_log SET findings = '{"US_SSN":1}' WHERE seq = 1`, 1, "content does not match"},
		{"change the decider", "UPDATE action_log SET actor = 'mallory' WHERE seq = 3", 3, "content does not match"},
		{"rehash a changed row", "UPDATE action_log SET state = 'rejected', hash = 'ab' WHERE seq = 2", 2, "content does not match"},
		{"delete a row", "DELETE FROM action_log WHERE seq = 3", 4, "sequence number 4 follows 2"},
		{"reorder times", "UPDATE action_log SET at = at - 1 WHERE seq = 4", 4, "content does not match"},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			for _, tc := range tampers {
				t.Run(tc.name, func(t *testing.T) {
					s, raw, _ := b.open(t)
					ctx := context.Background()
					quarantineLifecycle(t, s, "x1")
					if r, _ := s.VerifyActions(ctx); !r.OK {
						t.Fatalf("untouched log does not verify: %s", r)
					}
					q := tc.sql
					if b.name == "postgres" {
						q = strings.ReplaceAll(q, "?", "$1")
					}
					if _, err := raw.ExecContext(ctx, q); err != nil {
						t.Fatal(err)
					}
					r, err := s.VerifyActions(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if r.OK || r.BrokenAt != tc.at || !strings.Contains(r.Problem, tc.problem) {
						t.Fatalf("verify after %q: %+v; want broken at %d with %q", tc.sql, r, tc.at, tc.problem)
					}
					if !strings.Contains(r.String(), fmt.Sprintf("broken at entry %d", tc.at)) {
						t.Errorf("report: %s", r)
					}
				})
			}
		})
	}
}

// A forged row appended with a correct-looking but wrong link breaks the
// chain too, and a state sequence the log never allows is reported.
func TestActionForgedAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lineage.db")
	s, raw, _ := openRaw(t, path, "sqlite", path)
	ctx := context.Background()
	quarantineLifecycle(t, s, "x1")
	forged := store.ActionEntry{Seq: 5, ActionID: "x2", Time: t2, State: store.StateApplied, Action: "quarantine", PrevHash: strings.Repeat("1", 64)}
	forged.Hash = forged.ComputeHash()
	insert := func(e store.ActionEntry) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, `INSERT INTO action_log (seq, action_id, at, state, action, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.ActionID, e.Time.UnixMicro(), string(e.State), e.Action, e.PrevHash, e.Hash); err != nil {
			t.Fatal(err)
		}
	}
	insert(forged)
	if r, _ := s.VerifyActions(ctx); r.OK || r.BrokenAt != 5 || !strings.Contains(r.Problem, "prev_hash") {
		t.Fatalf("forged link: %+v", r)
	}
	if _, err := raw.ExecContext(ctx, "DELETE FROM action_log WHERE seq = 5"); err != nil {
		t.Fatal(err)
	}
	h, _ := s.ActionHistory(ctx, "x1")
	forged.PrevHash = h[3].Hash
	forged.Hash = forged.ComputeHash() // a correct hash, but "applied" without a proposal
	insert(forged)
	if r, _ := s.VerifyActions(ctx); r.OK || r.BrokenAt != 5 || !strings.Contains(r.Problem, "cannot follow") {
		t.Fatalf("forged state: %+v", r)
	}
}

func openRaw(t *testing.T, dsn, driver, source string) (*store.Store, *sql.DB, string) {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	raw, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return s, raw, dsn
}
