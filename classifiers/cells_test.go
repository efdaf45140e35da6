package classifiers

import (
	"strings"
	"testing"
)

func TestCellIndex(t *testing.T) {
	tests := []struct {
		text, at, want string
	}{
		{"| name | MRN | zip |\n|---|---|---|\n| Bob | 123456 | 99 |\n", "123456", "mrn"},
		{"| name | MRN |\n| :-- | --: |\n| Bob | 1 |\n| Al | 654321 |\n", "654321", "mrn"},
		{"text | not a table 123456\n", "123456", ""},
		{"INSERT INTO p (`id`, `name`, patientMrn) VALUES (1, 'O''Brien, J', '123456'), (2, 'x', '654321');", "654321", "patient_mrn"},
		{"insert into p (id, mrn) values (1, 'a,b'), (2, 777777);\nINSERT INTO q (zip) VALUES (888888);", "888888", "zip"},
		{"insert into p (id, mrn) values (1, 'a,b'), (2, 777777);", "777777", "mrn"},
		{"INSERT INTO p VALUES (1, 123456);", "123456", ""},
		// pg_dump COPY blocks.
		{"COPY public.c (id, email, dob) FROM stdin;\n1\ta@b.c\t1980-12-02\n\\.\n", "1980-12-02", "dob"},
		{"COPY public.c (id, birthDate) FROM stdin;\n1\t1980-12-02\n\\.\n2\t1975-01-01\n", "1975-01-01", ""}, // after \.
		{"COPY c (id) FROM file;\n1\t1980-12-02\n", "1980-12-02", ""},
		// ASC X12 837.
		{x12Sample, "19460809", "date_of_birth"},
		{x12Sample, "2427085461", "npi national_provider_identifier"},
		{x12Sample, "2NF7WA3TC45", "member_id subscriber_id"},
		{x12Sample, "75115788", "medical_record_number mrn"},
		{x12Sample, "9718426872", "telephone phone_number"},
		{x12Sample, "E6601", "diagnosis_code icd10"},
		{x12Sample, "20250418", "service_date"},
		{x12Sample, "380785651", "employer_identification_number ein"},
		{"ISA*00*this is no interchange", "interchange", ""},
		// UN/EDIFACT PAXLST.
		{edifactSample, "861101", "date_of_birth"},
		{edifactSample, "SU0641859", "passport_number"},
		{edifactSample, "81-90-9969-8505", "telephone phone_number"},
		{edifactSample, "ops.desk@hakone-travel.jp", "email"},
		{edifactSample, "270227", "expiry_date"},
		// Airline SSR DOCS.
		{"  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE\n", "497310073", "passport_number"},
		{"  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE\n", "21DEC85", "date_of_birth"},
		{"  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE\n", "11SEP30", "expiry_date"},
		{"SSR DOCS YY HK1/I/FRA/X123/FRA/01JAN80/F/01JAN30/A/B", "X123", "identity_card_number"},
		{"SSR DOCS YY HK1/P", "P", ""},
		{"SSR DOCS YY HK1/P/", "P/", ""},
		// DICOM dumps: dcmdump and pydicom.
		{"(0010,0020) LO [H5135823]              #  PatientID\n(0010,0030) DA [19670327] # 8, 1 PatientBirthDate\n", "19670327", "patient_birth_date"},
		{"(0010,0020) LO [H5135823]              #  PatientID\n", "H5135823", "patient_id"},
		{"(0010, 0030) Patient's Birth Date                  DA: '19670327'\n", "19670327", "patient's birth date"},
		{"(0010,0030) DA 19670327 no brackets\n", "19670327", ""},
		// FHIR identifiers.
		{`{"identifier": [{"system": "http://hospital.example.org/mrn", "value": "RAD-243088"}]}`, "RAD-243088", "mrn"},
		{`{"system": "http://hl7.org/fhir/sid/us-npi", "value": "1234567893"}`, "1234567893", "npi"},
		{`{"system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "E11.9"}`, "E11.9", "icd10 diagnosis_code"},
		// Tables aligned with spaces.
		{alignedSample, "87695497", "mrn"},
		{alignedSample, "04/23/1978", "dob"},
		{alignedSample, "K57.30", "dx icd10"},
		{alignedSample, "47562", "procedure (cpt)"},
		{alignedSample, "2139420899", "surgeon npi"},
		{alignedSample, "B20", ""}, // a note under the table, not a row
		// Databricks notebook sources: Markdown behind "# MAGIC".
		{"# MAGIC |id|email|dob|\n# MAGIC |---|---|---|\n# MAGIC |7956|a@b.co|1995-05-25|\n", "1995-05-25", "dob"},
		// GEDCOM and PDF form-field dumps.
		{"0 @I1@ INDI\n1 BIRT\n2 DATE 25 AUG 1945\n1 DEAT\n2 DATE 3 MAR 2001\n", "25 AUG 1945", "date_of_birth"},
		{"0 @I1@ INDI\n1 BIRT\n2 DATE 25 AUG 1945\n1 DEAT\n2 DATE 3 MAR 2001\n", "3 MAR 2001", ""},
		{"---\nFieldName: pt_dob\nFieldValue: 08/09/1966\n---\n", "08/09/1966", "pt_dob"},
		{"<patient><birthTime value=\"19920709\"/></patient>", "19920709", "birth_time"},
		// Apple property lists.
		{"<dict>\n  <key>CFBundleShortVersionString</key>\n  <string>6.16.162.53</string>\n</dict>", "6.16.162.53", "cf_bundle_short_version_string"},
		{"<key>password</key><string>hunter2x</string>", "hunter2x", "password"},
		{"<key>flags</key><array><string>a1b2c3</string></array>", "a1b2c3", ""},
		// XML and OFX leaf elements.
		{"<BANKACCTFROM>\n<BANKID>041233742\n<ACCTID>1453950\n</BANKACCTFROM>", "041233742", "bankid"},
		{"<patient><ssn>536-22-1942</ssn></patient>", "536-22-1942", "ssn"},
		{`<resources><string name="api_key">abc123</string></resources>`, "abc123", "api_key"},
		{"<hl7:birthTime>19670327</hl7:birthTime>", "19670327", "birth_time"},
		{"<empty/>19670327 text", "19670327", ""},
		{"a < b and c > 19670327", "19670327", ""},
	}
	for _, tc := range tests {
		var ci cellIndex
		pos := strings.LastIndex(tc.text, tc.at)
		if got := string(ci.lookup([]byte(tc.text), pos)); got != tc.want {
			t.Errorf("lookup(%q at %q) = %q, want %q", tc.text, tc.at, got, tc.want)
		}
	}
}

