package redact

import (
	"testing"

	"github.com/weir-dev/weir/classifiers"
)

func TestGate(t *testing.T) {
	fs := func() []classifiers.Finding {
		return []classifiers.Finding{
			{Type: "EMAIL_ADDRESS", Category: "PII", Confidence: 0.9},
			{Type: "AWS_ACCESS_KEY_ID", Category: "SECRET", Confidence: 0.4},
		}
	}
	cases := []struct {
		name    string
		g       Gate
		kept    int
		blocked bool
	}{
		{"zero gate keeps all, blocks nothing", Gate{}, 2, false},
		{"min confidence", Gate{MinConfidence: 0.5}, 1, false},
		{"types", Gate{Types: map[string]bool{"AWS_ACCESS_KEY_ID": true}}, 1, false},
		{"block by category", Gate{Block: map[string]bool{"SECRET": true}}, 2, true},
		{"block by type", Gate{Block: map[string]bool{"EMAIL_ADDRESS": true}}, 2, true},
		{"blocked type filtered out first", Gate{Block: map[string]bool{"SECRET": true}, MinConfidence: 0.5}, 1, false},
		{"block names an absent type", Gate{Block: map[string]bool{"US_SSN": true}}, 2, false},
	}
	for _, c := range cases {
		kept := c.g.Filter(fs())
		if len(kept) != c.kept || c.g.Blocks(kept) != c.blocked {
			t.Errorf("%s: kept %d blocked %v", c.name, len(kept), c.g.Blocks(kept))
		}
	}
	if out := (Gate{MinConfidence: 1}).Filter(nil); out == nil || len(out) != 0 {
		t.Error("Filter must return a non-nil empty slice")
	}
}
