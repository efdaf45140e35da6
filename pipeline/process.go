package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
	"github.com/weir-dev/weir/internal/jsonwalk"
	"github.com/weir-dev/weir/sources/kafka"
)

// Headers weir writes on every output record (provenance), plus the reason
// on weir.quarantine and weir.dlq records.
const (
	HeaderID          = "weir.id" // kafka://topic/partition/offset
	HeaderTopic       = "weir.source.topic"
	HeaderPartition   = "weir.source.partition"
	HeaderOffset      = "weir.source.offset"
	HeaderDataset     = "weir.dataset"
	HeaderObject      = "weir.object"
	HeaderContentType = "weir.content-type"
	HeaderFindings    = "weir.findings" // number of findings in the record
	HeaderReason      = "weir.reason"   // why a record was quarantined or dead-lettered
	HeaderSize        = "weir.size"     // original value size, on an oversized record's DLQ entry
)

// Route is where a record went.
type Route string

// Routes. Every input record takes exactly one route; records with findings
// also yield one event on the findings topic.
const (
	RouteClean      Route = "clean"
	RouteQuarantine Route = "quarantine"
	RouteDLQ        Route = "dlq"
)

// DefaultMaxRecordBytes is the default record limit: outputs of this size
// plus weir's headers fit Kafka's default message.max.bytes (1 MB).
const DefaultMaxRecordBytes = 900 << 10

// Topics names the output topics.
type Topics struct {
	Findings, Clean, Quarantine, DLQ string
}

// DefaultTopics are weir.findings, weir.clean, weir.quarantine and weir.dlq.
func DefaultTopics() Topics {
	return Topics{Findings: "weir.findings", Clean: "weir.clean", Quarantine: "weir.quarantine", DLQ: "weir.dlq"}
}

// All returns the four topic names.
func (t Topics) All() []string { return []string{t.Findings, t.Clean, t.Quarantine, t.DLQ} }

// ProcessorConfig configures a Processor.
type ProcessorConfig struct {
	// Engine classifies. nil switches classification off: every decodable
	// record goes to the clean topic unchanged (the benchmark's no-op
	// pipeline; never use it to protect data).
	Engine *classifiers.Engine
	// Redactor makes weir.clean's values; required with an Engine.
	Redactor *redact.Redactor
	Topics   Topics
	// Quarantine lists TAXONOMY types or categories (PII, PHI, SECRET): a
	// record with a finding of one goes to the quarantine topic as it is,
	// instead of redacted to the clean topic.
	Quarantine []string
	// MaxRecordBytes dead-letters larger values (without their payload);
	// outputs (a redacted record, a findings event) over it are
	// dead-lettered too. Default DefaultMaxRecordBytes.
	MaxRecordBytes int
	// Format of record values (default FormatAuto).
	Format Format
}

// Processor turns one input record into its output records. It holds no
// mutable state and is safe for concurrent use.
type Processor struct {
	cfg        ProcessorConfig
	quarantine map[string]bool
}

