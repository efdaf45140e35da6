package classifiers

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// TestProfileSpecs prints where pattern time goes per spec on a directory of
// files. It runs only when WEIR_PROFILE_DIR is set:
//
//	WEIR_PROFILE_DIR=bench/.cache/corpus-v3-s1-20MB/files go test ./classifiers -run TestProfileSpecs -v
func TestProfileSpecs(t *testing.T) {
	dir := os.Getenv("WEIR_PROFILE_DIR")
	if dir == "" {
		t.Skip("set WEIR_PROFILE_DIR to a corpus directory to profile")
	}
	e, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		wins, bytes int
		d           time.Duration
	}
	rows := make([]row, len(e.c))
	e.observe = func(si int32, wins []window, d time.Duration) {
		rows[si].wins += len(wins)
		for _, w := range wins {
			rows[si].bytes += w.we - w.ws
		}
		rows[si].d += d
	}
	var total int
	var found map[string]int
	var start time.Time
	for round := 0; round < 2; round++ {
		clear(rows)
		total = 0
		found = map[string]int{}
		start = time.Now()
		err = filepath.WalkDir(os.ExpandEnv(dir), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || total > 10<<20 {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			total += len(b)
			for _, f := range e.Scan(b) {
				found[f.Detector]++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	wall := time.Since(start)
	idx := make([]int, len(rows))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return rows[idx[a]].d > rows[idx[b]].d })
	var sum time.Duration
	for _, r := range rows {
		sum += r.d
	}
	fmt.Printf("%d bytes in %v (%.1f MB/s); patterns %v\n", total, wall, float64(total)/1e6/wall.Seconds(), sum)
	for _, i := range idx[:min(30, len(idx))] {
		r := rows[i]
		fmt.Printf("%-32s windows=%7d bytes=%9d found=%6d time=%v\n", e.specs[i].ID, r.wins, r.bytes, found[e.specs[i].ID], r.d)
	}
}

// TestProfilePhases prints the time of each engine phase (keyword pass,
// digit clusters with their prefilters and context checks, patterns,
// finish) over ~10 MB of WEIR_PROFILE_DIR, twice (cold, then warm).
func TestProfilePhases(t *testing.T) {
	dir := os.Getenv("WEIR_PROFILE_DIR")
	if dir == "" {
		t.Skip("set WEIR_PROFILE_DIR to a corpus directory to profile")
	}
	e, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var files [][]byte
	total := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && total < 10<<20 {
			b, _ := os.ReadFile(p)
			files = append(files, b)
			total += len(b)
		}
		return nil
	})
	for round := 0; round < 2; round++ {
		var tAC, tCl, tRun, tFin time.Duration
		nctx, nhits := 0, 0
		for _, text := range files {
			sc := e.scratchs.Get().(*scratch)
			sc.reset(e, "")
			t0 := time.Now()
			n := len(text)
			e.ac.scan(text, func(id int32, s, end int) {
				if e.isCtx[id] && isWordAt(text, s, end, e.words[id]) {
					sc.ctx = append(sc.ctx, ctxOcc{word: id, s: s, e: end})
				}
				for _, si := range e.kwSpecs[id] {
					c := &e.c[si]
					sc.hits = append(sc.hits, hit{spec: si, ws: max(0, s-c.kwBefore), we: min(n, end+c.kwAfter), hs: s, he: end})
				}
			})
			t1 := time.Now()
			nctx += len(sc.ctx)
			sc.hits = sc.hits[:0]
			sc.ctx = sc.ctx[:0]
			e.collectHits(sc, text)
			t2 := time.Now()
			nhits += len(sc.hits)
			e.runPatterns(sc, text)
			t3 := time.Now()
			e.finish(sc, text, 0)
			t4 := time.Now()
			tAC += t1.Sub(t0)
			tCl += t2.Sub(t1) - t1.Sub(t0)
			tRun += t3.Sub(t2)
			tFin += t4.Sub(t3)
			e.scratchs.Put(sc)
		}
		fmt.Printf("bytes=%d ac=%v clusters+ctx=%v patterns=%v finish=%v ctxOcc=%d hits=%d\n", total, tAC, tCl, tRun, tFin, nctx, nhits)
	}
}
