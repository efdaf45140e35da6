// Package jsonwalk walks the string and number values of a JSON document with
// their paths and byte offsets, and decodes and encodes JSON string literals
// without losing byte offsets. It is shared by weir scan/redact (cmd/weir) and
// the streaming pipeline, so that both name JSON fields the same way.
// Every function is pure and safe for concurrent use.
package jsonwalk

import (
	"strconv"
	"strings"
)

// Value is one string or number value inside a JSON document.
type Value struct {
	Path string // "messages[2].content"; keys that are not identifiers are quoted: ["a b"]
	Raw  []byte // the literal: a string with its quotes, or a number
	Off  int    // offset of Raw in the document
}

// IsString reports whether v is a string (else a number).
func (v Value) IsString() bool { return len(v.Raw) > 0 && v.Raw[0] == '"' }

// Walk calls fn for every string and number value (not object
// keys, not true/false/null) of doc, in document order: a card number or an
// SSN stored as a JSON number is data too. doc must be valid JSON (json.Valid).
func Walk(doc []byte, fn func(Value)) {
	w := jsonWalker{doc: doc, fn: fn}
	w.value(w.skipWS(0), "")
}

type jsonWalker struct {
	doc []byte
	fn  func(Value)
}

func (w *jsonWalker) skipWS(i int) int {
	for i < len(w.doc) {
		switch w.doc[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value walks the value at i and returns the offset after it.
func (w *jsonWalker) value(i int, path string) int {
	if i >= len(w.doc) {
		return i
	}
	switch w.doc[i] {
	case '"':
		end := w.stringEnd(i)
		w.fn(Value{Path: path, Raw: w.doc[i:end], Off: i})
		return end
	case '{':
		i = w.skipWS(i + 1)
		for i < len(w.doc) && w.doc[i] != '}' {
			kend := w.stringEnd(i)
			key := string(Unquote(nil, w.doc[i:kend]))
			i = w.skipWS(kend)
			i = w.skipWS(i + 1) // ':'
			i = w.skipWS(w.value(i, joinKey(path, key)))
			if i < len(w.doc) && w.doc[i] == ',' {
				i = w.skipWS(i + 1)
			}
		}
		return i + 1
	case '[':
		i = w.skipWS(i + 1)
		for n := 0; i < len(w.doc) && w.doc[i] != ']'; n++ {
			i = w.skipWS(w.value(i, path+"["+strconv.Itoa(n)+"]"))
			if i < len(w.doc) && w.doc[i] == ',' {
				i = w.skipWS(i + 1)
			}
		}
		return i + 1
	default: // number, true, false, null
		start := i
		for i < len(w.doc) {
			switch w.doc[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				goto end
			}
			i++
		}
	end:
		if c := w.doc[start]; c == '-' || c >= '0' && c <= '9' {
			w.fn(Value{Path: path, Raw: w.doc[start:i], Off: start})
		}
		return i
	}
}

// stringEnd returns the offset after the string literal starting at i.
func (w *jsonWalker) stringEnd(i int) int {
	for j := i + 1; j < len(w.doc); j++ {
		switch w.doc[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(w.doc)
}

func joinKey(path, key string) string {
	if isIdent(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "[" + strconv.Quote(key) + "]"
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	return strings.IndexFunc(s, func(r rune) bool {
		return !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 127)
	}) < 0
}
