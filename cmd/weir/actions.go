package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/s3"
)

const actionsUsage = `usage: weir actions COMMAND [flags]

The action log: every policy decision and every state change of an action
(proposed, approved, rejected, applied, failed, restored, dry_run), append-only
and hash-chained in the lineage store.

commands:
  list                 actions and their latest state, newest first
  show ID              an action's full history
  approve ID           approve a proposed action and apply it
  reject ID            reject a proposed action
  retry ID             apply again an approved action whose application failed
  restore ID           put a quarantined object back, byte-identical, at its key
  verify               recompute the hash chain; exit status 1 when it is broken
  watch s3://B/P...    classify new objects and act on them per --policy

Every entry is also produced to --topic (default weir.actions) when --brokers
is given. Quarantine and restore use --quarantine s3://BUCKET/PREFIX; the S3
endpoint and credentials come from WEIR_S3_ENDPOINT, AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (or the shared credentials file). The store is --store,
else $` + store.EnvDSN + `, else ` + store.DefaultPath + `.`

// envActor names the person or system acting (approve, reject, restore)
// when --actor is not given; else $USER.
const envActor = "WEIR_ACTOR"

func runActions(args []string, io stdio, getenv getenvFunc) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(io.err, actionsUsage)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return actionsCmd(ctx, args, io, getenv, nil)
}

// actionsCmd runs an actions subcommand; outcome (tests) learns what watch
// did about each object.
func actionsCmd(ctx context.Context, args []string, io stdio, getenv getenvFunc, outcome func(s3.ObjectInfo, actions.Outcome, error)) int {
	switch args[0] {
	case "list":
		return actionsList(ctx, args[1:], io, getenv)
	case "show":
		return actionsShow(ctx, args[1:], io, getenv)
	case "verify":
		return actionsVerify(ctx, args[1:], io, getenv)
	case "approve", "reject", "retry", "restore":
		return actionsChange(ctx, args[0], args[1:], io, getenv)
	case "watch":
		return actionsWatch(ctx, args[1:], io, getenv, outcome)
	}
	fmt.Fprintf(io.err, "weir actions: unknown command %q\n%s\n", args[0], actionsUsage)
	return exitError
}

// actionFlags are the flags of the commands that act.
type actionFlags struct {
	dsn, brokers, topic, quarantine, original, actor *string
}

func registerActionFlags(fs *flag.FlagSet) actionFlags {
	return actionFlags{
		dsn:        storeFlag(fs),
		brokers:    fs.String("brokers", "", "Kafka bootstrap `HOST:PORT,...`: produce every entry to --topic (TLS/SASL from WEIR_KAFKA_* env)"),
		topic:      fs.String("topic", "weir.actions", "`TOPIC` of action events"),
		quarantine: fs.String("quarantine", "", "quarantine location `s3://BUCKET/PREFIX` (for quarantine and restore)"),
		original:   fs.String("original", s3.OriginalDelete, "what quarantine does to the original: delete (the quarantined version) or tag (weir-quarantine=ACTION)"),
		actor:      fs.String("actor", "", "who acts (default $"+envActor+", else $USER)"),
	}
}

// service wires an actions.Service: the store, the S3 quarantine when
// --quarantine is given, and a Kafka publisher when --brokers is.
func (f actionFlags) service(ctx context.Context, getenv getenvFunc, write bool) (*actions.Service, func(), error) {
	st, err := openStore(ctx, *f.dsn, getenv, write)
	if err != nil {
		return nil, nil, err
	}
	closers := []func(){func() { st.Close() }}
	closeAll := func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	svc := &actions.Service{Store: st, Actor: "weir"}
	if *f.quarantine != "" {
		qc, err := s3.ParseQuarantineURL(*f.quarantine, *f.original)
		if err != nil {
			closeAll()
			return nil, nil, fmt.Errorf("--quarantine: %w", err)
		}
		cfg, err := s3.ConfigFromEnv(getenv)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		client, err := s3.NewClient(cfg)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		q, err := s3.NewQuarantine(client, qc)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		svc.Objects = q
	}
	if *f.brokers != "" {
		conn, err := kafka.ConnFromEnv(splitList(*f.brokers), getenv)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err = kafka.CreateTopics(cctx, conn, 1, *f.topic)
		cancel()
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{Linger: time.Millisecond})
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		closers = append(closers, prod.Close)
		svc.Publish = &kafkaActions{p: prod, topic: *f.topic}
	}
	return svc, closeAll, nil
}

