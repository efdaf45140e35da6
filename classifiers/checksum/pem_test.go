package checksum

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
)

type pemFixtures struct {
	rsaPKCS1, rsaPKCS8, ecSEC1, ecPKCS8, edPKCS8, openssh, legacyEnc, pgp string
	rsaPublic, ecPublic, cert, csr                                        string
}

var (
	fixturesOnce sync.Once
	fixtures     pemFixtures
)

// pemFixturesFor generates keys once per test binary (RSA 1024 for speed).
func pemFixturesFor(t testing.TB) pemFixtures {
	t.Helper()
	fixturesOnce.Do(func() {
		enc := func(typ string, der []byte, headers map[string]string) string {
			return string(pem.EncodeToMemory(&pem.Block{Type: typ, Headers: headers, Bytes: der}))
		}
		rk, err := rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			panic(err)
		}
		ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		edPub, edKey, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			panic(err)
		}
		must := func(b []byte, err error) []byte {
			if err != nil {
				panic(err)
			}
			return b
		}
		f := &fixtures
		f.rsaPKCS1 = enc("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rk), nil)
		f.rsaPKCS8 = enc("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(rk)), nil)
		f.ecSEC1 = enc("EC PRIVATE KEY", must(x509.MarshalECPrivateKey(ek)), nil)
		f.ecPKCS8 = enc("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(ek)), nil)
		f.edPKCS8 = enc("PRIVATE KEY", must(x509.MarshalPKCS8PrivateKey(edKey)), nil)
		sb, err := ssh.MarshalPrivateKey(edKey, "test@host")
		if err != nil {
			panic(err)
		}
		f.openssh = string(pem.EncodeToMemory(sb))
		ct := make([]byte, 16*40) // legacy encrypted PKCS#1: ciphertext, whole AES blocks
		rand.Read(ct)
		f.legacyEnc = enc("RSA PRIVATE KEY", ct, map[string]string{"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,E02D5DFBB07A87D7E73661631AF59DAB"})
		f.pgp = pgpArmor(pgpBody(300), true)
		f.rsaPublic = enc("PUBLIC KEY", must(x509.MarshalPKIXPublicKey(&rk.PublicKey)), nil)
		f.ecPublic = enc("PUBLIC KEY", must(x509.MarshalPKIXPublicKey(edPub)), nil)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "t"}, NotBefore: time.Unix(0, 0), NotAfter: time.Unix(1<<31, 0)}
		f.cert = enc("CERTIFICATE", must(x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ek.PublicKey, ek)), nil)
		f.csr = enc("CERTIFICATE REQUEST", must(x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "t"}}, ek)), nil)
	})
	return fixtures
}

// pgpBody is a structurally plausible secret-key packet stream: an
// old-format tag-5 header followed by filler.
func pgpBody(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	b[0], b[1], b[2] = 0x95, byte((n-3)>>8), byte(n-3)
	return b
}

