package checksum

// cfOdd maps a character's index (digit value, or letter - 'A') at an odd
// (1st, 3rd, ...) position to its codice fiscale / CIN weight. Even
// positions weigh the index itself.
var cfOdd = [26]byte{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// cfIndex returns the table index of an upper-case letter or digit.
func cfIndex(c byte) (int, bool) {
	switch {
	case isDigit(c):
		return int(c - '0'), true
	case isUpper(c):
		return int(c - 'A'), true
	}
	return 0, false
}

// cfCheck returns the check letter of b by the odd/even tables, or 0 if b
// holds a byte other than an upper-case letter or digit.
func cfCheck(b []byte) byte {
	sum := 0
	for i, c := range b {
		v, ok := cfIndex(c)
		if !ok {
			return 0
		}
		if i%2 == 0 { // 1st, 3rd, ... position
			v = int(cfOdd[v])
		}
		sum += v
	}
	return byte('A' + sum%26)
}

// omocodia maps the letters that replace digits in disambiguated fiscal
// codes back to their digit; other bytes map to -1.
func omocodia(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	const letters = "LMNPQRSTUV"
	for i := 0; i < len(letters); i++ {
		if letters[i] == c {
			return i
		}
	}
	return -1
}

// cfMonths are the month letters January..December.
const cfMonths = "ABCDEHLMPRST"

// ItalianFiscalCode reports whether s is an Italian codice fiscale: 6
// letters, 2 year digits, a month letter (ABCDEHLMPRST), 2 day digits (1-31,
// +40 for women), a Belfiore code (letter + 3 digits) and a check letter
// computed with the odd/even tables mod 26. The digit positions may hold the
// omocodia letters LMNPQRSTUV. Upper case only; separators are ignored.
func ItalianFiscalCode(s []byte) bool {
	var b [16]byte
	n, ok := compact(s, b[:])
	if !ok || n != 16 {
		return false
	}
	for _, c := range b[:6] {
		if !isUpper(c) {
			return false
		}
	}
	for _, i := range [...]int{6, 7, 9, 10, 12, 13, 14} {
		if omocodia(b[i]) < 0 {
			return false
		}
	}
	month := 0
	for i := 0; i < len(cfMonths); i++ {
		if cfMonths[i] == b[8] {
			month = i + 1
		}
	}
	if month == 0 || !isUpper(b[11]) {
		return false
	}
	day := omocodia(b[9])*10 + omocodia(b[10])
	if day > 40 {
		day -= 40
	}
	if day < 1 || day > daysIn(2000, month) { // 2000: leap year, allows 29 Feb
		return false
	}
	return b[15] == cfCheck(b[:15])
}
