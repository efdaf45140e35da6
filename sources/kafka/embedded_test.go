package kafka

import (
	"context"
	"strconv"
	"testing"
	"time"
)

// The embedded broker's data directory keeps topics and records across a
// restart (kfake.DataDir).
func TestEmbeddedDataSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b, err := StartEmbedded(EmbeddedConfig{DataDir: dir, Partitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	conn := Conn{Brokers: b.Addrs()}
	if err := CreateTopics(ctx, conn, 2, "keep"); err != nil {
		t.Fatal(err)
	}
	p, err := NewProducer(conn, ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		p.Produce(ctx, Message{Topic: "keep", Key: []byte(strconv.Itoa(i)), Value: []byte("v" + strconv.Itoa(i))}, func(err error) {
			if err != nil {
				t.Errorf("produce: %v", err)
			}
		})
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	p.Close()
	b.Close()

	b, err = StartEmbedded(EmbeddedConfig{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	n := 0
	err = ReadTopic(ctx, Conn{Brokers: b.Addrs()}, "keep", true, false, 0, func(r Record) error {
		n++
		return nil
	})
	if err != nil || n != 50 {
		t.Fatalf("after a restart: %d records (want 50), err %v", n, err)
	}
}
