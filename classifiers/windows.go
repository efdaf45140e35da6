package classifiers

import (
	"regexp/syntax"

	regexp "github.com/wasilibs/go-re2"
	"slices"
	"strings"
	"time"

	"github.com/weir-dev/weir/classifiers/detector"
)

// Candidate windows: trigger hits from the keyword automaton and the digit
// cluster scanner, merged per spec, and the spec patterns run on them.

func (e *Engine) collectHits(sc *scratch, text []byte) {
	n := len(text)
	e.ac.scan(text, func(id int32, s, end int) {
		if f := e.marker[id]; f != 0 {
			sc.cells.markers |= f
			if f&formatInsert != 0 && sc.cells.insertAt < 0 {
				sc.cells.insertAt = s
			}
		}
		if e.isCtx[id] && isWordAt(text, s, end, e.words[id]) {
			sc.ctx = append(sc.ctx, ctxOcc{word: id, s: s, e: end})
		}
		if e.spokenWord[id] != 0 && isWordAt(text, s, end, e.words[id]) {
			if sc.wordEnd >= 0 && s-sc.wordEnd <= spokenNear {
				sc.streak++
			} else {
				sc.streak = 1
			}
			sc.wordEnd = end
			if sc.streak >= spokenTrigger {
				sc.spoken = spokenTrigger
				sc.markSpoken(s)
			}
		}
		for _, si := range e.kwSpecs[id] {
			c := &e.c[si]
			sc.hits = append(sc.hits, hit{spec: si, ws: max(0, s-c.kwBefore), we: min(n, end+c.kwAfter), hs: s, he: end})
		}
	})
	sc.cursor, sc.cursorLo = 0, 0
	sc.clusters.scan(text, func(cl cluster) {
		if cl.digits > maxDigitCount {
			return
		}
		if cl.letter == 0 {
			switch {
			case cl.digits >= 3 && cl.end-cl.start == 2*cl.digits-1:
				sc.spoken = spokenTrigger // spaced single digits: "9 8 5"
				sc.markSpoken(cl.start)
			case cl.digits == cl.end-cl.start && cl.digits <= 4:
				// Groups read one by one: "4596, 3858, 3895", "5390 - 4021 - 0248", "170 ... 96 ... 3391".
				if sc.listEnd > 0 && spokenJoin(text[sc.listEnd:cl.start]) {
					sc.listRun++
					if sc.listRun >= 2 {
						sc.spoken = spokenTrigger
						sc.markSpoken(cl.start)
					}
				} else {
					sc.listRun = 0
				}
				sc.listEnd = cl.end
			}
		}
		sc.nearValid = false
		built := false // sc.cluster holds cl
		stamp := cl.digits >= 8 && isTimestamp(text[cl.start:cl.end])
		for k := range e.digit[cl.digits] {
			d := &e.digit[cl.digits][k]
			if cl.letter < d.minLetters || (d.noLetters && cl.letter > 0) || (stamp && !d.dates) {
				continue
			}
			if d.shape != nil {
				if !built {
					sc.clusters.fill(text, cl, &sc.cluster)
					built = true
				}
				if !d.shape(&sc.cluster) {
					continue
				}
			}
			// A value that needs context is not worth a regex without it.
			ws, we := max(0, cl.start-d.before), min(n, cl.end+d.after)
			if d.needCtx && !e.hasContextNear(sc, &e.c[d.si], text, ws, cl.start, cl.end) {
				continue
			}
			sc.hits = append(sc.hits, hit{spec: d.si, digit: true, ws: ws, we: we, hs: cl.start, he: cl.end})
		}
	})
	if len(e.colSpecs) > 0 {
		e.columnHits(sc, text)
	}
}

// digitSpec is what the cluster loop needs of a digit-triggered spec, kept
// small and contiguous per digit count (the loop runs for every spec in a
// cluster's digit range, for every cluster).
type digitSpec struct {
	si            int32
	minLetters    int
	noLetters     bool
	needCtx       bool // detector.ContextRequired
	dates         bool // a DATE_OF_BIRTH spec: ISO-8601 timestamps reach it
	before, after int
	shape         func(*detector.Cluster) bool
}

// isTokenByte reports whether b can continue a token that a pattern may
// match across (base64, e-mail local parts, URLs, numbers).
func isTokenByte(b byte) bool { return tokenByte[b] }

var tokenByte = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = byteClass[c] == clsDigit || byteClass[c] == clsLetter || c >= 0x80 ||
			strings.IndexByte("_-+/=.%", byte(c)) >= 0
	}
	return t
}()

