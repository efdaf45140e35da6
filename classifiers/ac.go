package classifiers

import "sort"

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
// its data-dependent branch mispredicted more than it saved.
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
}

func lowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newAC builds the automaton. Keywords are folded to lower case; an empty
// keyword is ignored.
func newAC(keywords []string) *acMatcher {
	m := &acMatcher{klen: make([]int32, len(keywords))}
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
func (m *acMatcher) scan(text []byte, fn func(id int32, start, end int)) {
	trans := m.trans
	if len(trans) == 0 {
		return
	}
	class := &m.class
	outBase := m.outBase
	var s uint32
	for i, b := range text {
		s = trans[s+uint32(class[b])]
		if s >= outBase {
			for _, id := range m.out[s/uint32(m.nclass)] {
				fn(id, i+1-int(m.klen[id]), i+1)
			}
		}
	}
}
