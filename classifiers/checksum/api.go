// Package checksum holds the check-digit and structure validators used by
// weir's detectors. Every function is pure, allocation-light, safe on any
// input (never panics) and returns false for malformed input.
//
// Functions named for a digit scheme take the value as it appears in text:
// they ignore ASCII separators (space, '-', '.', '/') and return false if any
// other non-digit byte is present, unless documented otherwise.
package checksum

// TODO(checksum helper): replace every stub below with the real implementation
// (in files grouped by scheme), keeping these exact signatures.

// Digits appends the ASCII digits of b to dst and returns it.
func Digits(dst, b []byte) []byte {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			dst = append(dst, c)
		}
	}
	return dst
}
