package vectordb

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/weir-dev/weir/internal/httpx"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultMaxBodyBytes bounds an upsert body the proxy reads to inspect
// (after gzip decoding).
const DefaultMaxBodyBytes = 32 << 20

// DefaultUpstreamTimeout bounds the wait for the upstream's response headers.
const DefaultUpstreamTimeout = 60 * time.Second

// Config configures a Proxy.
type Config struct {
	// Upstream is the vector database's base URL (scheme://host[:port][/prefix]).
	Upstream *url.URL
	// Kind restricts the recognised write calls to one API; KindAuto (the
	// default) recognises every API by its paths.
	Kind Kind
	// Inspector classifies and redacts; required.
	Inspector *Inspector
	// Publisher receives capture events and lineage edges; nil drops them.
	Publisher    Publisher
	CaptureTopic string // default DefaultCaptureTopic
	LineageTopic string // default DefaultLineageTopic
	// MaxBodyBytes bounds an inspected body (default DefaultMaxBodyBytes).
	// Larger upserts are rejected (413) in enforce mode and forwarded
	// uninspected, with an "unscanned" event, in observe mode.
	MaxBodyBytes int64
	// UpstreamTimeout bounds the wait for the upstream's response headers
	// (504 after it); default DefaultUpstreamTimeout. Ignored with Transport.
	UpstreamTimeout time.Duration
	// Transport reaches the upstream; default a clone of
	// http.DefaultTransport with UpstreamTimeout.
	Transport http.RoundTripper
	// MaxBackground bounds observe-mode inspections running after their
	// upsert was forwarded (default 4 x GOMAXPROCS); beyond it, requests wait.
	MaxBackground int
	// Logger receives counts and errors, never content; default discards.
	Logger *slog.Logger
}

// Proxy is an http.Handler that forwards every request to the upstream and
// inspects the write calls it recognises (see docs/vectordb.md). Point ids
// and vectors are never decoded: a rewritten body copies them byte for byte.
// Safe for concurrent use; call Close to wait for background inspections.
type Proxy struct {
	cfg     Config
	store   string
	rp      *httputil.ReverseProxy
	sem     chan struct{}
	bg      sync.WaitGroup
	baseCtx context.Context
	cancel  context.CancelFunc
	m       *metrics
	log     *slog.Logger
}

// New returns a Proxy.
func New(cfg Config) (*Proxy, error) {
	if cfg.Upstream == nil || cfg.Upstream.Scheme == "" || cfg.Upstream.Host == "" {
		return nil, errors.New("vectordb: upstream URL needs a scheme and host")
	}
	if cfg.Inspector == nil {
		return nil, errors.New("vectordb: no inspector")
	}
	if cfg.Kind == "" {
		cfg.Kind = KindAuto
	}
	if _, err := ParseKind(string(cfg.Kind)); err != nil {
		return nil, err
	}
	if cfg.CaptureTopic == "" {
		cfg.CaptureTopic = DefaultCaptureTopic
	}
	if cfg.LineageTopic == "" {
		cfg.LineageTopic = DefaultLineageTopic
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.UpstreamTimeout <= 0 {
		cfg.UpstreamTimeout = DefaultUpstreamTimeout
	}
	if cfg.MaxBackground <= 0 {
		cfg.MaxBackground = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.ResponseHeaderTimeout = cfg.UpstreamTimeout
		t.MaxIdleConnsPerHost = 64
		cfg.Transport = t
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &Proxy{
		cfg:     cfg,
		store:   cfg.Upstream.Scheme + "://" + cfg.Upstream.Host,
		sem:     make(chan struct{}, cfg.MaxBackground),
		baseCtx: ctx,
		cancel:  cancel,
		m:       newMetrics(),
		log:     cfg.Logger,
	}
	up := cfg.Upstream
	p.rp = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(up)
			pr.SetXForwarded()
		},
		Transport:     cfg.Transport,
		FlushInterval: -1, // stream responses as they come
		ErrorHandler:  p.upstreamError,
	}
	return p, nil
}

// Close waits for background inspections to publish their events, or
// for ctx to end (then it cancels them).
func (p *Proxy) Close(ctx context.Context) error {
	done := make(chan struct{})
	go func() { p.bg.Wait(); close(done) }()
	select {
	case <-done:
		p.cancel()
		return nil
	case <-ctx.Done():
		p.cancel()
		<-done
		return ctx.Err()
	}
}

// WaitIdle waits until no background inspection is running (for
// benchmarks and tests; new calls may start more).
func (p *Proxy) WaitIdle() {
	for len(p.sem) > 0 {
		time.Sleep(time.Millisecond)
	}
}

