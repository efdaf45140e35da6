package pii

import "testing"

// TestContactValidators pins the edge cases of the validators in c_*.go that
// the spec examples do not reach.
func TestContactValidators(t *testing.T) {
	tests := []struct {
		name string
		fn   func([]byte) bool
		in   string
		want bool
	}{
		{"dob leap day", dobValid, "29/02/2000", true},
		{"dob 1900 not leap", dobValid, "1900-02-29", false},
		{"dob us or eu", dobValid, "12/31/1990", true},
		{"dob both invalid", dobValid, "31/31/1990", false},
		{"dob spelled", dobValid, "28 de agosto de 1981", true},
		{"dob spelled invalid", dobValid, "31 April 1981", false},
		{"dob cjk", dobValid, "1968年9月25日", true},
		{"dob compact", dobValid, "19900131", true},
		{"dob compact invalid", dobValid, "19901331", false},
		{"dob year range", dobValid, "01/01/1700", false},
		{"ipv4 public", ipv4Public, "52.201.82.190", true},
		{"ipv4 leading zero", ipv4Public, "52.201.082.190", false},
		{"ipv4 private", ipv4Public, "172.16.4.20", false},
		{"ipv4 benchmark", ipv4Public, "198.18.0.1", false},
		{"ipv4 reserved", ipv4Public, "240.1.2.3", false},
		{"ipv4 broadcast", ipv4Public, "255.255.255.255", false},
		{"ipv6 public", ipv6Public, "2a01:6c9:3117:79e0::22ff:bb46", true},
		{"ipv6 doc", ipv6Public, "2001:db8::1", false},
		{"ipv6 ula", ipv6Public, "fd12:3456::1", false},
		{"ipv6 mapped", ipv6Public, "::ffff:52.201.82.190", false},
		{"card visa", cardOK, "4617 7805 2375 1364", true},
		{"card amex length", cardOK, "3782822463100050", false},
		{"card unknown iin", cardOK, "9617780523751363", false},
		{"email ok", emailOK, "josé@bücher.de", true},
		{"email retina", emailOK, "logo@2x.png", false},
		{"email scp", emailOK, "git@github.com", false},
		{"email path", emailOK, "a@github.com:org/r.git", false},
		{"email internal", emailOK, "svc@db.internal", false},
		{"phone +44", phoneIntlOK, "+44 20 7946 0958", true},
		{"phone +44 short", phoneIntlOK, "+44 20 7946", false},
		{"phone +1 n11", phoneIntlOK, "+1 911 555 0123", false},
		{"phone +86 landline", phoneIntlOK, "+86 10 1234 5678", true},
		{"phone unknown cc", phoneIntlOK, "+298 123456", false},
		{"phone nanp", phoneNANPOK, "1-415-867-5309", true},
		{"phone nanp exchange", phoneNANPOK, "415-167-5309", false},
	}
	for _, tc := range tests {
		if got := tc.fn([]byte(tc.in)); got != tc.want {
			t.Errorf("%s: %q = %v, want %v", tc.name, tc.in, got, tc.want)
		}
	}
}
