package server

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// The in-flight cap answers 503 "overloaded" with Retry-After once
// MaxInFlight requests are being read or processed, frees the slot when a
// request ends, and never hides an authentication error.
func TestServerInFlightCap(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.MaxInFlight = 1 })
	// The first request holds the only slot while its body trickles in.
	pr, pw := io.Pipe()
	req, err := http.NewRequest("POST", ts.URL+"/v1/redact", pr)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+keyRedact)
	req.Header.Set("Content-Type", "application/json")
	t.Cleanup(func() { pw.CloseWithError(io.ErrUnexpectedEOF) }) // before ts.Close (cleanups run last first)
	first := make(chan result, 1)
	go func() {
		resp, err := ts.Client().Do(req)
		if err != nil {
			first <- result{status: -1, body: []byte(err.Error())}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		first <- result{status: resp.StatusCode, header: resp.Header, body: b}
	}()
	if _, err := pw.Write([]byte(`{"text":"mail `)); err != nil {
		t.Fatal(err)
	}
	// Wait until the first request holds the slot (no other request is sent
	// meanwhile, so it cannot lose the slot to one).
	for deadline := time.Now().Add(10 * time.Second); len(ts.h.inflight) == 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the first request never took the in-flight slot")
		}
	}
	body := Request{Text: str("hello")}
	r := ts.post(t, "/v1/redact", keyRedact, body)
	wantError(t, r, http.StatusServiceUnavailable, "overloaded")
	if got := r.header.Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After %q, want 1", got)
	}
	wantError(t, ts.post(t, "/v1/classify", "wrong-key", body), http.StatusUnauthorized, "unauthorized")
	wantError(t, ts.post(t, "/v1/redact", keyClassify, body), http.StatusForbidden, "forbidden")
	// Health endpoints are not capped.
	if r := ts.do(t, "GET", "/healthz", "", "", nil); r.status != http.StatusOK {
		t.Errorf("healthz while full: %d", r.status)
	}
	// The first request completes normally and frees its slot.
	if _, err := pw.Write([]byte(plantEmail + `"}`)); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	if r := <-first; r.status != http.StatusOK || !strings.Contains(string(r.body), "<EMAIL_ADDRESS>") {
		t.Fatalf("first request: status %d, body %s", r.status, r.body)
	}
	if r := ts.post(t, "/v1/redact", keyRedact, body); r.status != http.StatusOK {
		t.Errorf("after the slot was freed: status %d", r.status)
	}
	if !strings.Contains(ts.metricsText(t), `weir_http_requests_total{endpoint="/v1/redact",status="503"}`) {
		t.Error("503 not counted in /metrics")
	}
}

func (ts *testServer) metricsText(t *testing.T) string {
	t.Helper()
	return string(ts.do(t, "GET", "/metrics", "", "", nil).body)
}

// Documents of one batch are classified in parallel: with Workers 4 the
// first document's work waits until a second document's work has started
// (it would time out if the batch ran one document at a time), and the
// answer keeps the request's order.
func TestServerBatchParallel(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Workers = 4 })
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	running, peak := 0, 0
	ts.h.trace = func(delta int) {
		mu.Lock()
		defer mu.Unlock()
		running += delta
		peak = max(peak, running)
		cond.Broadcast()
		if delta > 0 && peak < 2 {
			timer := time.AfterFunc(5*time.Second, func() { mu.Lock(); cond.Broadcast(); mu.Unlock() })
			defer timer.Stop()
			start := time.Now()
			for peak < 2 && time.Since(start) < 5*time.Second {
				cond.Wait()
			}
		}
	}
	var docs []Document
	for i := range 32 {
		docs = append(docs, Document{ID: fmt.Sprint(i), PageContent: str(fmt.Sprintf("doc %d mail %s", i, plantEmail))})
	}
	r := ts.post(t, "/v1/redact", keyRedact, Request{Documents: docs})
	if r.status != http.StatusOK {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	mu.Lock()
	p := peak
	mu.Unlock()
	if p < 2 {
		t.Fatalf("at most %d document(s) processed at once, want parallel work", p)
	}
	resp := decode[Response](t, r)
	for i, d := range resp.Documents {
		want := fmt.Sprintf("doc %d mail <EMAIL_ADDRESS>", i)
		if d.ID != fmt.Sprint(i) || d.PageContent == nil || *d.PageContent != want {
			t.Fatalf("document %d out of order or wrong: %+v", i, d)
		}
	}
	// Workers 1 really is sequential (the check above can fail).
	seq := newTestServer(t, func(c *Config) { c.Workers = 1 })
	running, peak = 0, 0
	seq.h.trace = func(delta int) {
		mu.Lock()
		running += delta
		peak = max(peak, running)
		mu.Unlock()
	}
	if r := seq.post(t, "/v1/redact", keyRedact, Request{Documents: docs}); r.status != http.StatusOK {
		t.Fatalf("sequential: status %d", r.status)
	}
	if peak != 1 {
		t.Errorf("Workers 1: peak %d documents at once, want 1", peak)
	}
}
