package phi

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Specs that read the structure of health-data formats: HL7 v2 segments
// (fields split by '|', components by '^', repetitions by '~') and FHIR
// JSON identifiers. The position of a value names its type, whatever its
// shape: PID-7 is a birth date, PID-19 an SSN, DG1-3 a diagnosis code, and
// a CX or FHIR Identifier carries its own type code (MR, SS, PPN; HL7
// table 0203). Some of these types are PII, not PHI.

// hl7Field is one HL7 v2 field (no field separator, no segment end).
const hl7Field = `[^|\r\n]*`

// hl7End is what may follow a component: the next component, repetition,
// field or segment.
const hl7End = `(?:[|^~&\r\n]|$)`

// hl7Date is an HL7 DT/TS date YYYYMMDD (the value), optionally followed by
// a time (HHMM[SS[.S...]]) and a zone offset.
const hl7Date = `((?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]))` +
	`(?:[0-9]{2,6}(?:\.[0-9]{1,4})?)?(?:[+-][0-9]{4})?`

// hl7SSN is an SSN as HL7 senders write it: bare or dashed.
const hl7SSN = `[0-9]{3}-[0-9]{2}-[0-9]{4}|[0-9]{9}`

// icd10Value is an ICD-10 code (WHO or -CM), dotted or dotless.
// The dotless form may end in a letter after the category: "F32A"
// (F32.A), "T7840XA".
const icd10Value = `[A-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4}|[0-9X]{1,3}[0-9A-Z]?|A)?`

// fhirKV is one more "key": value member of a FHIR JSON object: a string,
// a number, a boolean or a flat object (period, assigner).
const fhirKV = `\s*,\s*"[A-Za-z]+"\s*:\s*(?:"[^"\n]*"|[0-9.]+|true|false|\{[^{}]*\})`

// fhirType is the "type" CodeableConcept of an Identifier whose coding
// holds the v2-0203 code code.
func fhirType(code string) string {
	return `"type"\s*:\s*\{\s*"coding"\s*:\s*\[\s*\{(?:\s*"[A-Za-z]+"\s*:\s*"[^"\n]*"\s*,)*` +
		`\s*"code"\s*:\s*"` + code + `"(?:\s*,\s*"[A-Za-z]+"\s*:\s*"[^"\n]*")*\s*\}\s*\]` +
		`(?:\s*,\s*"text"\s*:\s*"[^"\n]*")?\s*\}`
}

// fhirIdentifier matches a FHIR Identifier whose type code is code; the
// value (submatch 1) matches value. "type" may come before or after
// "value"; each order is its own spec since RE2 numbers every group.
func fhirIdentifier(code, value string, typeFirst bool) string {
	if typeFirst {
		return fhirType(code) + `(?:` + fhirKV + `)*?\s*,\s*"value"\s*:\s*"(` + value + `)"`
	}
	return `"value"\s*:\s*"(` + value + `)"(?:` + fhirKV + `)*?\s*,\s*` + fhirType(code)
}

