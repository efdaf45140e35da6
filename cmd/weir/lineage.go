package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/lineage/actions"
	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/policy"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/view"
)

const lineageUsage = `usage: weir lineage COMMAND [flags]

The lineage store: which datasets feed which jobs, models and vector
collections, and what weir found in them.

commands:
  add FROM TO          record an edge by hand (systems that emit no OpenLineage)
  show REF             a node: exposure, tags, observations, upstream, downstream
  blast-radius REF     the models and collections that learned from a dataset
  ingest FILE...       store OpenLineage events from files (one JSON event, or JSON lines)
  observe REPORT...    record the per-column findings of weir scan --format json reports
  evaluate DATASET     what policies decide for findings in a dataset, given its lineage
  serve                OpenLineage ingest: POST /api/v1/lineage (Marquez-compatible)
                       and/or the weir.lineage Kafka topic
  export REF...        OpenLineage events with weir's sensitivity facet (file, stdout
                       or --url) or a CycloneDX ML-BOM of models (--format cyclonedx)

REF is [KIND:]NAMESPACE/NAME with KIND dataset (default), model, collection or
job, e.g. s3://training/tickets, model:mlflow://prod/support-bot,
job:airflow-prod/dag.task; NAMESPACE::NAME splits explicitly.

The store is --store, else $` + store.EnvDSN + `, else ` + store.DefaultPath + `: a SQLite
file, or postgres://USER@HOST:PORT/DB (password from $` + store.EnvDSN + `, PGPASSWORD
or PGPASSFILE, never from a flag).`

func runLineage(args []string, io stdio, getenv getenvFunc) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(io.err, lineageUsage)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return lineageCmd(ctx, args, io, getenv, nil)
}

// lineageCmd runs a lineage subcommand; started (tests) learns serve's
// address.
func lineageCmd(ctx context.Context, args []string, io stdio, getenv getenvFunc, started func(net.Addr)) int {
	switch args[0] {
	case "add":
		return lineageAdd(ctx, args[1:], io, getenv)
	case "show":
		return lineageShow(ctx, args[1:], io, getenv, false)
	case "blast-radius":
		return lineageShow(ctx, args[1:], io, getenv, true)
	case "ingest":
		return lineageIngest(ctx, args[1:], io, getenv)
	case "serve":
		return lineageServe(ctx, args[1:], io, getenv, started)
	case "evaluate":
		return lineageEvaluate(ctx, args[1:], io, getenv)
	case "observe":
		return lineageObserve(ctx, args[1:], io, getenv)
	case "export":
		return lineageExport(ctx, args[1:], io, getenv)
	}
	fmt.Fprintf(io.err, "weir lineage: unknown command %q\n%s\n", args[0], lineageUsage)
	return exitError
}

// parseMixed parses flags given before, between or after the positional
// arguments (weir lineage add FROM TO --exposure external) and returns the
// positional ones. "--" ends flag parsing.
func parseMixed(fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, 0, true
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// storeFlag registers --store.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", "", "lineage store: SQLite `PATH` or postgres://USER@HOST/DB without password (default $"+store.EnvDSN+", else "+store.DefaultPath+")")
}

// openStore opens the store named by --store, $WEIR_LINEAGE_DSN or the
// default path, creating it for writing commands (write); a reading command
// on a SQLite file that does not exist fails instead of creating an empty
// store. A password on the command line is refused.
func openStore(ctx context.Context, flagDSN string, getenv getenvFunc, write bool) (*store.Store, error) {
	dsn := flagDSN
	if dsn != "" && store.HasPassword(dsn) {
		return nil, fmt.Errorf("--store must not carry a password (it would show in ps and shell history): put the DSN in $%s, or the password in PGPASSWORD or a PGPASSFILE", store.EnvDSN)
	}
	if dsn == "" {
		dsn = getenv(store.EnvDSN)
	}
	if dsn == "" {
		dsn = store.DefaultPath
	}
	if !write && !store.IsPostgres(dsn) {
		if _, err := os.Stat(strings.TrimPrefix(dsn, "sqlite:")); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no lineage store at %s: record lineage first (weir lineage ingest, serve or add), or name the store with --store or $%s", dsn, store.EnvDSN)
		}
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		// Name the store by its redacted DSN (pgx's own messages name the
		// user and database, never the password).
		return nil, fmt.Errorf("%s: %w", store.RedactDSN(dsn), err)
	}
	return st, nil
}

