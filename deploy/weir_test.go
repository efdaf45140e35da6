package deploy_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	weirOnce sync.Once
	weirBin  string
	weirErr  error
	weirDir  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if weirDir != "" {
		_ = os.RemoveAll(weirDir)
	}
	os.Exit(code)
}

// weir builds the weir binary once per test run and returns its path.
func weir(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available to build weir")
	}
	weirOnce.Do(func() {
		if weirDir, weirErr = os.MkdirTemp("", "weir-deploy-test"); weirErr != nil {
			return
		}
		weirBin = filepath.Join(weirDir, "weir")
		out, err := exec.Command("go", "build", "-o", weirBin, "github.com/weir-dev/weir/cmd/weir").CombinedOutput()
		if err != nil {
			weirErr = &buildError{err: err, out: string(out)}
		}
	})
	if weirErr != nil {
		t.Fatalf("building weir: %v", weirErr)
	}
	return weirBin
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// configCheck runs `weir config check file` with exactly env (plus PATH and
// HOME) and fails the test unless it accepts the file.
func configCheck(t *testing.T, file string, env map[string]string) string {
	t.Helper()
	cmd := exec.Command(weir(t), "config", "check", file)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("weir config check %s: %v\n%s%s", file, err, out.String(), stderr.String())
	}
	if !strings.Contains(out.String(), ": ok") {
		t.Fatalf("weir config check %s: no ok line:\n%s", file, out.String())
	}
	return out.String()
}
