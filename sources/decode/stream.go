package decode

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/weir-dev/weir/internal/jsonwalk"
)

// streamDecoder decodes the text formats from one decompressed stream.
type streamDecoder struct {
	ctx  context.Context
	lim  Limits
	fn   func(Record) error
	note func(Note)
	st   *Stats

	br  *bufio.Reader
	off int64    // object offset of the next unread byte of br
	pos Position // its position
	n   int      // records since the last context check
}

func (d *streamDecoder) run(r io.Reader, f Format) error {
	d.br = bufio.NewReaderSize(r, 64<<10)
	d.pos = Position{1, 1, 1}
	if n := d.lim.BinarySniffBytes; n > 0 {
		head, err := d.br.Peek(min(n, d.br.Size()))
		if bytes.IndexByte(head, 0) >= 0 {
			return errorf(ErrBinary, nil, "NUL byte in the first %d bytes", n)
		}
		if err != nil && err != io.EOF {
			return readErr(err)
		}
	}
	var err error
	switch f {
	case FormatJSONL:
		err = d.jsonl()
	case FormatJSON:
		err = d.json()
	case FormatCSV:
		err = d.csv(',')
	case FormatTSV:
		err = d.csv('\t')
	default:
		err = d.text(nil)
	}
	d.st.Bytes = d.off
	return err
}

// readErr passes an *Error (a limit, a corrupt stream) through and wraps
// anything else (an I/O error).
func readErr(err error) error {
	var de *Error
	if errors.As(err, &de) {
		return err
	}
	return fmt.Errorf("read: %w", err)
}

func (d *streamDecoder) emit(r Record) error {
	d.st.Records++
	if d.n++; d.n >= 256 {
		d.n = 0
		if err := d.ctx.Err(); err != nil {
			return err
		}
	}
	return d.fn(r)
}

// consumed advances the stream position over data.
func (d *streamDecoder) consumed(data []byte) {
	d.pos = advance(d.pos, data)
	d.off += int64(len(data))
}

// text emits the stream (after prefix, bytes already read from it) in
// chunks of about TextChunkBytes, cut after a line end when the chunk has
// one, else before a UTF-8 sequence.
func (d *streamDecoder) text(prefix []byte) error {
	size := d.lim.TextChunkBytes
	buf := make([]byte, 0, size+len(prefix))
	buf = append(buf, prefix...)
	eof := false
	for !eof || len(buf) > 0 {
		if !eof && len(buf) < size {
			n, err := io.ReadFull(d.br, buf[len(buf):size])
			buf = buf[:len(buf)+n]
			switch {
			case err == io.EOF || err == io.ErrUnexpectedEOF:
				eof = true
			case err != nil:
				return readErr(err)
			}
		}
		cut := len(buf)
		if !eof && len(buf) >= size {
			cut = cutPoint(buf)
		}
		if cut == 0 {
			continue
		}
		chunk := buf[:cut]
		if err := d.emit(Record{Text: chunk, Raw: chunk, Map: MapSame, Loc: d.loc(-1)}); err != nil {
			return err
		}
		d.consumed(chunk)
		buf = append(buf[:0], buf[cut:]...)
	}
	d.st.Rows = int64(d.pos.Line - 1)
	if d.pos.Column > 1 {
		d.st.Rows++
	}
	return nil
}

// cutPoint returns where to end a full text chunk: after its last line end,
// else at the start of its last UTF-8 sequence.
func cutPoint(buf []byte) int {
	if nl := bytes.LastIndexByte(buf, '\n'); nl >= 0 {
		return nl + 1
	}
	for i := len(buf) - 1; i > 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if utf8.FullRune(buf[i:]) {
				return len(buf)
			}
			return i
		}
	}
	return len(buf)
}

