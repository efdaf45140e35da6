package classifiers

import (
	"sort"
	"sync"
)

// acMatcher is an Aho-Corasick automaton compiled to a DFA over byte
// classes, matching ASCII case-insensitively. It is immutable after build and
// safe for concurrent use.
//
// Layout (measured on real text, see BenchmarkACScan): a transition is the
// next state's row offset (state*nclass), so a step is one table load and one
// add, with no multiply or shift on the load-to-load dependency chain. States
// without output come first, then states with output, each group in
// breadth-first order: the shallow states where a scan spends nearly all its
// steps (root, depth 1 and 2: ~90% of steps) share a small block of the table
// and stay cache-resident, and "this state reports keywords" is the test
// next >= outBase, off the dependency chain. The scan has no root skip loop:
// its data-dependent branch mispredicted more than it saved. A step waits
// for the previous one (load to load), so a long text is scanned as two
// interleaved streams over its halves, which the CPU runs in parallel.
type acMatcher struct {
	class  [256]uint8
	nclass int
	trans  []uint32 // row offset of the next state, by state row offset + class
	// outBase is the row offset of the first state with output.
	outBase uint32
	// out[state] lists the keyword ids that end at state (following failure
	// links, so every keyword ending here is listed), in increasing id order.
	out  [][]int32
	klen []int32
	// maxLen is the longest keyword; splitMin the shortest text scanned as
	// two streams (tests lower it).
	maxLen   int
	splitMin int
	pending  sync.Pool // *[]acPending, the second stream's outputs
}

// acPending is an output state of the second stream and the offset of the
// byte that reached it.
type acPending struct {
	state uint32
	at    int
}

// acSplitMin is the default acMatcher.splitMin: below it the set-up of a
// second stream costs more than it saves.
const acSplitMin = 1024

func lowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newAC builds the automaton. Keywords are folded to lower case; an empty
// keyword is ignored.
func newAC(keywords []string) *acMatcher {
	m := &acMatcher{klen: make([]int32, len(keywords)), splitMin: acSplitMin}
	m.pending.New = func() any { return new([]acPending) }
	for _, k := range keywords {
		m.maxLen = max(m.maxLen, len(k))
	}
	// Byte classes: one per distinct (folded) byte used in a keyword, 0 for the rest.
	next := 1
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			c := lowerASCII(k[i])
			if m.class[c] == 0 {
				m.class[c] = uint8(next)
				next++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		m.class[c] = m.class[c+'a'-'A']
	}
	m.nclass = next
	// Trie.
	type node struct {
		child map[uint8]int
		fail  int
		out   []int32
	}
	nodes := []node{{child: map[uint8]int{}}}
	for id, k := range keywords {
		m.klen[id] = int32(len(k))
		if k == "" {
			continue
		}
		s := 0
		for i := 0; i < len(k); i++ {
			c := m.class[lowerASCII(k[i])]
			n, ok := nodes[s].child[c]
			if !ok {
				nodes = append(nodes, node{child: map[uint8]int{}})
				n = len(nodes) - 1
				nodes[s].child[c] = n
			}
			s = n
		}
		nodes[s].out = append(nodes[s].out, int32(id))
	}
	// BFS for failure links and full DFA transitions; bfs lists the trie
	// nodes breadth-first.
	nc := m.nclass
	delta := make([]int, len(nodes)*nc)
	bfs := make([]int, 1, len(nodes))
	for c := 0; c < nc; c++ {
		if n, ok := nodes[0].child[uint8(c)]; ok {
			delta[c] = n
			nodes[n].fail = 0
			bfs = append(bfs, n)
		}
	}
	for q := 1; q < len(bfs); q++ {
		s := bfs[q]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < nc; c++ {
			if n, ok := nodes[s].child[uint8(c)]; ok {
				delta[s*nc+c] = n
				nodes[n].fail = delta[f*nc+c]
				bfs = append(bfs, n)
			} else {
				delta[s*nc+c] = delta[f*nc+c]
			}
		}
	}
	// Table order: states without output, then states with output, each
	// breadth-first. The root has no output (empty keywords are ignored),
	// so it stays state 0.
	order := make([]int, 0, len(nodes))
	for _, n := range bfs {
		if len(nodes[n].out) == 0 {
			order = append(order, n)
		}
	}
	m.outBase = uint32(len(order) * nc)
	for _, n := range bfs {
		if len(nodes[n].out) > 0 {
			order = append(order, n)
		}
	}
	rank := make([]int, len(nodes))
	for r, n := range order {
		rank[n] = r
	}
	m.trans = make([]uint32, len(delta))
	m.out = make([][]int32, len(nodes))
	for r, n := range order {
		row := m.trans[r*nc : r*nc+nc]
		for c := range row {
			row[c] = uint32(rank[delta[n*nc+c]] * nc)
		}
		o := nodes[n].out
		sort.Slice(o, func(a, b int) bool { return o[a] < o[b] })
		m.out[r] = o
	}
	return m
}

// scan calls fn(keywordID, start, end) for every occurrence of every
// keyword in text, in order of end offset (keywords ending at the same
// offset in increasing id order).
//
// A text of splitMin bytes or more runs as two streams stepped together:
// A over [0, mid) and B from the root at mid-maxLen+1, so every keyword
// ending at mid or later starts inside B's range. A reports ends up to mid
// as it goes; B's outputs at bytes mid.. are kept and reported after A.
func (m *acMatcher) scan(text []byte, fn func(id int32, start, end int)) {
	trans := m.trans
	if len(trans) == 0 {
		return
	}
	n := len(text)
	if n < max(m.splitMin, 2*m.maxLen+2) {
		m.scanOne(text, fn)
		return
	}
	class := &m.class
	outBase := m.outBase
	mid := (n + m.maxLen - 1) / 2
	p0 := mid - (m.maxLen - 1)
	a, b := text[:mid], text[p0:]
	pp := m.pending.Get().(*[]acPending)
	pend := (*pp)[:0]
	common := min(len(a), len(b))
	var sa, sb uint32
	for i := 0; i < common; i++ {
		sa = trans[sa+uint32(class[a[i]])]
		sb = trans[sb+uint32(class[b[i]])]
		if sa >= outBase {
			m.emit(sa, i, fn)
		}
		if sb >= outBase && p0+i >= mid {
			pend = append(pend, acPending{sb, p0 + i})
		}
	}
	for i := common; i < len(a); i++ {
		sa = trans[sa+uint32(class[a[i]])]
		if sa >= outBase {
			m.emit(sa, i, fn)
		}
	}
	for i := common; i < len(b); i++ {
		sb = trans[sb+uint32(class[b[i]])]
		if sb >= outBase && p0+i >= mid {
			pend = append(pend, acPending{sb, p0 + i})
		}
	}
	for _, p := range pend {
		m.emit(p.state, p.at, fn)
	}
	*pp = pend
	m.pending.Put(pp)
}

// scanOne is scan as one stream.
func (m *acMatcher) scanOne(text []byte, fn func(id int32, start, end int)) {
	trans := m.trans
	class := &m.class
	outBase := m.outBase
	var s uint32
	for i, b := range text {
		s = trans[s+uint32(class[b])]
		if s >= outBase {
			m.emit(s, i, fn)
		}
	}
}

// emit reports the keywords of output state s (a row offset) reached at
// byte i.
func (m *acMatcher) emit(s uint32, i int, fn func(id int32, start, end int)) {
	for _, id := range m.out[s/uint32(m.nclass)] {
		fn(id, i+1-int(m.klen[id]), i+1)
	}
}
