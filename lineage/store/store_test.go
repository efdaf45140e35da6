package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

var (
	t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	t1 = t0.Add(time.Hour)
	t2 = t0.Add(2 * time.Hour)
)

func ds(ns, name string) store.Ref {
	return store.Ref{Kind: store.KindDataset, Namespace: ns, Name: name}
}
func job(ns, name string) store.Ref {
	return store.Ref{Kind: store.KindJob, Namespace: ns, Name: name}
}
func model(ns, name string) store.Ref {
	return store.Ref{Kind: store.KindModel, Namespace: ns, Name: name}
}
func coll(ns, name string) store.Ref {
	return store.Ref{Kind: store.KindCollection, Namespace: ns, Name: name}
}

func update(t *testing.T, s *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "lineage.db")
	for i := 0; i < 3; i++ {
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != 2 {
			t.Fatalf("open %d: schema version %d, %v; want 2", i, v, err)
		}
		if i == 0 {
			update(t, s, func(tx *store.Tx) error { return tx.PutNode(ctx, store.Node{Ref: ds("s3://b", "p")}) })
		}
		if _, err := s.Node(ctx, ds("s3://b", "p")); err != nil {
			t.Fatalf("open %d: data lost across reopen: %v", i, err)
		}
		s.Close()
	}
}

// Concurrent openers of one database must not fail or apply a migration
// twice: PostgreSQL serializes them with an advisory lock, SQLite with
// immediate transactions.
func TestConcurrentOpen(t *testing.T) {
	ctx := context.Background()
	run := func(t *testing.T, dsn string) {
		var wg sync.WaitGroup
		errs := make(chan error, 6)
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				s, err := store.Open(ctx, dsn)
				if err != nil {
					errs <- err
					return
				}
				defer s.Close()
				if v, err := s.SchemaVersion(ctx); err != nil || v != 2 {
					errs <- fmt.Errorf("version %d, %v", v, err)
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
	t.Run("sqlite", func(t *testing.T) { run(t, filepath.Join(t.TempDir(), "l.db")) })
	t.Run("postgres", func(t *testing.T) { run(t, storetest.PostgresDSN(t)) })
}

func TestOpenErrors(t *testing.T) {
	for _, dsn := range []string{"", "sqlite:", "a.db?mode=ro", "x#y"} {
		if s, err := store.Open(context.Background(), dsn); err == nil {
			s.Close()
			t.Errorf("Open(%q): want an error", dsn)
		}
	}
}

func TestNodes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m := model("mlflow://prod", "support-bot")
		update(t, s, func(tx *store.Tx) error {
			// First seen as a plain dataset (an output), then learned to be
			// an external model, then seen again as a dataset: it stays an
			// external model.
			if err := tx.PutNode(ctx, store.Node{Ref: ds(m.Namespace, m.Name), Origin: store.OriginOpenLineage, FirstSeen: t1, LastSeen: t1}); err != nil {
				return err
			}
			if err := tx.PutNode(ctx, store.Node{Ref: m, Exposure: store.ExposureExternal, FirstSeen: t0, LastSeen: t0}); err != nil {
				return err
			}
			return tx.PutNode(ctx, store.Node{Ref: ds(m.Namespace, m.Name), FirstSeen: t2, LastSeen: t2})
		})
		n, err := s.Node(ctx, ds(m.Namespace, m.Name))
		if err != nil {
			t.Fatal(err)
		}
		want := store.Node{Ref: m, Exposure: store.ExposureExternal, Origin: store.OriginOpenLineage, FirstSeen: t0, LastSeen: t2}
		if !reflect.DeepEqual(n, want) {
			t.Errorf("node\n got %+v\nwant %+v", n, want)
		}
		// A job of the same name is another node.
		if _, err := s.Node(ctx, job(m.Namespace, m.Name)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("job lookup: %v, want ErrNotFound", err)
		}
	})
}

