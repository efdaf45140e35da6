package secrets_test

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/secrets"
)

// benchText builds deterministic prose dense in the secret specs' keywords
// ("sk", "pass", "secret", "eyJ", "hf_", ...) with a few real hits, so the
// benchmark measures the cost of windows that do not match.
func benchText(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{
		"the", "task", "ask", "risk", "desk", "skip", "password", "secret", "token", "key", "api",
		"pass", "user", "admin", "login", "lorem", "ipsum", "dolor", "amet", "sed", "tempor",
		"postgres", "azure", "storage", "account", "eyJhbGciOi", "SG.", "hf_", "AIza", "npm_",
	}
	hits := []string{
		"DB_PASSWORD=Mustang9092&\n",
		"TWILIO_API_KEY=SK0f5edfad08c61612c354b9dd79ffc411\n",
		"DATABASE_URL=postgres://root:SFDwnynPsrpMfqZZWs@cache-a.internal:5432/ledger\n",
	}
	var b bytes.Buffer
	for b.Len() < n {
		if r.IntN(50) == 0 {
			b.WriteString(hits[r.IntN(len(hits))])
			continue
		}
		b.WriteString(words[r.IntN(len(words))])
		if r.IntN(12) == 0 {
			b.WriteByte('\n')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.Bytes()
}

func BenchmarkSecretSpecs(b *testing.B) {
	e, err := classifiers.New(secrets.Specs(), classifiers.Config{})
	if err != nil {
		b.Fatal(err)
	}
	text := benchText(64 << 10)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		e.Scan(text)
	}
}
