package pii_test

import (
	"slices"
	"sync"
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

var engine = sync.OnceValues(func() (*classifiers.Engine, error) {
	return classifiers.New(classifiers.All(), classifiers.Config{})
})

// TestNationalLabels: a nine- or twelve-digit number that passes several
// checksums takes the type its label names, even when another type's
// context words are in the same record; keys like taxFileNo are labels.
func TestNationalLabels(t *testing.T) {
	e, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	types := []string{"AU_TFN", "NL_BSN", "CA_SIN", "IN_AADHAAR"}
	// 369178798 passes TFN and BSN, 449937754 SIN and TFN, 428748685 SIN
	// and BSN; 268417827 only TFN, 367418253 only BSN, 131144123 only SIN.
	cases := []struct{ text, want string }{
		{"Forms: BSN and TFN fields below.\nSIN 369 178 798", ""},
		{"Tax residency: TFN requested.\nBSN 449937754", ""},
		{"SIN or BSN for payroll.\nTFN 428 748 685", ""},
		{"passportNo: 369178798 (BSN and TFN also requested)", ""},
		{"マイナンバー 5942 6780 1304", ""},
		{"個人番号: 594267801304 (Aadhaar not held)", ""},
		{`{"taxFileNo":"268-417-827"}`, "AU_TFN=268-417-827"},
		{"tax_file_no\tname\n268417827\tSmith", "AU_TFN=268417827"},
		{"My TFN for the payroll form is 268 417 827.", "AU_TFN=268 417 827"},
		{"TFN# 268 417 827", "AU_TFN=268 417 827"},
		{"Forms: SIN and TFN fields below.\nBSN: 367418253", "NL_BSN=367418253"},
		{"Forms: BSN and TFN fields below.\nSIN: 131 144 123", "CA_SIN=131 144 123"},
		{"Aadhaar: 5942 6780 1304", "IN_AADHAAR=5942 6780 1304"},
	}
	for _, c := range cases {
		var got []string
		for _, f := range e.Scan([]byte(c.text)) {
			if slices.Contains(types, f.Type) {
				got = append(got, f.Type+"="+c.text[f.Start:f.End])
			}
		}
		var want []string
		if c.want != "" {
			want = []string{c.want}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", c.text, got, want)
		}
	}
}
