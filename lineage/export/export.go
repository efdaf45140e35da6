// Package export writes what the lineage store knows in two standard forms:
// OpenLineage DatasetEvents carrying weir's sensitivity facet
// (weir_sensitivity, schema in lineage/openlineage/schemas/), for Marquez,
// DataHub or OpenMetadata; and a CycloneDX 1.6 ML-BOM listing models with the
// datasets they learned from as `data` components with `sensitiveData`.
//
// Both carry entity types, categories and counts only: the store holds no
// detected values.
package export

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/weir-dev/weir/lineage/store"
)

// SensitivitySchemaURL is the _schemaURL of the weir_sensitivity facet.
const SensitivitySchemaURL = "https://github.com/weir-dev/weir/blob/main/lineage/openlineage/schemas/weir_sensitivity.json#/$defs/WeirSensitivityDatasetFacet"

// DefaultProducer is the producer URI of weir's events.
const DefaultProducer = "https://github.com/weir-dev/weir"

// Options are the fixed parts of an export.
type Options struct {
	Producer string    // default DefaultProducer
	Now      time.Time // event time and BOM timestamp (default time.Now)
	// Serial is the BOM's serial number, a UUID (default random).
	Serial string
	// Version is weir's version, for the BOM's tool entry.
	Version string
}

func (o Options) producer() string {
	if o.Producer != "" {
		return o.Producer
	}
	return DefaultProducer
}

func (o Options) now() time.Time {
	if o.Now.IsZero() {
		return time.Now().UTC()
	}
	return o.Now.UTC()
}

// Entity is one entity type's observations in a dataset or field.
type Entity struct {
	Type          string  `json:"type"`
	Category      string  `json:"category"`
	Count         int64   `json:"count"`
	MaxConfidence float64 `json:"maxConfidence,omitempty"`
	FirstSeen     string  `json:"firstSeen,omitempty"`
	LastSeen      string  `json:"lastSeen,omitempty"`
}

// Target is a model or collection the dataset feeds.
type Target struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Kind      string `json:"kind"`
	Exposure  string `json:"exposure,omitempty"`
}

