// Command actionbench measures detection-to-action latency (bench/run
// action-latency): against the MinIO server scripts/minio.sh starts, with a
// SQLite lineage store in a temporary directory, it records the lineage of
// issue 7's scenario (job train-support-bot reads s3://BUCKET/tickets and
// writes the external model support-bot), watches the prefix as `weir
// actions watch` does (MinIO notifications plus ListObjectsV2 polling every
// -poll, the classifier, the policy, the S3 quarantine, the action log),
// PUTs -objects objects with synthetic PHI one every -gap, and times each
// from the end of its PUT to the end of its quarantine (copied, checked,
// original deleted, entry appended). It reports the percentiles of that, of
// the baseline measured on the same objects (PUT -> findings: the tailer and
// the classifier, as bench/run tail-latency), of the in-process part
// (findings -> quarantine complete), and the
// OpenLineage ingest rate into the same store (events/s, one transaction per
// event as the HTTP endpoint does). It ends with one line:
//
//	bench=action-latency objects=N poll_s=.. put_to_quarantine_p50_ms=.. put_to_quarantine_p99_ms=..
//	baseline_put_to_detection_p50_ms=.. baseline_put_to_detection_p99_ms=.. decide_to_quarantine_p50_ms=.. decide_to_quarantine_p99_ms=.. missed=.. ingest_events_per_s=..
package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/sources/s3"
)

const policies = `version: 1
policies:
  - name: no-phi-in-external-models
    when:
      categories: [PHI]
      min_confidence: 0.8
      feeds: {kind: model, exposure: external}
    action: quarantine
`

const event = `{"eventType": "COMPLETE", "eventTime": "2026-11-20T06:42:10Z", "producer": "https://github.com/acme/ml-platform/tree/v2.3.0/train", "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent", "run": {"runId": "d2b5c8a1-6f3e-4a7b-9c0d-RUNID"}, "job": {"namespace": "ml-training", "name": "JOB"}, "inputs": [{"namespace": "s3://BUCKET", "name": "DATASET"}], "outputs": [{"namespace": "mlflow://mlflow.acme.internal", "name": "models/MODEL", "facets": {"weir_model": {"_producer": "https://github.com/acme/ml-platform/tree/v2.3.0/train", "_schemaURL": "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_model.json", "exposure": "external"}}}]}`

func ev(bucket string, i int, dataset, job, model string) []byte {
	r := strings.NewReplacer("BUCKET", bucket, "RUNID", fmt.Sprintf("%012d", i), "DATASET", dataset, "JOB", job, "MODEL", model)
	return []byte(r.Replace(event))
}

