package decode

import (
	"bytes"
	"context"
	"math/rand"
	"runtime"
	"testing"
)

// A damaged footer or page header must not make parquet-go allocate what
// it declares (a flipped footer length once cost 640 MB, a page header 831 MB).
func TestParquetDamagedAllocations(t *testing.T) {
	good := writeParquet(t, flatRows(20), 8)
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 3000; k++ {
		data := bytes.Clone(good)
		for m := 0; m < 1+r.Intn(3); m++ {
			data[r.Intn(len(data))] = byte(r.Intn(256))
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		Decode(context.Background(), Object{Name: "f.parquet", Size: int64(len(data)), At: bytes.NewReader(data)},
			Options{Limits: Limits{MaxDecompressedBytes: 64 << 20}}, func(Record) error { return nil })
		runtime.ReadMemStats(&after)
		if d := after.TotalAlloc - before.TotalAlloc; d > 200<<20 {
			diff := []int{}
			for i := range data {
				if data[i] != good[i] {
					diff = append(diff, i, int(good[i]), int(data[i]))
				}
			}
			t.Fatalf("alloc %d MB; changes (pos, old, new) %v of len %d", d>>20, diff, len(data))
		}
	}
}
