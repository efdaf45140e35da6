package s3

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/minio/minio-go/v7/pkg/notification"

	"github.com/weir-dev/weir/sources/decode"
)

// Target is one bucket/prefix pair to tail.
type Target struct {
	Bucket  string
	Prefix  string
	Dataset string // name in provenance; default "s3://bucket/prefix"
}

func (t Target) dataset() string {
	if t.Dataset != "" {
		return t.Dataset
	}
	return "s3://" + t.Bucket + "/" + t.Prefix
}

// Record is one decoded record of an object, with its provenance.
type Record struct {
	Object  ObjectInfo
	Dataset string
	ID      string // s3://bucket/key?versionId=...#L12/field (stable and unique)
	Field   string // CSV column, JSON path or Parquet column; "" for text
	Text    []byte // valid only during Publisher.Record
	Loc     decode.Location
}

// ObjectResult ends an object: every record has been handed over.
type ObjectResult struct {
	Object  ObjectInfo
	Dataset string
	Stats   decode.Stats
	// Err is set when the object could not be read whole: a limit (a
	// decompression bomb, an oversized object), a corrupt or truncated file.
	// Its records so far were published; the object belongs in the DLQ or
	// the report with this reason. The tailer goes on with the next object.
	Err   error
	Notes []decode.Note // problems that did not stop decoding (first 100)
}

// Publisher receives what the tailer reads. Calls come from one goroutine
// per Tailer, in order: the records of an object, then ObjectDone; or
// ObjectDeleted. An object is checkpointed only after ObjectDone returns
// nil, so ObjectDone must return only when the records are durable (for
// Kafka: acknowledged); an error stops the tailer, and after a restart the
// object is read again (at-least-once).
type Publisher interface {
	Record(ctx context.Context, r Record) error
	ObjectDone(ctx context.Context, r ObjectResult) error
	ObjectDeleted(ctx context.Context, o ObjectInfo, dataset string) error
}

// TailerConfig configures a Tailer.
type TailerConfig struct {
	Targets []Target
	// Checkpoint remembers processed objects across restarts. Default: in
	// memory only (every restart reads everything again).
	Checkpoint *Checkpoint
	// PollInterval is the time between ListObjectsV2 passes. Default 30s.
	// With Notifications, polls still run (default every 5 minutes) to
	// catch what a dropped notification stream missed.
	PollInterval time.Duration
	// Notifications listens to MinIO bucket notifications
	// (ListenBucketNotification) for instant pick-up; MinIO only.
	Notifications bool
	// Limits bound each object's decoding.
	Limits decode.Limits
	// Logf reports retries and dropped notification streams. Default: none.
	Logf func(format string, args ...any)
}

// Tailer watches bucket/prefix pairs for new, overwritten and deleted
// objects and publishes the records of each new object version.
type Tailer struct {
	c   *Client
	pub Publisher
	cfg TailerConfig
}

// NewTailer returns a tailer; Run starts it.
func NewTailer(c *Client, pub Publisher, cfg TailerConfig) (*Tailer, error) {
	if len(cfg.Targets) == 0 {
		return nil, errors.New("s3: tailer: no bucket/prefix targets")
	}
	for _, t := range cfg.Targets {
		if t.Bucket == "" {
			return nil, errors.New("s3: tailer: a target has no bucket")
		}
	}
	if cfg.Checkpoint == nil {
		cfg.Checkpoint, _ = OpenCheckpoint("")
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = 30 * time.Second
		if cfg.Notifications {
			cfg.PollInterval = 5 * time.Minute
		}
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Tailer{c: c, pub: pub, cfg: cfg}, nil
}

// event is a notification turned into work for the main loop.
type event struct {
	target  Target
	removed bool
	key     string
	version string
}

// Run polls every target once (catching up with what changed while the
// tailer was down), then follows notifications and/or polls until ctx ends.
// It saves the checkpoint before it returns. It returns ctx's error, or
// the first Publisher or checkpoint error.
func (t *Tailer) Run(ctx context.Context) error {
	err := t.run(ctx)
	if serr := t.cfg.Checkpoint.Save(); err == nil || errors.Is(err, context.Canceled) && serr != nil {
		err = serr
	}
	return err
}

func (t *Tailer) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	events := make(chan event, 64)
	if t.cfg.Notifications {
		for _, tg := range t.cfg.Targets {
			go t.listen(ctx, tg, events)
		}
	}
	if err := t.Poll(ctx); err != nil {
		return err
	}
	tick := time.NewTicker(t.cfg.PollInterval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			if err := t.Poll(ctx); err != nil {
				return err
			}
		case ev := <-events:
			if err := t.handle(ctx, ev); err != nil {
				return err
			}
		}
	}
}

