package secrets_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/classifiers/detector"
	"github.com/weir-dev/weir/classifiers/secrets"
)

func TestZZCost(t *testing.T) {
	var recs [][]byte
	f, _ := os.ReadFile("/work/shared/corpus/dev.jsonl")
	n := 0
	for _, l := range bytes.Split(f, []byte("\n")) {
		var r struct{ Text string }
		if json.Unmarshal(l, &r) == nil {
			recs = append(recs, []byte(r.Text))
			n += len(r.Text)
		}
	}
	text := make([]byte, n)
	for _, s := range secrets.Specs() {
		e, _ := classifiers.New([]detector.Spec{s}, classifiers.Config{})
		d := time.Hour
		for range 5 {
			st := time.Now()
			for _, r := range recs {
				e.Scan(r)
			}
			d = min(d, time.Since(st))
		}
		t.Logf("%-32s %8.1f MB/s", s.ID, float64(len(text))/d.Seconds()/1e6)
	}
}

func BenchmarkZZOne(b *testing.B) {
	var recs [][]byte
	f, _ := os.ReadFile("/work/shared/corpus/dev.jsonl")
	for _, l := range bytes.Split(f, []byte("\n")) {
		var r struct{ Text string }
		if json.Unmarshal(l, &r) == nil {
			recs = append(recs, []byte(r.Text))
		}
	}
	var sp []detector.Spec
	for _, s := range secrets.Specs() {
		if s.ID == os.Getenv("SPEC") {
			sp = append(sp, s)
		}
	}
	e, _ := classifiers.New(sp, classifiers.Config{})
	for b.Loop() {
		for _, r := range recs {
			e.Scan(r)
		}
	}
}
