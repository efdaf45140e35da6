package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/weir-dev/weir/classifiers"
)

// reporter writes a scan report: file is called once per file in order,
// finish once at the end.
type reporter interface {
	file(fileResult) error
	finish(elapsed time.Duration) error
}

func newReporter(format string, eng *classifiers.Engine, w io.Writer) reporter {
	switch format {
	case "json":
		return &jsonReporter{w: w, doc: jsonReport{Findings: []located{}, Skipped: []pathNote{}, Errors: []pathNote{}, Notes: []pathNote{}}}
	case "sarif":
		return newSarifReporter(eng, w)
	case "markdown":
		return &markdownReporter{w: w}
	}
	return &textReporter{w: w}
}

// summary counts what a scan saw. All reports carry it.
type summary struct {
	FilesScanned int         `json:"files_scanned"`
	FilesSkipped int         `json:"files_skipped"`
	FilesFailed  int         `json:"files_failed"`
	Bytes        int64       `json:"bytes_scanned"`
	Findings     int         `json:"findings"`
	ByType       []typeCount `json:"by_type"`
	Seconds      float64     `json:"seconds"`
	MBPerSecond  float64     `json:"mb_per_s"`

	counts map[[2]string]int
}

type typeCount struct {
	Type     string `json:"type"`
	Category string `json:"category"`
	Count    int    `json:"count"`
}

func (s *summary) add(r fileResult) {
	switch {
	case r.err != nil:
		s.FilesFailed++
		return
	case r.skipped != "":
		s.FilesSkipped++
		return
	}
	s.FilesScanned++
	s.Bytes += r.bytes
	if s.counts == nil {
		s.counts = map[[2]string]int{}
	}
	for _, c := range r.prof { // every finding, also those past --max-findings
		for typ, t := range c.types {
			s.Findings += t.count
			s.counts[[2]string{typ, t.category}] += t.count
		}
	}
}

// close fills ByType (most frequent first) and the rates.
func (s *summary) close(elapsed time.Duration) {
	s.ByType = []typeCount{}
	for k, n := range s.counts {
		s.ByType = append(s.ByType, typeCount{Type: k[0], Category: k[1], Count: n})
	}
	sort.Slice(s.ByType, func(i, j int) bool {
		a, b := s.ByType[i], s.ByType[j]
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Type < b.Type
	})
	s.Seconds = elapsed.Seconds()
	if s.Seconds > 0 {
		s.MBPerSecond = float64(s.Bytes) / 1e6 / s.Seconds
	}
}

// textReporter prints "path:line:col: TYPE confidence preview" per finding
// as files complete, and the summary table at the end.
type textReporter struct {
	w   io.Writer
	sum summary
}

func (t *textReporter) file(r fileResult) error {
	t.sum.add(r)
	if r.skipped != "" {
		_, err := fmt.Fprintf(t.w, "%s: skipped: %s\n", r.path, r.skipped)
		return err
	}
	for _, f := range r.findings {
		field := ""
		if f.Field != "" {
			field = " [" + f.Field + "]"
		}
		where := fmt.Sprintf("%s:%d:%d", f.Path, f.Line, f.Column)
		if f.Row != nil {
			where = fmt.Sprintf("%s@row%d", f.Path, *f.Row)
		}
		if _, err := fmt.Fprintf(t.w, "%s: %s %.2f %s%s\n", where, f.Type, f.Confidence, f.Preview, field); err != nil {
			return err
		}
	}
	for _, n := range r.notes {
		if _, err := fmt.Fprintf(t.w, "%s: note: %s\n", r.path, n); err != nil {
			return err
		}
	}
	return nil
}

func (t *textReporter) finish(elapsed time.Duration) error {
	s := &t.sum
	s.close(elapsed)
	fmt.Fprintf(t.w, "\n%d findings in %d files scanned (%d skipped, %d failed), %d bytes in %.2fs (%.1f MB/s)\n",
		s.Findings, s.FilesScanned, s.FilesSkipped, s.FilesFailed, s.Bytes, s.Seconds, s.MBPerSecond)
	if len(s.ByType) == 0 {
		return nil
	}
	tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TYPE\tCATEGORY\tCOUNT")
	for _, c := range s.ByType {
		fmt.Fprintf(tw, "%s\t%s\t%5d\n", c.Type, c.Category, c.Count)
	}
	return tw.Flush()
}

// jsonReport is the --format json document.
type jsonReport struct {
	Datasets []datasetProfile `json:"datasets"`
	Findings []located        `json:"findings"`
	Skipped  []pathNote       `json:"skipped"`
	Errors   []pathNote       `json:"errors"`
	Notes    []pathNote       `json:"notes"`
	Summary  *summary         `json:"summary"`
}

type pathNote struct {
	Path string `json:"path"`
	Note string `json:"note"`
}

type jsonReporter struct {
	w   io.Writer
	doc jsonReport
	sum summary
	ds  datasets
}

func (j *jsonReporter) file(r fileResult) error {
	j.sum.add(r)
	j.ds.add(r)
	j.doc.Findings = append(j.doc.Findings, r.findings...)
	if r.skipped != "" {
		j.doc.Skipped = append(j.doc.Skipped, pathNote{r.path, r.skipped})
	}
	if r.err != nil {
		j.doc.Errors = append(j.doc.Errors, pathNote{r.path, r.err.Error()})
	}
	for _, n := range r.notes {
		j.doc.Notes = append(j.doc.Notes, pathNote{r.path, n})
	}
	return nil
}

func (j *jsonReporter) finish(elapsed time.Duration) error {
	j.sum.close(elapsed)
	j.doc.Summary = &j.sum
	j.doc.Datasets = j.ds.list()
	enc := json.NewEncoder(j.w)
	enc.SetIndent("", "  ")
	return enc.Encode(j.doc)
}
