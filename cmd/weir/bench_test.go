package main

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// BenchmarkClassify measures the classify command's path (read, decode,
// scan, encode, reorder) on the dev corpus, one worker; compare with the
// engine's own benchmarks to see the CLI's overhead.
func BenchmarkClassify(b *testing.B) {
	data, err := os.ReadFile("../../../shared/corpus/dev.jsonl")
	if err != nil {
		b.Skip(err)
	}
	eng := builtinEngine(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if err := classify(eng, bytes.NewReader(data), io.Discard, io.Discard, 1, 1<<26); err != nil {
			b.Fatal(err)
		}
	}
}
