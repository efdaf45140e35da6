package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/weir-dev/weir/classifiers/detector"
)

func runDetectors(args []string, io stdio, getenv getenvFunc) int {
	fs := newFlagSet("detectors", io)
	var ef engineFlags
	fs.StringVar(&ef.detectors, "detectors", "", "also list (and check) the custom detectors in YAML `FILE`")
	format := fs.String("format", "text", "text, markdown or json")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	specs, err := ef.specs()
	if err != nil {
		return fail(io, "detectors", err)
	}
	w, err := openOut("", io.out)
	if err != nil {
		return fail(io, "detectors", err)
	}
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tTYPE\tCATEGORY\tVALIDATOR\tCONTEXT")
		for _, s := range specs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", s.ID, s.Type, s.Category, orNone(s.ValidatorName), s.Need)
		}
		err = tw.Flush()
	case "markdown":
		fmt.Fprintln(w, "| id | type | category | validator | context |\n|---|---|---|---|---|")
		for _, s := range specs {
			fmt.Fprintf(w, "| `%s` | `%s` | %s | %s | %s |\n", s.ID, s.Type, s.Category, orNone(s.ValidatorName), s.Need)
		}
	case "json":
		type row struct {
			ID        string            `json:"id"`
			Type      string            `json:"type"`
			Category  detector.Category `json:"category"`
			Validator string            `json:"validator"`
			Need      string            `json:"need"`
			Keywords  []string          `json:"keywords"`
		}
		rows := make([]row, 0, len(specs))
		for _, s := range specs {
			rows = append(rows, row{s.ID, s.Type, s.Category, s.ValidatorName, s.Need.String(), s.Keywords})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(rows)
	default:
		return fail(io, "detectors", fmt.Errorf("--format %q: want text, markdown or json", *format))
	}
	if cerr := w.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fail(io, "detectors", err)
	}
	return exitOK
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
