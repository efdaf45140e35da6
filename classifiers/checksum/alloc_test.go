package checksum

import "testing"

// TestNoAllocs pins that the validators run on the hot path without heap
// allocation (EIP55 allocates only for the Keccak state of mixed-case input).
func TestNoAllocs(t *testing.T) {
	f := pemFixturesFor(t)
	cases := []struct {
		name string
		fn   func([]byte) bool
		in   string
	}{
		{"Luhn", Luhn, "4111 1111 1111 1111"},
		{"NPI", NPI, "1234567893"},
		{"IBAN", IBAN, "FR14 2004 1010 0505 0001 3M02 606"},
		{"IBAN-IT", IBAN, "IT60X0542811101000000123456"},
		{"ABA", ABA, "021000021"},
		{"Verhoeff", Verhoeff, "2363"},
		{"Aadhaar", Aadhaar, "4062 9114 0521"},
		{"NHS", NHS, "943 476 5919"},
		{"BSN", BSN, "123456782"},
		{"CPF", CPF, "529.982.247-25"},
		{"PESEL", PESEL, "44051401359"},
		{"NRIC", NRIC, "S1234567D"},
		{"TFN", TFN, "123456782"},
		{"DEA", DEA, "AB1234563"},
		{"SpanishID", SpanishID, "X1234567L"},
		{"ItalianFiscalCode", ItalianFiscalCode, "RSSMRA85T10A562S"},
		{"CASIN", CASIN, "130692544"},
		{"IMEI", IMEI, "490154203237518"},
		{"SSN", SSN, "078-05-1120"},
		{"ITIN", ITIN, "912-70-1234"},
		{"Base58Check", Base58Check, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"},
		{"Bech32Address", Bech32Address, "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"},
		{"EIP55-lower", EIP55, "0xde709f2102306220921060314715629080e2fb77"},
		{"TokenCRC32", TokenCRC32, "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"},
		{"JWT", JWT, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
		{"PEM", PEM, f.rsaPKCS1},
		{"PEM-escaped", PEM, pemForms(f.ecSEC1)["escaped"]},
		{"PEM-pgp", PEM, f.pgp},
		{"PyPIMacaroon", PyPIMacaroon, pypiMake("58134e28-40bd-4ff3-89c7-6afcf0db83a0")},
	}
	for _, c := range cases {
		in := []byte(c.in)
		if !c.fn(in) {
			t.Errorf("%s(%q) = false", c.name, c.in)
			continue
		}
		if n := testing.AllocsPerRun(20, func() { c.fn(in) }); n != 0 {
			t.Errorf("%s allocates %.0f times per call", c.name, n)
		}
	}
}

func BenchmarkLuhn(b *testing.B) {
	vals := [][]byte{[]byte("4111111111111111"), []byte("4111 1111 1111 1112"), []byte("378282246310005")}
	n := 0
	for _, v := range vals {
		n += len(v)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vals {
			Luhn(v)
		}
	}
}
