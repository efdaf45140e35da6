package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// apacSpecs: Indian Aadhaar (Verhoeff) and PAN (structure), Singapore
// NRIC/FIN (weighted check letter), Australian TFN (weighted mod 11).
func apacSpecs() []detector.Spec {
	aadhaarContext := []string{
		"aadhaar", "aadhar", "adhaar", "aadhaar no", "aadhaar number", "aadhaar card",
		"uidai", "uid (aadhaar)", "uid", "unique identification", "आधार", "आधार नंबर", "आधार संख्या",
		"aadhaarnumber", "aadhaarno", "aadharnumber", // camelCase keys
		// the label in other Indian scripts and in Arabic/Urdu script
		"আধার", "ஆதார்", "ఆధార్", "ಆಧಾರ್", "ആധാർ", "ਆਧਾਰ", "આધાર", "ଆଧାର",
		"آدهار", "آدھار", "ادھار", "أدهار",
	}
	// A Japanese My Number (個人番号) is also twelve digits written 4-4-4;
	// one in ten passes Verhoeff. Its label makes it no Aadhaar: this
	// alternative has no submatch, so it consumes the value unreported.
	notAadhaar := `(?:マイナンバー|個人番号|(?i:my[ _-]?number))(?:カード)?[\s:：#=\x22'.\-]{0,6}` +
		`(?:(?i:is|no\.?|は)[\s:：]{0,3})?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}|`
	specs := []detector.Spec{
		{
			ID:       "in_aadhaar",
			Type:     "IN_AADHAAR",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 12, Max: 12, Shape: aadhaarShape(' ')},
			Before:   32, After: 4,
			// The printed 4-4-4 grouping with spaces; never starts with 0 or 1.
			Pattern:       notAadhaar + natBounded(`[2-9][0-9]{3} [0-9]{4} [0-9]{4}`),
			Group:         1,
			Validator:     checksum.Aadhaar,
			ValidatorName: "verhoeff",
			// The Japanese My Number (個人番号) is printed 4-4-4 as well and
			// one in ten passes Verhoeff: report only with Aadhaar context.
			Confidence:   0.55,
			Need:         detector.ContextRequired,
			Context:      aadhaarContext,
			Placeholders: []string{"2341 2341 2346", "9999 9999 9999"},
			Examples: []string{
				"my Aadhaar no. is 8843 3532 6502",
				"मेरा आधार नंबर 6833 8014 1269 है",
				"Aadhaar: 9771 8341 7047",
			},
			Negatives: []string{
				"Aadhaar 8843 3502 6502", // one digit changed
				"Aadhaar 8843 3523 6502", // transposed digits
				"Aadhaar 1843 3532 6502", // starts with 1
				"Aadhaar 8843 3532-6502", // mixed separators
				"マイナンバー 8843 3532 6502",  // a Japanese My Number
				"個人番号：884335326502（Aadhaar ではありません）",
				"My Number: 8843-3532-6502",
				"顧客ID,氏名,マイナンバー\n10003,渡辺 翔,8843 3532 6502", // a My Number column
				"ref 8843 3532 6502 ok",                     // no context
			},
		},
		{
			ID:       "in_aadhaar_dashed",
			Type:     "IN_AADHAAR",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 12, Max: 12, Shape: aadhaarShape('-')},
			Before:   32, After: 4,
			// 4-4-4 with hyphens is also the shape of year-prefixed reference
			// numbers ("2025-5916-0961"): report only with context.
			Pattern:       notAadhaar + natBounded(`[2-9][0-9]{3}-[0-9]{4}-[0-9]{4}`),
			Group:         1,
			Validator:     checksum.Aadhaar,
			ValidatorName: "verhoeff",
			Confidence:    natRequiredConf,
			Need:          detector.ContextRequired,
			Context:       aadhaarContext,
			Placeholders:  []string{"2341-2341-2346", "9999-9999-9999"},
			Examples: []string{
				"UID (Aadhaar) on file is 9771-8341-7047; thanks",
				"aadhaar=8843-3532-6502",
			},
			Negatives: []string{
				"Aadhaar 8843-3502-6502",      // one digit changed
				"Aadhaar 8843-3523-6502",      // transposed digits
				"Référence : 9771-8341-7047.", // valid Verhoeff but no context
			},
		},
		{
			ID:       "in_aadhaar_bare",
			Type:     "IN_AADHAAR",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 12, Max: 12, Shape: aadhaarShape(0)},
			Before:   32, After: 4,
			// Twelve bare digits are also AWS account ids and order numbers:
			// report only next to an Aadhaar keyword or column.
			Pattern:       notAadhaar + natBounded(`[2-9][0-9]{11}`),
			Group:         1,
			Validator:     checksum.Aadhaar,
			ValidatorName: "verhoeff",
			Confidence:    natRequiredConf,
			Need:          detector.ContextRequired,
			Context:       aadhaarContext,
			Placeholders:  []string{"234123412346", "999999999999"},
			Examples: []string{
				"my UID (Aadhaar) is 884335326502",
				"मेरा आधार नंबर 683380141269 है और",
				"aadhaar_number,name\n977183417047,Sneha",
				"رقم آدهار: 884335326502",
				"আধার নম্বর 884335326502",
				"ஆதார் எண்: 977183417047",
				"ఆధార్ సంఖ్య: 884335326502",
				"آدھار نمبر: 977183417047",
			},
			Negatives: []string{
				"Aadhaar 884335026502",                  // one digit changed
				"Aadhaar 884335236502",                  // transposed digits
				"arn:aws:iam::884335326502:role/deploy", // valid Verhoeff, no context
			},
		},
		{
			ID:       "in_pan",
			Type:     "IN_PAN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 4, Max: 4, MinLetters: 6},
			Before:   8, After: 8,
			// AAAPL1234C: 3 letters, holder type, name initial, 4 digits, check letter.
			Pattern:       natBounded(`[A-Z]{5}[0-9]{4}[A-Z]`),
			Group:         1,
			Validator:     panStructureOK,
			ValidatorName: "pan_structure",
			Confidence:    0.55,
			Need:          detector.ContextHelps,
			Context: []string{
				"pan", "pan card", "pan no", "pan number", "permanent account number",
				"पैन", "पैन कार्ड", "पैन नंबर", "income tax", "it pan",
				"pannumber", "panno", "pancard", // camelCase keys
			},
			Placeholders: []string{"ABCDE1234F", "AAAAA0000A", "ABCPE1234F"},
			Examples: []string{
				"my PAN is FAEPR9382A",
				"PAN card no.: BCBCA1962Y (matches)",
				"और पैन SWQTL2656H है।",
				"pan,name\nHFTPC5948Q,Priya",
			},
			Negatives: []string{
				"PAN FAEDR9382A",   // D is not a holder type
				"PAN FAEPR93822A",  // five digits
				"PAN FAE1R9382A",   // digit in the letter block
				"PAN ABCDE1234F",   // documented sample (and E holder type)
				"order REFXN1234Z", // N is not a holder type
			},
		},
		{
			ID:       "sg_nric",
			Type:     "SG_NRIC",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 7, Max: 7, MinLetters: 2},
			Before:   8, After: 8,
			Pattern:       natBounded(`[STFGM][0-9]{7}[A-Z]`),
			Group:         1,
			Validator:     checksum.NRIC,
			ValidatorName: "nric_mod11",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context: []string{
				"nric", "nric/fin", "nric no", "fin", "fin no", "ic no", "ic number",
				"identity card", "identity card number", "national registration identity card",
				"foreign identification number", "身份证", "nricnumber", "nricno", "finnumber",
			},
			Placeholders: []string{"S1234567D", "S0000001I"},
			Examples: []string{
				"my NRIC is M5159014N",
				"Customer provided NRIC/FIN F9130196L and phone",
				"Identity verified - NRIC no.: G4502415L (matches)",
				"FIN M4724473T",
			},
			Negatives: []string{
				"NRIC M5150014N", // one digit changed
				"NRIC M4724743T", // transposed digits
				"NRIC A5159014N", // A is not a series letter
				"previous submission F8597927Q was rejected", // wrong check letter
				"NRIC S1234567D", // documented sample
			},
		},
		{
			ID:       "au_tfn",
			Type:     "AU_TFN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 9},
			Before:   4, After: 4,
			Pattern:       natBounded(`[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}`),
			Group:         1,
			Validator:     natBoth(checksum.TFN, natSameSeps),
			ValidatorName: "tfn_mod11",
			Confidence:    natRequiredConf,
			Need:          detector.ContextRequired,
			Context: []string{
				"australia", "australian", // the country of a tax-residence row
				"tfn", "tfn#", "tax file number", "tax file no", "tax file", "australian tax file number",
				"taxfilenumber", "taxfileno", "taxfile", "tax_file", "tax-file", "tfnnumber", "tfnno", // keys
				"tax_id_au", "au_tax_id", "tfn_au", "au_tfn", "taxidau",
			},
			Placeholders: []string{"123 456 782", "876 543 210"},
			Examples: []string{
				"my TFN is 376 092 603",
				"Identity verified - Tax File Number: 092600267 (matches)",
				"tfn=643-883-170",
				`{"taxFileNo":"643-883-170"}`,
				"tax_file_no,name\n376092603,Smith",
				"TFN# 376 092 603",
			},
			Negatives: []string{
				"TFN 376 002 603",     // one digit changed
				"TFN 376 029 603",     // transposed digits
				"invoice 376 092 603", // valid but no context
				"TFN 123 456 782",     // documented sample
				"previous submission 456 712 126 was rejected (check digit) tfn", // bad checksum
				"TFN and SIN on file. SIN 376 092 603",                           // labelled as another type
			},
		},
	}
	aadhaarLabeled := natLabeled(specs[2], "in_aadhaar_labeled",
		`aadhaar|aadhar|adhaar|uidai|uid|आधार`,
		[]string{"aadhaar", "aadhar", "adhaar", "uidai", "आधार"},
		`[2-9][0-9]{3}[ -]?[0-9]{4}[ -]?[0-9]{4}`,
		[]string{"मेरा आधार नंबर 683380141269 है", "Aadhaar No: 9771-8341-7047"})
	aadhaarLabeled.Validator = natBoth(checksum.Aadhaar, natSameSeps)
	return append(specs, aadhaarLabeled,
		natLabeledFold(specs[3], "in_pan_labeled",
			`pan(?: card)?|permanent account number|पैन`,
			[]string{"pan ", "pan:", "pan#", "pan card", "permanent account", "पैन"},
			`[A-Z]{5}[0-9]{4}[A-Z]`,
			[]string{"my pan is faepr9382a", "PAN card no.: BCBCA1962Y"}),
		natLabeledFold(specs[4], "sg_nric_labeled",
			`nric(?:/fin)?|fin|ic no|ic number`,
			[]string{"nric", "fin ", "fin:", "fin#", "ic no", "ic number"},
			`[STFGM][0-9]{7}[A-Z]`,
			[]string{"nric m5159014n", "FIN: F9130196L"}),
		natLabeled(specs[5], "au_tfn_labeled",
			`tfn|tax[ _-]?file(?:[ _-]?(?:number|num|no|nr)\.?)?`,
			[]string{"tfn", "tax file", "taxfile", "tax_file", "tax-file"},
			`[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{3}`,
			[]string{"my TFN is 376 092 603", "Tax File Number (TFN): 643-883-170", `"taxFileNo":"643-883-170"`,
				"Reach me on +61 (0)3 9062 6500. My TFN for the payroll form is 979 251 131.",
				"tax_file_no: 376 092 603"}),
	)
}

