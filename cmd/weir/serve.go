package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/weir-dev/weir/server"
)

// API keys of weir serve, like every credential only from the environment
// or a file it names: "id:scope1,scope2:sha256hex" entries (newline or ';'
// separated), the SHA-256 of each key and never the key itself.
const (
	envAPIKeys     = "WEIR_API_KEYS"
	envAPIKeysFile = "WEIR_API_KEYS_FILE"
)

func runServe(args []string, io stdio, getenv getenvFunc) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, io, getenv, nil)
}

// apiKeys reads the API keys from the environment; having none is an error:
// weir serve never runs without authentication.
func apiKeys(getenv getenvFunc) (*server.KeySet, error) {
	v, file := getenv(envAPIKeys), getenv(envAPIKeysFile)
	switch {
	case v != "" && file != "":
		return nil, fmt.Errorf("set %s or %s, not both", envAPIKeys, envAPIKeysFile)
	case v != "":
		ks, err := server.ParseKeys(v)
		if err != nil {
			return nil, fmt.Errorf("%w (environment variable %s)", err, envAPIKeys)
		}
		return ks, nil
	case file != "":
		return server.LoadKeys(file)
	}
	return nil, fmt.Errorf("no API keys: set %s or %s (lines id:scope1,scope2:sha256hex)", envAPIKeys, envAPIKeysFile)
}

// serve runs the webhook until ctx ends; started (tests) learns the address.
func serve(ctx context.Context, args []string, io stdio, getenv getenvFunc, started func(net.Addr)) int {
	fs := newFlagSet("serve", io)
	var ef engineFlags
	ef.register(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	maxBody := fs.Int64("max-body-bytes", server.DefaultMaxBodyBytes, "largest request body (413 above)")
	rate := fs.Float64("rate-limit", 0, "requests per second per API key (429 above; 0: unlimited)")
	burst := fs.Int("rate-burst", server.DefaultRateBurst, "requests a key may make at once (token bucket size)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents of one batch classified in parallel")
	maxInFlight := fs.Int("max-inflight", server.DefaultMaxInFlight, "API requests read or processed at once; more get 503 with Retry-After (negative: unlimited)")
	readHeader := fs.Duration("read-header-timeout", server.DefaultReadHeaderTimeout, "time to read request headers")
	reqTimeout := fs.Duration("request-timeout", server.DefaultRequestTimeout, "time to read a whole request")
	certFile := fs.String("tls-cert-file", "", "serve TLS with this PEM certificate `FILE`")
	keyFile := fs.String("tls-key-file", "", "PEM private key `FILE` of --tls-cert-file")
	clientCA := fs.String("client-ca-file", "", "require client certificates signed by a CA in this PEM `FILE` (mTLS; needs TLS)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `usage: weir serve [flags]

The redaction webhook for RAG loaders: POST /v1/redact, /v1/classify,
/v1/detokenize; GET /healthz, /readyz, /metrics. API keys, stored hashed,
come from $`+envAPIKeys+` or the file named by $`+envAPIKeysFile+`:
entries "id:scope1,scope2:sha256hex" (scopes redact, classify, detokenize),
separated by newlines or ';'. The token keyring for hash, tokenize and
detokenize comes from $WEIR_TOKEN_KEYS or $WEIR_TOKEN_KEYS_FILE.`)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return fail(io, "serve", fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	h, srv, err := buildServer(&ef, getenv, io, serveOptions{
		addr: *addr, maxBody: *maxBody, rate: *rate, burst: *burst, workers: *workers, maxInFlight: *maxInFlight,
		timeouts: server.Timeouts{ReadHeader: *readHeader, Request: *reqTimeout},
		certFile: *certFile, keyFile: *keyFile, clientCA: *clientCA,
	})
	if err != nil {
		return fail(io, "serve", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(io, "serve", err)
	}
	scheme := "http"
	if srv.TLSConfig != nil {
		scheme = "https"
	}
	fmt.Fprintf(io.err, "weir serve: listening on %s://%s\n", scheme, ln.Addr())
	if started != nil {
		started(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() {
		if srv.TLSConfig != nil {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	select {
	case err = <-errc:
	case <-ctx.Done():
		h.SetReady(false)
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
		if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
			err = serr
		}
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(io, "serve", err)
	}
	return exitOK
}

type serveOptions struct {
	addr                        string
	maxBody                     int64
	rate                        float64
	burst, workers, maxInFlight int
	timeouts                    server.Timeouts
	certFile, keyFile, clientCA string
}

func buildServer(ef *engineFlags, getenv getenvFunc, io stdio, o serveOptions) (*server.Handler, *http.Server, error) {
	if (o.certFile == "") != (o.keyFile == "") {
		return nil, nil, errors.New("--tls-cert-file and --tls-key-file go together")
	}
	if o.clientCA != "" && o.certFile == "" {
		return nil, nil, errors.New("--client-ca-file needs --tls-cert-file and --tls-key-file")
	}
	if o.rate < 0 || o.maxBody <= 0 {
		return nil, nil, errors.New("--rate-limit must be >= 0 and --max-body-bytes > 0")
	}
	keys, err := apiKeys(getenv)
	if err != nil {
		return nil, nil, err
	}
	kr, err := keyring(getenv)
	if err != nil {
		return nil, nil, err
	}
	eng, err := ef.engine(getenv)
	if err != nil {
		return nil, nil, err
	}
	if getenv(envFingerprintKey) == "" && getenv(envFingerprintKeyFile) == "" {
		fmt.Fprintf(io.err, "weir serve: warning: no %s or %s: fingerprints use the public development key, "+
			"so a caller can test guesses of low-entropy values against them\n", envFingerprintKey, envFingerprintKeyFile)
	}
	h, err := server.New(server.Config{
		Engine: eng, Keys: keys, Keyring: kr,
		MaxBodyBytes: o.maxBody, RateLimit: o.rate, RateBurst: o.burst, Workers: o.workers, MaxInFlight: o.maxInFlight,
		Logger: slog.New(slog.NewJSONHandler(io.err, nil)),
	})
	if err != nil {
		return nil, nil, err
	}
	var tlsCfg *tls.Config
	if o.certFile != "" {
		if tlsCfg, err = server.TLSConfig(o.certFile, o.keyFile, o.clientCA); err != nil {
			return nil, nil, err
		}
	}
	return h, server.HTTPServer(o.addr, h, o.timeouts, tlsCfg), nil
}
