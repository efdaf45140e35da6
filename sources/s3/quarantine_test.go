package s3

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

// A synthetic PHI record (fake MRN and SSN); the tests check that no value
// of it reaches the quarantine metadata or the action log.
const phiRecord = `{"ticket": 4411, "body": "patient MRN 00482913, SSN 078-05-1120, asks about refill"}` + "\n"

func putWith(t *testing.T, c *Client, bucket, key string, data []byte, opts minio.PutObjectOptions) minio.UploadInfo {
	t.Helper()
	info, err := c.mc.PutObject(context.Background(), bucket, key, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func readAll(t *testing.T, c *Client, o actions.Object) ([]byte, minio.ObjectInfo) {
	t.Helper()
	ctx := context.Background()
	st, err := c.mc.StatObject(ctx, o.Bucket, o.Key, minio.StatObjectOptions{VersionID: o.VersionID})
	if err != nil {
		t.Fatalf("stat %s: %v", o.URL(), err)
	}
	obj, err := c.mc.GetObject(ctx, o.Bucket, o.Key, minio.GetObjectOptions{VersionID: o.VersionID})
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	b, err := io.ReadAll(obj)
	if err != nil {
		t.Fatalf("read %s: %v", o.URL(), err)
	}
	return b, st
}

func objectTags(t *testing.T, c *Client, o actions.Object) map[string]string {
	t.Helper()
	tg, err := c.mc.GetObjectTagging(context.Background(), o.Bucket, o.Key, minio.GetObjectTaggingOptions{VersionID: o.VersionID})
	if err != nil {
		t.Fatal(err)
	}
	return tg.ToMap()
}

var meta = actions.Meta{ActionID: "act-0123456789abcdef", Policy: "no-phi-in-external-models",
	Reason: "2 finding(s) of MEDICAL_RECORD_NUMBER, US_SSN", Findings: map[string]int64{"US_SSN": 1, "MEDICAL_RECORD_NUMBER": 1}}

func TestQuarantineRestore(t *testing.T) {
	big := bytes.Repeat([]byte(phiRecord), (6<<20)/len(phiRecord)+1) // 6 MiB, uploaded in 5 MiB parts
	cases := []struct {
		name      string
		versioned bool
		mode      string
		data      []byte
		partSize  uint64
		verified  string
	}{
		{"unversioned delete", false, OriginalDelete, []byte(phiRecord), 0, "etag"},
		{"versioned delete", true, OriginalDelete, []byte(phiRecord), 0, "etag"},
		{"unversioned tag", false, OriginalTag, []byte(phiRecord), 0, "etag"},
		{"versioned tag", true, OriginalTag, []byte(phiRecord), 0, "etag"},
		{"multipart", true, OriginalDelete, big, 5 << 20, "sha256"},
		{"empty object", false, OriginalDelete, nil, 0, "etag"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, bucket := testClient(t, tc.versioned)
			_, qbucket := testClient(t, false)
			ctx := context.Background()
			q, err := NewQuarantine(c, QuarantineConfig{Bucket: qbucket, Prefix: "held", Original: tc.mode})
			if err != nil {
				t.Fatal(err)
			}
			key := "tickets/2026/11/22/batch-07.jsonl"
			var clean minio.UploadInfo
			if tc.versioned {
				clean = putWith(t, c, bucket, key, []byte("{\"ticket\": 1}\n"), minio.PutObjectOptions{})
			}
			opts := minio.PutObjectOptions{ContentType: "application/x-ndjson", ContentEncoding: "identity",
				CacheControl: "max-age=60", UserMetadata: map[string]string{"Owner": "support-etl", "Batch": "07"},
				UserTags: map[string]string{"team": "support"}, PartSize: tc.partSize}
			up := putWith(t, c, bucket, key, tc.data, opts)
			orig := actions.Object{Bucket: bucket, Key: key, VersionID: up.VersionID}
			_, before := readAll(t, c, orig)

			rec, err := q.Quarantine(ctx, actions.Object{Bucket: bucket, Key: key}, meta)
			if err != nil {
				t.Fatal(err)
			}
			if rec.Original != orig || rec.Mode != tc.mode || rec.Size != int64(len(tc.data)) || rec.ContentType != "application/x-ndjson" {
				t.Fatalf("receipt %+v, original %+v", rec, orig)
			}
			if want := "held/" + meta.ActionID + "/" + bucket + "/" + key; rec.Quarantine.Key != want || rec.Quarantine.Bucket != qbucket {
				t.Fatalf("quarantined at %s, want s3://%s/%s", rec.Quarantine.URL(), qbucket, want)
			}
			held, hst := readAll(t, c, rec.Quarantine)
			if !bytes.Equal(held, tc.data) {
				t.Fatal("quarantined copy differs from the original")
			}
			if hst.ContentType != "application/x-ndjson" || hst.Metadata.Get("Cache-Control") != "max-age=60" ||
				hst.UserMetadata["Owner"] != "support-etl" || hst.UserMetadata["Weir-Quarantine-Policy"] != meta.Policy ||
				hst.UserMetadata["Weir-Quarantine-Findings"] != "MEDICAL_RECORD_NUMBER=1,US_SSN=1" ||
				hst.UserMetadata["Weir-Quarantine-Key"] != key || hst.UserMetadata["Weir-Quarantine-Version"] != orig.VersionID {
				t.Fatalf("quarantine metadata: type %q headers %v user %v", hst.ContentType, hst.Metadata, hst.UserMetadata)
			}
			for k, v := range hst.Metadata {
				if s := strings.Join(v, ","); strings.Contains(s, "078-05-1120") || strings.Contains(s, "00482913") {
					t.Fatalf("a detected value leaked into metadata %s", k)
				}
			}
			if objectTags(t, c, rec.Quarantine)["team"] != "support" {
				t.Error("tags not copied to quarantine")
			}

			// The original after quarantine.
			switch {
			case tc.mode == OriginalTag:
				if tg := objectTags(t, c, orig); tg[QuarantineTag] != meta.ActionID || tg["team"] != "support" {
					t.Fatalf("original tags %v", tg)
				}
			case tc.versioned:
				// The quarantined version is gone for good (no delete marker
				// hiding it); the clean version before it is current again.
				for v := range c.mc.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: key, WithVersions: true}) {
					if v.VersionID == orig.VersionID || v.IsDeleteMarker {
						t.Fatalf("version %s (delete marker %v) still listed", v.VersionID, v.IsDeleteMarker)
					}
				}
				if cur, err := c.Stat(ctx, bucket, key, ""); err != nil || cur.VersionID != clean.VersionID {
					t.Fatalf("current version %+v, %v; want the clean one %s", cur, err, clean.VersionID)
				}
			default:
				if _, err := c.Stat(ctx, bucket, key, ""); !IsNotFound(err) {
					t.Fatalf("original still there: %v", err)
				}
			}

			got, err := q.Restore(ctx, rec)
			if err != nil {
				t.Fatal(err)
			}
			// A multipart original's ETag is no digest of its bytes: the
			// quarantine copy is checked by reading both (SHA-256 recorded).
			if (tc.verified == "sha256") != (rec.SHA256 != "") {
				t.Errorf("quarantine SHA-256 %q, want one iff verified by %s", rec.SHA256, tc.verified)
			}
			if got.Verified != "etag" && got.Verified != "sha256" {
				t.Errorf("restore verified by %q", got.Verified)
			}
			back, bst := readAll(t, c, got.Object)
			if !bytes.Equal(back, tc.data) {
				t.Fatal("restored object is not byte-identical")
			}
			cur, err := c.Stat(ctx, bucket, key, "")
			if err != nil || cur.VersionID != got.Object.VersionID {
				t.Fatalf("restored version %q is not current (%+v, %v)", got.Object.VersionID, cur, err)
			}
			if bst.ContentType != before.ContentType || bst.Metadata.Get("Content-Encoding") != before.Metadata.Get("Content-Encoding") ||
				bst.Metadata.Get("Cache-Control") != before.Metadata.Get("Cache-Control") {
				t.Errorf("headers: restored %q %v, before %q %v", bst.ContentType, bst.Metadata, before.ContentType, before.Metadata)
			}
			if len(bst.UserMetadata) != len(before.UserMetadata) || bst.UserMetadata["Owner"] != "support-etl" || bst.UserMetadata["Batch"] != "07" {
				t.Errorf("user metadata: restored %v, before %v", bst.UserMetadata, before.UserMetadata)
			}
			if tg := objectTags(t, c, got.Object); len(tg) != 1 || tg["team"] != "support" {
				t.Errorf("restored tags %v", tg)
			}
		})
	}
}

