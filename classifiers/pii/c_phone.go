package pii

import (
	"bytes"

	"github.com/weir-dev/weir/classifiers/detector"
)

// Phone numbers: E.164 (+CC ...), NANP, and national formats of UK, DE, FR,
// ES, IN, CN, BR, AU, JP, SG, NL (plus IT and PL, which share shapes).
//
// Phone shapes collide with order, invoice, tracking and ticket numbers,
// dates, versions and other IDs, so every spec here:
//   - accepts a value only if the whole digit run is one phone (cExact), so
//     "900-7810689-7892" and "847-022-8146-90" are not phones;
//   - rejects a value that directly follows an order/invoice/ticket label
//     (cLabeled), so "Invoice 876-578-4345" is not a phone;
//   - checks the numbering plan (NANP area/exchange, E.164 country code and
//     national-number length, mobile prefixes).

// phoneLabels are the labels that make a phone-shaped number something else.
const phoneLabels = `(?:invoice|inv|order|ord|ticket|tracking|track|ref|reference|référence|referencia|riferimento|` +
	`rechnung|rechnungsnummer|bestellung|bestellnummer|auftrag|pedido|factura|commande|facture|fattura|ordine|` +
	`case|incident|sku|serial|transaction|txn|confirmation|booking|reservation|submission|claim|policy|` +
	`account|acct|item|part|model|build|version|ver|id|isbn|po|receipt|shipment|parcel|awb|container|batch|lot|` +
	// National-ID labels: "SIN 756 091 351", "Tax File Number is 529 520 312".
	`sin|ssn|tfn|bsn|nif|nie|dni|cpf|pesel|nhs|nino|aadhaar|uid|pan|npi|dea|mrn|passport|licen[cs]e|` +
	`social[ \t]+insurance|social[ \t]+security|tax[ \t]+file|tax[ \t]+id|insurance|burgerservicenummer|` +
	`steuer-?id|steuernummer|member|patient|customer|employee|student|` +
	`code|pin|otp|cvv|cvc|zip|postcode|postal|ext|extension|amount|total|qty|quantity|price|balance|iban|card|routing|aba)` +
	`(?:[ \t]*(?:numbers?|num|no|nr|n°|nº|#|ids?))?(?:[ \t]+(?:is|was|says|reads|shows|on[ \t]+file[ \t]+is|on[ \t]+file))?`

var phoneContext = []string{
	"phone", "telephone", "tel", "tel.", "mobile", "cell", "cellphone", "call", "text", "sms", "whatsapp",
	"contact", "reach", "fax", "dial", "landline", "phone number", "mobile number", "msisdn", "caller",
	"teléfono", "telefono", "móvil", "movil", "celular", "número de teléfono",
	"téléphone", "portable", "numéro de téléphone", "appeler", "appelez",
	"telefon", "telefonnummer", "handy", "rufnummer", "mobil", "mobilnummer",
	"telefoonnummer", "mobiel", "bel", "cellulare", "chiamare",
	"telemóvel", "telefone", "contato", "contacto", "numer telefonu", "komórka",
	"电话", "手机", "電話", "携帯", "फ़ोन", "फोन", "मोबाइल", "मोबाइल नंबर",
}

// Cores. Separators: space, '-', '.', '/' (DE), parentheses around an area
// code.
const (
	// +CC then up to six groups of 1-5 digits; "(0)" allowed after CC.
	phoneCoreIntl = `\+[1-9][0-9]{0,2}(?:[ .\-]?\(0\))?(?:[ .\-]?\(?[0-9]{1,5}\)?){1,6}`
	// 0049 30 12345678: the "00" international prefix instead of '+'.
	phoneCoreIntl00 = `00[1-9][0-9]{0,2}(?:[ .\-]?\(0\))?(?:[ .\-]?\(?[0-9]{1,5}\)?){1,6}`
	// (415) 867-5309, 1 (201) 403-6397, +1 (201) 403-6397
	phoneCoreUSParen = `(?:\+?1[ .\-]?)?\([2-9][0-9]{2}\)[ .\-]?[2-9][0-9]{2}[ .\-][0-9]{4}`
	// 415-867-5309, 415.867.5309, 1-415-867-5309
	phoneCoreNANP = `(?:1[.\-])?[2-9][0-9]{2}[.\-][2-9][0-9]{2}[.\-][0-9]{4}`
	// National formats with a trunk prefix or a distinctive shape.
	phoneCoreFR       = `0[1-9](?:[ .\-][0-9]{2}){4}`
	phoneCoreTrunkP   = `\(0[0-9]{1,4}\)[ ]?[0-9]{3,4}[ \-]?[0-9]{3,4}`
	phoneCoreTrunk    = `0[1-9][0-9]{0,4}[ \-/][0-9]{3,8}(?:[ \-][0-9]{2,5})?`
	phoneCoreBR       = `\(?[1-9][0-9]\)?[ ]?9?[0-9]{4}-[0-9]{4}`
	phoneCoreCN       = `1[3-9][0-9][ \-][0-9]{4}[ \-][0-9]{4}`
	phoneCoreES       = `[5-9][0-9]{2} [0-9]{3} [0-9]{3}|[5-8][0-9]{2}-[0-9]{3}-[0-9]{3}|[6-9][0-9]{2}(?: [0-9]{2}){3}`
	phoneCoreITMob    = `3[0-9]{2} [0-9]{6,7}`
	phoneCoreINMob    = `[6-9][0-9]{4}[ \-][0-9]{5}`
	phoneCoreNational = phoneCoreFR + `|` + phoneCoreTrunkP + `|` + phoneCoreTrunk + `|` + phoneCoreBR + `|` +
		phoneCoreCN + `|` + phoneCoreES + `|` + phoneCoreITMob + `|` + phoneCoreINMob
	// Weak shapes, reported only with context: US spaced, SG 4-4, bare runs.
	phoneCoreWeak = `[2-9][0-9]{2} [2-9][0-9]{2} [0-9]{4}|[3689][0-9]{3}[ \-]?[0-9]{4}|[1-9][0-9]{9,10}|0[1-9][0-9]{8,10}`
)

