// Package pgcapture captures what goes into vector tables kept in
// PostgreSQL (pgvector or plain float arrays): it streams the inserts and
// updates of configured tables from a logical replication slot with the
// built-in pgoutput plugin, classifies each row's text columns with the
// vector-DB proxy's Inspector, and publishes the same capture events and
// lineage edges as the proxy (see docs/vectordb.md).
//
// The replication slot is the durable position: the capturer confirms a
// transaction to the server (standby status update) only after every event
// of it and of every earlier transaction was acknowledged by the
// Publisher, so a restart, or a crash, never loses a row (at-least-once).
// The protocol code (replication messages, pgoutput v1 decoding) is small
// and local, on top of pgx's pgconn; it is fuzzed.
package pgcapture