func lineageAdd(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("lineage add", io)
	dsn := storeFlag(fs)
	expo := fs.String("exposure", "", "exposure of the model argument: internal or external")
	jobArg := fs.String("job", "", "the `JOB` (NAMESPACE/NAME) through which TO learned from FROM: adds input and output edges too")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage add [flags] FROM TO

Records that TO was derived from FROM, for systems that emit no OpenLineage:
  weir lineage add s3://training/tickets model:mlflow://prod/support-bot --exposure external
  weir lineage add s3://kb/docs collection:qdrant://vec:6333/support-kb --job rag/embed
FROM and TO are datasets, models or collections; a job on either side records
an input (dataset -> job) or output (job -> dataset) edge instead.`)
		fs.PrintDefaults()
	}
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fs.Usage()
		return exitError
	}
	from, err := store.ParseRef(pos[0])
	if err != nil {
		return fail(io, "lineage add", fmt.Errorf("FROM: %w", err))
	}
	to, err := store.ParseRef(pos[1])
	if err != nil {
		return fail(io, "lineage add", fmt.Errorf("TO: %w", err))
	}
	e, err := store.ParseExposure(*expo)
	if err != nil {
		return fail(io, "lineage add", err)
	}
	var nodes []store.Node
	if e != store.ExposureUnknown {
		switch {
		case to.Kind == store.KindModel:
			nodes = append(nodes, store.Node{Ref: to, Exposure: e, Origin: store.OriginManual})
		case from.Kind == store.KindModel:
			nodes = append(nodes, store.Node{Ref: from, Exposure: e, Origin: store.OriginManual})
		default:
			return fail(io, "lineage add", errors.New("--exposure needs a model: prefix FROM or TO with model:"))
		}
	}
	var edges []store.Edge
	edge := func(f, t store.Ref, rel store.Rel) store.Edge {
		return store.Edge{From: f, To: t, Rel: rel, Origin: store.OriginManual}
	}
	switch {
	case from.Kind == store.KindJob && to.Kind == store.KindJob:
		return fail(io, "lineage add", errors.New("an edge between two jobs means nothing: name the dataset between them"))
	case to.Kind == store.KindJob:
		edges = append(edges, edge(from, to, store.RelInput))
	case from.Kind == store.KindJob:
		edges = append(edges, edge(from, to, store.RelOutput))
	default:
		d := edge(from, to, store.RelDerived)
		if *jobArg != "" {
			j, err := store.ParseRef("job:" + *jobArg)
			if err != nil {
				return fail(io, "lineage add", fmt.Errorf("--job: %w", err))
			}
			d.Job = j
			edges = append(edges, edge(from, j, store.RelInput), edge(j, to, store.RelOutput))
		}
		edges = append(edges, d)
	}
	if *jobArg != "" && (from.Kind == store.KindJob || to.Kind == store.KindJob) {
		return fail(io, "lineage add", errors.New("--job joins two datasets; FROM or TO is already a job"))
	}
	st, err := openStore(ctx, *dsn, getenv, true)
	if err != nil {
		return fail(io, "lineage add", err)
	}
	defer st.Close()
	err = st.Update(ctx, func(tx *store.Tx) error {
		for _, n := range nodes {
			if err := tx.PutNode(ctx, n); err != nil {
				return err
			}
		}
		for _, e := range edges {
			if err := tx.PutEdge(ctx, e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fail(io, "lineage add", err)
	}
	for _, e := range edges {
		fmt.Fprintf(io.out, "added %s %s %s -> %s %s\n", e.Rel, e.From.Kind, e.From.String(), e.To.Kind, e.To.String())
	}
	return exitOK
}

// resolve finds the node a REF argument names: an exact ref when it parses
// as one and exists, else every namespace/name split of the qualified name.
func resolve(ctx context.Context, st *store.Store, arg string) (store.Node, error) {
	if r, err := store.ParseRef(arg); err == nil {
		if n, err := st.Node(ctx, r); err == nil && (r.Kind == store.KindJob || r.Kind == store.KindDataset || n.Kind == r.Kind) {
			return n, nil
		}
	}
	q, wantKind := arg, store.Kind("")
	if k, rest, ok := strings.Cut(arg, ":"); ok {
		if kind, err := store.ParseKind(k); err == nil {
			q, wantKind = rest, kind
			if kind == store.KindJob {
				q = "job:" + rest
			}
		}
	}
	ns, err := st.Resolve(ctx, q)
	if err != nil {
		return store.Node{}, err
	}
	var match []store.Node
	for _, n := range ns {
		if wantKind == "" || wantKind == store.KindDataset && n.Kind != store.KindJob || n.Kind == wantKind {
			match = append(match, n)
		}
	}
	switch {
	case len(match) == 0:
		return store.Node{}, fmt.Errorf("%q: no %s of that name: %w", arg, wantKind, store.ErrNotFound)
	case len(match) > 1 && match[1].Kind != store.KindJob:
		var names []string
		for _, n := range match {
			names = append(names, string(n.Kind)+":"+n.Namespace+"::"+n.Name)
		}
		return store.Node{}, fmt.Errorf("%q is ambiguous: %s", arg, strings.Join(names, ", "))
	}
	return match[0], nil
}

func lineageShow(ctx context.Context, args []string, io stdio, getenv getenvFunc, blast bool) int {
	name := "lineage show"
	if blast {
		name = "lineage blast-radius"
	}
	fs := newFlagSet(name, io)
	dsn := storeFlag(fs)
	format := fs.String("format", "text", "output `FORMAT`: text, dot (Graphviz) or mermaid")
	fs.Usage = func() {
		if blast {
			fmt.Fprintln(fs.Output(), `usage: weir lineage blast-radius [flags] DATASET

The models and vector collections that learned from DATASET, directly or
through any chain of jobs and derived datasets, with the shortest path to
each; external models first. Exit status 1 when an external model is among
them.`)
		} else {
			fmt.Fprintln(fs.Output(), `usage: weir lineage show [flags] REF

A dataset, model, collection or job: its exposure, tags, weir's observations
(entity types per field, counts, first and last seen), and everything
upstream and downstream of it.`)
		}
		fs.PrintDefaults()
	}
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitError
	}
	switch *format {
	case "text", "dot", "mermaid":
	default:
		return fail(io, name, fmt.Errorf("--format %q: want text, dot or mermaid", *format))
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, name, err)
	}
	defer st.Close()
	n, err := resolve(ctx, st, pos[0])
	if err != nil {
		return fail(io, name, err)
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	var g view.Graph
	code = exitOK
	if blast {
		if n.Kind == store.KindJob {
			return fail(io, name, fmt.Errorf("%s is a job: blast-radius takes a dataset (or a model or collection)", n.String()))
		}
		rs, err := st.BlastRadius(ctx, n.Ref)
		if err != nil {
			return fail(io, name, err)
		}
		for _, r := range rs {
			if r.Exposure == store.ExposureExternal {
				code = exitFindings
			}
		}
		if *format == "text" {
			if err := view.WriteBlastText(w, n, rs); err != nil {
				return fail(io, name, err)
			}
			return code
		}
		if g, err = view.BlastGraph(ctx, st, n, rs); err != nil {
			return fail(io, name, err)
		}
	} else {
		s, err := view.Load(ctx, st, n)
		if err != nil {
			return fail(io, name, err)
		}
		if *format == "text" {
			if err := view.WriteShowText(w, s); err != nil {
				return fail(io, name, err)
			}
			return code
		}
		if g, err = s.Graph(ctx, st); err != nil {
			return fail(io, name, err)
		}
	}
	if *format == "dot" {
		err = view.WriteDOT(w, g)
	} else {
		err = view.WriteMermaid(w, g)
	}
	if err != nil {
		return fail(io, name, err)
	}
	return code
}

// ruleFlags collects --model and --collection rules.
type ruleFlags struct {
	kind  store.Kind
	rules *[]openlineage.Rule
}

func (r ruleFlags) String() string { return "" }
func (r ruleFlags) Set(s string) error {
	rule, err := openlineage.ParseRule(r.kind, s)
	if err != nil {
		return err
	}
	*r.rules = append(*r.rules, rule)
	return nil
}

func classifierFlags(fs *flag.FlagSet) *[]openlineage.Rule {
	rules := &[]openlineage.Rule{}
	fs.Var(ruleFlags{store.KindModel, rules}, "model", "datasets whose NAMESPACE/NAME matches `PATTERN[=EXPOSURE]` are models ('*' any run, '?' one character; repeatable)")
	fs.Var(ruleFlags{store.KindCollection, rules}, "collection", "datasets matching `PATTERN` are vector collections (repeatable)")
	return rules
}

func readAll(r interface{ Read([]byte) (int, error) }) ([]byte, error) {
	var b bytes.Buffer
	_, err := b.ReadFrom(r)
	return b.Bytes(), err
}

// lineageEvaluate answers "what would the policies do" for findings of the
// given types in a dataset, with the dataset's tags and blast radius from
// the store: a dry run of the decision, nothing acted on.
func lineageEvaluate(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("lineage evaluate", io)
	dsn := storeFlag(fs)
	var files policyFiles
	fs.Var(&files, "policy", "policy `FILE` (repeatable; required)")
	types := fs.String("types", "", "entity `TYPES` found, comma-separated (e.g. US_SSN,MEDICAL_RECORD_NUMBER)")
	conf := fs.Float64("confidence", 0.9, "confidence of those findings")
	source := fs.String("source", "s3", "record `SOURCE` (s3, kafka, scan, webhook)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage evaluate --policy FILE [flags] DATASET

Evaluates the policies for findings of --types in DATASET, with the dataset's
tags and the models and collections it feeds from the lineage store, and
prints each decision. Nothing is acted on. Exit status 1 when a policy would
act (a decision that is not a dry run).`)
		fs.PrintDefaults()
	}
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || len(files) == 0 {
		fs.Usage()
		return exitError
	}
	set, err := policy.Load(policy.Options{TypeCategory: classifiers.TypeCategory}, files...)
	if err != nil {
		return fail(io, "lineage evaluate", err)
	}
	in := policy.Input{Source: *source}
	for _, t := range splitList(*types) {
		cat, ok := classifiers.TypeCategory(t)
		if !ok {
			return fail(io, "lineage evaluate", fmt.Errorf("--types: unknown entity type %q", t))
		}
		in.Findings = append(in.Findings, policy.Finding{Type: t, Category: cat, Confidence: *conf})
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, "lineage evaluate", err)
	}
	defer st.Close()
	n, err := resolve(ctx, st, pos[0])
	switch {
	case errors.Is(err, store.ErrNotFound):
		r, perr := store.ParseRef(pos[0])
		if perr != nil {
			return fail(io, "lineage evaluate", perr)
		}
		in.Dataset = r.String()
		fmt.Fprintf(io.out, "%s is not in the lineage store: no tags, feeds nothing known\n", in.Dataset)
	case err != nil:
		return fail(io, "lineage evaluate", err)
	default:
		in, err = policyInput(ctx, st, n, in)
		if err != nil {
			return fail(io, "lineage evaluate", err)
		}
	}
	ds := set.Evaluate(in)
	if len(ds) == 0 {
		fmt.Fprintf(io.out, "no policy applies to %s\n", in.Dataset)
		return exitOK
	}
	for _, d := range ds {
		fmt.Fprintln(io.out, d.Reason)
	}
	if best, ok := policy.Strongest(ds); ok {
		fmt.Fprintf(io.out, "decision: %s (policy %s)", best.Action, best.Policy)
		if best.Approval {
			fmt.Fprint(io.out, ", proposed until approved")
		}
		fmt.Fprintln(io.out)
		return exitFindings
	}
	fmt.Fprintln(io.out, "decision: none (dry runs only)")
	return exitOK
}

// policyInput completes in with the dataset's name, tags and blast radius.
func policyInput(ctx context.Context, st *store.Store, n store.Node, in policy.Input) (policy.Input, error) {
	return actions.PolicyInput(ctx, st, n, in)
}

// policyFiles is a repeatable flag.
type policyFiles []string

func (p *policyFiles) String() string     { return strings.Join(*p, ",") }
func (p *policyFiles) Set(s string) error { *p = append(*p, s); return nil }