func (f actionFlags) who(getenv getenvFunc) string {
	for _, v := range []string{*f.actor, getenv(envActor), getenv("USER")} {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return "unknown"
}

// kafkaActions produces action log entries to a topic (one partition, so
// the topic keeps the log's order; key: the action id) and waits for the
// broker's acknowledgement of each.
type kafkaActions struct {
	p     *kafka.Producer
	topic string
}

func (k *kafkaActions) Publish(ctx context.Context, e store.ActionEntry) error {
	v, err := actions.MarshalEvent(e)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	k.p.Produce(ctx, kafka.Message{Topic: k.topic, Key: []byte(e.ActionID), Value: v,
		Headers: []kafka.Header{{Key: "weir.content-type", Value: []byte("application/vnd.weir.action+json")}}},
		func(err error) { done <- err })
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func actionsList(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("actions list", io)
	dsn := storeFlag(fs)
	state := fs.String("state", "", "only actions whose latest state is `STATE` (proposed, approved, rejected, applied, failed, restored, dry_run)")
	pol := fs.String("policy", "", "only this `POLICY`'s actions")
	limit := fs.Int("limit", 100, "at most `N` actions (0: all)")
	format := fs.String("format", "text", "text or json (JSON lines)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	f := store.ActionFilter{Policy: *pol, Limit: *limit}
	if *state != "" {
		s, err := store.ParseState(*state)
		if err != nil {
			return fail(io, "actions list", err)
		}
		f.State = s
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, "actions list", err)
	}
	defer st.Close()
	es, err := st.Actions(ctx, f)
	if err != nil {
		return fail(io, "actions list", err)
	}
	if *format == "json" {
		return writeEvents(io, es)
	}
	if len(es) == 0 {
		fmt.Fprintln(io.out, "no actions")
		return exitOK
	}
	for _, e := range es {
		fmt.Fprintf(io.out, "%s  %-10s %-10s %-8s %s  %s  (%s)\n", e.ActionID, e.Action, e.State,
			e.Time.Format("2006-01-02T15:04:05Z"), e.Policy, e.Subject, findingCounts(e.Findings))
	}
	return exitOK
}

func writeEvents(io stdio, es []store.ActionEntry) int {
	enc := json.NewEncoder(io.out)
	for _, e := range es {
		if err := enc.Encode(actions.EventOf(e)); err != nil {
			return fail(io, "actions", err)
		}
	}
	return exitOK
}

// findingCounts renders finding counts as "US_SSN 2, MEDICAL_RECORD_NUMBER 1".
func findingCounts(f map[string]int64) string {
	if len(f) == 0 {
		return "no findings recorded"
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, f[k])
	}
	return strings.Join(parts, ", ")
}

func actionsShow(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("actions show", io)
	dsn := storeFlag(fs)
	format := fs.String("format", "text", "text or json (JSON lines, one per entry)")
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(io.err, "usage: weir actions show ID [--format text|json]")
		return exitError
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, "actions show", err)
	}
	defer st.Close()
	h, err := st.ActionHistory(ctx, pos[0])
	if err != nil {
		return fail(io, "actions show", err)
	}
	if *format == "json" {
		return writeEvents(io, h)
	}
	first, last := h[0], h[len(h)-1]
	fmt.Fprintf(io.out, "action %s: %s, %s\n", first.ActionID, first.Action, last.State)
	fmt.Fprintf(io.out, "  policy    %s\n  subject   %s\n  dataset   %s\n  findings  %s\n", first.Policy, first.Subject, first.Dataset, findingCounts(first.Findings))
	for _, e := range h {
		fmt.Fprintf(io.out, "  #%-5d %s  %-9s by %s", e.Seq, e.Time.Format(time.RFC3339Nano), e.State, e.Actor)
		if e.Reason != "" {
			fmt.Fprintf(io.out, ": %s", e.Reason)
		}
		fmt.Fprintln(io.out)
		keys := make([]string, 0, len(e.Detail))
		for k := range e.Detail {
			if !strings.HasPrefix(k, "object_") {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(io.out, "           %s: %s\n", k, e.Detail[k])
		}
		fmt.Fprintf(io.out, "           hash %s\n", e.Hash)
	}
	if last.State == store.StateApplied && last.Detail["undo"] != "" {
		fmt.Fprintf(io.out, "undo: %s\n", last.Detail["undo"])
	}
	return exitOK
}

func actionsVerify(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("actions verify", io)
	dsn := storeFlag(fs)
	head := fs.String("head", "", "expected head `HASH` (kept elsewhere, e.g. the last weir.actions event): detects removed trailing entries")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, "actions verify", err)
	}
	defer st.Close()
	r, err := st.VerifyActions(ctx)
	if err != nil {
		return fail(io, "actions verify", err)
	}
	fmt.Fprintln(io.out, r.String())
	if !r.OK {
		return exitFindings
	}
	if *head != "" && *head != r.Head {
		fmt.Fprintf(io.out, "the head is not the expected %s: entries were removed from the end, or the log is another one\n", *head)
		return exitFindings
	}
	return exitOK
}

