package checksum

// nationalBBAN applies the national BBAN check of the country, if weir
// knows one. bban has already been checked against the registry format.
func nationalBBAN(c0, c1 byte, bban []byte) bool {
	switch int(c0)<<8 | int(c1) {
	case 'F'<<8 | 'R', 'M'<<8 | 'C':
		return ribKey(bban)
	case 'E'<<8 | 'S':
		return spanishCCC(bban)
	case 'I'<<8 | 'T', 'S'<<8 | 'M':
		return bban[0] == cfCheck(bban[1:])
	case 'B'<<8 | 'E':
		return belgianBBAN(bban)
	case 'N'<<8 | 'L':
		return dutchAccount(bban)
	case 'P'<<8 | 'T':
		return portugueseNIB(bban)
	}
	return true
}

// ribDigit converts a RIB account character to its digit: letters by the
// RIB table A,J→1 B,K,S→2 C,L,T→3 D,M,U→4 E,N,V→5 F,O,W→6 G,P,X→7
// H,Q,Y→8 I,R,Z→9.
func ribDigit(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'A' && c <= 'I':
		return int(c-'A') + 1
	case c >= 'J' && c <= 'R':
		return int(c-'J') + 1
	default: // S..Z
		return int(c-'S') + 2
	}
}

// ribKey checks the French RIB key over bank(5) branch(5) account(11)
// key(2): key = 97 - (89·bank + 15·branch + 3·account) mod 97. Since 89, 15
// and 3 are 10^18, 10^13 and 10^2 mod 97, the weighted sum equals the
// 21-digit bank‖branch‖account times 100, mod 97.
func ribKey(b []byte) bool {
	r := 0
	for _, c := range b[:21] {
		r = (r*10 + ribDigit(c)) % 97
	}
	key := int(b[21]-'0')*10 + int(b[22]-'0')
	return key == 97-(r*100)%97
}

var spanishWeights = [10]int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}

// spanishDC computes one Spanish control digit over 10 digits.
func spanishDC(d []byte) byte {
	s := 0
	for i, c := range d {
		s += int(c-'0') * spanishWeights[i]
	}
	v := 11 - s%11
	switch v {
	case 10:
		v = 1
	case 11:
		v = 0
	}
	return byte('0' + v)
}

// spanishCCC checks the two control digits of bank(4) branch(4) DC(2)
// account(10): the first over "00"+bank+branch, the second over account.
func spanishCCC(b []byte) bool {
	var first [10]byte
	first[0], first[1] = '0', '0'
	copy(first[2:], b[:8])
	return b[8] == spanishDC(first[:]) && b[9] == spanishDC(b[10:20])
}

// belgianBBAN checks bank(3) account(7) check(2): the first 10 digits mod
// 97, with 0 written as 97.
func belgianBBAN(b []byte) bool {
	r := 0
	for _, c := range b[:10] {
		r = (r*10 + int(c-'0')) % 97
	}
	if r == 0 {
		r = 97
	}
	return r == int(b[10]-'0')*10+int(b[11]-'0')
}

// dutchAccount applies the 11-proof (weights 10..1) to the 10-digit account
// after the 4-letter bank code. Former Postbank giro numbers (INGB with at
// most 7 significant digits) predate the 11-proof and are exempt.
func dutchAccount(b []byte) bool {
	acct := b[4:14]
	if string(b[:4]) == "INGB" && acct[0] == '0' && acct[1] == '0' && acct[2] == '0' {
		return true
	}
	s := 0
	for i, c := range acct {
		s += int(c-'0') * (10 - i)
	}
	return s != 0 && s%11 == 0
}

// portugueseNIB checks the NIB: the 21-digit bank(4) branch(4) account(11)
// check(2) is ≡ 1 (mod 97), i.e. check = 98 - (first19·100 mod 97).
func portugueseNIB(b []byte) bool {
	r := 0
	for _, c := range b[:19] {
		r = (r*10 + int(c-'0')) % 97
	}
	return 98-(r*100)%97 == int(b[19]-'0')*10+int(b[20]-'0')
}
