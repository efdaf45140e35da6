package pii

import (
	"bytes"
	"strings"

	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Shape prefilters for digit-triggered specs (detector.DigitTrigger.Shape).
//
// A digit cluster is a run of alphanumeric tokens joined by gaps of one or
// two separator bytes. Every numeric value these specs report is made of
// whole tokens of one cluster (the patterns refuse a value glued to a
// letter or digit), so a shape looks for the tokens a value needs: "3-2-4
// digit tokens joined by single dashes" for an SSN, "a 15-digit token that
// passes Luhn" for a bare IMEI. A shape must accept every cluster that can
// hold a value; it only saves the regex run on the others.

// cTok is one token of a cluster, cl[Start:End], with its digit and
// letter counts (detector.Token); the gap before token k > 0 is
// cl[toks[k-1].End:toks[k].Start].
type cTok = detector.Token

// pure reports whether the token is all digits.
func pure(t cTok) bool { return t.Letters == 0 }

// tlen is the token's length in bytes.
func tlen(t cTok) int { return t.End - t.Start }

// cMaxToks bounds the tokens a shape looks at; a longer cluster is
// accepted (it is rare, and a shape must never reject a value).
const cMaxToks = 32

// cTokens returns the cluster's tokens as the shapes see them (the
// engine's tokens, shared by every shape); ok is false when there are more
// than cMaxToks.
//
// "\n589-90-4261" in JSON: the patterns take a value right after an
// escaped newline, tab or return; the backslash ends clusters, so only a
// cluster's first token can carry the escape letter, and the shapes see
// that token without it (a copy in buf; the shared tokens stay as they
// are). No value here starts with a lower-case n, r or t.
func cTokens(c *detector.Cluster, buf *[cMaxToks]cTok) (toks []cTok, ok bool) {
	toks = c.Tokens
	if len(toks) > cMaxToks {
		return nil, false
	}
	if len(toks) > 0 {
		if t := toks[0]; t.End-t.Start > 1 {
			if b := c.Text[t.Start]; b == 'n' || b == 'r' || b == 't' {
				toks = buf[:copy(buf[:], toks)]
				toks[0].Start++
				toks[0].Letters--
			}
		}
	}
	return toks, true
}

func cAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func cHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'
}

// gap returns the separator bytes before token k (k > 0).
func cGap(cl []byte, toks []cTok, k int) []byte { return cl[toks[k-1].End:toks[k].Start] }

// cGapIs reports whether the gap before token k is exactly the byte sep.
func cGapIs(cl []byte, toks []cTok, k int, sep byte) bool {
	g := cGap(cl, toks, k)
	return len(g) == 1 && g[0] == sep
}

// cGroups reports whether tokens k.. are pure-digit tokens of the lengths
// in ns, joined by single sep bytes (sep 0: ' ' or '-', all the same).
func cGroups(cl []byte, toks []cTok, k int, sep byte, ns ...int) bool {
	if k+len(ns) > len(toks) {
		return false
	}
	for j, n := range ns {
		t := toks[k+j]
		if !pure(t) || tlen(t) != n {
			return false
		}
		if j > 0 {
			g := cGap(cl, toks, k+j)
			if len(g) != 1 {
				return false
			}
			if sep == 0 {
				if g[0] != ' ' && g[0] != '-' {
					return false
				}
				if j > 1 && g[0] != cl[toks[k].End] {
					return false
				}
			} else if g[0] != sep {
				return false
			}
		}
	}
	return true
}

// shapeOf adapts a token-level test to a Shape; clusters too long to
// split are accepted. pre, when set, is a cheaper necessary condition
// tried first (shapes run for every cluster in the spec's digit range).
func shapeOf(fn func(cl []byte, toks []cTok) bool, pre ...func([]byte) bool) func(*detector.Cluster) bool {
	return func(c *detector.Cluster) bool {
		for _, p := range pre {
			if !p(c.Text) {
				return false
			}
		}
		var buf [cMaxToks]cTok
		toks, ok := cTokens(c, &buf)
		return !ok || fn(c.Text, toks)
	}
}

