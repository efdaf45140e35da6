package actions_test

import (
	"encoding/json"
	"testing"

	"github.com/weir-dev/weir/lineage/actions"
)

// FuzzReceiptFromDetail: an applied entry's detail (read back from the
// store, where anyone with SQL access may have changed it) never panics the
// receipt parser, and a receipt it accepts survives the round trip.
func FuzzReceiptFromDetail(f *testing.F) {
	f.Add([]byte(`{"original_bucket":"training","original_key":"tickets/a.jsonl","original_version":"v1","quarantine_bucket":"q","quarantine_key":"held/act-1/training/tickets/a.jsonl","etag":"abc","size":"42","original_mode":"delete"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var d map[string]string
		if json.Unmarshal(b, &d) != nil {
			return
		}
		r, err := actions.ReceiptFromDetail(d)
		if err != nil {
			return
		}
		back, err := actions.ReceiptFromDetail(r.Detail())
		if err != nil || back != r {
			t.Fatalf("round trip: %+v -> %+v, %v", r, back, err)
		}
	})
}
