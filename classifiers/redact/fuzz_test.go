package redact

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

// fuzzTypes are the types fuzz findings use. "T" and "U" keep the
// replacement alphabet small so the leak check below stays sound.
var fuzzTypes = []string{"T", "U"}

// fuzzFindings turns fuzz bytes into findings within text: 5 bytes each
// (start, length, confidence, type).
func fuzzFindings(text, spec []byte) []classifiers.Finding {
	var fs []classifiers.Finding
	for len(spec) >= 5 && len(fs) < 64 {
		start := int(binary.LittleEndian.Uint16(spec)) % (len(text) + 1)
		n := int(spec[2]) % (len(text) - start + 1)
		fs = append(fs, classifiers.Finding{
			Type:       fuzzTypes[int(spec[4])%len(fuzzTypes)],
			Start:      start,
			End:        start + n,
			Confidence: float64(spec[3]) / 255,
		})
		spec = spec[5:]
	}
	return fs
}

// canLeakOnlyByRedaction reports whether the fuzz leak check applies to v: it
// is long enough, occurs once in text (so no kept text can contain it), has
// no '<' or '>' (so it cannot straddle a replacement's edge), and has a byte
// no replacement of type T or U can contain.
func canLeakOnlyByRedaction(text, v []byte) bool {
	if len(v) < 8 || bytes.ContainsAny(v, "<>") {
		return false
	}
	if first := bytes.Index(text, v); bytes.Contains(text[first+1:], v) {
		return false
	}
	return slices.ContainsFunc(v, func(c byte) bool {
		return !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c == 'h' || c == 'm' || c == 'T' || c == 'U' || c == ':')
	})
}

func FuzzApply(f *testing.F) {
	f.Add([]byte("card 4111-1111-1111-1111 mail alice@example.com"), []byte{5, 0, 19, 200, 0, 30, 0, 17, 100, 1, 8, 0, 4, 255, 1}, uint16(0))
	f.Add([]byte("\xff\xfe overlapping \x00 spans"), []byte{0, 0, 9, 1, 0, 3, 0, 9, 2, 1, 6, 0, 255, 3, 0}, uint16(0xffff))
	f.Add([]byte(""), []byte{0, 0, 0, 0, 0}, uint16(3))
	kr := testKeyring(f)
	rType := mustNew(f, Policy{Default: OpType, PerType: map[string]Operator{"U": OpHash}}, kr)
	rHash := mustNew(f, Policy{Default: OpHash, PerType: map[string]Operator{"U": OpType}}, kr)
	rAll := mustNew(f, Policy{Default: OpMask, PerType: map[string]Operator{"U": OpDrop}, MaskKeep: 3}, kr)
	f.Fuzz(func(t *testing.T, text, spec []byte, raw uint16) {
		// Arbitrary (possibly invalid) spans: an error or a result, no panic.
		bad := classifiers.Finding{Type: "T", Start: int(int16(raw)), End: int(raw >> 4)}
		if _, _, err := rType.Apply(text, []classifiers.Finding{bad}); (err != nil) != (bad.Start < 0 || bad.End > len(text) || bad.Start > bad.End) {
			t.Fatalf("span %d..%d in %d bytes: err = %v", bad.Start, bad.End, len(text), err)
		}

		fs := fuzzFindings(text, spec)
		orig := bytes.Clone(text)
		for _, r := range []*Redactor{rType, rHash, rAll} {
			out, applied, err := r.Apply(text, fs)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(text, orig) {
				t.Fatal("Apply modified its input")
			}
			checkApplied(t, text, out, applied)
			// Every finding lies inside exactly one applied span.
			for _, fd := range fs {
				if fd.Start == fd.End {
					continue
				}
				if !slices.ContainsFunc(applied, func(a Applied) bool { return a.SrcStart <= fd.Start && fd.End <= a.SrcEnd }) {
					t.Fatalf("finding [%d,%d) not covered by %+v", fd.Start, fd.End, applied)
				}
			}
			again, _, _ := r.Apply(text, reversed(fs))
			if !bytes.Equal(out, again) {
				t.Fatalf("order-dependent output:\n%q\n%q", out, again)
			}
			if r == rAll {
				continue
			}
			for _, a := range applied {
				if v := text[a.SrcStart:a.SrcEnd]; canLeakOnlyByRedaction(text, v) && bytes.Contains(out, v) {
					t.Fatalf("%s value %q survived in %q", a.Operator, v, out)
				}
			}
		}
	})
}

func FuzzDetokenize(f *testing.F) {
	kr := testKeyring(f)
	f.Add([]byte(goldenToken))
	f.Add([]byte("x" + goldenToken + goldenToken + "_tail"))
	f.Add([]byte("tok_A_k1_AAAAAAAAAAAAAAAAAAAAAAAAAAAAA tok_ tok_B_zz_////"))
	f.Fuzz(func(t *testing.T, text []byte) {
		out, err := kr.Detokenize(text)
		if err != nil {
			if out != nil {
				t.Fatal("output with error")
			}
			return
		}
		if !bytes.Contains(text, []byte(TokenPrefix)) && !bytes.Equal(out, text) {
			t.Fatalf("text without tokens changed: %q -> %q", text, out)
		}
	})
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("From alice@example.com to bob, SSN 123-45-6789"), []byte{5, 0, 17, 9, 0, 35, 0, 11, 9, 1})
	f.Add([]byte("tok_T_k1_prefix-before-a-token"), []byte{9, 0, 6, 1, 0, 15, 0, 2, 1, 1})
	f.Add([]byte("ab"), []byte{0, 0, 1, 0, 0, 1, 0, 1, 0, 1})
	kr := testKeyring(f)
	r := mustNew(f, Policy{Default: OpTokenize}, kr)
	f.Fuzz(func(t *testing.T, text, spec []byte) {
		if back, err := kr.Detokenize(text); err != nil || !bytes.Equal(back, text) {
			t.Skip("input already holds token-like text")
		}
		out, _, err := r.Apply(text, fuzzFindings(text, spec))
		if err != nil {
			t.Fatal(err)
		}
		back, err := kr.Detokenize(out)
		if err != nil {
			t.Fatalf("Detokenize(%q): %v", out, err)
		}
		if !bytes.Equal(back, text) {
			t.Fatalf("round trip:\n in %q\nout %q\nback %q", text, out, back)
		}
	})
}
