package scandist

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

func tasks(scan string, n int) []Task {
	out := make([]Task, n)
	for i := range out {
		out[i] = Task{Scan: scan, ID: string(rune('a' + i)), Of: n, Path: "p", File: "/p", Chunks: []Chunk{{G: i, C: 1}}}
	}
	return out
}

func TestTaskRoundTripAndVersion(t *testing.T) {
	tk := tasks("s1", 1)[0]
	sum := tk.Sum()
	b, err := tk.Encode()
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeTask(b)
	if err != nil || got.Sum() != sum || string(got.Key()) != "s1/a" {
		t.Fatalf("got %+v sum %s (want %s) err %v", got, got.Sum(), sum, err)
	}
	bad := strings.Replace(string(b), `"v":1`, `"v":99`, 1)
	if _, err := DecodeTask([]byte(bad)); !errors.Is(err, ErrVersion) {
		t.Errorf("version 99: err %v, want ErrVersion", err)
	}
	if _, err := DecodeResult([]byte(`{"v":2,"scan":"s1"}`)); !errors.Is(err, ErrVersion) {
		t.Errorf("result version 2: err %v, want ErrVersion", err)
	}
	if _, err := DecodeTask([]byte(`{"v":1,"scan":"s","id":"1","path":"p"}`)); err == nil {
		t.Error("a task with neither file nor s3 decoded")
	}
	other := tk
	other.Chunks = []Chunk{{G: 0, C: 2}}
	if other.Sum() == sum {
		t.Error("tasks with other chunks have the same Sum")
	}
}

// Only the first result of a task of this scan, for this task content,
// counts: duplicates (a task redone after a worker died before its
// commit), other scans' results and stale results are ignored.
func TestCollectorIgnoresDuplicatesAndStrangers(t *testing.T) {
	ts := tasks("s1", 3)
	c := NewCollector("s1", ts)
	res := func(id string, bytes int64) Result {
		for i := range ts {
			if ts[i].ID == id {
				return Result{Scan: "s1", Task: id, Sum: ts[i].Sum(), Bytes: bytes}
			}
		}
		return Result{Scan: "s1", Task: id}
	}
	if !c.Add(res("a", 1)) {
		t.Fatal("first result rejected")
	}
	if c.Add(res("a", 2)) {
		t.Error("duplicate accepted")
	}
	if r, _ := c.Result("a"); r.Bytes != 1 {
		t.Errorf("duplicate replaced the first result: %+v", r)
	}
	stale := res("b", 1)
	stale.Sum = "0000"
	other := res("b", 1)
	other.Scan = "s2"
	for _, r := range []Result{stale, other, res("zz", 1)} {
		if c.Add(r) {
			t.Errorf("accepted %+v", r)
		}
	}
	if c.Done() || strings.Join(c.Missing(), ",") != "b,c" {
		t.Errorf("done %v missing %v", c.Done(), c.Missing())
	}
	err := c.MissingError(1, func(id string) string { return "obj-" + id })
	if err == nil || !strings.Contains(err.Error(), "2 of 3 tasks") || !strings.Contains(err.Error(), "b (obj-b)") || !strings.Contains(err.Error(), "and 1 more") {
		t.Errorf("MissingError = %v", err)
	}
	c.Add(res("b", 1))
	c.Add(res("c", 1))
	if !c.Done() || c.MissingError(5, nil) != nil {
		t.Errorf("not done after every result: %v", c.Missing())
	}
}

// TestDependencyDirection: scandist is wire format and bookkeeping only:
// no Kafka or S3 client, no classifier, no pipeline.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not available")
	}
	out, err := exec.Command("go", "list", "-e", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	const mod = "github.com/weir-dev/weir/"
	for _, d := range strings.Fields(string(out)) {
		if strings.Contains(d, "franz-go") || strings.Contains(d, "minio") || strings.HasPrefix(d, mod+"classifiers") ||
			strings.HasPrefix(d, mod+"pipeline") || strings.HasPrefix(d, mod+"cmd") || strings.HasPrefix(d, mod+"sources/kafka") ||
			strings.HasPrefix(d, mod+"sources/s3") {
			t.Errorf("internal/scandist depends on %s", d)
		}
	}
}
