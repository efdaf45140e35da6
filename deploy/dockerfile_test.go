package deploy_test

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	cmd  string // upper-cased: FROM, RUN, USER, ...
	args string
}

func parseDockerfile(src string) []instruction {
	var out []instruction
	cur := ""
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if cur == "" && (t == "" || strings.HasPrefix(t, "#")) {
			continue
		}
		if c, ok := strings.CutSuffix(t, "\\"); ok {
			cur += strings.TrimSpace(c) + " "
			continue
		}
		cur += t
		cmd, args, _ := strings.Cut(cur, " ")
		out = append(out, instruction{strings.ToUpper(cmd), strings.TrimSpace(args)})
		cur = ""
	}
	return out
}

// TestDockerfile checks deploy/Dockerfile structurally (no Docker engine
// here): a Go builder producing a static, trimmed binary stamped through the
// variables cmd/weir/version.go declares, and a distroless final stage that
// runs it as uid 65532.
func TestDockerfile(t *testing.T) {
	src, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	ins := parseDockerfile(string(src))
	var froms []string
	var build, user, entry string
	for _, in := range ins {
		switch in.cmd {
		case "FROM":
			froms = append(froms, in.args)
		case "RUN":
			if strings.Contains(in.args, "go build") {
				build = in.args
			}
		case "USER":
			user = in.args
		case "ENTRYPOINT":
			entry = in.args
		case "ADD":
			t.Errorf("ADD %s: use COPY (ADD fetches URLs and unpacks archives)", in.args)
		}
	}
	if len(froms) != 2 || !strings.HasPrefix(froms[0], "golang:") || !strings.HasSuffix(froms[0], " AS build") {
		t.Errorf("stages %q: want a golang builder stage and a final stage", froms)
	}
	if len(froms) == 2 && !regexp.MustCompile(`^gcr\.io/distroless/static(-debian\d+)?:nonroot$`).MatchString(froms[1]) {
		t.Errorf("final stage %q: want distroless static, nonroot", froms[1])
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "-X main.linkVersion=", "-X main.linkCommit=", "./cmd/weir"} {
		if !strings.Contains(build, want) {
			t.Errorf("go build %q lacks %s", build, want)
		}
	}
	if user != "65532:65532" {
		t.Errorf("USER %q, want 65532:65532", user)
	}
	if !strings.Contains(entry, "/usr/local/bin/weir") {
		t.Errorf("ENTRYPOINT %q, want the weir binary", entry)
	}
	// The -X targets exist, so the stamps are not silently dropped.
	v, err := os.ReadFile("../cmd/weir/version.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"linkVersion string", "linkCommit  string"} {
		if !strings.Contains(string(v), name) {
			t.Errorf("cmd/weir/version.go declares no %s (the Dockerfile's -X target)", name)
		}
	}
	ignore, err := os.ReadFile("Dockerfile.dockerignore")
	if err != nil || !strings.Contains(string(ignore), ".git\n") || !strings.Contains(string(ignore), ".weir\n") {
		t.Errorf("Dockerfile.dockerignore must keep .git and .weir (local broker data) out of the build context: %v", err)
	}
}

func TestParseDockerfile(t *testing.T) {
	got := parseDockerfile("# c\nFROM a AS b\n\nRUN x \\\n  y\nuser 1\n")
	want := []instruction{{"FROM", "a AS b"}, {"RUN", "x y"}, {"USER", "1"}}
	if len(got) != len(want) {
		t.Fatalf("parseDockerfile = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("instruction %d = %q, want %q", i, got[i], want[i])
		}
	}
}
