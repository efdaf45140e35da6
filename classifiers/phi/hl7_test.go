package phi_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

var engine = sync.OnceValues(func() (*classifiers.Engine, error) {
	return classifiers.New(classifiers.All(), classifiers.Config{})
})

// found returns "TYPE=value" for every finding of the given types.
func found(t *testing.T, text string, types ...string) []string {
	t.Helper()
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range e.Scan([]byte(text)) {
		if slices.Contains(types, f.Type) {
			out = append(out, f.Type+"="+text[f.Start:f.End])
		}
	}
	return out
}

// TestStructuredHealthRecords checks every value (and only those) in
// realistic HL7 v2 messages, FHIR resources and clinical notes.
func TestStructuredHealthRecords(t *testing.T) {
	types := []string{"ICD10_CODE", "MEDICAL_RECORD_NUMBER", "US_SSN", "DATE_OF_BIRTH", "US_PASSPORT"}
	cases := []struct {
		name, text string
		want       []string
		only       string // when set, the only type checked
	}{
		{
			name: "hl7 adt",
			text: strings.Join([]string{
				`MSH|^~\&|EPIC|NWH|LAB|NWH|202401051200||ADT^A01|MSG0001|P|2.5.1`,
				`EVN|A01|202401051200`,
				`PID|1||65198408^^^NWH^MR~399506428^^^SSA^SS||DOE^JANE^Q||196107041230|F|||12 MAIN ST^^BOSTON^MA^02118||(617)555-0134|||||ACCT778812|399506428`,
				`PV1|1|I|4W^401^A||||1234^WELBY^MARCUS`,
				`DG1|1|I10|J18.9^Pneumonia, unspecified organism^I10|Pneumonia|20240105|A`,
				`DG1|2|I10|E119^Type 2 diabetes mellitus without complications^I10||20240105|W`,
				`DG1|3|I9|V45.81^Aortocoronary bypass status^I9C||20240105|W`,
			}, "\r"),
			want: []string{"MEDICAL_RECORD_NUMBER=65198408", "US_SSN=399506428", "DATE_OF_BIRTH=19610704",
				"US_SSN=399506428", "ICD10_CODE=J18.9", "ICD10_CODE=E119"},
		},
		{
			name: "fhir patient",
			text: `{"resourceType": "Patient", "identifier": [
  {"use": "usual", "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}]}, "system": "urn:oid:1.2.36.146.595.217.0.1", "value": "63240425"},
  {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS"}]}, "system": "urn:oid:2.16.840.1.113883.4.1", "value": "399506428"},
  {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "DL"}]}, "system": "urn:oid:2.16.840.1.113883.4.3.25", "value": "S99985931"},
  {"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "PPN"}]}, "system": "http://hl7.org/fhir/sid/passport-USA", "value": "488213907"}
], "name": [{"family": "Chalmers", "given": ["Peter"]}], "birthDate": "1974-12-25"}`,
			want: []string{"MEDICAL_RECORD_NUMBER=63240425", "US_SSN=399506428", "US_PASSPORT=488213907",
				"DATE_OF_BIRTH=1974-12-25"},
		},
		{
			name: "discharge summary",
			text: "DISCHARGE SUMMARY\n\nPatient: Liam Chen        Med. Rec. #: 65198408        Acct: 6754869176\n" +
				"HOSPITAL COURSE: admitted via ED with chest pain; troponin 0.04 -> 0.02 ng/mL. Echo EF 55%. Telemetry unremarkable.\n\n" +
				"DISCHARGE DIAGNOSES:\n  1. Essential (primary) hypertension — I10\n" +
				"  2. Atherosclerotic heart disease of native coronary artery (I25.10)\n" +
				"  3. Allergy, unspecified, initial encounter (T78.40XA)\n  4. Long term (current) use of insulin (Z79.4)\n" +
				"  5. Hx of smoking, quit 2019.\n\nFollow up in room B12 with Dr. Welby.",
			want: []string{"MEDICAL_RECORD_NUMBER=65198408", "ICD10_CODE=I10", "ICD10_CODE=I25.10",
				"ICD10_CODE=T78.40XA", "ICD10_CODE=Z79.4"},
		},
		{
			name: "tsv with a birth date before the mrn",
			text: "name\tbirth_dt\tmrn\tnpi\nPriya Chen\t19631221\t19923428\t1204428878\nAva Chen\t4/4/1965\t11678402\t1671608879\n",
			want: []string{"MEDICAL_RECORD_NUMBER=19923428", "MEDICAL_RECORD_NUMBER=11678402"},
			only: "MEDICAL_RECORD_NUMBER",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ts := types
			if c.only != "" {
				ts = []string{c.only}
			}
			got := found(t, c.text, ts...)
			if !slices.Equal(got, c.want) {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
}
