package classifiers

import (
	"fmt"
	"testing"
)

// TestChecksumNearMisses derives near misses from every validated spec's own
// examples: each digit changed by one, and each pair of adjacent different
// digits swapped. Whenever the spec's validator rejects the mutated value,
// the engine must not report the spec's type over the same span. Adding a checksum
// detector needs no new test code.
func TestChecksumNearMisses(t *testing.T) {
	e := catalogEngine(t)
	for _, s := range e.Specs() {
		if s.Validator == nil {
			continue
		}
		for _, ex := range s.Examples {
			text := []byte(ex)
			var found *Finding
			for _, f := range e.Scan(text) {
				if f.Detector == s.ID {
					found = &f
					break
				}
			}
			if found == nil {
				continue // TestRegistry reports examples that are not found
			}
			for _, m := range mutations(text, found.Start, found.End) {
				val := m[found.Start:found.End]
				if s.Validator(val) {
					continue // the mutation happens to be valid too
				}
				for _, f := range e.Scan(m) {
					if f.Type == s.Type && f.Start == found.Start && f.End == found.End {
						t.Errorf("%s: near miss %q of example %q reported (%s %.2f)", s.ID, val, ex, f.Detector, f.Confidence)
					}
				}
			}
		}
	}
}

// mutations returns copies of text with one digit in [s,e) changed, and with
// adjacent different digits in [s,e) swapped.
func mutations(text []byte, s, e int) [][]byte {
	var out [][]byte
	for i := s; i < e; i++ {
		if text[i] < '0' || text[i] > '9' {
			continue
		}
		m := append([]byte(nil), text...)
		m[i] = '0' + (m[i]-'0'+1)%10
		out = append(out, m)
		if j := i + 1; j < e && text[j] >= '0' && text[j] <= '9' && text[j] != text[i] {
			m := append([]byte(nil), text...)
			m[i], m[j] = m[j], m[i]
			out = append(out, m)
		}
	}
	return out
}

func ExampleEngine_Scan() {
	e, err := New(All(), Config{})
	if err != nil {
		panic(err)
	}
	for _, f := range e.Scan([]byte("Refund to card 4556 7375 8689 9855, questions to jane.doe@acme-corp.com")) {
		fmt.Println(f.Type, f.Start, f.End, f.Validator, f.Preview)
	}
	// Output:
	// CREDIT_CARD 15 34 luhn_iin **** **** **** 9855
	// EMAIL_ADDRESS 49 71 email_syntax ****.***@****-***p.com
}
