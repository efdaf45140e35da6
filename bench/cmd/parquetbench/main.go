// Command parquetbench measures weir's Parquet scan (bench/run parquet):
// the throughput of decoding and classifying the string columns of a
// Parquet file, on one core and on all cores, next to a decode-only pass
// and to classifying the same values already in memory, in one run. It
// ends with one line of key=value pairs (MB are 10^6 bytes of string data):
//
//	bench=parquet string_mb=.. row_groups=.. cores=2 decode_mb_per_s_1core=.. decode_mb_per_s=..
//	classify_mb_per_s_1core=.. classify_mb_per_s=.. scan_mb_per_s_1core=.. scan_mb_per_s=..
//	ratio_1core=.. ratio=..
//
// ratio is the scan's rate over the in-memory classify rate (target >=
// 0.8: decoding must not be the bottleneck). The file is generated once
// (bench/internal/corpus text in three string columns) into -cache.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/bench/internal/corpus"
	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/decode/decodetest"
)

// row is one generated row: three string columns of corpus text.
type row struct {
	ID      int64  `parquet:"id"`
	Ticket  string `parquet:"ticket"`
	Log     string `parquet:"log"`
	Payload string `parquet:"payload"`
}

func main() {
	sizeMB := flag.Int("size-mb", 200, "string data in the generated file (MB)")
	rowsPerGroup := flag.Int("rows-per-group", 4000, "rows per row group")
	cache := flag.String("cache", filepath.Join(os.TempDir(), "weir-parquetbench"), "directory for the generated file")
	quick := flag.Bool("quick", false, "a short run (16 MB, 1000 rows per group): a smoke check under a minute")
	seed := flag.Uint64("seed", 1, "corpus seed")
	flag.Parse()
	if *quick {
		*sizeMB, *rowsPerGroup = 16, 1000
	}
	path, err := ensureFile(*cache, *sizeMB, *rowsPerGroup, *seed)
	if err != nil {
		fail(err)
	}
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		fail(err)
	}
	f, err := os.Open(path)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	p, err := decode.OpenParquet(f, st.Size(), decode.Limits{})
	if err != nil {
		fail(err)
	}
	cores := runtime.GOMAXPROCS(0)

	// The same values, in memory, for the classify baseline.
	var vals []value
	var mb float64
	for g := range p.RowGroups() {
		_, err := p.DecodeRowGroup(context.Background(), g, nil, func(r decode.Record) error {
			if r.Field != "id" {
				vals = append(vals, value{field: r.Field, text: append([]byte(nil), r.Text...)})
			}
			return nil
		})
		if err != nil {
			fail(err)
		}
	}
	for _, v := range vals {
		mb += float64(len(v.text)) / 1e6
	}
	// Warm-up: compile-time caches, page cache.
	classifyMem(eng, vals[:min(len(vals), 2000)], cores)

	dec1 := rate(mb, func() { scanParquet(p, nil, 1) })
	decN := rate(mb, func() { scanParquet(p, nil, cores) })
	cls1 := rate(mb, func() { classifyMem(eng, vals, 1) })
	clsN := rate(mb, func() { classifyMem(eng, vals, cores) })
	scan1 := rate(mb, func() { scanParquet(p, eng, 1) })
	scanN := rate(mb, func() { scanParquet(p, eng, cores) })
	fmt.Printf("bench=parquet string_mb=%.1f row_groups=%d cores=%d decode_mb_per_s_1core=%.1f decode_mb_per_s=%.1f "+
		"classify_mb_per_s_1core=%.1f classify_mb_per_s=%.1f scan_mb_per_s_1core=%.1f scan_mb_per_s=%.1f ratio_1core=%.2f ratio=%.2f\n",
		mb, p.RowGroups(), cores, dec1, decN, cls1, clsN, scan1, scanN, scan1/cls1, scanN/clsN)
}

type value struct {
	field string
	text  []byte
}

func rate(mb float64, fn func()) float64 {
	start := time.Now()
	fn()
	return mb / time.Since(start).Seconds()
}

// scanParquet decodes every column chunk on workers goroutines and
// classifies each value (eng nil: decode only), the way weir scan does.
func scanParquet(p *decode.Parquet, eng *classifiers.Engine, workers int) {
	type task struct{ g, c int }
	var tasks []task
	for g := range p.RowGroups() {
		for _, c := range p.TextColumns() {
			tasks = append(tasks, task{g, c})
		}
	}
	var next atomic.Int64
	var findings atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= len(tasks) {
					return
				}
				_, err := p.DecodeColumn(context.Background(), tasks[k].g, tasks[k].c, nil, func(r decode.Record) error {
					if eng != nil && r.Field != "id" {
						findings.Add(int64(len(eng.ScanField(r.Field, r.Text))))
					}
					return nil
				})
				if err != nil {
					fail(err)
				}
			}
		})
	}
	wg.Wait()
}

// classifyMem classifies in-memory values on workers goroutines (chunks
// of 256 values handed out in order).
func classifyMem(eng *classifiers.Engine, vals []value, workers int) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(256) - 256)
				if i >= len(vals) {
					return
				}
				for _, v := range vals[i:min(i+256, len(vals))] {
					eng.ScanField(v.field, v.text)
				}
			}
		})
	}
	wg.Wait()
}

// ensureFile generates the benchmark file once per (size, rows, seed).
func ensureFile(dir string, sizeMB, rowsPerGroup int, seed uint64) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("corpus-s%d-%dmb-%drg.parquet", seed, sizeMB, rowsPerGroup))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	g := corpus.New(seed, corpus.Realistic)
	var rows []row
	total := 0
	for i := int64(0); total < sizeMB*1_000_000; i++ {
		r := row{ID: i, Ticket: string(g.Record(corpus.Ticket, 300+int(i%7)*100)), Log: string(g.Record(corpus.Log, 200)),
			Payload: string(g.Record(corpus.JSON, 250+int(i%5)*50))}
		total += len(r.Ticket) + len(r.Log) + len(r.Payload)
		rows = append(rows, r)
	}
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", err
	}
	if err := decodetest.Write(f, rows, rowsPerGroup); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "parquetbench: generated %s (%d rows)\n", path, len(rows))
	return path, os.Rename(tmp, path)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "parquetbench:", err)
	os.Exit(1)
}