// shapeIPv4: four pure-digit tokens of 1-3 digits joined by single dots.
var shapeIPv4 = shapeIPv4Addr(nil)

// shapeIPv4Addr is shapeIPv4 for a spec whose validator takes only the
// bare dotted quad and tests it with want (nil: any quad). The pattern
// pulls a glued ".part" into the value and needs a byte other than '.'
// right before it, so a quad is only worth a regex when neither
// disqualifies it and want accepts it. Before the first token and after
// the last, the bytes are outside the cluster: accepted as they are.
func shapeIPv4Addr(want func(quad []byte) bool) func(*detector.Cluster) bool {
	return shapeOf(func(cl []byte, toks []cTok) bool {
		for k := 0; k+4 <= len(toks); k++ {
			ok := true
			for j := k; j < k+4 && ok; j++ {
				t := toks[j]
				ok = pure(t) && tlen(t) <= 3 && (j == k || cGapIs(cl, toks, j, '.'))
			}
			if !ok {
				continue
			}
			if k > 0 && cl[toks[k].Start-1] == '.' {
				continue // the quad is glued to the token before it
			}
			if k+4 < len(toks) && cGapIs(cl, toks, k+4, '.') {
				continue // ".part" after the quad joins the value
			}
			if want == nil || want(cl[toks[k].Start:toks[k+3].End]) {
				return true
			}
		}
		return false
	}, cMinLen(7), cHasDots(3))
}

// shapeMAC(w): a MAC is a segment of 2-hex tokens joined by single ':' or
// '-' (six of them; w = 2, mac_address) or of 4-hex tokens joined by single
// dots (three; w = 4, mac_address_dotted). Digit-
// less groups ("eb" in "b8:27:eb:e3:c9:1a") end a cluster, so a segment
// at an edge of the cluster may be a fragment of a MAC, when the text
// around the cluster continues it with a separator and a hex group ("b8:27"
// then ":eb"); a segment inside it must be a whole one. A segment is a maximal run of tokens joined by
// single ':', '-' or '.' bytes; the pattern refuses a MAC glued to more
// tokens by those bytes.
func shapeMAC(w int) func(c *detector.Cluster) bool {
	return func(c *detector.Cluster) bool {
		var buf [cMaxToks]cTok
		toks, ok := cTokens(c, &buf)
		if !ok {
			return true
		}
		cl := c.Text
		for a := 0; a < len(toks); {
			b := a + 1
			for b < len(toks) {
				g := cGap(cl, toks, b)
				if len(g) != 1 || (g[0] != ':' && g[0] != '-' && g[0] != '.') {
					break
				}
				b++
			}
			if tlen(toks[a]) == w && macSegment(cl, toks[a:b], a == 0, b == len(toks), c) {
				return true
			}
			a = b
		}
		return false
	}
}

func macSegment(cl []byte, seg []cTok, atStart, atEnd bool, c *detector.Cluster) bool {
	w := tlen(seg[0])
	if w != 2 && w != 4 {
		return false
	}
	for k, t := range seg {
		if tlen(t) != w {
			return false
		}
		for _, c := range cl[t.Start:t.End] {
			if !cHex(c) {
				return false
			}
		}
		if k > 0 {
			g := cl[seg[k-1].End]
			if (w == 4) != (g == '.') {
				return false
			}
		}
	}
	want := 6
	if w == 4 {
		want = 3
	}
	switch {
	case len(seg) == want:
		return true
	case len(seg) > want:
		return false
	}
	// A fragment: the MAC must go on before or after the cluster.
	sep := byte(0) // any of the width's separators (one token: unknown)
	if len(seg) > 1 {
		sep = cl[seg[0].End]
	}
	return (atStart && macGoesOn(c.Before, w, sep, true)) || (atEnd && macGoesOn(c.After, w, sep, false))
}

