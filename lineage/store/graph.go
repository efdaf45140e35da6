package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Kind is what a node is.
type Kind string

// Node kinds. Models and collections are datasets to OpenLineage (outputs of
// jobs) that weir knows more about; jobs live in their own name space.
const (
	KindDataset    Kind = "dataset"
	KindModel      Kind = "model"
	KindCollection Kind = "collection" // a vector-DB collection
	KindJob        Kind = "job"
)

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(s); k {
	case KindDataset, KindModel, KindCollection, KindJob:
		return k, nil
	}
	return "", fmt.Errorf("unknown node kind %q (want dataset, model, collection or job)", s)
}

// class is the identity space of a kind: jobs and datasets may share a
// namespace and name; a dataset, a model and a collection may not (a dataset
// later known to be a model is the same node).
func (k Kind) class() string {
	if k == KindJob {
		return "job"
	}
	return "dataset"
}

// Exposure says who can query a model: internal (inside the organisation) or
// external (customers, the public). Empty means unknown.
type Exposure string

// Exposures.
const (
	ExposureUnknown  Exposure = ""
	ExposureInternal Exposure = "internal"
	ExposureExternal Exposure = "external"
)

// ParseExposure returns the exposure named s ("" is unknown).
func ParseExposure(s string) (Exposure, error) {
	switch e := Exposure(s); e {
	case ExposureUnknown, ExposureInternal, ExposureExternal:
		return e, nil
	}
	return "", fmt.Errorf("unknown exposure %q (want internal or external)", s)
}

// Rel is the relation an edge records.
type Rel string

// Relations.
const (
	RelInput   Rel = "input"   // dataset -> job: the job read the dataset
	RelOutput  Rel = "output"  // job -> dataset/model/collection: the job wrote it
	RelDerived Rel = "derived" // dataset -> model/collection (or dataset): learned from, derived from
)

// Origins say where a node or edge was learned.
const (
	OriginOpenLineage = "openlineage"
	OriginManual      = "manual"
	OriginWeir        = "weir" // weir's own observations (scans, the pipeline)
)

// Ref names a node.
type Ref struct {
	Kind      Kind
	Namespace string
	Name      string
}

// String returns the qualified name: namespace + "/" + name (a name starting
// with '/' is appended as it is), the form OpenLineage's naming conventions
// give for paths ("s3://bucket" + "/" + "prefix").
func (r Ref) String() string {
	if r.Namespace == "" {
		return r.Name
	}
	if len(r.Name) > 0 && r.Name[0] == '/' {
		return r.Namespace + r.Name
	}
	return r.Namespace + "/" + r.Name
}

func (r Ref) validate() error {
	if _, err := ParseKind(string(r.Kind)); err != nil {
		return err
	}
	if r.Namespace == "" || r.Name == "" {
		return fmt.Errorf("%s %q: namespace and name are required", r.Kind, r.String())
	}
	return nil
}

// Node is a node with what the store knows about it.
type Node struct {
	Ref
	Exposure  Exposure // models only
	Origin    string
	FirstSeen time.Time
	LastSeen  time.Time
}

// Edge is a relation between two nodes.
type Edge struct {
	From, To Ref
	Rel      Rel
	Origin   string
	// Job is the job a derived edge was learned through (zero for a manual
	// edge); RunID the run of the latest sighting.
	Job       Ref
	RunID     string
	FirstSeen time.Time
	LastSeen  time.Time
}

// ErrInvalid wraps the errors of writes given incomplete or contradictory
// nodes and edges.
var ErrInvalid = errors.New("invalid")

// PutNode records a node: it is created, or its last_seen advanced. A kind
// other than dataset replaces dataset (a dataset learned to be a model stays
// a model; a plain sighting as a dataset never demotes it), and a non-empty
// exposure replaces the stored one.
func (t *Tx) PutNode(ctx context.Context, n Node) error {
	if err := n.validate(); err != nil {
		return fmt.Errorf("lineage store: %w: %w", ErrInvalid, err)
	}
	if n.Exposure != ExposureUnknown && n.Kind != KindModel {
		return fmt.Errorf("lineage store: %w: exposure applies to models, not %s %q", ErrInvalid, n.Kind, n.String())
	}
	if _, err := ParseExposure(string(n.Exposure)); err != nil {
		return fmt.Errorf("lineage store: %w: %w", ErrInvalid, err)
	}
	first, last := t.at(n.FirstSeen), t.at(n.LastSeen)
	t.put[n.Ref] = true
	return t.exec(ctx, `INSERT INTO nodes (class, namespace, name, kind, exposure, origin, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (class, namespace, name) DO UPDATE SET
    kind = CASE WHEN excluded.kind = 'dataset' THEN nodes.kind ELSE excluded.kind END,
    exposure = CASE WHEN excluded.exposure = '' THEN nodes.exposure ELSE excluded.exposure END,
    origin = CASE WHEN nodes.origin = '' THEN excluded.origin ELSE nodes.origin END,
    first_seen = {least}(nodes.first_seen, excluded.first_seen),
    last_seen = {greatest}(nodes.last_seen, excluded.last_seen)`,
		n.Kind.class(), n.Namespace, n.Name, string(n.Kind), string(n.Exposure), n.Origin, first, last)
}

