package pipeline

import (
	"errors"
	"fmt"
	"runtime"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// Config configures a running pipeline (Run).
type Config struct {
	Conn kafka.Conn
	// Group is the consumer group; weir processes in one group share the
	// input partitions.
	Group string
	// Topics to consume: names, or regular expressions with TopicRegex.
	Topics     []string
	TopicRegex bool
	// InstanceID makes this process a static group member (KIP-345).
	InstanceID string
	// SessionTimeout overrides the group session timeout (franz-go: 45 s).
	SessionTimeout time.Duration

	// ExactlyOnce runs read-process-write in Kafka transactions named
	// TransactionalID (required then; stable per instance across restarts).
	ExactlyOnce     bool
	TransactionalID string

	// Workers classify in parallel (default GOMAXPROCS).
	Workers int
	// A batch closes at BatchRecords records, BatchBytes bytes or Linger
	// after its first record, whichever comes first (defaults 1000, 4 MiB,
	// 5 ms).
	BatchRecords int
	BatchBytes   int
	Linger       time.Duration
	// MaxInflightBytes bounds the input bytes polled but not yet
	// acknowledged by every output (default 64 MiB). Fetching stops at it.
	MaxInflightBytes int64
	// FetchMaxBytes bounds one fetch response (default: a quarter of
	// MaxInflightBytes, at most 8 MiB, at least 1 MiB).
	FetchMaxBytes int32
	// MaxReadBytes bounds one response the client reads from a broker, so
	// the largest input record it can fetch at all (default 64 MiB). A
	// record over the Processor's MaxRecordBytes is still read, then
	// dead-lettered without its payload.
	MaxReadBytes int32
	// CommitInterval is how often acknowledged offsets are committed in
	// at-least-once mode (default 500 ms).
	CommitInterval time.Duration
	// DrainTimeout bounds how long a shutdown waits for in-flight outputs
	// to be acknowledged before it abandons them (uncommitted, so they are
	// processed again after a restart). Default 15 s.
	DrainTimeout time.Duration

	// Stats, if set, is updated as records complete.
	Stats *Stats
	// OnAcked, if set, is called with each input record's timestamp once
	// all its outputs are acknowledged (committed, with ExactlyOnce).
	OnAcked func(produced time.Time)
	// Logf receives operational messages (never record contents).
	Logf func(format string, args ...any)
}

func (c *Config) defaults() error {
	if c.Group == "" {
		return errors.New("pipeline: a consumer group is required")
	}
	if len(c.Topics) == 0 {
		return errors.New("pipeline: at least one input topic is required")
	}
	if c.ExactlyOnce && c.TransactionalID == "" {
		return errors.New("pipeline: exactly-once needs a transactional id")
	}
	if c.Workers <= 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.BatchRecords <= 0 {
		c.BatchRecords = 1000
	}
	if c.BatchBytes <= 0 {
		c.BatchBytes = 4 << 20
	}
	if c.Linger <= 0 {
		c.Linger = 5 * time.Millisecond
	}
	if c.MaxInflightBytes <= 0 {
		c.MaxInflightBytes = 64 << 20
	}
	if c.FetchMaxBytes <= 0 {
		c.FetchMaxBytes = int32(min(max(c.MaxInflightBytes/4, 1<<20), 8<<20))
	}
	if c.MaxReadBytes <= 0 {
		c.MaxReadBytes = 64 << 20
	}
	if c.CommitInterval <= 0 {
		c.CommitInterval = 500 * time.Millisecond
	}
	if c.DrainTimeout <= 0 {
		c.DrainTimeout = 15 * time.Second
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
	if c.Stats == nil {
		c.Stats = new(Stats)
	}
	if c.Topics != nil {
		for _, t := range c.Topics {
			if t == "" {
				return fmt.Errorf("pipeline: empty input topic name")
			}
		}
	}
	return nil
}

func (c *Config) consumerConfig() kafka.ConsumerConfig {
	return kafka.ConsumerConfig{
		Group: c.Group, Topics: c.Topics, Regex: c.TopicRegex, InstanceID: c.InstanceID,
		SessionTimeout: c.SessionTimeout, FetchMaxBytes: c.FetchMaxBytes, MaxRecordBytes: c.MaxReadBytes,
		Logf: c.Logf, OnHighWatermark: c.Stats.lag.highWatermark, OnGone: c.Stats.lag.forget,
	}
}

// producerConfig sizes batches for the largest output the processor makes:
// at most its MaxRecordBytes of value, plus headers.
func (c *Config) producerConfig(proc *Processor) kafka.ProducerConfig {
	return kafka.ProducerConfig{MaxRecordBytes: int32(proc.cfg.MaxRecordBytes), MaxBufferedBytes: int(max(c.MaxInflightBytes, 8<<20))}
}