// NewProcessor validates cfg.
func NewProcessor(cfg ProcessorConfig) (*Processor, error) {
	if cfg.Engine != nil && cfg.Redactor == nil {
		return nil, errors.New("pipeline: a redactor is required with a classifier")
	}
	if cfg.Topics == (Topics{}) {
		cfg.Topics = DefaultTopics()
	}
	for _, t := range cfg.Topics.All() {
		if t == "" {
			return nil, errors.New("pipeline: every output topic needs a name")
		}
	}
	if cfg.MaxRecordBytes <= 0 {
		cfg.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if cfg.Format == "" {
		cfg.Format = FormatAuto
	}
	q := map[string]bool{}
	for _, t := range cfg.Quarantine {
		if t = strings.ToUpper(strings.TrimSpace(t)); t != "" {
			q[t] = true
		}
	}
	return &Processor{cfg: cfg, quarantine: q}, nil
}

// Topics returns the output topic names.
func (p *Processor) Topics() Topics { return p.cfg.Topics }

// Result is what became of one input record.
type Result struct {
	Route    Route
	Reason   string          // for quarantine and dlq
	Out      []kafka.Message // the records to produce (one or two)
	Findings []FieldFindings // by field, in field order
}

// Process classifies rec and returns its outputs. It never panics: a record
// whose classification fails for any reason is dead-lettered (fail closed).
func (p *Processor) Process(rec kafka.Record) (res Result) {
	prov := provenanceOf(rec)
	defer func() {
		if v := recover(); v != nil {
			res = p.dlq(rec, prov, fmt.Sprintf("classification failed: %v", v), rec.Value)
		}
	}()
	if len(rec.Value) > p.cfg.MaxRecordBytes {
		r := p.dlq(rec, prov, fmt.Sprintf("record too large: %d bytes > limit %d", len(rec.Value), p.cfg.MaxRecordBytes), nil)
		r.Out[0].Headers = append(r.Out[0].Headers, kafka.Header{Key: HeaderSize, Value: []byte(strconv.Itoa(len(rec.Value)))})
		return r
	}
	pl, err := Decode(rec.Value, p.cfg.Format, prov.contentType)
	prov.format = pl.Format
	if err != nil {
		return p.dlq(rec, prov, err.Error(), rec.Value)
	}
	if env := pl.Envelope; env != nil {
		if env.Dataset != "" {
			prov.dataset = env.Dataset
		}
		if env.Object != "" {
			prov.object = env.Object
		}
		prov.envelopeID = env.ID
	}
	if p.cfg.Engine == nil {
		return Result{Route: RouteClean, Out: []kafka.Message{p.msg(p.cfg.Topics.Clean, rec, prov, rec.Value, 0)}}
	}
	var fields []FieldFindings
	n := 0
	for i := range pl.Parts {
		part := &pl.Parts[i]
		var fs []classifiers.Finding
		if part.Field != "" {
			fs = p.cfg.Engine.ScanField(part.Field, part.Text)
		} else {
			fs = p.cfg.Engine.Scan(part.Text)
		}
		if len(fs) > 0 {
			fields = append(fields, FieldFindings{Field: part.Field, Findings: fs, part: i})
			n += len(fs)
		}
	}
	if n == 0 {
		return Result{Route: RouteClean, Out: []kafka.Message{p.msg(p.cfg.Topics.Clean, rec, prov, rec.Value, 0)}}
	}
	route, reason, value := RouteQuarantine, p.quarantined(fields), rec.Value
	if reason == "" {
		route = RouteClean
		value, err = p.redact(pl, fields)
		if err != nil {
			return p.dlq(rec, prov, "redaction failed: "+err.Error(), rec.Value)
		}
	}
	ev, err := p.event(rec, prov, route, fields)
	if err != nil {
		return p.dlq(rec, prov, "findings event: "+err.Error(), rec.Value)
	}
	// Outputs obey the record limit too (redaction and events can grow a
	// record): a record whose outputs cannot be written is dead-lettered,
	// never half-written.
	if len(value) > p.cfg.MaxRecordBytes || len(ev) > p.cfg.MaxRecordBytes {
		return p.dlq(rec, prov, fmt.Sprintf("outputs too large: redacted %d, findings event %d bytes > limit %d",
			len(value), len(ev), p.cfg.MaxRecordBytes), rec.Value)
	}
	topic := p.cfg.Topics.Clean
	if route == RouteQuarantine {
		topic = p.cfg.Topics.Quarantine
	}
	out := p.msg(topic, rec, prov, value, n)
	if reason != "" {
		out.Headers = append(out.Headers, kafka.Header{Key: HeaderReason, Value: []byte(reason)})
	}
	return Result{Route: route, Reason: reason, Findings: fields,
		Out: []kafka.Message{p.msg(p.cfg.Topics.Findings, rec, prov, ev, n), out}}
}

// quarantined returns the policy's reason to hold the record back, or "".
func (p *Processor) quarantined(fields []FieldFindings) string {
	if len(p.quarantine) == 0 {
		return ""
	}
	hit := map[string]bool{}
	for _, ff := range fields {
		for _, f := range ff.Findings {
			if p.quarantine[f.Type] || p.quarantine[f.Category] {
				hit[f.Type] = true
			}
		}
	}
	if len(hit) == 0 {
		return ""
	}
	types := make([]string, 0, len(hit))
	for t := range hit {
		types = append(types, t)
	}
	sort.Strings(types)
	return "quarantine policy: " + strings.Join(types, ",")
}

// redact returns the value with every finding's span replaced.
func (p *Processor) redact(pl Payload, fields []FieldFindings) ([]byte, error) {
	switch pl.Format {
	case FormatText:
		out, _, err := p.cfg.Redactor.Apply(pl.Parts[0].Text, fields[0].Findings)
		return out, err
	case FormatEnvelope:
		red, _, err := p.cfg.Redactor.Apply(pl.Parts[0].Text, fields[0].Findings)
		if err != nil {
			return nil, err
		}
		env := *pl.Envelope
		s := string(red)
		env.Text = &s
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(env); err != nil {
			return nil, err
		}
		return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
	}
	// JSON: replace each value that has findings by its redacted string (a
	// number with a finding, say a card number, becomes a string: its
	// redaction is no longer a number).
	doc := pl.Doc
	out := make([]byte, 0, len(doc)+64)
	prev := 0
	for _, ff := range fields {
		part := pl.Parts[ff.part]
		red, _, err := p.cfg.Redactor.Apply(part.Text, ff.Findings)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", ff.Field, err)
		}
		out = append(out, doc[prev:part.Off]...)
		out = jsonwalk.AppendString(out, red)
		prev = part.Off + len(part.Raw)
	}
	return append(out, doc[prev:]...), nil
}

func (p *Processor) dlq(rec kafka.Record, prov provenance, reason string, value []byte) Result {
	m := p.msg(p.cfg.Topics.DLQ, rec, prov, value, 0)
	m.Headers = append(m.Headers, kafka.Header{Key: HeaderReason, Value: []byte(reason)})
	return Result{Route: RouteDLQ, Reason: reason, Out: []kafka.Message{m}}
}
