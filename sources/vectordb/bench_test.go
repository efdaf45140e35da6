package vectordb

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// BenchmarkUpsert measures the proxy's handler on a 100-point Qdrant
// upsert (1 KB of text and 384 dimensions per point) in each mode, with
// an in-memory publisher and a no-op upstream.
func BenchmarkUpsert(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"points":[`)
	for i := range 100 {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, `{"id":%d,"vector":[`, i)
		for d := range 384 {
			if d > 0 {
				sb.WriteByte(',')
			}
			fmt.Fprintf(&sb, "%.6f", float64(d%2000-1000)/1000)
		}
		text := strings.Repeat("the quarterly report covers revenue ", 28)
		if i%3 == 0 {
			text += " contact " + plantEmail
		}
		fmt.Fprintf(&sb, `],"payload":{"page_content":%q,"metadata":{"source":"doc-%d.pdf"}}}`, text, i/10)
	}
	sb.WriteString(`]}`)
	body := []byte(sb.String())
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer up.Close()
	u, _ := url.Parse(up.URL)
	for _, mode := range []Mode{ModeObserve, ModeEnforce} {
		b.Run(string(mode), func(b *testing.B) {
			in, err := NewInspector(testEngine(b), Rules{Default: Rule{Mode: mode}}, nil, 0)
			if err != nil {
				b.Fatal(err)
			}
			p, err := New(Config{Upstream: u, Inspector: in, Publisher: newMemPublisher()})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPut, "/collections/c/points", bytes.NewReader(body))
				rec := httptest.NewRecorder()
				p.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatal(rec.Code)
				}
			}
			_ = p.Close(b.Context())
		})
	}
}
