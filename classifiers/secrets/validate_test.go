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
		// Terraform / HCL references and resource addresses.
		{"random_password.db.result", false},
		{"azurerm_key_vault_secret.admin.value", false},
		{"var.db_password", false},
		{"local.db_pass", false},
		{"module.secrets.db_password", false},
		{"each.value.password", false},
		{"data.aws_secretsmanager_secret_version.db.secret_string", false},
		{"db_admin.2024", true}, // a digit-led segment: not an address
		{"Hunter.Two!", true},
		// mysql_native_password hashes.
		{"*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29", false},
		{"*94BDCEBE19083CE2A1F9", true},
		// Stored password hashes.
		{"SCRAM-SHA-256$4096:E/E2pwe6i79Uub+wtmIFvQ==$AMmFc/dVDaeXw7jK1FQufgGtFNECnRkU8TyHHCtAzI8=:+rSayUb9hmUo8AxPIwrFDAHHpFWP/vKM9TzWrihyWUw=", false},
		{"$2b$12$KIXQJQe1h0J3rQ9b6C7l1eS0n7u0aQ1bE2QFZ3p9y1bX1YbqzZ5nW", false},
		{"md5f2c0f3bb5d0e2bd9c1d7f1e37a7c3a1b", false},
		{"md5f2c0f3bb5d0e2bd9c1d7f1e37a7c3a1", true}, // 31 hex: not PostgreSQL's md5 form
		{"{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=", false},
		{"pbkdf2_sha256$600000$abc$def=", false},
		{"SecretStr", false},
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

func TestCellPassword(t *testing.T) {
	for v, want := range map[string]bool{
		"G2wD1B%kZgC": true, "Vx8#nLq3Zt": true, "hunter2": true,
		"SAML": false, "N/A": false, "MFA-TOTP": false, "Notes": false, "string": false,
	} {
		if got := cellPassword([]byte(v)); got != want {
			t.Errorf("cellPassword(%q) = %v, want %v", v, got, want)
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
		cellPassword(v)
		identPath(v)
		isMySQLHash(v)
		dbPassword(v)
		gcpServiceAccount(v)
		awsSecret(v)
		azureKey(v)
		mixedCase(v)
	})
}