// macGoesOn reports whether ctx, the bytes before (before) or after a
// cluster, continue a MAC of w-hex groups: a separator next to the cluster
// and a hex group beyond it.
func macGoesOn(ctx []byte, w int, sep byte, before bool) bool {
	if len(ctx) < 2 {
		return false
	}
	// The separator, then one or (when ctx holds them) two hex digits.
	s, h, h2 := ctx[0], ctx[1], byte('0')
	if len(ctx) >= 3 {
		h2 = ctx[2]
	}
	if before {
		s, h = ctx[len(ctx)-1], ctx[len(ctx)-2]
		if len(ctx) >= 3 {
			h2 = ctx[len(ctx)-3]
		}
	}
	if !cHex(h) || !cHex(h2) {
		return false
	}
	if sep != 0 {
		return s == sep
	}
	if w == 4 {
		return s == '.'
	}
	return s == ':' || s == '-'
}

// shapePhone returns a shape for phone specs: some run of pure-digit
// tokens with at least minDigits digits, a run ending at a token with a
// letter or at a ':' (no phone format uses either).
func shapePhone(minDigits int) func(*detector.Cluster) bool { return shapePhoneRun(minDigits, 1) }

// shapePhoneGrouped is shapePhone for phone_national. Every national
// format has a separator between digit groups, so the value is two or more
// tokens of a run, and its first group is 1-3 digits, a trunk-prefixed
// 0xxxx (up to six digits), or five to seven digits (IN 5-5, BR 9xxxx-xxxx
// written without a space): a run of 4-4-4-4 (a card) or a bare
// "1628690527" holds no national number.
func shapePhoneGrouped(minDigits int) func(*detector.Cluster) bool {
	return shapeOf(func(cl []byte, toks []cTok) bool {
		for a := 0; a < len(toks); {
			// [a,b): a run of pure tokens not split by ':' (times).
			b := a
			for b < len(toks) && pure(toks[b]) && (b == a || !hasByte(cGap(cl, toks, b), ':')) {
				b++
			}
			if b == a {
				a++
				continue
			}
			digits := 0
			for k := b - 1; k >= a; k-- {
				t := toks[k]
				digits += t.Digits
				if k < b-1 && digits >= minDigits && phoneGroupLead(cl, t) {
					return true
				}
			}
			a = b
		}
		return false
	})
}

// phoneGroupLead reports whether t can be the first digit group of a
// national phone number.
func phoneGroupLead(cl []byte, t cTok) bool {
	n := tlen(t)
	return n <= 3 || (n <= 6 && cl[t.Start] == '0') || (n >= 5 && n <= 7)
}

// shapePhoneRun accepts a cluster with a run of at least minToks pure-digit
// tokens holding at least minDigits digits, not split by ':' (times).
func shapePhoneRun(minDigits, minToks int) func(*detector.Cluster) bool {
	return shapeOf(func(cl []byte, toks []cTok) bool {
		run, n := 0, 0
		for k, t := range toks {
			if !pure(t) {
				run, n = 0, 0
				continue
			}
			if k > 0 && pure(toks[k-1]) && hasByte(cGap(cl, toks, k), ':') {
				run, n = 0, 0
			}
			run += int(t.Digits)
			n++
			if run >= minDigits && n >= minToks {
				return true
			}
		}
		return false
	})
}

// shapePhoneLed is shapePhone for phone_e164, whose values start with '+',
// "00" or a parenthesized area code: such a lead must stand right before the
// cluster (Cluster.Before), in one of its gaps, or as a "00" token start.
func shapePhoneLed(minDigits int) func(*detector.Cluster) bool {
	digits := shapePhone(minDigits)
	return func(c *detector.Cluster) bool {
		return phoneLed(c) && digits(c)
	}
}

