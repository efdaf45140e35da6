// Package corpus generates deterministic, realistic benchmark text for weir:
// prose (tickets, KB articles, several languages), application logs, JSON
// payloads, CSV exports, source code and config files, with sensitive values
// planted at a controlled density (every checksum-bearing value valid) and
// hard negatives (hashes, UUIDs, versions, order numbers, Luhn-invalid
// numbers, bad-checksum tokens) everywhere else.
//
// The same seed always yields the same bytes (math/rand/v2 PCG, no map
// iteration, no time).
package corpus

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Density is how often a sensitive value is planted.
type Density int

// Densities.
const (
	// None plants no sensitive value (hard negatives only).
	None Density = iota
	// Realistic plants one value per 1-3 KB (2 KB on average).
	Realistic
	// Dense plants one value per 64-320 bytes: nearly every slot is a hit.
	Dense
)

func (d Density) String() string {
	switch d {
	case None:
		return "none"
	case Dense:
		return "dense"
	default:
		return "realistic"
	}
}

// ParseDensity parses "none", "realistic" or "dense".
func ParseDensity(s string) (Density, error) {
	for _, d := range []Density{None, Realistic, Dense} {
		if d.String() == s {
			return d, nil
		}
	}
	return 0, fmt.Errorf("unknown density %q (none, realistic, dense)", s)
}

// Kind is a content family.
type Kind int

// Kinds.
const (
	Ticket Kind = iota
	KB
	Multilingual
	Log
	JSON
	CSV
	Code
	Config
	numKinds
)

// Kinds lists every content family.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

var kindNames = [...]string{"ticket", "kb", "multilingual", "log", "json", "csv", "code", "config"}

func (k Kind) String() string { return kindNames[k] }

// Gen is a deterministic generator. Not safe for concurrent use.
type Gen struct {
	r       *rand.Rand
	density Density
	buf     bytes.Buffer
	done    int64 // bytes emitted in finished records
	nextHit int64 // global offset at which the next value is due
	yaml    bool  // style of the current Config record

	// Planted counts sensitive values by TAXONOMY type; Negatives counts
	// planted hard negatives.
	Planted   map[string]int
	Negatives int
}

// New returns a generator for seed and density.
func New(seed uint64, d Density) *Gen {
	g := &Gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), density: d, Planted: map[string]int{}}
	g.nextHit = g.gap()
	return g
}

func (g *Gen) gap() int64 {
	switch g.density {
	case Dense:
		return int64(64 + g.r.IntN(257))
	default:
		return int64(1024 + g.r.IntN(2049))
	}
}

// due reports whether a slot at the current position must hold a
// sensitive value.
func (g *Gen) due() bool {
	if g.density == None {
		return false
	}
	pos := g.done + int64(g.buf.Len())
	if pos < g.nextHit {
		return false
	}
	g.nextHit = pos + g.gap()
	return true
}

// RecordSize draws a record size, log-uniform in [100 B, 64 KiB].
func (g *Gen) RecordSize() int {
	const lo, hi = 100.0, 65536.0
	u := g.r.Float64()
	return int(lo * math.Pow(hi/lo, u))
}

// Kind draws a content family with realistic weights.
func (g *Gen) Kind() Kind {
	weights := [numKinds]int{Ticket: 16, KB: 8, Multilingual: 8, Log: 24, JSON: 16, CSV: 10, Code: 10, Config: 8}
	n := g.r.IntN(100)
	for k, w := range weights {
		if n < w {
			return Kind(k)
		}
		n -= w
	}
	return Log
}

// Ext is the file extension used for a record of kind k.
func (k Kind) Ext() string {
	return [...]string{".txt", ".md", ".txt", ".log", ".jsonl", ".csv", ".py", ".yaml"}[k]
}

// Record returns one record of kind k of about size bytes (it stops at the
// first chunk boundary at or past size, so values are never cut).
func (g *Gen) Record(k Kind, size int) []byte {
	g.buf.Reset()
	g.header(k)
	for g.buf.Len() < size {
		g.chunk(k)
	}
	out := bytes.Clone(g.buf.Bytes())
	g.done += int64(len(out))
	return out
}

