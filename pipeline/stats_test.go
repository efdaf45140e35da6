package pipeline

import (
	"strings"
	"testing"
)

func TestStatsMetricsAndLine(t *testing.T) {
	p := testProcessor(t)
	var s Stats
	for _, v := range []string{"mail " + email, "nothing", `{"a": `} {
		res := p.Process(rec(v))
		s.add(&res, len(v))
	}
	var b strings.Builder
	if err := s.WriteMetrics(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`weir_records_total{route="clean"} 2`, `weir_records_total{route="dlq"} 1`,
		`weir_findings_total{type="EMAIL_ADDRESS"} 1`, "weir_records_with_findings_total 1", "# TYPE weir_records_total counter"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("metrics lack %q:\n%s", want, b.String())
		}
	}
	if line := s.Line(0, 1, 3); !strings.HasPrefix(line, "3 records  3 rec/s  clean 2  quarantine 0  dlq 1") || !strings.Contains(line, "EMAIL_ADDRESS 1") {
		t.Errorf("line %q", line)
	}
}
