package main

import "github.com/weir-dev/weir/internal/jsonwalk"

// The JSON walker lives in internal/jsonwalk, shared with the streaming
// pipeline; these names keep the command's call sites short.

// jsonString is one string or number value inside a JSON document.
type jsonString struct {
	path string // "messages[2].content"
	raw  []byte // the literal: a string with its quotes, or a number
	off  int    // offset of raw in the document
}

// isString reports whether js is a string (else a number).
func (js jsonString) isString() bool { return len(js.raw) > 0 && js.raw[0] == '"' }

// walkJSONStrings calls fn for every string and number value of doc, in
// document order (see jsonwalk.Walk). doc must be valid JSON.
func walkJSONStrings(doc []byte, fn func(jsonString)) {
	jsonwalk.Walk(doc, func(v jsonwalk.Value) { fn(jsonString{path: v.Path, raw: v.Raw, off: v.Off}) })
}

func unquoteJSON(dst, raw []byte) []byte    { return jsonwalk.Unquote(dst, raw) }
func rawOffset(raw []byte, off int) int     { return jsonwalk.RawOffset(raw, off) }
func appendJSONString(dst, b []byte) []byte { return jsonwalk.AppendString(dst, b) }
