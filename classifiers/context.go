package classifiers

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Default context window: context words are searched in
// [start-DefaultContextBefore, end+DefaultContextAfter) around a value.
const (
	DefaultContextBefore = 96
	DefaultContextAfter  = 48
)

// isWordByte reports whether b continues a word for context matching:
// letters (ASCII or any UTF-8 byte) do, digits and '_' do not, so
// "patient_ssn" contains the word "ssn".
func isWordByte(b byte) bool {
	return byteClass[b] == clsLetter || b >= utf8.RuneSelf
}

// containsWord reports whether hay (already lower-cased) holds word at
// word boundaries. For words that start or end with a non-ASCII letter the
// boundary test is done on runes.
func containsWord(hay, word []byte) bool {
	for off := 0; ; {
		i := bytes.Index(hay[off:], word)
		if i < 0 {
			return false
		}
		s := off + i
		e := s + len(word)
		w := string(word)
		if (scriptlessStart(w) || boundaryBefore(hay, s, word[0])) && (scriptlessEnd(w) || boundaryAfter(hay, e, word[len(word)-1])) {
			return true
		}
		off = s + 1
	}
}

// scriptlessStart reports whether word starts with a character of a script
// written without spaces between words (Han, Hiragana, Katakana, Hangul,
// Thai): such a word needs no boundary there ("…手机号是…" holds "手机号").
func scriptlessStart(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return isScriptless(r)
}

// scriptlessEnd is scriptlessStart for the last character.
func scriptlessEnd(word string) bool {
	r, _ := utf8.DecodeLastRuneInString(word)
	return isScriptless(r)
}

func isScriptless(r rune) bool {
	return r >= 0x0E00 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Thai)
}

// boundaryBefore reports whether a word starting with byte first may start
// at hay[s].
func boundaryBefore(hay []byte, s int, first byte) bool {
	if s == 0 {
		return true
	}
	if first >= utf8.RuneSelf || !isWordByte(first) {
		// The word starts with a non-ASCII letter or punctuation: only reject a
		// preceding letter rune.
		r, _ := utf8.DecodeLastRune(hay[:s])
		return !(unicode.IsLetter(r) && isWordByte(first))
	}
	if hay[s-1] >= utf8.RuneSelf {
		r, _ := utf8.DecodeLastRune(hay[:s])
		return !unicode.IsLetter(r)
	}
	// A camelCase hump is a boundary: "patientMrn".
	return !isWordByte(hay[s-1]) || (isLowerASCII(hay[s-1]) && isUpperASCII(hay[s]))
}

func isLowerASCII(b byte) bool { return b >= 'a' && b <= 'z' }
func isUpperASCII(b byte) bool { return b >= 'A' && b <= 'Z' }

// boundaryAfter reports whether a word ending with byte last may end at
// hay[e].
func boundaryAfter(hay []byte, e int, last byte) bool {
	if e >= len(hay) {
		return true
	}
	if last >= utf8.RuneSelf || !isWordByte(last) {
		r, _ := utf8.DecodeRune(hay[e:])
		return !(unicode.IsLetter(r) && isWordByte(last))
	}
	if hay[e] >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(hay[e:])
		return !unicode.IsLetter(r)
	}
	// A camelCase hump is a boundary: "nhsNumber".
	return !isWordByte(hay[e]) || (isLowerASCII(hay[e-1]) && isUpperASCII(hay[e]))
}

// isWordAt reports whether the occurrence hay[s:e] of word stands at word
// boundaries. A camelCase hump after a capitalized word counts only in
// identifiers with several humps ("AzureWebJobsSecret", "nhsNumber"), not
// in a capitalized name ("MacDonald" does not contain the word "mac").
func isWordAt(hay []byte, s, e int, word string) bool {
	if !(scriptlessStart(word) || boundaryBefore(hay, s, word[0])) || !(scriptlessEnd(word) || boundaryAfter(hay, e, word[len(word)-1])) {
		return false
	}
	if e < len(hay) && isUpperASCII(hay[e]) && isLowerASCII(hay[e-1]) && isUpperASCII(hay[s]) &&
		(s == 0 || !isLowerASCII(hay[s-1])) {
		// "Mac|Donald" or "Azure|WebJobs": count the humps of the token.
		humps := 0
		for i := s + 1; i < len(hay) && byteClass[hay[i]] == clsLetter; i++ {
			if isUpperASCII(hay[i]) && isLowerASCII(hay[i-1]) {
				humps++
			}
		}
		return humps >= 2
	}
	return true
}

