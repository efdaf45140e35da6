package checksum

// luhnDouble[d] is the Luhn contribution of a doubled digit d.
var luhnDouble = [10]byte{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}

// luhnScan runs the Luhn sum over the digits of s from the right, skipping
// separators. It returns the sum mod 10 and the digit count; ok is false if
// s holds a byte that is neither a digit nor a separator.
func luhnScan(s []byte) (sum, n int, ok bool) {
	for i := len(s) - 1; i >= 0; i-- {
		c := s[i]
		if isSep(c) {
			continue
		}
		if !isDigit(c) {
			return 0, 0, false
		}
		d := c - '0'
		if n&1 == 1 {
			d = luhnDouble[d]
		}
		sum += int(d)
		n++
	}
	return sum % 10, n, true
}

// Luhn reports whether the digits of s (at least two; separators ignored)
// pass the Luhn mod-10 check used by payment cards, IMEIs and Canadian SINs.
func Luhn(s []byte) bool {
	sum, n, ok := luhnScan(s)
	return ok && n >= 2 && sum == 0
}

// NPI reports whether s is a US National Provider Identifier: 10 digits,
// the first 1 or 2 (the only ranges CMS issues), whose Luhn check over the
// prefix "80840" followed by the 10 digits passes. The prefix contributes a
// constant 24 to the Luhn sum.
func NPI(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 10, &d) || (d[0] != 1 && d[0] != 2) {
		return false
	}
	sum, _, _ := luhnScan(s)
	return (sum+24)%10 == 0
}

// CASIN reports whether s is a Canadian Social Insurance Number: 9 digits,
// the first 1-7 or 9 (0 and 8 are not issued), passing Luhn.
func CASIN(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 9, &d) || d[0] == 0 || d[0] == 8 {
		return false
	}
	sum, _, _ := luhnScan(s)
	return sum == 0
}

// IMEI reports whether s is a 15-digit IMEI (TAC, serial, check digit)
// passing Luhn. The all-zero value is rejected.
func IMEI(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 15, &d) || allSame(d[:15]) && d[0] == 0 {
		return false
	}
	sum, _, _ := luhnScan(s)
	return sum == 0
}
