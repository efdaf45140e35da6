package classifiers

import "github.com/weir-dev/weir/classifiers/detector"

const (
	clsOther uint8 = iota
	clsDigit
	clsLetter
	clsSep
)

// byteClass classifies bytes for the digit-cluster scanner.
var byteClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = clsDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = clsLetter
		t[c-'a'+'A'] = clsLetter
	}
	for _, c := range []byte(" -./:()+") {
		t[c] = clsSep
	}
	return t
}()

// alnumByte and digitByte are byteClass as lookup tables for the scanner's
// inner loops.
var alnumByte, digitByte = func() (a [256]bool, d [256]uint8) {
	for c := range 256 {
		a[c] = byteClass[c] == clsDigit || byteClass[c] == clsLetter
		if byteClass[c] == clsDigit {
			d[c] = 1
		}
	}
	return a, d
}()

// cluster is a run of digit-bearing alphanumeric tokens joined by gaps of one
// or two separator bytes (see detector.DigitTrigger), or a sub-run of one:
// when a cluster has gaps with a space in them and the parts on either side
// have separators of their own ("536-22-1942 1990-01-01"), every contiguous
// run of such parts is reported too, so a value glued to a neighbour by a
// space is still tried on its own.
type cluster struct {
	start, end     int
	digits, letter int
	t0, t1         int  // its tokens: clusterScanner.toks[t0:t1]
	inner          bool // a part with a non-space separator inside ("536-22-1942")
}

// maxParts bounds the space-separated parts of a cluster whose sub-runs are
// reported (the number of sub-runs grows with its square).
const maxParts = 8

// clusterScanner finds digit clusters; it keeps a buffer of parts and one
// of the tokens of the current cluster.
type clusterScanner struct {
	parts []cluster
	// toks are the tokens of the cluster being reported, offsets relative to
	// base (the start of the whole cluster); valid during fn only.
	toks []detector.Token
	base int
	rel  []detector.Token // tokens of a sub-run, rebased (see fill)
}

// fill sets dst to cl (a cluster reported by the current scan callback) and
// its tokens, offsets into dst.Text. The whole cluster and sub-runs at its
// start share cs.toks; other sub-runs are rebased into a reused buffer.
func (cs *clusterScanner) fill(text []byte, cl cluster, dst *detector.Cluster) {
	dst.Text = text[cl.start:cl.end]
	dst.Before = text[max(0, cl.start-detector.ClusterContext):cl.start]
	dst.After = text[cl.end:min(len(text), cl.end+detector.ClusterContext)]
	toks := cs.toks[cl.t0:cl.t1]
	if d := cl.start - cs.base; d != 0 {
		rel := cs.rel[:0]
		for _, t := range toks {
			t.Start -= d
			t.End -= d
			rel = append(rel, t)
		}
		cs.rel = rel
		toks = rel
	}
	dst.Tokens = toks
}

