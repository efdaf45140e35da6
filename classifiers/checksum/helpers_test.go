package checksum

// Forward computations used to build valid test values. They are written
// independently of the validators (math/big, straightforward loops) so a
// value built here cross-checks the validator's arithmetic.

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"math/big"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"
)

func digitVals(s string) []int {
	var d []int
	for _, c := range s {
		if c >= '0' && c <= '9' {
			d = append(d, int(c-'0'))
		}
	}
	return d
}

// luhnComplete appends the Luhn check digit to payload.
func luhnComplete(payload string) string {
	d := digitVals(payload)
	sum := 0
	for i := range d {
		v := d[len(d)-1-i]
		if i%2 == 0 { // doubled once the check digit is appended
			v *= 2
			if v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return payload + fmt.Sprint((10-sum%10)%10)
}

// verhoeffComplete appends the Verhoeff check digit to payload.
func verhoeffComplete(payload string) string {
	inv := [10]byte{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}
	d := digitVals(payload)
	c := byte(0)
	for i := range d {
		c = verhoeffD[c][verhoeffP[(i+1)%8][d[len(d)-1-i]]]
	}
	return payload + fmt.Sprint(inv[c])
}

// ibanComplete returns cc + check digits + bban, computed with math/big.
func ibanComplete(cc, bban string) string {
	var sb strings.Builder
	for _, c := range bban + cc + "00" {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprint(&sb, int(c-'A')+10)
		} else {
			sb.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(sb.String(), 10)
	r := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d%s", cc, 98-r, bban)
}

// frBBAN builds bank+branch+account+RIB key with the weighted formula.
func frBBAN(bank, branch, account string) string {
	ribVal := func(s string) *big.Int {
		var sb strings.Builder
		for _, c := range s {
			if c >= '0' && c <= '9' {
				sb.WriteRune(c)
				continue
			}
			for d, set := range []string{"", "AJ", "BKS", "CLT", "DMU", "ENV", "FOW", "GPX", "HQY", "IRZ"} {
				if strings.ContainsRune(set, c) {
					sb.WriteString(fmt.Sprint(d))
				}
			}
		}
		n, _ := new(big.Int).SetString(sb.String(), 10)
		return n
	}
	x := new(big.Int).Mul(big.NewInt(89), ribVal(bank))
	x.Add(x, new(big.Int).Mul(big.NewInt(15), ribVal(branch)))
	x.Add(x, new(big.Int).Mul(big.NewInt(3), ribVal(account)))
	key := 97 - new(big.Int).Mod(x, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%s%s%02d", bank, branch, account, key)
}

// esBBAN builds bank+branch+DC+account.
func esBBAN(bank, branch, account string) string {
	w := []int{1, 2, 4, 8, 5, 10, 9, 7, 3, 6}
	dc := func(s string) int {
		sum := 0
		for i, v := range digitVals(s) {
			sum += v * w[i]
		}
		v := 11 - sum%11
		if v == 10 {
			return 1
		}
		if v == 11 {
			return 0
		}
		return v
	}
	return fmt.Sprintf("%s%s%d%d%s", bank, branch, dc("00"+bank+branch), dc(account), account)
}

// cfCheckLetter computes the codice fiscale / CIN check letter with the
// published odd table (written out again here as a string map).
func cfCheckLetter(s string) byte {
	odd := map[byte]int{'0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
		'A': 1, 'B': 0, 'C': 5, 'D': 7, 'E': 9, 'F': 13, 'G': 15, 'H': 17, 'I': 19, 'J': 21, 'K': 2, 'L': 4, 'M': 18,
		'N': 20, 'O': 11, 'P': 3, 'Q': 6, 'R': 8, 'S': 12, 'T': 14, 'U': 16, 'V': 10, 'W': 22, 'X': 25, 'Y': 24, 'Z': 23}
	sum := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i%2 == 0 {
			sum += odd[c]
		} else if c >= '0' && c <= '9' {
			sum += int(c - '0')
		} else {
			sum += int(c - 'A')
		}
	}
	return byte('A' + sum%26)
}

func itBBAN(abi, cab, account string) string {
	return string(cfCheckLetter(abi+cab+account)) + abi + cab + account
}

func beBBAN(first10 string) string {
	n, _ := new(big.Int).SetString(first10, 10)
	r := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	if r == 0 {
		r = 97
	}
	return fmt.Sprintf("%s%02d", first10, r)
}

func ptBBAN(first19 string) string {
	n, _ := new(big.Int).SetString(first19+"00", 10)
	r := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d", first19, 98-r)
}

// nhsComplete appends the NHS check digit; ok is false when it would be 10.
func nhsComplete(p string) (string, bool) {
	sum := 0
	for i, v := range digitVals(p) {
		sum += v * (10 - i)
	}
	c := 11 - sum%11
	if c == 11 {
		c = 0
	}
	return p + fmt.Sprint(c), c != 10
}

func cpfComplete(p string) string {
	dig := func(d []int) int {
		sum := 0
		for i, v := range d {
			sum += v * (len(d) + 1 - i)
		}
		r := sum % 11
		if r < 2 {
			return 0
		}
		return 11 - r
	}
	d := digitVals(p)
	d = append(d, dig(d))
	d = append(d, dig(d))
	var sb strings.Builder
	for _, v := range d {
		sb.WriteString(fmt.Sprint(v))
	}
	return sb.String()
}

// peselMake builds a PESEL for a birth date and 4-digit serial.
func peselMake(year, month, day int, serial string) string {
	off := map[int]int{18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[year/100]
	p := fmt.Sprintf("%02d%02d%02d%s", year%100, month+off, day, serial)
	w := []int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i, v := range digitVals(p) {
		sum += w[i] * v
	}
	return p + fmt.Sprint((10-sum%10)%10)
}

func nricMake(series byte, digits string) string {
	w := []int{2, 7, 6, 5, 4, 3, 2}
	sum := map[byte]int{'S': 0, 'T': 4, 'F': 0, 'G': 4, 'M': 3}[series]
	for i, v := range digitVals(digits) {
		sum += w[i] * v
	}
	table := map[byte]string{'S': "JZIHGFEDCBA", 'T': "JZIHGFEDCBA", 'F': "XWUTRQPNMLK", 'G': "XWUTRQPNMLK", 'M': "XWUTRQPNJLK"}[series]
	return string(series) + digits + string(table[sum%11])
}

func deaMake(prefix, six string) string {
	d := digitVals(six)
	sum := d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])
	return prefix + six + fmt.Sprint(sum%10)
}

func nifMake(prefix string, digits string) string {
	n := new(big.Int)
	n.SetString(map[string]string{"": "", "X": "0", "Y": "1", "Z": "2"}[prefix]+digits, 10)
	return prefix + digits + string("TRWAGMYFPDXBNJZSQVHLCKE"[new(big.Int).Mod(n, big.NewInt(23)).Int64()])
}

func cfMake(first15 string) string { return first15 + string(cfCheckLetter(first15)) }

// tokenMake builds prefix + body + base62(CRC-32(body)) padded to 6.
func tokenMake(prefix, body string) string {
	v := crc32.ChecksumIEEE([]byte(body))
	const alpha = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	var out []byte
	for v > 0 {
		out = append([]byte{alpha[v%62]}, out...)
		v /= 62
	}
	for len(out) < 6 {
		out = append([]byte{'0'}, out...)
	}
	return prefix + body + string(out)
}

// base58CheckMake encodes version‖payload with a double-SHA-256 checksum.
func base58CheckMake(version byte, payload []byte) string {
	b := append([]byte{version}, payload...)
	h := sha256.Sum256(b)
	h = sha256.Sum256(h[:])
	b = append(b, h[:4]...)
	n := new(big.Int).SetBytes(b)
	var out []byte
	m := new(big.Int)
	for n.Sign() > 0 {
		n.DivMod(n, big.NewInt(58), m)
		out = append([]byte{base58Alphabet[m.Int64()]}, out...)
	}
	for _, x := range b {
		if x != 0 {
			break
		}
		out = append([]byte{'1'}, out...)
	}
	return string(out)
}

// segwitMake encodes a segwit address (BIP-173/350) for hrp.
func segwitMake(hrp string, version byte, program []byte, bech32m bool) string {
	data := []byte{version}
	acc, bits := 0, 0
	for _, b := range program {
		acc = acc<<8 | int(b)
		bits += 8
		for bits >= 5 {
			bits -= 5
			data = append(data, byte(acc>>bits&31))
		}
	}
	if bits > 0 {
		data = append(data, byte(acc<<(5-bits)&31))
	}
	gen := []uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3}
	polymod := func(vals []byte) uint32 {
		chk := uint32(1)
		for _, v := range vals {
			b := chk >> 25
			chk = (chk&0x1ffffff)<<5 ^ uint32(v)
			for i := range 5 {
				if (b>>i)&1 == 1 {
					chk ^= gen[i]
				}
			}
		}
		return chk
	}
	var vals []byte
	for _, c := range []byte(hrp) {
		vals = append(vals, c>>5)
	}
	vals = append(vals, 0)
	for _, c := range []byte(hrp) {
		vals = append(vals, c&31)
	}
	vals = append(vals, data...)
	vals = append(vals, 0, 0, 0, 0, 0, 0)
	k := uint32(1)
	if bech32m {
		k = 0x2bc830a3
	}
	pm := polymod(vals) ^ k
	for i := range 6 {
		data = append(data, byte(pm>>(5*(5-i))&31))
	}
	out := hrp + "1"
	for _, d := range data {
		out += string(bech32Charset[d])
	}
	return out
}

// eip55Make writes a 20-byte address with EIP-55 case.
func eip55Make(addr []byte) string {
	low := fmt.Sprintf("%x", addr)
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(low))
	h := fmt.Sprintf("%x", k.Sum(nil))
	out := []byte(low)
	for i, c := range out {
		if c >= 'a' && h[i] >= '8' {
			out[i] = c - 32
		}
	}
	return "0x" + string(out)
}

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func jwtMake(header, payload, sig string) string {
	return b64url(header) + "." + b64url(payload) + "." + sig
}

