package classifiers

import (
	"bytes"
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

type acOcc struct {
	id         int32
	start, end int
}

func collectAC(m *acMatcher, text []byte) []acOcc {
	var o []acOcc
	m.scan(text, func(id int32, s, e int) { o = append(o, acOcc{id, s, e}) })
	return o
}

func collectRefAC(m *refACMatcher, text []byte) []acOcc {
	var o []acOcc
	m.scan(text, func(id int32, s, e int) { o = append(o, acOcc{id, s, e}) })
	return o
}

// naiveAC finds every occurrence of every word with bytes.Index over an
// ASCII-folded copy, ordered by end offset then word id (the order the
// automaton reports words ending at the same byte).
func naiveAC(words []string, text []byte) []acOcc {
	ft := make([]byte, len(text))
	for i, b := range text {
		ft[i] = lowerASCII(b)
	}
	var o []acOcc
	for id, w := range words {
		if w == "" {
			continue
		}
		fw := make([]byte, len(w))
		for i := 0; i < len(w); i++ {
			fw[i] = lowerASCII(w[i])
		}
		for off := 0; ; {
			j := bytes.Index(ft[off:], fw)
			if j < 0 {
				break
			}
			s := off + j
			o = append(o, acOcc{int32(id), s, s + len(fw)})
			off = s + 1
		}
	}
	sort.Slice(o, func(a, b int) bool {
		if o[a].end != o[b].end {
			return o[a].end < o[b].end
		}
		return o[a].id < o[b].id
	})
	return o
}

var catalogWordsCache []string

func catalogWords(tb testing.TB) []string {
	if catalogWordsCache == nil {
		e, err := New(All(), Config{})
		if err != nil {
			tb.Fatal(err)
		}
		catalogWordsCache = e.words
	}
	return catalogWordsCache
}

// randomACText builds a text from catalogue words (random case), their
// prefixes, random bytes (ASCII, uppercase, UTF-8, NUL, 0x80-0xff).
func randomACText(r *rand.Rand, words []string, n int) []byte {
	var b []byte
	for len(b) < n {
		switch r.Intn(8) {
		case 0, 1:
			w := words[r.Intn(len(words))]
			for i := 0; i < len(w); i++ {
				c := w[i]
				if r.Intn(2) == 0 && c >= 'a' && c <= 'z' {
					c -= 'a' - 'A'
				}
				b = append(b, c)
			}
		case 2:
			w := words[r.Intn(len(words))]
			b = append(b, w[:r.Intn(len(w)+1)]...)
		case 3:
			// overlap: suffix of one word followed by another
			w := words[r.Intn(len(words))]
			b = append(b, w[r.Intn(len(w)):]...)
			b = append(b, words[r.Intn(len(words))]...)
		case 4:
			s := " _-:.,/\n\t\"'=()"
			b = append(b, s[r.Intn(len(s))])
		case 5:
			b = append(b, byte(r.Intn(256)))
		case 6:
			b = append(b, []string{"é", "ü", "ß", "日本", "Ä", "İ", "ſ", "K", "\x00", "\xff"}[r.Intn(10)]...)
		case 7:
			b = append(b, byte('A'+r.Intn(26)))
		}
	}
	return b
}

func TestACMatchesReference(t *testing.T) {
	words := catalogWords(t)
	m := newAC(words)
	split := newAC(words)
	split.splitMin = 0 // two streams from 2*maxLen+2 bytes on
	ref := newRefAC(words)
	r := rand.New(rand.NewSource(1))
	for it := 0; it < 3000; it++ {
		text := randomACText(r, words, r.Intn(400))
		got := collectAC(m, text)
		want := collectRefAC(ref, text)
		if !slices.Equal(got, want) {
			t.Fatalf("text %q:\n got %v\nwant %v", text, got, want)
		}
		if got := collectAC(split, text); !slices.Equal(got, want) {
			t.Fatalf("two streams, text %q:\n got %v\nwant %v", text, got, want)
		}
		if it%10 == 0 {
			if nv := naiveAC(words, text); !slices.Equal(got, nv) {
				t.Fatalf("naive text %q:\n got %v\nwant %v", text, got, nv)
			}
		}
	}
}

func TestACSmallWordSets(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	alpha := "abAB\x00\xffé"
	for it := 0; it < 3000; it++ {
		words := make([]string, r.Intn(6))
		for i := range words {
			n := r.Intn(5)
			var w []byte
			for j := 0; j < n; j++ {
				w = append(w, alpha[r.Intn(len(alpha))])
			}
			words[i] = string(w)
		}
		m := newAC(words)
		if it%2 == 0 {
			m.splitMin = 0
		}
		var text []byte
		for j := r.Intn(40); j > 0; j-- {
			text = append(text, alpha[r.Intn(len(alpha))])
		}
		got := collectAC(m, text)
		if want := naiveAC(words, text); !slices.Equal(got, want) {
			t.Fatalf("words %q text %q:\n got %v\nwant %v", words, text, got, want)
		}
		if want := collectRefAC(newRefAC(words), text); !slices.Equal(got, want) {
			t.Fatalf("ref: words %q text %q:\n got %v\nwant %v", words, text, got, want)
		}
	}
}

func TestACRealCorpus(t *testing.T) {
	files := acBenchFiles(t, 2<<20)
	if files == nil {
		t.Skip("no bench corpus")
	}
	words := catalogWords(t)
	m := newAC(words)
	ref := newRefAC(words)
	for _, f := range files {
		if got, want := collectAC(m, f), collectRefAC(ref, f); !slices.Equal(got, want) {
			t.Fatalf("corpus mismatch: %d vs %d occurrences", len(got), len(want))
		}
	}
}

func FuzzAC(f *testing.F) {
	words := catalogWords(f)
	m := newAC(words)
	split := newAC(words)
	split.splitMin = 0
	ref := newRefAC(words)
	f.Add([]byte("Patient SSN: 123-45-6789, password=hunter2"))
	f.Add([]byte("AKIA IBAN aws_secret_access_key 日本 é"))
	f.Fuzz(func(t *testing.T, text []byte) {
		got := collectAC(m, text)
		if want := collectRefAC(ref, text); !slices.Equal(got, want) {
			t.Fatalf("text %q:\n got %v\nwant %v", text, got, want)
		}
		if s := collectAC(split, text); !slices.Equal(got, s) {
			t.Fatalf("two streams, text %q:\n got %v\nwant %v", text, s, got)
		}
		if len(text) < 256 {
			if want := naiveAC(words, text); !slices.Equal(got, want) {
				t.Fatalf("naive text %q:\n got %v\nwant %v", text, got, want)
			}
		}
	})
}

// acBenchFiles returns every second file of the bench corpus (sorted), up
// to limit bytes, so all corpus kinds are represented.
func acBenchFiles(tb testing.TB, limit int) [][]byte {
	dir := os.Getenv("WEIR_AC_CORPUS")
	if dir == "" {
		dir = "../bench/.cache/corpus-v3-s1-20MB/files"
	}
	var paths []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	var files [][]byte
	total := 0
	for i := 0; i < len(paths) && total < limit; i += 2 {
		b, err := os.ReadFile(paths[i])
		if err == nil {
			files = append(files, b)
			total += len(b)
		}
	}
	return files
}

func benchAC(b *testing.B, scan func([]byte, func(int32, int, int))) {
	files := acBenchFiles(b, 8<<20)
	if files == nil {
		b.Skip("no bench corpus")
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	b.SetBytes(int64(total))
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, f := range files {
			scan(f, func(id int32, s, e int) { n++ })
		}
	}
	_ = n
}

func BenchmarkACScan(b *testing.B) {
	m := newAC(catalogWords(b))
	benchAC(b, m.scan)
}

func BenchmarkACScanRef(b *testing.B) {
	m := newRefAC(catalogWords(b))
	benchAC(b, m.scan)
}

// refACMatcher is an Aho-Corasick automaton compiled to a DFA over byte
// classes, matching ASCII case-insensitively. Transitions are stored as
// (next*nclass)<<1 | hasOutput so the scan loop needs one table load and one
// add per byte. It is immutable after build and safe for concurrent use.
type refACMatcher struct {
	class  [256]uint8
	nclass int
	trans  []uint32
	// out[state] lists the keyword ids that end at state (following failure
	// links, so every keyword ending here is listed).
	out   [][]int32
	klen  []int32
	start [256]bool // bytes that leave the root state
}

func refLowerASCII(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// newAC builds the automaton. Keywords are folded to lower case; an empty
// keyword is ignored.
func newRefAC(keywords []string) *refACMatcher {
	m := &refACMatcher{klen: make([]int32, len(keywords))}
	// Byte classes: one per distinct (folded) byte used in a keyword, 0 for the rest.
	next := 1
	for _, k := range keywords {
		for i := 0; i < len(k); i++ {
			c := refLowerASCII(k[i])
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
			c := m.class[refLowerASCII(k[i])]
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
func (m *refACMatcher) scan(text []byte, fn func(id int32, start, end int)) {
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
