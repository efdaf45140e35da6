package s3

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"

	"github.com/weir-dev/weir/sources/decode"
)

// testClient connects to the MinIO server started by scripts/minio.sh (the
// environment it exports) and creates a fresh bucket, removed at the end.
// Without that environment the test is skipped with instructions.
func testClient(t *testing.T, versioned bool) (*Client, string) {
	t.Helper()
	if os.Getenv(EnvEndpoint) == "" {
		t.Skipf("no S3 server: %s is not set. Run the tests with a real MinIO: `make test`, or "+
			"`scripts/minio.sh run go test ./sources/s3/...`", EnvEndpoint)
	}
	cfg, err := ConfigFromEnv(os.Getenv)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var b [4]byte
	rand.Read(b[:])
	bucket := "weir-test-" + hex.EncodeToString(b[:])
	ctx := context.Background()
	if err := c.mc.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("make bucket (is MinIO at %s up?): %v", cfg.Endpoint, err)
	}
	if versioned {
		if err := c.mc.EnableVersioning(ctx, bucket); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		ctx := context.Background()
		for o := range c.mc.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: versioned}) {
			c.mc.RemoveObject(ctx, bucket, o.Key, minio.RemoveObjectOptions{VersionID: o.VersionID, ForceDelete: true})
		}
		c.mc.RemoveBucket(ctx, bucket)
	})
	return c, bucket
}

func put(t *testing.T, c *Client, bucket, key string, data []byte) minio.UploadInfo {
	t.Helper()
	info, err := c.mc.PutObject(context.Background(), bucket, key, bytes.NewReader(data), int64(len(data)), minio.PutObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func del(t *testing.T, c *Client, bucket, key string) {
	t.Helper()
	if err := c.mc.RemoveObject(context.Background(), bucket, key, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
}

// recorder is a Publisher that remembers what it was given.
type recorder struct {
	mu      sync.Mutex
	records map[string][]string // object URL -> "field=text"
	bytes   map[string]int64
	done    []ObjectResult
	deleted []string
	ch      chan string // "done URL" / "deleted KEY", when set
	keep    bool        // keep record texts
}

func newRecorder() *recorder {
	return &recorder{records: map[string][]string{}, bytes: map[string]int64{}, keep: true}
}

func (r *recorder) Record(_ context.Context, rec Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !strings.HasPrefix(rec.ID, rec.Object.URL()+"#") {
		panic("record id " + rec.ID + " not under " + rec.Object.URL())
	}
	if r.keep {
		r.records[rec.Object.URL()] = append(r.records[rec.Object.URL()], rec.Field+"="+string(rec.Text))
	}
	r.bytes[rec.Object.URL()] += int64(len(rec.Text))
	return nil
}

func (r *recorder) ObjectDone(_ context.Context, res ObjectResult) error {
	r.mu.Lock()
	r.done = append(r.done, res)
	ch := r.ch
	r.mu.Unlock()
	if ch != nil {
		ch <- "done " + res.Object.Key
	}
	return nil
}

func (r *recorder) ObjectDeleted(_ context.Context, o ObjectInfo, _ string) error {
	r.mu.Lock()
	r.deleted = append(r.deleted, o.Key)
	ch := r.ch
	r.mu.Unlock()
	if ch != nil {
		ch <- "deleted " + o.Key
	}
	return nil
}

func (r *recorder) doneKeys() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, d := range r.done {
		out = append(out, d.Object.Key)
	}
	return out
}

func (r *recorder) result(key string) (ObjectResult, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.done) - 1; i >= 0; i-- {
		if r.done[i].Object.Key == key {
			return r.done[i], true
		}
	}
	return ObjectResult{}, false
}

func TestClientListAndRead(t *testing.T) {
	c, bucket := testClient(t, false)
	ctx := context.Background()
	put(t, c, bucket, "ds/b.txt", []byte("bbb"))
	put(t, c, bucket, "ds/a.txt", []byte("0123456789"))
	put(t, c, bucket, "other/c.txt", []byte("c"))
	var keys []string
	for o, err := range c.List(ctx, bucket, "ds/") {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, o.Key)
	}
	if strings.Join(keys, ",") != "ds/a.txt,ds/b.txt" {
		t.Errorf("keys %v", keys)
	}
	o, err := c.Stat(ctx, bucket, "ds/a.txt", "")
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4)
	if n, err := c.ReaderAt(ctx, o).ReadAt(buf, 3); n != 4 || err != nil || string(buf) != "3456" {
		t.Errorf("ReadAt = %d %v %q", n, err, buf)
	}
	if n, _ := c.ReaderAt(ctx, o).ReadAt(buf, 8); n != 2 || string(buf[:2]) != "89" {
		t.Errorf("ReadAt at the end = %d %q", n, buf[:n])
	}
	if _, err := c.Stat(ctx, bucket, "ds/missing", ""); !IsNotFound(err) {
		t.Errorf("missing: %v", err)
	}
	// An overwrite between listing and reading fails the read (pinned ETag).
	put(t, c, bucket, "ds/a.txt", []byte("new content"))
	body, err := c.Open(ctx, o)
	if err == nil {
		_, err = body.Read(buf)
		body.Close()
	}
	if err == nil {
		t.Error("read of an overwritten object's old ETag succeeded")
	}
}

