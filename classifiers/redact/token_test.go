package redact

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

func tokenize(t testing.TB, kr *Keyring, text string, fs ...classifiers.Finding) string {
	t.Helper()
	out, _, err := mustNew(t, Policy{Default: OpTokenize}, kr).Apply([]byte(text), fs)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestTokenRoundTrip(t *testing.T) {
	kr := testKeyring(t)
	tests := []struct {
		name string
		text string
		fs   func(text string) []classifiers.Finding
	}{
		{"several tokens in text", "From: alice@example.com To: bob@example.org SSN 123-45-6789.", func(s string) []classifiers.Finding {
			return []classifiers.Finding{find(t, s, "alice@example.com", "EMAIL_ADDRESS", 1), find(t, s, "bob@example.org", "EMAIL_ADDRESS", 1), find(t, s, "123-45-6789", "US_SSN", 1)}
		}},
		{"adjacent tokens", "alicebob", func(string) []classifiers.Finding {
			return []classifiers.Finding{{Type: "PERSON", Start: 0, End: 5}, {Type: "PERSON", Start: 5, End: 8}}
		}},
		// Pins the self-delimiting length prefix: base64url characters right
		// after a token must not be read as part of it.
		{"token followed by base64url characters", "key=sk_live_abc_DEF-123_xyz", func(s string) []classifiers.Finding {
			return []classifiers.Finding{find(t, s, "sk_live_abc", "STRIPE_SECRET_KEY", 1)}
		}},
		{"token-like text before a token", "tok_EMAIL_ADDRESS_k1_alice@example.com", func(s string) []classifiers.Finding {
			return []classifiers.Finding{find(t, s, "alice@example.com", "EMAIL_ADDRESS", 1)}
		}},
		{"binary value", "x\x00\xff\xfe\x80y", func(string) []classifiers.Finding {
			return []classifiers.Finding{{Type: "BLOB", Start: 1, End: 5}}
		}},
		{"whole text, one byte", "z", func(string) []classifiers.Finding {
			return []classifiers.Finding{{Type: "Z", Start: 0, End: 1}}
		}},
		{"long value", strings.Repeat("-----BEGIN PRIVATE KEY-----", 200), func(s string) []classifiers.Finding {
			return []classifiers.Finding{{Type: "PRIVATE_KEY", Start: 0, End: len(s)}}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := tt.fs(tt.text)
			tok := tokenize(t, kr, tt.text, fs...)
			if strings.Count(tok, TokenPrefix) < len(fs) {
				t.Fatalf("expected %d tokens in %q", len(fs), tok)
			}
			got, err := kr.Detokenize([]byte(tok))
			if err != nil {
				t.Fatalf("Detokenize: %v", err)
			}
			if string(got) != tt.text {
				t.Fatalf("round trip = %q, want %q", got, tt.text)
			}
		})
	}
}

func TestDetokenizeLeavesOtherTextAlone(t *testing.T) {
	kr := testKeyring(t)
	for _, s := range []string{
		"", "tok_", "tok_tok_", "tok_A_", "tok_A_k1_", "tok_A_k1_AAAA", "tok_a_k1_QUFBQUFBQUFBQUFBQUFBQUFBQUFB",
		"tok_A__k1_" + strings.Repeat("A", 40), "tok_A_1k_" + strings.Repeat("A", 40), "tok_A_k1 " + strings.Repeat("A", 40),
		"plain text with tok_ in it", "\xff\xfetok_\x00",
	} {
		got, err := kr.Detokenize([]byte(s))
		if err != nil || string(got) != s {
			t.Errorf("Detokenize(%q) = %q, %v; want unchanged", s, got, err)
		}
	}
}

func TestDetokenizeErrors(t *testing.T) {
	kr := testKeyring(t)
	tok := tokenize(t, kr, "alice@example.com", classifiers.Finding{Type: "EMAIL_ADDRESS", End: 17})

	// Flip one payload character (keep it base64url).
	b := []byte(tok)
	last := len(b) - 3
	if b[last] == 'A' {
		b[last] = 'B'
	} else {
		b[last] = 'A'
	}
	tampered := string(b)
	retyped := strings.Replace(tok, "tok_EMAIL_ADDRESS_", "tok_PHONE_NUMBER_", 1)
	otherMaterial, _ := NewKeyring("k1", testKey(99, 32))

	tests := []struct {
		name string
		kr   *Keyring
		text string
		want error
	}{
		{"tampered payload", kr, "see " + tampered, ErrInvalidToken},
		{"type changed", kr, retyped, ErrInvalidToken},
		{"same id, other material", otherMaterial, tok, ErrInvalidToken},
		{"unknown key id", kr, strings.Replace(tok, "_k1_", "_k9_", 1), ErrUnknownKeyID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := tt.kr.Detokenize([]byte(tt.text))
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if out != nil {
				t.Fatalf("output returned with error: %q", out)
			}
			if strings.Contains(err.Error(), "alice") {
				t.Fatalf("error reveals plaintext: %v", err)
			}
			if !strings.Contains(err.Error(), "at byte") {
				t.Errorf("error %q does not give an offset", err)
			}
		})
	}
	if _, err := kr.Detokenize([]byte(strings.Replace(tok, "_k1_", "_k9_", 1))); !strings.Contains(err.Error(), `"k9"`) {
		t.Errorf("unknown key error does not name the key id: %v", err)
	}
}