// Mixed returns exactly size bytes of records of mixed kinds and sizes
// (cut at a UTF-8 boundary; the cut may split the last value).
func (g *Gen) Mixed(size int) []byte {
	out := make([]byte, 0, size+65536)
	for len(out) < size {
		out = append(out, g.Record(g.Kind(), min(g.RecordSize(), size-len(out)))...)
		out = append(out, '\n')
	}
	out = out[:size]
	// Drop a rune cut in half at the end.
	for i := len(out) - 1; i >= 0 && i >= len(out)-utf8.UTFMax; i-- {
		if utf8.RuneStart(out[i]) {
			if !utf8.FullRune(out[i:]) {
				out = out[:i]
			}
			break
		}
	}
	return out
}

func (g *Gen) w(s ...string) {
	for _, x := range s {
		g.buf.WriteString(x)
	}
}

func (g *Gen) f(format string, a ...any) { fmt.Fprintf(&g.buf, format, a...) }

func (g *Gen) neg() string {
	g.Negatives++
	return g.hardNegative()
}

// sens is one kind of sensitive value.
type sens struct {
	typ, key, label string
	gen             func(*Gen) string
	multiline       bool
	weight          int
}

var sensTypes = []sens{
	{"EMAIL_ADDRESS", "email", "email address", (*Gen).email, false, 14},
	{"PHONE_NUMBER", "phone", "phone", (*Gen).phone, false, 10},
	{"IP_ADDRESS", "client_ip", "client IP", (*Gen).publicIP, false, 8},
	{"US_SSN", "ssn", "SSN", (*Gen).ssn, false, 4},
	{"CREDIT_CARD", "card_number", "card number", (*Gen).creditCard, false, 5},
	{"IBAN", "iban", "IBAN", (*Gen).iban, false, 4},
	{"MAC_ADDRESS", "mac", "MAC address", (*Gen).mac, false, 2},
	{"DATE_OF_BIRTH", "dob", "DOB", (*Gen).date, false, 3},
	{"UK_NINO", "ni_number", "National Insurance number", (*Gen).ukNINO, false, 1},
	{"UK_NHS", "nhs_number", "NHS number", (*Gen).nhs, false, 1},
	{"CA_SIN", "sin", "SIN", (*Gen).caSIN, false, 1},
	{"IN_AADHAAR", "aadhaar", "Aadhaar", (*Gen).aadhaar, false, 1},
	{"IN_PAN", "pan", "PAN", (*Gen).pan, false, 1},
	{"ES_NIF", "nif", "DNI", (*Gen).esNIF, false, 1},
	{"BR_CPF", "cpf", "CPF", (*Gen).brCPF, false, 1},
	{"NL_BSN", "bsn", "BSN", (*Gen).nlBSN, false, 1},
	{"IMEI", "imei", "IMEI", (*Gen).imei, false, 1},
	{"CRYPTO_WALLET", "wallet", "BTC address", (*Gen).btcAddress, false, 1},
	{"CRYPTO_WALLET", "eth_address", "ETH wallet", (*Gen).ethAddress, false, 1},
	{"US_NPI", "npi", "NPI", (*Gen).npi, false, 1},
	{"US_DEA", "dea_number", "DEA number", (*Gen).dea, false, 1},
	{"US_MBI", "mbi", "Medicare MBI", (*Gen).mbi, false, 1},
	{"ICD10_CODE", "diagnosis_code", "diagnosis ICD-10", (*Gen).icd10, false, 1},
	{"AWS_ACCESS_KEY_ID", "aws_access_key_id", "AWS key", (*Gen).awsKeyID, false, 3},
	{"AWS_SECRET_ACCESS_KEY", "aws_secret_access_key", "aws_secret_access_key", (*Gen).awsSecret, false, 2},
	{"GITHUB_TOKEN", "github_token", "GitHub token", (*Gen).githubToken, false, 3},
	{"NPM_TOKEN", "npm_token", "npm token", (*Gen).npmToken, false, 1},
	{"GITLAB_TOKEN", "gitlab_token", "GitLab token", (*Gen).gitlabToken, false, 1},
	{"SLACK_TOKEN", "slack_bot_token", "Slack token", (*Gen).slackToken, false, 1},
	{"SLACK_WEBHOOK_URL", "slack_webhook", "webhook", (*Gen).slackWebhook, false, 1},
	{"STRIPE_SECRET_KEY", "stripe_key", "Stripe key", (*Gen).stripeKey, false, 1},
	{"GOOGLE_API_KEY", "google_api_key", "Google API key", (*Gen).googleKey, false, 1},
	{"OPENAI_API_KEY", "openai_api_key", "OpenAI key", (*Gen).openAIKey, false, 1},
	{"ANTHROPIC_API_KEY", "anthropic_api_key", "Anthropic key", (*Gen).anthropicKey, false, 1},
	{"HUGGINGFACE_TOKEN", "hf_token", "HF token", (*Gen).hfToken, false, 1},
	{"SENDGRID_API_KEY", "sendgrid_api_key", "SendGrid key", (*Gen).sendgridKey, false, 1},
	{"TWILIO_API_KEY", "twilio_api_key", "Twilio API key", (*Gen).twilioKey, false, 1},
	{"AZURE_STORAGE_KEY", "azure_storage_key", "AccountKey=", (*Gen).azureKey, false, 1},
	{"PYPI_TOKEN", "pypi_token", "PyPI token", (*Gen).pypiToken, false, 1},
	{"JWT", "access_token", "Bearer", (*Gen).jwt, false, 3},
	{"PRIVATE_KEY", "private_key", "private key:", (*Gen).pemKey, true, 1},
	{"DATABASE_URL_WITH_PASSWORD", "database_url", "DATABASE_URL=", (*Gen).dbURL, false, 3},
	{"PASSWORD_ASSIGNMENT", "password", "password:", (*Gen).password, false, 4},
}