// ServeHTTP forwards r, inspecting it first when it is a write call.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rt, ok := match(p.cfg.Kind, r.Method, r.URL.Path)
	if !ok {
		p.m.passthrough()
		p.rp.ServeHTTP(w, r)
		return
	}
	p.write(w, r, rt)
}

// errorBody is the body of the proxy's own error responses.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Collection and Points say what was blocked (403 only).
	Collection string         `json:"collection,omitempty"`
	Points     []blockedPoint `json:"points,omitempty"`
}

type blockedPoint struct {
	Index int             `json:"index"`
	ID    json.RawMessage `json:"id,omitempty"`
	Field string          `json:"field"`
	Types []string        `json:"types"`
}

func writeError(w http.ResponseWriter, status int, d errorDetail) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Weir-Proxy", "1")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(errorBody{d})
}

// upstreamError answers when the upstream could not be reached or timed
// out: 504 for timeouts, 502 otherwise.
func (p *Proxy) upstreamError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil {
		p.m.upstreamError("client_gone")
		return // the client went away; nobody reads an answer
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		p.m.upstreamError("timeout")
		writeError(w, http.StatusGatewayTimeout, errorDetail{Code: "upstream_timeout", Message: "the vector database did not answer in time"})
		return
	}
	p.m.upstreamError("unavailable")
	p.log.Warn("upstream error", "error", err.Error())
	writeError(w, http.StatusBadGateway, errorDetail{Code: "upstream_unavailable", Message: "the vector database could not be reached"})
}

// forward sends r upstream with body (nil: r.Body as it is) and returns the
// status answered.
func (p *Proxy) forward(w http.ResponseWriter, r *http.Request, body []byte, dropEncoding bool) int {
	if body != nil {
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		r.Header.Del("Content-Length")
		r.TransferEncoding = nil
	}
	if dropEncoding {
		r.Header.Del("Content-Encoding")
	}
	sw := &httpx.StatusWriter{ResponseWriter: w} // Unwrap lets the reverse proxy flush
	p.rp.ServeHTTP(sw, r)
	return sw.Status
}

// call is one write call being handled.
type call struct {
	rt    route
	start time.Time
	id    string
	items []item
	texts []*text
}

// readBody reads the body for inspection. raw is what the client sent;
// body is raw decoded (gzip). reason is set when the body cannot be
// inspected, status being the error status enforce mode answers.
func (p *Proxy) readBody(r *http.Request) (raw, body []byte, status int, reason string) {
	max := p.cfg.MaxBodyBytes
	if r.ContentLength > max {
		return nil, nil, http.StatusRequestEntityTooLarge, "body exceeds the size limit"
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, max+1))
	if err != nil {
		return raw, nil, http.StatusBadRequest, "could not read the request body"
	}
	if int64(len(raw)) > max {
		return raw, nil, http.StatusRequestEntityTooLarge, "body exceeds the size limit"
	}
	body, status, reason = p.decode(raw, r.Header.Get("Content-Encoding"))
	return raw, body, status, reason
}

// decode undoes the Content-Encoding enc of raw (identity or gzip).
func (p *Proxy) decode(raw []byte, enc string) (body []byte, status int, reason string) {
	max := p.cfg.MaxBodyBytes
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "identity":
		return raw, 0, ""
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil, http.StatusBadRequest, "malformed gzip body"
		}
		body, err = io.ReadAll(io.LimitReader(zr, max+1))
		if err != nil {
			return nil, http.StatusBadRequest, "malformed gzip body"
		}
		if int64(len(body)) > max {
			return nil, http.StatusRequestEntityTooLarge, "decompressed body exceeds the size limit"
		}
		return body, 0, ""
	}
	return nil, http.StatusUnsupportedMediaType, "unsupported Content-Encoding (identity or gzip)"
}

// teeBody passes a request body through to the upstream and keeps a copy
// (up to max bytes) for inspection after the call was forwarded.
type teeBody struct {
	rc   io.ReadCloser
	max  int64
	want int64 // Content-Length, or -1

	mu     sync.Mutex
	buf    bytes.Buffer
	over   bool // more than max bytes: the copy was dropped
	eof    bool // the whole body went upstream
	closed bool
}

