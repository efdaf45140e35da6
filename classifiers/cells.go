package classifiers

import (
	"bytes"
	"slices"
)

// cell is a value position in a table-like structure with the name of its
// column: a Markdown table cell under its header, or a SQL INSERT value under
// its column list. CSV files with a header line are handled by csvHeader.
type cell struct {
	start, end int
	name       []byte // lower-cased, camelCase split
}

// cellIndex lists the cells of a record, built once per record on first use.
type cellIndex struct {
	built bool
	cells []cell // sorted by start, non-overlapping
	bits  map[string][]uint64
	// markersKnown says the engine's keyword pass found the markers of the
	// formats in this record (markers, a set of format* bits) and insertAt,
	// the offset of the first "insert into" (ASCII case-insensitive; -1:
	// none); otherwise build searches for them.
	markersKnown bool
	markers      uint16
	insertAt     int
}

// Formats the cell index reads, with the markers that announce them (found
// by the engine's keyword automaton, ASCII case-insensitively).
const (
	formatInsert    uint16 = 1 << iota // SQL INSERT INTO ... VALUES
	formatCopy                         // COPY t (...) FROM stdin
	formatX12                          // ISA*...~
	formatEdifact                      // UNH+ / UNA:+
	formatDicom                        // (0010,0010) PN [...]
	formatSSRDocs                      // SSR DOCS .../P/USA/123456789/...
	formatPlist                        // <key>NAME</key><string>VALUE</string>
	formatXML                          // <NAME>VALUE</NAME>, OFX <NAME>VALUE
	formatGEDCOM                       // 1 BIRT / 2 DATE 25 AUG 1945
	formatPDFFields                    // pdftk dump_data_fields: FieldName / FieldValue
	formatFHIR                         // {"system": ".../mrn", "value": "RAD-243088"}
)

// formatMarkers are the automaton words that announce each format.
var formatMarkers = []struct {
	word   string
	format uint16
}{
	{"insert into", formatInsert},
	{"from stdin", formatCopy},
	{"isa*", formatX12}, {"isa|", formatX12}, {"isa^", formatX12},
	{"unh+", formatEdifact}, {"una:+", formatEdifact},
	{"(0008,", formatDicom}, {"(0010,", formatDicom}, {"(0008, ", formatDicom}, {"(0010, ", formatDicom},
	{"ssr docs", formatSSRDocs},
	{"</key>", formatPlist},
	{"</", formatXML}, {"/>", formatXML},
	{"1 birt", formatGEDCOM}, {"0 head", formatGEDCOM},
	{"fieldvalue:", formatPDFFields},
	{`"system"`, formatFHIR},
}

// findMarkers is the keyword pass's work for a cellIndex built without it
// (tests).
func findMarkers(text []byte) (markers uint16, insertAt int) {
	insertAt = -1
	if hasInsert(text) {
		insertAt = indexFold(text, "insert into")
	}
	for _, m := range formatMarkers {
		if m.format != formatInsert && indexFold(text, m.word) >= 0 {
			markers |= m.format
		}
	}
	if insertAt >= 0 {
		markers |= formatInsert
	}
	return markers, insertAt
}

// maxCellScan bounds the record size for which cells are indexed.
const maxCellScan = 16 << 20

// lookup returns the column name of the cell holding pos, or nil.
func (ci *cellIndex) lookup(text []byte, pos int) []byte {
	if !ci.built {
		ci.build(text)
	}
	i, found := slices.BinarySearchFunc(ci.cells, pos, func(c cell, p int) int {
		switch {
		case c.end <= p:
			return -1
		case c.start > p:
			return 1
		}
		return 0
	})
	if !found {
		return nil
	}
	return ci.cells[i].name
}

func (ci *cellIndex) build(text []byte) {
	ci.built = true
	ci.cells = ci.cells[:0]
	if len(text) > maxCellScan {
		return
	}
	if bytes.IndexByte(text, '|') >= 0 {
		ci.markdown(text)
	}
	if bytes.Contains(text, []byte("   ")) {
		ci.alignedTables(text)
	}
	if bytes.HasPrefix(text, []byte("101 ")) || bytes.Contains(text, []byte("\n101 ")) {
		ci.nacha(text)
	}
	if !ci.markersKnown {
		ci.markers, ci.insertAt = findMarkers(text)
	}
	if ci.markers&formatInsert != 0 && ci.insertAt >= 0 {
		ci.sqlInserts(text, ci.insertAt)
	}
	if ci.markers&formatCopy != 0 {
		ci.copyBlocks(text)
	}
	if ci.markers&formatX12 != 0 {
		ci.x12(text)
	}
	if ci.markers&formatEdifact != 0 {
		ci.edifact(text)
	}
	if ci.markers&formatDicom != 0 {
		ci.dicomDump(text)
	}
	if ci.markers&formatSSRDocs != 0 {
		ci.ssrDocs(text)
	}
	if ci.markers&formatPlist != 0 {
		ci.plist(text)
	} else if ci.markers&formatXML != 0 {
		ci.xmlElements(text)
	}
	if ci.markers&formatGEDCOM != 0 {
		ci.gedcom(text)
	}
	if ci.markers&formatPDFFields != 0 {
		ci.pdfFields(text)
	}
	if ci.markers&formatFHIR != 0 {
		ci.fhirIdentifiers(text)
	}
	slices.SortFunc(ci.cells, func(a, b cell) int { return a.start - b.start })
}

