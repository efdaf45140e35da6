package classifiers

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection enforces DESIGN.md's import direction: the
// classifier packages import nothing from the folders above them (pipeline,
// sources, sinks, lineage, cmd) and no Kafka, S3 or Parquet client; their
// only outside modules are go-re2 (and what it needs), yaml for custom
// detectors, and x/crypto.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}",
		"github.com/weir-dev/weir/classifiers/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	allowed := []string{
		"github.com/weir-dev/weir/classifiers",
		"github.com/wasilibs/",
		"github.com/tetratelabs/wazero",
		"gopkg.in/yaml.v3",
		"golang.org/x/crypto/",
		"golang.org/x/sys/",
	}
	for _, dep := range strings.Fields(string(out)) {
		ok := false
		for _, a := range allowed {
			if dep == a || strings.HasPrefix(dep, a) {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("classifiers depend on %s: the classifier must stay free of pipeline, source, sink and client code", dep)
		}
	}
}
