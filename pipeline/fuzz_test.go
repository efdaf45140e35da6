package pipeline

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzDecode: decoding any value as any format never panics; a decoded JSON
// part's literal is where it says in the document; an envelope's text is
// its only part; text never fails. Seeds: testdata/fuzz/FuzzDecode.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"plain text", `{"a": "b", "c": [1, "x\u00e9\n"]}`, `{"a": `, "[1,2", "\xff\xfe",
		`{"text": "hi", "dataset": "d", "attrs": {"k": "v"}}`, `{"text": 3}`, `{"text":"a"} {"text":"b"}`,
	} {
		for _, ct := range []string{"", ContentJSON, ContentEnvelope, "text/plain"} {
			f.Add([]byte(s), ct)
		}
	}
	f.Fuzz(func(t *testing.T, value []byte, ct string) {
		for _, format := range []Format{FormatAuto, FormatText, FormatJSON, FormatEnvelope} {
			p, err := Decode(value, format, ct)
			if err != nil {
				if p.Format == FormatText {
					t.Fatalf("text failed to decode: %v", err)
				}
				continue
			}
			switch p.Format {
			case FormatText:
				if len(p.Parts) != 1 || !bytes.Equal(p.Parts[0].Text, value) {
					t.Fatalf("text parts %v", p.Parts)
				}
			case FormatJSON:
				if !json.Valid(value) {
					t.Fatalf("invalid JSON accepted")
				}
				prev := 0
				for _, part := range p.Parts {
					if part.Off < prev || part.Off+len(part.Raw) > len(value) || !bytes.Equal(value[part.Off:part.Off+len(part.Raw)], part.Raw) {
						t.Fatalf("part %q at %d does not locate its literal", part.Field, part.Off)
					}
					prev = part.Off + len(part.Raw)
				}
			case FormatEnvelope:
				if p.Envelope == nil || p.Envelope.Text == nil || len(p.Parts) != 1 || string(p.Parts[0].Text) != *p.Envelope.Text {
					t.Fatalf("envelope parts %v", p.Parts)
				}
			}
		}
	})
}
