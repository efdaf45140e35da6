package secrets

import (
	"bytes"
	"encoding/base64"
	"net/url"
)

// Validators local to the secret specs. Each is a pure function on the
// value bytes (the spec's Group) and safe on any input.

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// mixedCase reports whether v holds both an upper- and a lower-case ASCII
// letter: random base62/base64 bodies almost always do, identifiers written
// in one case (hf_some_name, all-hex digests) do not.
func mixedCase(v []byte) bool {
	up, lo := false, false
	for _, c := range v {
		up = up || isUpper(c)
		lo = lo || isLower(c)
	}
	return up && lo
}

// awsSecret checks a 40-character AWS secret access key: mixed case plus at
// least one digit, '/' or '+' (a random 40-char base64 string has all of
// these with probability > 99.9%; hex digests and words do not).
func awsSecret(v []byte) bool {
	if len(v) != 40 || !mixedCase(v) {
		return false
	}
	return bytes.ContainsAny(v, "0123456789/+")
}

// azureKey checks an Azure storage account key: 88 base64 characters that
// decode to 64 bytes, mixed case.
func azureKey(v []byte) bool {
	if len(v) != 88 || !mixedCase(v) {
		return false
	}
	var buf [66]byte
	n, err := base64.StdEncoding.Decode(buf[:], v)
	return err == nil && n == 64
}

// gcpServiceAccount checks that a brace-delimited object holds the fields of
// a service-account key file: "type": "service_account", a private_key_id
// and a private_key field with a PEM header in it. Quotes may be escaped
// (the object embedded in a JSON string) or single (a Python dict).
func gcpServiceAccount(v []byte) bool {
	if len(v) < 2 || v[0] != '{' || v[len(v)-1] != '}' {
		return false
	}
	if !bytes.Contains(v, []byte("service_account")) || !bytes.Contains(v, []byte("private_key_id")) {
		return false
	}
	// A private_key key distinct from private_key_id: followed by a quote
	// (possibly escaped).
	found := false
	for off := 0; !found; {
		i := bytes.Index(v[off:], []byte("private_key"))
		if i < 0 {
			break
		}
		j := off + i + len("private_key")
		if j < len(v) && (v[j] == '"' || v[j] == '\'' || v[j] == '\\') {
			found = true
		}
		off = j
	}
	return found && bytes.Contains(v, []byte("BEGIN")) && bytes.Contains(v, []byte("PRIVATE KEY"))
}

// notReference rejects values that refer to a secret instead of holding
// one: ${VAR}, $VAR, {{ var }}, %(name)s, <password>, os.environ[...],
// process.env.X, booleans, type names and filler.
func notReference(v []byte) bool {
	v = bytes.TrimSpace(v)
	if len(v) < 4 || len(v) > 256 {
		return false
	}
	if allSame(v) {
		return false
	}
	for _, p := range refPrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			return false
		}
	}
	if bytes.HasSuffix(v, []byte("}}")) || bytes.HasSuffix(v, []byte("%}")) {
		return false
	}
	first, last := v[0], v[len(v)-1]
	if (first == '<' && last == '>') || (first == '[' && last == ']') || (first == '{' && last == '}') ||
		(first == '%' && last == '%') || (first == '(' && last == ')') {
		return false
	}
	if first == '$' && isSimpleVar(v[1:]) {
		return false
	}
	if bytes.IndexByte([]byte("[({<"), first) >= 0 || bytes.Contains(v, []byte("://")) || isPath(v) {
		return false
	}
	for _, p := range tokenPrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			// Public keys, or tokens whose own detector checks them (a ghp_
			// token with a broken checksum is not a password either).
			return false
		}
	}
	if isCodeReference(v) || isMySQLHash(v) {
		return false
	}
	if _, ok := notSecretWords[string(bytes.ToLower(v))]; ok {
		return false
	}
	return true
}

// refPrefixes start template, interpolation and secret-manager references.
var refPrefixes = [...]string{
	"${", "$(", "$[", "{{", "{%", "%(", "#{", "<%", "%{", "@{", "[[", "!vault", "!!",
	"$env:", "$Env:", "$ENV:", "ENC[", "vault:", "arn:aws:", "secretsmanager:", "sm://", "gcp-secret:", "ssm:",
	"****", "....", "…",
	// CloudFormation intrinsic functions and dynamic references.
	"!Ref", "!Sub", "!GetAtt", "!ImportValue", "!FindInMap", "!Join", "!Select", "!If", "{{resolve:",
}