// scan calls fn for every digit cluster in text, in order, followed by its
// sub-runs of space-separated parts (each once, whole cluster excluded).
func (cs *clusterScanner) scan(text []byte, fn func(c cluster)) {
	n := len(text)
	i := 0
	cs.parts = cs.parts[:0]
	flush := func() {
		if len(cs.parts) == 0 {
			return
		}
		whole := cluster{start: cs.parts[0].start, end: cs.parts[len(cs.parts)-1].end, t1: len(cs.toks)}
		for _, p := range cs.parts {
			whole.digits += p.digits
			whole.letter += p.letter
		}
		fn(whole)
		// Only parts with inner separators are split off: a run of plain digit
		// groups ("9400 1574 0903 2937") is one value, not several.
		merged := cs.parts[:1]
		for _, p := range cs.parts[1:] {
			last := &merged[len(merged)-1]
			if !last.inner && !p.inner {
				last.end = p.end
				last.digits += p.digits
				last.letter += p.letter
				last.t1 = p.t1
				continue
			}
			merged = append(merged, p)
		}
		cs.parts = merged
		if np := len(cs.parts); np > 1 && np <= maxParts {
			for a := 0; a < np; a++ {
				run := cluster{start: cs.parts[a].start, t0: cs.parts[a].t0}
				for b := a; b < np; b++ {
					run.end = cs.parts[b].end
					run.t1 = cs.parts[b].t1
					run.digits += cs.parts[b].digits
					run.letter += cs.parts[b].letter
					if a == 0 && b == np-1 {
						break // the whole cluster, reported above
					}
					fn(run)
				}
			}
		}
		cs.parts = cs.parts[:0]
		cs.toks = cs.toks[:0]
	}
	for i < n {
		// Skip to the next alphanumeric byte.
		for i < n && !alnumByte[text[i]] {
			i++
		}
		if i >= n {
			break
		}
		// The token: digits counted without a branch on the byte's class
		// (mixed tokens would mispredict it).
		j := i
		d := 0
		for j < n && alnumByte[text[j]] {
			d += int(digitByte[text[j]])
			j++
		}
		l := j - i - d
		if d == 0 {
			// A token without digits ends a cluster and is not part of it.
			flush()
			i = j
			continue
		}
		if np := len(cs.parts); np > 0 && i-cs.parts[np-1].end <= 2 && allSep(text[cs.parts[np-1].end:i]) {
			last := &cs.parts[np-1]
			nt := len(cs.toks)
			cs.toks = append(cs.toks, detector.Token{Start: i - cs.base, End: j - cs.base, Digits: d, Letters: l})
			if hasSpace(text[last.end:i]) {
				cs.parts = append(cs.parts, cluster{start: i, end: j, digits: d, letter: l, t0: nt, t1: nt + 1})
			} else {
				last.end = j
				last.digits += d
				last.letter += l
				last.t1 = nt + 1
				last.inner = true
			}
		} else {
			flush()
			cs.base = i
			cs.toks = append(cs.toks, detector.Token{Start: 0, End: j - i, Digits: d, Letters: l})
			cs.parts = append(cs.parts, cluster{start: i, end: j, digits: d, letter: l, t0: 0, t1: 1})
		}
		i = j
	}
	flush()
}

func allSep(b []byte) bool {
	for _, c := range b {
		if byteClass[c] != clsSep {
			return false
		}
	}
	return true
}

func hasSpace(b []byte) bool {
	for _, c := range b {
		if c == ' ' {
			return true
		}
	}
	return false
}

// isTimestamp reports whether b is a whole ISO-8601 date or timestamp:
// YYYY-MM-DD, optionally followed by T (or a space), hh:mm, :ss, a
// fraction and Z or a ±hh:mm offset.
func isTimestamp(b []byte) bool {
	digits := func(s []byte, n int) bool {
		if len(s) < n {
			return false
		}
		for _, c := range s[:n] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	if len(b) < 10 || !digits(b, 4) || b[4] != '-' || !digits(b[5:], 2) || b[7] != '-' || !digits(b[8:], 2) {
		return false
	}
	b = b[10:]
	if len(b) == 0 {
		return true
	}
	if (b[0] != 'T' && b[0] != ' ') || !digits(b[1:], 2) || len(b) < 6 || b[3] != ':' || !digits(b[4:], 2) {
		return false
	}
	b = b[6:]
	if len(b) >= 3 && b[0] == ':' && digits(b[1:], 2) {
		b = b[3:]
		if len(b) >= 2 && (b[0] == '.' || b[0] == ',') && digits(b[1:], 1) {
			b = b[2:]
			for len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
				b = b[1:]
			}
		}
	}
	switch {
	case len(b) == 0:
		return true
	case len(b) == 1:
		return b[0] == 'Z'
	case b[0] == '+' || b[0] == '-':
		o := b[1:]
		return len(o) == 5 && digits(o, 2) && o[2] == ':' && digits(o[3:], 2) || len(o) == 4 && digits(o, 4)
	}
	return false
}
