package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/weir-dev/weir/internal/jsonwalk"
)

// Format is how a record's value is read.
type Format string

// Formats. FormatAuto picks per record: a content-type header
// ("content-type" or "weir.content-type") wins; else a value whose first
// non-blank byte is '{' must be a JSON document (a truncated or broken one
// is dead-lettered, never passed as text), one starting with '[' is JSON if
// it parses and text otherwise, and anything else is text.
const (
	FormatAuto     Format = "auto"
	FormatText     Format = "text"
	FormatJSON     Format = "json"
	FormatEnvelope Format = "envelope"
)

// Content types written in the weir.content-type header and accepted in a
// record's content-type header.
const (
	ContentText     = "text/plain"
	ContentJSON     = "application/json"
	ContentEnvelope = "application/vnd.weir.envelope+json"
)

// ParseFormat checks a --format value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case "", FormatAuto:
		return FormatAuto, nil
	case FormatText, FormatJSON, FormatEnvelope:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q (want auto, text, json or envelope)", s)
}

// Envelope is the weir envelope (content type ContentEnvelope): one unit of
// text with its provenance, as connectors produce it. Only Text is
// required. Field names the column or JSON path the text came from and is
// context for the detectors. On weir.clean the envelope is written back with
// Text redacted and every other member kept.
//
//	{"id": "s3://bucket/tickets.jsonl#L12", "source": "s3", "dataset": "support/tickets",
//	 "object": "tickets.jsonl", "field": "body", "content_type": "text/plain",
//	 "text": "Card 4111 1111 1111 1111 ...", "attrs": {"lang": "en"}}
type Envelope struct {
	ID          string            `json:"id,omitempty"`
	Source      string            `json:"source,omitempty"`
	Dataset     string            `json:"dataset,omitempty"`
	Object      string            `json:"object,omitempty"`
	Field       string            `json:"field,omitempty"`
	ContentType string            `json:"content_type,omitempty"`
	Text        *string           `json:"text"`
	Attrs       map[string]string `json:"attrs,omitempty"`
}

// Part is one unit of text to classify: a whole text record, one JSON string
// or number value, or an envelope's text.
type Part struct {
	Field string // JSON path or envelope field; "" for a text record
	Text  []byte // decoded text (findings' offsets are into it)
	// Raw and Off locate the literal in a JSON document (Raw with quotes
	// for a string); Raw is nil for text and envelope parts.
	Raw []byte
	Off int
}

// Payload is a decoded record value.
type Payload struct {
	Format   Format
	Parts    []Part
	Envelope *Envelope // for FormatEnvelope
	Doc      []byte    // the value as read
}

// ErrDecode is wrapped by every error of Decode: the record is dead-lettered.
var ErrDecode = errors.New("undecodable record")

// Decode reads value as format (FormatAuto resolves per record; contentType
// is the record's content-type header, if any). It never panics; for text it
// never fails (invalid UTF-8 is classified as bytes).
func Decode(value []byte, format Format, contentType string) (Payload, error) {
	f := resolve(value, format, contentType)
	p := Payload{Format: f, Doc: value}
	switch f {
	case FormatText:
		p.Parts = []Part{{Text: value}}
	case FormatJSON:
		if !json.Valid(value) {
			return p, fmt.Errorf("%w: invalid JSON", ErrDecode)
		}
		jsonwalk.Walk(value, func(v jsonwalk.Value) {
			part := Part{Field: v.Path, Raw: v.Raw, Off: v.Off}
			if v.IsString() {
				part.Text = jsonwalk.Unquote(nil, v.Raw)
			} else {
				part.Text = v.Raw
			}
			p.Parts = append(p.Parts, part)
		})
	case FormatEnvelope:
		var env Envelope
		d := json.NewDecoder(bytes.NewReader(value))
		if err := d.Decode(&env); err != nil {
			return p, fmt.Errorf("%w: envelope: %v", ErrDecode, err)
		}
		if d.More() {
			return p, fmt.Errorf("%w: envelope: data after the JSON object", ErrDecode)
		}
		if env.Text == nil {
			return p, fmt.Errorf("%w: envelope: no \"text\" member", ErrDecode)
		}
		p.Envelope = &env
		p.Parts = []Part{{Field: env.Field, Text: []byte(*env.Text)}}
	}
	return p, nil
}

func resolve(value []byte, format Format, contentType string) Format {
	if ct := strings.ToLower(strings.TrimSpace(contentType)); ct != "" {
		if i := strings.IndexByte(ct, ';'); i >= 0 {
			ct = strings.TrimSpace(ct[:i])
		}
		switch {
		case ct == ContentEnvelope:
			return FormatEnvelope
		case ct == ContentJSON || strings.HasSuffix(ct, "+json"):
			return FormatJSON
		case strings.HasPrefix(ct, "text/"):
			return FormatText
		}
	}
	if format != FormatAuto && format != "" {
		return format
	}
	i := 0
	for i < len(value) && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n' || value[i] == '\r') {
		i++
	}
	switch {
	case i < len(value) && value[i] == '{':
		return FormatJSON
	case i < len(value) && value[i] == '[' && json.Valid(value):
		return FormatJSON
	}
	return FormatText
}

// contentType names a format in the weir.content-type header.
func (f Format) contentType() string {
	switch f {
	case FormatJSON:
		return ContentJSON
	case FormatEnvelope:
		return ContentEnvelope
	}
	return ContentText
}
