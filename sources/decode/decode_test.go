package decode

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// got is a record as the tests compare it: the text, its field and the
// position of the text's first byte.
type got struct {
	Text, Field string
	Line, Col   int
	Row         int64
}

func decodeAll(t *testing.T, name string, data []byte, opt Options) ([]got, []Note, Stats, error) {
	t.Helper()
	var out []got
	var notes []Note
	opt.OnNote = func(n Note) { notes = append(notes, n) }
	st, err := Decode(context.Background(), Object{Name: name, Size: int64(len(data)), Body: bytes.NewReader(data), At: bytes.NewReader(data)}, opt,
		func(r Record) error {
			g := got{Text: string(r.Text), Field: r.Field, Row: r.Loc.Row}
			if r.Map != MapNone {
				p, off := NewLocator(&r).At(0)
				g.Line, g.Col = p.Line, p.Column
				if _, c := FormatOf(name); c == CompressionNone && (off < 0 || off > int64(len(data))) {
					t.Errorf("%s: offset %d outside the object", name, off)
				}
			}
			out = append(out, g)
			return nil
		})
	return out, notes, st, err
}

func TestFormatOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    Format
		c    Compression
	}{
		{"a.txt", FormatText, CompressionNone},
		{"dir/a.JSONL", FormatJSONL, CompressionNone},
		{"a.ndjson.gz", FormatJSONL, CompressionGzip},
		{"s3/key/a.json.zst", FormatJSON, CompressionZstd},
		{"a.csv.zstd", FormatCSV, CompressionZstd},
		{"a.tsv", FormatTSV, CompressionNone},
		{"part-0.parquet", FormatParquet, CompressionNone},
		{"a.gz", FormatText, CompressionGzip},
		{"noext", FormatText, CompressionNone},
		{"a.parquet.bak", FormatText, CompressionNone}, // hard negative
		{"csv", FormatText, CompressionNone},
	} {
		if f, c := FormatOf(tc.name); f != tc.f || c != tc.c {
			t.Errorf("FormatOf(%q) = %v %v, want %v %v", tc.name, f, c, tc.f, tc.c)
		}
	}
}

func TestDecodeFormats(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  string
		want  []got
		notes int
		rows  int64
	}{
		{"t.txt", "line one\nzz é wtm\n", []got{{"line one\nzz é wtm\n", "", 1, 1, 0}}, 0, 2},
		{"t.txt", "no newline", []got{{"no newline", "", 1, 1, 0}}, 0, 1},
		{"empty.txt", "", nil, 0, 0},
		{"d.jsonl", `{"a":1,"msg":{"body":["x","é \"q\""]}}` + "\n\n" + "not json\n",
			[]got{{"1", "a", 1, 6, 0}, {"x", "msg.body[0]", 1, 24, 0}, {`é "q"`, "msg.body[1]", 1, 28, 0}, {"not json", "", 3, 1, 1}}, 1, 2},
		{"d.json", "{\n  \"k\": \"v\", \"n\": [1, true, null]\n}\n", []got{{"v", "k", 2, 9, 0}, {"1", "n[0]", 2, 19, 0}}, 0, 1},
		{"bad.json", "{\"k\": ", []got{{"{\"k\": ", "", 1, 1, 0}}, 1, 1},
		{"c.csv", "id,secret\n1,x\n2,\"say \"\"hi\"\"\nthere\"\n",
			[]got{{"id", "", 1, 1, -1}, {"secret", "", 1, 4, -1}, {"1", "id", 2, 1, 0}, {"x", "secret", 2, 3, 0},
				{"2", "id", 3, 1, 1}, {"say \"hi\"\nthere", "secret", 3, 4, 1}}, 0, 2},
		{"crlf.csv", "a,b\r\n1,\"x\r\ny\"\r\n\r\n3,\r\n", []got{{"a", "", 1, 1, -1}, {"b", "", 1, 3, -1}, {"1", "a", 2, 1, 0},
			{"x\ny", "b", 2, 4, 0}, {"3", "a", 5, 1, 1}}, 0, 2},
		{"ragged.csv", "\ufeffname,\nx,y,z\n", []got{{"\ufeffname", "", 1, 1, -1}, {"x", "name", 2, 1, 0}, {"y", "column 2", 2, 3, 0}, {"z", "column 3", 2, 5, 0}}, 0, 1},
		{"lazy.csv", "h\na\"b\n\"c\"d\"\n", []got{{"h", "", 1, 1, -1}, {"a\"b", "h", 2, 1, 0}, {"c\"d", "h", 3, 2, 1}}, 0, 2},
		{"open.csv", "h\n\"never closed\nmore\n", []got{{"h", "", 1, 1, -1}, {"\"never closed\nmore\n", "", 2, 1, 1}}, 1, 3},
		{"t.tsv", "k\tv\nx\tab c\n", []got{{"k", "", 1, 1, -1}, {"v", "", 1, 3, -1}, {"x", "k", 2, 1, 0}, {"ab c", "v", 2, 3, 0}}, 0, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, notes, st, err := decodeAll(t, tc.name, []byte(tc.data), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(out) != fmt.Sprint(tc.want) {
				t.Errorf("records\n got %+v\nwant %+v", out, tc.want)
			}
			if len(notes) != tc.notes {
				t.Errorf("notes %+v, want %d", notes, tc.notes)
			}
			if tc.rows != st.Rows {
				t.Errorf("rows %d, want %d", st.Rows, tc.rows)
			}
		})
	}
}

