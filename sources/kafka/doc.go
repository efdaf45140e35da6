// Package kafka adapts franz-go (github.com/twmb/franz-go) for weir: the
// consumer-group reader of ingest topics, the producer of weir's output
// topics, the exactly-once session that does both, topic administration,
// the embedded kfake broker and a plain topic reader for `weir topic tail`.
//
// It is the one package on weir's product path that imports franz-go.
// STYLE.md would put the producer in sinks/kafka; it lives here because
// Kafka's exactly-once read-process-write (kgo.GroupTransactSession) needs the
// group consumer and the transactional producer on one client, and splitting
// the two modes across folders would duplicate the connection, TLS and SASL
// code. The package imports nothing from weir (no classifiers, no pipeline):
// it moves bytes with provenance and reports acknowledgements.
//
// Concurrency: Consumer.Poll, TxnSession.Poll and TxnSession.End must be
// called from one goroutine; Commit, Producer.Produce and the callbacks may run
// on any goroutine.
package kafka

import "time"

// Header is one Kafka record header.
type Header struct {
	Key   string
	Value []byte
}

// Record is one consumed record with its provenance.
type Record struct {
	Topic       string
	Partition   int32
	Offset      int64
	LeaderEpoch int32
	Key, Value  []byte
	Headers     []Header
	Timestamp   time.Time
}

// Message is one record to produce.
type Message struct {
	Topic   string
	Key     []byte
	Value   []byte
	Headers []Header
}

// TopicPartition names a partition.
type TopicPartition struct {
	Topic     string
	Partition int32
}

// Offset is the next offset to consume from a partition (the last processed
// offset + 1) and the leader epoch of the last processed record.
type Offset struct {
	At    int64
	Epoch int32
}
