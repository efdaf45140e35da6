package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

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
// unknown or duplicate fields, either text or documents. Its errors never
// contain input.
//
// It uses the encoding/json v2 prototype (github.com/go-json-experiment/json):
// one pass over the body, about 4x faster than encoding/json on document
// text (bench/RESULTS.md, webhook), and strict by default (invalid UTF-8,
// duplicate names and trailing data are errors; names match case-sensitively).
func DecodeRequest(body []byte) (*Request, error) {
	if !utf8.Valid(body) {
		return nil, fmt.Errorf("%w: body is not valid UTF-8", errBadRequest)
	}
	var req Request
	if err := jsonv2.Unmarshal(body, &req, jsonv2.RejectUnknownMembers(true)); err != nil {
		return nil, fmt.Errorf("%w: %s", errBadRequest, describeJSONError(err))
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
// problem and offset but not the offending input (the decoder's messages
// can quote a field name or a value).
func describeJSONError(err error) string {
	var se *jsontext.SyntacticError
	var me *jsonv2.SemanticError
	switch {
	case errors.Is(err, jsonv2.ErrUnknownName):
		return "unknown field"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		if syn, ok := errors.AsType[*jsontext.SyntacticError](err); ok && syn.ByteOffset > 0 {
			return fmt.Sprintf("malformed JSON at byte %d (truncated)", syn.ByteOffset)
		}
		return "empty or truncated body"
	case errors.As(err, &se):
		if strings.Contains(se.Err.Error(), "depth") {
			return "JSON nested too deeply"
		}
		if errors.Is(se.Err, jsontext.ErrDuplicateName) {
			return fmt.Sprintf("duplicate field at byte %d", se.ByteOffset)
		}
		return fmt.Sprintf("malformed JSON at byte %d", se.ByteOffset)
	case errors.As(err, &me):
		return fmt.Sprintf("wrong JSON type for field %s", safeField(strings.ReplaceAll(strings.TrimPrefix(string(me.JSONPointer), "/"), "/", ".")))
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