func (t *teeBody) Read(b []byte) (int, error) {
	n, err := t.rc.Read(b)
	t.mu.Lock()
	if !t.closed {
		if n > 0 && !t.over {
			if int64(t.buf.Len()+n) > t.max {
				t.over = true
				t.buf = bytes.Buffer{}
			} else {
				t.buf.Write(b[:n])
			}
		}
		if err == io.EOF {
			t.eof = true
		}
	}
	t.mu.Unlock()
	return n, err
}

// Close closes the client's body. (httputil.ReverseProxy does not close
// it; net/http does once the handler returns.)
func (t *teeBody) Close() error { return t.rc.Close() }

// snapshot waits (at most wait) for the whole body to have gone upstream,
// stops copying, and returns the copy and whether it is complete.
func (t *teeBody) snapshot(wait time.Duration) (raw []byte, over, complete bool) {
	deadline := time.Now().Add(wait)
	for {
		t.mu.Lock()
		done := t.eof || t.over || t.want >= 0 && int64(t.buf.Len()) == t.want
		if done || !time.Now().Before(deadline) {
			t.closed = true
			raw, over = t.buf.Bytes(), t.over
			complete = t.eof || t.want >= 0 && int64(len(raw)) == t.want
			t.mu.Unlock()
			return raw, over, complete
		}
		t.mu.Unlock()
		time.Sleep(5 * time.Millisecond)
	}
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// write handles a recognised write call.
func (p *Proxy) write(w http.ResponseWriter, r *http.Request, rt route) {
	c := &call{rt: rt, start: time.Now(), id: newID()}
	mode := p.cfg.Inspector.rules.modeBeforeParse(rt)
	if mode == ModeObserve && (rt.collection != "" || !p.cfg.Inspector.rules.anyEnforce) && r.ContentLength != 0 {
		// Every point of this call is observed: forward at once, inspect after.
		p.observe(w, r, c)
		return
	}
	raw, body, status, reason := p.readBody(r)
	if reason == "" {
		root, err := parseBody(body)
		if err == nil {
			c.items, err = items(rt, root)
		}
		if err != nil {
			status, reason = http.StatusBadRequest, err.Error()
		} else {
			p.inspectParsed(w, r, c, root, raw)
			return
		}
	}
	// Not inspectable: enforce rejects, observe forwards untouched.
	collection := rt.collection
	if mode == ModeEnforce {
		code := "bad_request"
		switch status {
		case http.StatusRequestEntityTooLarge:
			code = "body_too_large"
		case http.StatusUnsupportedMediaType:
			code = "unsupported_encoding"
		}
		writeError(w, status, errorDetail{Code: code, Message: reason + " (this collection is in enforce mode: only inspected upserts are forwarded)"})
		p.m.request(rt, ActionRejected)
		p.publish(c, []*CaptureEvent{p.bareEvent(c, collection, mode, ActionRejected, reason, 0)}, nil)
		return
	}
	var fwdBody []byte
	if raw != nil {
		// What was read goes first, then whatever is left unread.
		rest := r.Body
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(raw), rest), rest}
	}
	up := p.forward(w, r, fwdBody, false)
	p.m.request(rt, ActionUnscanned)
	p.publish(c, []*CaptureEvent{p.bareEvent(c, collection, mode, ActionUnscanned, reason, up)}, nil)
}

// observe forwards an observe-mode call as it streams in, keeping a copy
// of its body, and inspects the copy in the background (bounded by
// MaxBackground: beyond it, calls wait here).
func (p *Proxy) observe(w http.ResponseWriter, r *http.Request, c *call) {
	enc := r.Header.Get("Content-Encoding")
	tb := &teeBody{rc: r.Body, max: p.cfg.MaxBodyBytes, want: r.ContentLength}
	r.Body = tb
	p.sem <- struct{}{}
	p.bg.Add(1)
	up := p.forward(w, r, nil, false)
	go func() {
		defer p.bg.Done()
		defer func() { <-p.sem }()
		unscanned := func(reason string) {
			p.m.request(c.rt, ActionUnscanned)
			p.publish(c, []*CaptureEvent{p.bareEvent(c, c.rt.collection, ModeObserve, ActionUnscanned, reason, up)}, nil)
		}
		raw, over, complete := tb.snapshot(time.Second)
		switch {
		case over:
			unscanned("body exceeds the size limit")
			return
		case !complete:
			unscanned("the request body was not read to its end")
			return
		}
		body, _, reason := p.decode(raw, enc)
		if reason != "" {
			unscanned(reason)
			return
		}
		root, err := parseBody(body)
		if err == nil {
			c.items, err = items(c.rt, root)
		}
		if err != nil {
			unscanned(err.Error())
			return
		}
		in := p.cfg.Inspector
		for i := range c.items {
			c.texts = collectTexts(&c.items[i], in.rules.rule(c.items[i].collection), c.texts)
		}
		if err := in.run(p.baseCtx, c.texts); err != nil {
			p.log.Warn("observe inspection canceled", "collection", c.rt.collection)
			return
		}
		p.finish(c, up, false)
	}()
}

