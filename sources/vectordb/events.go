package vectordb

import (
	"context"
	"encoding/json"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/redact"
)

// Default topics of the events.
const (
	DefaultCaptureTopic = "weir.vectordb.captures"
	DefaultLineageTopic = "weir.lineage.edges"
)

// Schema names carried by every event (bumped on incompatible changes).
const (
	CaptureSchema = "weir.vectordb.capture/v1"
	EdgeSchema    = "weir.lineage.edge/v1"
)

// Actions of a capture event.
const (
	ActionForwarded = "forwarded" // sent upstream unchanged (observe, or enforce with nothing to redact)
	ActionRedacted  = "redacted"  // enforce: text fields rewritten, then sent upstream
	ActionBlocked   = "blocked"   // enforce: rejected with 403, nothing sent upstream
	ActionRejected  = "rejected"  // enforce: unreadable, malformed or too large; 400/413, nothing sent upstream
	ActionUnscanned = "unscanned" // observe: sent upstream unchanged but could not be inspected (Reason says why)
	ActionCaptured  = "captured"  // pgcapture: a row already written, read from the WAL
)

// CaptureEvent is published for every write call the proxy (or the
// PostgreSQL capturer) sees, with findings described by fingerprint and
// masked preview only: never a raw value.
type CaptureEvent struct {
	Schema string    `json:"schema"`
	ID     string    `json:"id"` // random, unique per capture; edges carry it
	Time   time.Time `json:"time"`
	// Source is "proxy" or "pgcapture".
	Source string `json:"source"`
	// Kind is qdrant, pinecone, chroma, weaviate or postgres.
	Kind string `json:"kind"`
	// Store identifies the database: the upstream's scheme://host (no
	// credentials), or postgres://host/db.
	Store      string `json:"store"`
	Collection string `json:"collection"`
	// Operation is the call: upsert, add, update, batch, set_payload,
	// overwrite_payload, create, replace (proxy); insert, update (pgcapture).
	Operation string `json:"operation"`
	Mode      Mode   `json:"mode"`
	Action    string `json:"action"`
	// Reason says why a call was rejected or not inspected.
	Reason string `json:"reason,omitempty"`
	// UpstreamStatus is the database's HTTP status (proxy; 0 when the call
	// was not forwarded or the upstream did not answer).
	UpstreamStatus int `json:"upstream_status,omitempty"`
	// PointIDs are the ids of every point of the call in this collection, as
	// sent (JSON numbers or strings; null where absent).
	PointIDs []json.RawMessage `json:"point_ids"`
	// Points lists the points with findings.
	Points []PointReport `json:"points,omitempty"`
	// Sources are the distinct source documents named by the points'
	// provenance fields.
	Sources []string `json:"sources,omitempty"`
	Counts  Counts   `json:"counts"`
	// Position is the WAL position of a pgcapture row (LSN), empty otherwise.
	Position string `json:"position,omitempty"`
}

// Counts summarises a capture.
type Counts struct {
	Points             int            `json:"points"`
	PointsWithFindings int            `json:"points_with_findings"`
	Findings           map[string]int `json:"findings,omitempty"` // by type
}

// PointReport is one point with findings.
type PointReport struct {
	Index  int             `json:"index"` // position in the call
	ID     json.RawMessage `json:"id,omitempty"`
	Source string          `json:"source,omitempty"`
	Fields []FieldReport   `json:"fields"`
}

// FieldReport holds the findings of one text field; offsets are bytes into
// that field's text as sent.
type FieldReport struct {
	Field      string                `json:"field"`
	Findings   []classifiers.Finding `json:"findings"`
	Redactions []redact.Applied      `json:"redactions,omitempty"`
	Blocked    bool                  `json:"blocked,omitempty"`
}

// EdgeNode is one end of a lineage edge.
type EdgeNode struct {
	// Type is "document" (a source named by provenance), "unknown" (the
	// points named none) or "vector_collection".
	Type      string `json:"type"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
}

// LineageEdge says that points from a source document went into a vector
// collection: one per distinct source of each capture.
type LineageEdge struct {
	Schema    string    `json:"schema"`
	Time      time.Time `json:"time"`
	CaptureID string    `json:"capture_id"`
	From      EdgeNode  `json:"from"`
	To        EdgeNode  `json:"to"`
	// Action is the capture's action: whether the data reached the index
	// (forwarded, redacted, unscanned) or not (blocked, rejected).
	Action string `json:"action"`
	Points int    `json:"points"`
	// Findings counts the findings of these points by type.
	Findings map[string]int `json:"findings,omitempty"`
}

// Publisher sends an event. Publish must not block for long; done is called
// once with the outcome (nil when the broker acknowledged it). Publish is
// called from many goroutines.
type Publisher interface {
	Publish(ctx context.Context, topic string, key, value []byte, done func(error))
}

// Edges returns the lineage edges of a capture: one per distinct source
// (in first-seen order), or one from "unknown" when no point named a source.
// pointSources gives each point's source ("" for none), findings per point.
func Edges(ev *CaptureEvent, pointSources []string, pointFindings []map[string]int) []LineageEdge {
	to := EdgeNode{Type: "vector_collection", Namespace: ev.Store, Name: ev.Collection}
	var order []string
	bySrc := map[string]*LineageEdge{}
	for i, src := range pointSources {
		e := bySrc[src]
		if e == nil {
			from := EdgeNode{Type: "document", Name: src}
			if src == "" {
				from = EdgeNode{Type: "unknown", Name: ""}
			}
			e = &LineageEdge{Schema: EdgeSchema, Time: ev.Time, CaptureID: ev.ID, From: from, To: to, Action: ev.Action}
			bySrc[src] = e
			order = append(order, src)
		}
		e.Points++
		if i < len(pointFindings) {
			for t, n := range pointFindings[i] {
				if e.Findings == nil {
					e.Findings = map[string]int{}
				}
				e.Findings[t] += n
			}
		}
	}
	out := make([]LineageEdge, 0, len(order))
	for _, s := range order {
		out = append(out, *bySrc[s])
	}
	return out
}
