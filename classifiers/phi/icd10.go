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
			// The trailing boundary is zero-width (\b) so that a code right
			// after another one ("E11.9,I10", HL7 "|I10|J18.9") is seen too.
			Pattern: icd10NotACode + `|` +
				`(?:^|[^0-9A-Za-z^])(` + icd10Value + `)(?:\b|_)`,
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
				"निदान",                                                              // hi
				"diagnósticos", "diagnosticos", "problemliste", "lista de problemas", // section headers
				"diagnosiscode", "diagnosiscodes", "icdcode", "icd10code", "dxcode", "primarydiagnosis",
				// a condition named in prose before its code: "patient with essential hypertension (I10)"
				"patient with", "presenting with", "presents with", "diagnosed with", "history of", "known case of",
				"suffering from", "referred with", "admitted with", "h/o",
				// why a test or visit was ordered (lab requisitions and reports)
				"indication", "clinical indication", "reason for test", "reason for testing", "reason for visit",
				"reason for exam", "reason for examination", "reason for referral", "reason for admission",
				"reason for study", "indikation", "klinische angaben", "indicación", "indicación clínica",
				"indicacion clinica", "motivo de consulta", "indication clinique", "motif de consultation",
				"indicazione", "indicazione clinica", "indicação clínica", "motivo da consulta",
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
				"Diagnoses: E11.9,I10,Z79.4",                 // no space between codes
				"21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY (ICD Ind. 0)   A. F32A    B. K21.9", // CMS-1500, dotless F32.A
				"LAB REPORT\nClinical indication: E78.5 (Hyperlipidemia, unspecified)\nLDL 162 mg/dL",
				"Reason for test: T78.40XA",
				"Reason for visit: M54.5",
				"Indikation: I10",
				"Indicación clínica: N39.0",
				"Dx: E11.9\nRx: Metformin 500 mg  Lot G85691  Exp 2026/08", // the Dx code, not the lot
			},
			Negatives: []string{
				"OBX|1|CE|^I10^Hypertension||",         // ^I10 names the coding system
				"DG1|1|I10||Hypertension|20240105|A",   // DG1-2 is the coding method
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
				"CVS Pharmacy  Rx 6023341\nAtorvastatin 20mg  Qty 30\nLot E77010  Exp 03/2026\nDx: hyperlipidemia", // lot number
				"Amoxicillin 500 mg caps\nLOT# C72573   EXP 11/25\nDiagnosis on file",
				"Ch.-B.: A53266  Verw. bis 04/2026\nDiagnose: siehe Arztbrief",
				"Charge: D41874\nDiagnose folgt",
				"Lote: H57047  Cad.: 05/2027\nDiagnóstico: pendiente",
				"Batch no. F11274  expiry 2026-09\nDx pending",
				"Lot/Exp: A05401 / 2026-07\nDiagnosis to follow",
				"Gate code B20 for the back entrance; Dx appointment at 3pm",
				"Delivery note: gate code is B20. Rx for diagnosis attached",
				"Door code: C14. Diagnosis visit Monday",
				"Seat D12, ward A14, suite C20 — diagnosis clinic",
				"Indication: see Lot E77010 recall notice",
				"Diagnosis later; gate code for ambulance B20, not a dx",
				"Dx pending. Gate code for back office: B20 (not a diagnosis)",
				"Diagnosis below. CDT: D3192, D5927",
				"Diagnose folgt. Auftragsnr.: A75-134666",
				"Diagnosis codes below.\n  CDT D7210  tooth #30  fee $933",
			},
		},
		{
			ID:       "icd10_list_item",
			Type:     "ICD10_CODE",
			Category: detector.PHI,
			// A numbered or bulleted line "description (CODE)" or
			// "description — CODE": the shape of discharge diagnoses and
			// problem lists, whose header is often too far above the code
			// for the context window.
			Digits: &detector.DigitTrigger{Min: 2, Max: 8, MinLetters: 1, Shape: icd10ListShape},
			Before: 200, After: 8,
			// List marker, a description holding a lower-case word, then the
			// code in parentheses or after a dash/colon, ending the line. Only
			// three-character categories and dotted codes: a dotless long code
			// in parentheses is more often a model or part number (A320).
			Pattern: `(?m)^[ \t]*(?:[0-9]{1,2}[.)]|[-*•·]|\(?[a-z][.)])[ \t]+[^\n]*?[A-Za-z][a-z]{2}[^\n]*?` +
				`(?:\(|[ \t](?:—|–|-|:)[ \t]*)` +
				`([A-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?)\)?[ \t]*[.;,]?[ \t]*\r?$`,
			Group:         1,
			Validator:     icd10OK,
			ValidatorName: "icd10_shape",
			// A numbered line ending in "(W10)" is also a release note or an
			// agenda: only with a diagnosis header or clinical words near it
			// (the line's own description, or the lines above it).
			Confidence: 0.5,
			Need:       detector.ContextRequired,
			Context:    icd10ListContext,
			Examples: []string{
				"DISCHARGE DIAGNOSES:\n1. Essential (primary) hypertension (I10)\n2. Long term (current) use of insulin (Z79.4)\n" +
					"3. Hyperlipidemia, unspecified (E78.5)\n4. Atherosclerotic heart disease of native coronary artery (I25.10)",
				"Problem list:\n- Type 2 diabetes mellitus without complications — E11.9\n- COVID-19 — U07.1\n" +
					"- Gastro-esophageal reflux disease without esophagitis — K21.9\n- Obesity, unspecified: E66.9",
				"Diagnósticos:\n1. Hipertensión esencial (primaria) (I10)",
			},
			Negatives: []string{
				"1. Upgrade the fleet to the Airbus A320 family (A320)",            // dotless long code
				"Essential hypertension (I10) was discussed",                       // not a list line
				"1. Take the lift to (b12)",                                        // lower case
				"- Room booked for the offsite (B12) next week",                    // code does not end the line
				"1. Upgrade laptops to Windows (W10)\n2. Replace the router (R20)", // no clinical words
				"Agenda:\n- Welcome and intro — A01\n- Budget review: B12",
				"Release notes:\n* Fixed crash in parser (E11.9)",
			},
		},
		{
			ID:       "icd10_described",
			Type:     "ICD10_CODE",
			Category: detector.PHI,
			// A code followed by its title in parentheses, the way lab
			// reports, requisitions and letters quote a diagnosis anywhere in
			// running text: "N39.0 (Urinary tract infection, site not
			// specified)", "T78.40XA (Allergy, unspecified, initial encounter)".
			Digits: &detector.DigitTrigger{Min: 2, Max: 16, MinLetters: 1, Shape: icd10ListShape},
			Before: 24, After: 8,
			// Only three-character categories and dotted codes, as in list
			// items; the title must start with a letter.
			Pattern: icd10NotACode + `|` +
				`(?:^|[^0-9A-Za-z^])([A-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?)[ \t]?\([ \t]?[A-Za-z\x{C0}-\x{17F}][a-z\x{E0}-\x{17F}]`,
			Group:         1,
			Validator:     icd10DescribedOK,
			ValidatorName: "icd10_shape",
			// The title's own words (organ, disease, "unspecified") vouch
			// for the code; "W10 (Windows 10)" or "A320 (Airbus)" have none.
			Confidence: 0.5,
			Need:       detector.ContextRequired,
			Context:    icd10ListContext,
			Examples: []string{
				"Clinical info: suspected UTI. N39.0 (Urinary tract infection, site not specified) — culture sent",
				"Results reviewed with patient; E78.5 (Hyperlipidemia, unspecified), recheck lipids in 3 months",
				"Lab order 4471: T78.40XA (Allergy, unspecified, initial encounter)",
				"Überweisung wegen I10 (Essentielle Hypertonie)",
			},
			Negatives: []string{
				"Upgrade the kiosks to W10 (Windows 10 Enterprise) by Friday",
				"Serum B12 (Cobalamin) 180 pg/mL, chronic fatigue", // a vitamin, not B12 the category
				"Meet in Room C14 (Acute care wing)",
				"Lot E77010 (Atorvastatin 20 mg), exp 03/2026; chronic use",
				"Part K21 (Kidney-shaped bracket) ships Monday",
			},
		},
	}
}

