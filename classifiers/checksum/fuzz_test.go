package checksum

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzValidator runs the invariants every validator must keep: no panic,
// the same verdict on a second call and on a copy, and the input left
// unmodified. check adds the validator's own consistency properties.
func fuzzValidator(f *testing.F, fn func([]byte) bool, seeds []string, check func(t *testing.T, in []byte, got bool)) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		orig := bytes.Clone(in)
		got := fn(in)
		if !bytes.Equal(in, orig) {
			t.Fatalf("input modified: %q -> %q", orig, in)
		}
		if fn(in) != got || fn(bytes.Clone(in)) != got {
			t.Fatalf("non-deterministic verdict for %q", in)
		}
		if check != nil {
			check(t, in, got)
		}
	})
}

// separatorInvariant checks that removing separators, or putting one
// between every two bytes, does not change the verdict of fn.
func separatorInvariant(fn func([]byte) bool) func(t *testing.T, in []byte, got bool) {
	return func(t *testing.T, in []byte, got bool) {
		if len(in) > 256 {
			return
		}
		var bare []byte
		for _, c := range in {
			if !isSep(c) {
				bare = append(bare, c)
			}
		}
		if fn(bare) != got {
			t.Fatalf("verdict changed removing separators: %q (%v) vs %q", in, got, bare)
		}
		spaced := []byte(withSeparators(string(bare), '-'))
		if fn(spaced) != got {
			t.Fatalf("verdict changed adding separators: %q (%v) vs %q", in, got, spaced)
		}
	}
}

// digitPayload returns up to max digits of in, for properties that need a
// numeric payload.
func digitPayload(in []byte, max int) string {
	d := Digits(nil, in)
	if len(d) > max {
		d = d[:max]
	}
	return string(d)
}

func FuzzDigits(f *testing.F) {
	for _, s := range []string{"", "4111 1111-1111.1111", "abc", "1\x002\xff3", "٣"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		prefix := []byte("x")
		out := Digits(prefix, in)
		if out[0] != 'x' {
			t.Fatal("prefix lost")
		}
		n := 0
		for _, c := range in {
			if c >= '0' && c <= '9' {
				n++
			}
		}
		if len(out)-1 != n {
			t.Fatalf("Digits kept %d of %d digits", len(out)-1, n)
		}
		for _, c := range out[1:] {
			if c < '0' || c > '9' {
				t.Fatalf("non-digit %q in output", c)
			}
		}
	})
}

func FuzzLuhn(f *testing.F) {
	fuzzValidator(f, Luhn, []string{"4111111111111111", "4111 1111 1111 1111", "79927398713", "0", "", "41x1"},
		func(t *testing.T, in []byte, got bool) {
			separatorInvariant(Luhn)(t, in, got)
			if p := digitPayload(in, 40); len(p) >= 1 {
				if v := luhnComplete(p); !Luhn([]byte(v)) {
					t.Fatalf("Luhn(%q) = false after appending the check digit", v)
				}
			}
		})
}

func FuzzNPI(f *testing.F) {
	fuzzValidator(f, NPI, []string{"1234567893", "1234-567-893", "1234567890", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(NPI)(t, in, got)
		if p := digitPayload(in, 9); len(p) == 9 && (p[0] == '1' || p[0] == '2') {
			if v := npiMake(p); !NPI([]byte(v)) {
				t.Fatalf("NPI(%q) = false for a generated NPI", v)
			}
		}
	})
}

func FuzzIBAN(f *testing.F) {
	fuzzValidator(f, IBAN, append([]string{"GB82 WEST 1234 5698 7654 32", "gb82west12345698765432", "", "XX00"}, publishedIBANs[:10]...),
		func(t *testing.T, in []byte, got bool) {
			separatorInvariant(IBAN)(t, in, got)
			if got {
				if low := bytes.ToLower(in); !bytes.Equal(low, in) && IBAN(low) {
					t.Fatalf("IBAN accepted lower case %q", low)
				}
			}
		})
}