func phoneLed(c *detector.Cluster) bool {
	b := c.Before
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	if len(b) > 0 && (b[len(b)-1] == '+' || b[len(b)-1] == '(') {
		return true
	}
	for k, t := range c.Tokens {
		if t.End-t.Start >= 2 && c.Text[t.Start] == '0' && c.Text[t.Start+1] == '0' {
			return true
		}
		if k > 0 {
			for _, g := range c.Text[c.Tokens[k-1].End:t.Start] {
				if g == '+' || g == '(' {
					return true
				}
			}
		}
	}
	return false
}

// shapeCNMobile: an eleven-digit token starting with 1 and 3-9.
var shapeCNMobile = shapeOf(func(cl []byte, toks []cTok) bool {
	for _, t := range toks {
		if pure(t) && tlen(t) == 11 && cl[t.Start] == '1' && cl[t.Start+1] >= '3' {
			return true
		}
	}
	return false
}, cMinLen(11))

func hasByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// shapeSSNDash: 3-2-4 digit tokens joined by single dashes (us_ssn);
// shapeSSNSpace the same with single spaces (us_ssn_spaced).
var (
	shapeSSNDash  = shapeOf(func(cl []byte, toks []cTok) bool { return anyGroups(cl, toks, '-', 3, 2, 4) }, cMinLen(11), cHasByte('-'))
	shapeSSNSpace = shapeOf(func(cl []byte, toks []cTok) bool { return anyGroups(cl, toks, ' ', 3, 2, 4) }, cMinLen(11), cHasByte(' '))
	// shapeITINDash: 9xx-xx-xxxx.
	shapeITINDash = shapeOf(func(cl []byte, toks []cTok) bool {
		for k := range toks {
			if cl[toks[k].Start] == '9' && cGroups(cl, toks, k, '-', 3, 2, 4) {
				return true
			}
		}
		return false
	}, cMinLen(11), cHasByte('-'))
	// shapeITINPlain: 9xx xx xxxx or a 9-digit token starting with 9.
	shapeITINPlain = shapeOf(func(cl []byte, toks []cTok) bool {
		for k, t := range toks {
			if cl[t.Start] == '9' && (pure(t) && tlen(t) == 9 || cGroups(cl, toks, k, ' ', 3, 2, 4)) {
				return true
			}
		}
		return false
	}, cMinLen(9))
	// shapeNineDigits: a token of exactly nine digits (bare SSN, ABA
	// routing number).
	shapeNineDigits = shapeOf(func(cl []byte, toks []cTok) bool {
		for _, t := range toks {
			if pure(t) && tlen(t) == 9 {
				return true
			}
		}
		return false
	}, cMinLen(9))
	// shapePassport: a nine-character token of nine digits or a letter
	// and eight digits.
	shapePassport = shapeOf(func(cl []byte, toks []cTok) bool {
		for _, t := range toks {
			if tlen(t) == 9 && t.Digits >= 8 {
				return true
			}
		}
		return false
	}, cMinLen(9))
)

func anyGroups(cl []byte, toks []cTok, sep byte, ns ...int) bool {
	for k := range toks {
		if cGroups(cl, toks, k, sep, ns...) {
			return true
		}
	}
	return false
}

// shapeCard: a payment card as the pattern writes it (4-4-4-4[-3] with one
// separator, 4-6-4/5, or 13-19 bare digits) whose digits pass cardOK
// (Luhn, issuer, length). The value is exactly those tokens, so checking
// the card here is safe.
var shapeCard = shapeOf(func(cl []byte, toks []cTok) bool {
	for k, t := range toks {
		if !pure(t) {
			continue
		}
		if n := tlen(t); n >= 13 && n <= 19 && cardOK(cl[t.Start:t.End]) {
			return true
		}
		if tlen(t) != 4 || k+2 >= len(toks) {
			continue
		}
		for _, sep := range []byte{' ', '-'} {
			if cGroups(cl, toks, k, sep, 4, 4, 4, 4) {
				if cardOK(cl[t.Start:toks[k+3].End]) {
					return true
				}
				if cGroups(cl, toks, k, sep, 4, 4, 4, 4, 3) && cardOK(cl[t.Start:toks[k+4].End]) {
					return true
				}
			}
		}
		if (cGroups(cl, toks, k, 0, 4, 6, 4) || cGroups(cl, toks, k, 0, 4, 6, 5)) && cardOK(cl[t.Start:toks[k+2].End]) {
			return true
		}
	}
	return false
}, cMinLen(13))

