package checksum

import (
	"crypto/sha256"

	"golang.org/x/crypto/sha3"
)

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// base58Value maps an ASCII byte to its base58 digit, or 0xFF.
var base58Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	for i := 0; i < len(base58Alphabet); i++ {
		t[base58Alphabet[i]] = byte(i)
	}
	return t
}()

// Base58Check reports whether s is a Bitcoin P2PKH or P2SH address: base58
// (Bitcoin alphabet) of exactly 25 bytes, version 0x00 or 0x05 + 20-byte
// hash + the first 4 bytes of SHA-256(SHA-256(version‖hash)). The encoding
// must be canonical (one leading '1' per leading zero byte).
func Base58Check(s []byte) bool {
	const size = 25
	if len(s) < 26 || len(s) > 35 {
		return false
	}
	var buf [size]byte
	ones := 0
	for ones < len(s) && s[ones] == '1' {
		ones++
	}
	for _, c := range s {
		v := base58Value[c]
		if v == 0xFF {
			return false
		}
		carry := uint32(v)
		for i := size - 1; i >= 0; i-- {
			carry += uint32(buf[i]) * 58
			buf[i] = byte(carry)
			carry >>= 8
		}
		if carry != 0 {
			return false // more than 25 bytes
		}
	}
	zeros := 0
	for zeros < size && buf[zeros] == 0 {
		zeros++
	}
	if zeros != ones || buf[0] != 0x00 && buf[0] != 0x05 {
		return false
	}
	h := sha256.Sum256(buf[:21])
	h = sha256.Sum256(h[:])
	return h[0] == buf[21] && h[1] == buf[22] && h[2] == buf[23] && h[3] == buf[24]
}

const bech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"

// bech32Value maps a lower-case ASCII byte to its 5-bit value, or 0xFF.
var bech32Value = func() (t [256]byte) {
	for i := range t {
		t[i] = 0xFF
	}
	for i := 0; i < len(bech32Charset); i++ {
		t[bech32Charset[i]] = byte(i)
	}
	return t
}()

const (
	bech32Const  = 1
	bech32mConst = 0x2bc830a3
)

func bech32Polymod(chk uint32, v byte) uint32 {
	top := chk >> 25
	chk = (chk&0x1ffffff)<<5 ^ uint32(v)
	for i, g := range [5]uint32{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3} {
		if top>>i&1 == 1 {
			chk ^= g
		}
	}
	return chk
}

func lower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// Bech32Address reports whether s is a Bitcoin segwit address (BIP-173 /
// BIP-350) for mainnet ("bc") or testnet ("tb"): all lower or all upper
// case, at most 90 characters, witness version 0 with a bech32 checksum and
// a 20- or 32-byte program, or version 1-16 with a bech32m checksum and a
// 2-40-byte program.
func Bech32Address(s []byte) bool {
	if len(s) < 14 || len(s) > 90 || s[2] != '1' {
		return false
	}
	hasLower, hasUpper := false, false
	for _, c := range s {
		if c < 33 || c > 126 {
			return false
		}
		hasLower = hasLower || c >= 'a' && c <= 'z'
		hasUpper = hasUpper || isUpper(c)
	}
	if hasLower && hasUpper {
		return false
	}
	h0, h1 := lower(s[0]), lower(s[1])
	if !(h0 == 'b' && h1 == 'c' || h0 == 't' && h1 == 'b') {
		return false
	}
	// hrp expansion: high bits, 0, low bits.
	chk := uint32(1)
	chk = bech32Polymod(chk, h0>>5)
	chk = bech32Polymod(chk, h1>>5)
	chk = bech32Polymod(chk, 0)
	chk = bech32Polymod(chk, h0&31)
	chk = bech32Polymod(chk, h1&31)
	data := s[3:]
	if len(data) < 7 { // version + checksum
		return false
	}
	var version byte
	acc, bits, progLen := uint32(0), 0, 0
	for i, c := range data {
		v := bech32Value[lower(c)]
		if v == 0xFF {
			return false
		}
		chk = bech32Polymod(chk, v)
		switch {
		case i == 0:
			version = v
		case i < len(data)-6: // witness program, 5 -> 8 bits
			acc = (acc<<5 | uint32(v)) & 0xfff
			bits += 5
			if bits >= 8 {
				bits -= 8
				progLen++
			}
		}
	}
	// Padding: fewer than 5 bits, all zero.
	if bits >= 5 || acc&(1<<bits-1) != 0 {
		return false
	}
	switch {
	case version == 0:
		return chk == bech32Const && (progLen == 20 || progLen == 32)
	case version <= 16:
		return chk == bech32mConst && progLen >= 2 && progLen <= 40
	}
	return false
}

// EIP55 reports whether s is an Ethereum address "0x" + 40 hex digits whose
// letter case is consistent with EIP-55: an all-lower or all-upper address
// carries no checksum and is accepted; a mixed-case one must have each
// letter upper case exactly when the matching nibble of Keccak-256 (legacy
// padding) of the lower-case hex is >= 8.
func EIP55(s []byte) bool {
	if len(s) != 42 || s[0] != '0' || s[1] != 'x' {
		return false
	}
	var low [40]byte
	hasLower, hasUpper := false, false
	for i, c := range s[2:] {
		switch {
		case isDigit(c):
		case c >= 'a' && c <= 'f':
			hasLower = true
		case c >= 'A' && c <= 'F':
			hasUpper = true
			c += 'a' - 'A'
		default:
			return false
		}
		low[i] = c
	}
	if !hasLower || !hasUpper {
		return true
	}
	k := sha3.NewLegacyKeccak256()
	k.Write(low[:])
	var sum [32]byte
	h := k.Sum(sum[:0])
	for i, c := range s[2:] {
		if c < 'A' { // digit: no case
			continue
		}
		nib := h[i/2] >> 4
		if i%2 == 1 {
			nib = h[i/2] & 0xf
		}
		if (nib >= 8) != (c <= 'F') {
			return false
		}
	}
	return true
}