// phoneLead: like cLeadDigits, but a value after whitespace must not follow
// a digit ("AT58 3200 0381 7956 4971" holds no phone "0381 7956 4971").
const phoneLead = `(?:^[ \t]*|\\[nrt][ \t]*|[^0-9A-Za-z_.\-/+#\s][ \t]*|[\n\r][ \t]*|[^0-9\s][ \t]+)`

// phonePattern is cLabeled with phoneLead.
func phonePattern(core string) string {
	return phoneLead + `((?:(?i:` + phoneLabels + `)[ \t:="'#№°.\-]{0,4})?(?:` + core + `)` + cTail + `)\b`
}

var (
	phoneCoreStrong  = phoneCoreIntl + `|` + phoneCoreIntl00 + `|` + phoneCoreUSParen
	phoneIntlExact   = cExact(phoneCoreIntl, phoneIntlOK)
	phoneParenExact  = cExact(phoneCoreUSParen, phoneNANPOK)
	phoneNANPExact   = cExact(phoneCoreNANP, cAnd(cSameSeps, phoneNANPOK))
	phoneNANPShape   = cExact(phoneCoreNANP, nil)
	phoneNationalExt = cExact(phoneCoreNational, phoneNationalOK)
)

// phoneStrongOK dispatches on the leading '+'.
func phoneStrongOK(v []byte) bool {
	switch {
	case v[0] == '+':
		return phoneIntlExact(v)
	case len(v) > 2 && v[0] == '0' && v[1] == '0':
		return phoneIntlExact(append([]byte{'+'}, v[2:]...))
	}
	return phoneParenExact(v)
}

// phoneNationalAnyOK: a NANP-shaped value must pass NANP rules; anything
// else the national rules.
func phoneNationalAnyOK(v []byte) bool {
	if phoneNANPShape(v) {
		return phoneNANPExact(v)
	}
	return phoneNationalExt(v)
}

