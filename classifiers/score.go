package classifiers

import (
	"bytes"
	"slices"
	"unicode/utf8"

	"github.com/weir-dev/weir/classifiers/detector"
)

// Scoring: validation, context (text, field, column, table cell), labels,
// reject words and placeholders turn a pattern match into a candidate.

// score validates a value and appends it as a candidate if it reaches the
// threshold.
func (e *Engine) score(sc *scratch, text []byte, si int32, vs, ve int) {
	c := &e.c[si]
	val := text[vs:ve]
	if c.spec.Validator != nil && !c.spec.Validator(val) {
		return
	}
	conf := c.confidence
	need := c.spec.Need
	if c.hasCtx || need == detector.ContextRequired || need == detector.ContextColumn {
		if e.hasContext(sc, c, text, vs, ve) {
			conf = min(0.99, conf+0.3)
		} else if need == detector.ContextRequired || need == detector.ContextColumn {
			return
		}
	}
	// The label right in front of a value names its type: "TFN 213 105 962"
	// is a TFN even if the digits also pass the BSN 11-proof.
	label := e.labelBefore(sc, text, vs)
	if c.hasRej && e.rejected(sc, c, text, vs, label) {
		return
	}
	if w := label; w >= 0 {
		switch {
		case c.ctxBits[w/64]&(1<<(w%64)) != 0:
			conf = min(0.99, conf+0.05)
		case e.wordType[w] >= 0 && e.wordType[w] != c.typeIndex:
			conf -= 0.3
		}
	}
	if e.isPlaceholder(sc, c, val) {
		conf = min(conf, 0.2)
	}
	if conf < e.minConf {
		return
	}
	sc.cands = append(sc.cands, cand{spec: si, s: vs, e: ve, conf: conf})
}

// rejected reports whether a reject word of c labels the value at vs or
// names its field, CSV column or table cell.
func (e *Engine) rejected(sc *scratch, c *compiled, text []byte, vs int, label int32) bool {
	if label >= 0 && c.rejBits[label/64]&(1<<(label%64)) != 0 {
		return true
	}
	// A field, column or cell name rejects unless it also names the spec's
	// own type: "order" rejects a phone-shaped value, "order_phone" does not.
	names := func(bits []uint64) bool { return hasBits(bits, c.rejBits) && !hasBits(bits, c.ctxBits) }
	if sc.fieldBits != nil && names(sc.fieldBits) {
		return true
	}
	if first, last := sc.hdr.columns(text, vs, vs); first >= 0 && first == last && names(sc.columnWords(e, first)) {
		return true
	}
	if name := sc.cells.lookup(text, vs); name != nil && names(sc.cells.words(e, name)) {
		return true
	}
	return false
}

// maxLabelGap is how far before a value a context word still counts as its
// label.
const maxLabelGap = 24

// labelBefore returns the context word that labels the value starting at
// vs — the nearest context-word occurrence ending at most maxLabelGap bytes
// before it with no digit and no line break in between — or -1.
func (e *Engine) labelBefore(sc *scratch, text []byte, vs int) int32 {
	i, _ := slices.BinarySearchFunc(sc.ctx, vs+1, func(o ctxOcc, t int) int { return o.e - t })
	for i--; i >= 0; i-- {
		o := sc.ctx[i]
		if o.e > vs {
			continue
		}
		if vs-o.e > maxLabelGap {
			return -1
		}
		if !labelGap(text[o.e:vs]) {
			return -1
		}
		return o.word
	}
	return -1
}

