package actions

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
)

// PolicyInput completes in with the dataset node's qualified name, its
// dataset-wide tags and its blast radius (the models and collections it
// feeds) from the store.
func PolicyInput(ctx context.Context, st *store.Store, n store.Node, in policy.Input) (policy.Input, error) {
	in.Dataset = n.String()
	tags, err := st.Tags(ctx, n.Ref)
	if err != nil {
		return in, err
	}
	for _, t := range tags {
		if t.Field == "" {
			if in.Tags == nil {
				in.Tags = map[string]string{}
			}
			in.Tags[t.Key] = t.Value
		}
	}
	rs, err := st.BlastRadius(ctx, n.Ref)
	if err != nil {
		return in, err
	}
	for _, r := range rs {
		in.Feeds = append(in.Feeds, policy.Target{Kind: string(r.Kind), Name: r.String(), Exposure: string(r.Exposure)})
	}
	return in, nil
}

// Enforcer decides, object by object, what the policies say about what was
// found in it, and has the Service carry it out. The lineage of a dataset
// (its tags and blast radius) is cached for TTL: the graph changes far less
// often than objects arrive.
type Enforcer struct {
	Store    *store.Store
	Policies *policy.Set
	Service  *Service
	Source   string        // the records' source for policies (default "s3")
	TTL      time.Duration // lineage cache lifetime (default 30 s; negative: no cache)

	mu    sync.Mutex
	cache map[string]cachedInput
}

type cachedInput struct {
	in policy.Input
	at time.Time
}

// Outcome is what the Enforcer did about one object.
type Outcome struct {
	Dataset string
	// Decisions of every matching policy (dry runs included).
	Decisions []policy.Decision
	// Entries are the action log entries written: one per dry-run
	// decision, and the latest entry of the acted-on decision (applied,
	// proposed when it needs approval, or failed).
	Entries []store.ActionEntry
	// Acted is the decision acted on, when one was.
	Acted *store.ActionEntry
	// Took is the time from the findings to the action done (evaluation,
	// lineage lookup, action log and the action itself).
	Took time.Duration
	// RestoredBy is set when the object is one a restore put back (the
	// action's id): an operator decided it may stay, so nothing is done.
	RestoredBy string
}

// DatasetOf returns the most specific dataset the store knows that holds
// the object: s3://BUCKET with the longest parent prefix of KEY that is a
// dataset name ("tickets/2026/11" before "tickets/2026" before "tickets"),
// else fallback (a store.ParseRef name).
func (e *Enforcer) DatasetOf(ctx context.Context, o Object, fallback string) (store.Node, bool, error) {
	ns := "s3://" + o.Bucket
	key := o.Key
	for {
		i := strings.LastIndexByte(key, '/')
		if i <= 0 {
			break
		}
		key = key[:i]
		n, err := e.Store.Node(ctx, store.Ref{Kind: store.KindDataset, Namespace: ns, Name: key})
		if err == nil {
			return n, true, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return store.Node{}, false, err
		}
	}
	if fallback == "" {
		return store.Node{}, false, nil
	}
	r, err := store.ParseRef(strings.TrimSuffix(fallback, "/"))
	if err != nil {
		return store.Node{}, false, nil
	}
	n, err := e.Store.Node(ctx, r)
	if errors.Is(err, store.ErrNotFound) {
		return store.Node{Ref: r}, false, nil
	}
	return n, err == nil, err
}

// input returns the policy input for node n, from the cache when fresh.
func (e *Enforcer) input(ctx context.Context, n store.Node, known bool) (policy.Input, error) {
	key := n.String()
	ttl := e.TTL
	if ttl == 0 {
		ttl = 30 * time.Second
	}
	if ttl > 0 {
		e.mu.Lock()
		c, ok := e.cache[key]
		e.mu.Unlock()
		if ok && time.Since(c.at) < ttl {
			return c.in, nil
		}
	}
	in := policy.Input{Dataset: key}
	if known {
		var err error
		if in, err = PolicyInput(ctx, e.Store, n, in); err != nil {
			return in, err
		}
	}
	if ttl > 0 {
		e.mu.Lock()
		if e.cache == nil {
			e.cache = map[string]cachedInput{}
		}
		e.cache[key] = cachedInput{in: in, at: time.Now()}
		e.mu.Unlock()
	}
	return in, nil
}

// restoredBy returns the id of the action whose restore wrote o (this
// version, or on an unversioned bucket this ETag at this key), or "".
func (e *Enforcer) restoredBy(ctx context.Context, o Object, dataset string) (string, error) {
	rs, err := e.Store.Actions(ctx, store.ActionFilter{State: store.StateRestored, Dataset: dataset})
	if err != nil {
		return "", err
	}
	for _, r := range rs {
		if o.VersionID != "" && o.VersionID != "null" {
			if r.Detail["restored"] == o.URL() {
				return r.ActionID, nil
			}
			continue
		}
		if r.Detail["restored"] == o.URL() && o.ETag != "" && strings.Trim(o.ETag, `"`) == r.Detail["etag"] {
			return r.ActionID, nil
		}
	}
	return "", nil
}

// Object evaluates the policies for the findings of object o (dataset:
// the tailer's dataset name, used when the store knows no dataset for the
// object's prefix) and acts: every dry-run decision is recorded as such;
// the strongest other decision is proposed, and applied at once unless it
// needs approval. Objects without findings are left alone.
func (e *Enforcer) Object(ctx context.Context, o Object, dataset string, findings []policy.Finding) (Outcome, error) {
	if len(findings) == 0 {
		return Outcome{}, nil
	}
	start := time.Now()
	out, err := e.object(ctx, o, dataset, findings)
	out.Took = time.Since(start)
	return out, err
}

func (e *Enforcer) object(ctx context.Context, o Object, dataset string, findings []policy.Finding) (Outcome, error) {
	n, known, err := e.DatasetOf(ctx, o, dataset)
	if err != nil {
		return Outcome{}, fmt.Errorf("actions: dataset of %s: %w", o.URL(), err)
	}
	base, err := e.input(ctx, n, known)
	if err != nil {
		return Outcome{}, fmt.Errorf("actions: lineage of %s: %w", n.String(), err)
	}
	in := base
	in.Source = e.Source
	if in.Source == "" {
		in.Source = "s3"
	}
	in.Findings = findings
	out := Outcome{Dataset: in.Dataset, Decisions: e.Policies.Evaluate(in)}
	if len(out.Decisions) == 0 {
		return out, nil
	}
	if id, err := e.restoredBy(ctx, o, in.Dataset); err != nil || id != "" {
		out.Decisions, out.RestoredBy = nil, id
		return out, err
	}
	subj := Subject{Dataset: in.Dataset, Object: &o}
	counts := FindingsOf(findings)
	for _, d := range out.Decisions {
		if d.DryRun {
			ent, err := e.Service.Decide(ctx, d, subj, counts)
			if err != nil {
				return out, err
			}
			out.Entries = append(out.Entries, ent)
		}
	}
	best, ok := policy.Strongest(out.Decisions)
	if !ok {
		return out, nil
	}
	ent, err := e.Service.Decide(ctx, best, subj, counts)
	if ent.Seq != 0 {
		out.Entries = append(out.Entries, ent)
		out.Acted = &out.Entries[len(out.Entries)-1]
	}
	return out, err
}
