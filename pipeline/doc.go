// Package pipeline is weir's streaming engine: it consumes ingest topics in
// a Kafka consumer group, classifies every record with the classifier
// engine, and produces the results:
//
//   - weir.findings: one FindingsEvent per record with findings (Finding
//     contract of DESIGN.md: fingerprint and masked preview, never a value);
//   - weir.clean: the record with every detected span redacted;
//   - weir.quarantine: records a finding of a quarantined type or category
//     holds back, as they were;
//   - weir.dlq: records that could not be decoded (truncated JSON, a broken
//     envelope), were larger than the limit (without payload), or whose
//     classification failed, with the reason in the weir.reason header.
//
// Every input record takes exactly one of clean, quarantine and dlq, so an
// input is accounted for by its weir.id header (kafka://topic/partition/offset)
// on one of those topics. Fail closed: a record that could not be classified
// never reaches weir.clean.
//
// Payloads (Decode): plain text (invalid UTF-8 is classified as bytes), JSON
// (each string and number value is classified with its JSON path as the
// field, and findings name that path), or the weir Envelope.
//
// Ordering and parallelism: each poll round forms a batch (BatchRecords,
// BatchBytes, Linger); its records are classified on Workers goroutines and
// their outputs produced in poll order, so outputs keep each partition's
// order (outputs are keyed by the input key, or the record id).
//
// Delivery, at-least-once (default): an input offset is committed only
// after every output produced for it is acknowledged, and only the
// acknowledged prefix of each partition in receipt order is committed.
// On a revoke the acknowledged prefix is committed before the partition is
// given up, and nothing is committed for it afterwards; lost partitions are
// dropped without a commit. A crash replays from the last commit: outputs
// may be duplicated, never lost.
//
// Delivery, exactly-once (Config.ExactlyOnce): each batch is read, processed
// and written in one Kafka transaction with the input offsets
// (kgo.GroupTransactSession); read_committed consumers of the outputs see
// each input's outputs once.
//
// Backpressure: at most MaxInflightBytes of input is in flight (polled, not
// yet acknowledged); the poller stops polling at the limit, so a slow broker
// or sink slows weir down instead of growing it.
//
// Run is safe to call from several goroutines with separate Configs; a
// Processor is safe for concurrent use.
package pipeline
