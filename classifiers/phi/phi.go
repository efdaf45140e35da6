// Package phi holds the detector specs for protected health information
// (category PHI): US NPI and DEA numbers, Medicare MBIs, ICD-10 codes,
// medical record numbers. It also holds the specs that understand health
// data formats (HL7 v2 segments, FHIR JSON identifiers; hl7.go): there the
// position of a value names its type, which may be a PII type (a birth date
// in PID-7, an SSN in PID-19) as well as a PHI one.
package phi

import "github.com/weir-dev/weir/classifiers/detector"

// Specs returns the PHI detector specs, in a fixed order.
func Specs() []detector.Spec {
	var out []detector.Spec
	out = append(out, providerSpecs()...) // provider.go: NPI, DEA
	out = append(out, mbiSpecs()...)      // mbi.go: Medicare Beneficiary Identifier
	out = append(out, icd10Specs()...)    // icd10.go: diagnosis codes
	out = append(out, mrnSpecs()...)      // mrn.go: medical record numbers
	out = append(out, hl7Specs()...)      // hl7.go: HL7 v2 / FHIR fields (MRN, ICD-10, SSN, DOB, passport)
	return out
}

// Token boundaries: the value (submatch 1) must not be glued to another
// ASCII letter or digit. Values end with a letter or digit, so the right
// boundary is the zero-width \b (or a '_'): it does not consume the
// delimiter that the next value's left boundary needs ("\t2510972600\t2419554409").
const (
	lb = `(?:^|[^0-9A-Za-z])`
	rb = `(?:\b|_)`
)

// bounded wraps a value pattern in the token boundaries, the value being
// submatch 1.
func bounded(value string) string { return lb + `(` + value + `)` + rb }
