// Package classifiers finds PII, PHI and secrets in text. It compiles a
// catalogue of detector specs (package detector) once into an Engine that
// scans a record in close to one pass and returns findings sorted by offset.
//
// How a record is scanned:
//  1. One Aho-Corasick pass over the record finds every keyword of every
//     spec (ASCII case-insensitive), and one byte-class pass finds digit
//     clusters (see detector.DigitTrigger). Each hit names a window.
//  2. Per spec, overlapping windows are merged and the spec's RE2 pattern
//     runs only on those windows, so the cost of a pattern is proportional to
//     the text near its triggers, not to the record.
//  3. Each match is validated (checksums, structure), scored (base
//     confidence, context words near it or in its field/column name,
//     placeholders), and overlapping findings are resolved to the best one.
//
// An Engine is immutable after New and safe for concurrent use. Scanning never
// panics on any input (invalid UTF-8, NUL bytes, huge records).
package classifiers

import (
	"errors"
	"fmt"
	regexp "github.com/wasilibs/go-re2"
	"regexp/syntax"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/weir-dev/weir/classifiers/detector"
)

// Config tunes an Engine. The zero value is valid.
type Config struct {
	// MinConfidence drops findings below it. 0 means DefaultMinConfidence.
	MinConfidence float64
	// FingerprintKey keys the HMAC-SHA256 fingerprints. Empty means
	// DevFingerprintKey (fingerprints are then stable, not secret).
	FingerprintKey []byte
	// Types, when non-empty, limits the engine to these TAXONOMY types.
	Types []string
	// ContextBefore and ContextAfter size the window (bytes) around a value
	// in which context words count. 0 means DefaultContextBefore/After.
	ContextBefore, ContextAfter int
}

// DefaultMinConfidence is the report threshold when Config.MinConfidence is 0.
const DefaultMinConfidence = 0.5

// Default windows around trigger hits (see detector.Spec.Before/After).
const (
	defaultKeywordBefore = 64
	defaultKeywordAfter  = 256
	defaultDigitBefore   = 32
	defaultDigitAfter    = 32
	// maxTokenExtend bounds how far a window edge moves to reach a token
	// boundary.
	maxTokenExtend = 256
	maxDigitCount  = 64
)

// compiled is a spec ready to run.
type compiled struct {
	spec          *detector.Spec
	re            *regexp.Regexp
	kwBefore      int
	kwAfter       int
	dgBefore      int
	dgAfter       int
	confidence    float64
	ctxBits       []uint64 // context word ids (bitset over Engine.words)
	hasCtx        bool
	rejBits       []uint64 // reject words (bitset over Engine.words)
	hasRej        bool
	placeholders  map[string]struct{}
	normalizeFP   bool
	minLetters    int
	noLetters     bool
	shape         func(*detector.Cluster) bool
	validatorName string
	typeIndex     int  // index of the spec's type in the engine's type list
	batch         bool // windows can be joined into one regex call
}

// Engine is a compiled detector catalogue.
type Engine struct {
	specs               []detector.Spec
	c                   []compiled
	ac                  *acMatcher
	kwSpecs             [][]int32                  // word id -> spec indices it triggers
	isCtx               []bool                     // word id -> is a context word of some spec
	wordType            []int                      // word id -> index of the only type it is context for, or -1
	words               []string                   // word id -> lower-cased keyword or context word
	digit               [maxDigitCount + 1][]int32 // digit count -> spec indices
	minConf             float64
	ctxBefore, ctxAfter int
	fpKey               []byte
	scratchs            sync.Pool
	// observe, when set (by tests and profiling tools in this package), is
	// called after each spec's pattern ran on its windows.
	observe func(spec int32, wins []window, d time.Duration)
}

