package classifiers

import "bytes"

// Column triggers (detector.ContextColumn): a spec whose values look like
// anything (a password in a password-manager export) runs on every cell of
// a column named for it: a CSV/TSV column under the record's header line,
// or a cell of the table-cell index (SQL INSERT and COPY blocks, Markdown
// tables). A column whose name also holds one of the spec's reject words
// ("password_hash", "password_changed_at") is left alone.

// columnHits adds a hit per cell of each column that a ContextColumn spec
// wants.
func (e *Engine) columnHits(sc *scratch, text []byte) {
	h := &sc.hdr
	if !h.parsed {
		h.parse(text)
	}
	if h.ok {
		var want []colWant
		for col := range h.fields {
			bits := sc.columnWords(e, col)
			for _, si := range e.colSpecs {
				if e.columnWanted(si, bits) {
					want = append(want, colWant{col, si})
				}
			}
		}
		if len(want) > 0 {
			e.csvColumnCells(sc, text, want)
		}
	}
	if !sc.cells.built && !mayHoldCells(text, sc.cells.markers) {
		return
	}
	if !sc.cells.built {
		sc.cells.build(text)
	}
	for _, cl := range sc.cells.cells {
		bits := sc.cells.words(e, cl.name)
		for _, si := range e.colSpecs {
			if e.columnWanted(si, bits) {
				e.cellHit(sc, text, si, cl.start, cl.end)
			}
		}
	}
}

// colWant is a CSV column and a spec that runs on its cells.
type colWant struct {
	col int
	si  int32
}

// columnWanted reports whether a column whose name has the context words
// bits is one spec si runs on.
func (e *Engine) columnWanted(si int32, bits []uint64) bool {
	c := &e.c[si]
	return hasBits(bits, c.ctxBits) && !(c.hasRej && hasBits(bits, c.rejBits))
}

// mayHoldCells is a cheap test for records the table-cell index can find
// cells in: SQL statements (markers from the keyword pass) or a Markdown
// table's separator row.
func mayHoldCells(text []byte, markers uint16) bool {
	if markers&(formatInsert|formatCopy|formatX12|formatEdifact|formatDicom|formatSSRDocs|formatPlist|formatXML|formatGEDCOM|formatPDFFields|formatFHIR) != 0 {
		return true
	}
	if bytes.HasPrefix(text, []byte("101 ")) || bytes.Contains(text, []byte("\n101 ")) {
		return true // a NACHA file
	}
	return bytes.IndexByte(text, '|') >= 0 && bytes.Contains(text, []byte("--"))
}

// csvColumnCells adds a hit for the cells of the wanted columns on every
// line below the header that has as many cells as the header.
func (e *Engine) csvColumnCells(sc *scratch, text []byte, want []colWant) {
	h := &sc.hdr
	var delims []int
	for off := h.end; off < len(text); {
		end := indexByteFrom(text, off, '\n')
		delims = unquotedDelims(delims[:0], text[:end], off, h.delim)
		if len(delims) == len(h.fields)-1 {
			for _, w := range want {
				s, t := off, end
				if w.col > 0 {
					s = delims[w.col-1] + 1
				}
				if w.col < len(delims) {
					t = delims[w.col]
				}
				e.cellHit(sc, text, w.si, s, t)
			}
		}
		off = end + 1
	}
}

// cellHit adds a hit for spec si on the cell text[s:t], without the
// spaces and the pair of quotes around its value.
func (e *Engine) cellHit(sc *scratch, text []byte, si int32, s, t int) {
	for t > s && (text[t-1] == '\r' || text[t-1] == ' ') {
		t--
	}
	for s < t && text[s] == ' ' {
		s++
	}
	if t-s >= 2 && (text[s] == '"' || text[s] == '\'') && text[t-1] == text[s] {
		s, t = s+1, t-1
	}
	if t > s {
		sc.hits = append(sc.hits, hit{spec: si, digit: true, ws: s, we: t, hs: s, he: t})
	}
}
