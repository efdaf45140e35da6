// Package detector defines the data that describes one detector: what it
// looks for (type, category), how the engine finds candidates (keywords or a
// digit-cluster trigger), the RE2 pattern, the validator, the context words
// and placeholders, and the detector's own examples.
//
// A Spec is plain data plus pure functions: it holds no state and is safe to
// share between goroutines. The engine (package classifiers) compiles a list
// of specs once and routes each record through them.
package detector

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
)

// Category is the group of a type in TAXONOMY.md.
type Category string

// Categories.
const (
	PII    Category = "PII"
	PHI    Category = "PHI"
	Secret Category = "SECRET"
)

// Need says whether a context word near a candidate is needed.
type Need int

const (
	// ContextNo: the value identifies itself (prefix, checksum); context only
	// raises confidence.
	ContextNo Need = iota
	// ContextHelps: distinctive format; context raises confidence noticeably.
	ContextHelps
	// ContextRequired: a bare value is ambiguous; the engine reports it only
	// when a context word (or a field name) is near it.
	ContextRequired
	// ContextColumn: the value is anything at all, and only the name of its
	// column says what it is (the cells of a "password" column of a CSV
	// export or a table dump). The engine runs the spec on every cell of a
	// column whose name holds one of its context words (and none of its
	// reject words); keywords and digit triggers are optional.
	ContextColumn
)

// String returns the TAXONOMY spelling ("no", "helps", "required").
func (n Need) String() string {
	switch n {
	case ContextHelps:
		return "helps"
	case ContextRequired:
		return "required"
	case ContextColumn:
		return "column"
	default:
		return "no"
	}
}

// DigitTrigger routes a spec by the digit-cluster scanner instead of (or in
// addition to) keywords. A digit cluster is a maximal run of ASCII
// alphanumeric tokens that each contain at least one digit, joined by gaps
// of one or two separator bytes (space, '-', '.', '/', ':', '(', ')', '+').
// Examples: "4111 1111 1111 1111", "(415) 867-5309", "1EG4-TE5-MK73",
// "2024-10-04T09:41:03", and "12 34 56" inside "AB 12 34 56 C". When a
// cluster has space gaps between parts that have separators of their own,
// every contiguous run of such parts is a candidate too ("536-22-1942"
// inside "536-22-1942 1990-01-01"; "9400 1574 0903" stays one part). The spec's pattern runs on a window around
// every candidate whose digit count is in [Min, Max]; only matches whose
// value overlaps the candidate are kept.
type DigitTrigger struct {
	Min, Max int
	// MinLetters, when > 0, also requires that many ASCII letters inside the
	// cluster (e.g. 6 for "ABCDE1234F"), which keeps pure numbers away.
	MinLetters int
	// NoLetters skips clusters with any ASCII letter (timestamps, UUIDs,
	// hashes) for purely numeric values.
	NoLetters bool
	// Shape, when set, is a cheap test on the cluster (its bytes and its
	// tokens) run before the pattern: false skips the cluster. It must accept
	// every cluster that can hold a value (it is a prefilter, not a
	// validator); it exists because digit clusters are everywhere in logs and
	// a pattern costs far more. The engine tokenizes each cluster once and
	// hands the same *Cluster to every Shape; a Shape must not modify it or
	// keep it after returning.
	//
	// A cluster that is a whole ISO-8601 date or timestamp
	// ("2024-10-14T16:39:35.714Z", a quarter of the clusters in logs) only
	// reaches DATE_OF_BIRTH specs: no other type's value is a date.
	Shape func(c *Cluster) bool
}

// Cluster is a digit cluster (or a sub-run of one, see DigitTrigger) as a
// Shape sees it.
type Cluster struct {
	// Text is the cluster's bytes: from the first byte of its first token to
	// the last byte of its last token.
	Text []byte
	// Tokens are the maximal runs of ASCII letters and digits in Text, in
	// order (in a cluster the engine builds, each has at least one digit).
	// Offsets are into Text.
	Tokens []Token
	// Before holds up to ClusterContext bytes of the text right before the
	// cluster (a '+' or '(' that leads a phone number, a country code's
	// letters, ...); empty at the start of a text.
	Before []byte
	// After holds up to ClusterContext bytes of the text right after the
	// cluster (the ":eb:" that continues a MAC address after "b8:27");
	// empty at the end of a text.
	After []byte
}

// ClusterContext is how many bytes before and after a cluster
// Cluster.Before and Cluster.After hold.
const ClusterContext = 4

// Token is one token of a Cluster: Text[Start:End], holding Digits ASCII
// digits and Letters ASCII letters (Digits+Letters == End-Start). The gap
// before token k > 0, Text[Tokens[k-1].End:Tokens[k].Start], is one or two
// separator bytes in a cluster the engine builds.
type Token struct {
	Start, End      int
	Digits, Letters int
}

