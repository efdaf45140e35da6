package checksum

import (
	"bytes"
	"strings"
	"testing"
)

func TestBase58Check(t *testing.T) {
	h20 := bytes.Repeat([]byte{0xab}, 20)
	zero20 := make([]byte, 20)
	runCases(t, "Base58Check", Base58Check, []vcase{
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", true}, // genesis block coinbase
		{"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", true}, // bitcoin wiki example
		{"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", true}, // BIP-16 era P2SH example
		{base58CheckMake(0x00, h20), true},
		{base58CheckMake(0x05, h20), true},
		{base58CheckMake(0x00, zero20), true}, // many leading '1's
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", false},
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN", false},
		{"11A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", false},                                     // non-canonical leading '1'
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", false},                                      // '0' is not base58
		{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfIa", false},                                      // 'I' is not base58
		{base58CheckMake(0x6f, h20), false},                                                // testnet version
		{base58CheckMake(0x80, append(h20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)), false}, // WIF, 37 bytes
		{base58CheckMake(0x00, h20[:19]), false},                                           // 24 bytes
		{"", false},
		{"1", false},
		{strings.Repeat("z", 40), false},
	})
	// Every single-character substitution of a valid address is caught
	// with overwhelming probability; check them all for one address.
	v := "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"
	for i := 0; i < len(v); i++ {
		for j := 0; j < len(base58Alphabet); j++ {
			if base58Alphabet[j] == v[i] {
				continue
			}
			m := []byte(v)
			m[i] = base58Alphabet[j]
			if Base58Check(m) {
				t.Errorf("Base58Check(%q) = true", m)
			}
		}
	}
}

func TestBech32Address(t *testing.T) {
	p20 := bytes.Repeat([]byte{0x75}, 20)
	p32 := bytes.Repeat([]byte{0x1e}, 32)
	runCases(t, "Bech32Address", Bech32Address, []vcase{
		// BIP-173 / BIP-350 test vectors.
		{"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", true},
		{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", true},
		{"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", true},
		{"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", true},
		{"BC1SW50QGDZ25J", true},
		{"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", true},
		{"tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", true},
		{"tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", true},
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", true},
		{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", true},
		{segwitMake("bc", 0, p20, false), true},
		{segwitMake("bc", 0, p32, false), true},
		{segwitMake("bc", 1, p32, true), true},
		{segwitMake("tb", 16, p20[:2], true), true},
		{segwitMake("bc", 2, bytes.Repeat([]byte{7}, 40), true), true},

		// BIP-350 invalid vectors.
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", false}, // v1 with bech32
		{"BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", false}, // v16 with bech32
		{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", false},                     // v0 with bech32m
		{"tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", false}, // v0 with bech32m
		{"bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", false}, // 'o' not in charset
		{"BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", false}, // version 17
		{"bc1pw5dgrnzv", false}, // 1-byte program
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", false}, // 41 bytes
		{"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", false},                                         // v0, 16 bytes
		{"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", false},               // mixed case
		{"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", false},             // > 4 padding bits
		{"tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", false},               // non-zero padding
		{"bc1gmk9yu", false}, // empty data

		// Generated negatives: checksum constant and program length rules.
		{segwitMake("bc", 0, p20, true), false},
		{segwitMake("bc", 1, p32, false), false},
		{segwitMake("bc", 0, p20[:16], false), false},
		{segwitMake("bc", 0, p32[:24], false), false},
		{segwitMake("bc", 1, bytes.Repeat([]byte{7}, 41), true), false},
		{segwitMake("bc", 17, p20, true), false},
		{segwitMake("ltc", 0, p20, false), false}, // Litecoin hrp
		{segwitMake("bcrt", 0, p20, false), false},
		{segwitMake("tc", 0, p20, false), false},
		{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", false}, // last char changed
		{"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t", false},
		{"Bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", false}, // mixed case hrp
		{"", false},
		{"bc1", false},
	})
	v := "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
	for i := 3; i < len(v); i++ {
		for j := 0; j < len(bech32Charset); j++ {
			if bech32Charset[j] == v[i] {
				continue
			}
			m := []byte(v)
			m[i] = bech32Charset[j]
			if Bech32Address(m) {
				t.Errorf("Bech32Address(%q) = true", m)
			}
		}
	}
}

func TestEIP55(t *testing.T) {
	addr := []byte{0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10}
	gen := eip55Make(addr)
	runCases(t, "EIP55", EIP55, []vcase{
		// EIP-55 specification examples.
		{"0x52908400098527886E0F7030069857D2E4169EE7", true},
		{"0x8617E340B3D01FA5F11F306F4090FD50E238070D", true},
		{"0xde709f2102306220921060314715629080e2fb77", true},
		{"0x27b1fdb04752bbc536007a920d24acb045561c26", true},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", true},
		{"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", true},
		{"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", true},
		{"0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", true},
		{gen, true},
		{strings.ToLower(gen), true},
		{"0x" + strings.ToUpper(gen[2:]), true},
		{"0x0000000000000000000000000000000000000000", true},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", false}, // one letter's case flipped
		{"0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", false},
		{"0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", false}, // 0X prefix
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", false},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", false},
		{"5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", false},
		{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", false},
		{"0x" + strings.Repeat("ab", 32), false}, // transaction hash
		{"", false},
	})
	// Flipping the case of any single letter of a mixed-case address breaks
	// it (unless that makes the address single-case).
	v := "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	for i := 2; i < len(v); i++ {
		c := v[i]
		var f byte
		switch {
		case c >= 'a' && c <= 'f':
			f = c - 32
		case c >= 'A' && c <= 'F':
			f = c + 32
		default:
			continue
		}
		m := []byte(v)
		m[i] = f
		if EIP55(m) {
			t.Errorf("EIP55(%q) = true", m)
		}
	}
}
