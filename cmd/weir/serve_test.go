package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/weir-dev/weir/server"
)

type serveLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *serveLog) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *serveLog) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeCommand runs weir serve on loopback with credentials from the
// environment: a tokenize -> detokenize round trip over HTTP, scopes, a
// clean shutdown, and no key, key hash or token key in its output.
func TestServeCommand(t *testing.T) {
	const redactKey, detokKey = "serve-test-redact-key", "serve-test-detok-key"
	tokenKey := "k1:" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32))
	env := map[string]string{
		envAPIKeys:    "r:redact:" + server.HashKey(redactKey) + ";d:detokenize:" + server.HashKey(detokKey),
		envTokenKeys:  tokenKey,
		"WEIR_UNUSED": "",
	}
	logs := &serveLog{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan net.Addr, 1)
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, []string{"--addr", "127.0.0.1:0", "--rate-limit", "100", "--max-inflight", "8"},
			stdio{in: strings.NewReader(""), out: io.Discard, err: logs},
			func(k string) string { return env[k] }, func(a net.Addr) { addrc <- a })
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a.String()
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, logs.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	post := func(path, key, body string) (int, []byte) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	const text = "Contact jane.doe@acme-corp.io today"
	code, body := post("/v1/redact", redactKey, `{"text":"`+text+`","operator":"tokenize"}`)
	if code != 200 {
		t.Fatalf("redact: %d %s", code, body)
	}
	var red server.Response
	if err := json.Unmarshal(body, &red); err != nil || red.Text == nil || strings.Contains(*red.Text, "jane.doe") {
		t.Fatalf("redact: %s", body)
	}
	tokenized, _ := json.Marshal(map[string]string{"text": *red.Text})
	if code, _ := post("/v1/detokenize", redactKey, string(tokenized)); code != 403 {
		t.Errorf("redact key detokenized: %d", code)
	}
	code, body = post("/v1/detokenize", detokKey, string(tokenized))
	var back server.DetokenizeResponse
	if err := json.Unmarshal(body, &back); code != 200 || err != nil || back.Text == nil || *back.Text != text {
		t.Errorf("detokenize: %d %s", code, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d: %s", code, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	out := logs.String()
	if !strings.Contains(out, "listening on http://127.0.0.1:") || !strings.Contains(out, `"key_id":"d"`) {
		t.Errorf("serve output: %s", out)
	}
	for _, s := range []string{redactKey, detokKey, server.HashKey(redactKey), tokenKey[3:], "jane.doe"} {
		if strings.Contains(out, s) {
			t.Errorf("serve output holds %q", s)
		}
	}
}

func TestServeConfigErrors(t *testing.T) {
	keys := "r:redact:" + server.HashKey("x")
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no keys", nil, nil, "no API keys"},
		{"both key sources", map[string]string{envAPIKeys: keys, envAPIKeysFile: "/nonexistent"}, nil, "not both"},
		{"bad keys", map[string]string{envAPIKeys: "r:root:" + server.HashKey("x")}, nil, "unknown scope"},
		{"key without cert", map[string]string{envAPIKeys: keys}, []string{"--tls-key-file", "k.pem"}, "go together"},
		{"client CA without TLS", map[string]string{envAPIKeys: keys}, []string{"--client-ca-file", "ca.pem"}, "needs --tls-cert-file"},
		{"bad keyring", map[string]string{envAPIKeys: keys, envTokenKeys: "k1:short"}, nil, "keyring"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var errb bytes.Buffer
			code := serve(context.Background(), append([]string{"--addr", "127.0.0.1:0"}, c.args...),
				stdio{in: strings.NewReader(""), out: io.Discard, err: &errb},
				func(k string) string { return c.env[k] }, nil)
			if code != exitError || !strings.Contains(errb.String(), c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errb.String(), exitError, c.want)
			}
			if strings.Contains(errb.String(), server.HashKey("x")) {
				t.Error("error quotes a key hash")
			}
		})
	}
}
