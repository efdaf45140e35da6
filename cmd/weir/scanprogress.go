package main

import (
	"fmt"
	"io"
	"time"
)

// isTerminal (in run.go) decides whether the progress line is drawn: a
// log file or a pipe gets no control characters.

// progress draws one self-overwriting status line. A nil *progress does
// nothing. It is called from the scan's emit goroutine only.
type progress struct {
	w        io.Writer
	now      func() time.Time
	start    time.Time
	last     time.Time
	objects  int
	bytes    int64
	findings int
	drawn    bool
}

func newProgress(w io.Writer, now func() time.Time) *progress {
	t := now()
	return &progress{w: w, now: now, start: t}
}

func (p *progress) object(r fileResult) {
	if p == nil {
		return
	}
	p.objects++
	p.bytes += r.bytes
	for _, c := range r.prof {
		p.findings += c.findings
	}
	if t := p.now(); t.Sub(p.last) >= 200*time.Millisecond {
		p.last = t
		secs := t.Sub(p.start).Seconds()
		rate := 0.0
		if secs > 0 {
			rate = float64(p.bytes) / 1e6 / secs
		}
		fmt.Fprintf(p.w, "\r\x1b[Kscanned %d objects, %.1f MB, %d findings (%.1f MB/s)", p.objects, float64(p.bytes)/1e6, p.findings, rate)
		p.drawn = true
	}
}

// clear erases the line before other output (an error, the end).
func (p *progress) clear() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.drawn = false
}
