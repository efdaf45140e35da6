package decode

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// decompress wraps body for compression c. The returned reader fails with
// an *Error (ErrBomb, ErrTooLarge or ErrCorrupt) as soon as the output
// passes its budget or the input turns out corrupt; it never buffers the
// whole output.
func decompress(body io.Reader, size int64, c Compression, lim Limits) (io.Reader, func(), error) {
	if c == CompressionNone {
		return body, func() {}, nil
	}
	in := &countReader{r: body}
	var (
		zr    io.Reader
		close func()
		name  = c.String()
	)
	switch c {
	case CompressionGzip:
		g, err := gzip.NewReader(in)
		if err != nil {
			return nil, nil, corrupt(name, err)
		}
		zr, close = g, func() { g.Close() }
	case CompressionZstd:
		maxMem := uint64(1 << 30)
		if lim.MaxDecompressedBytes > 0 {
			maxMem = min(maxMem, uint64(lim.MaxDecompressedBytes))
		}
		z, err := zstd.NewReader(in, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxMemory(maxMem), zstd.WithDecoderMaxWindow(64<<20))
		if err != nil {
			return nil, nil, corrupt(name, err)
		}
		zr, close = z, z.Close
	default:
		return nil, nil, errorf(ErrUnsupported, nil, "compression %d", c)
	}
	return &bombReader{r: zr, in: in, size: size, lim: lim, name: name}, close, nil
}

func corrupt(name string, err error) *Error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return errorf(ErrCorrupt, err, "%s: truncated", name)
	}
	return errorf(ErrCorrupt, err, "%s", name)
}

// countReader counts the compressed bytes read.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// bombReader enforces MaxDecompressedBytes and MaxRatio on decompressed
// output and turns decompressor errors into ErrCorrupt.
type bombReader struct {
	r    io.Reader
	in   *countReader
	size int64 // stored size if known, else -1
	out  int64
	lim  Limits
	name string
	err  error
}

func (b *bombReader) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	n, err := b.r.Read(p)
	b.out += int64(n)
	if lim := b.lim.MaxDecompressedBytes; lim > 0 && b.out > lim {
		b.err = errorf(ErrTooLarge, nil, "%s: more than %d bytes decompressed", b.name, lim)
		return 0, b.err
	}
	if b.lim.MaxRatio > 0 && b.out > b.lim.RatioFloor {
		comp := b.in.n
		if b.size > comp {
			comp = b.size // the whole object counts, not only what was read so far
		}
		if b.out > b.lim.MaxRatio*max(comp, 1) {
			b.err = errorf(ErrBomb, nil, "%s: more than %d bytes from %d compressed (ratio limit %d)", b.name, b.out, comp, b.lim.MaxRatio)
			return 0, b.err
		}
	}
	switch {
	case err == nil, err == io.EOF:
		return n, err
	default:
		var de *Error
		if errors.As(err, &de) { // the stored-size limit, from below
			b.err = err
		} else {
			b.err = corrupt(b.name, err)
		}
		return n, b.err
	}
}

// String is for debugging.
func (b *bombReader) String() string { return fmt.Sprintf("%s(%d->%d)", b.name, b.in.n, b.out) }
