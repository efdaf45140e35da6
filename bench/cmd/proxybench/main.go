// Command proxybench measures the overhead of weir's vector-DB proxy
// (sources/vectordb, what `weir proxy` serves) on Qdrant-shaped upserts of
// -points points with -payload bytes of text each (the bench corpus: mixed
// content families with sensitive values) and -dims-dimensional vectors.
// In one run, over real HTTP on TCP loopback:
//
//   - an upstream stand-in (reads the body, answers like Qdrant) is called
//     directly, through the proxy in observe mode, and through the proxy in
//     enforce mode (redacting with the type operator);
//   - latency: sequential upserts on one keep-alive connection, the three
//     targets taking turns in blocks of 20 so they share conditions (the
//     observe proxy's background inspections drain after each block):
//     p50/p99, and the proxy's added p50/p99 (proxy minus direct);
//   - throughput: closed loop on -conc connections for -seconds per
//     target: maximum upserts/s, and the ratio proxy/direct.
//
// Capture events go to an embedded kfake broker through the franz-go
// producer (-events kfake, as `weir proxy --embedded`), or nowhere
// (-events none). The proxy, the broker, the upstream and the load
// generator share the machine's cores.
//
// bench/run proxy runs it; the last line is key=value pairs (DESIGN.md,
// Benchmarks).
//
//	go run ./bench/cmd/proxybench [-quick] [-requests N] [-seconds S] [-conc N] [-events kfake|none]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/weir-dev/weir/bench/internal/corpus"
	"github.com/weir-dev/weir/classifiers"
	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/vectordb"
)

type options struct {
	quick                 bool
	requests, conc        int
	seconds               float64
	points, payload, dims int
	bodies                int
	events                string
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("proxybench: ")
	var o options
	flag.BoolVar(&o.quick, "quick", false, "short run (smoke check)")
	flag.IntVar(&o.requests, "requests", 400, "sequential upserts per target for latency")
	flag.Float64Var(&o.seconds, "seconds", 5, "closed-loop seconds per target for throughput")
	flag.IntVar(&o.conc, "conc", 4, "connections of the throughput loop")
	flag.IntVar(&o.points, "points", 100, "points per upsert")
	flag.IntVar(&o.payload, "payload", 1024, "text bytes per point")
	flag.IntVar(&o.dims, "dims", 384, "vector dimensions")
	flag.IntVar(&o.bodies, "bodies", 16, "distinct upsert bodies cycled through")
	flag.StringVar(&o.events, "events", "kfake", "where capture events go: kfake (embedded broker) or none")
	flag.Parse()
	if o.quick {
		o.requests, o.seconds = 120, 1.5
	}
	if err := run(o); err != nil {
		log.Fatal(err)
	}
}

// kafkaEvents publishes with the franz-go producer, as weir proxy does.
type kafkaEvents struct{ p *kafka.Producer }

func (k kafkaEvents) Publish(ctx context.Context, topic string, key, value []byte, done func(error)) {
	k.p.Produce(ctx, kafka.Message{Topic: topic, Key: key, Value: value}, done)
}

func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() { _ = srv.Close() }, nil
}

func makeBodies(o options) [][]byte {
	g := corpus.New(7, corpus.Realistic)
	out := make([][]byte, o.bodies)
	id := 0
	for b := range out {
		var buf bytes.Buffer
		buf.WriteString(`{"points":[`)
		for p := range o.points {
			if p > 0 {
				buf.WriteByte(',')
			}
			text, _ := json.Marshal(string(g.Mixed(o.payload)))
			fmt.Fprintf(&buf, `{"id":%d,"vector":[`, id)
			for d := range o.dims {
				if d > 0 {
					buf.WriteByte(',')
				}
				buf.WriteString(strconv.FormatFloat(float64((id*31+d*17)%2000-1000)/1000, 'f', 6, 64))
			}
			fmt.Fprintf(&buf, `],"payload":{"page_content":%s,"metadata":{"source":"s3://kb/doc-%d.pdf","page":%d}}}`, text, id/10, p)
			id++
		}
		buf.WriteString(`]}`)
		out[b] = buf.Bytes()
	}
	return out
}

type target struct {
	name, url string
}

