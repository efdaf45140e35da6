package redact

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/weir-dev/weir/classifiers"
)

// ErrInvalidFinding is wrapped by Apply's errors about a finding: a span
// outside the text or inverted, or a type that is not an UPPER_SNAKE name.
// The error names the finding's index in the input slice.
var ErrInvalidFinding = errors.New("redact: invalid finding")

// Redactor applies a Policy. It is immutable and safe for concurrent use.
type Redactor struct {
	policy Policy
	keys   *Keyring
}

// New returns a Redactor for policy. keys may be nil when no operator in the
// policy is OpHash or OpTokenize; otherwise New fails with ErrPolicy.
func New(policy Policy, keys *Keyring) (*Redactor, error) {
	p, err := policy.normalize()
	if err != nil {
		return nil, err
	}
	if keys == nil && p.needsKeys() {
		return nil, fmt.Errorf("%w: hash and tokenize need a keyring", ErrPolicy)
	}
	return &Redactor{policy: p, keys: keys}, nil
}

// Applied describes one redaction made by Apply: a merged span of the input
// and what replaced it. It never holds the redacted value.
type Applied struct {
	// Type is the entity type of the most confident finding in the span.
	Type string `json:"type"`
	// Operator is the operator applied.
	Operator Operator `json:"operator"`
	// SrcStart and SrcEnd are the span's byte offsets in the input (end
	// exclusive): the union of the findings merged into it.
	SrcStart int `json:"src_start"`
	SrcEnd   int `json:"src_end"`
	// Start and End are the replacement's byte offsets in the output (end
	// exclusive); Start == End for OpDrop.
	Start int `json:"start"`
	End   int `json:"end"`
	// Findings is how many input findings were merged into this span.
	Findings int `json:"findings"`
	// KeyID is the key that made a hash or token; empty for other operators.
	KeyID string `json:"key_id,omitempty"`
	// WholeField is set when Policy.DropField removed the whole text; the
	// output is then empty and Start == End == 0 for every entry.
	WholeField bool `json:"whole_field,omitempty"`
}

// span is a merged group of findings.
type span struct {
	start, end int
	best       *classifiers.Finding
	count      int
}

// rank orders findings for choosing a merged span's type: higher confidence,
// then longer span, then earlier start, then smaller type name, so the
// result does not depend on input order.
func rank(a, b *classifiers.Finding) int {
	ca, cb := conf(a.Confidence), conf(b.Confidence)
	if c := cmp.Compare(ca, cb); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End-a.Start, b.End-b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Start, a.Start); c != 0 {
		return c
	}
	return cmp.Compare(b.Type, a.Type)
}

func conf(c float64) float64 {
	if math.IsNaN(c) {
		return math.Inf(-1)
	}
	return c
}

// merge validates findings and returns their spans, sorted, with every
// overlapping (not merely touching) group merged. Empty spans are skipped.
func merge(textLen int, findings []classifiers.Finding) ([]span, error) {
	idx := make([]int, 0, len(findings))
	for i := range findings {
		f := &findings[i]
		if f.Start < 0 || f.End > textLen || f.Start > f.End {
			return nil, fmt.Errorf("%w: finding %d (%s): span [%d,%d) not within text of %d bytes",
				ErrInvalidFinding, i, f.Type, f.Start, f.End, textLen)
		}
		if !validType([]byte(f.Type)) {
			return nil, fmt.Errorf("%w: finding %d: type %q is not an UPPER_SNAKE type name", ErrInvalidFinding, i, f.Type)
		}
		if f.Start < f.End {
			idx = append(idx, i)
		}
	}
	slices.SortFunc(idx, func(a, b int) int {
		return cmp.Compare(findings[a].Start, findings[b].Start)
	})
	var spans []span
	for _, i := range idx {
		f := &findings[i]
		if n := len(spans); n > 0 && f.Start < spans[n-1].end {
			s := &spans[n-1]
			s.end = max(s.end, f.End)
			s.count++
			if rank(f, s.best) > 0 {
				s.best = f
			}
			continue
		}
		spans = append(spans, span{start: f.Start, end: f.End, best: f, count: 1})
	}
	return spans, nil
}

// Apply returns text with every finding's span replaced according to the
// policy, and one Applied per merged span in text order. text is not
// modified. An out-of-range or inverted span, or a malformed type, fails the
// whole call with ErrInvalidFinding (nothing is returned half-redacted).
// Empty spans are ignored.
func (r *Redactor) Apply(text []byte, findings []classifiers.Finding) ([]byte, []Applied, error) {
	spans, err := merge(len(text), findings)
	if err != nil {
		return nil, nil, err
	}
	applied := make([]Applied, len(spans))
	for i, s := range spans {
		applied[i] = Applied{
			Type:     s.best.Type,
			Operator: r.policy.operator(s.best.Type),
			SrcStart: s.start,
			SrcEnd:   s.end,
			Findings: s.count,
		}
	}
	if r.policy.DropField && slices.ContainsFunc(applied, func(a Applied) bool { return a.Operator == OpDrop }) {
		for i := range applied {
			applied[i].Operator = OpDrop
			applied[i].WholeField = true
		}
		return []byte{}, applied, nil
	}

	out := make([]byte, 0, len(text)+48*len(spans))
	prev := 0
	for i := range applied {
		a := &applied[i]
		value := text[a.SrcStart:a.SrcEnd]
		out = append(out, text[prev:a.SrcStart]...)
		a.Start = len(out)
		switch a.Operator {
		case OpMask:
			out = appendMask(out, value, r.policy.MaskKeep)
		case OpType:
			out = append(out, '<')
			out = append(out, a.Type...)
			out = append(out, '>')
		case OpHash:
			a.KeyID = r.keys.Primary()
			out = append(out, '<')
			out = append(out, a.Type...)
			out = append(out, ":hmac:"...)
			out = append(out, r.keys.hashHex(value)...)
			out = append(out, '>')
		case OpTokenize:
			if len(value) > MaxTokenValue {
				return nil, nil, fmt.Errorf("redact: %s value at [%d,%d) is %d bytes; tokenize accepts at most %d",
					a.Type, a.SrcStart, a.SrcEnd, len(value), MaxTokenValue)
			}
			k := r.keys.primary()
			a.KeyID = k.id
			out = appendToken(out, k, a.Type, value)
		case OpDrop:
		}
		a.End = len(out)
		prev = a.SrcEnd
	}
	out = append(out, text[prev:]...)
	return out, applied, nil
}

// Detokenize reverses the tokens in text with the Redactor's keyring; see
// Keyring.Detokenize. It fails if the Redactor has no keyring.
func (r *Redactor) Detokenize(text []byte) ([]byte, error) {
	if r.keys == nil {
		return nil, fmt.Errorf("%w: detokenize needs a keyring", ErrPolicy)
	}
	return r.keys.Detokenize(text)
}

// Policy returns the normalized policy (defaults filled in). Its PerType map
// is a copy.
func (r *Redactor) Policy() Policy {
	p := r.policy
	p.PerType = maps.Clone(p.PerType)
	return p
}
