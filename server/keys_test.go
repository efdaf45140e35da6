package server

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseKeys(t *testing.T) {
	h := HashKey("secret")
	ks, err := ParseKeys("# comment\n\nops:redact,classify:" + h + "\n")
	if err != nil {
		t.Fatal(err)
	}
	k := ks.lookup("secret")
	if k == nil || k.ID != "ops" || !k.has(ScopeRedact) || !k.has(ScopeClassify) || k.has(ScopeDetokenize) {
		t.Fatalf("lookup: %+v", k)
	}
	if ks.lookup("Secret") != nil || ks.lookup("") != nil || ks.lookup(h) != nil {
		t.Error("lookup accepted a wrong key")
	}
	for _, bad := range []string{
		"",
		"ops:redact",
		"ops:redact:zz",
		"ops:admin:" + h,
		":redact:" + h,
		"a:redact:" + h + ";a:classify:" + HashKey("other"),
		"a:redact:" + h + ";b:classify:" + h,
	} {
		_, err := ParseKeys(bad)
		if !errors.Is(err, ErrKeys) {
			t.Errorf("ParseKeys(%q): %v, want ErrKeys", bad, err)
		}
		if err != nil && strings.Contains(err.Error(), h) {
			t.Errorf("error quotes the hash: %v", err)
		}
	}
	// ';' separates entries too (environment variables).
	ks, err = ParseKeys("a:redact:" + h + ";b:detokenize:" + HashKey("other"))
	if err != nil || ks.Len() != 2 {
		t.Fatalf("';' list: %v", err)
	}
	path := filepath.Join(t.TempDir(), "keys")
	if err := os.WriteFile(path, []byte("a:redact:"+h+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if ks, err := LoadKeys(path); err != nil || ks.lookup("secret") == nil {
		t.Errorf("LoadKeys: %v", err)
	}
}