// listen turns MinIO notifications into events, reconnecting with backoff.
func (t *Tailer) listen(ctx context.Context, tg Target, events chan<- event) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := t.c.listen(ctx, tg.Bucket, tg.Prefix, []string{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"}, func(info notification.Info) bool {
			backoff = 100 * time.Millisecond
			for _, r := range info.Records {
				if ev, ok := toEvent(tg, r); ok {
					select {
					case events <- ev:
					case <-ctx.Done():
						return false
					}
				}
			}
			return true
		})
		if ctx.Err() != nil {
			return
		}
		t.cfg.Logf("s3: notifications for %s: %v (reconnecting)", tg.dataset(), err)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff = min(2*backoff, 30*time.Second)
	}
}

func toEvent(tg Target, r notification.Event) (event, bool) {
	key, err := url.QueryUnescape(r.S3.Object.Key)
	if err != nil || !strings.HasPrefix(key, tg.Prefix) {
		return event{}, false
	}
	return event{target: tg, key: key, version: r.S3.Object.VersionID, removed: strings.HasPrefix(r.EventName, "s3:ObjectRemoved:")}, true
}

// handle processes one notification.
func (t *Tailer) handle(ctx context.Context, ev event) error {
	if ev.removed {
		o, err := t.c.Stat(ctx, ev.target.Bucket, ev.key, "")
		switch {
		case err == nil: // deleted, then written again (or a non-current version was removed)
			return t.maybeProcess(ctx, ev.target, o)
		case IsNotFound(err) || isDeleteMarker(err):
			return t.deleted(ctx, ev.target, ev.key)
		default:
			t.cfg.Logf("s3: %v (the next poll retries)", err)
			return nil
		}
	}
	o, err := t.c.Stat(ctx, ev.target.Bucket, ev.key, "")
	switch {
	case IsNotFound(err): // deleted again already; its removal event follows
		return nil
	case err != nil:
		t.cfg.Logf("s3: %v (the next poll retries)", err)
		return nil
	}
	return t.maybeProcess(ctx, ev.target, o)
}

func isDeleteMarker(err error) bool {
	return strings.Contains(err.Error(), "delete marker") || strings.Contains(err.Error(), "MethodNotAllowed")
}

// Poll lists every target once: new and changed objects are processed,
// objects in the checkpoint that are no longer listed are reported deleted.
// A listing that fails part-way reports no deletions.
func (t *Tailer) Poll(ctx context.Context) error {
	for _, tg := range t.cfg.Targets {
		listed := map[string]bool{}
		for o, err := range t.c.List(ctx, tg.Bucket, tg.Prefix) {
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				t.cfg.Logf("%v (retried at the next poll)", err)
				listed = nil
				break
			}
			listed[o.Key] = true
			if err := t.maybeProcess(ctx, tg, o); err != nil {
				return err
			}
		}
		for _, key := range t.cfg.Checkpoint.keys(tg.Bucket, tg.Prefix) {
			if listed != nil && !listed[key] {
				if err := t.deleted(ctx, tg, key); err != nil {
					return err
				}
			}
		}
	}
	return t.cfg.Checkpoint.Save()
}

