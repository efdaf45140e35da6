// Package scandist is the wire format and the bookkeeping of a distributed
// scan (weir scan --distribute): a coordinator splits a scan into Tasks (one
// object, or a list of a Parquet object's column chunks), produces them to
// a tasks topic, and waits on a results topic until every task of its scan
// ID has a Result; workers in one consumer group turn tasks into results.
//
// Delivery is at-least-once: a task may be done twice (a worker died after
// producing its result but before committing the task), so a Collector
// keeps the first result of each task and ignores the others, and results
// of other scans or of tasks whose content changed (Sum) are ignored too.
//
// Results carry counts, column profiles, key-hashed fingerprints and the
// findings' masked previews and positions: never a detected value.
//
// The package does no I/O: the Kafka calls live in sources/kafka and the
// wiring in cmd/weir. Its types are plain values; a Collector is not safe
// for concurrent use.
package scandist