// PutEdge records an edge and its two nodes (as PutNode with the refs'
// kinds and no exposure; a node PutNode wrote earlier in the same
// transaction is not written again).
func (t *Tx) PutEdge(ctx context.Context, e Edge) error {
	if err := checkEdge(e); err != nil {
		return fmt.Errorf("lineage store: %w: %w", ErrInvalid, err)
	}
	for _, r := range []Ref{e.From, e.To} {
		if t.put[r] {
			continue
		}
		if err := t.PutNode(ctx, Node{Ref: r, Origin: e.Origin, FirstSeen: e.FirstSeen, LastSeen: e.LastSeen}); err != nil {
			return err
		}
	}
	first, last := t.at(e.FirstSeen), t.at(e.LastSeen)
	return t.exec(ctx, `INSERT INTO edges (src_class, src_namespace, src_name, dst_class, dst_namespace, dst_name, rel,
    origin, job_namespace, job_name, run_id, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (src_class, src_namespace, src_name, dst_class, dst_namespace, dst_name, rel) DO UPDATE SET
    origin = CASE WHEN edges.origin = '' THEN excluded.origin ELSE edges.origin END,
    job_namespace = CASE WHEN excluded.last_seen >= edges.last_seen AND excluded.job_name <> '' THEN excluded.job_namespace ELSE edges.job_namespace END,
    job_name = CASE WHEN excluded.last_seen >= edges.last_seen AND excluded.job_name <> '' THEN excluded.job_name ELSE edges.job_name END,
    run_id = CASE WHEN excluded.last_seen >= edges.last_seen AND excluded.run_id <> '' THEN excluded.run_id ELSE edges.run_id END,
    first_seen = {least}(edges.first_seen, excluded.first_seen),
    last_seen = {greatest}(edges.last_seen, excluded.last_seen)`,
		e.From.Kind.class(), e.From.Namespace, e.From.Name, e.To.Kind.class(), e.To.Namespace, e.To.Name, string(e.Rel),
		e.Origin, e.Job.Namespace, e.Job.Name, e.RunID, first, last)
}

// checkEdge enforces the shapes of the graph: input edges go from a
// dataset-like node to a job, output edges from a job to a dataset-like
// node, derived edges between dataset-like nodes.
func checkEdge(e Edge) error {
	if err := e.From.validate(); err != nil {
		return err
	}
	if err := e.To.validate(); err != nil {
		return err
	}
	fromJob, toJob := e.From.Kind == KindJob, e.To.Kind == KindJob
	switch e.Rel {
	case RelInput:
		if fromJob || !toJob {
			return fmt.Errorf("an input edge goes from a dataset to a job, not %s -> %s", e.From.Kind, e.To.Kind)
		}
	case RelOutput:
		if !fromJob || toJob {
			return fmt.Errorf("an output edge goes from a job to a dataset, model or collection, not %s -> %s", e.From.Kind, e.To.Kind)
		}
	case RelDerived:
		if fromJob || toJob {
			return fmt.Errorf("a derived edge joins datasets, models and collections, not %s -> %s", e.From.Kind, e.To.Kind)
		}
	default:
		return fmt.Errorf("unknown relation %q (want input, output or derived)", e.Rel)
	}
	if e.From.Kind.class() == e.To.Kind.class() && e.From.Namespace == e.To.Namespace && e.From.Name == e.To.Name {
		return fmt.Errorf("edge from %q to itself", e.From.String())
	}
	return nil
}

// Tag is a key/value tag on a node or one of its fields.
type Tag struct {
	Field  string // '' for the whole node
	Key    string
	Value  string
	Source string // e.g. an OpenLineage integration, "USER"
}

