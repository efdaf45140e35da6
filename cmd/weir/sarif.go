package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
	"github.com/weir-dev/weir/sources/decode"
)

// version is the tool version in reports; set with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// SARIF 2.1.0 output, in the subset GitHub code scanning reads
// (docs: "SARIF support for code scanning"). Columns are UTF-16 code units,
// SARIF's default columnKind, which GitHub expects; regions are 1-based and
// endColumn is exclusive. Messages carry the masked preview only.
const (
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifVersion = "2.1.0"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations"`
	Results     []sarifResult     `json:"results"`
	ColumnKind  string            `json:"columnKind"`
	Properties  map[string]any    `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	InformationURI  string      `json:"informationUri"`
	SemanticVersion string      `json:"semanticVersion"`
	Rules           []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID                   string         `json:"id"`
	Name                 string         `json:"name"`
	ShortDescription     sarifText      `json:"shortDescription"`
	FullDescription      sarifText      `json:"fullDescription"`
	Help                 sarifText      `json:"help"`
	DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
	Properties           sarifRuleProps `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags             []string `json:"tags"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security-severity"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          sarifResultProps  `json:"properties"`
}

type sarifResultProps struct {
	Type         string  `json:"type"`
	Category     string  `json:"category"`
	Confidence   float64 `json:"confidence"`
	Field        string  `json:"field,omitempty"`
	Count        int     `json:"count,omitempty"`         // column results: findings in the column
	RowsAffected int64   `json:"rows_affected,omitempty"` // column results
	RowsScanned  int64   `json:"rows_scanned,omitempty"`  // column results
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

// sarifLogical names a column of a dataset (Parquet has no lines).
type sarifLogical struct {
	Name               string `json:"name"`
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

// fingerprintKey names the partial fingerprint holding the value's keyed
// hash: the same secret has the same fingerprint wherever it occurs.
const fingerprintKey = "weirValueFingerprint/v1"

type sarifReporter struct {
	w     io.Writer
	run   sarifRun
	rule  map[string]int
	sum   summary
	ds    datasets
	cwd   string
	notes []sarifNotification
}

func newSarifReporter(eng *classifiers.Engine, w io.Writer) *sarifReporter {
	s := &sarifReporter{w: w, rule: map[string]int{}}
	s.cwd, _ = os.Getwd()
	s.run = sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "weir", InformationURI: "https://github.com/weir-dev/weir",
			SemanticVersion: version, Rules: []sarifRule{},
		}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	for _, sp := range eng.Specs() {
		s.addRule(sp.ID, sp.Type, string(sp.Category), sp.ValidatorName, sp.Need.String())
	}
	return s
}

func (s *sarifReporter) addRule(id, typ, category, validator, need string) int {
	if i, ok := s.rule[id]; ok {
		return i
	}
	check := "format only"
	precision := "medium"
	if validator != "" {
		check = "validated by " + validator
		precision = "high"
	}
	r := sarifRule{
		ID:               id,
		Name:             pascal(id),
		ShortDescription: sarifText{fmt.Sprintf("%s (%s) detected", typ, category)},
		FullDescription:  sarifText{fmt.Sprintf("Detector %s finds %s values (category %s); %s; context: %s.", id, typ, category, check, need)},
		Help: sarifText{fmt.Sprintf("A %s value was found. Remove it from the data, or redact it before the data reaches a model: "+
			"weir redact --operator-for %s=type.", typ, typ)},
		DefaultConfiguration: sarifConfig{Level: "warning"},
		Properties: sarifRuleProps{
			Tags:             []string{"security", category, typ},
			Precision:        precision,
			SecuritySeverity: severity(category),
		},
	}
	s.run.Tool.Driver.Rules = append(s.run.Tool.Driver.Rules, r)
	s.rule[id] = len(s.run.Tool.Driver.Rules) - 1
	return s.rule[id]
}

func severity(category string) string {
	switch category {
	case string(detector.Secret):
		return "8.0"
	case string(detector.PHI):
		return "7.0"
	}
	return "5.0"
}

// level maps confidence onto SARIF levels.
func level(conf float64) string {
	switch {
	case conf >= 0.8:
		return "error"
	case conf >= 0.5:
		return "warning"
	}
	return "note"
}

func (s *sarifReporter) file(r fileResult) error {
	s.sum.add(r)
	s.ds.add(r)
	loc := []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: s.artifact(r.path)}}}
	if r.err != nil {
		s.notes = append(s.notes, sarifNotification{Level: "error", Message: sarifText{"could not scan: " + r.err.Error()}, Locations: loc})
	}
	if r.skipped != "" {
		s.notes = append(s.notes, sarifNotification{Level: "note", Message: sarifText{"skipped: " + r.skipped}, Locations: loc})
	}
	for _, n := range r.notes {
		s.notes = append(s.notes, sarifNotification{Level: "note", Message: sarifText{n}, Locations: loc})
	}
	if isColumnar(r.path) {
		s.columnResults(r)
		return nil
	}
	for _, f := range r.findings {
		idx := s.addRule(f.Detector, f.Type, f.Category, f.Validator, "")
		msg := fmt.Sprintf("%s (%s) found: %s (confidence %.2f)", f.Type, f.Category, f.Preview, f.Confidence)
		if f.Field != "" {
			msg += " in field " + f.Field
		}
		res := sarifResult{
			RuleID: f.Detector, RuleIndex: idx, Level: level(f.Confidence),
			Message: sarifText{msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: s.artifact(f.Path),
				Region:           &sarifRegion{StartLine: f.Line, StartColumn: f.col16, EndLine: f.EndLine, EndColumn: f.endCol16},
			}}},
			PartialFingerprints: map[string]string{fingerprintKey: f.Fingerprint},
			Properties:          sarifResultProps{Type: f.Type, Category: f.Category, Confidence: f.Confidence, Field: f.Field},
		}
		s.run.Results = append(s.run.Results, res)
	}
	return nil
}

func (s *sarifReporter) finish(elapsed time.Duration) error {
	s.sum.close(elapsed)
	notes := s.notes
	if notes == nil {
		notes = []sarifNotification{}
	}
	s.run.Invocations = []sarifInvocation{{ExecutionSuccessful: s.sum.FilesFailed == 0, Notifications: notes}}
	s.run.Properties = map[string]any{"summary": s.sum, "datasets": s.ds.list()}
	enc := json.NewEncoder(s.w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{s.run}})
}

// isColumnar reports whether an object is reported per column (Parquet:
// no lines, and often millions of findings) rather than per finding.
func isColumnar(path string) bool {
	f, c := decode.FormatOf(path)
	return f == decode.FormatParquet && c == decode.CompressionNone
}

// columnResults adds one result per column and type of a columnar object:
// where (the column, as a logical location), how many values and rows.
func (s *sarifReporter) columnResults(r fileResult) {
	detectors := map[[2]string]located{} // (column, type) -> a finding, for its rule
	for _, f := range r.findings {
		if _, ok := detectors[[2]string{f.Field, f.Type}]; !ok {
			detectors[[2]string{f.Field, f.Type}] = f
		}
	}
	for _, col := range r.prof.names() {
		c := r.prof[col]
		for _, typ := range c.order {
			t := c.types[typ]
			f, ok := detectors[[2]string{col, typ}]
			ruleID := f.Detector
			if !ok { // listed findings were capped: name the type
				ruleID = strings.ToLower(typ)
			}
			idx := s.addRule(ruleID, typ, t.category, f.Validator, "")
			msg := fmt.Sprintf("%s (%s) in column %s: %d values in %d of %d rows scanned (max confidence %.2f)",
				typ, t.category, col, t.count, t.rows, r.rows, t.maxConf)
			fp := ""
			if len(t.examples) > 0 {
				fp = t.examples[0]
			}
			s.run.Results = append(s.run.Results, sarifResult{
				RuleID: ruleID, RuleIndex: idx, Level: level(t.maxConf), Message: sarifText{msg},
				Locations: []sarifLocation{{
					PhysicalLocation: sarifPhysical{ArtifactLocation: s.artifact(r.path)},
					LogicalLocations: []sarifLogical{{Name: col, FullyQualifiedName: col, Kind: "member"}},
				}},
				PartialFingerprints: map[string]string{fingerprintKey: fp, "weirColumn/v1": col + "/" + typ},
				Properties: sarifResultProps{Type: typ, Category: t.category, Confidence: t.maxConf, Field: col,
					Count: t.count, RowsAffected: t.rows, RowsScanned: r.rows},
			})
		}
	}
}

// artifact returns a URI reference for path: relative (to the working
// directory, with uriBaseId %SRCROOT%) when it can be, else a file URI.
func (s *sarifReporter) artifact(path string) sarifArtifact {
	if strings.HasPrefix(path, "s3://") {
		return sarifArtifact{URI: path}
	}
	p := path
	if filepath.IsAbs(p) && s.cwd != "" {
		if rel, err := filepath.Rel(s.cwd, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
	}
	if filepath.IsAbs(p) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: filepath.ToSlash(p)}).String()}
	}
	p = strings.TrimPrefix(filepath.ToSlash(filepath.Clean(p)), "./")
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: "%SRCROOT%"}
}

// pascal turns "credit_card" into "CreditCard" (SARIF rule names).
func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '_' || r == '-' || r == '.' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
