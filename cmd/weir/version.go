package main

import (
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
)

// Release builds stamp the version and commit at link time (deploy/Dockerfile):
//
//	go build -ldflags "-X main.linkVersion=v1.2.3 -X main.linkCommit=$(git rev-parse HEAD)" ./cmd/weir
//
// Without them the module version (set by go install module@version) and the
// VCS stamp (vcs.revision, vcs.time, vcs.modified: go build -buildvcs=true
// in a git checkout) are used. They are written only by the linker.
var (
	linkVersion string
	linkCommit  string
)

// versionInfo is what weir version prints (the JSON form is stable: add
// fields, never rename them).
type versionInfo struct {
	Version    string   `json:"version"`               // v1.2.3, or "(devel)" for a checkout build
	Commit     string   `json:"commit,omitempty"`      // VCS revision
	CommitTime string   `json:"commit_time,omitempty"` // RFC 3339
	Modified   bool     `json:"modified"`              // built from a checkout with uncommitted changes
	Go         string   `json:"go"`                    // toolchain version
	OS         string   `json:"os"`
	Arch       string   `json:"arch"`
	Module     string   `json:"module,omitempty"`
	Tags       []string `json:"tags,omitempty"` // build tags, e.g. re2_cgo
	CGO        bool     `json:"cgo"`            // CGO_ENABLED=1 at build time
	RE2        string   `json:"re2"`            // the RE2 backend: "wasm" (go-re2 on wazero) or "cgo" (libre2)
	// Settings are every build setting (-trimpath, -ldflags, GOAMD64, vcs.*, ...).
	Settings map[string]string `json:"settings,omitempty"`
}

// buildVersion reads the version from the build info bi (nil when the binary
// has none) and the link-time stamps.
func buildVersion(bi *debug.BuildInfo, ldVersion, ldCommit string) versionInfo {
	v := versionInfo{Version: "(devel)", Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH, RE2: "wasm"}
	if bi != nil {
		v.Go = bi.GoVersion
		v.Module = bi.Main.Path
		if bi.Main.Version != "" {
			v.Version = bi.Main.Version
		}
		v.Settings = map[string]string{}
		for _, s := range bi.Settings {
			v.Settings[s.Key] = s.Value
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.time":
				v.CommitTime = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			case "CGO_ENABLED":
				v.CGO = s.Value == "1"
			case "-tags":
				for _, t := range strings.Split(s.Value, ",") {
					if t = strings.TrimSpace(t); t != "" {
						v.Tags = append(v.Tags, t)
					}
				}
			case "GOOS":
				v.OS = s.Value
			case "GOARCH":
				v.Arch = s.Value
			}
		}
	}
	if ldVersion != "" {
		v.Version = ldVersion
	}
	if ldCommit != "" {
		v.Commit = ldCommit
	}
	if slices.Contains(v.Tags, "re2_cgo") {
		v.RE2 = "cgo"
	}
	return v
}

// String is the one-line summary: "weir v1.2.3 (commit 0123abcd, 2026-01-02T03:04:05Z, modified) go1.26 linux/amd64".
func (v versionInfo) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "weir %s", v.Version)
	var meta []string
	if v.Commit != "" {
		c := v.Commit
		if len(c) > 12 {
			c = c[:12]
		}
		meta = append(meta, "commit "+c)
	}
	if v.CommitTime != "" {
		meta = append(meta, v.CommitTime)
	}
	if v.Modified {
		meta = append(meta, "modified")
	}
	if len(meta) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(meta, ", "))
	}
	fmt.Fprintf(&b, " %s %s/%s", v.Go, v.OS, v.Arch)
	return b.String()
}

func runVersion(args []string, io stdio, _ getenvFunc) int {
	fs := newFlagSet("version", io)
	asJSON := fs.Bool("json", false, "print the version and every build setting as JSON")
	verbose := fs.Bool("v", false, "also print the build settings")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir version [--json | -v]

Prints the version, the VCS commit and time it was built from (when stamped),
the Go toolchain, the RE2 backend (wasm, or cgo with -tags re2_cgo) and, with
-v or --json, every build setting.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "version", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	bi, _ := debug.ReadBuildInfo()
	v := buildVersion(bi, linkVersion, linkCommit)
	if *asJSON {
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return fail(io, "version", err)
		}
		return exitOK
	}
	fmt.Fprintln(io.out, v)
	cgo := "off"
	if v.CGO {
		cgo = "on"
	}
	fmt.Fprintf(io.out, "re2: %s, cgo: %s", v.RE2, cgo)
	if len(v.Tags) > 0 {
		fmt.Fprintf(io.out, ", tags: %s", strings.Join(v.Tags, ","))
	}
	fmt.Fprintln(io.out)
	if *verbose {
		keys := make([]string, 0, len(v.Settings))
		for k := range v.Settings {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			fmt.Fprintf(io.out, "  %s=%s\n", k, v.Settings[k])
		}
	}
	return exitOK
}
