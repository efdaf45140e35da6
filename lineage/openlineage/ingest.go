package openlineage

import (
	"context"
	"fmt"
	"sync/atomic"

	"github.com/weir-dev/weir/lineage/store"
)

// Ingester writes events to a store. It is safe for concurrent use.
type Ingester struct {
	st       *store.Store
	cls      *Classifier
	accepted atomic.Int64
	rejected atomic.Int64
}

// NewIngester returns an ingester writing to st with classifier c (nil:
// facets only).
func NewIngester(st *store.Store, c *Classifier) *Ingester {
	return &Ingester{st: st, cls: c}
}

// Stats returns the events written and the events rejected as invalid so
// far.
func (in *Ingester) Stats() (accepted, rejected int64) {
	return in.accepted.Load(), in.rejected.Load()
}

// Prepare decodes and derives one event without writing it. Its error wraps
// ErrInvalid when the event is invalid.
func (in *Ingester) Prepare(b []byte) (Graph, error) {
	ev, err := Decode(b)
	if err != nil {
		return Graph{}, err
	}
	return Derive(ev, in.cls)
}

// Ingest writes one event. An invalid event returns an error wrapping
// ErrInvalid and writes nothing; other errors are the store's.
func (in *Ingester) Ingest(ctx context.Context, b []byte) error {
	g, err := in.Prepare(b)
	if err != nil {
		in.rejected.Add(1)
		return err
	}
	if err := in.st.Update(ctx, func(tx *store.Tx) error { return g.Apply(ctx, tx) }); err != nil {
		return err
	}
	in.accepted.Add(1)
	return nil
}

// IngestBatch writes the valid events of a batch in one transaction and
// returns, indexed like the batch, the validation error of each invalid one
// (nil for the written ones). err is the store's error: then nothing was
// written and the batch may be retried whole (ingestion is idempotent).
func (in *Ingester) IngestBatch(ctx context.Context, batch [][]byte) (invalid []error, err error) {
	invalid = make([]error, len(batch))
	graphs := make([]Graph, 0, len(batch))
	bad := 0
	for i, b := range batch {
		g, err := in.Prepare(b)
		if err != nil {
			invalid[i] = err
			bad++
			continue
		}
		graphs = append(graphs, g)
	}
	if len(graphs) > 0 {
		err = in.st.Update(ctx, func(tx *store.Tx) error {
			for _, g := range graphs {
				if err := g.Apply(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return invalid, fmt.Errorf("openlineage: write batch: %w", err)
		}
	}
	in.accepted.Add(int64(len(graphs)))
	in.rejected.Add(int64(bad))
	return invalid, nil
}
