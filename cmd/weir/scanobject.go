package main

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/decode"
)

// objectScanner scans one object at a time (it is shared by the scan's
// workers and safe for concurrent use). Classification runs in tasks (a
// batch of a streamed object's records, or one Parquet row group) on at
// most cap(sem) goroutines across the whole scan.
type objectScanner struct {
	eng           *classifiers.Engine
	limits        decode.Limits
	sampleRows    int64   // 0: all rows
	samplePercent float64 // 0 or 100: all rows
	maxFindings   int     // findings listed per object (all are counted); 0: no limit
	sem           chan struct{}
}

// batchBytes is the text a streamed object's batch holds before it is
// handed to a classification task; batches end at row boundaries.
const batchBytes = 256 << 10

// errSampled stops a streamed object when --sample-rows is reached.
var errSampled = errors.New("sample complete")

// part is the outcome of one task.
type part struct {
	findings []located
	prof     profile
}

// scan decodes and classifies one object.
func (s *objectScanner) scan(ctx context.Context, job scanJob) fileResult {
	res := fileResult{path: job.path, dataset: job.dataset, prof: profile{}}
	obj, closeObj, err := job.open(ctx)
	if err != nil {
		res.err = err
		return res
	}
	defer closeObj()
	var notes noteList
	onNote := func(n decode.Note) { notes.add(n) }
	format, comp := decode.FormatOf(obj.Name)
	var parts []part
	if format == decode.FormatParquet && comp == decode.CompressionNone {
		parts, err = s.parquet(ctx, obj, &res, onNote)
	} else {
		parts, err = s.stream(ctx, obj, format, &res, onNote)
	}
	for _, p := range parts {
		res.findings = append(res.findings, p.findings...)
		res.prof.merge(p.prof)
	}
	if s.maxFindings > 0 && len(res.findings) > s.maxFindings {
		notes.msg(moreFindingsNote(len(res.findings) - s.maxFindings))
		res.findings = res.findings[:s.maxFindings]
	}
	res.notes = notes.list()
	var de *decode.Error
	switch {
	case errors.Is(err, decode.ErrBinary):
		res.skipped, res.findings, res.prof = "binary (NUL byte)", nil, nil
	case err != nil && errors.As(err, &de):
		res.err = err
	case err != nil:
		res.err = err
	case notes.err != nil:
		res.err = notes.err // records were skipped: the object was not scanned whole
	}
	return res
}

// moreFindingsNote is the note of an object with n findings past
// --max-findings.
func moreFindingsNote(n int) string {
	return fmt.Sprintf("%d more findings not listed (counted in the summary and the column profile; see --max-findings)", n)
}

// noteList keeps the first maxNotes notes of an object and the first
// error among them.
type noteList struct {
	mu   sync.Mutex
	msgs []string
	n    int
	err  error
}

// maxNotes bounds the notes kept per file (a file of a million bad lines
// must not make a million-entry report).
const maxNotes = 20

func (l *noteList) add(n decode.Note) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if n.Err != nil && l.err == nil {
		l.err = n.Err
	}
	l.n++
	if l.n <= maxNotes {
		l.msgs = append(l.msgs, n.Msg)
	}
}

func (l *noteList) msg(m string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, m)
}

func (l *noteList) list() []string {
	out := l.msgs
	if l.n > maxNotes {
		out = append(out, fmt.Sprintf("%d more notes like these", l.n-maxNotes))
	}
	return out
}

// keep reports whether data row row is in the --sample-percent sample: a
// fixed hash of the row number, so reruns sample the same rows.
func (s *objectScanner) keep(row int64) bool {
	if s.samplePercent <= 0 || s.samplePercent >= 100 || row < 0 {
		return true
	}
	h := uint64(row)*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019
	h ^= h >> 29
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 32
	return float64(h%1_000_000) < s.samplePercent*10_000
}

// keptRows counts the rows of [0,n) in the sample.
func (s *objectScanner) keptRows(n int64) int64 {
	if s.samplePercent <= 0 || s.samplePercent >= 100 {
		return n
	}
	var k int64
	for r := range n {
		if s.keep(r) {
			k++
		}
	}
	return k
}