// loc is the location of the next byte, with row; row -1 means "the line
// index" (text).
func (d *streamDecoder) loc(row int64) Location {
	if row < 0 {
		row = int64(d.pos.Line - 1)
	}
	return Location{Offset: d.off, Line: d.pos.Line, Column: d.pos.Column, Column16: d.pos.Column16, Row: row, RowGroup: -1, Index: -1}
}

// readLine reads the next line of the stream into buf (without "\n" and
// "\r"). n is the number of bytes consumed from the stream. A line longer
// than max is consumed and returned with tooLong and no data.
func (d *streamDecoder) readLine(buf []byte, max int) (line []byte, n int, tooLong bool, err error) {
	line, n, tooLong, err = readLineRaw(d.br, buf, max)
	return
}

// jsonl emits every string and number of every line; a line that is not
// valid JSON is emitted as text (with a note); blank lines are skipped.
func (d *streamDecoder) jsonl() error {
	var buf, text []byte
	var row int64
	for {
		line, n, tooLong, err := d.readLine(buf[:0], d.lim.MaxRecordBytes)
		buf = line
		if err == io.EOF {
			break
		}
		if err != nil {
			return readErr(err)
		}
		lineNo := d.pos.Line
		switch {
		case tooLong:
			d.note(Note{Loc: d.loc(row), Msg: fmt.Sprintf("line %d: over %d bytes, skipped", lineNo, d.lim.MaxRecordBytes),
				Err: errorf(ErrRecordTooLarge, nil, "line %d: over %d bytes", lineNo, d.lim.MaxRecordBytes)})
			row++
		case IsBlank(line):
		case json.Valid(line):
			if text, err = d.jsonDoc(line, row, text); err != nil {
				return err
			}
			row++
		default:
			d.note(Note{Loc: d.loc(row), Msg: fmt.Sprintf("line %d: not valid JSON, scanned as text", lineNo)})
			if err := d.emit(Record{Text: line, Raw: line, Map: MapSame, Loc: d.loc(row)}); err != nil {
				return err
			}
			row++
		}
		d.pos = Position{Line: d.pos.Line + 1, Column: 1, Column16: 1}
		d.off += int64(n)
	}
	d.st.Rows = row
	return nil
}

// jsonDoc emits the values of doc, which starts at the decoder's position.
// text is a scratch buffer, returned for reuse.
func (d *streamDecoder) jsonDoc(doc []byte, row int64, text []byte) ([]byte, error) {
	cur := newCursor(doc, d.pos)
	var err error
	jsonwalk.Walk(doc, func(v jsonwalk.Value) {
		if err != nil {
			return
		}
		p := cur.at(v.Off)
		rec := Record{Field: v.Path, Raw: v.Raw, Map: MapSame, Text: v.Raw,
			Loc: Location{Offset: d.off + int64(v.Off), Line: p.Line, Column: p.Column, Column16: p.Column16, Row: row, RowGroup: -1, Index: -1}}
		if v.IsString() {
			text = jsonwalk.Unquote(text[:0], v.Raw)
			rec.Text, rec.Map = text, MapJSON
		}
		err = d.emit(rec)
	})
	return text, err
}

// json emits the values of a whole-object JSON document, or the object as
// text (with a note) if it is not one.
func (d *streamDecoder) json() error {
	limit := d.lim.MaxDocumentBytes
	doc, err := io.ReadAll(io.LimitReader(d.br, int64(limit)+1))
	if err != nil {
		return readErr(err)
	}
	if limit > 0 && len(doc) > limit {
		return errorf(ErrRecordTooLarge, nil, "JSON document over %d bytes", limit)
	}
	if !json.Valid(doc) {
		d.note(Note{Loc: d.loc(0), Msg: "not valid JSON, scanned as text"})
		return d.text(doc)
	}
	if _, err := d.jsonDoc(doc, 0, nil); err != nil {
		return err
	}
	d.consumed(doc)
	d.st.Rows = 1
	return nil
}

// IsBlank reports whether b holds only ASCII white space.
func IsBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}
