package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/weir-dev/weir/lineage/export"
	"github.com/weir-dev/weir/lineage/store"
)

// lineageExport writes what the lineage store knows for catalogs: OpenLineage
// DatasetEvents carrying the weir_sensitivity facet (to a file, stdout, or an
// OpenLineage HTTP endpoint such as Marquez's, DataHub's or OpenMetadata's),
// or a CycloneDX 1.6 ML-BOM of models and their training datasets.
func lineageExport(ctx context.Context, args []string, io stdio, getenv getenvFunc) int {
	const name = "lineage export"
	fs := newFlagSet(name, io)
	dsn := storeFlag(fs)
	format := fs.String("format", "openlineage", "`FORMAT`: openlineage (DatasetEvents, JSON lines) or cyclonedx (ML-BOM of models)")
	out := fs.String("out", "", "write to `FILE` instead of stdout")
	url := fs.String("url", "", "POST each OpenLineage event to this `URL` (e.g. http://marquez:5000/api/v1/lineage); the bearer token, if any, comes from $WEIR_LINEAGE_EXPORT_TOKEN")
	timeout := fs.Duration("timeout", 10*time.Second, "HTTP timeout per event with --url")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir lineage export [flags] REF...

openlineage: one DatasetEvent per dataset REF with weir's sensitivity facet
(what weir found in it, per field, and the models and collections it feeds),
as JSON lines, or POSTed to an OpenLineage endpoint with --url.
cyclonedx: a CycloneDX 1.6 ML-BOM of the model REFs and the datasets they
learned from (data components with sensitiveData).`)
		fs.PrintDefaults()
	}
	pos, code, ok := parseMixed(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitError
	}
	if *format != "openlineage" && *format != "cyclonedx" {
		return fail(io, name, fmt.Errorf("--format %q: want openlineage or cyclonedx", *format))
	}
	if *url != "" && *format != "openlineage" {
		return fail(io, name, errors.New("--url sends OpenLineage events: use --format openlineage"))
	}
	st, err := openStore(ctx, *dsn, getenv, false)
	if err != nil {
		return fail(io, name, err)
	}
	defer st.Close()
	var refs []store.Ref
	for _, p := range pos {
		n, err := resolve(ctx, st, p)
		if err != nil {
			return fail(io, name, err)
		}
		refs = append(refs, n.Ref)
	}
	opt := export.Options{Version: linkVersion}
	var buf bytes.Buffer
	switch *format {
	case "cyclonedx":
		for _, r := range refs {
			if r.Kind != store.KindModel {
				return fail(io, name, fmt.Errorf("%s is not a model: the ML-BOM lists models", r))
			}
		}
		b, err := export.MLBOM(ctx, st, refs, opt)
		if err != nil {
			return fail(io, name, err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	default:
		client := &http.Client{Timeout: *timeout}
		for _, r := range refs {
			if r.Kind != store.KindDataset {
				return fail(io, name, fmt.Errorf("%s is not a dataset: the sensitivity facet describes datasets", r))
			}
			b, err := export.DatasetEvent(ctx, st, r, opt)
			if err != nil {
				return fail(io, name, err)
			}
			if *url != "" {
				if err := postEvent(ctx, client, *url, getenv("WEIR_LINEAGE_EXPORT_TOKEN"), b); err != nil {
					return fail(io, name, fmt.Errorf("%s: %w", r, err))
				}
				continue
			}
			buf.Write(b)
			buf.WriteByte('\n')
		}
		if *url != "" {
			fmt.Fprintf(io.err, "weir %s: %d event(s) sent\n", name, len(refs))
			return exitOK
		}
	}
	if *out != "" {
		if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
			return fail(io, name, err)
		}
		return exitOK
	}
	if _, err := io.out.Write(buf.Bytes()); err != nil {
		return fail(io, name, err)
	}
	return exitOK
}

// postEvent sends one OpenLineage event; a 2xx answer is success.
func postEvent(ctx context.Context, c *http.Client, url, token string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token = strings.TrimSpace(token); token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: %s", url, resp.Status)
	}
	return nil
}
