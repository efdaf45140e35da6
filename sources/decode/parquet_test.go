package decode

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"
)

type flatRow struct {
	Name    string  `parquet:"name"`
	SSN     int64   `parquet:"ssn"`
	Email   *string `parquet:"email,optional"`
	Score   float64 `parquet:"score"`
	Active  bool    `parquet:"active"`
	Created int64   `parquet:"created,timestamp"`
}

type visit struct {
	Code string `parquet:"code"`
	Note string `parquet:"note"`
}

type nestedRow struct {
	ID      string `parquet:"id"`
	Patient struct {
		MRN  string `parquet:"patient_mrn"`
		Name string `parquet:"name"`
	} `parquet:"patient"`
	Tags   []string          `parquet:"tags,list"`
	Raw    []string          `parquet:"raw"` // repeated without the LIST annotation
	Visits []visit           `parquet:"visits,list"`
	Attrs  map[string]string `parquet:"attrs"`
}

func writeParquet[T any](t testing.TB, rows []T, perGroup int64) []byte {
	t.Helper()
	var b bytes.Buffer
	w := parquet.NewGenericWriter[T](&b, parquet.MaxRowsPerRowGroup(perGroup))
	for i := 0; i < len(rows); i += int(perGroup) {
		if _, err := w.Write(rows[i:min(len(rows), i+int(perGroup))]); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func flatRows(n int) []flatRow {
	rows := make([]flatRow, n)
	for i := range rows {
		rows[i] = flatRow{Name: fmt.Sprintf("name %d", i), SSN: int64(536274400 + i), Score: float64(i) + 0.5, Active: i%2 == 0, Created: 1700000000000}
		if i%3 != 0 {
			e := fmt.Sprintf("u%d@example.org", i)
			rows[i].Email = &e
		}
	}
	return rows
}

type pqGot struct {
	Field string
	Row   int64
	RG    int
	Text  string
}

func decodeParquetBytes(t *testing.T, data []byte) ([]pqGot, Stats, error) {
	t.Helper()
	var out []pqGot
	st, err := Decode(context.Background(), Object{Name: "x.parquet", Size: int64(len(data)), At: bytes.NewReader(data)}, Options{},
		func(r Record) error {
			out = append(out, pqGot{r.Field, r.Loc.Row, r.Loc.RowGroup, string(r.Text)})
			return nil
		})
	return out, st, err
}

func TestParquetFlat(t *testing.T) {
	data := writeParquet(t, flatRows(10), 4)
	p, err := OpenParquet(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if p.RowGroups() != 3 || p.NumRows() != 10 {
		t.Errorf("%d row groups, %d rows", p.RowGroups(), p.NumRows())
	}
	if got := fmt.Sprint(p.Columns()); got != "[name ssn email score active created]" {
		t.Errorf("columns %s", got)
	}
	out, st, err := decodeParquetBytes(t, data)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, g := range out {
		count[g.Field]++
	}
	// email is null in rows 0,3,6,9; booleans and timestamps are not text.
	if count["name"] != 10 || count["ssn"] != 10 || count["email"] != 6 || count["score"] != 10 || count["active"] != 0 || count["created"] != 0 {
		t.Errorf("values per column %v", count)
	}
	want := map[pqGot]bool{
		{"ssn", 5, 1, "536274405"}:        true,
		{"email", 5, 1, "u5@example.org"}: true,
		{"score", 9, 2, "9.5"}:            true,
		{"name", 0, 0, "name 0"}:          true,
	}
	for _, g := range out {
		delete(want, g)
	}
	if len(want) > 0 {
		t.Errorf("missing %v", want)
	}
	if st.Rows != 10 || st.Records != int64(len(out)) {
		t.Errorf("stats %+v", st)
	}
}

func TestParquetNested(t *testing.T) {
	rows := make([]nestedRow, 3)
	for i := range rows {
		r := &rows[i]
		r.ID = fmt.Sprint("id-", i)
		r.Patient.MRN = fmt.Sprint("MRN", 1000+i)
		r.Patient.Name = fmt.Sprint("patient ", i)
		r.Tags = []string{"a", "b"}[:i%3]
		r.Raw = []string{"r1", "r2"}[:2-i%3]
		r.Visits = []visit{{Code: "c1", Note: "n1"}, {Code: "c2", Note: fmt.Sprint("note ", i)}}
		r.Attrs = map[string]string{"k": fmt.Sprint("v", i)}
	}
	data := writeParquet(t, rows, 2)
	p, err := OpenParquet(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	cols := p.Columns()
	sort.Strings(cols)
	if got := fmt.Sprint(cols); got != "[attrs.key attrs.value id patient.name patient.patient_mrn raw tags visits.code visits.note]" {
		t.Errorf("columns %s", got)
	}
	out, st, err := decodeParquetBytes(t, data)
	if err != nil {
		t.Fatal(err)
	}
	var tags, raws, notes []string
	for _, g := range out {
		switch g.Field {
		case "tags":
			tags = append(tags, fmt.Sprintf("%d %s", g.Row, g.Text))
		case "raw":
			raws = append(raws, fmt.Sprintf("%d %s", g.Row, g.Text))
		case "visits.note":
			notes = append(notes, fmt.Sprintf("%d %s", g.Row, g.Text))
		case "patient.patient_mrn":
			if g.Text != fmt.Sprint("MRN", 1000+g.Row) {
				t.Errorf("mrn %+v", g)
			}
		}
	}
	if fmt.Sprint(tags) != "[1 a 2 a 2 b]" || fmt.Sprint(raws) != "[0 r1 0 r2 1 r1]" ||
		fmt.Sprint(notes) != "[0 n1 0 note 0 1 n1 1 note 1 2 n1 2 note 2]" {
		t.Errorf("repeated values: tags %v raw %v notes %v", tags, raws, notes)
	}
	if st.Rows != 3 {
		t.Errorf("rows %d", st.Rows)
	}
}

// Row groups decode concurrently to the same records as in sequence.
func TestParquetRowGroupsConcurrent(t *testing.T) {
	data := writeParquet(t, flatRows(1000), 100)
	p, err := OpenParquet(bytes.NewReader(data), int64(len(data)), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	seq, _, _ := decodeParquetBytes(t, data)
	var mu sync.Mutex
	var par []pqGot
	var wg sync.WaitGroup
	for i := range p.RowGroups() {
		wg.Go(func() {
			var mine []pqGot
			_, err := p.DecodeRowGroup(context.Background(), i, nil, func(r Record) error {
				mine = append(mine, pqGot{r.Field, r.Loc.Row, r.Loc.RowGroup, string(r.Text)})
				return nil
			})
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			par = append(par, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	key := func(s []pqGot) []string {
		out := make([]string, len(s))
		for i, g := range s {
			out[i] = fmt.Sprint(g)
		}
		sort.Strings(out)
		return out
	}
	if fmt.Sprint(key(seq)) != fmt.Sprint(key(par)) || len(seq) == 0 {
		t.Errorf("concurrent decode differs: %d vs %d records", len(par), len(seq))
	}
}

func TestParquetCorrupt(t *testing.T) {
	good := writeParquet(t, flatRows(200), 50)
	flip := bytes.Clone(good)
	for i := 8; i < len(flip)/2; i += 7 { // damage pages, keep the footer
		flip[i] ^= 0x5a
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"truncated", good[:len(good)-20]},
		{"not parquet", []byte("PAR1 this is not a parquet file PAR1")},
		{"empty", nil},
		{"pages damaged", flip},
		{"footer only", append([]byte("PAR1"), good[len(good)-8:]...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := decodeParquetBytes(t, tc.data)
			var de *Error
			if !errors.Is(err, ErrCorrupt) || !errors.As(err, &de) {
				t.Fatalf("err %v, want ErrCorrupt", err)
			}
		})
	}
	// A compressed Parquet file is refused with a reason.
	if _, err := Decode(context.Background(), Object{Name: "a.parquet.gz", Size: 1, Body: bytes.NewReader(nil)}, Options{}, nil); !errors.Is(err, ErrUnsupported) {
		t.Errorf("parquet.gz: %v", err)
	}
}

// A value over MaxRecordBytes is skipped with a note; the rest is read.
func TestParquetValueLimit(t *testing.T) {
	rows := flatRows(3)
	rows[1].Name = string(bytes.Repeat([]byte("x"), 5000))
	data := writeParquet(t, rows, 10)
	var notes []Note
	n := 0
	_, err := Decode(context.Background(), Object{Name: "a.parquet", Size: int64(len(data)), At: bytes.NewReader(data)},
		Options{Limits: Limits{MaxRecordBytes: 1000}, OnNote: func(x Note) { notes = append(notes, x) }},
		func(r Record) error { n++; return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !errors.Is(notes[0].Err, ErrRecordTooLarge) || notes[0].Loc.Row != 1 {
		t.Errorf("notes %+v", notes)
	}
	if n != 3*4-1-1 { // email is null in row 0; the long name is skipped
		t.Errorf("%d records", n)
	}
}
