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
	total := 0
	start := time.Now()
	err = filepath.WalkDir(os.ExpandEnv(dir), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || total > 10<<20 {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		total += len(b)
		e.Scan(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
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
		fmt.Printf("%-32s windows=%7d bytes=%9d time=%v\n", e.specs[i].ID, r.wins, r.bytes, r.d)
	}
}
