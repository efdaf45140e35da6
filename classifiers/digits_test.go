package classifiers

import (
	"slices"
	"strings"
	"testing"

	"github.com/weir-dev/weir/classifiers/detector"
)

func TestClusters(t *testing.T) {
	tests := []struct {
		text string
		want []string // "text/digits"
	}{
		{"card 4111 1111 1111 1111 ok", []string{"4111 1111 1111 1111/16"}},
		{"call (415) 867-5309.", []string{"415) 867-5309/10", "415/3", "867-5309/7"}},
		{"MBI 1EG4-TE5-MK73 x", []string{"1EG4-TE5-MK73/5"}},
		{"NI AB 12 34 56 C", []string{"12 34 56/6"}},
		{"at 2024-10-04T09:41:03Z", []string{"2024-10-04T09:41:03Z/14"}},
		// Parts with inner separators are split off; plain groups are not.
		{"SSN 536-22-1942 1990-01-01", []string{"536-22-1942 1990-01-01/17", "536-22-1942/9", "1990-01-01/8"}},
		{"track 9400 1574 0903 2937", []string{"9400 1574 0903 2937/16"}},
		{"a1 b2", []string{"a1 b2/2"}},
		{"a1 bc 2", []string{"a1/1", "2/1"}}, // a token without digits ends a cluster
		{"", nil},
	}
	var cs clusterScanner
	for _, tc := range tests {
		var got []string
		var dc detector.Cluster
		cs.scan([]byte(tc.text), func(c cluster) {
			got = append(got, tc.text[c.start:c.end]+"/"+itoa(c.digits))
			// The tokens the engine hands to Shapes are the cluster's own.
			cs.fill([]byte(tc.text), c, &dc)
			if want := detector.NewCluster([]byte(tc.text[c.start:c.end])); string(dc.Text) != string(want.Text) || !slices.Equal(dc.Tokens, want.Tokens) {
				t.Errorf("cluster %q: tokens %v, want %v", want.Text, dc.Tokens, want.Tokens)
			}
		})
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("clusters(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// BenchmarkClusterScan measures the digit-cluster scanner alone on the
// bench corpus (see acBenchFiles), with a callback that only counts.
func BenchmarkClusterScan(b *testing.B) {
	files := acBenchFiles(b, 8<<20)
	if files == nil {
		b.Skip("no bench corpus")
	}
	total := 0
	for _, f := range files {
		total += len(f)
	}
	b.SetBytes(int64(total))
	var cs clusterScanner
	n := 0
	for b.Loop() {
		for _, f := range files {
			cs.scan(f, func(cluster) { n++ })
		}
	}
	if n == 0 {
		b.Fatal("no clusters")
	}
}

// BenchmarkCollectHits measures the trigger passes of a scan (keyword
// automaton, digit clusters, Shapes and context prefilters) on the bench
// corpus, without the patterns.
func BenchmarkCollectHits(b *testing.B) {
	files := acBenchFiles(b, 8<<20)
	if files == nil {
		b.Skip("no bench corpus")
	}
	e, err := New(All(), Config{})
	if err != nil {
		b.Fatal(err)
	}
	sc := e.scratchs.Get().(*scratch)
	total, hits := 0, 0
	for _, f := range files {
		total += len(f)
	}
	b.SetBytes(int64(total))
	for b.Loop() {
		for _, f := range files {
			sc.reset(e, "")
			e.collectHits(sc, f)
			hits += len(sc.hits)
		}
	}
	if hits == 0 {
		b.Fatal("no hits")
	}
}

func TestIsTimestamp(t *testing.T) {
	for _, s := range []string{"2024-10-14", "2024-10-14T16:39:35.714Z", "2024-10-14T16:39", "2024-10-14 16:39:35",
		"2024-10-14T16:39:35+02:00", "2024-10-14T16:39:35-0500", "2024-10-14T16:39:35,5Z"} {
		if !isTimestamp([]byte(s)) {
			t.Errorf("isTimestamp(%q) = false", s)
		}
	}
	for _, s := range []string{"2024-10-14 52.1.2.3", "2024-10-1", "2024/10/14", "2024-10-14T16", "2024-10-14T16:39:35.714Q",
		"2024-10-14T16:39:35+02", "20241014", "2024-10-14 0176 79147202", "415-867-5309"} {
		if isTimestamp([]byte(s)) {
			t.Errorf("isTimestamp(%q) = true", s)
		}
	}
}
