package server

import (
	"net/http"
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/weir-dev/weir/classifiers/redact"
)

// bytesAllocated returns the bytes fn allocates (median of 3 runs, after a
// warm-up run, with the collector off so that sync.Pool scratch survives).
func bytesAllocated(fn func()) float64 {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	fn()
	var runs []float64
	for range 3 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		fn()
		runtime.ReadMemStats(&b)
		runs = append(runs, float64(b.TotalAlloc-a.TotalAlloc))
	}
	if runs[0] > runs[1] {
		runs[0], runs[1] = runs[1], runs[0]
	}
	if runs[1] > runs[2] {
		runs[1] = runs[2]
	}
	return max(runs[0], runs[1])
}

// TestLargeDocumentCopies pins how many times /v1/redact copies one large
// document: the bytes the handler allocates beyond what classify + redact
// allocate in process (the engine's own scratch and Apply's output), in
// units of the document's size. Before the change that added this test the
// handler made 26 copies' worth of allocations for a 4 MiB document (body read
// by doubling, a second buffer in json.Decoder, the decoded string, a []byte
// copy for the engine, a string copy of the output, an encoder buffer
// grown by doubling).
func TestLargeDocumentCopies(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("allocation counts need a build without -race (and no -short): go test -run LargeDocumentCopies ./server")
	}
	h, err := New(Config{Engine: testEngine(t), Keys: testKeySet(t), MaxBodyBytes: 16 << 20})
	if err != nil {
		t.Fatal(err)
	}
	red, err := redact.New(redact.Policy{Default: redact.OpType}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const size = 4 << 20
	doc := benchDoc(size)
	body := textRequest(t, doc)
	text := []byte(doc)
	serveOnce(h, body) // warm pools
	raw := bytesAllocated(func() {
		if _, _, err := red.Apply(text, testEngine(t).Scan(text)); err != nil {
			t.Fatal(err)
		}
	})
	var w *discardWriter
	total := bytesAllocated(func() { w = serveOnce(h, body) })
	if w.status != http.StatusOK || w.n < size {
		t.Fatalf("status %d, %d bytes written", w.status, w.n)
	}
	copies := (total - raw) / size
	t.Logf("4 MiB document: handler allocates %.1f MB, in-process classify+redact %.1f MB: %.1f document copies in the handler",
		total/1e6, raw/1e6, copies)
	if copies > maxCopies {
		t.Errorf("the handler allocates %.1f copies of a large document, want at most %v", copies, maxCopies)
	}
}

// maxCopies: after it, 3.0 (the body, the decoded text, the encoded answer).
const maxCopies = 3.5
