package deploy_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/server"
)

// exportedFamilies scrapes the metric families weir exports, with their
// types: weir run's /metrics (pipeline.Stats.WriteMetrics) and weir serve's
// /metrics (a real server.Handler over HTTP).
func exportedFamilies(t *testing.T) map[string]string {
	t.Helper()
	fams := map[string]string{}
	var b bytes.Buffer
	if err := new(pipeline.Stats).WriteMetrics(&b); err != nil {
		t.Fatal(err)
	}
	parseTypes(t, &b, fams)

	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		t.Fatal(err)
	}
	keys, err := server.ParseKeys("dash:redact:" + strings.Repeat("0", 64))
	if err != nil {
		t.Fatal(err)
	}
	h, err := server.New(server.Config{Engine: eng, Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("weir serve /metrics: %s", resp.Status)
	}
	parseTypes(t, resp.Body, fams)
	return fams
}

// parseTypes reads the "# TYPE name kind" lines of a Prometheus text
// exposition.
func parseTypes(t *testing.T, r io.Reader, into map[string]string) {
	t.Helper()
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 4 && f[0] == "#" && f[1] == "TYPE" {
			into[f[2]] = f[3]
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

var metricName = regexp.MustCompile(`\bweir_[a-z0-9_]+`)

// dashboardMetrics returns every weir_* name used in a query of the
// dashboard (expressions and template variables), and the panel count.
func dashboardMetrics(t *testing.T, data []byte) (map[string][]string, int) {
	t.Helper()
	var d struct {
		Panels []struct {
			ID      int    `json:"id"`
			Type    string `json:"type"`
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
		Templating struct {
			List []struct {
				Definition string `json:"definition"`
			} `json:"list"`
		} `json:"templating"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatalf("grafana/weir.json: %v", err)
	}
	used := map[string][]string{}
	ids := map[int]bool{}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d used twice", p.ID)
		}
		ids[p.ID] = true
		if p.Type != "row" && len(p.Targets) == 0 {
			t.Errorf("panel %q has no query", p.Title)
		}
		for _, tg := range p.Targets {
			for _, m := range metricName.FindAllString(tg.Expr, -1) {
				used[m] = append(used[m], p.Title)
			}
		}
	}
	for _, v := range d.Templating.List {
		for _, m := range metricName.FindAllString(v.Definition, -1) {
			used[m] = append(used[m], "variable")
		}
	}
	return used, len(d.Panels)
}

// family maps a series name to its family: a histogram's _bucket, _sum and
// _count series belong to the histogram.
func family(name string, fams map[string]string) (string, bool) {
	if _, ok := fams[name]; ok {
		return name, true
	}
	for _, suf := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suf); ok && fams[base] == "histogram" {
			return base, true
		}
	}
	return "", false
}

// TestDashboardMetrics checks deploy/grafana/weir.json against the metrics
// the code exports: every name a panel queries exists (with the histogram
// suffixes only on histograms), and every exported family has a panel.
func TestDashboardMetrics(t *testing.T) {
	fams := exportedFamilies(t)
	for _, want := range []string{"weir_records_total", "weir_batch_latency_seconds", "weir_http_requests_total"} {
		if _, ok := fams[want]; !ok {
			t.Fatalf("scrape found no %s: %v", want, fams)
		}
	}
	data, err := os.ReadFile("grafana/weir.json")
	if err != nil {
		t.Fatal(err)
	}
	used, panels := dashboardMetrics(t, data)
	if panels < 10 {
		t.Errorf("%d panels; want the dashboard to cover the pipeline and the webhook", panels)
	}
	covered := map[string]bool{}
	for name, where := range used {
		f, ok := family(name, fams)
		if !ok {
			t.Errorf("dashboard panel(s) %v query %s, which weir does not export (exported: %v)", where, name, keys(fams))
			continue
		}
		covered[f] = true
	}
	for f := range fams {
		if !covered[f] {
			t.Errorf("exported metric %s has no panel in deploy/grafana/weir.json", f)
		}
	}
}

// TestDashboardMetricsNegative checks that the cross-check catches a
// misspelled name and a histogram suffix on a counter.
func TestDashboardMetricsNegative(t *testing.T) {
	fams := map[string]string{"weir_records_total": "counter", "weir_batch_latency_seconds": "histogram"}
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"weir_records_total", true},
		{"weir_batch_latency_seconds_bucket", true},
		{"weir_batch_latency_seconds_count", true},
		{"weir_record_total", false},
		{"weir_records_total_count", false},
		{"weir_batch_latency_seconds_total", false},
	} {
		if _, ok := family(tc.name, fams); ok != tc.ok {
			t.Errorf("family(%q) ok = %v, want %v", tc.name, ok, tc.ok)
		}
	}
	used, _ := dashboardMetrics(t, []byte(`{"panels":[{"id":1,"type":"timeseries","title":"x","targets":[{"expr":"sum(rate(weir_nope_total[5m])) / weir_records_total"}]}]}`))
	if _, ok := used["weir_nope_total"]; !ok || len(used) != 2 {
		t.Errorf("dashboardMetrics = %v, want weir_nope_total and weir_records_total", used)
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestOperationsDocMetrics checks that every metric docs/operations.md
// names (in its alert expressions and lists) is exported.
func TestOperationsDocMetrics(t *testing.T) {
	fams := exportedFamilies(t)
	doc, err := os.ReadFile("../docs/operations.md")
	if err != nil {
		t.Fatal(err)
	}
	names := metricName.FindAllString(string(doc), -1)
	if len(names) < 5 {
		t.Fatalf("docs/operations.md names %d metrics; want its alert table", len(names))
	}
	for _, n := range names {
		if _, ok := family(n, fams); !ok {
			t.Errorf("docs/operations.md names %s, which weir does not export", n)
		}
	}
}
