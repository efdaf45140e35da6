package policy

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

var opts = Options{TypeCategory: classifiers.TypeCategory}

func example(t *testing.T) *Set {
	t.Helper()
	s, err := Load(opts, "testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExampleParses(t *testing.T) {
	s := example(t)
	if len(s.Policies) != 5 {
		t.Fatalf("%d policies", len(s.Policies))
	}
	p := s.Policies[0]
	if p.Name != "no-phi-in-external-models" || p.Action != ActionQuarantine || !p.Approval || p.DryRun ||
		p.When.MinConfidence != 0.8 || !reflect.DeepEqual(p.When.Categories, []string{"PHI"}) ||
		*p.When.Feeds != (Feeds{Kind: "model", Exposure: "external"}) || p.Line != 4 || p.File != "testdata/example.yaml" {
		t.Errorf("policy 0: %+v", p)
	}
	if s.Policies[1].Operator != "type" || s.Policies[4].DryRun != true {
		t.Errorf("policies: %+v", s.Policies)
	}
}

// Evaluation: a table over inputs against the example policies.
func TestEvaluate(t *testing.T) {
	s := example(t)
	ssn := Finding{Type: "US_SSN", Category: "PII", Confidence: 0.95}
	mrn := Finding{Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Confidence: 0.9}
	weakMRN := Finding{Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Confidence: 0.5}
	key := Finding{Type: "AWS_ACCESS_KEY", Category: "SECRET", Confidence: 0.99}
	card := Finding{Type: "CREDIT_CARD", Category: "PII", Confidence: 0.99}
	extModel := Target{Kind: "model", Name: "mlflow://prod/support-bot", Exposure: "external"}
	intModel := Target{Kind: "model", Name: "mlflow://prod/helper", Exposure: "internal"}
	kb := Target{Kind: "collection", Name: "qdrant://h/kb"}
	cases := []struct {
		name string
		in   Input
		want []string // policy names matched, in order
		// strongest non-dry-run action ("" for none)
		strongest Action
	}{
		{"nothing found, no lineage", Input{Dataset: "s3://x/y"}, nil, ""},
		{"PHI feeding an external model", Input{Dataset: "s3://training/tickets", Source: "s3", Findings: []Finding{mrn}, Feeds: []Target{extModel}},
			[]string{"no-phi-in-external-models"}, ActionQuarantine},
		{"PHI feeding an internal model only", Input{Dataset: "s3://other/t", Findings: []Finding{mrn}, Feeds: []Target{intModel}}, nil, ""},
		{"PII feeding an internal model: dry run only", Input{Dataset: "s3://other/t", Findings: []Finding{ssn}, Feeds: []Target{intModel}},
			[]string{"trial-quarantine-of-pii"}, ""},
		{"weak PHI below min_confidence", Input{Dataset: "s3://other/t", Findings: []Finding{weakMRN}, Feeds: []Target{extModel}}, nil, ""},
		{"PHI, no lineage", Input{Dataset: "s3://other/t", Findings: []Finding{mrn}}, nil, ""},
		{"secret into a collection", Input{Dataset: "s3://kb/docs", Findings: []Finding{key}, Feeds: []Target{kb}},
			[]string{"secrets-never-reach-rag"}, ActionRedact},
		{"secret into a model only", Input{Dataset: "s3://kb/docs", Findings: []Finding{key}, Feeds: []Target{intModel}}, nil, ""},
		{"card in training data from s3", Input{Dataset: "s3://training/t", Source: "s3", Findings: []Finding{card}},
			[]string{"cards-in-training-data"}, ActionRedact},
		{"card in training data from a scan", Input{Dataset: "s3://training/t", Source: "scan", Findings: []Finding{card}}, nil, ""},
		{"card elsewhere", Input{Dataset: "s3://prod/t", Source: "s3", Findings: []Finding{card}}, nil, ""},
		{"tagged dataset, any finding or none", Input{Dataset: "s3://a/b", Tags: map[string]string{"contains": "phi"}},
			[]string{"watch-tagged-datasets"}, ActionAlert},
		{"tag with another value", Input{Dataset: "s3://a/b", Tags: map[string]string{"contains": "pii"}}, nil, ""},
		{"everything at once", Input{Dataset: "s3://training/t", Source: "kafka", Tags: map[string]string{"contains": "phi"},
			Findings: []Finding{ssn, mrn, key, card}, Feeds: []Target{extModel, kb}},
			[]string{"no-phi-in-external-models", "secrets-never-reach-rag", "cards-in-training-data", "watch-tagged-datasets", "trial-quarantine-of-pii"}, ActionQuarantine},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds := s.Evaluate(c.in)
			var got []string
			for _, d := range ds {
				got = append(got, d.Policy)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("matched %q, want %q", got, c.want)
			}
			best, ok := Strongest(ds)
			if (c.strongest == "") == ok || (ok && best.Action != c.strongest) {
				t.Errorf("strongest %v %v, want %q", best.Action, ok, c.strongest)
			}
		})
	}
}

