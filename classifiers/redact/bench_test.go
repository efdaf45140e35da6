package redact

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

// benchInput is a deterministic 16 KB text with n findings spread through it
// (values of 12-40 bytes, some overlapping their neighbour).
func benchInput(size, n int) ([]byte, []classifiers.Finding) {
	rng := rand.New(rand.NewPCG(1, 2))
	text := make([]byte, size)
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .,-@"
	for i := range text {
		text[i] = alphabet[rng.IntN(len(alphabet))]
	}
	types := []string{"EMAIL_ADDRESS", "CREDIT_CARD", "US_SSN", "AWS_SECRET_ACCESS_KEY"}
	fs := make([]classifiers.Finding, n)
	step := size / n
	for i := range fs {
		start := i*step + rng.IntN(step/2)
		if i%5 == 4 { // overlap the previous finding
			start = fs[i-1].End - 3
		}
		end := min(start+12+rng.IntN(29), size)
		fs[i] = classifiers.Finding{Type: types[i%len(types)], Start: start, End: end, Confidence: 0.9}
	}
	return text, fs
}

func BenchmarkApply(b *testing.B) {
	text, fs := benchInput(16<<10, 20)
	kr := testKeyring(b)
	for _, op := range []Operator{OpMask, OpType, OpHash, OpTokenize, OpDrop} {
		b.Run(fmt.Sprintf("op=%s/size=16KB/findings=20", op), func(b *testing.B) {
			r := mustNew(b, Policy{Default: op}, kr)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := r.Apply(text, fs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDetokenize(b *testing.B) {
	text, fs := benchInput(16<<10, 20)
	kr := testKeyring(b)
	out, _, err := mustNew(b, Policy{Default: OpTokenize}, kr).Apply(text, fs)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(out)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := kr.Detokenize(out); err != nil {
			b.Fatal(err)
		}
	}
}
