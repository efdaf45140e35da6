package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/sources/kafka"
	"github.com/weir-dev/weir/sources/vectordb"
)

// weir proxy end to end: a rules file, a recording upstream, events on a
// kfake broker, metrics on the ops address.
func TestProxyCommand(t *testing.T) {
	var mu sync.Mutex
	var got []byte
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = b
		mu.Unlock()
		_, _ = io.WriteString(w, `{"result":{"status":"acknowledged"}}`)
	}))
	defer up.Close()
	b, err := kafka.StartEmbedded(kafka.EmbeddedConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rules := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(rules, []byte("default: {mode: observe}\ncollections:\n  hr: {mode: enforce, block: [SECRET]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan proxyAddrs, 1)
	done := make(chan int, 1)
	var stderr bytes.Buffer
	var stderrMu sync.Mutex
	go func() {
		done <- proxy(ctx, []string{"--addr", "127.0.0.1:0", "--http-addr", "127.0.0.1:0", "--upstream", up.URL,
			"--rules", rules, "--brokers", strings.Join(b.Addrs(), ",")},
			stdio{in: strings.NewReader(""), out: io.Discard, err: &lockedWriter{w: &stderr, mu: &stderrMu}}, func(string) string { return "" },
			func(a proxyAddrs) { addrc <- a })
	}()
	var addrs proxyAddrs
	select {
	case addrs = <-addrc:
	case code := <-done:
		t.Fatalf("proxy exited %d", code)
	case <-time.After(30 * time.Second):
		t.Fatal("proxy did not start")
	}
	base := "http://" + addrs.proxy.String()
	body := `{"points":[{"id":1,"vector":[0.10,2e-3],"payload":{"page_content":"write to jane.doe@acme-corp.io","metadata":{"source":"hr/handbook.pdf"}}}]}`
	put := func(path, body string) (int, string) {
		req, _ := http.NewRequest("PUT", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		rb, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(rb)
	}
	if code, rb := put("/collections/hr/points", body); code != 200 || !strings.Contains(rb, "acknowledged") {
		t.Fatalf("enforce upsert: %d %s", code, rb)
	}
	mu.Lock()
	fwd := string(got)
	mu.Unlock()
	if strings.Contains(fwd, "jane.doe") || !strings.Contains(fwd, "<EMAIL_ADDRESS>") || !strings.Contains(fwd, `"vector":[0.10,2e-3]`) {
		t.Errorf("forwarded %s", fwd)
	}
	if code, rb := put("/collections/hr/points", strings.Replace(body, "jane.doe@acme-corp.io", "AKIAQYLPMN5HFIQR7XYZ", 1)); code != 403 || !strings.Contains(rb, `"blocked"`) {
		t.Errorf("blocked upsert: %d %s", code, rb)
	}
	if code, _ := put("/collections/wiki/points", body); code != 200 {
		t.Errorf("observe upsert: %d", code)
	}
	resp, err := http.Get("http://" + addrs.ops.String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	m, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`weir_proxy_requests_total{kind="qdrant",operation="upsert",action="blocked"} 1`,
		`weir_proxy_requests_total{kind="qdrant",operation="upsert",action="redacted"} 1`, `weir_proxy_findings_total{type="EMAIL_ADDRESS"}`} {
		if !strings.Contains(string(m), want) {
			t.Errorf("metrics lack %s:\n%s", want, m)
		}
	}
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// Every event was flushed before exit.
	rctx, rcancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer rcancel()
	actions := map[string]int{}
	err = kafka.ReadTopic(rctx, kafka.Conn{Brokers: b.Addrs()}, vectordb.DefaultCaptureTopic, false, false, 0, func(r kafka.Record) error {
		if bytes.Contains(r.Value, []byte("jane.doe")) || bytes.Contains(r.Value, []byte("AKIAQYLPMN5HFIQR7XYZ")) {
			t.Error("event leaks a planted value")
		}
		var ev vectordb.CaptureEvent
		if err := json.Unmarshal(r.Value, &ev); err != nil {
			return err
		}
		actions[ev.Collection+"/"+ev.Action]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if actions["hr/redacted"] != 1 || actions["hr/blocked"] != 1 || actions["wiki/forwarded"] != 1 {
		t.Errorf("events %v", actions)
	}
	if strings.Contains(stderr.String(), "jane.doe") {
		t.Error("log leaks a planted value")
	}
}

func TestProxyCommandFlagErrors(t *testing.T) {
	rules := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(rules, []byte("default: {mode: block}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--no-events"}, "--upstream must be"},
		{[]string{"--upstream", "ftp://x", "--no-events"}, "--upstream must be"},
		{[]string{"--upstream", "http://u:p@x", "--no-events"}, "credentials"},
		{[]string{"--upstream", "http://x"}, "--brokers is required"},
		{[]string{"--upstream", "http://x", "--embedded", "--brokers", "a:1"}, "exclude"},
		{[]string{"--upstream", "http://x", "--no-events", "--kind", "milvus"}, "unknown kind"},
		{[]string{"--upstream", "http://x", "--no-events", "--rules", rules}, "mode"},
		{[]string{"--upstream", "http://x", "--no-events", "--mode", "sometimes"}, "mode"},
		{[]string{"--upstream", "http://x", "--no-events", "extra"}, "unexpected argument"},
	}
	for _, c := range cases {
		_, stderr, code := cli(t, "", nil, append([]string{"proxy"}, c.args...)...)
		if code != exitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q (want %q)", c.args, code, stderr, c.want)
		}
	}
}
