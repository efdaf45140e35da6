package classifiers

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// TestScanChunksBoundary plants values at every offset around a chunk
// boundary: each must be reported exactly once, with the offsets Scan gives
// for the whole text (the bug this guards: a value across the boundary
// reported by both chunks, or by neither).
func TestScanChunksBoundary(t *testing.T) {
	e := mustEngine(t, testSpecs())
	const size, overlap = 64, 24
	for shift := 0; shift < 40; shift++ {
		text := []byte(strings.Repeat(".", 40+shift) + " tok_abc12345 " + strings.Repeat("a", 30) + " ssn 123-45-6789 " + strings.Repeat("b", 90))
		want := e.Scan(text)
		var got []Finding
		err := e.scanChunks(iotest.OneByteReader(bytes.NewReader(text)), size, overlap, func(f Finding) error {
			got = append(got, f)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("shift %d: got %d findings, want %d: %+v", shift, len(got), len(want), got)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("shift %d: finding %d = %+v, want %+v", shift, i, got[i], want[i])
			}
		}
	}
}

func TestScanReaderLarge(t *testing.T) {
	e := mustEngine(t, testSpecs())
	// 9 MiB across three 4 MiB chunks with values everywhere.
	unit := append(bytes.Repeat([]byte("log line without anything in it.\n"), 120), "log line with tok_abc12345 and more.\n"...)
	text := bytes.Repeat(unit, (9<<20)/len(unit))
	n := 0
	if err := e.ScanReader(bytes.NewReader(text), func(Finding) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	if want := len(e.Scan(text)); n != want {
		t.Fatalf("ScanReader found %d, Scan %d", n, want)
	}
}
