package vectordb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// node is a JSON value kept as its raw bytes until a caller expands it
// into an object or array. Encoding writes unexpanded values byte for byte,
// so vectors and ids (never expanded) leave the proxy exactly as they came:
// no float is ever decoded and re-formatted.
type node struct {
	raw   json.RawMessage
	obj   *object
	arr   []*node
	isArr bool
	// str is set by setString: the value becomes this string.
	str   *string
	dirty bool // this node or one below it changed
}

// object is a JSON object with its members in input order (duplicates kept:
// each one is inspected, so a repeated key cannot hide text).
type object struct {
	keys []string
	vals []*node
}

var errNotObject = errors.New("not a JSON object")

func newNode(raw []byte) *node { return &node{raw: raw} }

// kind returns the first byte of the value ('{', '[', '"', ...).
func (n *node) kind() byte {
	switch {
	case n.obj != nil:
		return '{'
	case n.isArr:
		return '['
	case n.str != nil:
		return '"'
	}
	for _, c := range n.raw {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
	}
	return 0
}

// asObject expands n into an object; it fails for any other value. n's
// bytes are valid JSON (parseBody validated the whole body).
func (n *node) asObject() (*object, error) {
	if n.obj != nil {
		return n.obj, nil
	}
	if n.kind() != '{' {
		return nil, errNotObject
	}
	b := n.raw
	i := skipWS(b, 0) + 1
	o := &object{}
	for {
		i = skipWS(b, i)
		if i >= len(b) {
			return nil, errNotObject
		}
		if b[i] == '}' {
			break
		}
		if b[i] == ',' {
			i = skipWS(b, i+1)
		}
		kEnd := skipString(b, i)
		if kEnd < 0 {
			return nil, errNotObject
		}
		key, ok := decodeString(b[i:kEnd])
		if !ok {
			return nil, errNotObject
		}
		i = skipWS(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return nil, errNotObject
		}
		i = skipWS(b, i+1)
		vEnd := skipValue(b, i)
		if vEnd < 0 {
			return nil, errNotObject
		}
		o.keys = append(o.keys, key)
		o.vals = append(o.vals, newNode(b[i:vEnd:vEnd]))
		i = vEnd
	}
	n.obj = o
	return o, nil
}

// asArray expands n into its elements; ok is false for any other value.
func (n *node) asArray() ([]*node, bool) {
	if n.isArr {
		return n.arr, true
	}
	if n.kind() != '[' {
		return nil, false
	}
	b := n.raw
	i := skipWS(b, 0) + 1
	arr := []*node{}
	for {
		i = skipWS(b, i)
		if i >= len(b) {
			return nil, false
		}
		if b[i] == ']' {
			break
		}
		if b[i] == ',' {
			i = skipWS(b, i+1)
		}
		end := skipValue(b, i)
		if end < 0 {
			return nil, false
		}
		arr = append(arr, newNode(b[i:end:end]))
		i = end
	}
	n.arr, n.isArr = arr, true
	return arr, true
}

// asString decodes a JSON string value.
func (n *node) asString() (string, bool) {
	if n.str != nil {
		return *n.str, true
	}
	if n.kind() != '"' {
		return "", false
	}
	b := n.raw[skipWS(n.raw, 0):]
	end := skipString(b, 0)
	if end < 0 {
		return "", false
	}
	return decodeString(b[:end])
}

// decodeString decodes a quoted JSON string; without escapes and with
// valid UTF-8 it is a plain copy.
func decodeString(q []byte) (string, bool) {
	if len(q) < 2 {
		return "", false
	}
	inner := q[1 : len(q)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner), true
	}
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return "", false
	}
	return s, true
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"'),
// or -1.
func skipString(b []byte, i int) int {
	if i >= len(b) || b[i] != '"' {
		return -1
	}
	for j := i + 1; j < len(b); {
		q := bytes.IndexByte(b[j:], '"')
		if q < 0 {
			return -1
		}
		j += q
		// The quote ends the string unless an odd run of backslashes
		// escapes it.
		bs := 0
		for k := j - 1; k > i && b[k] == '\\'; k-- {
			bs++
		}
		if bs%2 == 0 {
			return j + 1
		}
		j++
	}
	return -1
}

// structural marks the bytes skipValue stops at inside a container.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true}

// skipValue returns the index after the JSON value starting at b[i], or
// -1. It relies on b being valid JSON (parseBody checks the body once).
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			// Most bytes of a container (digits of a vector) are not
			// structural: skip them with one table lookup each.
			for i < len(b) && !structural[b[i]] {
				i++
			}
			if i >= len(b) {
				break
			}
			switch b[i] {
			case '"':
				e := skipString(b, i)
				if e < 0 {
					return -1
				}
				i = e
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
	}
	return i
}

func (n *node) setString(s string) {
	n.str = &s
	n.obj, n.arr, n.isArr = nil, nil, false
	n.dirty = true
}

// get returns the last member named key (what encoding/json and most
// servers read), or nil.
func (o *object) get(key string) *node {
	for i := len(o.keys) - 1; i >= 0; i-- {
		if o.keys[i] == key {
			return o.vals[i]
		}
	}
	return nil
}

// all returns every member named key, in order.
func (o *object) all(key string) []*node {
	var out []*node
	for i, k := range o.keys {
		if k == key {
			out = append(out, o.vals[i])
		}
	}
	return out
}

// changed reports whether n or anything below it was rewritten.
func (n *node) changed() bool {
	if n.dirty {
		return true
	}
	if n.obj != nil {
		for _, v := range n.obj.vals {
			if v.changed() {
				return true
			}
		}
	}
	for _, v := range n.arr {
		if v.changed() {
			return true
		}
	}
	return false
}

// encode writes n: unchanged subtrees as their original bytes.
func (n *node) encode(w *bytes.Buffer) error {
	switch {
	case n.str != nil:
		return writeString(w, *n.str)
	case !n.changed():
		w.Write(n.raw)
		return nil
	case n.obj != nil:
		w.WriteByte('{')
		for i, k := range n.obj.keys {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := writeString(w, k); err != nil {
				return err
			}
			w.WriteByte(':')
			if err := n.obj.vals[i].encode(w); err != nil {
				return err
			}
		}
		w.WriteByte('}')
	case n.isArr:
		w.WriteByte('[')
		for i, v := range n.arr {
			if i > 0 {
				w.WriteByte(',')
			}
			if err := v.encode(w); err != nil {
				return err
			}
		}
		w.WriteByte(']')
	default:
		return fmt.Errorf("vectordb: cannot encode a changed scalar")
	}
	return nil
}

func writeString(w *bytes.Buffer, s string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	w.Truncate(w.Len() - 1) // Encode's newline
	return nil
}

// parseBody checks that body is exactly one valid JSON value (one pass of
// encoding/json's scanner) and returns it unexpanded.
func parseBody(body []byte) (*node, error) {
	if !json.Valid(body) {
		dec := json.NewDecoder(bytes.NewReader(body))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, describeJSONError(err)
		}
		return nil, errors.New("trailing data after the JSON value")
	}
	i := skipWS(body, 0)
	end := skipValue(body, i)
	if end < 0 {
		return nil, errors.New("malformed JSON")
	}
	return newNode(body[i:end:end]), nil
}

// describeJSONError names the problem and offset, never the input.
func describeJSONError(err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("malformed JSON at byte %d", se.Offset)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("truncated or empty JSON body")
	}
	return errors.New("malformed JSON")
}
