// Package decodetest writes deterministic Parquet datasets for tests and
// benchmarks (the Parquet client stays inside sources/decode's folder). All
// values are synthetic: the card number, SSNs and medical record numbers
// belong to no one.
package decodetest

import (
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
)

// FlatRow is one row of the flat dataset. ssn holds bare nine-digit
// numbers that are SSNs only because of the column's name; order_id holds
// the same digits and must stay clean (the hard negative).
type FlatRow struct {
	ID      int64   `parquet:"id"`
	Name    string  `parquet:"name"`
	Email   *string `parquet:"email,optional"`
	SSN     string  `parquet:"ssn"`
	OrderID string  `parquet:"order_id"`
	Note    string  `parquet:"note"`
	Amount  float64 `parquet:"amount"`
	Active  bool    `parquet:"active"`
}

// Visit is an element of NestedRow.Visits.
type Visit struct {
	Diagnosis string `parquet:"diagnosis"`
	Note      string `parquet:"note"`
}

// Patient is NestedRow's struct column.
type Patient struct {
	MRN  string `parquet:"patient_mrn"`
	Name string `parquet:"name"`
}

// NestedRow is one row of the nested dataset: a struct, a list of structs,
// a list of strings and a map.
type NestedRow struct {
	ID      string            `parquet:"id"`
	Patient Patient           `parquet:"patient"`
	Visits  []Visit           `parquet:"visits,list"`
	Tags    []string          `parquet:"tags,list"`
	Contact map[string]string `parquet:"contact"`
}

// Flat returns n rows of the flat dataset.
func Flat(n int) []FlatRow {
	rows := make([]FlatRow, n)
	for i := range rows {
		r := &rows[i]
		digits := fmt.Sprintf("5362744%02d", 10+i%90)
		*r = FlatRow{ID: int64(i), Name: fmt.Sprintf("customer %d", i), SSN: digits, OrderID: digits,
			Note: "no issues", Amount: float64(i) * 1.25, Active: i%2 == 0}
		if i%4 != 3 {
			e := fmt.Sprintf("user%d.quill@fastmail.com", i)
			r.Email = &e
		}
		if i%3 == 0 {
			r.Note = "paid with card 4104 3321 8196 0018, thanks"
		}
	}
	return rows
}

// Nested returns n rows of the nested dataset.
func Nested(n int) []NestedRow {
	rows := make([]NestedRow, n)
	for i := range rows {
		rows[i] = NestedRow{
			ID:      fmt.Sprintf("enc-%03d", i),
			Patient: Patient{MRN: fmt.Sprintf("0048291%d", i%10), Name: fmt.Sprintf("patient %d", i)},
			Visits:  []Visit{{Diagnosis: "E11.9", Note: "follow-up in 3 months"}, {Diagnosis: "I10", Note: "stable"}}[:1+i%2],
			Tags:    []string{"cohort-a", "consented"}[:i%3],
			Contact: map[string]string{"email": fmt.Sprintf("p%d.oyelaran@protonmail.com", i)},
		}
	}
	return rows
}

// Write writes rows as Parquet to w, perGroup rows per row group.
func Write[T any](w io.Writer, rows []T, perGroup int) error {
	pw := parquet.NewGenericWriter[T](w, parquet.MaxRowsPerRowGroup(int64(perGroup)))
	for i := 0; i < len(rows); i += perGroup {
		if _, err := pw.Write(rows[i:min(len(rows), i+perGroup)]); err != nil {
			return err
		}
		if err := pw.Flush(); err != nil {
			return err
		}
	}
	return pw.Close()
}
