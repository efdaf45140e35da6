package decode

import (
	"bytes"
	"io"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// Bounds on what one page header may declare. parquet-go allocates what a
// page header says before it can check it, so a hostile header (a 2 GiB
// page, two billion values) would cost gigabytes; these are checked first.
const (
	maxPageBytes  = 256 << 20
	maxPageValues = 64 << 20
)

// chunkAt serves reads of one column chunk from memory; the chunk was read
// with one ReadAt (one range request on S3) and its page headers checked.
type chunkAt struct {
	base int64
	buf  []byte
}

func (c *chunkAt) ReadAt(p []byte, off int64) (int, error) {
	off -= c.base
	if off < 0 || off > int64(len(c.buf)) {
		return 0, io.EOF
	}
	n := copy(p, c.buf[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// loadChunk reads column chunk meta of the file into buf (reused) and checks
// its page headers against the chunk's own metadata and the page bounds.
func (p *Parquet) loadChunk(meta *format.ColumnMetaData, buf []byte, what string) (*chunkAt, []byte, error) {
	start := meta.DataPageOffset
	if meta.DictionaryPageOffset != 0 {
		start = meta.DictionaryPageOffset
	}
	n := meta.TotalCompressedSize
	if start < 0 || n < 0 || start+n > p.size || start+n < start {
		return nil, buf, errorf(ErrCorrupt, nil, "parquet: %s: chunk [%d,+%d) outside the %d-byte file", what, start, n, p.size)
	}
	if n > maxPageBytes*4 {
		return nil, buf, errorf(ErrRecordTooLarge, nil, "parquet: %s: column chunk of %d bytes, limit %d", what, n, maxPageBytes*4)
	}
	if int64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if m, err := p.ra.ReadAt(buf, start); int64(m) < n {
		return nil, buf, errorf(ErrCorrupt, err, "parquet: %s: reading the column chunk", what)
	}
	if err := checkPages(buf, meta, p.lim, what); err != nil {
		return nil, buf, err
	}
	return &chunkAt{base: start, buf: buf}, buf, nil
}

// checkPages walks the page headers of a column chunk.
func checkPages(chunk []byte, meta *format.ColumnMetaData, lim Limits, what string) error {
	var proto thrift.CompactProtocol
	r := bytes.NewReader(chunk)
	var values, uncompressed int64
	for r.Len() > 0 {
		var h format.PageHeader
		if err := thrift.NewDecoder(proto.NewReader(r)).Decode(&h); err != nil {
			return errorf(ErrCorrupt, err, "parquet: %s: page header", what)
		}
		switch {
		case h.CompressedPageSize < 0 || int64(h.CompressedPageSize) > int64(r.Len()):
			return errorf(ErrCorrupt, nil, "parquet: %s: page of %d bytes in %d left", what, h.CompressedPageSize, r.Len())
		case h.UncompressedPageSize < 0 || h.UncompressedPageSize > maxPageBytes:
			return errorf(ErrCorrupt, nil, "parquet: %s: page declares %d bytes uncompressed (limit %d)", what, h.UncompressedPageSize, maxPageBytes)
		}
		uncompressed += int64(h.UncompressedPageSize)
		if lim.MaxRatio > 0 && int64(h.UncompressedPageSize) > lim.RatioFloor && int64(h.UncompressedPageSize) > lim.MaxRatio*max(int64(h.CompressedPageSize), 1) {
			return errorf(ErrBomb, nil, "parquet: %s: page of %d bytes from %d compressed (ratio limit %d)", what, h.UncompressedPageSize, h.CompressedPageSize, lim.MaxRatio)
		}
		var nv int64
		switch {
		case h.DataPageHeader.Valid:
			nv = int64(h.DataPageHeader.V.NumValues)
		case h.DataPageHeaderV2.Valid:
			nv = int64(h.DataPageHeaderV2.V.NumValues)
		case h.DictionaryPageHeader.Valid:
			if int64(h.DictionaryPageHeader.V.NumValues) > maxPageValues {
				return errorf(ErrCorrupt, nil, "parquet: %s: dictionary of %d values", what, h.DictionaryPageHeader.V.NumValues)
			}
		}
		values += nv
		if nv < 0 || nv > maxPageValues || values > meta.NumValues {
			return errorf(ErrCorrupt, nil, "parquet: %s: pages declare %d values, the chunk %d", what, values, meta.NumValues)
		}
		r.Seek(int64(h.CompressedPageSize), io.SeekCurrent)
	}
	if uncompressed > meta.TotalUncompressedSize+int64(len(chunk)) {
		return errorf(ErrCorrupt, nil, "parquet: %s: pages declare %d bytes uncompressed, the chunk %d", what, uncompressed, meta.TotalUncompressedSize)
	}
	return nil
}
