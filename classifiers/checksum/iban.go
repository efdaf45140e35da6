package checksum

// ibanMaxLen is the longest IBAN in the registry (34 by ISO 13616).
const ibanMaxLen = 34

// IBAN reports whether s is an International Bank Account Number: a
// registered country code, two check digits, and a BBAN of the country's
// length and format, passing ISO 7064 mod 97-10 and, for FR/MC, ES, IT/SM,
// BE, NL and PT, the national BBAN check. Letters must be upper case;
// separators (the usual groups of four) are ignored.
func IBAN(s []byte) bool {
	var b [ibanMaxLen]byte
	n, ok := compact(s, b[:])
	if !ok || n < 5 {
		return false
	}
	iban := b[:n]
	c, ok := ibanLookup(iban[0], iban[1])
	if !ok || n != c.length || !isDigit(iban[2]) || !isDigit(iban[3]) {
		return false
	}
	bban := iban[4:]
	if c.bban != "" {
		if !bbanMatches(bban, c.bban) {
			return false
		}
	} else {
		for _, ch := range bban {
			if !isDigit(ch) && !isUpper(ch) {
				return false
			}
		}
	}
	if ibanMod97(iban) != 1 {
		return false
	}
	return nationalBBAN(iban[0], iban[1], bban)
}

// ibanMod97 computes the ISO 7064 mod 97-10 remainder of an IBAN of digits
// and upper-case letters: the first four characters moved to the end,
// letters expanded to 10..35.
func ibanMod97(iban []byte) int {
	r := 0
	add := func(c byte) {
		if isDigit(c) {
			r = (r*10 + int(c-'0')) % 97
		} else {
			r = (r*100 + int(c-'A') + 10) % 97
		}
	}
	for _, c := range iban[4:] {
		add(c)
	}
	for _, c := range iban[:4] {
		add(c)
	}
	return r
}