// hl7Specs: values typed by their place in an HL7 v2 message or a FHIR
// resource.
func hl7Specs() []detector.Spec {
	fhirMR := []string{
		`{"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}, "system": "urn:oid:1.2.36.146.595.217.0.1", "value": "63240425"}`,
		"\"identifier\": [{\n  \"type\": {\n    \"coding\": [{\n      \"system\": \"http://terminology.hl7.org/CodeSystem/v2-0203\",\n      \"code\": \"MR\",\n      \"display\": \"Medical record number\"\n    }],\n    \"text\": \"MRN\"\n  },\n  \"system\": \"urn:oid:2.16.840.1.113883.19.5\",\n  \"period\": {\"start\": \"2001-05-06\"},\n  \"value\": \"E4471203\"\n}]",
	}
	fhirMRRev := []string{
		`{"value":"B4471203","system":"urn:oid:1.2.3","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]}}`,
	}
	fhirNeg := []string{
		// driver's licence: not in the taxonomy as an MRN
		`{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "DL"}]}, "value": "63240425"}`,
		`{"prefix": ["Mr"], "family": "Chalmers", "value": "63240425"}`,
	}
	return []detector.Spec{
		{
			ID:       "icd10_hl7_dg1",
			Type:     "ICD10_CODE",
			Category: detector.PHI,
			// DG1-3 (Diagnosis Code, CE/CWE): code^text^coding system. DG1-2 is
			// the (deprecated) coding method, often "I10": a name, not a code.
			Keywords: []string{"dg1|"},
			Before:   4, After: 96,
			// A code whose coding system (DG1-3.3) is ICD-9 is consumed by the
			// first alternative, which has no submatch.
			Pattern: `DG1\|` + hl7Field + `\|` + hl7Field + `\|[^|\r\n^]*\^[^|\r\n^]*\^I9C?` + hl7End +
				`|DG1\|` + hl7Field + `\|` + hl7Field + `\|(` + icd10Value + `)` + hl7End,
			Group:         1,
			Validator:     icd10OK,
			ValidatorName: "icd10_shape",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				"DG1|1|I10|J18.9^Pneumonia, unspecified organism^I10|Pneumonia|20240105|A",
				"MSH|^~\\&|EPIC|NWH\rDG1|1||I10^Essential (primary) hypertension^I10||20240105|F\r",
				"DG1|2|ICD10|E119^Type 2 diabetes mellitus^I10C|",
			},
			Negatives: []string{
				"DG1|1|I10||Pneumonia|20240105|A",           // DG1-2 names the coding method
				"DG1|1|I9|V45.81^Aortocoronary bypass^I9C|", // an ICD-9 code
				"DG1|1|I10|^Pneumonia^I10|",                 // no code
			},
		},
		{
			ID:       "icd10_hl7_cwe",
			Type:     "ICD10_CODE",
			Category: detector.PHI,
			// Any HL7 v2 coded element (CE/CWE) code^text^system whose coding
			// system is ICD-10 (table 0396: I10, I10C, ICD10...), in OBX, PRB,
			// DRG or other segments.
			Keywords: []string{"^i10", "^icd10", "^icd-10"},
			Before:   48, After: 12,
			Pattern:       `(?:^|[|~])(` + icd10Value + `)\^[^|~^\r\n]*\^(?i:I10C?|I10P|ICD-?10(?:-?CM)?)` + hl7End,
			Group:         1,
			Validator:     icd10OK,
			ValidatorName: "icd10_shape",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Examples: []string{
				"PRB|AD|20240105|K21.9^Gastro-esophageal reflux disease^I10|1",
				"OBX|1|CWE|29308-4^Diagnosis^LN||E11.9^Type 2 diabetes mellitus^ICD10CM||",
			},
			Negatives: []string{
				"OBX|1|CE|^I10|",               // coding-system name only
				"OBX|1|CE|1234-5^Glucose^LN||", // LOINC, not ICD-10
				"OBX|1|CWE|B20^Gate^L||",       // local code system
			},
		},
		{
			ID:       "date_of_birth_hl7",
			Type:     "DATE_OF_BIRTH",
			Category: detector.PII,
			// PID-7 (patient), GT1-11 (guarantor), IN1-18 (insured), NK1-16
			// (next of kin) are dates/times of birth.
			Keywords: []string{"pid|", "gt1|", "in1|", "nk1|"},
			Before:   4, After: 512,
			Pattern: `(?:PID\|(?:` + hl7Field + `\|){6}|GT1\|(?:` + hl7Field + `\|){10}|IN1\|(?:` + hl7Field + `\|){17}` +
				`|NK1\|(?:` + hl7Field + `\|){15})` + hl7Date + hl7End,
			Group:         1,
			Validator:     hl7DateOK,
			ValidatorName: "calendar",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				"PID|1||70203131^^^HOSP^MR||DOE^JANE||19610704|F",
				"PID|1||70203131^^^HOSP^MR||DOE^JANE^Q||196107041230|F|||12 MAIN ST^^BOSTON^MA^02118",
				"IN1|1|A357|1234|BCMD|||||132987|||||||SMITH^JOHN|01|19550315|",
			},
			Negatives: []string{
				"PID|1||70203131^^^HOSP^MR||DOE^JANE||19610230|F", // no 30 February
				"PID|1||70203131^^^HOSP^MR||DOE^JANE|||F",         // no date
				"PV1|1|I|4W^401^A||||||||||||||||20240105",        // not a birth field
			},
		},
		{
			ID:       "us_ssn_hl7",
			Type:     "US_SSN",
			Category: detector.PII,
			// PID-19 (SSN Number - Patient) and GT1-12 (Guarantor SSN).
			Keywords: []string{"pid|", "gt1|"},
			Before:   4, After: 768,
			Pattern:       `(?:PID\|(?:` + hl7Field + `\|){18}|GT1\|(?:` + hl7Field + `\|){11})(` + hl7SSN + `)` + hl7End,
			Group:         1,
			Validator:     checksum.SSN,
			ValidatorName: "ssn_ranges",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				"PID|1||12345678^^^NWH^MR||DOE^JANE||19610704|F|||12 MAIN ST^^BOSTON^MA^02118||(617)555-0134|||||ACCT778812|399506428",
				"PID|1||12345678^^^NWH^MR||DOE^JANE||19610704|F|||||||||A1|399-50-6428|",
			},
			Negatives: []string{
				"PID|1||12345678^^^NWH^MR||DOE^JANE||19610704|F|||||||||A1|666506428|", // area 666
				"PID|1||399506428^^^NWH^PI||DOE^JANE",                                  // an internal id
			},
		},
		{
			ID:       "us_ssn_hl7_cx",
			Type:     "US_SSN",
			Category: detector.PII,
			// HL7 v2 CX identifier whose type code (CX-5) is SS:
			// "PID|1||12345678^^^NWH^MR~399506428^^^SSA^SS".
			Keywords: []string{"^ss"},
			Before:   64, After: 4,
			Pattern:       `(?:^|[|~])(` + hl7SSN + `)\^` + `[^|~^\r\n]*\^[^|~^\r\n]*\^[^|~^\r\n]*\^SS(?:[|~^\r\n]|$)`,
			Group:         1,
			Validator:     checksum.SSN,
			ValidatorName: "ssn_ranges",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				"PID|1||12345678^^^NWH^MR~399506428^^^SSA^SS||DOE^JANE",
				"PID|1||399-50-6428^^^USSSA^SS||DOE^JANE",
			},
			Negatives: []string{
				"PID|1||399506428^^^NWH^MR||DOE^JANE", // MR, not SS
				"PID|1||000506428^^^SSA^SS||DOE^JANE", // area 000
				"PID|1||39950642^^^SSA^SS||DOE^JANE",  // eight digits
			},
		},
		{
			ID:       "medical_record_number_fhir",
			Type:     "MEDICAL_RECORD_NUMBER",
			Category: detector.PHI,
			Keywords: []string{`"mr"`},
			Before:   512, After: 384,
			Pattern:       fhirIdentifier("MR", fhirIDValue, true),
			Group:         1,
			Validator:     hasDigits(4),
			ValidatorName: "fhir_identifier_mr",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples:      fhirMR,
			Negatives:     fhirNeg,
		},
		{
			ID:       "medical_record_number_fhir_value_first",
			Type:     "MEDICAL_RECORD_NUMBER",
			Category: detector.PHI,
			Keywords: []string{`"mr"`},
			Before:   512, After: 16,
			Pattern:       fhirIdentifier("MR", fhirIDValue, false),
			Group:         1,
			Validator:     hasDigits(4),
			ValidatorName: "fhir_identifier_mr",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples:      fhirMRRev,
			Negatives:     fhirNeg,
		},
		{
			ID:       "us_ssn_fhir",
			Type:     "US_SSN",
			Category: detector.PII,
			// Identifier type SS, or the system http://hl7.org/fhir/sid/us-ssn.
			Keywords: []string{`"ss"`},
			Before:   512, After: 384,
			Pattern:       fhirIdentifier("SS", hl7SSN, true),
			Group:         1,
			Validator:     checksum.SSN,
			ValidatorName: "ssn_ranges",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				`{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS"}]}, "system": "urn:oid:2.16.840.1.113883.4.1", "value": "399506428"}`,
			},
			Negatives: []string{
				`{"type": {"coding": [{"code": "SS"}]}, "value": "666506428"}`, // area 666
				`{"type": {"coding": [{"code": "MR"}]}, "value": "399506428"}`, // an MRN
			},
		},
		{
			ID:       "us_ssn_fhir_system",
			Type:     "US_SSN",
			Category: detector.PII,
			// An Identifier in the SSA's naming system.
			Keywords: []string{"sid/us-ssn"},
			Before:   8, After: 384,
			Pattern:       `"system"\s*:\s*"http://hl7\.org/fhir/sid/us-ssn"(?:` + fhirKV + `)*?\s*,\s*"value"\s*:\s*"(` + hl7SSN + `)"`,
			Group:         1,
			Validator:     checksum.SSN,
			ValidatorName: "ssn_ranges",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Examples: []string{
				`{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "399506428"}`,
				`{"system":"http://hl7.org/fhir/sid/us-ssn","value":"399-50-6428"}`,
			},
			Negatives: []string{
				`{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "999506428"}`, // 9xx is no SSN
			},
		},
		{
			ID:       "us_passport_fhir",
			Type:     "US_PASSPORT",
			Category: detector.PII,
			// Identifier type PPN with a US passport number (9 digits, or a
			// letter and 8 digits on next-generation books).
			Keywords: []string{`"ppn"`},
			Before:   512, After: 384,
			Pattern:       fhirIdentifier("PPN", `[0-9]{9}|[A-Z][0-9]{8}`, true),
			Group:         1,
			ValidatorName: "fhir_identifier_ppn",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Placeholders:  []string{"123456789", "000000000", "X12345678"},
			Examples: []string{
				`{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "PPN"}]}, "system": "http://hl7.org/fhir/sid/passport-USA", "value": "488213907"}`,
			},
			Negatives: []string{
				`{"type": {"coding": [{"code": "PPN"}]}, "value": "4882139"}`, // seven digits: not a US passport
			},
		},
	}
}

// fhirIDValue is an identifier value: letters, digits and dashes.
const fhirIDValue = `[A-Za-z0-9][A-Za-z0-9-]{3,23}`

// hasDigits returns a validator that requires at least n ASCII digits.
func hasDigits(n int) func([]byte) bool {
	return func(v []byte) bool {
		k := 0
		for _, c := range v {
			if c >= '0' && c <= '9' {
				k++
			}
		}
		return k >= n
	}
}

// hl7DateOK checks a YYYYMMDD date against the calendar.
func hl7DateOK(v []byte) bool {
	if len(v) != 8 {
		return false
	}
	n := func(s []byte) int {
		x := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return -1
			}
			x = x*10 + int(c-'0')
		}
		return x
	}
	y, m, d := n(v[:4]), n(v[4:6]), n(v[6:])
	if y < 1880 || m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && (y%4 == 0 && y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}
