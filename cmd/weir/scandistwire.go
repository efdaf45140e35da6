package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/weir-dev/weir/internal/scandist"
)

// wireFinding is a located finding as a distributed scan's result carries
// it: the report's fields plus the UTF-16 columns SARIF needs.
type wireFinding struct {
	located
	Col16    int `json:"col16,omitempty"`
	EndCol16 int `json:"end_col16,omitempty"`
}

// encodeFindings encodes fs for a result.
func encodeFindings(fs []located) ([]json.RawMessage, error) {
	out := make([]json.RawMessage, 0, len(fs))
	for _, f := range fs {
		b, err := json.Marshal(wireFinding{located: f, Col16: f.col16, EndCol16: f.endCol16})
		if err != nil {
			return nil, fmt.Errorf("encode finding: %w", err)
		}
		out = append(out, b)
	}
	return out, nil
}

// decodeFindings is the inverse of encodeFindings.
func decodeFindings(raw []json.RawMessage) ([]located, error) {
	out := make([]located, 0, len(raw))
	for _, b := range raw {
		var w wireFinding
		if err := json.Unmarshal(b, &w); err != nil {
			return nil, fmt.Errorf("decode finding: %w", err)
		}
		w.located.col16, w.located.endCol16 = w.Col16, w.EndCol16
		out = append(out, w.located)
	}
	return out, nil
}

// toWire lists p's columns by name, each column's types in first-seen
// order (the order merge keeps).
func (p profile) toWire() []scandist.Column {
	var out []scandist.Column
	for _, name := range p.names() {
		c := p[name]
		wc := scandist.Column{Name: name, Findings: c.findings, Rows: c.rows, MaxConf: c.maxConf}
		for _, typ := range c.order {
			t := c.types[typ]
			wc.Types = append(wc.Types, scandist.Type{Type: typ, Category: t.category, Count: t.count, Rows: t.rows,
				MaxConf: t.maxConf, Examples: t.examples})
		}
		out = append(out, wc)
	}
	return out
}

// profileFromWire is the inverse of toWire.
func profileFromWire(cols []scandist.Column) profile {
	p := profile{}
	for _, wc := range cols {
		c := &colAcc{findings: wc.Findings, rows: wc.Rows, lastRow: -1, maxConf: wc.MaxConf, types: map[string]*typeAcc{}}
		for _, wt := range wc.Types {
			c.types[wt.Type] = &typeAcc{category: wt.Category, count: wt.Count, rows: wt.Rows, lastRow: -1,
				maxConf: wt.MaxConf, examples: wt.Examples}
			c.order = append(c.order, wt.Type)
		}
		p[wc.Name] = c
	}
	return p
}

// errOf turns a result's error text back into an error ("" is none).
func errOf(s string) error {
	if s == "" {
		return nil
	}
	return errors.New(s)
}
