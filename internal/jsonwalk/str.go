package jsonwalk

import (
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Unquote appends the decoded contents of the JSON string literal raw
// (quotes included, already validated by encoding/json) to dst. Bytes that
// are not valid UTF-8 are kept as they are, so offsets stay byte offsets into
// what the record holds; a lone UTF-16 surrogate escape becomes U+FFFD, as in
// encoding/json.
func Unquote(dst, raw []byte) []byte {
	if len(raw) < 2 {
		return dst
	}
	s := raw[1 : len(raw)-1]
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] != '\\' {
			j++
		}
		dst = append(dst, s[i:j]...)
		if j >= len(s) {
			break
		}
		r, n := unescapeAt(s, j)
		if r < 0 { // \" \\ \/ and the control escapes
			dst = append(dst, byte(-r))
		} else {
			dst = utf8.AppendRune(dst, r)
		}
		i = j + n
	}
	return dst
}

// unescapeAt decodes the escape at s[i] ('\\'). It returns the rune (or,
// for single-byte escapes, the negated byte) and the escape's raw length.
func unescapeAt(s []byte, i int) (rune, int) {
	if i+1 >= len(s) {
		return -'\\', 1
	}
	switch s[i+1] {
	case '"', '\\', '/':
		return -rune(s[i+1]), 2
	case 'b':
		return -'\b', 2
	case 'f':
		return -'\f', 2
	case 'n':
		return -'\n', 2
	case 'r':
		return -'\r', 2
	case 't':
		return -'\t', 2
	case 'u':
		r1, ok := hex4(s, i+2)
		if !ok {
			return utf8.RuneError, 2
		}
		if utf16.IsSurrogate(r1) {
			if i+12 <= len(s) && s[i+6] == '\\' && s[i+7] == 'u' {
				if r2, ok := hex4(s, i+8); ok {
					if r := utf16.DecodeRune(r1, r2); r != utf8.RuneError {
						return r, 12
					}
				}
			}
			return utf8.RuneError, 6
		}
		return r1, 6
	}
	return -rune(s[i+1]), 2
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s[i:i+4]), 16, 32)
	return rune(v), err == nil
}

// RawOffset maps off, a byte offset into the decoded string, onto a byte
// offset into raw (the literal with its quotes), for reporting columns.
func RawOffset(raw []byte, off int) int {
	if len(raw) < 2 {
		return 0
	}
	s := raw[1 : len(raw)-1]
	dec := 0
	for i := 0; i < len(s); {
		if dec >= off {
			return i + 1
		}
		if s[i] != '\\' {
			i++
			dec++
			continue
		}
		r, n := unescapeAt(s, i)
		if r < 0 {
			dec++
		} else {
			dec += utf8.RuneLen(r)
		}
		i += n
	}
	return len(s) + 1
}

// AppendString appends b as a JSON string literal. Invalid UTF-8 becomes
// U+FFFD (as in encoding/json); HTML characters are not escaped, so "<TYPE>"
// placeholders stay readable.
func AppendString(dst, b []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c < 0x20 || c == 0x7f:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			dst = append(dst, `\ufffd`...)
		} else {
			dst = append(dst, b[i:i+n]...)
		}
		i += n
	}
	return append(dst, '"')
}