// shapeIMEIGrouped: 2-6-6-1 joined by single dashes or spaces, passing
// Luhn; shapeIMEIBare: a 15-digit token passing imeiBareOK.
var (
	shapeIMEIGrouped = shapeOf(func(cl []byte, toks []cTok) bool {
		for k := range toks {
			if (cGroups(cl, toks, k, '-', 2, 6, 6, 1) || cGroups(cl, toks, k, ' ', 2, 6, 6, 1)) &&
				checksum.IMEI(cl[toks[k].Start:toks[k+3].End]) {
				return true
			}
		}
		return false
	}, cMinLen(18))
	shapeIMEIBare = shapeOf(func(cl []byte, toks []cTok) bool {
		for _, t := range toks {
			if pure(t) && tlen(t) == 15 && imeiBareOK(cl[t.Start:t.End]) {
				return true
			}
		}
		return false
	}, cMinLen(15))
)

// shapeIBAN: a token that starts with two capital letters and two digits
// (the country code and check digits of an IBAN, spaced or compact), or
// has them after two digits: a SWIFT MT940 :86: subfield glues its number
// to the value ("?31BE68466971922934").
func shapeIBAN(c *detector.Cluster) bool {
	var buf [cMaxToks]cTok
	toks, ok := cTokens(c, &buf)
	if !ok {
		return true
	}
	cl := c.Text
	if len(cl) < 4 {
		return false
	}
	for k, t := range toks {
		if ibanLead(cl, t.Start, t.End) {
			return true
		}
		// A '?' cannot join tokens: only the first one follows it.
		if k == 0 && len(c.Before) > 0 && c.Before[len(c.Before)-1] == '?' &&
			t.End-t.Start > 2 && cDigit(cl[t.Start]) && cDigit(cl[t.Start+1]) && ibanLead(cl, t.Start+2, t.End) {
			return true
		}
	}
	return false
}

// ibanLead reports whether cl[s:e] starts with an IBAN's country code and
// check digits.
func ibanLead(cl []byte, s, e int) bool {
	return e-s >= 4 && cUpper(cl[s]) && cUpper(cl[s+1]) && cDigit(cl[s+2]) && cDigit(cl[s+3])
}

func cUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func cDigit(c byte) bool { return c >= '0' && c <= '9' }

