package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
	"github.com/weir-dev/weir/sources/kafka"
)

// lineageStore ingests testdata/lineage/day.jsonl (Airflow, Spark, a
// training job, a RAG loader, tags, a dbt job event) into a new SQLite
// store and returns its path.
func lineageStore(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "lineage.db")
	_, stderr, code := cli(t, "", nil, "lineage", "ingest", "--store", db, "testdata/lineage/day.jsonl")
	if code != exitOK || !strings.Contains(stderr, "6 events stored, 0 rejected") {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	return db
}

// Golden files for every output format of show and blast-radius.
func TestLineageGolden(t *testing.T) {
	db := lineageStore(t)
	cases := []struct {
		golden string
		code   int
		args   []string
	}{
		{"blast-source.txt", exitFindings, []string{"blast-radius", "postgres://support-db.acme.internal:5432/support.public.tickets"}},
		{"blast-source.dot", exitFindings, []string{"blast-radius", "--format", "dot", "postgres://support-db.acme.internal:5432/support.public.tickets"}},
		{"blast-source.mmd", exitFindings, []string{"blast-radius", "--format", "mermaid", "postgres://support-db.acme.internal:5432/support.public.tickets"}},
		{"blast-clean.txt", exitFindings, []string{"blast-radius", "s3://training/tickets-clean"}},
		{"blast-metrics.txt", exitOK, []string{"blast-radius", "s3://ml-artifacts/support-bot/metrics.json"}},
		{"show-tickets.txt", exitOK, []string{"show", "s3://training/tickets"}},
		{"show-model.txt", exitOK, []string{"show", "model:mlflow://mlflow.acme.internal/models/support-bot"}},
		{"show-model.dot", exitOK, []string{"show", "--format", "dot", "mlflow://mlflow.acme.internal/models/support-bot"}},
		{"show-model.mmd", exitOK, []string{"show", "--format", "mermaid", "mlflow://mlflow.acme.internal/models/support-bot"}},
		{"show-job.txt", exitOK, []string{"show", "job:rag/embed-kb"}},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			args := append([]string{"lineage"}, c.args...)
			args = append(args, "--store", db) // flags after arguments work too
			out, stderr, code := cli(t, "", nil, args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			golden(t, filepath.Join("lineage", c.golden), []byte(out))
		})
	}
}

func TestLineageAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	env := map[string]string{store.EnvDSN: db} // the store from the environment
	out, stderr, code := cli(t, "", env, "lineage", "add", "s3://legacy/exports", "model:sagemaker://eu-west-1/churn", "--exposure", "external")
	if code != exitOK || out != "added derived dataset s3://legacy/exports -> model sagemaker://eu-west-1/churn\n" {
		t.Fatalf("add: %d %q %s", code, out, stderr)
	}
	out, _, code = cli(t, "", env, "lineage", "add", "--job", "rag/embed", "s3://kb/docs", "collection:qdrant://vec:6333/kb")
	if code != exitOK || strings.Count(out, "added") != 3 {
		t.Fatalf("add --job: %d %q", code, out)
	}
	out, _, code = cli(t, "", env, "lineage", "add", "s3://legacy/exports", "job:cron/copy")
	if code != exitOK || !strings.Contains(out, "added input dataset s3://legacy/exports -> job cron/copy") {
		t.Fatalf("add input: %d %q", code, out)
	}
	out, _, code = cli(t, "", env, "lineage", "blast-radius", "s3://legacy/exports")
	if code != exitFindings || !strings.Contains(out, "model      sagemaker://eu-west-1/churn (external)  directly") {
		t.Errorf("blast-radius: %d %q", code, out)
	}
	out, _, code = cli(t, "", env, "lineage", "blast-radius", "s3://kb/docs")
	if code != exitOK || !strings.Contains(out, "collection qdrant://vec:6333/kb  directly") {
		t.Errorf("blast-radius: %d %q", code, out)
	}
	out, _, code = cli(t, "", env, "lineage", "show", "job:rag/embed")
	if code != exitOK || !strings.Contains(out, "upstream (1):\n  dataset    s3://kb/docs  directly") {
		t.Errorf("show job: %d %q", code, out)
	}

	bad := []struct {
		name string
		args []string
		msg  string
	}{
		{"one argument", []string{"add", "s3://a/b"}, "usage"},
		{"bad ref", []string{"add", "tickets", "model:m/x"}, "FROM"},
		{"exposure without model", []string{"add", "s3://a/b", "s3://c/d", "--exposure", "external"}, "needs a model"},
		{"bad exposure", []string{"add", "s3://a/b", "model:m/x", "--exposure", "public"}, "unknown exposure"},
		{"two jobs", []string{"add", "job:a/b", "job:c/d"}, "two jobs"},
		{"job with --job", []string{"add", "job:a/b", "s3://c/d", "--job", "x/y"}, "already a job"},
		{"input to model", []string{"add", "model:m/x", "model:m/x"}, "itself"},
		{"unknown dataset", []string{"show", "s3://nope/x"}, "not found"},
		{"unknown format", []string{"show", "--format", "svg", "s3://legacy/exports"}, "--format"},
		{"blast of a job", []string{"blast-radius", "job:rag/embed"}, "is a job"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := cli(t, "", env, append([]string{"lineage"}, c.args...)...)
			if code != exitError || !strings.Contains(stderr, c.msg) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, c.msg)
			}
		})
	}
}

