package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// EnvDSN is the environment variable naming the store: a SQLite file path
// (optionally "sqlite:PATH") or a PostgreSQL URL (postgres://...). A password
// belongs here, in PGPASSWORD or in a PGPASSFILE, never on a command line.
const EnvDSN = "WEIR_LINEAGE_DSN"

// DefaultPath is the embedded store's file when nothing else is configured.
const DefaultPath = ".weir/lineage.db"

// Store is a lineage store. Its methods are safe for concurrent use.
type Store struct {
	db *sql.DB
	d  dialect
	// now is the clock; tests may replace it.
	now func() time.Time
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Open opens (creating a SQLite file and its directory if needed) the store
// dsn names and applies the missing migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	if dsn == "" {
		return nil, errors.New("lineage store: empty DSN")
	}
	var (
		d      dialect
		source string
	)
	if IsPostgres(dsn) {
		d, source = postgresDialect, dsn
	} else {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" || strings.ContainsAny(path, "?#") {
			return nil, fmt.Errorf("lineage store: bad SQLite path %q (no '?' or '#')", path)
		}
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("lineage store: %w", err)
			}
		}
		// WAL lets readers run beside the writer; busy_timeout waits for a
		// concurrent writer instead of failing; immediate transactions take the
		// write lock at BEGIN, so two writers never deadlock upgrading a read.
		d, source = sqliteDialect, path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	}
	db, err := sql.Open(d.driver, source)
	if err != nil {
		return nil, fmt.Errorf("lineage store: open %s: %w", d.name, err)
	}
	s := &Store{db: db, d: d, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Dialect returns "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// Tx is one transaction on the store (see Store.Update).
type Tx struct {
	tx  *sql.Tx
	d   dialect
	now time.Time
	// stmts caches SQLite's prepared statements for the transaction's
	// life: an ingest batch runs the same few statements thousands of times.
	stmts map[string]*sql.Stmt
	// put holds the nodes PutNode wrote in this transaction, so PutEdge
	// does not write them again.
	put map[Ref]bool
}

// Update runs fn in one transaction and commits it when fn returns nil; on an
// error nothing fn wrote is kept. A transaction PostgreSQL aborts to break a
// deadlock or a serialization conflict (concurrent writers upserting the
// same nodes in another order) is run again, up to 5 times: fn must be safe
// to repeat, as the store's writes are.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = s.update(ctx, fn); !retryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 10 * time.Millisecond):
		}
	}
	return err
}

// retryable reports PostgreSQL's serialization_failure and
// deadlock_detected.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

func (s *Store) update(ctx context.Context, fn func(*Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("lineage store: begin: %w", err)
	}
	if err := fn(&Tx{tx: tx, d: s.d, now: s.now(), stmts: map[string]*sql.Stmt{}, put: map[Ref]bool{}}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("lineage store: commit: %w", err)
	}
	return nil
}

func (t *Tx) exec(ctx context.Context, query string, args ...any) error {
	if t.d.dollar {
		// pgx caches prepared statements per connection by itself; a
		// per-transaction Prepare would only add round trips.
		if _, err := t.tx.ExecContext(ctx, t.d.q(query), args...); err != nil {
			return fmt.Errorf("lineage store: %w", err)
		}
		return nil
	}
	st, ok := t.stmts[query]
	if !ok {
		var err error
		if st, err = t.tx.PrepareContext(ctx, t.d.q(query)); err != nil {
			return fmt.Errorf("lineage store: %w", err)
		}
		t.stmts[query] = st
	}
	if _, err := st.ExecContext(ctx, args...); err != nil {
		return fmt.Errorf("lineage store: %w", err)
	}
	return nil
}

// micros is the stored form of a time; the zero time is 0.
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UTC().UnixMicro()
}

func fromMicros(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMicro(v).UTC()
}

// at returns t, or the transaction's time when t is zero.
func (t *Tx) at(v time.Time) int64 {
	if v.IsZero() {
		return micros(t.now)
	}
	return micros(v)
}

// RedactDSN returns dsn without its password, for messages.
func RedactDSN(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable)"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// HasPassword reports whether dsn carries a password (which a command-line
// flag must not).
func HasPassword(dsn string) bool {
	if !IsPostgres(dsn) {
		return false
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return strings.Contains(dsn, "password")
	}
	_, ok := u.User.Password()
	return ok || u.Query().Has("password")
}
