package pii

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/weir-dev/weir/classifiers/detector"
)

// E-mail addresses: local@domain.tld with Unicode local parts and IDN
// domains. Look-alikes are rejected by the validator: URL userinfo
// ("postgres://app:pw@db.example.com"), scp-style git remotes
// ("git@github.com:org/repo.git"), package specs ("@babel/core@7.22.5"),
// retina assets ("logo@2x.png"), hosts without a public TLD
// ("root@localhost", "noah@laptop", "svc@db.internal").

// emailCore: local part of letters, digits and ._%+-' (dots and
// apostrophes only between runs), '@', dot-separated labels, a letter TLD or
// an xn-- A-label.
//
// The non-ASCII classes are whole Unicode blocks, not \p{...} classes, and
// repeats are unbounded: big Unicode classes and counted repeats of them
// (\p{L}{2,63}) make RE2's DFA build thousands of states, which cost 20x
// in throughput. emailOK then checks the exact classes and the lengths.
const emailCore = emailLocalRun + `+(?:[.']` + emailLocalRun + `+)*@` +
	`(?:` + emailLabelRun + `(?:` + emailLabelHyphen + `*` + emailLabelRun + `)?\.)+` +
	`(?:[A-Za-z][A-Za-z]+|[Xx][Nn]--[A-Za-z0-9\-]+|` + emailTLDRun + emailTLDRun + `+)`

// emailLocalBlocks: the blocks of the local-part scripts (Latin, Greek,
// Cyrillic, Devanagari, Arabic, Hebrew, Thai, combining marks), without
// their common punctuation ("।", "،", ";", "·", "״"), so a value never
// starts at punctuation glued in front of it. CJK scripts are left out
// because Chinese and Japanese text runs into addresses without a space
// ("联系我john@x.com"). emailLocalOK checks the exact scripts.
const emailLocalBlocks = `\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{2FF}\x{300}-\x{37D}\x{37F}-\x{386}\x{388}-\x{52F}` +
	`\x{591}-\x{5BD}\x{5BF}\x{5C1}\x{5C2}\x{5C4}\x{5C5}\x{5C7}-\x{5F2}\x{600}-\x{60B}\x{60D}-\x{61A}\x{61C}\x{61D}\x{620}-\x{669}` +
	`\x{66E}-\x{6D3}\x{6D5}-\x{6FF}\x{750}-\x{77F}\x{8A0}-\x{8FF}\x{900}-\x{963}\x{966}-\x{97F}\x{E00}-\x{E4E}\x{E50}-\x{E59}` +
	`\x{1AB0}-\x{1AFF}\x{1DC0}-\x{1FFF}\x{FB00}-\x{FB4F}\x{FF21}-\x{FF3A}\x{FF41}-\x{FF5A}`

// emailDomainBlocks: blocks that hold the letters and digits of IDN labels
// (alphabets up to U+1FFF, kana, CJK ideographs, Hangul), again without
// the common punctuation; emailOK checks that every rune is a letter or
// digit.
const emailDomainBlocks = `\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{37D}\x{37F}-\x{386}\x{388}-\x{588}\x{58B}-\x{5BD}\x{5BF}` +
	`\x{5C1}\x{5C2}\x{5C4}-\x{5F2}\x{5F5}-\x{60B}\x{60D}-\x{61A}\x{61C}-\x{61E}\x{620}-\x{669}\x{66E}-\x{6D3}\x{6D5}-\x{963}` +
	`\x{966}-\x{E4E}\x{E50}-\x{E59}\x{E5C}-\x{1FFF}\x{3041}-\x{30FA}\x{30FC}-\x{30FF}\x{3400}-\x{9FFF}\x{AC00}-\x{D7AF}`

const (
	emailLocalRun    = `[0-9A-Za-z_%+\-` + emailLocalBlocks + `]`
	emailLabelRun    = `[0-9A-Za-z` + emailDomainBlocks + `]`
	emailLabelHyphen = `[0-9A-Za-z\-` + emailDomainBlocks + `]`
	emailTLDRun      = `[` + emailDomainBlocks + `]`
)

// The value also takes, so that the validator can reject them: a URL scheme
// and userinfo or a '/' in front, and a ":path" behind.
//
// The optional "mailto:" or escaped "\n" in front is not part of the value:
// the spec's Trim strips it (a capture group would cost 7x here).
const emailPattern = `(?:(?i:mailto):|\\[nrt])?` +
	`(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s/@]*|/)?` + emailCore + `(?::[A-Za-z0-9_~/][A-Za-z0-9_~/.\-]*)?`

var emailContext = []string{
	"email", "e-mail", "mail", "mailto", "courriel", "correo", "correo electrónico", "e-mail-adresse",
	"posta elettronica", "contact", "邮箱", "メール", "ईमेल",
}

func emailSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:            "email_address",
			Type:          "EMAIL_ADDRESS",
			Category:      detector.PII,
			Keywords:      []string{"@"},
			Before:        8, // the engine extends windows over the token (local part, domain)
			After:         8,
			Pattern:       emailPattern,
			Trim:          []string{"mailto:", `\n`, `\r`, `\t`},
			Validator:     emailOK,
			ValidatorName: "email_syntax",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       emailContext,
			Placeholders:  []string{"user@example.com", "name@example.com", "email@example.com", "test@example.com"},
			Examples: []string{
				"Jennifer Garcia,jgarcia@gmail.com,512.581.9244",
				"user olivia+news@outlook.com authenticated",
				"Email: brittany.fitzgerald@stellartel.co.uk",
				"write to josé.garcía@correo.es today",
				"mailto:ana@bücher.de",
				"contact: o'brien@eircom.ie",
				"a@b.io,c@d.io",
				`{"note":"Customer:\nann.lee@acme.com"}`,
			},
			Negatives: []string{
				"<img src=\"logo@2x.png\">",
				"git clone git@github.com:org/repo.git",
				"npm i @babel/core@7.22.5",
				"ssh root@localhost",
				"postgres://app:s3cretPw@db.prod.example.com:5432/app",
				"mysql://readonly@web-replica.internal/shop",
				"uses: actions/checkout@v4",
				"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM8l noah@laptop",
				"reach svc@db.internal now",
			},
		},
	}
}

// emailNonPublicTLD are reserved or internal suffixes and file extensions
// that are not TLDs.
var emailNonPublicTLD = map[string]bool{
	"localhost": true, "local": true, "internal": true, "lan": true, "localdomain": true, "invalid": true,
	"test": true, "example": true, "home": true, "corp": true, "intranet": true, "private": true, "svc": true,
	"png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true, "bmp": true, "ico": true,
	"tif": true, "tiff": true, "avif": true, "heic": true, "css": true, "js": true, "mjs": true, "ts": true,
	"json": true, "yaml": true, "yml": true, "xml": true, "html": true, "htm": true, "txt": true, "pdf": true,
	"git": true, "lock": true, "tgz": true, "gz": true, "zip": true, "tar": true, "log": true, "map": true,
	"woff": true, "woff2": true, "ttf": true, "otf": true, "eot": true, "mp4": true, "mp3": true, "wav": true,
	"scss": true, "less": true, "vue": true, "jsx": true, "tsx": true, "go": true, "java": true, "kt": true,
}

func emailOK(v []byte) bool {
	if bytes.Contains(v, []byte("://")) || v[0] == '/' {
		return false
	}
	at := bytes.LastIndexByte(v, '@')
	if at <= 0 || bytes.IndexByte(v[at:], ':') >= 0 {
		return false
	}
	local, domain := v[:at], v[at+1:]
	if len(local) > 64 || len(domain) > 253 || bytes.IndexByte(local, '@') >= 0 {
		return false
	}
	if !emailLocalOK(local) || !emailDomainOK(domain) {
		return false
	}
	if string(local) == "git" { // scp-style remote user
		return false
	}
	dot := bytes.LastIndexByte(domain, '.')
	tld := strings.ToLower(string(domain[dot+1:]))
	if emailNonPublicTLD[tld] {
		return false
	}
	// Retina/density asset names: "icon@2x.webp", "logo@1.5x.png".
	first := domain
	if i := bytes.IndexByte(domain, '.'); i > 0 {
		first = domain[:i]
	}
	if len(first) >= 2 && (first[len(first)-1] == 'x' || first[len(first)-1] == 'X') && len(cDigits(first)) == len(first)-1 {
		return false
	}
	return true
}

// emailLocalScripts are the scripts of local-part letters (see
// emailLocalBlocks).
var emailLocalScripts = []*unicode.RangeTable{
	unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Devanagari, unicode.Arabic, unicode.Hebrew,
	unicode.Thai, unicode.M,
}

// emailLocalOK checks that every non-ASCII rune of a local part is in one
// of emailLocalScripts (the pattern's classes are whole blocks).
func emailLocalOK(local []byte) bool {
	for i := 0; i < len(local); {
		if local[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(local[i:])
		if !unicode.In(r, emailLocalScripts...) {
			return false
		}
		i += n
	}
	return true
}

// emailDomainOK checks the domain the pattern matched with block classes
// and unbounded repeats: labels of at most 63 bytes whose non-ASCII runes
// are letters or digits (letters only in the TLD).
func emailDomainOK(domain []byte) bool {
	for len(domain) > 0 {
		label := domain
		if i := bytes.IndexByte(domain, '.'); i >= 0 {
			label, domain = domain[:i], domain[i+1:]
		} else {
			domain = nil
		}
		if len(label) > 63 {
			return false
		}
		for i := 0; i < len(label); {
			if label[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, n := utf8.DecodeRune(label[i:])
			if !unicode.IsLetter(r) && (domain == nil || !unicode.IsNumber(r)) {
				return false
			}
			i += n
		}
	}
	return true
}