func TestQuarantineErrors(t *testing.T) {
	if _, err := NewQuarantine(nil, QuarantineConfig{}); err == nil {
		t.Error("no bucket accepted")
	}
	if _, err := NewQuarantine(nil, QuarantineConfig{Bucket: "q", Original: "move"}); err == nil {
		t.Error("unknown mode accepted")
	}
	if cfg, err := ParseQuarantineURL("s3://q/held/", ""); err != nil || cfg.Bucket != "q" || cfg.Prefix != "held/" {
		t.Errorf("parse: %+v, %v", cfg, err)
	}
	if _, err := ParseQuarantineURL("file:///tmp", ""); err == nil {
		t.Error("non-s3 URL accepted")
	}

	c, bucket := testClient(t, false)
	_, qbucket := testClient(t, false)
	ctx := context.Background()
	q, err := NewQuarantine(c, QuarantineConfig{Bucket: qbucket})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Quarantine(ctx, actions.Object{Bucket: bucket, Key: "missing"}, meta); err == nil || !IsNotFound(errors.Unwrap(err)) {
		t.Errorf("quarantine of a missing object: %v", err)
	}
	put(t, c, bucket, "k", []byte(phiRecord))
	rec, err := q.Quarantine(ctx, actions.Object{Bucket: bucket, Key: "k"}, meta)
	if err != nil {
		t.Fatal(err)
	}
	// The quarantined copy was removed behind weir's back: restore fails
	// and says so, instead of writing something else.
	if err := c.mc.RemoveObject(ctx, qbucket, rec.Quarantine.Key, minio.RemoveObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Restore(ctx, rec); err == nil {
		t.Error("restore from a missing quarantine copy succeeded")
	}
	// Unversioned: a restore does not overwrite an object written at the
	// key after the quarantine.
	put(t, c, bucket, "k3", []byte(phiRecord))
	rec3, err := q.Quarantine(ctx, actions.Object{Bucket: bucket, Key: "k3"}, meta)
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, bucket, "k3", []byte("newer data\n"))
	if _, err := q.Restore(ctx, rec3); err == nil || !strings.Contains(err.Error(), "written after the quarantine") {
		t.Errorf("restore over a newer object: %v", err)
	}
	if b, _ := readAll(t, c, actions.Object{Bucket: bucket, Key: "k3"}); string(b) != "newer data\n" {
		t.Error("the newer object was overwritten")
	}
	// A quarantine bucket that does not exist.
	q2, _ := NewQuarantine(c, QuarantineConfig{Bucket: qbucket + "-absent"})
	put(t, c, bucket, "k2", []byte(phiRecord))
	if _, err := q2.Quarantine(ctx, actions.Object{Bucket: bucket, Key: "k2"}, meta); err == nil {
		t.Error("quarantine to a missing bucket succeeded")
	}
	if _, err := c.Stat(ctx, bucket, "k2", ""); err != nil {
		t.Errorf("a failed quarantine removed the original: %v", err)
	}
	if hdr := asciiHeader("café 100%\n"); hdr != "caf%C3%A9 100%25%0A" {
		t.Errorf("asciiHeader: %q", hdr)
	}
}

