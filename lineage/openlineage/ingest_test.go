package openlineage_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/weir-dev/weir/lineage/openlineage"
	"github.com/weir-dev/weir/lineage/store"
	"github.com/weir-dev/weir/lineage/store/storetest"
)

func readEvents(t *testing.T) [][]byte {
	t.Helper()
	var out [][]byte
	// Airflow export, Spark cleaning, training, RAG embedding, tags: in the
	// order a day's pipeline would emit them.
	for _, n := range []string{"airflow_extract", "spark_clean", "train_support_bot", "rag_embed", "dataset_tags", "job_event"} {
		b, err := os.ReadFile(filepath.Join("testdata/events", n+".json"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func names(rs []store.Reach) []string {
	var out []string
	for _, r := range rs {
		s := string(r.Kind) + " " + r.String()
		if r.Exposure != "" {
			s += " (" + string(r.Exposure) + ")"
		}
		out = append(out, s)
	}
	return out
}

func checkDay(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	// The source table's blast radius: the model trained on its export and
	// the RAG collection built from the cleaned export.
	br, err := st.BlastRadius(ctx, store.Ref{Kind: store.KindDataset, Namespace: "postgres://support-db.acme.internal:5432", Name: "support.public.tickets"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"model mlflow://mlflow.acme.internal/models/support-bot (external)", "collection qdrant://qdrant.acme.internal:6333/support-kb"}
	if got := names(br); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blast radius %q, want %q", got, want)
	}
	r, err := st.Run(ctx, "d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d")
	if err != nil || r.State != store.RunComplete {
		t.Errorf("run %+v, %v", r, err)
	}
	tags, err := st.Tags(ctx, store.Ref{Kind: store.KindDataset, Namespace: "s3://training", Name: "tickets"})
	if err != nil || len(tags) != 1 || tags[0].Key != "contains" || tags[0].Value != "phi" {
		t.Errorf("tags %+v, %v", tags, err)
	}
}

func TestIngest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		in := openlineage.NewIngester(st, nil)
		for _, b := range readEvents(t) {
			if err := in.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		// Replaying everything changes nothing (at-least-once delivery).
		n1, e1, _ := st.Counts(ctx)
		for _, b := range readEvents(t) {
			if err := in.Ingest(ctx, b); err != nil {
				t.Fatal(err)
			}
		}
		n2, e2, _ := st.Counts(ctx)
		if e1 != e2 || len(n1) != len(n2) || n1[store.KindModel] != 1 || n1[store.KindCollection] != 1 {
			t.Errorf("replay changed the graph: %v %d -> %v %d", n1, e1, n2, e2)
		}
		checkDay(t, st)
		if err := in.Ingest(ctx, []byte(`{}`)); !errors.Is(err, openlineage.ErrInvalid) {
			t.Errorf("invalid event: %v", err)
		}
		if acc, rej := in.Stats(); acc != 12 || rej != 1 {
			t.Errorf("stats %d accepted, %d rejected", acc, rej)
		}
	})
}

func TestIngestBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		in := openlineage.NewIngester(st, nil)
		batch := readEvents(t)
		batch = append(batch[:2], append([][]byte{[]byte(`not json`)}, batch[2:]...)...)
		invalid, err := in.IngestBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		for i, e := range invalid {
			if (i == 2) != (e != nil) {
				t.Errorf("event %d: %v", i, e)
			}
		}
		checkDay(t, st)
	})
}

