package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail names an error by a stable code and a message that never
// quotes the request.
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// encodeBufs are the buffers answers are encoded into (a large document's
// answer reuses a large buffer instead of growing a new one by doubling).
var encodeBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf: larger buffers (a 10 MiB document's answer) are left to the
// collector rather than pinned in the pool.
const maxPooledBuf = 1 << 20

// writeJSON encodes v into a buffer first, so that the answer goes out with
// a Content-Length in as few writes as possible, rather than chunked in
// 4 KiB pieces (net/http's buffer) as an Encoder on w would.
func writeJSON(w http.ResponseWriter, status int, v any) { writeJSONSize(w, status, v, 0) }

// writeJSONSize is writeJSON with the expected size of the answer: above
// maxPooledBuf it is encoded straight to w (see below).
func writeJSONSize(w http.ResponseWriter, status int, v any, size int) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if size > maxPooledBuf {
		// A large answer streams out (chunked) from the encoder's own
		// buffer: one copy of the document less than buffering it here.
		w.WriteHeader(status)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(v)
		return
	}
	buf := encodeBufs.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxPooledBuf {
			encodeBufs.Put(buf)
		}
	}()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // "<EMAIL_ADDRESS>" stays readable
	if err := enc.Encode(v); err != nil {
		// Only a bug can get here (every answer type encodes); say so
		// without echoing anything.
		h.Set("Content-Length", "")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintln(w, `{"error":{"code":"internal","message":"could not encode the answer"}}`)
		return
	}
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, ErrorBody{ErrorDetail{Code: code, Message: msg}})
}

// readRequest checks the content type, reads the body within the size limit
// and decodes it. On failure req is nil and status, code and msg describe
// the error.
func (h *Handler) readRequest(w http.ResponseWriter, r *http.Request) (req *Request, status int, code, msg string) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return nil, http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json"
	}
	tooLarge := func() (*Request, int, string, string) {
		return nil, http.StatusRequestEntityTooLarge, "body_too_large", "request body exceeds the size limit"
	}
	if r.ContentLength > h.cfg.MaxBodyBytes {
		return tooLarge()
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, h.cfg.MaxBodyBytes), r.ContentLength)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge()
		}
		return nil, http.StatusBadRequest, "bad_request", "could not read the request body"
	}
	req, err = DecodeRequest(body)
	if err != nil {
		return nil, http.StatusBadRequest, "bad_request", err.Error()
	}
	return req, 0, "", ""
}

// readBody reads r whole. With a known length (checked against the limit by
// the caller) the body lands in one buffer of exactly that size instead of
// one grown by doubling (io.ReadAll), which copies a large document twice
// over on the way.
func readBody(r io.Reader, length int64) ([]byte, error) {
	if length < 0 {
		return io.ReadAll(r)
	}
	buf := make([]byte, length+1) // +1: a body longer than announced reads into it and fails below
	n, err := io.ReadFull(r, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return buf[:n], nil // the server already enforces Content-Length; short is as sent
	case err != nil:
		return nil, err
	}
	// n == length+1: more than announced (net/http prevents this); read on
	// so that the size limit still applies.
	rest, err := io.ReadAll(r)
	return append(buf, rest...), err
}

