package s3

import (
	"context"
	"fmt"
	"io"

	"github.com/minio/minio-go/v7"
)

// Put writes an object (size -1: unknown, uploaded in parts).
func (c *Client) Put(ctx context.Context, bucket, key string, r io.Reader, size int64) (ObjectInfo, error) {
	info, err := c.mc.PutObject(ctx, bucket, key, r, size, minio.PutObjectOptions{})
	if err != nil {
		return ObjectInfo{}, fmt.Errorf("s3: put s3://%s/%s: %w", bucket, key, err)
	}
	return ObjectInfo{Bucket: bucket, Key: key, VersionID: info.VersionID, ETag: info.ETag, Size: info.Size, LastModified: info.LastModified}, nil
}

// MakeBucket creates a bucket (optionally with versioning).
func (c *Client) MakeBucket(ctx context.Context, bucket string, versioned bool) error {
	if err := c.mc.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
		return fmt.Errorf("s3: make bucket %s: %w", bucket, err)
	}
	if versioned {
		if err := c.mc.EnableVersioning(ctx, bucket); err != nil {
			return fmt.Errorf("s3: versioning on %s: %w", bucket, err)
		}
	}
	return nil
}

// RemoveBucket deletes every object version of a bucket and the bucket (for
// tests and throw-away buckets).
func (c *Client) RemoveBucket(ctx context.Context, bucket string) error {
	for o := range c.mc.ListObjects(ctx, bucket, minio.ListObjectsOptions{Recursive: true, WithVersions: true}) {
		if o.Err != nil {
			return fmt.Errorf("s3: list %s: %w", bucket, o.Err)
		}
		if err := c.mc.RemoveObject(ctx, bucket, o.Key, minio.RemoveObjectOptions{VersionID: o.VersionID, ForceDelete: true}); err != nil {
			return fmt.Errorf("s3: remove s3://%s/%s: %w", bucket, o.Key, err)
		}
	}
	return c.mc.RemoveBucket(ctx, bucket)
}