func TestDecisionDetails(t *testing.T) {
	s := example(t)
	in := Input{Dataset: "s3://training/tickets", Source: "s3",
		Findings: []Finding{{Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Confidence: 0.9}, {Type: "MEDICAL_RECORD_NUMBER", Category: "PHI", Confidence: 0.85}, {Type: "HEALTH_INSURANCE_ID", Category: "PHI", Confidence: 0.9}},
		Feeds:    []Target{{Kind: "model", Name: "mlflow://prod/support-bot", Exposure: "external"}, {Kind: "collection", Name: "qdrant://h/kb"}}}
	d := s.Evaluate(in)[0]
	want := Decision{Policy: "no-phi-in-external-models", Action: ActionQuarantine, Approval: true,
		Types: []string{"HEALTH_INSURANCE_ID", "MEDICAL_RECORD_NUMBER"}, Targets: []string{"mlflow://prod/support-bot"},
		Reason: "policy no-phi-in-external-models: quarantine; 3 finding(s) of HEALTH_INSURANCE_ID, MEDICAL_RECORD_NUMBER in s3://training/tickets, which feeds mlflow://prod/support-bot (needs approval)"}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("decision\n got %+v\nwant %+v", d, want)
	}
	// Pure: the same input, the same decisions; the input is not modified.
	before := append([]Finding(nil), in.Findings...)
	if !reflect.DeepEqual(s.Evaluate(in), s.Evaluate(in)) || !reflect.DeepEqual(in.Findings, before) {
		t.Error("Evaluate is not pure")
	}
}

