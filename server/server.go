// Package server is weir's redaction webhook: an HTTP API that RAG loaders
// call synchronously before documents are chunked and embedded.
//
//	POST /v1/redact      redacted documents, findings, per-document verdict   (scope redact)
//	POST /v1/classify    findings only                                         (scope classify)
//	POST /v1/detokenize  reverses the tokenize operator                        (scope detokenize)
//	GET  /healthz, /readyz, /metrics, /openapi.json (OpenAPI 3.1)
//
// Every /v1 request carries "Authorization: Bearer KEY"; keys are configured
// by their SHA-256 only (see ParseKeys). At most Config.MaxInFlight /v1
// requests are served at once (503 "overloaded" with Retry-After above); a
// batch's documents are classified on Config.Workers goroutines, and one
// large document is decoded once and then scanned and redacted in place
// (about three copies of it in memory: body, text, answer). Errors are JSON
// {"error":{"code","message"}} and never quote the request. Findings follow
// DESIGN.md's contract: a keyed fingerprint and a masked preview, never the
// value. Keys, key hashes and token keys are never logged, and metrics are
// labelled by endpoint and status only.
//
// A Handler is safe for concurrent use; its configuration is immutable.
package server

import (
	"crypto/tls"
	"crypto/x509"
	_ "embed"
	"errors"
	"fmt"
	"github.com/weir-dev/weir/internal/httpx"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// Defaults of Config's zero fields.
const (
	DefaultMaxBodyBytes      = 10 << 20
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultRequestTimeout    = 30 * time.Second
	DefaultRateBurst         = 50
	DefaultMaxInFlight       = 64
)

// Config configures a Handler.
type Config struct {
	// Engine classifies every request. Required.
	Engine *classifiers.Engine
	// Keys are the API keys. Required.
	Keys *KeySet
	// Keyring keys the hash and tokenize operators and /v1/detokenize; nil
	// disables them (requests using them get 400, detokenize 501).
	Keyring *redact.Keyring
	// MaxBodyBytes bounds a request body (413 above). 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// RateLimit is requests per second allowed per API key (429 above);
	// 0 means unlimited. RateBurst is the bucket size (0: DefaultRateBurst).
	RateLimit float64
	RateBurst int
	// MaxInFlight bounds the /v1 requests being read or processed at once,
	// over all keys; one more is answered 503 (code "overloaded") with
	// Retry-After: 1 instead of queueing, so memory stays bounded (about
	// MaxInFlight x MaxBodyBytes x 3) and callers back off. 0 means
	// DefaultMaxInFlight; negative means unlimited.
	MaxInFlight int
	// Workers bounds the documents of one batch classified in parallel.
	// 0 means GOMAXPROCS.
	Workers int
	// Logger receives one line per request (method, endpoint, status,
	// duration, key id). nil discards.
	Logger *slog.Logger
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// openAPI is the OpenAPI 3.1 document served at /openapi.json; a test walks
// it against the handlers.
//
//go:embed openapi.json
var openAPI []byte

// Handler serves the API.
type Handler struct {
	cfg      Config
	mux      *http.ServeMux
	routes   []string        // "METHOD /path", for the OpenAPI test
	types    map[string]bool // the types the engine reports
	limit    *limiter
	inflight chan struct{} // a slot per /v1 request in flight; nil: unlimited
	metrics  *metrics
	trace    func(delta int) // tests: called with +1/-1 around each document's work
	ready    atomic.Bool
}

// New returns a Handler for cfg, ready.
func New(cfg Config) (*Handler, error) {
	if cfg.Engine == nil {
		return nil, errors.New("server: Config.Engine is required")
	}
	if cfg.Keys == nil || cfg.Keys.Len() == 0 {
		return nil, errors.New("server: Config.Keys is required")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = DefaultRateBurst
	}
	if cfg.MaxInFlight == 0 {
		cfg.MaxInFlight = DefaultMaxInFlight
	}
	if cfg.Workers <= 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(), metrics: newMetrics()}
	h.types = map[string]bool{}
	for _, s := range cfg.Engine.Specs() {
		h.types[s.Type] = true
	}
	h.limit = newLimiter(cfg.RateLimit, cfg.RateBurst, cfg.Now)
	if cfg.MaxInFlight > 0 {
		h.inflight = make(chan struct{}, cfg.MaxInFlight)
	}
	h.route("POST /v1/redact", ScopeRedact, h.redact)
	h.route("POST /v1/classify", ScopeClassify, h.classify)
	h.route("POST /v1/detokenize", ScopeDetokenize, h.detokenize)
	h.route("GET /healthz", "", func(w http.ResponseWriter, r *http.Request, _ *Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	h.route("GET /readyz", "", func(w http.ResponseWriter, r *http.Request, _ *Request) {
		if !h.ready.Load() {
			writeError(w, http.StatusServiceUnavailable, "not_ready", "server is not ready")
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	})
	h.route("GET /openapi.json", "", func(w http.ResponseWriter, r *http.Request, _ *Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	h.route("GET /metrics", "", func(w http.ResponseWriter, r *http.Request, _ *Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		h.metrics.write(w)
	})
	h.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		start := cfg.Now()
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint")
		h.done(r, "other", http.StatusNotFound, start, "")
	})
	h.ready.Store(true)
	return h, nil
}

// SetReady sets what /readyz answers (e.g. false while shutting down).
func (h *Handler) SetReady(ok bool) { h.ready.Store(ok) }

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

type apiFunc func(w http.ResponseWriter, r *http.Request, req *Request)

// route registers pattern. With a scope, the request is authenticated,
// authorized, rate limited, checked for a JSON body and decoded before fn.
func (h *Handler) route(pattern string, scope Scope, fn apiFunc) {
	endpoint := pattern[len("POST "):]
	if pattern[:4] == "GET " {
		endpoint = pattern[len("GET "):]
	}
	h.routes = append(h.routes, pattern)
	method := "POST"
	if pattern[:4] == "GET " {
		method = "GET"
	}
	// The same path without a method answers other methods with a JSON 405
	// (the mux's own 405 is plain text).
	h.mux.HandleFunc(endpoint, func(w http.ResponseWriter, r *http.Request) {
		start := h.cfg.Now()
		w.Header().Set("Allow", method)
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "use "+method)
		h.done(r, endpoint, http.StatusMethodNotAllowed, start, "")
	})
	h.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := h.cfg.Now()
		sw := &httpx.StatusWriter{ResponseWriter: w}
		keyID := ""
		defer func() { h.done(r, endpoint, sw.Status, start, keyID) }()
		if scope == "" {
			fn(sw, r, nil)
			return
		}
		key := h.authenticate(r)
		if key == nil {
			sw.Header().Set("WWW-Authenticate", `Bearer realm="weir"`)
			writeError(sw, http.StatusUnauthorized, "unauthorized", "missing or unknown API key")
			return
		}
		keyID = key.ID
		if !key.has(scope) {
			writeError(sw, http.StatusForbidden, "forbidden", fmt.Sprintf("API key lacks the %q scope", scope))
			return
		}
		if ok, wait := h.limit.allow(key.ID); !ok {
			secs := int(wait/time.Second) + 1
			sw.Header().Set("Retry-After", fmt.Sprint(secs))
			writeError(sw, http.StatusTooManyRequests, "rate_limited", "rate limit exceeded")
			return
		}
		if h.inflight != nil {
			select {
			case h.inflight <- struct{}{}:
				defer func() { <-h.inflight }()
			default:
				sw.Header().Set("Retry-After", "1")
				writeError(sw, http.StatusServiceUnavailable, "overloaded", "too many requests in flight; retry later")
				return
			}
		}
		req, status, code, msg := h.readRequest(sw, r)
		if req == nil {
			writeError(sw, status, code, msg)
			return
		}
		fn(sw, r, req)
	})
}

func (h *Handler) done(r *http.Request, endpoint string, status int, start time.Time, keyID string) {
	if status == 0 {
		status = http.StatusOK
	}
	d := h.cfg.Now().Sub(start)
	h.metrics.observe(endpoint, status, d)
	h.cfg.Logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
		slog.String("method", r.Method), slog.String("endpoint", endpoint), slog.Int("status", status),
		slog.Duration("duration", d), slog.String("key_id", keyID))
}