// NewCluster returns text as a Cluster, its tokens the maximal runs of
// ASCII letters and digits (the engine's own clusters are built while it
// scans; this is for tests and tools).
func NewCluster(text []byte) *Cluster {
	c := &Cluster{Text: text}
	for i := 0; i < len(text); {
		if !isAlnum(text[i]) {
			i++
			continue
		}
		t := Token{Start: i}
		for ; i < len(text) && isAlnum(text[i]); i++ {
			if text[i] <= '9' {
				t.Digits++
			} else {
				t.Letters++
			}
		}
		t.End = i
		c.Tokens = append(c.Tokens, t)
	}
	return c
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

// Spec describes one detector. Fields marked "required" must be set; the
// zero value of the others is a sensible default.
type Spec struct {
	// ID is unique across the catalogue, snake_case ("credit_card"). Required.
	ID string
	// Type is a TAXONOMY.md type name ("CREDIT_CARD"). Required.
	Type string
	// Category is the type's group. Required.
	Category Category

	// Keywords are literals (matched case-insensitively, ASCII folding) that
	// must occur in or right before every value: a token prefix ("ghp_"),
	// a fixed infix ("@" for e-mail) or a label ("password"). The pattern runs
	// on a window around each hit. A spec needs Keywords or Digits.
	Keywords []string
	// Digits routes the spec through the digit-cluster scanner.
	Digits *DigitTrigger
	// Before and After bound the window (bytes) around a trigger hit in which
	// the pattern runs: [hitStart-Before, hitEnd+After). Defaults: 64 / 256.
	Before, After int

	// Pattern is an RE2 pattern (Go regexp syntax) for the value. Required.
	Pattern string
	// Group is the submatch whose span is the reported value (0 = whole match).
	Group int
	// Trim lists literal prefixes (ASCII case-insensitive) that the pattern
	// may match in front of the value ("mailto:", an escaped "\\n"); the
	// engine strips the first that matches. With Group 0 this replaces a
	// capture group, which RE2 extracts much more slowly than it finds a
	// match when the pattern has large Unicode classes.
	Trim []string
	// Validator checks a candidate value (the bytes of Group). nil means
	// format only. It must be a pure function, safe on any input.
	Validator func(value []byte) bool
	// ValidatorName names the check for findings and docs ("luhn", "mod97").
	ValidatorName string

	// Confidence is the confidence of a match that passed the validator (or of
	// a bare pattern match when there is none), before context. Default 0.5.
	Confidence float64
	// Context lists lowercase words or phrases, in any language, whose presence
	// near a value (or in its field name) raises confidence.
	Context []string
	// Reject lists lowercase words that mark a value as something else
	// ("version", "order", "invoice", "lot"): when one is the label right in
	// front of a value, or in its field, column or table-cell name, the value
	// is not reported.
	Reject []string
	// Need says whether context is required to report a value.
	Need Need
	// Placeholders are known test or documentation values (exact value
	// match, case-insensitive, separators ignored); a match lowers confidence
	// below the default report threshold.
	Placeholders []string

	// Examples are texts in which the engine must report a value of Type.
	Examples []string
	// Negatives are texts in which the engine must not report Type
	// (checksum-invalid, wrong prefix, placeholder, missing context, ...).
	Negatives []string
}

// Validate reports the first problem with s, naming the spec.
func (s *Spec) Validate() error {
	var errs []error
	if s.ID == "" {
		errs = append(errs, errors.New("missing id"))
	}
	if s.Type == "" {
		errs = append(errs, errors.New("missing type"))
	}
	switch s.Category {
	case PII, PHI, Secret:
	default:
		errs = append(errs, fmt.Errorf("unknown category %q", s.Category))
	}
	if len(s.Keywords) == 0 && s.Digits == nil && s.Need != ContextColumn {
		errs = append(errs, errors.New("needs keywords or a digit trigger"))
	}
	for _, k := range s.Keywords {
		if strings.TrimSpace(k) == "" {
			errs = append(errs, errors.New("empty keyword"))
		}
	}
	if s.Digits != nil && (s.Digits.Min < 1 || s.Digits.Max < s.Digits.Min) {
		errs = append(errs, fmt.Errorf("bad digit trigger %d..%d", s.Digits.Min, s.Digits.Max))
	}
	if s.Pattern == "" {
		errs = append(errs, errors.New("missing pattern"))
	} else if re, err := syntax.Parse(s.Pattern, syntax.Perl); err != nil {
		errs = append(errs, fmt.Errorf("pattern: %w", err))
	} else if s.Group > re.MaxCap() {
		errs = append(errs, fmt.Errorf("group %d but pattern has %d groups", s.Group, re.MaxCap()))
	}
	if s.Confidence < 0 || s.Confidence > 1 {
		errs = append(errs, fmt.Errorf("confidence %v outside [0,1]", s.Confidence))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("detector %q: %w", s.ID, err)
	}
	return nil
}
