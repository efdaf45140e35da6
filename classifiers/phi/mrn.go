package phi

import "github.com/weir-dev/weir/classifiers/detector"

// mrnLabel matches the labels that introduce a medical record number, in
// English, French, German, Spanish, Italian, Dutch, Portuguese and Polish.
// Also spaced or dotted "M R N" / "M.R.N.", Hebrew, Arabic, Russian, Turkish,
// Vietnamese and Indonesian labels.
// It is case-insensitive; the value after it is not.
const mrnLabel = `(?i:mrn|medical[ _-]?records?(?:[ _-]?(?:number|num|no|nr|id))?|med\.? ?rec(?:ord)?\.?` +
	`|m\.?r\.? ?(?:#|no\.|no\b|nr\.?|num\b|number)` +
	`|patient[ _-]?(?:id|no|nr|number|num|#)|chart(?:[ _-]?(?:number|num|no|nr|id))?|hospital (?:number|no)` +
	`|dossier (?:du )?(?:patient|m[ée]dical)|n(?:[°º]|um[ée]ro) (?:de )?dossier (?:du )?(?:patient|m[ée]dical)` +
	`|patienten[ _-]?(?:nummer|nr|id)|patientnummer|patiëntnummer|pati[ëe]nt[ _-]?(?:id|nr)` +
	`|pat\.?[ ._-]{0,2}nr|fall[ _-]?(?:nummer|nr)|krankenaktennummer` +
	`|n[úu]mero de historia(?: cl[íi]nica)?|historia cl[íi]nica|hist\. ?cl[íi]n\.?|nhc` +
	`|cartella clinica|numero (?:di |della )?cartella clinica` +
	`|prontu[áa]rio|n[úu]mero do prontu[áa]rio` +
	`|numer (?:dokumentacji|historii choroby)(?: medycznej)?|nr (?:dokumentacji|historii choroby)` +
	`|m(?:\. ?| )r(?:\. ?| )n\b` +
	`|מספר תיק(?: רפואי)?|מס['׳] תיק(?: רפואי)?|(?:رقم )?(?:الملف|السجل) الطبي` +
	`|(?:номер|№) ?(?:медицинской карты|истории болезни)|(?:медицинская карта|история болезни) ?№` +
	`|(?:hasta|protokol) (?:no\b|numaras[ıi])|m[ãa] (?:b[ệe]nh nh[âa]n|bn\b)|s[ốo] h[ồo] s[ơo] b[ệe]nh [áa]n` +
	`|(?:nomor|no\.?) ?rekam medis|rekam medis|no\.? ?rm\b)`

