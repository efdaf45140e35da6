package kafka

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// idleEnd is how long ReadTopic waits for more records before it decides it
// has read everything (when not following).
const idleEnd = 1500 * time.Millisecond

// ReadTopic reads topic from the start (no consumer group) and calls fn for
// every record until fn returns an error, max records were read (max > 0),
// or the end of every partition as of the call is reached (when follow is
// false; with follow it waits for more until ctx is done). readCommitted
// skips aborted transactional records. It returns fn's error, if any.
func ReadTopic(ctx context.Context, conn Conn, topic string, readCommitted, follow bool, max int, fn func(Record) error) error {
	o, err := conn.opts()
	if err != nil {
		return err
	}
	o = append(o, kgo.ConsumeTopics(topic), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if readCommitted {
		o = append(o, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	cl, err := kgo.NewClient(o...)
	if err != nil {
		return fmt.Errorf("kafka: reader: %w", err)
	}
	defer cl.Close()
	// Where to stop: the end (last stable offset for read_committed) now.
	end := map[int32]int64{}
	if !follow {
		adm := kadm.NewClient(cl)
		var offs kadm.ListedOffsets
		if readCommitted {
			offs, err = adm.ListCommittedOffsets(ctx, topic)
		} else {
			offs, err = adm.ListEndOffsets(ctx, topic)
		}
		if err != nil {
			return fmt.Errorf("kafka: end offsets of %s: %w", topic, err)
		}
		if e := offs.Error(); e != nil {
			return fmt.Errorf("kafka: end offsets of %s: %w", topic, e)
		}
		offs.Each(func(lo kadm.ListedOffset) {
			if lo.Offset > 0 {
				end[lo.Partition] = lo.Offset
			}
		})
		if len(end) == 0 {
			return nil
		}
	}
	n := 0
	for {
		pctx, cancel := ctx, context.CancelFunc(func() {})
		if !follow {
			// Transaction markers take offsets no record shows, so the
			// end of a read_committed partition may never be "reached":
			// a quiet second also ends the read.
			pctx, cancel = context.WithTimeout(ctx, idleEnd)
		}
		fs := cl.PollFetches(pctx)
		cancel()
		if err := ctx.Err(); err != nil {
			return err
		}
		if pctx.Err() != nil && fs.NumRecords() == 0 {
			return nil
		}
		var stop error
		fs.EachError(func(t string, p int32, err error) {
			if stop == nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
				stop = fmt.Errorf("kafka: fetch %s/%d: %w", t, p, err)
			}
		})
		if stop != nil {
			return stop
		}
		var ferr error
		fs.EachRecord(func(r *kgo.Record) {
			if ferr != nil || (max > 0 && n >= max) {
				return
			}
			n++
			ferr = fn(toRecord(r))
		})
		if ferr != nil {
			return ferr
		}
		if max > 0 && n >= max {
			return nil
		}
		if !follow {
			// Records past the snapshot of end offsets are delivered but
			// not waited for; a partition is done once its position
			// passes its end.
			fs.EachPartition(func(p kgo.FetchTopicPartition) {
				if len(p.Records) > 0 {
					if last := p.Records[len(p.Records)-1].Offset; last+1 >= end[p.Partition] {
						delete(end, p.Partition)
					}
				}
			})
			if len(end) == 0 {
				return nil
			}
		}
	}
}
