package pii

import "github.com/weir-dev/weir/classifiers/detector"

// contactSpecs returns the contact, financial, network and device specs:
// e-mail, phone, SSN/ITIN, payment cards, IBAN, ABA routing, IP and MAC
// addresses, dates of birth, US passports, crypto wallets and IMEIs. Each
// family lives in a c_*.go file.
func contactSpecs() []detector.Spec {
	var out []detector.Spec
	out = append(out, emailSpecs()...)
	out = append(out, phoneSpecs()...)
	out = append(out, financialSpecs()...)
	out = append(out, networkSpecs()...)
	out = append(out, dobSpecs()...)
	out = append(out, deviceSpecs()...)
	out = append(out, cryptoSpecs()...)
	return out
}
