package decode

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection enforces DESIGN.md's import direction for the
// packages of issue 4: sources never import the classifier (nor the
// pipeline, sinks or cmd; lineage is below them and allowed); minio-go stays
// in sources/s3 and parquet-go in sources/decode.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	for _, pkg := range []string{"github.com/weir-dev/weir/sources/decode", "github.com/weir-dev/weir/sources/s3"} {
		out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		for _, dep := range strings.Fields(string(out)) {
			// lineage/ lies below sources in DESIGN.md's list: sources/s3's
			// quarantine implements lineage/actions' interface.
			for _, bad := range []string{"/classifiers", "/pipeline", "/sinks", "/cmd/", "/sources/kafka"} {
				if strings.HasPrefix(dep, "github.com/weir-dev/weir") && strings.Contains(dep, bad) {
					t.Errorf("%s depends on %s: sources must not import the classifier or the layers above them", pkg, dep)
				}
			}
			if strings.HasSuffix(pkg, "/decode") && strings.Contains(dep, "minio") {
				t.Errorf("%s depends on %s: minio-go belongs in sources/s3", pkg, dep)
			}
		}
	}
}
