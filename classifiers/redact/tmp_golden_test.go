package redact

import "testing"

func TestPrintGolden(t *testing.T) {
	t.Log(testKeyring(t).hashHex([]byte("alice@example.com")))
}