// authenticate returns the key of the Bearer credential, or nil.
func (h *Handler) authenticate(r *http.Request) *APIKey {
	auth := r.Header.Get("Authorization")
	const prefix = "Bearer "
	if len(auth) <= len(prefix) || !equalFoldASCII(auth[:len(prefix)], prefix) {
		return nil
	}
	return h.cfg.Keys.lookup(auth[len(prefix):])
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i]|0x20, b[i]|0x20
		if x != y {
			return false
		}
	}
	return true
}

// HTTPServer returns an http.Server for h with timeouts set, and TLS (and
// client certificate verification, mTLS) when tlsCfg asks for it.
func HTTPServer(addr string, h http.Handler, t Timeouts, tlsCfg *tls.Config) *http.Server {
	if t.ReadHeader <= 0 {
		t.ReadHeader = DefaultReadHeaderTimeout
	}
	if t.Request <= 0 {
		t.Request = DefaultRequestTimeout
	}
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: t.ReadHeader,
		ReadTimeout:       t.Request,
		WriteTimeout:      t.Request + 5*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		TLSConfig:         tlsCfg,
		ErrorLog:          nil,
	}
}

// Timeouts are the server's time limits. Zero fields take the defaults.
type Timeouts struct {
	ReadHeader time.Duration // DefaultReadHeaderTimeout
	Request    time.Duration // reading the whole request (DefaultRequestTimeout)
}

// TLSConfig loads a certificate and key and, when clientCAFile is set,
// requires client certificates signed by one of its CAs (mTLS).
func TLSConfig(certFile, keyFile, clientCAFile string) (*tls.Config, error) {
	if certFile == "" || keyFile == "" {
		return nil, errors.New("server: TLS needs a certificate and a key file")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("server: TLS certificate: %w", err)
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	if clientCAFile != "" {
		pem, err := os.ReadFile(clientCAFile)
		if err != nil {
			return nil, fmt.Errorf("server: client CA: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("server: client CA file %s holds no PEM certificate", clientCAFile)
		}
		cfg.ClientCAs = pool
		cfg.ClientAuth = tls.RequireAndVerifyClientCert
	}
	return cfg, nil
}
