package redact

import (
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// ErrKeyring is wrapped by every error about keyring contents (LoadKeyring,
// KeyringFromEnv, ParseKeyring, NewKeyring, WithPrimary). Those errors name a
// line number or key id, never key material.
var ErrKeyring = errors.New("redact: invalid keyring")

// Keyring holds the keys for the hash and tokenize operators and for
// Detokenize. The first key is the primary: it keys every new hash and token.
// The others stay usable for Detokenize, so tokens made before a rotation
// still reverse. A Keyring is immutable and safe for concurrent use; it keeps
// only keys derived from the configured material (one for AES-SIV, one for
// HMAC), never the material itself, and no method prints either.
//
// Hashes are keyed by the primary key only, so rotating the primary changes
// every hash output.
type Keyring struct {
	keys []*ringKey // keys[0] is the primary
}

type ringKey struct {
	id   string
	siv  *siv
	hmac []byte
}

// Key-derivation labels (HKDF-SHA256 info strings). The configured material is
// split by purpose so a hash output never helps attack a token and vice versa.
const (
	infoTokenize = "weir/redact/tokenize/aes-siv/v1"
	infoHash     = "weir/redact/hash/hmac-sha256/v1"
)

// MaxKeyIDLen is the longest key id accepted. Key ids match
// [a-z][a-z0-9]* so that tokens can be parsed without a separator table.
const MaxKeyIDLen = 16

func validKeyID(id string) bool {
	if len(id) == 0 || len(id) > MaxKeyIDLen || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func newRingKey(id string, material []byte) (*ringKey, error) {
	if !validKeyID(id) {
		return nil, fmt.Errorf("%w: key id %q must match [a-z][a-z0-9]{0,%d}", ErrKeyring, id, MaxKeyIDLen-1)
	}
	if len(material) != 32 && len(material) != 64 {
		return nil, fmt.Errorf("%w: key %q is %d bytes, want 32 or 64", ErrKeyring, id, len(material))
	}
	sivKey, err := hkdf.Key(sha256.New, material, nil, infoTokenize, len(material))
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %v", ErrKeyring, id, err)
	}
	defer clear(sivKey)
	s, err := newSIV(sivKey)
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %v", ErrKeyring, id, err)
	}
	hk, err := hkdf.Key(sha256.New, material, nil, infoHash, 32)
	if err != nil {
		return nil, fmt.Errorf("%w: key %q: %v", ErrKeyring, id, err)
	}
	return &ringKey{id: id, siv: s, hmac: hk}, nil
}

// NewKeyring returns a keyring whose only (and so primary) key is material
// (32 or 64 bytes of random data) under id ([a-z][a-z0-9]*, at most
// MaxKeyIDLen bytes). The caller may clear material afterwards.
func NewKeyring(id string, material []byte) (*Keyring, error) {
	k, err := newRingKey(id, material)
	if err != nil {
		return nil, err
	}
	return &Keyring{keys: []*ringKey{k}}, nil
}

// WithPrimary returns a new keyring with material under id as its primary key
// and every key of kr after it, still usable by Detokenize. kr is unchanged.
// This is key rotation: tokens made with kr's keys still reverse. On a nil
// kr it is NewKeyring.
func (kr *Keyring) WithPrimary(id string, material []byte) (*Keyring, error) {
	if kr == nil {
		return NewKeyring(id, material)
	}
	if kr.lookup(id) != nil {
		return nil, fmt.Errorf("%w: duplicate key id %q", ErrKeyring, id)
	}
	k, err := newRingKey(id, material)
	if err != nil {
		return nil, err
	}
	keys := make([]*ringKey, 0, len(kr.keys)+1)
	keys = append(keys, k)
	keys = append(keys, kr.keys...)
	return &Keyring{keys: keys}, nil
}

// ParseKeyring reads a keyring: one "keyid:base64key" entry per line, the
// first entry being the primary key. Blank lines and lines starting with '#'
// are ignored; surrounding white space is trimmed. The key is standard or
// URL-safe base64, padded or not, and decodes to 32 or 64 bytes. Errors name
// the line and key id, never the key.
func ParseKeyring(data []byte) (*Keyring, error) {
	return parseKeyring(string(data), "\n")
}

