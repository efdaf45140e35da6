package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The load generator's minimal HTTP/1.1 client reads Content-Length and
// chunked answers and keeps the connection usable for the next request
// (keep-alive), whatever the answer's status.
func TestConnDo(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch r.URL.Path {
		case "/chunked":
			for i := 0; i < 10; i++ {
				fmt.Fprint(w, strings.Repeat("x", 3000)) // > net/http's buffer: chunked
				w.(http.Flusher).Flush()
			}
		case "/busy":
			w.Header().Set("Retry-After", "1")
			http.Error(w, "busy", http.StatusServiceUnavailable)
		default:
			w.Write(body) // small: Content-Length
		}
	}))
	defer ts.Close()
	addr := strings.TrimPrefix(ts.URL, "http://")
	c := dial(addr)
	defer c.close()
	for i, tc := range []struct {
		path   string
		status int
	}{{"/echo", 200}, {"/chunked", 200}, {"/busy", 503}, {"/echo", 200}, {"/chunked", 200}} {
		status, err := c.do(httpRequest(addr, "k", tc.path, []byte(`{"text":"hello"}`)))
		if err != nil || status != tc.status {
			t.Fatalf("request %d %s: status %d, %v; want %d", i, tc.path, status, err, tc.status)
		}
	}
	if c.r.Buffered() != 0 {
		t.Errorf("%d bytes left unread after the last answer", c.r.Buffered())
	}
}

func TestHTTPRequest(t *testing.T) {
	got := string(httpRequest("127.0.0.1:1", "KEY", "/v1/redact", []byte("{}")))
	want := "POST /v1/redact HTTP/1.1\r\nHost: 127.0.0.1:1\r\nAuthorization: Bearer KEY\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
	if got != want {
		t.Errorf("request\n%q\nwant\n%q", got, want)
	}
}
