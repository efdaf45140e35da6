package classifiers

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

// cluster is a run of digit-bearing alphanumeric tokens joined by gaps of one
// or two separator bytes (see detector.DigitTrigger).
type cluster struct {
	start, end     int
	digits, letter int
}

// scanClusters calls fn for every digit cluster in text, in order.
func scanClusters(text []byte, fn func(c cluster)) {
	cur := cluster{start: -1}
	n := len(text)
	i := 0
	for i < n {
		// Skip to the next alphanumeric byte.
		for i < n && byteClass[text[i]] != clsDigit && byteClass[text[i]] != clsLetter {
			i++
		}
		if i >= n {
			break
		}
		j := i
		d, l := 0, 0
		for j < n {
			c := byteClass[text[j]]
			if c == clsDigit {
				d++
			} else if c == clsLetter {
				l++
			} else {
				break
			}
			j++
		}
		if d == 0 {
			// A token without digits ends a cluster and is not part of it.
			if cur.start >= 0 {
				fn(cur)
				cur.start = -1
			}
			i = j
			continue
		}
		if cur.start >= 0 && i-cur.end <= 2 && allSep(text[cur.end:i]) {
			cur.end = j
			cur.digits += d
			cur.letter += l
		} else {
			if cur.start >= 0 {
				fn(cur)
			}
			cur = cluster{start: i, end: j, digits: d, letter: l}
		}
		i = j
	}
	if cur.start >= 0 {
		fn(cur)
	}
}

func allSep(b []byte) bool {
	for _, c := range b {
		if byteClass[c] != clsSep {
			return false
		}
	}
	return true
}