func TestInvalidWrites(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	cases := []struct {
		name string
		fn   func(tx *store.Tx) error
	}{
		{"no namespace", func(tx *store.Tx) error { return tx.PutNode(ctx, store.Node{Ref: ds("", "x")}) }},
		{"no name", func(tx *store.Tx) error { return tx.PutNode(ctx, store.Node{Ref: ds("ns", "")}) }},
		{"bad kind", func(tx *store.Tx) error {
			return tx.PutNode(ctx, store.Node{Ref: store.Ref{Kind: "table", Namespace: "a", Name: "b"}})
		}},
		{"exposure on dataset", func(tx *store.Tx) error {
			return tx.PutNode(ctx, store.Node{Ref: ds("a", "b"), Exposure: store.ExposureExternal})
		}},
		{"bad exposure", func(tx *store.Tx) error {
			return tx.PutNode(ctx, store.Node{Ref: model("a", "b"), Exposure: "public"})
		}},
		{"input into dataset", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: ds("a", "b"), To: ds("a", "c"), Rel: store.RelInput})
		}},
		{"output from dataset", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: ds("a", "b"), To: model("a", "c"), Rel: store.RelOutput})
		}},
		{"output into job", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: job("a", "b"), To: job("a", "c"), Rel: store.RelOutput})
		}},
		{"derived from job", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: job("a", "b"), To: model("a", "c"), Rel: store.RelDerived})
		}},
		{"self edge", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: ds("a", "b"), To: model("a", "b"), Rel: store.RelDerived})
		}},
		{"unknown rel", func(tx *store.Tx) error {
			return tx.PutEdge(ctx, store.Edge{From: ds("a", "b"), To: model("a", "c"), Rel: "feeds"})
		}},
		{"tag without key", func(tx *store.Tx) error { return tx.PutTag(ctx, ds("a", "b"), store.Tag{Value: "x"}) }},
		{"run without job", func(tx *store.Tx) error { return tx.PutRun(ctx, store.Run{ID: "r", State: store.RunStart}) }},
		{"object without key", func(tx *store.Tx) error { return tx.PutObject(ctx, store.Object{Dataset: ds("a", "b")}) }},
		{"object of a job", func(tx *store.Tx) error { return tx.PutObject(ctx, store.Object{Dataset: job("a", "b"), Key: "k"}) }},
		{"observation without type", func(tx *store.Tx) error {
			return tx.Observe(ctx, store.Observation{Dataset: ds("a", "b"), Count: 1})
		}},
		{"confidence above 1", func(tx *store.Tx) error {
			return tx.Observe(ctx, store.Observation{Dataset: ds("a", "b"), Type: "US_SSN", Count: 1, MaxConfidence: 1.5})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := s.Update(ctx, c.fn)
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
		})
	}
	nodes, edges, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 0 || edges != 0 {
		t.Errorf("failed writes left %v nodes, %d edges", nodes, edges)
	}
}

// Update is all or nothing: an error after some writes keeps none.
func TestUpdateRollback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := s.Update(ctx, func(tx *store.Tx) error {
			if err := tx.PutNode(ctx, store.Node{Ref: ds("a", "b")}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update: %v", err)
		}
		if _, err := s.Node(ctx, ds("a", "b")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("node survived rollback: %v", err)
		}
	})
}

