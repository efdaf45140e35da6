// Package secrets holds the detector specs for credentials (category SECRET):
// cloud and SaaS API keys and tokens, private keys, JWTs, database URLs with
// passwords and password assignments.
//
// Token types are triggered by their literal prefix (or fixed infix) so a
// pattern only runs next to one; types without a prefix (AWS secret keys,
// Azure keys, passwords) are triggered by the label in front of the value
// and report only the value.
package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// Specs returns the SECRET detector specs, in a fixed order.
func Specs() []detector.Spec {
	var out []detector.Spec
	out = append(out, awsSpecs()...)
	out = append(out, gcpSpecs()...)
	out = append(out, azureSpecs()...)
	out = append(out, vcsSpecs()...)
	out = append(out, saasSpecs()...)
	out = append(out, aiSpecs()...)
	out = append(out, keySpecs()...)
	out = append(out, databaseURLSpecs()...)
	out = append(out, passwordSpecs()...)
	return out
}

// typeAnn is a type annotation between a label and its '=' in code: Rust
// "const KEY: &str =", "static KEY: &'static str =", Kotlin/TypeScript/Python
// "val pw: String =", "password: str =", "KEY: Final[str] =",
// "pw: Option<String> =", and Go "var pw string =".
const typeAnn = `(?::` + typeAnnColon + `|[ \t]+(?:string|\[\]byte)[ \t]*=)`

// typeAnnColon is typeAnn after its ':' (for separators that also accept a
// bare ':').
const typeAnnColon = `[ \t]*&?(?:'static[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*(?:<[^<>=\n]*>|\[[A-Za-z0-9_., ]*\])?\??[ \t]*=`
