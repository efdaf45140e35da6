package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
)

// TokenPrefix starts every token made by the tokenize operator. A token is
//
//	tok_<TYPE>_<keyid>_<payload>
//
// TYPE is the entity type ([A-Z0-9]+ words joined by '_', as in TAXONOMY.md),
// keyid the keyring id of the key that made the token ([a-z][a-z0-9]*), and
// payload the unpadded base64url encoding of uvarint(len(C)) || C, where C is
// the deterministic AES-SIV (RFC 5297) output, 16-byte synthetic IV ||
// ciphertext, of the value with associated data TYPE, under a key derived from
// the keyring key. The length prefix makes a token self-delimiting:
// Detokenize knows where it ends even when letters, digits, '-', '_' or
// another token follow it directly. Because TYPE is upper case and keyid
// starts with a lower-case letter, the '_' separators are unambiguous. Equal
// values of one type give equal tokens under one key.
const TokenPrefix = "tok_"

// MaxTokenValue is the largest value, in bytes, that tokenize accepts.
const MaxTokenValue = 1 << 20

// Errors returned by Detokenize (wrapped with the token's byte offset).
var (
	// ErrUnknownKeyID: the token names a key id the keyring does not hold,
	// e.g. a key retired too early.
	ErrUnknownKeyID = errors.New("redact: token key id not in keyring")
	// ErrInvalidToken: the token does not authenticate under its key and
	// type: it was altered, or made with different key material under the
	// same id.
	ErrInvalidToken = errors.New("redact: token failed authentication")
)

var (
	b64         = base64.RawURLEncoding.Strict()
	tokenPrefix = []byte(TokenPrefix)
)

func validType(t []byte) bool {
	if len(t) == 0 || t[0] == '_' || t[len(t)-1] == '_' {
		return false
	}
	for i, c := range t {
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '_' && t[i-1] != '_':
		default:
			return false
		}
	}
	return true
}

// appendToken appends the token for value of type typ under key k.
func appendToken(dst []byte, k *ringKey, typ string, value []byte) []byte {
	c := k.siv.seal([][]byte{[]byte(typ)}, value)
	var hdr [binary.MaxVarintLen64]byte
	n := binary.PutUvarint(hdr[:], uint64(len(c)))
	raw := make([]byte, 0, n+len(c))
	raw = append(raw, hdr[:n]...)
	raw = append(raw, c...)
	dst = append(dst, TokenPrefix...)
	dst = append(dst, typ...)
	dst = append(dst, '_')
	dst = append(dst, k.id...)
	dst = append(dst, '_')
	return b64.AppendEncode(dst, raw)
}

// token is a parsed, not yet verified token.
type token struct {
	typ, keyID []byte
	c          []byte // SIV output
	n          int    // length of the token text
}

func isB64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// parseToken parses a token at the start of b, which begins with TokenPrefix.
// ok is false when b does not start with something of the token grammar.
func parseToken(b []byte) (tk token, ok bool) {
	i := len(TokenPrefix)
	// TYPE: upper-case words, each followed by '_'; stop at a lower-case word.
	typeStart := i
	for {
		j := i
		for j < len(b) && (b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
			j++
		}
		if j == i || j >= len(b) || b[j] != '_' {
			if j == i && i > typeStart && i < len(b) && b[i] >= 'a' && b[i] <= 'z' {
				break // the key id starts here
			}
			return token{}, false
		}
		i = j + 1
	}
	tk.typ = b[typeStart : i-1]
	idStart := i
	for i < len(b) && i-idStart <= MaxKeyIDLen && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= '0' && b[i] <= '9') {
		i++
	}
	if i >= len(b) || b[i] != '_' || !validKeyID(string(b[idStart:i])) {
		return token{}, false
	}
	tk.keyID = b[idStart:i]
	i++
	// Payload: the first 4 characters decode to 3 bytes holding the length.
	if len(b)-i < 4 {
		return token{}, false
	}
	var head [3]byte
	if _, err := base64.RawURLEncoding.Decode(head[:], b[i:i+4]); err != nil {
		return token{}, false
	}
	clen, vn := binary.Uvarint(head[:])
	if vn <= 0 || clen < blockSize || clen > MaxTokenValue+blockSize {
		return token{}, false
	}
	total := vn + int(clen)
	enc := b64.EncodedLen(total)
	if len(b)-i < enc {
		return token{}, false
	}
	for _, c := range b[i : i+enc] {
		if !isB64URL(c) {
			return token{}, false
		}
	}
	raw := make([]byte, total)
	if _, err := b64.Decode(raw, b[i:i+enc]); err != nil {
		return token{}, false
	}
	if uv, n := binary.Uvarint(raw); n != vn || uv != clen {
		return token{}, false // non-minimal varint
	}
	tk.c = raw[vn:]
	tk.n = i + enc
	return tk, true
}

// Detokenize returns text with every token made by this keyring's keys
// replaced by its original value; other text is copied unchanged. A string of
// the token grammar that names a key id not in the keyring fails with
// ErrUnknownKeyID, and one that does not authenticate with ErrInvalidToken,
// unless a valid token starts inside it (a token directly after text that
// happens to look like a token's beginning). Errors carry the byte offset and
// key id, never plaintext or key material; on error the output is nil.
//
// Detokenize reveals redacted values: callers should hold a separate
// permission for it (DESIGN.md, Actions).
func (kr *Keyring) Detokenize(text []byte) ([]byte, error) {
	if kr == nil || len(kr.keys) == 0 {
		return nil, fmt.Errorf("%w: no keys", ErrKeyring)
	}
	out := make([]byte, 0, len(text))
	var (
		failErr error
		failEnd = -1 // end of the earliest pending failed candidate
	)
	i := 0
	for {
		j := bytes.Index(text[i:], tokenPrefix)
		if j < 0 {
			break
		}
		j += i
		tk, ok := parseToken(text[j:])
		if !ok {
			out = append(out, text[i:j+1]...)
			i = j + 1
			continue
		}
		if failErr != nil && j >= failEnd {
			return nil, failErr
		}
		pt, err := kr.openToken(tk)
		if err != nil {
			if failErr == nil {
				failErr = fmt.Errorf("%w: token at byte %d (type %s, key id %q)", err, j, tk.typ, tk.keyID)
				failEnd = j + tk.n
			}
			out = append(out, text[i:j+1]...)
			i = j + 1
			continue
		}
		// A valid token started inside the failed candidate: the candidate was
		// ordinary text followed by this token.
		failErr = nil
		out = append(out, text[i:j]...)
		out = append(out, pt...)
		i = j + tk.n
	}
	if failErr != nil {
		return nil, failErr
	}
	return append(out, text[i:]...), nil
}

func (kr *Keyring) openToken(tk token) ([]byte, error) {
	k := kr.lookup(string(tk.keyID))
	if k == nil {
		return nil, ErrUnknownKeyID
	}
	pt, err := k.siv.open([][]byte{tk.typ}, tk.c)
	if err != nil {
		return nil, ErrInvalidToken
	}
	return pt, nil
}
