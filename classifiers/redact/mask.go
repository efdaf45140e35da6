package redact

import "unicode/utf8"

// appendMask appends the OpMask output for value, keeping at most keep
// trailing non-separator characters and never more than half of them.
func appendMask(dst, value []byte, keep int) []byte {
	n := 0 // non-separator characters
	for i := 0; i < len(value); {
		size := charSize(value[i:])
		if !isMaskSep(value[i:], size) {
			n++
		}
		i += size
	}
	keep = min(keep, n/2)
	seen := 0
	for i := 0; i < len(value); {
		size := charSize(value[i:])
		switch {
		case isMaskSep(value[i:], size):
			dst = append(dst, value[i])
		case seen >= n-keep:
			dst = append(dst, value[i:i+size]...)
			seen++
		default:
			dst = append(dst, '*')
			seen++
		}
		i += size
	}
	return dst
}

// charSize is the length of the character at the start of b: a valid rune's
// encoding or one byte of invalid UTF-8.
func charSize(b []byte) int {
	if b[0] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRune(b)
	return size
}

func isMaskSep(b []byte, size int) bool {
	return size == 1 && maskSep[b[0]]
}

var maskSep = func() (t [256]bool) {
	for i := range len(MaskSeparators) {
		t[MaskSeparators[i]] = true
	}
	return t
}()
