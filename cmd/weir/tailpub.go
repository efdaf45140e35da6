package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

// kafkaPublisher is the S3 tailer's Publisher on Kafka: every record
// becomes a weir envelope (pipeline.Envelope) on the ingest topic, keyed by
// the object's URL so one object's records stay in order on one partition;
// an object that could not be read whole becomes a DLQ record with its
// reason. ObjectDone returns once the broker acknowledged every record of
// the object, so the tailer checkpoints only durable work.
type kafkaPublisher struct {
	p          *kafka.Producer
	topic, dlq string

	mu  sync.Mutex
	err error // first failed produce since the last ObjectDone

	records, objects, failed, deleted int
}

func (k *kafkaPublisher) done(err error) {
	if err != nil {
		k.mu.Lock()
		if k.err == nil {
			k.err = err
		}
		k.mu.Unlock()
	}
}

func (k *kafkaPublisher) Record(ctx context.Context, r s3.Record) error {
	text := string(r.Text)
	attrs := map[string]string{"bucket": r.Object.Bucket, "key": r.Object.Key, "etag": r.Object.ETag}
	if r.Object.VersionID != "" {
		attrs["version_id"] = r.Object.VersionID
	}
	if r.Loc.RowGroup >= 0 {
		attrs["row"] = strconv.FormatInt(r.Loc.Row, 10)
		attrs["row_group"] = strconv.Itoa(r.Loc.RowGroup)
	} else {
		attrs["line"] = strconv.Itoa(r.Loc.Line)
		attrs["column"] = strconv.Itoa(r.Loc.Column)
		if r.Loc.Row >= 0 {
			attrs["row"] = strconv.FormatInt(r.Loc.Row, 10)
		}
	}
	env := pipeline.Envelope{ID: r.ID, Source: "s3", Dataset: r.Dataset, Object: r.Object.URL(), Field: r.Field,
		ContentType: pipeline.ContentText, Text: &text, Attrs: attrs}
	v, err := json.Marshal(env)
	if err != nil {
		return err
	}
	k.records++
	k.p.Produce(ctx, kafka.Message{Topic: k.topic, Key: []byte(r.Object.URL()), Value: v,
		Headers: []kafka.Header{{Key: "weir.content-type", Value: []byte(pipeline.ContentEnvelope)}}}, k.done)
	return k.failure()
}

func (k *kafkaPublisher) failure() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.err
}

// dlqRecord is what an unreadable object puts on the DLQ topic: where it
// is and why (never its content).
type dlqRecord struct {
	Source  string `json:"source"`
	Dataset string `json:"dataset"`
	Object  string `json:"object"`
	ETag    string `json:"etag,omitempty"`
	Reason  string `json:"reason"`
	Records int64  `json:"records_published"`
}

func (k *kafkaPublisher) ObjectDone(ctx context.Context, r s3.ObjectResult) error {
	k.objects++
	if r.Err != nil {
		k.failed++
		v, _ := json.Marshal(dlqRecord{Source: "s3", Dataset: r.Dataset, Object: r.Object.URL(), ETag: r.Object.ETag,
			Reason: r.Err.Error(), Records: r.Stats.Records})
		k.p.Produce(ctx, kafka.Message{Topic: k.dlq, Key: []byte(r.Object.URL()), Value: v,
			Headers: []kafka.Header{{Key: "weir.error", Value: []byte(r.Err.Error())}}}, k.done)
	}
	if err := k.p.Flush(ctx); err != nil {
		return fmt.Errorf("flush: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	err := k.err
	k.err = nil
	return err
}

func (k *kafkaPublisher) ObjectDeleted(ctx context.Context, o s3.ObjectInfo, dataset string) error {
	k.deleted++
	return nil // a deletion has no text to classify; the tailer logs it
}

var errNoTargets = errors.New("give at least one s3://bucket/prefix")
