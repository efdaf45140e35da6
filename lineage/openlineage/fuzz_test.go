package openlineage

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: Decode never panics, accepts or rejects deterministically,
// wraps every rejection in ErrInvalid, and an accepted event derives a graph
// (or an ErrInvalid) without panicking.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/events/*.json")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, c := range decodeCases {
		f.Add([]byte(c.doc))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ev, err := Decode(b)
		_, err2 := Decode(b)
		if (err == nil) != (err2 == nil) {
			t.Fatalf("nondeterministic: %v vs %v", err, err2)
		}
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error not wrapping ErrInvalid: %v", err)
			}
			return
		}
		switch ev.Kind {
		case KindRun:
			if ev.Run == nil || ev.Job == nil || !isUUID(ev.Run.RunID) {
				t.Fatalf("run event without run or job: %+v", ev)
			}
		case KindJob:
			if ev.Job == nil || ev.Run != nil {
				t.Fatalf("job event: %+v", ev)
			}
		case KindDataset:
			if ev.Dataset == nil {
				t.Fatalf("dataset event: %+v", ev)
			}
		default:
			t.Fatalf("kind %q", ev.Kind)
		}
		if ev.EventTime.IsZero() || !isURI(ev.Producer) {
			t.Fatalf("base fields: %+v", ev)
		}
		g, err := Derive(ev, nil)
		if err != nil && !errors.Is(err, ErrInvalid) {
			t.Fatalf("Derive: %v", err)
		}
		if err == nil && ev.Kind != KindDataset && len(g.Nodes) != 1+len(ev.Inputs)+len(ev.Outputs) {
			t.Fatalf("derived %d nodes from %d inputs and %d outputs", len(g.Nodes), len(ev.Inputs), len(ev.Outputs))
		}
	})
}
