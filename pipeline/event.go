package pipeline

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/kafka"
)

// FindingsEvent is the value of a weir.findings record: one per input record
// with findings. Findings are DESIGN.md's Finding contract (fingerprint and
// masked preview, never the value); their offsets are bytes into the field's
// decoded text (the whole value for a text record).
//
//	{"id": "kafka://ingest/3/1042", "source": {"topic": "ingest", "partition": 3, "offset": 1042},
//	 "dataset": "ingest", "content_type": "application/json", "route": "clean",
//	 "types": {"EMAIL_ADDRESS": 1},
//	 "fields": [{"field": "customer.email", "findings": [{"type": "EMAIL_ADDRESS", ...}]}]}
type FindingsEvent struct {
	ID          string          `json:"id"`
	Source      SourceRef       `json:"source"`
	Dataset     string          `json:"dataset,omitempty"`
	Object      string          `json:"object,omitempty"`
	ContentType string          `json:"content_type"`
	Route       Route           `json:"route"` // clean (redacted) or quarantine
	Types       map[string]int  `json:"types"` // findings per type
	Fields      []FieldFindings `json:"fields"`
}

// SourceRef locates the input record.
type SourceRef struct {
	Topic      string    `json:"topic"`
	Partition  int32     `json:"partition"`
	Offset     int64     `json:"offset"`
	Timestamp  time.Time `json:"timestamp,omitzero"`
	EnvelopeID string    `json:"envelope_id,omitempty"` // the envelope's own id
}

// FieldFindings are the findings in one field (a JSON path or an envelope
// field; empty for a text record).
type FieldFindings struct {
	Field    string                `json:"field,omitempty"`
	Findings []classifiers.Finding `json:"findings"`
	part     int
}

// RecordID is the id of a Kafka record: kafka://topic/partition/offset.
func RecordID(topic string, partition int32, offset int64) string {
	return "kafka://" + topic + "/" + strconv.Itoa(int(partition)) + "/" + strconv.FormatInt(offset, 10)
}

type provenance struct {
	id, dataset, object, contentType, envelopeID string
	format                                       Format
}

func provenanceOf(rec kafka.Record) provenance {
	pv := provenance{id: RecordID(rec.Topic, rec.Partition, rec.Offset), dataset: rec.Topic}
	for _, h := range rec.Headers {
		switch h.Key {
		case "content-type", "Content-Type", HeaderContentType:
			pv.contentType = string(h.Value)
		case HeaderDataset:
			pv.dataset = string(h.Value)
		case HeaderObject:
			pv.object = string(h.Value)
		}
	}
	return pv
}

func (p *Processor) event(rec kafka.Record, prov provenance, route Route, fields []FieldFindings) ([]byte, error) {
	types := map[string]int{}
	for _, ff := range fields {
		for _, f := range ff.Findings {
			types[f.Type]++
		}
	}
	ev := FindingsEvent{
		ID:          prov.id,
		Source:      SourceRef{Topic: rec.Topic, Partition: rec.Partition, Offset: rec.Offset, Timestamp: rec.Timestamp, EnvelopeID: prov.envelopeID},
		Dataset:     prov.dataset,
		Object:      prov.object,
		ContentType: prov.format.contentType(),
		Route:       route,
		Types:       types,
		Fields:      fields,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(ev); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// msg builds an output record: the input's key (or its id when it has none)
// and the provenance headers. Input headers are not copied: they are not
// classified, so passing them on could leak what they hold.
func (p *Processor) msg(topic string, rec kafka.Record, prov provenance, value []byte, findings int) kafka.Message {
	key := rec.Key
	if len(key) == 0 {
		key = []byte(prov.id)
	}
	ct := prov.format
	if ct == "" {
		ct = FormatText
	}
	h := make([]kafka.Header, 0, 9)
	h = append(h,
		kafka.Header{Key: HeaderID, Value: []byte(prov.id)},
		kafka.Header{Key: HeaderTopic, Value: []byte(rec.Topic)},
		kafka.Header{Key: HeaderPartition, Value: []byte(strconv.Itoa(int(rec.Partition)))},
		kafka.Header{Key: HeaderOffset, Value: []byte(strconv.FormatInt(rec.Offset, 10))},
		kafka.Header{Key: HeaderDataset, Value: []byte(prov.dataset)},
		kafka.Header{Key: HeaderContentType, Value: []byte(ct.contentType())},
		kafka.Header{Key: HeaderFindings, Value: []byte(strconv.Itoa(findings))},
	)
	if prov.object != "" {
		h = append(h, kafka.Header{Key: HeaderObject, Value: []byte(prov.object)})
	}
	return kafka.Message{Topic: topic, Key: key, Value: value, Headers: h}
}
