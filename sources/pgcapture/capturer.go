package pgcapture

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgproto3"

	"github.com/weir-dev/weir/sources/vectordb"
)

// Table is one captured table.
type Table struct {
	// Name is "schema.table" or "table" (schema public).
	Name string
	// Collection names the table in events and rules; default "schema.table".
	Collection string
	// IDColumn holds the point id; default "id".
	IDColumn string
	// TextColumns are classified; default every text, varchar, char, json
	// and jsonb column but the id and source columns.
	TextColumns []string
	// SourceColumn, when set, names the row's source document: its text,
	// or when it holds a JSON object, that object's first provenance field
	// (vectordb.DefaultProvenanceFields).
	SourceColumn string
}

func (t Table) qualified() (schema, name string) {
	if s, n, ok := strings.Cut(t.Name, "."); ok {
		return s, n
	}
	return "public", t.Name
}

// Config configures a Capturer.
type Config struct {
	// ConnString is a PostgreSQL DSN (URL or key=value) of a role with
	// REPLICATION (and CREATE on the database for the publication); the
	// capturer adds replication=database.
	ConnString string
	// Slot is the logical replication slot (created if missing, kept
	// across restarts: it is the durable position); default "weir_capture".
	Slot string
	// Publication is created or altered to cover Tables; default
	// "weir_capture".
	Publication string
	Tables      []Table
	// Inspector classifies the text columns (rules per collection).
	Inspector *vectordb.Inspector
	// Publisher receives capture events and lineage edges; required.
	Publisher    vectordb.Publisher
	CaptureTopic string // default vectordb.DefaultCaptureTopic
	LineageTopic string // default vectordb.DefaultLineageTopic
	// StatusInterval is how often the acknowledged position is reported to
	// the server; default 1 s.
	StatusInterval time.Duration
	Logger         *slog.Logger
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

func (c *Config) validate() error {
	if c.Slot == "" {
		c.Slot = "weir_capture"
	}
	if c.Publication == "" {
		c.Publication = "weir_capture"
	}
	if !identRE.MatchString(c.Slot) || !identRE.MatchString(c.Publication) {
		return errors.New("pgcapture: slot and publication names must be lower-case identifiers ([a-z_][a-z0-9_]*)")
	}
	if len(c.Tables) == 0 {
		return errors.New("pgcapture: no tables")
	}
	for i := range c.Tables {
		t := &c.Tables[i]
		s, n := t.qualified()
		if !identRE.MatchString(s) || !identRE.MatchString(n) {
			return fmt.Errorf("pgcapture: table %q: want schema.table of lower-case identifiers", t.Name)
		}
		if t.Collection == "" {
			t.Collection = s + "." + n
		}
		if t.IDColumn == "" {
			t.IDColumn = "id"
		}
	}
	if c.Inspector == nil || c.Publisher == nil {
		return errors.New("pgcapture: Inspector and Publisher are required")
	}
	if c.CaptureTopic == "" {
		c.CaptureTopic = vectordb.DefaultCaptureTopic
	}
	if c.LineageTopic == "" {
		c.LineageTopic = vectordb.DefaultLineageTopic
	}
	if c.StatusInterval <= 0 {
		c.StatusInterval = time.Second
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Capturer streams inserts and updates of the configured tables from a
// logical replication slot (pgoutput), classifies their text columns and
// publishes one capture event per row plus its lineage edge.
//
// Delivery is at-least-once: the slot's confirmed position moves past a
// transaction only once every event of it, and of every transaction
// before it, was acknowledged by the Publisher. After a crash the server
// sends again what was not confirmed; after Run returns normally
// everything it published was confirmed, so a restart re-emits nothing.
type Capturer struct {
	cfg    Config
	store  string
	tables map[string]*Table // by schema.table

	mu       sync.Mutex
	queue    []*txn // transactions not yet confirmable, in commit order
	flushed  LSN    // highest confirmable position
	pubErr   error  // first failed publish
	received LSN
}

// txn tracks the events of one transaction.
type txn struct {
	end     LSN
	pending int
	closed  bool
}

// New returns a Capturer.
func New(cfg Config) (*Capturer, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	pc, err := pgconn.ParseConfig(cfg.ConnString)
	if err != nil {
		return nil, fmt.Errorf("pgcapture: DSN: %w", err)
	}
	c := &Capturer{cfg: cfg, tables: map[string]*Table{},
		store: fmt.Sprintf("postgres://%s:%d/%s", pc.Host, pc.Port, pc.Database)}
	for i := range c.cfg.Tables {
		t := &c.cfg.Tables[i]
		s, n := t.qualified()
		c.tables[s+"."+n] = t
	}
	return c, nil
}

// Flushed returns the position confirmed to the server so far.
func (c *Capturer) Flushed() LSN {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.flushed
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteLit(s string) string   { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

func execAll(ctx context.Context, conn *pgconn.PgConn, sql string) ([]*pgconn.Result, error) {
	res, err := conn.Exec(ctx, sql).ReadAll()
	if err != nil {
		return nil, err
	}
	return res, nil
}

// setup ensures the publication and the slot, and returns the slot's
// confirmed position.
func (c *Capturer) setup(ctx context.Context, conn *pgconn.PgConn) (LSN, error) {
	var tables []string
	for i := range c.cfg.Tables {
		s, n := c.cfg.Tables[i].qualified()
		tables = append(tables, quoteIdent(s)+"."+quoteIdent(n))
	}
	res, err := execAll(ctx, conn, "SELECT 1 FROM pg_publication WHERE pubname = "+quoteLit(c.cfg.Publication))
	if err != nil {
		return 0, fmt.Errorf("pgcapture: publication: %w", err)
	}
	verb := "CREATE PUBLICATION " + quoteIdent(c.cfg.Publication) + " FOR TABLE "
	if len(res) > 0 && len(res[0].Rows) > 0 {
		verb = "ALTER PUBLICATION " + quoteIdent(c.cfg.Publication) + " SET TABLE "
	}
	if _, err := execAll(ctx, conn, verb+strings.Join(tables, ", ")); err != nil {
		return 0, fmt.Errorf("pgcapture: publication: %w", err)
	}
	res, err = execAll(ctx, conn, "SELECT confirmed_flush_lsn::text, plugin FROM pg_replication_slots WHERE slot_name = "+quoteLit(c.cfg.Slot))
	if err != nil {
		return 0, fmt.Errorf("pgcapture: slot: %w", err)
	}
	if len(res) > 0 && len(res[0].Rows) > 0 {
		row := res[0].Rows[0]
		if string(row[1]) != "pgoutput" {
			return 0, fmt.Errorf("pgcapture: slot %s uses plugin %q, not pgoutput", c.cfg.Slot, row[1])
		}
		return ParseLSN(string(row[0]))
	}
	res, err = execAll(ctx, conn, "CREATE_REPLICATION_SLOT "+quoteIdent(c.cfg.Slot)+" LOGICAL pgoutput NOEXPORT_SNAPSHOT")
	if err != nil {
		return 0, fmt.Errorf("pgcapture: create slot: %w", err)
	}
	if len(res) == 0 || len(res[0].Rows) == 0 || len(res[0].Rows[0]) < 2 {
		return 0, errors.New("pgcapture: create slot: no position returned")
	}
	c.cfg.Logger.Info("replication slot created", "slot", c.cfg.Slot)
	return ParseLSN(string(res[0].Rows[0][1]))
}

// Run captures until ctx ends (then it confirms what was acknowledged and
// returns nil) or an error occurs (a failed publish included: the
// unconfirmed transactions are sent again after a restart). ready, when
// not nil, is called once streaming has started.
func (c *Capturer) Run(ctx context.Context, ready func()) error {
	pc, err := pgconn.ParseConfig(c.cfg.ConnString)
	if err != nil {
		return fmt.Errorf("pgcapture: DSN: %w", err)
	}
	pc.RuntimeParams["replication"] = "database"
	conn, err := pgconn.ConnectConfig(ctx, pc)
	if err != nil {
		return fmt.Errorf("pgcapture: connect: %w", err)
	}
	defer conn.Close(context.Background())
	start, err := c.setup(ctx, conn)
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.flushed, c.received, c.queue, c.pubErr = start, start, nil, nil
	c.mu.Unlock()
	q := fmt.Sprintf("START_REPLICATION SLOT %s LOGICAL %s (proto_version '1', publication_names %s)",
		quoteIdent(c.cfg.Slot), start, quoteLit(quoteIdent(c.cfg.Publication)))
	conn.Frontend().Send(&pgproto3.Query{String: q})
	if err := conn.Frontend().Flush(); err != nil {
		return fmt.Errorf("pgcapture: start replication: %w", err)
	}
	for {
		msg, err := conn.ReceiveMessage(ctx)
		if err != nil {
			return fmt.Errorf("pgcapture: start replication: %w", err)
		}
		if _, ok := msg.(*pgproto3.CopyBothResponse); ok {
			break
		}
		if e, ok := msg.(*pgproto3.ErrorResponse); ok {
			return fmt.Errorf("pgcapture: start replication: %s", pgconn.ErrorResponseToPgError(e).Error())
		}
	}
	c.cfg.Logger.Info("replication started", "slot", c.cfg.Slot, "from", start.String())
	if ready != nil {
		ready()
	}
	err = c.stream(ctx, conn)
	c.drain(10 * time.Second)
	// Report what was acknowledged, so a restart starts after it.
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := c.sendStatus(sctx, conn); serr != nil && err == nil && ctx.Err() == nil {
		err = serr
	}
	if ctx.Err() != nil && err != nil && errors.Is(err, ctx.Err()) {
		return nil
	}
	return err
}

// drain waits (at most d) for the events of committed transactions to be
// acknowledged, so a clean stop confirms everything it published.
func (c *Capturer) drain(d time.Duration) {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		busy := c.pubErr == nil && len(c.queue) > 0 && c.queue[0].closed
		c.mu.Unlock()
		if !busy {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (c *Capturer) sendStatus(ctx context.Context, conn *pgconn.PgConn) error {
	c.mu.Lock()
	b := standbyStatus(c.received, c.flushed, time.Now())
	c.mu.Unlock()
	conn.Frontend().Send(&pgproto3.CopyData{Data: b})
	return conn.Frontend().Flush()
}

// stream reads the replication stream until ctx ends or an error.
func (c *Capturer) stream(ctx context.Context, conn *pgconn.PgConn) error {
	rels := map[uint32]*relation{}
	var cur *txn
	next := time.Now().Add(c.cfg.StatusInterval)
	for {
		c.mu.Lock()
		perr := c.pubErr
		c.mu.Unlock()
		if perr != nil {
			return fmt.Errorf("pgcapture: publish: %w", perr)
		}
		if !time.Now().Before(next) {
			if err := c.sendStatus(ctx, conn); err != nil {
				return fmt.Errorf("pgcapture: status update: %w", err)
			}
			next = time.Now().Add(c.cfg.StatusInterval)
		}
		rctx, cancel := context.WithDeadline(ctx, next)
		msg, err := conn.ReceiveMessage(rctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if pgconn.Timeout(err) {
				continue
			}
			return fmt.Errorf("pgcapture: receive: %w", err)
		}
		switch m := msg.(type) {
		case *pgproto3.ErrorResponse:
			return fmt.Errorf("pgcapture: server: %s", pgconn.ErrorResponseToPgError(m).Error())
		case *pgproto3.CopyData:
			if len(m.Data) == 0 {
				continue
			}
			switch m.Data[0] {
			case 'k':
				k, err := parseKeepalive(m.Data[1:])
				if err != nil {
					return err
				}
				c.mu.Lock()
				if cur == nil && len(c.queue) == 0 && k.walEnd > c.flushed {
					// Nothing of ours in flight: everything up to here is done.
					c.flushed = k.walEnd
				}
				c.received = max(c.received, k.walEnd)
				c.mu.Unlock()
				if k.reply {
					next = time.Now()
				}
			case 'w':
				x, err := parseXLogData(m.Data[1:])
				if err != nil {
					return err
				}
				if cur, err = c.handle(ctx, x, rels, cur); err != nil {
					return err
				}
			}
		}
	}
}

// handle applies one pgoutput message.
func (c *Capturer) handle(ctx context.Context, x xlogData, rels map[uint32]*relation, cur *txn) (*txn, error) {
	msg, err := parseMessage(x.data)
	if err != nil {
		return cur, err
	}
	c.mu.Lock()
	c.received = max(c.received, x.walStart)
	c.mu.Unlock()
	switch m := msg.(type) {
	case *relation:
		rels[m.id] = m
	case beginMsg:
		cur = &txn{}
		c.mu.Lock()
		c.queue = append(c.queue, cur)
		c.mu.Unlock()
	case commitMsg:
		if cur == nil {
			return nil, errors.New("pgcapture: commit without begin")
		}
		c.mu.Lock()
		cur.end, cur.closed = m.endLSN, true
		c.advanceLocked()
		c.mu.Unlock()
		cur = nil
	case rowMsg:
		rel := rels[m.relID]
		if rel == nil {
			return cur, fmt.Errorf("pgcapture: row of unknown relation %d", m.relID)
		}
		t := c.tables[rel.namespace+"."+rel.name]
		if t == nil || cur == nil {
			return cur, nil
		}
		return cur, c.row(ctx, x.walStart, t, rel, m, cur)
	}
	return cur, nil
}

// advanceLocked moves flushed over the prefix of completed transactions.
func (c *Capturer) advanceLocked() {
	for len(c.queue) > 0 && c.queue[0].closed && c.queue[0].pending == 0 {
		c.flushed = max(c.flushed, c.queue[0].end)
		c.queue = c.queue[1:]
	}
}

var textTypes = map[uint32]bool{25: true, 1043: true, 1042: true, 114: true, 3802: true} // text, varchar, bpchar, json, jsonb

// row classifies one inserted or updated row and publishes its event.
func (c *Capturer) row(ctx context.Context, pos LSN, t *Table, rel *relation, m rowMsg, cur *txn) error {
	var id json.RawMessage = json.RawMessage("null")
	source := ""
	var fields []vectordb.Field
	for i, col := range rel.columns {
		if i >= len(m.new) {
			break
		}
		v := m.new[i]
		if v.kind != 't' {
			continue // null, unchanged TOAST (classified when written) or binary
		}
		switch {
		case col.name == t.IDColumn:
			id, _ = json.Marshal(string(v.data))
		case col.name == t.SourceColumn:
			source = sourceOf(v.data)
		case len(t.TextColumns) > 0 && slices.Contains(t.TextColumns, col.name),
			len(t.TextColumns) == 0 && textTypes[col.typeOID]:
			fields = append(fields, vectordb.Field{Name: col.name, Key: col.name, Value: string(v.data)})
		}
	}
	reports, err := c.cfg.Inspector.ClassifyFields(ctx, t.Collection, fields)
	if err != nil {
		return err
	}
	op := "insert"
	if m.op == 'U' {
		op = "update"
	}
	var rid [16]byte
	_, _ = rand.Read(rid[:])
	ev := &vectordb.CaptureEvent{Schema: vectordb.CaptureSchema, ID: hex.EncodeToString(rid[:]), Time: time.Now().UTC(),
		Source: "pgcapture", Kind: "postgres", Store: c.store, Collection: t.Collection, Operation: op,
		Mode: vectordb.ModeObserve, Action: vectordb.ActionCaptured, PointIDs: []json.RawMessage{id}, Position: pos.String()}
	counts := map[string]int{}
	if len(reports) > 0 {
		ev.Points = []vectordb.PointReport{{Index: 0, ID: id, Source: source, Fields: reports}}
		for _, r := range reports {
			for _, f := range r.Findings {
				counts[f.Type]++
			}
		}
		ev.Counts.Findings = counts
	}
	if source != "" {
		ev.Sources = []string{source}
	}
	ev.Counts.Points, ev.Counts.PointsWithFindings = 1, len(ev.Points)
	edges := vectordb.Edges(ev, []string{source}, []map[string]int{counts})
	c.publish(ctx, cur, c.cfg.CaptureTopic, t.Collection, ev)
	for i := range edges {
		c.publish(ctx, cur, c.cfg.LineageTopic, edges[i].To.Namespace+"/"+edges[i].To.Name, &edges[i])
	}
	return nil
}

func (c *Capturer) publish(ctx context.Context, cur *txn, topic, key string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	c.mu.Lock()
	cur.pending++
	c.mu.Unlock()
	c.cfg.Publisher.Publish(context.WithoutCancel(ctx), topic, []byte(key), bytes.TrimRight(buf.Bytes(), "\n"), func(err error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if err != nil {
			if c.pubErr == nil {
				c.pubErr = err
			}
			return // never confirmed: replayed after a restart
		}
		cur.pending--
		c.advanceLocked()
	})
}

// sourceOf reads a source column: its text, or a JSON object's first
// provenance field.
func sourceOf(b []byte) string {
	s := strings.TrimSpace(string(b))
	if !strings.HasPrefix(s, "{") {
		return s
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return ""
	}
	for _, k := range vectordb.DefaultProvenanceFields {
		if v, ok := m[k].(string); ok && v != "" {
			return v
		}
	}
	return ""
}
