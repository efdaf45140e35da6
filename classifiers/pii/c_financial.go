package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// US SSN and ITIN, payment cards, IBAN and ABA routing numbers.

var ssnContext = []string{
	"ssn", "social security", "social security number", "social security no", "ss#", "ss #", "ssn#",
	"soc sec", "sozialversicherungsnummer", "numéro de sécurité sociale",
	"número de seguro social", "seguro social",
	"my social", "social is", "social number", // spoken: "my social is 435403370"
}

var itinContext = []string{
	"itin", "individual taxpayer", "taxpayer identification", "taxpayer id", "tax id", "tin", "tax identification",
}

var cardContext = []string{
	"card", "credit card", "debit card", "cc", "card number", "card no", "pan", "visa", "mastercard", "amex",
	"american express", "discover", "jcb", "diners", "unionpay", "maestro", "payment", "charged", "billing",
	"tarjeta", "carte", "carte bancaire", "karte", "kreditkarte", "carta", "carta di credito", "cartão",
	"kaart", "creditcard", "karta", "信用卡", "カード",
}

var ibanContext = []string{
	"iban", "bank account", "account", "konto", "kontonummer", "bankverbindung", "compte", "rib",
	"cuenta", "conto", "rekening", "rekeningnummer", "conta", "rachunek", "sepa", "transfer", "refund",
	"überweisung", "virement", "transferencia", "bonifico",
}

// routingCoreSpaced: nine digits in three groups of three.
const routingCoreSpaced = `[0-9]{3} [0-9]{3} [0-9]{3}`

// shapeThreeThreeThree: three consecutive pure three-digit tokens joined by
// one space.
var shapeThreeThreeThree = shapeOf(func(cl []byte, toks []cTok) bool {
	for i := 0; i+2 < len(toks); i++ {
		if pure(toks[i]) && tlen(toks[i]) == 3 && pure(toks[i+1]) && tlen(toks[i+1]) == 3 &&
			pure(toks[i+2]) && tlen(toks[i+2]) == 3 && toks[i+1].Start-toks[i].End == 1 &&
			toks[i+2].Start-toks[i+1].End == 1 && cl[toks[i].End] == ' ' && cl[toks[i+1].End] == ' ' {
			return true
		}
	}
	return false
}, cMinLen(11))

var routingContext = []string{
	"routing", "routing number", "routing no", "routing #", "aba", "aba number", "aba routing", "rtn",
	"transit number", "routing transit", "bank routing", "ach", "wire", "routing_number", "aba_number",
	// OFX/QFX bank statements: <BANKACCTFROM><BANKID>041233742
	"bankid", "bank_id", "routingnumber", "routing_no", "aba_routing_number", "rtn_number",
}

const (
	ssnCoreDash  = `[0-9]{3}-[0-9]{2}-[0-9]{4}`
	ssnCoreSpace = `[0-9]{3} [0-9]{2} [0-9]{4}`
	ssnCoreBare  = `[0-9]{9}`

	itinCoreDash  = `9[0-9]{2}-[0-9]{2}-[0-9]{4}`
	itinCorePlain = `9[0-9]{2} [0-9]{2} [0-9]{4}|9[0-9]{8}`

	// 4-4-4-4 (+3 for 19-digit cards), Amex/Diners 4-6-5 and 4-6-4.
	cardCoreSpaced = `[0-9]{4}(?: [0-9]{4}){3}(?: [0-9]{3})?|[0-9]{4}(?:-[0-9]{4}){3}(?:-[0-9]{3})?|` +
		`[0-9]{4}[ \-][0-9]{6}[ \-][0-9]{4,5}`
	cardCoreBare = `[0-9]{13,19}`

	ibanCore = `[A-Z]{2}[0-9]{2}(?:[A-Z0-9]{4}){2,7}[A-Z0-9]{1,4}|[A-Z]{2}[0-9]{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?`
)

// cardRejectLabels name numbers that pass Luhn by chance.
const cardRejectLabels = `order|invoice|tracking|ticket|reference|ref|transaction|txn|confirmation|booking|shipment|parcel|awb|imei|serial|` +
	`订单号|订单编号|单号|注文番号|受付番号`

func financialSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "us_ssn",
			Type:     "US_SSN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeSSNDash},
			Before:   12, After: 12,
			Pattern:       cBounded(ssnCoreDash),
			Group:         1,
			Validator:     cExact(ssnCoreDash, checksum.SSN),
			ValidatorName: "ssn_ranges",
			Confidence:    0.65,
			Need:          detector.ContextHelps,
			Context:       ssnContext,
			Placeholders:  []string{"123-45-6789", "078-05-1120", "219-09-9999", "457-55-5462"},
			Examples: []string{
				"my SSN is 589-90-4261",
				`{"note":"verified\n589-90-4261"}`,
				"Olivia Wilson,2005-10-13,416-87-5009,54012",
				"provided Social Security Number 314-45-8176 and phone",
			},
			Negatives: []string{
				"Invalid formats we reject: 666-91-8748",
				"SSN 000-69-0079",      // area 000
				"SSN 903-34-7215",      // 9xx is not an SSN
				"SSN 416-00-5009",      // group 00
				"SSN 416-87-0000",      // serial 0000
				"SSN XXX-XX-6789",      // masked
				"SSN 123-45-6789",      // documented placeholder
				"ref 416-87-5009-2231", // longer number
			},
		},
		{
			ID:       "us_ssn_spaced",
			Type:     "US_SSN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeSSNSpace},
			Before:   12, After: 12,
			Pattern:       cBounded(ssnCoreSpace),
			Group:         1,
			Validator:     cExact(ssnCoreSpace, checksum.SSN),
			ValidatorName: "ssn_ranges",
			// 3-2-4 with spaces is rarely anything else once the ranges pass.
			Confidence:   0.5,
			Need:         detector.ContextHelps,
			Context:      ssnContext,
			Placeholders: []string{"123 45 6789", "078 05 1120"},
			Examples: []string{
				"SSN: 228 42 7397",
				"id,name,dob,ssn,zip\n3,Ann,1965-10-07,273 54 1304,30470",
				"social security number 045 55 6306",
			},
			Negatives: []string{
				"SSN 666 42 7397", // area 666
				"SSN 228 00 7397", // group 00
				"SSN 923 42 7397", // 9xx
			},
		},
		{
			ID:       "us_ssn_bare",
			Type:     "US_SSN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeNineDigits},
			Before:   12, After: 12,
			Pattern:       cLabeled(cLabelNotSSN, ssnCoreBare),
			Group:         1,
			Validator:     cExact(ssnCoreBare, checksum.SSN),
			ValidatorName: "ssn_ranges",
			Confidence:    0.4,
			Need:          detector.ContextRequired,
			Context:       ssnContext,
			Placeholders:  []string{"123456789", "078051120"},
			Examples: []string{
				"SSN 564911918",
				"id,name,dob,ssn,zip\n9,Kavya Reddy,01/08/1995,082392663,90581",
				"ssn=445731491",
				"SSN#564911918",
				`{"passportNo":"X71532054","ssnLast9":"088153808"}`,
				"SSN ........ 768090004\nPassport No. pending",
			},
			Negatives: []string{
				"order 564911918",                 // no context
				"SSN 666911918",                   // area 666
				"SSN 564001918",                   // group 00
				"SSN 5649119181",                  // ten digits
				"SSN 123456789",                   // placeholder
				"SSN on file; passport 564911918", // nearest label is passport
			},
		},
		{
			// 9XX-GG-XXXX with an ITIN group: SSNs never start with 9, so the
			// dashed form stands on its own.
			ID:       "us_itin",
			Type:     "US_ITIN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeITINDash},
			Before:   12, After: 12,
			Pattern:       cBounded(itinCoreDash),
			Group:         1,
			Validator:     cExact(itinCoreDash, checksum.ITIN),
			ValidatorName: "itin_ranges",
			Confidence:    0.6,
			Need:          detector.ContextHelps,
			Context:       append(itinContext, ssnContext...),
			Examples: []string{
				"ITIN: 912-70-1234",
				"tax id 950-65-1234 on the W-7",
				"id,name,itin\n4,Ana,987-88-4321",
			},
			Negatives: []string{
				"ITIN: 912-45-1234",  // group 45 outside ITIN ranges
				"ITIN: 912-93-1234",  // group 93 not issued
				"ITIN: 812-70-1234",  // not 9xx
				"ITIN: 912-70-12345", // too long
				"ref 912-70-1234-77", // longer number
			},
		},
		{
			ID:       "us_itin_plain",
			Type:     "US_ITIN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeITINPlain},
			Before:   12, After: 12,
			Pattern:       cBounded(itinCorePlain),
			Group:         1,
			Validator:     cExact(itinCorePlain, checksum.ITIN),
			ValidatorName: "itin_ranges",
			Confidence:    0.4,
			Need:          detector.ContextRequired,
			Context:       itinContext,
			Examples: []string{
				"taxpayer identification number 985 94 1234",
				"ITIN 950651234",
			},
			Negatives: []string{
				"ref 950651234",    // no context
				"ITIN 950451234",   // group 45
				"ITIN 9506512345",  // ten digits
				"ITIN 985 49 1234", // transposed group: 49 is not an ITIN group
			},
		},
		{
			// Form of payment in airline PNRs (Amadeus/Sabre/Galileo): "FP CCAX4323258130642/2793",
			// "FP CCVI4579861691647968/0628" — the card glued to CC and the brand code, the expiry after '/'.
			ID:       "credit_card_pnr_fop",
			Type:     "CREDIT_CARD",
			Category: detector.PII,
			Keywords: []string{"fp cc", "fop cc", "fp*cc", "fpcc"},
			Before:   2, After: 40,
			Pattern:       `(?i:fo?p)[ \t*]*CC[A-Z]{2}([0-9]{13,19})(?:/[0-9]{4})?\b`,
			Group:         1,
			Validator:     cardOK,
			ValidatorName: "luhn_iin",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       cardContext,
			Examples: []string{
				"  7 FP CCAX4323258130642/2793\n  8 FA PAX 016-972428917",
				"  7 FP CCVI4579861691647968/6288",
			},
			Negatives: []string{
				"  7 FP CCVI4579861691647969/6288", // Luhn fails
				"  7 FP CASH",
			},
		},
		{
			ID:       "credit_card",
			Type:     "CREDIT_CARD",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 13, Max: 40, Shape: shapeCard},
			Before:   8, After: 8,
			// A card-shaped run inside an IBAN ("PT57 2435 6925 9498 6650 3413
			// 6" that fails mod 97) is not a card: the IBAN head is pulled
			// into the value, which the validator then refuses.
			// So is a number labelled as an order or invoice ("订单号2656587481799749").
			Pattern: cLeadDigits + `((?:[A-Z]{2}[0-9]{2}(?: [0-9A-Z]{4})* |(?i:` + cardRejectLabels + `)` + cLabelSuffix + `[ \t:="'#№°.\-：]{0,4})?(?:` +
				cardCoreSpaced + `|` + cardCoreBare + `)` + cTail + `)\b`,
			Group:         1,
			Validator:     cExact(cardCoreSpaced+`|`+cardCoreBare, cAnd(cSameSeps, cardOK)),
			ValidatorName: "luhn_iin",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       cardContext,
			Placeholders: []string{
				"4242424242424242", "4111111111111111", "5555555555554444", "378282246310005",
				"4000056655665556", "5105105105105100", "6011111111111117", "371449635398431",
				"4012888888881881", "3530111333300000", "30569309025904", "38520000023237",
				"6200000000000005", "2223003122003222", "4000000000000002",
			},
			Examples: []string{
				"my card 4617 7805 2375 1364 was charged twice",
				"the card was 6570-2982-2669-5051",
				"Amex 3775 651839 33461",
				"card 2294096993123099",
				"UnionPay 6254 8200 8627 3515 605",
				"Diners 3050 122215 2804",
				"card 30051605423612",
				"Card: 4617 7805 2375 1364 05/27 cvv 123",
			},
			Negatives: []string{
				"card 4617 7805 2375 1365", // Luhn fails (one digit changed)
				"card 4617 7805 2357 1364", // transposed digits
				"Reference number: 1234567812345678",
				"card **** **** **** 4242",                      // masked
				"card 4617 7805-2375 1364",                      // mixed separators
				"card 9617 7805 2375 1363",                      // no issuer starts with 9
				"card 4617 7805 2375 13648",                     // too long
				"Use test card 4242 4242 4242 4242",             // documented test card
				"IBAN ungültig SE51 8148 8997 7278 3867 6260",   // inside a (broken) IBAN
				"IBAN ungültig PT57 2435 6925 9498 6650 3413 6", // inside a (broken) IBAN
				"请把退款转到银行卡，订单号2656587481799749。",                // order number
				"Order #4617780523751364 shipped",               // order number
			},
		},
		{
			ID:       "iban",
			Type:     "IBAN",
			Category: detector.PII,
			// "GB82 WEST 1234..." splits into clusters at the letter group;
			// the first cluster ("GB82", with the country letters) always
			// carries the whole value in its window.
			Digits: &detector.DigitTrigger{Min: 2, Max: 48, MinLetters: 2, Shape: shapeIBAN},
			Before: 40, After: 40,
			// "?31" before the value: an MT940 :86: subfield number.
			Pattern:       `(?:^|[^0-9A-Za-z_]|\\[nrt]|\?[0-9]{2})(` + ibanCore + `)\b`,
			Group:         1,
			Validator:     cExact(ibanCore, checksum.IBAN),
			ValidatorName: "iban_mod97",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       ibanContext,
			Placeholders:  []string{"GB82WEST12345698765432", "DE89370400440532013000", "GB29NWBK60161331926819"},
			Examples: []string{
				"refund to IE44 ULSB 0229 1197 8057 35?",
				"IBAN FR76 3000 2443 9546 0162 1746 474",
				"Sanne de Vries,NL88 KNAB 5338 9998 62,sanne@x.nl",
				"IBAN: DE75801527538126259462",
				"NO10 2724 3746 071",
				":86:166?00SEPA-UEBERWEISUNG?20EREF+958447807653?30TLTQKHAJ?31BE68466971922934?32Maelys Morel", // MT940
			},
			Negatives: []string{
				"IBAN GB37 LOYD 5485 9866 1223 99", // wrong check (one digit changed)
				"IBAN DE75 8015 2753 8126 2594 26", // transposed digits
				"IBAN: GB82WEST12345698765432",     // documented example
				"IT10Q0306979008000045849238",      // wrong check digits
				"XX12 3456 7890 1234 5678",         // unknown country
			},
		},
		{
			// The cells of a routing-number column or field: NACHA entry
			// records ("622083161144539996870339 ..."), where the value is glued
			// to the account number, and tables with a routing column.
			ID:            "us_bank_routing_column",
			Type:          "US_BANK_ROUTING",
			Category:      detector.PII,
			Pattern:       `(?m)^[ \t"']*([0-9]{9})[ \t"']*$`,
			Group:         1,
			Validator:     checksum.ABA,
			ValidatorName: "aba_371",
			Confidence:    0.6,
			Need:          detector.ContextColumn,
			Context:       []string{"routing_number", "routing", "aba", "rtn", "routing no", "bank routing", "bankid"},
			Examples: []string{
				"101 109904191 15353004802603021201AA094101FIRST PRAIRIE BANK     KESTREL LOGISTICS INC          \n" +
					"622083161144539996870339     0000854204534757         DWAYNE FITZGERALD       0109904190000001\n",
			},
			Negatives: []string{
				"101 109904191 15353004802603021201AA094101FIRST PRAIRIE BANK     KESTREL LOGISTICS INC          \n" +
					"622083161145539996870339     0000854204534757         DWAYNE FITZGERALD       0109904190000001\n", // check digit
			},
		},
		{
			// An IBAN after its label, broken over two lines of a form or a
			// receipt ("IBAN: IT93 U142 2618 6489\n      1737 8958 836"); the
			// value's span keeps the line break.
			ID:       "iban_wrapped",
			Type:     "IBAN",
			Category: detector.PII,
			Keywords: []string{"iban"},
			Before:   4, After: 120,
			Pattern: `(?i:iban)[^\n]{0,40}?[:：]?[ \t]*([A-Z]{2}[0-9]{2}(?:[ ]?[0-9A-Z]{1,4}){1,8}` +
				`\r?\n[ \t]*[0-9A-Z]{1,4}(?:[ ]?[0-9A-Z]{1,4}){0,7})(?:[^0-9A-Za-z]|$)`,
			Group:         1,
			Validator:     ibanWrapped,
			ValidatorName: "iban_mod97",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       ibanContext,
			Examples: []string{
				"IBAN: FR76 3000 2443 9546\n        0162 1746 474\n",
				"Bankverbindung IBAN: DE75 8015 2753\n  8126 2594 62",
			},
			Negatives: []string{
				"IBAN: FR76 3000 2443 9546\n        0162 1746 475\n", // check digits
			},
		},
		{
			ID:       "us_bank_routing",
			Type:     "US_BANK_ROUTING",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, Shape: shapeNineDigits},
			Before:   12, After: 12,
			Pattern:       cLabeled(cLabelNotRouting, `[0-9]{9}`),
			Group:         1,
			Validator:     cExact(`[0-9]{9}`, checksum.ABA),
			ValidatorName: "aba_371",
			Confidence:    0.4,
			Need:          detector.ContextRequired,
			Context:       routingContext,
			Examples: []string{
				"routing number 021000021",
				"ABA: 011000015 account 12345678",
				"routing_number,account\n121000358,9911",
			},
			Negatives: []string{
				"routing number 021000022",                  // check digit fails
				"routing number 012000021",                  // transposed digits
				"order 021000021",                           // no context
				"routing number 991000021",                  // prefix 99 not assigned
				"routing number on file; account 011000015", // nearest label is account
			},
		},
		{
			// Routing numbers written in three groups ("080 688 028"), as
			// on some cheques and forms; the shape is shared by Canadian
			// SINs, so a SIN label or column rejects it.
			ID:       "us_bank_routing_spaced",
			Type:     "US_BANK_ROUTING",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 24, NoLetters: true, Shape: shapeThreeThreeThree},
			Before:   16, After: 16,
			Pattern: phoneLead + `((?:(?i:` + cLabelNotRouting + `)` + cLabelSuffix + `[ \t:="'#№°.\-]{0,4})?` +
				// A further group glued on or after a space ("080 688 028 5") makes
				// it something longer; a following word ("... and account") does not.
				routingCoreSpaced + `(?:[\-./][0-9A-Za-z_]+|[ ][0-9]+)*)\b`,
			Group:         1,
			Validator:     cExact(routingCoreSpaced, func(v []byte) bool { return checksum.ABA(cDigits(v)) }),
			ValidatorName: "aba_371",
			Confidence:    0.4,
			Need:          detector.ContextRequired,
			// Only routing words: "wire" or "ACH" near three groups of
			// three is too weak.
			Context: []string{"routing", "routing number", "routing no", "routing #", "aba", "aba number",
				"aba routing", "rtn", "transit number", "routing transit", "bank routing", "routing_number", "aba_number"},
			Reject: []string{"sin", "social insurance", "social insurance number", "nas", "sin number"},
			Examples: []string{
				"routing number 080 688 028",
				"ABA 080 688 028, account 12345678",
				"RTN: 021 000 021",
			},
			Negatives: []string{
				"routing number 080 688 029",      // check digit fails
				"routing number 4411 080 688 028", // part of a longer number
				"routing number 080 688 028 7734", // part of a longer number
				"order 080 688 028",               // no context
				"wire; SIN 080 688 028",
				"wire transfer ref 080 688 028", // no routing word
				// a SIN label
				"routing number on file; acct 080 688 028", // nearest label is account
			},
		},
	}
}

