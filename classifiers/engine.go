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
	"slices"
	"strings"
	"sync"

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
	context       [][]byte
	placeholders  map[string]struct{}
	normalizeFP   bool
	minLetters    int
	validatorName string
}

// Engine is a compiled detector catalogue.
type Engine struct {
	specs    []detector.Spec
	c        []compiled
	ac       *acMatcher
	kwSpecs  [][]int32                  // keyword id -> spec indices
	digit    [maxDigitCount + 1][]int32 // digit count -> spec indices
	minConf  float64
	fpKey    []byte
	scratchs sync.Pool
}

// New compiles specs. It returns an error naming every invalid spec.
func New(specs []detector.Spec, cfg Config) (*Engine, error) {
	e := &Engine{minConf: cfg.MinConfidence, fpKey: slices.Clone(cfg.FingerprintKey)}
	if e.minConf <= 0 {
		e.minConf = DefaultMinConfidence
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
	var keywords []string
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
		for _, w := range s.Context {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				c.context = append(c.context, []byte(w))
			}
		}
		if len(s.Placeholders) > 0 {
			c.placeholders = map[string]struct{}{}
			for _, p := range s.Placeholders {
				c.placeholders[normalizeValue(nil, []byte(p))] = struct{}{}
			}
		}
		c.normalizeFP = s.Digits != nil
		for _, k := range s.Keywords {
			lk := strings.ToLower(k)
			id, ok := kwIndex[lk]
			if !ok {
				id = len(keywords)
				kwIndex[lk] = id
				keywords = append(keywords, lk)
				e.kwSpecs = append(e.kwSpecs, nil)
			}
			if !slices.Contains(e.kwSpecs[id], int32(i)) {
				e.kwSpecs[id] = append(e.kwSpecs[id], int32(i))
			}
		}
		if d := s.Digits; d != nil {
			c.minLetters = d.MinLetters
			for n := d.Min; n <= d.Max && n <= maxDigitCount; n++ {
				e.digit[n] = append(e.digit[n], int32(i))
			}
		}
		e.c[i] = c
	}
	e.ac = newAC(keywords)
	e.scratchs.New = func() any { return &scratch{fp: newFingerprinter(e.fpKey)} }
	return e, nil
}

// Specs returns the compiled specs (do not modify).
func (e *Engine) Specs() []detector.Spec { return e.specs }

// MinConfidence returns the report threshold in force.
func (e *Engine) MinConfidence() float64 { return e.minConf }

// Scan returns the findings in text, sorted by Start.
func (e *Engine) Scan(text []byte) []Finding { return e.ScanField("", text) }

// ScanField scans text that is the value of a named field (a column or JSON
// path); the field name counts as context for every value in text.
func (e *Engine) ScanField(field string, text []byte) []Finding {
	if len(text) == 0 || len(e.c) == 0 {
		return nil
	}
	sc := e.scratchs.Get().(*scratch)
	defer e.scratchs.Put(sc)
	sc.reset(field)
	e.collectHits(sc, text)
	e.runPatterns(sc, text)
	return e.finish(sc, text)
}

// hit is one trigger occurrence for one spec.
type hit struct {
	spec   int32
	digit  bool // from the digit scanner: the value must overlap [hs,he)
	ws, we int  // window
	hs, he int  // trigger span
}

// cand is a validated, scored match.
type cand struct {
	spec int32
	s, e int
	conf float64
}

// scratch holds per-scan buffers; pooled.
type scratch struct {
	hits  []hit
	cands []cand
	lower []byte
	norm  []byte
	field []byte
	hdr   csvHeader
	fp    *fingerprinter
}

func (sc *scratch) reset(field string) {
	sc.hits = sc.hits[:0]
	sc.cands = sc.cands[:0]
	sc.field = lowerInto(sc.field[:0], []byte(field))
	sc.hdr = csvHeader{}
}

func (e *Engine) collectHits(sc *scratch, text []byte) {
	n := len(text)
	e.ac.scan(text, func(id int32, s, end int) {
		for _, si := range e.kwSpecs[id] {
			c := &e.c[si]
			sc.hits = append(sc.hits, hit{spec: si, ws: max(0, s-c.kwBefore), we: min(n, end+c.kwAfter), hs: s, he: end})
		}
	})
	scanClusters(text, func(cl cluster) {
		if cl.digits > maxDigitCount {
			return
		}
		for _, si := range e.digit[cl.digits] {
			c := &e.c[si]
			if cl.letter < c.minLetters {
				continue
			}
			sc.hits = append(sc.hits, hit{spec: si, digit: true, ws: max(0, cl.start-c.dgBefore), we: min(n, cl.end+c.dgAfter), hs: cl.start, he: cl.end})
		}
	})
}