func (s *objectScanner) sampling() bool {
	return s.sampleRows > 0 || s.samplePercent > 0 && s.samplePercent < 100
}

// pqPlan is the work of one Parquet object: the column chunks to classify,
// in (row group, column) order, and the data rows that scans.
type pqPlan struct {
	p       *decode.Parquet
	rows    int64 // data rows scanned (after sampling)
	sampled bool
	chunks  []pqChunk
}

// pqChunk names one column chunk: row group G, leaf column C.
type pqChunk struct{ G, C int }

// planParquet opens a Parquet object's footer and lists the column chunks
// that a scan with s's sampling reads.
func (s *objectScanner) planParquet(obj decode.Object) (pqPlan, error) {
	p, err := decode.OpenParquet(obj.At, obj.Size, s.limits)
	if err != nil {
		return pqPlan{}, err
	}
	var groups []int
	var rows int64
	for i := range p.RowGroups() {
		if s.sampleRows > 0 && rows >= s.sampleRows {
			break
		}
		groups = append(groups, i)
		rows += p.RowGroupRows(i)
	}
	if s.sampleRows > 0 {
		rows = min(rows, s.sampleRows)
	}
	plan := pqPlan{p: p, rows: s.keptRows(rows), sampled: s.sampling()}
	// One task per column chunk, so a file with few row groups still uses
	// every core; parts merge in (row group, column) order.
	for _, g := range groups {
		for _, c := range p.TextColumns() {
			plan.chunks = append(plan.chunks, pqChunk{g, c})
		}
	}
	return plan, nil
}

// parquet classifies the row groups of a Parquet object in parallel.
func (s *objectScanner) parquet(ctx context.Context, obj decode.Object, res *fileResult, onNote func(decode.Note)) ([]part, error) {
	plan, err := s.planParquet(obj)
	if err != nil {
		return nil, err
	}
	res.rows, res.sampled = plan.rows, plan.sampled
	return s.classifyChunks(ctx, plan.p, plan.chunks, res, onNote)
}