func upsert(cl *http.Client, base string, body []byte) error {
	req, err := http.NewRequest(http.MethodPut, base+"/collections/bench/points?wait=true", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := cl.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func pct(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(p * float64(len(s)-1))
	return s[i]
}

func run(o options) error {
	eng, err := classifiers.New(classifiers.All(), classifiers.Config{FingerprintKey: []byte("proxybench-fingerprint-key")})
	if err != nil {
		return err
	}
	bodies := makeBodies(o)
	upstreamURL, stopUp, err := serve(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"result":{"operation_id":1,"status":"acknowledged"},"status":"ok","time":0.0001}`)
	}))
	if err != nil {
		return err
	}
	defer stopUp()
	var pub vectordb.Publisher
	if o.events == "kfake" {
		b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 1})
		if err != nil {
			return err
		}
		defer b.Close()
		conn := kafka.Conn{Brokers: b.Addrs()}
		if err := kafka.CreateTopics(context.Background(), conn, 1, vectordb.DefaultCaptureTopic, vectordb.DefaultLineageTopic); err != nil {
			return err
		}
		prod, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
		if err != nil {
			return err
		}
		defer prod.Close()
		pub = kafkaEvents{prod}
	} else if o.events != "none" {
		return fmt.Errorf("-events: want kfake or none")
	}
	up, _ := url.Parse(upstreamURL)
	targets := []target{{"direct", upstreamURL}}
	var proxies []*vectordb.Proxy
	for _, mode := range []vectordb.Mode{vectordb.ModeObserve, vectordb.ModeEnforce} {
		in, err := vectordb.NewInspector(eng, vectordb.Rules{Default: vectordb.Rule{Mode: mode}}, nil, 0)
		if err != nil {
			return err
		}
		p, err := vectordb.New(vectordb.Config{Upstream: up, Kind: vectordb.KindQdrant, Inspector: in, Publisher: pub})
		if err != nil {
			return err
		}
		proxies = append(proxies, p)
		u, stop, err := serve(p)
		if err != nil {
			return err
		}
		defer stop()
		targets = append(targets, target{string(mode), u})
	}
	client := func() *http.Client {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 64
		tr.DisableCompression = true
		return &http.Client{Transport: tr, Timeout: 60 * time.Second}
	}
	// Warm up (connections, engine, broker) and check enforce redacts.
	cl := client()
	for i := range 20 {
		for _, t := range targets {
			if err := upsert(cl, t.url, bodies[i%len(bodies)]); err != nil {
				return fmt.Errorf("%s: %w", t.name, err)
			}
		}
	}
	bodyKB := float64(len(bodies[0])) / 1024
	log.Printf("%d points x %d B text, %d dims: %.0f KiB per upsert; %d cores; events: %s", o.points, o.payload, o.dims, bodyKB, runtime.GOMAXPROCS(0), o.events)

	// Latency: sequential, in blocks of 20 per target taking turns; after
	// each block the observe proxy's background inspections drain, so one
	// target's work does not land in another's numbers.
	lat := make([][]float64, len(targets))
	const block = 20
	for i := 0; i < o.requests; i += block {
		for ti, t := range targets {
			for j := i; j < min(i+block, o.requests); j++ {
				start := time.Now()
				if err := upsert(cl, t.url, bodies[j%len(bodies)]); err != nil {
					return fmt.Errorf("%s: %w", t.name, err)
				}
				lat[ti] = append(lat[ti], float64(time.Since(start).Microseconds())/1000)
			}
			if ti > 0 {
				for _, p := range proxies {
					p.WaitIdle()
				}
			}
		}
	}
	time.Sleep(500 * time.Millisecond) // background inspections (observe) drain
	p50, p99 := make([]float64, len(targets)), make([]float64, len(targets))
	for ti, t := range targets {
		p50[ti], p99[ti] = pct(lat[ti], 0.5), pct(lat[ti], 0.99)
		log.Printf("latency %-8s p50 %.2f ms  p99 %.2f ms  (%d sequential upserts)", t.name, p50[ti], p99[ti], len(lat[ti]))
	}

	// Throughput: closed loop.
	ups := make([]float64, len(targets))
	for ti, t := range targets {
		var n atomic.Int64
		var failed atomic.Value
		deadline := time.Now().Add(time.Duration(o.seconds * float64(time.Second)))
		var wg sync.WaitGroup
		start := time.Now()
		for w := range o.conc {
			wg.Go(func() {
				c := client()
				for i := w; time.Now().Before(deadline); i += o.conc {
					if err := upsert(c, t.url, bodies[i%len(bodies)]); err != nil {
						failed.Store(err)
						return
					}
					n.Add(1)
				}
			})
		}
		wg.Wait()
		if err, _ := failed.Load().(error); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		ups[ti] = float64(n.Load()) / time.Since(start).Seconds()
		log.Printf("throughput %-8s %.0f upserts/s (%d connections, %.1fs)", t.name, ups[ti], o.conc, o.seconds)
		time.Sleep(300 * time.Millisecond) // background inspections of observe drain
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	added := func(i int) (string, string) { return f(p50[i] - p50[0]), f(p99[i] - p99[0]) }
	oa50, oa99 := added(1)
	ea50, ea99 := added(2)
	pass := "yes"
	if p99[1]-p99[0] >= 5 || p99[2]-p99[0] >= 5 {
		pass = "no"
	}
	line := []string{"bench=proxy", "points=" + strconv.Itoa(o.points), "payload_bytes=" + strconv.Itoa(o.payload),
		"dims=" + strconv.Itoa(o.dims), "body_kib=" + f(bodyKB), "cores=" + strconv.Itoa(runtime.GOMAXPROCS(0)), "events=" + o.events,
		"direct_p50_ms=" + f(p50[0]), "direct_p99_ms=" + f(p99[0]),
		"observe_p50_ms=" + f(p50[1]), "observe_p99_ms=" + f(p99[1]), "observe_added_p50_ms=" + oa50, "observe_added_p99_ms=" + oa99,
		"enforce_p50_ms=" + f(p50[2]), "enforce_p99_ms=" + f(p99[2]), "enforce_added_p50_ms=" + ea50, "enforce_added_p99_ms=" + ea99,
		"direct_ups=" + f(ups[0]), "observe_ups=" + f(ups[1]), "enforce_ups=" + f(ups[2]),
		"observe_ratio=" + f(ups[1]/ups[0]), "enforce_ratio=" + f(ups[2]/ups[0]), "target_added_p99_ms=5", "pass=" + pass}
	fmt.Println(strings.Join(line, " "))
	for _, p := range proxies {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_ = p.Close(ctx)
		cancel()
	}
	return nil
}
