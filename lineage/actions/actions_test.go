package actions_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

// published collects what a Publisher was given; fail makes it fail.
type published struct {
	entries []store.ActionEntry
	fail    bool
}

func (p *published) Publish(_ context.Context, e store.ActionEntry) error {
	if p.fail {
		return errors.New("broker down")
	}
	p.entries = append(p.entries, e)
	return nil
}

func states(es []store.ActionEntry) string {
	var s []string
	for _, e := range es {
		s = append(s, string(e.State))
	}
	return strings.Join(s, ",")
}

var obj = actions.Object{Bucket: "training", Key: "tickets/a.jsonl", VersionID: "v1"}

func TestServiceStates(t *testing.T) {
	quarantine := policy.Decision{Policy: "q", Action: policy.ActionQuarantine, Reason: "policy q: quarantine"}
	cases := []struct {
		name     string
		decision policy.Decision
		subject  actions.Subject
		want     string // states published by Decide
		wantErr  bool
	}{
		{"dry run", policy.Decision{Policy: "d", Action: policy.ActionQuarantine, DryRun: true}, actions.Subject{Object: &obj}, "dry_run", false},
		{"needs approval", policy.Decision{Policy: "q", Action: policy.ActionQuarantine, Approval: true}, actions.Subject{Object: &obj}, "proposed", false},
		{"alert", policy.Decision{Policy: "a", Action: policy.ActionAlert}, actions.Subject{Object: &obj}, "proposed,approved,applied", false},
		{"redact a record", policy.Decision{Policy: "r", Action: policy.ActionRedact}, actions.Subject{Record: "kafka://t/0/1"}, "proposed,approved,applied", false},
		{"quarantine a record", quarantine, actions.Subject{Record: "kafka://t/0/2"}, "proposed,approved,applied", false},
		{"quarantine without object store", quarantine, actions.Subject{Object: &obj}, "proposed,approved,failed", true},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				pub := &published{}
				svc := &actions.Service{Store: s, Publish: pub, Now: func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }}
				e, err := svc.Decide(ctx, c.decision, c.subject, map[string]int64{"US_SSN": 1})
				if (err != nil) != c.wantErr {
					t.Fatalf("err %v, want error %v", err, c.wantErr)
				}
				if got := states(pub.entries); got != c.want {
					t.Fatalf("published %s, want %s", got, c.want)
				}
				last := pub.entries[len(pub.entries)-1]
				if e.Seq != last.Seq || e.Findings["US_SSN"] != 1 || e.Subject != c.subject.String() {
					t.Fatalf("returned %+v, last published %+v", e, last)
				}
				if c.wantErr && !strings.Contains(e.Detail["error"], "no object store") {
					t.Errorf("failed entry detail %v", e.Detail)
				}
			})
		}
		if r, err := s.VerifyActions(ctx); err != nil || !r.OK {
			t.Fatalf("verify: %s %v", r, err)
		}
	})
}

func TestServiceApprovalFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		pub := &published{}
		svc := &actions.Service{Store: s, Publish: pub}
		d := policy.Decision{Policy: "watch", Action: policy.ActionAlert, Approval: false}
		d.Approval = true
		e, err := svc.Decide(ctx, d, actions.Subject{Dataset: "s3://b/p", Record: "s3://b/p/k#L1"}, nil)
		if err != nil || e.State != store.StateProposed {
			t.Fatalf("decide: %+v %v", e, err)
		}
		if _, err := svc.Restore(ctx, e.ActionID, "bob", ""); !errors.Is(err, actions.ErrNotQuarantine) {
			t.Errorf("restore of an alert: %v", err)
		}
		e, err = svc.Approve(ctx, e.ActionID, "alice", "ok")
		if err != nil || e.State != store.StateApplied || e.Actor != "weir" {
			t.Fatalf("approve: %+v %v", e, err)
		}
		h, _ := s.ActionHistory(ctx, e.ActionID)
		if h[1].Actor != "alice" || h[1].Reason != "ok" || h[1].Dataset != "s3://b/p" {
			t.Errorf("approval entry %+v", h[1])
		}
		if _, err := svc.Reject(ctx, e.ActionID, "bob", "too late"); !errors.Is(err, store.ErrTransition) {
			t.Errorf("reject after apply: %v", err)
		}
		if _, err := svc.Approve(ctx, "act-missing", "alice", ""); err == nil {
			t.Error("approve of an unknown action succeeded")
		}

		// A quarantine that failed is retried.
		d = policy.Decision{Policy: "q", Action: policy.ActionQuarantine}
		e, err = svc.Decide(ctx, d, actions.Subject{Object: &obj}, nil)
		if err == nil || e.State != store.StateFailed {
			t.Fatalf("quarantine without object store: %+v %v", e, err)
		}
		if e, err = svc.Retry(ctx, e.ActionID); err == nil || e.State != store.StateFailed {
			t.Fatalf("retry: %+v %v", e, err)
		}

		// Publishing failures do not undo the log.
		pub.fail = true
		e, err = svc.Decide(ctx, policy.Decision{Policy: "a", Action: policy.ActionAlert}, actions.Subject{Record: "r"}, nil)
		if err == nil || !strings.Contains(err.Error(), "broker down") || e.State != store.StateApplied {
			t.Fatalf("with a failing publisher: %+v %v", e, err)
		}
		if r, err := s.VerifyActions(ctx); err != nil || !r.OK || r.Entries != 10 {
			t.Fatalf("verify: %s %v", r, err)
		}
	})
}

