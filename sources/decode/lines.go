package decode

import (
	"bufio"
	"errors"
	"io"
)

// ReadLine returns the next line of r without its "\n" (and "\r"), in a new
// slice the caller owns. A line longer than max is consumed and reported
// with tooLong (and no data) so the caller can skip it without holding it.
// At the end of input it returns io.EOF with no data; a last line without
// "\n" is returned with a nil error first.
func ReadLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	line, _, tooLong, err = readLineRaw(r, nil, max)
	return line, tooLong, err
}

// readLineRaw is ReadLine appending to buf, also returning the number of
// bytes consumed (line end included).
func readLineRaw(r *bufio.Reader, buf []byte, max int) (line []byte, n int, tooLong bool, err error) {
	line = buf
	for {
		chunk, err := r.ReadSlice('\n')
		n += len(chunk)
		if !tooLong {
			if max > 0 && len(line)+len(chunk) > max+2 { // +2: the "\r\n" does not count
				tooLong, line = true, line[:0]
			} else {
				line = append(line, chunk...)
			}
		}
		switch {
		case err == nil:
			return trimEOL(line), n, tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if n == 0 {
				return line[:0], 0, false, io.EOF
			}
			return trimEOL(line), n, tooLong, nil
		default:
			return line[:0], n, false, err
		}
	}
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}