// labelGap reports whether gap can stand between a label and its value:
// punctuation, spaces and connector words ("No.", "number", "is") only.
func labelGap(gap []byte) bool {
	// The label may be the head of an identifier: "ssnLast9", "passportNo",
	// "tax_file_no". Skip the identifier's tail.
	if len(gap) > 0 && (isUpperASCII(gap[0]) || gap[0] == '_') {
		i := 0
		for i < len(gap) && (byteClass[gap[i]] == clsDigit || byteClass[gap[i]] == clsLetter || gap[i] == '_') {
			i++
		}
		gap = gap[i:]
	}
	for i := 0; i < len(gap); {
		b := gap[i]
		// A parenthesized remark between label and value: "SIN (invalid):",
		// "Phone (mobile):", "BSN (11-proef mislukt):".
		if b == '(' {
			if j := bytes.IndexByte(gap[i:], ')'); j > 0 && bytes.IndexByte(gap[i:i+j], '\n') < 0 {
				i += j + 1
				continue
			}
		}
		if b == '\n' || byteClass[b] == clsDigit || b >= utf8.RuneSelf {
			return false
		}
		if byteClass[b] != clsLetter {
			i++
			continue
		}
		j := i
		for j < len(gap) && byteClass[gap[j]] == clsLetter {
			j++
		}
		if !isConnector(gap[i:j]) {
			return false
		}
		i = j
	}
	return true
}

var connectors = []string{"no", "nr", "num", "number", "is", "was", "shows", "reads", "says", "id", "de", "du", "n", "o", "of", "the", "es", "ist", "est"}

func isConnector(w []byte) bool {
	for _, c := range connectors {
		if len(c) == len(w) && containsFoldASCII(w, c) {
			return true
		}
	}
	return false
}

// hasContextNear is hasContext for a digit cluster [cs,ce) whose value may
// start as early as ws: it also accepts the CSV columns between ws and cs.
// The words near the current cluster and in the field name are collected
// once per cluster (sc.near) and shared by all its specs.
func (e *Engine) hasContextNear(sc *scratch, c *compiled, text []byte, ws, cs, ce int) bool {
	if !c.hasCtx {
		return false
	}
	// The words near the cluster, its columns and its table cell are the
	// same for every spec tried on it: computed once per cluster (columns
	// once per window start), then each spec tests its own bits.
	if !sc.nearValid {
		// Clusters come in order of start, so the first context word that
		// can be near one is found by moving a cursor forward.
		lo := cs - e.ctxBefore
		if lo < sc.cursorLo {
			sc.cursor = 0
		}
		sc.cursorLo = lo
		for sc.cursor < len(sc.ctx) && sc.ctx[sc.cursor].e <= lo {
			sc.cursor++
		}
		sc.near = e.wordsNearFrom(sc, sc.near, cs, ce, sc.cursor)
		sc.nearValid = true
		sc.colDone = false
		sc.cellDone = false
	}
	if hasBits(sc.near, c.ctxBits) {
		return true
	}
	if !sc.colDone {
		// Once per cluster, for the widest window of the specs that need
		// context: a column more only lets a window through to the
		// pattern, whose match is scored with its own context. Rows of a
		// table repeat the same columns: the bits are kept per range.
		sc.colDone = true
		first, last := sc.hdr.columns(text, max(0, cs-e.maxCtxBefore), cs)
		if r := [2]int{first, last}; r != sc.colRange {
			sc.colRange = r
			sc.colNear = sc.colNear[:0]
			for col := max(first, 0); col <= last; col++ {
				sc.colNear = orBits(sc.colNear, sc.columnWords(e, col))
			}
		}
	}
	if hasBits(sc.colNear, c.ctxBits) {
		return true
	}
	if !sc.cellDone {
		// The cells the cluster touches: a cluster may run across two
		// cells of a table aligned with spaces ("OR14  47086305").
		sc.cellDone = true
		sc.cellNear = sc.cellNear[:0]
		if !sc.cells.built {
			sc.cells.build(text)
		}
		cells := sc.cells.cells
		k, _ := slices.BinarySearchFunc(cells, cs, func(c cell, p int) int { return c.end - 1 - p })
		for ; k < len(cells) && cells[k].start < ce; k++ {
			if cells[k].end > cs {
				sc.cellNear = orBits(sc.cellNear, sc.cells.words(e, cells[k].name))
			}
		}
	}
	return hasBits(sc.cellNear, c.ctxBits)
}