// New compiles specs. It returns an error naming every invalid spec.
func New(specs []detector.Spec, cfg Config) (*Engine, error) {
	e := &Engine{minConf: cfg.MinConfidence, fpKey: slices.Clone(cfg.FingerprintKey)}
	if e.minConf <= 0 {
		e.minConf = DefaultMinConfidence
	}
	e.ctxBefore, e.ctxAfter = cfg.ContextBefore, cfg.ContextAfter
	if e.ctxBefore <= 0 {
		e.ctxBefore = DefaultContextBefore
	}
	if e.ctxAfter <= 0 {
		e.ctxAfter = DefaultContextAfter
	}
	var want map[string]bool
	if len(cfg.Types) > 0 {
		want = map[string]bool{}
		for _, t := range cfg.Types {
			want[strings.TrimSpace(t)] = true
		}
	}
	ids := map[string]bool{}
	var errs []error
	for i := range specs {
		s := specs[i]
		if want != nil && !want[s.Type] {
			continue
		}
		if err := s.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if ids[s.ID] {
			errs = append(errs, fmt.Errorf("detector %q: duplicate id", s.ID))
			continue
		}
		ids[s.ID] = true
		e.specs = append(e.specs, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	kwIndex := map[string]int{}
	e.c = make([]compiled, len(e.specs))
	for i := range e.specs {
		s := &e.specs[i]
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return nil, fmt.Errorf("detector %q: pattern: %w", s.ID, err)
		}
		c := compiled{spec: s, re: re, confidence: s.Confidence, validatorName: s.ValidatorName,
			kwBefore: defaultKeywordBefore, kwAfter: defaultKeywordAfter,
			dgBefore: defaultDigitBefore, dgAfter: defaultDigitAfter}
		if c.confidence == 0 {
			c.confidence = 0.5
		}
		if s.Before > 0 {
			c.kwBefore, c.dgBefore = s.Before, s.Before
		}
		if s.After > 0 {
			c.kwAfter, c.dgAfter = s.After, s.After
		}
		if len(s.Placeholders) > 0 {
			c.placeholders = map[string]struct{}{}
			for _, p := range s.Placeholders {
				c.placeholders[normalizeValue(nil, []byte(p))] = struct{}{}
			}
		}
		c.normalizeFP = s.Digits != nil
		c.batch = batchable(s)
		for _, k := range s.Keywords {
			id := e.wordID(kwIndex, strings.ToLower(k))
			if !slices.Contains(e.kwSpecs[id], int32(i)) {
				e.kwSpecs[id] = append(e.kwSpecs[id], int32(i))
			}
		}
		if d := s.Digits; d != nil {
			c.minLetters = d.MinLetters
			c.noLetters = d.NoLetters
			c.shape = d.Shape
			for n := d.Min; n <= d.Max && n <= maxDigitCount; n++ {
				e.digit[n] = append(e.digit[n], int32(i))
			}
		}
		e.c[i] = c
	}
	// Context words join the same automaton, so one pass finds triggers and
	// context. Bitsets are sized once every word is known.
	ctxIDs := make([][]int, len(e.c))
	rejIDs := make([][]int, len(e.c))
	for i := range e.specs {
		for _, w := range e.specs[i].Context {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				id := e.wordID(kwIndex, w)
				e.isCtx[id] = true
				ctxIDs[i] = append(ctxIDs[i], id)
			}
		}
		for _, w := range e.specs[i].Reject {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				id := e.wordID(kwIndex, w)
				e.isCtx[id] = true // found like context words
				rejIDs[i] = append(rejIDs[i], id)
			}
		}
	}
	typeIdx := map[string]int{}
	e.wordType = make([]int, len(e.words))
	for id := range e.wordType {
		e.wordType[id] = -2 // no owner yet
	}
	for i := range e.c {
		t, ok := typeIdx[e.specs[i].Type]
		if !ok {
			t = len(typeIdx)
			typeIdx[e.specs[i].Type] = t
		}
		e.c[i].typeIndex = t
		for _, id := range ctxIDs[i] {
			switch e.wordType[id] {
			case -2, t:
				e.wordType[id] = t
			default:
				e.wordType[id] = -1 // shared by several types
			}
		}
	}
	for id := range e.wordType {
		if e.wordType[id] == -2 {
			e.wordType[id] = -1
		}
	}
	for i := range e.c {
		e.c[i].rejBits = make([]uint64, (len(e.words)+63)/64)
		for _, id := range rejIDs[i] {
			e.c[i].rejBits[id/64] |= 1 << (id % 64)
			e.c[i].hasRej = true
		}
		e.c[i].ctxBits = make([]uint64, (len(e.words)+63)/64)
		for _, id := range ctxIDs[i] {
			e.c[i].ctxBits[id/64] |= 1 << (id % 64)
			e.c[i].hasCtx = true
		}
	}
	e.ac = newAC(e.words)
	e.scratchs.New = func() any { return &scratch{fp: newFingerprinter(e.fpKey)} }
	return e, nil
}

