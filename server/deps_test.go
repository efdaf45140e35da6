package server

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection enforces DESIGN.md's import direction: the server
// may import the classifier packages but nothing of cmd, the pipeline,
// sources or sinks, and no outside client; and the classifiers must never
// import the server.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	list := func(pkgs string) []string {
		out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkgs).Output()
		if err != nil {
			t.Skipf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	allowed := []string{
		"github.com/weir-dev/weir/server",
		"github.com/weir-dev/weir/classifiers",
		"github.com/wasilibs/",
		"github.com/tetratelabs/wazero",
		"gopkg.in/yaml.v3",
		"golang.org/x/crypto/",
		"golang.org/x/sys/",
		"github.com/go-json-experiment/json",      // the request decoder (api.go)
		"github.com/weir-dev/weir/internal/httpx", // net/http helpers shared with the vector-DB proxy
	}
	for _, dep := range list("github.com/weir-dev/weir/server/...") {
		ok := false
		for _, a := range allowed {
			if dep == a || strings.HasPrefix(dep, a) {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("server depends on %s: it may import only the classifiers", dep)
		}
	}
	for _, dep := range list("github.com/weir-dev/weir/classifiers/...") {
		if strings.HasPrefix(dep, "github.com/weir-dev/weir/server") {
			t.Errorf("classifiers import %s", dep)
		}
	}
}