var sensTotal = func() int {
	n := 0
	for _, s := range sensTypes {
		n += s.weight
	}
	return n
}()

// pickSens draws a sensitive type; multiline types only when allowed.
func (g *Gen) pickSens(multiline bool) *sens {
	for {
		n := g.r.IntN(sensTotal)
		for i := range sensTypes {
			s := &sensTypes[i]
			if n < s.weight {
				if s.multiline && !multiline {
					break
				}
				return s
			}
			n -= s.weight
		}
	}
}

// plant draws a sensitive value and counts it.
func (g *Gen) plant(multiline bool) (*sens, string) {
	s := g.pickSens(multiline)
	g.Planted[s.typ]++
	return s, s.gen(g)
}

var benignKV = [][2]string{
	{"log_level", "debug"}, {"timeout", "30s"}, {"max_connections", "200"}, {"region", "eu-west-1"},
	{"feature_flags", "new-checkout,dark-mode"}, {"retries", "3"}, {"cache_ttl", "300"},
	{"environment", "production"}, {"port", "8080"}, {"workers", "4"}, {"tls", "true"},
	{"password_min_length", "12"}, {"service_name", "orders-api"}, {"queue", "billing-events"},
}

var negKeys = []string{"build_sha", "request_id", "checksum", "version", "order_id", "trace_id", "digest", "etag", "ref", "tracking"}

// kv returns a key and value for a config-like slot: a sensitive value when
// one is due, otherwise a benign setting or a hard negative under a neutral key.
func (g *Gen) kv(multiline bool) (key, val string, multi bool) {
	if g.due() {
		s, v := g.plant(multiline)
		return s.key, v, s.multiline
	}
	if g.r.IntN(2) == 0 {
		p := benignKV[g.r.IntN(len(benignKV))]
		return p[0], p[1], false
	}
	return g.pick(negKeys), g.neg(), false
}

