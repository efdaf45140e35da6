package redact

import (
	"bytes"
	"crypto/aes"
	"encoding/hex"
	"strings"
	"testing"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// RFC 4493 section 4 test vectors (AES-128).
func TestCMACRFC4493(t *testing.T) {
	key := unhex(t, "2b7e1516 28aed2a6 abf71588 09cf4f3c")
	msg := unhex(t, `6bc1bee2 2e409f96 e93d7e11 7393172a ae2d8a57 1e03ac9c 9eb76fac 45af8e51
		30c81c46 a35ce411 e5fbc119 1a0a52ef f69f2445 df4f9b17 ad2b417b e66c3710`)
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	c := newCMAC(b)
	if got, want := c.k1[:], unhex(t, "fbeed618 35713366 7c85e08f 7236a8de"); !bytes.Equal(got, want) {
		t.Errorf("K1 = %x, want %x", got, want)
	}
	if got, want := c.k2[:], unhex(t, "f7ddac30 6ae266cc f90bc11e e46d513b"); !bytes.Equal(got, want) {
		t.Errorf("K2 = %x, want %x", got, want)
	}
	tests := []struct {
		n    int
		want string
	}{
		{0, "bb1d6929 e9593728 7fa37d12 9b756746"},
		{16, "070a16b4 6b4d4144 f79bdd9d d04a287c"},
		{40, "dfa66747 de9ae630 30ca3261 1497c827"},
		{64, "51f0bebf 7e3b9d92 fc497417 79363cfe"},
	}
	for _, tt := range tests {
		got := c.sum(msg[:tt.n])
		if want := unhex(t, tt.want); !bytes.Equal(got[:], want) {
			t.Errorf("CMAC(M[:%d]) = %x, want %x", tt.n, got, want)
		}
	}
}

// RFC 5297 appendix A.1 (deterministic) and A.2 (nonce-based, the nonce being
// the last associated-data element).
func TestSIVRFC5297(t *testing.T) {
	tests := []struct {
		name      string
		key       string
		ad        []string
		pt, want  string
		wantS2VIV string
	}{
		{
			name: "A.1",
			key: `fffefdfc fbfaf9f8 f7f6f5f4 f3f2f1f0
				f0f1f2f3 f4f5f6f7 f8f9fafb fcfdfeff`,
			ad:        []string{"10111213 14151617 18191a1b 1c1d1e1f 20212223 24252627"},
			pt:        "11223344 55667788 99aabbcc ddee",
			wantS2VIV: "85632d07 c6e8f37f 950acd32 0a2ecc93",
			want: `85632d07 c6e8f37f 950acd32 0a2ecc93
				40c02b96 90c4dc04 daef7f6a fe5c`,
		},
		{
			name: "A.2",
			key: `7f7e7d7c 7b7a7978 77767574 73727170
				40414243 44454647 48494a4b 4c4d4e4f`,
			ad: []string{
				`00112233 44556677 8899aabb ccddeeff deaddada deaddada ffeeddcc bbaa9988 77665544 33221100`,
				`10203040 50607080 90a0`,
				`09f91102 9d74e35b d84156c5 635688c0`,
			},
			pt: `74686973 20697320 736f6d65 20706c61 696e7465 78742074 6f20656e 63727970
				74207573 696e6720 5349562d 414553`,
			wantS2VIV: "7bdb6e3b 432667eb 06f4d14b ff2fbd0f",
			want: `7bdb6e3b 432667eb 06f4d14b ff2fbd0f cb900f2f ddbe4043 26601965 c889bf17
				dba77ceb 094fa663 b7a3f748 ba8af829 ea64ad54 4a272e9c 485b62a3 fd5c0d`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := newSIV(unhex(t, tt.key))
			if err != nil {
				t.Fatal(err)
			}
			var ad [][]byte
			for _, a := range tt.ad {
				ad = append(ad, unhex(t, a))
			}
			pt := unhex(t, tt.pt)
			if v := s.s2v(ad, pt); !bytes.Equal(v[:], unhex(t, tt.wantS2VIV)) {
				t.Errorf("S2V = %x, want %s", v, tt.wantS2VIV)
			}
			ct := s.seal(ad, pt)
			if want := unhex(t, tt.want); !bytes.Equal(ct, want) {
				t.Fatalf("seal = %x\nwant   %x", ct, want)
			}
			got, err := s.open(ad, ct)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("open = %x, %v; want %x", got, err, pt)
			}
			// Any flipped bit, and any change to the associated data, must fail.
			for i := range ct {
				bad := bytes.Clone(ct)
				bad[i] ^= 0x01
				if _, err := s.open(ad, bad); err == nil {
					t.Fatalf("open accepted ciphertext with byte %d flipped", i)
				}
			}
			if _, err := s.open([][]byte{[]byte("other")}, ct); err == nil {
				t.Fatal("open accepted different associated data")
			}
			if _, err := s.open(ad, ct[:blockSize-1]); err == nil {
				t.Fatal("open accepted a short ciphertext")
			}
		})
	}
}

func TestSIVRoundTripLengths(t *testing.T) {
	for _, klen := range []int{32, 64} {
		key := bytes.Repeat([]byte{0x5a}, klen)
		s, err := newSIV(key)
		if err != nil {
			t.Fatal(err)
		}
		for n := 0; n <= 70; n++ {
			pt := bytes.Repeat([]byte{byte(n)}, n)
			ad := [][]byte{[]byte("EMAIL_ADDRESS")}
			ct := s.seal(ad, pt)
			if len(ct) != n+blockSize {
				t.Fatalf("len(seal(%d bytes)) = %d", n, len(ct))
			}
			got, err := s.open(ad, ct)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("key %d, n %d: open = %x, %v", klen, n, got, err)
			}
		}
	}
	if _, err := newSIV(make([]byte, 16)); err == nil {
		t.Fatal("newSIV accepted a 16-byte key")
	}
}
