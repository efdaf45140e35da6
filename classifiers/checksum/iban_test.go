package checksum

import (
	"strings"
	"testing"
)

// Published example IBANs (SWIFT IBAN registry / national bank
// documentation). Each passes mod 97 and, where weir checks one, its
// national BBAN key.
var publishedIBANs = []string{
	"AD1200012030200359100100", "AE070331234567890123456", "AL47212110090000000235698741",
	"AT611904300234573201", "AZ21NABZ00000000137010001944", "BA391290079401028494",
	"BE68539007547034", "BG80BNBG96611020345678", "BH67BMAG00001299123456",
	"BR1800360305000010009795493C1", "BY13NBRB3600900000002Z00AB00", "CH9300762011623852957",
	"CR05015202001026284066", "CY17002001280000001200527600", "CZ6508000000192000145399",
	"DE89370400440532013000", "DK5000400440116243", "DO28BAGR00000001212453611324",
	"EE382200221020145685", "EG380019000500000000263180002", "ES9121000418450200051332",
	"FI2112345600000785", "FO6264600001631634", "FR1420041010050500013M02606",
	"GB29NWBK60161331926819", "GB82WEST12345698765432", "GE29NB0000000101904917",
	"GI75NWBK000000007099453", "GL8964710001000206", "GR1601101250000000012300695",
	"GT82TRAJ01020000001210029690", "HR1210010051863000160", "HU42117730161111101800000000",
	"IE29AIBK93115212345678", "IL620108000000099999999", "IQ98NBIQ850123456789012",
	"IS140159260076545510730339", "IT60X0542811101000000123456", "JO94CBJO0010000000000131000302",
	"KW81CBKU0000000000001234560101", "KZ86125KZT5004100100", "LB62099900000001001901229114",
	"LC55HEMM000100010012001200023015", "LI21088100002324013AA", "LT121000011101001000",
	"LU280019400644750000", "LV80BANK0000435195001", "MC5811222000010123456789030",
	"MD24AG000225100013104168", "ME25505000012345678951", "MK07250120000058984",
	"MR1300020001010000123456753", "MT84MALT011000012345MTLCAST001S", "MU17BOMM0101101030300200000MUR",
	"NL91ABNA0417164300", "NO9386011117947", "PK36SCBL0000001123456702",
	"PL61109010140000071219812874", "PS92PALS000000000400123456702", "PT50000201231234567890154",
	"QA58DOHB00001234567890ABCDEFG", "RO49AAAA1B31007593840000", "RS35260005601001611379",
	"SA0380000000608010167519", "SC18SSCB11010000000000001497USD", "SE4550000000058398257466",
	"SI56263300012039086", "SK3112000000198742637541", "SM86U0322509800000000270100",
	"ST68000100010051845310112", "SV62CENR00000000000000700025", "TL380080012345678910157",
	"TN5910006035183598478831", "TR330006100519786457841326", "UA213223130000026007233566001",
	"VA59001123000012345678", "VG96VPVG0000012345678901", "XK051212012345678906",
}

func TestIBANPublished(t *testing.T) {
	for _, v := range publishedIBANs {
		if !IBAN([]byte(v)) {
			t.Errorf("IBAN(%q) = false", v)
		}
		// Print format: groups of four.
		var sb strings.Builder
		for i := 0; i < len(v); i += 4 {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(v[i:min(i+4, len(v))])
		}
		if !IBAN([]byte(sb.String())) {
			t.Errorf("IBAN(%q) = false", sb.String())
		}
		if IBAN([]byte(strings.ToLower(v))) {
			t.Errorf("IBAN(%q) = true for lower case", strings.ToLower(v))
		}
		assertSingleDigitErrors(t, "IBAN", IBAN, v)
		assertTranspositions(t, "IBAN", IBAN, v, nil)
	}
}