// groupHits orders sc.hits by spec (a stable counting sort: hits arrive
// nearly ordered by position) and then by window start, and returns them.
func (sc *scratch) groupHits(nspec int) []hit {
	if cap(sc.count) < nspec+1 {
		sc.count = make([]int, nspec+1)
	}
	count := sc.count[:nspec+1]
	clear(count)
	for i := range sc.hits {
		count[sc.hits[i].spec+1]++
	}
	for i := 1; i <= nspec; i++ {
		count[i] += count[i-1]
	}
	if cap(sc.sorted) < len(sc.hits) {
		sc.sorted = make([]hit, len(sc.hits), 2*len(sc.hits))
	}
	out := sc.sorted[:len(sc.hits)]
	for _, h := range sc.hits {
		out[count[h.spec]] = h
		count[h.spec]++
	}
	byStart := func(a, b hit) int { return a.ws - b.ws }
	for lo := 0; lo < len(out); {
		hi := lo + 1
		for hi < len(out) && out[hi].spec == out[lo].spec {
			hi++
		}
		if !slices.IsSortedFunc(out[lo:hi], byStart) {
			slices.SortStableFunc(out[lo:hi], byStart)
		}
		lo = hi
	}
	return out
}

// window is a merged region of text in which one spec's pattern runs, with
// the triggers (hits[h0:h1]) that opened it.
type window struct {
	ws, we           int // in text
	bs               int // offset of ws in the batch buffer
	h0, h1           int
	startCut, endCut bool
}

// batchSeps are the bytes that can separate windows concatenated into one
// batch buffer, in order of preference: a spec uses the first one its value
// (capture group) cannot match, so no match crosses from one window into the
// next. A newline is also a boundary for the usual (?:^|[^0-9A-Za-z])
// guards; NUL serves the specs whose value may hold a line break (a label
// on the line above a phone number) and is a non-word byte for the rest.
var batchSeps = [...]byte{'\n', 0}

// runPatterns merges each spec's windows and runs its pattern on them: one
// regex call for all windows of a spec whose patterns are batchable (the
// windows joined by the spec's separator), else one call per window. Batching matters:
// a call into RE2 costs about as much as scanning a kilobyte.
func (e *Engine) runPatterns(sc *scratch, text []byte) {
	hits := sc.groupHits(len(e.c))
	for i := 0; i < len(hits); {
		si := hits[i].spec
		wins := sc.wins[:0]
		j := i
		for j < len(hits) && hits[j].spec == si {
			k := j + 1
			we := hits[j].we
			for k < len(hits) && hits[k].spec == si && hits[k].ws <= we {
				we = max(we, hits[k].we)
				k++
			}
			w := window{ws: hits[j].ws, we: we, h0: j, h1: k}
			// Move the edges to token boundaries so patterns see real
			// boundaries (a column spec's windows are exactly its cells).
			for n := 0; w.ws > 0 && !e.c[si].cells && isTokenByte(text[w.ws-1]); n++ {
				if n == maxTokenExtend {
					w.startCut = true
					break
				}
				w.ws--
			}
			for n := 0; w.we < len(text) && !e.c[si].cells && isTokenByte(text[w.we]); n++ {
				if n == maxTokenExtend {
					w.endCut = true
					break
				}
				w.we++
			}
			// Token extension can make neighbours overlap: merge them.
			if l := len(wins) - 1; l >= 0 && w.ws <= wins[l].we {
				wins[l].we = max(wins[l].we, w.we)
				wins[l].h1 = k
				wins[l].endCut = w.endCut
			} else {
				wins = append(wins, w)
			}
			j = k
		}
		c := &e.c[si]
		var t0 time.Time
		if e.observe != nil {
			t0 = time.Now()
		}
		if c.group >= 0 {
			wins = e.groupFilter(sc, text, c.group, wins)
		}
		sc.wins = wins
		if len(wins) == 1 || !c.batch {
			for k := range wins {
				w := &wins[k]
				w.bs = 0
				e.matchBuffer(sc, text, text[w.ws:w.we], hits, wins[k:k+1], c, si)
			}
		} else {
			buf := sc.batch[:0]
			for k := range wins {
				w := &wins[k]
				w.bs = len(buf)
				buf = append(buf, text[w.ws:w.we]...)
				buf = append(buf, c.sep)
			}
			sc.batch = buf
			e.matchBuffer(sc, text, buf, hits, wins, c, si)
		}
		if e.observe != nil {
			e.observe(si, wins, time.Since(t0))
		}
		i = j
	}
}

// specGroup is a set of keyword specs with the same triggers and windows
// (the three password-assignment forms, say): one regex, the union of their
// patterns, runs first on the shared windows, and each member's own pattern
// (with its capture groups) then runs only on the windows where the union
// matched. Members share a batch separator, so a member match inside a
// window is also a union match that touches it.
type specGroup struct {
	re      *regexp.Regexp
	members []int32
}