// Every error names the file, the line and the key.
func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []string // each "LINE: KEY: message fragment"
	}{
		{"empty", ``, []string{"1: empty file"}},
		{"not a mapping", "- a\n", []string{"1: must be a mapping with a policies list"}},
		{"yaml syntax", "policies: [\n", []string{"1: did not find expected node content"}},
		{"no policies", "version: 1\n", []string{"1: policies: required"}},
		{"bad version", "version: 2\npolicies: []\n", []string{"1: version: unsupported version 2"}},
		{"unknown top key", "polices: []\n", []string{"1: polices: unknown key (known in the file: policies, version)", "1: policies: required"}},
		{"policies not a list", "policies: {}\n", []string{"1: policies: must be a list of policies"}},
		{"missing keys", "policies:\n  - description: x\n", []string{
			"2: policies[0].name: required", "2: policies[0].when: required", "2: policies[0].action: required"}},
		{"unknown policy key", "policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: alert\n    acton: redact\n",
			[]string{"5: policies[0].acton: unknown key (known in policies[0]: action, approval, description, dry_run, name, operator, when)"}},
		{"bad values", `policies:
  - name: Bad Name
    when:
      types: [US_SNN, lower]
      categories: [PHI, FINANCIAL]
      min_confidence: 1.5
      feeds: {kind: table, exposure: public}
      sources: []
    action: delete
    dry_run: "yes"
    approval: maybe
`, []string{
			`2: policies[0].name: "Bad Name": use lower-case letters`,
			`4: policies[0].when.types[0]: unknown entity type "US_SNN"`,
			`4: policies[0].when.types[1]: "lower" is not an entity type name`,
			`5: policies[0].when.categories[1]: unknown category "FINANCIAL" (want PII, PHI, SECRET)`,
			`6: policies[0].when.min_confidence: must be a number in [0,1]`,
			`7: policies[0].when.feeds.kind: "table": want model, collection or any`,
			`7: policies[0].when.feeds.exposure: "public": want internal or external`,
			`8: policies[0].when.sources: empty list`,
			`9: policies[0].action: unknown action "delete"`,
			`10: policies[0].dry_run: must be true or false`,
			`11: policies[0].approval: "maybe": want required or none`,
		}},
		{"operator with quarantine", "policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: quarantine\n    operator: mask\n",
			[]string{"5: policies[0].operator: applies to action redact only, not quarantine"}},
		{"unknown operator", "policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: redact\n    operator: shred\n",
			[]string{`5: policies[0].operator: unknown operator "shred"`}},
		{"approval of an alert", "policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: alert\n    approval: required\n",
			[]string{"5: policies[0].approval: an alert changes nothing"}},
		{"empty when", "policies:\n  - name: a\n    when: {}\n    action: alert\n", []string{"3: policies[0].when: no condition"}},
		{"collection exposure", "policies:\n  - name: a\n    when:\n      feeds:\n        kind: collection\n        exposure: external\n    action: alert\n",
			[]string{"5: policies[0].when.feeds.exposure: exposure applies to models"}},
		{"duplicate key", "policies:\n  - name: a\n    name: b\n    when: {categories: [PHI]}\n    action: alert\n", []string{"3: policies[0].name: duplicate key"}},
		{"duplicate name", "policies:\n  - name: a\n    when: {categories: [PHI]}\n    action: alert\n  - name: a\n    when: {categories: [PII]}\n    action: alert\n",
			[]string{`5: policies[1].name: policy "a" is already defined on line 2`}},
		{"alias", "policies:\n  - name: a\n    when: &w {categories: [PHI]}\n    action: alert\n  - name: b\n    when: *w\n    action: alert\n",
			[]string{"3: policies[0].when: anchors and aliases are not supported", "6: policies[1].when: anchors and aliases are not supported"}},
		{"tags not a mapping", "policies:\n  - name: a\n    when: {dataset_tags: [x]}\n    action: alert\n", []string{"3: policies[0].when.dataset_tags: must be a mapping"}},
		{"null name", "policies:\n  - name:\n    when: {categories: [PHI]}\n    action: alert\n", []string{"2: policies[0].name: must be a string"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("p.yaml", []byte(c.doc), opts)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid", err)
			}
			var pe Errors
			if !errors.As(err, &pe) {
				t.Fatalf("not Errors: %T", err)
			}
			var e *Error
			if !errors.As(err, &e) || e.File != "p.yaml" {
				t.Errorf("errors.As *Error: %v", e)
			}
			msg := err.Error()
			for _, w := range c.want {
				if !strings.Contains(msg, "p.yaml:"+w) {
					t.Errorf("missing %q in\n%s", "p.yaml:"+w, msg)
				}
			}
			if n := strings.Count(msg, "\n") + 1; n != len(c.want) {
				t.Errorf("%d errors, want %d:\n%s", n, len(c.want), msg)
			}
		})
	}
}

func TestLoadAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	doc := "policies:\n  - name: same\n    when: {categories: [PHI]}\n    action: alert\n"
	for _, f := range []string{a, b} {
		if err := os.WriteFile(f, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(opts, a, b)
	if err == nil || !strings.Contains(err.Error(), b+`:2: name: policy "same" is also defined at `+a+":2") {
		t.Errorf("got %v", err)
	}
	if _, err := Load(opts, filepath.Join(dir, "missing.yaml")); err == nil || errors.Is(err, ErrInvalid) {
		t.Errorf("missing file: %v", err)
	}
	s, err := Load(Options{}, a) // no type table: any UPPER_SNAKE name
	if err != nil || len(s.Policies) != 1 {
		t.Errorf("%v %v", s, err)
	}
}

func TestOperatorsMatchRedact(t *testing.T) {
	want := []string{string(redact.OpMask), string(redact.OpType), string(redact.OpHash), string(redact.OpTokenize), string(redact.OpDrop)}
	if !reflect.DeepEqual(Operators, want) {
		t.Errorf("Operators %v, redact has %v", Operators, want)
	}
	for _, c := range Categories {
		found := false
		for _, typ := range classifiers.Types() {
			if cat, _ := classifiers.TypeCategory(typ); cat == c {
				found = true
			}
		}
		if !found {
			t.Errorf("category %s has no type in the taxonomy", c)
		}
	}
}

func TestStrength(t *testing.T) {
	if !(ActionQuarantine.Strength() > ActionRedact.Strength() && ActionRedact.Strength() > ActionAlert.Strength() && Action("x").Strength() == 0) {
		t.Error("strength order")
	}
	if _, ok := Strongest([]Decision{{Action: ActionQuarantine, DryRun: true}}); ok {
		t.Error("a dry run must not act")
	}
}
