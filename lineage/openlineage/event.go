// Package openlineage reads OpenLineage events (spec 2-0-x: RunEvent,
// JobEvent and DatasetEvent) into weir's lineage store.
//
// Decode checks an event against the requirements of the official JSON
// Schema (https://openlineage.io/spec/2-0-2/OpenLineage.json): the required
// fields, their types and formats (date-time, uri, uuid), the eventType enum,
// the oneOf between the three event kinds, and the base facet fields
// (_producer, _schemaURL) of every facet. Additional properties are allowed,
// as the schema allows them. Facet contents are kept as raw JSON; the facets
// weir reads (datasetType, tags and weir's own weir_model and weir_collection,
// see Classifier) are decoded when the graph is derived.
//
// Derive turns an event into nodes and edges (a pure function); an Ingester
// writes them to a store in one transaction; Handler serves Marquez's
// POST /api/v1/lineage over HTTP.
package openlineage

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// SchemaURL is the OpenLineage spec version weir was written against.
const SchemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json"

// Kinds of events.
const (
	KindRun     = "RunEvent"
	KindJob     = "JobEvent"
	KindDataset = "DatasetEvent"
)

// Facets maps a facet name to its raw JSON object.
type Facets map[string]json.RawMessage

// Event is a decoded OpenLineage event. Kind says which of the three it
// is; Run is set for a RunEvent, Dataset for a DatasetEvent, Job for
// RunEvents and JobEvents.
type Event struct {
	Kind      string
	EventTime time.Time
	Producer  string
	SchemaURL string
	EventType string // RunEvent: START, RUNNING, COMPLETE, ABORT, FAIL, OTHER or ""
	Run       *Run
	Job       *Job
	Inputs    []Dataset
	Outputs   []Dataset
	Dataset   *Dataset // DatasetEvent
}

// Run is the run of a RunEvent.
type Run struct {
	RunID  string
	Facets Facets
}

// Job names a job.
type Job struct {
	Namespace, Name string
	Facets          Facets
}

// Dataset is an input, output or static dataset.
type Dataset struct {
	Namespace, Name string
	Facets          Facets
	// InputFacets or OutputFacets, by the dataset's role.
	IOFacets Facets
}

// ErrInvalid wraps every validation error of Decode.
var ErrInvalid = errors.New("invalid OpenLineage event")

// MaxEventBytes bounds one event. OpenLineage events with schema and column
// lineage facets reach a few hundred KB; 16 MiB is far past any real one.
const MaxEventBytes = 16 << 20

// topFields are the event's properties weir reads; nil when absent (a JSON
// null is present, and fails its type check).
type topFields struct {
	EventTime, Producer, SchemaURL, EventType *json.RawMessage
	Run, Job, Inputs, Outputs, Dataset        *json.RawMessage
}

func fields(m map[string]json.RawMessage) topFields {
	get := getter(m)
	return topFields{
		EventTime: get("eventTime"), Producer: get("producer"), SchemaURL: get("schemaURL"),
		EventType: get("eventType"), Run: get("run"), Job: get("job"),
		Inputs: get("inputs"), Outputs: get("outputs"), Dataset: get("dataset"),
	}
}

// getter returns a lookup of m's properties that tells absent (nil) from
// null (a pointer to "null").
func getter(m map[string]json.RawMessage) func(string) *json.RawMessage {
	return func(k string) *json.RawMessage {
		if v, ok := m[k]; ok {
			return &v
		}
		return nil
	}
}

// verr is a validation error at a JSON path. Messages name the path and the
// rule, never the value (a misplaced value may be anything).
func verr(path, format string, args ...any) error {
	return fmt.Errorf("%w: %s: %s", ErrInvalid, path, fmt.Sprintf(format, args...))
}

