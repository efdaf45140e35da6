package vectordb

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection: the proxy may use the classifier (enforce mode
// classifies synchronously, like the webhook) but no Kafka client (events
// leave through Publisher), nor the pipeline, sinks, lineage, server or cmd.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "github.com/weir-dev/weir/sources/vectordb").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) == 0 {
		t.Fatal("go list returned nothing")
	}
	for _, dep := range deps {
		for _, bad := range []string{"franz-go", "/pipeline", "/sinks", "/lineage", "/server", "/cmd/", "/sources/kafka", "minio", "pgx", "pglogrepl"} {
			if strings.Contains(dep, bad) {
				t.Errorf("sources/vectordb depends on %s", dep)
			}
		}
	}
}