// orBits returns dst | b, growing dst to b's length.
func orBits(dst, b []uint64) []uint64 {
	for len(dst) < len(b) {
		dst = append(dst, 0)
	}
	for i, w := range b {
		dst[i] |= w
	}
	return dst
}

// cellHasContext reports whether pos is in a Markdown table cell or a SQL
// INSERT value whose column name holds a context word of c.
func (e *Engine) cellHasContext(sc *scratch, c *compiled, text []byte, pos int) bool {
	if name := sc.cells.lookup(text, pos); name != nil {
		return hasBits(sc.cells.words(e, name), c.ctxBits)
	}
	return false
}

// wordsNear returns the bitset of context words near [vs,ve) (not inside
// it) or in the field name.
func (e *Engine) wordsNear(sc *scratch, dst []uint64, vs, ve int) []uint64 {
	lo := vs - e.ctxBefore
	i, _ := slices.BinarySearchFunc(sc.ctx, lo+1, func(o ctxOcc, t int) int { return o.e - t })
	return e.wordsNearFrom(sc, dst, vs, ve, i)
}

// wordsNearFrom is wordsNear given i, the index of the first context word
// occurrence that ends after vs-ctxBefore.
func (e *Engine) wordsNearFrom(sc *scratch, dst []uint64, vs, ve, i int) []uint64 {
	n := (len(e.words) + 63) / 64
	if cap(dst) < n {
		dst = make([]uint64, n)
	}
	dst = dst[:n]
	clear(dst)
	hi := ve + e.ctxAfter
	for ; i < len(sc.ctx) && sc.ctx[i].s < hi; i++ {
		if o := sc.ctx[i]; o.s >= ve || o.e <= vs {
			dst[o.word/64] |= 1 << (o.word % 64)
		}
	}
	for k := range sc.fieldBits {
		dst[k] |= sc.fieldBits[k]
	}
	return dst
}

// hasContext reports whether a context word of c is near [vs,ve) (and not
// inside it), in the field name, or in the CSV header of the value's column.
func (e *Engine) hasContext(sc *scratch, c *compiled, text []byte, vs, ve int) bool {
	if !c.hasCtx {
		return false
	}
	first, last := sc.hdr.columns(text, vs, vs)
	for col := max(first, 0); col <= last; col++ {
		if hasBits(sc.columnWords(e, col), c.ctxBits) {
			return true
		}
	}
	if first >= 0 && first == last && len(sc.hdr.fields) >= 3 {
		// A cell of a table row: its column says what it holds, and its row
		// may label it ("Canada | 326-523-214", "AWS prod | secret key |
		// ..."). Words in other rows (the header line above, the next
		// record) describe other values.
		return e.hasContextIn(sc, c, vs, ve, sc.hdr.lineStart, sc.hdr.lineEnd) || e.cellHasContext(sc, c, text, vs)
	}
	if e.hasContextText(sc, c, text, vs, ve) {
		return true
	}
	return e.cellHasContext(sc, c, text, vs)
}

// hasContextIn reports whether a context word of c occurs in [lo,hi),
// outside the value [vs,ve).
func (e *Engine) hasContextIn(sc *scratch, c *compiled, vs, ve, lo, hi int) bool {
	i, _ := slices.BinarySearchFunc(sc.ctx, lo+1, func(o ctxOcc, t int) int { return o.e - t })
	for ; i < len(sc.ctx) && sc.ctx[i].s < hi; i++ {
		o := sc.ctx[i]
		if o.s < lo || o.e > hi || (o.s < ve && vs < o.e) {
			continue
		}
		if c.ctxBits[o.word/64]&(1<<(o.word%64)) != 0 {
			return true
		}
	}
	return false
}

