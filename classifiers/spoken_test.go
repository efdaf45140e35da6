package classifiers

import (
	"bytes"
	"testing"
)

func TestFindSpokenRuns(t *testing.T) {
	tests := []struct {
		text string
		want []string // digits of each run
	}{
		{"call me at five seven seven, three six eight, two five one zero.", []string{"577 368 2510"}},
		{"it's 170 ... 96 ... 3391.", []string{"170 96 3391"}},
		{"text me at 9 8 5, 3 9 3, 4 7 1 0. Again", []string{"985 393 4710"}},
		{"card 5390 - 4021 - 0248 - 8074, expiry", []string{"5390 4021 0248 8074"}},
		{"card 4596, 3858, 3895, 5976, expiry", []string{"4596 3858 3895 5976"}},
		{"double five one two, three four five six", []string{"5512 3456"}},
		{"Oh, TWO ONE TWO, five five five, oh one nine nine", []string{"0 212 555 0199"}},
		// Not read-out numbers.
		{"call 555 123 4567 now", nil},                     // typed: the patterns see it
		{"sizes 10, 12, 14 and 16", nil},                   // a list, too short
		{"one of the two, three or four of them", nil},     // too few digits
		{"version 1.2.3.4.5.6.7", nil},                     // dots without words
		{"someone2 three4 five six seven eight nine", nil}, // glued tokens break runs
		{"in 2024, 2025, 2026 and 2027 we grew", nil},      // years, not a number
		{"seven eight nine", nil},                          // three digits
		{"five five five five five five five five five five five five five five five five five five five five", nil}, // too long
	}
	for _, tc := range tests {
		runs := findSpokenRuns([]byte(tc.text))
		var got []string
		for _, r := range runs {
			got = append(got, string(r.digits))
			if r.s < 0 || r.e > len(tc.text) || r.s >= r.e {
				t.Errorf("%q: bad span %d..%d", tc.text, r.s, r.e)
			}
		}
		if len(got) != len(tc.want) {
			t.Errorf("%q: runs %q, want %q", tc.text, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: run %d = %q, want %q", tc.text, i, got[i], tc.want[i])
			}
		}
	}
}

func TestSpokenFindings(t *testing.T) {
	e, err := New(All(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, typ, span string
	}{
		{"[00:14] AGENT: Best callback number?\n[04:14] CUSTOMER: five four zero, six four seven, eight seven four two.\n",
			"PHONE_NUMBER", "five four zero, six four seven, eight seven four two"},
		{"AGENT: And your social security number?\nCALLER: Sure, it's 649 ... 38 ... 3296.\n", "US_SSN", "649 ... 38 ... 3296"},
		{"CUSTOMER: The card number is 4596, 3858, 3895, 5976, expiry 05/30.", "CREDIT_CARD", "4596, 3858, 3895, 5976"},
		{"Please call us back at eight six four, five five four, six two seven nine. Thanks, bye.", "PHONE_NUMBER",
			"eight six four, five five four, six two seven nine"},
	}
	for _, tc := range tests {
		fs := e.Scan([]byte(tc.text))
		found := false
		for _, f := range fs {
			if f.Type == tc.typ && tc.text[f.Start:f.End] == tc.span {
				found = true
				if bytes.Contains([]byte(f.Preview), []byte(tc.span)) {
					t.Errorf("preview %q leaks the value", f.Preview)
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s over %q; got %+v", tc.text, tc.typ, tc.span, fs)
		}
	}
	// A bare shape read out is not enough: no context, no finding.
	for _, neg := range []string{
		"call me at 170 ... 96 ... 3391",
		"the numbers were one two three four five six seven and then eight",
		"Card 4596, 3858, 3895, 5977 expiry", // Luhn fails
	} {
		for _, f := range e.Scan([]byte(neg)) {
			t.Errorf("%q: unexpected %s %q", neg, f.Type, neg[f.Start:f.End])
		}
	}
}

func FuzzSpokenRuns(f *testing.F) {
	f.Add([]byte("five seven seven, three six eight, two five one zero"))
	f.Add([]byte("170 ... 96 ... 3391"))
	f.Add([]byte("9 8 5, 3 9 3, 4 7 1 0 … double five"))
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, r := range findSpokenRuns(text) {
			if r.s < 0 || r.e > len(text) || r.s >= r.e {
				t.Fatalf("bad span %d..%d of %d", r.s, r.e, len(text))
			}
			n := 0
			for _, c := range r.digits {
				if c >= '0' && c <= '9' {
					n++
				} else if c != ' ' {
					t.Fatalf("non-digit %q in %q", c, r.digits)
				}
			}
			if n < minSpokenDigits || n > maxSpokenDigits {
				t.Fatalf("%d digits in %q", n, r.digits)
			}
		}
	})
}
