package s3

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/tags"

	"github.com/weir-dev/weir/lineage/actions"
)

// What Quarantine does to the original object.
const (
	// OriginalDelete removes the quarantined version: on a versioned bucket
	// that exact version is deleted permanently (no delete marker that would
	// leave the data readable as a noncurrent version); on an unversioned
	// bucket the object.
	OriginalDelete = "delete"
	// OriginalTag leaves the original in place, tagged weir-quarantine=ACTION
	// (for buckets whose readers honour the tag, or a deny-by-tag bucket
	// policy).
	OriginalTag = "tag"
)

// QuarantineTag is the object tag OriginalTag sets (value: the action id).
const QuarantineTag = "weir-quarantine"

// metaPrefix prefixes the user metadata weir adds to a quarantined copy
// (x-amz-meta-weir-quarantine-*); Restore strips it.
const metaPrefix = "Weir-Quarantine-"

// QuarantineConfig says where quarantined objects go.
type QuarantineConfig struct {
	Bucket   string // the quarantine bucket
	Prefix   string // key prefix in it, e.g. "quarantine/"
	Original string // OriginalDelete (default) or OriginalTag
}

// Quarantine moves objects to a quarantine bucket and back; it implements
// actions.ObjectStore with server-side copies (CopyObject: the bytes never
// pass through weir, objects up to 5 GiB).
type Quarantine struct {
	c   *Client
	cfg QuarantineConfig
}

var _ actions.ObjectStore = (*Quarantine)(nil)

// NewQuarantine returns a Quarantine for cfg.
func NewQuarantine(c *Client, cfg QuarantineConfig) (*Quarantine, error) {
	if cfg.Bucket == "" {
		return nil, errors.New("s3 quarantine: no quarantine bucket")
	}
	switch cfg.Original {
	case "":
		cfg.Original = OriginalDelete
	case OriginalDelete, OriginalTag:
	default:
		return nil, fmt.Errorf("s3 quarantine: original %q: want %s or %s", cfg.Original, OriginalDelete, OriginalTag)
	}
	if cfg.Prefix != "" && !strings.HasSuffix(cfg.Prefix, "/") {
		cfg.Prefix += "/"
	}
	return &Quarantine{c: c, cfg: cfg}, nil
}

// ParseQuarantineURL reads "s3://bucket/prefix" into a config.
func ParseQuarantineURL(u, original string) (QuarantineConfig, error) {
	b, p, err := ParseURL(u)
	if err != nil {
		return QuarantineConfig{}, err
	}
	return QuarantineConfig{Bucket: b, Prefix: p, Original: original}, nil
}

// destOptions returns the options of a copy to bucket/key that replaces
// the metadata with userMeta and carries over src's content type and
// standard headers (a copy with replaced metadata would drop them).
func destOptions(bucket, key string, src minio.ObjectInfo, userMeta map[string]string) minio.CopyDestOptions {
	d := minio.CopyDestOptions{Bucket: bucket, Object: key, ReplaceMetadata: true, UserMetadata: userMeta,
		ContentType: src.ContentType}
	h := src.Metadata
	d.ContentEncoding = h.Get("Content-Encoding")
	d.ContentDisposition = h.Get("Content-Disposition")
	d.ContentLanguage = h.Get("Content-Language")
	d.CacheControl = h.Get("Cache-Control")
	if e := h.Get("Expires"); e != "" {
		if t, err := http.ParseTime(e); err == nil {
			d.Expires = t
		}
	}
	return d
}