func main() {
	n := flag.Int("objects", 1000, "objects written")
	gap := flag.Duration("gap", 20*time.Millisecond, "time between PUTs")
	poll := flag.Duration("poll", time.Second, "ListObjectsV2 polling interval (notifications are on too)")
	timeout := flag.Duration("timeout", 30*time.Second, "an object not quarantined within this after the last PUT is missed")
	ingestN := flag.Int("ingest-events", 2000, "OpenLineage events ingested for the ingest rate")
	quick := flag.Bool("quick", false, "100 objects, 500 events")
	flag.Parse()
	if *quick {
		*n, *ingestN = 100, 500
	}
	if os.Getenv(s3.EnvEndpoint) == "" {
		fail(fmt.Errorf("%s is not set: run through bench/run action-latency (it starts MinIO with scripts/minio.sh)", s3.EnvEndpoint))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg, err := s3.ConfigFromEnv(os.Getenv)
	if err != nil {
		fail(err)
	}
	c, err := s3.NewClient(cfg)
	if err != nil {
		fail(err)
	}
	var b [4]byte
	rand.Read(b[:])
	bucket, qbucket := "training-"+hex.EncodeToString(b[:]), "weir-quarantine-"+hex.EncodeToString(b[:])
	for _, bk := range []string{bucket, qbucket} {
		if err := c.MakeBucket(ctx, bk, bk == bucket); err != nil {
			fail(err)
		}
		defer c.RemoveBucket(context.Background(), bk)
	}
	dir, err := os.MkdirTemp("", "actionbench")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(ctx, filepath.Join(dir, "lineage.db"))
	if err != nil {
		fail(err)
	}
	defer st.Close()

	// Lineage ingest rate, and the scenario's lineage.
	in := openlineage.NewIngester(st, nil)
	events := make([][]byte, *ingestN)
	for i := range events {
		events[i] = ev(bucket, i+1, fmt.Sprintf("other-%d", i%1000), fmt.Sprintf("train-%d", i%500), fmt.Sprintf("bot-%d", i%200))
	}
	t0 := time.Now()
	for _, e := range events {
		if err := in.Ingest(ctx, e); err != nil {
			fail(err)
		}
	}
	ingestRate := float64(len(events)) / time.Since(t0).Seconds()
	if err := in.Ingest(ctx, ev(bucket, 0, "tickets", "train-support-bot", "support-bot")); err != nil {
		fail(err)
	}

	set, err := policy.Parse("policies.yaml", []byte(policies), policy.Options{TypeCategory: classifiers.TypeCategory})
	if err != nil {
		fail(err)
	}
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{})
	if err != nil {
		fail(err)
	}
	q, err := s3.NewQuarantine(c, s3.QuarantineConfig{Bucket: qbucket, Prefix: "held/"})
	if err != nil {
		fail(err)
	}
	svc := &actions.Service{Store: st, Objects: q}
	var (
		mu   sync.Mutex
		done = map[string]time.Time{}
		took = map[string]time.Duration{}
	)
	pub := &s3.EnforcePublisher{
		Scan: func(field string, text []byte) []policy.Finding {
			var out []policy.Finding
			for _, f := range eng.ScanField(field, text) {
				out = append(out, policy.Finding{Type: f.Type, Category: f.Category, Confidence: f.Confidence})
			}
			return out
		},
		Enforcer: &actions.Enforcer{Store: st, Policies: set, Service: svc},
		OnOutcome: func(o s3.ObjectInfo, out actions.Outcome, err error) {
			if err != nil {
				fmt.Fprintln(os.Stderr, "actionbench:", o.Key, err)
				return
			}
			if out.Acted != nil && out.Acted.State == store.StateApplied {
				mu.Lock()
				done[o.Key], took[o.Key] = time.Now(), out.Took
				mu.Unlock()
			}
		},
	}
	tl, err := s3.NewTailer(c, pub, s3.TailerConfig{Targets: []s3.Target{{Bucket: bucket, Prefix: "tickets/", Dataset: "s3://" + bucket + "/tickets/"}},
		Notifications: true, PollInterval: *poll, Logf: func(f string, a ...any) { fmt.Fprintf(os.Stderr, "actionbench: "+f+"\n", a...) }})
	if err != nil {
		fail(err)
	}
	go tl.Run(ctx)
	time.Sleep(time.Second) // the first poll and the notification listener

	put := map[string]time.Time{}
	for i := range *n {
		key := fmt.Sprintf("tickets/2026/11/22/%05d.jsonl", i)
		body := fmt.Sprintf(`{"ticket": %d, "body": "Patient Jane Roe, MRN: %08d, DOB 1962-03-14, asks about her refill"}`+"\n", i, 48291300+i)
		if _, err := c.Put(ctx, bucket, key, bytes.NewReader([]byte(body)), int64(len(body))); err != nil {
			fail(err)
		}
		put[key] = time.Now()
		time.Sleep(*gap)
	}
	deadline := time.Now().Add(*timeout)
	for time.Now().Before(deadline) {
		mu.Lock()
		k := len(done)
		mu.Unlock()
		if k >= *n {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	mu.Lock()
	defer mu.Unlock()
	var lat, dec, det []float64
	missed := 0
	for key, t0 := range put {
		t1, ok := done[key]
		if !ok {
			missed++
			continue
		}
		lat = append(lat, ms(t1.Sub(t0)))
		dec = append(dec, ms(took[key]))
		det = append(det, ms(t1.Sub(t0)-took[key]))
	}
	sort.Float64s(lat)
	sort.Float64s(dec)
	sort.Float64s(det)
	rep, err := st.VerifyActions(context.Background())
	if err != nil || !rep.OK {
		fail(fmt.Errorf("action log: %v %v", rep, err))
	}
	fmt.Printf("bench=action-latency objects=%d poll_s=%g put_to_quarantine_p50_ms=%s put_to_quarantine_p99_ms=%s baseline_put_to_detection_p50_ms=%s baseline_put_to_detection_p99_ms=%s decide_to_quarantine_p50_ms=%s decide_to_quarantine_p99_ms=%s missed=%d log_entries=%d ingest_events_per_s=%.0f\n",
		*n, poll.Seconds(), pct(lat, 50), pct(lat, 99), pct(det, 50), pct(det, 99), pct(dec, 50), pct(dec, 99), missed, rep.Entries, ingestRate)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func pct(sorted []float64, p int) string {
	if len(sorted) == 0 {
		return "NA"
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return fmt.Sprintf("%.0f", sorted[max(i, 0)])
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "actionbench:", err)
	os.Exit(1)
}
