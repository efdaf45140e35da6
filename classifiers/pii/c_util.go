package pii

import "regexp"

// Shared pattern pieces for the contact, financial and network detectors.
//
// Go's RE2 has no lookaround, so every contact pattern follows one scheme:
//
//	cLead + "(" + [optional reject-label] + core + cTail + ")" + `\b`
//
// cLead consumes one byte that may not continue the value (so a match never
// starts inside a longer token), the value is Group 1, and cTail greedily
// pulls any glued continuation ("-7892", ".4", "abc") into the group. The
// validator (built with cExact) then accepts the group only if it is exactly
// one core value, so "900-7810689-7892" or an OID "1.3.6.1.4.1" is rejected
// instead of yielding a phone-shaped or IP-shaped prefix. Nothing after the
// value is consumed, so two values separated by one byte are both found.

// cLeadDigits: the byte before a numeric value is not alphanumeric, '_', '.',
// '-', '/' or '+'. (Phones use phoneLead, which also refuses '#'.)
const cLeadDigits = `(?:^|[^0-9A-Za-z_.\-/+]|\\[nrt])`

// cTail pulls glued continuations into the group (see above).
const cTail = `(?:[\-./][0-9A-Za-z_]+)*`

// cBounded builds the standard pattern around core (Group 1).
func cBounded(core string) string {
	return cLeadDigits + `((?:` + core + `)` + cTail + `)\b`
}

// cLabeled is cBounded with an optional reject-label in front of the value
// inside Group 1 ("Invoice 876-578-4345", "Build 4.2.11.3"): a match that
// starts at such a label is rejected by the cExact validator, and because
// the regexp prefers the earliest start, the bare value is not matched
// again.
func cLabeled(label, core string) string {
	return cLeadDigits + `((?:(?i:` + label + `)` + cLabelSuffix + `[ \t:="'#№°.\-]{0,4})?(?:` + core + `)` + cTail + `)\b`
}

// cLabelSuffix lets a reject-label read "number", "no.", "is", "on file is",
// or continue as a camelCase or snake_case key ("ssnLast9": "…", "ssn_4").
const cLabelSuffix = `(?:[ \t]*(?:numbers?|num|no|nr|n°|nº|#|ids?))?(?:[ \t]+(?:is|was|says|reads|shows|on[ \t]+file[ \t]+is|on[ \t]+file)|[A-Z_][A-Za-z0-9_]{0,11})?`

// Reject-labels for nine-digit values: the nearest label decides whether
// "…passport 123456789 and SSN 536221942" holds a passport or an SSN.
const (
	cLabelNotSSN      = `passport|routing|aba|account|acct|order|invoice|ticket|tracking|phone|tel|npi|mrn|sin|social[ \t]+insurance|tfn|tax[ \t]+file|bsn|member|policy|claim|case`
	cLabelNotPassport = `ssn|social[ \t]+security|routing|aba|account|acct|order|invoice|ticket|tracking|phone|tel|npi|mrn|sin|social[ \t]+insurance|tfn|tax[ \t]+file|bsn|member|policy|claim|case`
	cLabelNotRouting  = `ssn|social[ \t]+security|passport|account|acct|order|invoice|ticket|tracking|phone|tel|npi|mrn|sin|tfn|bsn|member|policy|claim|case`
)

// cExact returns a validator that accepts v only when the whole of v matches
// core and then fn (nil = no further check).
func cExact(core string, fn func([]byte) bool) func([]byte) bool {
	re := regexp.MustCompile(`^(?:` + core + `)$`)
	return func(v []byte) bool {
		if !re.Match(v) {
			return false
		}
		return fn == nil || fn(v)
	}
}

// Digit-trigger ranges are wide on purpose: the cluster scanner joins
// neighbours separated by one space ("536-22-1942 1990-01-01" is one
// 17-digit cluster), so Max bounds the cluster, not the value.

// cDigits returns the ASCII digits of v.
func cDigits(v []byte) []byte {
	out := make([]byte, 0, len(v))
	for _, c := range v {
		if c >= '0' && c <= '9' {
			out = append(out, c)
		}
	}
	return out
}

// cSameSeps reports whether every separator in v (any non-alphanumeric byte
// other than parentheses and '+') is the same byte: "4111 1111-1111 1111"
// is not a card as written.
func cSameSeps(v []byte) bool {
	var sep byte
	for _, c := range v {
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z':
		case c == '(' || c == ')' || c == '+':
		default:
			if sep == 0 {
				sep = c
			} else if c != sep {
				return false
			}
		}
	}
	return true
}

func cAnd(fns ...func([]byte) bool) func([]byte) bool {
	return func(v []byte) bool {
		for _, f := range fns {
			if !f(v) {
				return false
			}
		}
		return true
	}
}

func cAllSame(d []byte) bool {
	for _, c := range d {
		if c != d[0] {
			return false
		}
	}
	return len(d) > 0
}
