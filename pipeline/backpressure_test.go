package pipeline

import (
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// A slow sink (every produce request held 20 ms by the broker) with a large
// backlog: the in-flight byte budget holds, so weir's memory does not grow
// with the backlog. (The broker shares this process, so the process heap
// also holds its copy of every record; the binary's RSS is measured in
// cmd/weir's TestRunRSSBounded.)
func TestBackpressureBudget(t *testing.T) {
	const n, size = 400, 64 << 10
	e, conn := broker(t, 4, "ingest")
	// Producer batches of at most 1 MiB (Kafka's default): a fetch returns
	// whole batches, so the batch size bounds one poll's overshoot.
	cl := client(t, conn, kgo.ProducerBatchMaxBytes(1<<20))
	val := make([]byte, size)
	for i := range val {
		val[i] = 'a' + byte(i%26)
	}
	recs := make([]*kgo.Record, n)
	for i := range recs {
		recs[i] = &kgo.Record{Topic: "ingest", Key: []byte(strconv.Itoa(i)), Value: val}
	}
	produce(t, cl, recs...)
	c := e.Cluster()
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.SleepControl(func() { time.Sleep(20 * time.Millisecond) })
		return nil, nil, false
	})
	var st Stats
	const limit, batchBytes, fetch = 1 << 20, 256 << 10, 1 << 20
	h := startRun(t, Config{Conn: conn, Group: "g", Topics: []string{"ingest"}, MaxInflightBytes: limit,
		BatchBytes: batchBytes, FetchMaxBytes: fetch, Stats: &st}, testProcessor(t))
	var ms runtime.MemStats
	waitFor(t, "all records", func() bool { return st.Records.Load() >= n })
	runtime.ReadMemStats(&ms)
	if err := h.stop(); err != nil {
		t.Fatal(err)
	}
	peak := st.InflightPeak.Load()
	t.Logf("in-flight peak %d bytes (limit %d), input %d bytes, heap in use %d MB (broker included)", peak, limit, n*size, ms.HeapInuse>>20)
	// One poll may overshoot the limit by at most a batch and a fetch.
	if peak > limit+batchBytes+fetch+size {
		t.Errorf("in-flight peak %d exceeds the budget %d + batch %d + fetch %d", peak, limit, batchBytes, fetch)
	}
}
