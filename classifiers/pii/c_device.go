package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// US passport numbers (context required) and IMEIs (Luhn).

var passportContext = []string{
	"passport", "passport no", "passport number", "passport #", "passport_number", "passport_no",
	"travel document", "reisepass", "reisepassnummer", "pasaporte", "passeport", "passaporto",
	"paspoort", "passaporte", "paszport", "पासपोर्ट", "护照", "旅券",
	"דרכון", "מספר דרכון", "جواز سفر", "جواز السفر", "رقم الجواز", "паспорт", "паспорта", "загранпаспорт",
	"pasaport", "pasaport no", "hộ chiếu", "paspor", "pasport", "pasipoti", "여권", "여권번호", "パスポート",
	"パスポート番号", "旅券番号", "护照号", "护照号码", "護照", "護照號碼", "passport-nr", "reisepass-nr",
	"passnummer", "numéro de passeport", "número de pasaporte", "número do passaporte", "paspoortnummer", "paspoortnommer", "pasnummer",
	// more languages: hu, fi, da/no, is, ca, cy, bg/mk/sr, hr/bs/sl, lt, lv, et, hy, km, my, mn, kk, sq,
	// ga, eu, tl, am, ka, si, ne, ms, af, ro, cs/sk, el, uk
	"útlevél", "útlevélszám", "passi", "passin numero", "vegabréf", "passaport", "pasbort",
	"паспорт №", "пасош", "putovnica", "potni list", "pasas", "passinumber", "անձնագիր",
	"លិខិតឆ្លងដែន", "ပတ်စ်ပို့", "гадаад паспорт", "төлқұжат", "pasaportë", "pasaporte blg",
	"pasipoti", "ፓስፖርት", "პასპორტი", "ගමන් බලපත්‍රය", "राहदानी", "pasport", "paspoort nr", "pașaport",
	"cestovní pas", "cestovný pas", "διαβατήριο", "паспорт громадянина",
}

var imeiContext = []string{
	"imei", "imei number", "imei no", "imei1", "imei2", "device", "handset", "phone", "serial", "meid",
	"device id", "mobile equipment", "equipment identity",
}

const (
	passportCore  = `[A-Z][0-9]{8}|[0-9]{9}`
	imeiCoreGroup = `[0-9]{2}-[0-9]{6}-[0-9]{6}-[0-9]|[0-9]{2} [0-9]{6} [0-9]{6} [0-9]`
	imeiCoreBare  = `[0-9]{15}`
)

func deviceSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:            "us_passport",
			Type:          "US_PASSPORT",
			Category:      detector.PII,
			Digits:        &detector.DigitTrigger{Min: 8, Max: 24, Shape: shapePassport},
			Before:        12,
			After:         12,
			Pattern:       cLabeled(cLabelNotPassport, passportCore),
			Group:         1,
			Validator:     cExact(passportCore, func(v []byte) bool { return !cAllSame(cDigits(v)) }),
			ValidatorName: "passport_format",
			Confidence:    0.45,
			Need:          detector.ContextRequired,
			Context:       passportContext,
			Placeholders:  []string{"123456789", "000000000", "X12345678"},
			Examples: []string{
				"booking needs my passport no. 934660450 updated",
				"Passport number: P21675228",
				"passport_number,name\nZ29248937,Ann",
				"דרכון: 934660451",
				"جواز سفر رقم 934660451",
				"паспорт 934660451",
				"pasaport no: P21675228",
				"hộ chiếu: P21675228",
				"paspor: 934660451",
				"pasipoti 934660451",
				"여권번호: P21675228",
				"パスポート番号: P21675228",
			},
			Negatives: []string{
				"order 934660450 shipped",                      // no context
				"passport no. 93466045",                        // eight digits
				"passport no. 9346604501",                      // ten digits
				"passport no. PA2167522",                       // two letters
				"passport number 000000000",                    // placeholder
				"passport on file; SSN 536221942",              // nearest label is SSN
				`{"passportNo":null,"ssnLast9":"088153808"}`,   // the key names an SSN
				"SSN ........ 768090004\nPassport No. pending", // dotted leader to an SSN
			},
		},
		{
			// A passport number field of an EDI or airline record (SSR DOCS,
			// EDIFACT DOC+P) or a passport column: only its name says what
			// the nine characters are.
			ID:            "us_passport_column",
			Type:          "US_PASSPORT",
			Category:      detector.PII,
			Pattern:       `(?m)^(` + passportCore + `)$`,
			Group:         1,
			Validator:     cExact(passportCore, func(v []byte) bool { return !cAllSame(cDigits(v)) }),
			ValidatorName: "passport_format",
			Confidence:    0.45,
			Need:          detector.ContextColumn,
			Context:       []string{"passport_number", "passport_no", "passportnumber", "passport_num", "us_passport"},
			Reject:        []string{"foreign", "expiry", "expiration", "issue", "country"},
			Placeholders:  []string{"123456789", "000000000", "X12345678"},
			Examples: []string{
				"  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/WHITFIELD/CODY",
				"UNA:+.? '\nUNH+PAX001+PAXLST:D:05B:UN:IATA'\nDOC+P:110:111+431470171'\nDTM+36:290902'",
			},
			Negatives: []string{
				"  6 SSR DOCS KE HK1 P/KOR/M12345678/KOR/21DEC85/M/11SEP30/CHOI/DOYUN", // a Korean passport
				"  6 SSR DOCS UA HK1 I/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE",   // an ID card
			},
		},
		{
			ID:            "imei_grouped",
			Type:          "IMEI",
			Category:      detector.PII,
			Digits:        &detector.DigitTrigger{Min: 15, Max: 32, Shape: shapeIMEIGrouped},
			Before:        8,
			After:         8,
			Pattern:       cBounded(imeiCoreGroup),
			Group:         1,
			Validator:     cExact(imeiCoreGroup, checksum.IMEI),
			ValidatorName: "luhn",
			Confidence:    0.85,
			Need:          detector.ContextHelps,
			Context:       imeiContext,
			Placeholders:  []string{"49-015420-323751-8", "35-209900-176148-1"},
			Examples: []string{
				"dev,35-391110-986797-9,dc:a6",
				"IMEI 35-391110-336304-1",
				"imei: 86 769304 715891 4",
			},
			Negatives: []string{
				"IMEI 35-391110-986797-8", // Luhn fails
				"IMEI 35-391110-986779-9", // transposed
				"IMEI 35-391110-986797-9-1",
			},
		},
		{
			ID:            "imei_bare",
			Type:          "IMEI",
			Category:      detector.PII,
			Digits:        &detector.DigitTrigger{Min: 15, Max: 32, Shape: shapeIMEIBare},
			Before:        8,
			After:         8,
			Pattern:       cBounded(imeiCoreBare),
			Group:         1,
			Validator:     cExact(imeiCoreBare, imeiBareOK),
			ValidatorName: "luhn",
			Confidence:    0.6,
			Need:          detector.ContextHelps,
			Context:       imeiContext,
			Placeholders:  []string{"490154203237518", "352099001761481", "000000000000000"},
			Examples: []string{
				"device_id,imei\nab42,353911100572016",
				"IMEI: 013263004712070",
				"imei=358752089502623",
			},
			Negatives: []string{
				"IMEI 353911100572017",  // Luhn fails
				"IMEI 353911100527016",  // transposed
				"card 378282246310005",  // Amex test card, not an IMEI
				"IMEI 3539111005720160", // sixteen digits
			},
		},
	}
}

// imeiBareOK: Luhn-valid 15 digits that are not an Amex card number (34/37)
// and not a run of one digit.
func imeiBareOK(v []byte) bool {
	if v[0] == '3' && (v[1] == '4' || v[1] == '7') {
		return false
	}
	return checksum.IMEI(v)
}