// A password never comes from a flag.
func TestLineageStorePasswordFlag(t *testing.T) {
	_, stderr, code := cli(t, "", nil, "lineage", "show", "--store", "postgres://weir:hunter22@127.0.0.1:1/db", "s3://a/b")
	if code != exitError || !strings.Contains(stderr, "must not carry a password") || strings.Contains(stderr, "hunter22") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// From the environment it is accepted, and never printed when the
	// connection fails.
	_, stderr, code = cli(t, "", map[string]string{store.EnvDSN: "postgres://weir:hunter22@127.0.0.1:1/db?connect_timeout=2"}, "lineage", "show", "s3://a/b")
	if code != exitError || strings.Contains(stderr, "hunter22") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestLineageIngestErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	mixed := filepath.Join(dir, "mixed.jsonl")
	day, err := os.ReadFile("testdata/lineage/day.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(day), "\n", 2)
	if err := os.WriteFile(mixed, []byte(lines[0]+"\n{\"eventTime\":\"AKIAIOSFODNN7EXAMPLE\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "", nil, "lineage", "ingest", "--store", db, mixed)
	if code != exitError || !strings.Contains(stderr, "mixed.jsonl: event 2: invalid OpenLineage event: eventTime") ||
		!strings.Contains(stderr, "1 events stored, 1 rejected") || strings.Contains(stderr, "AKIA") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	// stdin, with a model rule.
	_, stderr, code = cli(t, lines[0], nil, "lineage", "ingest", "--store", db, "--model", "s3://training/*=internal", "-")
	if code != exitOK {
		t.Fatalf("stdin: %d %s", code, stderr)
	}
	out, _, _ := cli(t, "", nil, "lineage", "show", "--store", db, "s3://training/tickets")
	if !strings.HasPrefix(out, "model s3://training/tickets\n") || !strings.Contains(out, "exposure:  internal") {
		t.Errorf("rule not applied: %s", out)
	}
}

// lineage serve: the HTTP endpoint and the Kafka topic into one store; the
// topic's offsets are committed after the store write, so a restart reads
// nothing again; invalid records are skipped.
func TestLineageServe(t *testing.T) {
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	conn := kafka.Conn{Brokers: b.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := kafka.CreateTopics(ctx, conn, 2, "weir.lineage"); err != nil {
		t.Fatal(err)
	}
	day, err := os.ReadFile("testdata/lineage/day.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	events := strings.Split(strings.TrimSpace(string(day)), "\n")
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	produce := func(vals ...string) {
		t.Helper()
		errc := make(chan error, len(vals))
		for i, v := range vals {
			// One key: one partition, consumed in order.
			_ = i
			p.Produce(ctx, kafka.Message{Topic: "weir.lineage", Key: []byte("k"), Value: []byte(v)}, func(err error) { errc <- err })
		}
		for range vals {
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		}
	}
	// A broken record and the first three events through Kafka, two more
	// over HTTP.
	produce(append([]string{"{not json"}, events[:3]...)...)

	db := filepath.Join(t.TempDir(), "l.db")
	serveOnce := func(post []string, wait func() bool) string {
		t.Helper()
		logs := &serveLog{}
		sctx, stop := context.WithCancel(ctx)
		addrc := make(chan net.Addr, 1)
		done := make(chan int, 1)
		go func() {
			done <- lineageCmd(sctx, []string{"serve", "--store", db, "--addr", "127.0.0.1:0", "--brokers", strings.Join(b.Addrs(), ",")},
				stdio{in: strings.NewReader(""), out: io.Discard, err: logs}, func(string) string { return "" }, func(a net.Addr) { addrc <- a })
		}()
		var base string
		select {
		case a := <-addrc:
			base = "http://" + a.String()
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, logs.String())
		}
		for _, ev := range post {
			resp, err := http.Post(base+"/api/v1/lineage", "application/json", strings.NewReader(ev))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("POST: %d", resp.StatusCode)
			}
		}
		deadline := time.Now().Add(30 * time.Second)
		for !wait() {
			if time.Now().After(deadline) {
				stop()
				<-done
				t.Fatalf("timed out; logs:\n%s", logs.String())
			}
			time.Sleep(50 * time.Millisecond)
		}
		stop()
		if code := <-done; code != exitOK {
			t.Fatalf("serve exit %d: %s", code, logs.String())
		}
		return logs.String()
	}
	blast := func() string {
		out, _, _ := cli(t, "", nil, "lineage", "blast-radius", "--store", db, "postgres://support-db.acme.internal:5432/support.public.tickets")
		return out
	}
	logs := serveOnce(events[3:5], func() bool {
		out := blast()
		return strings.Contains(out, "support-bot (external)") && strings.Contains(out, "support-kb")
	})
	if !strings.Contains(logs, "openlineage event rejected") || !strings.Contains(logs, "stored=5 rejected=1") {
		t.Errorf("first run logs:\n%s", logs)
	}
	// Restart: the first run committed everything, so only the new event
	// is read.
	produce(events[5])
	logs = serveOnce(nil, func() bool {
		_, _, code := cli(t, "", nil, "lineage", "show", "--store", db, "job:dbt-prod/marts.fct_tickets")
		if code == exitOK {
			time.Sleep(500 * time.Millisecond) // would old records come again?
		}
		return code == exitOK
	})
	if !strings.Contains(logs, "stored=1 rejected=0") {
		t.Errorf("second run logs (offsets not committed?):\n%s", logs)
	}
}

// lineage evaluate joins the store (tags, blast radius) with policies.
func TestLineageEvaluate(t *testing.T) {
	db := lineageStore(t)
	pol := "testdata/lineage/policies.yaml"
	cases := []struct {
		golden, dataset, types string
		code                   int
	}{
		{"evaluate-tickets.txt", "s3://training/tickets", "MEDICAL_RECORD_NUMBER,US_SSN", exitFindings},
		{"evaluate-clean.txt", "s3://training/tickets-clean", "GITHUB_TOKEN", exitFindings},
		{"evaluate-unknown.txt", "s3://new/x", "US_SSN", exitOK},
	}
	for _, c := range cases {
		t.Run(c.golden, func(t *testing.T) {
			out, stderr, code := cli(t, "", nil, "lineage", "evaluate", "--store", db, "--policy", pol, "--types", c.types, c.dataset)
			if code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
			golden(t, filepath.Join("lineage", c.golden), []byte(out))
		})
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("policies:\n  - name: a\n    when: {types: [US_SNN]}\n    action: alert\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := cli(t, "", nil, "lineage", "evaluate", "--store", db, "--policy", bad, "--types", "US_SSN", "s3://training/tickets")
	if code != exitError || !strings.Contains(stderr, bad+`:3: policies[0].when.types[0]: unknown entity type "US_SNN"`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// lineage observe turns a weir scan --format json report into
// observations, shown by lineage show, without fingerprints.
func TestLineageObserve(t *testing.T) {
	db := lineageStore(t)
	_, stderr, code := cli(t, "", nil, "lineage", "observe", "--store", db, "testdata/lineage/scan-report.json")
	if code != exitOK || !strings.Contains(stderr, "3 observations recorded") {
		t.Fatalf("observe: %d %s", code, stderr)
	}
	out, _, code := cli(t, "", nil, "lineage", "show", "--store", db, "s3://training/tickets")
	if code != exitOK {
		t.Fatal(code)
	}
	for _, want := range []string{
		"observations (3):",
		"body                 MEDICAL_RECORD_NUMBER    PHI    count=3 max_confidence=0.93",
		"body                 US_SSN                   PII    count=2 max_confidence=0.99",
		"customer_email       EMAIL_ADDRESS            PII    count=2 max_confidence=0.99",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "hmac-sha256") {
		t.Errorf("fingerprints in the store's output:\n%s", out)
	}
	// A local path is named file:///ABSOLUTE/PATH.
	dir := t.TempDir()
	rep := filepath.Join(dir, "r.json")
	if err := os.WriteFile(rep, []byte(`{"datasets":[{"dataset":"data/x","columns":[{"column":"","types":[{"type":"IBAN","category":"PII","count":1,"max_confidence":0.9}]}]}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := cli(t, "", nil, "lineage", "observe", "--store", db, rep); code != exitOK {
		t.Fatalf("%d %s", code, stderr)
	}
	abs, _ := filepath.Abs("data/x")
	out, stderr, code = cli(t, "", nil, "lineage", "show", "--store", db, "file://"+filepath.ToSlash(abs))
	if code != exitOK || !strings.Contains(out, "(dataset)            IBAN") {
		t.Errorf("%d %s %s", code, out, stderr)
	}
	if _, stderr, code := cli(t, "", nil, "lineage", "observe", "--store", db, "testdata/lineage/day.jsonl"); code != exitError || !strings.Contains(stderr, "not a weir scan") {
		t.Errorf("not a report: %d %s", code, stderr)
	}
}

// The CLI on PostgreSQL, the DSN (with its password) from the environment.
func TestLineagePostgresCLI(t *testing.T) {
	env := map[string]string{store.EnvDSN: storetest.PostgresDSN(t)}
	if _, stderr, code := cli(t, "", env, "lineage", "ingest", "testdata/lineage/day.jsonl"); code != exitOK {
		t.Fatalf("ingest: %d %s", code, stderr)
	}
	out, stderr, code := cli(t, "", env, "lineage", "blast-radius", "postgres://support-db.acme.internal:5432/support.public.tickets")
	want, err := os.ReadFile("testdata/lineage/blast-source.txt")
	if err != nil {
		t.Fatal(err)
	}
	if code != exitFindings || out != string(want) {
		t.Errorf("exit %d, stderr %s, output differs from the SQLite golden file:\n%s", code, stderr, out)
	}
}

// weir lineage serve refuses a non-loopback address without API keys, and
// requires the key when keys are set.
func TestLineageServeAuth(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	_, stderr, code := cli(t, "", nil, "lineage", "serve", "--store", db, "--addr", "0.0.0.0:0")
	if code != exitError || !strings.Contains(stderr, "not a loopback address") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	_, stderr, code = cli(t, "", map[string]string{envLineageKeys: "bad"}, "lineage", "serve", "--store", db)
	if code != exitError || !strings.Contains(stderr, "id:sha256hex") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	for _, c := range []struct {
		addr string
		want bool
	}{{"127.0.0.1:5000", true}, {"[::1]:5000", true}, {"localhost:5000", true}, {":5000", false}, {"0.0.0.0:5000", false}, {"10.0.0.1:5000", false}, {"nonsense", false}} {
		if got := loopback(c.addr); got != c.want {
			t.Errorf("loopback(%q) = %v", c.addr, got)
		}
	}
	const key = "cli-lineage-key-42"
	env := map[string]string{envLineageKeys: "airflow:" + openlineage.HashKey(key)}
	logs := &serveLog{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan net.Addr, 1)
	done := make(chan int, 1)
	go func() {
		done <- lineageCmd(ctx, []string{"serve", "--store", db, "--addr", "127.0.0.1:0"},
			stdio{in: strings.NewReader(""), out: io.Discard, err: logs}, func(k string) string { return env[k] }, func(a net.Addr) { addrc <- a })
	}()
	var url string
	select {
	case a := <-addrc:
		url = "http://" + a.String() + "/api/v1/lineage"
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, logs.String())
	}
	day, _ := os.ReadFile("testdata/lineage/day.jsonl")
	ev := strings.SplitN(string(day), "\n", 2)[0]
	for _, c := range []struct {
		auth string
		code int
	}{{"", 401}, {"Bearer " + key, 201}} {
		req, _ := http.NewRequest("POST", url, strings.NewReader(ev))
		req.Header.Set("Content-Type", "application/json")
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.code {
			t.Errorf("auth %q: %d, want %d", c.auth, resp.StatusCode, c.code)
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d: %s", code, logs.String())
	}
	if strings.Contains(logs.String(), key) || !strings.Contains(logs.String(), "api_keys=true") {
		t.Errorf("logs:\n%s", logs.String())
	}
}

// Reading commands never create an empty store.
func TestLineageMissingStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{{"show", "s3://a/b"}, {"blast-radius", "s3://a/b"}, {"evaluate", "--policy", "testdata/lineage/policies.yaml", "s3://a/b"}} {
		_, stderr, code := cli(t, "", map[string]string{store.EnvDSN: db}, append([]string{"lineage"}, args...)...)
		if code != exitError || !strings.Contains(stderr, "no lineage store at "+db) {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a reading command created %s", db)
	}
}
