package classifiers

import "testing"

func TestScanFieldLabel(t *testing.T) {
	e := catalogEngine(t)
	for _, tc := range []struct{ field, value, typ string }{
		{"password", "Tr0ub4dor&3x", "PASSWORD_ASSIGNMENT"},
		{"db.password", "s3cr3tPassw0rd", "PASSWORD_ASSIGNMENT"},
		{"dob", "1985-03-12", "DATE_OF_BIRTH"},
		{"mrn", "4839201", "MEDICAL_RECORD_NUMBER"},
	} {
		fs := e.ScanField(tc.field, []byte(tc.value))
		if len(fs) != 1 || fs[0].Type != tc.typ || fs[0].Start != 0 || fs[0].End != len(tc.value) {
			t.Errorf("ScanField(%q, %q) = %+v, want one %s over the whole value", tc.field, tc.value, fs, tc.typ)
		}
	}
	if fs := e.ScanField("comment", []byte("nothing here")); len(fs) != 0 {
		t.Errorf("got %+v", fs)
	}
}
