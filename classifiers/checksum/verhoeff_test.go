package checksum

import "testing"

func TestVerhoeff(t *testing.T) {
	runCases(t, "Verhoeff", Verhoeff, []vcase{
		{"2363", true}, // Verhoeff's worked example (236 -> 3)
		{"236 3", true},
		{verhoeffComplete("12345"), true},
		{verhoeffComplete("8473643095483728456789"), true},
		{"2364", false},
		{"3", false},
		{"", false},
		{"23a63", false},
	})
	for _, v := range []string{"2363", verhoeffComplete("1428570"), verhoeffComplete("90817263549081")} {
		assertSingleDigitErrors(t, "Verhoeff", Verhoeff, v)
		assertTranspositions(t, "Verhoeff", Verhoeff, v, nil)
	}
}

func TestAadhaar(t *testing.T) {
	gen := verhoeffComplete("23412341234")
	runCases(t, "Aadhaar", Aadhaar, []vcase{
		{gen, true},
		{gen[:4] + " " + gen[4:8] + " " + gen[8:], true},
		{gen[:4] + "-" + gen[4:8] + "-" + gen[8:], true},
		{"406291140521", true}, // checked against an independent implementation
		{verhoeffComplete("99999999999"), true},
		{verhoeffComplete("12341234123"), false}, // first digit 1 is not issued
		{verhoeffComplete("03412341234"), false},
		{verhoeffComplete("234123412"), false}, // 10 digits
		{"", false},
	})
	assertSingleDigitErrors(t, "Aadhaar", Aadhaar, gen)
	assertTranspositions(t, "Aadhaar", Aadhaar, gen, nil)
}
