package vectordb

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Kind names a vector database API.
type Kind string

// The APIs the proxy understands. KindAuto recognises each by its paths.
const (
	KindAuto     Kind = "auto"
	KindQdrant   Kind = "qdrant"
	KindPinecone Kind = "pinecone"
	KindChroma   Kind = "chroma"
	KindWeaviate Kind = "weaviate"
)

// ParseKind parses a --kind value.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case KindAuto, KindQdrant, KindPinecone, KindChroma, KindWeaviate:
		return k, nil
	case "":
		return KindAuto, nil
	}
	return "", fmt.Errorf("vectordb: unknown kind %q (want auto, qdrant, pinecone, chroma or weaviate)", s)
}

// route is a recognised write call.
type route struct {
	kind Kind
	op   string // upsert, add, update, batch, set_payload, overwrite_payload, create, replace
	// collection from the path; empty when the body names it (Pinecone
	// namespaces, Weaviate classes).
	collection string
}

// match recognises the write calls of kind (every kind for KindAuto).
// Everything else is passed through untouched.
func match(kind Kind, method, path string) (route, bool) {
	seg := strings.Split(strings.Trim(path, "/"), "/")
	try := func(k Kind) bool { return kind == KindAuto || kind == k }
	n := len(seg)
	// Qdrant: /collections/{name}/points[/batch|/payload]
	if try(KindQdrant) && n >= 3 && seg[0] == "collections" && seg[2] == "points" && seg[1] != "" {
		c := seg[1]
		switch {
		case n == 3 && method == http.MethodPut:
			return route{KindQdrant, "upsert", c}, true
		case n == 4 && seg[3] == "batch" && method == http.MethodPost:
			return route{KindQdrant, "batch", c}, true
		case n == 4 && seg[3] == "payload" && method == http.MethodPost:
			return route{KindQdrant, "set_payload", c}, true
		case n == 4 && seg[3] == "payload" && method == http.MethodPut:
			return route{KindQdrant, "overwrite_payload", c}, true
		}
	}
	// Pinecone data plane: /vectors/upsert, /vectors/update.
	if try(KindPinecone) && n == 2 && seg[0] == "vectors" && method == http.MethodPost {
		switch seg[1] {
		case "upsert":
			return route{KindPinecone, "upsert", ""}, true
		case "update":
			return route{KindPinecone, "update", ""}, true
		}
	}
	// Chroma v1: /api/v1/collections/{id}/{upsert|add|update};
	// v2: /api/v2/tenants/{t}/databases/{d}/collections/{id}/{op}.
	if try(KindChroma) && method == http.MethodPost && n >= 5 && seg[0] == "api" {
		op := seg[n-1]
		if (op == "upsert" || op == "add" || op == "update") && seg[n-3] == "collections" && seg[n-2] != "" {
			v1 := seg[1] == "v1" && n == 5
			v2 := seg[1] == "v2" && n == 9 && seg[2] == "tenants" && seg[4] == "databases"
			if v1 || v2 {
				return route{KindChroma, op, seg[n-2]}, true
			}
		}
	}
	// Weaviate: POST /v1/objects, PUT|PATCH /v1/objects/{class}/{id},
	// POST /v1/batch/objects.
	if try(KindWeaviate) && n >= 2 && seg[0] == "v1" {
		switch {
		case n == 2 && seg[1] == "objects" && method == http.MethodPost:
			return route{KindWeaviate, "create", ""}, true
		case n == 4 && seg[1] == "objects" && (method == http.MethodPut || method == http.MethodPatch):
			return route{KindWeaviate, "replace", seg[2]}, true
		case n == 3 && seg[1] == "batch" && seg[2] == "objects" && method == http.MethodPost:
			return route{KindWeaviate, "batch", ""}, true
		}
	}
	return route{}, false
}

// item is one point (vector, object, Chroma record) of an upsert: its id,
// collection, the value holding its payload and, for Chroma, its document.
type item struct {
	index      int
	collection string
	id         json.RawMessage // as sent; nil when absent
	payload    *node           // payload / metadata / properties object; may be nil
	document   *node           // Chroma's documents[i]; nil otherwise
	// payloadName is how findings name the payload in a field path.
	payloadName string
}

// errShape is wrapped by items' errors: the body is JSON but not the
// shape of the call.
var errShape = errors.New("unexpected request shape")

func shapeErr(format string, a ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errShape}, a...)...)
}

// items lists the points of an upsert body. It expands only the objects on
// the way to payloads, never a vector.
func items(r route, root *node) ([]item, error) {
	body, err := root.asObject()
	if err != nil {
		return nil, shapeErr("the body must be a JSON object")
	}
	switch r.kind {
	case KindQdrant:
		return qdrantItems(r, body)
	case KindPinecone:
		return pineconeItems(body)
	case KindChroma:
		return chromaItems(r, body)
	case KindWeaviate:
		return weaviateItems(r, body)
	}
	return nil, shapeErr("unknown kind")
}

func rawOf(n *node) json.RawMessage {
	if n == nil {
		return nil
	}
	return n.raw
}

