package decode

import (
	"context"
	"io"
	"path"
	"strings"
)

// Format is how an object's (decompressed) bytes are split into records.
type Format int

// Formats.
const (
	FormatAuto    Format = iota // by name: see FormatOf
	FormatText                  // chunks of whole lines, no field
	FormatJSONL                 // one JSON document per line; every string and number value
	FormatJSON                  // one JSON document; every string and number value
	FormatCSV                   // comma-separated, first record is the header
	FormatTSV                   // tab-separated, first record is the header
	FormatParquet               // every value of every leaf column
)

var formatNames = [...]string{"auto", "text", "jsonl", "json", "csv", "tsv", "parquet"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return "unknown"
}

// Compression is how an object is compressed as a whole.
type Compression int

// Compressions.
const (
	CompressionAuto Compression = iota // by name: see FormatOf
	CompressionNone
	CompressionGzip
	CompressionZstd
)

var compressionNames = [...]string{"auto", "none", "gzip", "zstd"}

func (c Compression) String() string {
	if int(c) < len(compressionNames) {
		return compressionNames[c]
	}
	return "unknown"
}

// FormatOf picks the format and compression of an object by its name (a
// path or an S3 key): a .gz, .gzip, .zst or .zstd suffix is the compression
// and the extension before it the format. .jsonl and .ndjson are JSONL,
// .json JSON, .csv CSV, .tsv and .tab TSV, .parquet and .pq Parquet;
// anything else is text.
func FormatOf(name string) (Format, Compression) {
	name = strings.ToLower(path.Base(strings.ReplaceAll(name, "\\", "/")))
	comp := CompressionNone
	switch ext := path.Ext(name); ext {
	case ".gz", ".gzip":
		comp = CompressionGzip
	case ".zst", ".zstd":
		comp = CompressionZstd
	}
	if comp != CompressionNone {
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	switch path.Ext(name) {
	case ".jsonl", ".ndjson":
		return FormatJSONL, comp
	case ".json":
		return FormatJSON, comp
	case ".csv":
		return FormatCSV, comp
	case ".tsv", ".tab":
		return FormatTSV, comp
	case ".parquet", ".pq":
		return FormatParquet, comp
	}
	return FormatText, comp
}

// Mapping says how offsets into Record.Text map onto offsets into Record.Raw.
type Mapping int

// Mappings.
const (
	MapNone Mapping = iota // no raw bytes (Parquet)
	MapSame                // Text is Raw
	MapJSON                // Raw is a JSON string literal, quotes included
	MapCSV                 // Raw is a CSV cell, quotes included if it is quoted
)

// Location is where a record is in its object. Line, Column and Column16
// are 1-based and locate the first byte of Record.Raw (0 for Parquet);
// Column counts characters, Column16 UTF-16 code units (what SARIF wants).
type Location struct {
	Offset   int64 // byte offset of Raw in the decompressed object; -1 for Parquet
	Line     int
	Column   int
	Column16 int
	// Row is the 0-based data row: the JSONL line's record number, the CSV
	// record after the header (-1 for the header), the Parquet row in the
	// file; 0 for a JSON document; the line index (Line-1) for text.
	Row      int64
	RowGroup int // Parquet row group; -1 for other formats
	Index    int // CSV column or Parquet leaf column (0-based); -1 when none
}

// Record is one unit of text and its provenance in an object. Text and Raw
// are only valid during the callback that receives the record.
type Record struct {
	Text  []byte
	Field string // CSV header, JSON path or Parquet column path; "" for text
	Loc   Location
	Raw   []byte // the object's bytes Text was decoded from (see Map)
	Map   Mapping
}

// Stats counts what Decode read from one object.
type Stats struct {
	Format      Format
	Compression Compression
	Bytes       int64 // decompressed bytes read (Parquet: values' bytes)
	Rows        int64 // text lines, JSONL and CSV data rows, Parquet rows; 1 for JSON
	Records     int64 // records passed to the callback
}

// Object is one object to decode. Body is read from the start; At (with
// Size) is needed for Parquet, which reads its footer first.
type Object struct {
	Name string // path or key: picks the format when Options.Format is auto
	Size int64  // stored size in bytes; -1 if unknown
	Body io.Reader
	At   io.ReaderAt
}

// Options configure Decode. The zero value decodes by name with DefaultLimits.
type Options struct {
	Format      Format
	Compression Compression
	Limits      Limits
	// OnNote receives problems that did not stop decoding; nil drops them
	// (their count is still in the Note passed, so prefer setting it).
	OnNote func(Note)
}

// Decode reads obj and calls fn for every record, in object order. It
// returns the first error of fn, an *Error for an object it cannot read
// whole (records already passed stay passed), or ctx's error.
func Decode(ctx context.Context, obj Object, opt Options, fn func(Record) error) (Stats, error) {
	f, c := FormatOf(obj.Name)
	if opt.Format != FormatAuto {
		f = opt.Format
	}
	if opt.Compression != CompressionAuto {
		c = opt.Compression
	}
	lim := opt.Limits.withDefaults()
	st := Stats{Format: f, Compression: c}
	if lim.MaxObjectBytes > 0 && obj.Size > lim.MaxObjectBytes {
		return st, errorf(ErrTooLarge, nil, "%d bytes stored, limit %d", obj.Size, lim.MaxObjectBytes)
	}
	note := opt.OnNote
	if note == nil {
		note = func(Note) {}
	}
	if f == FormatParquet {
		if c != CompressionNone {
			return st, errorf(ErrUnsupported, nil, "%s-compressed Parquet (Parquet compresses its pages itself)", c)
		}
		if obj.At == nil || obj.Size < 0 {
			return st, errorf(ErrUnsupported, nil, "Parquet needs random access and a known size")
		}
		return decodeParquet(ctx, obj, lim, st, note, fn)
	}
	body := obj.Body
	if lim.MaxObjectBytes > 0 {
		body = &limitReader{r: body, n: lim.MaxObjectBytes, err: errorf(ErrTooLarge, nil, "more than %d bytes stored", lim.MaxObjectBytes)}
	}
	r, closeR, err := decompress(body, obj.Size, c, lim)
	if err != nil {
		return st, err
	}
	defer closeR()
	d := &streamDecoder{ctx: ctx, lim: lim, fn: fn, note: note, st: &st}
	err = d.run(r, f)
	return st, err
}

// limitReader returns err once more than n bytes have been read.
type limitReader struct {
	r   io.Reader
	n   int64
	err error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, l.err
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return 0, l.err
	}
	return n, err
}