// pgpArmor writes an ASCII-armored private key block, with or without the
// CRC-24 line.
func pgpArmor(body []byte, withCRC bool) string {
	var sb strings.Builder
	sb.WriteString("-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\nComment: test\n\n")
	s := base64.StdEncoding.EncodeToString(body)
	for len(s) > 64 {
		sb.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	sb.WriteString(s + "\n")
	if withCRC {
		c := crc24Ref(body)
		sb.WriteString("=" + base64.StdEncoding.EncodeToString([]byte{byte(c >> 16), byte(c >> 8), byte(c)}) + "\n")
	}
	sb.WriteString("-----END PGP PRIVATE KEY BLOCK-----\n")
	return sb.String()
}

// pemForms returns v in the layouts found in text: as is, without the
// final newline, CRLF, JSON/.env `\n` escapes, YAML-indented, and (for
// blocks without headers) one line with spaces.
func pemForms(v string) map[string]string {
	trimmed := strings.TrimRight(v, "\n")
	lines := strings.Split(trimmed, "\n")
	forms := map[string]string{
		"raw":          v,
		"trimmed":      trimmed,
		"crlf":         strings.ReplaceAll(v, "\n", "\r\n"),
		"escaped":      strings.ReplaceAll(v, "\n", `\n`),
		"escaped-crlf": strings.ReplaceAll(v, "\n", `\r\n`),
		"yaml":         strings.Join(lines, "\n  "),
		"yaml-tab":     strings.Join(lines, "\n\t\t"),
	}
	if !strings.Contains(v, ":") {
		forms["spaces"] = strings.Join(lines, " ")
	}
	if strings.Contains(v, "/") {
		forms["json-slash"] = strings.ReplaceAll(strings.ReplaceAll(v, "/", `\/`), "\n", `\n`)
	}
	return forms
}

func TestPEMValid(t *testing.T) {
	f := pemFixturesFor(t)
	for name, v := range map[string]string{
		"rsa-pkcs1": f.rsaPKCS1, "rsa-pkcs8": f.rsaPKCS8, "ec-sec1": f.ecSEC1, "ec-pkcs8": f.ecPKCS8,
		"ed25519-pkcs8": f.edPKCS8, "openssh": f.openssh, "legacy-encrypted": f.legacyEnc, "pgp": f.pgp,
		"pgp-no-crc": pgpArmor(pgpBody(200), false),
	} {
		for form, s := range pemForms(v) {
			if !PEM([]byte(s)) {
				t.Errorf("%s/%s: PEM = false:\n%s", name, form, s)
			}
		}
	}
	// Labels that share the DER check.
	for _, label := range []string{"DSA PRIVATE KEY", "ENCRYPTED PRIVATE KEY"} {
		v := strings.ReplaceAll(f.rsaPKCS8, "PRIVATE KEY", label)
		if !PEM([]byte(v)) {
			t.Errorf("PEM(%s) = false", label)
		}
	}
	// Real parsers agree that the fixtures are private keys.
	b, _ := pem.Decode([]byte(f.rsaPKCS1))
	if _, err := x509.ParsePKCS1PrivateKey(b.Bytes); err != nil {
		t.Fatal(err)
	}
}

func TestPEMInvalid(t *testing.T) {
	f := pemFixturesFor(t)
	mid := func(s string) (head, body, tail string) {
		i := strings.Index(s, "\n") + 1
		j := strings.LastIndex(strings.TrimRight(s, "\n"), "\n") + 1
		return s[:i], s[i:j], s[j:]
	}
	h, body, tail := mid(f.rsaPKCS1)
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	pgpBad := strings.Replace(f.pgp, "\n=", "\n=A", 1)
	pgpBad = pgpBad[:strings.Index(pgpBad, "\n=A")+6] + pgpBad[strings.Index(pgpBad, "\n=A")+7:]
	cases := map[string]string{
		"public-key":       f.rsaPublic,
		"public-ed25519":   f.ecPublic,
		"certificate":      f.cert,
		"csr":              f.csr,
		"rsa-public-label": strings.ReplaceAll(f.rsaPKCS1, "RSA PRIVATE KEY", "RSA PUBLIC KEY"),
		"label-mismatch":   strings.Replace(f.rsaPKCS1, "END RSA PRIVATE KEY", "END EC PRIVATE KEY", 1),
		"no-end":           h + body,
		"no-begin":         body + tail,
		"redacted":         h + "MIIEowIBAAKCAQEA...REDACTED...\n" + tail,
		"redacted-word":    h + strings.Repeat("REDACTED", 20) + "\n" + tail,
		"xxxx":             h + strings.Repeat(strings.Repeat("x", 64)+"\n", 10) + tail,
		"XXXX":             h + strings.Repeat(strings.Repeat("X", 64)+"\n", 10) + tail,
		"dots":             h + "...\n" + tail,
		"empty-body":       h + tail,
		"line-removed":     h + strings.Join(append(append([]string{}, lines[:2]...), lines[3:]...), "\n") + "\n" + tail,
		"truncated":        h + strings.Join(lines[:len(lines)-1], "\n") + "\n" + tail,
		"bad-char":         h + strings.Replace(body, "A", "*", 1) + tail,
		"garbage-after":    f.rsaPKCS1 + "trailing",
		"text-before":      "key: " + f.rsaPKCS1,
		"openssh-der":      strings.ReplaceAll(f.rsaPKCS1, "RSA PRIVATE KEY", "OPENSSH PRIVATE KEY"),
		"der-not-seq":      strings.ReplaceAll(f.openssh, "OPENSSH PRIVATE KEY", "PRIVATE KEY"),
		"pgp-bad-crc":      pgpBad,
		"pgp-not-secret":   pgpArmor(append([]byte{0x99, 0x01, 0x0d}, make([]byte, 300)...), true), // public-key packet
		"pgp-public":       strings.ReplaceAll(f.pgp, "PRIVATE KEY BLOCK", "PUBLIC KEY BLOCK"),
		"data-after-crc":   strings.Replace(f.pgp, "-----END", "QUFB\n-----END", 1),
		"encrypted-no-dek": strings.Replace(f.legacyEnc, "DEK-Info", "X-Info", 1),
		"headers-mid-body": h + lines[0] + "\nProc-Type: 4,ENCRYPTED\n" + strings.Join(lines[1:], "\n") + "\n" + tail,
		"lowercase-label":  strings.ReplaceAll(f.rsaPKCS1, "RSA PRIVATE KEY", "rsa private key"),
		"huge":             h + strings.Repeat(strings.Repeat("Q", 63)+"B\n", 1100) + tail,
		"empty":            "",
		"markers-only":     "-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----",
	}
	for name, v := range cases {
		if PEM([]byte(v)) {
			t.Errorf("%s: PEM = true:\n%.400s", name, v)
		}
	}
}

func BenchmarkPEM(b *testing.B) {
	v := []byte(pemFixturesFor(b).rsaPKCS1)
	b.SetBytes(int64(len(v)))
	b.ReportAllocs()
	for b.Loop() {
		PEM(v)
	}
}

// TestPEMArmorChecksumWithEscapedSlash guards a flaky failure: a PGP armor
// checksum line containing '/' ("=4/mZ") was rejected once JSON escaped the
// slash ("=4\/mZ").
func TestPEMArmorChecksumWithEscapedSlash(t *testing.T) {
	for i := 0; i < 2000; i++ {
		v := pgpArmor(pgpBody(200), true)
		crcLine := v[strings.LastIndex(v, "\n=")+1:]
		if !strings.Contains(crcLine[:5], "/") {
			continue
		}
		s := strings.ReplaceAll(strings.ReplaceAll(v, "/", `\/`), "\n", `\n`)
		if !PEM([]byte(s)) {
			t.Fatalf("PEM = false for a JSON-escaped block whose checksum has a slash:\n%s", s)
		}
		return
	}
	t.Skip("no checksum with a slash drawn")
}
