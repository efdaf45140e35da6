package checksum

import (
	"bytes"
	"encoding/base64"
)

// jwtMaxLen bounds the work done on one candidate; real JWTs are a few
// hundred bytes to a few KiB.
const jwtMaxLen = 16 << 10

// JWT reports whether s is a compact JWS: three '.'-separated base64url
// segments (unpadded; trailing '=' tolerated) whose header and payload
// decode to JSON objects, the header holding a string "alg". The signature
// may be empty only for "alg":"none". Inputs over 16 KiB are rejected.
func JWT(s []byte) bool {
	if len(s) > jwtMaxLen || len(s) < 5 {
		return false
	}
	i := bytes.IndexByte(s, '.')
	if i <= 0 {
		return false
	}
	j := bytes.IndexByte(s[i+1:], '.')
	if j <= 0 {
		return false
	}
	header, payload, sig := s[:i], s[i+1:i+1+j], s[i+2+j:]
	if bytes.IndexByte(sig, '.') >= 0 {
		return false
	}
	var buf [jwtMaxLen * 3 / 4]byte
	h, ok := decodeB64URL(header, buf[:])
	if !ok {
		return false
	}
	var js jsonScanner
	js.data = h
	if !js.document() || !js.hasAlg {
		return false
	}
	algNone := js.algNone
	p, ok := decodeB64URL(payload, buf[:])
	if !ok {
		return false
	}
	js = jsonScanner{data: p}
	if !js.document() {
		return false
	}
	if len(sig) == 0 {
		return algNone
	}
	_, ok = decodeB64URL(sig, buf[:])
	return ok
}

// decodeB64URL decodes a base64url segment (padding tolerated) into buf.
func decodeB64URL(seg, buf []byte) ([]byte, bool) {
	seg = trimPadding(seg)
	if len(seg) == 0 || len(seg)%4 == 1 || decodedLen(len(seg)) > len(buf) {
		return nil, false
	}
	for _, c := range seg {
		if !isBase64URL(c) {
			return nil, false
		}
	}
	n, err := base64.RawURLEncoding.Decode(buf, seg)
	if err != nil {
		return nil, false
	}
	return buf[:n], true
}

// jsonScanner validates one JSON document whose top level must be an
// object, noting whether that object has an "alg" member with a string
// value. It does not allocate.
type jsonScanner struct {
	data    []byte
	pos     int
	depth   int
	hasAlg  bool
	algNone bool
}

const jsonMaxDepth = 64

func (j *jsonScanner) document() bool {
	j.ws()
	if j.pos >= len(j.data) || j.data[j.pos] != '{' {
		return false
	}
	if !j.object(true) {
		return false
	}
	j.ws()
	return j.pos == len(j.data)
}

func (j *jsonScanner) ws() {
	for j.pos < len(j.data) {
		switch j.data[j.pos] {
		case ' ', '\t', '\n', '\r':
			j.pos++
		default:
			return
		}
	}
}

func (j *jsonScanner) peek() byte {
	if j.pos < len(j.data) {
		return j.data[j.pos]
	}
	return 0
}

func (j *jsonScanner) value() bool {
	j.ws()
	switch c := j.peek(); {
	case c == '{':
		return j.object(false)
	case c == '[':
		return j.array()
	case c == '"':
		_, ok := j.str()
		return ok
	case c == '-' || isDigit(c):
		return j.number()
	case c == 't':
		return j.literal("true")
	case c == 'f':
		return j.literal("false")
	case c == 'n':
		return j.literal("null")
	}
	return false
}

func (j *jsonScanner) literal(lit string) bool {
	if len(j.data)-j.pos < len(lit) || string(j.data[j.pos:j.pos+len(lit)]) != lit {
		return false
	}
	j.pos += len(lit)
	return true
}

func (j *jsonScanner) object(top bool) bool {
	if j.depth++; j.depth > jsonMaxDepth {
		return false
	}
	j.pos++ // '{'
	j.ws()
	if j.peek() == '}' {
		j.pos++
		j.depth--
		return true
	}
	for {
		j.ws()
		key, ok := j.str()
		if !ok {
			return false
		}
		j.ws()
		if j.peek() != ':' {
			return false
		}
		j.pos++
		j.ws()
		if top && string(key) == "alg" && j.peek() == '"' {
			v, ok := j.str()
			if !ok {
				return false
			}
			j.hasAlg = true
			j.algNone = string(v) == "none"
		} else if !j.value() {
			return false
		}
		j.ws()
		switch j.peek() {
		case ',':
			j.pos++
		case '}':
			j.pos++
			j.depth--
			return true
		default:
			return false
		}
	}
}

func (j *jsonScanner) array() bool {
	if j.depth++; j.depth > jsonMaxDepth {
		return false
	}
	j.pos++ // '['
	j.ws()
	if j.peek() == ']' {
		j.pos++
		j.depth--
		return true
	}
	for {
		if !j.value() {
			return false
		}
		j.ws()
		switch j.peek() {
		case ',':
			j.pos++
		case ']':
			j.pos++
			j.depth--
			return true
		default:
			return false
		}
	}
}

// str scans a string and returns its raw (undecoded) contents.
func (j *jsonScanner) str() ([]byte, bool) {
	if j.peek() != '"' {
		return nil, false
	}
	j.pos++
	start := j.pos
	for j.pos < len(j.data) {
		c := j.data[j.pos]
		switch {
		case c == '"':
			raw := j.data[start:j.pos]
			j.pos++
			return raw, true
		case c < 0x20:
			return nil, false
		case c == '\\':
			j.pos++
			switch j.peek() {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				j.pos++
			case 'u':
				if len(j.data)-j.pos < 5 {
					return nil, false
				}
				for _, h := range j.data[j.pos+1 : j.pos+5] {
					if !isHex(h) {
						return nil, false
					}
				}
				j.pos += 5
			default:
				return nil, false
			}
		default:
			j.pos++
		}
	}
	return nil, false
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func (j *jsonScanner) number() bool {
	if j.peek() == '-' {
		j.pos++
	}
	switch c := j.peek(); {
	case c == '0':
		j.pos++
	case c >= '1' && c <= '9':
		for isDigit(j.peek()) {
			j.pos++
		}
	default:
		return false
	}
	if j.peek() == '.' {
		j.pos++
		if !isDigit(j.peek()) {
			return false
		}
		for isDigit(j.peek()) {
			j.pos++
		}
	}
	if c := j.peek(); c == 'e' || c == 'E' {
		j.pos++
		if c := j.peek(); c == '+' || c == '-' {
			j.pos++
		}
		if !isDigit(j.peek()) {
			return false
		}
		for isDigit(j.peek()) {
			j.pos++
		}
	}
	return true
}
