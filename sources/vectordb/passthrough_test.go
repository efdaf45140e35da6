package vectordb

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestPassThroughNonWrites(t *testing.T) {
	f := newFixture(t, rulesEnforce, nil)
	f.up.handle = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Upstream", "qdrant")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusAccepted)
		_, _ = io.WriteString(w, `{"result":[{"id":42,"score":0.93,"payload":{"page_content":"`+plantEmail+`"}}]}`)
	}
	cases := []struct{ method, path, body string }{
		{"POST", "/collections/docs/points/search?timeout=3", `{"vector":` + vecA + `,"limit":3,"with_payload":true}`},
		{"GET", "/collections/docs/points/42", ""},
		{"POST", "/query", `{"vector":[0.1],"topK":3,"filter":{"text":"` + plantEmail + `"}}`}, // Pinecone query
		{"DELETE", "/collections/docs/points", `{"points":[42]}`},
		{"GET", "/api/v1/collections/docs", ""},
		{"POST", "/v1/graphql", `{"query":"{ Get { docs { content } } }"}`},
		{"PUT", "/collections/docs", `{"vectors":{"size":4,"distance":"Cosine"}}`}, // create collection
	}
	for _, c := range cases {
		status, body, hdr := f.do(t, c.method, c.path, []byte(c.body), map[string]string{"Authorization": "Bearer upstream-key"})
		if status != http.StatusAccepted || hdr.Get("X-Upstream") != "qdrant" || !contains(body, plantEmail) {
			t.Errorf("%s %s: status %d header %q", c.method, c.path, status, hdr.Get("X-Upstream"))
		}
		got := f.up.last(t)
		if got.Method != c.method || got.Path+"?"+got.RawQuery != strings.SplitN(c.path+"?", "?", 2)[0]+"?"+strings.TrimSuffix(strings.SplitN(c.path+"?", "?", 2)[1], "?") ||
			string(got.Body) != c.body || got.Header.Get("Authorization") != "Bearer upstream-key" {
			t.Errorf("%s %s: upstream got %s %s?%s body %q", c.method, c.path, got.Method, got.Path, got.RawQuery, got.Body)
		}
	}
	if n := f.pub.count(DefaultCaptureTopic); n != 0 {
		t.Errorf("%d capture events for reads", n)
	}
	var m bytes.Buffer
	f.proxy.WriteMetrics(&m)
	if !strings.Contains(m.String(), "weir_proxy_passthrough_total 7") {
		t.Errorf("metrics:\n%s", m.String())
	}
}

// A streamed response reaches the client chunk by chunk, before the
// upstream has finished.
func TestPassThroughStreams(t *testing.T) {
	f := newFixture(t, rulesObserve, nil)
	release := make(chan struct{})
	f.up.handle = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		_, _ = io.WriteString(w, "data: first\n\n")
		w.(http.Flusher).Flush()
		<-release
		_, _ = io.WriteString(w, "data: second\n\n")
	}
	resp, err := f.srv.Client().Get(f.srv.URL + "/v1/stream")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	br := bufio.NewReader(resp.Body)
	done := make(chan string, 1)
	go func() { line, _ := br.ReadString('\n'); done <- line }()
	select {
	case line := <-done:
		if line != "data: first\n" {
			t.Errorf("first line %q", line)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first chunk not streamed before the upstream finished")
	}
	close(release)
	rest, _ := io.ReadAll(br)
	if string(rest) != "\ndata: second\n\n" {
		t.Errorf("rest %q", rest)
	}
}

func TestUpstreamErrorsPropagated(t *testing.T) {
	f := newFixture(t, rulesEnforce, nil)
	f.up.handle = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, `{"status":{"error":"overloaded"}}`)
	}
	c := apiCases[0]
	for _, text := range []string{cleanText, dirtyText} { // forwarded as is, and rewritten
		status, body, hdr := f.do(t, c.method, c.path, []byte(c.body(text, cleanText)), nil)
		if status != http.StatusServiceUnavailable || string(body) != `{"status":{"error":"overloaded"}}` || hdr.Get("Retry-After") != "3" {
			t.Errorf("status %d body %s", status, body)
		}
	}
	evs := f.pub.captures(t, 2)
	if evs[0].UpstreamStatus != 503 || evs[1].UpstreamStatus != 503 || evs[1].Action != ActionRedacted {
		t.Errorf("events %+v", evs)
	}
}

