package openlineage

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const (
	hdr  = `"eventTime":"2026-11-20T06:42:10Z","producer":"https://github.com/acme/p","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"`
	run  = `"run":{"runId":"d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d"}`
	jb   = `"job":{"namespace":"ml","name":"train"}`
	fct  = `{"_producer":"https://github.com/acme/p","_schemaURL":"https://example.com/s.json"}`
	ds1  = `{"namespace":"s3://training","name":"tickets"}`
	base = `{` + hdr + `,` + run + `,` + jb + `}`
)

// Each case is checked twice: against Decode and against the official JSON
// Schema, which must agree on validity (errPath: the path Decode's error
// names; "" for a valid event).
var decodeCases = []struct {
	name, doc, errPath string
}{
	{"minimal run event", base, ""},
	{"all event types", `{` + hdr + `,"eventType":"OTHER",` + run + `,` + jb + `}`, ""},
	{"inputs and outputs", `{` + hdr + `,` + run + `,` + jb + `,"inputs":[` + ds1 + `],"outputs":[` + ds1 + `]}`, ""},
	{"lower-case t and z", `{"eventTime":"2026-11-20t06:42:10.5z","producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, ""},
	{"offset time", `{"eventTime":"2026-11-20T06:42:10.123456789+05:30","producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, ""},
	{"extra properties", `{` + hdr + `,` + run + `,` + jb + `,"x-custom":[1,2]}`, ""},
	{"facets everywhere", `{` + hdr + `,"run":{"runId":"d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d","facets":{"a":` + fct + `}},"job":{"namespace":"n","name":"j","facets":{"b":` + fct + `}},"inputs":[{"namespace":"n","name":"d","facets":{"c":` + fct + `},"inputFacets":{"d":` + fct + `}}],"outputs":[{"namespace":"n","name":"o","outputFacets":{"e":` + fct + `}}]}`, ""},
	{"deleted facet", `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":"j","facets":{"b":{"_producer":"https://a.example","_schemaURL":"https://b.example","_deleted":true}}}}`, ""},
	{"job event", `{` + hdr + `,` + jb + `,"inputs":[` + ds1 + `]}`, ""},
	{"dataset event", `{` + hdr + `,"dataset":` + ds1 + `}`, ""},
	{"dataset event with run only", `{` + hdr + `,"dataset":` + ds1 + `,"run":{"runId":"x"}}`, ""},
	{"eventType free outside run events", `{` + hdr + `,"eventType":"WHATEVER","dataset":` + ds1 + `}`, ""},

	{"not an object", `[1]`, "$"},
	{"malformed", `{"eventTime":`, "$"},
	{"empty", ``, "$"},
	{"no eventTime", `{"producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "eventTime"},
	{"eventTime not a string", `{"eventTime":12,"producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "eventTime"},
	{"eventTime not a date-time", `{"eventTime":"2026-11-20 06:42:10","producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "eventTime"},
	{"eventTime without offset", `{"eventTime":"2026-11-20T06:42:10","producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "eventTime"},
	{"no producer", `{"eventTime":"2026-11-20T06:42:10Z","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "producer"},
	{"relative producer", `{"eventTime":"2026-11-20T06:42:10Z","producer":"acme/p","schemaURL":"https://b.example",` + run + `,` + jb + `}`, "producer"},
	{"null schemaURL", `{"eventTime":"2026-11-20T06:42:10Z","producer":"https://a.example","schemaURL":null,` + run + `,` + jb + `}`, "schemaURL"},
	{"bad eventType", `{` + hdr + `,"eventType":"DONE",` + run + `,` + jb + `}`, "eventType"},
	{"run without job", `{` + hdr + `,` + run + `}`, "job"},
	{"nothing", `{` + hdr + `}`, "$"},
	{"job and dataset", `{` + hdr + `,` + jb + `,"dataset":` + ds1 + `}`, "$"},
	{"null run", `{` + hdr + `,"run":null,` + jb + `}`, "run"},
	{"runId not a uuid", `{` + hdr + `,"run":{"runId":"run-42"},` + jb + `}`, "run.runId"},
	{"no runId", `{` + hdr + `,"run":{},` + jb + `}`, "run.runId"},
	{"job without name", `{` + hdr + `,` + run + `,"job":{"namespace":"n"}}`, "job.name"},
	{"job name not a string", `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":["a"]}}`, "job.name"},
	{"inputs not an array", `{` + hdr + `,` + run + `,` + jb + `,"inputs":{}}`, "inputs"},
	{"input without namespace", `{` + hdr + `,` + run + `,` + jb + `,"inputs":[{"name":"x"}]}`, "inputs[0].namespace"},
	{"output not an object", `{` + hdr + `,` + run + `,` + jb + `,"outputs":[` + ds1 + `,"x"]}`, "outputs[1]"},
	{"facet without _producer", `{` + hdr + `,` + run + `,` + jb + `,"outputs":[{"namespace":"n","name":"o","facets":{"f":{"_schemaURL":"https://b.example"}}}]}`, "outputs[0].facets.f._producer"},
	{"facet with relative _schemaURL", `{` + hdr + `,"run":{"runId":"d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d","facets":{"f":{"_producer":"https://a.example","_schemaURL":"s.json"}}},` + jb + `}`, "run.facets.f._schemaURL"},
	{"facet not an object", `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":"j","facets":{"f":3}}}`, "job.facets.f"},
	{"facets not an object", `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":"j","facets":[]}}`, "job.facets"},
	{"_deleted not boolean", `{` + hdr + `,` + run + `,"job":{"namespace":"n","name":"j","facets":{"b":{"_producer":"https://a.example","_schemaURL":"https://b.example","_deleted":"yes"}}}}`, "job.facets.b._deleted"},
	{"dataset without name", `{` + hdr + `,"dataset":{"namespace":"n"}}`, "dataset.name"},
}

func TestDecodeAgreesWithSchema(t *testing.T) {
	s := officialSchema(t)
	for _, c := range decodeCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode([]byte(c.doc))
			serr := schemaValid(t, s, []byte(c.doc))
			if c.errPath == "" {
				if err != nil {
					t.Errorf("Decode: %v", err)
				}
				if serr != nil {
					t.Errorf("the official schema rejects a case meant valid: %v", serr)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Decode: got %v, want ErrInvalid", err)
			}
			if want := "invalid OpenLineage event: " + c.errPath + ":"; !strings.HasPrefix(err.Error(), want) {
				t.Errorf("error %q does not start with %q", err, want)
			}
			if serr == nil {
				t.Errorf("Decode rejects (%v) what the official schema accepts", err)
			}
		})
	}
}

func TestDecodeFields(t *testing.T) {
	ev, err := Decode([]byte(`{` + hdr + `,"eventType":"START",` + run + `,` + jb + `,"inputs":[` + ds1 + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	if ev.Kind != KindRun || ev.EventType != "START" || ev.Run.RunID != "d2b5c8a1-6f3e-4a7b-9c0d-1e2f3a4b5c6d" ||
		ev.Job.Namespace != "ml" || ev.Job.Name != "train" || len(ev.Inputs) != 1 || ev.Inputs[0].Name != "tickets" ||
		!ev.EventTime.Equal(time.Date(2026, 11, 20, 6, 42, 10, 0, time.UTC)) || ev.Producer != "https://github.com/acme/p" {
		t.Errorf("decoded %+v", ev)
	}
}

// Error messages name paths and rules, never the offending value.
func TestDecodeErrorsDoNotEchoValues(t *testing.T) {
	secret := "AKIAIOSFODNN7EXAMPLE"
	for _, doc := range []string{
		`{"eventTime":"` + secret + `","producer":"https://a.example","schemaURL":"https://b.example",` + run + `,` + jb + `}`,
		`{` + hdr + `,"run":{"runId":"` + secret + `"},` + jb + `}`,
		`{` + hdr + `,"eventType":"` + secret + `",` + run + `,` + jb + `}`,
		`{"eventTime":"2026-11-20T06:42:10Z","producer":"` + secret + `","schemaURL":"https://b.example",` + run + `,` + jb + `}`,
	} {
		_, err := Decode([]byte(doc))
		if err == nil || strings.Contains(err.Error(), secret) {
			t.Errorf("error %v", err)
		}
	}
}

func TestDecodeTooLarge(t *testing.T) {
	b := make([]byte, MaxEventBytes+1)
	if _, err := Decode(b); !errors.Is(err, ErrInvalid) {
		t.Errorf("got %v", err)
	}
}