// PutTag sets a tag on a node (which must exist or is created as a plain
// node of ref's kind).
func (t *Tx) PutTag(ctx context.Context, ref Ref, tag Tag) error {
	if err := ref.validate(); err != nil {
		return fmt.Errorf("lineage store: %w: %w", ErrInvalid, err)
	}
	if tag.Key == "" {
		return fmt.Errorf("lineage store: %w: tag on %q without a key", ErrInvalid, ref.String())
	}
	// The node is created if missing; a tag is not a sighting, so an
	// existing node's times stay as they are.
	now := micros(t.now)
	if err := t.exec(ctx, `INSERT INTO nodes (class, namespace, name, kind, exposure, origin, first_seen, last_seen)
VALUES (?, ?, ?, ?, '', '', ?, ?) ON CONFLICT (class, namespace, name) DO NOTHING`,
		ref.Kind.class(), ref.Namespace, ref.Name, string(ref.Kind), now, now); err != nil {
		return err
	}
	return t.exec(ctx, `INSERT INTO node_tags (class, namespace, name, field, tag_key, tag_value, source)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (class, namespace, name, field, tag_key) DO UPDATE SET tag_value = excluded.tag_value, source = excluded.source`,
		ref.Kind.class(), ref.Namespace, ref.Name, tag.Field, tag.Key, tag.Value, tag.Source)
}

// Run states (OpenLineage eventType).
const (
	RunStart    = "START"
	RunRunning  = "RUNNING"
	RunComplete = "COMPLETE"
	RunAbort    = "ABORT"
	RunFail     = "FAIL"
	RunOther    = "OTHER"
)

// Run is one run of a job.
type Run struct {
	ID        string
	Job       Ref // Kind KindJob
	State     string
	StartedAt time.Time // zero until a START event
	EndedAt   time.Time // zero until COMPLETE, ABORT or FAIL
	LastEvent time.Time
}

// PutRun records an event of a run: the state of the latest event wins
// (events may arrive out of order); START sets StartedAt and COMPLETE, ABORT
// and FAIL set EndedAt.
func (t *Tx) PutRun(ctx context.Context, r Run) error {
	if r.ID == "" || r.Job.Kind != KindJob {
		return fmt.Errorf("lineage store: %w: a run needs an id and a job", ErrInvalid)
	}
	if err := t.PutNode(ctx, Node{Ref: r.Job, Origin: OriginOpenLineage, FirstSeen: r.LastEvent, LastSeen: r.LastEvent}); err != nil {
		return err
	}
	ev := t.at(r.LastEvent)
	var started, ended int64
	switch r.State {
	case RunStart:
		started = ev
	case RunComplete, RunAbort, RunFail:
		ended = ev
	}
	if !r.StartedAt.IsZero() {
		started = micros(r.StartedAt)
	}
	if !r.EndedAt.IsZero() {
		ended = micros(r.EndedAt)
	}
	return t.exec(ctx, `INSERT INTO runs (run_id, job_namespace, job_name, state, started_at, ended_at, last_event)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id) DO UPDATE SET
    state = CASE WHEN excluded.last_event >= runs.last_event THEN excluded.state ELSE runs.state END,
    started_at = CASE WHEN runs.started_at = 0 THEN excluded.started_at WHEN excluded.started_at = 0 THEN runs.started_at
        ELSE {least}(runs.started_at, excluded.started_at) END,
    ended_at = {greatest}(runs.ended_at, excluded.ended_at),
    last_event = {greatest}(runs.last_event, excluded.last_event)`,
		r.ID, r.Job.Namespace, r.Job.Name, r.State, started, ended, ev)
}

// Object is one object (file, S3 object version) of a dataset.
type Object struct {
	Dataset   Ref
	Key       string
	Version   string
	ETag      string
	Size      int64
	FirstSeen time.Time
	LastSeen  time.Time
}

// PutObject records an object of a dataset (and the dataset).
func (t *Tx) PutObject(ctx context.Context, o Object) error {
	if o.Key == "" {
		return fmt.Errorf("lineage store: %w: object without a key", ErrInvalid)
	}
	if o.Dataset.Kind == KindJob {
		return fmt.Errorf("lineage store: %w: objects belong to datasets, not jobs", ErrInvalid)
	}
	if err := t.PutNode(ctx, Node{Ref: o.Dataset, Origin: OriginWeir, FirstSeen: o.FirstSeen, LastSeen: o.LastSeen}); err != nil {
		return err
	}
	return t.exec(ctx, `INSERT INTO objects (namespace, name, object_key, version, etag, size, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (namespace, name, object_key, version) DO UPDATE SET
    etag = excluded.etag, size = excluded.size,
    first_seen = {least}(objects.first_seen, excluded.first_seen),
    last_seen = {greatest}(objects.last_seen, excluded.last_seen)`,
		o.Dataset.Namespace, o.Dataset.Name, o.Key, o.Version, o.ETag, o.Size, t.at(o.FirstSeen), t.at(o.LastSeen))
}

