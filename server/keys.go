package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Scope is a permission an API key holds.
type Scope string

// The scopes. ScopeDetokenize reveals redacted values: grant it apart from
// ScopeRedact (DESIGN.md, Actions).
const (
	ScopeRedact     Scope = "redact"
	ScopeClassify   Scope = "classify"
	ScopeDetokenize Scope = "detokenize"
)

// ErrKeys is wrapped by every error about an API key list. Those errors name
// a line number or key id, never a hash or key.
var ErrKeys = errors.New("server: invalid API keys")

// APIKey is one configured key: an id (logged, safe to show), its scopes and
// the SHA-256 of the key. The key itself is never held.
type APIKey struct {
	ID     string
	Scopes []Scope
	Hash   [sha256.Size]byte
}

func (k *APIKey) has(s Scope) bool {
	for _, x := range k.Scopes {
		if x == s {
			return true
		}
	}
	return false
}

// KeySet is an immutable set of API keys, safe for concurrent use.
type KeySet struct {
	byHash map[[sha256.Size]byte]*APIKey
}

// HashKey returns the hex SHA-256 of key, the form ParseKeys expects.
func HashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// ParseKeys parses API keys, one "id:scope1,scope2:sha256hex" per line or
// separated by ';'. Blank lines and lines starting with '#' are ignored.
func ParseKeys(data string) (*KeySet, error) {
	ks := &KeySet{byHash: map[[sha256.Size]byte]*APIKey{}}
	ids := map[string]bool{}
	lines := strings.FieldsFunc(data, func(r rune) bool { return r == '\n' || r == ';' })
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%w: entry %d: want id:scopes:sha256hex", ErrKeys, i+1)
		}
		id := strings.TrimSpace(parts[0])
		if id == "" || len(id) > 64 || strings.ContainsAny(id, " \t\"") {
			return nil, fmt.Errorf("%w: entry %d: bad key id", ErrKeys, i+1)
		}
		if ids[id] {
			return nil, fmt.Errorf("%w: key id %q used twice", ErrKeys, id)
		}
		ids[id] = true
		k := &APIKey{ID: id}
		for _, s := range strings.Split(parts[1], ",") {
			switch sc := Scope(strings.TrimSpace(s)); sc {
			case ScopeRedact, ScopeClassify, ScopeDetokenize:
				k.Scopes = append(k.Scopes, sc)
			default:
				return nil, fmt.Errorf("%w: key id %q: unknown scope %q", ErrKeys, id, s)
			}
		}
		h, err := hex.DecodeString(strings.TrimSpace(parts[2]))
		if err != nil || len(h) != sha256.Size {
			return nil, fmt.Errorf("%w: key id %q: hash is not 64 hex digits", ErrKeys, id)
		}
		copy(k.Hash[:], h)
		if _, dup := ks.byHash[k.Hash]; dup {
			return nil, fmt.Errorf("%w: key id %q: same key as another id", ErrKeys, id)
		}
		ks.byHash[k.Hash] = k
	}
	if len(ks.byHash) == 0 {
		return nil, fmt.Errorf("%w: no keys", ErrKeys)
	}
	return ks, nil
}

// LoadKeys reads a ParseKeys file.
func LoadKeys(path string) (*KeySet, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("server: load API keys: %w", err)
	}
	ks, err := ParseKeys(string(b))
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return ks, nil
}

// Len returns the number of keys.
func (ks *KeySet) Len() int { return len(ks.byHash) }

// lookup returns the key whose hash matches key, or nil.
func (ks *KeySet) lookup(key string) *APIKey {
	if ks == nil || key == "" {
		return nil
	}
	h := sha256.Sum256([]byte(key))
	k := ks.byHash[h]
	if k == nil || subtle.ConstantTimeCompare(k.Hash[:], h[:]) != 1 {
		return nil
	}
	return k
}
