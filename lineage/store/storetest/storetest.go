// Package storetest opens lineage stores for tests: a SQLite file in the
// test's temporary directory always, and a fresh PostgreSQL database when
// WEIR_PG_DSN names a server (each test gets its own database with a random
// name, dropped at the end, so parallel tests never collide).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/store"
)

// EnvPG names a PostgreSQL server the tests may create databases on, e.g.
// postgres://weir:PASSWORD@127.0.0.1:5432/postgres?sslmode=disable.
const EnvPG = "WEIR_PG_DSN"

// SkipPG is the message of a skipped PostgreSQL test.
const SkipPG = EnvPG + " is not set: PostgreSQL tests skipped (run them with scripts/postgres.sh run go test ./lineage/...)"

// Each runs fn as a subtest against every available backend: "sqlite"
// always, "postgres" when WEIR_PG_DSN is set (skipped with a message
// otherwise).
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite opens a store in a new file under t.TempDir.
func SQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "lineage.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDSN creates a database with a random name on the WEIR_PG_DSN
// server, drops it when t ends, and returns its DSN; it skips t when
// WEIR_PG_DSN is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPG)
	if base == "" {
		t.Skip(SkipPG)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvPG, err)
	}
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		t.Fatal(err)
	}
	name := "weir_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
		admin.Close()
	})
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a store on a fresh PostgreSQL database (see PostgresDSN).
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	dsn := PostgresDSN(t)
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
