package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The progress line overwrites itself (\r, erase line), is rate-limited,
// and clear erases it; a nil progress (stderr not a terminal) does nothing.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	now := time.Unix(100, 0)
	p := newProgress(&b, func() time.Time { return now })
	now = now.Add(time.Second)
	p.object(fileResult{bytes: 2_000_000, prof: profile{"ssn": {findings: 3}}})
	p.object(fileResult{bytes: 1_000_000}) // within 200 ms: not drawn
	now = now.Add(time.Second)
	p.object(fileResult{bytes: 1_000_000})
	p.clear()
	out := b.String()
	if strings.Count(out, "\r\x1b[K") != 3 || !strings.Contains(out, "scanned 3 objects, 4.0 MB, 3 findings (2.0 MB/s)") {
		t.Errorf("progress output %q", out)
	}
	var nilp *progress
	nilp.object(fileResult{})
	nilp.clear()
	if isTerminal(&b) {
		t.Error("a buffer is not a terminal")
	}
}
