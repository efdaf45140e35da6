package checksum

// ABA reports whether s is a 9-digit US bank routing number whose first two
// digits are in a Federal Reserve range (00-12 government and banks, 21-32
// thrifts, 61-72 electronic, 80 traveller's cheques) and whose 3-7-1
// weighted sum is 0 mod 10.
func ABA(s []byte) bool {
	var d [maxDigits]byte
	if !digitsN(s, 9, &d) {
		return false
	}
	p := int(d[0])*10 + int(d[1])
	if !(p <= 12 || p >= 21 && p <= 32 || p >= 61 && p <= 72 || p == 80) {
		return false
	}
	sum := 3*int(d[0]+d[3]+d[6]) + 7*int(d[1]+d[4]+d[7]) + int(d[2]+d[5]+d[8])
	return sum%10 == 0
}

// ssnParts splits a 9-digit SSN-shaped value into area, group and serial.
func ssnParts(s []byte) (area, group, serial int, ok bool) {
	var d [maxDigits]byte
	if !digitsN(s, 9, &d) {
		return 0, 0, 0, false
	}
	area = int(d[0])*100 + int(d[1])*10 + int(d[2])
	group = int(d[3])*10 + int(d[4])
	serial = int(d[5])*1000 + int(d[6])*100 + int(d[7])*10 + int(d[8])
	return area, group, serial, true
}

// SSN reports whether s is a US Social Security Number by the SSA range
// rules: area 001-899 except 666, group 01-99, serial 0001-9999. ITINs
// (area 9xx) are not SSNs.
func SSN(s []byte) bool {
	area, group, serial, ok := ssnParts(s)
	return ok && area >= 1 && area <= 899 && area != 666 && group >= 1 && serial >= 1
}

// ITIN reports whether s is a US Individual Taxpayer Identification Number:
// area 9xx and group 50-65, 70-88, 90-92 or 94-99.
func ITIN(s []byte) bool {
	area, g, _, ok := ssnParts(s)
	if !ok || area < 900 {
		return false
	}
	return g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94
}

// deaRegistrant lists the DEA registrant-type letters (first character).
const deaRegistrant = "ABCDEFGHJKLMPRSTUX"

// DEA reports whether s is a US DEA registration number: a registrant-type
// letter, the registrant's surname initial (or '9' for businesses), and 7
// digits where (d1+d3+d5) + 2(d2+d4+d6) ends in d7. Letters must be upper
// case; separators are ignored.
func DEA(s []byte) bool {
	var b [9]byte
	n, ok := compact(s, b[:])
	if !ok || n != 9 || !isUpper(b[0]) || !(isUpper(b[1]) || b[1] == '9') {
		return false
	}
	if !containsByte(deaRegistrant, b[0]) {
		return false
	}
	var d [7]int
	for i := range d {
		c := b[2+i]
		if !isDigit(c) {
			return false
		}
		d[i] = int(c - '0')
	}
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	return sum%10 == d[6]
}

func containsByte(set string, c byte) bool {
	for i := 0; i < len(set); i++ {
		if set[i] == c {
			return true
		}
	}
	return false
}
