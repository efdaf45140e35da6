package pii

import (
	"bytes"
	"strings"

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
const emailCore = emailLocalRun + `+(?:[.']` + emailLocalRun + `+)*@` +
	`(?:[\p{L}\p{N}](?:[\p{L}\p{N}\-]{0,61}[\p{L}\p{N}])?\.)+(?:[A-Za-z]{2,63}|[Xx][Nn]--[A-Za-z0-9\-]{1,59}|\p{L}{2,63})`

// emailLocalRun: local-part characters. CJK scripts are left out because
// Chinese and Japanese text runs into addresses without a space
// ("联系我john@x.com").
const emailLocalRun = `[\p{Latin}\p{Greek}\p{Cyrillic}\p{Devanagari}\p{Arabic}\p{Hebrew}\p{Thai}\p{M}0-9_%+\-]`

// The group also takes, so that the validator can reject them: a URL scheme
// and userinfo or a '/' in front, and a ":path" behind.
const emailPattern = `(?:(?i:mailto):|\\[nrt])?(` +
	`(?:[A-Za-z][A-Za-z0-9+.\-]*://[^\s/@]*|/)?` + emailCore + `(?::[A-Za-z0-9_~/][A-Za-z0-9_~/.\-]*)?)`

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
			Before:        64,
			After:         100,
			Pattern:       emailPattern,
			Group:         1,
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