const x12Sample = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250926*0324*^*00501*185912208*0*P*:~" +
	"GS*HC*A*B*20240105*1019*4503*X*005010X222A1~ST*837*7284*005010X222A1~" +
	"NM1*41*2*NORTHSIDE PODIATRY PC*****46*511039962~PER*IC*BILLING OFFICE*TE*9718426872~" +
	"NM1*85*2*NORTHSIDE PODIATRY PC*****XX*2427085461~REF*EI*380785651~" +
	"NM1*IL*1*DOE*JANE****MI*2NF7WA3TC45~DMG*D8*19460809*F~CLM*129310LF*653.00***11:B:1*Y*A*Y*Y~" +
	"REF*EA*75115788~HI*ABK:E119*ABF:E6601~LX*1~DTP*472*D8*20250418~SE*25*0483~"

const edifactSample = "UNA:+.? '\nUNB+UNOA:4+RSAPIS+USCSAPIS+077850:4462+451426415'\nUNH+PAX001+PAXLST:D:05B:UN:IATA'\n" +
	"COM++81-90-9969-8505:TE+ops.desk@hakone-travel.jp:EM'\nNAD+FL+++CHOI:DOYUN'\nDTM+329:861101'\n" +
	"DOC+P:110:111+SU0641859'\nDTM+36:270227'\nUNT+32+PAX001'\n"

func TestTableContext(t *testing.T) {
	e := mustEngine(t, testSpecs())
	for _, text := range []string{
		"| name | MRN |\n|---|---|\n" + strings.Repeat("| Alice Example | 1 |\n", 10) + "| Bob | 123456 |\n",
		"INSERT INTO patients (id, full_name, mrn) VALUES\n" + strings.Repeat("(1, 'Alice Example Person', 2),\n", 6) + "(2, 'Bob', '123456');",
	} {
		if f := e.Scan([]byte(text)); len(f) != 1 {
			t.Errorf("Scan(%q) = %+v, want the MRN found through the column name", text, f)
		}
	}
}

func FuzzCellIndex(f *testing.F) {
	f.Add([]byte("| a | b |\n|---|---|\n| 1 | 2 |\n"), 20)
	f.Add([]byte("INSERT INTO t (a,b) VALUES ('x''y', 1), (2, \"q\\\"\");"), 30)
	f.Add([]byte(x12Sample), 300)
	f.Add([]byte(edifactSample), 100)
	f.Add([]byte("  6 SSR DOCS UA HK1 P/USA/497310073/USA/21DEC85/M/11SEP30/DOE/JANE\nSSR DOCS YY HK1/P"), 30)
	f.Add([]byte("COPY t (a, b) FROM stdin;\n1\t2\n\\.\n(0010,0030) DA [1967] # PatientBirthDate\n(0010, 0030) Patient's Birth Date DA: '1967'"), 40)
	f.Fuzz(func(t *testing.T, text []byte, pos int) {
		var ci cellIndex
		if pos < 0 || pos > len(text) {
			return
		}
		ci.lookup(text, pos)
		for _, c := range ci.cells {
			if c.start < 0 || c.end > len(text) || c.start > c.end {
				t.Fatalf("bad cell %d-%d in %d bytes", c.start, c.end, len(text))
			}
		}
	})
}

const alignedSample = `TIDEWATER MEDICAL CTR  OR SCHEDULE
ROOM  MRN        PATIENT                DOB         DX ICD10  PROCEDURE (CPT)              SURGEON NPI
--------------------------------------------------------------------------------------------------------
OR9   87695497    Pelletier, Avery       04/23/1978 K57.30     47562 LAP CHOLE              2139420899
OR3   6073320     Lavoie, Maëlle         12/03/1983 I48.91     63030 LAMINOTOMY             1960416091
Bed board: B20 clean, B21 blocked (gate code B20 for after-hours entry)
`
