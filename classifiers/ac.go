package classifiers

import "sort"

// acMatcher is an Aho-Corasick automaton compiled to a DFA over byte
// classes, matching ASCII case-insensitively. Transitions are stored as
// (next*nclass)<<1 | hasOutput so the scan loop needs one table load and one
// add per byte. It is immutable after build and safe for concurrent use.
type acMatcher struct {
	class  [256]uint8
	nclass int
	trans  []uint32
	// out[state] lists the keyword ids that end at state (following failure
	// links, so every keyword ending here is listed).
	out   [][]int32
	klen  []int32
	start [256]bool // bytes that leave the root state
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
	// BFS for failure links and full DFA transitions.
	nc := m.nclass
	delta := make([]int, len(nodes)*nc)
	queue := []int{}
	for c := 0; c < nc; c++ {
		if n, ok := nodes[0].child[uint8(c)]; ok {
			delta[c] = n
			nodes[n].fail = 0
			queue = append(queue, n)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := nodes[s].fail
		nodes[s].out = append(nodes[s].out, nodes[f].out...)
		for c := 0; c < nc; c++ {
			if n, ok := nodes[s].child[uint8(c)]; ok {
				delta[s*nc+c] = n
				nodes[n].fail = delta[f*nc+c]
				queue = append(queue, n)
			} else {
				delta[s*nc+c] = delta[f*nc+c]
			}
		}
	}
	m.trans = make([]uint32, len(delta))
	for i, n := range delta {
		v := uint32(n*nc) << 1
		if len(nodes[n].out) > 0 {
			v |= 1
		}
		m.trans[i] = v
	}
	m.out = make([][]int32, len(nodes))
	for i := range nodes {
		o := nodes[i].out
		sort.Slice(o, func(a, b int) bool { return o[a] < o[b] })
		m.out[i] = o
	}
	for c := 0; c < 256; c++ {
		m.start[c] = delta[int(m.class[c])] != 0
	}
	return m
}

// scan calls fn(keywordID, start, end) for every occurrence of every
// keyword in text, in order of end offset.
func (m *acMatcher) scan(text []byte, fn func(id int32, start, end int)) {
	if len(m.trans) == 0 {
		return
	}
	nc := uint32(m.nclass)
	trans := m.trans
	class := &m.class
	var s uint32
	for i := 0; i < len(text); i++ {
		if s == 0 {
			// Skip bytes that cannot start a keyword.
			for i < len(text) && !m.start[text[i]] {
				i++
			}
			if i == len(text) {
				return
			}
		}
		v := trans[s+uint32(class[text[i]])]
		s = v >> 1
		if v&1 != 0 {
			for _, id := range m.out[s/nc] {
				fn(id, i+1-int(m.klen[id]), i+1)
			}
		}
	}
}
