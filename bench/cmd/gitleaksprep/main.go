// Command gitleaksprep adapts gitleaks to weir's scorer (corpus/score.py).
//
//	gitleaksprep split   -in dev.jsonl -out DIR
//	    writes each record's text to DIR/<id> (id sanitized to [A-Za-z0-9._-]).
//	gitleaksprep convert -in dev.jsonl -report gitleaks.json > preds.jsonl
//	    turns a `gitleaks dir --report-format json` report into score.py
//	    predictions: {"id", "findings": [{"type": RuleID, "start", "end"}]},
//	    one line per input record, in input order.
//
// gitleaks reports 1-based lines and columns; the byte offset is recovered
// from StartLine/StartColumn and then verified by locating the Secret (or
// else the Match) in the record text: the occurrence nearest the reported
// position wins. Findings whose text is not in the record (gitleaks decoded
// it from base64 etc.) keep the reported line/column span. A summary of how
// each finding was placed goes to stderr.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

type record struct {
	ID   string `json:"id"`
	Text string `json:"text"`
}

type leak struct {
	RuleID      string
	File        string
	StartLine   int
	EndLine     int
	StartColumn int
	EndColumn   int
	Match       string
	Secret      string
}

type finding struct {
	Type  string `json:"type"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	in := fs.String("in", "", "JSONL records {id, text}")
	out := fs.String("out", "", "split: output directory")
	report := fs.String("report", "", "convert: gitleaks JSON report")
	fs.Parse(os.Args[2:])
	if *in == "" {
		usage()
	}
	recs, err := readRecords(*in)
	if err != nil {
		log.Fatalf("gitleaksprep: %v", err)
	}
	switch os.Args[1] {
	case "split":
		if *out == "" {
			usage()
		}
		err = split(recs, *out)
	case "convert":
		if *report == "" {
			usage()
		}
		err = convert(recs, *report)
	default:
		usage()
	}
	if err != nil {
		log.Fatalf("gitleaksprep: %v", err)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: gitleaksprep split -in RECORDS.jsonl -out DIR\n       gitleaksprep convert -in RECORDS.jsonl -report GITLEAKS.json > PREDS.jsonl")
	os.Exit(2)
}

func fileName(id string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, id)
}

func readRecords(path string) ([]record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var recs []record
	seen := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, n, err)
		}
		name := fileName(r.ID)
		if prev, ok := seen[name]; ok {
			return nil, fmt.Errorf("%s:%d: ids %q and %q map to the same file name", path, n, prev, r.ID)
		}
		seen[name] = r.ID
		recs = append(recs, r)
	}
	return recs, sc.Err()
}

func split(recs []record, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, r := range recs {
		if err := os.WriteFile(filepath.Join(dir, fileName(r.ID)), []byte(r.Text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// lineStarts returns the byte offset of the start of every line.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a 1-based line and column to a byte offset, clamped.
func offset(starts []int, n, line, col int) int {
	if line < 1 {
		line = 1
	}
	if line > len(starts) {
		return n
	}
	return min(max(starts[line-1]+col-1, 0), n)
}

// nearest returns the start of the occurrence of s in text nearest to pos.
func nearest(text, s string, pos int) (int, bool) {
	if s == "" {
		return 0, false
	}
	best, found := 0, false
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			break
		}
		j += i
		if !found || abs(j-pos) < abs(best-pos) {
			best, found = j, true
		}
		i = j + 1
	}
	return best, found
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func convert(recs []record, reportPath string) error {
	b, err := os.ReadFile(reportPath)
	if err != nil {
		return err
	}
	var leaks []leak
	if err := json.Unmarshal(b, &leaks); err != nil {
		return fmt.Errorf("%s: %v", reportPath, err)
	}
	byName := map[string]int{}
	for i, r := range recs {
		byName[fileName(r.ID)] = i
	}
	found := make([][]finding, len(recs))
	stats := map[string]int{}
	for _, l := range leaks {
		i, ok := byName[filepath.Base(l.File)]
		if !ok {
			stats["unknown file"]++
			continue
		}
		text := recs[i].Text
		starts := lineStarts(text)
		pos := offset(starts, len(text), l.StartLine, l.StartColumn)
		var start, end int
		how := ""
		if s, ok := nearest(text, l.Secret, pos); ok {
			start, end = s, s+len(l.Secret)
			how = "secret"
		} else if s, ok := nearest(text, l.Match, pos); ok {
			start, end = s, s+len(l.Match)
			how = "match"
		} else {
			start = pos
			end = max(offset(starts, len(text), l.EndLine, l.EndColumn+1), start+1)
			end = min(end, len(text))
			how = "line/column only"
		}
		if how != "line/column only" {
			switch d := abs(start - pos); {
			case d == 0:
				how += " at reported position"
			case d <= 2:
				how += " within 2 bytes"
			case d <= 200:
				how += " within 200 bytes"
			default:
				how += " elsewhere in record"
			}
		}
		stats[how]++
		found[i] = append(found[i], finding{l.RuleID, start, end})
	}
	w := bufio.NewWriter(os.Stdout)
	for i, r := range recs {
		fs := found[i]
		if fs == nil {
			fs = []finding{}
		}
		line, err := json.Marshal(struct {
			ID       string    `json:"id"`
			Findings []finding `json:"findings"`
		}{r.ID, fs})
		if err != nil {
			return err
		}
		w.Write(line)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gitleaksprep: %d gitleaks findings placed:", len(leaks))
	for _, k := range []string{"secret at reported position", "secret within 2 bytes", "secret within 200 bytes", "secret elsewhere in record",
		"match at reported position", "match within 2 bytes", "match within 200 bytes", "match elsewhere in record", "line/column only", "unknown file"} {
		if stats[k] > 0 {
			fmt.Fprintf(os.Stderr, " %s=%d;", k, stats[k])
		}
	}
	fmt.Fprintln(os.Stderr)
	return nil
}
