package s3

import (
	"compress/gzip"
	"errors"
	"io"
	"strconv"
)

var ioEOF = io.EOF

func itoa(n int64) string              { return strconv.FormatInt(n, 10) }
func errorsIs(err, target error) bool  { return errors.Is(err, target) }
func newGzip(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }
