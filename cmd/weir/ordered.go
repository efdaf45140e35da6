package main

import (
	"sync"
)

// orderedMap applies fn to the items produced by next on up to workers
// goroutines and passes the results to emit in input order.
//
// Memory is bounded: at most maxItems items, holding at most maxBytes bytes
// (by the size next reports), are in flight between next and emit (one item
// is always admitted, whatever its size). Backpressure comes from this
// budget: next is not called while it is exhausted.
//
// next returns ok=false at the end of input; an error from next ends the
// input after the items already read are emitted and is returned. An error
// from emit stops everything and is returned; fn cannot fail (a per-item
// failure belongs in Out, so one bad item never fails its neighbours).
func orderedMap[In, Out any](workers, maxItems int, maxBytes int64,
	next func() (in In, size int64, ok bool, err error),
	fn func(In) Out,
	emit func(Out) error,
) error {
	if workers < 1 {
		workers = 1
	}
	if maxItems < workers {
		maxItems = workers
	}
	type job struct {
		seq  int
		size int64
		in   In
	}
	type result struct {
		seq  int
		size int64
		out  Out
	}
	b := newBudget(maxItems, maxBytes)
	jobs := make(chan job)
	results := make(chan result, workers)
	var readErr error

	go func() { // producer
		defer close(jobs)
		for seq := 0; ; seq++ {
			in, size, ok, err := next()
			if err != nil {
				readErr = err
				return
			}
			if !ok || !b.acquire(size) {
				return
			}
			jobs <- job{seq, size, in}
		}
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- result{j.seq, j.size, fn(j.in)}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	pending := make(map[int]result, maxItems)
	want := 0
	var emitErr error
	for r := range results {
		pending[r.seq] = r
		for {
			p, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			if emitErr == nil {
				if emitErr = emit(p.out); emitErr != nil {
					b.cancel() // stop the producer; keep draining so workers exit
				}
			}
			b.release(p.size)
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return readErr // written before jobs closed, read after results closed
}

// budget bounds the items and bytes in flight.
type budget struct {
	mu       sync.Mutex
	cond     sync.Cond
	items    int
	bytes    int64
	maxItems int
	maxBytes int64
	canceled bool
}

func newBudget(maxItems int, maxBytes int64) *budget {
	b := &budget{maxItems: maxItems, maxBytes: maxBytes}
	b.cond.L = &b.mu
	return b
}

// acquire waits until n bytes fit and reports false once canceled.
func (b *budget) acquire(n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.canceled && b.items > 0 && (b.items >= b.maxItems || b.bytes+n > b.maxBytes) {
		b.cond.Wait()
	}
	if b.canceled {
		return false
	}
	b.items++
	b.bytes += n
	return true
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.items--
	b.bytes -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) cancel() {
	b.mu.Lock()
	b.canceled = true
	b.mu.Unlock()
	b.cond.Broadcast()
}
