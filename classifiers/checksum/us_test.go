package checksum

import (
	"fmt"
	"testing"
)

func abaMake(eight string) string {
	d := digitVals(eight)
	s := 3*(d[0]+d[3]+d[6]) + 7*(d[1]+d[4]+d[7]) + d[2] + d[5]
	return eight + fmt.Sprint((10-s%10)%10)
}

func TestABA(t *testing.T) {
	runCases(t, "ABA", ABA, []vcase{
		{"011000015", true}, // Federal Reserve Bank of Boston
		{"021000021", true}, // JPMorgan Chase
		{"026009593", true}, // Bank of America
		{"122105278", true},
		{"0210-0002-1", true},
		{abaMake("00123456"), true},
		{abaMake("32123456"), true},
		{abaMake("61123456"), true},
		{abaMake("80123456"), true},
		{"021000022", false},
		{abaMake("13123456"), false}, // prefix outside the Fed ranges
		{abaMake("20123456"), false},
		{abaMake("73123456"), false},
		{abaMake("81123456"), false},
		{"02100002", false},
		{"0210000210", false},
		{"", false},
	})
	assertSingleDigitErrors(t, "ABA", ABA, "021000021")
	assertSingleDigitErrors(t, "ABA", ABA, "026009593")
}

func TestSSN(t *testing.T) {
	runCases(t, "SSN", SSN, []vcase{
		{"078-05-1120", true},
		{"123-45-6789", true},
		{"123 45 6789", true},
		{"123456789", true},
		{"001-01-0001", true},
		{"899-99-9999", true},
		{"000-12-3456", false},
		{"666-12-3456", false},
		{"900-70-1234", false}, // ITIN range
		{"999-99-9999", false},
		{"123-00-4567", false},
		{"123-45-0000", false},
		{"123-45-678", false},
		{"123-45-67890", false},
		{"XXX-XX-6789", false},
		{"", false},
	})
}

func TestITIN(t *testing.T) {
	runCases(t, "ITIN", ITIN, []vcase{
		{"912-70-1234", true},
		{"912-50-1234", true},
		{"900-65-0000", true},
		{"999-88-9999", true},
		{"970-90-1234", true},
		{"970-92-1234", true},
		{"970-94-1234", true},
		{"970 99 1234", true},
		{"912-49-1234", false},
		{"912-66-1234", false},
		{"912-69-1234", false},
		{"912-89-1234", false},
		{"912-93-1234", false},
		{"812-70-1234", false}, // SSN area
		{"912-70-123", false},
		{"", false},
	})
}

func TestDEA(t *testing.T) {
	gen := deaMake("BJ", "612534")
	runCases(t, "DEA", DEA, []vcase{
		{"AB1234563", true}, // the classic documentation example
		{gen, true},
		{deaMake("A9", "000001"), true}, // business registrant
		{deaMake("MS", "987654"), true},
		{"AB1234564", false},
		{"ab1234563", false},
		{"Ab1234563", false},
		{deaMake("QB", "123456"), false}, // Q is not a registrant type
		{deaMake("A8", "123456"), false},
		{"AB123456", false},
		{"AB12345634", false},
		{"", false},
	})
	// Weight 2 hides a +/-5 change, so only odd positions and the check
	// digit are guaranteed; test those.
	for _, pos := range []int{2, 4, 6, 8} {
		for d := byte('0'); d <= '9'; d++ {
			m := []byte("AB1234563")
			if m[pos] == d {
				continue
			}
			m[pos] = d
			if DEA(m) {
				t.Errorf("DEA(%q) = true", m)
			}
		}
	}
}
