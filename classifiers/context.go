package classifiers

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Context is searched in [start-contextBefore, end+contextAfter).
const (
	contextBefore = 96
	contextAfter  = 48
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
		if boundaryBefore(hay, s, word) && boundaryAfter(hay, e, word) {
			return true
		}
		off = s + 1
	}
}

func boundaryBefore(hay []byte, s int, word []byte) bool {
	if s == 0 {
		return true
	}
	if word[0] >= utf8.RuneSelf || !isWordByte(word[0]) {
		// The word starts with a non-ASCII letter or punctuation: only reject a
		// preceding letter rune.
		r, _ := utf8.DecodeLastRune(hay[:s])
		return !(unicode.IsLetter(r) && isWordByte(word[0]))
	}
	if hay[s-1] >= utf8.RuneSelf {
		r, _ := utf8.DecodeLastRune(hay[:s])
		return !unicode.IsLetter(r)
	}
	return !isWordByte(hay[s-1])
}

func boundaryAfter(hay []byte, e int, word []byte) bool {
	if e >= len(hay) {
		return true
	}
	last := word[len(word)-1]
	if last >= utf8.RuneSelf || !isWordByte(last) {
		r, _ := utf8.DecodeRune(hay[e:])
		return !(unicode.IsLetter(r) && isWordByte(last))
	}
	if hay[e] >= utf8.RuneSelf {
		r, _ := utf8.DecodeRune(hay[e:])
		return !unicode.IsLetter(r)
	}
	return !isWordByte(hay[e])
}

// lowerInto appends the ASCII-lower-cased b to dst.
func lowerInto(dst, b []byte) []byte {
	for _, c := range b {
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
	best, bestN := byte(0), 0
	for _, d := range []byte{',', '\t', ';', '|'} {
		if n := bytes.Count(line, []byte{d}); n > bestN {
			best, bestN = d, n
		}
	}
	if bestN == 0 {
		return
	}
	h.delim = best
	h.end = nl + 1
	for _, f := range bytes.Split(line, []byte{best}) {
		f = bytes.Trim(f, " \"'")
		h.fields = append(h.fields, bytes.ToLower(f))
	}
	h.ok = true
}

// column returns the header name of the column that holds offset pos, or nil.
func (h *csvHeader) column(text []byte, pos int) []byte {
	if !h.parsed {
		h.parse(text)
	}
	if !h.ok || pos < h.end {
		return nil
	}
	ls := bytes.LastIndexByte(text[:pos], '\n') + 1
	col, inQuote := 0, false
	for _, c := range text[ls:pos] {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == h.delim && !inQuote:
			col++
		}
	}
	if col >= len(h.fields) {
		return nil
	}
	return h.fields[col]
}
