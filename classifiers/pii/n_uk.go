package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// ukSpecs: National Insurance number (structure) and NHS number (mod 11).
func ukSpecs() []detector.Spec {
	specs := []detector.Spec{
		{
			ID:       "uk_nino",
			Type:     "UK_NINO",
			Category: detector.PII,
			// "AB123456C" is one digit token; in "AB 12 34 56 C" the cluster is
			// "12 34 56". Either way six digits.
			Digits: &detector.DigitTrigger{Min: 6, Max: 6},
			Before: 12, After: 12,
			// First letter not D F I Q U V, second not D F I O Q U V; suffix A-D.
			Pattern:       natBounded(`[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?:[ -]?[0-9]{2}){3}[ -]?[A-D]`),
			Group:         1,
			Validator:     natBoth(ninoPrefixOK, natSameSeps),
			ValidatorName: "nino_prefix",
			Confidence:    0.6,
			Need:          detector.ContextHelps,
			Context: []string{
				"nino", "ni number", "ni no", "ni", "nin", "national insurance",
				"national insurance number", "insurance number", "n.i.",
				"ninumber", "ninonumber", "nationalinsurancenumber", // camelCase keys
			},
			Placeholders: []string{"QQ123456C"},
			Examples: []string{
				"my National Insurance number is NZ 65 61 29 D",
				"NINO: CK957507C",
				"Customer provided NI No. JG103759A for payroll",
				"nino,name\nPH 34 32 46 D,Jack",
			},
			Negatives: []string{
				"previous submission FQ570954C was rejected",    // F is not a valid first letter
				"NI number DA123456A",                           // D prefix
				"NINO: GB123456A",                               // administrative prefix GB
				"NINO: TN 12 34 56 B",                           // temporary-number prefix
				"NI number AO123456B",                           // second letter O
				"ref CK957507E",                                 // suffix outside A-D
				"National Insurance number: QQ123456C (sample)", // documented placeholder
				"part CK9575071C",                               // seven digits
			},
		},
		{
			ID:       "uk_nhs",
			Type:     "UK_NHS",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 10, Max: 10},
			Before:   4, After: 4,
			// 3-3-4 with spaces or hyphens, or ten bare digits.
			Pattern:       natBounded(`[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}`),
			Group:         1,
			Validator:     natBoth(checksum.NHS, natSameSeps),
			ValidatorName: "nhs_mod11",
			// Ten digits 3-3-4 also spell phone numbers; one in eleven passes
			// mod 11, so a bare value is reported only with context.
			Confidence: natRequiredConf,
			Need:       detector.ContextRequired,
			Context: []string{
				"nhs", "nhs number", "nhs no", "nhs-nr", "nhs #", "national health service",
				"health and care number", "h&c number", "nhs-nummer", "numéro nhs",
				"nhsnumber", "nhsno", // camelCase keys
			},
			Placeholders: []string{"943 476 5919", "4010232137"},
			Examples: []string{
				"NHS number 609 139 0996",
				"NHS No: 9078666617",
				"patient nhs_number=116-372-6516",
				`{"nhs_number": "6091390996"}`,
			},
			Negatives: []string{
				"NHS number 609 130 0996", // one digit changed
				"NHS number 609 130 9996", // transposed digits
				"NHS No: 907 866 6167",    // transposed digits
				"call 609 139 0996 today", // valid checksum but no context: phone-shaped
				"NHS number 943 476 5919", // documented test number
				"NHS number 111 111 1111", // repeated digit
				"NHS number 609 139-0996", // mixed separators
			},
		},
	}
	return append(specs,
		natLabeledFold(specs[0], "uk_nino_labeled",
			`national insurance|ni number|ni no|nino|n\.i\.`,
			[]string{"national insurance", "ni number", "ni no", "nino", "n.i."},
			`[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?:[ -]?[0-9]{2}){3}[ -]?[A-D]`,
			[]string{"Employee NI number jg 10 37 59 a", "NINO: CK957507C"}),
		natLabeled(specs[1], "uk_nhs_labeled",
			`nhs|health and care number`,
			[]string{"nhs", "health and care"},
			`[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}`,
			[]string{"NHS number 609 139 0996", "Patient's NHS No. is 907-866-6617."}),
		natSpoken("uk_nhs_spoken", "UK_NHS", `nhs(?: number| no\.?)?|health and care number`,
			[]string{"nhs", "health and care"}, []int{3, 3, 4}, checksum.NHS, "nhs_mod11", specs[1].Context,
			[]string{"Caller: my NHS number is 609 ... 139 ... 0996."},
			[]string{"my NHS number is 609 ... 139 ... 0997"}), // mod 11 fails
	)
}

// ninoPrefixOK rejects the NINO prefixes HMRC never allocates (BG, GB, KN,
// NK, NT, TN, ZZ); the letter classes are enforced by the pattern.
func ninoPrefixOK(v []byte) bool {
	var buf [16]byte
	c := natCompact(buf[:], v)
	if len(c) != 9 {
		return false
	}
	switch string(c[:2]) {
	case "BG", "GB", "KN", "NK", "NT", "TN", "ZZ":
		return false
	}
	return true
}