// classifyChunks classifies column chunks of p in parallel (at most
// cap(s.sem) at once across the scan) and returns their parts in the order
// of chunks, adding the bytes decoded to res.
func (s *objectScanner) classifyChunks(ctx context.Context, p *decode.Parquet, chunks []pqChunk, res *fileResult, onNote func(decode.Note)) ([]part, error) {
	parts := make([]part, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for k, tk := range chunks {
		select {
		case s.sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return parts, ctx.Err()
		}
		wg.Go(func() {
			defer func() { <-s.sem }()
			pt := part{prof: profile{}}
			st, err := p.DecodeColumn(ctx, tk.G, tk.C, onNote, func(r decode.Record) error {
				if s.sampleRows > 0 && r.Loc.Row >= s.sampleRows || !s.keep(r.Loc.Row) {
					return nil
				}
				s.classify(&pt, res.path, &r, false)
				return nil
			})
			parts[k], errs[k] = pt, err
			res.addBytes(st.Bytes)
		})
	}
	wg.Wait()
	return parts, errors.Join(errs...)
}

// stream decodes a streamed object in this goroutine and classifies its
// records in batches on other goroutines.
func (s *objectScanner) stream(ctx context.Context, obj decode.Object, format decode.Format, res *fileResult, onNote func(decode.Note)) ([]part, error) {
	var (
		parts   []*part
		wg      sync.WaitGroup
		b       batch
		stopRow int64 = -1
	)
	dispatch := func() error {
		if len(b.recs) == 0 {
			return nil
		}
		pt := &part{prof: profile{}}
		parts = append(parts, pt)
		recs := b.take()
		select {
		case s.sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		wg.Go(func() {
			defer func() { <-s.sem }()
			for i := range recs {
				s.classify(pt, res.path, &recs[i], lineRows(format, &recs[i]))
			}
		})
		return nil
	}
	st, err := decode.Decode(ctx, obj, decode.Options{Limits: s.limits, OnNote: onNote}, func(r decode.Record) error {
		if s.sampleRows > 0 && r.Loc.Row >= s.sampleRows {
			stopRow = r.Loc.Row
			return errSampled
		}
		if format != decode.FormatText && !s.keep(r.Loc.Row) { // text is sampled by --sample-rows only
			return nil
		}
		if b.size >= batchBytes && r.Loc.Row != b.lastRow {
			if err := dispatch(); err != nil {
				return err
			}
		}
		b.add(&r)
		return nil
	})
	if errors.Is(err, errSampled) {
		err = nil
	}
	if err == nil {
		err = dispatch()
	}
	wg.Wait()
	res.addBytes(st.Bytes)
	res.rows = st.Rows
	if stopRow >= 0 {
		res.rows = stopRow
	}
	if format != decode.FormatText {
		res.rows = s.keptRows(res.rows)
	}
	res.sampled = stopRow >= 0 || format != decode.FormatText && s.sampling()
	out := make([]part, len(parts))
	for i, p := range parts {
		out[i] = *p
	}
	return out, err
}

// lineRows reports whether a record's rows are its lines (text, and text
// that a JSON or CSV object fell back to); else rows come from Loc.Row.
func lineRows(format decode.Format, r *decode.Record) bool {
	return r.Map == decode.MapSame && r.Field == "" && format != decode.FormatJSONL
}

// classify scans one record and adds its findings to pt.
func (s *objectScanner) classify(pt *part, path string, r *decode.Record, byLine bool) {
	fs := s.eng.ScanField(r.Field, r.Text)
	if len(fs) == 0 {
		return
	}
	var loc *decode.Locator
	if r.Map != decode.MapNone {
		loc = decode.NewLocator(r)
	}
	for _, f := range fs {
		l := located{Finding: f, Path: path, Field: r.Field}
		row := r.Loc.Row
		if loc != nil {
			a, _ := loc.At(f.Start)
			b, _ := loc.At(f.End)
			l.Line, l.Column, l.EndLine, l.EndColumn = a.Line, a.Column, b.Line, b.Column
			l.col16, l.endCol16 = a.Column16, b.Column16
			if byLine {
				row = int64(a.Line - 1)
			}
		} else {
			rr, g := r.Loc.Row, r.Loc.RowGroup
			l.Row, l.RowGroup = &rr, &g
		}
		pt.prof.add(r.Field, row, f)
		pt.findings = append(pt.findings, l)
	}
}

// batch holds copies of records (a record's bytes are only valid during
// the decoder's callback).
type batch struct {
	recs    []decode.Record
	arena   []byte
	offs    [][2]int // text and raw offsets into arena (raw -1: same as text)
	size    int
	lastRow int64
}

func (b *batch) add(r *decode.Record) {
	t := len(b.arena)
	b.arena = append(b.arena, r.Text...)
	raw := -1
	if r.Map != decode.MapSame && r.Map != decode.MapNone {
		raw = len(b.arena)
		b.arena = append(b.arena, r.Raw...)
	}
	c := *r
	c.Text, c.Raw = nil, nil
	b.recs = append(b.recs, c)
	b.offs = append(b.offs, [2]int{t, raw})
	b.size += len(r.Text)
	b.lastRow = r.Loc.Row
}

// take returns the batch's records with their bytes and empties it.
func (b *batch) take() []decode.Record {
	recs := b.recs
	arena := b.arena
	for i := range recs {
		t := b.offs[i][0]
		end := len(arena)
		if b.offs[i][1] >= 0 {
			end = b.offs[i][1]
		} else if i+1 < len(recs) {
			end = b.offs[i+1][0]
		}
		recs[i].Text = arena[t:end:end]
		switch {
		case b.offs[i][1] >= 0:
			rend := len(arena)
			if i+1 < len(recs) {
				rend = b.offs[i+1][0]
			}
			recs[i].Raw = arena[b.offs[i][1]:rend:rend]
		case recs[i].Map == decode.MapSame:
			recs[i].Raw = recs[i].Text
		}
	}
	*b = batch{lastRow: b.lastRow}
	return recs
}
