package pii

import "github.com/weir-dev/weir/classifiers/detector"

// nationalSpecs returns the national-identifier specs: UK (n_uk.go), Canada
// and Brazil (n_americas.go), EU member states (n_eu.go) and Asia-Pacific
// (n_apac.go). Every checksum-bearing ID is validated by package checksum;
// the others by the structural checks in this file.
func nationalSpecs() []detector.Spec {
	var out []detector.Spec
	out = append(out, ukSpecs()...)
	out = append(out, americasSpecs()...)
	out = append(out, euSpecs()...)
	out = append(out, apacSpecs()...)
	return out
}

// Explicit token boundaries for national-ID patterns: the value (group 1)
// must not be glued to another ASCII letter or digit. Values end with a
// letter or digit, so the right boundary is the zero-width \b (or a '_'):
// it leaves the delimiter to the next value's left boundary in a row of
// adjacent IDs ("445166915\t370565630").
const (
	natLB = `(?:^|[^0-9A-Za-z])`
	natRB = `(?:\b|_)`
)

// natBounded wraps a value pattern in the token boundaries, the value being
// submatch 1.
func natBounded(value string) string { return natLB + `(` + value + `)` + natRB }

// natRequiredConf is the base confidence of a bare national number that
// needs context (nine digits are a SIN, a TFN, a BSN and an SSN at once).
// Context lifts it to 0.79 and its own label to 0.84, but a label of
// another type right in front of it (-0.3, see the engine's labelBefore)
// drops it under the report threshold even when context words of its own
// type occur elsewhere in the record: "BSN 461971459" in a form that also
// asks for a SIN is not a SIN.
const natRequiredConf = 0.49

// natIsSep reports whether c is a separator allowed inside a formatted ID.
func natIsSep(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == '/' }

// natCompact copies the non-separator bytes of v into buf, upper-cased,
// and returns the filled prefix (nil if v does not fit).
func natCompact(buf []byte, v []byte) []byte {
	n := 0
	for _, c := range v {
		if natIsSep(c) {
			continue
		}
		if n == len(buf) {
			return nil
		}
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return buf[:n]
}

// natSameSeps reports whether every separator in v is the same byte, so
// "123 456 789" and "123-456-789" pass but "123 456-789" (two unrelated
// numbers, usually) does not.
func natSameSeps(v []byte) bool {
	var sep byte
	for _, c := range v {
		if natIsSep(c) {
			if sep != 0 && c != sep {
				return false
			}
			sep = c
		}
	}
	return true
}

// natBoth returns a validator that requires f and g.
func natBoth(f, g func([]byte) bool) func([]byte) bool {
	return func(v []byte) bool { return f(v) && g(v) }
}

// natFiller is what may stand between a label and its value: punctuation,
// "number"/"no."/"nº" in several languages, "is", "on file", "card".
const natFiller = `(?:[\s:#=\x22'.()/\-]|(?i:n[°º]|number|numbers|num|no|nr|nummer|numero|número|numéro|is|es|est|é|ist|on file|card|de|do|da|my|:))`

// natLabelClause lets a few words stand between a label and an "is" or a
// colon before the value: "My TFN for the payroll form is 979 251 131".
const natLabelClause = `(?:[ \t]+[A-Za-z']{1,15}){1,5}?[ \t]*(?:[ \t](?i:is|was|ist|est|es|é)[ \t]+|:[ \t]*)`

// natLabeled derives a label-anchored spec from base: keyword-triggered on
// the labels, the pattern requires a label, a short filler and then the
// value (same value pattern and validator as base). A labelled value is
// unambiguous, so it scores high enough to win overlaps against look-alike
// types (a SIN or TFN read as a phone number).
//
// labels is a case-insensitive RE2 alternation; keywords are ASCII-folded
// literals that every label contains.
func natLabeled(base detector.Spec, id, labels string, keywords []string, value string, examples []string) detector.Spec {
	s := base
	s.ID = id
	s.Keywords = keywords
	s.Digits = nil
	s.Before, s.After = 8, 96
	s.Pattern = `(?:^|[^0-9A-Za-z])(?i:` + labels + `)(?:(?:` + natFiller + `|(?i:` + labels + `)){0,12}?|` + natLabelClause + `)(` + value + `)` + natRB
	s.Group = 1
	s.Confidence = 0.7
	s.Need = detector.ContextHelps
	s.Examples = examples
	return s
}

// natUpper adapts a validator of upper-case IDs to values matched case-
// insensitively ("ab123456c" after a "NINO:" label).
func natUpper(f func([]byte) bool) func([]byte) bool {
	return func(v []byte) bool {
		var buf [32]byte
		if len(v) > len(buf) {
			return false
		}
		u := buf[:len(v)]
		for i, c := range v {
			if c >= 'a' && c <= 'z' {
				c -= 'a' - 'A'
			}
			u[i] = c
		}
		return f(u)
	}
}

// natLabeledFold is natLabeled for alphanumeric IDs: the value may be
// written in lower case when a label vouches for it.
func natLabeledFold(base detector.Spec, id, labels string, keywords []string, value string, examples []string) detector.Spec {
	s := natLabeled(base, id, labels, keywords, `(?i:`+value+`)`, examples)
	s.Validator = natUpper(base.Validator)
	return s
}

// natSpokenSep is the gap between digit groups read aloud and transcribed:
// an ellipsis or a comma, optionally spaced ("170 ... 96 ... 3391",
// "170, 96, 3391"). Plain spaces and hyphens are left to the ordinary
// specs, which see those groups as one digit cluster.
const natSpokenSep = ` ?(?:\.{2,4}|…|,) ?`

// natSpokenDigits adapts a validator of a compact number to a value whose
// groups are separated by natSpokenSep: it checks the digits alone.
func natSpokenDigits(f func([]byte) bool) func([]byte) bool {
	return func(v []byte) bool {
		var buf [16]byte
		n := 0
		for _, c := range v {
			if c < '0' || c > '9' {
				continue
			}
			if n == len(buf) {
				return false
			}
			buf[n] = c
			n++
		}
		return f(buf[:n])
	}
}

// natSpoken builds a keyword-triggered spec for an ID read out in groups in
// a call transcript: a label (case-insensitive RE2 alternation, keywords
// its ASCII-folded literals), at most 40 bytes of words without digits
// (and one line break: the answer on the next turn, then 40 more), then the groups (each a [0-9]{n} size) joined by natSpokenSep. The
// engine's digit clusters split such groups, so the label is the trigger,
// and it is required: groups of digits alone are anything.
func natSpoken(id, typ, labels string, keywords []string, groups []int, check func([]byte) bool,
	validatorName string, context, examples, negatives []string) detector.Spec {
	value := ""
	for i, g := range groups {
		if i > 0 {
			value += natSpokenSep
		}
		value += `[0-9]{` + string(rune('0'+g)) + `}`
	}
	return detector.Spec{
		ID:            id,
		Type:          typ,
		Category:      detector.PII,
		Keywords:      keywords,
		Before:        8,
		After:         96,
		Pattern:       `(?:^|[^0-9A-Za-z])(?i:` + labels + `)[^0-9\n]{0,40}?(?:\n[^0-9\n]{0,40}?)?(` + value + `)(?:[^0-9]|$)`,
		Group:         1,
		Validator:     natSpokenDigits(check),
		ValidatorName: validatorName,
		Confidence:    0.6,
		Need:          detector.ContextRequired,
		Context:       context,
		Examples:      examples,
		Negatives:     negatives,
	}
}
