// Package custom loads user-defined detectors from a YAML file, for
// "weir classify --detectors FILE" and "weir scan --detectors FILE".
//
// The file holds a list of detectors (or a mapping with the one key
// "detectors" holding that list). Each detector has the fields of
// detector.Spec, in snake_case:
//
//   - id: acme_employee_id          # required, unique, [a-z][a-z0-9_]*
//     type: ACME_EMPLOYEE_ID        # required, [A-Z][A-Z0-9_]*
//     category: PII                 # required: PII, PHI or SECRET
//     keywords: ["emp-"]            # keywords and/or digits are required
//     digits: {min: 6, max: 6}
//     before: 64                    # optional window around a trigger hit
//     after: 256
//     pattern: '(?i)\bEMP-(\d{6})\b' # required, RE2 (Go regexp) syntax
//     group: 1                      # submatch reported (0 = whole match)
//     validator: luhn               # optional, a name from ValidatorNames
//     confidence: 0.8               # 0..1, default 0.5
//     context: [employee, staff id]
//     need: helps                   # no (default), helps or required
//     placeholders: ["EMP-000000"]
//     reject: ["invoice"]        # words that mark a value as something else
//     examples: ["badge EMP-123456"] # each must match pattern (+ validator)
//     negatives: ["EMP-12345"]
//
// Unknown keys, a bad regex, an unknown validator, missing fields and
// examples that do not match are errors that name the file, the YAML line
// and the detector. Loading never panics, whatever the input.
package custom

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/weir-dev/weir/classifiers/detector"
)

// MaxFileBytes bounds the size of a detector file.
const MaxFileBytes = 4 << 20

// Error is one problem in a detector file. Load and Parse return every
// problem found, joined (errors.Join); use errors.As to get the first.
type Error struct {
	File string
	Line int    // 1-based YAML line; 0 if unknown
	ID   string // the detector's id, "" if not known yet
	Err  error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.ID != "" {
		fmt.Fprintf(&b, ": detector %q", e.ID)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Load reads the detector file at path.
func Load(path string) ([]detector.Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: path, Err: err}
	}
	if len(data) > MaxFileBytes {
		return nil, &Error{File: path, Err: fmt.Errorf("larger than %d bytes", MaxFileBytes)}
	}
	return Parse(path, data)
}

// Parse parses a detector file's content; name is used in errors.
func Parse(name string, data []byte) (specs []detector.Spec, err error) {
	defer func() {
		if r := recover(); r != nil { // yaml.v3 on hostile input: an error, never a crash
			specs, err = nil, &Error{File: name, Err: fmt.Errorf("invalid YAML: %v", r)}
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &Error{File: name, Err: err}
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, &Error{File: name, Err: errors.New("no detectors")}
	}
	list := deref(doc.Content[0])
	if list.Kind == yaml.MappingNode {
		var inner *yaml.Node
		for i := 0; i+1 < len(list.Content); i += 2 {
			k := list.Content[i]
			if k.Value != "detectors" || inner != nil {
				return nil, &Error{File: name, Line: k.Line, Err: fmt.Errorf("unknown key %q (want a list of detectors, or detectors: [...])", k.Value)}
			}
			inner = deref(list.Content[i+1])
		}
		if inner == nil {
			return nil, &Error{File: name, Line: list.Line, Err: errors.New("no detectors")}
		}
		list = inner
	}
	if list.Kind != yaml.SequenceNode {
		return nil, &Error{File: name, Line: list.Line, Err: errors.New("want a list of detectors")}
	}
	p := &parser{file: name}
	seen := map[string]int{}
	for _, n := range list.Content {
		s, ok := p.detector(deref(n))
		if !ok {
			continue
		}
		if line, dup := seen[s.ID]; dup {
			p.errorf(n.Line, s.ID, "duplicate id (first at line %d)", line)
			continue
		}
		seen[s.ID] = n.Line
		specs = append(specs, s)
	}
	if len(p.errs) > 0 {
		return nil, errors.Join(p.errs...)
	}
	if len(specs) == 0 {
		return nil, &Error{File: name, Line: list.Line, Err: errors.New("no detectors")}
	}
	return specs, nil
}

// deref follows an alias to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 8; i++ {
		n = n.Alias
	}
	return n
}

type parser struct {
	file string
	errs []error
}

func (p *parser) errorf(line int, id, format string, args ...any) {
	p.errs = append(p.errs, &Error{File: p.file, Line: line, ID: id, Err: fmt.Errorf(format, args...)})
}

var (
	idRE   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	typeRE = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
)

// MaxWindow bounds before/after: the engine runs patterns on windows, not
// on whole records.
const MaxWindow = 4096
