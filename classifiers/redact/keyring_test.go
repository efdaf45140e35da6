package redact

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseKeyring(t *testing.T) {
	k1 := testKey(1, 32)
	k2 := testKey(2, 64)
	tests := []struct {
		name, data string
		ids        []string
	}{
		{"one key", testKeyLine("k1", 1, 32), []string{"k1"}},
		{"primary first, comments, blanks, CRLF", "# weir keys\r\n\r\n" + testKeyLine("k2", 2, 64) + "\r\n  " + testKeyLine("k1", 1, 32) + "  \n", []string{"k2", "k1"}},
		{"raw url base64", "k1:" + base64.RawURLEncoding.EncodeToString(k1), []string{"k1"}},
		{"url base64 padded", "k2:" + base64.URLEncoding.EncodeToString(k2), []string{"k2"}},
		{"spaces around colon", "k1 : " + base64.StdEncoding.EncodeToString(k1), []string{"k1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kr, err := ParseKeyring([]byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(kr.IDs(), tt.ids) || kr.Primary() != tt.ids[0] {
				t.Fatalf("ids = %v primary %s, want %v", kr.IDs(), kr.Primary(), tt.ids)
			}
		})
	}
}

func TestParseKeyringErrors(t *testing.T) {
	short := base64.StdEncoding.EncodeToString(testKey(5, 16))
	tests := []struct{ name, data string }{
		{"empty", ""},
		{"only comments", "# nothing\n\n"},
		{"no colon", "k1" + base64.StdEncoding.EncodeToString(testKey(1, 32))},
		{"no key", "k1:"},
		{"bad base64", "k1:not*base64!"},
		{"16-byte key", "k1:" + short},
		{"48-byte key", testKeyLine("k1", 1, 48)},
		{"upper-case id", testKeyLine("K1", 1, 32)},
		{"id starts with digit", testKeyLine("1k", 1, 32)},
		{"id with underscore", testKeyLine("k_1", 1, 32)},
		{"id too long", testKeyLine(strings.Repeat("k", MaxKeyIDLen+1), 1, 32)},
		{"duplicate id", testKeyLine("k1", 1, 32) + "\n" + testKeyLine("k1", 2, 32)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kr, err := ParseKeyring([]byte(tt.data))
			if !errors.Is(err, ErrKeyring) || kr != nil {
				t.Fatalf("ParseKeyring = %v, %v; want ErrKeyring", kr, err)
			}
			// Errors never echo key material.
			if _, b64, ok := strings.Cut(tt.data, ":"); ok && len(b64) > 8 && strings.Contains(err.Error(), strings.TrimSpace(b64)) {
				t.Fatalf("error reveals key: %v", err)
			}
		})
	}
	if _, err := NewKeyring("k1", testKey(1, 31)); !errors.Is(err, ErrKeyring) {
		t.Fatalf("NewKeyring with 31 bytes: %v", err)
	}
}

func TestKeyringFromEnvAndFile(t *testing.T) {
	const env = "WEIR_TEST_REDACT_KEYS"
	t.Setenv(env, testKeyLine("k2", 2, 32)+","+testKeyLine("k1", 1, 32))
	kr, err := KeyringFromEnv(env)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(kr.IDs(), []string{"k2", "k1"}) {
		t.Fatalf("ids = %v", kr.IDs())
	}
	t.Setenv(env, "")
	if _, err := KeyringFromEnv(env); !errors.Is(err, ErrKeyring) || !strings.Contains(err.Error(), env) {
		t.Fatalf("empty env: %v", err)
	}
	if _, err := KeyringFromEnv("WEIR_TEST_REDACT_KEYS_UNSET_42"); !errors.Is(err, ErrKeyring) {
		t.Fatalf("unset env: %v", err)
	}

	dir := t.TempDir()
	if _, err := LoadKeyring(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
	bad := filepath.Join(dir, "bad")
	os.WriteFile(bad, []byte("k1:AAAA\n"), 0o600)
	if _, err := LoadKeyring(bad); !errors.Is(err, ErrKeyring) || !strings.Contains(err.Error(), bad) {
		t.Fatalf("bad file: %v", err)
	}
}

// No formatting of a keyring or redactor may print key material, raw or in
// the usual encodings.
func TestKeyringNeverPrintsKeys(t *testing.T) {
	material := testKey(7, 64)
	kr, err := ParseKeyring([]byte("k7:" + base64.StdEncoding.EncodeToString(material)))
	if err != nil {
		t.Fatal(err)
	}
	r := mustNew(t, Policy{Default: OpTokenize}, kr)
	forbidden := []string{
		base64.StdEncoding.EncodeToString(material)[:12],
		base64.RawURLEncoding.EncodeToString(material)[:12],
		hex.EncodeToString(material)[:12],
		string(material[:12]),
	}
	for _, v := range []any{kr, *kr, r, *r, kr.keys[0], kr.keys} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x"} {
			s := fmt.Sprintf(verb, v)
			for _, f := range forbidden {
				if strings.Contains(s, f) {
					t.Fatalf("fmt %s of %T reveals key material: %s", verb, v, s)
				}
			}
		}
	}
	if got, want := kr.String(), "Keyring{primary=k7 ids=[k7]}"; got != want {
		t.Fatalf("String = %q, want %q", got, want)
	}
}