func post(t *testing.T, url, ctype string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// The Marquez-compatible endpoint over real HTTP on loopback.
func TestHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := openlineage.NewHandler(openlineage.NewIngester(st, nil), nil)
		h.MaxBodyBytes = 64 << 10
		srv := httptest.NewServer(h)
		defer srv.Close()
		url := srv.URL + openlineage.LineagePath
		for _, b := range readEvents(t) {
			if code, body := post(t, url, "application/json", b); code != http.StatusCreated || len(body) != 0 {
				t.Fatalf("POST event: %d %s", code, body)
			}
		}
		checkDay(t, st)

		cases := []struct {
			name, method, ctype string
			body                []byte
			code                int
			msg                 string
		}{
			{"invalid event", "POST", "application/json", []byte(`{"eventTime":"yesterday"}`), 400, "eventTime: must be an RFC 3339 date-time"},
			{"value never echoed", "POST", "application/json", []byte(`{"eventTime":"2026-11-20T06:42:10Z","producer":"https://a.example","schemaURL":"https://b.example","run":{"runId":"AKIAIOSFODNN7EXAMPLE"},"job":{"namespace":"n","name":"j"}}`), 400, "run.runId: must be a UUID"},
			{"malformed JSON", "POST", "application/json", []byte(`{"eventTime":`), 400, "malformed JSON"},
			{"no content type is JSON", "POST", "", []byte(`[]`), 400, "must be an object"},
			{"charset parameter", "POST", "application/json; charset=utf-8", []byte(`{}`), 400, "eventTime: required"},
			{"wrong content type", "POST", "text/plain", []byte(`{}`), 415, "content type"},
			{"too large", "POST", "application/json", bytes.Repeat([]byte(" "), 70<<10), 413, "too large"},
			{"GET", "GET", "", nil, 405, "POST"},
		}
		for _, c := range cases {
			req, _ := http.NewRequest(c.method, url, bytes.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var e struct {
				Code    int    `json:"code"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(b, &e); err != nil {
				t.Errorf("%s: body %q is not a JSON error: %v", c.name, b, err)
			}
			if strings.Contains(string(b), "AKIA") {
				t.Errorf("%s: the response quotes the request: %s", c.name, b)
			}
			if resp.StatusCode != c.code || e.Code != c.code || !strings.Contains(e.Message, c.msg) {
				t.Errorf("%s: %d %s, want %d with %q", c.name, resp.StatusCode, b, c.code, c.msg)
			}
		}
		resp, err := http.Get(srv.URL + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("healthz: %v %v", resp, err)
		}
		resp.Body.Close()
	})
}

// A store failure is a 500 that tells the client to retry and says nothing
// of the event.
func TestHTTPStoreFailure(t *testing.T) {
	st := storetest.SQLite(t)
	h := openlineage.NewHandler(openlineage.NewIngester(st, nil), nil)
	srv := httptest.NewServer(h)
	defer srv.Close()
	st.Close()
	code, body := post(t, srv.URL+openlineage.LineagePath, "application/json", readEvents(t)[2])
	if code != http.StatusInternalServerError || !strings.Contains(string(body), "retry") || strings.Contains(string(body), "support-bot") {
		t.Errorf("%d %s", code, body)
	}
}

// Concurrent writers (an HTTP server's handlers) never fail with a busy
// database: SQLite serializes them with immediate transactions and a busy
// timeout, PostgreSQL with row locks.
func TestConcurrentIngest(t *testing.T) {
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h := openlineage.NewHandler(openlineage.NewIngester(st, nil), nil)
		srv := httptest.NewServer(h)
		defer srv.Close()
		events := readEvents(t)
		errs := make(chan error, 8)
		for w := 0; w < 8; w++ {
			go func() {
				for i := 0; i < 15; i++ {
					ev := events[(w+i)%len(events)]
					resp, err := http.Post(srv.URL+openlineage.LineagePath, "application/json", bytes.NewReader(ev))
					if err != nil {
						errs <- err
						return
					}
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						errs <- fmt.Errorf("status %d: %s", resp.StatusCode, b)
						return
					}
				}
				errs <- nil
			}()
		}
		for w := 0; w < 8; w++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
		}
		checkDay(t, st)
	})
}

func gz(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// API keys (OpenLineage clients' api_key auth) and gzip bodies (their
// compression option).
func TestHTTPAuthAndGzip(t *testing.T) {
	const key = "lineage-test-key-0123456789"
	keys, err := openlineage.ParseKeys("# keys\nairflow:" + openlineage.HashKey(key) + ";spark:" + openlineage.HashKey("other"))
	if err != nil {
		t.Fatal(err)
	}
	st := storetest.SQLite(t)
	h := openlineage.NewHandler(openlineage.NewIngester(st, nil), nil)
	h.Keys = keys
	h.MaxBodyBytes = 64 << 10
	srv := httptest.NewServer(h)
	defer srv.Close()
	ev := readEvents(t)[2]
	cases := []struct {
		name, auth, enc string
		body            []byte
		code            int
	}{
		{"no key", "", "", ev, 401},
		{"unknown key", "Bearer nope", "", ev, 401},
		{"not bearer", "Basic " + key, "", ev, 401},
		{"key", "Bearer " + key, "", ev, 201},
		{"gzip", "Bearer " + key, "gzip", gz(t, ev), 201},
		{"gzip bomb", "Bearer " + key, "gzip", gz(t, bytes.Repeat([]byte(" "), 1<<20)), 413},
		{"malformed gzip", "Bearer " + key, "gzip", []byte("not gzip"), 400},
		{"deflate", "Bearer " + key, "deflate", ev, 415},
	}
	for _, c := range cases {
		req, _ := http.NewRequest("POST", srv.URL+openlineage.LineagePath, bytes.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		if c.enc != "" {
			req.Header.Set("Content-Encoding", c.enc)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != c.code {
			t.Errorf("%s: %d %s, want %d", c.name, resp.StatusCode, b, c.code)
		}
		if c.code == 401 && (resp.Header.Get("WWW-Authenticate") == "" || strings.Contains(string(b), key)) {
			t.Errorf("%s: %v %s", c.name, resp.Header, b)
		}
	}
	resp, err := http.Get(srv.URL + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Errorf("healthz needs no key: %v %v", resp, err)
	}
	resp.Body.Close()
	for _, bad := range []string{"", "x", "id:abcd", ":" + openlineage.HashKey("k"), "id:" + strings.Repeat("z", 64)} {
		if _, err := openlineage.ParseKeys(bad); err == nil || strings.Contains(err.Error(), "zzzz") {
			t.Errorf("ParseKeys(%q): %v", bad, err)
		}
	}
}
