package phi

import (
	"bytes"

	"github.com/weir-dev/weir/classifiers/detector"
)

// icd10Specs: ICD-10 (WHO and the -CM/-GM extensions) diagnosis codes.
func icd10Specs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "icd10_code",
			Type:     "ICD10_CODE",
			Category: detector.PHI,
			// A code holds 1-6 digits; the cluster may also take in a label
			// number or date glued by a space ("ICD-10 S72.001A" is one cluster of
			// 7 digits, "2024-01-05: E11.9" one of 11).
			Digits: &detector.DigitTrigger{Min: 2, Max: 16, MinLetters: 1},
			Before: 24, After: 4,
			// Letter, digit, digit (or A/B: C4A, M1A, Z3A), then either a dot
			// and 1-4 characters (E11.9, S72.001A, T36.0X1A) or the dotless
			// claims form (E119, S72001A). Upper case only, so "A1c" and
			// "SpO2" do not match. Not after '^': in HL7 v2 "...^I10" names
			// the coding system, not a diagnosis.
			Pattern: icd10NotACode + `|` +
				`(?:^|[^0-9A-Za-z^])([A-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4}|[0-9X]{1,3}[0-9A-Z]?)?)(?:[^0-9A-Za-z]|$)`,
			Group:         1,
			Validator:     icd10OK,
			ValidatorName: "icd10_shape",
			// A bare code shape is everywhere (gate B20, flight legs, part
			// numbers): only next to a diagnosis keyword or column.
			Confidence: 0.5,
			Need:       detector.ContextRequired,
			Context: []string{
				"icd", "icd-10", "icd10", "icd-10-cm", "icd-10-gm", "icd code", "icd-10 code",
				"dx", "dx code", "ddx", "diagnosis", "diagnoses", "diagnosis code", "diagnostic code",
				"diag", "diag code", "primary diagnosis", "admitting diagnosis", "discharge diagnosis",
				"assessment", "a/p", "impression", "problem list", "comorbidities", "comorbidity",
				"diagnose", "diagnosen", "diagnoseschlüssel", "diagnosecode", // de, nl
				"diagnostic", "diagnostique", "cim-10", "cim10", "code cim", // fr
				"diagnóstico", "diagnostico", "cie-10", "cie10", "código cie", // es
				"cid-10", "cid10", "código cid", // pt
				"diagnosi", "codice diagnosi", // it
				"rozpoznanie", "diagnoza", "kod icd", // pl
				"निदान", // hi
				"diagnosiscode", "diagnosiscodes", "icdcode", "icd10code", "dxcode", "primarydiagnosis",
				"dg1", // HL7 v2 diagnosis segment
			},
			Examples: []string{
				"Fracture of neck of right femur, initial encounter (ICD-10 S72.001A); start",
				"A/P:\n  1. Dx E11.9 – Type 2 diabetes mellitus without complications",
				"Diagnosis: I10",
				"diagnosis_code,patient\nJ44.9,Smith",
				"ICD-10 codes: E11.9, I10, Z79.4",
				"Diagnóstico principal: K21.9",
				"dx T36.0X1A",
				"Diagnosis 2024-01-05: E11.9",                // one digit cluster with the date
				"DG1|1||E11.9^Type 2 diabetes mellitus^I10|", // HL7 diagnosis segment
			},
			Negatives: []string{
				"OBX|1|CE|I10^Hypertension^I10||",      // no diagnosis context; ^I10 names the coding system
				"OBX|1|CE|^I10|",                       // coding-system name
				"Boarding at gate B20 closes at 09:40", // gate code
				"HbA1c 7.2% on review",                 // lower case
				"Diagnosis pending; ref E4510520",      // eight characters dotless
				"Assessment: vitamin b12 low",          // lower case
				"Take exit J44 toward the airport",     // no diagnosis context
				"Diagnosis codes use coding system I10 (ICD-10-CM)",
				"Assessment done in room B12; diagnosis pending",
				"Assessment: vitamin B12 and D3 levels low",
				`{"diagnosis": {"system": "I10"}}`,
			},
		},
	}
}

// icd10NotACode matches code-shaped tokens that name something else: a
// coding system ("system: I10", HL7 "^I10"), a gate, seat, room or bed. It
// has no submatch 1, so the engine skips it, and being leftmost it consumes
// the token before the code alternative can see it.
const icd10NotACode = `\b(?i:(?:coding|code)?[ _-]?system|gate|terminal|seat|room|rm|bed|bay|flight|platform|aisle|` +
	`vitamin|vit|floor|level|suite|apt|building|bldg|block|zone|section|exit|route|ward|wing|pod|locker|door|hall|` +
	`porte|sala|stanza|zimmer|raum|habitaci[oó]n|quarto|sala|pok[oó]j)\.?[\s:#=\x22'|^-]*` +
	`[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?`

// icd10OK rejects code-shaped tokens that are common words in business text
// (B2B) and codes whose dotless tail mixes in the dot form.
func icd10OK(v []byte) bool {
	if len(v) < 3 || bytes.Equal(v, []byte("B2B")) {
		return false
	}
	return bytes.Count(v, []byte(".")) <= 1
}
