package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ActionState is the state an action log entry records.
type ActionState string

// Action states. An action starts proposed (or dry_run, which ends it);
// proposed -> approved | rejected; approved -> applied | failed;
// failed -> applied | failed (a retry); applied -> restored.
const (
	StateProposed ActionState = "proposed"
	StateApproved ActionState = "approved"
	StateRejected ActionState = "rejected"
	StateApplied  ActionState = "applied"
	StateFailed   ActionState = "failed"
	StateRestored ActionState = "restored"
	StateDryRun   ActionState = "dry_run"
)

// transitions lists the states each state may be followed by ("" is an
// action without entries yet).
var transitions = map[ActionState][]ActionState{
	"":            {StateProposed, StateDryRun},
	StateProposed: {StateApproved, StateRejected},
	StateApproved: {StateApplied, StateFailed},
	StateFailed:   {StateApplied, StateFailed},
	StateApplied:  {StateRestored},
}

// CanFollow reports whether next may follow cur in one action's history.
func CanFollow(cur, next ActionState) bool {
	for _, s := range transitions[cur] {
		if s == next {
			return true
		}
	}
	return false
}

// ErrTransition is returned by AppendAction when the new state may not follow
// the action's current one (e.g. approving a rejected action, restoring one
// never applied).
var ErrTransition = errors.New("action log: state transition not allowed")

// ErrNoAction is returned for an action id without entries.
var ErrNoAction = errors.New("action log: no such action")

// GenesisHash is the prev_hash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// ActionEntry is one row of the action log: one decision or state change.
type ActionEntry struct {
	Seq      int64       // position in the log, from 1, without gaps
	ActionID string      // the action this entry belongs to
	Time     time.Time   // when (microsecond precision, UTC)
	State    ActionState // what happened
	Action   string      // quarantine, redact or alert
	Policy   string      // the policy that decided it
	Actor    string      // who: "policy:NAME" for automatic steps, else a person or system
	Reason   string      // one line, never a detected value
	Subject  string      // what: s3://bucket/key?versionId=..., a record id
	Dataset  string      // the subject's dataset (qualified name)
	Findings map[string]int64
	// Detail says how the step was done and how to undo it (quarantine
	// location, original version, checksums, errors): strings only.
	Detail   map[string]string
	PrevHash string
	Hash     string
}

// canonicalEntry fixes the field order and names of the hashed form.
type canonicalEntry struct {
	Seq      int64             `json:"seq"`
	ActionID string            `json:"action_id"`
	At       int64             `json:"at"`
	State    ActionState       `json:"state"`
	Action   string            `json:"action"`
	Policy   string            `json:"policy"`
	Actor    string            `json:"actor"`
	Reason   string            `json:"reason"`
	Subject  string            `json:"subject"`
	Dataset  string            `json:"dataset"`
	Findings map[string]int64  `json:"findings"`
	Detail   map[string]string `json:"detail"`
}

// Canonical returns the entry's canonical JSON: fixed field order, map keys
// sorted, time as Unix microseconds, nil maps as {}. Hash covers exactly
// these bytes (after prev_hash and a newline).
func (e ActionEntry) Canonical() []byte {
	c := canonicalEntry{Seq: e.Seq, ActionID: e.ActionID, At: micros(e.Time), State: e.State, Action: e.Action,
		Policy: e.Policy, Actor: e.Actor, Reason: e.Reason, Subject: e.Subject, Dataset: e.Dataset,
		Findings: e.Findings, Detail: e.Detail}
	if c.Findings == nil {
		c.Findings = map[string]int64{}
	}
	if c.Detail == nil {
		c.Detail = map[string]string{}
	}
	b, err := json.Marshal(c)
	if err != nil { // maps of strings and integers always marshal
		panic(err)
	}
	return b
}

// ComputeHash returns the hash the entry must carry given its PrevHash.
func (e ActionEntry) ComputeHash() string {
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write([]byte{'\n'})
	h.Write(e.Canonical())
	return hex.EncodeToString(h.Sum(nil))
}

// actionLock is the PostgreSQL advisory lock key serializing appends
// ("weiract" in ASCII); SQLite's immediate transactions do the same.
const actionLock = 0x7765_6972_6163_74

