// Command gen writes a deterministic benchmark corpus for weir.
//
//	go run ./bench/gen -out bench/.cache/corpus-s1-200MB -size 200MB -seed 1
//
// Layout (one corpus serves every tool):
//
//	OUT/files/<kind>/r<NNNNNN><ext>   one record per file; NNNNNN is the global record number (gitleaks dir, weir scan, the bench driver)
//	OUT/corpus.jsonl                  the same records as {"id": "<kind>/r<NNNNNN><ext>", "text": ...} (weir classify)
//	OUT/manifest.json                 seed, sizes, record count, planted values by type
//
// Records are 100 B to 64 KiB (log-uniform), of eight content families, with
// one sensitive value per 1-3 KB on average (-density realistic). The output
// is written to OUT.tmp and renamed, so a present OUT is always complete.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/weir-dev/weir/bench/internal/corpus"
)

func main() {
	out := flag.String("out", "", "output directory (required)")
	sizeFlag := flag.String("size", "200MB", "total text size (B, KB, MB, GB; decimal units)")
	seed := flag.Uint64("seed", 1, "generator seed")
	density := flag.String("density", "realistic", "none, realistic or dense")
	noJSONL := flag.Bool("no-jsonl", false, "skip corpus.jsonl")
	flag.Parse()
	if *out == "" {
		log.Fatal("gen: -out is required")
	}
	size, err := parseSize(*sizeFlag)
	if err != nil {
		log.Fatalf("gen: %v", err)
	}
	d, err := corpus.ParseDensity(*density)
	if err != nil {
		log.Fatalf("gen: %v", err)
	}
	if err := write(*out, size, *seed, d, !*noJSONL); err != nil {
		log.Fatalf("gen: %v", err)
	}
}

type manifest struct {
	Seed      uint64         `json:"seed"`
	Density   string         `json:"density"`
	Bytes     int64          `json:"bytes"`
	Records   int            `json:"records"`
	Kinds     map[string]int `json:"bytes_by_kind"`
	Planted   map[string]int `json:"planted_by_type"`
	Hits      int            `json:"planted_total"`
	BytesHit  float64        `json:"bytes_per_planted_value"`
	Negatives int            `json:"hard_negatives"`
}

func write(out string, size int64, seed uint64, d corpus.Density, withJSONL bool) error {
	tmp := out + ".tmp"
	if err := os.RemoveAll(tmp); err != nil {
		return err
	}
	for _, k := range corpus.Kinds() {
		if err := os.MkdirAll(filepath.Join(tmp, "files", k.String()), 0o755); err != nil {
			return err
		}
	}
	var jw *bufio.Writer
	if withJSONL {
		f, err := os.Create(filepath.Join(tmp, "corpus.jsonl"))
		if err != nil {
			return err
		}
		defer f.Close()
		jw = bufio.NewWriterSize(f, 1<<20)
	}
	g := corpus.New(seed, d)
	m := manifest{Seed: seed, Density: d.String(), Kinds: map[string]int{}}
	for m.Bytes < size {
		k := g.Kind()
		rec := g.Record(k, int(min(int64(g.RecordSize()), size-m.Bytes)))
		id := fmt.Sprintf("%s/r%06d%s", k, m.Records, k.Ext())
		if err := os.WriteFile(filepath.Join(tmp, "files", id), rec, 0o644); err != nil {
			return err
		}
		if jw != nil {
			line, err := json.Marshal(struct {
				ID   string `json:"id"`
				Text string `json:"text"`
			}{id, string(rec)})
			if err != nil {
				return err
			}
			jw.Write(line)
			jw.WriteByte('\n')
		}
		m.Bytes += int64(len(rec))
		m.Kinds[k.String()] += len(rec)
		m.Records++
	}
	if jw != nil {
		if err := jw.Flush(); err != nil {
			return err
		}
	}
	m.Planted, m.Negatives = g.Planted, g.Negatives
	for _, c := range g.Planted {
		m.Hits += c
	}
	if m.Hits > 0 {
		m.BytesHit = float64(int(float64(m.Bytes)/float64(m.Hits)*10)) / 10
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	types := make([]string, 0, len(m.Planted))
	for t := range m.Planted {
		types = append(types, t)
	}
	sort.Strings(types)
	fmt.Printf("gen: %s: %d records, %d bytes, %d planted values (one per %.0f bytes), %d hard negatives, %d types\n",
		out, m.Records, m.Bytes, m.Hits, m.BytesHit, m.Negatives, len(types))
	return nil
}

func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, x := range []struct {
		suf string
		m   int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(u, x.suf) {
			u, mult = strings.TrimSuffix(u, x.suf), x.m
			break
		}
	}
	n, err := strconv.ParseFloat(u, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(n * float64(mult)), nil
}
