package classifiers

import (
	"bytes"
	"slices"
)

// Numbers read out loud. Call-center and voicemail transcripts (speech to
// text) write a phone, card or social security number as the caller says
// it: "five seven seven, three six eight, two five one zero", "9 8 5, 3 9 3,
// 4 7 1 0", "170 ... 96 ... 3391". No pattern of the catalogue sees a number
// there. The engine finds such runs, writes each as the digits a form would
// hold (the spoken groups separated by single spaces), scans that with the
// text in front of the run as its context, and reports what it finds there
// over the whole spoken run.

// spokenDigit maps the words of a spoken digit to its value.
var spokenDigit = map[string]byte{
	"zero": '0', "oh": '0', "one": '1', "two": '2', "three": '3', "four": '4',
	"five": '5', "six": '6', "seven": '7', "eight": '8', "nine": '9',
}

// spokenRepeat maps the words that repeat the next digit ("double five").
var spokenRepeat = map[string]int{"double": 2, "triple": 3}

// The pre-check that makes a record worth the spoken-number pass: a streak
// of spokenTrigger digit words each within spokenNear bytes of the previous
// one (found by the keyword pass), or, from the digit-cluster scanner,
// spaced single digits ("9 8 5") or pure digit groups joined by ", ", " - "
// or an ellipsis (two such joins).
const (
	spokenTrigger = 4
	spokenNear    = 4
)

// spokenMarkers are the automaton words of the pre-check.
var spokenMarkers = []string{
	"zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "double", "triple",
}

// spokenRun is a read-out number: text[s:e] and its digits, in groups.
type spokenRun struct {
	s, e   int
	digits []byte // the digits, groups separated by one space
}

// Limits of a run: a value of the catalogue has 7 to 19 digits.
const (
	minSpokenDigits = 7
	maxSpokenDigits = 19
	maxSpokenGap    = 6 // bytes between two tokens of one run
)

