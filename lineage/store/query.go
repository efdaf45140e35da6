package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrNotFound is returned by Node and Resolve when no node matches.
var ErrNotFound = errors.New("not found")

const nodeCols = "kind, namespace, name, exposure, origin, first_seen, last_seen"

func scanNode(sc interface{ Scan(...any) error }) (Node, error) {
	var (
		n           Node
		kind, expo  string
		first, last int64
	)
	if err := sc.Scan(&kind, &n.Namespace, &n.Name, &expo, &n.Origin, &first, &last); err != nil {
		return n, err
	}
	n.Kind, n.Exposure = Kind(kind), Exposure(expo)
	n.FirstSeen, n.LastSeen = fromMicros(first), fromMicros(last)
	return n, nil
}

// Node returns the node ref names (its kind decides between jobs and
// datasets; a dataset ref finds a model or collection of that name too).
func (s *Store) Node(ctx context.Context, ref Ref) (Node, error) {
	row := s.db.QueryRowContext(ctx, s.d.q("SELECT "+nodeCols+" FROM nodes WHERE class = ? AND namespace = ? AND name = ?"),
		ref.Kind.class(), ref.Namespace, ref.Name)
	n, err := scanNode(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Node{}, fmt.Errorf("lineage store: %s %q: %w", ref.Kind, ref.String(), ErrNotFound)
	}
	if err != nil {
		return Node{}, fmt.Errorf("lineage store: %w", err)
	}
	return n, nil
}