// Quarantine copies o to the quarantine bucket under
// PREFIX/ACTION/BUCKET/KEY, with its content type, standard headers, user
// metadata and tags, plus weir's metadata (action, policy, reason, finding
// types and counts, original bucket/key/version/ETag); checks the copy is
// identical; then deletes or tags the original.
func (q *Quarantine) Quarantine(ctx context.Context, o actions.Object, m actions.Meta) (actions.Receipt, error) {
	mc := q.c.mc
	src, err := mc.StatObject(ctx, o.Bucket, o.Key, minio.StatObjectOptions{VersionID: o.VersionID})
	if err != nil {
		return actions.Receipt{}, fmt.Errorf("s3 quarantine: stat %s: %w", o.URL(), err)
	}
	if o.VersionID == "" && src.VersionID != "" && src.VersionID != "null" {
		o.VersionID = src.VersionID // pin the version seen, so a concurrent overwrite is not what moves
	}
	meta := map[string]string{}
	for k, v := range src.UserMetadata {
		meta[k] = v
	}
	meta[metaPrefix+"Action"] = m.ActionID
	meta[metaPrefix+"Policy"] = m.Policy
	meta[metaPrefix+"Reason"] = asciiHeader(m.Reason)
	meta[metaPrefix+"Findings"] = findingsHeader(m.Findings)
	meta[metaPrefix+"Bucket"] = o.Bucket
	meta[metaPrefix+"Key"] = asciiHeader(o.Key)
	meta[metaPrefix+"Version"] = o.VersionID
	meta[metaPrefix+"Etag"] = strings.Trim(src.ETag, `"`)
	meta[metaPrefix+"Time"] = time.Now().UTC().Format(time.RFC3339)
	dstKey := q.cfg.Prefix + m.ActionID + "/" + o.Bucket + "/" + o.Key
	srcOpts := minio.CopySrcOptions{Bucket: o.Bucket, Object: o.Key, VersionID: o.VersionID}
	if o.VersionID == "" {
		srcOpts.MatchETag = strings.Trim(src.ETag, `"`)
	}
	up, err := mc.CopyObject(ctx, destOptions(q.cfg.Bucket, dstKey, src, meta), srcOpts)
	if err != nil {
		return actions.Receipt{}, fmt.Errorf("s3 quarantine: copy %s to s3://%s/%s: %w", o.URL(), q.cfg.Bucket, dstKey, err)
	}
	dst := actions.Object{Bucket: q.cfg.Bucket, Key: dstKey, VersionID: up.VersionID}
	_, sum, err := q.same(ctx, o, src.ETag, dst, up.ETag)
	if err != nil {
		return actions.Receipt{}, fmt.Errorf("s3 quarantine: %w", err)
	}
	rec := actions.Receipt{Original: o, Quarantine: dst, ETag: strings.Trim(src.ETag, `"`), Size: src.Size,
		ContentType: src.ContentType, SHA256: sum, Mode: q.cfg.Original}
	switch q.cfg.Original {
	case OriginalTag:
		if err := q.setTag(ctx, o, m.ActionID); err != nil {
			return rec, fmt.Errorf("s3 quarantine: copied to %s, but tagging the original failed: %w", dst.URL(), err)
		}
	default:
		if o.VersionID == "" {
			// Unversioned: deleting removes whatever is at the key now. Check
			// it is still the copied object (a write in between would
			// otherwise be deleted unquarantined; the window left is the
			// time between this check and the delete).
			cur, err := mc.StatObject(ctx, o.Bucket, o.Key, minio.StatObjectOptions{})
			if err != nil || strings.Trim(cur.ETag, `"`) != rec.ETag {
				return rec, fmt.Errorf("s3 quarantine: copied to %s, but %s changed meanwhile: the original was left in place", dst.URL(), o.URL())
			}
		}
		if err := mc.RemoveObject(ctx, o.Bucket, o.Key, minio.RemoveObjectOptions{VersionID: o.VersionID}); err != nil {
			return rec, fmt.Errorf("s3 quarantine: copied to %s, but removing the original failed: %w", dst.URL(), err)
		}
	}
	return rec, nil
}

// Restore puts a quarantined object back at its original key: a
// server-side copy from the quarantine bucket with the original's content
// type, standard headers, user metadata (weir's removed) and tags; then
// checks the restored object is byte-identical to the quarantined copy (equal
// single-part ETags, else SHA-256 of both bodies). In tag mode, when the
// original is still there, only the tag is removed. The quarantined copy is
// kept (the action log points at it; a bucket lifecycle rule may expire it).
func (q *Quarantine) Restore(ctx context.Context, r actions.Receipt) (actions.Restored, error) {
	mc := q.c.mc
	if r.Mode == OriginalTag {
		cur, err := mc.StatObject(ctx, r.Original.Bucket, r.Original.Key, minio.StatObjectOptions{VersionID: r.Original.VersionID})
		if err == nil && strings.Trim(cur.ETag, `"`) == r.ETag {
			if err := q.removeTag(ctx, r.Original); err != nil {
				return actions.Restored{}, fmt.Errorf("s3 restore: untag %s: %w", r.Original.URL(), err)
			}
			return actions.Restored{Object: r.Original, ETag: r.ETag, SHA256: r.SHA256, Verified: "etag"}, nil
		}
		if err != nil && !IsNotFound(err) {
			return actions.Restored{}, fmt.Errorf("s3 restore: stat %s: %w", r.Original.URL(), err)
		}
	}
	if r.Original.VersionID == "" {
		// Unversioned: a copy back would overwrite, for good, whatever was
		// written at the key since the quarantine.
		cur, err := mc.StatObject(ctx, r.Original.Bucket, r.Original.Key, minio.StatObjectOptions{})
		switch {
		case err == nil && strings.Trim(cur.ETag, `"`) != r.ETag:
			return actions.Restored{}, fmt.Errorf("s3 restore: %s was written after the quarantine; move it away first (an unversioned bucket keeps no copy of what a restore overwrites)", r.Original.URL())
		case err != nil && !IsNotFound(err):
			return actions.Restored{}, fmt.Errorf("s3 restore: stat %s: %w", r.Original.URL(), err)
		}
	}
	src, err := mc.StatObject(ctx, r.Quarantine.Bucket, r.Quarantine.Key, minio.StatObjectOptions{VersionID: r.Quarantine.VersionID})
	if err != nil {
		return actions.Restored{}, fmt.Errorf("s3 restore: stat %s: %w", r.Quarantine.URL(), err)
	}
	meta := map[string]string{}
	for k, v := range src.UserMetadata {
		if !strings.HasPrefix(http.CanonicalHeaderKey(k), metaPrefix) {
			meta[k] = v
		}
	}
	up, err := mc.CopyObject(ctx, destOptions(r.Original.Bucket, r.Original.Key, src, meta),
		minio.CopySrcOptions{Bucket: r.Quarantine.Bucket, Object: r.Quarantine.Key, VersionID: r.Quarantine.VersionID})
	if err != nil {
		return actions.Restored{}, fmt.Errorf("s3 restore: copy %s to %s: %w", r.Quarantine.URL(), r.Original.URL(), err)
	}
	back := actions.Object{Bucket: r.Original.Bucket, Key: r.Original.Key, VersionID: up.VersionID}
	how, sum, err := q.same(ctx, r.Quarantine, src.ETag, back, up.ETag)
	if err != nil {
		return actions.Restored{}, fmt.Errorf("s3 restore: %w", err)
	}
	if r.SHA256 != "" && sum != "" && sum != r.SHA256 {
		return actions.Restored{}, fmt.Errorf("s3 restore: %s differs from the object quarantined (SHA-256)", back.URL())
	}
	if r.Mode == OriginalTag {
		if err := q.removeTag(ctx, back); err != nil && !IsNotFound(err) {
			return actions.Restored{}, fmt.Errorf("s3 restore: untag %s: %w", back.URL(), err)
		}
	}
	if sum == "" {
		sum = r.SHA256
	}
	return actions.Restored{Object: back, ETag: strings.Trim(up.ETag, `"`), SHA256: sum, Verified: how}, nil
}