func phoneSpecs() []detector.Spec {
	return []detector.Spec{
		{
			// E.164 ("+44 20 7946 0958") and NANP with a parenthesized area
			// code ("(415) 867-5309"): distinctive on their own.
			ID:       "phone_e164",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 7, Max: 32, Shape: shapePhone(8)},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreStrong),
			Group:         1,
			Validator:     phoneStrongOK,
			ValidatorName: "e164_plan",
			Confidence:    0.75,
			Need:          detector.ContextHelps,
			Context:       phoneContext,
			Placeholders:  []string{"+1 555 555 5555", "+1 000 000 0000"},
			Examples: []string{
				"call me on +1 305 418 1677 tomorrow",
				"Rückfragen gern unter +49 157 55011940.",
				"et mon numéro est le +33 9 15 64 83 07",
				"sms sent to +91 92530 74406",
				"Mia,+61 2 3954 2908,2025",
				"+44 (0)20 7946 0958",
				"+55 61 94989-4024",
				"+86-18863199034",
				"+65-85831623",
				"+81 90-3523-2783",
				"+31 6 75056482",
				"+1-808-232-3867",
				"Tel. 0049 30 12345678",
				"WhatsApp: +55 (11) 91234-5678",
				"Sure, (702) 626-4382",
				"Sure, 1 (206) 689-6481",
				`"phone": "(214) 555-0134"`,
			},
			Negatives: []string{
				"+1 305 418 167",      // too short for NANP
				"+1 105 418 1677",     // area code starts with 1
				"+44 20 7946",         // too short
				"+33 9 15 64 83 07 1", // extra group
				"Invoice +1 305 418 1677",
				"id +12345",
				"0049 30 1",
				"(102) 626-4382",         // area code starts with 1
				"(702) 126-4382",         // exchange starts with 1
				"Order (702) 626-4382",   // order label
				"(702) 626-4382-11",      // longer number
				"ticket (702) 626-43821", // five-digit line
			},
		},
		{
			// National formats: NANP dashed/dotted and the trunk-prefixed or
			// country-specific shapes of UK, DE, FR, ES, IN, CN, BR, AU, JP,
			// NL, IT, PL.
			ID:       "phone_national",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 8, Max: 32, Shape: shapePhone(9)},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreNANP + `|` + phoneCoreNational),
			Group:         1,
			Validator:     phoneNationalAnyOK,
			ValidatorName: "national_plan",
			Confidence:    0.55,
			Need:          detector.ContextHelps,
			Context:       phoneContext,
			Examples: []string{
				"My old number 07943 717822",
				"Tel 0113 852 2108",
				"020 8406 2450",
				"Rufnummer 0176 79147202",
				"0176/67007985",
				"Telefon 0341-824460",
				"mon numéro est le 07 82 23 30 46",
				"Teléfono de contacto: 684 125 813",
				"Sure, 096765 03817",
				"call 158-9900-0572",
				"ligue (41) 99712-7754",
				"My old number (03) 8283 5828",
				"0478 923 028",
				"03-2628-3603",
				"090-3523-2783",
				"Sure, 06-47936929",
				"Sure, 363 4600352",
				"Sure, 789-770-418",
				"Teléfono 912 34 56 78",
				"Sure, 206-811-5872",
				"Sure, 773.226.2848",
				"call 1-415-867-5309",
				"id,name,phone\n7,Ann,984-242-8744",
			},
			Negatives: []string{
				"Invoice 1732 542 691 shows",
				"previous submission 487 697 563 was", // 3-3-3 starting with 4
				"previous submission 327-242-246 was",
				"Tracking: 9400 1161 4613 4230 8178 64",
				"released 2024-03-15",
				"CLINIC VISIT 03.12.2024",
				"Rechnung 0176 79147202",          // invoice label
				"0176 79147202 3391 22",           // longer digit run
				"Invoice 876-578-4345 total $26",  // invoice label
				"ticket 757-101-6411",             // exchange 101 is not assignable
				"Référence : 656-122-9730.",       // exchange starts with 1
				"for order 847-022-8146-90. I am", // longer number
				"Order #900-7810689-7892",         // Amazon-style order number
				"see 415-867.5309",                // mixed separators
				"2024-10-04",                      // date
			},
		},
		{
			ID:       "phone_weak",
			Type:     "PHONE_NUMBER",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 8, Max: 24, Shape: shapePhone(8)},
			Before:   32, After: 32,
			Pattern:       phonePattern(phoneCoreWeak),
			Group:         1,
			Validator:     cExact(phoneCoreWeak, phoneWeakOK),
			ValidatorName: "national_plan",
			// US spaced, SG 4-4 and bare digit runs are too ambiguous alone.
			Confidence: 0.4,
			Need:       detector.ContextRequired,
			Context:    phoneContext,
			Examples: []string{
				"phone: 415 867 5309",
				"Call me at 4158675309",
				"SG mobile 9749 0990",
				"id,name,phone\n3,Wei,13810222886",
			},
			Negatives: []string{
				"value 4158675309",                  // no context
				"epoch 1758358352",                  // no context
				"card 6570 2982 2669 5051",          // card groups
				"call 1158675309",                   // bare 10 digits, NANP area starts with 1
				"Tracking number 233254882762 here", // tracking number
				"phone on file; code 8812 4471",     // nearest label is a code
			},
		},
	}
}

// phoneNANPOK checks NANP rules on the last ten digits: area and exchange
// start with 2-9 and are not N11; an eleven-digit value starts with 1.
func phoneNANPOK(v []byte) bool {
	d := cDigits(v)
	if len(d) == 11 {
		if d[0] != '1' {
			return false
		}
		d = d[1:]
	}
	return len(d) == 10 && nanp10(d)
}

func nanp10(d []byte) bool {
	if d[0] < '2' || d[3] < '2' {
		return false
	}
	if d[1] == '1' && d[2] == '1' { // N11 service codes are not area codes
		return false
	}
	if d[0] == '9' && d[1] == '5' && d[2] == '8' { // 958 is test-only
		return false
	}
	return !cAllSame(d)
}

