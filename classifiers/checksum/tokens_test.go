package checksum

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

func TestTokenCRC32(t *testing.T) {
	const body = "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1"
	runCases(t, "TokenCRC32", TokenCRC32, []vcase{
		{"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", true}, // public token cited in TAXONOMY.md
		{tokenMake("ghp_", body), true},
		{tokenMake("gho_", body), true},
		{tokenMake("ghu_", body), true},
		{tokenMake("ghs_", body), true},
		{tokenMake("ghr_", body), true},
		{tokenMake("npm_", body), true},
		{tokenMake("npm_", "000000000000000000000000000000"), true},
		{"ghp_bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp4cVaNc", false}, // checksum char changed
		{"ghp_bo1ZJ4bTDVjczzeYc6nscjb1FLaTxq4cVaNb", false}, // body char changed
		{"ghp_bo1ZJ4bTDVjczzeYc6nscjb1FLaTpx4cVaNb", false}, // body chars transposed
		{"ghx_bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp4cVaNb", false}, // unknown prefix
		{"GHP_bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp4cVaNb", false},
		{"ghp_bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp4cVaN", false},
		{"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b", false},
		{"ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", false},
		{"ghp_bo1ZJ4bTDVjczzeYc6nscjb1FLa-xp4cVaNb", false},
		{"github_pat_11ABCDEFG0123456789abc_" + strings.Repeat("a", 59), false},
		{"", false},
	})
	v := "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"
	for i := 4; i < len(v); i++ {
		m := []byte(v)
		m[i] = base62Alphabet[(strings.IndexByte(base62Alphabet, v[i])+1)%62]
		if TokenCRC32(m) {
			t.Errorf("TokenCRC32(%q) = true", m)
		}
	}
}

// pypiMake builds a PyPI-style token from a v2 macaroon skeleton: location,
// identifier, a caveat and a 32-byte signature field.
func pypiMake(id string) string {
	var b bytes.Buffer
	b.WriteString("\x02\x01\x08pypi.org")
	b.WriteByte(0x02)
	b.WriteByte(byte(len(id)))
	b.WriteString(id)
	b.WriteByte(0x00)
	caveat := `{"version": 1, "permissions": "user"}`
	b.WriteByte(0x02)
	b.WriteByte(byte(len(caveat)))
	b.WriteString(caveat)
	b.WriteByte(0x00)
	b.WriteByte(0x00)
	b.WriteByte(0x06)
	b.WriteByte(0x20)
	b.Write(bytes.Repeat([]byte{0x5a}, 32))
	return "pypi-" + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

func TestPyPIMacaroon(t *testing.T) {
	tok := pypiMake("58134e28-40bd-4ff3-89c7-6afcf0db83a0")
	if !strings.HasPrefix(tok, "pypi-AgEIcHlwaS5vcmc") {
		t.Fatalf("generator prefix: %s", tok[:24])
	}
	padded := tok
	for (len(padded)-5)%4 != 0 {
		padded += "="
	}
	runCases(t, "PyPIMacaroon", PyPIMacaroon, []vcase{
		{tok, true},
		{padded, true},
		{"pypi-AgEIcHlwaS5vcmc", false},            // prefix only
		{tok[:60], false},                          // too short to hold a macaroon
		{"pypi-AgEIcHlwaS5vbmc" + tok[20:], false}, // "pypi.org" changed
		{"pypi-AgEIcHlwaS5vcmc" + tok[20:40] + "+" + tok[41:], false}, // std alphabet
		{"pypi-AgEIcHlwaS5vcmc" + tok[20:40] + "!" + tok[41:], false},
		{"PYPI-" + tok[5:], false},
		{"pypi-" + base64.RawURLEncoding.EncodeToString(append([]byte("\x02\x01\x08test.pypi.org"), make([]byte, 120)...)), false},
		{tok + "A", len(tok)%4 != 1 && (len(tok)+1-5)%4 != 1}, // one more char: valid unless it makes len%4 == 1
		{"", false},
		{"pypi-", false},
	})
}

func TestCRC24(t *testing.T) {
	cases := []struct {
		in   string
		want uint32
	}{
		{"", 0xB704CE},          // the initial value
		{"123456789", 0x21CF02}, // CRC-24/OPENPGP check value
	}
	for _, c := range cases {
		if got := CRC24([]byte(c.in)); got != c.want {
			t.Errorf("CRC24(%q) = %06X, want %06X", c.in, got, c.want)
		}
	}
	data := make([]byte, 1000)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for n := 0; n <= len(data); n += 37 {
		if got, want := CRC24(data[:n]), crc24Ref(data[:n]); got != want {
			t.Errorf("CRC24(%d bytes) = %06X, want %06X", n, got, want)
		}
	}
}