// groupFilter returns the windows of wins (a member's windows, the same
// for every member) that a match of group g's union pattern touches,
// running the union once per scan.
func (e *Engine) groupFilter(sc *scratch, text []byte, g int, wins []window) []window {
	if len(sc.groupKept) < len(e.groups) {
		sc.groupKept = make([][]span, len(e.groups))
		sc.groupDone = make([]bool, len(e.groups))
	}
	if !sc.groupDone[g] {
		sc.groupDone[g] = true
		buf := sc.batch[:0]
		for k := range wins {
			wins[k].bs = len(buf)
			buf = append(buf, text[wins[k].ws:wins[k].we]...)
			buf = append(buf, e.c[e.groups[g].members[0]].sep)
		}
		sc.batch = buf
		kept := sc.groupKept[g][:0]
		k := 0
		for _, m := range e.groups[g].re.FindAllIndex(buf, -1) {
			// Windows with their separators: [bs-1, bs+len+1).
			for k < len(wins) && wins[k].bs+(wins[k].we-wins[k].ws)+1 <= m[0] {
				k++
			}
			for kk := k; kk < len(wins) && wins[kk].bs-1 < m[1]; kk++ {
				if l := len(kept); l == 0 || kept[l-1].s != wins[kk].ws {
					kept = append(kept, span{wins[kk].ws, wins[kk].we})
				}
			}
		}
		sc.groupKept[g] = kept
	}
	kept := sc.groupKept[g]
	out := wins[:0]
	k := 0
	for _, w := range wins {
		for k < len(kept) && kept[k].s < w.ws {
			k++
		}
		if k < len(kept) && kept[k].s == w.ws {
			out = append(out, w)
		}
	}
	return out
}

// span is a byte range [s, e).
type span struct{ s, e int }

// matchBuffer runs one spec's pattern on buf, which holds wins (in order)
// at their bs offsets, and scores the matches whose value lies inside one
// window and overlaps a trigger of that window.
func (e *Engine) matchBuffer(sc *scratch, text, buf []byte, hits []hit, wins []window, c *compiled, si int32) {
	g := c.spec.Group
	wi, hp := 0, 0
	for _, m := range c.re.FindAllSubmatchIndex(buf, -1) {
		if 2*g+1 >= len(m) || m[2*g] < 0 || m[2*g+1] <= m[2*g] {
			continue
		}
		bvs, bve := m[2*g], m[2*g+1]
		if c.trim != nil {
			bvs += trimPrefix(buf[bvs:bve], c.trim)
		}
		for wi < len(wins) && wins[wi].bs+(wins[wi].we-wins[wi].ws) <= bvs {
			wi++
		}
		if wi == len(wins) {
			break
		}
		w := &wins[wi]
		wlen := w.we - w.ws
		if bvs < w.bs || bve > w.bs+wlen {
			continue // the value crosses a window edge
		}
		off := w.ws - w.bs
		vs, ve := bvs+off, bve+off
		if (w.startCut && vs == w.ws) || (w.endCut && ve == w.we) {
			continue
		}
		// The whole match, clipped to the window.
		ms, me := max(m[0], w.bs)+off, min(m[1], w.bs+wlen)+off
		// Triggers that end before this match cannot overlap it or any later
		// one (matches come in order): skip them for good, so a record with a
		// million triggers in one merged window stays linear.
		if hp < w.h0 || hp > w.h1 {
			hp = w.h0
		}
		for hp < w.h1 && hits[hp].he <= ms {
			hp++
		}
		overlap := false
		for k := hp; k < w.h1 && hits[k].ws <= me; k++ {
			h := &hits[k]
			if h.digit {
				overlap = vs < h.he && h.hs < ve
			} else {
				overlap = ms < h.he && h.hs < me
			}
			if overlap {
				break
			}
		}
		if overlap {
			e.score(sc, text, si, vs, ve)
		}
	}
}

// batchable reports whether a spec's windows can be joined into one regex
// call, and by which separator: its value (its Group) must not be able to
// match the separator, checked on the pattern's syntax tree. Guards around
// the value may match it.
func batchable(s *detector.Spec) (sep byte, ok bool) {
	re, err := syntax.Parse(s.Pattern, syntax.Perl)
	if err != nil {
		return 0, false
	}
	v := findCapture(re, s.Group)
	if v == nil {
		return 0, false
	}
	for _, b := range batchSeps {
		if !canMatchByte(v, rune(b)) {
			return b, true
		}
	}
	return 0, false
}

// findCapture returns the subexpression of capture group n (0 = re).
func findCapture(re *syntax.Regexp, n int) *syntax.Regexp {
	if n == 0 || (re.Op == syntax.OpCapture && re.Cap == n) {
		return re
	}
	for _, sub := range re.Sub {
		if v := findCapture(sub, n); v != nil {
			return v
		}
	}
	return nil
}

// canMatchByte reports whether re can match the ASCII character b
// anywhere (ignoring case folding, which no separator is subject to).
func canMatchByte(re *syntax.Regexp, b rune) bool {
	switch re.Op {
	case syntax.OpAnyChar:
		return true
	case syntax.OpAnyCharNotNL:
		return b != '\n'
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= b && b <= re.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpLiteral:
		return slices.Contains(re.Rune, b)
	}
	for _, sub := range re.Sub {
		if canMatchByte(sub, b) {
			return true
		}
	}
	return false
}

// trimPrefix returns the length of the first of prefixes (lower case, ASCII
// case-insensitive) that v starts with and is longer than, or 0.
func trimPrefix(v []byte, prefixes []string) int {
	for _, p := range prefixes {
		if len(v) > len(p) && containsFoldASCII(v[:len(p)], p) {
			return len(p)
		}
	}
	return 0
}
