package phi

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// providerSpecs: the identifiers of prescribers and providers.
func providerSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "us_npi",
			Type:     "US_NPI",
			Category: detector.PHI,
			Digits:   &detector.DigitTrigger{Min: 10, Max: 10},
			Before:   4, After: 4,
			// 10 digits starting 1 (individual) or 2 (organisation); the 10th
			// is a Luhn digit over "80840" + the first nine.
			Pattern:       bounded(`[12][0-9]{9}`),
			Group:         1,
			Validator:     checksum.NPI,
			ValidatorName: "luhn_80840",
			// Any ten-digit number (phones!) starting 1/2 passes one time in
			// ten: only next to an NPI keyword or column.
			Confidence: 0.6,
			Need:       detector.ContextRequired,
			Context: []string{
				"npi", "npi#", "npi number", "npi no", "national provider identifier",
				"national provider id", "provider npi", "prescriber npi", "rendering npi",
				"billing npi", "referring npi", "attending npi", "type 1 npi", "type 2 npi",
				"npinumber", "providernpi", "npiid", // camelCase keys
			},
			Placeholders: []string{"1234567893", "1111111112"},
			Examples: []string{
				"Provider: Dr. Tanaka, NPI 1711965347",
				"rendering_npi=2542209178",
				"National Provider Identifier: 2862224609",
				"npi,name\n1711965347,Okafor",
				"mrn\tnpi\n2510972600\t2419554409", // an NPI-shaped MRN right before it
			},
			Negatives: []string{
				"NPI 1711905347",            // one digit changed
				"NPI 1711956347",            // transposed digits
				"NPI 3711965347",            // wrong leading digit
				"call 1711965347 after 5pm", // valid Luhn but no context
				"NPI 1234567893",            // CMS sample
				"NPI 17119653470",           // eleven digits
			},
		},
		{
			ID:       "us_dea",
			Type:     "US_DEA",
			Category: detector.PHI,
			// 7 digits, 8 when the second character is the '9' of a
			// business registrant ("P95917022").
			Digits: &detector.DigitTrigger{Min: 7, Max: 8, MinLetters: 1},
			Before: 8, After: 8,
			// Registrant type + surname initial (or 9) + 6 digits + check.
			Pattern:       bounded(`[ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7}`),
			Group:         1,
			Validator:     checksum.DEA,
			ValidatorName: "dea_checksum",
			Confidence:    0.55,
			Need:          detector.ContextHelps,
			Context: []string{
				"dea", "dea#", "dea no", "dea number", "dea registration", "dea reg",
				"prescriber", "controlled substance", "dea-nummer", "deanumber", "deano",
			},
			Placeholders: []string{"AB1234563", "BB1388568"},
			Examples: []string{
				"eRx sent; DEA# AR6796962.",
				"Controlled substance Rx signed by prescriber DEA AK8404977.",
				"dea_number: MW8092051",
				"DEA P95917022",
			},
			Negatives: []string{
				"DEA# AR6790962",  // one digit changed
				"DEA# AR6799662",  // transposed digits
				"DEA# QR6796962",  // Q is not a registrant type
				"DEA# A16796962",  // second character neither letter nor 9
				"DEA# AB1234563",  // documented sample
				"DEA# AR67969620", // eight digits after the letters
			},
		},
	}
}
