// Command scanbench measures the weir engine on a directory of files: it
// compiles classifiers.All() once, scans every file as one record with
// -workers goroutines, and prints one line of key=value pairs:
//
//	bytes files findings wall_s cpu_s mb_per_s mb_per_cpu_s peak_rss_mb ...
//
// MB are 10^6 bytes. cpu_s is user+sys of the whole process (getrusage)
// during the timed phase, so it includes GC and the go-re2 runtime;
// peak_rss_mb is ru_maxrss at exit. Files are read inside the timed phase
// (from the page cache once warm); read_s is the summed time of those reads.
// Run it once per build (default = go-re2 WebAssembly, -tags re2_cgo) and
// under taskset/GOMAXPROCS for the per-core figure; bench/run does this.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
)

func main() {
	workers := flag.Int("workers", runtime.GOMAXPROCS(0), "scanning goroutines")
	maxSec := flag.Float64("max-seconds", 0, "stop dispatching files after this many seconds (0 = no limit); figures use the bytes actually scanned")
	warmupMB := flag.Float64("warmup-mb", 4, "untimed warm-up scan over the first files (MB; at most -warmup-seconds)")
	warmupSec := flag.Float64("warmup-seconds", 1, "upper bound of the warm-up")
	perDetector := flag.Bool("per-detector", false, "instead: one engine per spec over the corpus (in memory, one goroutine), slowest first (a table)")
	limitMB := flag.Float64("limit-mb", 0, "scan only the first MB of files (0 = all)")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: scanbench [flags] DIR|FILE...\n")
		flag.PrintDefaults()
	}
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the timed scan to FILE")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer pprof.StopCPUProfile()
	}
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	files, total, err := list(flag.Args(), int64(*limitMB*1e6))
	if err != nil {
		log.Fatalf("scanbench: %v", err)
	}
	if *perDetector {
		perSpec(files)
		return
	}

	t0 := time.Now()
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		log.Fatalf("scanbench: %v", err)
	}
	initS := time.Since(t0).Seconds()

	// Warm-up: the first files up to -warmup-mb, untimed.
	var warm int64
	wstart := time.Now()
	for _, f := range files {
		if float64(warm) >= *warmupMB*1e6 || time.Since(wstart).Seconds() >= *warmupSec {
			break
		}
		b, err := os.ReadFile(f.path)
		if err != nil {
			log.Fatalf("scanbench: %v", err)
		}
		eng.Scan(b)
		warm += int64(len(b))
	}

	runtime.GC()
	r0 := rusage()
	start := time.Now()
	res := scanAll(eng, files, *workers, *maxSec)
	wall := time.Since(start).Seconds()
	r1 := rusage()
	user := tv(r1.Utime) - tv(r0.Utime)
	sys := tv(r1.Stime) - tv(r0.Stime)
	cpu := user + sys
	mb := float64(res.bytes) / 1e6
	fmt.Printf("build=%s gomaxprocs=%d workers=%d specs=%d files=%d bytes=%d corpus_bytes=%d findings=%d init_s=%.3f wall_s=%.3f user_s=%.3f sys_s=%.3f cpu_s=%.3f read_s=%.3f mb_per_s=%.2f mb_per_cpu_s=%.2f peak_rss_mb=%.1f\n",
		build, runtime.GOMAXPROCS(0), *workers, len(eng.Specs()), res.files, res.bytes, total, res.findings, initS,
		wall, user, sys, cpu, res.read.Seconds(), mb/wall, mb/cpu, float64(r1.Maxrss)/1024)
}

type file struct {
	path string
	size int64
}

// list expands directories (recursively) into regular files.
func list(args []string, limit int64) ([]file, int64, error) {
	var out []file
	var total int64
	for _, a := range args {
		err := filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out = append(out, file{p, info.Size()})
			total += info.Size()
			return nil
		})
		if err != nil {
			return nil, 0, err
		}
	}
	if len(out) == 0 {
		return nil, 0, fmt.Errorf("no files under %s", strings.Join(args, " "))
	}
	// Base name first: a generated corpus then runs in generation order
	// (r000000, r000001, ... across content families), so a run cut short by
	// -max-seconds or -limit-mb still sees every family.
	sort.SliceStable(out, func(i, j int) bool {
		bi, bj := filepath.Base(out[i].path), filepath.Base(out[j].path)
		if bi != bj {
			return bi < bj
		}
		return out[i].path < out[j].path
	})
	if limit > 0 {
		var n int64
		for i, f := range out {
			if n >= limit {
				out = out[:i]
				break
			}
			n += f.size
		}
		total = n
	}
	return out, total, nil
}

type result struct {
	files, findings int
	bytes           int64
	read            time.Duration
}

func scanAll(eng *classifiers.Engine, files []file, workers int, maxSec float64) result {
	var (
		next  atomic.Int64
		mu    sync.Mutex
		res   result
		wg    sync.WaitGroup
		start = time.Now()
	)
	for w := 0; w < max(1, workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local result
			for {
				i := next.Add(1) - 1
				if int(i) >= len(files) || (maxSec > 0 && time.Since(start).Seconds() > maxSec) {
					break
				}
				t := time.Now()
				b, err := os.ReadFile(files[i].path)
				if err != nil {
					log.Fatalf("scanbench: %v", err)
				}
				local.read += time.Since(t)
				local.findings += len(eng.Scan(b))
				local.bytes += int64(len(b))
				local.files++
			}
			mu.Lock()
			res.files += local.files
			res.findings += local.findings
			res.bytes += local.bytes
			res.read += local.read
			mu.Unlock()
		}()
	}
	wg.Wait()
	return res
}

// perSpec measures one engine per spec over the files (loaded in memory
// first), and prints a markdown table, slowest first.
func perSpec(files []file) {
	var texts [][]byte
	var total int64
	for _, f := range files {
		b, err := os.ReadFile(f.path)
		if err != nil {
			log.Fatalf("scanbench: %v", err)
		}
		texts = append(texts, b)
		total += int64(len(b))
	}
	type row struct {
		id       string
		mbps     float64
		findings int
	}
	var rows []row
	for _, spec := range classifiers.All() {
		eng, err := classifiers.New([]detector.Spec{spec}, classifiers.Config{})
		if err != nil {
			log.Fatalf("scanbench: %v", err)
		}
		r0 := rusage()
		n := 0
		for _, t := range texts {
			n += len(eng.Scan(t))
		}
		r1 := rusage()
		cpu := tv(r1.Utime) - tv(r0.Utime) + tv(r1.Stime) - tv(r0.Stime)
		rows = append(rows, row{spec.ID, float64(total) / 1e6 / max(cpu, 1e-6), n})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].mbps < rows[j].mbps })
	fmt.Printf("| detector | MB per CPU-s | findings |\n|---|---:|---:|\n")
	for _, r := range rows {
		fmt.Printf("| %s | %.1f | %d |\n", r.id, r.mbps, r.findings)
	}
	fmt.Printf("bench=per_detector build=%s specs=%d bytes=%d\n", build, len(rows), total)
}

func rusage() syscall.Rusage {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		log.Fatalf("scanbench: getrusage: %v", err)
	}
	return r
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