func qdrantItems(r route, body *object) ([]item, error) {
	var out []item
	add := func(id, payload *node) {
		out = append(out, item{index: len(out), collection: r.collection, id: rawOf(id), payload: payload, payloadName: "payload"})
	}
	var upsert func(o *object) error
	upsert = func(o *object) error {
		if pts := o.get("points"); pts != nil {
			arr, ok := pts.asArray()
			if !ok {
				return shapeErr("points must be an array")
			}
			for i, p := range arr {
				po, err := p.asObject()
				if err != nil {
					return shapeErr("points[%d] must be an object", i)
				}
				add(po.get("id"), po.get("payload"))
			}
			return nil
		}
		if b := o.get("batch"); b != nil {
			bo, err := b.asObject()
			if err != nil {
				return shapeErr("batch must be an object")
			}
			var ids, payloads []*node
			if n := bo.get("ids"); n != nil {
				if ids, _ = n.asArray(); ids == nil && n.kind() != 'n' {
					return shapeErr("batch.ids must be an array")
				}
			}
			if n := bo.get("payloads"); n != nil && n.kind() != 'n' {
				var ok bool
				if payloads, ok = n.asArray(); !ok {
					return shapeErr("batch.payloads must be an array")
				}
			}
			for i := range max(len(ids), len(payloads)) {
				var id, pl *node
				if i < len(ids) {
					id = ids[i]
				}
				if i < len(payloads) {
					pl = payloads[i]
				}
				add(id, pl)
			}
			return nil
		}
		return shapeErr("give points or batch")
	}
	// set_payload / overwrite_payload: one payload applied to many points.
	setPayload := func(o *object) {
		ids := o.get("points")
		add(ids, o.get("payload"))
	}
	switch r.op {
	case "upsert":
		return out, upsert(body)
	case "set_payload", "overwrite_payload":
		setPayload(body)
		return out, nil
	case "batch":
		ops := body.get("operations")
		if ops == nil {
			return nil, shapeErr("operations missing")
		}
		arr, ok := ops.asArray()
		if !ok {
			return nil, shapeErr("operations must be an array")
		}
		for i, op := range arr {
			oo, err := op.asObject()
			if err != nil {
				return nil, shapeErr("operations[%d] must be an object", i)
			}
			for _, u := range oo.all("upsert") {
				uo, err := u.asObject()
				if err != nil {
					return nil, shapeErr("operations[%d].upsert must be an object", i)
				}
				if err := upsert(uo); err != nil {
					return nil, err
				}
			}
			for _, k := range []string{"set_payload", "overwrite_payload"} {
				for _, s := range oo.all(k) {
					so, err := s.asObject()
					if err != nil {
						return nil, shapeErr("operations[%d].%s must be an object", i, k)
					}
					setPayload(so)
				}
			}
		}
		return out, nil
	}
	return nil, shapeErr("unknown operation")
}

// PineconeDefaultNamespace names Pinecone's default ("") namespace.
const PineconeDefaultNamespace = "__default__"

func pineconeItems(body *object) ([]item, error) {
	ns := PineconeDefaultNamespace
	if n := body.get("namespace"); n != nil {
		if s, ok := n.asString(); ok && s != "" {
			ns = s
		}
	}
	if v := body.get("vectors"); v != nil {
		arr, ok := v.asArray()
		if !ok {
			return nil, shapeErr("vectors must be an array")
		}
		out := make([]item, 0, len(arr))
		for i, p := range arr {
			po, err := p.asObject()
			if err != nil {
				return nil, shapeErr("vectors[%d] must be an object", i)
			}
			out = append(out, item{index: i, collection: ns, id: rawOf(po.get("id")), payload: po.get("metadata"), payloadName: "metadata"})
		}
		return out, nil
	}
	// /vectors/update: {id, values, setMetadata, namespace}
	return []item{{collection: ns, id: rawOf(body.get("id")), payload: body.get("setMetadata"), payloadName: "setMetadata"}}, nil
}

func chromaItems(r route, body *object) ([]item, error) {
	var ids, metas, docs []*node
	get := func(key string) ([]*node, error) {
		n := body.get(key)
		if n == nil || n.kind() == 'n' {
			return nil, nil
		}
		arr, ok := n.asArray()
		if !ok {
			return nil, shapeErr("%s must be an array", key)
		}
		return arr, nil
	}
	var err error
	if ids, err = get("ids"); err != nil {
		return nil, err
	}
	if metas, err = get("metadatas"); err != nil {
		return nil, err
	}
	if docs, err = get("documents"); err != nil {
		return nil, err
	}
	n := max(len(ids), len(metas), len(docs))
	out := make([]item, n)
	for i := range n {
		it := item{index: i, collection: r.collection, payloadName: "metadatas"}
		if i < len(ids) {
			it.id = ids[i].raw
		}
		if i < len(metas) {
			it.payload = metas[i]
		}
		if i < len(docs) {
			it.document = docs[i]
		}
		out[i] = it
	}
	return out, nil
}

func weaviateItems(r route, body *object) ([]item, error) {
	one := func(i int, o *object) item {
		class := r.collection
		if c := o.get("class"); c != nil {
			if s, ok := c.asString(); ok && s != "" {
				class = s
			}
		}
		return item{index: i, collection: class, id: rawOf(o.get("id")), payload: o.get("properties"), payloadName: "properties"}
	}
	if r.op != "batch" {
		return []item{one(0, body)}, nil
	}
	objs := body.get("objects")
	if objs == nil {
		return nil, shapeErr("objects missing")
	}
	arr, ok := objs.asArray()
	if !ok {
		return nil, shapeErr("objects must be an array")
	}
	out := make([]item, 0, len(arr))
	for i, p := range arr {
		po, err := p.asObject()
		if err != nil {
			return nil, shapeErr("objects[%d] must be an object", i)
		}
		out = append(out, one(i, po))
	}
	return out, nil
}
