package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// Request is the body of /v1/redact, /v1/classify and /v1/detokenize: either
// one Text or a batch of Documents, not both.
type Request struct {
	Text      *string    `json:"text,omitempty"`
	Documents []Document `json:"documents,omitempty"`
	// Types limits findings to these TAXONOMY types (default: all the
	// server's engine reports).
	Types []string `json:"types,omitempty"`
	// MinConfidence raises the server's report threshold (it cannot lower it).
	MinConfidence float64 `json:"min_confidence,omitempty"`
	// Operator is the default operator (/v1/redact; default "type").
	Operator redact.Operator `json:"operator,omitempty"`
	// Operators maps a type to its operator (/v1/redact).
	Operators map[string]redact.Operator `json:"operators,omitempty"`
	// BlockTypes lists types or categories (PII, PHI, SECRET) whose presence
	// makes a document "blocked": its content is not returned (/v1/redact).
	BlockTypes []string `json:"block_types,omitempty"`
}

// Document is a LangChain (page_content) or LlamaIndex (text) document.
// Metadata is passed through byte for byte and never scanned.
type Document struct {
	ID          string          `json:"id,omitempty"`
	PageContent *string         `json:"page_content,omitempty"`
	Text        *string         `json:"text,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
}

// content returns the document's text and which field held it.
func (d *Document) content() (string, bool) {
	if d.PageContent != nil {
		return *d.PageContent, true
	}
	if d.Text != nil {
		return *d.Text, false
	}
	return "", true
}

// Verdicts of /v1/redact.
const (
	VerdictClean    = "clean"
	VerdictRedacted = "redacted"
	VerdictBlocked  = "blocked"
)

// DocResult is one document of a response, in request order.
type DocResult struct {
	ID          string                `json:"id,omitempty"`
	PageContent *string               `json:"page_content,omitempty"`
	Text        *string               `json:"text,omitempty"`
	Metadata    json.RawMessage       `json:"metadata,omitempty"`
	Verdict     string                `json:"verdict,omitempty"`
	Findings    []classifiers.Finding `json:"findings"`
	// Redactions describes each replacement (type, operator, offsets).
	Redactions []redact.Applied `json:"redactions,omitempty"`
}

// Response is the body of a successful /v1/redact or /v1/classify. A
// single-text request gets Text, Verdict, Findings; a batch gets Documents.
type Response struct {
	Text       *string               `json:"text,omitempty"`
	Verdict    string                `json:"verdict,omitempty"`
	Findings   []classifiers.Finding `json:"findings,omitzero"`
	Redactions []redact.Applied      `json:"redactions,omitempty"`
	Documents  []DocResult           `json:"documents,omitzero"`
}

// maxDocuments bounds a batch.
const maxDocuments = 10000

// errBadRequest is wrapped by DecodeRequest's errors; their messages describe
// the problem without quoting input.
var errBadRequest = errors.New("bad request")

// DecodeRequest parses a request body: valid UTF-8, one JSON object, no
// unknown fields, either text or documents. Its errors never contain input.
func DecodeRequest(body []byte) (*Request, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: body is not valid UTF-8", errBadRequest)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var req Request
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("%w: %s", errBadRequest, describeJSONError(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: trailing data after the JSON object", errBadRequest)
	}
	switch {
	case req.Text != nil && req.Documents != nil:
		return nil, fmt.Errorf("%w: give text or documents, not both", errBadRequest)
	case req.Text == nil && req.Documents == nil:
		return nil, fmt.Errorf("%w: give text or documents", errBadRequest)
	case len(req.Documents) > maxDocuments:
		return nil, fmt.Errorf("%w: more than %d documents", errBadRequest, maxDocuments)
	}
	for i := range req.Documents {
		d := &req.Documents[i]
		if d.PageContent != nil && d.Text != nil {
			return nil, fmt.Errorf("%w: document %d: give page_content or text, not both", errBadRequest, i)
		}
		if len(d.Metadata) > 0 && d.Metadata[0] != '{' && !bytes.Equal(d.Metadata, []byte("null")) {
			return nil, fmt.Errorf("%w: document %d: metadata must be an object", errBadRequest, i)
		}
	}
	if req.MinConfidence < 0 || req.MinConfidence > 1 {
		return nil, fmt.Errorf("%w: min_confidence outside [0,1]", errBadRequest)
	}
	return &req, nil
}

// describeJSONError turns a decoding error into a message that names the
// problem and offset but not the offending input (json's messages can quote
// a field name or a value).
func describeJSONError(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("malformed JSON at byte %d", se.Offset)
	case errors.As(err, &te):
		return fmt.Sprintf("wrong JSON type for field %s", safeField(te.Field))
	case errors.Is(err, io.EOF):
		return "empty body"
	}
	msg := err.Error()
	if bytes.Contains([]byte(msg), []byte("unknown field")) {
		return "unknown field"
	}
	if bytes.Contains([]byte(msg), []byte("max depth")) {
		return "JSON nested too deeply"
	}
	return "malformed JSON"
}

// safeField returns a field path from the schema; anything else (a path
// into metadata, which is never decoded, cannot occur) is withheld.
func safeField(f string) string {
	for i := 0; i < len(f); i++ {
		c := f[i]
		if !(c >= 'a' && c <= 'z' || c == '_' || c == '.' || c >= '0' && c <= '9') {
			return "(withheld)"
		}
	}
	if len(f) > 64 || f == "" {
		return "(withheld)"
	}
	return f
}

// DetokenizeResponse is the body of a successful /v1/detokenize.
type DetokenizeResponse struct {
	Text      *string      `json:"text,omitempty"`
	Documents []DetokenDoc `json:"documents,omitzero"`
}

// DetokenDoc is one detokenized document, in request order.
type DetokenDoc struct {
	ID          string          `json:"id,omitempty"`
	PageContent *string         `json:"page_content,omitempty"`
	Text        *string         `json:"text,omitempty"`
	Metadata    json.RawMessage `json:"metadata,omitempty"`
}