// SensitivityFacet is the weir_sensitivity dataset facet.
type SensitivityFacet struct {
	Producer   string              `json:"_producer"`
	SchemaURL  string              `json:"_schemaURL"`
	Categories []string            `json:"categories"`
	Entities   []Entity            `json:"entities"`
	Fields     map[string][]Entity `json:"fields,omitempty"`
	Feeds      []Target            `json:"feeds,omitempty"`
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// Sensitivity builds the facet of dataset ds from its observations and
// blast radius.
func Sensitivity(ctx context.Context, st *store.Store, ds store.Ref, opt Options) (SensitivityFacet, error) {
	f := SensitivityFacet{Producer: opt.producer(), SchemaURL: SensitivitySchemaURL, Categories: []string{}, Entities: []Entity{}}
	obs, err := st.Observations(ctx, ds)
	if err != nil {
		return f, err
	}
	type agg struct {
		e           Entity
		first, last time.Time
	}
	whole := map[string]*agg{}
	cats := map[string]bool{}
	for _, o := range obs {
		if o.Category != "" {
			cats[o.Category] = true
		}
		a := whole[o.Type]
		if a == nil {
			a = &agg{e: Entity{Type: o.Type, Category: o.Category}, first: o.FirstSeen, last: o.LastSeen}
			whole[o.Type] = a
		}
		a.e.Count += o.Count
		a.e.MaxConfidence = max(a.e.MaxConfidence, o.MaxConfidence)
		if !o.FirstSeen.IsZero() && (a.first.IsZero() || o.FirstSeen.Before(a.first)) {
			a.first = o.FirstSeen
		}
		if o.LastSeen.After(a.last) {
			a.last = o.LastSeen
		}
		if o.Field != "" {
			if f.Fields == nil {
				f.Fields = map[string][]Entity{}
			}
			f.Fields[o.Field] = append(f.Fields[o.Field], Entity{Type: o.Type, Category: o.Category, Count: o.Count,
				MaxConfidence: o.MaxConfidence, FirstSeen: rfc3339(o.FirstSeen), LastSeen: rfc3339(o.LastSeen)})
		}
	}
	for _, a := range whole {
		a.e.FirstSeen, a.e.LastSeen = rfc3339(a.first), rfc3339(a.last)
		f.Entities = append(f.Entities, a.e)
	}
	sort.Slice(f.Entities, func(i, j int) bool { return f.Entities[i].Type < f.Entities[j].Type })
	for c := range cats {
		f.Categories = append(f.Categories, c)
	}
	sort.Strings(f.Categories)
	rs, err := st.BlastRadius(ctx, ds)
	if err != nil {
		return f, err
	}
	for _, r := range rs {
		f.Feeds = append(f.Feeds, Target{Namespace: r.Namespace, Name: r.Name, Kind: string(r.Kind), Exposure: string(r.Exposure)})
	}
	return f, nil
}

// datasetEvent is an OpenLineage 2-0-2 DatasetEvent.
type datasetEvent struct {
	EventTime string `json:"eventTime"`
	Producer  string `json:"producer"`
	SchemaURL string `json:"schemaURL"`
	Dataset   struct {
		Namespace string `json:"namespace"`
		Name      string `json:"name"`
		Facets    struct {
			Sensitivity SensitivityFacet `json:"weir_sensitivity"`
		} `json:"facets"`
	} `json:"dataset"`
}

// DatasetEvent returns an OpenLineage DatasetEvent for ds carrying its
// weir_sensitivity facet (one JSON object, no trailing newline).
func DatasetEvent(ctx context.Context, st *store.Store, ds store.Ref, opt Options) ([]byte, error) {
	f, err := Sensitivity(ctx, st, ds, opt)
	if err != nil {
		return nil, fmt.Errorf("export: %s: %w", ds, err)
	}
	var e datasetEvent
	e.EventTime, e.Producer = rfc3339(opt.now()), opt.producer()
	e.SchemaURL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent"
	e.Dataset.Namespace, e.Dataset.Name = ds.Namespace, ds.Name
	e.Dataset.Facets.Sensitivity = f
	return json.Marshal(e)
}

// CycloneDX 1.6 (only the parts weir writes).
type (
	bom struct {
		Schema       string       `json:"$schema"`
		BOMFormat    string       `json:"bomFormat"`
		SpecVersion  string       `json:"specVersion"`
		SerialNumber string       `json:"serialNumber"`
		Version      int          `json:"version"`
		Metadata     bomMetadata  `json:"metadata"`
		Components   []component  `json:"components"`
		Dependencies []dependency `json:"dependencies"`
	}
	bomMetadata struct {
		Timestamp string `json:"timestamp"`
		Tools     struct {
			Components []component `json:"components"`
		} `json:"tools"`
	}
	component struct {
		Type        string          `json:"type"`
		BOMRef      string          `json:"bom-ref,omitempty"`
		Name        string          `json:"name"`
		Group       string          `json:"group,omitempty"`
		Version     string          `json:"version,omitempty"`
		Description string          `json:"description,omitempty"`
		ModelCard   *modelCard      `json:"modelCard,omitempty"`
		Data        []componentData `json:"data,omitempty"`
		Properties  []property      `json:"properties,omitempty"`
	}
	modelCard struct {
		ModelParameters struct {
			Datasets []dataRef `json:"datasets"`
		} `json:"modelParameters"`
	}
	dataRef struct {
		Ref string `json:"ref"`
	}
	componentData struct {
		Type           string   `json:"type"`
		Name           string   `json:"name"`
		Classification string   `json:"classification,omitempty"`
		SensitiveData  []string `json:"sensitiveData,omitempty"`
	}
	property struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	dependency struct {
		Ref       string   `json:"ref"`
		DependsOn []string `json:"dependsOn"`
	}
)

func bomRef(r store.Ref) string { return string(r.Kind) + ":" + r.String() }

// MLBOM returns a CycloneDX 1.6 ML-BOM of models: each model is a
// machine-learning-model component whose model card lists, and whose
// dependencies name, the datasets it learned from (directly or through jobs
// and derived datasets); each dataset is a data component whose
// sensitiveData lists what weir observed in it ("PHI MEDICAL_RECORD_NUMBER:
// 3 (field body)") and whose classification is the categories found.
func MLBOM(ctx context.Context, st *store.Store, models []store.Ref, opt Options) ([]byte, error) {
	serial := opt.Serial
	if serial == "" {
		var b [16]byte
		_, _ = rand.Read(b[:])
		b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
		serial = fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	}
	doc := bom{Schema: "http://cyclonedx.org/schema/bom-1.6.schema.json", BOMFormat: "CycloneDX", SpecVersion: "1.6",
		SerialNumber: "urn:uuid:" + serial, Version: 1, Components: []component{}, Dependencies: []dependency{}}
	doc.Metadata.Timestamp = opt.now().Format(time.RFC3339)
	doc.Metadata.Tools.Components = []component{{Type: "application", Name: "weir", Group: "weir-dev", Version: opt.Version}}
	seen := map[string]bool{}
	for _, m := range models {
		n, err := st.Node(ctx, m)
		if err != nil {
			return nil, fmt.Errorf("export: model %s: %w", m, err)
		}
		if n.Kind != store.KindModel {
			return nil, fmt.Errorf("export: %s is a %s, not a model", m, n.Kind)
		}
		up, err := st.Traverse(ctx, n.Ref, store.In)
		if err != nil {
			return nil, fmt.Errorf("export: model %s: %w", m, err)
		}
		mc := component{Type: "machine-learning-model", BOMRef: bomRef(n.Ref), Name: n.Name, Group: n.Namespace,
			ModelCard: &modelCard{}, Properties: []property{{Name: "weir:namespace", Value: n.Namespace}}}
		if n.Exposure != "" {
			mc.Properties = append(mc.Properties, property{Name: "weir:exposure", Value: string(n.Exposure)})
			mc.Description = "exposure: " + string(n.Exposure)
		}
		mc.ModelCard.ModelParameters.Datasets = []dataRef{}
		dep := dependency{Ref: mc.BOMRef, DependsOn: []string{}}
		var dcs []component
		for _, r := range up {
			if r.Kind != store.KindDataset {
				continue
			}
			ref := bomRef(r.Ref)
			mc.ModelCard.ModelParameters.Datasets = append(mc.ModelCard.ModelParameters.Datasets, dataRef{Ref: ref})
			dep.DependsOn = append(dep.DependsOn, ref)
			if seen[ref] {
				continue
			}
			seen[ref] = true
			dc, err := dataComponent(ctx, st, r.Ref, ref)
			if err != nil {
				return nil, err
			}
			dcs = append(dcs, dc)
		}
		doc.Components = append(doc.Components, mc)
		doc.Components = append(doc.Components, dcs...)
		doc.Dependencies = append(doc.Dependencies, dependency{Ref: mc.BOMRef, DependsOn: dep.DependsOn})
		for _, d := range dep.DependsOn {
			if !seen["dep:"+d] {
				seen["dep:"+d] = true
				doc.Dependencies = append(doc.Dependencies, dependency{Ref: d, DependsOn: []string{}})
			}
		}
	}
	return json.MarshalIndent(doc, "", "  ")
}

func dataComponent(ctx context.Context, st *store.Store, ds store.Ref, ref string) (component, error) {
	obs, err := st.Observations(ctx, ds)
	if err != nil {
		return component{}, fmt.Errorf("export: %s: %w", ds, err)
	}
	d := componentData{Type: "dataset", Name: ds.String()}
	cats := map[string]bool{}
	for _, o := range obs {
		s := fmt.Sprintf("%s %s: %d", o.Category, o.Type, o.Count)
		if o.Field != "" {
			s += " (field " + o.Field + ")"
		}
		d.SensitiveData = append(d.SensitiveData, strings.TrimSpace(s))
		if o.Category != "" {
			cats[o.Category] = true
		}
	}
	var cs []string
	for c := range cats {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	d.Classification = strings.Join(cs, ", ")
	if d.Classification == "" {
		d.Classification = "none observed"
	}
	return component{Type: "data", BOMRef: ref, Name: ds.String(), Group: ds.Namespace, Data: []componentData{d}}, nil
}
