package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/weir-dev/weir/pipeline"
	"github.com/weir-dev/weir/sources/kafka"
)

func TestNewLogger(t *testing.T) {
	var b bytes.Buffer
	log, err := newLogger(&b, "json", "warn")
	if err != nil {
		t.Fatal(err)
	}
	log.Info("hidden")
	log.Warn("shown", "records", 3)
	var rec map[string]any
	if err := json.Unmarshal(b.Bytes(), &rec); err != nil {
		t.Fatalf("%v: %q", err, b.String())
	}
	if rec["msg"] != "shown" || rec["level"] != "WARN" || rec["records"] != 3.0 || rec["time"] == nil {
		t.Errorf("record %v", rec)
	}
	for _, bad := range [][2]string{{"xml", "info"}, {"json", "loud"}} {
		if _, err := newLogger(nil, bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

// plantedBroker starts an embedded broker whose ingest topic holds the
// planted values in text, JSON and malformed records; it returns the
// connection and the record count.
func plantedBroker(t *testing.T) (kafka.Conn, int) {
	t.Helper()
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{Partitions: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.Close)
	conn := kafka.Conn{Brokers: b.Addrs()}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := kafka.CreateTopics(ctx, conn, 2, append([]string{"ingest"}, pipeline.DefaultTopics().All()...)...); err != nil {
		t.Fatal(err)
	}
	p, err := kafka.NewProducer(conn, kafka.ProducerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var values []string
	for _, v := range planted {
		j, _ := json.Marshal(map[string]string{"note": "value " + v})
		values = append(values, "text with "+v, string(j), `{"broken": "`+v, "bad utf-8 \xff "+v)
	}
	for i, v := range values {
		p.Produce(ctx, kafka.Message{Topic: "ingest", Key: []byte(strconv.Itoa(i)), Value: []byte(v)}, func(err error) {
			if err != nil {
				t.Errorf("produce: %v", err)
			}
		})
	}
	if err := p.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	return conn, len(values)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

var jsonStatusRE = regexp.MustCompile(`"msg":"(\d+) records`)

// weir run with log.format json (from --config) writes one JSON object per line, and no
// log line holds a raw value from the records it processed (clean,
// quarantined or dead-lettered); /metrics, /healthz and /readyz answer
// while it runs, and SIGTERM stops it with exit status 0.
func TestRunJSONLogsNoRawValues(t *testing.T) {
	bin := weirBinary(t)
	conn, n := plantedBroker(t)
	addr := freeAddr(t)
	// Settings from a config file, the rest from startWeir's flags.
	cfgPath := filepath.Join(t.TempDir(), "weir.yaml")
	cfgYAML := "log: {format: json, level: debug}\npolicy:\n  quarantine_types: [SECRET]\nhttp_addr: \"" + addr + "\"\n"
	if err := os.WriteFile(cfgPath, []byte(cfgYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, stderr := startWeir(t, bin, conn, "--config", cfgPath)
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		m := jsonStatusRE.FindAllStringSubmatch(stderr.String(), -1)
		if len(m) > 0 && m[len(m)-1][1] == strconv.Itoa(n) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, body := get(t, "http://"+addr+"/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz %d %q", code, body)
	}
	if code, _ := get(t, "http://"+addr+"/readyz"); code != 200 {
		t.Errorf("/readyz %d", code)
	}
	code, metrics := get(t, "http://"+addr+"/metrics")
	for _, want := range []string{"weir_records_total{route=\"dlq\"} " + strconv.Itoa(n/4), `weir_consumer_lag{topic="ingest",partition="0"} 0`,
		`weir_batch_latency_seconds_bucket{le="+Inf"} `, "weir_batch_latency_seconds_count ", `weir_findings_total{type="EMAIL_ADDRESS"}`} {
		if code != 200 || !strings.Contains(metrics, want) {
			t.Errorf("/metrics (%d) lacks %q:\n%s", code, want, metrics)
		}
	}
	if m := regexp.MustCompile(`weir_records_total\{route="quarantine"\} (\d+)`).FindStringSubmatch(metrics); m == nil || m[1] == "0" {
		t.Errorf("nothing quarantined: policy.quarantine_types from the file not applied (%v)", m)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("weir run after SIGTERM: %v", err)
	}
	logs := stderr.String()
	if !strings.Contains(logs, `"msg":"`+strconv.Itoa(n)+` records`) {
		t.Fatalf("never completed %d records:\n%s", n, tail(logs, 2048))
	}
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Errorf("not a JSON log line: %q", l)
			continue
		}
		if rec["time"] == nil || rec["level"] == nil || rec["msg"] == nil {
			t.Errorf("log line lacks time/level/msg: %q", l)
		}
	}
	if !strings.Contains(logs, `"msg":"weir run stopped"`) {
		t.Error("no stop message")
	}
	assertNoPlanted(t, "weir run logs", logs)
	assertNoPlanted(t, "/metrics", metrics)
	t.Logf("%d log lines, %d records", len(lines), n)
}