// isTokenByte reports whether b can continue a token that a pattern may
// match across (base64, e-mail local parts, URLs, numbers).
func isTokenByte(b byte) bool {
	return byteClass[b] == clsDigit || byteClass[b] == clsLetter || b >= 0x80 ||
		strings.IndexByte("_-+/=.%", b) >= 0
}

// runPatterns merges each spec's windows and runs its pattern on them.
func (e *Engine) runPatterns(sc *scratch, text []byte) {
	hits := sc.hits
	slices.SortFunc(hits, func(a, b hit) int {
		if a.spec != b.spec {
			return int(a.spec) - int(b.spec)
		}
		return a.ws - b.ws
	})
	for i := 0; i < len(hits); {
		j := i + 1
		we := hits[i].we
		for j < len(hits) && hits[j].spec == hits[i].spec && hits[j].ws <= we {
			we = max(we, hits[j].we)
			j++
		}
		e.matchWindow(sc, text, hits[i:j], hits[i].ws, we)
		i = j
	}
}

// matchWindow runs one spec's pattern on text[ws:we] and keeps the matches
// that overlap a trigger in group (sorted by ws).
func (e *Engine) matchWindow(sc *scratch, text []byte, group []hit, ws, we int) {
	si := group[0].spec
	c := &e.c[si]
	// Move the edges to token boundaries so patterns see real boundaries.
	startCut, endCut := false, false
	for k := 0; ws > 0 && isTokenByte(text[ws-1]); k++ {
		if k == maxTokenExtend {
			startCut = true
			break
		}
		ws--
	}
	for k := 0; we < len(text) && isTokenByte(text[we]); k++ {
		if k == maxTokenExtend {
			endCut = true
			break
		}
		we++
	}
	win := text[ws:we]
	g := c.spec.Group
	hp := 0
	for _, m := range c.re.FindAllSubmatchIndex(win, -1) {
		if 2*g+1 >= len(m) || m[2*g] < 0 {
			continue
		}
		ms, me := ws+m[0], ws+m[1]
		vs, ve := ws+m[2*g], ws+m[2*g+1]
		if ve <= vs || (startCut && vs == ws) || (endCut && ve == we) {
			continue
		}
		// Advance past triggers that end before this match can overlap them.
		for hp < len(group) && group[hp].he <= ms {
			hp++
		}
		overlap := false
		for k := hp; k < len(group) && group[k].ws <= me; k++ {
			h := &group[k]
			if h.digit {
				overlap = vs < h.he && h.hs < ve
			} else {
				overlap = ms < h.he && h.hs < me
			}
			if overlap {
				break
			}
		}
		if !overlap {
			continue
		}
		e.score(sc, text, si, vs, ve)
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
	if len(c.context) > 0 || c.spec.Need == detector.ContextRequired {
		if e.hasContext(sc, c, text, vs, ve) {
			conf = min(0.99, conf+0.3)
		} else if c.spec.Need == detector.ContextRequired {
			return
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

func (e *Engine) hasContext(sc *scratch, c *compiled, text []byte, vs, ve int) bool {
	if len(c.context) == 0 {
		return false
	}
	for _, w := range c.context {
		if len(sc.field) > 0 && containsWord(sc.field, w) {
			return true
		}
	}
	if col := sc.hdr.column(text, vs); col != nil {
		for _, w := range c.context {
			if containsWord(col, w) {
				return true
			}
		}
	}
	ws, we := max(0, vs-contextBefore), min(len(text), ve+contextAfter)
	// Lower-case the window, blanking the value itself so a context word can't
	// come from inside it.
	sc.lower = lowerInto(sc.lower[:0], text[ws:we])
	for k := vs - ws; k < ve-ws; k++ {
		sc.lower[k] = ' '
	}
	for _, w := range c.context {
		if containsWord(sc.lower, w) {
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
func (e *Engine) finish(sc *scratch, text []byte) []Finding {
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
		c := &e.c[k.spec]
		val := text[k.s:k.e]
		out = append(out, Finding{
			Type:        c.spec.Type,
			Category:    string(c.spec.Category),
			Start:       k.s,
			End:         k.e,
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
