package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sort"
	"syscall"
	"time"

	"github.com/weir-dev/weir/bench/internal/corpus"
	"github.com/weir-dev/weir/classifiers"
)

var defer0 func(*classifiers.Engine)

func cpu() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(0, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	d, _ := corpus.ParseDensity(os.Args[1])
	g := corpus.New(1, d)
	var recs [][]byte
	total := 0
	for total < 20<<20 {
		r := g.Mixed(g.RecordSize())
		recs = append(recs, r)
		total += len(r)
	}
	e, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		panic(err)
	}
	f, _ := os.Create("/tmp/prof/cpu.out")
	pprof.StartCPUProfile(f)
	t0, c0 := time.Now(), cpu()
	n := 0
	for _, r := range recs {
		n += len(e.Scan(r))
	}
	pprof.StopCPUProfile()
	wall, c := time.Since(t0), cpu()-c0
	defer0(e)
	fmt.Printf("records=%d bytes=%d findings=%d wall=%v cpu=%v MB/s=%.1f\n", len(recs), total, n, wall, c, float64(total)/1e6/wall.Seconds())
}

func init() {
	defer0 = func(e *classifiers.Engine) {
		type row struct {
			id         string
			n, b, h, m int
			t          time.Duration
		}
		var rows []row
		for i, s := range e.Specs() {
			st := classifiers.Stats[i]
			rows = append(rows, row{s.ID, st.N, st.Bytes, st.Hits, st.Matches, st.T})
		}
		sort.Slice(rows, func(a, b int) bool { return rows[a].t > rows[b].t })
		for _, r := range rows[:25] {
			fmt.Printf("%-32s windows=%7d bytes=%9d hits=%7d matches=%7d time=%v\n", r.id, r.n, r.b, r.h, r.m, r.t)
		}
	}
}