// hasContextText checks the text around [vs,ve) and the field name.
func (e *Engine) hasContextText(sc *scratch, c *compiled, text []byte, vs, ve int) bool {
	lo, hi := vs-e.ctxBefore, ve+e.ctxAfter
	// sc.ctx is sorted by end offset (automaton order); find the first
	// occurrence ending after lo.
	i, _ := slices.BinarySearchFunc(sc.ctx, lo+1, func(o ctxOcc, t int) int { return o.e - t })
	for ; i < len(sc.ctx) && sc.ctx[i].s < hi; i++ {
		o := sc.ctx[i]
		if o.s < ve && vs < o.e {
			continue // inside the value
		}
		if c.ctxBits[o.word/64]&(1<<(o.word%64)) != 0 {
			return true
		}
	}
	return sc.fieldBits != nil && hasBits(sc.fieldBits, c.ctxBits)
}

// nameWords returns the bitset of context words that occur in a
// (lower-cased, camelCase-split) field or column name: at word boundaries,
// or — for words of minCompoundPart bytes or more — inside a compound
// ("telefonnummer" holds "telefon", "paspoortnummer" holds "paspoort").
// Names are short and say what their values are, so the looser rule is
// safe there; running text keeps strict boundaries.
func (e *Engine) nameWords(name []byte, dst []uint64) []uint64 {
	n := (len(e.words) + 63) / 64
	if cap(dst) < n {
		dst = make([]uint64, n)
	}
	dst = dst[:n]
	clear(dst)
	e.ac.scan(name, func(id int32, s, end int) {
		if w := e.words[id]; e.isCtx[id] && (len(w) >= minCompoundPart || isWordAt(name, s, end, w)) {
			dst[id/64] |= 1 << (id % 64)
		}
	})
	return dst
}

// minCompoundPart is the shortest context word matched inside a compound
// field or column name.
const minCompoundPart = 5

// columnWords returns (computing once per record) the context words of a
// CSV header column.
func (sc *scratch) columnWords(e *Engine, col int) []uint64 {
	if sc.colBits == nil || len(sc.colBits) != len(sc.hdr.fields) {
		sc.colBits = make([][]uint64, len(sc.hdr.fields))
	}
	if sc.colBits[col] == nil {
		sc.colBits[col] = e.nameWords(sc.hdr.fields[col], nil)
	}
	return sc.colBits[col]
}

func hasBits(a, b []uint64) bool {
	for i := range min(len(a), len(b)) {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

// normalizeValue lower-cases v and drops ASCII separators and quotes, for
// placeholder comparison.
func normalizeValue(dst, v []byte) string {
	dst = dst[:0]
	for _, b := range v {
		switch b {
		case ' ', '-', '.', '/', ':', '(', ')', '"', '\'', '\t':
			continue
		}
		dst = append(dst, lowerASCII(b))
	}
	return string(dst)
}

// isPlaceholder reports documented test values and filler such as "xxxx".
func (e *Engine) isPlaceholder(sc *scratch, c *compiled, val []byte) bool {
	if c.placeholders != nil {
		sc.norm = sc.norm[:0]
		for _, b := range val {
			switch b {
			case ' ', '-', '.', '/', ':', '(', ')', '"', '\'', '\t':
				continue
			}
			sc.norm = append(sc.norm, lowerASCII(b))
		}
		if _, ok := c.placeholders[string(sc.norm)]; ok {
			return true
		}
	}
	return looksLikeFiller(val)
}

// looksLikeFiller flags obvious filler: a run of 5+ 'x'/'X'/'*' or the word
// EXAMPLE (case-insensitive) inside the value.
func looksLikeFiller(v []byte) bool {
	run := 0
	for _, b := range v {
		if b == 'x' || b == 'X' || b == '*' {
			run++
			if run >= 5 {
				return true
			}
		} else {
			run = 0
		}
	}
	return len(v) >= 7 && containsFoldASCII(v, "example")
}

func containsFoldASCII(v []byte, lowerWord string) bool {
	n := len(lowerWord)
	for i := 0; i+n <= len(v); i++ {
		ok := true
		for k := 0; k < n; k++ {
			if lowerASCII(v[i+k]) != lowerWord[k] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