func TestUpstreamTimeout(t *testing.T) {
	f := newFixture(t, rulesObserve, func(c *Config) { c.UpstreamTimeout = 200 * time.Millisecond })
	stop := make(chan struct{})
	defer close(stop)
	f.up.handle = func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	}
	for _, c := range []apiCase{apiCases[0]} {
		start := time.Now()
		status, body, _ := f.do(t, c.method, c.path, []byte(c.body(cleanText, cleanText)), nil)
		if status != http.StatusGatewayTimeout || !contains(body, `"upstream_timeout"`) || time.Since(start) > 5*time.Second {
			t.Errorf("upsert: status %d body %s after %v", status, body, time.Since(start))
		}
		status, body, _ = f.do(t, "GET", "/collections/docs", nil, nil)
		if status != http.StatusGatewayTimeout || !contains(body, `"upstream_timeout"`) {
			t.Errorf("read: status %d body %s", status, body)
		}
	}
	if ev := f.pub.captures(t, 1)[0]; ev.UpstreamStatus != http.StatusGatewayTimeout {
		t.Errorf("event upstream status %d", ev.UpstreamStatus)
	}
}

func TestUpstreamUnreachable(t *testing.T) {
	dead := httptest.NewServer(http.NotFoundHandler())
	u, _ := url.Parse(dead.URL)
	dead.Close()
	f := newFixture(t, rulesEnforce, func(c *Config) { c.Upstream = u })
	status, body, _ := f.do(t, "PUT", "/collections/docs/points", []byte(apiCases[0].body(dirtyText, cleanText)), nil)
	if status != http.StatusBadGateway || !contains(body, `"upstream_unavailable"`) {
		t.Errorf("status %d body %s", status, body)
	}
}

func TestGzipBodies(t *testing.T) {
	c := apiCases[0]
	plain := []byte(c.body(dirtyText, cleanText))
	zipped := gz(t, plain)
	hdr := map[string]string{"Content-Encoding": "gzip"}

	t.Run("observe forwards the compressed bytes", func(t *testing.T) {
		f := newFixture(t, rulesObserve, nil)
		if status, _, _ := f.do(t, c.method, c.path, zipped, hdr); status != 200 {
			t.Fatal(status)
		}
		got := f.up.last(t)
		if !bytes.Equal(got.Body, zipped) || got.Header.Get("Content-Encoding") != "gzip" {
			t.Error("compressed body or its encoding changed")
		}
		if ev := f.pub.captures(t, 1)[0]; ev.Counts.Findings["EMAIL_ADDRESS"] != 1 {
			t.Errorf("gzip body not inspected: %+v", ev.Counts)
		}
	})
	t.Run("enforce forwards the redacted body uncompressed", func(t *testing.T) {
		f := newFixture(t, rulesEnforce, nil)
		if status, _, _ := f.do(t, c.method, c.path, zipped, hdr); status != 200 {
			t.Fatal(status)
		}
		got := f.up.last(t)
		if got.Header.Get("Content-Encoding") != "" || !contains(got.Body, "<EMAIL_ADDRESS>") || !contains(got.Body, vecA) {
			t.Errorf("encoding %q body %s", got.Header.Get("Content-Encoding"), got.Body)
		}
		assertNoPlants(t, "forwarded", got.Body)
		// Nothing to redact: the compressed bytes go on untouched.
		clean := gz(t, []byte(c.body(cleanText, cleanText)))
		f.do(t, c.method, c.path, clean, hdr)
		if got := f.up.last(t); !bytes.Equal(got.Body, clean) || got.Header.Get("Content-Encoding") != "gzip" {
			t.Error("clean gzip body changed")
		}
	})
	t.Run("broken gzip", func(t *testing.T) {
		f := newFixture(t, rulesEnforce, nil)
		status, body, _ := f.do(t, c.method, c.path, zipped[:len(zipped)/2], hdr)
		if status != http.StatusBadRequest || !contains(body, "malformed gzip") || len(f.up.requests()) != 0 {
			t.Errorf("status %d body %s", status, body)
		}
	})
	t.Run("unsupported encoding", func(t *testing.T) {
		f := newFixture(t, rulesEnforce, nil)
		status, _, _ := f.do(t, c.method, c.path, zipped, map[string]string{"Content-Encoding": "br"})
		if status != http.StatusUnsupportedMediaType || len(f.up.requests()) != 0 {
			t.Errorf("status %d", status)
		}
	})
	t.Run("gzip bomb over the limit", func(t *testing.T) {
		f := newFixture(t, rulesEnforce, func(c *Config) { c.MaxBodyBytes = 64 << 10 })
		bomb := gz(t, []byte(`{"points":[{"id":1,"payload":{"text":"`+strings.Repeat("a", 1<<20)+`"}}]}`))
		status, body, _ := f.do(t, c.method, c.path, bomb, hdr)
		if status != http.StatusRequestEntityTooLarge || !contains(body, "decompressed") {
			t.Errorf("status %d body %s", status, body)
		}
	})
}

