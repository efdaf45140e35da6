package s3

import (
	"context"

	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/policy"
)

// EnforcePublisher is a Publisher that classifies each object's records as
// they are read and, when the object is done, has an actions.Enforcer decide
// and act on the object's findings (quarantine it, propose that, or record
// an alert). Records are also handed to Next when set (e.g. the Kafka
// publisher of weir tail).
type EnforcePublisher struct {
	// Scan classifies one record (a field's text); it returns types,
	// categories and confidences only.
	Scan     func(field string, text []byte) []policy.Finding
	Enforcer *actions.Enforcer
	Next     Publisher
	// OnOutcome, when set, learns what was done about each object.
	OnOutcome func(ObjectInfo, actions.Outcome, error)

	findings []policy.Finding // of the object being read (calls come from one goroutine)
}

// Record classifies r and passes it on.
func (p *EnforcePublisher) Record(ctx context.Context, r Record) error {
	p.findings = append(p.findings, p.Scan(r.Field, r.Text)...)
	if p.Next != nil {
		return p.Next.Record(ctx, r)
	}
	return nil
}

// ObjectDone decides about the object and acts. A failed quarantine is in
// the action log as failed (weir actions retry) and does not stop the
// tailer; a failure to record a decision does (the object is read again
// after a restart).
func (p *EnforcePublisher) ObjectDone(ctx context.Context, r ObjectResult) error {
	fs := p.findings
	p.findings = nil
	if p.Next != nil {
		if err := p.Next.ObjectDone(ctx, r); err != nil {
			return err
		}
	}
	o := actions.Object{Bucket: r.Object.Bucket, Key: r.Object.Key, VersionID: r.Object.VersionID, ETag: r.Object.ETag}
	out, err := p.Enforcer.Object(ctx, o, r.Dataset, fs)
	if p.OnOutcome != nil {
		p.OnOutcome(r.Object, out, err)
	}
	if err != nil && (out.Acted == nil || out.Acted.Seq == 0) {
		return err
	}
	return nil
}

// ObjectDeleted passes the deletion on.
func (p *EnforcePublisher) ObjectDeleted(ctx context.Context, o ObjectInfo, dataset string) error {
	if p.Next != nil {
		return p.Next.ObjectDeleted(ctx, o, dataset)
	}
	return nil
}
