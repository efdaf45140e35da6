package redact

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

// testKey returns deterministic key material for tests (never a real key).
func testKey(seed byte, n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = seed + byte(i)*7
	}
	return k
}

func testKeyLine(id string, seed byte, n int) string {
	return fmt.Sprintf("%s:%s", id, base64.StdEncoding.EncodeToString(testKey(seed, n)))
}

func testKeyring(t testing.TB) *Keyring {
	t.Helper()
	kr, err := NewKeyring("k1", testKey(1, 32))
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

func mustNew(t testing.TB, p Policy, kr *Keyring) *Redactor {
	t.Helper()
	r, err := New(p, kr)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// find returns a finding covering the first occurrence of value in text.
func find(t testing.TB, text, value, typ string, conf float64) classifiers.Finding {
	t.Helper()
	i := bytes.Index([]byte(text), []byte(value))
	if i < 0 {
		t.Fatalf("%q not in text", value)
	}
	return classifiers.Finding{Type: typ, Start: i, End: i + len(value), Confidence: conf}
}

// checkApplied verifies the Applied records against input and output: spans
// sorted and disjoint, and every byte outside the replacements copied.
func checkApplied(t testing.TB, text, out []byte, applied []Applied) {
	t.Helper()
	if len(applied) > 0 && applied[0].WholeField {
		if len(out) != 0 {
			t.Fatalf("WholeField but output %q", out)
		}
		return
	}
	prevSrc, prevOut := 0, 0
	for i, a := range applied {
		if a.SrcStart < prevSrc || a.SrcStart >= a.SrcEnd || a.Start < prevOut || a.Start > a.End || a.End > len(out) {
			t.Fatalf("applied[%d] = %+v out of order (prev src %d out %d, len(out) %d)", i, a, prevSrc, prevOut, len(out))
		}
		if !bytes.Equal(text[prevSrc:a.SrcStart], out[prevOut:a.Start]) {
			t.Fatalf("applied[%d]: kept text differs: in %q out %q", i, text[prevSrc:a.SrcStart], out[prevOut:a.Start])
		}
		prevSrc, prevOut = a.SrcEnd, a.End
	}
	if !bytes.Equal(text[prevSrc:], out[prevOut:]) {
		t.Fatalf("tail differs: in %q out %q", text[prevSrc:], out[prevOut:])
	}
}