func (p *Proxy) bareEvent(c *call, collection string, mode Mode, action, reason string, up int) *CaptureEvent {
	return &CaptureEvent{Schema: CaptureSchema, ID: c.id, Time: c.start.UTC(), Source: "proxy", Kind: string(c.rt.kind),
		Store: p.store, Collection: collection, Operation: c.rt.op, Mode: mode, Action: action, Reason: reason,
		UpstreamStatus: up, PointIDs: []json.RawMessage{}}
}

// inspectParsed classifies a parsed call; observe-only calls are forwarded
// at once and inspected in the background.
func (p *Proxy) inspectParsed(w http.ResponseWriter, r *http.Request, c *call, root *node, raw []byte) {
	in := p.cfg.Inspector
	enforce := false
	for i := range c.items {
		rule := in.rules.rule(c.items[i].collection)
		enforce = enforce || rule.mode == ModeEnforce
		c.texts = collectTexts(&c.items[i], rule, c.texts)
	}
	if !enforce {
		p.sem <- struct{}{} // backpressure when background inspection lags
		statusc := make(chan int, 1)
		p.bg.Add(1)
		go func() {
			defer p.bg.Done()
			defer func() { <-p.sem }()
			err := in.run(p.baseCtx, c.texts)
			up := <-statusc
			if err != nil {
				p.log.Warn("observe inspection canceled", "collection", c.rt.collection)
				return
			}
			p.finish(c, up, false)
		}()
		statusc <- p.forward(w, r, raw, false)
		return
	}
	if err := in.run(r.Context(), c.texts); err != nil {
		// Fail closed: an upsert not fully inspected is not forwarded.
		writeError(w, http.StatusServiceUnavailable, errorDetail{Code: "canceled", Message: "request canceled before inspection finished"})
		return
	}
	for _, t := range c.texts {
		if t.err != nil {
			writeError(w, http.StatusInternalServerError, errorDetail{Code: "internal", Message: "redaction failed"})
			p.m.request(c.rt, ActionRejected)
			return
		}
	}
	if bp, coll := blockedPoints(c); len(bp) > 0 {
		writeError(w, http.StatusForbidden, errorDetail{Code: "blocked",
			Message:    "policy forbids indexing this content: " + strconv.Itoa(len(bp)) + " field(s) hold blocked types",
			Collection: coll, Points: bp})
		p.finish(c, 0, true)
		return
	}
	for _, t := range c.texts {
		if len(t.applied) > 0 {
			t.node.setString(t.out)
		}
	}
	fwd, dropEnc := raw, false
	if root.changed() {
		var buf bytes.Buffer
		buf.Grow(len(raw))
		if err := root.encode(&buf); err != nil {
			writeError(w, http.StatusInternalServerError, errorDetail{Code: "internal", Message: "could not re-encode the body"})
			return
		}
		fwd, dropEnc = buf.Bytes(), true
	}
	up := p.forward(w, r, fwd, dropEnc)
	p.finish(c, up, false)
}

func blockedPoints(c *call) ([]blockedPoint, string) {
	var out []blockedPoint
	coll := ""
	for _, t := range c.texts {
		if !t.blocked {
			continue
		}
		it := &c.items[t.point]
		if coll == "" {
			coll = it.collection
		}
		var types []string
		seen := map[string]bool{}
		for _, f := range t.findings {
			if t.rule.gate.Block[f.Type] || t.rule.gate.Block[f.Category] {
				if !seen[f.Type] {
					seen[f.Type] = true
					types = append(types, f.Type)
				}
			}
		}
		out = append(out, blockedPoint{Index: it.index, ID: it.id, Field: t.field, Types: types})
	}
	return out, coll
}