// cardOK checks Luhn, the issuer identification number and the length the
// issuer uses.
func cardOK(v []byte) bool {
	d := cDigits(v)
	n := len(d)
	if n < 12 || n > 19 || !checksum.Luhn(d) || cAllSame(d) {
		return false
	}
	p2 := int(d[0]-'0')*10 + int(d[1]-'0')
	p3 := p2*10 + int(d[2]-'0')
	p4 := p3*10 + int(d[3]-'0')
	p6 := p4*100 + int(d[4]-'0')*10 + int(d[5]-'0')
	switch {
	case d[0] == '4': // Visa
		return n == 13 || n == 16 || n == 19
	case p2 >= 51 && p2 <= 55, p4 >= 2221 && p4 <= 2720: // Mastercard
		return n == 16
	case p4 >= 2200 && p4 <= 2204: // Mir
		return n >= 16 && n <= 19
	case p2 == 34 || p2 == 37: // Amex
		return n == 15
	case p4 == 6011, p3 >= 644 && p3 <= 649, p2 == 65, p6 >= 622126 && p6 <= 622925: // Discover
		return n >= 16 && n <= 19
	case p2 == 62 || p2 == 81: // UnionPay
		return n >= 16 && n <= 19
	case p4 >= 3528 && p4 <= 3589: // JCB
		return n >= 16 && n <= 19
	case p3 >= 300 && p3 <= 305, p2 == 36, p2 == 38, p2 == 39, p4 == 3095: // Diners
		return n >= 14 && n <= 19
	case p2 == 50, p2 >= 56 && p2 <= 69: // Maestro
		return n >= 12 && n <= 19
	}
	return false
}

// ibanWrapped is checksum.IBAN on a value with its line break and
// indentation removed.
func ibanWrapped(v []byte) bool {
	out := make([]byte, 0, len(v))
	for _, c := range v {
		if c != '\n' && c != '\r' && c != '\t' {
			out = append(out, c)
		}
	}
	return checksum.IBAN(out)
}
