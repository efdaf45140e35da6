package decode

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/parquet-go/parquet-go"
)

// Parquet is an open Parquet file whose row groups can be decoded
// independently, and concurrently: DecodeRowGroup is safe for concurrent
// use (each call reads its own pages through the io.ReaderAt).
type Parquet struct {
	f       *parquet.File
	cols    []pqColumn
	rgStart []int64 // first row of each row group
	lim     Limits
	ra      io.ReaderAt
	size    int64
}

// OpenParquet reads the footer of a Parquet file of size bytes. A file that
// is not Parquet, or whose footer is corrupt, is ErrCorrupt; a file whose
// footer declares more than MaxDecompressedBytes of column data is
// ErrTooLarge, one whose columns expand more than MaxRatio times is ErrBomb.
func OpenParquet(ra io.ReaderAt, size int64, lim Limits) (p *Parquet, err error) {
	lim = lim.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, errorf(ErrCorrupt, nil, "parquet: footer: %v", r)
		}
	}()
	if lim.MaxObjectBytes > 0 && size > lim.MaxObjectBytes {
		return nil, errorf(ErrTooLarge, nil, "%d bytes stored, limit %d", size, lim.MaxObjectBytes)
	}
	if err := checkFooter(ra, size); err != nil {
		return nil, err
	}
	f, err := parquet.OpenFile(ra, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, errorf(ErrCorrupt, err, "parquet")
	}
	md := f.Metadata()
	cols, ok := flattenSchema(md.Schema)
	if !ok || len(cols) != len(f.Schema().Columns()) {
		return nil, errorf(ErrCorrupt, nil, "parquet: schema does not describe its %d leaf columns", len(f.Schema().Columns()))
	}
	var total int64
	for i, rg := range md.RowGroups {
		for j, cc := range rg.Columns {
			u, c := cc.MetaData.TotalUncompressedSize, cc.MetaData.TotalCompressedSize
			if u < 0 || c < 0 {
				return nil, errorf(ErrCorrupt, nil, "parquet: row group %d column %d: negative size", i, j)
			}
			total += u
			if lim.MaxRatio > 0 && u > lim.RatioFloor && u > lim.MaxRatio*max(c, 1) {
				return nil, errorf(ErrBomb, nil, "parquet: row group %d column %s: %d bytes from %d compressed (ratio limit %d)",
					i, cols[min(j, len(cols)-1)].path, u, c, lim.MaxRatio)
			}
		}
	}
	if lim.MaxDecompressedBytes > 0 && total > lim.MaxDecompressedBytes {
		return nil, errorf(ErrTooLarge, nil, "parquet: %d bytes of column data, limit %d", total, lim.MaxDecompressedBytes)
	}
	p = &Parquet{f: f, cols: cols, lim: lim, ra: ra, size: size}
	var row int64
	for _, rg := range f.RowGroups() {
		p.rgStart = append(p.rgStart, row)
		row += rg.NumRows()
	}
	return p, nil
}

// maxFooterBytes bounds the Parquet footer (file metadata) read into memory.
const maxFooterBytes = 64 << 20

