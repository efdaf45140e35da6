package policy

import (
	"os"
	"strings"
	"testing"
)

// The example in docs/lineage.md parses and is the one the tests use.
func TestDocsExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/lineage.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "```yaml\n# weir policies\n")
	if !ok {
		t.Fatal("docs/lineage.md: the policy example (```yaml # weir policies) is missing")
	}
	doc, _, _ := strings.Cut(rest, "```")
	s, err := Parse("docs/lineage.md", []byte(doc), opts)
	if err != nil {
		t.Fatal(err)
	}
	want := example(t)
	if len(s.Policies) != len(want.Policies) {
		t.Fatalf("docs have %d policies, testdata/example.yaml %d", len(s.Policies), len(want.Policies))
	}
	for i := range s.Policies {
		a, b := s.Policies[i], want.Policies[i]
		a.File, a.Line, b.File, b.Line = "", 0, "", 0
		if a.Name != b.Name || a.Action != b.Action || a.Operator != b.Operator || a.DryRun != b.DryRun || a.Approval != b.Approval {
			t.Errorf("policy %d differs: docs %+v, example %+v", i, a, b)
		}
	}
}
