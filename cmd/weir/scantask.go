package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/internal/scandist"
	"github.com/weir-dev/weir/sources/decode"
	"github.com/weir-dev/weir/sources/s3"
)

// taskRunner does the tasks of distributed scans with the code path of a
// local scan: a whole-object task is objectScanner.scan, a chunk task is
// objectScanner.classifyChunks. It is safe for concurrent use.
type taskRunner struct {
	detectors string // --detectors of the worker (custom detector YAML)
	workers   int    // goroutines classifying one task's batches or chunks
	getenv    getenvFunc
	s3c       func() (*s3.Client, error)

	mu      sync.Mutex
	engines map[string]*classifiers.Engine // by min confidence and types
}

func newTaskRunner(detectors string, workers int, getenv getenvFunc) *taskRunner {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	return &taskRunner{detectors: detectors, workers: max(1, workers), getenv: getenv, engines: map[string]*classifiers.Engine{},
		s3c: newScanS3(getenv)}
}

// engine returns the engine for a task's options, compiling it once.
func (tr *taskRunner) engine(o scandist.Options) (*classifiers.Engine, error) {
	key := fmt.Sprintf("%v|%s", o.MinConfidence, o.Types)
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if e := tr.engines[key]; e != nil {
		return e, nil
	}
	ef := engineFlags{minConfidence: o.MinConfidence, types: o.Types, detectors: tr.detectors}
	e, err := ef.engine(tr.getenv)
	if err != nil {
		return nil, err
	}
	tr.engines[key] = e
	return e, nil
}

// engineProbe is scanned by engineCheck: synthetic values of common types.
const engineProbe = "email user0.quill@fastmail.com card 4104 3321 8196 0018 ssn 536-27-4410 phone +1 415 555 0134"

