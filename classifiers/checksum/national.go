package checksum

// NHS reports whether s is a UK NHS number: 10 digits where the check digit
// is 11 - (Σ d_i·(11-i) mod 11) over the first nine (11 → 0; 10 means the
// number is never issued). Repeated-digit values are rejected.
func NHS(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 10, &d) || allSame(d[:10]) {
		return false
	}
	sum := 0
	for i := range 9 {
		sum += int(d[i]) * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	return c != 10 && c == int(d[9])
}

// BSN reports whether s is a Dutch citizen service number: 9 digits passing
// the 11-proof 9d1+8d2+...+2d8-d9 ≡ 0 (mod 11). All zeros is rejected.
func BSN(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 9, &d) || allSame(d[:9]) && d[0] == 0 {
		return false
	}
	sum := -int(d[8])
	for i := range 8 {
		sum += int(d[i]) * (9 - i)
	}
	return sum%11 == 0
}

// cpfDigit is the CPF check digit over d with weights n+1 .. 2.
func cpfDigit(d []byte) int {
	sum := 0
	w := len(d) + 1
	for _, v := range d {
		sum += int(v) * w
		w--
	}
	return sum * 10 % 11 % 10
}

// CPF reports whether s is a Brazilian CPF: 11 digits with two mod-11 check
// digits. Values of one repeated digit (which pass the arithmetic) are
// rejected.
func CPF(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 11, &d) || allSame(d[:11]) {
		return false
	}
	return cpfDigit(d[:9]) == int(d[9]) && cpfDigit(d[:10]) == int(d[10])
}

var peselWeights = [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}

// PESEL reports whether s is a Polish PESEL: 11 digits YYMMDDZZZXQ whose
// check digit Q = (10 - Σ w_i·d_i mod 10) mod 10 and whose birth date is a
// real calendar date. The month carries the century: +80 for 1800-1899, +0
// for 1900s, +20 for 2000s, +40 for 2100s, +60 for 2200s.
func PESEL(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 11, &d) {
		return false
	}
	sum := 0
	for i, w := range peselWeights {
		sum += w * int(d[i])
	}
	if (10-sum%10)%10 != int(d[10]) {
		return false
	}
	yy := int(d[0])*10 + int(d[1])
	mm := int(d[2])*10 + int(d[3])
	dd := int(d[4])*10 + int(d[5])
	var century int
	switch {
	case mm >= 81 && mm <= 92:
		century, mm = 1800, mm-80
	case mm >= 1 && mm <= 12:
		century = 1900
	case mm >= 21 && mm <= 32:
		century, mm = 2000, mm-20
	case mm >= 41 && mm <= 52:
		century, mm = 2100, mm-40
	case mm >= 61 && mm <= 72:
		century, mm = 2200, mm-60
	default:
		return false
	}
	return dd >= 1 && dd <= daysIn(century+yy, mm)
}

// daysIn returns the number of days of month m (1-12) in Gregorian year y.
func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

var nricWeights = [7]int{2, 7, 6, 5, 4, 3, 2}

// NRIC reports whether s is a Singapore NRIC/FIN: series letter S, T, F, G
// or M, 7 digits and a check letter. The weighted sum (2,7,6,5,4,3,2) plus
// the series offset (T/G +4, M +3) mod 11 indexes the series' letter table
// (S/T "JZIHGFEDCBA", F/G "XWUTRQPNMLK", M "XWUTRQPNJLK"). Upper case only.
func NRIC(s []byte) bool {
	var b [9]byte
	n, ok := compact(s, b[:])
	if !ok || n != 9 {
		return false
	}
	var table string
	sum := 0
	switch b[0] {
	case 'S':
		table = "JZIHGFEDCBA"
	case 'T':
		table, sum = "JZIHGFEDCBA", 4
	case 'F':
		table = "XWUTRQPNMLK"
	case 'G':
		table, sum = "XWUTRQPNMLK", 4
	case 'M':
		table, sum = "XWUTRQPNJLK", 3
	default:
		return false
	}
	for i, w := range nricWeights {
		c := b[1+i]
		if !isDigit(c) {
			return false
		}
		sum += w * int(c-'0')
	}
	return b[8] == table[sum%11]
}

var tfnWeights = [9]int{1, 4, 3, 7, 5, 8, 6, 9, 10}

// TFN reports whether s is a 9-digit Australian Tax File Number whose
// weighted sum (1,4,3,7,5,8,6,9,10) is 0 mod 11. All zeros is rejected.
func TFN(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 9, &d) || allSame(d[:9]) && d[0] == 0 {
		return false
	}
	sum := 0
	for i, w := range tfnWeights {
		sum += w * int(d[i])
	}
	return sum%11 == 0
}

const nifLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// SpanishID reports whether s is a Spanish DNI (8 digits + letter) or NIE
// (X, Y or Z + 7 digits + letter, the prefix counting as 0, 1, 2) whose
// letter is "TRWAGMYFPDXBNJZSQVHLCKE"[n % 23]. Separators (e.g. a hyphen or
// space before the letter, dots in the number) are ignored; letters must be
// upper case.
func SpanishID(s []byte) bool {
	var b [9]byte
	n, ok := compact(s, b[:])
	if !ok || n != 9 {
		return false
	}
	v := 0
	start := 0
	switch b[0] {
	case 'X', 'Y', 'Z':
		v = int(b[0] - 'X')
		start = 1
	}
	for _, c := range b[start:8] {
		if !isDigit(c) {
			return false
		}
		v = v*10 + int(c-'0')
	}
	return b[8] == nifLetters[v%23]
}
