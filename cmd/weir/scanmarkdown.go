package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// markdownReporter writes the dataset profiles as Markdown tables (for a
// pull request, a wiki or a ticket): per dataset and column, the types
// found, counts, share of rows affected, max confidence and example
// fingerprints. Raw values never appear.
type markdownReporter struct {
	w        io.Writer
	sum      summary
	ds       datasets
	problems []pathNote
}

func (m *markdownReporter) file(r fileResult) error {
	m.sum.add(r)
	m.ds.add(r)
	switch {
	case r.err != nil:
		m.problems = append(m.problems, pathNote{r.path, "error: " + r.err.Error()})
	case r.skipped != "":
		m.problems = append(m.problems, pathNote{r.path, "skipped: " + r.skipped})
	}
	for _, n := range r.notes {
		m.problems = append(m.problems, pathNote{r.path, "note: " + n})
	}
	return nil
}

func (m *markdownReporter) finish(elapsed time.Duration) error {
	s := &m.sum
	s.close(elapsed)
	var b strings.Builder
	fmt.Fprintf(&b, "# weir scan report\n\n%d findings in %d objects scanned (%d skipped, %d failed), %d bytes in %.2fs (%.1f MB/s).\n",
		s.Findings, s.FilesScanned, s.FilesSkipped, s.FilesFailed, s.Bytes, s.Seconds, s.MBPerSecond)
	for _, ds := range m.ds.list() {
		sampled := ""
		if ds.Sampled {
			sampled = " (sampled)"
		}
		fmt.Fprintf(&b, "\n## Dataset `%s`\n\n%d objects, %d rows scanned%s, %d findings.\n", mdCode(ds.Dataset), ds.Objects, ds.Rows, sampled, ds.Findings)
		if len(ds.Columns) == 0 {
			b.WriteString("\nNo findings.\n")
			continue
		}
		b.WriteString("\n| Column | Type | Category | Findings | Rows affected | Share of rows | Max confidence | Example fingerprints |\n")
		b.WriteString("|---|---|---|---:|---:|---:|---:|---|\n")
		for _, c := range ds.Columns {
			col := "(text)"
			if c.Column != "" {
				col = "`" + mdCode(c.Column) + "`"
			}
			for _, t := range c.Types {
				ex := make([]string, len(t.Examples))
				for i, e := range t.Examples {
					ex[i] = "`" + shortFingerprint(e) + "`"
				}
				share := ""
				if ds.Rows > 0 {
					share = fmt.Sprintf("%.1f%%", 100*float64(t.RowsAffected)/float64(ds.Rows))
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %s | %.2f | %s |\n", col, t.Type, t.Category, t.Count, t.RowsAffected, share, t.MaxConfidence, strings.Join(ex, " "))
			}
		}
	}
	if len(s.ByType) > 0 {
		b.WriteString("\n## Findings by type\n\n| Type | Category | Count |\n|---|---|---:|\n")
		for _, c := range s.ByType {
			fmt.Fprintf(&b, "| %s | %s | %d |\n", c.Type, c.Category, c.Count)
		}
	}
	if len(m.problems) > 0 {
		b.WriteString("\n## Skipped, failed and notes\n\n")
		for _, p := range m.problems {
			fmt.Fprintf(&b, "- `%s`: %s\n", mdCode(p.Path), strings.ReplaceAll(p.Note, "\n", " "))
		}
	}
	_, err := io.WriteString(m.w, b.String())
	return err
}

// mdCode keeps a name inside a Markdown code span.
func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }

// shortFingerprint abbreviates "hmac-sha256:9f2c..." for a table cell.
func shortFingerprint(fp string) string {
	if i := strings.IndexByte(fp, ':'); i >= 0 && len(fp) > i+17 {
		return fp[:i+17]
	}
	return fp
}
