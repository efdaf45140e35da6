package openlineage

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
)

// Keys are the API keys the HTTP endpoint accepts, stored as SHA-256
// hashes (never the keys): OpenLineage clients send them as
// "Authorization: Bearer KEY" (the clients' api_key auth).
type Keys struct {
	ids    []string
	hashes [][sha256.Size]byte
}

// ParseKeys parses "id:sha256hex" entries separated by newlines or ';'
// (blank entries and lines starting with '#' are skipped). Errors name the
// entry by position, never its content.
func ParseKeys(s string) (*Keys, error) {
	ks := &Keys{}
	n := 0
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ';' }) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		id, hexHash, ok := strings.Cut(line, ":")
		h, err := hex.DecodeString(strings.TrimSpace(hexHash))
		if !ok || id == "" || err != nil || len(h) != sha256.Size {
			return nil, fmt.Errorf("API key entry %d: want id:sha256hex (the SHA-256 of the key, 64 hex digits)", n)
		}
		ks.ids = append(ks.ids, strings.TrimSpace(id))
		ks.hashes = append(ks.hashes, [sha256.Size]byte(h))
	}
	if len(ks.ids) == 0 {
		return nil, fmt.Errorf("no API key entries")
	}
	return ks, nil
}

// HashKey returns the hex SHA-256 of a key, the form ParseKeys reads.
func HashKey(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:])
}

// check returns the id of the key r carries, or "" when it carries none
// of ks.
func (ks *Keys) check(r *http.Request) string {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || tok == "" {
		return ""
	}
	h := sha256.Sum256([]byte(strings.TrimSpace(tok)))
	id := ""
	for i, k := range ks.hashes {
		if subtle.ConstantTimeCompare(h[:], k[:]) == 1 {
			id = ks.ids[i]
		}
	}
	return id
}