// checkFooter rejects a file whose trailer is not Parquet's or whose footer
// length does not fit in the file, before parquet-go allocates a buffer of
// that length (a hostile length would cost gigabytes).
func checkFooter(ra io.ReaderAt, size int64) error {
	if size < 12 {
		return errorf(ErrCorrupt, nil, "parquet: %d bytes is too short for a Parquet file", size)
	}
	var tail [8]byte
	if _, err := ra.ReadAt(tail[:], size-8); err != nil && err != io.EOF {
		return errorf(ErrCorrupt, err, "parquet: reading the trailer")
	}
	if string(tail[4:]) != "PAR1" {
		return errorf(ErrCorrupt, nil, "parquet: no PAR1 trailer (truncated or not Parquet)")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-12 || n > maxFooterBytes {
		return errorf(ErrCorrupt, nil, "parquet: footer length %d does not fit a %d-byte file", n, size)
	}
	return nil
}

// RowGroups returns the number of row groups.
func (p *Parquet) RowGroups() int { return len(p.rgStart) }

// NumRows returns the number of rows in the file.
func (p *Parquet) NumRows() int64 { return p.f.NumRows() }

// RowGroupRows returns the number of rows of row group i.
func (p *Parquet) RowGroupRows(i int) int64 { return p.f.RowGroups()[i].NumRows() }

// Columns returns the flattened paths of the leaf columns, in column order.
func (p *Parquet) Columns() []string {
	out := make([]string, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.path
	}
	return out
}

// DecodeRowGroup calls fn for every non-null, non-empty value of row group
// i that can hold text (strings, binary, integers, floats; not booleans,
// dates, times, timestamps or decimals), column by column, in row order
// within a column. Record.Loc.Row is the row in the file. A value over
// MaxRecordBytes is skipped with a Note whose Err is set. Corrupt pages are
// ErrCorrupt.
func (p *Parquet) DecodeRowGroup(ctx context.Context, i int, onNote func(Note), fn func(Record) error) (st Stats, err error) {
	st.Format, st.Compression = FormatParquet, CompressionNone
	if i < 0 || i >= len(p.rgStart) {
		return st, fmt.Errorf("decode: row group %d of %d", i, len(p.rgStart))
	}
	st.Rows = p.RowGroupRows(i)
	for _, c := range p.TextColumns() {
		cs, err := p.DecodeColumn(ctx, i, c, onNote, fn)
		st.Records += cs.Records
		st.Bytes += cs.Bytes
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// ChunkBytes returns the stored (compressed) size of the column chunk of row
// group i, leaf column c, as its footer declares it (0 when out of range):
// a cost estimate for splitting a scan into tasks.
func (p *Parquet) ChunkBytes(i, c int) int64 {
	rgs := p.f.Metadata().RowGroups
	if i < 0 || i >= len(rgs) || c < 0 || c >= len(rgs[i].Columns) {
		return 0
	}
	return rgs[i].Columns[c].MetaData.TotalCompressedSize
}

// TextColumns returns the leaf columns DecodeColumn reads values from (the
// others hold booleans, dates, times, timestamps or decimals).
func (p *Parquet) TextColumns() []int {
	var out []int
	for c, col := range p.cols {
		if col.kind != kindSkip {
			out = append(out, c)
		}
	}
	return out
}

// DecodeColumn is DecodeRowGroup for one column chunk (row group i, leaf
// column c): the unit of parallel work when a file has few row groups.
// Stats.Rows is 0 (rows belong to the row group). Safe for concurrent use.
func (p *Parquet) DecodeColumn(ctx context.Context, i, c int, onNote func(Note), fn func(Record) error) (st Stats, err error) {
	st.Format, st.Compression = FormatParquet, CompressionNone
	defer func() {
		if r := recover(); r != nil {
			err = errorf(ErrCorrupt, nil, "parquet: row group %d column %d: %v", i, c, r)
		}
	}()
	if i < 0 || i >= len(p.rgStart) || c < 0 || c >= len(p.cols) {
		return st, fmt.Errorf("decode: row group %d column %d of %d x %d", i, c, len(p.rgStart), len(p.cols))
	}
	if p.cols[c].kind == kindSkip {
		return st, nil
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	chunks := p.f.RowGroups()[i].ColumnChunks()
	if c >= len(chunks) || c >= len(p.f.Metadata().RowGroups[i].Columns) {
		return st, errorf(ErrCorrupt, nil, "parquet: row group %d column %d: no column chunk", i, c)
	}
	fcc, ok := chunks[c].(*parquet.FileColumnChunk)
	if !ok {
		return st, errorf(ErrCorrupt, nil, "parquet: row group %d column %d: no column chunk", i, c)
	}
	at, _, err := p.loadChunk(&p.f.Metadata().RowGroups[i].Columns[c].MetaData, nil, fmt.Sprintf("row group %d column %s", i, p.cols[c].path))
	if err != nil {
		return st, err
	}
	err = p.column(i, c, fcc.PagesFrom(at), onNote, fn, &st)
	return st, err
}

func (p *Parquet) column(rgIdx, c int, pages parquet.Pages, onNote func(Note), fn func(Record) error, st *Stats) error {
	col := p.cols[c]
	defer pages.Close()
	vals := make([]parquet.Value, 1024)
	var num []byte
	row := p.rgStart[rgIdx] - 1
	for {
		page, err := pages.ReadPage()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return errorf(ErrCorrupt, err, "parquet: row group %d column %s", rgIdx, col.path)
		}
		vr := page.Values()
		for {
			n, err := vr.ReadValues(vals)
			for _, v := range vals[:n] {
				if v.RepetitionLevel() == 0 {
					row++
				}
				if v.IsNull() {
					continue
				}
				var text []byte
				switch col.kind {
				case kindBytes:
					text = v.ByteArray()
				case kindInt:
					if v.Kind() == parquet.Int32 {
						num = strconv.AppendInt(num[:0], int64(v.Int32()), 10)
					} else {
						num = strconv.AppendInt(num[:0], v.Int64(), 10)
					}
					text = num
				case kindFloat:
					f := v.Double()
					if v.Kind() == parquet.Float {
						f = float64(v.Float())
					}
					if math.IsNaN(f) || math.IsInf(f, 0) {
						continue
					}
					num = strconv.AppendFloat(num[:0], f, 'f', -1, 64)
					text = num
				}
				if len(text) == 0 {
					continue
				}
				loc := Location{Offset: -1, Row: row, RowGroup: rgIdx, Index: c}
				if max := p.lim.MaxRecordBytes; max > 0 && len(text) > max {
					if onNote != nil {
						onNote(Note{Loc: loc, Msg: fmt.Sprintf("row %d column %s: value over %d bytes, skipped", row, col.path, max),
							Err: errorf(ErrRecordTooLarge, nil, "row %d column %s: value over %d bytes", row, col.path, max)})
					}
					continue
				}
				st.Records++
				st.Bytes += int64(len(text))
				if err := fn(Record{Text: text, Field: col.path, Loc: loc, Map: MapNone}); err != nil {
					parquet.Release(page)
					return err
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				parquet.Release(page)
				return errorf(ErrCorrupt, err, "parquet: row group %d column %s", rgIdx, col.path)
			}
		}
		parquet.Release(page)
	}
}

// decodeParquet decodes every row group in order (Decode's Parquet path;
// callers that want parallelism use OpenParquet and DecodeRowGroup).
func decodeParquet(ctx context.Context, obj Object, lim Limits, st Stats, note func(Note), fn func(Record) error) (Stats, error) {
	p, err := OpenParquet(obj.At, obj.Size, lim)
	if err != nil {
		return st, err
	}
	for i := range p.RowGroups() {
		rs, err := p.DecodeRowGroup(ctx, i, note, fn)
		st.Rows += rs.Rows
		st.Records += rs.Records
		st.Bytes += rs.Bytes
		if err != nil {
			return st, err
		}
	}
	return st, nil
}
