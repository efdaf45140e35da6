package decode

import (
	"errors"
	"fmt"
)

// Sentinel errors, wrapped by every *Error; test with errors.Is.
var (
	// ErrTooLarge: the object (as stored) is over Limits.MaxObjectBytes, or
	// it decompresses to more than Limits.MaxDecompressedBytes.
	ErrTooLarge = errors.New("over the size limit")
	// ErrBomb: a compressed object (or Parquet column) expands more than
	// Limits.MaxRatio times its compressed size: a likely decompression bomb.
	ErrBomb = errors.New("decompression ratio over the limit (possible decompression bomb)")
	// ErrRecordTooLarge: one record (a JSONL line, a CSV record, a JSON
	// document, a Parquet value) is over its limit.
	ErrRecordTooLarge = errors.New("record over the size limit")
	// ErrCorrupt: the object is not what its format says (truncated gzip,
	// bad zstd frame, corrupt Parquet footer or page).
	ErrCorrupt = errors.New("corrupt or truncated data")
	// ErrBinary: a text format whose first bytes hold a NUL byte (returned so
	// callers can report the object as skipped, not failed).
	ErrBinary = errors.New("binary data (NUL byte)")
	// ErrUnsupported: a combination this package does not read (a
	// compressed Parquet file, Parquet without an io.ReaderAt).
	ErrUnsupported = errors.New("unsupported format")
)

// Error is a decoding failure with its reason. Kind is one of the sentinel
// errors above; Err, if not nil, is the underlying cause.
type Error struct {
	Kind   error
	Reason string // "gzip: more than 1048576 bytes from 1024 compressed"
	Err    error
}

func (e *Error) Error() string {
	msg := e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	if e.Kind != nil {
		msg += " (" + e.Kind.Error() + ")"
	}
	return msg
}

// Unwrap returns the kind and the cause, so errors.Is matches both.
func (e *Error) Unwrap() []error {
	var out []error
	if e.Kind != nil {
		out = append(out, e.Kind)
	}
	if e.Err != nil {
		out = append(out, e.Err)
	}
	return out
}

func errorf(kind, cause error, format string, args ...any) *Error {
	return &Error{Kind: kind, Reason: fmt.Sprintf(format, args...), Err: cause}
}

// Note is a problem that did not stop decoding: a line that is not valid
// JSON (decoded as text instead), a record over the limit (skipped: Err is
// set, and the object was not read whole, so it must not read as clean).
type Note struct {
	Loc Location
	Msg string
	Err error // non-nil when data was skipped
}