func (g *Gen) header(k Kind) {
	switch k {
	case Ticket:
		g.f("Ticket #%d — %s\nFrom: %s %s (web form)\nPriority: %s\n\n", 100000+g.r.IntN(900000),
			g.pick(ticketSubjects), g.pick(firstNames), g.pick(lastNames), g.pick([]string{"low", "normal", "high", "urgent"}))
	case KB:
		g.f("# %s\n\n_Last updated %s by the platform team._\n\n", g.pick(kbTitles), g.hardNegative())
	case CSV:
		g.w("id,created_at,customer,city,status,amount,reference,note\n")
	case Code:
		g.w(g.pick(codeHeaders))
	case Config:
		g.yaml = g.r.IntN(2) == 0
		if !g.yaml {
			g.w("# generated by deploy tooling; do not edit\n")
		} else {
			g.w("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ", g.pick(negKeys), "\ndata:\n")
		}
	}
}

func (g *Gen) chunk(k Kind) {
	switch k {
	case Ticket:
		g.prose(3 + g.r.IntN(4))
		g.w("\n\n")
	case KB:
		g.kb()
	case Multilingual:
		g.multilingual()
	case Log:
		g.logLine()
	case JSON:
		g.jsonObject()
	case CSV:
		g.csvRow()
	case Code:
		g.code()
	case Config:
		g.config()
	}
}

// prose writes n sentences, each with one slot.
func (g *Gen) prose(n int) {
	for i := 0; i < n; i++ {
		if i > 0 {
			g.w(" ")
		}
		if g.due() {
			s, v := g.plant(true)
			if s.multiline {
				g.f("Here is the %s\n%s\n", strings.TrimSuffix(s.label, ":"), v)
				continue
			}
			g.f(g.pick(hitSentences), labelled(s.label, v))
			continue
		}
		g.f(g.pick(fillerSentences), g.negOrWord())
	}
}

// negOrWord returns a hard negative half of the time, else a plain reference.
func (g *Gen) negOrWord() string {
	if g.r.IntN(2) == 0 {
		return g.neg()
	}
	return g.pick([]string{"last week", "the March release", "our staging setup", "the EU region", "#" + g.digitsN(5), "the new plan"})
}

func (g *Gen) kb() {
	switch g.r.IntN(4) {
	case 0:
		g.f("## %s\n\n", g.pick(kbTitles))
	case 1:
		g.w("```yaml\n")
		for i := 0; i < 3+g.r.IntN(5); i++ {
			k, v, multi := g.kv(false)
			g.yamlKV(k, v, multi, "")
		}
		g.w("```\n\n")
	default:
		g.prose(2 + g.r.IntN(4))
		g.w("\n\n")
	}
}

func (g *Gen) multilingual() {
	l := &langs[g.r.IntN(len(langs))]
	for i := 0; i < 2+g.r.IntN(3); i++ {
		if g.due() {
			s := g.r.IntN(len(l.hits))
			h := l.hits[s]
			v := h.gen(g)
			g.Planted[h.typ]++
			g.f(h.tmpl, v)
		} else {
			g.f(g.pick(l.filler), g.negOrWord())
		}
		g.w(" ")
	}
	g.w("\n")
}

func (g *Gen) ts() string {
	return fmt.Sprintf("2024-10-%02dT%02d:%02d:%02d.%03dZ", 1+g.r.IntN(28), g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.r.IntN(1000))
}

func (g *Gen) privateIP() string {
	return fmt.Sprintf("10.%d.%d.%d", g.r.IntN(256), g.r.IntN(256), 1+g.r.IntN(254))
}

