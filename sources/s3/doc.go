// Package s3 connects weir to S3 and S3-compatible stores (MinIO, ...)
// through minio-go: listing and reading objects for batch scans (Client)
// and tailing buckets for new, overwritten and deleted objects (Tailer:
// MinIO bucket notifications, or ListObjectsV2 polling with a durable
// checkpoint). Each object is decoded with sources/decode and its records
// handed to a Publisher; the package never classifies.
//
// Endpoint and credentials come from the environment (never from flags,
// which show in ps output): see ConfigFromEnv.
package s3