func newTailer(t *testing.T, c *Client, pub Publisher, cfg TailerConfig) *Tailer {
	t.Helper()
	tl, err := NewTailer(c, pub, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

// Polling with a restart in the middle: unchanged objects are not read
// again; objects written, overwritten and deleted while the tailer was down
// are picked up from the checkpoint file.
func TestTailerPollingRestart(t *testing.T) {
	c, bucket := testClient(t, false)
	ctx := context.Background()
	cp := t.TempDir() + "/checkpoint.json"
	put(t, c, bucket, "ds/a.jsonl", []byte(`{"email":"a@x.io"}`+"\n"))
	put(t, c, bucket, "ds/b.csv", []byte("name,ssn\nann,536-27-4419\n"))
	put(t, c, bucket, "ds/same.txt", []byte("unchanged"))
	put(t, c, bucket, "elsewhere/x.txt", []byte("not under the prefix"))

	ck, err := OpenCheckpoint(cp)
	if err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	if err := newTailer(t, c, rec, TailerConfig{Targets: []Target{{Bucket: bucket, Prefix: "ds/"}}, Checkpoint: ck}).Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rec.doneKeys(), ","); got != "ds/a.jsonl,ds/b.csv,ds/same.txt" {
		t.Fatalf("first pass read %s", got)
	}
	if r := rec.records["s3://"+bucket+"/ds/b.csv"]; strings.Join(r, "|") != "=name|=ssn|name=ann|ssn=536-27-4419" {
		t.Errorf("csv records %q", r)
	}

	// Down: overwrite, delete, add.
	put(t, c, bucket, "ds/a.jsonl", []byte(`{"email":"b@x.io"}`+"\n"))
	del(t, c, bucket, "ds/b.csv")
	put(t, c, bucket, "ds/c.txt", []byte("new"))

	ck2, err := OpenCheckpoint(cp) // the restarted process
	if err != nil {
		t.Fatal(err)
	}
	rec2 := newRecorder()
	if err := newTailer(t, c, rec2, TailerConfig{Targets: []Target{{Bucket: bucket, Prefix: "ds/"}}, Checkpoint: ck2}).Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rec2.doneKeys(), ","); got != "ds/a.jsonl,ds/c.txt" {
		t.Errorf("after restart read %s, want the overwritten and the new object only", got)
	}
	if strings.Join(rec2.deleted, ",") != "ds/b.csv" {
		t.Errorf("deleted %v", rec2.deleted)
	}
	if r := rec2.records["s3://"+bucket+"/ds/a.jsonl"]; len(r) != 1 || r[0] != "email=b@x.io" {
		t.Errorf("overwritten object records %q", r)
	}
	// A third pass finds nothing new.
	rec3 := newRecorder()
	ck3, _ := OpenCheckpoint(cp)
	if err := newTailer(t, c, rec3, TailerConfig{Targets: []Target{{Bucket: bucket, Prefix: "ds/"}}, Checkpoint: ck3}).Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if len(rec3.done)+len(rec3.deleted) != 0 {
		t.Errorf("idle pass did work: %v %v", rec3.doneKeys(), rec3.deleted)
	}
}