// icd10DescribedOK is icd10OK without B12, which in running text before a
// parenthesized name is vitamin B12 (there is no ICD-10 category B12).
func icd10DescribedOK(v []byte) bool {
	return icd10OK(v) && !bytes.HasPrefix(v, []byte("B12"))
}

// icd10ListContext: section headers of diagnosis lists and the clinical
// words of ICD-10 titles ("unspecified", "initial encounter", organ and
// disease names), in several languages. A list line's own description, or
// the lines above it, then vouch for its code.
var icd10ListContext = []string{
	"icd", "icd-10", "icd10", "icd-10-cm", "diagnosis", "diagnoses", "discharge diagnosis",
	"discharge diagnoses", "assessment", "impression", "problem list", "a/p", "dx",
	"diagnosen", "diagnostic", "diagnóstico", "diagnósticos", "diagnosticos",
	"diagnosi", "problemliste", "lista de problemas", "comorbidities", "past medical history", "pmh",
	// ICD-10 title words
	"unspecified", "not elsewhere classified", "initial encounter", "subsequent encounter", "sequela",
	"without complications", "with complications", "long term (current) use", "history of",
	"personal history", "family history", "disease", "diseases", "disorder", "disorders", "syndrome",
	"infection", "chronic", "acute", "malignant", "benign",
	"neoplasm", "carcinoma", "fracture", "injury", "sprain", "hypertension", "hypertensive",
	"diabetes", "mellitus", "hyperlipidemia", "dyslipidemia", "obesity", "asthma", "copd", "pneumonia",
	"bronchitis", "covid-19", "influenza", "sepsis", "anemia", "depression", "depressive", "anxiety",
	"dementia", "migraine", "epilepsy", "stroke", "infarction", "atherosclerotic", "atrial fibrillation",
	"heart failure", "kidney", "renal", "hepatic", "liver", "reflux", "gastritis", "esophagitis",
	"arthritis", "osteoarthritis", "osteoporosis", "allergic", "dermatitis",
	"hypothyroidism", "hyperthyroidism", "insulin", "pregnancy", "gestational", "urinary",
	"hipertensión", "diabetes mellitus", "enfermedad", "trastorno", "doença", "transtorno",
	"maladie", "hypertension artérielle", "krankheit", "erkrankung", "hypertonie", "malattia",
	"ipertensione", "pain", "allergy", "infección", "dolor", "schmerz", "schmerzen", "douleur", "dolore", "dor",
}

