package server

import (
	"strings"
	"testing"
)

// DecodeRequest (json v2) accepts the documented shapes and names each
// problem without quoting the input.
func TestDecodeRequestMessages(t *testing.T) {
	for _, c := range []struct {
		name, body string
		want       string // "" = accepted; else a substring of the error
	}{
		{"text", `{"text":"a\nb \"q\" \u00e9"}`, ""},
		{"documents", `{"documents":[{"page_content":"a","metadata":{"k":[1,null]}},{"text":"b","metadata":null}]}`, ""},
		{"options", `{"text":"a","types":["US_SSN"],"min_confidence":0.5,"operator":"mask","operators":{"US_SSN":"hash"},"block_types":["PHI"]}`, ""},
		{"whitespace", " \n{ \"text\" : \"a\" }\n ", ""},
		{"unknown field", `{"text":"a","secret_value_123":1}`, "unknown field"},
		{"case variant", `{"Text":"a"}`, "unknown field"},
		{"duplicate", `{"text":"a","text":"secret_value_123"}`, "duplicate field at byte"},
		{"trailing", `{"text":"a"} {"text":"secret_value_123"}`, "malformed JSON at byte"},
		{"truncated", `{"text":"secret_value_123`, "truncated"},
		{"empty", ``, "empty or truncated body"},
		{"wrong type", `{"documents":[{"page_content":5}]}`, "wrong JSON type for field documents.0.page_content"},
		{"wrong type text", `{"text":["secret_value_123"]}`, "wrong JSON type for field text"},
		{"not an object", `["secret_value_123"]`, "wrong JSON type"},
		{"too deep", `{"documents":[{"text":"a","metadata":` + nested(12000) + `}]}`, "nested too deeply"},
		{"invalid UTF-8", "{\"text\":\"secret_value_123\xff\"}", "not valid UTF-8"},
		{"lone surrogate", `{"text":"\ud800"}`, "malformed JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			req, err := DecodeRequest([]byte(c.body))
			if c.want == "" {
				if err != nil || req == nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted, want an error containing %q", c.want)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want it to contain %q", err, c.want)
			}
			if strings.Contains(err.Error(), "secret_value_123") {
				t.Errorf("error quotes the input: %q", err)
			}
		})
	}
}