// Positions inside a record: a finding's offset in a JSON string with
// escapes or a multi-line quoted CSV cell maps onto its place in the file.
func TestLocatorInsideRecords(t *testing.T) {
	for _, tc := range []struct {
		name, data, needle string
		line, col, col16   int
	}{
		{"j.jsonl", `{"a":"x\"yé😀 SECRET"}` + "\n", "SECRET", 1, 14, 15},
		{"c.csv", "h\n\"a\"\"b\r\nc SECRET\"\n", "SECRET", 3, 3, 3},
		{"t.txt", "ab\n😀é SECRET\n", "SECRET", 2, 4, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			found := false
			_, err := Decode(context.Background(), Object{Name: tc.name, Size: -1, Body: strings.NewReader(tc.data)}, Options{},
				func(r Record) error {
					i := bytes.Index(r.Text, []byte(tc.needle))
					if i < 0 {
						return nil
					}
					found = true
					p, off := NewLocator(&r).At(i)
					if p.Line != tc.line || p.Column != tc.col || p.Column16 != tc.col16 {
						t.Errorf("position %+v, want %d:%d (utf16 %d)", p, tc.line, tc.col, tc.col16)
					}
					if !strings.HasPrefix(tc.data[off:], tc.needle) {
						t.Errorf("offset %d points at %q", off, tc.data[off:])
					}
					return nil
				})
			if err != nil || !found {
				t.Fatalf("err %v found %v", err, found)
			}
		})
	}
}

