package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/redact"
)

// benchDoc returns size bytes of log-like prose with a planted value about
// every 1.5 KB (the bench corpus's realistic density).
func benchDoc(size int) string {
	var b strings.Builder
	filler := []string{
		"2026-11-22T07:58:01Z INFO request served path=/api/v2/orders status=200 duration_ms=12 region=eu-west-1\n",
		"The customer asked about the invoice for order 88213-B and the delivery window next week.\n",
		"Ticket 4417 resolved: password reset link sent, user confirmed access, closing as done.\n",
		"build 1.24.3 deployed to staging; checksum 9f86d081884c7d659a2feaea0c55ad015a3bf4b1 verified\n",
	}
	next := 700
	for i := 0; b.Len() < size; i++ {
		if b.Len() >= next {
			fmt.Fprintf(&b, "contact %s for details\n", plants[i%len(plants)])
			next += 1500
			continue
		}
		b.WriteString(filler[i%len(filler)])
	}
	return b.String()[:size]
}

func textRequest(tb testing.TB, doc string) []byte {
	body, err := json.Marshal(Request{Text: &doc})
	if err != nil {
		tb.Fatal(err)
	}
	return body
}

// discardWriter is a ResponseWriter that keeps nothing, so a benchmark
// measures the handler, not a recorder's buffer.
type discardWriter struct {
	h      http.Header
	status int
	n      int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) WriteHeader(code int)        { d.status = code }
func (d *discardWriter) Write(p []byte) (int, error) { d.n += len(p); return len(p), nil }

func serveOnce(h *Handler, body []byte) *discardWriter {
	req := httptest.NewRequest("POST", "/v1/redact", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+keyRedact)
	req.Header.Set("Content-Type", "application/json")
	w := &discardWriter{h: http.Header{}}
	h.ServeHTTP(w, req)
	return w
}

// BenchmarkHandler is /v1/redact without the network (ServeHTTP directly)
// next to the same classify+redact done in process (raw): the difference is
// the handler's own cost (decoding, encoding, copies).
//
//	go test ./server -run '^$' -bench Handler -benchmem -cpuprofile cpu.out
func BenchmarkHandler(b *testing.B) {
	h, err := New(Config{Engine: testEngine(b), Keys: testKeySet(b), MaxBodyBytes: 16 << 20})
	if err != nil {
		b.Fatal(err)
	}
	red, err := redact.New(redact.Policy{Default: redact.OpType}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{1 << 10, 16 << 10, 4 << 20} {
		doc := benchDoc(size)
		body := textRequest(b, doc)
		b.Run(fmt.Sprintf("http/%d", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				if w := serveOnce(h, body); w.status != http.StatusOK {
					b.Fatalf("status %d", w.status)
				}
			}
		})
		b.Run(fmt.Sprintf("raw/%d", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			text := []byte(doc)
			for b.Loop() {
				if _, _, err := red.Apply(text, testEngine(b).Scan(text)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