// lowerInto appends the ASCII-lower-cased b to dst.
func lowerInto(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

// lowerName appends a field or column name to dst lower-cased, with
// camelCase humps split by '_' ("patientMRN" -> "patient_mrn",
// "nhsNumber" -> "nhs_number") so context words match its parts.
func lowerName(dst, b []byte) []byte {
	for i, c := range b {
		if c >= 'A' && c <= 'Z' && i > 0 {
			p := b[i-1]
			nextLower := i+1 < len(b) && b[i+1] >= 'a' && b[i+1] <= 'z'
			if (p >= 'a' && p <= 'z') || (p >= '0' && p <= '9') || (p >= 'A' && p <= 'Z' && nextLower) {
				dst = append(dst, '_')
			}
		}
		dst = append(dst, lowerASCII(c))
	}
	return dst
}

// csvHeader is the lazily parsed first line of a delimited record.
type csvHeader struct {
	parsed bool
	ok     bool
	delim  byte
	end    int      // offset just past the header line
	fields [][]byte // lower-cased

	// The line last split into delimiter offsets (columns are asked for
	// many times per line).
	lineOK             bool
	lineStart, lineEnd int
	delims             []int

	// Record starts when quoted cells span lines (see quotedRows).
	rowsDone bool
	rows     []int
}

// parseHeader decides whether text starts with a delimited header line and
// splits it.
func (h *csvHeader) parse(text []byte) {
	h.parsed = true
	nl := bytes.IndexByte(text, '\n')
	if nl <= 0 || nl > 4096 {
		return
	}
	line := bytes.TrimRight(text[:nl], "\r")
	if jsonLine(line) {
		return // a JSON line (NDJSON, a log of JSON events), not a header
	}
	best, bestN := headerDelim(line)
	start := 0
	if isCommentLine(line) {
		bestN = 0 // "# Data dictionary: record_id | mrn | dob": a comment, not the header
	}
	if bestN == 0 {
		// A title or comment line above the table ("# shipment manifest",
		// "Beneficiary list - ration card"): the header is the first of the
		// next few lines with two or more delimiters that the line after it
		// repeats.
		start, line, best, bestN = tableBelowTitle(text, nl+1)
		if bestN == 0 {
			return
		}
		nl = start + len(line)
		if nl < len(text) && text[nl] == '\r' {
			nl++
		}
	}
	h.delim = best
	h.end = nl + 1
	for _, f := range bytes.Split(line, []byte{best}) {
		f = bytes.Trim(f, " \"'")
		h.fields = append(h.fields, lowerName(nil, f))
	}
	h.ok = true
}

// headerDelim returns the most frequent delimiter of line and its count.
func headerDelim(line []byte) (byte, int) {
	best, bestN := byte(0), 0
	for _, d := range []byte{',', '\t', ';', '|'} {
		if n := bytes.Count(line, []byte{d}); n > bestN {
			best, bestN = d, n
		}
	}
	return best, bestN
}

// isCommentLine reports whether line is a comment of a data file ("# ...",
// "// ...", "-- ...").
func isCommentLine(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	return bytes.HasPrefix(t, []byte("#")) || bytes.HasPrefix(t, []byte("//")) || bytes.HasPrefix(t, []byte("-- "))
}

// maxTitleLines is how many lines tableBelowTitle looks at.
const maxTitleLines = 4

// tableBelowTitle finds a header line among the maxTitleLines lines from
// off: one with at least two delimiters, followed by a line with at least as
// many. It returns the line's offset and bytes (without the line break).
func tableBelowTitle(text []byte, off int) (int, []byte, byte, int) {
	for k := 0; k < maxTitleLines && off < len(text); k++ {
		nl := bytes.IndexByte(text[off:], '\n')
		if nl < 0 || nl > 4096 {
			return 0, nil, 0, 0
		}
		line := bytes.TrimRight(text[off:off+nl], "\r")
		if d, n := headerDelim(line); n >= 2 && !jsonLine(line) && !isCommentLine(line) {
			next := text[off+nl+1:]
			if e := bytes.IndexByte(next, '\n'); e >= 0 {
				next = next[:e]
			}
			if bytes.Count(next, []byte{d}) >= n {
				return off, line, d, n
			}
			return 0, nil, 0, 0
		}
		off += nl + 1
	}
	return 0, nil, 0, 0
}

// jsonLine reports whether line starts like a JSON object or array ("{",
// "[{", "[1,", "[\"a\"") rather than a bracketed tag ("[export] name,url").
func jsonLine(line []byte) bool {
	t := bytes.TrimLeft(line, " \t")
	if len(t) == 0 {
		return false
	}
	if t[0] == '{' {
		return true
	}
	if t[0] != '[' {
		return false
	}
	t = bytes.TrimLeft(t[1:], " \t")
	return len(t) > 0 && (t[0] == '{' || t[0] == '[' || t[0] == '"' || t[0] == ']' || t[0] == '-' || (t[0] >= '0' && t[0] <= '9'))
}

// columns returns the range of column indexes that [lo, hi] may belong to
// on the line of hi (lo is clipped to that line), or -1, -1 when text has no
// header or hi is on the header line. Unquoted delimiters inside a value
// ("February 18, 2001") give a row more fields than the header; then a
// position may belong to its left-aligned or its right-aligned column, and
// the range covers both.
func (h *csvHeader) columns(text []byte, lo, hi int) (int, int) {
	if !h.parsed {
		h.parse(text)
	}
	if !h.ok || hi < h.end || hi > len(text) {
		return -1, -1
	}
	if hi < h.lineStart || hi > h.lineEnd || !h.lineOK {
		h.splitLine(text, hi)
		if len(h.delims) < len(h.fields)-1 && h.quotedRows(text) {
			// A short line of a file whose quoted cells hold line breaks
			// (RFC 4180): split the whole record the line belongs to.
			h.splitRow(text, hi)
		}
	}
	if len(h.delims) < len(h.fields)-1 {
		// Fewer cells than the header: not a row of this table (a prose body
		// under a "Ticket #1 | Priority: high" first line, say).
		return -1, -1
	}
	lo = max(lo, h.lineStart)
	// Column of a position = number of unquoted delimiters before it.
	first, _ := slices.BinarySearch(h.delims, lo)
	last, _ := slices.BinarySearch(h.delims, hi)
	if extra := len(h.delims) + 1 - len(h.fields); extra > 0 {
		first -= extra
	}
	first = max(first, 0)
	last = min(last, len(h.fields)-1)
	if first > last {
		return -1, -1
	}
	return first, last
}

// quotedRows reports whether a quoted cell after the header holds a line
// break, computing (once per text) the start offsets of the records that
// follow the header, where a record may span lines.
func (h *csvHeader) quotedRows(text []byte) bool {
	if !h.rowsDone {
		h.rowsDone = true
		h.rows = h.rows[:0]
		if bytes.IndexByte(text[h.end:], '"') < 0 {
			return false
		}
		inQuote, spans := false, false
		h.rows = append(h.rows, h.end)
		for i := h.end; i < len(text); i++ {
			switch text[i] {
			case '"':
				inQuote = !inQuote
			case '\n':
				if inQuote {
					spans = true
				} else {
					h.rows = append(h.rows, i+1)
				}
			}
		}
		if !spans {
			h.rows = h.rows[:0]
		}
	}
	return len(h.rows) > 0
}

// splitRow is splitLine for the record (see quotedRows) holding pos.
func (h *csvHeader) splitRow(text []byte, pos int) {
	k, found := slices.BinarySearch(h.rows, pos)
	if !found {
		k--
	}
	if k < 0 {
		return
	}
	h.lineStart, h.lineEnd = h.rows[k], len(text)
	if k+1 < len(h.rows) {
		h.lineEnd = h.rows[k+1] - 1
	}
	h.delims = unquotedDelims(h.delims[:0], text[:h.lineEnd], h.lineStart, h.delim)
	h.lineOK = true
}

// unquotedDelims appends to dst the offsets of the delimiters in
// text[from:] that are outside double quotes.
func unquotedDelims(dst []int, text []byte, from int, delim byte) []int {
	inQuote := false
	for i := from; i < len(text); i++ {
		switch c := text[i]; {
		case c == '"':
			inQuote = !inQuote
		case c == delim && !inQuote:
			dst = append(dst, i)
		}
	}
	return dst
}

// splitLine records the unquoted delimiter offsets of the line holding pos.
func (h *csvHeader) splitLine(text []byte, pos int) {
	h.lineStart = bytes.LastIndexByte(text[:pos], '\n') + 1
	h.lineEnd = len(text)
	if i := bytes.IndexByte(text[pos:], '\n'); i >= 0 {
		h.lineEnd = pos + i
	}
	h.delims = unquotedDelims(h.delims[:0], text[:h.lineEnd], h.lineStart, h.delim)
	h.lineOK = true
}