// Versioned bucket: each overwrite is a new version, read once, with the
// version id in provenance and record ids; a delete marker is a deletion.
func TestTailerVersioned(t *testing.T) {
	c, bucket := testClient(t, true)
	ctx := context.Background()
	rec := newRecorder()
	tl := newTailer(t, c, rec, TailerConfig{Targets: []Target{{Bucket: bucket}}})
	v1 := put(t, c, bucket, "doc.txt", []byte("version one"))
	if err := tl.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	v2 := put(t, c, bucket, "doc.txt", []byte("version one")) // same bytes, new version
	if err := tl.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if v1.VersionID == "" || v1.VersionID == v2.VersionID {
		t.Fatalf("versions %q %q", v1.VersionID, v2.VersionID)
	}
	if len(rec.done) != 2 || rec.done[0].Object.VersionID != v1.VersionID || rec.done[1].Object.VersionID != v2.VersionID {
		t.Fatalf("done %+v", rec.done)
	}
	if u := rec.done[1].Object.URL(); !strings.Contains(u, "?versionId="+v2.VersionID) {
		t.Errorf("provenance %s has no version", u)
	}
	if err := tl.Poll(ctx); err != nil || len(rec.done) != 2 {
		t.Errorf("idle poll: %v, %d done", err, len(rec.done))
	}
	del(t, c, bucket, "doc.txt") // a delete marker on a versioned bucket
	if err := tl.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rec.deleted, ",") != "doc.txt" {
		t.Errorf("deleted %v", rec.deleted)
	}
}

// Bucket notifications: objects written and deleted are picked up without
// a poll (the poll interval is an hour).
//
// The pinned MinIO server sends its notification stream in ~4 KiB pieces
// (its trackingResponseWriter hides http.Flusher, so its per-event flush is
// a no-op): the last few events of a burst wait for more to follow. The
// test writes a burst and requires most of it by notification.
func TestTailerNotifications(t *testing.T) {
	c, bucket := testClient(t, false)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := newRecorder()
	rec.ch = make(chan string, 1000)
	tl := newTailer(t, c, rec, TailerConfig{Targets: []Target{{Bucket: bucket, Prefix: "in/"}}, Notifications: true,
		PollInterval: time.Hour, Logf: t.Logf})
	errc := make(chan error, 1)
	go func() { errc <- tl.Run(ctx) }()
	time.Sleep(500 * time.Millisecond) // the listener connects asynchronously

	const n = 20
	wait := func(prefix string, want int) {
		t.Helper()
		got := map[string]bool{}
		start := time.Now()
		timeout := time.After(20 * time.Second)
		for len(got) < want {
			select {
			case ev := <-rec.ch:
				if strings.HasPrefix(ev, prefix) {
					got[ev] = true
				}
			case err := <-errc:
				t.Fatalf("tailer stopped: %v", err)
			case <-timeout:
				t.Fatalf("%d of %d %q events by notification within 20s", len(got), n, prefix)
			}
		}
		t.Logf("%d %q events by notification in %v", len(got), prefix, time.Since(start))
	}
	for i := range n {
		put(t, c, bucket, fmt.Sprintf("in/n%02d.jsonl", i), []byte(`{"k":"v"}`))
	}
	put(t, c, bucket, "elsewhere/x.txt", []byte("outside the prefix"))
	wait("done in/n", n/2)
	for i := range n {
		del(t, c, bucket, fmt.Sprintf("in/n%02d.jsonl", i))
	}
	wait("deleted in/n", n/2)
	for _, k := range rec.doneKeys() {
		if !strings.HasPrefix(k, "in/") {
			t.Errorf("processed %s, outside the prefix", k)
		}
	}
	cancel()
	if err := <-errc; err != context.Canceled {
		t.Errorf("Run returned %v", err)
	}
}

