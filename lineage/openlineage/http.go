package openlineage

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strings"
)

// LineagePath is the endpoint of Marquez's lineage API, which OpenLineage
// clients (Airflow, Spark, dbt, the Python and Java clients) post to.
const LineagePath = "/api/v1/lineage"

// Handler serves the OpenLineage HTTP ingest endpoint compatible with
// Marquez: POST /api/v1/lineage with one event as application/json answers
// 201 Created (empty body) once the event is in the store; an invalid event
// 400 with {"code":400,"message":...} naming the JSON path and rule (never
// the value); other methods 405, a non-JSON content type 415, a body over
// MaxBodyBytes 413, a store failure 500, a missing or unknown API key (when
// Keys is set) 401. A gzip Content-Encoding (the OpenLineage clients'
// compression option) is decoded. GET /healthz answers 200 without a key.
type Handler struct {
	in  *Ingester
	log *slog.Logger
	// MaxBodyBytes bounds a request body (after decompression); default
	// MaxEventBytes.
	MaxBodyBytes int64
	// Keys, when set, are required: a request without one of them gets 401.
	Keys *Keys
	mux  *http.ServeMux
}

// NewHandler returns the handler of in; log (nil: discard) receives store
// failures and rejected events' reasons.
func NewHandler(in *Ingester, log *slog.Logger) *Handler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{in: in, log: log, MaxBodyBytes: MaxEventBytes, mux: http.NewServeMux()}
	h.mux.HandleFunc(LineagePath, h.lineage)
	h.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusOK)
		io.WriteString(w, "ok\n")
	})
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// errorBody is Marquez's (Dropwizard's) error shape.
type errorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(errorBody{Code: code, Message: msg})
}

func (h *Handler) lineage(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeError(w, http.StatusMethodNotAllowed, "HTTP method not allowed, use POST")
		return
	}
	if h.Keys != nil {
		id := h.Keys.check(r)
		if id == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="weir lineage"`)
			writeError(w, http.StatusUnauthorized, "missing or unknown API key (Authorization: Bearer KEY)")
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), keyIDCtx{}, id))
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && mt != "application/x-ndjson" && !isJSONSuffix(mt)) {
			writeError(w, http.StatusUnsupportedMediaType, "content type must be application/json")
			return
		}
	}
	var src io.Reader = http.MaxBytesReader(w, r.Body, h.MaxBodyBytes)
	switch enc := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(src)
		if err != nil {
			writeError(w, http.StatusBadRequest, "malformed gzip body")
			return
		}
		defer zr.Close()
		// The decompressed size is bounded too: a small bomb must not grow.
		src = &limitReader{r: zr, n: h.MaxBodyBytes}
	default:
		writeError(w, http.StatusUnsupportedMediaType, "content encoding must be gzip or none")
		return
	}
	body, err := io.ReadAll(src)
	if errors.Is(err, errTooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge, "event too large")
		return
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, "event too large")
			return
		}
		writeError(w, http.StatusBadRequest, "could not read the request body")
		return
	}
	if err := h.in.Ingest(r.Context(), body); err != nil {
		if errors.Is(err, ErrInvalid) {
			h.log.Info("openlineage event rejected", "reason", err.Error(), "key_id", keyID(r))
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		h.log.Error("openlineage event not stored", "error", err.Error(), "key_id", keyID(r))
		writeError(w, http.StatusInternalServerError, "the lineage store failed; retry")
		return
	}
	w.WriteHeader(http.StatusCreated)
}

// isJSONSuffix accepts structured-syntax JSON types (application/*+json).
func isJSONSuffix(mt string) bool {
	return len(mt) > 5 && mt[len(mt)-5:] == "+json"
}

type keyIDCtx struct{}

// keyID is the id of the API key of r ("" without keys), for logs.
func keyID(r *http.Request) string {
	id, _ := r.Context().Value(keyIDCtx{}).(string)
	return id
}

var errTooLarge = errors.New("body too large")

// limitReader fails with errTooLarge past n bytes (io.LimitReader would
// truncate silently).
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n+1 {
		p = p[:l.n+1]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	if l.n < 0 {
		return n, errTooLarge
	}
	return n, err
}