// tokenPrefixes start values that are not password literals.
// Stripe, SendGrid, Slack, OpenAI/Anthropic, GitLab, Hugging Face, PyPI and
// Google keys have detectors of their own, which win over a password label.
var tokenPrefixes = [...]string{"pk_live_", "pk_test_", "sk_live_", "sk_test_", "rk_live_", "rk_test_",
	"SG.", "xoxb-", "xoxp-", "xoxa-", "xapp-", "sk-ant-", "sk-proj-", "glpat-", "hf_", "pypi-", "AIza", "github_pat_", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_", "ssh-rsa ", "ssh-ed25519 "}

// notSecretWords are values that are not credentials (lower case).
var notSecretWords = map[string]struct{}{
	"true": {}, "false": {}, "yes": {}, "null": {}, "none": {}, "undefined": {},
	"required": {}, "optional": {}, "string": {}, "bool": {}, "boolean": {}, "number": {},
	"text": {}, "varchar": {}, "bytes": {}, "secret": {}, "password": {}, "passwd": {},
	"hidden": {}, "masked": {}, "redacted": {}, "removed": {}, "omitted": {}, "unset": {},
	"empty": {}, "blank": {}, "todo": {}, "fixme": {}, "nullptr": {}, "nil": {},
	"incorrect": {}, "invalid": {}, "wrong": {}, "expired": {}, "missing": {},
	"correct": {}, "valid": {}, "changed": {}, "reset": {}, "updated": {}, "same": {},
	"different": {}, "weak": {}, "strong": {}, "protected": {}, "encrypted": {},
	"secure": {}, "long": {}, "short": {}, "case-sensitive": {}, "needed": {},
	"the": {}, "your": {}, "this": {}, "that": {}, "too": {}, "not": {},
	"also": {}, "still": {}, "stored": {}, "saved": {}, "sent": {}, "set": {},
	"environ": {}, "getenv": {}, "process": {}, "env": {}, "config": {}, "settings": {},
	"self": {}, "values": {}, "str": {}, "int": {}, "integer": {}, "object": {}, "array": {}, "secretstr": {},
	"securestring": {}, "sensitive": {}, "char": {},
}

// isSimpleVar reports a shell/PHP variable name written in one case
// (DB_PASSWORD, password); mixed case after '$' reads as a literal.
func isSimpleVar(v []byte) bool {
	if len(v) == 0 || !(isUpper(v[0]) || isLower(v[0]) || v[0] == '_' || v[0] == '{') {
		return false
	}
	up, lo := false, false
	for _, c := range v {
		switch {
		case isUpper(c):
			up = true
		case isLower(c):
			lo = true
		case isDigit(c) || c == '_' || c == '{' || c == '}':
		default:
			return false
		}
	}
	return !(up && lo)
}

// codeRoots are the first segments of dotted references in code.
var codeRoots = map[string]struct{}{
	"process": {}, "os": {}, "self": {}, "this": {}, "config": {}, "cfg": {}, "conf": {},
	"settings": {}, "env": {}, "environ": {}, "args": {}, "opts": {}, "options": {},
	"params": {}, "props": {}, "request": {}, "req": {}, "ctx": {}, "context": {},
	"secrets": {}, "vars": {}, "values": {}, "app": {}, "system": {}, "import": {},
	"credentials": {}, "creds": {}, "data": {}, "form": {}, "user": {}, "input": {},
	"document": {}, "window": {}, "body": {}, "payload": {}, "auth": {}, "keyring": {},
	"vault": {}, "sops": {}, "var": {}, "local": {}, "module": {}, "viper": {},
	"each": {}, "count": {}, "path": {}, "terraform": {}, "rails": {}, "st": {}, "platform": {},
	"deno": {}, "dotenv": {}, "environment": {}, "configuration": {},
}

// isCodeReference reports an identifier-led expression: a call or index
// (getenv(, os.environ[, ENV[) or a dotted path from a known root
// (process.env.X, self.password, config.db.secret).
func isCodeReference(v []byte) bool {
	i := 0
	if len(v) > 1 && v[0] == '@' {
		i = 1 // a Ruby instance variable: @config[:password]
	}
	for i < len(v) && (isUpper(v[i]) || isLower(v[i]) || isDigit(v[i]) || v[i] == '_' || v[i] == '.' || v[i] == '$' ||
		(v[i] == ':' && i+1 < len(v) && v[i+1] == ':') || (v[i] == '-' && i+1 < len(v) && v[i+1] == '>')) {
		if v[i] == ':' || v[i] == '-' {
			i++ // a path or member operator: env::var(, $request->input(
		}
		i++
	}
	if i == 0 || (i == 1 && v[0] == '@') {
		return isCmdlet(v)
	}
	if i < len(v) && (v[i] == '(' || v[i] == '[') && !isDigit(v[0]) {
		return true
	}
	if i < len(v) && v[i] == '<' && (v[len(v)-1] == '>' || i == len(v)-1) && (isUpper(v[0]) || isLower(v[0])) {
		return true // a generic type: Option<&str>, Vec<u8> (or its head, cut at '&')
	}
	if i != len(v) {
		return isCmdlet(v)
	}
	dot := bytes.IndexByte(v, '.')
	if dot <= 0 {
		return false
	}
	if _, ok := codeRoots[string(bytes.ToLower(v[:dot]))]; ok {
		return true
	}
	// A resource address (Terraform random_password.db.result,
	// azurerm_key_vault_secret.admin.value): a snake_case first segment and
	// identifier segments only.
	return bytes.IndexByte(v[:dot], '_') > 0 && identPath(v)
}

// cmdletVerbs are the PowerShell verbs of cmdlets that produce a secret
// ($password = Read-Host -AsSecureString, Get-Secret -Name db).
var cmdletVerbs = [...]string{"Get-", "Read-", "ConvertTo-", "ConvertFrom-", "Import-", "Invoke-", "Unprotect-"}

// isCmdlet reports a PowerShell Verb-Noun cmdlet name (Get-Secret,
// Read-Host, ConvertTo-SecureString): a call, not a literal.
func isCmdlet(v []byte) bool {
	for _, p := range cmdletVerbs {
		if !bytes.HasPrefix(v, []byte(p)) || len(v) <= len(p) || !isUpper(v[len(p)]) {
			continue
		}
		for _, c := range v[len(p)+1:] {
			if !isUpper(c) && !isLower(c) {
				return false
			}
		}
		return true
	}
	return false
}

// identPath reports a dotted path of identifiers (a.b_c.d): every segment
// is non-empty and starts with a letter or '_'.
func identPath(v []byte) bool {
	for _, seg := range bytes.Split(v, []byte{'.'}) {
		if len(seg) == 0 || !(isUpper(seg[0]) || isLower(seg[0]) || seg[0] == '_') {
			return false
		}
		for _, c := range seg {
			if !(isUpper(c) || isLower(c) || isDigit(c) || c == '_') {
				return false
			}
		}
	}
	return true
}

// isMySQLHash reports a mysql_native_password hash ("*" and 40 hex
// digits), as in IDENTIFIED BY PASSWORD '*6BB4...': a hash, not a password.
func isMySQLHash(v []byte) bool {
	if len(v) != 41 || v[0] != '*' {
		return false
	}
	for _, c := range v[1:] {
		if !isDigit(c) && !(c >= 'A' && c <= 'F') && !(c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// isPath reports file-system paths (/run/secrets/db, ~/.pgpass, ./key,
// C:\keys\db): a file holding the secret, not the secret.
func isPath(v []byte) bool {
	switch {
	case bytes.HasPrefix(v, []byte("~/")), bytes.HasPrefix(v, []byte("./")), bytes.HasPrefix(v, []byte("../")):
		return true
	case len(v) > 3 && v[0] == '/' && bytes.IndexByte(v[1:], '/') > 0:
		for _, c := range v {
			if !(isUpper(c) || isLower(c) || isDigit(c) || bytes.IndexByte([]byte("/._-"), c) >= 0) {
				return false
			}
		}
		return true
	case len(v) > 3 && (isUpper(v[0]) || isLower(v[0])) && v[1] == ':' && v[2] == '\\':
		return true
	}
	return false
}

// isSentence reports a value of several plain words ("Enter your
// password"): UI text, not a credential.
func isSentence(v []byte) bool {
	if bytes.IndexByte(v, ' ') < 0 {
		return false
	}
	for _, c := range v {
		if !(isUpper(c) || isLower(c) || bytes.IndexByte([]byte(" .,!?:'-"), c) >= 0 || c >= 0x80) {
			return false
		}
	}
	return true
}

func allSame(v []byte) bool {
	for _, c := range v[1:] {
		if c != v[0] {
			return false
		}
	}
	return true
}

// literalSecret is the validator of config/code password assignments: a
// literal, not a reference, and not a bare small number (lengths, counts).
func literalSecret(v []byte) bool {
	if !notReference(v) || isSentence(v) || isPasswordHash(v) {
		return false
	}
	digits := 0
	for _, c := range v {
		if isDigit(c) {
			digits++
		}
	}
	return !(digits == len(v) && len(v) < 6)
}

// prosePassword is the validator of passwords stated in prose ("my password
// is ..."): a literal that is not a plain lower-case word, so "the password
// is incorrect" is not a finding while "hunter2" or "Summer2024!" are.
func prosePassword(v []byte) bool {
	if !literalSecret(v) {
		return false
	}
	for i, c := range v {
		if isDigit(c) || (!isLower(c) && !isUpper(c) && c < 0x80) || (i > 0 && isUpper(c)) {
			return true
		}
	}
	return false
}

// cellPassword is the validator of a password in a table cell next to its
// label: a prose password that is not an upper-case word (a header such as
// "SAML" or "N/A" in the cell after "Password").
func cellPassword(v []byte) bool {
	if !prosePassword(v) {
		return false
	}
	for _, c := range v {
		if !isUpper(c) && !(c == '/' || c == '-' || c == '_') {
			return true
		}
	}
	return false
}

// dbPassword is the validator of the password component of a connection URL.
func dbPassword(v []byte) bool {
	if len(v) == 0 || len(v) > 256 {
		return false
	}
	for _, p := range refPrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			return false
		}
	}
	first, last := v[0], v[len(v)-1]
	if (first == '<' && last == '>') || (first == '{' && last == '}') || (first == '[' && last == ']') ||
		(first == '%' && last == '%') {
		return false
	}
	if first == '$' && isSimpleVar(v[1:]) {
		return false
	}
	return len(v) == 1 || !allSame(v)
}

// passwordHashPrefixes start stored password hashes (crypt(3) and bcrypt,
// Argon2, PostgreSQL SCRAM, Django, Werkzeug, LDAP): a hash in a password
// field is not the password.
var passwordHashPrefixes = [...]string{
	"$2a$", "$2b$", "$2y$", "$argon2", "$1$", "$5$", "$6$", "$y$", "$scrypt$",
	"SCRAM-SHA-256$", "SCRAM-SHA-1$", "pbkdf2_sha256$", "pbkdf2_sha1$", "argon2$", "bcrypt$", "bcrypt_sha256$",
	"pbkdf2:sha256:", "pbkdf2:sha1:", "scrypt:", "{SSHA}", "{SHA}", "{SSHA256}", "{SSHA512}", "{CRYPT}", "{PBKDF2}",
	// Keyed digests that stand in for a value: HashiCorp Vault's audit log
	// (and weir's own fingerprints) write "hmac-sha256:<hex>".
	"hmac-sha256:", "hmac-sha1:", "hmac-sha512:", "sha256:", "sha512:",
}

// isPasswordHash reports whether v is a stored password hash: one of
// passwordHashPrefixes, or PostgreSQL's "md5" and 32 hex digits.
func isPasswordHash(v []byte) bool {
	for _, p := range passwordHashPrefixes {
		if bytes.HasPrefix(v, []byte(p)) {
			return true
		}
	}
	if len(v) == 35 && bytes.HasPrefix(v, []byte("md5")) {
		for _, c := range v[3:] {
			if !isDigit(c) && (c < 'a' || c > 'f') {
				return false
			}
		}
		return true
	}
	return false
}

// queryPassword is the validator of a password in a URL query or form body:
// percent-encoding is decoded first, then the value must pass
// prosePassword (a placeholder such as "%3Cpassword%3E" or a path does not).
func queryPassword(v []byte) bool {
	if bytes.HasPrefix(v, []byte("/")) || bytes.HasPrefix(v, []byte("http")) {
		return false
	}
	if bytes.IndexByte(v, '%') >= 0 {
		if u, err := url.QueryUnescape(string(v)); err == nil {
			v = []byte(u)
		}
	}
	return prosePassword(v)
}
