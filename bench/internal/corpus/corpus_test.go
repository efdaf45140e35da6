package corpus

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDeterministic(t *testing.T) {
	a := New(7, Realistic).Mixed(200_000)
	b := New(7, Realistic).Mixed(200_000)
	if !bytes.Equal(a, b) {
		t.Fatal("same seed gave different bytes")
	}
	if len(a) != 200_000 || !utf8.Valid(a) {
		t.Fatalf("Mixed: len %d, valid UTF-8 %v", len(a), utf8.Valid(a))
	}
}

// The density contract: realistic plants about one value per 1-3 KB, none
// plants nothing, dense plants far more.
func TestDensity(t *testing.T) {
	for _, tc := range []struct {
		d      Density
		lo, hi float64 // bytes per planted value
	}{{Realistic, 1000, 3000}, {Dense, 60, 500}} {
		g := New(1, tc.d)
		n := 0
		for n < 4_000_000 {
			n += len(g.Record(g.Kind(), g.RecordSize()))
		}
		hits := 0
		for _, c := range g.Planted {
			hits += c
		}
		if per := float64(n) / float64(hits); per < tc.lo || per > tc.hi {
			t.Errorf("%v: one value per %.0f bytes, want [%v, %v]", tc.d, per, tc.lo, tc.hi)
		}
	}
	g := New(1, None)
	for i := 0; i < 200; i++ {
		g.Record(g.Kind(), g.RecordSize())
	}
	if len(g.Planted) != 0 || g.Negatives == 0 {
		t.Errorf("none: planted %v, negatives %d", g.Planted, g.Negatives)
	}
}

func TestChecksums(t *testing.T) {
	g := New(3, Realistic)
	for i := 0; i < 2000; i++ {
		digitsOnly := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s)
		}
		if c := digitsOnly(g.creditCard()); !luhnValid(c) {
			t.Fatalf("card %s fails Luhn", c)
		}
		if s := digitsOnly(g.caSIN()); !luhnValid(s) {
			t.Fatalf("SIN %s fails Luhn", s)
		}
		if s := digitsOnly(g.aadhaar()); !verhoeffValid(s) {
			t.Fatalf("Aadhaar %s fails Verhoeff", s)
		}
		if s := g.npi(); !luhnValid("80840" + s) {
			t.Fatalf("NPI %s fails Luhn", s)
		}
		iban := strings.ReplaceAll(g.iban(), " ", "")
		if ibanCheck(iban[:2], iban[4:]) != iban[2:4] {
			t.Fatalf("IBAN %s fails mod 97", iban)
		}
		tok := g.githubToken()
		if base62CRC(tok[4:34]) != tok[34:] {
			t.Fatalf("token %s: bad checksum", tok)
		}
	}
	// The public token quoted in TAXONOMY.md.
	if got := base62CRC("bo1ZJ4bTDVjczzeYc6nscjb1FLaTxp"); got != "4cVaNb" {
		t.Errorf("base62CRC = %s, want 4cVaNb", got)
	}
	if !verhoeffValid("2363") { // Verhoeff's own example: 236 -> check 3
		t.Error("verhoeff reference failed")
	}
}
