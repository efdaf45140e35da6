package main

import (
	"bufio"

	"github.com/weir-dev/weir/sources/decode"
)

// The line reader lives in sources/decode (shared with weir scan's
// decoders); these names keep classify's and redact's call sites short.

// readLine returns the next line of r without its "\n" (and "\r"); see
// decode.ReadLine.
func readLine(r *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	return decode.ReadLine(r, max)
}

// isBlank reports whether b holds only ASCII white space.
func isBlank(b []byte) bool { return decode.IsBlank(b) }
