package pipeline

import (
	"context"
	"sync"
)

// budget bounds the bytes of input records in flight (polled, not yet
// acknowledged by every output). The poller waits below the limit before
// it polls again, so a slow broker or sink stops fetching instead of
// growing memory. One poll may overshoot by at most one poll's worth.
type budget struct {
	mu     sync.Mutex
	used   int64
	peak   int64
	limit  int64
	signal chan struct{}
}

func newBudget(limit int64) *budget {
	return &budget{limit: limit, signal: make(chan struct{}, 1)}
}

func (b *budget) add(n int64) {
	b.mu.Lock()
	b.used += n
	b.peak = max(b.peak, b.used)
	b.mu.Unlock()
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.used -= n
	below := b.used < b.limit
	b.mu.Unlock()
	if below {
		select {
		case b.signal <- struct{}{}:
		default:
		}
	}
}

// waitBelow returns once fewer than limit bytes are in flight, or ctx's error.
func (b *budget) waitBelow(ctx context.Context) error {
	for {
		b.mu.Lock()
		ok := b.used < b.limit
		b.mu.Unlock()
		if ok {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-b.signal:
		}
	}
}

func (b *budget) inUse() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.used
}

func (b *budget) maxUsed() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}
