package pgcapture

import "testing"

// FuzzParseMessage: the pgoutput decoder never panics, and a decoded row
// has no more columns than the input has bytes.
func FuzzParseMessage(f *testing.F) {
	for _, m := range [][]byte{msgRelation, msgInsert, msgUpdate, msgBegin, msgCommit, []byte("T")} {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := parseMessage(b)
		if err != nil {
			return
		}
		if r, ok := m.(rowMsg); ok && len(r.new) > len(b) {
			t.Fatalf("%d columns from %d bytes", len(r.new), len(b))
		}
		_, _ = parseXLogData(b)
		_, _ = parseKeepalive(b)
	})
}
