package pipeline

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection: DESIGN.md's import direction for the streaming
// code. sources and sinks never import the classifier or the pipeline;
// franz-go (and its kfake broker) stays inside sources/kafka; kafka-go is in
// tests only; the pipeline imports the classifier and the Kafka adapter but
// no client library itself.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	deps := func(pkgs ...string) []string {
		args := append([]string{"list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}"}, pkgs...)
		out, err := exec.Command("go", args...).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	imports := func(pkg string) []string {
		out, err := exec.Command("go", "list", "-f", `{{join .Imports "\n"}}`, pkg).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	const mod = "github.com/weir-dev/weir/"
	for _, pkg := range deps(mod+"sources/...", mod+"sinks/...") {
		if !strings.HasPrefix(pkg, mod+"sources") && !strings.HasPrefix(pkg, mod+"sinks") {
			continue
		}
		for _, d := range deps(pkg) {
			// The vector-DB captures classify where the data passes: weir
			// proxy's enforce mode redacts an upsert before forwarding it
			// (an inline enforcement point like server/), and pgcapture
			// reuses its capture events. They may use the classifier
			// (DESIGN.md's folders list it below sources); never the pipeline
			// or the command.
			inline := (strings.HasPrefix(pkg, mod+"sources/vectordb") || strings.HasPrefix(pkg, mod+"sources/pgcapture")) &&
				strings.HasPrefix(d, mod+"classifiers")
			if (strings.HasPrefix(d, mod+"classifiers") && !inline) || strings.HasPrefix(d, mod+"pipeline") || strings.HasPrefix(d, mod+"cmd") {
				t.Errorf("%s depends on %s", pkg, d)
			}
		}
	}
	for _, d := range deps(mod + "classifiers/...") {
		if strings.Contains(d, "franz-go") || strings.Contains(d, "kafka") || strings.HasPrefix(d, mod+"pipeline") || strings.HasPrefix(d, mod+"sources") {
			t.Errorf("classifiers depend on %s", d)
		}
	}
	for _, d := range deps(mod + "...") {
		if strings.Contains(d, "segmentio/kafka-go") {
			t.Errorf("product code depends on %s (kafka-go belongs in tests only)", d)
		}
	}
	for _, pkg := range []string{mod + "pipeline", mod + "cmd/weir"} {
		for _, imp := range imports(pkg) {
			if strings.HasPrefix(imp, "github.com/twmb/franz-go") {
				t.Errorf("%s imports %s: franz-go belongs in sources/kafka", pkg, imp)
			}
		}
	}
}
