package redact

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/subtle"
	"errors"
)

// This file implements AES-CMAC (RFC 4493) and deterministic AES-SIV
// (RFC 5297, section 2.6/2.7) on top of crypto/aes. Nothing here is exported:
// the package uses SIV only through tokenize/Detokenize.

const blockSize = aes.BlockSize

// errOpen is returned by siv.open when the synthetic IV does not verify. It
// deliberately says nothing about why (wrong key, wrong type, tampering).
var errOpen = errors.New("message authentication failed")

// cmac is AES-CMAC with precomputed subkeys.
type cmac struct {
	b      cipher.Block
	k1, k2 [blockSize]byte
}

func newCMAC(b cipher.Block) *cmac {
	c := &cmac{b: b}
	var l [blockSize]byte
	b.Encrypt(l[:], l[:])
	c.k1 = dbl(l)
	c.k2 = dbl(c.k1)
	return c
}

// dbl is multiplication by x in GF(2^128) with the RFC 4493 / 5297 polynomial.
func dbl(in [blockSize]byte) [blockSize]byte {
	var out [blockSize]byte
	carry := in[0] >> 7
	for i := 0; i < blockSize-1; i++ {
		out[i] = in[i]<<1 | in[i+1]>>7
	}
	out[blockSize-1] = in[blockSize-1]<<1 ^ (0x87 * carry)
	return out
}

func xorBlock(dst *[blockSize]byte, src []byte) {
	for i := range src {
		dst[i] ^= src[i]
	}
}

// sum returns CMAC(msg).
func (c *cmac) sum(msg []byte) [blockSize]byte {
	var x [blockSize]byte
	n := len(msg)
	// Process every full block except the last one (which may be full).
	for n > blockSize {
		xorBlock(&x, msg[:blockSize])
		c.b.Encrypt(x[:], x[:])
		msg = msg[blockSize:]
		n -= blockSize
	}
	if n == blockSize {
		xorBlock(&x, msg)
		xorBlock(&x, c.k1[:])
	} else {
		var last [blockSize]byte
		copy(last[:], msg)
		last[n] = 0x80
		xorBlock(&x, last[:])
		xorBlock(&x, c.k2[:])
	}
	c.b.Encrypt(x[:], x[:])
	return x
}

// siv is deterministic AES-SIV. A 32-byte key gives AES-SIV-CMAC-256 (two
// AES-128 keys), a 64-byte key AES-SIV-CMAC-512 (two AES-256 keys).
type siv struct {
	mac *cmac
	ctr cipher.Block
}

func newSIV(key []byte) (*siv, error) {
	if len(key) != 32 && len(key) != 48 && len(key) != 64 {
		return nil, errors.New("AES-SIV key must be 32, 48 or 64 bytes")
	}
	half := len(key) / 2
	k1, err := aes.NewCipher(key[:half])
	if err != nil {
		return nil, err
	}
	k2, err := aes.NewCipher(key[half:])
	if err != nil {
		return nil, err
	}
	return &siv{mac: newCMAC(k1), ctr: k2}, nil
}

// s2v is the RFC 5297 S2V construction over ad... and the plaintext.
func (s *siv) s2v(ad [][]byte, pt []byte) [blockSize]byte {
	var zero [blockSize]byte
	d := s.mac.sum(zero[:])
	for _, a := range ad {
		d = dbl(d)
		m := s.mac.sum(a)
		xorBlock(&d, m[:])
	}
	if len(pt) >= blockSize {
		// T = Sn xorend D.
		t := make([]byte, len(pt))
		copy(t, pt)
		off := len(t) - blockSize
		for i := 0; i < blockSize; i++ {
			t[off+i] ^= d[i]
		}
		return s.mac.sum(t)
	}
	d = dbl(d)
	var t [blockSize]byte
	copy(t[:], pt)
	t[len(pt)] = 0x80
	xorBlock(&d, t[:])
	return s.mac.sum(d[:])
}

// ctrXOR encrypts or decrypts src into dst with AES-CTR keyed by the second
// half of the key, counter Q = V with bits 31 and 63 (from the right) cleared.
func (s *siv) ctrXOR(dst, src []byte, v [blockSize]byte) {
	q := v
	q[8] &= 0x7f
	q[12] &= 0x7f
	cipher.NewCTR(s.ctr, q[:]).XORKeyStream(dst, src)
}

// seal returns V || C for plaintext pt authenticated with the associated
// data ad. The same (key, ad, pt) always gives the same output.
func (s *siv) seal(ad [][]byte, pt []byte) []byte {
	v := s.s2v(ad, pt)
	out := make([]byte, blockSize+len(pt))
	copy(out, v[:])
	s.ctrXOR(out[blockSize:], pt, v)
	return out
}

// open reverses seal, returning errOpen if ct was not made by seal with this
// key and the same ad.
func (s *siv) open(ad [][]byte, ct []byte) ([]byte, error) {
	if len(ct) < blockSize {
		return nil, errOpen
	}
	var v [blockSize]byte
	copy(v[:], ct[:blockSize])
	pt := make([]byte, len(ct)-blockSize)
	s.ctrXOR(pt, ct[blockSize:], v)
	got := s.s2v(ad, pt)
	if subtle.ConstantTimeCompare(got[:], v[:]) != 1 {
		clear(pt)
		return nil, errOpen
	}
	return pt, nil
}
