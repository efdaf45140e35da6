package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type testCert struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	der  []byte
}

// issue makes a certificate signed by parent (self-signed when nil).
func issue(t *testing.T, cn string, parent *testCert, isCA bool, usage x509.ExtKeyUsage) *testCert {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		IsCA:         isCA, BasicConstraintsValid: true,
	}
	signer, signKey := tmpl, key
	if parent != nil {
		signer, signKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, signer, &key.PublicKey, signKey)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	return &testCert{cert: c, key: key, der: der}
}

func (c *testCert) files(t *testing.T, dir, name string) (certFile, keyFile string) {
	t.Helper()
	certFile, keyFile = filepath.Join(dir, name+".pem"), filepath.Join(dir, name+".key")
	kb, _ := x509.MarshalECPrivateKey(c.key)
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile
}

// TestServerTLSAndMTLS serves the real handler with HTTPServer and
// TLSConfig on 127.0.0.1:0: TLS, then mTLS rejecting a client without a
// certificate and accepting one signed by the client CA.
func TestServerTLSAndMTLS(t *testing.T) {
	dir := t.TempDir()
	ca := issue(t, "weir test CA", nil, true, x509.ExtKeyUsageAny)
	srvCert := issue(t, "127.0.0.1", ca, false, x509.ExtKeyUsageServerAuth)
	cliCert := issue(t, "loader", ca, false, x509.ExtKeyUsageClientAuth)
	caFile, _ := ca.files(t, dir, "ca")
	certFile, keyFile := srvCert.files(t, dir, "server")
	roots := x509.NewCertPool()
	roots.AddCert(ca.cert)
	h := newTestServer(t, nil).h

	start := func(clientCA string) string {
		cfg, err := TLSConfig(certFile, keyFile, clientCA)
		if err != nil {
			t.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		srv := HTTPServer(ln.Addr().String(), h, Timeouts{}, cfg)
		go srv.ServeTLS(ln, "", "")
		t.Cleanup(func() { srv.Close() })
		return "https://" + ln.Addr().String()
	}
	get := func(base string, certs []tls.Certificate) (int, error) {
		c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, Certificates: certs}}}
		defer c.CloseIdleConnections()
		req, _ := http.NewRequest("POST", base+"/v1/classify", strings.NewReader(`{"text":"hi"}`))
		req.Header.Set("Authorization", "Bearer "+keyClassify)
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	tlsURL := start("")
	if code, err := get(tlsURL, nil); err != nil || code != 200 {
		t.Errorf("TLS: %d %v", code, err)
	}
	if resp, err := http.Get(strings.Replace(tlsURL, "https", "http", 1) + "/healthz"); err == nil {
		if resp.StatusCode == 200 {
			t.Error("plain HTTP answered on the TLS port")
		}
		resp.Body.Close()
	}
	mtlsURL := start(caFile)
	if _, err := get(mtlsURL, nil); err == nil {
		t.Error("mTLS accepted a client without a certificate")
	}
	pair := tls.Certificate{Certificate: [][]byte{cliCert.der}, PrivateKey: cliCert.key}
	if code, err := get(mtlsURL, []tls.Certificate{pair}); err != nil || code != 200 {
		t.Errorf("mTLS with a client certificate: %d %v", code, err)
	}
	if _, err := TLSConfig(certFile, keyFile, keyFile); err == nil {
		t.Error("a client CA file without certificates was accepted")
	}
}

// TestServerReadHeaderTimeout: a client that never finishes its headers
// (slowloris) is disconnected after the read-header timeout.
func TestServerReadHeaderTimeout(t *testing.T) {
	h := newTestServer(t, nil).h
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := HTTPServer(ln.Addr().String(), h, Timeouts{ReadHeader: 100 * time.Millisecond, Request: time.Second}, nil)
	go srv.Serve(ln)
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte("POST /v1/redact HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	buf := make([]byte, 512)
	for {
		if _, err := conn.Read(buf); err != nil {
			break
		}
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("connection held %v past a 100ms read-header timeout", el)
	}
}
