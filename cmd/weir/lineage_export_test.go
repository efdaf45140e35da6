package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

const exportDataset = "postgres://support-db.acme.internal:5432/support.public.tickets"

func TestLineageExport(t *testing.T) {
	db := lineageStore(t)

	// OpenLineage DatasetEvents on stdout: one JSON line per dataset, with the facet.
	out, stderr, code := cli(t, "", nil, "lineage", "export", "--store", db, exportDataset)
	if code != exitOK {
		t.Fatalf("export: %d %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d lines: %s", len(lines), out)
	}
	var ev struct {
		SchemaURL string `json:"schemaURL"`
		Dataset   struct {
			Namespace, Name string
			Facets          struct {
				Sensitivity struct {
					Producer string `json:"_producer"`
					Feeds    []struct{ Name, Kind, Exposure string }
				} `json:"weir_sensitivity"`
			} `json:"facets"`
		} `json:"dataset"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &ev); err != nil {
		t.Fatalf("%v: %s", err, lines[0])
	}
	if !strings.Contains(ev.SchemaURL, "DatasetEvent") || ev.Dataset.Name != "support.public.tickets" ||
		ev.Dataset.Facets.Sensitivity.Producer == "" || len(ev.Dataset.Facets.Sensitivity.Feeds) == 0 {
		t.Errorf("event %s", lines[0])
	}

	// The same to a file.
	file := filepath.Join(t.TempDir(), "events.jsonl")
	if _, stderr, code := cli(t, "", nil, "lineage", "export", "--store", db, "--out", file, exportDataset); code != exitOK {
		t.Fatalf("export --out: %d %s", code, stderr)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.Contains(string(b), `"weir_sensitivity"`) {
		t.Errorf("file: %v %s", err, b)
	}

	// POSTed to an OpenLineage endpoint over real HTTP, with the token from the environment.
	var mu sync.Mutex
	var got []string
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got, auth = append(got, string(b)), r.Header.Get("Authorization")
		mu.Unlock()
		if r.URL.Path != "/api/v1/lineage" || r.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	env := map[string]string{"WEIR_LINEAGE_EXPORT_TOKEN": "s3cr3t-token"}
	if _, stderr, code := cli(t, "", env, "lineage", "export", "--store", db, "--url", srv.URL+"/api/v1/lineage", exportDataset); code != exitOK {
		t.Fatalf("export --url: %d %s", code, stderr)
	}
	mu.Lock()
	if len(got) != 1 || !strings.Contains(got[0], `"weir_sensitivity"`) || auth != "Bearer s3cr3t-token" {
		t.Errorf("endpoint got %d events, auth %q", len(got), auth)
	}
	mu.Unlock()
	// An endpoint that refuses: exit 2, the status named, the token never printed.
	_, stderr, code = cli(t, "", env, "lineage", "export", "--store", db, "--url", srv.URL+"/wrong", exportDataset)
	if code != exitError || !strings.Contains(stderr, "400") || strings.Contains(stderr, "s3cr3t") {
		t.Errorf("refused: %d %s", code, stderr)
	}

	// A CycloneDX ML-BOM of the model.
	out, stderr, code = cli(t, "", nil, "lineage", "export", "--store", db, "--format", "cyclonedx",
		"model:mlflow://mlflow.acme.internal/models/support-bot")
	if code != exitOK {
		t.Fatalf("cyclonedx: %d %s", code, stderr)
	}
	var bom struct {
		BOMFormat, SpecVersion string
		Components             []struct{ Type, Name string }
	}
	if err := json.Unmarshal([]byte(out), &bom); err != nil || bom.BOMFormat != "CycloneDX" || bom.SpecVersion != "1.6" {
		t.Fatalf("bom: %v %s", err, out)
	}
	kinds := map[string]int{}
	for _, c := range bom.Components {
		kinds[c.Type]++
	}
	if kinds["machine-learning-model"] != 1 || kinds["data"] == 0 {
		t.Errorf("components %v", kinds)
	}

	// Usage errors.
	for _, args := range [][]string{
		{"lineage", "export", "--store", db},                                         // no REF
		{"lineage", "export", "--store", db, "--format", "xml", exportDataset},       // unknown format
		{"lineage", "export", "--store", db, "--format", "cyclonedx", exportDataset}, // not a model
		{"lineage", "export", "--store", db, "--format", "cyclonedx", "--url", "http://x", "model:mlflow://mlflow.acme.internal/models/support-bot"},
		{"lineage", "export", "--store", db, "model:mlflow://mlflow.acme.internal/models/support-bot"}, // not a dataset
	} {
		if _, _, code := cli(t, "", nil, args...); code != exitError {
			t.Errorf("%v: exit %d, want %d", args, code, exitError)
		}
	}
}
