package vectordb

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
)

// Planted values the engine detects.
const (
	plantEmail = "jane.doe@acme-corp.io"
	plantSSN   = "536-22-8190"
	plantAWS   = "AKIAQYLPMN5HFIQR7XYZ"
)

var plants = []string{plantEmail, plantSSN, plantAWS}

// vecA and vecB are vectors whose float formatting a decode/re-encode
// round trip would change (precision, exponent, -0, trailing zeros).
const (
	vecA = `[0.1000000000000000055511151231257827, 1e-7, -0.0, 3.40282346638528859811704183484516925440e+38, 0.50]`
	vecB = `[1.0,2.000,  -3E2]`
)

var (
	engineOnce sync.Once
	engine     *classifiers.Engine
	engineErr  error
)

func testEngine(t testing.TB) *classifiers.Engine {
	t.Helper()
	engineOnce.Do(func() {
		engine, engineErr = classifiers.New(classifiers.All(), classifiers.Config{FingerprintKey: []byte("vectordb-test-fingerprint-key")})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

// received is one request as the upstream saw it.
type received struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
}

// upstream is an httptest server recording what it receives; handle, when
// set, answers instead of the default 200 {"status":"ok"}.
type upstream struct {
	*httptest.Server
	mu     sync.Mutex
	got    []received
	handle func(w http.ResponseWriter, r *http.Request)
}

func newUpstream(t testing.TB) *upstream {
	u := &upstream{}
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		u.mu.Lock()
		u.got = append(u.got, received{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), b})
		h := u.handle
		u.mu.Unlock()
		if h != nil {
			h(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"status":"ok"}`)
	}))
	t.Cleanup(u.Close)
	return u
}

func (u *upstream) requests() []received {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]received(nil), u.got...)
}

func (u *upstream) last(t testing.TB) received {
	t.Helper()
	g := u.requests()
	if len(g) == 0 {
		t.Fatal("upstream received nothing")
	}
	return g[len(g)-1]
}

// memPublisher keeps published messages in memory (the Kafka path is
// tested against kfake in TestEventsOnKafka).
type memPublisher struct {
	mu   sync.Mutex
	msgs map[string][][]byte
	cond *sync.Cond
}

func newMemPublisher() *memPublisher {
	p := &memPublisher{msgs: map[string][][]byte{}}
	p.cond = sync.NewCond(&p.mu)
	return p
}

func (p *memPublisher) Publish(_ context.Context, topic string, _, value []byte, done func(error)) {
	p.mu.Lock()
	p.msgs[topic] = append(p.msgs[topic], append([]byte(nil), value...))
	p.cond.Broadcast()
	p.mu.Unlock()
	done(nil)
}

// wait returns the first n messages of topic, failing after 10 s.
func (p *memPublisher) wait(t testing.TB, topic string, n int) [][]byte {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.msgs[topic]) < n {
		if time.Now().After(deadline) {
			t.Fatalf("topic %s: %d messages, want %d", topic, len(p.msgs[topic]), n)
		}
		p.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
		p.mu.Lock()
	}
	return p.msgs[topic][:n]
}

func (p *memPublisher) count(topic string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.msgs[topic])
}

// captures decodes the first n capture events.
func (p *memPublisher) captures(t testing.TB, n int) []CaptureEvent {
	t.Helper()
	var out []CaptureEvent
	for _, b := range p.wait(t, DefaultCaptureTopic, n) {
		var ev CaptureEvent
		if err := json.Unmarshal(b, &ev); err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func (p *memPublisher) edges(t testing.TB, n int) []LineageEdge {
	t.Helper()
	var out []LineageEdge
	for _, b := range p.wait(t, DefaultLineageTopic, n) {
		var e LineageEdge
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// assertNoPlants fails if any planted value appears in b.
func assertNoPlants(t testing.TB, what string, b []byte) {
	t.Helper()
	for _, p := range plants {
		if bytes.Contains(b, []byte(p)) {
			t.Errorf("%s leaks a planted value", what)
		}
	}
}

// proxyFixture is a proxy on loopback in front of an upstream.
type proxyFixture struct {
	up    *upstream
	proxy *Proxy
	srv   *httptest.Server
	pub   *memPublisher
}

func newFixture(t testing.TB, rulesYAML string, mod func(*Config)) *proxyFixture {
	t.Helper()
	rules, err := ParseRules([]byte(rulesYAML))
	if err != nil {
		t.Fatal(err)
	}
	in, err := NewInspector(testEngine(t), rules, nil, 2)
	if err != nil {
		t.Fatal(err)
	}
	f := &proxyFixture{up: newUpstream(t), pub: newMemPublisher()}
	u, _ := url.Parse(f.up.URL)
	cfg := Config{Upstream: u, Inspector: in, Publisher: f.pub}
	if mod != nil {
		mod(&cfg)
	}
	f.proxy, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(f.proxy)
	t.Cleanup(func() {
		f.srv.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := f.proxy.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return f
}

// do sends a request through the proxy and returns status and body.
func (f *proxyFixture) do(t testing.TB, method, path string, body []byte, hdr map[string]string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b, resp.Header
}

func gz(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }
