package checksum

// Verhoeff tables: multiplication in the dihedral group D5 and the
// position-dependent permutation.
var (
	verhoeffD = [10][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
		{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
		{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
		{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
		{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verhoeffP = [8][10]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
		{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
		{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
		{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
		{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
)

// verhoeffScan returns the Verhoeff accumulator over the digits of s (read
// from the right, separators skipped) and the digit count.
func verhoeffScan(s []byte) (c byte, n int, ok bool) {
	for i := len(s) - 1; i >= 0; i-- {
		ch := s[i]
		if isSep(ch) {
			continue
		}
		if !isDigit(ch) {
			return 0, 0, false
		}
		c = verhoeffD[c][verhoeffP[n&7][ch-'0']]
		n++
	}
	return c, n, true
}

// Verhoeff reports whether the digits of s (at least two, any length;
// separators ignored) carry a valid trailing Verhoeff check digit.
func Verhoeff(s []byte) bool {
	c, n, ok := verhoeffScan(s)
	return ok && n >= 2 && c == 0
}

// Aadhaar reports whether s is an Indian Aadhaar number: 12 digits, the
// first 2-9, with a Verhoeff check digit.
func Aadhaar(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 12, &d) || d[0] < 2 {
		return false
	}
	c, _, _ := verhoeffScan(s)
	return c == 0
}