// bytesOf returns s's bytes without copying them. The engine and the
// redactor only read their input (classifiers.Engine.Scan, redact.Apply:
// "text is not modified"), so a document decoded once is not copied again
// to be scanned.
func bytesOf(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// stringOf returns b as a string without copying; b must never be modified
// afterwards (it is a fresh redact.Apply output).
func stringOf(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// filter holds a request's finding filters.
type filter struct {
	types   map[string]bool // nil: all
	block   map[string]bool // types and categories
	minConf float64
}

// filter validates the request's types and block_types against the engine's
// catalogue. Messages name the field, never the value.
func (h *Handler) filter(req *Request) (filter, string) {
	known := h.types
	f := filter{minConf: req.MinConfidence}
	if len(req.Types) > 0 {
		f.types = map[string]bool{}
		for _, t := range req.Types {
			t = strings.ToUpper(strings.TrimSpace(t))
			if !known[t] {
				return f, "types: unknown type (see 'weir detectors')"
			}
			f.types[t] = true
		}
	}
	if len(req.BlockTypes) > 0 {
		f.block = map[string]bool{}
		for _, t := range req.BlockTypes {
			t = strings.ToUpper(strings.TrimSpace(t))
			if !known[t] && t != "PII" && t != "PHI" && t != "SECRET" {
				return f, "block_types: unknown type or category"
			}
			f.block[t] = true
		}
	}
	return f, ""
}

func (f filter) gate() redact.Gate {
	return redact.Gate{Types: f.types, Block: f.block, MinConfidence: f.minConf}
}

func (f filter) apply(fs []classifiers.Finding) []classifiers.Finding { return f.gate().Filter(fs) }

func (f filter) blocks(fs []classifiers.Finding) bool { return f.gate().Blocks(fs) }

// docJob is one text to process and where its result goes.
type docJob struct {
	text string
	res  *DocResult
	err  error
}

// each runs fn over jobs on up to Workers goroutines. Once ctx ends (the
// client went away or the server is shutting down) the remaining jobs get
// ctx's error instead; it returns that error, and callers then answer no
// document (fail closed).
func (h *Handler) each(ctx context.Context, jobs []docJob, fn func(j *docJob)) error {
	run := func(j *docJob) {
		if err := ctx.Err(); err != nil {
			j.err = err
			return
		}
		if h.trace != nil {
			h.trace(+1)
			defer h.trace(-1)
		}
		fn(j)
	}
	n := min(h.cfg.Workers, len(jobs))
	if n <= 1 {
		for i := range jobs {
			run(&jobs[i])
		}
		return ctx.Err()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				run(&jobs[i])
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

func writeCanceled(w http.ResponseWriter) {
	writeError(w, http.StatusServiceUnavailable, "canceled", "request canceled before every document was processed")
}

// jobs returns one job per document (or one for the single text), with
// results carrying the documents' ids and metadata.
func jobsFor(req *Request) []docJob {
	if req.Text != nil {
		return []docJob{{text: *req.Text, res: &DocResult{}}}
	}
	jobs := make([]docJob, len(req.Documents))
	for i := range req.Documents {
		d := &req.Documents[i]
		text, _ := d.content()
		jobs[i] = docJob{text: text, res: &DocResult{ID: d.ID, Metadata: d.Metadata}}
	}
	return jobs
}

// setContent puts text in the field the document used.
func setContent(req *Request, i int, res *DocResult, text string) {
	if _, page := req.Documents[i].content(); page {
		res.PageContent = &text
	} else {
		res.Text = &text
	}
}

// answerSize estimates the encoded size of an answer carrying texts: the
// texts plus an eighth for escapes, and room for findings and redactions.
func answerSize(jobs []docJob, withText bool) int {
	n := 512
	for i := range jobs {
		r := jobs[i].res
		if withText {
			for _, t := range []*string{r.Text, r.PageContent} {
				if t != nil {
					n += len(*t) + len(*t)/8
				}
			}
		}
		n += len(r.Metadata) + 256*len(r.Findings) + 128*len(r.Redactions) + 64
	}
	return n
}

func respond(w http.ResponseWriter, req *Request, jobs []docJob, withText bool) {
	size := answerSize(jobs, withText)
	if req.Text != nil {
		r := jobs[0].res
		resp := Response{Verdict: r.Verdict, Findings: r.Findings, Redactions: r.Redactions}
		if withText {
			resp.Text = r.Text
		}
		if resp.Findings == nil {
			resp.Findings = []classifiers.Finding{}
		}
		writeJSONSize(w, http.StatusOK, resp, size)
		return
	}
	resp := Response{Documents: make([]DocResult, len(jobs))}
	for i := range jobs {
		resp.Documents[i] = *jobs[i].res
	}
	writeJSONSize(w, http.StatusOK, resp, size)
}

func (h *Handler) classify(w http.ResponseWriter, r *http.Request, req *Request) {
	f, msg := h.filter(req)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "bad_request", msg)
		return
	}
	jobs := jobsFor(req)
	if err := h.each(r.Context(), jobs, func(j *docJob) {
		j.res.Findings = f.apply(h.cfg.Engine.Scan(bytesOf(j.text)))
	}); err != nil {
		writeCanceled(w)
		return
	}
	respond(w, req, jobs, false)
}

func (h *Handler) redact(w http.ResponseWriter, r *http.Request, req *Request) {
	f, msg := h.filter(req)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "bad_request", msg)
		return
	}
	policy := redact.Policy{Default: req.Operator}
	if len(req.Operators) > 0 {
		policy.PerType = make(map[string]redact.Operator, len(req.Operators))
		for t, op := range req.Operators {
			policy.PerType[strings.ToUpper(strings.TrimSpace(t))] = op
		}
	}
	red, err := redact.New(policy, h.cfg.Keyring)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request",
			"operator/operators: unknown operator or type name, or hash/tokenize without a server keyring")
		return
	}
	jobs := jobsFor(req)
	if err := h.each(r.Context(), jobs, func(j *docJob) {
		text := bytesOf(j.text)
		fs := f.apply(h.cfg.Engine.Scan(text))
		j.res.Findings = fs
		if f.blocks(fs) {
			j.res.Verdict = VerdictBlocked
			return
		}
		out, applied, err := red.Apply(text, fs)
		if err != nil {
			j.err = err
			return
		}
		j.res.Redactions = applied
		s := stringOf(out)
		j.res.Text = &s // moved to page_content below for such documents
		j.res.Verdict = VerdictClean
		if len(applied) > 0 {
			j.res.Verdict = VerdictRedacted
		}
	}); err != nil {
		writeCanceled(w)
		return
	}
	for i := range jobs {
		if jobs[i].err != nil {
			// Fail closed: never return a document whose redaction failed.
			writeError(w, http.StatusInternalServerError, "internal", "redaction failed")
			return
		}
	}
	for i := range jobs {
		h.metrics.verdict(jobs[i].res.Verdict)
		if req.Text == nil && jobs[i].res.Text != nil {
			t := *jobs[i].res.Text
			jobs[i].res.Text = nil
			setContent(req, i, jobs[i].res, t)
		}
	}
	respond(w, req, jobs, true)
}