// findSpokenRuns returns the read-out numbers of text.
func findSpokenRuns(text []byte) []spokenRun {
	var runs []spokenRun
	var cur spokenRun
	var words, singles, numbers int // tokens of cur by kind
	ellipsis := false
	listed := true // every gap so far is " - " or ", " (groups read one by one)
	tight := false // a gap without a space ("1.2.3"): typed, not read out
	years := 0     // numbers that look like years (a list of years is no number)
	groupOpen := false
	repeat := 1
	lastEnd := -1
	flush := func() {
		n := len(cur.digits) - bytes.Count(cur.digits, []byte{' '})
		ok := n >= minSpokenDigits && n <= maxSpokenDigits &&
			(words > 0 || (!tight && numbers == singles && singles >= minSpokenDigits) || (ellipsis && numbers >= 2) ||
				(listed && numbers >= 3 && numbers > years))
		if ok {
			cur.digits = bytes.TrimSpace(cur.digits)
			runs = append(runs, cur)
		}
		cur = spokenRun{}
		words, singles, numbers, ellipsis, groupOpen, repeat = 0, 0, 0, false, false, 1
		listed, tight, years = true, false, 0
	}
	for i := 0; i < len(text); {
		c := text[i]
		isLetter := c|0x20 >= 'a' && c|0x20 <= 'z'
		isDigit := c >= '0' && c <= '9'
		if !isLetter && !isDigit {
			i++
			continue
		}
		j := i
		for j < len(text) && (text[j] >= '0' && text[j] <= '9') == isDigit &&
			((text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z') == isLetter) {
			j++
		}
		// A token glued to other word bytes ("seven2", "o'clock") is not one.
		glued := (j < len(text) && (isAlnumByte(text[j]) || text[j] == '\'' || text[j] == '_')) ||
			(i > 0 && (isAlnumByte(text[i-1]) || text[i-1] == '_'))
		tok := text[i:j]
		var d byte
		var rep int
		kind := 0 // 1 digit word, 2 number, 3 repeat word
		if !glued {
			switch {
			case isDigit && len(tok) <= 4:
				kind = 2
			case isLetter && len(tok) <= 6:
				var lw [6]byte
				for k, b := range tok {
					lw[k] = b | 0x20
				}
				if v, ok := spokenDigit[string(lw[:len(tok)])]; ok {
					kind, d = 1, v
				} else if r, ok := spokenRepeat[string(lw[:len(tok)])]; ok {
					kind, rep = 3, r
				}
			}
		}
		if kind == 0 {
			if cur.s != cur.e {
				flush()
			}
			lastEnd = -1
			i = j
			continue
		}
		if lastEnd >= 0 && cur.e > cur.s {
			gap := text[lastEnd:i]
			if len(gap) > maxSpokenGap || !spokenGap(gap) {
				flush()
			} else {
				if g := string(gap); g != " - " && g != ", " && g != " , " {
					listed = false
				}
				if bytes.IndexByte(gap, ' ') < 0 && !bytes.Contains(gap, []byte("…")) {
					tight = true
				}
			}
			if cur.e == cur.s {
				// flushed: a new run starts here
			} else if bytes.ContainsAny(gap, ",-") || bytes.Contains(gap, []byte("..")) || bytes.Contains(gap, []byte("…")) {
				if bytes.Contains(gap, []byte("..")) || bytes.Contains(gap, []byte("…")) {
					ellipsis = true
				}
				groupOpen = false
			}
		}
		if cur.e == cur.s {
			cur.s = i
		}
		if !groupOpen && len(cur.digits) > 0 {
			cur.digits = append(cur.digits, ' ')
		}
		groupOpen = true
		switch kind {
		case 1:
			for range repeat {
				cur.digits = append(cur.digits, d)
			}
			repeat = 1
			words++
		case 2:
			cur.digits = append(cur.digits, tok...)
			numbers++
			if len(tok) == 4 && (tok[0] == '1' && tok[1] == '9' || tok[0] == '2' && tok[1] == '0') {
				years++
			}
			if len(tok) == 1 {
				singles++
			}
		case 3:
			repeat = rep
			words++
		}
		cur.e = j
		lastEnd = j
		i = j
	}
	if cur.e > cur.s {
		flush()
	}
	return runs
}

// spokenGap reports whether gap can separate two tokens of one read-out
// number: spaces, commas, dashes, dots and ellipses only.
func spokenGap(gap []byte) bool {
	for i := 0; i < len(gap); i++ {
		switch gap[i] {
		case ' ', ',', '-', '.', '\t':
		case 0xE2: // "…" is E2 80 A6
			if i+2 < len(gap) && gap[i+1] == 0x80 && gap[i+2] == 0xA6 {
				i += 2
				continue
			}
			return false
		default:
			return false
		}
	}
	return true
}

// spokenJoin reports whether gap joins two digit groups read one by one:
// ", ", " - ", " ... " or " … ".
func spokenJoin(gap []byte) bool {
	switch string(gap) {
	case ", ", " - ", " ... ", " … ", "... ", "…", " …":
		return true
	}
	return false
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// minSpokenConfidence is the confidence a value read out loud needs: a
// bare shape ("call me at 170 ... 96 ... 3391" as an SSN) is not enough.
const minSpokenConfidence = 0.6

// spokenReach is how far around a place where the pre-check fired the
// spoken-number pass reads (a read-out card number with its pauses is some
// 100 bytes).
const spokenReach = 256

// maxSpokenMarks bounds the places remembered per record.
const maxSpokenMarks = 64

// markSpoken remembers where the pre-check fired.
func (sc *scratch) markSpoken(pos int) {
	if n := len(sc.spokenAt); n == 0 || pos-sc.spokenAt[n-1] > spokenReach/2 {
		if n < maxSpokenMarks {
			sc.spokenAt = append(sc.spokenAt, pos)
		}
	}
}

// spokenRunsNear returns the read-out numbers within spokenReach of the
// places in at (ascending), each once: only there is the text read.
func spokenRunsNear(text []byte, at []int) []spokenRun {
	var runs []spokenRun
	end := 0
	for _, p := range at {
		lo, hi := max(end, p-spokenReach), min(len(text), p+spokenReach)
		if lo >= hi {
			continue
		}
		// Start and end at a line break or a space, not inside a token.
		for lo > end && lo > 0 && text[lo-1] != '\n' && text[lo-1] != ' ' {
			lo--
		}
		for hi < len(text) && text[hi] != '\n' && hi-p < 2*spokenReach {
			hi++
		}
		for _, r := range findSpokenRuns(text[lo:hi]) {
			r.s, r.e = r.s+lo, r.e+lo
			runs = append(runs, r)
		}
		end = hi
	}
	return runs
}

// spokenContext is how much text before a run is scanned with it.
const spokenContext = 96

// addSpoken scans the read-out numbers of text and adds what they hold to
// out (findings at or after from, shifted by -from), where no finding of
// out overlaps them.
func (e *Engine) addSpoken(text []byte, from int, at []int, out []Finding) []Finding {
	runs := spokenRunsNear(text, at)
	if len(runs) == 0 {
		return out
	}
	sc := e.scratchs.Get().(*scratch)
	defer e.scratchs.Put(sc)
	var buf []byte
	added := false
	for _, r := range runs {
		if r.s < from {
			continue
		}
		// The question is often on the line above ("Best callback number?").
		lo := max(from, r.s-spokenContext)
		buf = append(buf[:0], text[lo:r.s]...)
		vs := len(buf)
		buf = append(buf, r.digits...)
		ve := len(buf)
		tail := text[r.e:min(len(text), r.e+24)]
		if k := bytes.IndexByte(tail, '\n'); k >= 0 {
			tail = tail[:k]
		}
		buf = append(buf, tail...)
		sc.reset(e, "")
		e.collectHits(sc, buf)
		e.runPatterns(sc, buf)
		for _, f := range e.finish(sc, buf, 0) {
			if f.Start >= ve || f.End <= vs || f.Confidence < minSpokenConfidence {
				continue
			}
			s, en := r.s-from, r.e-from
			if overlapsAny(out, s, en) {
				continue
			}
			f.Start, f.End = s, en
			out = append(out, f)
			added = true
		}
	}
	if added {
		slices.SortStableFunc(out, func(a, b Finding) int { return a.Start - b.Start })
	}
	return out
}

func overlapsAny(fs []Finding, s, e int) bool {
	for _, f := range fs {
		if f.Start < e && s < f.End {
			return true
		}
	}
	return false
}