// Observation is what weir saw in a dataset or one of its fields: Count
// findings of an entity type. Recording adds Count to the stored count and
// widens the first/last seen interval; MaxConfidence keeps the maximum.
type Observation struct {
	Dataset       Ref
	Field         string // '' for the dataset as a whole
	Type          string // TAXONOMY.md entity type
	Category      string // PII, PHI or SECRET
	Count         int64
	MaxConfidence float64
	FirstSeen     time.Time
	LastSeen      time.Time
}

// Observe records observations (and their datasets and fields).
func (t *Tx) Observe(ctx context.Context, obs ...Observation) error {
	for _, o := range obs {
		if o.Type == "" || o.Count < 0 || o.MaxConfidence < 0 || o.MaxConfidence > 1 {
			return fmt.Errorf("lineage store: %w: observation needs a type, a count >= 0 and a confidence in [0,1]", ErrInvalid)
		}
		if o.Dataset.Kind == KindJob {
			return fmt.Errorf("lineage store: %w: observations belong to datasets, not jobs", ErrInvalid)
		}
		if err := t.PutNode(ctx, Node{Ref: o.Dataset, Origin: OriginWeir, FirstSeen: o.FirstSeen, LastSeen: o.LastSeen}); err != nil {
			return err
		}
		first, last := t.at(o.FirstSeen), t.at(o.LastSeen)
		if o.Field != "" {
			if err := t.exec(ctx, `INSERT INTO fields (namespace, name, field, first_seen, last_seen) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (namespace, name, field) DO UPDATE SET
    first_seen = {least}(fields.first_seen, excluded.first_seen),
    last_seen = {greatest}(fields.last_seen, excluded.last_seen)`,
				o.Dataset.Namespace, o.Dataset.Name, o.Field, first, last); err != nil {
				return err
			}
		}
		if err := t.exec(ctx, `INSERT INTO observations (namespace, name, field, entity_type, category, count, max_confidence, first_seen, last_seen)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (namespace, name, field, entity_type) DO UPDATE SET
    category = CASE WHEN excluded.category = '' THEN observations.category ELSE excluded.category END,
    count = observations.count + excluded.count,
    max_confidence = {greatest}(observations.max_confidence, excluded.max_confidence),
    first_seen = {least}(observations.first_seen, excluded.first_seen),
    last_seen = {greatest}(observations.last_seen, excluded.last_seen)`,
			o.Dataset.Namespace, o.Dataset.Name, o.Field, o.Type, o.Category, o.Count, o.MaxConfidence, first, last); err != nil {
			return err
		}
	}
	return nil
}

// ParseRef parses "[KIND:]QUALIFIED" into a ref (kind dataset when no kind
// prefix is given). QUALIFIED is split as OpenLineage names datasets:
// "scheme://authority/name" gives namespace "scheme://authority" and name
// "name" (s3://bucket/prefix, postgres://host:5432/db.schema.table); without
// a scheme the namespace ends at the first '/'. "NAMESPACE::NAME" states the
// split explicitly.
func ParseRef(s string) (Ref, error) {
	r := Ref{Kind: KindDataset}
	if k, rest, ok := strings.Cut(s, ":"); ok {
		if kind, err := ParseKind(k); err == nil {
			r.Kind, s = kind, rest
		}
	}
	if ns, name, ok := strings.Cut(s, "::"); ok {
		r.Namespace, r.Name = ns, name
	} else {
		start := 0
		if i := strings.Index(s, "://"); i > 0 {
			start = i + 3
		}
		j := strings.IndexByte(s[start:], '/')
		if j < 0 {
			return r, fmt.Errorf("%q: want NAMESPACE/NAME (e.g. s3://bucket/prefix) or NAMESPACE::NAME", s)
		}
		r.Namespace, r.Name = s[:start+j], s[start+j+1:]
	}
	if err := r.validate(); err != nil {
		return r, err
	}
	return r, nil
}