// Resolve finds the nodes whose qualified name (Ref.String) is q: a
// dataset-like node first, jobs after. q may also be "job:QUALIFIED" to look
// for jobs only. It returns ErrNotFound when nothing matches.
func (s *Store) Resolve(ctx context.Context, q string) ([]Node, error) {
	classes := []string{"dataset", "job"}
	if rest, ok := strings.CutPrefix(q, "job:"); ok {
		q, classes = rest, []string{"job"}
	}
	var out []Node
	for _, class := range classes {
		// Every '/' may split namespace from name; names may contain '/'.
		for i := 0; i < len(q); i++ {
			if q[i] != '/' {
				continue
			}
			cands := [][2]string{{q[:i], q[i+1:]}, {q[:i], q[i:]}}
			for _, c := range cands {
				if c[0] == "" || c[1] == "" || c[1] == "/" {
					continue
				}
				n, err := s.Node(ctx, Ref{Kind: kindOfClass(class), Namespace: c[0], Name: c[1]})
				if errors.Is(err, ErrNotFound) {
					continue
				}
				if err != nil {
					return nil, err
				}
				out = append(out, n)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("lineage store: %q: %w", q, ErrNotFound)
	}
	return out, nil
}

func kindOfClass(class string) Kind {
	if class == "job" {
		return KindJob
	}
	return KindDataset
}

// Direction selects edges leaving (Out) or entering (In) a node.
type Direction int

// Directions.
const (
	Out Direction = iota
	In
)

// Edges returns the edges leaving or entering ref, sorted.
func (s *Store) Edges(ctx context.Context, ref Ref, dir Direction) ([]Edge, error) {
	self, other := "src", "dst"
	if dir == In {
		self, other = "dst", "src"
	}
	query := fmt.Sprintf(`SELECT e.rel, e.origin, e.job_namespace, e.job_name, e.run_id, e.first_seen, e.last_seen,
    n.kind, n.namespace, n.name
FROM edges e JOIN nodes n ON n.class = e.%[2]s_class AND n.namespace = e.%[2]s_namespace AND n.name = e.%[2]s_name
WHERE e.%[1]s_class = ? AND e.%[1]s_namespace = ? AND e.%[1]s_name = ?
ORDER BY e.rel, n.kind, n.namespace, n.name`, self, other)
	me, err := s.Node(ctx, ref)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.d.q(query), ref.Kind.class(), ref.Namespace, ref.Name)
	if err != nil {
		return nil, fmt.Errorf("lineage store: %w", err)
	}
	defer rows.Close()
	var out []Edge
	for rows.Next() {
		var (
			e           Edge
			rel, kind   string
			first, last int64
			o           Ref
		)
		if err := rows.Scan(&rel, &e.Origin, &e.Job.Namespace, &e.Job.Name, &e.RunID, &first, &last,
			&kind, &o.Namespace, &o.Name); err != nil {
			return nil, fmt.Errorf("lineage store: %w", err)
		}
		e.Rel, e.FirstSeen, e.LastSeen = Rel(rel), fromMicros(first), fromMicros(last)
		if e.Job.Name != "" {
			e.Job.Kind = KindJob
		}
		o.Kind = Kind(kind)
		if dir == Out {
			e.From, e.To = me.Ref, o
		} else {
			e.From, e.To = o, me.Ref
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("lineage store: %w", err)
	}
	return out, nil
}

// Reach is a node reached by a traversal, with the shortest path to it.
type Reach struct {
	Node
	// Path runs from the start (excluded) to the node (included) through
	// the nodes in between; its length is the node's distance.
	Path []Ref
}

// maxTraversal bounds traversals: lineage graphs with cycles or fan-outs in
// the hundreds of thousands are misconfigurations, not answers.
const maxTraversal = 100000

// Traverse returns every node reachable from start following edges in dir
// (breadth-first, so each path is a shortest one), sorted by distance, kind
// and name. start itself is not included.
func (s *Store) Traverse(ctx context.Context, start Ref, dir Direction) ([]Reach, error) {
	root, err := s.Node(ctx, start)
	if err != nil {
		return nil, err
	}
	key := func(r Ref) string { return r.Kind.class() + "\x00" + r.Namespace + "\x00" + r.Name }
	seen := map[string]bool{key(root.Ref): true}
	var out []Reach
	frontier := []Reach{{Node: root}}
	for len(frontier) > 0 {
		var next []Reach
		for _, f := range frontier {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			edges, err := s.Edges(ctx, f.Ref, dir)
			if err != nil {
				return nil, err
			}
			for _, e := range edges {
				o := e.To
				if dir == In {
					o = e.From
				}
				if seen[key(o)] {
					continue
				}
				seen[key(o)] = true
				n, err := s.Node(ctx, o)
				if err != nil {
					return nil, err
				}
				path := append(append([]Ref(nil), f.Path...), n.Ref)
				next = append(next, Reach{Node: n, Path: path})
				if len(seen) > maxTraversal {
					return nil, fmt.Errorf("lineage store: traversal from %q exceeds %d nodes", start.String(), maxTraversal)
				}
			}
		}
		sort.SliceStable(next, func(i, j int) bool { return lessRef(next[i].Ref, next[j].Ref) })
		out = append(out, next...)
		frontier = next
	}
	return out, nil
}

func lessRef(a, b Ref) bool {
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Namespace != b.Namespace {
		return a.Namespace < b.Namespace
	}
	return a.Name < b.Name
}

// BlastRadius returns the models and collections that learned from dataset,
// directly or through any chain of jobs and derived datasets, with the
// shortest path to each.
func (s *Store) BlastRadius(ctx context.Context, dataset Ref) ([]Reach, error) {
	all, err := s.Traverse(ctx, dataset, Out)
	if err != nil {
		return nil, err
	}
	var out []Reach
	for _, r := range all {
		if r.Kind == KindModel || r.Kind == KindCollection {
			out = append(out, r)
		}
	}
	return out, nil
}

// Tags returns the tags of a node, sorted by field and key.
func (s *Store) Tags(ctx context.Context, ref Ref) ([]Tag, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT field, tag_key, tag_value, source FROM node_tags
WHERE class = ? AND namespace = ? AND name = ? ORDER BY field, tag_key`), ref.Kind.class(), ref.Namespace, ref.Name)
	if err != nil {
		return nil, fmt.Errorf("lineage store: %w", err)
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		var t Tag
		if err := rows.Scan(&t.Field, &t.Key, &t.Value, &t.Source); err != nil {
			return nil, fmt.Errorf("lineage store: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Observations returns weir's observations of a dataset, sorted by field and
// type.
func (s *Store) Observations(ctx context.Context, dataset Ref) ([]Observation, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT field, entity_type, category, count, max_confidence, first_seen, last_seen
FROM observations WHERE namespace = ? AND name = ? ORDER BY field, entity_type`), dataset.Namespace, dataset.Name)
	if err != nil {
		return nil, fmt.Errorf("lineage store: %w", err)
	}
	defer rows.Close()
	var out []Observation
	for rows.Next() {
		o := Observation{Dataset: dataset}
		var first, last int64
		if err := rows.Scan(&o.Field, &o.Type, &o.Category, &o.Count, &o.MaxConfidence, &first, &last); err != nil {
			return nil, fmt.Errorf("lineage store: %w", err)
		}
		o.FirstSeen, o.LastSeen = fromMicros(first), fromMicros(last)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Objects returns the objects of a dataset, sorted by key and version.
func (s *Store) Objects(ctx context.Context, dataset Ref) ([]Object, error) {
	rows, err := s.db.QueryContext(ctx, s.d.q(`SELECT object_key, version, etag, size, first_seen, last_seen
FROM objects WHERE namespace = ? AND name = ? ORDER BY object_key, version`), dataset.Namespace, dataset.Name)
	if err != nil {
		return nil, fmt.Errorf("lineage store: %w", err)
	}
	defer rows.Close()
	var out []Object
	for rows.Next() {
		o := Object{Dataset: dataset}
		var first, last int64
		if err := rows.Scan(&o.Key, &o.Version, &o.ETag, &o.Size, &first, &last); err != nil {
			return nil, fmt.Errorf("lineage store: %w", err)
		}
		o.FirstSeen, o.LastSeen = fromMicros(first), fromMicros(last)
		out = append(out, o)
	}
	return out, rows.Err()
}

// Run returns a run by id.
func (s *Store) Run(ctx context.Context, id string) (Run, error) {
	var (
		r                    Run
		started, ended, last int64
	)
	err := s.db.QueryRowContext(ctx, s.d.q(`SELECT job_namespace, job_name, state, started_at, ended_at, last_event
FROM runs WHERE run_id = ?`), id).Scan(&r.Job.Namespace, &r.Job.Name, &r.State, &started, &ended, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("lineage store: run %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("lineage store: %w", err)
	}
	r.ID, r.Job.Kind = id, KindJob
	r.StartedAt, r.EndedAt, r.LastEvent = fromMicros(started), fromMicros(ended), fromMicros(last)
	return r, nil
}

// Counts returns the number of nodes by kind and of edges, for status lines
// and tests.
func (s *Store) Counts(ctx context.Context) (nodes map[Kind]int, edges int, err error) {
	rows, err := s.db.QueryContext(ctx, "SELECT kind, COUNT(*) FROM nodes GROUP BY kind")
	if err != nil {
		return nil, 0, fmt.Errorf("lineage store: %w", err)
	}
	defer rows.Close()
	nodes = map[Kind]int{}
	for rows.Next() {
		var (
			k string
			n int
		)
		if err := rows.Scan(&k, &n); err != nil {
			return nil, 0, fmt.Errorf("lineage store: %w", err)
		}
		nodes[Kind(k)] = n
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("lineage store: %w", err)
	}
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM edges").Scan(&edges); err != nil {
		return nil, 0, fmt.Errorf("lineage store: %w", err)
	}
	return nodes, edges, nil
}
