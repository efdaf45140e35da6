package classifiers

import (
	"errors"
	"fmt"
	"io"
)

// Chunking for ScanReader: each chunk of ChunkSize bytes is scanned together
// with ChunkOverlap bytes on both sides, and a finding is reported by the
// chunk in which it starts. A value up to ChunkOverlap bytes long is
// therefore seen whole by exactly one chunk and reported exactly once.
const (
	ChunkSize    = 4 << 20
	ChunkOverlap = 64 << 10
)

// ScanReader scans r in chunks without holding more than
// ChunkSize+2*ChunkOverlap bytes, calling fn for every finding in offset
// order with offsets relative to the start of r. It stops at the first error
// of r or fn and returns it.
func (e *Engine) ScanReader(r io.Reader, fn func(Finding) error) error {
	return e.scanChunks(r, ChunkSize, ChunkOverlap, fn)
}

func (e *Engine) scanChunks(r io.Reader, size, overlap int, fn func(Finding) error) error {
	if size <= 0 || overlap < 0 {
		return fmt.Errorf("classifiers: bad chunking %d/%d", size, overlap)
	}
	buf := make([]byte, 0, size+2*overlap)
	base := 0     // offset in r of buf[0]
	emitFrom := 0 // findings starting before this offset were reported
	lastEnd := 0  // end of the last reported finding
	eof := false
	for !eof {
		// Fill up to size+2*overlap bytes.
		for len(buf) < cap(buf) {
			n, err := r.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if errors.Is(err, io.EOF) {
				eof = true
				break
			}
			if err != nil {
				return fmt.Errorf("classifiers: read at offset %d: %w", base+len(buf), err)
			}
		}
		// Report findings starting in [emitFrom, emitTo).
		emitTo := base + len(buf)
		if !eof {
			emitTo = base + len(buf) - overlap
		}
		for _, f := range e.Scan(buf) {
			f.Start += base
			f.End += base
			if f.Start < emitFrom || f.Start >= emitTo || f.Start < lastEnd {
				continue
			}
			if err := fn(f); err != nil {
				return err
			}
			lastEnd = f.End
		}
		if eof {
			break
		}
		emitFrom = emitTo
		// Keep the last 2*overlap bytes: overlap of context before emitTo and the
		// overlap that was not reported yet.
		keep := 2 * overlap
		if keep > len(buf) {
			keep = len(buf)
		}
		shift := len(buf) - keep
		copy(buf, buf[shift:])
		buf = buf[:keep]
		base += shift
	}
	return nil
}
