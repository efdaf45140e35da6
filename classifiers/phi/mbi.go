package phi

import "github.com/weir-dev/weir/classifiers/detector"

// mbiLetter is the MBI alphabet: upper-case letters without S, L, O, I, B, Z.
const mbiLetter = `[AC-HJKMNP-RT-Y]`

// mbiAlnum is an MBI position that may hold a digit or an MBI letter.
const mbiAlnum = `[0-9AC-HJKMNP-RT-Y]`

// mbiSpecs: the Medicare Beneficiary Identifier (CMS, since 2018).
func mbiSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "us_mbi",
			Type:     "US_MBI",
			Category: detector.PHI,
			// Positions 1, 4, 7, 10, 11 are digits, 3 and 6 may be: 5-7 digits,
			// one cluster whether bare or dashed 4-3-4.
			Digits: &detector.DigitTrigger{Min: 5, Max: 8, MinLetters: 4},
			Before: 4, After: 4,
			// C A AN N - A AN N - A A N N (position 1 is 1-9). No check digit,
			// but eleven position classes make a strong shape.
			Pattern: bounded(`[1-9]` + mbiLetter + mbiAlnum + `[0-9]-?` +
				mbiLetter + mbiAlnum + `[0-9]-?` + mbiLetter + mbiLetter + `[0-9]{2}`),
			Group:         1,
			Validator:     mbiDashesOK,
			ValidatorName: "mbi_structure",
			Confidence:    0.6,
			Need:          detector.ContextHelps,
			Context: []string{
				"mbi", "medicare", "medicare beneficiary identifier", "medicare number",
				"medicare id", "medicare no", "beneficiary id", "hicn", "medicare card",
				"medicareid", "medicarenumber", "mbinumber", "beneficiaryid", // camelCase keys
			},
			Placeholders: []string{"1EG4-TE5-MK73", "1EG4TE5MK73"},
			Examples: []string{
				"Insurance: Medicare, MBI 7AD3-FT4-HN81",
				"Medicare MBI: 9KK2RR5WY20",
				`{"mbi": "2XF7J32CQ78"}`,
			},
			Negatives: []string{
				"Medicare MBI: 7AD3-FT4-HS81", // S is excluded
				"Medicare MBI: 7AD3FT4HO81",   // O is excluded
				"Medicare MBI: 0AD3FT4HN81",   // position 1 is 1-9
				"Medicare MBI: 7AD31T4HN81",   // position 5 must be a letter
				"Medicare MBI: 1EG4-TE5-MK73", // CMS sample
				"Medicare MBI: 7AD3-FT4HN81",  // one dash only
				"Medicare MBI: 7ad3ft4hn81",   // lower case
			},
		},
	}
}

// mbiDashesOK accepts an MBI written bare (11 characters) or fully dashed
// 4-3-4 (13 characters), not with a single dash.
func mbiDashesOK(v []byte) bool {
	switch len(v) {
	case 11:
		return true
	case 13:
		return v[4] == '-' && v[8] == '-'
	}
	return false
}
