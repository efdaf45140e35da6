package pgcapture

import (
	"encoding/binary"
	"testing"
	"time"
)

func TestLSN(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
		v  LSN
	}{
		{"0/0", true, 0}, {"16/B374D848", true, 0x16_B374D848}, {"FFFFFFFF/FFFFFFFF", true, ^LSN(0)},
		{"", false, 0}, {"16", false, 0}, {"x/1", false, 0},
	} {
		v, err := ParseLSN(c.s)
		if (err == nil) != c.ok || v != c.v {
			t.Errorf("ParseLSN(%q) = %v, %v", c.s, v, err)
		}
		if c.ok && v.String() != c.s {
			t.Errorf("String() = %s, want %s", v, c.s)
		}
	}
}

func TestStandbyStatus(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	b := standbyStatus(0x20, 0x10, now)
	if len(b) != 34 || b[0] != 'r' || binary.BigEndian.Uint64(b[1:]) != 0x20 || binary.BigEndian.Uint64(b[9:]) != 0x10 ||
		binary.BigEndian.Uint64(b[17:]) != 0x10 || !pgTime(int64(binary.BigEndian.Uint64(b[25:]))).Equal(now) || b[33] != 0 {
		t.Errorf("status % x", b)
	}
	x, err := parseXLogData(append(append(be64(5), be64(9)...), append(be64(0), 'B')...))
	if err != nil || x.walStart != 5 || x.walEnd != 9 || string(x.data) != "B" {
		t.Errorf("xlogdata %+v %v", x, err)
	}
	if _, err := parseXLogData(make([]byte, 23)); err == nil {
		t.Error("short xlogdata accepted")
	}
	k, err := parseKeepalive(append(append(be64(7), be64(0)...), 1))
	if err != nil || k.walEnd != 7 || !k.reply {
		t.Errorf("keepalive %+v %v", k, err)
	}
	if _, err := parseKeepalive(make([]byte, 16)); err == nil {
		t.Error("short keepalive accepted")
	}
}

func be64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }
func be32(v uint32) []byte { return binary.BigEndian.AppendUint32(nil, v) }
func be16(v uint16) []byte { return binary.BigEndian.AppendUint16(nil, v) }
func cat(b ...[]byte) []byte {
	var out []byte
	for _, x := range b {
		out = append(out, x...)
	}
	return out
}

// Messages as PostgreSQL's pgoutput (v1) writes them.
var (
	msgRelation = cat([]byte("R"), be32(16384), []byte("public\x00docs\x00"), []byte{'d'}, be16(3),
		[]byte{1}, []byte("id\x00"), be32(20), be32(0xFFFFFFFF),
		[]byte{0}, []byte("content\x00"), be32(25), be32(0xFFFFFFFF),
		[]byte{0}, []byte("embedding\x00"), be32(1021), be32(0xFFFFFFFF))
	msgInsert = cat([]byte("I"), be32(16384), []byte("N"), be16(3),
		[]byte("t"), be32(1), []byte("1"), []byte("t"), be32(5), []byte("hello"), []byte("n"))
	msgUpdate = cat([]byte("U"), be32(16384), []byte("K"), be16(1), []byte("t"), be32(1), []byte("1"),
		[]byte("N"), be16(3), []byte("t"), be32(1), []byte("1"), []byte("u"), []byte("t"), be32(7), []byte("{1,2,3}"))
	msgBegin  = cat([]byte("B"), be64(0x100), be64(0), be32(42))
	msgCommit = cat([]byte("C"), []byte{0}, be64(0x100), be64(0x108), be64(0))
)

func TestParseMessage(t *testing.T) {
	m, err := parseMessage(msgRelation)
	rel, ok := m.(*relation)
	if err != nil || !ok || rel.namespace != "public" || rel.name != "docs" || len(rel.columns) != 3 ||
		!rel.columns[0].key || rel.columns[1].name != "content" || rel.columns[2].typeOID != 1021 {
		t.Fatalf("relation %+v %v", m, err)
	}
	m, err = parseMessage(msgInsert)
	row, ok := m.(rowMsg)
	if err != nil || !ok || row.op != 'I' || len(row.new) != 3 || string(row.new[1].data) != "hello" || row.new[2].kind != 'n' {
		t.Fatalf("insert %+v %v", m, err)
	}
	m, err = parseMessage(msgUpdate)
	row, ok = m.(rowMsg)
	if err != nil || !ok || row.op != 'U' || len(row.new) != 3 || row.new[1].kind != 'u' || string(row.new[2].data) != "{1,2,3}" {
		t.Fatalf("update %+v %v", m, err)
	}
	if m, err := parseMessage(msgBegin); err != nil || m.(beginMsg).xid != 42 || m.(beginMsg).finalLSN != 0x100 {
		t.Errorf("begin %+v %v", m, err)
	}
	if m, err := parseMessage(msgCommit); err != nil || m.(commitMsg).endLSN != 0x108 {
		t.Errorf("commit %+v %v", m, err)
	}
	if m, err := parseMessage([]byte("D\x00\x00\x40\x00K")); err != nil || m.(skipMsg).tag != 'D' {
		t.Errorf("delete %+v %v", m, err)
	}
	bad := map[string][]byte{
		"empty":            nil,
		"unknown tag":      []byte("Z"),
		"truncated insert": msgInsert[:len(msgInsert)-3],
		"insert without N": cat([]byte("I"), be32(1), []byte("X"), be16(0)),
		"huge column":      cat([]byte("I"), be32(1), []byte("N"), be16(1), []byte("t"), be32(0x7FFFFFFF)),
		"bad column kind":  cat([]byte("I"), be32(1), []byte("N"), be16(1), []byte("z")),
		"too many columns": cat([]byte("I"), be32(1), []byte("N"), be16(1000), []byte("n")),
		"unterminated":     cat([]byte("R"), be32(1), []byte("public")),
		"short commit":     msgCommit[:10],
	}
	for name, b := range bad {
		if _, err := parseMessage(b); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
