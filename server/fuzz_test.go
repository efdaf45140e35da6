package server

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeRequest: DecodeRequest never panics, accepts only valid UTF-8
// with text xor documents, re-encodes what it accepts, and its errors never
// quote the input.
func FuzzDecodeRequest(f *testing.F) {
	for _, s := range []string{
		`{"text":"mail jane.doe@acme-corp.io"}`,
		`{"documents":[{"page_content":"a","metadata":{"k":[1,{"x":null}]}},{"text":"b","id":"2"}],"types":["EMAIL_ADDRESS"]}`,
		`{"text":"a","operators":{"US_SSN":"hash"},"operator":"mask","block_types":["SECRET"],"min_confidence":0.7}`,
		`{"text":"a","documents":[]}`,
		`{"documents":[{"text":"a","metadata":[1]}]}`,
		`{"text":"a"} trailing`,
		"{\"text\":\"\xff\"}",
		`{"text":"\ud800"}`,
		`{"zzz_secret_value":1}`,
		`[]`, ``, `null`,
		nested(64),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodeRequest(body)
		if err != nil {
			if req != nil {
				t.Fatal("request and error")
			}
			msg := err.Error()
			// The message is one of ours; field names come only from the schema.
			if len(body) >= 8 && strings.Contains(msg, string(body)) {
				t.Fatalf("error quotes the body: %q", msg)
			}
			return
		}
		if !utf8.Valid(body) {
			t.Fatal("accepted invalid UTF-8")
		}
		if (req.Text == nil) == (req.Documents == nil) {
			t.Fatal("accepted a request without exactly one of text and documents")
		}
		if _, err := json.Marshal(req); err != nil {
			t.Fatalf("accepted request does not re-encode: %v", err)
		}
	})
}
