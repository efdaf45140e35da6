package kafka

import (
	"context"
	"errors"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// CreateTopics creates topics that do not exist yet, with partitions each
// and the broker's default replication; existing topics are left alone.
func CreateTopics(ctx context.Context, conn Conn, partitions int32, topics ...string) error {
	o, err := conn.opts()
	if err != nil {
		return err
	}
	cl, err := kgo.NewClient(o...)
	if err != nil {
		return fmt.Errorf("kafka: admin: %w", err)
	}
	defer cl.Close()
	resp, err := kadm.NewClient(cl).CreateTopics(ctx, partitions, -1, nil, topics...)
	if err != nil {
		return fmt.Errorf("kafka: create topics: %w", err)
	}
	for _, r := range resp.Sorted() {
		if r.Err != nil && !errors.Is(r.Err, kerr.TopicAlreadyExists) {
			return fmt.Errorf("kafka: create topic %s: %w", r.Topic, r.Err)
		}
	}
	return nil
}
