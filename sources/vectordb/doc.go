// Package vectordb captures what goes into vector databases: an HTTP
// reverse proxy (Proxy) in front of Qdrant, Pinecone, Chroma or Weaviate
// that recognises their upsert calls, classifies the configured text fields
// of every point, and per collection either forwards the call unchanged and
// publishes a CaptureEvent (observe) or redacts the text fields before
// forwarding, or rejects the call with 403 when a finding's type or
// category must not be indexed (enforce). Every capture also yields
// LineageEdges "source document -> vector collection".
//
// Every other request is passed through untouched (headers, status codes,
// streamed bodies, upstream errors). Point ids and vectors are never
// decoded: bodies are kept as raw JSON and only the objects on the way to
// a text field are expanded, so a rewritten body carries the vectors'
// bytes exactly as sent.
//
// The package imports the classifier (like the webhook, enforce mode must
// classify before the call goes on) but no Kafka client: events leave
// through the Publisher interface, which cmd/weir wires to franz-go. The
// event schemas are documented in docs/vectordb.md.
package vectordb
