package checksum

import "testing"

// TestVerhoeffPublishedVectors pins published check digits. It guards a bug
// in which row 4 of the permutation table was wrong: self-generated vectors
// agreed with the wrong table, and 27% of real Aadhaar numbers were rejected.
func TestVerhoeffPublishedVectors(t *testing.T) {
	valid := []string{"2363", "123451", "1428570", "84736430954837284567892"}
	for _, v := range valid {
		if !Verhoeff([]byte(v)) {
			t.Errorf("Verhoeff(%s) = false, want true", v)
		}
	}
	for _, v := range []string{"2364", "123459", "1428571", "84736430954837284567891"} {
		if Verhoeff([]byte(v)) {
			t.Errorf("Verhoeff(%s) = true, want false", v)
		}
	}
}