// LoadKeyring reads a keyring file in the ParseKeyring format. The file should
// be readable by weir alone; LoadKeyring does not enforce that.
func LoadKeyring(path string) (*Keyring, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("redact: load keyring: %w", err)
	}
	defer clear(data)
	kr, err := ParseKeyring(data)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return kr, nil
}

// KeyringFromEnv reads a keyring from the environment variable name, in the
// ParseKeyring format; entries may also be separated by ',' since multi-line
// variables are awkward to set. An unset or empty variable is an error.
func KeyringFromEnv(name string) (*Keyring, error) {
	v, ok := os.LookupEnv(name)
	if !ok || strings.TrimSpace(v) == "" {
		return nil, fmt.Errorf("%w: environment variable %s is unset or empty", ErrKeyring, name)
	}
	kr, err := parseKeyring(v, "\n,")
	if err != nil {
		return nil, fmt.Errorf("%w (environment variable %s)", err, name)
	}
	return kr, nil
}

func parseKeyring(s, seps string) (*Keyring, error) {
	kr := &Keyring{}
	entries := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	for i, line := range entries {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		id, b64, ok := strings.Cut(line, ":")
		id, b64 = strings.TrimSpace(id), strings.TrimSpace(b64)
		if !ok || b64 == "" {
			return nil, fmt.Errorf("%w: entry %d: want keyid:base64key", ErrKeyring, i+1)
		}
		material, err := decodeKey(b64)
		if err != nil {
			return nil, fmt.Errorf("%w: entry %d (key %q): key is not valid base64", ErrKeyring, i+1, id)
		}
		if kr.lookup(id) != nil {
			clear(material)
			return nil, fmt.Errorf("%w: entry %d: duplicate key id %q", ErrKeyring, i+1, id)
		}
		k, err := newRingKey(id, material)
		clear(material)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", i+1, err)
		}
		kr.keys = append(kr.keys, k)
	}
	if len(kr.keys) == 0 {
		return nil, fmt.Errorf("%w: no keys", ErrKeyring)
	}
	return kr, nil
}

func decodeKey(s string) ([]byte, error) {
	var firstErr error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		b, err := enc.DecodeString(s)
		if err == nil {
			return b, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return nil, firstErr
}

func (kr *Keyring) lookup(id string) *ringKey {
	for _, k := range kr.keys {
		if k.id == id {
			return k
		}
	}
	return nil
}

func (kr *Keyring) primary() *ringKey { return kr.keys[0] }

// Primary returns the id of the key used for new hashes and tokens.
func (kr *Keyring) Primary() string { return kr.primary().id }

// IDs returns the key ids, primary first.
func (kr *Keyring) IDs() []string {
	ids := make([]string, len(kr.keys))
	for i, k := range kr.keys {
		ids[i] = k.id
	}
	return ids
}

// String describes the keyring by key ids only, e.g.
// "Keyring{primary=k2 ids=[k2 k1]}". It never includes key material.
func (kr *Keyring) String() string {
	if kr == nil || len(kr.keys) == 0 {
		return "Keyring{}"
	}
	return fmt.Sprintf("Keyring{primary=%s ids=%v}", kr.Primary(), kr.IDs())
}

// GoString is String, so that %#v does not dump the derived keys.
func (kr *Keyring) GoString() string { return kr.String() }

// String hides the derived keys from %v of a ringKey inside other values.
func (k *ringKey) String() string { return "key(" + k.id + ")" }

// GoString hides the derived keys from %#v.
func (k *ringKey) GoString() string { return k.String() }

// hashHex returns the first 8 bytes of HMAC-SHA256 of value under the
// primary key, as 16 lower-case hex digits.
func (kr *Keyring) hashHex(value []byte) string {
	m := hmac.New(sha256.New, kr.primary().hmac)
	m.Write(value)
	var sum [sha256.Size]byte
	return hex.EncodeToString(m.Sum(sum[:0])[:8])
}
