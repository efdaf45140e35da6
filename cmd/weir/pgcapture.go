package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/weir-dev/weir/sources/pgcapture"
	"github.com/weir-dev/weir/sources/vectordb"
)

// envPGCaptureDSN holds the DSN of weir pgcapture (it carries a password,
// so never a flag).
const envPGCaptureDSN = "WEIR_PGCAPTURE_DSN"

func runPGCapture(args []string, io stdio, getenv getenvFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return pgCapture(ctx, args, io, getenv, nil)
}

func pgCapture(ctx context.Context, args []string, io stdio, getenv getenvFunc, ready func()) int {
	fs := newFlagSet("pgcapture", io)
	var ef engineFlags
	ef.register(fs)
	var evf eventFlags
	evf.register(fs, ".weir/pgcapture", false)
	tables := fs.String("tables", "", "comma-separated tables to capture (schema.table or table), required")
	idCol := fs.String("id-column", "id", "column holding the point id")
	textCols := fs.String("text-columns", "", "comma-separated columns to classify (default: every text, varchar, char, json, jsonb column)")
	sourceCol := fs.String("source-column", "", "column naming the source document (text, or a JSON object with source/file_path/url/...)")
	slot := fs.String("slot", "weir_capture", "logical replication slot (the durable position; created if missing)")
	publication := fs.String("publication", "weir_capture", "publication (created or altered to cover --tables)")
	rulesFile := fs.String("rules", "", "YAML `FILE` of per-collection fields/types (as weir proxy; collections are schema.table)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir pgcapture --tables T1,T2 (--brokers HOST:PORT,... | --embedded) [flags]

Captures inserts and updates of PostgreSQL tables (e.g. pgvector tables)
by logical replication (pgoutput), classifies their text columns and
publishes capture events and lineage edges, like weir proxy. The server
needs wal_level=logical; the DSN, of a role with REPLICATION, comes from
$`+envPGCaptureDSN+`. The slot keeps the position across restarts: nothing
is missed, and rows not yet acknowledged by Kafka are sent again.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "pgcapture", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	dsn := getenv(envPGCaptureDSN)
	if dsn == "" {
		return fail(io, "pgcapture", fmt.Errorf("set $%s to the PostgreSQL DSN (a role with REPLICATION)", envPGCaptureDSN))
	}
	if *tables == "" {
		return fail(io, "pgcapture", errors.New("--tables is required"))
	}
	log, err := newLogger(io.err, *logFormat, *logLevel)
	if err != nil {
		return fail(io, "pgcapture", err)
	}
	var rules vectordb.Rules
	if *rulesFile != "" {
		if rules, err = vectordb.LoadRules(*rulesFile); err != nil {
			return fail(io, "pgcapture", err)
		}
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "pgcapture", err)
	}
	in, err := vectordb.NewInspector(eng, rules, nil, 0)
	if err != nil {
		return fail(io, "pgcapture", err)
	}
	var ts []pgcapture.Table
	for _, name := range splitList(*tables) {
		ts = append(ts, pgcapture.Table{Name: name, IDColumn: *idCol, TextColumns: splitList(*textCols), SourceColumn: *sourceCol})
	}
	cfg := pgcapture.Config{ConnString: dsn, Slot: *slot, Publication: *publication, Tables: ts, Inspector: in,
		CaptureTopic: evf.captureTopic, LineageTopic: evf.lineageTopic, Logger: log}
	probe := cfg // validate the tables before connecting to Kafka
	probe.Publisher = kafkaEvents{}
	if _, err := pgcapture.New(probe); err != nil {
		return fail(io, "pgcapture", err)
	}
	pub, closeEvents, err := evf.connect(ctx, getenv, log)
	if err != nil {
		return fail(io, "pgcapture", err)
	}
	defer closeEvents()
	cfg.Publisher = pub
	c, err := pgcapture.New(cfg)
	if err != nil {
		return fail(io, "pgcapture", err)
	}
	if err := c.Run(ctx, ready); err != nil {
		return fail(io, "pgcapture", err)
	}
	log.Info("stopped", "confirmed", c.Flushed().String())
	return exitOK
}
