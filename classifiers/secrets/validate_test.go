package secrets

import "testing"

func TestLiteralSecret(t *testing.T) {
	tests := []struct {
		v    string
		want bool
	}{
		{"Mustang9092&", true},
		{"$8zhR42kYG11", true}, // mixed case after '$': a literal
		{"violet-horse-correct-orbit", true},
		{"123456", true},
		{"${DB_PASSWORD}", false},
		{"$DB_PASSWORD", false},
		{"$password", false},
		{"{{ vault_db_password }}", false},
		{"%(password)s", false},
		{"<password>", false},
		{"[REDACTED]", false},
		{"os.environ[", false},
		{"process.env.DB_PASSWORD", false},
		{"getenv(", false},
		{"true", false},
		{"12", false},
		{"1234", false},
		{"********", false},
		{"/run/secrets/db_password", false},
		{"https://acme.io/reset", false},
		{"Enter your password", false},
		{"pk_live_51HqLyjWDarjtT1zdp7dc", false},
		{"ghp_e71lHFE8l6hlvY5bR215DEWc1ZCjfi1ZcD48", false},
	}
	for _, tc := range tests {
		if got := literalSecret([]byte(tc.v)); got != tc.want {
			t.Errorf("literalSecret(%q) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

func TestProsePassword(t *testing.T) {
	for v, want := range map[string]bool{
		"hunter2": true, "Winter3309!": true, "BlueSky": true,
		"incorrect": false, "Manager": false, "required": false,
	} {
		if got := prosePassword([]byte(v)); got != want {
			t.Errorf("prosePassword(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestDBPassword(t *testing.T) {
	for v, want := range map[string]bool{
		"SFDwnynPsrpMfqZZWs": true, "p@ss#w0rd!9": true, "x": true,
		"${DB_PASSWORD}": false, "%(password)s": false, "<password>": false, "$DB_PASS": false, "": false,
	} {
		if got := dbPassword([]byte(v)); got != want {
			t.Errorf("dbPassword(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestGCPServiceAccount(t *testing.T) {
	if !gcpServiceAccount([]byte(gcpExample)) {
		t.Error("gcpExample rejected")
	}
	for _, v := range []string{
		`{"type": "service_account", "private_key_id": "abc"}`,
		`{"type": "service_account", "private_key_id": "abc", "private_key": "REDACTED"}`,
		`"type": "service_account"`,
	} {
		if gcpServiceAccount([]byte(v)) {
			t.Errorf("accepted %q", v)
		}
	}
}

// FuzzValidators checks the local validators never panic.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{"", "$", "{", "{}", "/a/b", "a.b(", gcpExample, "C:\\k", "${x}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		literalSecret(v)
		prosePassword(v)
		dbPassword(v)
		gcpServiceAccount(v)
		awsSecret(v)
		azureKey(v)
		mixedCase(v)
	})
}
