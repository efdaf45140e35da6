package pipeline

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
)

// item is one input record in flight.
type item struct {
	rec  kafka.Record
	slot *slot // nil in exactly-once mode
	res  Result
}

// batch is the records of one poll round, classified in parallel and
// emitted in order, so per-partition order holds end to end.
type batch struct {
	items []*item
	bytes int
	wg    sync.WaitGroup
	// closed is when polling for the batch ended; left counts its items
	// not yet completed (at-least-once), for the batch latency metric.
	closed time.Time
	left   atomic.Int32
}

type chunk struct {
	items []*item
	b     *batch
}

// pool classifies chunks of a batch on Workers goroutines.
type pool struct {
	work chan chunk
	wg   sync.WaitGroup
}

func startPool(n int, proc *Processor) *pool {
	p := &pool{work: make(chan chunk)}
	p.wg.Add(n)
	for range n {
		go func() {
			defer p.wg.Done()
			for c := range p.work {
				for _, it := range c.items {
					it.res = proc.Process(it.rec)
				}
				c.b.wg.Done()
			}
		}()
	}
	return p
}

// submit hands b's records to the workers, in chunks so that each worker
// gets a share; b.wg is done when all are classified.
func (p *pool) submit(b *batch, workers int) {
	size := max(1, min(64, (len(b.items)+2*workers-1)/(2*workers)))
	n := (len(b.items) + size - 1) / size
	b.wg.Add(n)
	for i := 0; i < len(b.items); i += size {
		p.work <- chunk{items: b.items[i:min(i+size, len(b.items))], b: b}
	}
}

func (p *pool) stop() {
	close(p.work)
	p.wg.Wait()
}
