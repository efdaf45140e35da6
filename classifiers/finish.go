package classifiers

import "slices"

// Findings: overlap resolution, fingerprints and previews.

// finish dedupes, resolves overlaps and builds the findings.
func (e *Engine) finish(sc *scratch, text []byte, from int) []Finding {
	cs := sc.cands
	if len(cs) == 0 {
		return nil
	}
	slices.SortFunc(cs, func(a, b cand) int {
		if a.s != b.s {
			return a.s - b.s
		}
		if a.e != b.e {
			return b.e - a.e
		}
		return int(a.spec) - int(b.spec)
	})
	kept := resolveOverlaps(cs)
	out := make([]Finding, 0, len(kept))
	for _, k := range kept {
		if k.s < from {
			continue // in the label ScanField put in front
		}
		c := &e.c[k.spec]
		val := text[k.s:k.e]
		out = append(out, Finding{
			Type:        c.spec.Type,
			Category:    string(c.spec.Category),
			Start:       k.s - from,
			End:         k.e - from,
			Confidence:  round2(k.conf),
			Detector:    c.spec.ID,
			Validator:   c.validatorName,
			Fingerprint: sc.fp.fingerprint(c.spec.Type, val, c.normalizeFP),
			Preview:     Preview(val),
		})
	}
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// resolveOverlaps takes candidates sorted by start and returns a
// non-overlapping subset sorted by start: within each group of transitively
// overlapping candidates, the best (confidence, then length, then catalogue
// order) wins and excludes what it overlaps, repeatedly.
func resolveOverlaps(cs []cand) []cand {
	out := cs[:0:0]
	for i := 0; i < len(cs); {
		j := i + 1
		end := cs[i].e
		for j < len(cs) && cs[j].s < end {
			end = max(end, cs[j].e)
			j++
		}
		grp := cs[i:j]
		if len(grp) == 1 {
			out = append(out, grp[0])
			i = j
			continue
		}
		g := slices.Clone(grp)
		slices.SortStableFunc(g, func(a, b cand) int {
			switch {
			case a.conf != b.conf:
				if a.conf > b.conf {
					return -1
				}
				return 1
			case a.e-a.s != b.e-b.s:
				return (b.e - b.s) - (a.e - a.s)
			default:
				return int(a.spec) - int(b.spec)
			}
		})
		var acc []cand
		for _, c := range g {
			ok := true
			for _, a := range acc {
				if c.s < a.e && a.s < c.e {
					ok = false
					break
				}
			}
			if ok {
				acc = append(acc, c)
			}
		}
		slices.SortFunc(acc, func(a, b cand) int { return a.s - b.s })
		out = append(out, acc...)
		i = j
	}
	return out
}
