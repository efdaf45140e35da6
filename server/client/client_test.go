package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
	"github.com/weir-dev/weir/server"
)

const (
	keyRedact = "client-test-redact-key"
	keyClass  = "client-test-classify-key"
	keyDetok  = "client-test-detokenize-key"
	email     = "jane.doe@acme-corp.io"
)

var (
	engOnce sync.Once
	eng     *classifiers.Engine
)

// newServer runs the real weir serve handler on loopback.
func newServer(t *testing.T, mod func(*server.Config)) *httptest.Server {
	t.Helper()
	engOnce.Do(func() {
		e, err := classifiers.New(classifiers.All(), classifiers.Config{FingerprintKey: []byte("client-test")})
		if err != nil {
			panic(err)
		}
		eng = e
	})
	keys, err := server.ParseKeys("red:redact:" + server.HashKey(keyRedact) + "\ncls:classify:" + server.HashKey(keyClass) +
		"\ndet:detokenize:" + server.HashKey(keyDetok))
	if err != nil {
		t.Fatal(err)
	}
	kr, err := redact.NewKeyring("k1", []byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := server.Config{Engine: eng, Keys: keys, Keyring: kr}
	if mod != nil {
		mod(&cfg)
	}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func newClient(t *testing.T, url, key string, opts ...Option) *Client {
	t.Helper()
	c, err := New(url, append([]Option{WithAPIKey(key)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func str(s string) *string { return &s }

func TestClientMethods(t *testing.T) {
	ts := newServer(t, nil)
	ctx := context.Background()
	text := "write to " + email + " today"

	// Redact, single text and a batch.
	r, err := newClient(t, ts.URL, keyRedact).Redact(ctx, &server.Request{Text: &text})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text == nil || *r.Text != "write to <EMAIL_ADDRESS> today" || r.Verdict != server.VerdictRedacted || len(r.Findings) != 1 {
		t.Fatalf("redact: %+v", r)
	}
	batch := &server.Request{Documents: []server.Document{
		{ID: "a", PageContent: &text, Metadata: []byte(`{"source":"a.txt"}`)},
		{ID: "b", Text: str("nothing here")},
	}}
	r, err = newClient(t, ts.URL, keyRedact).Redact(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Documents) != 2 || r.Documents[0].PageContent == nil || *r.Documents[0].PageContent != "write to <EMAIL_ADDRESS> today" ||
		string(r.Documents[0].Metadata) != `{"source":"a.txt"}` || r.Documents[1].Verdict != server.VerdictClean {
		t.Fatalf("redact batch: %+v", r)
	}

	// Classify: findings only, never the value.
	r, err = newClient(t, ts.URL, keyClass).Classify(ctx, &server.Request{Text: &text})
	if err != nil {
		t.Fatal(err)
	}
	if r.Text != nil || len(r.Findings) != 1 || r.Findings[0].Type != "EMAIL_ADDRESS" || strings.Contains(r.Findings[0].Preview, email) {
		t.Fatalf("classify: %+v", r)
	}

	// Tokenize -> Detokenize round trip, with a path prefix-free base URL and a trailing slash.
	r, err = newClient(t, ts.URL+"/", keyRedact).Redact(ctx, &server.Request{Text: &text, Operator: redact.OpTokenize})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(*r.Text, email) {
		t.Fatal("tokenized text still holds the value")
	}
	d, err := newClient(t, ts.URL, keyDetok).Detokenize(ctx, &server.Request{Text: r.Text})
	if err != nil {
		t.Fatal(err)
	}
	if d.Text == nil || *d.Text != text {
		t.Fatalf("detokenize: %+v", d)
	}
}

// Every error status the client can provoke comes back as an *Error with
// the status and the server's code; none is retried except 429 and 503.
func TestClientErrors(t *testing.T) {
	ts := newServer(t, func(c *server.Config) { c.MaxBodyBytes = 1 << 10 })
	noKeyring := newServer(t, func(c *server.Config) { c.Keyring = nil })
	ctx := context.Background()
	text := "mail " + email
	for _, c := range []struct {
		name   string
		call   func() error
		status int
		code   string
	}{
		{"400 bad operator", func() error {
			_, err := newClient(t, ts.URL, keyRedact).Redact(ctx, &server.Request{Text: &text, Operator: "shred"})
			return err
		}, 400, "bad_request"},
		{"400 text and documents", func() error {
			_, err := newClient(t, ts.URL, keyClass).Classify(ctx, &server.Request{Text: &text, Documents: []server.Document{{Text: &text}}})
			return err
		}, 400, "bad_request"},
		{"400 bad token", func() error {
			r, err := newClient(t, ts.URL, keyRedact).Redact(ctx, &server.Request{Text: &text, Operator: redact.OpTokenize})
			if err != nil {
				return err
			}
			tok := []byte(*r.Text)
			i := len(tok) - 3 // inside the token's authenticated payload
			tok[i] ^= 1
			_, err = newClient(t, ts.URL, keyDetok).Detokenize(ctx, &server.Request{Text: str(string(tok))})
			return err
		}, 400, "bad_token"},
		{"401 unknown key", func() error {
			_, err := newClient(t, ts.URL, "not-a-key").Redact(ctx, &server.Request{Text: &text})
			return err
		}, 401, "unauthorized"},
		{"401 no key", func() error {
			_, err := newClient(t, ts.URL, "").Classify(ctx, &server.Request{Text: &text})
			return err
		}, 401, "unauthorized"},
		{"403 redact key cannot detokenize", func() error {
			_, err := newClient(t, ts.URL, keyRedact).Detokenize(ctx, &server.Request{Text: &text})
			return err
		}, 403, "forbidden"},
		{"413 body too large", func() error {
			big := strings.Repeat("a", 2<<10)
			_, err := newClient(t, ts.URL, keyRedact).Redact(ctx, &server.Request{Text: &big})
			return err
		}, 413, "body_too_large"},
		{"501 no keyring", func() error {
			_, err := newClient(t, noKeyring.URL, keyDetok).Detokenize(ctx, &server.Request{Text: &text})
			return err
		}, 501, "no_keyring"},
		{"404 wrong prefix", func() error {
			_, err := newClient(t, ts.URL+"/nothing", keyRedact).Redact(ctx, &server.Request{Text: &text})
			return err
		}, 404, "not_found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T), want *Error", err, err)
			}
			if e.StatusCode != c.status || e.Code != c.code || e.Message == "" || e.Temporary() {
				t.Fatalf("error %+v, want status %d code %q", e, c.status, c.code)
			}
			if strings.Contains(e.Error(), email) {
				t.Errorf("error quotes the request: %v", e)
			}
		})
	}
	if _, err := New("ftp://x"); err == nil {
		t.Error("New accepted an ftp URL")
	}
	if _, err := New("http://user:pw@host"); err == nil {
		t.Error("New accepted credentials in the URL")
	}
	if _, err := newClient(t, ts.URL, keyRedact).Redact(ctx, nil); err == nil {
		t.Error("nil request accepted")
	}
}

// 429: without retries the *Error carries Retry-After; with retries the
// client waits it out and succeeds; a context ending first wins.
func TestClientRateLimitRetry(t *testing.T) {
	ts := newServer(t, func(c *server.Config) { c.RateLimit = 2; c.RateBurst = 1 })
	ctx := context.Background()
	req := &server.Request{Text: str("hello")}
	if _, err := newClient(t, ts.URL, keyRedact).Redact(ctx, req); err != nil {
		t.Fatal(err)
	}
	_, err := newClient(t, ts.URL, keyRedact, WithRetries(0)).Redact(ctx, req)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 429 || e.Code != "rate_limited" || e.RetryAfter < time.Second || !e.Temporary() {
		t.Fatalf("no retries: %v", err)
	}
	cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = newClient(t, ts.URL, keyRedact).Redact(cctx, req)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &e) || time.Since(start) > 900*time.Millisecond {
		t.Fatalf("context during the retry wait: %v after %v", err, time.Since(start))
	}
	// A Retry-After longer than the client accepts is returned at once.
	start = time.Now()
	if _, err = newClient(t, ts.URL, keyRedact, WithMaxRetryWait(10*time.Millisecond)).Redact(ctx, req); !errors.As(err, &e) || time.Since(start) > 500*time.Millisecond {
		t.Fatalf("max retry wait: %v after %v", err, time.Since(start))
	}
	r, err := newClient(t, ts.URL, keyRedact).Redact(ctx, req)
	if err != nil || r.Verdict != server.VerdictClean {
		t.Fatalf("with retries: %+v, %v", r, err)
	}
}

// 503 overloaded (the in-flight cap is full) is retried after Retry-After.
func TestClientOverloadedRetry(t *testing.T) {
	ts := newServer(t, func(c *server.Config) { c.MaxInFlight = 1; c.MaxBodyBytes = 64 << 20 })
	// Hold the only slot with a request whose body is still arriving.
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.CloseWithError(io.ErrUnexpectedEOF) }) // before ts.Close
	hold, err := http.NewRequest("POST", ts.URL+"/v1/classify", pr)
	if err != nil {
		t.Fatal(err)
	}
	hold.Header.Set("Authorization", "Bearer "+keyClass)
	hold.Header.Set("Content-Type", "application/json")
	held := make(chan error, 1)
	go func() {
		resp, err := ts.Client().Do(hold)
		if err == nil {
			resp.Body.Close()
		}
		held <- err
	}()
	// 24 MiB of body (JSON whitespace, so that classifying it later is
	// quick even under -race): more than loopback socket buffers hold, so
	// once the write returns the server is reading the body, inside its
	// only slot.
	if _, err := pw.Write([]byte("{" + strings.Repeat(" ", 24<<20))); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	req := &server.Request{Text: str("hello")}
	_, err = newClient(t, ts.URL, keyRedact, WithRetries(0)).Redact(ctx, req)
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusServiceUnavailable || e.Code != "overloaded" ||
		e.RetryAfter != time.Second || !e.Temporary() {
		t.Fatalf("want 503 overloaded with Retry-After 1, got %v", err)
	}
	// Free the slot while the retrying client waits.
	time.AfterFunc(300*time.Millisecond, func() { pw.Write([]byte(`"text":"x"}`)); pw.Close() })
	start := time.Now()
	r, err := newClient(t, ts.URL, keyRedact).Redact(ctx, req)
	if err != nil || r.Verdict != server.VerdictClean {
		t.Fatalf("retry after 503: %+v, %v", r, err)
	}
	if el := time.Since(start); el < 900*time.Millisecond {
		t.Errorf("retried after %v, before Retry-After", el)
	}
	if err := <-held; err != nil {
		t.Fatal(err)
	}
}

func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
	}{{"", 0}, {"3", 3 * time.Second}, {"0", 0}, {"-1", 0}, {"soon", 0}, {"Mon, 02 Jan 2006 15:04:05 GMT", 0}} {
		if got := retryAfter(c.in); got != c.want {
			t.Errorf("retryAfter(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	future := time.Now().Add(5 * time.Second).UTC().Format(http.TimeFormat)
	if got := retryAfter(future); got < 3*time.Second || got > 5*time.Second {
		t.Errorf("retryAfter(date in 5s) = %v", got)
	}
}