func TestMalformedAndOversizedBodies(t *testing.T) {
	bad := []struct{ name, path, body string }{
		{"truncated", "/collections/docs/points", `{"points":[{"id":1,"payload":{"text":"` + plantEmail},
		{"trailing", "/collections/docs/points", `{"points":[]} {}`},
		{"not an object", "/collections/docs/points", `[1,2]`},
		{"wrong shape", "/collections/docs/points", `{"points":{"id":1}}`},
		{"neither points nor batch", "/collections/docs/points", `{"vectors":[]}`},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) {
			f := newFixture(t, rulesObserve, nil)
			status, _, _ := f.do(t, "PUT", b.path, []byte(b.body), nil)
			if status != 200 || string(f.up.last(t).Body) != b.body {
				t.Errorf("observe: status %d, body not passed through", status)
			}
			if ev := f.pub.captures(t, 1)[0]; ev.Action != ActionUnscanned || ev.Reason == "" {
				t.Errorf("observe event %+v", ev)
			}
			assertNoPlants(t, "event", f.pub.wait(t, DefaultCaptureTopic, 1)[0])

			f = newFixture(t, rulesEnforce, nil)
			status, body, _ := f.do(t, "PUT", b.path, []byte(b.body), nil)
			var eb errorBody
			if status != http.StatusBadRequest || json.Unmarshal(body, &eb) != nil || eb.Error.Code != "bad_request" || eb.Error.Message == "" {
				t.Errorf("enforce: status %d body %s", status, body)
			}
			assertNoPlants(t, "400 body", body)
			if len(f.up.requests()) != 0 {
				t.Error("enforce forwarded a malformed body")
			}
			if ev := f.pub.captures(t, 1)[0]; ev.Action != ActionRejected {
				t.Errorf("enforce event %+v", ev)
			}
		})
	}
	t.Run("oversized", func(t *testing.T) {
		big := `{"points":[{"id":1,"payload":{"text":"` + strings.Repeat("x", 8<<10) + `"}}]}`
		f := newFixture(t, rulesObserve, func(c *Config) { c.MaxBodyBytes = 4 << 10 })
		if status, _, _ := f.do(t, "PUT", "/collections/docs/points", []byte(big), nil); status != 200 || string(f.up.last(t).Body) != big {
			t.Errorf("observe: status %d or body cut", status)
		}
		if ev := f.pub.captures(t, 1)[0]; ev.Action != ActionUnscanned || !strings.Contains(ev.Reason, "size limit") {
			t.Errorf("event %+v", ev)
		}
		// Chunked (no Content-Length): read up to the limit, then the rest streams on.
		f = newFixture(t, rulesObserve, func(c *Config) { c.MaxBodyBytes = 4 << 10 })
		req, _ := http.NewRequest("PUT", f.srv.URL+"/collections/docs/points", io.MultiReader(strings.NewReader(big)))
		resp, err := f.srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || string(f.up.last(t).Body) != big {
			t.Errorf("chunked observe: status %d or body cut", resp.StatusCode)
		}
		f = newFixture(t, rulesEnforce, func(c *Config) { c.MaxBodyBytes = 4 << 10 })
		status, body, _ := f.do(t, "PUT", "/collections/docs/points", []byte(big), nil)
		if status != http.StatusRequestEntityTooLarge || !contains(body, "body_too_large") || len(f.up.requests()) != 0 {
			t.Errorf("enforce: status %d body %s", status, body)
		}
	})
	// A body naming its collection (Weaviate batch) fails closed when any
	// collection enforces.
	t.Run("weaviate batch fails closed", func(t *testing.T) {
		f := newFixture(t, rulesEnforce, nil)
		if status, _, _ := f.do(t, "POST", "/v1/batch/objects", []byte(`{"objects":[`), nil); status != http.StatusBadRequest {
			t.Errorf("status %d", status)
		}
	})
}