// same checks that two object versions hold the same bytes: equal
// single-part ETags (the MD5 of the body) suffice; otherwise (multipart or
// encrypted objects, whose ETags are not a digest of the body) both bodies
// are read and their SHA-256 compared. It returns how, and the SHA-256 when
// computed.
func (q *Quarantine) same(ctx context.Context, a actions.Object, aETag string, b actions.Object, bETag string) (string, string, error) {
	ae, be := strings.Trim(aETag, `"`), strings.Trim(bETag, `"`)
	if ae != "" && ae == be && !strings.Contains(ae, "-") {
		return "etag", "", nil
	}
	sa, err := q.sha256(ctx, a)
	if err != nil {
		return "", "", err
	}
	sb, err := q.sha256(ctx, b)
	if err != nil {
		return "", "", err
	}
	if sa != sb {
		return "", "", fmt.Errorf("%s and %s differ (SHA-256)", a.URL(), b.URL())
	}
	return "sha256", sa, nil
}

func (q *Quarantine) sha256(ctx context.Context, o actions.Object) (string, error) {
	obj, err := q.c.mc.GetObject(ctx, o.Bucket, o.Key, minio.GetObjectOptions{VersionID: o.VersionID})
	if err != nil {
		return "", fmt.Errorf("get %s: %w", o.URL(), err)
	}
	defer obj.Close()
	h := sha256.New()
	if _, err := io.Copy(h, obj); err != nil {
		return "", fmt.Errorf("read %s: %w", o.URL(), err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (q *Quarantine) setTag(ctx context.Context, o actions.Object, id string) error {
	m, err := q.tags(ctx, o)
	if err != nil {
		return err
	}
	m[QuarantineTag] = id
	return q.putTags(ctx, o, m)
}

func (q *Quarantine) removeTag(ctx context.Context, o actions.Object) error {
	m, err := q.tags(ctx, o)
	if err != nil {
		return err
	}
	if _, ok := m[QuarantineTag]; !ok {
		return nil
	}
	delete(m, QuarantineTag)
	if len(m) == 0 {
		return q.c.mc.RemoveObjectTagging(ctx, o.Bucket, o.Key, minio.RemoveObjectTaggingOptions{VersionID: o.VersionID})
	}
	return q.putTags(ctx, o, m)
}

func (q *Quarantine) tags(ctx context.Context, o actions.Object) (map[string]string, error) {
	t, err := q.c.mc.GetObjectTagging(ctx, o.Bucket, o.Key, minio.GetObjectTaggingOptions{VersionID: o.VersionID})
	if err != nil {
		return nil, err
	}
	return t.ToMap(), nil
}

func (q *Quarantine) putTags(ctx context.Context, o actions.Object, m map[string]string) error {
	t, err := tags.MapToObjectTags(m)
	if err != nil {
		return err
	}
	return q.c.mc.PutObjectTagging(ctx, o.Bucket, o.Key, t, minio.PutObjectTaggingOptions{VersionID: o.VersionID})
}

// findingsHeader renders types and counts as "TYPE=N,TYPE=N" (sorted).
func findingsHeader(f map[string]int64) string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(k + "=" + strconv.FormatInt(f[k], 10))
	}
	return b.String()
}

// asciiHeader makes s safe as a metadata value (printable ASCII; others
// are percent-encoded), at most 1 KiB.
func asciiHeader(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 1024; i++ {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '%' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
