package s3

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"time"
)

// seen is what the checkpoint remembers of one processed object.
type seen struct {
	ETag         string    `json:"etag"`
	Size         int64     `json:"size"`
	LastModified time.Time `json:"last_modified"`
	VersionID    string    `json:"version_id,omitempty"`
}

// Checkpoint is the tailer's durable memory: for every object it has
// processed (handed to the Publisher, which acknowledged it), the ETag,
// size, modification time and version. It is saved atomically (temp file,
// fsync, rename), so a crash leaves the old or the new state, never a torn
// one. A Checkpoint is safe for concurrent use.
type Checkpoint struct {
	path string

	mu      sync.Mutex
	objects map[string]seen // "bucket/key"
	dirty   bool
	saved   time.Time
}

type checkpointFile struct {
	Version int             `json:"version"`
	Objects map[string]seen `json:"objects"`
}

// OpenCheckpoint loads the checkpoint at path; a missing file is an empty
// checkpoint. path "" keeps the checkpoint in memory only.
func OpenCheckpoint(path string) (*Checkpoint, error) {
	c := &Checkpoint{path: path, objects: map[string]seen{}}
	if path == "" {
		return c, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("s3: checkpoint: %w", err)
	}
	var f checkpointFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("s3: checkpoint %s: %w", path, err)
	}
	if f.Version != 1 {
		return nil, fmt.Errorf("s3: checkpoint %s: version %d, want 1", path, f.Version)
	}
	if f.Objects != nil {
		c.objects = f.Objects
	}
	return c, nil
}

func ckey(bucket, key string) string { return bucket + "/" + key }

// changed reports whether o differs from what was processed (or is new).
func (c *Checkpoint) changed(o ObjectInfo) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.objects[ckey(o.Bucket, o.Key)]
	if !ok {
		return true
	}
	if o.VersionID != "" && s.VersionID != "" {
		return o.VersionID != s.VersionID
	}
	return s.ETag != o.ETag || s.Size != o.Size || !s.LastModified.Equal(o.LastModified)
}

func (c *Checkpoint) get(bucket, key string) (seen, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.objects[ckey(bucket, key)]
	return s, ok
}

// done records o as processed.
func (c *Checkpoint) done(o ObjectInfo) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.objects[ckey(o.Bucket, o.Key)] = seen{ETag: o.ETag, Size: o.Size, LastModified: o.LastModified.UTC(), VersionID: o.VersionID}
	c.dirty = true
}

// forget drops a deleted object.
func (c *Checkpoint) forget(bucket, key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.objects[ckey(bucket, key)]; ok {
		delete(c.objects, ckey(bucket, key))
		c.dirty = true
	}
}

// keys returns the processed keys of bucket under prefix, sorted.
func (c *Checkpoint) keys(bucket, prefix string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	p := ckey(bucket, prefix)
	for k := range c.objects {
		if len(k) >= len(p) && k[:len(p)] == p {
			out = append(out, k[len(bucket)+1:])
		}
	}
	sort.Strings(out)
	return out
}

// Save writes the checkpoint if it changed since the last save.
func (c *Checkpoint) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" || !c.dirty {
		return nil
	}
	b, err := json.Marshal(checkpointFile{Version: 1, Objects: c.objects})
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), filepath.Base(c.path)+".tmp*")
	if err != nil {
		return fmt.Errorf("s3: checkpoint: %w", err)
	}
	_, err = tmp.Write(b)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), c.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("s3: checkpoint: %w", err)
	}
	c.dirty, c.saved = false, time.Now()
	return nil
}

// saveEvery saves when the last save is older than d.
func (c *Checkpoint) saveEvery(d time.Duration) error {
	c.mu.Lock()
	due := c.dirty && time.Since(c.saved) >= d
	c.mu.Unlock()
	if !due {
		return nil
	}
	return c.Save()
}