func TestIBANRegistryTable(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range ibanRegistry {
		if seen[c.code] {
			t.Errorf("duplicate registry row %s", c.code)
		}
		seen[c.code] = true
		// The BBAN format must add up to the IBAN length.
		n := 0
		for i := 0; i < len(c.bban); {
			k := 0
			for isDigit(c.bban[i]) {
				k = k*10 + int(c.bban[i]-'0')
				i++
			}
			n += k
			i++
		}
		if c.bban != "" && n+4 != c.length {
			t.Errorf("%s: BBAN format %q is %d chars, IBAN length %d", c.code, c.bban, n, c.length)
		}
	}
	for _, cc := range []string{"DE", "GB", "FR", "ES", "IT", "NL", "BE", "CH", "AT", "PL", "IE", "PT", "SE", "NO",
		"BG", "HR", "CY", "CZ", "DK", "EE", "FI", "GR", "HU", "IS", "LV", "LI", "LT", "LU", "MT", "MC", "RO", "SM",
		"SK", "SI", "VA", "AD", "GI"} {
		if !seen[cc] {
			t.Errorf("SEPA country %s missing from the registry", cc)
		}
	}
	if len(ibanRegistry) < 80 {
		t.Errorf("registry has %d countries, want the full table (~89)", len(ibanRegistry))
	}
}

func TestIBAN(t *testing.T) {
	fr := ibanComplete("FR", frBBAN("30006", "00001", "12345678901"))
	frLetters := ibanComplete("FR", frBBAN("30004", "00823", "0001234Z5K6"))
	es := ibanComplete("ES", esBBAN("2100", "0418", "0200051332"))
	it := ibanComplete("IT", itBBAN("03069", "09606", "100000012345"))
	itAlnum := ibanComplete("IT", itBBAN("05428", "11101", "0000ABC12345"))
	be := ibanComplete("BE", beBBAN("0010000000")) // first10 mod 97 == 0 -> key 97
	pt := ibanComplete("PT", ptBBAN("0035012300001234567"))
	runCases(t, "IBAN", IBAN, []vcase{
		{"GB82 WEST 1234 5698 7654 32", true},
		{"DE89 3704 0044 0532 0130 00", true},
		{"FR14 2004 1010 0505 0001 3M02 606", true},
		{"DE89-3704-0044-0532-0130-00", true},
		{fr, true},
		{frLetters, true},
		{es, true},
		{it, true},
		{itAlnum, true},
		{be, true},
		{pt, true},
		{ibanComplete("NL", "INGB0001234567"), true}, // Postbank giro number, pre 11-proof
		{ibanComplete("NL", "INGB0123456789"), true},
		{ibanComplete("SM", itBBAN("03225", "09800", "000000270100")), true},
		{ibanComplete("MC", frBBAN("11222", "00001", "01234567890")), true},

		{"GB82WEST12345698765433", false},  // check digits wrong
		{"GB83WEST12345698765432", false},  // check digits wrong
		{"GB82WEST1234569876543", false},   // too short
		{"GB82WEST123456987654321", false}, // too long
		{"gb82west12345698765432", false},  // lower case
		{"Gb82WEST12345698765432", false},  // mixed case country
		{"XX82WEST12345698765432", false},  // unknown country
		{"US64SVBKUS6S3300958879", false},  // the US has no IBAN
		{"GB82WEST1234569876543X", false},  // letter where digits are due (format 4a6n8n)
		{"DE00370400440532013000", false},  // check digits 00
		{"DE89370400440532013000 X", false},
		{"DE89_3704_0044_0532_0130_00", false},
		{"DE89370400440532013000\u00e9", false},
		{"", false},
		{"DE", false},
		{"DE89", false},
		// mod 97 right but the national key wrong:
		{ibanComplete("FR", "3000600001123456789010"+"0"), false},
		{ibanComplete("FR", fr[4:25]+"00"), false},
		{ibanComplete("ES", "21000418"+"00"+"0200051332"), false},
		{ibanComplete("IT", "A"+it[5:]), false},
		{ibanComplete("BE", "539007547035"), false},
		{ibanComplete("BE", "001000000000"), false}, // mod 97 == 0 must be written 97
		{ibanComplete("NL", "ABNA0417164301"), false},
		{ibanComplete("NL", "ABNA0000000000"), false},
		{ibanComplete("PT", "0035012300001234567"+"00"), false},
		{ibanComplete("SM", "A"+it[5:]), false},
	})
}

func BenchmarkIBAN(b *testing.B) {
	vals := [][]byte{[]byte("DE89370400440532013000"), []byte("FR14 2004 1010 0505 0001 3M02 606"), []byte("GB82WEST12345698765433")}
	n := 0
	for _, v := range vals {
		n += len(v)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, v := range vals {
			IBAN(v)
		}
	}
}
