package classifiers

import (
	"github.com/weir-dev/weir/classifiers/detector"
	"github.com/weir-dev/weir/classifiers/phi"
	"github.com/weir-dev/weir/classifiers/pii"
	"github.com/weir-dev/weir/classifiers/secrets"
)

// All returns the built-in detector catalogue: every type in TAXONOMY.md.
// It returns a new slice on every call.
func All() []detector.Spec {
	var out []detector.Spec
	out = append(out, pii.Specs()...)
	out = append(out, phi.Specs()...)
	out = append(out, secrets.Specs()...)
	return out
}
