package redact_test

import (
	"fmt"
	"log"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

func Example() {
	// In production: redact.LoadKeyring("/etc/weir/redact.keys") or
	// redact.KeyringFromEnv("WEIR_REDACT_KEYS").
	keys, err := redact.ParseKeyring([]byte("k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
	if err != nil {
		log.Fatal(err)
	}
	r, err := redact.New(redact.Policy{
		Default: redact.OpType,
		PerType: map[string]redact.Operator{
			"CREDIT_CARD": redact.OpMask,
			"US_SSN":      redact.OpHash,
			"PERSON":      redact.OpTokenize,
		},
	}, keys)
	if err != nil {
		log.Fatal(err)
	}
	text := []byte("Bob paid with 4111-1111-1111-1111, SSN 123-45-6789, mail bob@example.com")
	findings := []classifiers.Finding{
		{Type: "PERSON", Start: 0, End: 3, Confidence: 0.6},
		{Type: "CREDIT_CARD", Start: 14, End: 33, Confidence: 0.95},
		{Type: "US_SSN", Start: 39, End: 50, Confidence: 0.9},
		{Type: "EMAIL_ADDRESS", Start: 57, End: 72, Confidence: 0.9},
	}
	out, applied, err := r.Apply(text, findings)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(out))
	for _, a := range applied {
		fmt.Printf("%s %s [%d,%d) -> [%d,%d)\n", a.Type, a.Operator, a.SrcStart, a.SrcEnd, a.Start, a.End)
	}
	// Detokenize reverses only tokens; the other operators are one-way.
	back, err := r.Detokenize(out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(back))
	// Output:
	// tok_PERSON_k1_E3RtrSUncZkcru02ulpxQDHNMW8 paid with ****-****-****-1111, SSN <US_SSN:hmac:f840f23662d370d2>, mail <EMAIL_ADDRESS>
	// PERSON tokenize [0,3) -> [0,41)
	// CREDIT_CARD mask [14,33) -> [52,71)
	// US_SSN hash [39,50) -> [77,107)
	// EMAIL_ADDRESS type [57,72) -> [114,129)
	// Bob paid with ****-****-****-1111, SSN <US_SSN:hmac:f840f23662d370d2>, mail <EMAIL_ADDRESS>
}
