// Package client is a small Go client for weir serve, the redaction webhook
// (package server): Redact, Classify and Detokenize with the server's own
// request and response types.
//
//	c, err := client.New("https://weir.internal:8443", client.WithAPIKey(os.Getenv("WEIR_API_KEY")))
//	text := "mail jane.doe@acme-corp.io"
//	resp, err := c.Redact(ctx, &server.Request{Text: &text})
//	// *resp.Text == "mail <EMAIL_ADDRESS>", resp.Verdict == "redacted"
//
// The API key comes from the caller (an environment variable or a secret
// store, never a command-line flag). A failed call returns an *Error
// carrying the HTTP status and the server's error code. Requests answered
// 429 (rate limited) or 503 (overloaded) are retried, up to WithRetries
// times, after the server's Retry-After; nothing else is retried. Every call
// honours its context, including while waiting to retry.
//
// A Client is safe for concurrent use.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/weir-dev/weir/server"
)

// Defaults of the options.
const (
	DefaultRetries      = 2
	DefaultMaxRetryWait = 30 * time.Second
	// MaxResponseBytes bounds a response body read by the client.
	MaxResponseBytes = 256 << 20
)

// Client calls one weir serve instance.
type Client struct {
	base    string // scheme://host[:port][/prefix], no trailing slash
	key     string
	hc      *http.Client
	retries int
	maxWait time.Duration
	backoff time.Duration // first wait when a 429/503 has no Retry-After
}

// Option configures a Client.
type Option func(*Client)

// WithAPIKey sets the API key sent as "Authorization: Bearer KEY". Required
// by every /v1 endpoint; pass it from the environment or a secret store.
func WithAPIKey(key string) Option { return func(c *Client) { c.key = key } }

// WithHTTPClient sets the HTTP client (TLS roots, client certificates for
// mTLS, timeouts, proxies). Default: a client with a 60 s timeout.
func WithHTTPClient(hc *http.Client) Option { return func(c *Client) { c.hc = hc } }

// WithRetries sets how many times a request answered 429 or 503 is retried
// (default DefaultRetries; 0 disables retries).
func WithRetries(n int) Option { return func(c *Client) { c.retries = max(n, 0) } }

// WithMaxRetryWait sets the longest Retry-After the client waits for
// (default DefaultMaxRetryWait); a longer one returns the *Error at once.
func WithMaxRetryWait(d time.Duration) Option { return func(c *Client) { c.maxWait = d } }

// New returns a client for the server at baseURL (http or https, optionally
// with a path prefix when weir serve sits behind a proxy).
func New(baseURL string, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("weir client: base URL must be http(s)://host[:port][/prefix]")
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("weir client: base URL must not carry credentials, a query or a fragment")
	}
	c := &Client{
		base:    strings.TrimRight(u.String(), "/"),
		hc:      &http.Client{Timeout: 60 * time.Second},
		retries: DefaultRetries,
		maxWait: DefaultMaxRetryWait,
		backoff: 250 * time.Millisecond,
	}
	for _, o := range opts {
		o(c)
	}
	if c.hc == nil {
		return nil, errors.New("weir client: WithHTTPClient(nil)")
	}
	return c, nil
}

// Error is a non-2xx answer of the server.
type Error struct {
	// StatusCode is the HTTP status (400, 401, 403, 413, 415, 429, 501, 503, ...).
	StatusCode int
	// Code is the server's error code ("bad_request", "unauthorized",
	// "forbidden", "body_too_large", "rate_limited", "overloaded",
	// "no_keyring", "bad_token", ...); empty if the body was not weir's
	// JSON error (e.g. a proxy's page).
	Code string
	// Message is the server's message; it never quotes the request.
	Message string
	// RetryAfter is the server's Retry-After, if any.
	RetryAfter time.Duration
	// Endpoint is the path called, e.g. "/v1/redact".
	Endpoint string
}

func (e *Error) Error() string {
	code := e.Code
	if code == "" {
		code = "no weir error body"
	}
	msg := ""
	if e.Message != "" {
		msg = ": " + e.Message
	}
	return fmt.Sprintf("weir %s: %d %s%s", e.Endpoint, e.StatusCode, code, msg)
}

// Temporary reports whether the request may succeed later unchanged (429, 503).
func (e *Error) Temporary() bool {
	return e.StatusCode == http.StatusTooManyRequests || e.StatusCode == http.StatusServiceUnavailable
}

// Redact calls POST /v1/redact (scope redact): redacted text or documents,
// findings and verdicts.
func (c *Client) Redact(ctx context.Context, req *server.Request) (*server.Response, error) {
	var resp server.Response
	if err := c.call(ctx, "/v1/redact", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// Classify calls POST /v1/classify (scope classify): findings only.
func (c *Client) Classify(ctx context.Context, req *server.Request) (*server.Response, error) {
	var resp server.Response
	if err := c.call(ctx, "/v1/classify", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

// Detokenize calls POST /v1/detokenize (scope detokenize): the text or
// documents with every token of the tokenize operator replaced by its value.
func (c *Client) Detokenize(ctx context.Context, req *server.Request) (*server.DetokenizeResponse, error) {
	var resp server.DetokenizeResponse
	if err := c.call(ctx, "/v1/detokenize", req, &resp); err != nil {
		return nil, err
	}
	return &resp, nil
}

func (c *Client) call(ctx context.Context, endpoint string, req *server.Request, out any) error {
	if req == nil {
		return errors.New("weir client: nil request")
	}
	body, err := json.Marshal(req)
	if err != nil {
		return fmt.Errorf("weir client: encode request: %w", err)
	}
	for attempt := 0; ; attempt++ {
		err := c.once(ctx, endpoint, body, out)
		var apiErr *Error
		if !errors.As(err, &apiErr) || !apiErr.Temporary() || attempt >= c.retries {
			return err
		}
		wait := apiErr.RetryAfter
		if wait <= 0 {
			wait = c.backoff << attempt
		}
		if wait > c.maxWait {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("weir %s: waiting to retry: %w (last answer: %w)", endpoint, ctx.Err(), err)
		case <-t.C:
		}
	}
}

func (c *Client) once(ctx context.Context, endpoint string, body []byte, out any) error {
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("weir client: %w", err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if c.key != "" {
		hreq.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := c.hc.Do(hreq)
	if err != nil {
		return fmt.Errorf("weir %s: %w", endpoint, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
	if err != nil {
		return fmt.Errorf("weir %s: read response: %w", endpoint, err)
	}
	if len(data) > MaxResponseBytes {
		return fmt.Errorf("weir %s: response larger than %d bytes", endpoint, MaxResponseBytes)
	}
	if resp.StatusCode/100 != 2 {
		e := &Error{StatusCode: resp.StatusCode, Endpoint: endpoint, RetryAfter: retryAfter(resp.Header.Get("Retry-After"))}
		var eb server.ErrorBody
		if json.Unmarshal(data, &eb) == nil {
			e.Code, e.Message = eb.Error.Code, eb.Error.Message
		}
		return e
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("weir %s: decode response: %w", endpoint, err)
	}
	return nil
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}
