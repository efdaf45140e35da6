package decode

import (
	"strings"

	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/format"
)

// valueKind is how a leaf column's values become text.
type valueKind int

const (
	kindSkip  valueKind = iota // booleans, dates, times, timestamps, decimals, INT96
	kindBytes                  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY
	kindInt                    // INT32, INT64 (an SSN or a card stored as a number)
	kindFloat                  // FLOAT, DOUBLE
)

// pqColumn is one leaf column: its flattened path and how to read it.
type pqColumn struct {
	path string
	kind valueKind
}

// maxSchemaDepth bounds recursion over a (possibly hostile) schema.
const maxSchemaDepth = 64

// schemaWalker flattens a Parquet schema into leaf columns, in leaf
// (column chunk) order. The wrapper levels of the LIST and MAP logical
// types are not named: a list of strings "tags" (tags.list.element) is
// "tags", a map "attrs" has "attrs.key" and "attrs.value", a list of
// structs "visits" has "visits.code" and so on.
type schemaWalker struct {
	els  []format.SchemaElement
	cols []pqColumn
	bad  bool
}

func flattenSchema(els []format.SchemaElement) ([]pqColumn, bool) {
	if len(els) == 0 {
		return nil, false
	}
	w := &schemaWalker{els: els}
	n, _ := els[0].NumChildren.Get()
	j := 1
	for k := 0; k < int(n) && !w.bad; k++ {
		j = w.node(j, nil, 0, 1)
	}
	return w.cols, !w.bad && j == len(els)
}

// node walks the element at i (hiding its name if hide > 0) and returns
// the index after its subtree.
func (w *schemaWalker) node(i int, path []string, hide, depth int) int {
	if i >= len(w.els) || depth > maxSchemaDepth {
		w.bad = true
		return len(w.els)
	}
	e := &w.els[i]
	if hide > 0 {
		hide--
	} else {
		path = append(path[:len(path):len(path)], e.Name)
	}
	nc, _ := e.NumChildren.Get()
	if _, isLeaf := e.Type.Get(); isLeaf && nc == 0 {
		w.cols = append(w.cols, pqColumn{path: strings.Join(path, "."), kind: kindOf(e)})
		return i + 1
	}
	if nc < 0 || int(nc) > len(w.els) {
		w.bad = true
		return len(w.els)
	}
	switch {
	case isList(e):
		hide = 1 // the repeated group
		if i+1 < len(w.els) {
			if gc, _ := w.els[i+1].NumChildren.Get(); gc == 1 {
				hide = 2 // and its one element
			}
		}
	case isMap(e):
		hide = 1 // key_value
	}
	j := i + 1
	for k := 0; k < int(nc) && !w.bad; k++ {
		j = w.node(j, path, hide, depth+1)
	}
	return j
}

func isList(e *format.SchemaElement) bool {
	if _, ok := e.LogicalType.Value.(*format.ListType); ok {
		return true
	}
	ct, ok := e.ConvertedType.Get()
	return ok && ct == deprecated.List
}

func isMap(e *format.SchemaElement) bool {
	if _, ok := e.LogicalType.Value.(*format.MapType); ok {
		return true
	}
	ct, ok := e.ConvertedType.Get()
	return ok && (ct == deprecated.Map || ct == deprecated.MapKeyValue)
}

func kindOf(e *format.SchemaElement) valueKind {
	switch e.LogicalType.Value.(type) {
	case *format.DateType, *format.TimeType, *format.TimestampType, *format.DecimalType, *format.UUIDType:
		return kindSkip
	}
	if ct, ok := e.ConvertedType.Get(); ok {
		switch ct {
		case deprecated.Date, deprecated.TimeMillis, deprecated.TimeMicros, deprecated.TimestampMillis,
			deprecated.TimestampMicros, deprecated.Decimal, deprecated.Interval:
			return kindSkip
		}
	}
	t, _ := e.Type.Get()
	switch t {
	case format.ByteArray, format.FixedLenByteArray:
		return kindBytes
	case format.Int32, format.Int64:
		return kindInt
	case format.Float, format.Double:
		return kindFloat
	}
	return kindSkip
}
