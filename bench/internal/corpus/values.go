package corpus

import (
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"hash/crc32"
	"math/big"
	"strconv"
	"strings"
)

const (
	upper    = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	lower    = "abcdefghijklmnopqrstuvwxyz"
	digits   = "0123456789"
	hexLower = "0123456789abcdef"
	base62   = digits + upper + lower
	alnum    = upper + lower + digits
	b32      = upper + "234567"
	b64      = upper + lower + digits + "+/"
	b64url   = upper + lower + digits + "-_"
	b58      = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
)

// str returns n random bytes from alphabet.
func (g *Gen) str(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[g.r.IntN(len(alphabet))]
	}
	return string(b)
}

func (g *Gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func (g *Gen) digitsN(n int) string { return g.str(digits, n) }

func (g *Gen) randBytes(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(g.r.Uint32())
	}
	return b
}

// ---- checksums (independent re-implementations; the bench must not trust the engine's) ----

// luhnCheck returns the Luhn check digit for the digit string s.
func luhnCheck(s string) byte {
	sum := 0
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func luhnValid(s string) bool {
	return len(s) > 1 && luhnCheck(s[:len(s)-1]) == s[len(s)-1]
}

func base62CRC(body string) string {
	c := uint64(crc32.ChecksumIEEE([]byte(body)))
	out := make([]byte, 6)
	for i := 5; i >= 0; i-- {
		out[i] = base62[c%62]
		c /= 62
	}
	return string(out)
}

// ibanCheck returns the two mod-97 check digits for country cc and bban.
func ibanCheck(cc, bban string) string {
	var sb strings.Builder
	for _, c := range bban + cc + "00" {
		switch {
		case c >= 'A' && c <= 'Z':
			sb.WriteString(strconv.Itoa(int(c-'A') + 10))
		default:
			sb.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(sb.String(), 10)
	m := new(big.Int).Mod(n, big.NewInt(97)).Int64()
	return fmt.Sprintf("%02d", 98-m)
}

var (
	verD = [10][10]int{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
		{2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
		{4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
		{6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
		{8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
	}
	verP = [8][10]int{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
		{5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
		{9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
		{2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
	}
	verInv = [10]int{0, 4, 3, 2, 1, 5, 6, 7, 8, 9}
)

func verhoeffCheck(s string) byte {
	c := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		c = verD[c][verP[(i+1)%8][d]]
	}
	return byte('0' + verInv[c])
}

func verhoeffValid(s string) bool {
	c := 0
	for i := 0; i < len(s); i++ {
		c = verD[c][verP[i%8][int(s[len(s)-1-i]-'0')]]
	}
	return c == 0
}

func base58Encode(b []byte) string {
	n := new(big.Int).SetBytes(b)
	var out []byte
	m := new(big.Int)
	base := big.NewInt(58)
	for n.Sign() > 0 {
		n.DivMod(n, base, m)
		out = append(out, b58[m.Int64()])
	}
	for _, c := range b {
		if c != 0 {
			break
		}
		out = append(out, '1')
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return string(out)
}

// ---- sensitive values (every checksum-bearing value is valid) ----

func (g *Gen) email() string {
	first := strings.ToLower(g.pick(firstNames))
	last := strings.ToLower(g.pick(lastNames))
	sep := g.pick([]string{".", "_", "", "."})
	local := first + sep + last
	if g.r.IntN(3) == 0 {
		local += strconv.Itoa(g.r.IntN(99))
	}
	return local + "@" + g.pick(mailDomains)
}

func (g *Gen) phone() string {
	switch g.r.IntN(8) {
	case 0:
		return fmt.Sprintf("(%d%s) %d%s-%s", 2+g.r.IntN(8), g.digitsN(2), 2+g.r.IntN(8), g.digitsN(2), g.digitsN(4))
	case 1:
		return fmt.Sprintf("+1 %d%s-%d%s-%s", 2+g.r.IntN(8), g.digitsN(2), 2+g.r.IntN(8), g.digitsN(2), g.digitsN(4))
	case 2:
		return "+44 20 7" + g.digitsN(3) + " " + g.digitsN(4)
	case 3:
		return "+49 30 " + g.digitsN(8)
	case 4:
		return fmt.Sprintf("+33 %d %s %s %s %s", 1+g.r.IntN(7), g.digitsN(2), g.digitsN(2), g.digitsN(2), g.digitsN(2))
	case 5:
		return fmt.Sprintf("+91-%d%s", 7+g.r.IntN(3), g.digitsN(9))
	case 6:
		return "+61 4" + g.digitsN(2) + " " + g.digitsN(3) + " " + g.digitsN(3)
	default:
		return fmt.Sprintf("+34 6%s %s %s", g.digitsN(2), g.digitsN(3), g.digitsN(3))
	}
}

func (g *Gen) ssn() string {
	area := 1 + g.r.IntN(899)
	if area == 666 {
		area = 667
	}
	sep := g.pick([]string{"-", "-", "-", " "})
	return fmt.Sprintf("%03d%s%02d%s%04d", area, sep, 1+g.r.IntN(99), sep, 1+g.r.IntN(9999))
}

func (g *Gen) cardDigits() string {
	var p string
	n := 16
	switch g.r.IntN(5) {
	case 0, 1:
		p = "4"
	case 2:
		p = strconv.Itoa(51 + g.r.IntN(5))
	case 3:
		p, n = g.pick([]string{"34", "37"}), 15
	default:
		p = "6011"
	}
	body := p + g.digitsN(n-1-len(p))
	return body + string(luhnCheck(body))
}

func (g *Gen) creditCard() string {
	d := g.cardDigits()
	switch g.r.IntN(3) {
	case 0:
		return d
	case 1:
		return group(d, 4, " ")
	default:
		return group(d, 4, "-")
	}
}

func group(s string, n int, sep string) string {
	var parts []string
	for len(s) > n {
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(append(parts, s), sep)
}

func (g *Gen) iban() string {
	var cc, bban string
	switch g.r.IntN(5) {
	case 0:
		cc, bban = "DE", g.digitsN(18)
	case 1:
		cc, bban = "GB", g.str(upper, 4)+g.digitsN(14)
	case 2:
		cc, bban = "FR", g.digitsN(10)+g.str(upper+digits, 11)+g.digitsN(2)
	case 3:
		cc, bban = "NL", g.str(upper, 4)+g.digitsN(10)
	default:
		cc, bban = "ES", g.digitsN(20)
	}
	s := cc + ibanCheck(cc, bban) + bban
	if g.r.IntN(2) == 0 {
		return group(s, 4, " ")
	}
	return s
}

func (g *Gen) publicIP() string {
	for {
		a := 1 + g.r.IntN(223)
		if a == 10 || a == 127 || a == 172 || a == 192 || a == 100 || a == 169 {
			continue
		}
		return fmt.Sprintf("%d.%d.%d.%d", a, g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	}
}

func (g *Gen) ipv6() string {
	return fmt.Sprintf("2%s:%s:%s:%s:%s:%s:%s:%s", g.str(hexLower, 3), g.str(hexLower, 4), g.str(hexLower, 4),
		g.str(hexLower, 4), g.str(hexLower, 4), g.str(hexLower, 4), g.str(hexLower, 4), g.str(hexLower, 4))
}

func (g *Gen) mac() string {
	parts := make([]string, 6)
	for i := range parts {
		parts[i] = g.str("0123456789ABCDEF", 2)
	}
	return strings.Join(parts, g.pick([]string{":", "-"}))
}

func (g *Gen) date() string {
	y, m, d := 1940+g.r.IntN(66), 1+g.r.IntN(12), 1+g.r.IntN(28)
	switch g.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		return fmt.Sprintf("%02d/%02d/%04d", m, d, y)
	case 2:
		return fmt.Sprintf("%s %d, %d", months[m-1], d, y)
	default:
		return fmt.Sprintf("%02d.%02d.%04d", d, m, y)
	}
}

func (g *Gen) ukNINO() string {
	const first = "ABCEGHJKLMNOPRSTWXYZ"
	const second = "ABCEGHJKLMNPRSTWXYZ"
	for {
		p := g.str(first, 1) + g.str(second, 1)
		switch p {
		case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
			continue
		}
		if g.r.IntN(2) == 0 {
			return fmt.Sprintf("%s %s %s %s %s", p, g.digitsN(2), g.digitsN(2), g.digitsN(2), g.str("ABCD", 1))
		}
		return p + g.digitsN(6) + g.str("ABCD", 1)
	}
}

func (g *Gen) nhs() string {
	for {
		s := g.digitsN(9)
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(s[i]-'0') * (10 - i)
		}
		c := 11 - sum%11
		if c == 11 {
			c = 0
		}
		if c == 10 {
			continue
		}
		full := s + strconv.Itoa(c)
		return full[:3] + " " + full[3:6] + " " + full[6:]
	}
}

func (g *Gen) caSIN() string {
	body := g.pick([]string{"1", "2", "3", "4", "5", "6", "7", "9"}) + g.digitsN(7)
	s := body + string(luhnCheck(body))
	return s[:3] + " " + s[3:6] + " " + s[6:]
}

func (g *Gen) aadhaar() string {
	body := strconv.Itoa(2+g.r.IntN(8)) + g.digitsN(10)
	s := body + string(verhoeffCheck(body))
	return group(s, 4, " ")
}

func (g *Gen) pan() string {
	return g.str(upper, 3) + g.str("PCHFATBLJG", 1) + g.str(upper, 1) + g.digitsN(4) + g.str(upper, 1)
}

func (g *Gen) esNIF() string {
	const letters = "TRWAGMYFPDXBNJZSQVHLCKE"
	n := g.r.IntN(100000000)
	return fmt.Sprintf("%08d%c", n, letters[n%23])
}

func (g *Gen) brCPF() string {
	d := make([]int, 11)
	for i := 0; i < 9; i++ {
		d[i] = g.r.IntN(10)
	}
	for k := 9; k <= 10; k++ {
		s := 0
		for i := 0; i < k; i++ {
			s += d[i] * (k + 1 - i)
		}
		d[k] = s * 10 % 11 % 10
	}
	return fmt.Sprintf("%d%d%d.%d%d%d.%d%d%d-%d%d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10])
}

func (g *Gen) nlBSN() string {
	for {
		s := strconv.Itoa(1+g.r.IntN(9)) + g.digitsN(7)
		sum := 0
		for i := 0; i < 8; i++ {
			sum += int(s[i]-'0') * (9 - i)
		}
		c := sum % 11
		if c == 10 {
			continue
		}
		return s + strconv.Itoa(c)
	}
}

func (g *Gen) imei() string {
	body := "35" + g.digitsN(12)
	return body + string(luhnCheck(body))
}

func (g *Gen) npi() string {
	body := strconv.Itoa(1+g.r.IntN(2)) + g.digitsN(8)
	return body + string(luhnCheck("80840"+body))
}

func (g *Gen) dea() string {
	d := make([]int, 6)
	for i := range d {
		d[i] = g.r.IntN(10)
	}
	c := (d[0] + d[2] + d[4] + 2*(d[1]+d[3]+d[5])) % 10
	return g.str("ABFGMPR", 1) + g.str(upper, 1) + fmt.Sprintf("%d%d%d%d%d%d%d", d[0], d[1], d[2], d[3], d[4], d[5], c)
}

func (g *Gen) mbi() string {
	const a = "ACDEFGHJKMNPQRTUVWXY"
	an := a + digits
	s := strconv.Itoa(1+g.r.IntN(9)) + g.str(a, 1) + g.str(an, 1) + g.digitsN(1) + g.str(a, 1) + g.str(an, 1) +
		g.digitsN(1) + g.str(a, 2) + g.digitsN(2)
	if g.r.IntN(2) == 0 {
		return s[:4] + "-" + s[4:7] + "-" + s[7:]
	}
	return s
}

func (g *Gen) icd10() string {
	return g.pick([]string{"E11.9", "I10", "J45.909", "S72.001A", "F32.9", "M54.5", "K21.9", "N18.3", "C50.911", "Z79.4"})
}

func (g *Gen) btcAddress() string {
	payload := append([]byte{0}, g.randBytes(20)...)
	h1 := sha256.Sum256(payload)
	h2 := sha256.Sum256(h1[:])
	return base58Encode(append(payload, h2[:4]...))
}

func (g *Gen) ethAddress() string { return "0x" + g.str(hexLower, 40) }

// ---- secrets ----

func (g *Gen) awsKeyID() string  { return g.pick([]string{"AKIA", "ASIA"}) + g.str(b32, 16) }
func (g *Gen) awsSecret() string { return g.str(upper+lower+digits+"/+", 40) }

func (g *Gen) githubToken() string {
	body := g.str(base62, 30)
	return g.pick([]string{"ghp_", "ghp_", "gho_", "ghs_", "ghu_"}) + body + base62CRC(body)
}

func (g *Gen) npmToken() string {
	body := g.str(base62, 30)
	return "npm_" + body + base62CRC(body)
}

func (g *Gen) gitlabToken() string { return "glpat-" + g.str(alnum+"_-", 20) }

func (g *Gen) slackToken() string {
	return g.pick([]string{"xoxb-", "xoxp-"}) + g.digitsN(12) + "-" + g.digitsN(13) + "-" + g.str(alnum, 24)
}

func (g *Gen) slackWebhook() string {
	return "https://hooks.slack.com/services/T" + g.str(upper+digits, 8) + "/B" + g.str(upper+digits, 10) + "/" + g.str(alnum, 24)
}

func (g *Gen) stripeKey() string {
	return g.pick([]string{"sk_live_", "rk_live_"}) + g.str(alnum, 24+g.r.IntN(76))
}

func (g *Gen) googleKey() string { return "AIza" + g.str(alnum+"_-", 35) }

func (g *Gen) openAIKey() string {
	return "sk-proj-" + g.str(alnum+"_-", 74) + "T3BlbkFJ" + g.str(alnum+"_-", 74)
}

func (g *Gen) anthropicKey() string { return "sk-ant-api03-" + g.str(alnum+"_-", 93) + "AA" }

func (g *Gen) hfToken() string { return "hf_" + g.str(upper+lower, 34) }

func (g *Gen) sendgridKey() string {
	return "SG." + g.str(alnum+"_-", 22) + "." + g.str(alnum+"_-", 43)
}

func (g *Gen) twilioKey() string { return "SK" + g.str(hexLower, 32) }

func (g *Gen) azureKey() string { return base64.StdEncoding.EncodeToString(g.randBytes(64)) }

func (g *Gen) pypiToken() string {
	return "pypi-AgEIcHlwaS5vcmc" + g.str(b64url, 160+g.r.IntN(40))
}

func (g *Gen) password() string {
	w := g.pick([]string{"Summer", "Winter", "Tr0ub4dor", "Hunter", "Dragon", "Monkey", "P@ssw0rd", "Qwerty", "Falcon"})
	return w + g.str(digits+"!#%&*", 2+g.r.IntN(4)) + g.str(alnum, 3+g.r.IntN(8))
}

func (g *Gen) dbURL() string {
	scheme := g.pick([]string{"postgres", "postgresql", "mysql", "mongodb+srv", "redis", "amqp"})
	user := g.pick([]string{"app", "admin", "svc_orders", "reporting", "etl"})
	host := g.pick([]string{"db.internal.acme.io", "10.0.3.17", "prod-cluster.abc123.us-east-1.rds.amazonaws.com", "mongo0.example.net", "cache-1"})
	return fmt.Sprintf("%s://%s:%s@%s:%d/%s", scheme, user, g.password(), host, 1000+g.r.IntN(9000), g.pick([]string{"orders", "app", "analytics", "0"}))
}

func (g *Gen) jwt() string {
	enc := base64.RawURLEncoding
	h := enc.EncodeToString([]byte(`{"alg":"` + g.pick([]string{"HS256", "RS256", "ES256"}) + `","typ":"JWT"}`))
	p := enc.EncodeToString([]byte(fmt.Sprintf(`{"sub":"%d","name":"%s %s","iat":%d,"exp":%d,"scope":"read write"}`,
		g.r.IntN(1e7), g.pick(firstNames), g.pick(lastNames), 1700000000+g.r.IntN(3e7), 1730000000+g.r.IntN(3e7))))
	return h + "." + p + "." + enc.EncodeToString(g.randBytes(32))
}

// pemKey returns a PEM private key block: a real P-256 or Ed25519 PKCS#8 key
// derived from the generator's stream, or an RSA-shaped PKCS#1 block.
func (g *Gen) pemKey() string {
	switch g.r.IntN(3) {
	case 0:
		for {
			k, err := ecdh.P256().NewPrivateKey(g.randBytes(32))
			if err != nil {
				continue
			}
			der, err := x509.MarshalPKCS8PrivateKey(k)
			if err != nil {
				panic(err)
			}
			return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
		}
	case 1:
		k := ed25519.NewKeyFromSeed(g.randBytes(32))
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			panic(err)
		}
		return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	default:
		// SEQUENCE { INTEGER 0, ... } with a 1190-byte body: the shape of a
		// 2048-bit PKCS#1 key (not a usable key).
		body := append([]byte{0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00}, g.randBytes(1182)...)
		der := append([]byte{0x30, 0x82, byte(len(body) >> 8), byte(len(body))}, body...)
		return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: der}))
	}
}

// ---- hard negatives: look like sensitive values, are not ----

func (g *Gen) hardNegative() string {
	switch g.r.IntN(24) {
	case 0:
		return g.str(hexLower, 64) // sha256
	case 1:
		return g.str(hexLower, 40) // git sha
	case 2:
		return g.str(hexLower, 7) // short sha
	case 3:
		return g.uuid()
	case 4:
		return fmt.Sprintf("v%d.%d.%d", g.r.IntN(5), g.r.IntN(30), g.r.IntN(100))
	case 5:
		return fmt.Sprintf("ORD-%d-%06d", 2019+g.r.IntN(7), g.r.IntN(1e6))
	case 6: // Luhn-invalid card-shaped number
		d := g.cardDigits()
		last := (d[len(d)-1]-'0'+1+byte(g.r.IntN(8)))%10 + '0'
		return group(d[:len(d)-1]+string(last), 4, " ")
	case 7:
		return fmt.Sprintf("2024-%02d-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(12), 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
	case 8:
		return strconv.Itoa(1600000000 + g.r.IntN(1e8)) // epoch
	case 9:
		return "pk_live_" + g.str(alnum, 24)
	case 10: // GitHub-shaped token with a wrong checksum
		return "ghp_" + g.str(base62, 36)
	case 11:
		return "0x" + g.str(hexLower, 64) // eth tx hash
	case 12:
		return fmt.Sprintf("%d.%d.%d.%d", 1+g.r.IntN(9), g.r.IntN(20), g.r.IntN(50), g.r.IntN(9999)) // build version
	case 13:
		return "sha256:" + g.str(hexLower, 64)
	case 14:
		return "sha384-" + base64.StdEncoding.EncodeToString(g.randBytes(48))
	case 15:
		return "**** **** **** " + g.digitsN(4)
	case 16:
		return "postgres://app@db.internal:5432/orders"
	case 17:
		return "${DB_PASSWORD}"
	case 18:
		return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
	case 19:
		return "logo@2x.png"
	case 20:
		return "1Z" + g.str(upper+digits, 16) // UPS tracking
	case 21:
		return fmt.Sprintf("%03d-%03d-%04d", 700+g.r.IntN(99), 100+g.r.IntN(900), g.r.IntN(10000)) // ticket no., phone-shaped
	case 22:
		return "arn:aws:iam::" + g.digitsN(12) + ":role/" + g.pick([]string{"deploy", "reader", "lambda-exec"})
	default:
		return fmt.Sprintf("%d.%d.%d.%d", 256+g.r.IntN(700), g.r.IntN(999), g.r.IntN(999), g.r.IntN(999))
	}
}

func (g *Gen) uuid() string {
	return g.str(hexLower, 8) + "-" + g.str(hexLower, 4) + "-4" + g.str(hexLower, 3) + "-" +
		g.str("89ab", 1) + g.str(hexLower, 3) + "-" + g.str(hexLower, 12)
}