// aadhaarShape returns a digit-cluster prefilter for twelve digits written
// 4-4-4 with sep between the groups (sep 0: twelve bare digits). The
// cluster holds exactly the value: every digit of the count belongs to it.
func aadhaarShape(sep byte) func(*detector.Cluster) bool {
	return func(cl *detector.Cluster) bool {
		c := cl.Text
		if sep == 0 {
			return len(c) == 12 && c[0] >= '2' && c[0] <= '9'
		}
		return len(c) == 14 && c[4] == sep && c[9] == sep && c[0] >= '2' && c[0] <= '9'
	}
}

// panStructureOK checks an Indian PAN beyond its letter/digit classes: the
// fourth letter is the holder type (P person, C company, H HUF, F firm,
// A association, T trust, B body of individuals, L local authority,
// J artificial juridical person, G government).
func panStructureOK(v []byte) bool {
	if len(v) != 10 {
		return false
	}
	for i, c := range v {
		isDigit := c >= '0' && c <= '9'
		isUpper := c >= 'A' && c <= 'Z'
		if (i >= 5 && i <= 8) != isDigit || !isDigit && !isUpper {
			return false
		}
	}
	switch v[3] {
	case 'P', 'C', 'H', 'F', 'A', 'T', 'B', 'L', 'J', 'G':
		return true
	}
	return false
}