func (g *Gen) logLine() {
	switch g.r.IntN(5) {
	case 0: // access log; the client IP is the slot
		ip := g.privateIP()
		if g.due() {
			ip = g.publicIP()
			g.Planted["IP_ADDRESS"]++
		}
		g.f("%s - - [04/Oct/2024:%02d:%02d:%02d +0000] \"%s /api/v%d/%s/%d HTTP/1.1\" %d %d \"-\" \"%s\"\n",
			ip, g.r.IntN(24), g.r.IntN(60), g.r.IntN(60), g.pick([]string{"GET", "POST", "PUT", "DELETE"}), 1+g.r.IntN(3),
			g.pick([]string{"orders", "users", "search", "ledger", "auth"}), g.r.IntN(99999),
			[]int{200, 200, 201, 204, 301, 404, 500}[g.r.IntN(7)], g.r.IntN(65536), g.pick(userAgents))
	case 1, 2: // logfmt
		k, v, _ := g.kv(false)
		if strings.ContainsAny(v, " ") {
			v = `"` + v + `"`
		}
		g.f("ts=%s level=%s msg=%q request_id=%s duration_ms=%d %s=%s\n", g.ts(), g.pick([]string{"info", "info", "warn", "error", "debug"}),
			g.pick(logMsgs), g.uuid(), g.r.IntN(5000), k, v)
	case 3: // JSON log
		k, v, _ := g.kv(false)
		g.f(`{"ts":"%s","level":"%s","service":"%s","msg":%q,"trace_id":"%s","%s":%q}`+"\n", g.ts(), g.pick([]string{"info", "error"}),
			g.pick([]string{"checkout", "gateway", "auth", "billing"}), g.pick(logMsgs), g.str(hexLower, 32), k, v)
	default: // stack trace, no slot
		g.f("%s ERROR [%s] %s\n", g.ts(), g.pick([]string{"main", "worker-3", "http-nio-8080-exec-7"}), g.pick(logMsgs))
		for i := 0; i < 2+g.r.IntN(4); i++ {
			g.f("\tat com.acme.%s.%s(%s.java:%d)\n", g.pick([]string{"orders", "billing", "auth"}), g.pick([]string{"process", "handle", "lambda$run$0"}),
				g.pick([]string{"OrderService", "Handler", "Worker"}), 10+g.r.IntN(900))
		}
	}
}

func (g *Gen) jsonObject() {
	k, v, _ := g.kv(true)
	v = strings.ReplaceAll(v, "\n", `\n`)
	g.f(`{"id":%d,"created_at":"%s","customer":{"name":"%s %s","tier":"%s"},"items":[{"sku":"%s","qty":%d,"price":%d.%02d}],"%s":%q,"meta":{"etag":"%s","version":"%d.%d.%d"}}`+"\n",
		g.r.IntN(1e9), g.ts(), g.pick(firstNames), g.pick(lastNames), g.pick([]string{"free", "pro", "enterprise"}),
		g.str(upper+digits, 8), 1+g.r.IntN(5), g.r.IntN(500), g.r.IntN(100), k, v, g.str(hexLower, 16), g.r.IntN(4), g.r.IntN(20), g.r.IntN(50))
}

func (g *Gen) csvRow() {
	note := g.pick(csvNotes)
	if g.due() {
		s, v := g.plant(false)
		note = strings.ReplaceAll(labelled(s.label, v), `"`, `""`)
	} else if g.r.IntN(2) == 0 {
		note = g.neg()
	}
	g.f("%d,%s,%s %s,%s,%s,%d.%02d,%s,\"%s\"\n", g.r.IntN(1e7), g.ts(), g.pick(firstNames), g.pick(lastNames), g.pick(cities),
		g.pick([]string{"paid", "refunded", "pending", "shipped"}), g.r.IntN(2000), g.r.IntN(100), g.neg(), note)
}

func (g *Gen) code() {
	k, v, multi := g.kv(true)
	name := strings.ToUpper(k)
	if multi {
		g.f("%s = \"\"\"%s\"\"\"\n\n", name, v)
	} else {
		g.f("%s = %q\n\n", name, v)
	}
	g.w(g.pick(codeBodies))
}

func (g *Gen) config() {
	k, v, multi := g.kv(true)
	if g.yaml {
		g.yamlKV(k, v, multi, "  ")
		return
	}
	if multi {
		v = `"` + strings.ReplaceAll(strings.TrimSuffix(v, "\n"), "\n", `\n`) + `"`
	}
	g.f("%s=%s\n", strings.ToUpper(k), v)
}

func (g *Gen) yamlKV(k, v string, multi bool, indent string) {
	if multi {
		g.f("%s%s: |\n", indent, k)
		for _, line := range strings.Split(strings.TrimSuffix(v, "\n"), "\n") {
			g.f("%s  %s\n", indent, line)
		}
		return
	}
	g.f("%s%s: %q\n", indent, k, v)
}

// labelled joins a prose label and a value.
func labelled(label, v string) string {
	if strings.HasSuffix(label, "=") {
		return label + v
	}
	return label + " " + v
}