// wordID returns the id of a lower-cased automaton word, adding it.
func (e *Engine) wordID(index map[string]int, w string) int {
	id, ok := index[w]
	if !ok {
		id = len(e.words)
		index[w] = id
		e.words = append(e.words, w)
		e.kwSpecs = append(e.kwSpecs, nil)
		e.isCtx = append(e.isCtx, false)
	}
	return id
}

// Specs returns the compiled specs (do not modify).
func (e *Engine) Specs() []detector.Spec { return e.specs }

// MinConfidence returns the report threshold in force.
func (e *Engine) MinConfidence() float64 { return e.minConf }

// Scan returns the findings in text, sorted by Start.
func (e *Engine) Scan(text []byte) []Finding { return e.ScanField("", text) }

// ScanField scans text that is the value of a named field (a column or JSON
// path); the field name counts as context for every value in text, and it is
// also put in front of the value as a "name: " label so that label-anchored
// detectors (password = ..., AccountKey=...) see it. Offsets are relative to
// text.
func (e *Engine) ScanField(field string, text []byte) []Finding {
	if len(text) == 0 || len(e.c) == 0 {
		return nil
	}
	sc := e.scratchs.Get().(*scratch)
	defer e.scratchs.Put(sc)
	sc.reset(e, field)
	if field == "" || len(text) > maxLabelledField {
		return e.scan(sc, text, 0)
	}
	buf := append(sc.labelled[:0], field...)
	buf = append(buf, ": "...)
	prefix := len(buf)
	buf = append(buf, text...)
	sc.labelled = buf
	return e.scan(sc, buf, prefix)
}

// maxLabelledField is the largest field value that ScanField copies behind
// its label; larger values are scanned in place.
const maxLabelledField = 1 << 20

// scan runs the passes over text and returns the findings at or after
// offset from, shifted by -from.
func (e *Engine) scan(sc *scratch, text []byte, from int) []Finding {
	e.collectHits(sc, text)
	e.runPatterns(sc, text)
	return e.finish(sc, text, from)
}

// hit is one trigger occurrence for one spec.
type hit struct {
	spec   int32
	digit  bool // from the digit scanner: the value must overlap [hs,he)
	ws, we int  // window
	hs, he int  // trigger span
}

// ctxOcc is an occurrence of a context word at word boundaries.
type ctxOcc struct {
	word int32
	s, e int
}

// cand is a validated, scored match.
type cand struct {
	spec int32
	s, e int
	conf float64
}

// scratch holds per-scan buffers; pooled.
type scratch struct {
	hits      []hit
	near      []uint64 // context words near the current cluster
	nearValid bool
	clusters  clusterScanner
	cluster   detector.Cluster // the current digit cluster, for Shapes (built lazily)
	sorted    []hit
	count     []int
	wins      []window
	batch     []byte
	cands     []cand
	ctx       []ctxOcc
	norm      []byte
	labelled  []byte
	field     []byte
	fieldBits []uint64 // context words in the field name (nil: no field)
	fieldBuf  []uint64
	colBits   [][]uint64 // context words per CSV header column, lazily
	hdr       csvHeader
	cells     cellIndex
	fp        *fingerprinter
}

func (sc *scratch) reset(e *Engine, field string) {
	sc.hits = sc.hits[:0]
	sc.ctx = sc.ctx[:0]
	sc.cands = sc.cands[:0]
	sc.field = lowerName(sc.field[:0], []byte(field))
	sc.colBits = nil
	sc.fieldBits = nil
	if len(sc.field) > 0 {
		sc.fieldBits = e.nameWords(sc.field, sc.fieldBuf)
		sc.fieldBuf = sc.fieldBits
	}
	sc.hdr = csvHeader{}
	sc.cells.built = false
	sc.cells.bits = nil
}

