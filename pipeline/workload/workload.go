// Package workload generates the realistic sample records that `weir demo`
// feeds through the pipeline: support tickets (text), clinical notes
// (JSON), source code with keys (text) and RAG documents (weir envelopes),
// with synthetic, checksum-valid sensitive values among plain ones.
// Generation is deterministic for a seed. A Gen is not safe for concurrent
// use.
package workload

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
)

// Record is one generated input record.
type Record struct {
	Key         string
	Value       []byte
	ContentType string // "" lets weir detect text or JSON
	Kind        string // ticket, clinical, code, rag
}

// Synthetic values with valid checksums (the same as testdata/sample).
var (
	names   = []string{"Harriet Quill", "Elena Marchetti", "Tobias Lindqvist", "Priya Raman", "Samuel Adeyemi", "Dana Whitfield", "Mateo Ruiz", "Aiko Tanaka"}
	emails  = []string{"harriet.quill@fastmail.com", "elena.marchetti@gmx.net", "t.lindqvist@outlook.com", "priya.raman@acme-corp.io", "dana.w@proton.me"}
	phones  = []string{"+1 415-867-2931", "+44 20 7946 0958", "+1 (212) 555-0187"}
	cards   = []string{"4104 3321 8196 0018", "5333-8908-3863-7941", "370265423511618"}
	ibans   = []string{"DE44 5001 0517 5407 3249 31"}
	ssns    = []string{"536-27-4419"}
	npis    = []string{"1284567934", "1928374655"}
	secrets = []string{
		`AWS_ACCESS_KEY_ID = "AKIAODZDOCIS2JHTLGMX"`,
		`AWS_SECRET_ACCESS_KEY = "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"`,
		`GITHUB_TOKEN = "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"`,
		`SLACK_WEBHOOK = "https://hooks.slack.com/services/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"`,
	}
	topics = []string{"billing", "login", "refund", "shipping", "export", "API quota"}
	words  = strings.Fields("the a customer report order account service update request system team data " +
		"release plan team review note follow-up access dashboard build weekly issue resolved pending escalated")
)

// Gen generates records.
type Gen struct{ r *rand.Rand }

// New returns a generator for seed.
func New(seed uint64) *Gen { return &Gen{r: rand.New(rand.NewPCG(seed, 0x77656972))} }

func (g *Gen) pick(s []string) string { return s[g.r.IntN(len(s))] }

// prose returns n filler words.
func (g *Gen) prose(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.pick(words))
	}
	return b.String()
}

// Next returns the i-th record (its key is stable for i).
func (g *Gen) Next(i int) Record {
	switch i % 4 {
	case 0:
		return g.ticket(i)
	case 1:
		return g.clinical(i)
	case 2:
		return g.code(i)
	}
	return g.rag(i)
}

func (g *Gen) ticket(i int) Record {
	var b strings.Builder
	fmt.Fprintf(&b, "Ticket #%d - %s issue\nOpened: 2026-03-%02d 09:%02d UTC   Channel: email\n\n", 1000+i, g.pick(topics), 1+i%28, i%60)
	if g.r.IntN(3) > 0 {
		fmt.Fprintf(&b, "From: %s <%s>\nPhone: %s\n\n", g.pick(names), g.pick(emails), g.pick(phones))
	}
	b.WriteString("Hi, " + g.prose(20) + ".\n")
	switch g.r.IntN(4) {
	case 0:
		fmt.Fprintf(&b, "The card on file is %s, please refund it.\n", g.pick(cards))
	case 1:
		fmt.Fprintf(&b, "Wire it to my account IBAN %s.\n", g.pick(ibans))
	}
	b.WriteString("Thanks,\n" + strings.Fields(g.pick(names))[0] + "\n")
	return Record{Key: fmt.Sprintf("ticket-%d", 1000+i), Value: []byte(b.String()), Kind: "ticket"}
}

func (g *Gen) clinical(i int) Record {
	note := map[string]any{
		"id":       fmt.Sprintf("note-%05d", i),
		"patient":  map[string]any{"name": g.pick(names), "mrn": fmt.Sprintf("MRN %08d", 20000000+i*37%9999999), "dob": "DOB 1957-03-14"},
		"provider": map[string]any{"name": "Dr. " + g.pick(names), "npi": "NPI " + g.pick(npis)},
		"text":     "Follow-up visit. Diagnosis: type 2 diabetes mellitus (ICD-10 E11.9). " + g.prose(15) + ".",
	}
	if g.r.IntN(2) == 0 {
		note["insurance"] = map[string]any{"member_ssn": ssns[0]}
	}
	v, _ := json.Marshal(note)
	return Record{Key: fmt.Sprintf("note-%05d", i), Value: v, Kind: "clinical"}
}

func (g *Gen) code(i int) Record {
	var b strings.Builder
	b.WriteString("\"\"\"Deployment settings for the nightly export job (synthetic example).\"\"\"\n\nimport os\n\n")
	if g.r.IntN(2) == 0 {
		b.WriteString("# TODO: move these to the secrets manager.\n" + g.pick(secrets) + "\n")
	}
	fmt.Fprintf(&b, "REGION = os.environ.get(\"AWS_REGION\", \"eu-west-1\")\n\n\ndef bucket_name(env: str) -> str:\n    return f\"acme-exports-{env}-%d\"\n", i)
	return Record{Key: fmt.Sprintf("src/deploy_%d.py", i), Value: []byte(b.String()), ContentType: "text/x-python", Kind: "code"}
}

func (g *Gen) rag(i int) Record {
	text := "Welcome to the team! " + g.prose(25) + "."
	if g.r.IntN(3) == 0 {
		text += fmt.Sprintf(" Your buddy is %s (%s).", g.pick(names), g.pick(emails))
	}
	env := map[string]any{
		"id": fmt.Sprintf("wiki/doc-%05d.md#chunk-0", i), "source": "wiki", "dataset": "rag/wiki",
		"object": fmt.Sprintf("wiki/doc-%05d.md", i), "field": "body", "text": text,
		"attrs": map[string]string{"title": "Doc " + fmt.Sprint(i)},
	}
	v, _ := json.Marshal(env)
	return Record{Key: fmt.Sprintf("doc-%05d", i), Value: v, ContentType: "application/vnd.weir.envelope+json", Kind: "rag"}
}
