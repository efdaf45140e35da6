package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

func TestDialectQ(t *testing.T) {
	cases := []struct {
		d        dialect
		in, want string
	}{
		{sqliteDialect, "SELECT ? , ?", "SELECT ? , ?"},
		{postgresDialect, "SELECT ? , ?", "SELECT $1 , $2"},
		{postgresDialect, "x = {least}(a, b) AND y = {greatest}(c, ?)", "x = LEAST(a, b) AND y = GREATEST(c, $1)"},
		{sqliteDialect, "x = {least}(a, b) AND y = {greatest}(c, ?)", "x = min(a, b) AND y = max(c, ?)"},
		{postgresDialect, "no placeholders", "no placeholders"},
	}
	for _, c := range cases {
		if got := c.d.q(c.in); got != c.want {
			t.Errorf("%s q(%q) = %q, want %q", c.d.name, c.in, got, c.want)
		}
	}
}

func TestMigrationFiles(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].version != 1 {
		t.Fatalf("migrations %+v", ms)
	}
	for i, m := range ms {
		if m.version != i+1 {
			t.Errorf("migration versions must be 1..n without gaps: %d at %d", m.version, i)
		}
		if len(m.stmts) == 0 {
			t.Errorf("migration %d has no statements", m.version)
		}
	}
}

func TestSplitSQL(t *testing.T) {
	src := "-- comment\nCREATE TABLE a (\n  x TEXT -- trailing\n);\n\nCREATE INDEX i ON a (x);\nSELECT 1"
	got := splitSQL(src)
	want := []string{"CREATE TABLE a (\n  x TEXT -- trailing\n);", "CREATE INDEX i ON a (x);", "SELECT 1"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitSQL = %q, want %q", got, want)
	}
}

func TestParseRef(t *testing.T) {
	cases := []struct {
		in   string
		want Ref
		ok   bool
	}{
		{"s3://training/tickets", Ref{KindDataset, "s3://training", "tickets"}, true},
		{"dataset:s3://training/tickets/2026/", Ref{KindDataset, "s3://training", "tickets/2026/"}, true},
		{"model:mlflow://prod/models/support-bot", Ref{KindModel, "mlflow://prod", "models/support-bot"}, true},
		{"collection:qdrant://h:6333/kb", Ref{KindCollection, "qdrant://h:6333", "kb"}, true},
		{"job:airflow-prod/dag.task", Ref{KindJob, "airflow-prod", "dag.task"}, true},
		{"postgres://db:5432/support.public.tickets", Ref{KindDataset, "postgres://db:5432", "support.public.tickets"}, true},
		{"model:weird/ns::a/b", Ref{KindModel, "weird/ns", "a/b"}, true},
		{"file:///data/x.csv", Ref{KindDataset, "file://", "data/x.csv"}, true},
		{"s3://bucket", Ref{}, false},
		{"tickets", Ref{}, false},
		{"model:", Ref{}, false},
		{"s3://training/", Ref{}, false},
		{"::x", Ref{}, false},
	}
	for _, c := range cases {
		got, err := ParseRef(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v ok=%v", c.in, got, err, c.want, c.ok)
		}
		if c.ok && c.want.Kind != KindJob {
			if again, err := ParseRef(string(got.Kind) + ":" + got.String()); err != nil || again != got {
				if c.in != "model:weird/ns::a/b" { // an explicit split does not round-trip through String
					t.Errorf("round trip of %q: %+v, %v", c.in, again, err)
				}
			}
		}
	}
}

func TestRetryable(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "40P01"}, true},
		{fmt.Errorf("lineage store: %w", &pgconn.PgError{Code: "40001"}), true},
		{&pgconn.PgError{Code: "23505"}, false},
		{errors.New("x"), false},
		{nil, false},
	} {
		if got := retryable(c.err); got != c.want {
			t.Errorf("retryable(%v) = %v", c.err, got)
		}
	}
}
