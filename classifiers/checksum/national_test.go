package checksum

import (
	"fmt"
	"testing"
)

func TestNHS(t *testing.T) {
	gen, ok := nhsComplete("485777345")
	if !ok {
		t.Fatal("bad generator input")
	}
	runCases(t, "NHS", NHS, []vcase{
		{"943 476 5919", true}, // NHS Digital documentation example
		{"9434765919", true},
		{"401 023 2137", true},
		{"943-476-5919", true},
		{gen, true},
		{"943 476 5918", false},
		{"943 476 591", false},
		{"1111111111", false}, // repeated digits pass the arithmetic
		{"0000000000", false},
		{"", false},
	})
	// A 9-digit prefix whose check would be 10 never makes a valid number.
	for p := 100000000; p < 100000100; p++ {
		v, ok := nhsComplete(fmt.Sprint(p))
		if !ok {
			for d := '0'; d <= '9'; d++ {
				if NHS([]byte(v[:9] + string(d))) {
					t.Errorf("NHS(%s%c) = true for a check-10 prefix", v[:9], d)
				}
			}
		}
	}
	assertSingleDigitErrors(t, "NHS", NHS, "9434765919")
	assertTranspositions(t, "NHS", NHS, "9434765919", nil)
}

func TestBSN(t *testing.T) {
	runCases(t, "BSN", BSN, []vcase{
		{"111222333", true},
		{"123456782", true},
		{"1234.56.782", true},
		{"123456789", false},
		{"000000000", false},
		{"12345678", false},
		{"0123456782", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "BSN", BSN, "123456782")
	assertTranspositions(t, "BSN", BSN, "123456782", nil)
}

func TestCPF(t *testing.T) {
	gen := cpfComplete("987654321")
	runCases(t, "CPF", CPF, []vcase{
		{"529.982.247-25", true},
		{"52998224725", true},
		{"111.444.777-35", true},
		{gen, true},
		{cpfComplete("000000001"), true},
		{"529.982.247-26", false},
		{"529.982.247-52", false},
		{"111.111.111-11", false}, // repeated digits pass the arithmetic
		{"000.000.000-00", false},
		{"529.982.247-2", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "CPF", CPF, "52998224725")
	assertTranspositions(t, "CPF", CPF, "52998224725", nil)
}

func TestPESEL(t *testing.T) {
	runCases(t, "PESEL", PESEL, []vcase{
		{"44051401359", true}, // 1944-05-14, the usual documentation example
		{peselMake(1885, 12, 31, "1234"), true},
		{peselMake(1999, 1, 1, "0000"), true},
		{peselMake(2005, 10, 13, "5678"), true},
		{peselMake(2000, 2, 29, "0011"), true}, // leap year
		{peselMake(2150, 6, 30, "4321"), true},
		{peselMake(2299, 11, 30, "9999"), true},
		{"44051401358", false},
		{peselMake(1900, 2, 29, "0011"), false}, // 1900 is not a leap year
		{peselMake(2001, 2, 29, "0011"), false},
		{peselMake(1999, 4, 31, "0011"), false},
		{peselMake(1999, 1, 0, "0011"), false},
		{peselMake(1999, 13, 1, "0011"), false},
		{"00000000000", false},
		{"4405140135", false},
		{"", false},
	})
	// Weights 1,3,7,9 catch every single-digit error.
	assertSingleDigitErrors(t, "PESEL", PESEL, "44051401359")
}

func TestNRIC(t *testing.T) {
	runCases(t, "NRIC", NRIC, []vcase{
		{"S1234567D", true},
		{nricMake('S', "0000001"), true},
		{nricMake('T', "0123456"), true},
		{nricMake('F', "1234567"), true},
		{nricMake('G', "7654321"), true},
		{nricMake('M', "1234567"), true},
		{"S1234567A", false},
		{"s1234567d", false},
		{"A1234567D", false},
		{"S123456D", false},
		{"S12345678D", false},
		{"S1234567", false},
		{"", false},
	})
	// The same digits carry a different letter in each series.
	if NRIC([]byte("T" + nricMake('S', "1234567")[1:])) {
		t.Error("NRIC accepted an S letter under series T")
	}
	if NRIC([]byte("M" + nricMake('F', "1234567")[1:])) {
		t.Error("NRIC accepted an F letter under series M")
	}
	for _, v := range []string{"S1234567D", nricMake('G', "7654321"), nricMake('M', "1234567")} {
		assertSingleDigitErrors(t, "NRIC", NRIC, v)
		assertTranspositions(t, "NRIC", NRIC, v, nil)
	}
}

func TestTFN(t *testing.T) {
	runCases(t, "TFN", TFN, []vcase{
		{"123 456 782", true}, // ATO documentation example
		{"123456782", true},
		{"876 543 210", true},
		{"231155612", true},
		{"123 456 781", false},
		{"000 000 000", false},
		{"12345678", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "TFN", TFN, "123456782")
	assertTranspositions(t, "TFN", TFN, "123456782", nil)
}

func TestSpanishID(t *testing.T) {
	runCases(t, "SpanishID", SpanishID, []vcase{
		{"12345678Z", true},
		{"12345678-Z", true},
		{"12345678 Z", true},
		{"12.345.678-Z", true},
		{"X1234567L", true},
		{"X-1234567-L", true},
		{nifMake("Y", "1234567"), true},
		{nifMake("Z", "7654321"), true},
		{nifMake("", "00000001"), true},
		{"12345678A", false},
		{"12345678z", false},
		{"x1234567L", false},
		{"X1234567A", false},
		{"W1234567L", false},
		{"1234567Z", false},
		{"123456789Z", false},
		{"12345678", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "SpanishID", SpanishID, "12345678Z")
	assertSingleDigitErrors(t, "SpanishID", SpanishID, "X1234567L")
	// X, Y and Z are different prefixes for the same digits.
	if SpanishID([]byte("Y1234567L")) {
		t.Error("SpanishID accepted an X letter under prefix Y")
	}
}

func TestItalianFiscalCode(t *testing.T) {
	omocodic := cfMake("RSSMRA85T10A56N")
	runCases(t, "ItalianFiscalCode", ItalianFiscalCode, []vcase{
		{"RSSMRA85T10A562S", true}, // Agenzia delle Entrate example
		{"MRTMTT25D09F205Z", true},
		{cfMake("BNCLRA90A41H501"), true}, // woman: day + 40
		{omocodic, true},
		{cfMake("RSSMRALRTMLALNR"), true}, // all digit positions omocodic
		{cfMake("VRDGPP13B29Z110"), true}, // 29 Feb, foreign (Z) Belfiore
		{"RSS MRA 85T10 A562S", true},
		{"RSSMRA85T10A562T", false},
		{"rssmra85t10a562s", false},
		{cfMake("RSSMRA85F10A562"), false}, // F is not a month letter
		{cfMake("RSSMRA85T32A562"), false}, // day 32
		{cfMake("RSSMRA85T00A562"), false},
		{cfMake("RSSMRA85T72A562"), false},
		{cfMake("RSSMRA85B30A562"), false}, // 30 Feb
		{cfMake("RSSMR185T10A562"), false}, // digit in the name part
		{cfMake("RSSMRA8AT10A562"), false}, // A is not an omocodia letter
		{cfMake("RSSMRA85T101562"), false}, // Belfiore must start with a letter
		{"RSSMRA85T10A562", false},
		{"RSSMRA85T10A562SS", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "ItalianFiscalCode", ItalianFiscalCode, "RSSMRA85T10A562S")
	// Changing any letter of the name part changes the check letter.
	v := "RSSMRA85T10A562S"
	for i := 0; i < 6; i++ {
		for c := byte('A'); c <= 'Z'; c++ {
			if c == v[i] {
				continue
			}
			m := []byte(v)
			m[i] = c
			if ItalianFiscalCode(m) {
				t.Errorf("ItalianFiscalCode(%q) = true", m)
			}
		}
	}
}