func (h *Handler) detokenize(w http.ResponseWriter, r *http.Request, req *Request) {
	if h.cfg.Keyring == nil {
		writeError(w, http.StatusNotImplemented, "no_keyring", "the server has no token keyring")
		return
	}
	jobs := jobsFor(req)
	if err := h.each(r.Context(), jobs, func(j *docJob) {
		out, err := h.cfg.Keyring.Detokenize([]byte(j.text))
		if err != nil {
			j.err = err
			return
		}
		s := string(out)
		j.res.Text = &s
	}); err != nil {
		writeCanceled(w)
		return
	}
	for i := range jobs {
		if err := jobs[i].err; err != nil {
			msg := "a token did not authenticate"
			if errors.Is(err, redact.ErrUnknownKeyID) {
				msg = "a token names a key id the server does not hold"
			}
			writeError(w, http.StatusBadRequest, "bad_token", msg)
			return
		}
		if req.Text == nil {
			t := *jobs[i].res.Text
			jobs[i].res.Text = nil
			setContent(req, i, jobs[i].res, t)
		}
	}
	if req.Text != nil {
		writeJSONSize(w, http.StatusOK, DetokenizeResponse{Text: jobs[0].res.Text}, answerSize(jobs, true))
		return
	}
	resp := DetokenizeResponse{Documents: make([]DetokenDoc, len(jobs))}
	for i := range jobs {
		d := jobs[i].res
		resp.Documents[i] = DetokenDoc{ID: d.ID, PageContent: d.PageContent, Text: d.Text, Metadata: d.Metadata}
	}
	writeJSONSize(w, http.StatusOK, resp, answerSize(jobs, true))
}
