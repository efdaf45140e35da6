package docgen

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
)

// ScanFunc classifies text (an Engine's Scan).
type ScanFunc func(text []byte) []classifiers.Finding

// MaskExample returns text with every finding's span replaced by its masked
// preview. Findings may overlap or come in any order; an overlapped span is
// masked by the earliest finding that covers it. ok is false when text has
// no finding: the caller must not show such an example, since nothing in it
// was masked.
func MaskExample(text string, findings []classifiers.Finding) (masked string, ok bool) {
	fs := slices.Clone(findings)
	slices.SortFunc(fs, func(a, b classifiers.Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	var b strings.Builder
	pos := 0
	for _, f := range fs {
		if f.Start < 0 || f.End > len(text) || f.End <= f.Start {
			continue // not a span of text
		}
		if f.Start < pos {
			// Overlaps a masked span: its tail is part of a detected value
			// too, so it is dropped rather than shown raw.
			pos = max(pos, f.End)
			continue
		}
		b.WriteString(text[pos:f.Start])
		b.WriteString(f.Preview)
		pos = f.End
		ok = true
	}
	b.WriteString(text[pos:])
	return b.String(), ok
}

// WriteDetectors writes docs/detectors.md: a summary table by category and
// one entry per detector with its type, category, validator, context need,
// keywords or digit trigger, context words, base confidence and its first
// example that the engine detects, masked.
func WriteDetectors(w io.Writer, specs []detector.Spec, scan ScanFunc) error {
	var b strings.Builder
	b.WriteString(header("Detector catalogue", "the classifier registry (`classifiers.All()`)"))
	cats := map[detector.Category]int{}
	types := map[string]bool{}
	for _, s := range specs {
		cats[s.Category]++
		types[s.Type] = true
	}
	fmt.Fprintf(&b, "%d detectors over %d entity types (%d PII, %d PHI, %d SECRET detectors). `weir detectors` lists them; "+
		"custom detectors are added with `--detectors FILE` (README).\n\n", len(specs), len(types), cats[detector.PII], cats[detector.PHI], cats[detector.Secret])
	b.WriteString("Each detector is a keyword or digit-cluster trigger, an RE2 pattern run in a window around the trigger, an " +
		"optional validator (checksum or structure), context words that raise confidence (or are required: *context* " +
		"`required`; `column`: only in a column so named), and reject words and placeholders that suppress a match. " +
		"Examples are shown **masked**: every value any detector matches in them, at any confidence, is replaced by its " +
		"masked preview, as in a finding's `preview`; raw values never appear here.\n")
	for _, cat := range []detector.Category{detector.PII, detector.PHI, detector.Secret} {
		var group []detector.Spec
		for _, s := range specs {
			if s.Category == cat {
				group = append(group, s)
			}
		}
		if len(group) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s\n\n| id | type | validator | context | confidence |\n|---|---|---|---|---|\n", cat)
		for _, s := range group {
			fmt.Fprintf(&b, "| [%s](#%s) | %s | %s | %s | %s |\n", code(s.ID), anchor(s.ID), code(s.Type),
				cell(orNone(s.ValidatorName)), s.Need, confidence(s.Confidence))
		}
		for _, s := range group {
			writeSpec(&b, s, scan)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeSpec(b *strings.Builder, s detector.Spec, scan ScanFunc) {
	fmt.Fprintf(b, "\n### %s\n\n", s.ID)
	fmt.Fprintf(b, "- **type** %s, **category** %s, **validator** %s, **context** %s, **confidence** %s\n",
		code(s.Type), s.Category, cell(orNone(s.ValidatorName)), s.Need, confidence(s.Confidence))
	switch {
	case len(s.Keywords) > 0 && s.Digits != nil:
		fmt.Fprintf(b, "- **triggers**: keywords %s; digit clusters of %s digits\n", codeList(s.Keywords), digitRange(s.Digits))
	case len(s.Keywords) > 0:
		fmt.Fprintf(b, "- **keywords**: %s\n", codeList(s.Keywords))
	case s.Digits != nil:
		fmt.Fprintf(b, "- **trigger**: digit clusters of %s digits\n", digitRange(s.Digits))
	default:
		b.WriteString("- **trigger**: every cell of a column named by a context word\n")
	}
	if len(s.Context) > 0 {
		fmt.Fprintf(b, "- **context words**: %s\n", codeList(s.Context))
	}
	if len(s.Reject) > 0 {
		fmt.Fprintf(b, "- **reject words**: %s\n", codeList(s.Reject))
	}
	if len(s.Placeholders) > 0 {
		fmt.Fprintf(b, "- **placeholders** (reported below the threshold): %d known test values\n", len(s.Placeholders))
	}
	shown := 0
	for _, ex := range s.Examples {
		masked, ok := MaskExample(ex, scan([]byte(ex)))
		if !ok {
			continue
		}
		fmt.Fprintf(b, "- **example** (masked): %s\n", code(masked))
		if shown++; shown == 1 {
			break
		}
	}
	if shown == 0 && len(s.Examples) > 0 {
		b.WriteString("- **example**: not shown (none is detected with the default settings)\n")
	}
}

func digitRange(d *detector.DigitTrigger) string {
	if d.Min == d.Max {
		return strconv.Itoa(d.Min)
	}
	return fmt.Sprintf("%d-%d", d.Min, d.Max)
}

func confidence(c float64) string {
	if c == 0 {
		c = 0.5 // detector.Spec's documented default
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// anchor is the GitHub heading anchor of an id heading (lower case, '_'
// kept, other punctuation dropped).
func anchor(id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