func (e *Engine) collectHits(sc *scratch, text []byte) {
	n := len(text)
	e.ac.scan(text, func(id int32, s, end int) {
		if e.isCtx[id] && isWordAt(text, s, end, e.words[id]) {
			sc.ctx = append(sc.ctx, ctxOcc{word: id, s: s, e: end})
		}
		for _, si := range e.kwSpecs[id] {
			c := &e.c[si]
			sc.hits = append(sc.hits, hit{spec: si, ws: max(0, s-c.kwBefore), we: min(n, end+c.kwAfter), hs: s, he: end})
		}
	})
	sc.clusters.scan(text, func(cl cluster) {
		if cl.digits > maxDigitCount {
			return
		}
		sc.nearValid = false
		built := false // sc.cluster holds cl
		for _, si := range e.digit[cl.digits] {
			c := &e.c[si]
			if cl.letter < c.minLetters || (c.noLetters && cl.letter > 0) {
				continue
			}
			if c.shape != nil {
				if !built {
					sc.clusters.fill(text, cl, &sc.cluster)
					built = true
				}
				if !c.shape(&sc.cluster) {
					continue
				}
			}
			// A value that needs context is not worth a regex without it.
			ws, we := max(0, cl.start-c.dgBefore), min(n, cl.end+c.dgAfter)
			if c.spec.Need == detector.ContextRequired && !e.hasContextNear(sc, c, text, ws, cl.start, cl.end) {
				continue
			}
			sc.hits = append(sc.hits, hit{spec: si, digit: true, ws: ws, we: we, hs: cl.start, he: cl.end})
		}
	})
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

// batchSep separates windows concatenated into one batch buffer. Value
// patterns do not match across a newline, and a newline is a boundary for
// the usual (?:^|[^0-9A-Za-z]) guards.
const batchSep = '\n'

// runPatterns merges each spec's windows and runs its pattern on them: one
// regex call for all windows of a spec whose patterns are batchable (the
// windows joined by batchSep), else one call per window. Batching matters:
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
			// Move the edges to token boundaries so patterns see real boundaries.
			for n := 0; w.ws > 0 && isTokenByte(text[w.ws-1]); n++ {
				if n == maxTokenExtend {
					w.startCut = true
					break
				}
				w.ws--
			}
			for n := 0; w.we < len(text) && isTokenByte(text[w.we]); n++ {
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
		sc.wins = wins
		c := &e.c[si]
		var t0 time.Time
		if e.observe != nil {
			t0 = time.Now()
		}
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
				buf = append(buf, batchSep)
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

// score validates a value and appends it as a candidate if it reaches the
// threshold.
func (e *Engine) score(sc *scratch, text []byte, si int32, vs, ve int) {
	c := &e.c[si]
	val := text[vs:ve]
	if c.spec.Validator != nil && !c.spec.Validator(val) {
		return
	}
	conf := c.confidence
	if c.hasCtx || c.spec.Need == detector.ContextRequired {
		if e.hasContext(sc, c, text, vs, ve) {
			conf = min(0.99, conf+0.3)
		} else if c.spec.Need == detector.ContextRequired {
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
	if sc.fieldBits != nil && hasBits(sc.fieldBits, c.rejBits) {
		return true
	}
	if first, last := sc.hdr.columns(text, vs, vs); first >= 0 && first == last && hasBits(sc.columnWords(e, first), c.rejBits) {
		return true
	}
	if name := sc.cells.lookup(text, vs); name != nil && hasBits(sc.cells.words(e, name), c.rejBits) {
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

var connectors = []string{"no", "nr", "num", "number", "is", "was", "id", "de", "du", "n", "o", "of", "the", "es", "ist", "est"}

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
	if !sc.nearValid {
		sc.near = e.wordsNear(sc, sc.near, cs, ce)
		sc.nearValid = true
	}
	if hasBits(sc.near, c.ctxBits) {
		return true
	}
	first, last := sc.hdr.columns(text, ws, cs)
	for col := max(first, 0); col <= last; col++ {
		if hasBits(sc.columnWords(e, col), c.ctxBits) {
			return true
		}
	}
	return e.cellHasContext(sc, c, text, cs)
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
	n := (len(e.words) + 63) / 64
	if cap(dst) < n {
		dst = make([]uint64, n)
	}
	dst = dst[:n]
	clear(dst)
	lo, hi := vs-e.ctxBefore, ve+e.ctxAfter
	i, _ := slices.BinarySearchFunc(sc.ctx, lo+1, func(o ctxOcc, t int) int { return o.e - t })
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
	if e.hasContextText(sc, c, text, vs, ve) {
		return true
	}
	first, last := sc.hdr.columns(text, vs, vs)
	for col := max(first, 0); col <= last; col++ {
		if hasBits(sc.columnWords(e, col), c.ctxBits) {
			return true
		}
	}
	return e.cellHasContext(sc, c, text, vs)
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

// finish dedupes, resolves overlaps and builds the findings.
func (e *Engine) finish(sc *scratch, text []byte, from int) []Finding {
	cs := sc.cands
	if len(cs) == 0 {
		return nil
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.s != b.s {
			return a.s - b.s
		}
		if a.e != b.e {
			return b.e - a.e
		}
		return int(a.spec) - int(b.spec)
	})
	kept := resolveOverlaps(cs)
	out := make([]Finding, 0, len(kept))
	for _, k := range kept {
		if k.s < from {
			continue // in the label ScanField put in front
		}
		c := &e.c[k.spec]
		val := text[k.s:k.e]
		out = append(out, Finding{
			Type:        c.spec.Type,
			Category:    string(c.spec.Category),
			Start:       k.s - from,
			End:         k.e - from,
			Confidence:  round2(k.conf),
			Detector:    c.spec.ID,
			Validator:   c.validatorName,
			Fingerprint: sc.fp.fingerprint(c.spec.Type, val, c.normalizeFP),
			Preview:     Preview(val),
		})
	}
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// resolveOverlaps takes candidates sorted by start and returns a
// non-overlapping subset sorted by start: within each group of transitively
// overlapping candidates, the best (confidence, then length, then catalogue
// order) wins and excludes what it overlaps, repeatedly.
func resolveOverlaps(cs []cand) []cand {
	out := cs[:0:0]
	for i := 0; i < len(cs); {
		j := i + 1
		end := cs[i].e
		for j < len(cs) && cs[j].s < end {
			end = max(end, cs[j].e)
			j++
		}
		grp := cs[i:j]
		if len(grp) == 1 {
			out = append(out, grp[0])
			i = j
			continue
		}
		g := slices.Clone(grp)
		slices.SortStableFunc(g, func(a, b cand) int {
			switch {
			case a.conf != b.conf:
				if a.conf > b.conf {
					return -1
				}
				return 1
			case a.e-a.s != b.e-b.s:
				return (b.e - b.s) - (a.e - a.s)
			default:
				return int(a.spec) - int(b.spec)
			}
		})
		var acc []cand
		for _, c := range g {
			ok := true
			for _, a := range acc {
				if c.s < a.e && a.s < c.e {
					ok = false
					break
				}
			}
			if ok {
				acc = append(acc, c)
			}
		}
		slices.SortFunc(acc, func(a, b cand) int { return a.s - b.s })
		out = append(out, acc...)
		i = j
	}
	return out
}

// batchable reports whether a spec's windows can be joined by batchSep into
// one regex call: its pattern must not be able to match a newline inside
// the value (its Group), checked on the pattern's syntax tree. Guards
// around the value may match the separator.
func batchable(s *detector.Spec) bool {
	re, err := syntax.Parse(s.Pattern, syntax.Perl)
	if err != nil {
		return false
	}
	if v := findCapture(re, s.Group); v != nil {
		return !canMatchNewline(v)
	}
	return false
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

func canMatchNewline(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpAnyChar:
		return true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= '\n' && '\n' <= re.Rune[i+1] {
				return true
			}
		}
		return false
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if r == '\n' {
				return true
			}
		}
		return false
	}
	for _, sub := range re.Sub {
		if canMatchNewline(sub) {
			return true
		}
	}
	return false
}
