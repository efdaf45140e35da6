package bench

import (
	"fmt"
	"sync"
	"testing"

	"github.com/weir-dev/weir/bench/internal/corpus"
	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Speed is measured here, never asserted: run with
//
//	go test ./bench -run '^$' -bench . -benchtime 2s
//
// Every sub-benchmark calls b.SetBytes, so results read as MB/s, and reports
// findings/MB so a fast result that finds nothing is visible.

var benchSizes = []struct {
	name string
	n    int
}{{"1KB", 1 << 10}, {"16KB", 16 << 10}, {"1MB", 1 << 20}}

var densities = []corpus.Density{corpus.None, corpus.Realistic, corpus.Dense}

// poolBytes is how much distinct text each sub-benchmark cycles through, so
// small records are not scanned hot from L1 over and over.
const poolBytes = 4 << 20

var (
	poolMu sync.Mutex
	pools  = map[string][][]byte{}
)

// pool returns deterministic records of exactly size bytes at density d,
// about poolBytes in total (at least 4 records).
func pool(d corpus.Density, size int) [][]byte {
	key := fmt.Sprint(d, size)
	poolMu.Lock()
	defer poolMu.Unlock()
	if p, ok := pools[key]; ok {
		return p
	}
	g := corpus.New(uint64(1000+size)+uint64(d), d)
	var p [][]byte
	for n := 0; n < poolBytes || len(p) < 4; n += size {
		p = append(p, g.Mixed(size))
	}
	pools[key] = p
	return p
}

func newEngine(b *testing.B, specs []detector.Spec) *classifiers.Engine {
	b.Helper()
	eng, err := classifiers.New(specs, classifiers.Config{})
	if err != nil {
		b.Fatal(err)
	}
	return eng
}

// BenchmarkClassify scans records of 1 KB, 16 KB and 1 MB with no, realistic
// (one value per 1-3 KB) and dense (one per ~200 B) sensitive values, with
// the full catalogue.
func BenchmarkClassify(b *testing.B) {
	eng := newEngine(b, classifiers.All())
	for _, d := range densities {
		for _, s := range benchSizes {
			b.Run(fmt.Sprintf("size=%s/hits=%s", s.name, d), func(b *testing.B) {
				recs := pool(d, s.n)
				var bytes, found int
				b.SetBytes(int64(s.n))
				for i := 0; b.Loop(); i++ {
					r := recs[i%len(recs)]
					found += len(eng.Scan(r))
					bytes += len(r)
				}
				b.ReportMetric(float64(found)/(float64(bytes)/1e6), "findings/MB")
			})
		}
	}
}

// realistic is a mixed-size realistic corpus (records of 100 B to 64 KiB,
// every content family), about 4 MB.
var realistic = sync.OnceValue(func() [][]byte {
	g := corpus.New(42, corpus.Realistic)
	var recs [][]byte
	for n := 0; n < poolBytes; {
		r := g.Record(g.Kind(), g.RecordSize())
		recs = append(recs, r)
		n += len(r)
	}
	return recs
})

// BenchmarkPerDetector runs one engine per spec over the realistic corpus,
// so one slow pattern cannot hide in the catalogue's total. Compare each
// sub-benchmark's MB/s with BenchmarkClassify's.
func BenchmarkPerDetector(b *testing.B) {
	recs := realistic()
	total := 0
	for _, r := range recs {
		total += len(r)
	}
	for _, spec := range classifiers.All() {
		b.Run(spec.ID, func(b *testing.B) {
			eng := newEngine(b, []detector.Spec{spec})
			found := 0
			b.SetBytes(int64(total))
			for b.Loop() {
				for _, r := range recs {
					found += len(eng.Scan(r))
				}
			}
			b.ReportMetric(float64(found)/float64(b.N)/(float64(total)/1e6), "findings/MB")
		})
	}
}

// The benchmark inputs are what they claim: exact sizes, deterministic.
func TestBenchInputs(t *testing.T) {
	a, b := pool(corpus.Realistic, 1<<10), pool(corpus.Realistic, 1<<10)
	if len(a) < 4 || &a[0][0] != &b[0][0] {
		t.Fatal("pool not cached")
	}
	for _, r := range a {
		if len(r) > 1<<10 || len(r) < 1<<10-4 {
			t.Fatalf("record of %d bytes, want 1 KiB", len(r))
		}
	}
	g1, g2 := corpus.New(1, corpus.Dense), corpus.New(1, corpus.Dense)
	if string(g1.Mixed(5000)) != string(g2.Mixed(5000)) {
		t.Fatal("not deterministic")
	}
}
