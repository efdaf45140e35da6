package store_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection: DESIGN.md's import direction for lineage/...:
// nothing from the folders above it (cmd, pipeline, sources, sinks, server),
// and no Kafka or S3 client (actions on buckets and topics will reach them
// through interfaces implemented in sources/ and sinks/).
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}",
		"github.com/weir-dev/weir/lineage/...").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/weir-dev/weir/"
	deps := strings.Fields(string(out))
	if len(deps) < 3 {
		t.Fatalf("go list returned %q", deps)
	}
	for _, d := range deps {
		for _, bad := range []string{mod + "cmd", mod + "pipeline", mod + "sources", mod + "sinks", mod + "server", "franz-go", "minio-go", "kafka-go"} {
			if strings.HasPrefix(d, bad) || strings.Contains(d, "/"+bad) {
				t.Errorf("lineage depends on %s", d)
			}
		}
	}
}
