// Package secrets holds the detector specs for credentials (category SECRET):
// cloud and SaaS API keys and tokens, private keys, JWTs, database URLs with
// passwords and password assignments.
package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// Specs returns the SECRET detector specs, in a fixed order.
func Specs() []detector.Spec { return nil } // TODO(secrets helper)
