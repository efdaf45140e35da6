package classifiers

import (
	"strings"
	"testing"
)

func TestCellIndex(t *testing.T) {
	tests := []struct {
		text, at, want string
	}{
		{"| name | MRN | zip |\n|---|---|---|\n| Bob | 123456 | 99 |\n", "123456", "mrn"},
		{"| name | MRN |\n| :-- | --: |\n| Bob | 1 |\n| Al | 654321 |\n", "654321", "mrn"},
		{"text | not a table 123456\n", "123456", ""},
		{"INSERT INTO p (`id`, `name`, patientMrn) VALUES (1, 'O''Brien, J', '123456'), (2, 'x', '654321');", "654321", "patient_mrn"},
		{"insert into p (id, mrn) values (1, 'a,b'), (2, 777777);\nINSERT INTO q (zip) VALUES (888888);", "888888", "zip"},
		{"insert into p (id, mrn) values (1, 'a,b'), (2, 777777);", "777777", "mrn"},
		{"INSERT INTO p VALUES (1, 123456);", "123456", ""},
	}
	for _, tc := range tests {
		var ci cellIndex
		pos := strings.LastIndex(tc.text, tc.at)
		if got := string(ci.lookup([]byte(tc.text), pos)); got != tc.want {
			t.Errorf("lookup(%q at %q) = %q, want %q", tc.text, tc.at, got, tc.want)
		}
	}
}

func TestTableContext(t *testing.T) {
	e := mustEngine(t, testSpecs())
	for _, text := range []string{
		"| name | MRN |\n|---|---|\n" + strings.Repeat("| Alice Example | 1 |\n", 10) + "| Bob | 123456 |\n",
		"INSERT INTO patients (id, full_name, mrn) VALUES\n" + strings.Repeat("(1, 'Alice Example Person', 2),\n", 6) + "(2, 'Bob', '123456');",
	} {
		if f := e.Scan([]byte(text)); len(f) != 1 {
			t.Errorf("Scan(%q) = %+v, want the MRN found through the column name", text, f)
		}
	}
}

func FuzzCellIndex(f *testing.F) {
	f.Add([]byte("| a | b |\n|---|---|\n| 1 | 2 |\n"), 20)
	f.Add([]byte("INSERT INTO t (a,b) VALUES ('x''y', 1), (2, \"q\\\"\");"), 30)
	f.Fuzz(func(t *testing.T, text []byte, pos int) {
		var ci cellIndex
		if pos < 0 || pos > len(text) {
			return
		}
		ci.lookup(text, pos)
		for _, c := range ci.cells {
			if c.start < 0 || c.end > len(text) || c.start > c.end {
				t.Fatalf("bad cell %d-%d in %d bytes", c.start, c.end, len(text))
			}
		}
	})
}
