package checksum

import "testing"

func TestLuhn(t *testing.T) {
	runCases(t, "Luhn", Luhn, []vcase{
		{"4111111111111111", true}, // Visa test card
		{"4111 1111 1111 1111", true},
		{"4111-1111-1111-1111", true},
		{"79927398713", true},      // textbook example
		{"378282246310005", true},  // Amex test card
		{"5555555555554444", true}, // Mastercard test card
		{"6011111111111117", true}, // Discover test card
		{"3530111333300000", true}, // JCB test card
		{"30569309025904", true},   // Diners test card
		{"4242.4242.4242.4242", true},
		{"18", true},
		{"4111111111111112", false}, // last digit changed
		{"79927398710", false},
		{"0", false}, // one digit
		{"", false},
		{"- -", false},
		{"4111x111111111111", false},
		{"4111_1111_1111_1111", false},
		{"4111111111111111\n", false},
		{"４１１１１１１１１１１１１１１１", false}, // full-width digits
		{"4111\u00a01111\u00a01111\u00a01111", false},
	})
	for _, v := range []string{"4111111111111111", "378282246310005", "79927398713", luhnComplete("8765432101234567891")} {
		assertSingleDigitErrors(t, "Luhn", Luhn, v)
		// Luhn misses only the 09 <-> 90 transposition.
		assertTranspositions(t, "Luhn", Luhn, v, func(a, b byte) bool { return a+b == '0'+'9' })
	}
}

func npiMake(nine string) string { return luhnComplete("80840" + nine)[5:] }

func TestNPI(t *testing.T) {
	gen := npiMake("198765432")
	runCases(t, "NPI", NPI, []vcase{
		{"1234567893", true}, // CMS documentation example
		{gen, true},
		{npiMake("212345678"), true},
		{"1234-567-893", true},
		{"1234567890", false},
		{"123456789", false},
		{"12345678930", false},
		{npiMake("312345678"), false}, // first digit 3 is not issued
		{luhnComplete("023456789"), false},
		{"", false},
		{"1234567893a", false},
	})
	assertSingleDigitErrors(t, "NPI", NPI, "1234567893")
	assertSingleDigitErrors(t, "NPI", NPI, gen)
}

func TestCASIN(t *testing.T) {
	runCases(t, "CASIN", CASIN, []vcase{
		{"130 692 544", true},
		{"130-692-544", true},
		{"130692544", true},
		{luhnComplete("95612345"), true},
		{"130 692 545", false},
		// CRA's documentation sample; TAXONOMY admits only first digits 1-7 and 9.
		{"046 454 286", false},
		{luhnComplete("81234567"), false}, // 8 is not issued
		{"130 692 5440", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "CASIN", CASIN, "130692544")
	assertTranspositions(t, "CASIN", CASIN, "130692544", func(a, b byte) bool { return a+b == '0'+'9' })
}

func TestIMEI(t *testing.T) {
	runCases(t, "IMEI", IMEI, []vcase{
		{"490154203237518", true}, // Wikipedia example
		{"49-015420-323751-8", true},
		{"35 209900 176148 1", true},
		{"490154203237517", false},
		{"49015420323751", false},   // 14 digits (no check digit)
		{"4901542032375180", false}, // 16 digits
		{"000000000000000", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "IMEI", IMEI, "490154203237518")
}

func TestDigits(t *testing.T) {
	for _, c := range []struct{ in, prefix, want string }{
		{"", "", ""},
		{"943 476-5919", "", "9434765919"},
		{"a1b2\xff3", "x", "x123"},
		{"٣ ４", "", ""}, // non-ASCII digits are not digits
	} {
		if got := string(Digits([]byte(c.prefix), []byte(c.in))); got != c.want {
			t.Errorf("Digits(%q, %q) = %q, want %q", c.prefix, c.in, got, c.want)
		}
	}
}