func FuzzABA(f *testing.F) {
	fuzzValidator(f, ABA, []string{"021000021", "0210-0002-1", "021000022", ""}, separatorInvariant(ABA))
}

func FuzzVerhoeff(f *testing.F) {
	fuzzValidator(f, Verhoeff, []string{"2363", "236 3", "2364", "", "1"}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(Verhoeff)(t, in, got)
		if p := digitPayload(in, 40); len(p) >= 1 {
			if v := verhoeffComplete(p); !Verhoeff([]byte(v)) {
				t.Fatalf("Verhoeff(%q) = false after appending the check digit", v)
			}
		}
	})
}

func FuzzAadhaar(f *testing.F) {
	fuzzValidator(f, Aadhaar, []string{"406291140521", "4062 9114 0521", "123412341234", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(Aadhaar)(t, in, got)
		if got && !Verhoeff(in) {
			t.Fatalf("Aadhaar(%q) = true but Verhoeff = false", in)
		}
	})
}

func FuzzNHS(f *testing.F) {
	fuzzValidator(f, NHS, []string{"943 476 5919", "9434765918", "1111111111", ""}, separatorInvariant(NHS))
}

func FuzzBSN(f *testing.F) {
	fuzzValidator(f, BSN, []string{"111222333", "123456782", "000000000", ""}, separatorInvariant(BSN))
}

func FuzzCPF(f *testing.F) {
	fuzzValidator(f, CPF, []string{"529.982.247-25", "111.111.111-11", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(CPF)(t, in, got)
		if p := digitPayload(in, 9); len(p) == 9 {
			v := cpfComplete(p)
			if CPF([]byte(v)) != !allSame([]byte(v)) {
				t.Fatalf("CPF(%q) disagrees with the generator", v)
			}
		}
	})
}

func FuzzPESEL(f *testing.F) {
	fuzzValidator(f, PESEL, []string{"44051401359", "02290112345", "99923112344", ""}, separatorInvariant(PESEL))
}

func FuzzNRIC(f *testing.F) {
	fuzzValidator(f, NRIC, []string{"S1234567D", "T0123456G", "M1234567K", "s1234567d", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(NRIC)(t, in, got)
		if p := digitPayload(in, 7); len(p) == 7 {
			for _, s := range []byte("STFGM") {
				if v := nricMake(s, p); !NRIC([]byte(v)) {
					t.Fatalf("NRIC(%q) = false for a generated NRIC", v)
				}
			}
		}
	})
}

func FuzzTFN(f *testing.F) {
	fuzzValidator(f, TFN, []string{"123 456 782", "876543210", "000000000", ""}, separatorInvariant(TFN))
}

func FuzzDEA(f *testing.F) {
	fuzzValidator(f, DEA, []string{"AB1234563", "A91234563", "ab1234563", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(DEA)(t, in, got)
		if p := digitPayload(in, 6); len(p) == 6 {
			if v := deaMake("FX", p); !DEA([]byte(v)) {
				t.Fatalf("DEA(%q) = false for a generated DEA number", v)
			}
		}
	})
}

func FuzzSpanishID(f *testing.F) {
	fuzzValidator(f, SpanishID, []string{"12345678Z", "X1234567L", "12.345.678-Z", "12345678z", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(SpanishID)(t, in, got)
		if p := digitPayload(in, 8); len(p) == 8 {
			if v := nifMake("", p); !SpanishID([]byte(v)) {
				t.Fatalf("SpanishID(%q) = false for a generated DNI", v)
			}
			if v := nifMake("Z", p[:7]); !SpanishID([]byte(v)) {
				t.Fatalf("SpanishID(%q) = false for a generated NIE", v)
			}
		}
	})
}

