// Package pii holds the detector specs for personal data (category PII):
// contact data, financial identifiers, network identifiers, national IDs.
package pii

import "github.com/weir-dev/weir/classifiers/detector"

// Specs returns the PII detector specs, in a fixed order.
func Specs() []detector.Spec {
	var out []detector.Spec
	out = append(out, contactSpecs()...)  // contact.go, financial.go, ...: email, phone, SSN/ITIN, cards, IBAN, routing, IP, MAC, DOB, passport, crypto wallets, IMEI
	out = append(out, nationalSpecs()...) // national.go: UK NINO/NHS, CA SIN, Aadhaar, PAN, ES NIF, IT fiscal code, BSN, CPF, PESEL, NRIC, TFN
	return out
}
