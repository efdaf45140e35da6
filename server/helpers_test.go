package server

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// Planted values the engine detects (see TestServerRedactSingleText).
const (
	plantEmail = "jane.doe@acme-corp.io"
	plantCard  = "4539 1488 0343 6467"
	plantSSN   = "536-22-8190"
	plantAWS   = "AKIAQYLPMN5HFIQR7XYZ"
)

var plants = []string{plantEmail, plantCard, plantSSN, plantAWS}

// API keys of the test servers: the key, and its id:scopes.
var testKeys = map[string]string{
	"key-redact-0123456789":     "red:redact",
	"key-classify-0123456789":   "cls:classify",
	"key-detokenize-0123456789": "det:detokenize",
	"key-all-0123456789":        "all:redact,classify,detokenize",
}

const (
	keyRedact   = "key-redact-0123456789"
	keyClassify = "key-classify-0123456789"
	keyDetok    = "key-detokenize-0123456789"
	keyAll      = "key-all-0123456789"
)

func testKeySet(t testing.TB) *KeySet {
	t.Helper()
	var b strings.Builder
	for k, idScopes := range testKeys {
		b.WriteString(idScopes + ":" + HashKey(k) + "\n")
	}
	ks, err := ParseKeys(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

func material(seed byte) []byte {
	m := make([]byte, 32)
	for i := range m {
		m[i] = seed + byte(i)
	}
	return m
}

func testKeyring(t testing.TB) *redact.Keyring {
	t.Helper()
	kr, err := redact.NewKeyring("k1", material(1))
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

var (
	engineOnce sync.Once
	testEng    *classifiers.Engine
)

func testEngine(t testing.TB) *classifiers.Engine {
	t.Helper()
	engineOnce.Do(func() {
		e, err := classifiers.New(classifiers.All(), classifiers.Config{FingerprintKey: []byte("server-test-fingerprint-key")})
		if err != nil {
			panic(err)
		}
		testEng = e
	})
	return testEng
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testServer struct {
	*httptest.Server
	h    *Handler
	logs *syncBuffer
}

// newTestServer runs the real handler on loopback; mod adjusts the config.
func newTestServer(t testing.TB, mod func(*Config)) *testServer {
	t.Helper()
	logs := &syncBuffer{}
	cfg := Config{
		Engine:  testEngine(t),
		Keys:    testKeySet(t),
		Keyring: testKeyring(t),
		Logger:  slog.New(slog.NewJSONHandler(logs, nil)),
	}
	if mod != nil {
		mod(&cfg)
	}
	h, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &testServer{Server: ts, h: h, logs: logs}
}

type result struct {
	status int
	header http.Header
	body   []byte
}

func (ts *testServer) do(t testing.TB, method, path, key, ctype string, body []byte) result {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{resp.StatusCode, resp.Header, b}
}

// post sends v (a string is sent as is) as JSON with key.
func (ts *testServer) post(t testing.TB, path, key string, v any) result {
	t.Helper()
	var body []byte
	if s, ok := v.(string); ok {
		body = []byte(s)
	} else {
		var err error
		if body, err = json.Marshal(v); err != nil {
			t.Fatal(err)
		}
	}
	return ts.do(t, "POST", path, key, "application/json", body)
}

func decode[T any](t testing.TB, r result) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("status %d, body %s: %v", r.status, r.body, err)
	}
	return v
}

// wantError checks an error response's status, JSON shape and code.
func wantError(t testing.TB, r result, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d (body %s)", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("error Content-Type %q", ct)
	}
	e := decode[ErrorBody](t, r)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error %+v, want code %q and a message", e.Error, code)
	}
}

func str(s string) *string { return &s }

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