func FuzzItalianFiscalCode(f *testing.F) {
	fuzzValidator(f, ItalianFiscalCode, []string{"RSSMRA85T10A562S", "MRTMTT25D09F205Z", "RSSMRA85T10A56NX", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(ItalianFiscalCode)(t, in, got)
		if got {
			low := bytes.ToLower(in)
			if ItalianFiscalCode(low) {
				t.Fatalf("ItalianFiscalCode accepted lower case %q", low)
			}
			// The check letter is the only one that fits.
			b := []byte(string(in))
			i := bytes.LastIndexFunc(b, func(r rune) bool { return !isSep(byte(r)) })
			b[i] = 'A' + (b[i]-'A'+1)%26
			if ItalianFiscalCode(b) {
				t.Fatalf("ItalianFiscalCode(%q) = true with another check letter", b)
			}
		}
	})
}

func FuzzCASIN(f *testing.F) {
	fuzzValidator(f, CASIN, []string{"130 692 544", "046 454 286", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(CASIN)(t, in, got)
		if got && !Luhn(in) {
			t.Fatalf("CASIN(%q) = true but Luhn = false", in)
		}
	})
}

func FuzzIMEI(f *testing.F) {
	fuzzValidator(f, IMEI, []string{"490154203237518", "35-209900-176148-1", "000000000000000", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(IMEI)(t, in, got)
		if got && !Luhn(in) {
			t.Fatalf("IMEI(%q) = true but Luhn = false", in)
		}
	})
}

func FuzzSSN(f *testing.F) {
	fuzzValidator(f, SSN, []string{"078-05-1120", "666-12-3456", "912-70-1234", ""}, func(t *testing.T, in []byte, got bool) {
		separatorInvariant(SSN)(t, in, got)
		if got && ITIN(in) {
			t.Fatalf("%q is both an SSN and an ITIN", in)
		}
	})
}

func FuzzITIN(f *testing.F) {
	fuzzValidator(f, ITIN, []string{"912-70-1234", "912-93-1234", ""}, separatorInvariant(ITIN))
}

