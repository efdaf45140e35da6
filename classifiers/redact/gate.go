package redact

import (
	"slices"

	"github.com/weir-dev/weir/classifiers"
)

// Gate is the finding filter and block rule shared by the webhook (weir
// serve's /v1/redact verdicts) and the vector-DB proxy's enforce mode: which
// findings count, and which of them mean a text must not pass at all.
// The zero Gate keeps every finding and blocks nothing.
type Gate struct {
	// Types keeps only findings of these types; nil keeps all.
	Types map[string]bool
	// Block lists types and categories (PII, PHI, SECRET) whose presence
	// blocks the text.
	Block map[string]bool
	// MinConfidence drops findings below it.
	MinConfidence float64
}

// Filter returns the findings Gate keeps, reusing fs's backing array; the
// result is never nil.
func (g Gate) Filter(fs []classifiers.Finding) []classifiers.Finding {
	out := fs[:0]
	for _, x := range fs {
		if (g.Types == nil || g.Types[x.Type]) && x.Confidence >= g.MinConfidence {
			out = append(out, x)
		}
	}
	if out == nil {
		out = []classifiers.Finding{}
	}
	return out
}

// Blocks reports whether a finding's type or category is in Block.
func (g Gate) Blocks(fs []classifiers.Finding) bool {
	return slices.ContainsFunc(fs, func(x classifiers.Finding) bool { return g.Block[x.Type] || g.Block[x.Category] })
}