func TestKeyRotation(t *testing.T) {
	old := testKeyring(t) // primary k1
	const text = "patient MRN 00012345"
	f := find(t, text, "00012345", "MEDICAL_RECORD_NUMBER", 1)
	oldTok := tokenize(t, old, text, f)

	rotated, err := old.WithPrimary("k2", testKey(2, 64))
	if err != nil {
		t.Fatal(err)
	}
	if rotated.Primary() != "k2" || old.Primary() != "k1" {
		t.Fatalf("primaries: rotated %s, old %s", rotated.Primary(), old.Primary())
	}
	newTok := tokenize(t, rotated, text, f)
	if !strings.Contains(newTok, "_k2_") || newTok == oldTok {
		t.Fatalf("new token not made with k2: %q", newTok)
	}
	both := oldTok + "\n" + newTok
	got, err := rotated.Detokenize([]byte(both))
	if err != nil || string(got) != text+"\n"+text {
		t.Fatalf("rotated keyring: %q, %v", got, err)
	}
	// The old keyring cannot read tokens from the new key.
	if _, err := old.Detokenize([]byte(newTok)); !errors.Is(err, ErrUnknownKeyID) {
		t.Fatalf("old keyring on new token: %v", err)
	}
	// The same rotation through a key file.
	path := filepath.Join(t.TempDir(), "keys")
	file := testKeyLine("k2", 2, 64) + "\n" + testKeyLine("k1", 1, 32) + "\n"
	if err := os.WriteFile(path, []byte(file), 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile, err := LoadKeyring(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err = fromFile.Detokenize([]byte(both))
	if err != nil || string(got) != text+"\n"+text {
		t.Fatalf("keyring file: %q, %v", got, err)
	}
	if _, err := rotated.WithPrimary("k1", testKey(3, 32)); !errors.Is(err, ErrKeyring) {
		t.Fatalf("duplicate id on rotation: %v", err)
	}
}

func TestTokenFormat(t *testing.T) {
	kr := testKeyring(t)
	tok := tokenize(t, kr, "123-45-6789", classifiers.Finding{Type: "US_SSN", End: 11})
	if !strings.HasPrefix(tok, "tok_US_SSN_k1_") {
		t.Fatalf("token %q", tok)
	}
	tk, ok := parseToken([]byte(tok + "_trailing"))
	if !ok || tk.n != len(tok) || string(tk.typ) != "US_SSN" || string(tk.keyID) != "k1" || len(tk.c) != 16+11 {
		t.Fatalf("parseToken = %+v, %v", tk, ok)
	}
	// Golden: tokens are deterministic and must stay readable across releases.
	if tok != goldenToken {
		t.Fatalf("token = %s, want %s", tok, goldenToken)
	}
}

const goldenToken = "tok_US_SSN_k1_G1DTgV6RRLTKu0dosUzCAfjjqt6NL-iOEomZiw"
