package s3

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvEndpoint        = "WEIR_S3_ENDPOINT" // host:port or http(s)://host:port; default s3.amazonaws.com (TLS)
	EnvRegion          = "AWS_REGION"
	EnvAccessKey       = "AWS_ACCESS_KEY_ID"
	EnvSecretKey       = "AWS_SECRET_ACCESS_KEY"
	EnvSessionToken    = "AWS_SESSION_TOKEN"
	EnvCredentialsFile = "AWS_SHARED_CREDENTIALS_FILE" // default ~/.aws/credentials
	EnvProfile         = "AWS_PROFILE"
)

// Config says where the store is and how to sign requests.
type Config struct {
	Endpoint string // host:port
	Secure   bool   // TLS
	Region   string
	Creds    *credentials.Credentials
}

// ConfigFromEnv reads the endpoint and credentials: AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) when set, else the shared
// credentials file (AWS_SHARED_CREDENTIALS_FILE, profile AWS_PROFILE).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{Endpoint: "s3.amazonaws.com", Secure: true, Region: getenv(EnvRegion)}
	if ep := strings.TrimSpace(getenv(EnvEndpoint)); ep != "" {
		if strings.Contains(ep, "://") {
			u, err := url.Parse(ep)
			if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				return c, fmt.Errorf("%s=%q: want host:port or http(s)://host:port", EnvEndpoint, ep)
			}
			c.Endpoint, c.Secure = u.Host, u.Scheme == "https"
		} else {
			c.Endpoint = ep
		}
	}
	id, secret := getenv(EnvAccessKey), getenv(EnvSecretKey)
	switch {
	case id != "" && secret != "":
		c.Creds = credentials.NewStaticV4(id, secret, getenv(EnvSessionToken))
	case id != "" || secret != "":
		return c, fmt.Errorf("set both %s and %s, or neither", EnvAccessKey, EnvSecretKey)
	default:
		c.Creds = credentials.NewFileAWSCredentials(getenv(EnvCredentialsFile), getenv(EnvProfile))
	}
	return c, nil
}

// Client lists and reads objects. It is safe for concurrent use.
type Client struct {
	mc     *minio.Client
	http   *http.Client // for the notification stream (see listen)
	creds  *credentials.Credentials
	region string
}

// NewClient connects (lazily: no request is made) to the store of cfg.
func NewClient(cfg Config) (*Client, error) {
	tr, err := minio.DefaultTransport(cfg.Secure)
	if err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	// Objects are read as stored; and a gzip-compressed notification
	// stream would be buffered by the compressor on top of the server.
	tr.DisableCompression = true
	mc, err := minio.New(cfg.Endpoint, &minio.Options{Creds: cfg.Creds, Secure: cfg.Secure, Region: cfg.Region, Transport: tr})
	if err != nil {
		return nil, fmt.Errorf("s3: %w", err)
	}
	return &Client{mc: mc, http: &http.Client{Transport: tr}, creds: cfg.Creds, region: cfg.Region}, nil
}

// Minio returns the underlying minio-go client (for tests and tools in
// this package's folder).
func (c *Client) Minio() *minio.Client { return c.mc }

// ObjectInfo identifies one version of an object.
type ObjectInfo struct {
	Bucket       string
	Key          string
	VersionID    string // "" on an unversioned bucket
	ETag         string
	Size         int64
	LastModified time.Time
}

// URL is the object's s3:// address (with ?versionId= when versioned).
func (o ObjectInfo) URL() string {
	u := "s3://" + o.Bucket + "/" + o.Key
	if o.VersionID != "" && o.VersionID != "null" {
		u += "?versionId=" + url.QueryEscape(o.VersionID)
	}
	return u
}

// ParseURL splits "s3://bucket/prefix" into bucket and prefix.
func ParseURL(s string) (bucket, prefix string, err error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return "", "", fmt.Errorf("%q is not an s3:// URL", s)
	}
	bucket, prefix, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%q names no bucket", s)
	}
	return bucket, prefix, nil
}

