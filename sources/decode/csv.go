package decode

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// csvCell is one cell of a parsed record: raw bytes [start,end) of the
// record and the decoded value [vs,ve) of the value buffer.
type csvCell struct {
	start, end int
	vs, ve     int
}

// parseCSVRecord parses one record at the start of buf, with the quoting
// rules of encoding/csv with LazyQuotes: a quote in an unquoted field is a
// quote; in a quoted field `""` is a quote, a quote before a comma or line
// end closes the field, any other quote is kept; "\r\n" is a line end (and a
// '\n' inside quotes). It returns the bytes the record takes (its line end
// included) and complete=false when buf ends inside quotes, or before a line
// end while !eof.
func parseCSVRecord(buf []byte, comma byte, eof bool, cells []csvCell, vals []byte) (_ []csvCell, _ []byte, n int, complete bool) {
	cells, vals = cells[:0], vals[:0]
	i := 0
	for {
		c := csvCell{start: i, vs: len(vals)}
		if i < len(buf) && buf[i] == '"' {
			i++
			closed := false
			for !closed {
				j := bytes.IndexByte(buf[i:], '"')
				if j < 0 {
					return cells, vals, 0, false // inside quotes at the end of buf
				}
				vals = appendCRLF(vals, buf[i:i+j])
				i += j + 1
				switch {
				case i < len(buf) && buf[i] == '"':
					vals = append(vals, '"')
					i++
				case i == len(buf) && !eof:
					return cells, vals, 0, false // the next byte decides
				case i == len(buf) || buf[i] == comma || buf[i] == '\n' || buf[i] == '\r' && i+1 < len(buf) && buf[i+1] == '\n':
					closed = true
				case buf[i] == '\r' && i+1 == len(buf) && !eof:
					return cells, vals, 0, false
				default:
					vals = append(vals, '"') // lazy: a stray quote is kept
				}
			}
		}
		// unquoted part (or what follows a closing quote, kept like LazyQuotes)
		j := i
		for j < len(buf) && buf[j] != comma && buf[j] != '\n' {
			j++
		}
		if j == len(buf) && !eof {
			return cells, vals, 0, false
		}
		part := buf[i:j]
		if j < len(buf) && buf[j] == '\n' || j == len(buf) {
			part = bytes.TrimSuffix(part, []byte{'\r'})
		}
		vals = append(vals, part...)
		c.end, c.ve = i+len(part), len(vals)
		cells = append(cells, c)
		switch {
		case j == len(buf):
			return cells, vals, j, true
		case buf[j] == '\n':
			return cells, vals, j + 1, true
		}
		i = j + 1 // after the comma
	}
}

// appendCRLF appends b with every "\r\n" as "\n" (encoding/csv does so
// inside quoted fields).
func appendCRLF(dst, b []byte) []byte {
	for {
		k := bytes.Index(b, []byte("\r\n"))
		if k < 0 {
			return append(dst, b...)
		}
		dst = append(dst, b[:k]...)
		dst = append(dst, '\n')
		b = b[k+2:]
	}
}

// csv emits every non-empty cell with its header as the field name; the
// header row's cells are emitted as text with no field. A record that never
// ends (an unclosed quote) sends the rest of the object to text, with a note.
func (d *streamDecoder) csv(comma byte) error {
	var (
		buf    []byte
		cells  []csvCell
		vals   []byte
		header []string
		row    int64 = -1
	)
	eof := false
	for {
		// Read lines until the record at the start of buf is complete.
		var n int
		var complete bool
		tried := -1 // len(buf) at the last incomplete parse: reparse when it doubles
		for {
			if eof || len(buf) > 0 && buf[len(buf)-1] == '\n' && len(buf) >= 2*tried {
				cells, vals, n, complete = parseCSVRecord(buf, comma, eof, cells, vals)
				if complete {
					break
				}
				tried = len(buf)
				if eof {
					d.note(Note{Loc: d.loc(row), Msg: fmt.Sprintf("CSV: record on line %d: missing closing quote; rest of file scanned as text", d.pos.Line)})
					return d.text(buf)
				}
			}
			if max := d.lim.MaxRecordBytes; max > 0 && len(buf) > max {
				d.note(Note{Loc: d.loc(row), Msg: fmt.Sprintf("CSV: record on line %d over %d bytes; rest of file scanned as text", d.pos.Line, max)})
				return d.text(buf)
			}
			line, err := d.br.ReadSlice('\n')
			buf = append(buf, line...)
			switch {
			case err == io.EOF:
				eof = true
			case err != nil && err != bufferFull:
				return readErr(err)
			}
		}
		if n == 0 && eof {
			break
		}
		rec := buf[:n]
		if len(cells) == 1 && cells[0].ve == cells[0].vs && IsBlank(rec) { // a blank line is no record
			d.consumed(rec)
			buf = append(buf[:0], buf[n:]...)
			if eof && len(buf) == 0 {
				break
			}
			continue
		}
		if row < 0 {
			header = csvHeader(rec, cells, vals)
		}
		if err := d.csvCells(rec, cells, vals, header, row); err != nil {
			return err
		}
		d.consumed(rec)
		buf = append(buf[:0], buf[n:]...)
		row++
		if eof && len(buf) == 0 {
			break
		}
	}
	d.st.Rows = max(row, 0)
	return nil
}

func csvHeader(rec []byte, cells []csvCell, vals []byte) []string {
	h := make([]string, len(cells))
	for i, c := range cells {
		h[i] = string(vals[c.vs:c.ve])
	}
	if len(h) > 0 {
		h[0] = string(bytes.TrimPrefix([]byte(h[0]), []byte("\ufeff"))) // a UTF-8 BOM is not part of the name
	}
	return h
}

// csvCells emits the non-empty cells of one record.
func (d *streamDecoder) csvCells(rec []byte, cells []csvCell, vals []byte, header []string, row int64) error {
	cur := newCursor(rec, d.pos)
	for i, c := range cells {
		if c.ve == c.vs {
			continue
		}
		name := ""
		if row >= 0 {
			name = "column " + strconv.Itoa(i+1)
			if i < len(header) && header[i] != "" {
				name = header[i]
			}
		}
		p := cur.at(c.start)
		r := Record{Text: vals[c.vs:c.ve], Field: name, Raw: rec[c.start:c.end], Map: MapCSV,
			Loc: Location{Offset: d.off + int64(c.start), Line: p.Line, Column: p.Column, Column16: p.Column16, Row: row, RowGroup: -1, Index: i}}
		if err := d.emit(r); err != nil {
			return err
		}
	}
	return nil
}

var bufferFull = bufio.ErrBufferFull