func TestReceiptDetail(t *testing.T) {
	r := actions.Receipt{Original: obj, Quarantine: actions.Object{Bucket: "q", Key: "held/act-1/training/tickets/a.jsonl"},
		ETag: "abc", Size: 42, ContentType: "application/x-ndjson", Mode: "delete"}
	d := r.Detail()
	if d["original"] != "s3://training/tickets/a.jsonl?versionId=v1" || d["quarantine"] != "s3://q/held/act-1/training/tickets/a.jsonl" {
		t.Fatalf("detail %v", d)
	}
	if _, ok := d["sha256"]; ok {
		t.Error("empty fields kept")
	}
	back, err := actions.ReceiptFromDetail(d)
	if err != nil || back != r {
		t.Fatalf("round trip: %+v %v", back, err)
	}
	for _, bad := range []map[string]string{
		nil,
		{"original_bucket": "b", "original_key": "k"},
		{"original_bucket": "b", "original_key": "k", "quarantine_bucket": "q", "quarantine_key": "x", "size": "ten"},
	} {
		if _, err := actions.ReceiptFromDetail(bad); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if u := (actions.Object{Bucket: "b", Key: "k", VersionID: "null"}).URL(); u != "s3://b/k" {
		t.Errorf("null version: %s", u)
	}
	ev, err := actions.MarshalEvent(store.ActionEntry{Seq: 3, ActionID: "act-1", State: store.StateApplied, Findings: map[string]int64{"US_SSN": 2}})
	if err != nil || !strings.Contains(string(ev), `"findings":{"US_SSN":2}`) || !strings.Contains(string(ev), `"state":"applied"`) {
		t.Fatalf("event %s %v", ev, err)
	}
	if id := actions.NewID(); len(id) != 20 || !strings.HasPrefix(id, "act-") || id == actions.NewID() {
		t.Errorf("ids: %s", id)
	}
}

// The Enforcer resolves an object's dataset from the store (the longest
// known prefix), evaluates with the dataset's blast radius, records dry runs,
// acts on the strongest decision, and leaves objects a restore wrote alone.
func TestEnforcer(t *testing.T) {
	set, err := policy.Parse("p.yaml", []byte(`version: 1
policies:
  - name: no-phi-in-external-models
    when: {categories: [PHI], feeds: {kind: model, exposure: external}}
    action: alert
  - name: trial
    when: {categories: [PII]}
    action: quarantine
    dry_run: true
`), policy.Options{TypeCategory: func(t string) (string, bool) {
		return map[string]string{"MEDICAL_RECORD_NUMBER": "PHI", "US_SSN": "PII"}[t], true
	}})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tickets := store.Ref{Kind: store.KindDataset, Namespace: "s3://training", Name: "tickets"}
		model := store.Ref{Kind: store.KindModel, Namespace: "mlflow://prod", Name: "support-bot"}
		if err := s.Update(ctx, func(tx *store.Tx) error {
			if err := tx.PutNode(ctx, store.Node{Ref: model, Exposure: store.ExposureExternal}); err != nil {
				return err
			}
			return tx.PutEdge(ctx, store.Edge{From: tickets, To: model, Rel: store.RelDerived})
		}); err != nil {
			t.Fatal(err)
		}
		en := &actions.Enforcer{Store: s, Policies: set, Service: &actions.Service{Store: s}}
		n, known, err := en.DatasetOf(ctx, actions.Object{Bucket: "training", Key: "tickets/2026/11/a.jsonl"}, "s3://training/tickets/2026/")
		if err != nil || !known || n.Ref != tickets {
			t.Fatalf("dataset of: %+v %v %v", n, known, err)
		}
		n, known, err = en.DatasetOf(ctx, actions.Object{Bucket: "other", Key: "x/a.jsonl"}, "s3://other/x/")
		if err != nil || known || n.String() != "s3://other/x" {
			t.Fatalf("unknown dataset: %+v %v %v", n, known, err)
		}

		phi := []policy.Finding{{Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Confidence: 0.95}, {Type: "US_SSN", Category: "PII", Confidence: 0.9}}
		out, err := en.Object(ctx, actions.Object{Bucket: "training", Key: "tickets/a.jsonl"}, "s3://training/tickets/", phi)
		if err != nil || out.Acted == nil || out.Acted.Policy != "no-phi-in-external-models" || out.Acted.State != store.StateApplied {
			t.Fatalf("PHI: %+v %v", out, err)
		}
		if states(out.Entries) != "dry_run,applied" || out.Dataset != "s3://training/tickets" || out.Took <= 0 {
			t.Fatalf("entries %s dataset %s took %v", states(out.Entries), out.Dataset, out.Took)
		}
		// Outside the lineage, PHI feeds nothing: only the dry run.
		out, err = en.Object(ctx, actions.Object{Bucket: "other", Key: "x/a.jsonl"}, "s3://other/x/", phi)
		if err != nil || out.Acted != nil || states(out.Entries) != "dry_run" {
			t.Fatalf("outside lineage: %+v %v", out, err)
		}
		// No findings, nothing at all.
		if out, err = en.Object(ctx, actions.Object{Bucket: "training", Key: "tickets/b.jsonl"}, "", nil); err != nil || len(out.Decisions) != 0 {
			t.Fatalf("no findings: %+v %v", out, err)
		}
		// An object a restore wrote is left alone.
		restored := actions.Object{Bucket: "training", Key: "tickets/c.jsonl", VersionID: "v9"}
		id := "act-restored"
		for _, st := range []store.ActionState{store.StateProposed, store.StateApproved, store.StateApplied, store.StateRestored} {
			e := store.ActionEntry{ActionID: id, State: st, Action: "quarantine", Dataset: "s3://training/tickets"}
			if st == store.StateRestored {
				e.Detail = map[string]string{"restored": restored.URL(), "etag": "e1"}
			}
			if _, err := s.AppendAction(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		out, err = en.Object(ctx, restored, "", phi)
		if err != nil || out.RestoredBy != id || out.Acted != nil || len(out.Entries) != 0 {
			t.Fatalf("restored object: %+v %v", out, err)
		}
		restored.VersionID = "v10" // written again after the restore: a new decision
		if out, err = en.Object(ctx, restored, "", phi); err != nil || out.Acted == nil {
			t.Fatalf("rewritten object: %+v %v", out, err)
		}
	})
}