// crc24Ref is the bit-at-a-time CRC-24 of RFC 4880 section 6.1.
func crc24Ref(data []byte) uint32 {
	crc := uint32(0xB704CE)
	for _, b := range data {
		crc ^= uint32(b) << 16
		for range 8 {
			crc <<= 1
			if crc&0x1000000 != 0 {
				crc ^= 0x1864CFB
			}
		}
	}
	return crc & 0xFFFFFF
}

// vcase is one table-test row.
type vcase struct {
	in   string
	want bool
}

func runCases(t *testing.T, name string, fn func([]byte) bool, cases []vcase) {
	t.Helper()
	for _, c := range cases {
		if got := fn([]byte(c.in)); got != c.want {
			t.Errorf("%s(%q) = %v, want %v", name, c.in, got, c.want)
		}
	}
}

// assertSingleDigitErrors checks that changing any one digit of valid to
// any other digit makes fn false (schemes that detect all single errors).
func assertSingleDigitErrors(t *testing.T, name string, fn func([]byte) bool, valid string) {
	t.Helper()
	if !fn([]byte(valid)) {
		t.Fatalf("%s(%q) = false, want true", name, valid)
	}
	for i := 0; i < len(valid); i++ {
		if !isDigit(valid[i]) {
			continue
		}
		for d := byte('0'); d <= '9'; d++ {
			if d == valid[i] {
				continue
			}
			m := []byte(valid)
			m[i] = d
			if fn(m) {
				t.Errorf("%s(%q) = true after changing position %d of %q", name, m, i, valid)
			}
		}
	}
}

// assertTranspositions checks that swapping two adjacent, different digits
// of valid makes fn false. skip excludes pairs the scheme cannot detect.
func assertTranspositions(t *testing.T, name string, fn func([]byte) bool, valid string, skip func(a, b byte) bool) {
	t.Helper()
	for i := 0; i+1 < len(valid); i++ {
		a, b := valid[i], valid[i+1]
		if !isDigit(a) || !isDigit(b) || a == b || skip != nil && skip(a, b) {
			continue
		}
		m := []byte(valid)
		m[i], m[i+1] = b, a
		if fn(m) {
			t.Errorf("%s(%q) = true after transposing positions %d,%d of %q", name, m, i, i+1, valid)
		}
	}
}

// withSeparators returns s with sep inserted between every two bytes.
func withSeparators(s string, sep byte) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if i > 0 {
			b = append(b, sep)
		}
		b = append(b, s[i])
	}
	return string(b)
}