// shapeBase58: a token of 26-35 base58 characters starting with 1 or 3
// (a P2PKH or P2SH address is a whole token).
var shapeBase58 = shapeOf(func(cl []byte, toks []cTok) bool {
	for _, t := range toks {
		if n := tlen(t); n < 26 || n > 35 || (cl[t.Start] != '1' && cl[t.Start] != '3') {
			continue
		}
		ok := true
		for _, c := range cl[t.Start:t.End] {
			if c == '0' || c == 'O' || c == 'I' || c == 'l' {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}, cMinLen(26))

// cMinLen is a cheap necessary condition for shapeOf: the cluster holds
// at least n bytes. (The token tests are cheap now that the engine hands
// every shape the same tokens, so byte-scanning prefilters no longer pay.)
func cMinLen(n int) func([]byte) bool { return func(cl []byte) bool { return len(cl) >= n } }

// cHasByte is a Shape pre-check: the cluster holds the separator b.
func cHasByte(b byte) func([]byte) bool {
	return func(cl []byte) bool { return bytes.IndexByte(cl, b) >= 0 }
}

// cHasDots is a Shape pre-check: the cluster holds at least n dots.
func cHasDots(n int) func([]byte) bool {
	return func(cl []byte) bool { return bytes.Count(cl, []byte{'.'}) >= n }
}

// shapeITFiscal: a codice fiscale is one token of sixteen upper-case
// letters and digits in its fixed layout (the pattern allows nothing
// around it but a non-alphanumeric byte): surname and name letters, year
// and day digits (or omocodia letters), month letter, Belfiore code, check
// letter.
func shapeITFiscal(c *detector.Cluster) bool {
	var buf [cMaxToks]cTok
	toks, ok := cTokens(c, &buf)
	if !ok {
		return true
	}
	for _, t := range toks {
		if tlen(t) == 16 && itFiscalLayout(c.Text[t.Start:t.End]) {
			return true
		}
	}
	return false
}

// itFiscalLayout checks the sixteen characters of a codice fiscale against
// its layout, not its check letter.
func itFiscalLayout(v []byte) bool {
	const (
		upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		digit = "0123456789LMNPQRSTUV" // a digit or its omocodia letter
		month = "ABCDEHLMPRST"
	)
	layout := [16]string{upper, upper, upper, upper, upper, upper, digit, digit, month, digit, digit, upper, digit, digit, digit, upper}
	for i, set := range layout {
		if strings.IndexByte(set, v[i]) < 0 {
			return false
		}
	}
	return true
}

// shapeESNIF: a DNI is eight digits (or 2.3.3 with dots) and a letter, an
// NIE X, Y or Z, seven digits and a letter, the letter glued or after a
// space or hyphen. The digits are one token of the cluster (or its last
// three of 2.3.3); a letter that is not glued stands right after the
// cluster (Cluster.After), and an NIE's X/Y/Z not glued right before it.
func shapeESNIF(c *detector.Cluster) bool {
	var buf [cMaxToks]cTok
	toks, ok := cTokens(c, &buf)
	if !ok {
		return true
	}
	cl := c.Text
	letterAfter := len(c.After) > 0 && isUpper(c.After[0]) ||
		len(c.After) > 1 && (c.After[0] == ' ' || c.After[0] == '-') && isUpper(c.After[1])
	xBefore := false
	if b := c.Before; len(b) > 0 {
		if b[len(b)-1] == ' ' || b[len(b)-1] == '-' {
			b = b[:len(b)-1]
		}
		xBefore = len(b) > 0 && (b[len(b)-1] == 'X' || b[len(b)-1] == 'Y' || b[len(b)-1] == 'Z')
	}
	for k, t := range toks {
		v := cl[t.Start:t.End]
		last := k == len(toks)-1
		glued := len(v) > 1 && isUpper(v[len(v)-1])
		digits := v
		if glued {
			digits = v[:len(v)-1]
		} else if !last || !letterAfter {
			continue // no letter to end the value
		}
		lead := len(digits) > 0 && (digits[0] == 'X' || digits[0] == 'Y' || digits[0] == 'Z')
		switch {
		case allDigits(digits) && len(digits) == 8: // DNI
			return true
		case lead && allDigits(digits[1:]) && len(digits) == 8: // NIE, X glued
			return true
		case k == 0 && xBefore && allDigits(digits) && len(digits) == 7: // NIE, X apart
			return true
		case allDigits(digits) && len(digits) == 3 && k >= 2 && // DNI 12.345.678
			pure(toks[k-1]) && tlen(toks[k-1]) == 3 && cGapIs(cl, toks, k, '.') &&
			pure(toks[k-2]) && tlen(toks[k-2]) == 2 && cGapIs(cl, toks, k-1, '.'):
			return true
		}
	}
	return false
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }

func allDigits(v []byte) bool {
	for _, c := range v {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
