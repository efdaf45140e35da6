package scandist

import (
	"fmt"
	"strings"
)

// Collector gathers the results of one scan: the first result of each of
// its tasks counts, every other result is ignored.
type Collector struct {
	scan string
	ids  []string
	sums map[string]string // task id -> Sum
	got  map[string]Result
}

// NewCollector waits for results to tasks (all of one scan).
func NewCollector(scan string, tasks []Task) *Collector {
	c := &Collector{scan: scan, sums: make(map[string]string, len(tasks)), got: make(map[string]Result, len(tasks))}
	for i := range tasks {
		c.ids = append(c.ids, tasks[i].ID)
		c.sums[tasks[i].ID] = tasks[i].Sum()
	}
	return c
}

// Add records r and reports whether it was new: a result of another scan,
// of an unknown task, for other task content (Sum) or a duplicate is not.
func (c *Collector) Add(r Result) bool {
	sum, ok := c.sums[r.Task]
	if r.Scan != c.scan || !ok || r.Sum != sum {
		return false
	}
	if _, dup := c.got[r.Task]; dup {
		return false
	}
	c.got[r.Task] = r
	return true
}

// Has reports whether task id has a result.
func (c *Collector) Has(id string) bool { _, ok := c.got[id]; return ok }

// Result returns the result of task id.
func (c *Collector) Result(id string) (Result, bool) { r, ok := c.got[id]; return r, ok }

// Done reports whether every task has a result.
func (c *Collector) Done() bool { return len(c.got) == len(c.ids) }

// Progress returns how many tasks have a result, of how many.
func (c *Collector) Progress() (done, of int) { return len(c.got), len(c.ids) }

// Missing lists the tasks without a result, in task order.
func (c *Collector) Missing() []string {
	var out []string
	for _, id := range c.ids {
		if _, ok := c.got[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

// MissingError describes the tasks still missing, naming at most the
// first max of them.
func (c *Collector) MissingError(max int, name func(id string) string) error {
	miss := c.Missing()
	if len(miss) == 0 {
		return nil
	}
	var b strings.Builder
	for i, id := range miss {
		if i == max {
			fmt.Fprintf(&b, "; and %d more", len(miss)-max)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(id)
		if name != nil {
			b.WriteString(" (" + name(id) + ")")
		}
	}
	return fmt.Errorf("scan %s: %d of %d tasks have no result: %s", c.scan, len(miss), len(c.ids), b.String())
}
