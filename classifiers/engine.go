// Package classifiers finds PII, PHI and secrets in text. It compiles a
// catalogue of detector specs (package detector) once into an Engine that
// scans a record in close to one pass and returns findings sorted by offset.
//
// An Engine is immutable after New and safe for concurrent use.
package classifiers

import "github.com/weir-dev/weir/classifiers/detector"

// Config tunes an Engine. The zero value is valid.
type Config struct {
	// MinConfidence drops findings below it. Default 0 means DefaultMinConfidence.
	MinConfidence float64
	// FingerprintKey keys the HMAC-SHA256 fingerprints. Empty means a fixed,
	// documented development key (fingerprints are then only stable, not secret).
	FingerprintKey []byte
	// Types, when non-empty, limits the engine to these TAXONOMY types.
	Types []string
}

// DefaultMinConfidence is the report threshold when Config.MinConfidence is 0.
const DefaultMinConfidence = 0.5

// Engine is a compiled detector catalogue.
type Engine struct {
	specs []detector.Spec
	cfg   Config
}

// New compiles specs. It returns an error naming the first invalid spec.
func New(specs []detector.Spec, cfg Config) (*Engine, error) {
	return &Engine{specs: specs, cfg: cfg}, nil // TODO(lead): real engine
}

// Scan returns the findings in text, sorted by Start.
func (e *Engine) Scan(text []byte) []Finding { return e.ScanField("", text) }

// ScanField scans text that is the value of a named field (a column or JSON
// path); the field name counts as context.
func (e *Engine) ScanField(field string, text []byte) []Finding { return nil }

// Specs returns the compiled specs (do not modify).
func (e *Engine) Specs() []detector.Spec { return e.specs }
