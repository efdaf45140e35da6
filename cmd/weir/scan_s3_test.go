package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/weir-dev/weir/sources/decode/decodetest"
	"github.com/weir-dev/weir/sources/s3"
)

// `weir scan s3://bucket/prefix/` against a real MinIO (scripts/minio.sh):
// Parquet row groups are read by ranged GETs, CSV/JSONL objects streamed;
// the report names objects by s3:// URL.
func TestScanS3Prefix(t *testing.T) {
	if os.Getenv(s3.EnvEndpoint) == "" {
		t.Skipf("no S3 server: %s is not set. Run with a real MinIO: `make test`, or "+
			"`scripts/minio.sh run go test ./cmd/weir -run S3`", s3.EnvEndpoint)
	}
	ctx := context.Background()
	cfg, err := s3.ConfigFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var rb [4]byte
	rand.Read(rb[:])
	bucket := "weir-scan-" + hex.EncodeToString(rb[:])
	if err := c.MakeBucket(ctx, bucket, false); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.RemoveBucket(context.Background(), bucket) })
	var pq bytes.Buffer
	if err := decodetest.Write(&pq, decodetest.Flat(12), 5); err != nil {
		t.Fatal(err)
	}
	for key, data := range map[string][]byte{
		"train/part-0.parquet": pq.Bytes(),
		"train/extra.csv":      []byte("name,ssn\nann,536-27-4419\n"),
		"other/skip.jsonl":     []byte(`{"ssn":"536-27-4419"}`),
	} {
		if _, err := c.Put(ctx, bucket, key, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatal(err)
		}
	}
	target := "s3://" + bucket + "/train/"
	out, errs, code := cli(t, "", map[string]string{
		s3.EnvEndpoint: os.Getenv(s3.EnvEndpoint), s3.EnvAccessKey: os.Getenv(s3.EnvAccessKey), s3.EnvSecretKey: os.Getenv(s3.EnvSecretKey),
	}, "scan", "--format", "json", target)
	if code != exitFindings || errs != "" {
		t.Fatalf("exit %d stderr %q", code, errs)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Datasets) != 1 || rep.Datasets[0].Dataset != target || rep.Datasets[0].Objects != 2 || rep.Datasets[0].Rows != 13 {
		t.Fatalf("datasets %+v", rep.Datasets)
	}
	cols := map[string]int64{}
	for _, col := range rep.Datasets[0].Columns {
		cols[col.Column] = col.RowsAffected
	}
	if cols["ssn"] != 13 || cols["email"] != 9 {
		t.Errorf("columns %v", cols)
	}
	for _, f := range rep.Findings {
		if !strings.HasPrefix(f.Path, target) {
			t.Errorf("finding path %s", f.Path)
		}
	}
	// Missing credentials or bucket: exit 2, never a clean report.
	_, errs, code = cli(t, "", map[string]string{s3.EnvEndpoint: os.Getenv(s3.EnvEndpoint), s3.EnvAccessKey: "nobody", s3.EnvSecretKey: "wrong"},
		"scan", target)
	if code != exitError || errs == "" {
		t.Errorf("bad credentials: exit %d stderr %q", code, errs)
	}
}

// `weir scan --distribute s3://...` against a real MinIO: tasks name the
// objects by bucket/key, the Parquet object is split into column-chunk
// tasks read by ranged GETs, and the report equals the local one.
func TestScanS3Distributed(t *testing.T) {
	if os.Getenv(s3.EnvEndpoint) == "" {
		t.Skipf("no S3 server: %s is not set. Run with a real MinIO: `make test`, or "+
			"`scripts/minio.sh run go test ./cmd/weir -run S3`", s3.EnvEndpoint)
	}
	ctx := context.Background()
	cfg, err := s3.ConfigFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	c, err := s3.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var rb [4]byte
	rand.Read(rb[:])
	bucket := "weir-dist-" + hex.EncodeToString(rb[:])
	if err := c.MakeBucket(ctx, bucket, false); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.RemoveBucket(context.Background(), bucket) })
	var pq bytes.Buffer
	if err := decodetest.Write(&pq, decodetest.Flat(12), 5); err != nil {
		t.Fatal(err)
	}
	for key, data := range map[string][]byte{
		"train/part-0.parquet": pq.Bytes(),
		"train/broken.parquet": pq.Bytes()[:pq.Len()/2],
		"train/extra.csv":      []byte("name,ssn\nann,536-27-4419\n"),
	} {
		if _, err := c.Put(ctx, bucket, key, bytes.NewReader(data), int64(len(data))); err != nil {
			t.Fatal(err)
		}
	}
	target := "s3://" + bucket + "/train/"
	env := map[string]string{s3.EnvEndpoint: os.Getenv(s3.EnvEndpoint), s3.EnvAccessKey: os.Getenv(s3.EnvAccessKey), s3.EnvSecretKey: os.Getenv(s3.EnvSecretKey)}
	local, _, localCode := cli(t, "", env, "scan", "--format", "json", target)
	got, errs, code := cli(t, "", env, "scan", "--distribute", "--embedded", "--local-workers", "2", "--task-bytes", "1",
		"--timeout", "60s", "--format", "json", target)
	if code != localCode || code != exitError || !strings.Contains(errs, "broken.parquet") {
		t.Errorf("exit %d (local %d) stderr %q", code, localCode, errs)
	}
	if normalizeTiming(got) != normalizeTiming(local) {
		t.Errorf("distributed S3 report differs\n--- distributed\n%s\n--- local\n%s", got, local)
	}
}
