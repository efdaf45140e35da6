// Package store is weir's lineage store: datasets (OpenLineage namespace +
// name), the models and vector collections among them, jobs and their runs,
// objects and fields of datasets, the edges between them, and weir's
// observations (this dataset or field holds these entity types, this often,
// since when).
//
// One schema serves two engines through database/sql: an embedded SQLite file
// (modernc.org/sqlite, pure Go, no cgo) by default, and PostgreSQL
// (github.com/jackc/pgx/v5) for shared deployments. The schema is a list of
// versioned SQL migrations embedded in the binary (migrations/NNNN_name.sql),
// applied once each and recorded in schema_migrations; Open applies the missing
// ones, so opening is idempotent and two processes may open one database at
// once. A small dialect layer rewrites placeholders ('?' -> '$n') and names
// the two-argument min/max functions; everything else is shared SQL
// (INSERT ... ON CONFLICT ... DO UPDATE runs on both).
//
// The graph: nodes are datasets (kind dataset, model or collection) and jobs.
// Edges are input (dataset -> job), output (job -> dataset) and derived
// (dataset -> model or collection: the model learned from the dataset, through
// a job or by declaration). Traversals (Downstream, Upstream, BlastRadius)
// follow every edge, so a dataset that feeds a job whose output feeds a
// training job reaches the model.
//
// The store never holds detected values: observations carry entity types,
// categories and counts only.
//
// A Store is safe for concurrent use.
package store
