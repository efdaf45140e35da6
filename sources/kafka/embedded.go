package kafka

import (
	"fmt"
	"strconv"

	"github.com/twmb/franz-go/pkg/kfake"
)

// EmbeddedConfig configures an in-process broker.
type EmbeddedConfig struct {
	// DataDir, when set, makes the broker persist topics, records, group
	// offsets and transaction state there (kfake.DataDir) and reload them on
	// the next start. Empty: memory only.
	DataDir string
	// Port to listen on (loopback); 0 picks a free port.
	Port int
	// MaxMessageBytes is the broker's message.max.bytes. Default 16 MiB.
	MaxMessageBytes int
	// Partitions is the default partition count of created topics. Default 4.
	Partitions int
}

// Embedded is franz-go's kfake broker running in this process: one node,
// real Kafka protocol on a loopback port, so any Kafka client can use it.
type Embedded struct{ c *kfake.Cluster }

// StartEmbedded starts an embedded broker.
func StartEmbedded(cfg EmbeddedConfig) (*Embedded, error) {
	maxMsg := cfg.MaxMessageBytes
	if maxMsg <= 0 {
		maxMsg = 16 << 20
	}
	parts := cfg.Partitions
	if parts <= 0 {
		parts = 4
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.DefaultNumPartitions(parts),
		kfake.BrokerConfigs(map[string]string{"message.max.bytes": strconv.Itoa(maxMsg)}),
	}
	if cfg.Port > 0 {
		opts = append(opts, kfake.Ports(cfg.Port))
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		return nil, fmt.Errorf("kafka: embedded broker: %w", err)
	}
	return &Embedded{c: c}, nil
}

// Addrs returns the broker's host:port addresses.
func (e *Embedded) Addrs() []string { return e.c.ListenAddrs() }

// Cluster returns the kfake cluster, for fault injection in tests.
func (e *Embedded) Cluster() *kfake.Cluster { return e.c }

// Close stops the broker, saving its state when it has a data directory.
func (e *Embedded) Close() { e.c.Close() }