// List yields the objects under prefix (recursively) in key order. A
// listing error is yielded once, with a zero ObjectInfo, and ends the list.
func (c *Client) List(ctx context.Context, bucket, prefix string) iter.Seq2[ObjectInfo, error] {
	return func(yield func(ObjectInfo, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // stops minio-go's listing goroutine when the caller stops early
		for o := range c.mc.ListObjects(ctx, bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
			if o.Err != nil {
				yield(ObjectInfo{}, fmt.Errorf("s3: list s3://%s/%s: %w", bucket, prefix, o.Err))
				return
			}
			if strings.HasSuffix(o.Key, "/") && o.Size == 0 { // a "folder" marker
				continue
			}
			if !yield(info(bucket, o), nil) {
				return
			}
		}
	}
}

func info(bucket string, o minio.ObjectInfo) ObjectInfo {
	return ObjectInfo{Bucket: bucket, Key: o.Key, VersionID: o.VersionID, ETag: strings.Trim(o.ETag, `"`), Size: o.Size, LastModified: o.LastModified}
}

// Stat returns the current version of an object (or versionID's).
func (c *Client) Stat(ctx context.Context, bucket, key, versionID string) (ObjectInfo, error) {
	o, err := c.mc.StatObject(ctx, bucket, key, minio.StatObjectOptions{VersionID: versionID})
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("s3: stat s3://%s/%s: %w", bucket, key, err)
	}
	return info(bucket, o), nil
}

// IsNotFound reports whether err says the object or bucket does not exist.
func IsNotFound(err error) bool {
	var er minio.ErrorResponse
	if errors.As(err, &er) {
		return er.StatusCode == 404 || er.Code == "NoSuchKey" || er.Code == "NoSuchBucket" || er.Code == "NoSuchVersion"
	}
	return false
}

// Open returns the object's body, read in one streaming GET of exactly
// that version (pinned by version id, else by ETag, so an overwrite during
// the read fails instead of mixing two versions).
func (c *Client) Open(ctx context.Context, o ObjectInfo) (io.ReadCloser, error) {
	obj, err := c.mc.GetObject(ctx, o.Bucket, o.Key, c.getOpts(o))
	if err != nil {
		return nil, fmt.Errorf("s3: get %s: %w", o.URL(), err)
	}
	return obj, nil
}

func (c *Client) getOpts(o ObjectInfo) minio.GetObjectOptions {
	opts := minio.GetObjectOptions{VersionID: o.VersionID}
	if o.VersionID == "" && o.ETag != "" {
		opts.SetMatchETag(o.ETag)
	}
	return opts
}

// ReaderAt returns random access to the object (for Parquet): each ReadAt
// is one ranged GET, so concurrent ReadAts (row groups decoded in
// parallel) run as concurrent requests.
func (c *Client) ReaderAt(ctx context.Context, o ObjectInfo) io.ReaderAt {
	return &rangeReader{ctx: ctx, c: c, o: o}
}

type rangeReader struct {
	ctx context.Context
	c   *Client
	o   ObjectInfo
}

func (r *rangeReader) ReadAt(p []byte, off int64) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if off >= r.o.Size {
		return 0, io.EOF
	}
	end := min(off+int64(len(p)), r.o.Size) - 1
	opts := r.c.getOpts(r.o)
	if err := opts.SetRange(off, end); err != nil {
		return 0, err
	}
	obj, err := r.c.mc.GetObject(r.ctx, r.o.Bucket, r.o.Key, opts)
	if err == nil {
		defer obj.Close()
		var n int
		n, err = io.ReadFull(obj, p[:end-off+1])
		if err == nil && n < len(p) {
			err = io.EOF
		}
		return n, err
	}
	return 0, fmt.Errorf("s3: get %s bytes %d-%d: %w", r.o.URL(), off, end, err)
}
