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
	"time"
	"unicode"
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
	trim          []string // lower-cased Spec.Trim
	validatorName string
	typeIndex     int  // index of the spec's type in the engine's type list
	batch         bool // windows can be joined into one regex call
	sep           byte // the byte that joins them (see batchable)
	group         int  // index in Engine.groups, or -1
	cells         bool // a column spec: its windows are table cells, not grown to token edges
}

// Engine is a compiled detector catalogue.
type Engine struct {
	specs               []detector.Spec
	c                   []compiled
	ac                  *acMatcher
	kwSpecs             [][]int32 // word id -> spec indices it triggers
	isCtx               []bool    // word id -> is a context word of some spec
	wordType            []int     // word id -> index of the only type it is context for, or -1
	maxCtxBefore        int       // the widest dgBefore of a context-required digit spec
	groups              []specGroup
	colSpecs            []int32                        // detector.ContextColumn specs (see columnHits)
	marker              []uint16                       // word id -> format* bits of the formats it announces (see cellIndex)
	spokenWord          []uint8                        // word id -> 1 for a spoken-number marker (see spokenMarkers)
	words               []string                       // word id -> lower-cased keyword or context word
	digit               [maxDigitCount + 1][]digitSpec // digit count -> digit-triggered specs
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
		for _, t := range s.Trim {
			c.trim = append(c.trim, strings.ToLower(t))
		}
		c.sep, c.batch = batchable(s)
		for _, k := range s.Keywords {
			for _, v := range caseVariants(strings.ToLower(k)) {
				id := e.wordID(kwIndex, v)
				if !slices.Contains(e.kwSpecs[id], int32(i)) {
					e.kwSpecs[id] = append(e.kwSpecs[id], int32(i))
				}
			}
		}
		if d := s.Digits; d != nil {
			if s.Need == detector.ContextRequired {
				e.maxCtxBefore = max(e.maxCtxBefore, c.dgBefore)
			}
			ds := digitSpec{si: int32(i), minLetters: d.MinLetters, noLetters: d.NoLetters, shape: d.Shape,
				needCtx: s.Need == detector.ContextRequired, before: c.dgBefore, after: c.dgAfter,
				dates: s.Type == "DATE_OF_BIRTH"}
			for n := d.Min; n <= d.Max && n <= maxDigitCount; n++ {
				e.digit[n] = append(e.digit[n], ds)
			}
		}
		if s.Need == detector.ContextColumn {
			e.colSpecs = append(e.colSpecs, int32(i))
			c.cells = true
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
				for _, v := range caseVariants(w) {
					id := e.wordID(kwIndex, v)
					e.isCtx[id] = true
					ctxIDs[i] = append(ctxIDs[i], id)
				}
			}
		}
		for _, w := range e.specs[i].Reject {
			if w = strings.ToLower(strings.TrimSpace(w)); w != "" {
				for _, v := range caseVariants(w) {
					id := e.wordID(kwIndex, v)
					e.isCtx[id] = true // found like context words
					rejIDs[i] = append(rejIDs[i], id)
				}
			}
		}
	}
	// "insert into" joins the automaton too: the first one tells the
	// table-cell index where SQL INSERT statements start (see cellIndex).
	for _, m := range formatMarkers {
		id := e.wordID(kwIndex, m.word)
		for len(e.marker) < len(e.words) {
			e.marker = append(e.marker, 0)
		}
		e.marker[id] |= m.format
	}
	spokenIDs := map[int]uint8{}
	for _, m := range spokenMarkers {
		spokenIDs[e.wordID(kwIndex, m)] = 1
	}
	for len(e.marker) < len(e.words) {
		e.marker = append(e.marker, 0)
	}
	e.spokenWord = make([]uint8, len(e.words))
	for id, w := range spokenIDs {
		e.spokenWord[id] = w
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
	e.groupSpecs()
	e.ac = newAC(e.words)
	e.scratchs.New = func() any { return &scratch{fp: newFingerprinter(e.fpKey)} }
	return e, nil
}

