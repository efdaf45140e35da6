package openlineage_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

// benchEvents returns n variants of the training event: distinct runs,
// jobs, input datasets and models, as a busy platform's events would be
// (1 run, 1 job, 3 inputs, 2 outputs, 1 model: 7 nodes and 9 edges each).
func benchEvents(b *testing.B, n int) [][]byte {
	b.Helper()
	tmpl, err := os.ReadFile("testdata/events/train_support_bot.json")
	if err != nil {
		b.Fatal(err)
	}
	out := make([][]byte, n)
	for i := range out {
		e := bytes.ReplaceAll(tmpl, []byte("d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d"), fmt.Appendf(nil, "d2b5c8a1-6f3e-4a7b-9c0d-%012d", i))
		e = bytes.ReplaceAll(e, []byte("train-support-bot"), fmt.Appendf(nil, "train-%d", i%500))
		e = bytes.ReplaceAll(e, []byte(`"tickets"`), fmt.Appendf(nil, `"tickets-%d"`, i%1000))
		e = bytes.ReplaceAll(e, []byte("models/support-bot"), fmt.Appendf(nil, "models/bot-%d", i%200))
		out[i] = e
	}
	return out
}

// BenchmarkIngest measures OpenLineage ingest rate (events/s): the
// baseline (decode and derive, no store), one transaction per event (the
// HTTP endpoint), and batches of 100 (the Kafka consumer), on SQLite and,
// with WEIR_PG_DSN, PostgreSQL.
func BenchmarkIngest(b *testing.B) {
	events := benchEvents(b, 4000)
	b.Run("baseline-decode-derive", func(b *testing.B) {
		in := openlineage.NewIngester(nil, nil)
		for i := 0; b.Loop(); i++ {
			if _, err := in.Prepare(events[i%len(events)]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	})
	backends := []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}}
	for _, be := range backends {
		b.Run(be.name+"/per-event", func(b *testing.B) {
			in := openlineage.NewIngester(be.open(b), nil)
			ctx := context.Background()
			for i := 0; b.Loop(); i++ {
				if err := in.Ingest(ctx, events[i%len(events)]); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
		b.Run(be.name+"/batch-100", func(b *testing.B) {
			in := openlineage.NewIngester(be.open(b), nil)
			ctx := context.Background()
			n := 0
			for i := 0; b.Loop(); i++ {
				start := (i * 100) % len(events)
				if _, err := in.IngestBatch(ctx, events[start:start+100]); err != nil {
					b.Fatal(err)
				}
				n += 100
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