// mrnSpecs: medical record numbers. Their format is facility-specific, so
// the detector keys on the label in front of the value instead of the shape.
func mrnSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "medical_record_number",
			Type:     "MEDICAL_RECORD_NUMBER",
			Category: detector.PHI,
			Keywords: []string{
				"mrn", "medical record", "medical_record", "medical-record", "medicalrecord",
				"med rec", "med. rec", "medrec", "mr#", "mr #", "mr no", "mr. no", "mr nr", "mr num", "m.r. no",
				"m.r.#", "patient id", "patient_id", "patient-id", "patientid",
				"patient no", "patient nr", "patient number", "patient_number", "patient #",
				"chart", "hospital number", "hospital no", "dossier", "patienten", "patientnummer",
				"patiëntnummer", "patient-nr", "fallnummer", "krankenakte",
				"pat.-nr", "pat.nr", "pat-nr", "pat. nr", "pat nr", "fallnr", "fall-nr", "fall nr", "historia", "hist. cl",
				"nhc", "cartella", "prontu", "numer dokumentacji", "nr dokumentacji", "historii choroby",
				"m r n", "m.r.n", "m. r. n", "מספר תיק", "מס' תיק", "מס׳ תיק", "الملف الطبي", "السجل الطبي",
				"медицинской карты", "медицинская карта", "истории болезни", "история болезни",
				"hasta no", "hasta numaras", "protokol no", "protokol numaras",
				"bệnh nhân", "mã bn", "ma bn", "bệnh án", "rekam medis", "no. rm", "no.rm", "no rm",
			},
			Before: 8, After: 64,
			// label [#|no.|n°|:] value: 6-10 digits, or a 1-4 letter prefix and
			// 4-10 digits (E1234567, MR123456, MRN-0012345).
			// A label may itself be in parentheses: "Unit No. (MRN): A98033035".
			Pattern: `(?:^|[^A-Za-z])` + mrnLabel +
				`[\s:#=\x22'.\-)]*(?:(?i:n[°º.]|no\.?|nr\.?|num(?:ber|[ée]ro|ero)?|#)[\s:#=\x22'.]*)?` +
				// an abbreviation in parentheses: "Pat.-Nr. (MRN): A4997023"
				`(?:\([^()\n]{1,16}\)[\s:#=\x22'.\-]*)?` +
				// grouped digits: "MRN: 891-743-796", "MRN 12-345-678"
				`([A-Z]{1,4}-?[0-9]{4,10}|[0-9]{6,10}|[0-9]{2,4}-[0-9]{2,4}-[0-9]{2,4})(?:[^0-9A-Za-z]|$)`,
			Group:      1,
			Confidence: 0.6,
			Need:       detector.ContextRequired,
			Context: []string{
				"mrn", "mrn#", "medical record", "medical record number", "medical record no", "med rec",
				"med. rec", "med. rec.", "med rec no", "medrecno", "medrecnum", "mr#", "mr #", "mr no",
				"mr. no", "mr number", "mrno", "mrnumber", "m.r.", "patient id",
				"patient number", "patient no", "chart", "chart number", "hospital number", "hospital no",
				"hospital no.", "unit no", "unit number", "dossier",
				"dossier patient", "numéro de dossier", "patientennummer", "patienten-id",
				"patiëntnummer", "fallnummer", "historia clínica",
				"pat.-nr", "pat.nr", "pat-nr", "pat. nr", "patientennr", "patienten-nr", "fallnr", "fall-nr", "nhc", "cartella clinica",
				"prontuário", "numer dokumentacji medycznej",
				"m r n", "m.r.n", "m.r.n.", "m. r. n.", "מספר תיק", "מס' תיק", "מס׳ תיק", "תיק רפואי",
				"رقم الملف الطبي", "الملف الطبي", "السجل الطبي", "номер медицинской карты", "медицинской карты",
				"медицинская карта", "истории болезни", "история болезни", "hasta no", "hasta numarası",
				"protokol no", "protokol numarası", "mã bệnh nhân", "mã bn", "số hồ sơ bệnh án",
				"nomor rekam medis", "rekam medis", "no. rm", "no rm", "no.rm",
				// spellings of the same labels as keys and column names
				"patient_id", "patient-id", "patientid", "patient_no", "patient_number",
				"medical_record", "medical_record_number", "medicalrecordnumber", "chart_number",
				"chart_no", "med_rec", "medrec", "hospital_number", "patient_nr", "patienten_id",
			},
			Placeholders: []string{"000000", "0000000", "00000000", "1234567", "12345678"},
			Examples: []string{
				"Pt: Jane Doe (DOB 07/04/1961), MRN 05981636\nProvider: Dr. X",
				"Medical Record #: MR197467",
				"DOB: 05/12/1943    MRN: E4510520",
				"date de naissance : 3 mars 1963 — dossier patient n° E9332013.",
				`{"patient_id": "70203131"}`,
				"Número de historia clínica: 4471203",
				"Patientennummer: 88231907",
				"Patient: Liam Chen        Med. Rec. #: 65198408        Acct: 6754869176",
				"Med Rec No 65198408",
				"MR#: 4471203",
				"MR No. PLL303510",
				"Medical Record No. 65198408",
				"Klinikum Nord\nPat.-Nr. (MRN):   A4997023\nGeb.-Datum: 12.03.1961", // abbreviation in parentheses
				"Patienten-Nr.: 72834875",
				"Patientennr. 3289549",
				"Fallnr. (Fall-ID): 6460462291",
				"Patient ID (MRN)  -  A7877081",
				"M R N: 05981636",
				"Pt seen today, M.R.N. 05981636, stable.",
				"מספר תיק: 05981636",
				"מס' תיק רפואי: 4471203",
				"رقم الملف الطبي: 05981636",
				"Номер медицинской карты: 05981636",
				"№ истории болезни 4471203",
				"Hasta no: 05981636",
				"Protokol No: 4471203",
				"Mã bệnh nhân: 05981636",
				"Nomor rekam medis: 05981636",
				"No. RM 4471203",
				"Unit No. (MRN): A98033035",
				"ID (MRN) 98033035",
				"MRN: 4155550123", // a phone-shaped MRN is still an MRN
			},
			Negatives: []string{
				"MRN: pending",                           // no value
				"MRN 12345",                              // five digits
				"Medical Record #: 12345678",             // placeholder
				"Order 05981636 shipped",                 // no label
				"patient identified as high risk 202401", // 'identified' is not a label
				"Chart reviewed on 2024-01-05 by Dr. Ng", // label without a value
				"patient no longer on 12345678 list",     // 'no' then a word, not a value
				"Votre dossier n° 20231187 est en cours", // a customer case file, not a patient's
				"Mr Nobody 12345678",                     // a title, not an MR label
				"MRI 20240105 reviewed",                  // imaging, not a record number
				"Pat. 12345678 Tage stationär",           // "Pat." alone is not a label
				"Rechnungs-Nr. (Kopie): 72834875",        // an invoice number
				"hasta noviembre 20240105",               // Spanish "until"
				"no rm -rf 20240105 today",               // not a medical-record label
			},
		},
		{
			ID:       "medical_record_number_hl7",
			Type:     "MEDICAL_RECORD_NUMBER",
			Category: detector.PHI,
			// HL7 v2 CX identifier whose type code (5th component) is MR:
			// "PID|1||70203131^^^HOSP^MR||DOE^JANE".
			Keywords: []string{"^mr"},
			Before:   64, After: 4,
			Pattern:       `(?:^|[|~])([A-Z0-9]{0,4}[0-9]{4,12})\^[^|~^\n]*\^[^|~^\n]*\^[^|~^\n]*\^MR(?:[|~^\r\n]|$)`,
			Group:         1,
			ValidatorName: "hl7_cx_mr",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Examples: []string{
				"PID|1||70203131^^^HOSP^MR||DOE^JANE||19610704|F",
				"PID|1||MR448812^^^GEN&1.2.3&ISO^MR~123-45-6789^^^SSA^SS||ROE^RICHARD",
			},
			Negatives: []string{
				"PID|1||70203131^^^HOSP^PI||DOE^JANE", // patient internal id type, not MR
				"PID|1||123456789^^^SSA^SS||DOE^JANE", // social security number
				"MSH|^~\\&|MR|HOSP",                   // MR as an application name
			},
		},
		{
			ID:       "medical_record_number_column",
			Type:     "MEDICAL_RECORD_NUMBER",
			Category: detector.PHI,
			// The value of an "mrn" / "medical_record_number" column or key,
			// far from any label in the text (CSV rows below the header).
			Digits: &detector.DigitTrigger{Min: 4, Max: 10},
			Before: 8, After: 4,
			// A delimited field (CSV/TSV/pipe), never a word in prose.
			// The end is a zero-width \b, not a consumed delimiter, so the
			// cell right after another MRN-shaped cell (a yyyymmdd birth date)
			// still has its leading delimiter.
			// EDI elements (REF*EA*...) and DICOM dumps ([...]) are fields too.
			// SQL VALUES lists quote their cells: ('174567387', ...).
			// XML attribute values too: <id root="..." extension="7758755762"/>.
			// Columns aligned with spaces too ("OR9   87695497   Pelletier").
			Pattern: `(?:(?:^|[,\t;|\n*\[(]|[ ]{2})[ \t]*["']?|=["'])([A-Z]{1,4}-?[0-9]{4,10}|[0-9]{6,10})\b`,
			Group:   1,
			// Low on its own: only a column/key name (or a nearby label)
			// brings it to the threshold.
			Confidence:   0.25,
			Need:         detector.ContextRequired,
			Context:      []string{"mrn", "medical_record_number", "medical_record", "medicalrecordnumber", "patient_mrn", "mrn_id", "patient_id", "patientid"},
			Placeholders: []string{"000000", "0000000", "00000000", "1234567", "12345678"},
			Examples: []string{
				"mrn,name\n00123456,Smith",
				"name,mrn,ward\nSmith,E1234567,4B\nJones,00998877,2A",
				"name\tbirth_dt\tmrn\tnpi\nPriya Chen\t19631221\t19923428\t1204428878",
				"ISA*00*~CLM*129310LF*653.00~REF*EA*75115788~", // X12 837
				"(0010,0020) LO [H5135823]   #  PatientID",     // DICOM dump
				"INSERT INTO patients (mrn, dob) VALUES ('174567387', '1981-10-25');",
				"ROOM  MRN        PATIENT           DOB\nOR9   87695497    Pelletier, Avery  04/23/1978\n",
				"<patientRole>\n  <id root=\"2.16.840.1.113883.19.5.99999.2\" extension=\"7758755762\"/>\n</patientRole>",
			},
			Negatives: []string{
				"name,id\nSmith,00123456",     // no MRN column
				"order,total\n00123456,19.99", // no MRN column
				"I've opened ticket MRN-3084 for you.\nI've opened ticket SR-054769 for you.", // prose
			},
		},
	}
}