// groupSpecs finds the keyword specs that share triggers, windows and
// batch separator, and compiles the union pattern of each such group (see
// specGroup).
func (e *Engine) groupSpecs() {
	byKey := map[string][]int32{}
	var keys []string
	for i := range e.c {
		c := &e.c[i]
		c.group = -1
		s := c.spec
		if len(s.Keywords) == 0 || s.Digits != nil || !c.batch {
			continue
		}
		kw := make([]string, len(s.Keywords))
		for j, k := range s.Keywords {
			kw[j] = strings.ToLower(k)
		}
		slices.Sort(kw)
		key := fmt.Sprintf("%q|%d|%d|%d", kw, c.kwBefore, c.kwAfter, c.sep)
		if byKey[key] == nil {
			keys = append(keys, key)
		}
		byKey[key] = append(byKey[key], int32(i))
	}
	for _, key := range keys {
		members := byKey[key]
		if len(members) < 2 {
			continue
		}
		parts := make([]string, len(members))
		for j, si := range members {
			parts[j] = "(?:" + e.specs[si].Pattern + ")"
		}
		re, err := regexp.Compile(strings.Join(parts, "|"))
		if err != nil {
			continue // too large for one program: the members run alone
		}
		for _, si := range members {
			e.c[si].group = len(e.groups)
		}
		e.groups = append(e.groups, specGroup{re: re, members: members})
	}
}

// caseVariants returns w (lower case) and, when w holds letters outside
// ASCII, its capitalized and upper-case spellings: the automaton folds ASCII
// case only, and labels start sentences and fill headers ("Паспорт США №",
// "DATE DE NAISSANCE", "Ημερομηνία γέννησης").
func caseVariants(w string) []string {
	out := []string{w}
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return out
	}
	r, n := utf8.DecodeRuneInString(w)
	for _, v := range []string{string(unicode.ToTitle(r)) + w[n:], strings.ToUpper(w)} {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
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
	out := e.finish(sc, text, from)
	if sc.spoken >= spokenTrigger {
		out = e.addSpoken(text, from, sc.spokenAt, out)
	}
	return out
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
	cursor    int      // first context word that can be near the current cluster
	cursorLo  int      // the window start cursor was moved to
	colDone   bool     // colNear is for the current cluster
	colRange  [2]int   // the CSV columns colNear holds the words of
	colNear   []uint64 // context words of the CSV columns a window spans
	cellDone  bool
	cellNear  []uint64 // context words of the table cell of the cluster
	clusters  clusterScanner
	cluster   detector.Cluster // the current digit cluster, for Shapes (built lazily)
	sorted    []hit
	count     []int
	wins      []window
	batch     []byte
	cands     []cand
	groupDone []bool   // specGroup union already run in this scan
	groupKept [][]span // per group: the windows its union touched
	ctx       []ctxOcc
	norm      []byte
	labelled  []byte
	field     []byte
	fieldBits []uint64 // context words in the field name (nil: no field)
	fieldBuf  []uint64
	colBits   [][]uint64 // context words per CSV header column, lazily
	hdr       csvHeader
	spoken    int   // the spoken-number pre-check fired when >= spokenTrigger
	streak    int   // digit words in a row, spokenNear bytes apart at most
	wordEnd   int   // end of the last digit word
	listEnd   int   // end of the last pure digit cluster (groups read one by one)
	listRun   int   // pure digit clusters joined by ", ", " - " or an ellipsis
	spokenAt  []int // where the pre-check fired (see markSpoken)
	cells     cellIndex
	fp        *fingerprinter
}

func (sc *scratch) reset(e *Engine, field string) {
	sc.hits = sc.hits[:0]
	sc.ctx = sc.ctx[:0]
	sc.cands = sc.cands[:0]
	clear(sc.groupDone)
	sc.field = lowerName(sc.field[:0], []byte(field))
	sc.colBits = nil
	sc.colRange, sc.colNear = [2]int{-1, -1}, sc.colNear[:0]
	sc.fieldBits = nil
	if len(sc.field) > 0 {
		sc.fieldBits = e.nameWords(sc.field, sc.fieldBuf)
		sc.fieldBuf = sc.fieldBits
	}
	sc.hdr = csvHeader{}
	sc.cells.built = false
	sc.cells.bits = nil
	sc.cells.markersKnown, sc.cells.markers, sc.cells.insertAt = true, 0, -1 // set by collectHits
	sc.spoken, sc.streak, sc.wordEnd, sc.listEnd, sc.listRun = 0, 0, -1, 0, 0
	sc.spokenAt = sc.spokenAt[:0]
}