// Decode parses and validates one event.
func Decode(b []byte) (*Event, error) {
	if len(b) > MaxEventBytes {
		return nil, verr("$", "event of %d bytes exceeds %d", len(b), MaxEventBytes)
	}
	var top map[string]json.RawMessage
	if err := unmarshalObject(b, "$", &top); err != nil {
		return nil, err
	}
	raw := fields(top)
	ev := &Event{}
	var err error
	// BaseEvent.
	if ev.EventTime, err = reqTime(raw.EventTime, "eventTime"); err != nil {
		return nil, err
	}
	if ev.Producer, err = reqURI(raw.Producer, "producer"); err != nil {
		return nil, err
	}
	if ev.SchemaURL, err = reqURI(raw.SchemaURL, "schemaURL"); err != nil {
		return nil, err
	}
	// oneOf RunEvent, DatasetEvent, JobEvent: exactly one must match.
	hasRun, hasJob, hasDS := present(raw.Run), present(raw.Job), present(raw.Dataset)
	isRun := hasRun && hasJob
	isDataset := hasDS && !(hasJob && hasRun)
	isJob := hasJob && !hasRun
	switch n := btoi(isRun) + btoi(isDataset) + btoi(isJob); {
	case n == 0 && hasRun:
		return nil, verr("job", "required")
	case n == 0:
		return nil, verr("$", "not a RunEvent (run, job), JobEvent (job) or DatasetEvent (dataset)")
	case n > 1:
		return nil, verr("$", "matches both a JobEvent and a DatasetEvent (job and dataset without run)")
	}
	if isRun {
		ev.Kind = KindRun
		// The run event's own properties apply only to a RunEvent (the others
		// allow any additional property of that name).
		if present(raw.EventType) {
			var s string
			if err := unmarshalString(*raw.EventType, "eventType", &s); err != nil {
				return nil, err
			}
			switch s {
			case "START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER":
			default:
				return nil, verr("eventType", "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER")
			}
			ev.EventType = s
		}
		if ev.Run, err = decodeRun(*raw.Run); err != nil {
			return nil, err
		}
	}
	if isRun || isJob {
		if isJob {
			ev.Kind = KindJob
		}
		if ev.Job, err = decodeJob(*raw.Job); err != nil {
			return nil, err
		}
		if ev.Inputs, err = decodeDatasets(raw.Inputs, "inputs", "inputFacets"); err != nil {
			return nil, err
		}
		if ev.Outputs, err = decodeDatasets(raw.Outputs, "outputs", "outputFacets"); err != nil {
			return nil, err
		}
	}
	if isDataset {
		ev.Kind = KindDataset
		d, err := decodeDataset(*raw.Dataset, "dataset", "")
		if err != nil {
			return nil, err
		}
		ev.Dataset = &d
	}
	return ev, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// present reports whether a property was given (JSON null counts as given:
// it then fails its type check).
func present(r *json.RawMessage) bool { return r != nil }

// unmarshalObject decodes b, which must be a JSON object, into v.
func unmarshalObject(b []byte, path string, v any) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return verr(path, "must be an object")
	}
	if err := json.Unmarshal(b, v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("%w: %s: malformed JSON at byte %d", ErrInvalid, path, se.Offset)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return verr(joinPath(path, te.Field), "must be a %s", jsonType(te.Type.Kind().String()))
		}
		return fmt.Errorf("%w: %s: malformed JSON", ErrInvalid, path)
	}
	return nil
}

func jsonType(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "slice":
		return "array"
	case "map", "struct":
		return "object"
	case "bool":
		return "boolean"
	}
	return goKind
}

func joinPath(base, field string) string {
	if field == "" {
		return base
	}
	if base == "$" {
		return field
	}
	return base + "." + field
}

func unmarshalString(r json.RawMessage, path string, s *string) error {
	r = bytes.TrimSpace(r)
	if len(r) == 0 || r[0] != '"' {
		return verr(path, "must be a string")
	}
	if err := json.Unmarshal(r, s); err != nil {
		return verr(path, "must be a string")
	}
	return nil
}

func reqString(r *json.RawMessage, path string) (string, error) {
	if r == nil {
		return "", verr(path, "required")
	}
	var s string
	err := unmarshalString(*r, path, &s)
	return s, err
}

func reqTime(r *json.RawMessage, path string) (time.Time, error) {
	s, err := reqString(r, path)
	if err != nil {
		return time.Time{}, err
	}
	t, ok := parseDateTime(s)
	if !ok {
		return time.Time{}, verr(path, "must be an RFC 3339 date-time")
	}
	return t, nil
}

// parseDateTime parses RFC 3339 date-times as JSON Schema's date-time format
// defines them: 'T' and 'Z' in either case, fractions of any length, a
// numeric offset or Z.
func parseDateTime(s string) (time.Time, bool) {
	if len(s) < 20 || (s[10] != 'T' && s[10] != 't') {
		return time.Time{}, false
	}
	u := s[:10] + "T" + s[11:]
	if last := u[len(u)-1]; last == 'z' {
		u = u[:len(u)-1] + "Z"
	}
	t, err := time.Parse(time.RFC3339Nano, u)
	if err != nil {
		return time.Time{}, false
	}
	return t, true
}

