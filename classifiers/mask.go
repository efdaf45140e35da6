package classifiers

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"unicode/utf8"
)

// DevFingerprintKey is the HMAC key used when Config.FingerprintKey is empty.
// Fingerprints made with it are stable but not secret: set a real key (the
// CLI reads WEIR_FINGERPRINT_KEY) before sharing reports.
const DevFingerprintKey = "weir-development-fingerprint-key"

// fingerprinter computes keyed fingerprints. Not safe for concurrent use;
// the engine keeps one per scratch buffer.
type fingerprinter struct {
	mac hash.Hash
	buf []byte
	sum []byte
}

func newFingerprinter(key []byte) *fingerprinter {
	if len(key) == 0 {
		key = []byte(DevFingerprintKey)
	}
	return &fingerprinter{mac: hmac.New(sha256.New, key)}
}

// fingerprint returns "hmac-sha256:" + 32 hex chars over the type and the
// normalized value (ASCII alphanumerics only when normalize is set, so
// "4111 1111 1111 1111" and "4111-1111-1111-1111" share a fingerprint).
func (f *fingerprinter) fingerprint(typ string, value []byte, normalize bool) string {
	f.buf = append(f.buf[:0], typ...)
	f.buf = append(f.buf, 0)
	if normalize {
		for _, c := range value {
			if byteClass[c] == clsDigit || byteClass[c] == clsLetter {
				f.buf = append(f.buf, lowerASCII(c))
			}
		}
	} else {
		f.buf = append(f.buf, value...)
	}
	f.mac.Reset()
	f.mac.Write(f.buf)
	f.sum = f.mac.Sum(f.sum[:0])
	return "hmac-sha256:" + hex.EncodeToString(f.sum[:16])
}

// Preview masks value for display: letters and digits become '*' except the
// last few alphanumerics (4 for values with at least 12 of them, 2 for at
// least 8, none below), other ASCII punctuation is kept so the shape shows,
// and long values are shortened with "…". The result never holds more than
// the kept tail of the value.
func Preview(value []byte) string {
	alnum := 0
	for _, c := range value {
		if byteClass[c] == clsDigit || byteClass[c] == clsLetter {
			alnum++
		}
	}
	keep := 0
	switch {
	case alnum >= 12:
		keep = 4
	case alnum >= 8:
		keep = 2
	}
	const maxLen = 24
	out := make([]byte, 0, maxLen+8)
	seen := 0
	for i := 0; i < len(value); {
		c := value[i]
		if c >= utf8.RuneSelf {
			_, size := utf8.DecodeRune(value[i:])
			out = append(out, '*')
			i += size
			continue
		}
		switch byteClass[c] {
		case clsDigit, clsLetter:
			seen++
			if seen > alnum-keep {
				out = append(out, c)
			} else {
				out = append(out, '*')
			}
		default:
			if c < 0x20 || c == 0x7f {
				out = append(out, ' ')
			} else {
				out = append(out, c)
			}
		}
		i++
	}
	if r := []rune(string(out)); len(r) > maxLen {
		out = []byte(string(r[:maxLen/2-1]) + "…" + string(r[len(r)-maxLen/2:]))
	}
	return string(out)
}