// buildGraph stores: tickets -> train-support-bot -> support-bot (external
// model), tickets -> clean-tickets (job) -> tickets-clean -> embed (job) ->
// kb (collection), and an unrelated dataset other -> train-internal ->
// helper (internal model).
func buildGraph(t *testing.T, s *store.Store) {
	ctx := context.Background()
	tickets := ds("s3://training", "tickets")
	update(t, s, func(tx *store.Tx) error {
		for _, e := range []store.Edge{
			{From: tickets, To: job("airflow", "train-support-bot"), Rel: store.RelInput},
			{From: job("airflow", "train-support-bot"), To: model("mlflow://prod", "support-bot"), Rel: store.RelOutput},
			{From: tickets, To: model("mlflow://prod", "support-bot"), Rel: store.RelDerived, Job: job("airflow", "train-support-bot"), RunID: "r1"},
			{From: tickets, To: job("spark", "clean-tickets"), Rel: store.RelInput},
			{From: job("spark", "clean-tickets"), To: ds("s3://training", "tickets-clean"), Rel: store.RelOutput},
			{From: ds("s3://training", "tickets-clean"), To: job("rag", "embed"), Rel: store.RelInput},
			{From: job("rag", "embed"), To: coll("qdrant://vec:6333", "kb"), Rel: store.RelOutput},
			{From: ds("s3://other", "x"), To: job("airflow", "train-internal"), Rel: store.RelInput},
			{From: job("airflow", "train-internal"), To: model("mlflow://prod", "helper"), Rel: store.RelOutput},
		} {
			e.Origin, e.FirstSeen, e.LastSeen = store.OriginOpenLineage, t0, t0
			if err := tx.PutEdge(ctx, e); err != nil {
				return err
			}
		}
		if err := tx.PutNode(ctx, store.Node{Ref: model("mlflow://prod", "support-bot"), Exposure: store.ExposureExternal}); err != nil {
			return err
		}
		return tx.PutNode(ctx, store.Node{Ref: model("mlflow://prod", "helper"), Exposure: store.ExposureInternal})
	})
}

func paths(rs []store.Reach) []string {
	var out []string
	for _, r := range rs {
		s := string(r.Kind) + " " + r.String() + " via"
		for _, p := range r.Path {
			s += " " + p.String()
		}
		out = append(out, s)
	}
	return out
}

func TestBlastRadius(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		buildGraph(t, s)
		got, err := s.BlastRadius(ctx, ds("s3://training", "tickets"))
		if err != nil {
			t.Fatal(err)
		}
		// Nearest first: support-bot at distance 1 (the derived edge), kb at
		// distance 4 through the cleaning job and the embedding job.
		want := []string{
			"model mlflow://prod/support-bot via mlflow://prod/support-bot",
			"collection qdrant://vec:6333/kb via spark/clean-tickets s3://training/tickets-clean rag/embed qdrant://vec:6333/kb",
		}
		if g := paths(got); !reflect.DeepEqual(g, want) {
			t.Errorf("blast radius\n got %q\nwant %q", g, want)
		}
		if got[0].Exposure != store.ExposureExternal {
			t.Errorf("support-bot exposure %q", got[0].Exposure)
		}
		// The unrelated dataset reaches only its own model.
		got, err = s.BlastRadius(ctx, ds("s3://other", "x"))
		if err != nil {
			t.Fatal(err)
		}
		if g := paths(got); !reflect.DeepEqual(g, []string{"model mlflow://prod/helper via airflow/train-internal mlflow://prod/helper"}) {
			t.Errorf("other: %q", g)
		}
		// Upstream of the model: the job and the dataset.
		up, err := s.Traverse(ctx, model("mlflow://prod", "support-bot"), store.In)
		if err != nil {
			t.Fatal(err)
		}
		if g := paths(up); !reflect.DeepEqual(g, []string{
			"dataset s3://training/tickets via s3://training/tickets",
			"job airflow/train-support-bot via airflow/train-support-bot",
		}) {
			t.Errorf("upstream %q", g)
		}
		if _, err := s.BlastRadius(ctx, ds("s3://none", "x")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown dataset: %v", err)
		}
	})
}

// A cycle (a job rewriting its own input) must not loop.
func TestTraverseCycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		update(t, s, func(tx *store.Tx) error {
			if err := tx.PutEdge(ctx, store.Edge{From: ds("n", "a"), To: job("n", "j"), Rel: store.RelInput}); err != nil {
				return err
			}
			return tx.PutEdge(ctx, store.Edge{From: job("n", "j"), To: ds("n", "a"), Rel: store.RelOutput})
		})
		got, err := s.Traverse(ctx, ds("n", "a"), store.Out)
		if err != nil {
			t.Fatal(err)
		}
		if g := paths(got); !reflect.DeepEqual(g, []string{"job n/j via n/j"}) {
			t.Errorf("got %q", g)
		}
	})
}

func TestEdgesKeepLatestJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		e := store.Edge{From: ds("n", "a"), To: model("m", "x"), Rel: store.RelDerived, Origin: store.OriginOpenLineage}
		for _, v := range []struct {
			job, run string
			at       time.Time
		}{{"j2", "r2", t2}, {"j1", "r1", t0}} { // out of order: j2 is the latest
			e.Job, e.RunID, e.FirstSeen, e.LastSeen = job("n", v.job), v.run, v.at, v.at
			update(t, s, func(tx *store.Tx) error { return tx.PutEdge(ctx, e) })
		}
		got, err := s.Edges(ctx, ds("n", "a"), store.Out)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Job.Name != "j2" || got[0].RunID != "r2" || !got[0].FirstSeen.Equal(t0) || !got[0].LastSeen.Equal(t2) {
			t.Errorf("edges %+v", got)
		}
		in, err := s.Edges(ctx, model("m", "x"), store.In)
		if err != nil || len(in) != 1 || in[0].From != ds("n", "a") {
			t.Errorf("in-edges %+v, %v", in, err)
		}
	})
}

func TestResolve(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		buildGraph(t, s)
		update(t, s, func(tx *store.Tx) error {
			return tx.PutNode(ctx, store.Node{Ref: ds("file://host", "/data/x.csv")})
		})
		cases := []struct {
			q    string
			want []string
		}{
			{"s3://training/tickets", []string{"dataset s3://training/tickets"}},
			{"mlflow://prod/support-bot", []string{"model mlflow://prod/support-bot"}},
			{"airflow/train-support-bot", []string{"job airflow/train-support-bot"}},
			{"job:rag/embed", []string{"job rag/embed"}},
			{"file://host/data/x.csv", []string{"dataset file://host/data/x.csv"}},
			{"s3://training/nothing", nil},
			{"job:s3://training/tickets", nil},
			{"tickets", nil},
		}
		for _, c := range cases {
			ns, err := s.Resolve(ctx, c.q)
			if c.want == nil {
				if !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Resolve(%q) = %v, %v; want ErrNotFound", c.q, ns, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("Resolve(%q): %v", c.q, err)
				continue
			}
			var got []string
			for _, n := range ns {
				got = append(got, string(n.Kind)+" "+n.String())
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("Resolve(%q) = %q, want %q", c.q, got, c.want)
			}
		}
	})
}

func TestObservations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := ds("s3://training", "tickets")
		update(t, s, func(tx *store.Tx) error {
			return tx.Observe(ctx,
				store.Observation{Dataset: d, Field: "body", Type: "US_SSN", Category: "PII", Count: 3, MaxConfidence: 0.9, FirstSeen: t1, LastSeen: t1},
				store.Observation{Dataset: d, Type: "API_KEY", Category: "SECRET", Count: 1, MaxConfidence: 0.7, FirstSeen: t1, LastSeen: t1})
		})
		update(t, s, func(tx *store.Tx) error {
			return tx.Observe(ctx,
				store.Observation{Dataset: d, Field: "body", Type: "US_SSN", Category: "PII", Count: 2, MaxConfidence: 0.6, FirstSeen: t0, LastSeen: t2})
		})
		got, err := s.Observations(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Observation{
			{Dataset: d, Type: "API_KEY", Category: "SECRET", Count: 1, MaxConfidence: 0.7, FirstSeen: t1, LastSeen: t1},
			{Dataset: d, Field: "body", Type: "US_SSN", Category: "PII", Count: 5, MaxConfidence: 0.9, FirstSeen: t0, LastSeen: t2},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("observations\n got %+v\nwant %+v", got, want)
		}
		n, err := s.Node(ctx, d)
		if err != nil || n.Origin != store.OriginWeir {
			t.Errorf("dataset node %+v, %v", n, err)
		}
	})
}

func TestRunsOutOfOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		j := job("airflow", "train")
		// COMPLETE arrives before START.
		for _, ev := range []struct {
			state string
			at    time.Time
		}{{store.RunComplete, t2}, {store.RunStart, t0}, {store.RunRunning, t1}} {
			update(t, s, func(tx *store.Tx) error {
				return tx.PutRun(ctx, store.Run{ID: "3f5e83fa-3480-44ff-99c5-ff943904e5e8", Job: j, State: ev.state, LastEvent: ev.at})
			})
		}
		r, err := s.Run(ctx, "3f5e83fa-3480-44ff-99c5-ff943904e5e8")
		if err != nil {
			t.Fatal(err)
		}
		if r.State != store.RunComplete || !r.StartedAt.Equal(t0) || !r.EndedAt.Equal(t2) || !r.LastEvent.Equal(t2) || r.Job != j {
			t.Errorf("run %+v", r)
		}
		if _, err := s.Run(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown run: %v", err)
		}
	})
}

func TestObjectsAndTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := ds("s3://training", "tickets")
		update(t, s, func(tx *store.Tx) error {
			for _, o := range []store.Object{
				{Dataset: d, Key: "tickets/b.jsonl", Version: "v1", ETag: "e1", Size: 10, FirstSeen: t0, LastSeen: t0},
				{Dataset: d, Key: "tickets/a.jsonl", Version: "v1", ETag: "e0", Size: 5, FirstSeen: t0, LastSeen: t0},
				{Dataset: d, Key: "tickets/b.jsonl", Version: "v1", ETag: "e1", Size: 10, FirstSeen: t1, LastSeen: t1},
			} {
				if err := tx.PutObject(ctx, o); err != nil {
					return err
				}
			}
			if err := tx.PutTag(ctx, d, store.Tag{Key: "pii", Value: "true", Source: "USER"}); err != nil {
				return err
			}
			if err := tx.PutTag(ctx, d, store.Tag{Key: "pii", Value: "false", Source: "USER"}); err != nil {
				return err
			}
			return tx.PutTag(ctx, d, store.Tag{Field: "email", Key: "classification", Value: "confidential"})
		})
		objs, err := s.Objects(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(objs) != 2 || objs[0].Key != "tickets/a.jsonl" || !objs[1].FirstSeen.Equal(t0) || !objs[1].LastSeen.Equal(t1) {
			t.Errorf("objects %+v", objs)
		}
		tags, err := s.Tags(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Tag{{Key: "pii", Value: "false", Source: "USER"}, {Field: "email", Key: "classification", Value: "confidential"}}
		if !reflect.DeepEqual(tags, want) {
			t.Errorf("tags %+v", tags)
		}
	})
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{{"dataset", true}, {"model", true}, {"collection", true}, {"job", true}, {"table", false}, {"", false}} {
		if _, err := store.ParseKind(c.s); (err == nil) != c.ok {
			t.Errorf("ParseKind(%q): %v", c.s, err)
		}
	}
	for _, c := range []struct {
		s  string
		ok bool
	}{{"internal", true}, {"external", true}, {"", true}, {"public", false}} {
		if _, err := store.ParseExposure(c.s); (err == nil) != c.ok {
			t.Errorf("ParseExposure(%q): %v", c.s, err)
		}
	}
}

func TestDSNHelpers(t *testing.T) {
	cases := []struct {
		dsn, redacted string
		pw, pg        bool
	}{
		{".weir/lineage.db", ".weir/lineage.db", false, false},
		{"sqlite:/x/l.db", "sqlite:/x/l.db", false, false},
		{"postgres://weir@db:5432/lineage", "postgres://weir@db:5432/lineage", false, true},
		{"postgres://weir:s3cr3t@db:5432/lineage?sslmode=require", "postgres://weir:xxxxx@db:5432/lineage?sslmode=require", true, true},
		{"postgresql://db/lineage?password=s3cr3t", "postgresql://db/lineage?password=s3cr3t", true, true},
	}
	for _, c := range cases {
		if got := store.IsPostgres(c.dsn); got != c.pg {
			t.Errorf("IsPostgres(%q) = %v", c.dsn, got)
		}
		if got := store.HasPassword(c.dsn); got != c.pw {
			t.Errorf("HasPassword(%q) = %v", c.dsn, got)
		}
		if c.redacted != c.dsn || !c.pw {
			if got := store.RedactDSN(c.dsn); got != c.redacted {
				t.Errorf("RedactDSN(%q) = %q", c.dsn, got)
			}
		}
	}
}
