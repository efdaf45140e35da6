package main

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	stamped := &debug.BuildInfo{
		GoVersion: "go1.26.8",
		Main:      debug.Module{Path: "github.com/weir-dev/weir", Version: "v1.4.0"},
		Settings: []debug.BuildSetting{
			{Key: "-tags", Value: "re2_cgo,netgo"},
			{Key: "-trimpath", Value: "true"},
			{Key: "CGO_ENABLED", Value: "1"},
			{Key: "GOOS", Value: "linux"},
			{Key: "GOARCH", Value: "arm64"},
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
			{Key: "vcs.time", Value: "2026-11-22T05:04:08Z"},
			{Key: "vcs.modified", Value: "true"},
		},
	}
	devel := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/weir-dev/weir", Version: "(devel)"},
		Settings: []debug.BuildSetting{{Key: "CGO_ENABLED", Value: "0"}, {Key: "vcs.modified", Value: "false"}}}
	for _, tc := range []struct {
		name           string
		bi             *debug.BuildInfo
		ldVer, ldCommt string
		want           versionInfo
		line           string
	}{
		{name: "stamped re2_cgo", bi: stamped,
			want: versionInfo{Version: "v1.4.0", Commit: "0123456789abcdef0123456789abcdef01234567", CommitTime: "2026-11-22T05:04:08Z",
				Modified: true, Go: "go1.26.8", OS: "linux", Arch: "arm64", Module: "github.com/weir-dev/weir",
				Tags: []string{"re2_cgo", "netgo"}, CGO: true, RE2: "cgo"},
			line: "weir v1.4.0 (commit 0123456789ab, 2026-11-22T05:04:08Z, modified) go1.26.8 linux/arm64"},
		{name: "link-time stamps win", bi: stamped, ldVer: "v2.0.0-rc1", ldCommt: "feedface",
			want: versionInfo{Version: "v2.0.0-rc1", Commit: "feedface", CommitTime: "2026-11-22T05:04:08Z",
				Modified: true, Go: "go1.26.8", OS: "linux", Arch: "arm64", Module: "github.com/weir-dev/weir",
				Tags: []string{"re2_cgo", "netgo"}, CGO: true, RE2: "cgo"},
			line: "weir v2.0.0-rc1 (commit feedface, 2026-11-22T05:04:08Z, modified) go1.26.8 linux/arm64"},
		{name: "checkout without vcs stamp", bi: devel,
			want: versionInfo{Version: "(devel)", Go: "go1.26.8", OS: runtime.GOOS, Arch: runtime.GOARCH,
				Module: "github.com/weir-dev/weir", RE2: "wasm"},
			line: "weir (devel) go1.26.8 " + runtime.GOOS + "/" + runtime.GOARCH},
		{name: "no build info", bi: nil,
			want: versionInfo{Version: "(devel)", Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH, RE2: "wasm"},
			line: "weir (devel) " + runtime.Version() + " " + runtime.GOOS + "/" + runtime.GOARCH},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := buildVersion(tc.bi, tc.ldVer, tc.ldCommt)
			got.Settings = nil
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(tc.want)
			if string(gj) != string(wj) {
				t.Errorf("buildVersion:\n got %s\nwant %s", gj, wj)
			}
			if s := got.String(); s != tc.line {
				t.Errorf("String() = %q, want %q", s, tc.line)
			}
		})
	}
	if got := buildVersion(stamped, "", ""); got.Settings["-trimpath"] != "true" || len(got.Settings) != len(stamped.Settings) {
		t.Errorf("Settings = %v, want every build setting", got.Settings)
	}
}

func TestVersionCommand(t *testing.T) {
	out, stderr, code := cli(t, "", nil, "version")
	if code != exitOK || !strings.HasPrefix(out, "weir ") || !strings.Contains(out, runtime.Version()) ||
		!strings.Contains(out, "re2: wasm") {
		t.Fatalf("weir version: code %d, out %q, stderr %q", code, out, stderr)
	}
	out, _, code = cli(t, "", nil, "version", "--json")
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != exitOK {
		t.Fatalf("weir version --json: code %d, %v: %q", code, err, out)
	}
	if v.Go != runtime.Version() || v.Module != "github.com/weir-dev/weir" || v.Version == "" || v.RE2 != "wasm" {
		t.Errorf("weir version --json = %+v", v)
	}
	out, _, code = cli(t, "", nil, "version", "-v")
	if code != exitOK || !strings.Contains(out, "  GOARCH=") {
		t.Errorf("weir version -v: code %d, want build settings, got %q", code, out)
	}
	if _, stderr, code := cli(t, "", nil, "version", "extra"); code != exitError || !strings.Contains(stderr, "unexpected argument") {
		t.Errorf("weir version extra: code %d, stderr %q", code, stderr)
	}
}
