package main

import (
	"slices"
	"sort"

	"github.com/weir-dev/weir/classifiers"
)

// maxExamples is how many distinct example fingerprints a column profile
// keeps per type. Fingerprints are keyed hashes: never raw values.
const maxExamples = 3

// colAcc accumulates the findings of one column (field) of one object, or
// of one part of it. Rows are counted once per column and type even with
// several findings; parts of an object hold disjoint rows, so their counts
// add up (see merge).
type colAcc struct {
	findings int
	rows     int64
	lastRow  int64
	maxConf  float64
	types    map[string]*typeAcc
	order    []string // types in first-seen order
}

type typeAcc struct {
	category string
	count    int
	rows     int64
	lastRow  int64
	maxConf  float64
	examples []string
}

// profile is the per-column accumulators of one object (or part).
type profile map[string]*colAcc

// add counts a finding f in column col on data row row (-1: not in a data
// row, e.g. a CSV header: counted, but in no row).
func (p profile) add(col string, row int64, f classifiers.Finding) {
	c := p[col]
	if c == nil {
		c = &colAcc{lastRow: -1, types: map[string]*typeAcc{}}
		p[col] = c
	}
	c.findings++
	c.maxConf = max(c.maxConf, f.Confidence)
	if row >= 0 && row != c.lastRow {
		c.rows++
		c.lastRow = row
	}
	t := c.types[f.Type]
	if t == nil {
		t = &typeAcc{category: f.Category, lastRow: -1}
		c.types[f.Type] = t
		c.order = append(c.order, f.Type)
	}
	t.count++
	t.maxConf = max(t.maxConf, f.Confidence)
	if row >= 0 && row != t.lastRow {
		t.rows++
		t.lastRow = row
	}
	if len(t.examples) < maxExamples && f.Fingerprint != "" && !slices.Contains(t.examples, f.Fingerprint) {
		t.examples = append(t.examples, f.Fingerprint)
	}
}

// merge adds q (a later part, or another object of the dataset) into p.
func (p profile) merge(q profile) {
	for _, name := range q.names() {
		qc := q[name]
		c := p[name]
		if c == nil {
			c = &colAcc{lastRow: -1, types: map[string]*typeAcc{}}
			p[name] = c
		}
		c.findings += qc.findings
		c.rows += qc.rows
		c.maxConf = max(c.maxConf, qc.maxConf)
		for _, typ := range qc.order {
			qt := qc.types[typ]
			t := c.types[typ]
			if t == nil {
				t = &typeAcc{category: qt.category, lastRow: -1}
				c.types[typ] = t
				c.order = append(c.order, typ)
			}
			t.count += qt.count
			t.rows += qt.rows
			t.maxConf = max(t.maxConf, qt.maxConf)
			for _, e := range qt.examples {
				if len(t.examples) < maxExamples && !slices.Contains(t.examples, e) {
					t.examples = append(t.examples, e)
				}
			}
		}
	}
}

func (p profile) names() []string {
	out := make([]string, 0, len(p))
	for n := range p {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// datasetProfile is the report's view of one dataset (a PATH or s3:// URL
// argument): per column, which types were found, how often, in what share
// of the rows scanned.
type datasetProfile struct {
	Dataset  string          `json:"dataset"`
	Objects  int             `json:"objects"`
	Rows     int64           `json:"rows_scanned"`
	Sampled  bool            `json:"sampled,omitempty"`
	Findings int             `json:"findings"`
	Columns  []columnProfile `json:"columns"`
	prof     profile
}

type columnProfile struct {
	Column        string        `json:"column"` // "" for text with no field
	Findings      int           `json:"findings"`
	RowsAffected  int64         `json:"rows_affected"`
	ShareOfRows   float64       `json:"share_of_rows"`
	MaxConfidence float64       `json:"max_confidence"`
	Types         []typeProfile `json:"types"`
}

type typeProfile struct {
	Type          string   `json:"type"`
	Category      string   `json:"category"`
	Count         int      `json:"count"`
	RowsAffected  int64    `json:"rows_affected"`
	MaxConfidence float64  `json:"max_confidence"`
	Examples      []string `json:"example_fingerprints"`
}

// datasets aggregates object results into dataset profiles, in the order
// datasets first appear.
type datasets struct {
	order []string
	by    map[string]*datasetProfile
}

func (d *datasets) add(r fileResult) {
	if r.skipped != "" || r.err != nil && len(r.prof) == 0 {
		return
	}
	if d.by == nil {
		d.by = map[string]*datasetProfile{}
	}
	ds := d.by[r.dataset]
	if ds == nil {
		ds = &datasetProfile{Dataset: r.dataset, prof: profile{}}
		d.by[r.dataset] = ds
		d.order = append(d.order, r.dataset)
	}
	if r.err == nil { // a failed object's findings count, its rows do not (they are unknown)
		ds.Objects++
		ds.Rows += r.rows
	}
	ds.Sampled = ds.Sampled || r.sampled
	ds.prof.merge(r.prof)
}

// list closes the profiles: columns by findings (most first), then name.
func (d *datasets) list() []datasetProfile {
	out := []datasetProfile{}
	for _, name := range d.order {
		ds := d.by[name]
		ds.Columns = []columnProfile{}
		for _, col := range ds.prof.names() {
			c := ds.prof[col]
			cp := columnProfile{Column: col, Findings: c.findings, RowsAffected: c.rows, MaxConfidence: c.maxConf, Types: []typeProfile{}}
			if ds.Rows > 0 {
				cp.ShareOfRows = round4(float64(c.rows) / float64(ds.Rows))
			}
			for _, typ := range c.order {
				t := c.types[typ]
				cp.Types = append(cp.Types, typeProfile{Type: typ, Category: t.category, Count: t.count, RowsAffected: t.rows,
					MaxConfidence: t.maxConf, Examples: t.examples})
			}
			sort.SliceStable(cp.Types, func(i, j int) bool { return cp.Types[i].Count > cp.Types[j].Count })
			ds.Findings += c.findings
			ds.Columns = append(ds.Columns, cp)
		}
		sort.SliceStable(ds.Columns, func(i, j int) bool { return ds.Columns[i].Findings > ds.Columns[j].Findings })
		out = append(out, *ds)
	}
	return out
}

func round4(x float64) float64 { return float64(int64(x*10000+0.5)) / 10000 }