// A text object is cut into chunks at line ends; chunks cover the object
// exactly and positions continue across them.
func TestTextChunks(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 5000; i++ {
		fmt.Fprintf(&b, "line %d é\n", i)
	}
	b.WriteString(strings.Repeat("x", 3000)) // a long last line without '\n'
	data := b.String()
	var all strings.Builder
	line := 1
	_, err := Decode(context.Background(), Object{Name: "a.txt", Size: -1, Body: strings.NewReader(data)},
		Options{Limits: Limits{TextChunkBytes: 1024}}, func(r Record) error {
			if len(r.Text) > 1024 {
				t.Errorf("chunk of %d bytes", len(r.Text))
			}
			if r.Loc.Offset != int64(all.Len()) || r.Loc.Line != line && r.Loc.Column == 1 {
				t.Errorf("chunk at offset %d line %d, want %d line %d", r.Loc.Offset, r.Loc.Line, all.Len(), line)
			}
			line += bytes.Count(r.Text, []byte{'\n'})
			all.Write(r.Text)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if all.String() != data {
		t.Error("chunks do not reassemble the object")
	}
}

func gzipBytes(t testing.TB, data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstdBytes(t testing.TB, data []byte) []byte {
	zw, err := zstd.NewWriter(nil)
	if err != nil {
		t.Fatal(err)
	}
	return zw.EncodeAll(data, nil)
}

func TestCompression(t *testing.T) {
	plain := []byte(`{"email":"a@b.example"}` + "\n")
	zeros := make([]byte, 32<<20)
	gz, zs := gzipBytes(t, plain), zstdBytes(t, plain)
	for _, tc := range []struct {
		name string
		data []byte
		lim  Limits
		want error // nil: decodes to plain's one record
	}{
		{"a.jsonl.gz", gz, Limits{}, nil},
		{"a.jsonl.zst", zs, Limits{}, nil},
		{"trunc.jsonl.gz", gz[:len(gz)-6], Limits{}, ErrCorrupt},
		{"trunc.jsonl.zst", zs[:len(zs)-3], Limits{}, ErrCorrupt},
		{"notgzip.gz", []byte("plain text"), Limits{}, ErrCorrupt},
		{"notzstd.zst", []byte("plain text"), Limits{}, ErrCorrupt},
		{"bomb.txt.gz", gzipBytes(t, zeros), Limits{BinarySniffBytes: -1}, ErrBomb},
		{"bomb.txt.zst", zstdBytes(t, zeros), Limits{BinarySniffBytes: -1}, ErrBomb},
		{"big.txt.gz", gzipBytes(t, zeros), Limits{BinarySniffBytes: -1, MaxRatio: -1, MaxDecompressedBytes: 1 << 20}, ErrTooLarge},
		{"ok-bomb.txt.gz", gzipBytes(t, zeros), Limits{BinarySniffBytes: -1, MaxRatio: 5000}, nil},
		{"stored.jsonl", plain, Limits{MaxObjectBytes: 10}, ErrTooLarge},
		{"zeros.txt", zeros[:100], Limits{}, ErrBinary},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _, _, err := decodeAll(t, tc.name, tc.data, Options{Limits: tc.lim})
			switch {
			case tc.want != nil:
				var de *Error
				if !errors.Is(err, tc.want) || !errors.As(err, &de) || de.Reason == "" {
					t.Fatalf("err %v, want %v", err, tc.want)
				}
			case err != nil:
				t.Fatal(err)
			case strings.HasPrefix(tc.name, "ok-"):
			case len(out) != 1 || out[0].Text != "a@b.example" || out[0].Field != "email":
				t.Errorf("records %+v", out)
			}
		})
	}
}

// A decompression bomb is stopped early: the decoder never holds more than
// a chunk of its output.
func TestBombStopsEarly(t *testing.T) {
	bomb := gzipBytes(t, make([]byte, 64<<20))
	n := 0
	_, err := Decode(context.Background(), Object{Name: "b.txt.gz", Size: int64(len(bomb)), Body: bytes.NewReader(bomb)},
		Options{Limits: Limits{BinarySniffBytes: -1}}, func(r Record) error { n += len(r.Text); return nil })
	if !errors.Is(err, ErrBomb) {
		t.Fatalf("err %v", err)
	}
	if limit := 200 * len(bomb); n > limit {
		t.Errorf("%d bytes passed before the bomb was stopped, limit %d", n, limit)
	}
	if !strings.Contains(err.Error(), "gzip") || !strings.Contains(err.Error(), "decompression bomb") {
		t.Errorf("message %q", err)
	}
}

func TestJSONLRecordLimit(t *testing.T) {
	data := "{\"a\":\"" + strings.Repeat("x", 2000) + "\"}\n{\"b\":\"y\"}\n"
	out, notes, _, err := decodeAll(t, "l.jsonl", []byte(data), Options{Limits: Limits{MaxRecordBytes: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Field != "b" || out[0].Line != 2 {
		t.Errorf("records %+v", out)
	}
	if len(notes) != 1 || !errors.Is(notes[0].Err, ErrRecordTooLarge) {
		t.Errorf("notes %+v", notes)
	}
	// A JSON document over its limit fails the object.
	if _, _, _, err := decodeAll(t, "d.json", []byte(data[:2010]), Options{Limits: Limits{MaxDocumentBytes: 1000}}); !errors.Is(err, ErrRecordTooLarge) {
		t.Errorf("document: %v", err)
	}
}

func TestCallbackErrorAndCancel(t *testing.T) {
	boom := errors.New("boom")
	_, err := Decode(context.Background(), Object{Name: "a.jsonl", Size: -1, Body: strings.NewReader(`{"a":"b"}`)}, Options{},
		func(Record) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Decode(ctx, Object{Name: "a.jsonl", Size: -1, Body: strings.NewReader(strings.Repeat(`{"a":"b"}`+"\n", 1000))}, Options{},
		func(Record) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestReadLine(t *testing.T) {
	r := bufioReader("a\r\n" + strings.Repeat("x", 200) + "\nlast")
	want := []struct {
		line    string
		tooLong bool
	}{{"a", false}, {"", true}, {"last", false}}
	for _, w := range want {
		line, tooLong, err := ReadLine(r, 100)
		if err != nil || string(line) != w.line || tooLong != w.tooLong {
			t.Errorf("ReadLine = %q %v %v, want %q %v", line, tooLong, err, w.line, w.tooLong)
		}
	}
	if _, _, err := ReadLine(r, 100); err == nil {
		t.Error("no EOF")
	}
}

// Columns count characters (an invalid byte is one) and UTF-16 code units
// (a character outside the BMP is two). Moved from cmd/weir's lineIndex.
func TestAdvanceColumns(t *testing.T) {
	data := []byte("ab\n😀é x\n")
	for off, want := range map[int]Position{0: {1, 1, 1}, 2: {1, 3, 3}, 3: {2, 1, 1}, 7: {2, 2, 3}, 9: {2, 3, 4}, 11: {2, 5, 6}, 12: {3, 1, 1}} {
		if got := advance(Position{1, 1, 1}, data[:off]); got != want {
			t.Errorf("advance over %d bytes = %+v, want %+v", off, got, want)
		}
		c := newCursor(data, Position{1, 1, 1})
		c.at(off / 2)
		if got := c.at(off); got != want {
			t.Errorf("cursor at %d = %+v, want %+v", off, got, want)
		}
	}
}
