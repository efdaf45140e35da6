package scandist

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/weir-dev/weir/sources/decode"
)

// Version is the version of the task and result encodings. A record of
// another version is rejected with ErrVersion (workers and coordinator of
// one scan must agree on what a task means).
const Version = 1

// ErrVersion is returned by DecodeTask and DecodeResult for a record of an
// unknown version.
var ErrVersion = errors.New("scandist: unsupported encoding version")

// Options are the scan settings a worker applies to every task, so that a
// distributed scan reports what a local scan with the same flags would.
type Options struct {
	SampleRows    int64         `json:"sample_rows,omitempty"`
	SamplePercent float64       `json:"sample_percent,omitempty"`
	MaxFindings   int           `json:"max_findings,omitempty"`
	Limits        decode.Limits `json:"limits"`
	MinConfidence float64       `json:"min_confidence,omitempty"`
	Types         string        `json:"types,omitempty"` // comma-separated, "" for all
	// EngineCheck is a digest of the coordinator's engine (its detector
	// catalogue and the fingerprints it makes of a fixed probe): a worker
	// whose engine differs (other --detectors, another fingerprint key)
	// fails the task instead of reporting findings the scan would not.
	EngineCheck string `json:"engine_check,omitempty"`
}

// S3Object names the S3 object a task reads (the version and ETag pin the
// bytes the coordinator listed).
type S3Object struct {
	Bucket    string `json:"bucket"`
	Key       string `json:"key"`
	VersionID string `json:"version_id,omitempty"`
	ETag      string `json:"etag,omitempty"`
}

// Chunk is one Parquet column chunk: row group G, leaf column C.
type Chunk struct {
	G int `json:"g"`
	C int `json:"c"`
}

// Task is one unit of a distributed scan.
type Task struct {
	V       int       `json:"v"`
	Scan    string    `json:"scan"`
	ID      string    `json:"id"` // position in the scan's task list, zero-padded
	Of      int       `json:"of"` // tasks in the scan
	Dataset string    `json:"dataset"`
	Path    string    `json:"path"`           // the object as the report names it
	File    string    `json:"file,omitempty"` // local file to open (absolute), or
	S3      *S3Object `json:"s3,omitempty"`   // the S3 object to open
	Size    int64     `json:"size"`
	// Chunks lists the Parquet column chunks to classify, in report
	// order; empty: scan the whole object.
	Chunks  []Chunk `json:"chunks,omitempty"`
	Options Options `json:"options"`
}

// Key is the record key of the task (and of its results): scan/id.
func (t *Task) Key() []byte { return []byte(t.Scan + "/" + t.ID) }

// Sum is a digest of the task's content; a result answers a task only if
// it carries the same Sum (a rerun of a scan ID over changed inputs must
// not take results computed for other tasks).
func (t *Task) Sum() string {
	c := *t
	c.V = Version
	b, _ := json.Marshal(&c) // plain values: cannot fail
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:12])
}

// Encode returns the task's JSON encoding.
func (t *Task) Encode() ([]byte, error) {
	t.V = Version
	b, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("scandist: encode task %s/%s: %w", t.Scan, t.ID, err)
	}
	return b, nil
}

// DecodeTask parses a task record.
func DecodeTask(b []byte) (Task, error) {
	var t Task
	if err := json.Unmarshal(b, &t); err != nil {
		return t, fmt.Errorf("scandist: decode task: %w", err)
	}
	if t.V != Version {
		return t, fmt.Errorf("%w: task version %d, want %d", ErrVersion, t.V, Version)
	}
	if t.Scan == "" || t.ID == "" || t.Path == "" || (t.File == "") == (t.S3 == nil) {
		return t, fmt.Errorf("scandist: decode task %s/%s: needs a scan, an id, a path and one of file or s3", t.Scan, t.ID)
	}
	return t, nil
}