// markdown indexes the body cells of pipe tables: a header row, a separator
// row of dashes, then body rows.
func (ci *cellIndex) markdown(text []byte) {
	var header [][]byte
	inTable := false
	var prev []byte
	for off := 0; off < len(text); {
		end := bytes.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		trimmed := bytes.TrimSpace(text[off:end])
		// Databricks notebook sources keep Markdown cells behind a comment
		// prefix: "# MAGIC | id | email | dob |".
		for _, p := range magicPrefixes {
			if bytes.HasPrefix(trimmed, []byte(p)) {
				trimmed = bytes.TrimSpace(trimmed[len(p):])
				break
			}
		}
		isRow := len(trimmed) > 0 && trimmed[0] == '|'
		switch {
		case isRow && isSeparatorRow(trimmed) && prev != nil:
			header = nil
			for _, f := range splitRow(prev) {
				header = append(header, lowerName(nil, bytes.TrimSpace(prev[f[0]:f[1]])))
			}
			inTable = true
		case isRow && inTable:
			lead := off + bytes.IndexByte(text[off:end], '|') // the row's first '|'

			for k, f := range splitRow(text[lead:end]) {
				if k < len(header) && len(header[k]) > 0 {
					ci.cells = append(ci.cells, cell{start: lead + f[0], end: lead + f[1], name: header[k]})
				}
			}
		case !isRow:
			inTable = false
		}
		if isRow {
			prev = trimmed
		} else {
			prev = nil
		}
		off = end + 1
	}
}

// magicPrefixes start the Markdown lines of Databricks notebook sources
// (Python, SQL, Scala/R).
var magicPrefixes = []string{"# MAGIC ", "-- MAGIC ", "// MAGIC "}

// splitRow returns the [start,end) of each cell of a "| a | b |" row
// (relative to row, which starts with '|').
func splitRow(row []byte) [][2]int {
	var out [][2]int
	start := 1
	for i := 1; i < len(row); i++ {
		if row[i] == '|' && row[i-1] != '\\' {
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	if start < len(row) && len(bytes.TrimSpace(row[start:])) > 0 {
		out = append(out, [2]int{start, len(row)})
	}
	return out
}

func isSeparatorRow(row []byte) bool {
	dashes := 0
	for _, c := range row {
		switch c {
		case '-':
			dashes++
		case '|', ':', ' ', '\t', '\r':
		default:
			return false
		}
	}
	return dashes >= 3
}

// sqlInserts indexes the values of INSERT INTO t (c1, c2, ...) VALUES
// (...), (...); statements, from the first one at offset from.
func (ci *cellIndex) sqlInserts(text []byte, from int) {
	for from >= 0 && from < len(text) {
		i := from + len("insert into")
		// Column list: the first '(' before VALUES.
		v := indexFold(text[i:], "values")
		if v < 0 {
			return
		}
		v += i
		open := bytes.IndexByte(text[i:v], '(')
		var cols [][]byte
		if open >= 0 {
			closeAt := bytes.LastIndexByte(text[i:v], ')')
			if closeAt > open {
				for _, c := range bytes.Split(text[i+open+1:i+closeAt], []byte{','}) {
					c = bytes.Trim(bytes.TrimSpace(c), "`\"[]")
					cols = append(cols, lowerName(nil, c))
				}
			}
		}
		end := ci.sqlTuples(text, v+len("values"), cols)
		next := indexFold(text[end:], "insert into")
		if next < 0 {
			return
		}
		from = end + next
	}
}

// sqlTuples walks the value tuples after VALUES until ';' at depth 0 (or
// the end) and records each value with its column; it returns where it
// stopped.
func (ci *cellIndex) sqlTuples(text []byte, i int, cols [][]byte) int {
	depth, col, start := 0, 0, -1
	var quote byte
	for ; i < len(text); i++ {
		c := text[i]
		if quote != 0 {
			if c == quote {
				if i+1 < len(text) && text[i+1] == quote { // '' escape
					i++
					continue
				}
				quote = 0
			} else if c == '\\' {
				i++
			}
			continue
		}
		switch c {
		case '\'', '"':
			quote = c
		case '(':
			depth++
			if depth == 1 {
				col, start = 0, i+1
			}
		case ',', ')':
			if depth == 1 {
				if col < len(cols) && len(cols[col]) > 0 && start >= 0 {
					ci.cells = append(ci.cells, cell{start: start, end: i, name: cols[col]})
				}
				col++
				start = i + 1
			}
			if c == ')' {
				depth--
			}
		case ';':
			if depth == 0 {
				return i
			}
		}
	}
	// A trailing backslash inside quotes steps past the end.
	return min(i, len(text))
}

// hasInsert is a fast pre-check for indexFold(text, "insert into"): SQL
// dumps spell it in upper or lower case.
func hasInsert(text []byte) bool {
	return bytes.Contains(text, []byte("INSERT")) || bytes.Contains(text, []byte("insert")) || bytes.Contains(text, []byte("Insert"))
}

// indexFold is bytes.Index with ASCII case folding of text (word is lower case).
func indexFold(text []byte, word string) int {
	n := len(word)
	for i := 0; i+n <= len(text); i++ {
		if lowerASCII(text[i]) != word[0] {
			continue
		}
		j := 1
		for j < n && lowerASCII(text[i+j]) == word[j] {
			j++
		}
		if j == n {
			return i
		}
	}
	return -1
}

// words returns the context-word bitset of a cell name (cached per record).
func (ci *cellIndex) words(e *Engine, name []byte) []uint64 {
	if ci.bits == nil {
		ci.bits = map[string][]uint64{}
	}
	b, ok := ci.bits[string(name)]
	if !ok {
		b = e.nameWords(name, nil)
		ci.bits[string(name)] = b
	}
	return b
}
