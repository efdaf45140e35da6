package s3

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7/pkg/notification"
	"github.com/minio/minio-go/v7/pkg/signer"
)

// emptySHA256 is the payload hash of a request without a body.
const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// listen opens MinIO's bucket notification stream (the API behind
// minio-go's ListenBucketNotification) and calls fn for every batch of
// events until the stream ends, ctx is done or fn returns false.
//
// It is done here rather than with minio-go's ListenBucketNotification
// because, against the pinned MinIO server, that call delivered no event
// before its stream closed: it scans the stream with a 4 MiB buffer, and
// reads that large waited for far more data than the server had sent (seen
// here: the same stream read with a 64 KiB first buffer also stalled; with
// 4 KiB it delivers). The server itself sends the stream only in ~4 KiB
// pieces (its trackingResponseWriter hides http.Flusher, so its per-event
// flush is a no-op), so on a quiet bucket events still wait for more to
// follow, or for the next poll.
func (c *Client) listen(ctx context.Context, bucket, prefix string, events []string, fn func(notification.Info) bool) error {
	q := url.Values{"events": events, "prefix": {prefix}, "suffix": {""}, "ping": {"10"}}
	u := *c.mc.EndpointURL()
	u.Path = "/" + bucket
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Amz-Content-Sha256", emptySHA256)
	v, err := c.creds.Get()
	if err != nil {
		return fmt.Errorf("s3: credentials: %w", err)
	}
	region := c.region
	if region == "" {
		region = "us-east-1"
	}
	req = signer.SignV4(*req, v.AccessKeyID, v.SecretAccessKey, v.SessionToken, region)
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("s3: listen %s: %w", bucket, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("s3: listen %s: %s", bucket, resp.Status)
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 4096), 4<<20) // small first reads: see above
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var info notification.Info
		if err := json.Unmarshal([]byte(line), &info); err != nil {
			return fmt.Errorf("s3: listen %s: %w", bucket, err)
		}
		if len(info.Records) == 0 {
			continue // a ping
		}
		if !fn(info) {
			return nil
		}
	}
	if err := sc.Err(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("s3: listen %s: %w", bucket, err)
	}
	return ctx.Err()
}
