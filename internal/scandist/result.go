package scandist

import (
	"encoding/json"
	"fmt"
)

// Result is a worker's answer to one task. For a whole-object task it is
// the object's final outcome; for a chunk task it is a part that the
// coordinator merges with the other parts of the object, in task order.
type Result struct {
	V      int    `json:"v"`
	Scan   string `json:"scan"`
	Task   string `json:"task"`
	Sum    string `json:"sum"` // the task's Sum
	Worker string `json:"worker,omitempty"`

	Bytes   int64  `json:"bytes"`             // decompressed bytes scanned
	Rows    int64  `json:"rows,omitempty"`    // whole tasks: data rows scanned
	Sampled bool   `json:"sampled,omitempty"` // whole tasks
	Skipped string `json:"skipped,omitempty"` // whole tasks: why the object was not scanned
	// Err is why the object could not be scanned whole (whole tasks), or
	// the chunks' decode errors joined (chunk tasks); "" for none.
	Err string `json:"error,omitempty"`
	// NoteErr is the first error among a chunk task's notes (a value that
	// was skipped); the object fails with it if nothing else failed.
	NoteErr string `json:"note_error,omitempty"`
	// Notes are the object's notes (whole tasks), or the first notes of a
	// chunk task, of NoteCount in all.
	Notes     []string `json:"notes,omitempty"`
	NoteCount int      `json:"note_count,omitempty"`

	// Findings are the first findings in object order (at most the
	// task's MaxFindings), of FindingsTotal; each is encoded by the
	// caller (positions, type, confidence, fingerprint, masked preview).
	Findings      []json.RawMessage `json:"findings,omitempty"`
	FindingsTotal int               `json:"findings_total,omitempty"`
	// Profile counts every finding per column.
	Profile []Column `json:"profile,omitempty"`
}

// Column is the profile of one column: findings, distinct rows affected
// and, per type in first-seen order, the same plus example fingerprints.
type Column struct {
	Name     string  `json:"name"`
	Findings int     `json:"findings"`
	Rows     int64   `json:"rows"`
	MaxConf  float64 `json:"max_conf"`
	Types    []Type  `json:"types"`
}

// Type is the profile of one finding type within a column.
type Type struct {
	Type     string   `json:"type"`
	Category string   `json:"category"`
	Count    int      `json:"count"`
	Rows     int64    `json:"rows"`
	MaxConf  float64  `json:"max_conf"`
	Examples []string `json:"examples,omitempty"` // keyed fingerprints
}

// Encode returns the result's JSON encoding.
func (r *Result) Encode() ([]byte, error) {
	r.V = Version
	b, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("scandist: encode result %s/%s: %w", r.Scan, r.Task, err)
	}
	return b, nil
}

// DecodeResult parses a result record.
func DecodeResult(b []byte) (Result, error) {
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return r, fmt.Errorf("scandist: decode result: %w", err)
	}
	if r.V != Version {
		return r, fmt.Errorf("%w: result version %d, want %d", ErrVersion, r.V, Version)
	}
	return r, nil
}