// finish builds the call's events (one per collection, in first-seen
// order), counts them and publishes them with their lineage edges.
func (p *Proxy) finish(c *call, upstream int, blocked bool) {
	type group struct {
		ev       *CaptureEvent
		sources  []string
		findings []map[string]int
		points   map[int]*PointReport
	}
	var order []string
	groups := map[string]*group{}
	pointGroup := make([]*group, len(c.items))
	pointSlot := make([]int, len(c.items))
	for i := range c.items {
		it := &c.items[i]
		g := groups[it.collection]
		if g == nil {
			rule := p.cfg.Inspector.rules.rule(it.collection)
			g = &group{ev: p.bareEvent(c, it.collection, rule.mode, ActionForwarded, "", upstream), points: map[int]*PointReport{}}
			if blocked {
				g.ev.Action = ActionBlocked
				g.ev.UpstreamStatus = 0
			}
			groups[it.collection] = g
			order = append(order, it.collection)
		}
		id := it.id
		if id == nil {
			id = json.RawMessage("null")
		}
		g.ev.PointIDs = append(g.ev.PointIDs, id)
		src := provenance(it, p.cfg.Inspector.rules.rule(it.collection))
		g.sources = append(g.sources, src)
		g.findings = append(g.findings, nil)
		pointGroup[i], pointSlot[i] = g, len(g.sources)-1
	}
	for _, t := range c.texts {
		if len(t.findings) == 0 {
			continue
		}
		it := &c.items[t.point]
		g := pointGroup[t.point]
		pr := g.points[t.point]
		if pr == nil {
			pr = &PointReport{Index: it.index, ID: it.id, Source: g.sources[pointSlot[t.point]]}
			g.points[t.point] = pr
		}
		pr.Fields = append(pr.Fields, FieldReport{Field: t.field, Findings: t.findings, Redactions: t.applied, Blocked: t.blocked})
		fm := g.findings[pointSlot[t.point]]
		if fm == nil {
			fm = map[string]int{}
			g.findings[pointSlot[t.point]] = fm
		}
		for _, f := range t.findings {
			fm[f.Type]++
		}
		if len(t.applied) > 0 && !blocked {
			g.ev.Action = ActionRedacted
		}
	}
	var events []*CaptureEvent
	var edges [][]LineageEdge
	for _, name := range order {
		g := groups[name]
		for i := range c.items { // points in call order
			if pr := g.points[i]; pr != nil {
				g.ev.Points = append(g.ev.Points, *pr)
			}
		}
		g.ev.Counts.Points = len(g.ev.PointIDs)
		g.ev.Counts.PointsWithFindings = len(g.ev.Points)
		seen := map[string]bool{}
		for j, src := range g.sources {
			if src != "" && !seen[src] {
				seen[src] = true
				g.ev.Sources = append(g.ev.Sources, src)
			}
			for t, n := range g.findings[j] {
				if g.ev.Counts.Findings == nil {
					g.ev.Counts.Findings = map[string]int{}
				}
				g.ev.Counts.Findings[t] += n
			}
		}
		events = append(events, g.ev)
		edges = append(edges, Edges(g.ev, g.sources, g.findings))
		p.m.request(c.rt, g.ev.Action)
		p.m.points(g.ev.Action, g.ev.Counts.Points)
		p.m.findings(g.ev.Counts.Findings)
	}
	p.m.inspected(time.Since(c.start))
	p.publish(c, events, edges)
}

// publish sends events and edges (edges[i] belong to events[i]); for
// events without inspection (edges nil) it derives edges from no sources.
func (p *Proxy) publish(c *call, events []*CaptureEvent, edges [][]LineageEdge) {
	if p.cfg.Publisher == nil {
		return
	}
	for i, ev := range events {
		p.send(p.cfg.CaptureTopic, ev.Collection, ev)
		var es []LineageEdge
		if edges != nil {
			es = edges[i]
		} else {
			es = Edges(ev, []string{""}, nil)
			es[0].Points = 0
		}
		for j := range es {
			p.send(p.cfg.LineageTopic, es[j].To.Namespace+"/"+es[j].To.Name, &es[j])
		}
	}
}

func (p *Proxy) send(topic, key string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		p.m.publishError()
		return
	}
	b := bytes.TrimRight(buf.Bytes(), "\n")
	// Not baseCtx: Close cancels it, and events queued before Close must
	// still be delivered by the caller's flush.
	p.cfg.Publisher.Publish(context.WithoutCancel(p.baseCtx), topic, []byte(key), b, func(err error) {
		if err != nil {
			p.m.publishError()
			p.log.Warn("publish failed", "topic", topic, "error", err.Error())
			return
		}
		p.m.published()
	})
}

// WriteMetrics writes the proxy's metrics in the Prometheus text format.
func (p *Proxy) WriteMetrics(w io.Writer) { p.m.write(w) }

// String describes the proxy for logs.
func (p *Proxy) String() string { return fmt.Sprintf("vectordb proxy -> %s (%s)", p.store, p.cfg.Kind) }
