package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/weir-dev/weir/classifiers"
)

// fileScan scans the content of one file, already in memory.
type fileScan struct {
	eng   *classifiers.Engine
	res   *fileResult
	data  []byte
	idx   *lineIndex
	notes int

	workers int // goroutines for one large JSONL file
}

// maxNotes bounds the notes kept per file (a file of a million bad lines
// must not make a million-entry report).
const maxNotes = 20

func (s *fileScan) note(format string, args ...any) {
	s.notes++
	if s.notes <= maxNotes {
		s.res.notes = append(s.res.notes, fmt.Sprintf(format, args...))
	}
}

// finish adds the count of notes left out.
func (s *fileScan) finish() {
	if s.notes > maxNotes {
		s.res.notes = append(s.res.notes, fmt.Sprintf("%d more notes like these", s.notes-maxNotes))
	}
}

// add records fs, found in a field whose byte i maps to file offset
// toFile(i).
func (s *fileScan) add(field string, fs []classifiers.Finding, toFile func(int) int) {
	for _, f := range fs {
		a, b := s.idx.at(toFile(f.Start)), s.idx.at(toFile(f.End))
		s.res.findings = append(s.res.findings, located{
			Finding: f, Path: s.res.path, Field: field,
			Line: a.line, Column: a.column, EndLine: b.line, EndColumn: b.column,
			col16: a.column16, endCol16: b.column16,
		})
	}
}

func identity(i int) int { return i }

// text scans the whole file as one record.
func (s *fileScan) text() {
	s.add("", s.eng.Scan(s.data), identity)
}

// textRange scans data[from:to] as plain text (a line that is not what its
// format promises: scanned anyway, never skipped).
func (s *fileScan) textRange(from, to int) {
	s.add("", s.eng.Scan(s.data[from:to]), func(i int) int { return from + i })
}

// jsonlChunk is the size of the line ranges of one JSONL file that are
// scanned in parallel: JSONL lines are independent records.
const jsonlChunk = 1 << 20

// jsonl scans every JSON string (and number) value of every line as a field
// named by its JSON path. A line that is not valid JSON is scanned as text
// and noted. Large files are split at line ends and scanned on s.workers
// goroutines; results keep file order.
func (s *fileScan) jsonl() {
	var bounds []int // chunk starts, then len(data)
	for start := 0; start < len(s.data); {
		bounds = append(bounds, start)
		end := min(start+jsonlChunk, len(s.data))
		if nl := bytes.IndexByte(s.data[end:], '\n'); nl >= 0 {
			end += nl + 1
		} else {
			end = len(s.data)
		}
		start = end
	}
	bounds = append(bounds, len(s.data))
	n := len(bounds) - 1
	parts := make([]fileScan, n)
	sem := make(chan struct{}, max(1, s.workers))
	var wg sync.WaitGroup
	for i := range n {
		idx := *s.idx // shares the line starts; own lookup cache
		parts[i] = fileScan{eng: s.eng, res: &fileResult{path: s.res.path}, data: s.data, idx: &idx}
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			parts[i].jsonlRange(bounds[i], bounds[i+1])
		}()
	}
	wg.Wait()
	for _, p := range parts {
		s.res.findings = append(s.res.findings, p.res.findings...)
		for _, msg := range p.res.notes {
			s.note("%s", msg)
		}
	}
}

// jsonlRange scans the lines in data[from:to] (from is a line start). Notes
// are not capped here: jsonl caps them when it merges.
func (s *fileScan) jsonlRange(from, to int) {
	lineNo := s.idx.at(from).line
	for start := from; start < to; lineNo++ {
		end := bytes.IndexByte(s.data[start:to], '\n')
		if end < 0 {
			end = to
		} else {
			end += start
		}
		line := s.data[start:end]
		switch {
		case isBlank(line):
		case json.Valid(line):
			s.jsonDoc(start, line)
		default:
			s.res.notes = append(s.res.notes, fmt.Sprintf("line %d: not valid JSON, scanned as text", lineNo))
			s.textRange(start, end)
		}
		start = end + 1
	}
}

// json scans a whole-file JSON document, or the file as text if it is not one.
func (s *fileScan) json() {
	if !json.Valid(s.data) {
		s.note("not valid JSON, scanned as text")
		s.text()
		return
	}
	s.jsonDoc(0, s.data)
}

// jsonDoc scans the string values of the JSON document doc found at file
// offset base.
func (s *fileScan) jsonDoc(base int, doc []byte) {
	var buf []byte
	walkJSONStrings(doc, func(js jsonString) {
		if !js.isString() { // a number: its text is its literal
			fs := s.eng.ScanField(js.path, js.raw)
			s.add(js.path, fs, func(i int) int { return base + js.off + i })
			return
		}
		buf = unquoteJSON(buf[:0], js.raw)
		fs := s.eng.ScanField(js.path, buf)
		s.add(js.path, fs, func(i int) int { return base + js.off + rawOffset(js.raw, i) })
	})
}

// csv scans every cell with its header as the field name. A file the CSV
// reader rejects is scanned (from the bad record on) as text.
func (s *fileScan) csv(comma rune) {
	r := csv.NewReader(bytes.NewReader(s.data))
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var header []string
	for row := 0; ; row++ {
		off := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			s.note("CSV: %v; rest of file scanned as text", err)
			s.textRange(int(off), len(s.data))
			return
		}
		if row == 0 {
			header = rec
			if len(header) > 0 {
				header[0] = strings.TrimPrefix(header[0], "\ufeff") // a UTF-8 BOM is not part of the name
			}
		}
		for i, cell := range rec {
			if cell == "" {
				continue
			}
			name := "column " + strconv.Itoa(i+1)
			if i < len(header) && header[i] != "" {
				name = header[i]
			}
			if row == 0 {
				name = "" // the header row is scanned as text, with no field context
			}
			line, col := r.FieldPos(i)
			start := s.idx.starts[line-1] + col - 1
			fs := s.eng.ScanField(name, []byte(cell))
			if len(fs) > 0 {
				m := csvCellMap(s.data, start, cell)
				s.add(name, fs, m)
			}
		}
	}
}

// csvCellMap maps offsets into a decoded cell onto offsets into the file,
// given the file offset of the cell's first raw byte (its quote if quoted):
// inside quotes `""` is one '"' and "\r\n" is one '\n'.
func csvCellMap(data []byte, start int, cell string) func(int) int {
	quoted := start < len(data) && data[start] == '"'
	return func(off int) int {
		p := start
		if quoted {
			p++
		}
		for i := 0; i < off && i < len(cell) && p < len(data); i++ {
			switch {
			case quoted && cell[i] == '"' && data[p] == '"':
				p += 2
			case quoted && cell[i] == '\n' && data[p] == '\r':
				p += 2
			default:
				p++
			}
		}
		return min(p, len(data))
	}
}