func drain(ch chan string) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// A corrupt Parquet file and a gzip bomb become results with their reason;
// the tailer goes on with the next object.
func TestTailerBadObjects(t *testing.T) {
	c, bucket := testClient(t, false)
	var bomb bytes.Buffer
	zw := newGzip(&bomb)
	zw.Write(bytes.Repeat([]byte("A"), 64<<20))
	zw.Close()
	put(t, c, bucket, "a-bomb.txt.gz", bomb.Bytes())
	put(t, c, bucket, "b-corrupt.parquet", append([]byte("PAR1"), bytes.Repeat([]byte{7}, 100)...))
	put(t, c, bucket, "c-good.jsonl", []byte(`{"ok":"yes"}`))
	rec := newRecorder()
	if err := newTailer(t, c, rec, TailerConfig{Targets: []Target{{Bucket: bucket}}}).Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]error{"a-bomb.txt.gz": decode.ErrBomb, "b-corrupt.parquet": decode.ErrCorrupt, "c-good.jsonl": nil} {
		r, ok := rec.result(key)
		switch {
		case !ok:
			t.Errorf("%s: no result", key)
		case want == nil && r.Err != nil:
			t.Errorf("%s: %v", key, r.Err)
		case want != nil && !errorsIs(r.Err, want):
			t.Errorf("%s: err %v, want %v", key, r.Err, want)
		}
	}
	if n := rec.bytes["s3://"+bucket+"/a-bomb.txt.gz"]; n > 200*int64(bomb.Len()) {
		t.Errorf("%d bytes of the bomb were published", n)
	}
}

// A 200 MB object streams through (generated while uploading; the decoder
// holds one chunk at a time).
func TestTailerLargeObject(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	c, bucket := testClient(t, false)
	const size = 200 << 20
	gen := &lineGen{left: size}
	if _, err := c.mc.PutObject(context.Background(), bucket, "big/huge.log", gen, size, minio.PutObjectOptions{PartSize: 16 << 20}); err != nil {
		t.Fatal(err)
	}
	rec := newRecorder()
	rec.keep = false
	start := time.Now()
	if err := newTailer(t, c, rec, TailerConfig{Targets: []Target{{Bucket: bucket, Prefix: "big/"}}}).Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, ok := rec.result("big/huge.log")
	if !ok || r.Err != nil || r.Stats.Bytes != size || rec.bytes["s3://"+bucket+"/big/huge.log"] != size {
		t.Fatalf("result %+v, %d bytes published", r, rec.bytes["s3://"+bucket+"/big/huge.log"])
	}
	if r.Stats.Rows != gen.lines {
		t.Errorf("%d rows, generated %d lines", r.Stats.Rows, gen.lines)
	}
	t.Logf("200 MB object read and published in %v", time.Since(start))
}

// lineGen yields left bytes of numbered log lines.
type lineGen struct {
	left  int64
	n     int64
	lines int64
	buf   []byte
}

func (g *lineGen) Read(p []byte) (int, error) {
	if g.left == 0 {
		return 0, ioEOF
	}
	for len(g.buf) < len(p) {
		g.buf = append(g.buf, []byte("2026-11-22T03:00:00Z INFO request "+itoa(g.n)+" served in 12ms\n")...)
		g.n++
	}
	n := copy(p, g.buf[:min(int64(len(p)), g.left)])
	g.lines += int64(bytes.Count(p[:n], []byte{'\n'}))
	if int64(n) == g.left && p[n-1] != '\n' {
		g.lines++ // the last, cut line
	}
	g.buf = g.buf[n:]
	g.left -= int64(n)
	return n, nil
}
