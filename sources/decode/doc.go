// Package decode turns objects (files, S3 objects) into records: units of
// text with the field they came from and their place in the object. It is
// shared by the batch scanner (weir scan) and the S3 tailer.
//
// Formats: text, JSONL, JSON, CSV/TSV (header -> field names) and Parquet
// (per column; nested and repeated fields flattened to dotted paths), each
// optionally gzip- or zstd-compressed (not Parquet, which compresses its
// pages itself). Decoding streams: a text, JSONL or CSV object is never held
// whole in memory (a JSON document is one record and is; Parquet is read
// through an io.ReaderAt one page at a time).
//
// Limits bound what one object may cost; a violation, a corrupt or a
// truncated object is an *Error wrapping one of the sentinel errors
// (ErrTooLarge, ErrBomb, ErrRecordTooLarge, ErrCorrupt, ErrBinary), so the
// caller can report the reason and go on with the next object. Problems that
// leave the rest of the object readable (a JSONL line that is not JSON, a
// line over the record limit) are Notes, and decoding goes on.
//
// The package never classifies (sources never import classifiers) and holds
// no global state; every function is safe for concurrent use on distinct
// objects. Record.Text is only valid during the callback that receives it.
package decode
