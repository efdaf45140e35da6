// Package phi holds the detector specs for protected health information
// (category PHI): US NPI and DEA numbers, Medicare MBIs, ICD-10 codes,
// medical record numbers.
package phi

import "github.com/weir-dev/weir/classifiers/detector"

// Specs returns the PHI detector specs, in a fixed order.
func Specs() []detector.Spec {
	var out []detector.Spec
	out = append(out, providerSpecs()...) // provider.go: NPI, DEA
	out = append(out, mbiSpecs()...)      // mbi.go: Medicare Beneficiary Identifier
	out = append(out, icd10Specs()...)    // icd10.go: diagnosis codes
	out = append(out, mrnSpecs()...)      // mrn.go: medical record numbers
	return out
}

// Token boundaries: the value (submatch 1) must not be glued to another
// ASCII letter or digit.
const (
	lb = `(?:^|[^0-9A-Za-z])`
	rb = `(?:[^0-9A-Za-z]|$)`
)

// bounded wraps a value pattern in the token boundaries, the value being
// submatch 1.
func bounded(value string) string { return lb + `(` + value + `)` + rb }