func reqURI(r *json.RawMessage, path string) (string, error) {
	s, err := reqString(r, path)
	if err != nil {
		return "", err
	}
	if !isURI(s) {
		return "", verr(path, "must be an absolute URI")
	}
	return s, nil
}

// isURI reports whether s is an absolute URI (RFC 3986: a scheme, then
// anything url.Parse accepts, no spaces).
func isURI(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\r\n\\\"<>^`{|}") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" {
		return false
	}
	return true
}

// isUUID reports whether s has the 8-4-4-4-12 hexadecimal form.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func decodeRun(b json.RawMessage) (*Run, error) {
	var m map[string]json.RawMessage
	if err := unmarshalObject(b, "run", &m); err != nil {
		return nil, err
	}
	get := getter(m)
	id, err := reqString(get("runId"), "run.runId")
	if err != nil {
		return nil, err
	}
	if !isUUID(id) {
		return nil, verr("run.runId", "must be a UUID")
	}
	f, err := decodeFacets(get("facets"), "run.facets", false)
	if err != nil {
		return nil, err
	}
	return &Run{RunID: id, Facets: f}, nil
}

func decodeJob(b json.RawMessage) (*Job, error) {
	var m map[string]json.RawMessage
	if err := unmarshalObject(b, "job", &m); err != nil {
		return nil, err
	}
	get := getter(m)
	j := &Job{}
	var err error
	if j.Namespace, err = reqString(get("namespace"), "job.namespace"); err != nil {
		return nil, err
	}
	if j.Name, err = reqString(get("name"), "job.name"); err != nil {
		return nil, err
	}
	if j.Facets, err = decodeFacets(get("facets"), "job.facets", true); err != nil {
		return nil, err
	}
	return j, nil
}

func decodeDatasets(r *json.RawMessage, path, ioKey string) ([]Dataset, error) {
	if r == nil {
		return nil, nil
	}
	b := bytes.TrimSpace(*r)
	if len(b) == 0 || b[0] != '[' {
		return nil, verr(path, "must be an array")
	}
	var items []json.RawMessage
	if err := json.Unmarshal(b, &items); err != nil {
		return nil, verr(path, "must be an array")
	}
	out := make([]Dataset, 0, len(items))
	for i, it := range items {
		d, err := decodeDataset(it, fmt.Sprintf("%s[%d]", path, i), ioKey)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

func decodeDataset(b json.RawMessage, path, ioKey string) (Dataset, error) {
	var raw map[string]json.RawMessage
	if err := unmarshalObject(b, path, &raw); err != nil {
		return Dataset{}, err
	}
	get := getter(raw)
	var (
		d   Dataset
		err error
	)
	if d.Namespace, err = reqString(get("namespace"), path+".namespace"); err != nil {
		return d, err
	}
	if d.Name, err = reqString(get("name"), path+".name"); err != nil {
		return d, err
	}
	if d.Facets, err = decodeFacets(get("facets"), path+".facets", true); err != nil {
		return d, err
	}
	if ioKey != "" {
		if d.IOFacets, err = decodeFacets(get(ioKey), path+"."+ioKey, false); err != nil {
			return d, err
		}
	}
	return d, nil
}

// decodeFacets checks a facets object: every value is a facet with
// _producer and _schemaURL URIs; deletable facets (job and dataset facets)
// may carry a boolean _deleted.
func decodeFacets(r *json.RawMessage, path string, deletable bool) (Facets, error) {
	if r == nil {
		return nil, nil
	}
	var raw map[string]json.RawMessage
	if err := unmarshalObject(*r, path, &raw); err != nil {
		return nil, err
	}
	for name, f := range raw {
		fp := path + "." + name
		var base map[string]json.RawMessage
		if err := unmarshalObject(f, fp, &base); err != nil {
			return nil, err
		}
		for _, k := range []string{"_producer", "_schemaURL"} {
			v, ok := base[k]
			if !ok {
				return nil, verr(fp+"."+k, "required")
			}
			if _, err := reqURI(&v, fp+"."+k); err != nil {
				return nil, err
			}
		}
		if v, ok := base["_deleted"]; ok && deletable {
			var del bool
			if err := json.Unmarshal(v, &del); err != nil {
				return nil, verr(fp+"._deleted", "must be a boolean")
			}
		}
	}
	return Facets(raw), nil
}
