package decode

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// FuzzDecode: no input panics any text format; every record's Raw lies in
// the object at its offset, and positions inside a record never go back.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"a,b\n1,\"x\"\"y\"\r\n", "{\"a\":[1,\"\\u00e9\"]}\nnot json\n", "\"open\n", "h\tv\nx\ty\n",
		"é😀\n\n", "\ufeffname\n\"a\"b\",c\n", "{\"k\": \"v\\\"", "a\r\n\r\n\"\"\"\"",
	} {
		for fmt := byte(0); fmt < 5; fmt++ {
			f.Add(fmt, []byte(s))
		}
	}
	names := []string{"a.txt", "a.jsonl", "a.json", "a.csv", "a.tsv"}
	f.Fuzz(func(t *testing.T, fmtIdx byte, data []byte) {
		name := names[int(fmtIdx)%len(names)]
		_, _ = Decode(context.Background(), Object{Name: name, Size: int64(len(data)), Body: bytes.NewReader(data)},
			Options{Limits: Limits{TextChunkBytes: 1024, MaxRecordBytes: 512}}, func(r Record) error {
				if r.Loc.Offset < 0 || r.Loc.Offset+int64(len(r.Raw)) > int64(len(data)) {
					t.Fatalf("%s: raw [%d,+%d) outside %d bytes", name, r.Loc.Offset, len(r.Raw), len(data))
				}
				if !bytes.Equal(data[r.Loc.Offset:r.Loc.Offset+int64(len(r.Raw))], r.Raw) {
					t.Fatalf("%s: raw %q is not the object's bytes at %d", name, r.Raw, r.Loc.Offset)
				}
				l := NewLocator(&r)
				var last Position
				for i := 0; i <= len(r.Text); i++ {
					p, off := l.At(i)
					if off < r.Loc.Offset || off > r.Loc.Offset+int64(len(r.Raw)) {
						t.Fatalf("%s: text offset %d maps to %d outside the record", name, i, off)
					}
					if p.Line < last.Line || p.Line == last.Line && p.Column < last.Column {
						t.Fatalf("%s: position went back: %+v after %+v", name, p, last)
					}
					last = p
				}
				return nil
			})
	})
}

// FuzzParquet: a damaged Parquet file never panics the decoder nor makes
// it allocate what a damaged header declares; it is decoded or rejected with
// an *Error. The input is a valid file with two bytes changed (mutating the
// whole file as a []byte argument stalled Go's fuzzer on this target).
func FuzzParquet(f *testing.F) {
	good := writeParquet(f, flatRows(20), 8)
	f.Add(uint16(0), byte(0), uint16(0), byte(0))
	f.Add(uint16(len(good)-5), byte(0x28), uint16(0), byte(0))
	f.Add(uint16(1084), byte(0x88), uint16(40), byte(0x10))
	f.Fuzz(func(t *testing.T, at1 uint16, x1 byte, at2 uint16, x2 byte) {
		data := bytes.Clone(good)
		data[int(at1)%len(data)] ^= x1
		data[int(at2)%len(data)] ^= x2
		_, err := Decode(context.Background(), Object{Name: "f.parquet", Size: int64(len(data)), At: bytes.NewReader(data)},
			Options{Limits: Limits{MaxDecompressedBytes: 64 << 20}}, func(Record) error { return nil })
		var de *Error
		if err != nil && !errors.As(err, &de) {
			t.Fatalf("error %v is not an *Error", err)
		}
	})
}
