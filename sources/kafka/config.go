package kafka

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sasl/plain"
	"github.com/twmb/franz-go/pkg/sasl/scram"
)

// Environment variables for credentials. Credentials never come from flags
// (a flag shows up in ps(1) and shell history); a *_FILE variable names a
// file holding the value.
const (
	EnvSASLMechanism    = "WEIR_KAFKA_SASL_MECHANISM" // PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512
	EnvSASLUser         = "WEIR_KAFKA_SASL_USERNAME"
	EnvSASLPassword     = "WEIR_KAFKA_SASL_PASSWORD"
	EnvSASLPasswordFile = "WEIR_KAFKA_SASL_PASSWORD_FILE"
	EnvTLS              = "WEIR_KAFKA_TLS" // "1" or "true": TLS with the system roots
	EnvTLSCAFile        = "WEIR_KAFKA_TLS_CA_FILE"
	EnvTLSCertFile      = "WEIR_KAFKA_TLS_CERT_FILE"
	EnvTLSKeyFile       = "WEIR_KAFKA_TLS_KEY_FILE"
	EnvTLSServerName    = "WEIR_KAFKA_TLS_SERVER_NAME"
)

// Conn says how to reach the cluster.
type Conn struct {
	Brokers  []string
	ClientID string // default "weir"
	TLS      *tls.Config
	// SASLMechanism is PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512; empty: no SASL.
	SASLMechanism string
	SASLUser      string
	SASLPassword  string
}

// ConnFromEnv returns a Conn for brokers with TLS and SASL settings read
// through getenv (see the Env* constants).
func ConnFromEnv(brokers []string, getenv func(string) string) (Conn, error) {
	c := Conn{Brokers: brokers}
	if mech := strings.ToUpper(strings.TrimSpace(getenv(EnvSASLMechanism))); mech != "" {
		switch mech {
		case "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512":
		default:
			return c, fmt.Errorf("%s: unknown mechanism %q (want PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)", EnvSASLMechanism, mech)
		}
		c.SASLMechanism = mech
		c.SASLUser = getenv(EnvSASLUser)
		if c.SASLUser == "" {
			return c, fmt.Errorf("%s is set but %s is empty", EnvSASLMechanism, EnvSASLUser)
		}
		pw, err := secret(getenv, EnvSASLPassword, EnvSASLPasswordFile)
		if err != nil {
			return c, err
		}
		c.SASLPassword = pw
	}
	ca, cert, key := getenv(EnvTLSCAFile), getenv(EnvTLSCertFile), getenv(EnvTLSKeyFile)
	on := strings.ToLower(getenv(EnvTLS))
	if on == "1" || on == "true" || ca != "" || cert != "" {
		tc := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: getenv(EnvTLSServerName)}
		if ca != "" {
			pem, err := os.ReadFile(ca)
			if err != nil {
				return c, fmt.Errorf("%s: %w", EnvTLSCAFile, err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return c, fmt.Errorf("%s: no PEM certificate in %s", EnvTLSCAFile, ca)
			}
			tc.RootCAs = pool
		}
		if (cert == "") != (key == "") {
			return c, fmt.Errorf("set both %s and %s for a client certificate", EnvTLSCertFile, EnvTLSKeyFile)
		}
		if cert != "" {
			pair, err := tls.LoadX509KeyPair(cert, key)
			if err != nil {
				return c, fmt.Errorf("%s/%s: %w", EnvTLSCertFile, EnvTLSKeyFile, err)
			}
			tc.Certificates = []tls.Certificate{pair}
		}
		c.TLS = tc
	}
	return c, nil
}

func secret(getenv func(string) string, env, fileEnv string) (string, error) {
	v, file := getenv(env), getenv(fileEnv)
	switch {
	case v != "" && file != "":
		return "", fmt.Errorf("set %s or %s, not both", env, fileEnv)
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", fmt.Errorf("%s: %w", fileEnv, err)
		}
		return strings.TrimRight(string(b), "\r\n"), nil
	case v == "":
		return "", fmt.Errorf("%s or %s is required", env, fileEnv)
	}
	return v, nil
}

// opts returns the client options common to every client.
func (c Conn) opts() ([]kgo.Opt, error) {
	if len(c.Brokers) == 0 {
		return nil, errors.New("kafka: no brokers")
	}
	id := c.ClientID
	if id == "" {
		id = "weir"
	}
	o := []kgo.Opt{kgo.SeedBrokers(c.Brokers...), kgo.ClientID(id)}
	if c.TLS != nil {
		o = append(o, kgo.DialTLSConfig(c.TLS.Clone()))
	}
	switch c.SASLMechanism {
	case "":
	case "PLAIN":
		o = append(o, kgo.SASL(plain.Auth{User: c.SASLUser, Pass: c.SASLPassword}.AsMechanism()))
	case "SCRAM-SHA-256":
		o = append(o, kgo.SASL(scram.Auth{User: c.SASLUser, Pass: c.SASLPassword}.AsSha256Mechanism()))
	case "SCRAM-SHA-512":
		o = append(o, kgo.SASL(scram.Auth{User: c.SASLUser, Pass: c.SASLPassword}.AsSha512Mechanism()))
	default:
		return nil, fmt.Errorf("kafka: unknown SASL mechanism %q", c.SASLMechanism)
	}
	return o, nil
}

func toRecord(r *kgo.Record) Record {
	out := Record{Topic: r.Topic, Partition: r.Partition, Offset: r.Offset, LeaderEpoch: r.LeaderEpoch,
		Key: r.Key, Value: r.Value, Timestamp: r.Timestamp}
	if len(r.Headers) > 0 {
		out.Headers = make([]Header, len(r.Headers))
		for i, h := range r.Headers {
			out.Headers[i] = Header{Key: h.Key, Value: h.Value}
		}
	}
	return out
}

func toKgo(m Message) *kgo.Record {
	r := &kgo.Record{Topic: m.Topic, Key: m.Key, Value: m.Value}
	if len(m.Headers) > 0 {
		r.Headers = make([]kgo.RecordHeader, len(m.Headers))
		for i, h := range m.Headers {
			r.Headers[i] = kgo.RecordHeader{Key: h.Key, Value: h.Value}
		}
	}
	return r
}
