package decode

import (
	"bytes"
	"unicode/utf8"

	"github.com/weir-dev/weir/internal/jsonwalk"
)

// Position is a place in a text object: Line, Column (characters) and
// Column16 (UTF-16 code units) are 1-based.
type Position struct {
	Line, Column, Column16 int
}

// advance returns the position after data, which starts at p. An invalid
// UTF-8 byte counts as one character.
func advance(p Position, data []byte) Position {
	if nl := bytes.LastIndexByte(data, '\n'); nl >= 0 {
		p = Position{Line: p.Line + bytes.Count(data[:nl+1], []byte{'\n'}), Column: 1, Column16: 1}
		data = data[nl+1:]
	}
	for i := 0; i < len(data); {
		if c := data[i]; c < utf8.RuneSelf {
			i++
			p.Column++
			p.Column16++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		i += n
		p.Column++
		p.Column16++
		if r > 0xFFFF {
			p.Column16++
		}
	}
	return p
}

// cursor computes positions of increasing offsets in one buffer whose
// first byte is at position base: many lookups on one line cost one pass.
type cursor struct {
	data []byte
	off  int
	pos  Position
}

func newCursor(data []byte, base Position) cursor {
	return cursor{data: data, pos: base}
}

// at returns the position of offset off; offsets below the last one start
// over from the base.
func (c *cursor) at(off int) Position {
	off = max(0, min(off, len(c.data)))
	if off < c.off {
		panic("decode: cursor moved backwards")
	}
	// An offset inside a UTF-8 sequence is the position of the sequence's
	// first byte (and the state stays at a character boundary).
	at := off
	for k := 0; k < utf8.UTFMax-1 && at > c.off && at < len(c.data) && !utf8.RuneStart(c.data[at]); k++ {
		at--
	}
	c.pos = advance(c.pos, c.data[c.off:at])
	c.off = at
	return c.pos
}

// RawOffset maps an offset into r.Text onto an offset into r.Raw.
func (r *Record) RawOffset(off int) int {
	switch r.Map {
	case MapJSON:
		return jsonwalk.RawOffset(r.Raw, off)
	case MapCSV:
		return csvRawOffset(r.Raw, r.Text, off)
	case MapSame:
		return max(0, min(off, len(r.Raw)))
	}
	return 0
}

// Locator maps offsets into one record's Text onto positions in its
// object. Lookups in ascending order are incremental (findings come sorted).
type Locator struct {
	rec  *Record
	last int
	cur  cursor
}

// NewLocator returns a Locator for rec; rec's Raw must still be valid
// (copy a record before handing it to another goroutine).
func NewLocator(rec *Record) *Locator {
	return &Locator{rec: rec, cur: newCursor(rec.Raw, Position{rec.Loc.Line, rec.Loc.Column, rec.Loc.Column16})}
}

// At returns the position of byte off of the record's Text, and its offset
// in the object. For Parquet records (no raw bytes) it returns the zero
// Position and -1.
func (l *Locator) At(off int) (Position, int64) {
	if l.rec.Map == MapNone {
		return Position{}, -1
	}
	raw := l.rec.RawOffset(off)
	if raw < l.cur.off {
		l.cur = newCursor(l.rec.Raw, Position{l.rec.Loc.Line, l.rec.Loc.Column, l.rec.Loc.Column16})
	}
	return l.cur.at(raw), l.rec.Loc.Offset + int64(raw)
}

// csvRawOffset maps offset off of a decoded cell onto its raw bytes: inside
// quotes `""` is one '"' and "\r\n" is one '\n'.
func csvRawOffset(raw, cell []byte, off int) int {
	quoted := len(raw) > 0 && raw[0] == '"'
	p := 0
	if quoted {
		p++
	}
	for i := 0; i < off && i < len(cell) && p < len(raw); i++ {
		switch {
		case quoted && cell[i] == '"' && raw[p] == '"':
			p += 2
		case quoted && cell[i] == '\n' && raw[p] == '\r':
			p += 2
		default:
			p++
		}
	}
	return min(p, len(raw))
}
