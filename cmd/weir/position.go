package main

import (
	"sort"
	"unicode/utf8"
)

// position is a place in a file: line and column are 1-based. Column counts
// Unicode characters (an invalid UTF-8 byte counts as one); column16 counts
// UTF-16 code units, SARIF's default columnKind and what GitHub expects.
type position struct {
	line, column, column16 int
}

// lineIndex maps byte offsets of one file onto lines and columns. Lookups in
// ascending order on one line are incremental, so many findings on one long
// line (minified JSON) cost one pass over it.
type lineIndex struct {
	data   []byte
	starts []int // starts[i] is the offset of line i+1

	last    int // offset of the last lookup
	lastPos position
}

func newLineIndex(data []byte) *lineIndex {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{data: data, starts: starts, last: -1}
}

// at returns the position of byte offset off (clamped to the data).
func (x *lineIndex) at(off int) position {
	off = max(0, min(off, len(x.data)))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) // 1-based line
	from, p := x.starts[line-1], position{line: line, column: 1, column16: 1}
	if x.last >= from && x.last <= off && x.lastPos.line == line {
		from, p = x.last, x.lastPos
	}
	for i := from; i < off; {
		r, n := utf8.DecodeRune(x.data[i:])
		i += n
		p.column++
		p.column16++
		if r > 0xFFFF {
			p.column16++
		}
	}
	x.last, x.lastPos = off, p
	return p
}
