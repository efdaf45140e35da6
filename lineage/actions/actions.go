// Package actions turns policy decisions into recorded, reversible actions.
//
// Every decision and every state change is an entry of the lineage store's
// append-only, hash-chained action log (store.AppendAction): a decision is
// proposed; without `approval: required` the policy approves it at once,
// otherwise it waits for a person (Approve or Reject); an approved quarantine
// is applied through an ObjectStore, and Restore undoes it. Each entry is
// also handed to a Publisher (the weir.actions topic).
//
// This package holds no S3 or Kafka client: ObjectStore is implemented in
// sources/s3 (minio-go) and Publisher by the command wiring (franz-go).
package actions

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
)

// Object is one version of an object in a bucket.
type Object struct {
	Bucket    string
	Key       string
	VersionID string // "" on an unversioned bucket (or the current version)
	ETag      string // when known; not part of the URL
}

// URL is the object's s3:// address, with ?versionId= when versioned.
func (o Object) URL() string {
	u := "s3://" + o.Bucket + "/" + o.Key
	if o.VersionID != "" && o.VersionID != "null" {
		u += "?versionId=" + url.QueryEscape(o.VersionID)
	}
	return u
}

// Receipt records a quarantine: where the object went, what it was, and
// what was done to the original, so Restore can put it back exactly.
type Receipt struct {
	Original    Object
	Quarantine  Object // the copy in the quarantine bucket
	ETag        string // the original version's ETag
	Size        int64
	ContentType string
	SHA256      string // hex, of the bytes (when computed)
	Mode        string // what was done to the original: "delete" or "tag"
}

// Detail returns the receipt as action log detail fields.
func (r Receipt) Detail() map[string]string {
	d := map[string]string{
		"original":           r.Original.URL(),
		"original_bucket":    r.Original.Bucket,
		"original_key":       r.Original.Key,
		"original_version":   r.Original.VersionID,
		"quarantine":         r.Quarantine.URL(),
		"quarantine_bucket":  r.Quarantine.Bucket,
		"quarantine_key":     r.Quarantine.Key,
		"quarantine_version": r.Quarantine.VersionID,
		"etag":               r.ETag,
		"size":               strconv.FormatInt(r.Size, 10),
		"content_type":       r.ContentType,
		"sha256":             r.SHA256,
		"original_mode":      r.Mode,
	}
	for k, v := range d {
		if v == "" {
			delete(d, k)
		}
	}
	return d
}

// ReceiptFromDetail reads a receipt back from an applied entry's detail.
func ReceiptFromDetail(d map[string]string) (Receipt, error) {
	r := Receipt{
		Original:    Object{Bucket: d["original_bucket"], Key: d["original_key"], VersionID: d["original_version"]},
		Quarantine:  Object{Bucket: d["quarantine_bucket"], Key: d["quarantine_key"], VersionID: d["quarantine_version"]},
		ETag:        d["etag"],
		ContentType: d["content_type"],
		SHA256:      d["sha256"],
		Mode:        d["original_mode"],
	}
	if s := d["size"]; s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return Receipt{}, fmt.Errorf("actions: receipt size %q: %w", s, err)
		}
		r.Size = n
	}
	if r.Original.Bucket == "" || r.Original.Key == "" || r.Quarantine.Bucket == "" || r.Quarantine.Key == "" {
		return Receipt{}, errors.New("actions: the entry records no quarantine location")
	}
	return r, nil
}

// Restored says where a restore put the object back.
type Restored struct {
	Object   Object // the original key, with its new version id on a versioned bucket
	ETag     string
	SHA256   string
	Verified string // how byte identity was checked: "etag" or "sha256"
}

// Meta is what a quarantined copy carries as object metadata (types and
// counts only, never values).
type Meta struct {
	ActionID string
	Policy   string
	Reason   string
	Findings map[string]int64
}

// ObjectStore quarantines and restores objects. sources/s3 implements it.
type ObjectStore interface {
	// Quarantine copies o to the quarantine location with m as metadata,
	// then deletes or tags the original.
	Quarantine(ctx context.Context, o Object, m Meta) (Receipt, error)
	// Restore copies the quarantined object back to its original key,
	// byte-identical (and checks that it is).
	Restore(ctx context.Context, r Receipt) (Restored, error)
}

// Publisher publishes action log entries (on weir.actions).
type Publisher interface {
	Publish(ctx context.Context, e store.ActionEntry) error
}

// Subject is what a decision is about: an S3 object, or a record.
type Subject struct {
	Dataset string  // qualified name of its dataset
	Object  *Object // an S3 object; nil for a record
	Record  string  // a record id (when Object is nil)
}

func (s Subject) String() string {
	if s.Object != nil {
		return s.Object.URL()
	}
	return s.Record
}