func FuzzBase58Check(f *testing.F) {
	fuzzValidator(f, Base58Check, []string{"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "1111111111111111111114oLvT2", ""},
		func(t *testing.T, in []byte, got bool) {
			if len(in) >= 20 {
				h := in[:20]
				for _, v := range []byte{0x00, 0x05} {
					if a := base58CheckMake(v, h); !Base58Check([]byte(a)) {
						t.Fatalf("Base58Check(%q) = false for a generated address", a)
					}
				}
			}
		})
}

func FuzzBech32Address(f *testing.F) {
	fuzzValidator(f, Bech32Address, []string{"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "BC1SW50QGDZ25J", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", ""},
		func(t *testing.T, in []byte, got bool) {
			if got {
				if !Bech32Address(bytes.ToUpper(in)) || !Bech32Address(bytes.ToLower(in)) {
					t.Fatalf("Bech32Address(%q) depends on (uniform) case", in)
				}
			}
			if len(in) >= 2 && len(in) <= 40 {
				if a := segwitMake("bc", 1, in, true); !Bech32Address([]byte(a)) {
					t.Fatalf("Bech32Address(%q) = false for a generated address", a)
				}
			}
		})
}

func FuzzEIP55(f *testing.F) {
	fuzzValidator(f, EIP55, []string{"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xde709f2102306220921060314715629080e2fb77", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", ""},
		func(t *testing.T, in []byte, got bool) {
			if got && !EIP55(append([]byte("0x"), bytes.ToLower(in[2:])...)) {
				t.Fatalf("EIP55(%q) valid but its lower-case form is not", in)
			}
			if len(in) >= 20 {
				if a := eip55Make(in[:20]); !EIP55([]byte(a)) {
					t.Fatalf("EIP55(%q) = false for a generated address", a)
				}
			}
		})
}

func FuzzTokenCRC32(f *testing.F) {
	fuzzValidator(f, TokenCRC32, []string{"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", "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", "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", ""},
		func(t *testing.T, in []byte, got bool) {
			var body []byte
			for _, c := range in {
				if isBase62(c) {
					body = append(body, c)
				}
			}
			if len(body) >= 30 {
				if v := tokenMake("ghp_", string(body[:30])); !TokenCRC32([]byte(v)) {
					t.Fatalf("TokenCRC32(%q) = false for a generated token", v)
				}
			}
		})
}

func FuzzJWT(f *testing.F) {
	fuzzValidator(f, JWT, []string{
		"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
		jwtMake(`{"alg":"none"}`, `{}`, ""), "eyJ.eyJ.", "a.b.c", "",
	}, func(t *testing.T, in []byte, got bool) {
		if got && (len(in) > jwtMaxLen || bytes.Count(in, []byte(".")) != 2) {
			t.Fatalf("JWT(%q) = true for a malformed token", in)
		}
		// Any bytes as a JSON string value in a well-formed token.
		if len(in) < 512 {
			payload := `{"v":"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(string(bytes.Map(func(r rune) rune {
				if r < 0x20 {
					return ' '
				}
				return r
			}, in))) + `"}`
			if v := jwtMake(`{"alg":"HS256"}`, payload, "c2ln"); !JWT([]byte(v)) {
				t.Fatalf("JWT = false for a generated token with payload %q", payload)
			}
		}
	})
}

func FuzzPEM(f *testing.F) {
	fx := pemFixturesFor(f)
	fuzzValidator(f, PEM, []string{fx.ecSEC1, fx.openssh, fx.pgp, fx.rsaPublic, strings.ReplaceAll(fx.ecSEC1, "\n", `\n`),
		"-----BEGIN PRIVATE KEY-----\nMIIE...REDACTED\n-----END PRIVATE KEY-----", ""},
		func(t *testing.T, in []byte, got bool) {
			if !got || bytes.Contains(in, []byte(`\`)) {
				return
			}
			// A valid block stays valid in its escaped, CRLF and indented forms.
			for name, v := range map[string][]byte{
				"escaped": bytes.ReplaceAll(in, []byte("\n"), []byte(`\n`)),
				"crlf":    bytes.ReplaceAll(bytes.ReplaceAll(in, []byte("\r"), nil), []byte("\n"), []byte("\r\n")),
				"yaml":    bytes.ReplaceAll(in, []byte("\n"), []byte("\n    ")),
			} {
				if !PEM(v) {
					t.Fatalf("PEM valid but its %s form is not: %q", name, v)
				}
			}
		})
}

func FuzzPyPIMacaroon(f *testing.F) {
	fuzzValidator(f, PyPIMacaroon, []string{pypiMake("58134e28-40bd-4ff3-89c7-6afcf0db83a0"), "pypi-AgEIcHlwaS5vcmc", ""},
		func(t *testing.T, in []byte, got bool) {
			if got && !bytes.HasPrefix(in, []byte("pypi-AgEIcHlwaS5vcm")) {
				t.Fatalf("PyPIMacaroon(%q) = true without the fixed prefix", in)
			}
			if len(in) >= 11 && len(in) < 200 { // 89 bytes of skeleton + id >= 100
				if v := pypiMake(string(in)); !PyPIMacaroon([]byte(v)) {
					t.Fatalf("PyPIMacaroon = false for a generated token %q", v)
				}
			}
		})
}

func FuzzCRC24(f *testing.F) {
	for _, s := range []string{"", "123456789", "\x00\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got := CRC24(in)
		if got > 0xFFFFFF {
			t.Fatalf("CRC24 = %X exceeds 24 bits", got)
		}
		if want := crc24Ref(in); got != want {
			t.Fatalf("CRC24(%q) = %06X, want %06X", in, got, want)
		}
		if len(in) > 1 {
			if crc24Update(crc24Update(0xB704CE, in[:len(in)/2]), in[len(in)/2:]) != got {
				t.Fatal("CRC24 is not incremental")
			}
		}
	})
}