// AppendAction appends e to the log and returns it with Seq, Time (when
// zero), PrevHash and Hash set. It checks, in the same transaction, that
// e.State may follow the action's latest state (ErrTransition otherwise), so
// two operators approving and rejecting at once cannot both succeed. Action,
// Policy, Subject, Dataset and Findings default to those of the action's
// first entry, so every entry (and event) is self-contained.
func (s *Store) AppendAction(ctx context.Context, e ActionEntry) (ActionEntry, error) {
	if e.ActionID == "" || e.State == "" {
		return ActionEntry{}, errors.New("action log: entry needs an action id and a state")
	}
	var out ActionEntry
	err := s.Update(ctx, func(t *Tx) error {
		if t.d.name == "postgres" {
			if err := t.exec(ctx, "SELECT pg_advisory_xact_lock(?)", int64(actionLock)); err != nil {
				return err
			}
		}
		prev, err := t.actionHistory(ctx, e.ActionID)
		if err != nil {
			return err
		}
		var cur ActionState
		if len(prev) > 0 {
			first, last := prev[0], prev[len(prev)-1]
			cur = last.State
			e.Action = cmpOr(e.Action, first.Action)
			e.Policy = cmpOr(e.Policy, first.Policy)
			e.Subject = cmpOr(e.Subject, first.Subject)
			e.Dataset = cmpOr(e.Dataset, first.Dataset)
			if e.Findings == nil {
				e.Findings = first.Findings
			}
		}
		if !CanFollow(cur, e.State) {
			if cur == "" {
				cur = "none"
			}
			return fmt.Errorf("%w: action %s is %s, cannot become %s", ErrTransition, e.ActionID, cur, e.State)
		}
		e.Seq, e.PrevHash = 1, GenesisHash
		var (
			seq  sql.NullInt64
			hash sql.NullString
		)
		row := t.tx.QueryRowContext(ctx, "SELECT seq, hash FROM action_log ORDER BY seq DESC LIMIT 1")
		switch err := row.Scan(&seq, &hash); {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return fmt.Errorf("action log: %w", err)
		default:
			e.Seq, e.PrevHash = seq.Int64+1, hash.String
		}
		if e.Time.IsZero() {
			e.Time = t.now
		}
		e.Time = fromMicros(micros(e.Time))
		e.Hash = e.ComputeHash()
		findings, detail := jsonObject(e.Findings), jsonObject(e.Detail)
		if err := t.exec(ctx, `INSERT INTO action_log (seq, action_id, at, state, action, policy, actor, reason,
    subject, dataset, findings, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			e.Seq, e.ActionID, micros(e.Time), string(e.State), e.Action, e.Policy, e.Actor, e.Reason,
			e.Subject, e.Dataset, string(findings), string(detail), e.PrevHash, e.Hash); err != nil {
			return err
		}
		out = e
		return nil
	})
	if err != nil {
		return ActionEntry{}, err
	}
	return out, nil
}

// jsonObject marshals a map of strings or integers, nil as {}.
func jsonObject[V string | int64](m map[string]V) []byte {
	if m == nil {
		return []byte("{}")
	}
	b, _ := json.Marshal(m) // cannot fail for these maps
	return b
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

const actionCols = "seq, action_id, at, state, action, policy, actor, reason, subject, dataset, findings, detail, prev_hash, hash"

type rowScanner interface{ Scan(...any) error }

func scanAction(r rowScanner) (ActionEntry, error) {
	var (
		e                ActionEntry
		at               int64
		state            string
		findings, detail string
	)
	if err := r.Scan(&e.Seq, &e.ActionID, &at, &state, &e.Action, &e.Policy, &e.Actor, &e.Reason, &e.Subject,
		&e.Dataset, &findings, &detail, &e.PrevHash, &e.Hash); err != nil {
		return ActionEntry{}, fmt.Errorf("action log: %w", err)
	}
	e.Time, e.State = fromMicros(at), ActionState(state)
	// A row whose JSON was damaged by hand keeps nil maps: its hash will
	// not verify, which is how Verify reports it.
	_ = json.Unmarshal([]byte(findings), &e.Findings)
	_ = json.Unmarshal([]byte(detail), &e.Detail)
	if len(e.Findings) == 0 {
		e.Findings = nil
	}
	if len(e.Detail) == 0 {
		e.Detail = nil
	}
	return e, nil
}

func (t *Tx) actionHistory(ctx context.Context, id string) ([]ActionEntry, error) {
	rows, err := t.tx.QueryContext(ctx, t.d.q("SELECT "+actionCols+" FROM action_log WHERE action_id = ? ORDER BY seq"), id)
	if err != nil {
		return nil, fmt.Errorf("action log: %w", err)
	}
	return collectActions(rows)
}

func collectActions(rows *sql.Rows) ([]ActionEntry, error) {
	defer rows.Close()
	var out []ActionEntry
	for rows.Next() {
		e, err := scanAction(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("action log: %w", err)
	}
	return out, nil
}

// ActionHistory returns every entry of one action, oldest first
// (ErrNoAction when there is none).
func (s *Store) ActionHistory(ctx context.Context, actionID string) ([]ActionEntry, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q("SELECT "+actionCols+" FROM action_log WHERE action_id = ? ORDER BY seq"), actionID)
	if err != nil {
		return nil, fmt.Errorf("action log: %w", err)
	}
	out, err := collectActions(rows)
	if err == nil && len(out) == 0 {
		err = fmt.Errorf("%w: %s", ErrNoAction, actionID)
	}
	return out, err
}

// ActionFilter selects actions for Actions.
type ActionFilter struct {
	State   ActionState // only actions whose latest state is this; "" any
	Policy  string      // only this policy's; "" any
	Dataset string      // only actions about this dataset; "" any
	Limit   int         // at most this many, newest first; 0: no limit
}

// Actions returns the latest entry of each action matching f, newest
// first.
func (s *Store) Actions(ctx context.Context, f ActionFilter) ([]ActionEntry, error) {
	q := "SELECT " + actionCols + " FROM action_log a WHERE seq = (SELECT MAX(seq) FROM action_log b WHERE b.action_id = a.action_id)"
	var args []any
	if f.State != "" {
		q += " AND state = ?"
		args = append(args, string(f.State))
	}
	if f.Policy != "" {
		q += " AND policy = ?"
		args = append(args, f.Policy)
	}
	if f.Dataset != "" {
		q += " AND dataset = ?"
		args = append(args, f.Dataset)
	}
	q += " ORDER BY seq DESC"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, s.d.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("action log: %w", err)
	}
	return collectActions(rows)
}

// ChainReport is what VerifyActions found.
type ChainReport struct {
	Entries  int64  // entries checked
	Head     string // hash of the last entry (GenesisHash for an empty log)
	OK       bool
	BrokenAt int64  // seq of the first entry that does not verify (0 when OK)
	Problem  string // what is wrong with it
}

// String is a one-line summary.
func (r ChainReport) String() string {
	if r.OK {
		return fmt.Sprintf("action log verifies: %d entries, head %s", r.Entries, r.Head)
	}
	return fmt.Sprintf("action log is broken at entry %d: %s (%d entries before it verify)", r.BrokenAt, r.Problem, r.Entries)
}

// VerifyActions walks the log in seq order and recomputes every hash and
// link: the first entry whose seq is not the next number, whose prev_hash is
// not the previous entry's hash, whose hash does not match its content, or
// whose state may not follow its action's previous state is reported. An
// error is returned only when the log cannot be read.
//
// The chain detects entries changed, inserted or removed anywhere but at
// the end; removing the last entries is detected by comparing Head with a
// copy kept elsewhere (every entry's hash is also published on weir.actions).
func (s *Store) VerifyActions(ctx context.Context) (ChainReport, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+actionCols+" FROM action_log ORDER BY seq")
	if err != nil {
		return ChainReport{}, fmt.Errorf("action log: %w", err)
	}
	defer rows.Close()
	r := ChainReport{Head: GenesisHash, OK: true}
	states := map[string]ActionState{}
	for rows.Next() {
		e, err := scanAction(rows)
		if err != nil {
			return ChainReport{}, err
		}
		var problem string
		switch {
		case e.Seq != r.Entries+1:
			problem = fmt.Sprintf("sequence number %d follows %d", e.Seq, r.Entries)
		case e.PrevHash != r.Head:
			problem = "prev_hash is not the previous entry's hash"
		case e.ComputeHash() != e.Hash:
			problem = "content does not match its hash"
		case !CanFollow(states[e.ActionID], e.State):
			problem = fmt.Sprintf("state %s cannot follow %q", e.State, states[e.ActionID])
		}
		if problem != "" {
			r.OK, r.BrokenAt, r.Problem = false, e.Seq, problem
			return r, nil
		}
		states[e.ActionID] = e.State
		r.Entries, r.Head = e.Seq, e.Hash
	}
	if err := rows.Err(); err != nil {
		return ChainReport{}, fmt.Errorf("action log: %w", err)
	}
	return r, nil
}

// lowerState normalizes a state given on a command line.
func lowerState(s string) ActionState { return ActionState(strings.ToLower(strings.TrimSpace(s))) }

// ParseState returns the state named s, or an error naming the valid ones.
func ParseState(s string) (ActionState, error) {
	st := lowerState(s)
	switch st {
	case StateProposed, StateApproved, StateRejected, StateApplied, StateFailed, StateRestored, StateDryRun:
		return st, nil
	}
	return "", fmt.Errorf("unknown action state %q (want proposed, approved, rejected, applied, failed, restored or dry_run)", s)
}
