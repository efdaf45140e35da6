package pgcapture

import (
	"encoding/binary"
	"fmt"
)

// The pgoutput (protocol version 1) messages the capturer uses; the others
// (origin, type, message, truncate, delete) are recognised and skipped.
// See PostgreSQL's "Logical Replication Message Formats".

type column struct {
	name    string
	typeOID uint32
	key     bool
}

type relation struct {
	id        uint32
	namespace string
	name      string
	columns   []column
}

// tupleValue is one column of a row: kind 'n' (null), 'u' (unchanged
// TOASTed value, not sent), 't' (text) or 'b' (binary).
type tupleValue struct {
	kind byte
	data []byte
}

type beginMsg struct {
	finalLSN LSN
	xid      uint32
}

type commitMsg struct {
	commitLSN, endLSN LSN
}

type rowMsg struct {
	op    byte // 'I' insert, 'U' update
	relID uint32
	new   []tupleValue
}

// skipMsg is a message the capturer ignores.
type skipMsg struct{ tag byte }

// reader reads big-endian protocol fields, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) need(n int) bool {
	if r.err != nil {
		return false
	}
	if n < 0 || len(r.b) < n {
		r.err = errShort
		return false
	}
	return true
}

func (r *reader) u8() byte {
	if !r.need(1) {
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) u16() uint16 {
	if !r.need(2) {
		return 0
	}
	v := binary.BigEndian.Uint16(r.b)
	r.b = r.b[2:]
	return v
}

func (r *reader) u32() uint32 {
	if !r.need(4) {
		return 0
	}
	v := binary.BigEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) u64() uint64 {
	if !r.need(8) {
		return 0
	}
	v := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

// str reads a NUL-terminated string.
func (r *reader) str() string {
	if r.err != nil {
		return ""
	}
	for i, c := range r.b {
		if c == 0 {
			s := string(r.b[:i])
			r.b = r.b[i+1:]
			return s
		}
	}
	r.err = errShort
	return ""
}

func (r *reader) bytes(n int) []byte {
	if !r.need(n) {
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) tuple() []tupleValue {
	n := int(r.u16())
	if r.err != nil {
		return nil
	}
	if n > len(r.b) { // each column takes at least one byte
		r.err = errShort
		return nil
	}
	out := make([]tupleValue, n)
	for i := range out {
		k := r.u8()
		switch k {
		case 'n', 'u':
			out[i] = tupleValue{kind: k}
		case 't', 'b':
			l := r.u32()
			if l > 1<<30 {
				r.err = fmt.Errorf("pgcapture: column length %d", l)
				return nil
			}
			out[i] = tupleValue{kind: k, data: r.bytes(int(l))}
		default:
			if r.err == nil {
				r.err = fmt.Errorf("pgcapture: unknown tuple column kind %q", k)
			}
			return nil
		}
	}
	return out
}

// parseMessage decodes one pgoutput message: *relation, beginMsg,
// commitMsg, rowMsg or skipMsg.
func parseMessage(b []byte) (any, error) {
	if len(b) == 0 {
		return nil, errShort
	}
	r := &reader{b: b[1:]}
	var out any
	switch tag := b[0]; tag {
	case 'B':
		m := beginMsg{finalLSN: LSN(r.u64())}
		r.u64() // commit time
		m.xid = r.u32()
		out = m
	case 'C':
		r.u8() // flags
		out = commitMsg{commitLSN: LSN(r.u64()), endLSN: LSN(r.u64())}
		r.u64() // commit time
	case 'R':
		rel := &relation{id: r.u32(), namespace: r.str(), name: r.str()}
		r.u8() // replica identity
		n := int(r.u16())
		if r.err == nil && n > len(r.b) {
			r.err = errShort
		}
		for i := 0; i < n && r.err == nil; i++ {
			flags := r.u8()
			c := column{name: r.str(), typeOID: r.u32(), key: flags&1 != 0}
			r.u32() // type modifier
			rel.columns = append(rel.columns, c)
		}
		out = rel
	case 'I':
		m := rowMsg{op: 'I', relID: r.u32()}
		if k := r.u8(); r.err == nil && k != 'N' {
			return nil, fmt.Errorf("pgcapture: insert: unexpected tuple tag %q", k)
		}
		m.new = r.tuple()
		out = m
	case 'U':
		m := rowMsg{op: 'U', relID: r.u32()}
		k := r.u8()
		if k == 'K' || k == 'O' { // old key or old row, then the new row
			r.tuple()
			k = r.u8()
		}
		if r.err == nil && k != 'N' {
			return nil, fmt.Errorf("pgcapture: update: unexpected tuple tag %q", k)
		}
		m.new = r.tuple()
		out = m
	case 'D', 'T', 'Y', 'O', 'M':
		out = skipMsg{tag: tag}
	default:
		return nil, fmt.Errorf("pgcapture: unknown pgoutput message %q", tag)
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
}
