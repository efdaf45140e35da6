package kafka

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConnFromEnv(t *testing.T) {
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := ConnFromEnv([]string{"b:9092"}, env(map[string]string{
		EnvSASLMechanism: "scram-sha-512", EnvSASLUser: "weir", EnvSASLPasswordFile: pw}))
	if err != nil || c.SASLMechanism != "SCRAM-SHA-512" || c.SASLPassword != "s3cret" || c.TLS != nil {
		t.Fatalf("conn %+v, err %v", c, err)
	}
	for name, m := range map[string]map[string]string{
		"unknown mechanism": {EnvSASLMechanism: "GSSAPI", EnvSASLUser: "u", EnvSASLPassword: "p"},
		"no user":           {EnvSASLMechanism: "PLAIN", EnvSASLPassword: "p"},
		"both passwords":    {EnvSASLMechanism: "PLAIN", EnvSASLUser: "u", EnvSASLPassword: "p", EnvSASLPasswordFile: pw},
		"no password":       {EnvSASLMechanism: "PLAIN", EnvSASLUser: "u"},
		"cert without key":  {EnvTLSCertFile: pw},
		"bad CA":            {EnvTLSCAFile: pw},
	} {
		_, err := ConnFromEnv([]string{"b:9092"}, env(m))
		if err == nil {
			t.Errorf("%s: no error", name)
		} else if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "=p") {
			t.Errorf("%s: error reveals a secret: %v", name, err)
		}
	}
	if c, err := ConnFromEnv([]string{"b"}, env(map[string]string{EnvTLS: "1"})); err != nil || c.TLS == nil {
		t.Errorf("WEIR_KAFKA_TLS=1: %+v %v", c, err)
	}
}

// SASL PLAIN and SCRAM against kfake with SASL enabled: the right password
// connects, a wrong one does not.
func TestSASL(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.EnableSASL(),
		kfake.Superuser("PLAIN", "plain-user", "plain-pw"), kfake.Superuser("SCRAM-SHA-256", "scram-user", "scram-pw"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, tc := range []struct {
		mech, user, pw string
		ok             bool
	}{
		{"PLAIN", "plain-user", "plain-pw", true},
		{"SCRAM-SHA-256", "scram-user", "scram-pw", true},
		{"PLAIN", "plain-user", "wrong", false},
	} {
		conn := Conn{Brokers: c.ListenAddrs(), SASLMechanism: tc.mech, SASLUser: tc.user, SASLPassword: tc.pw}
		d := 30 * time.Second
		if !tc.ok {
			d = 3 * time.Second // a rejected login is retried until the deadline
		}
		tctx, tcancel := context.WithTimeout(ctx, d)
		err := CreateTopics(tctx, conn, 1, "t-"+strings.ToLower(tc.mech))
		tcancel()
		if (err == nil) != tc.ok {
			t.Errorf("%s %s: err %v, want ok=%v", tc.mech, tc.user, err, tc.ok)
		}
	}
}
