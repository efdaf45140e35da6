package main

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func testKeys() map[string]string {
	key := base64.StdEncoding.EncodeToString([]byte("0123456789abcdef0123456789abcdef"))
	return map[string]string{envTokenKeys: "k1:" + key}
}

func markerArgs(t *testing.T, args ...string) []string {
	return append(args, "--detectors", markerFile(t), "--types", "WEIR_TEST_MARKER")
}

func TestRedactTokenizeRoundTrip(t *testing.T) {
	in := "first wtm-10203040 then \"wtm-50607080\"\nand é wtm-10203040 again\n"
	out, errs, code := cli(t, in, testKeys(), markerArgs(t, "redact", "--operator", "tokenize")...)
	if code != 0 {
		t.Fatalf("redact: %d %s", code, errs)
	}
	if strings.Contains(out, "wtm-") || !strings.Contains(out, "tok_WEIR_TEST_MARKER_k1_") {
		t.Fatalf("redacted output %q", out)
	}
	back, errs, code := cli(t, out, testKeys(), "detokenize")
	if code != 0 || back != in {
		t.Fatalf("detokenize: %d %s: %q, want %q", code, errs, back, in)
	}
	// Without keys: a clear error, not a silent pass-through.
	if _, errs, code := cli(t, out, nil, "detokenize"); code != exitError || !strings.Contains(errs, envTokenKeys) {
		t.Errorf("detokenize without keys: %d %q", code, errs)
	}
	if _, _, code := cli(t, in, nil, markerArgs(t, "redact", "--operator", "tokenize")...); code != exitError {
		t.Errorf("tokenize without keys: exit %d", code)
	}
}

func TestRedactOperators(t *testing.T) {
	in := "a wtm-11223344 b\n"
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "a <WEIR_TEST_MARKER> b\n"},
		{[]string{"--operator", "drop"}, "a  b\n"},
		{[]string{"--operator", "mask", "--mask-keep", "2"}, "a ***-******44 b\n"},
		{[]string{"--operator", "drop", "--operator-for", "weir_test_marker=type"}, "a <WEIR_TEST_MARKER> b\n"},
	} {
		out, errs, code := cli(t, in, nil, markerArgs(t, append([]string{"redact"}, tc.args...)...)...)
		if code != 0 || out != tc.want {
			t.Errorf("%v: %d %q %q, want %q", tc.args, code, errs, out, tc.want)
		}
	}
	out, _, code := cli(t, in, testKeys(), markerArgs(t, "redact", "--operator", "hash")...)
	if code != 0 || !strings.HasPrefix(out, "a <WEIR_TEST_MARKER:hmac:") {
		t.Errorf("hash: %d %q", code, out)
	}
	for _, bad := range [][]string{{"--operator", "nope"}, {"--operator-for", "X"}, {"stray"}} {
		if _, _, code := cli(t, in, nil, append([]string{"redact"}, bad...)...); code != exitError {
			t.Errorf("%v: exit %d", bad, code)
		}
	}
}

func TestRedactJSONL(t *testing.T) {
	in := `{"id":"1","meta":{"text":"wtm-99990000"},"text":"x wtm-12345678 \"q\" é","n":1}
not json
{"id":"2","text":"clean"}
`
	out, errs, code := cli(t, in, testKeys(), markerArgs(t, "redact", "--jsonl", "--operator", "tokenize")...)
	if code != exitError || !strings.Contains(errs, "line 2") {
		t.Errorf("exit %d stderr %q (a bad line is left out and fails the run)", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("output %q", out)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatal(err)
	}
	// Only the top-level "text" is redacted; the rest is kept byte for byte.
	if !strings.HasPrefix(lines[0], `{"id":"1","meta":{"text":"wtm-99990000"},"text":"x tok_WEIR_TEST_MARKER_k1_`) ||
		!strings.HasSuffix(lines[0], ` \"q\" é","n":1}`) {
		t.Errorf("line 1 %s", lines[0])
	}
	if lines[1] != `{"id":"2","text":"clean"}` {
		t.Errorf("line 2 %s", lines[1])
	}
	back, errs, code := cli(t, out, testKeys(), "detokenize", "--jsonl")
	want := strings.Replace(in, "not json\n", "", 1)
	if code != 0 || back != want {
		t.Errorf("detokenize --jsonl: %d %q\n%q\nwant %q", code, errs, back, want)
	}
	// drop empties the whole field.
	out, _, _ = cli(t, `{"id":"3","text":"a wtm-12345678 b"}`+"\n", nil, markerArgs(t, "redact", "--jsonl", "--operator", "drop")...)
	if out != `{"id":"3","text":""}`+"\n" {
		t.Errorf("drop: %q", out)
	}
}

func TestRedactKeysFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "keys")
	os.WriteFile(p, []byte(testKeys()[envTokenKeys]+"\n"), 0o600)
	env := map[string]string{envTokenKeysFile: p}
	out, _, code := cli(t, "wtm-00001111", env, markerArgs(t, "redact", "--operator", "tokenize")...)
	back, _, code2 := cli(t, out, env, "detokenize")
	if code != 0 || code2 != 0 || back != "wtm-00001111" {
		t.Errorf("%d %d %q %q", code, code2, out, back)
	}
}