func actionsChange(ctx context.Context, verb string, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("actions "+verb, io)
	af := registerActionFlags(fs)
	reason := fs.String("reason", "", "why (recorded in the log; never paste detected values)")
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintf(io.err, "usage: weir actions %s ID [flags]\n", verb)
		return exitError
	}
	if verb == "reject" && strings.TrimSpace(*reason) == "" {
		return fail(io, "actions reject", errors.New("--reason is required"))
	}
	svc, closeAll, err := af.service(ctx, getenv, false)
	if err != nil {
		return fail(io, "actions "+verb, err)
	}
	defer closeAll()
	var e store.ActionEntry
	switch verb {
	case "approve":
		e, err = svc.Approve(ctx, pos[0], af.who(getenv), *reason)
	case "reject":
		e, err = svc.Reject(ctx, pos[0], af.who(getenv), *reason)
	case "retry":
		e, err = svc.Retry(ctx, pos[0])
	case "restore":
		e, err = svc.Restore(ctx, pos[0], af.who(getenv), *reason)
	}
	if e.Seq != 0 {
		fmt.Fprintf(io.out, "action %s: %s (entry %d)", e.ActionID, e.State, e.Seq)
		if e.Reason != "" {
			fmt.Fprintf(io.out, ": %s", e.Reason)
		}
		fmt.Fprintln(io.out)
	}
	if err != nil {
		return fail(io, "actions "+verb, err)
	}
	return exitOK
}

// actionsWatch tails buckets, classifies every new object and acts on it
// per the policies, with the lineage of the object's dataset.
func actionsWatch(ctx context.Context, args []string, io stdio, getenv getenvFunc, outcome func(s3.ObjectInfo, actions.Outcome, error)) int {
	fs := newFlagSet("actions watch", io)
	af := registerActionFlags(fs)
	var files policyFiles
	fs.Var(&files, "policy", "policy `FILE` (repeatable; required)")
	var ef engineFlags
	ef.register(fs)
	notify := fs.Bool("notifications", false, "follow MinIO bucket notifications as well as polling (instant pick-up)")
	poll := fs.Duration("poll", 30*time.Second, "ListObjectsV2 polling interval")
	checkpoint := fs.String("checkpoint", "", "durable checkpoint `FILE` (resume without re-reading unchanged objects)")
	once := fs.Bool("once", false, "poll once and exit")
	ttl := fs.Duration("lineage-ttl", 30*time.Second, "how long a dataset's lineage (tags, blast radius) is cached")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir actions watch --policy FILE --quarantine s3://BUCKET/PREFIX [flags] s3://BUCKET/PREFIX...

Watches bucket/prefix pairs; classifies every new object version; evaluates
the policies with the object's dataset (the longest prefix the lineage store
knows, else the watched prefix), its tags and the models and collections it
feeds; and acts: quarantine (or propose it, with approval: required), alert,
dry runs recorded. Every step is in the action log and on --topic.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || len(files) == 0 {
		fs.Usage()
		return exitError
	}
	set, err := policy.Load(policy.Options{TypeCategory: classifiers.TypeCategory}, files...)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	var targets []s3.Target
	for _, a := range fs.Args() {
		b, p, err := s3.ParseURL(a)
		if err != nil {
			return fail(io, "actions watch", err)
		}
		targets = append(targets, s3.Target{Bucket: b, Prefix: p, Dataset: a})
	}
	svc, closeAll, err := af.service(ctx, getenv, true)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	defer closeAll()
	cfg, err := s3.ConfigFromEnv(getenv)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	client, err := s3.NewClient(cfg)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	ck, err := s3.OpenCheckpoint(*checkpoint)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	log := slog.New(slog.NewTextHandler(io.err, nil))
	acted := 0
	pub := &s3.EnforcePublisher{
		Scan: func(field string, text []byte) []policy.Finding {
			fs := eng.ScanField(field, text)
			out := make([]policy.Finding, len(fs))
			for i, f := range fs {
				out[i] = policy.Finding{Type: f.Type, Category: f.Category, Confidence: f.Confidence}
			}
			return out
		},
		Enforcer: &actions.Enforcer{Store: svc.Store, Policies: set, Service: svc, TTL: *ttl},
		OnOutcome: func(o s3.ObjectInfo, out actions.Outcome, err error) {
			switch {
			case err != nil:
				log.Error("action failed", "object", o.URL(), "dataset", out.Dataset, "err", err)
			case out.Acted != nil:
				acted++
				log.Info("action", "id", out.Acted.ActionID, "action", out.Acted.Action, "state", string(out.Acted.State),
					"policy", out.Acted.Policy, "object", o.URL(), "findings", findingCounts(out.Acted.Findings))
			case out.RestoredBy != "":
				log.Info("restored object left alone", "object", o.URL(), "restored_by", out.RestoredBy)
			}
			if outcome != nil {
				outcome(o, out, err)
			}
		},
	}
	tl, err := s3.NewTailer(client, pub, s3.TailerConfig{Targets: targets, Checkpoint: ck, PollInterval: *poll,
		Notifications: *notify, Logf: func(f string, a ...any) { log.Warn(fmt.Sprintf(f, a...)) }})
	if err != nil {
		return fail(io, "actions watch", err)
	}
	if *once {
		err = tl.Poll(ctx)
	} else if err = tl.Run(ctx); errors.Is(err, context.Canceled) {
		err = nil
	}
	log.Info("weir actions watch stopped", "acted", acted)
	if err != nil {
		return fail(io, "actions watch", err)
	}
	return exitOK
}
