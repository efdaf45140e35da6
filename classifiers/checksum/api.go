// Package checksum holds the check-digit and structure validators used by
// weir's detectors. Every function is pure, allocation-light, safe on any
// input (never panics) and returns false for malformed input.
//
// Functions named for a digit scheme take the value as it appears in text:
// they ignore ASCII separators (space, '-', '.', '/') and return false if any
// other non-digit byte is present, unless documented otherwise.
//
// The validators are grouped by scheme: luhn.go (Luhn family), iban.go and
// iban_national.go (IBAN and national BBAN checks), national.go (national
// identifiers), crypto.go (Bitcoin and Ethereum addresses), tokens.go
// (vendor tokens with an embedded checksum), jwt.go, pem.go and crc24.go.
// All functions are safe for concurrent use; the package has no mutable
// state.
package checksum

// Digits appends the ASCII digits of b to dst and returns it.
func Digits(dst, b []byte) []byte {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}

// maxDigits bounds the fixed-size digit buffers used by the validators of
// fixed-length numbers; no scheme here has more than 19 digits.
const maxDigits = 24

// isSep reports whether c is a separator that digit schemes ignore.
func isSep(c byte) bool {
	return c == ' ' || c == '-' || c == '.' || c == '/'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

// digitsN collects exactly n digit values (0-9, not ASCII) of s into out,
// skipping separators. It returns false if s holds any other byte or a digit
// count other than n.
func digitsN(s []byte, n int, out *[maxDigits]byte) bool {
	if n > maxDigits {
		return false
	}
	k := 0
	for _, c := range s {
		switch {
		case isDigit(c):
			if k == n {
				return false
			}
			out[k] = c - '0'
			k++
		case isSep(c):
		default:
			return false
		}
	}
	return k == n
}

// compact copies the non-separator bytes of s into out and returns how many
// there are; ok is false if there are more than len(out).
func compact(s []byte, out []byte) (n int, ok bool) {
	for _, c := range s {
		if isSep(c) {
			continue
		}
		if n == len(out) {
			return n, false
		}
		out[n] = c
		n++
	}
	return n, true
}

// allSame reports whether the first n values of d are all equal.
func allSame(d []byte) bool {
	for _, v := range d[1:] {
		if v != d[0] {
			return false
		}
	}
	return true
}
