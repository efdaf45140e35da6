package decode

// Limits bound what one object may cost. A zero field takes its default
// from DefaultLimits; a negative one disables that limit.
type Limits struct {
	// MaxObjectBytes bounds the object as stored (compressed). Default 64 GiB.
	MaxObjectBytes int64
	// MaxDecompressedBytes bounds the bytes a compressed object expands to
	// (for Parquet: the uncompressed size its footer declares). Default 64 GiB.
	MaxDecompressedBytes int64
	// MaxRatio bounds decompressed/compressed size once more than RatioFloor
	// bytes came out: beyond it the object is a likely bomb. Default 200.
	MaxRatio int64
	// RatioFloor is the output below which MaxRatio is not applied (a tiny
	// file of zeros compresses well and is harmless). Default 1 MiB.
	RatioFloor int64
	// MaxRecordBytes bounds one JSONL line, CSV record or Parquet value.
	// Default 16 MiB.
	MaxRecordBytes int
	// MaxDocumentBytes bounds a whole-object JSON document, which is
	// decoded in memory. Default 256 MiB.
	MaxDocumentBytes int
	// TextChunkBytes is the size of the records a text object is cut into,
	// at line ends when there is one. Default 1 MiB.
	TextChunkBytes int
	// BinarySniffBytes is how much of a text-format object is checked for a
	// NUL byte (ErrBinary). Default 8000, like git and grep.
	BinarySniffBytes int
}

// DefaultLimits are the limits a zero Limits field stands for.
func DefaultLimits() Limits {
	return Limits{
		MaxObjectBytes:       64 << 30,
		MaxDecompressedBytes: 64 << 30,
		MaxRatio:             200,
		RatioFloor:           1 << 20,
		MaxRecordBytes:       16 << 20,
		MaxDocumentBytes:     256 << 20,
		TextChunkBytes:       1 << 20,
		BinarySniffBytes:     8000,
	}
}

func pick[T int | int64](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0 // disabled
	}
	return v
}

// withDefaults fills zero fields; disabled limits become 0.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	return Limits{
		MaxObjectBytes:       pick(l.MaxObjectBytes, d.MaxObjectBytes),
		MaxDecompressedBytes: pick(l.MaxDecompressedBytes, d.MaxDecompressedBytes),
		MaxRatio:             pick(l.MaxRatio, d.MaxRatio),
		RatioFloor:           pick(l.RatioFloor, d.RatioFloor),
		MaxRecordBytes:       pick(l.MaxRecordBytes, d.MaxRecordBytes),
		MaxDocumentBytes:     pick(l.MaxDocumentBytes, d.MaxDocumentBytes),
		TextChunkBytes:       max(pick(l.TextChunkBytes, d.TextChunkBytes), 1<<10),
		BinarySniffBytes:     pick(l.BinarySniffBytes, d.BinarySniffBytes),
	}
}