// engineCheck digests what makes two engines report differently: the
// detector IDs and the findings (fingerprints included) of a fixed probe.
func engineCheck(eng *classifiers.Engine) string {
	h := sha256.New()
	for _, s := range eng.Specs() {
		fmt.Fprintf(h, "%s\n", s.ID)
	}
	fmt.Fprintf(h, "%v\n", eng.MinConfidence())
	for _, f := range eng.Scan([]byte(engineProbe)) {
		fmt.Fprintf(h, "%s %d %d %s\n", f.Type, f.Start, f.End, f.Fingerprint)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// job is the scanJob of a task.
func (tr *taskRunner) job(t *scandist.Task) (scanJob, error) {
	j := scanJob{dataset: t.Dataset, path: t.Path, size: t.Size}
	if t.File != "" {
		j.open = openFileAs(t.File, t.Path)
		return j, nil
	}
	c, err := tr.s3c()
	if err != nil {
		return j, err
	}
	j.open = openS3(c, s3.ObjectInfo{Bucket: t.S3.Bucket, Key: t.S3.Key, VersionID: t.S3.VersionID, ETag: t.S3.ETag, Size: t.Size})
	return j, nil
}

// run does task t. The result answers t even when the object could not be
// scanned (its Err says why, as a local scan's report would); when ctx is
// done before the task finished, run returns ctx's error and no result
// must be published (another worker redoes the task).
func (tr *taskRunner) run(ctx context.Context, t *scandist.Task) (scandist.Result, error) {
	res := scandist.Result{Scan: t.Scan, Task: t.ID, Sum: t.Sum()}
	eng, err := tr.engine(t.Options)
	var job scanJob
	if err == nil && t.Options.EngineCheck != "" && engineCheck(eng) != t.Options.EngineCheck {
		err = fmt.Errorf("scan worker: its engine differs from the scan's (detector catalogue or %s): engine check %s, want %s",
			envFingerprintKey, engineCheck(eng), t.Options.EngineCheck)
	}
	if err == nil {
		job, err = tr.job(t)
	}
	if err != nil {
		res.Err = err.Error()
		return res, ctx.Err()
	}
	s := &objectScanner{eng: eng, limits: t.Options.Limits, sampleRows: t.Options.SampleRows, samplePercent: t.Options.SamplePercent,
		maxFindings: t.Options.MaxFindings, sem: make(chan struct{}, tr.workers)}
	if len(t.Chunks) == 0 {
		fr := s.scan(ctx, job)
		if err := ctx.Err(); err != nil {
			return res, err
		}
		res.Bytes, res.Rows, res.Sampled, res.Skipped, res.Notes = fr.bytes, fr.rows, fr.sampled, fr.skipped, fr.notes
		if fr.err != nil {
			res.Err = fr.err.Error()
		}
		res.FindingsTotal = len(fr.findings)
		res.Profile = fr.prof.toWire()
		res.Findings, err = encodeFindings(fr.findings)
		return res, err
	}
	return tr.chunks(ctx, s, job, t, res)
}

// chunks does a chunk task: a part of a Parquet object, merged by the
// coordinator with the object's other parts.
func (tr *taskRunner) chunks(ctx context.Context, s *objectScanner, job scanJob, t *scandist.Task, res scandist.Result) (scandist.Result, error) {
	obj, closeObj, err := job.open(ctx)
	if err != nil {
		res.Err = err.Error()
		return res, ctx.Err()
	}
	defer closeObj()
	p, err := decode.OpenParquet(obj.At, obj.Size, s.limits)
	if err != nil {
		res.Err = err.Error()
		return res, ctx.Err()
	}
	chunks := make([]pqChunk, len(t.Chunks))
	for i, c := range t.Chunks {
		chunks[i] = pqChunk{c.G, c.C}
	}
	fr := fileResult{path: t.Path, dataset: t.Dataset, prof: profile{}}
	var notes noteList
	parts, err := s.classifyChunks(ctx, p, chunks, &fr, func(n decode.Note) { notes.add(n) })
	if cerr := ctx.Err(); cerr != nil {
		return res, cerr
	}
	for _, pt := range parts {
		res.FindingsTotal += len(pt.findings)
		if s.maxFindings <= 0 || len(fr.findings) < s.maxFindings {
			fr.findings = append(fr.findings, pt.findings...)
		}
		fr.prof.merge(pt.prof)
	}
	if s.maxFindings > 0 && len(fr.findings) > s.maxFindings {
		fr.findings = fr.findings[:s.maxFindings]
	}
	if err != nil {
		res.Err = err.Error()
	}
	if notes.err != nil {
		res.NoteErr = notes.err.Error()
	}
	res.Bytes, res.Notes, res.NoteCount = fr.bytes, notes.msgs, notes.n
	res.Profile = fr.prof.toWire()
	res.Findings, err = encodeFindings(fr.findings)
	return res, err
}

// mergeChunkResults assembles a Parquet object from the results of its
// chunk tasks, in task order, as objectScanner.scan does from its parts.
func mergeChunkResults(path, dataset string, rows int64, sampled bool, maxFindings int, rs []scandist.Result) (fileResult, error) {
	fr := fileResult{path: path, dataset: dataset, rows: rows, sampled: sampled, prof: profile{}}
	var (
		notes noteList
		errs  []error
		total int
	)
	for _, r := range rs {
		fs, err := decodeFindings(r.Findings)
		if err != nil {
			return fr, err
		}
		fr.bytes += r.Bytes
		fr.findings = append(fr.findings, fs...)
		total += r.FindingsTotal
		fr.prof.merge(profileFromWire(r.Profile))
		errs = append(errs, errOf(r.Err))
		for _, m := range r.Notes {
			if len(notes.msgs) < maxNotes {
				notes.msgs = append(notes.msgs, m)
			}
		}
		notes.n += r.NoteCount
		if notes.err == nil {
			notes.err = errOf(r.NoteErr)
		}
	}
	if maxFindings > 0 && total > maxFindings {
		notes.msg(moreFindingsNote(total - maxFindings))
		fr.findings = fr.findings[:min(len(fr.findings), maxFindings)]
	}
	fr.notes = notes.list()
	if err := errors.Join(errs...); err != nil {
		fr.err = err
	} else if notes.err != nil {
		fr.err = notes.err
	}
	return fr, nil
}

// wholeResult is the fileResult of a whole-object task.
func wholeResult(path, dataset string, r scandist.Result) (fileResult, error) {
	fs, err := decodeFindings(r.Findings)
	fr := fileResult{path: path, dataset: dataset, bytes: r.Bytes, rows: r.Rows, sampled: r.Sampled, skipped: r.Skipped,
		err: errOf(r.Err), notes: r.Notes, findings: fs, prof: profileFromWire(r.Profile)}
	if fr.skipped != "" {
		fr.prof, fr.findings = nil, nil
	}
	return fr, err
}
