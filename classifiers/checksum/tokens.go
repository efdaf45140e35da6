package checksum

import (
	"encoding/base64"
	"hash/crc32"
)

const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

func isBase62(c byte) bool {
	return isDigit(c) || isUpper(c) || c >= 'a' && c <= 'z'
}

// crc32Prefixes are the token prefixes using the 30 + 6 CRC-32 scheme.
var crc32Prefixes = [...]string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"}

// TokenCRC32 reports whether s is a GitHub classic token (ghp_, gho_, ghu_,
// ghs_, ghr_) or an npm token (npm_): prefix + 30 base62 characters + 6
// base62 characters holding the CRC-32 (IEEE) of those 30, written in base62
// (0-9A-Za-z) and left-padded with '0'.
func TokenCRC32(s []byte) bool {
	const body, check = 30, 6
	if len(s) != 4+body+check {
		return false
	}
	known := false
	for _, p := range crc32Prefixes {
		if string(s[:4]) == p {
			known = true
			break
		}
	}
	if !known {
		return false
	}
	for _, c := range s[4:] {
		if !isBase62(c) {
			return false
		}
	}
	v := crc32.ChecksumIEEE(s[4 : 4+body])
	for i := len(s) - 1; i >= 4+body; i-- {
		if s[i] != base62Alphabet[v%62] {
			return false
		}
		v /= 62
	}
	return v == 0
}

// pypiMacaroonPrefix is the fixed start of a decoded PyPI token: macaroon
// version 2, field type 1 (location), length 8, "pypi.org".
const pypiMacaroonPrefix = "\x02\x01\x08pypi.org"

// pypiMinDecoded is the smallest decoded macaroon accepted: the header (11
// bytes), an identifier and at least a 32-byte signature field.
const pypiMinDecoded = 100

// PyPIMacaroon reports whether s is a PyPI API token: "pypi-" + unpadded
// base64url (trailing '=' tolerated) of a v2 macaroon whose location field
// is "pypi.org", decoding to at least 100 bytes.
func PyPIMacaroon(s []byte) bool {
	const prefix = "pypi-"
	if len(s) < len(prefix) || string(s[:len(prefix)]) != prefix {
		return false
	}
	b := trimPadding(s[len(prefix):])
	if len(b)%4 == 1 || decodedLen(len(b)) < pypiMinDecoded {
		return false
	}
	for _, c := range b {
		if !isBase64URL(c) {
			return false
		}
	}
	var head [12]byte // 16 chars -> 12 bytes
	if _, err := base64.RawURLEncoding.Decode(head[:], b[:16]); err != nil {
		return false
	}
	return string(head[:len(pypiMacaroonPrefix)]) == pypiMacaroonPrefix
}

func isBase64URL(c byte) bool {
	return isBase62(c) || c == '-' || c == '_'
}

// trimPadding drops up to two trailing '=' characters.
func trimPadding(b []byte) []byte {
	for i := 0; i < 2 && len(b) > 0 && b[len(b)-1] == '='; i++ {
		b = b[:len(b)-1]
	}
	return b
}

// decodedLen is the decoded size of n unpadded base64 characters.
func decodedLen(n int) int { return n * 6 / 8 }