// nsnLen gives the national significant number lengths per country code.
var nsnLen = map[string][2]int{
	"1": {10, 10}, "7": {10, 10}, "20": {9, 10}, "27": {9, 9}, "30": {10, 10}, "31": {9, 9},
	"32": {8, 9}, "33": {9, 9}, "34": {9, 9}, "36": {8, 9}, "39": {6, 11}, "40": {9, 9},
	"41": {9, 9}, "43": {7, 13}, "44": {9, 10}, "45": {8, 8}, "46": {7, 10}, "47": {8, 8},
	"48": {9, 9}, "49": {6, 12}, "51": {8, 9}, "52": {10, 10}, "54": {10, 11}, "55": {10, 11},
	"56": {9, 9}, "57": {10, 10}, "58": {10, 10}, "60": {8, 10}, "61": {9, 9}, "62": {8, 12},
	"63": {10, 10}, "64": {8, 10}, "65": {8, 8}, "66": {8, 9}, "81": {9, 10}, "82": {8, 10},
	"84": {9, 10}, "86": {10, 11}, "90": {10, 10}, "91": {10, 10}, "92": {10, 10}, "94": {9, 9},
	"98": {10, 10}, "351": {9, 9}, "352": {6, 11}, "353": {7, 9}, "358": {6, 11}, "420": {9, 9},
	"421": {9, 9}, "852": {8, 8}, "886": {8, 9}, "971": {8, 9}, "972": {8, 9}, "966": {9, 9},
	"234": {8, 10}, "254": {9, 9}, "380": {9, 9},
}

// phoneIntlOK splits "+CC NSN" and checks the NSN length for the country
// (NANP rules for +1, mobile prefix for +86/+91). Unknown country codes need
// a plausible total length.
func phoneIntlOK(v []byte) bool {
	if !cParensBalanced(v) {
		return false
	}
	d := cDigits(v)
	// A "(0)" trunk marker is not part of the number.
	if i := bytes.Index(v, []byte("(0)")); i >= 0 {
		dd := cDigits(v[:i])
		d = append(dd, cDigits(v[i+3:])...)
	}
	if len(d) < 8 || len(d) > 15 || cAllSame(d[1:]) {
		return false
	}
	for n := 1; n <= 3; n++ {
		cc := string(d[:n])
		lim, ok := nsnLen[cc]
		if !ok {
			continue
		}
		nsn := d[n:]
		if len(nsn) < lim[0] || len(nsn) > lim[1] {
			return false
		}
		switch cc {
		case "1":
			return nanp10(nsn)
		case "86":
			return len(nsn) == 10 || nsn[0] == '1'
		case "91":
			return nsn[0] != '0'
		}
		return nsn[0] != '0'
	}
	return len(d) >= 10 && d[0] != '0'
}

// phoneNationalOK checks national shapes: digit count, consistent
// separators, and country mobile prefixes where the shape alone is weak.
func phoneNationalOK(v []byte) bool {
	if !cParensBalanced(v) {
		return false
	}
	d := cDigits(v)
	if cAllSame(d[1:]) {
		return false
	}
	if d[0] == '0' {
		// Trunk-prefixed: 9-12 digits (AU/FR/NL/JP 10, UK 10-11, DE 9-12, IN 11).
		return len(d) >= 9 && len(d) <= 12 && cSameSeps(trimParens(v))
	}
	switch len(d) {
	case 9: // ES / PL 3-3-3
		return d[0] >= '5'
	case 10: // IT mobile 3xx, BR landline (41) 3xxx-xxxx, IN 5-5 mobile
		return true
	case 11: // CN 1xx-xxxx-xxxx, BR (11) 9xxxx-xxxx
		return d[0] == '1' && d[1] >= '3' || d[2] == '9'
	}
	return false
}

// phoneWeakOK checks the context-only shapes.
func phoneWeakOK(v []byte) bool {
	d := cDigits(v)
	if cAllSame(d) {
		return false
	}
	switch {
	case len(d) == 8: // SG: 6 landline, 8/9 mobile, 3 VoIP
		return true
	case len(d) == 10 && d[0] != '0':
		return nanp10(d) || d[0] >= '6'
	case len(d) == 11 && d[0] == '1':
		return d[1] >= '3' || nanp10(d[1:])
	case d[0] == '0':
		return len(d) >= 10 && len(d) <= 12
	}
	return false
}

func cParensBalanced(v []byte) bool {
	o := bytes.Count(v, []byte("(")) - bytes.Count(v, []byte(")"))
	return o == 0
}

func trimParens(v []byte) []byte {
	if len(v) > 0 && v[0] == '(' {
		if i := bytes.IndexByte(v, ')'); i > 0 {
			return v[i+1:]
		}
	}
	return v
}