// Service records decisions and carries them out.
type Service struct {
	Store   *store.Store
	Objects ObjectStore // nil: quarantines of objects fail (recorded as failed)
	Publish Publisher   // nil: nothing is published
	// Actor names this process in entries it makes on its own behalf
	// (applying an approved action). Default "weir".
	Actor string
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// ErrNotQuarantine is returned by Restore for an action that is not an
// applied quarantine of an object.
var ErrNotQuarantine = errors.New("actions: not an applied object quarantine")

// NewID returns a new action id: "act-" and 16 random hex digits.
func NewID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return "act-" + hex.EncodeToString(b[:])
}

// PolicyActor is the actor of steps a policy takes by itself.
func PolicyActor(name string) string { return "policy:" + name }

func (s *Service) actor() string {
	if s.Actor != "" {
		return s.Actor
	}
	return "weir"
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// append writes e and publishes it. A publishing failure does not undo the
// entry (the log is the record): it is returned after the step completes.
func (s *Service) append(ctx context.Context, e store.ActionEntry, pubErr *error) (store.ActionEntry, error) {
	if e.Time.IsZero() {
		e.Time = s.now()
	}
	out, err := s.Store.AppendAction(ctx, e)
	if err != nil {
		return store.ActionEntry{}, err
	}
	if s.Publish != nil {
		if err := s.Publish.Publish(ctx, out); err != nil {
			*pubErr = errors.Join(*pubErr, fmt.Errorf("actions: publish entry %d: %w", out.Seq, err))
		}
	}
	return out, nil
}

// Decide records decision d about subj (findings: entity type -> count) and,
// unless it is a dry run or needs approval, approves and applies it at once.
// It returns the action's latest entry.
func (s *Service) Decide(ctx context.Context, d policy.Decision, subj Subject, findings map[string]int64) (store.ActionEntry, error) {
	var pubErr error
	e := store.ActionEntry{ActionID: NewID(), State: store.StateProposed, Action: string(d.Action), Policy: d.Policy,
		Actor: PolicyActor(d.Policy), Reason: d.Reason, Subject: subj.String(), Dataset: subj.Dataset, Findings: findings}
	if subj.Object != nil {
		e.Detail = map[string]string{"object_bucket": subj.Object.Bucket, "object_key": subj.Object.Key, "object_version": subj.Object.VersionID}
	}
	if d.DryRun {
		e.State = store.StateDryRun
	}
	out, err := s.append(ctx, e, &pubErr)
	if err != nil || d.DryRun || d.Approval {
		return out, errors.Join(err, pubErr)
	}
	out, err = s.approve(ctx, out.ActionID, PolicyActor(d.Policy), "approval not required by the policy", &pubErr)
	return out, errors.Join(err, pubErr)
}

// Approve approves a proposed action and applies it; the returned entry is
// applied, or failed with the error in its detail (the error is returned
// too). actor is who approved.
func (s *Service) Approve(ctx context.Context, id, actor, reason string) (store.ActionEntry, error) {
	var pubErr error
	out, err := s.approve(ctx, id, actor, reason, &pubErr)
	return out, errors.Join(err, pubErr)
}

func (s *Service) approve(ctx context.Context, id, actor, reason string, pubErr *error) (store.ActionEntry, error) {
	if _, err := s.append(ctx, store.ActionEntry{ActionID: id, State: store.StateApproved, Actor: actor, Reason: reason}, pubErr); err != nil {
		return store.ActionEntry{}, err
	}
	return s.apply(ctx, id, pubErr)
}

// Retry applies an approved action whose application failed.
func (s *Service) Retry(ctx context.Context, id string) (store.ActionEntry, error) {
	var pubErr error
	out, err := s.apply(ctx, id, &pubErr)
	return out, errors.Join(err, pubErr)
}

// apply carries out an approved action: a quarantine of an object through
// the ObjectStore; an alert or redact decision is recorded as applied (the
// entry on weir.actions is the alert; redaction happens in the pipeline).
func (s *Service) apply(ctx context.Context, id string, pubErr *error) (store.ActionEntry, error) {
	h, err := s.Store.ActionHistory(ctx, id)
	if err != nil {
		return store.ActionEntry{}, err
	}
	first := h[0]
	applied := store.ActionEntry{ActionID: id, State: store.StateApplied, Actor: s.actor()}
	if policy.Action(first.Action) != policy.ActionQuarantine {
		applied.Reason = first.Action + " recorded"
		return s.append(ctx, applied, pubErr)
	}
	obj, ok := objectOf(first)
	if !ok {
		applied.Reason = "quarantine of a record: recorded (routing to weir.quarantine is the pipeline's)"
		return s.append(ctx, applied, pubErr)
	}
	var rec Receipt
	if s.Objects == nil {
		err = errors.New("actions: no object store configured for quarantine")
	} else {
		rec, err = s.Objects.Quarantine(ctx, obj, Meta{ActionID: id, Policy: first.Policy, Reason: first.Reason, Findings: first.Findings})
	}
	if err != nil {
		failed := store.ActionEntry{ActionID: id, State: store.StateFailed, Actor: s.actor(), Reason: "quarantine failed",
			Detail: map[string]string{"error": err.Error()}}
		ent, aerr := s.append(ctx, failed, pubErr)
		if aerr != nil {
			return store.ActionEntry{}, errors.Join(err, aerr)
		}
		return ent, fmt.Errorf("actions: quarantine %s: %w", obj.URL(), err)
	}
	applied.Reason = "quarantined to " + rec.Quarantine.URL()
	applied.Detail = rec.Detail()
	applied.Detail["undo"] = "weir actions restore " + id
	return s.append(ctx, applied, pubErr)
}

// Reject rejects a proposed action.
func (s *Service) Reject(ctx context.Context, id, actor, reason string) (store.ActionEntry, error) {
	var pubErr error
	out, err := s.append(ctx, store.ActionEntry{ActionID: id, State: store.StateRejected, Actor: actor, Reason: reason}, &pubErr)
	return out, errors.Join(err, pubErr)
}

// Restore puts a quarantined object back at its original key,
// byte-identical, and records it.
func (s *Service) Restore(ctx context.Context, id, actor, reason string) (store.ActionEntry, error) {
	h, err := s.Store.ActionHistory(ctx, id)
	if err != nil {
		return store.ActionEntry{}, err
	}
	last := h[len(h)-1]
	if policy.Action(last.Action) != policy.ActionQuarantine || last.State != store.StateApplied {
		return store.ActionEntry{}, fmt.Errorf("%w: action %s is a %s, %s", ErrNotQuarantine, id, last.Action, last.State)
	}
	rec, err := ReceiptFromDetail(last.Detail)
	if err != nil {
		return store.ActionEntry{}, fmt.Errorf("%w: %w", ErrNotQuarantine, err)
	}
	if s.Objects == nil {
		return store.ActionEntry{}, errors.New("actions: no object store configured for restore")
	}
	got, err := s.Objects.Restore(ctx, rec)
	if err != nil {
		return store.ActionEntry{}, fmt.Errorf("actions: restore %s: %w", rec.Original.URL(), err)
	}
	if reason == "" {
		reason = "restored to " + got.Object.URL()
	}
	var pubErr error
	out, err := s.append(ctx, store.ActionEntry{ActionID: id, State: store.StateRestored, Actor: actor, Reason: reason,
		Detail: map[string]string{"restored": got.Object.URL(), "restored_version": got.Object.VersionID,
			"etag": got.ETag, "sha256": got.SHA256, "verified": got.Verified}}, &pubErr)
	return out, errors.Join(err, pubErr)
}

func objectOf(e store.ActionEntry) (Object, bool) {
	o := Object{Bucket: e.Detail["object_bucket"], Key: e.Detail["object_key"], VersionID: e.Detail["object_version"]}
	return o, o.Bucket != "" && o.Key != ""
}

// Event is the JSON form of an entry on weir.actions.
type Event struct {
	Seq      int64             `json:"seq"`
	ActionID string            `json:"action_id"`
	Time     time.Time         `json:"time"`
	State    string            `json:"state"`
	Action   string            `json:"action"`
	Policy   string            `json:"policy,omitempty"`
	Actor    string            `json:"actor,omitempty"`
	Reason   string            `json:"reason,omitempty"`
	Subject  string            `json:"subject,omitempty"`
	Dataset  string            `json:"dataset,omitempty"`
	Findings map[string]int64  `json:"findings,omitempty"`
	Detail   map[string]string `json:"detail,omitempty"`
	PrevHash string            `json:"prev_hash"`
	Hash     string            `json:"hash"`
}

// EventOf returns e's event form.
func EventOf(e store.ActionEntry) Event {
	return Event{Seq: e.Seq, ActionID: e.ActionID, Time: e.Time, State: string(e.State), Action: e.Action, Policy: e.Policy,
		Actor: e.Actor, Reason: e.Reason, Subject: e.Subject, Dataset: e.Dataset, Findings: e.Findings, Detail: e.Detail,
		PrevHash: e.PrevHash, Hash: e.Hash}
}

// MarshalEvent returns the JSON of e's event (the weir.actions record
// value; the record key is the action id).
func MarshalEvent(e store.ActionEntry) ([]byte, error) {
	return json.Marshal(EventOf(e))
}

// FindingsOf counts findings per entity type.
func FindingsOf(fs []policy.Finding) map[string]int64 {
	out := map[string]int64{}
	for _, f := range fs {
		out[f.Type]++
	}
	return out
}
