package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// euSpecs: Spanish DNI/NIE, Italian codice fiscale, Dutch BSN, Polish PESEL.
func euSpecs() []detector.Spec {
	specs := []detector.Spec{
		{
			ID:       "es_nif",
			Type:     "ES_NIF",
			Category: detector.PII,
			// DNI: 8 digits (a "12.345.678" cluster); NIE: X/Y/Z + 7 digits.
			Digits: &detector.DigitTrigger{Min: 7, Max: 8, Shape: shapeESNIF},
			Before: 8, After: 8,
			// DNI 12345678Z, 12345678-Z, 12.345.678-Z; NIE X1234567L,
			// X-1234567-L. The letter is TRWAGMYFPDXBNJZSQVHLCKE[n mod 23].
			Pattern: natBounded(`[0-9]{8}[ -]?[A-Z]|[0-9]{2}\.[0-9]{3}\.[0-9]{3}[ -]?[A-Z]|` +
				`[XYZ][ -]?[0-9]{7}[ -]?[A-Z]`),
			Group:         1,
			Validator:     checksum.SpanishID,
			ValidatorName: "nif_mod23",
			Confidence:    0.8,
			Need:          detector.ContextNo,
			Context: []string{
				"nif", "nie", "dni", "dni/nie", "n.i.f.", "d.n.i.", "n.i.e.",
				"documento nacional de identidad", "documento nacional", "número de identidad",
				"numero de identidad", "número de identificación fiscal", "identificación fiscal",
				"número de identidad de extranjero", "tarjeta de residencia", "carné de identidad",
				"nifnumber", "dninumber", "nienumber", "numerodni", // camelCase keys
			},
			Placeholders: []string{"12345678Z", "00000000T", "X1234567L", "99999999R"},
			Examples: []string{
				"my DNI/NIE is 28697888-Y",
				"Identity verified - NIF: X2372495E (matches)",
				"Estimado señor López: su DNI 01.355.187-G y su correo",
				"NIE Y-6631537-F",
			},
			Negatives: []string{
				"DNI 28690888Y", // one digit changed
				"DNI 28698788Y", // transposed digits
				"NIE X2374295E", // transposed digits
				"previous submission Z2631336-K was rejected", // wrong letter
				"NIE W2372495E", // W is not an NIE prefix
				"DNI 12345678Z", // documented sample
			},
		},
		{
			ID:       "it_fiscal_code",
			Type:     "IT_FISCAL_CODE",
			Category: detector.PII,
			// 7 digits normally; omocodia replaces up to all of them with
			// letters (from the right), most often one to three.
			Digits: &detector.DigitTrigger{Min: 3, Max: 9, MinLetters: 9, Shape: shapeITFiscal},
			Before: 20, After: 20,
			// surname(3) name(3) year(2) month letter day(2) Belfiore(4) check.
			Pattern: natBounded(`[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}` +
				`[A-Z][0-9LMNPQRSTUV]{3}[A-Z]`),
			Group:         1,
			Validator:     checksum.ItalianFiscalCode,
			ValidatorName: "codice_fiscale",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context: []string{
				"codice fiscale", "cod. fiscale", "cod fiscale", "c.f.", "cf", "fiscal code",
				"tax code", "codice fiscale/partita iva", "tessera sanitaria",
				"codicefiscale", "fiscalcode", "taxcode", // camelCase keys
			},
			Placeholders: []string{"RSSMRA85T10A562S", "RSSMRA80A01H501U"},
			Examples: []string{
				"my fiscal code is BNCGNN72C45F205R",
				"Codice Fiscale: VRDLGU80A01H501Q",
				"Customer provided C.F. BNCGNN72C45F205R and phone",
			},
			Negatives: []string{
				"Codice Fiscale BNCGNN72C45F205A", // wrong check letter
				"Codice Fiscale BNCGNN27C45F205R", // transposed digits
				"Codice Fiscale VRDLGU80A01H510Q", // transposed digits
				"Codice Fiscale BNCGNN72Z45F205R", // Z is not a month letter
				"Codice Fiscale RSSMRA85T10A562S", // documented sample
			},
		},
		{
			ID:       "nl_bsn",
			Type:     "NL_BSN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 9},
			Before:   4, After: 4,
			// 123456782, 1234.56.782, 123.456.782, 123 456 782.
			Pattern:       natBounded(`[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}`),
			Group:         1,
			Validator:     natBoth(checksum.BSN, natSameSeps),
			ValidatorName: "bsn_11proof",
			Confidence:    natRequiredConf,
			Need:          detector.ContextRequired,
			Context: []string{
				"bsn", "bsn-nummer", "bsn nummer", "burgerservicenummer", "burger service nummer",
				"netherlands", "the netherlands", "nederland", "holland", // the country of a tax-residence row
				"sofinummer", "sofi-nummer", "sofi nummer", "sofi", "citizen service number",
				"bürgerservicenummer", "numéro de service citoyen",
				"persoonsnummer", "persoonsgebonden nummer", "bsnnummer", "bsnnumber", "burgerservicenr",
			},
			Placeholders: []string{"123456782", "111222333", "999999990"},
			Examples: []string{
				"my BSN is 445166915",
				"Identity verified - BSN-nummer: 1687.73.132 (matches)",
				"Burgerservicenummer: 370 565 630",
				"bsn,naam\n445166915,Jansen",
			},
			Negatives: []string{
				"BSN 445106915",                  // one digit changed
				"BSN 445169615",                  // transposed digits
				"order number 445166915 shipped", // valid 11-proof, no context
				"BSN 123456782",                  // documented sample
				"previous submission 662283066 rejected by bsn check", // fails 11-proof
			},
		},
		{
			ID:       "pl_pesel",
			Type:     "PL_PESEL",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 11, Max: 11},
			Before:   4, After: 4,
			// YYMMDD (century in the month) + serial + check digit; always
			// written as 11 bare digits.
			Pattern:       natBounded(`[0-9]{11}`),
			Group:         1,
			Validator:     checksum.PESEL,
			ValidatorName: "pesel",
			// Date plus check digit still leaves ~2% of random 11-digit
			// numbers (orders, phones without '+'): context decides.
			Confidence: natRequiredConf,
			Need:       detector.ContextRequired,
			Context: []string{
				"pesel", "numer pesel", "nr pesel", "nr. pesel", "numer ewidencyjny",
				"poland", "polska", // the country of a tax-residence row
				"powszechny elektroniczny system ewidencji ludności", "peselnumber", "numerpesel",
			},
			Placeholders: []string{"44051401359", "00000000000"},
			Examples: []string{
				"my numer PESEL is 92111879561",
				"PESEL: 01110184235",
				"Identity verified - PESEL: 85312026243 (matches)",
			},
			Negatives: []string{
				"PESEL 92111079561",                            // one digit changed
				"PESEL 92111789561",                            // transposed digits
				"PESEL 92131879561",                            // month 13 is no century
				"previous submission 92101587219 was rejected", // bad check digit
				"order 92111879561 shipped",                    // valid, but no context
				"PESEL 44051401359",                            // documented sample
			},
		},
	}
	return append(specs,
		natLabeledFold(specs[0], "es_nif_labeled",
			`dni|nie|nif|d\.n\.i\.|n\.i\.f\.|n\.i\.e\.|documento nacional de identidad|dni/nie`,
			[]string{"dni", "nie", "nif", "d.n.i", "n.i.f", "n.i.e", "documento nacional"},
			`[0-9]{8}[ -]?[A-Z]|[0-9]{2}\.[0-9]{3}\.[0-9]{3}[ -]?[A-Z]|[XYZ][ -]?[0-9]{7}[ -]?[A-Z]`,
			[]string{"mi dni es 28697888y", "NIE: x2372495e"}),
		natLabeledFold(specs[1], "it_fiscal_code_labeled",
			`codice fiscale|cod\.? fiscale|c\.f\.|cf|fiscal code|tax code`,
			[]string{"codice fiscale", "cod. fiscale", "cod fiscale", "c.f.", "cf", "fiscal code", "tax code"},
			`[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]`,
			[]string{"codice fiscale: bncgnn72c45f205r", "C.F. VRDLGU80A01H501Q"}),
		natLabeled(specs[2], "nl_bsn_labeled",
			`bsn|burgerservicenummer|burger service nummer|sofinummer|sofi-nummer|sofi|citizen service number|b[üu]rgerservicenummer|num[ée]ro de service citoyen`,
			[]string{"bsn", "burgerservice", "burger service", "sofi", "citizen service", "bürgerservice", "service citoyen"},
			`[0-9]{9}|[0-9]{4}\.[0-9]{2}\.[0-9]{3}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}`,
			[]string{"Mijn BSN-nummer is 1687.73.132", "burgerservicenummer: 370 565 630"}),
		natLabeled(specs[3], "pl_pesel_labeled",
			`pesel|numer ewidencyjny`,
			[]string{"pesel", "numer ewidencyjny"},
			`[0-9]{11}`,
			[]string{"Mój numer PESEL to 92111879561", "PESEL: 01110184235"}),
		detector.Spec{
			ID:       "es_nif_vat",
			Type:     "ES_NIF",
			Category: detector.PII,
			// A Spanish VAT number is "ES" + the NIF; for a person (DNI or
			// NIE) that is the personal id, so report the NIF part. A company
			// CIF (letter + 7 digits + control, "ESB12345678") is no NIF and
			// its shape does not match.
			Digits: &detector.DigitTrigger{Min: 7, Max: 8, MinLetters: 3},
			Before: 8, After: 8,
			Pattern:       `(?:^|[^0-9A-Za-z])ES[ -]?([0-9]{8}[A-Z]|[XYZ][0-9]{7}[A-Z])\b`,
			Group:         1,
			Validator:     checksum.SpanishID,
			ValidatorName: "nif_mod23",
			Confidence:    0.75,
			Need:          detector.ContextNo,
			Context:       []string{"nif", "nie", "dni", "vat", "iva", "nif-iva", "nif/iva", "vat number", "vat id", "número de iva"},
			Placeholders:  []string{"12345678Z", "00000000T", "X1234567L", "99999999R"},
			Examples: []string{
				"VAT: ESY4950177Q",
				"NIF-IVA ES28697888Y (autónomo)",
			},
			Negatives: []string{
				"VAT: ESB12345678",              // a company CIF
				"VAT: ES28690888Y",              // wrong mod-23 letter
				"IBAN ES7800816364952479473315", // an IBAN
				"sku XES28697888Y",              // glued to other letters
			},
		},
	)
}