// icd10ListShape accepts digit clusters that end in a code the list-item
// pattern can report: a three-character category ([A-Z][0-9][0-9AB]) at a
// token start, optionally with a dot and 1-4 characters ("I10", "I25.10",
// "T78.40XA"). A list item's code ends its line, so it ends its cluster.
func icd10ListShape(cl *detector.Cluster) bool {
	c := cl.Text
	n := len(c)
	k := n
	for k > 0 && k > n-4 && isAlnum(c[k-1]) && (c[k-1] < 'a' || c[k-1] > 'z') {
		k--
	}
	if k >= 4 && k < n && c[k-1] == '.' {
		n = k - 1 // strip the subcategory
	}
	if n < 3 {
		return false
	}
	a, b, d := c[n-3], c[n-2], c[n-1]
	return a >= 'A' && a <= 'Z' && b >= '0' && b <= '9' && (d >= '0' && d <= '9' || d == 'A' || d == 'B') &&
		(n == 3 || !isAlnum(c[n-4]))
}

func isAlnum(b byte) bool {
	return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

// icd10NotACode matches code-shaped tokens that name something else: a
// coding system ("system: I10", HL7 "^I10", the DG1-2 coding method in
// "DG1|1|I10|J18.9^..."), a gate, seat, room or bed. It
// has no submatch 1, so the engine skips it, and being leftmost it consumes
// the token before the code alternative can see it.
const icd10NotACode = `DG1\|[^|\r\n]*\|[0-9A-Z.]{1,10}|\b(?i:(?:coding|code)?[ _-]?system|gate|terminal|seat|room|rm|bed|bay|flight|platform|aisle|` +
	`vitamin|vit|floor|level|suite|apt|building|bldg|block|zone|section|exit|route|ward|wing|pod|locker|door|hall|` +
	`porte|sala|stanza|zimmer|raum|habitaci[oó]n|quarto|sala|pok[oó]j|` +
	// lot and batch numbers of drug packs and pharmacy labels
	`lot|lots|lote|lotto|batch|partij|partia|charge|chargen?(?:nummer|nr)|ch\.?-?b|ch\.?-?nr|bn|` +
	// part and model numbers
	`part|model|sku|item|` +
	// dental (CDT "D7210") and medical procedure codes
	`cdt|cpt|hcpcs|procedure|proc|` +
	// call-center dispositions: "wrap-up code R07"
	`wrap[ -]?up|disposition|dispo)` +
	// optional connectors: "gate code is B20", "Lot No. E77010", "Lot/Exp: A05401",
	// "gate code for ambulance B20"
	`\.?(?:[\s:#=\x22'|^/-]*(?i:code|no|nr|num|number|n[°º]|exp(?:iry)?|is|(?:for|of|to|at)[ \t]+[a-z]+(?:[ \t]+[a-z]+)?)\b){0,3}\.?[\s:#=\x22'|^/-]*` +
	`[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?` +
	// and the rest of a list after such a label ("CDT: D3192, D5927")
	`(?:[ \t]*[,/;][ \t]*[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?)*` +
	// A code-shaped prefix of an identifier ("Auftragsnr.: A75-134666").
	`|(?:^|[^0-9A-Za-z^])[A-Z][0-9][0-9A-Z]-[0-9]{3,}`

// icd10OK rejects code-shaped tokens that are common words in business text
// (B2B) and codes whose dotless tail mixes in the dot form.
func icd10OK(v []byte) bool {
	if len(v) < 3 || bytes.Equal(v, []byte("B2B")) {
		return false
	}
	return bytes.Count(v, []byte(".")) <= 1
}
