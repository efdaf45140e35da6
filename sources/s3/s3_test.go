package s3

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/decode"
)

func TestParseURL(t *testing.T) {
	for _, tc := range []struct{ in, bucket, prefix string }{
		{"s3://b/p/q/", "b", "p/q/"}, {"s3://b", "b", ""}, {"s3://b/", "b", ""},
	} {
		b, p, err := ParseURL(tc.in)
		if err != nil || b != tc.bucket || p != tc.prefix {
			t.Errorf("ParseURL(%q) = %q %q %v", tc.in, b, p, err)
		}
	}
	for _, bad := range []string{"s3://", "s3:///x", "http://b/p", "b/p"} {
		if _, _, err := ParseURL(bad); err == nil {
			t.Errorf("ParseURL(%q) accepted", bad)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := ConfigFromEnv(env(map[string]string{EnvEndpoint: "http://127.0.0.1:9000", EnvAccessKey: "k", EnvSecretKey: "s"}))
	if err != nil || c.Endpoint != "127.0.0.1:9000" || c.Secure {
		t.Errorf("%+v %v", c, err)
	}
	c, err = ConfigFromEnv(env(map[string]string{EnvEndpoint: "minio.local:9000"}))
	if err != nil || c.Endpoint != "minio.local:9000" || !c.Secure || c.Creds == nil {
		t.Errorf("%+v %v", c, err)
	}
	if c, err := ConfigFromEnv(env(nil)); err != nil || c.Endpoint != "s3.amazonaws.com" || !c.Secure {
		t.Errorf("default %+v %v", c, err)
	}
	for _, bad := range []map[string]string{{EnvAccessKey: "only-id"}, {EnvEndpoint: "ftp://x"}} {
		if _, err := ConfigFromEnv(env(bad)); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestRecordID(t *testing.T) {
	o := ObjectInfo{Bucket: "b", Key: "d/t.jsonl", VersionID: "v1"}
	for _, tc := range []struct {
		r    decode.Record
		want string
	}{
		{decode.Record{Field: "msg.body", Loc: decode.Location{Line: 12, Column: 9, RowGroup: -1}}, "s3://b/d/t.jsonl?versionId=v1#L12/msg.body"},
		{decode.Record{Loc: decode.Location{Line: 3, Column: 1, RowGroup: -1}}, "s3://b/d/t.jsonl?versionId=v1#L3"},
		{decode.Record{Loc: decode.Location{Line: 3, Column: 40, RowGroup: -1}}, "s3://b/d/t.jsonl?versionId=v1#L3:40"},
		{decode.Record{Field: "ssn", Loc: decode.Location{Row: 7, RowGroup: 1}}, "s3://b/d/t.jsonl?versionId=v1#row=7/ssn"},
	} {
		if got := recordID(o.URL(), tc.r); got != tc.want {
			t.Errorf("recordID = %q, want %q", got, tc.want)
		}
	}
}

func TestCheckpointFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "cp.json")
	c, err := OpenCheckpoint(p)
	if err != nil {
		t.Fatal(err)
	}
	o := ObjectInfo{Bucket: "b", Key: "k", ETag: "e1", Size: 3, LastModified: time.Unix(100, 0)}
	if !c.changed(o) {
		t.Error("new object not changed")
	}
	c.done(o)
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c2, err := OpenCheckpoint(p)
	if err != nil {
		t.Fatal(err)
	}
	if c2.changed(o) {
		t.Error("reloaded checkpoint forgot the object")
	}
	o.ETag = "e2"
	if !c2.changed(o) {
		t.Error("overwrite not seen")
	}
	os.WriteFile(p, []byte("{torn"), 0o600)
	if _, err := OpenCheckpoint(p); err == nil {
		t.Error("corrupt checkpoint accepted")
	}
}