func (t *Tailer) deleted(ctx context.Context, tg Target, key string) error {
	s, ok := t.cfg.Checkpoint.get(tg.Bucket, key)
	if !ok {
		return nil
	}
	o := ObjectInfo{Bucket: tg.Bucket, Key: key, VersionID: s.VersionID, ETag: s.ETag, Size: s.Size, LastModified: s.LastModified}
	if err := t.pub.ObjectDeleted(ctx, o, tg.dataset()); err != nil {
		return fmt.Errorf("s3: publish deletion of %s: %w", o.URL(), err)
	}
	t.cfg.Checkpoint.forget(tg.Bucket, key)
	return t.cfg.Checkpoint.saveEvery(time.Second)
}

// maybeProcess reads o unless the checkpoint says this version was read.
func (t *Tailer) maybeProcess(ctx context.Context, tg Target, o ObjectInfo) error {
	if !t.cfg.Checkpoint.changed(o) {
		return nil
	}
	if o.VersionID == "" { // listings carry no version id: pin the version being read
		st, err := t.c.Stat(ctx, o.Bucket, o.Key, "")
		if err != nil {
			if IsNotFound(err) { // gone since the listing; the next poll reports it
				return nil
			}
			t.cfg.Logf("s3: %v (retried at the next poll)", err)
			return nil
		}
		o = st
		if !t.cfg.Checkpoint.changed(o) {
			return nil
		}
	}
	return t.process(ctx, tg, o)
}

// pubError marks an error of the Publisher inside the decode callback.
type pubError struct{ err error }

func (e pubError) Error() string { return e.err.Error() }
func (e pubError) Unwrap() error { return e.err }

// maxNotes bounds the notes kept per object.
const maxNotes = 100

// process decodes o and publishes its records, then checkpoints it.
func (t *Tailer) process(ctx context.Context, tg Target, o ObjectInfo) error {
	res := ObjectResult{Object: o, Dataset: tg.dataset()}
	obj := decode.Object{Name: o.Key, Size: o.Size, At: t.c.ReaderAt(ctx, o)}
	if f, comp := decode.FormatOf(o.Key); f != decode.FormatParquet || comp != decode.CompressionNone {
		body, err := t.c.Open(ctx, o)
		if err != nil {
			t.cfg.Logf("%v (retried at the next poll)", err)
			return nil
		}
		defer body.Close()
		obj.Body = body
	}
	base := o.URL()
	st, err := decode.Decode(ctx, obj, decode.Options{Limits: t.cfg.Limits, OnNote: func(n decode.Note) {
		if len(res.Notes) < maxNotes {
			res.Notes = append(res.Notes, n)
		}
	}}, func(r decode.Record) error {
		rec := Record{Object: o, Dataset: res.Dataset, ID: recordID(base, r), Field: r.Field, Text: r.Text, Loc: r.Loc}
		if err := t.pub.Record(ctx, rec); err != nil {
			return pubError{err}
		}
		return nil
	})
	res.Stats = st
	var pe pubError
	switch {
	case errors.As(err, &pe):
		return fmt.Errorf("s3: publish %s: %w", base, pe.err)
	case ctx.Err() != nil:
		return ctx.Err()
	case err != nil && IsNotFound(err) || err != nil && strings.Contains(err.Error(), "PreconditionFailed"):
		t.cfg.Logf("s3: %s changed while it was read; read again at the next poll", base)
		return nil
	}
	res.Err = err
	if err := t.pub.ObjectDone(ctx, res); err != nil {
		return fmt.Errorf("s3: publish %s: %w", base, err)
	}
	t.cfg.Checkpoint.done(o)
	return t.cfg.Checkpoint.saveEvery(time.Second)
}

// recordID names a record: the object's URL and a fragment with its line
// (text formats) or row (Parquet) and field.
func recordID(base string, r decode.Record) string {
	var b strings.Builder
	b.WriteString(base)
	if r.Loc.RowGroup >= 0 {
		b.WriteString("#row=")
		b.WriteString(strconv.FormatInt(r.Loc.Row, 10))
	} else {
		b.WriteString("#L")
		b.WriteString(strconv.Itoa(r.Loc.Line))
		if r.Field == "" && r.Loc.Column > 1 {
			b.WriteString(":" + strconv.Itoa(r.Loc.Column))
		}
	}
	if r.Field != "" {
		b.WriteString("/")
		b.WriteString(r.Field)
	}
	return b.String()
}
