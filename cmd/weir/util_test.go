package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestOrderedMapKeepsOrder(t *testing.T) {
	const n = 2000
	i := 0
	next := func() (int, int64, bool, error) {
		if i == n {
			return 0, 0, false, nil
		}
		i++
		return i - 1, 10, true, nil
	}
	var got []int
	err := orderedMap(8, 16, 50, next, func(x int) int {
		time.Sleep(time.Duration(rand.IntN(50)) * time.Microsecond)
		return x * 2
	}, func(y int) error { got = append(got, y); return nil })
	if err != nil || len(got) != n {
		t.Fatalf("err %v, %d results", err, len(got))
	}
	for k, y := range got {
		if y != 2*k {
			t.Fatalf("result %d = %d", k, y)
		}
	}
}

func TestOrderedMapErrors(t *testing.T) {
	boom := errors.New("boom")
	i := 0
	next := func() (int, int64, bool, error) {
		i++
		if i > 100 {
			return 0, 0, false, boom
		}
		return i, 1 << 40, true, nil // over the byte budget: one at a time
	}
	var emitted int
	err := orderedMap(4, 8, 1, next, func(x int) int { return x }, func(int) error { emitted++; return nil })
	if !errors.Is(err, boom) || emitted != 100 {
		t.Errorf("read error: %v after %d", err, emitted)
	}
	// An emit error stops the producer and is returned.
	endless := func() (int, int64, bool, error) { return 1, 1, true, nil }
	err = orderedMap(4, 8, 100, endless, func(x int) int { return x }, func(int) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("emit error: %v", err)
	}
}

func TestReadLine(t *testing.T) {
	in := "a\r\n" + strings.Repeat("x", 5000) + "\nshort\nlast"
	r := bufio.NewReaderSize(strings.NewReader(in), 16)
	var got []string
	for {
		line, tooLong, err := readLine(r, 100)
		if errors.Is(err, io.EOF) {
			break
		}
		if tooLong {
			got = append(got, "<long>")
			continue
		}
		got = append(got, string(line))
	}
	if strings.Join(got, "|") != "a|<long>|short|last" {
		t.Errorf("got %q", got)
	}
}

func TestUnquoteAndRawOffset(t *testing.T) {
	for _, s := range []string{"plain", `q"uo\te`, "é😀\n\u2028", "\x01\x7f", ""} {
		raw, _ := json.Marshal(s)
		if got := string(unquoteJSON(nil, raw)); got != s {
			t.Errorf("unquote(%s) = %q", raw, got)
		}
		if back := string(appendJSONString(nil, []byte(s))); !json.Valid([]byte(back)) {
			t.Errorf("appendJSONString(%q) = %s, not valid JSON", s, back)
		} else {
			var dec string
			json.Unmarshal([]byte(back), &dec)
			if dec != s {
				t.Errorf("round trip %q -> %q", s, dec)
			}
		}
	}
	// Lone surrogates decode to U+FFFD, like encoding/json.
	if got := string(unquoteJSON(nil, []byte(`"\ud800x"`))); got != "\uFFFDx" {
		t.Errorf("lone surrogate: %q", got)
	}
	raw := []byte(`"a\"b\u00e9c"`) // decoded: a " b é(2 bytes) c
	for dec, want := range map[int]int{0: 1, 1: 2, 2: 4, 3: 5, 5: 11, 6: 12} {
		if got := rawOffset(raw, dec); got != want {
			t.Errorf("rawOffset(%d) = %d, want %d", dec, got, want)
		}
	}
}

func TestDetectorsCommand(t *testing.T) {
	out, _, code := cli(t, "", nil, "detectors", "--detectors", markerFile(t))
	if code != 0 || !strings.Contains(out, "weir_test_marker") || !strings.Contains(out, "ID") {
		t.Errorf("%d %s", code, out)
	}
	out, _, code = cli(t, "", nil, "detectors", "--format", "json")
	var rows []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil {
		t.Errorf("json: %d %s", code, out)
	}
	if _, _, code := cli(t, "", nil, "nope"); code != exitError {
		t.Errorf("unknown command: %d", code)
	}
	if _, _, code := cli(t, "", nil, "help"); code != exitOK {
		t.Errorf("help: %d", code)
	}
}

func TestWalkJSONStrings(t *testing.T) {
	doc := []byte(` {"a": "x", "b c": [1, {"d": -2.5e3}, true, null, "y\"z"], "e": {}, "f": []} `)
	var got []string
	walkJSONStrings(doc, func(js jsonString) {
		if string(doc[js.off:js.off+len(js.raw)]) != string(js.raw) {
			t.Errorf("offset of %s", js.raw)
		}
		got = append(got, js.path+"="+string(js.raw))
	})
	want := `a="x" ["b c"][0]=1 ["b c"][1].d=-2.5e3 ["b c"][4]="y\"z"`
	if strings.Join(got, " ") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}