// The action service over a real store and a real MinIO: decide, approve,
// restore; a rejected proposal leaves the object alone; the log verifies.
func TestServiceWithMinIO(t *testing.T) {
	c, bucket := testClient(t, true)
	_, qbucket := testClient(t, false)
	ctx := context.Background()
	q, err := NewQuarantine(c, QuarantineConfig{Bucket: qbucket, Prefix: "quarantine/"})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		svc := &actions.Service{Store: s, Objects: q}
		up := put(t, c, bucket, "tickets/a.jsonl", []byte(phiRecord))
		obj := actions.Object{Bucket: bucket, Key: "tickets/a.jsonl", VersionID: up.VersionID}
		d := policy.Decision{Policy: "no-phi-in-external-models", Action: policy.ActionQuarantine, Approval: true,
			Reason: "1 finding(s) of US_SSN in s3://" + bucket + "/tickets"}
		e, err := svc.Decide(ctx, d, actions.Subject{Dataset: "s3://" + bucket + "/tickets", Object: &obj}, map[string]int64{"US_SSN": 1})
		if err != nil || e.State != store.StateProposed {
			t.Fatalf("decide: %+v, %v", e, err)
		}
		if _, err := c.Stat(ctx, bucket, obj.Key, obj.VersionID); err != nil {
			t.Fatalf("a proposed quarantine moved the object: %v", err)
		}
		if _, err := svc.Restore(ctx, e.ActionID, "bob", ""); !errors.Is(err, actions.ErrNotQuarantine) {
			t.Fatalf("restore of a proposal: %v", err)
		}
		e, err = svc.Approve(ctx, e.ActionID, "alice", "checked the ticket")
		if err != nil || e.State != store.StateApplied || e.Detail["quarantine_bucket"] != qbucket || e.Detail["undo"] == "" {
			t.Fatalf("approve: %+v, %v", e, err)
		}
		if _, err := c.Stat(ctx, bucket, obj.Key, obj.VersionID); !IsNotFound(err) {
			t.Fatalf("approved quarantine left the version: %v", err)
		}
		r, err := svc.Restore(ctx, e.ActionID, "bob", "")
		if err != nil || r.State != store.StateRestored || r.Detail["verified"] == "" {
			t.Fatalf("restore: %+v, %v", r, err)
		}
		back, _ := readAll(t, c, actions.Object{Bucket: bucket, Key: obj.Key})
		if string(back) != phiRecord {
			t.Fatal("restore is not byte-identical")
		}
		if _, err := svc.Restore(ctx, e.ActionID, "bob", ""); !errors.Is(err, actions.ErrNotQuarantine) {
			t.Fatalf("second restore: %v", err)
		}

		// Rejected: nothing moves.
		e2, _ := svc.Decide(ctx, d, actions.Subject{Dataset: "s3://" + bucket + "/tickets", Object: &actions.Object{Bucket: bucket, Key: obj.Key}}, nil)
		if e2, err = svc.Reject(ctx, e2.ActionID, "alice", "false positive"); err != nil || e2.State != store.StateRejected {
			t.Fatalf("reject: %+v, %v", e2, err)
		}
		if _, err := svc.Approve(ctx, e2.ActionID, "mallory", ""); !errors.Is(err, store.ErrTransition) {
			t.Fatalf("approve after reject: %v", err)
		}
		if _, err := c.Stat(ctx, bucket, obj.Key, ""); err != nil {
			t.Fatalf("rejected action moved the object: %v", err)
		}
		rep, err := s.VerifyActions(ctx)
		if err != nil || !rep.OK || rep.Entries != 6 {
			t.Fatalf("verify: %+v, %v", rep, err)
		}
		hist, _ := s.ActionHistory(ctx, e.ActionID)
		for _, h := range hist {
			if strings.Contains(string(h.Canonical()), "078-05-1120") {
				t.Fatal("a detected value reached the action log")
			}
		}
	})
}
