package secrets

import (
	"strings"

	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Private keys (PEM, OpenSSH, PGP, PuTTY) and JSON Web Tokens.

func keySpecs() []detector.Spec {
	return []detector.Spec{
		{
			// The whole armored block. The body may hold YAML indentation, "\n"
			// escapes (JSON, .env) and headers (Proc-Type, DEK-Info, Version),
			// but never "--", so a truncated block cannot swallow the next one.
			ID: "private_key_pem", Type: "PRIVATE_KEY", Category: detector.Secret,
			Keywords: []string{"PRIVATE KEY-----", "PRIVATE KEY BLOCK-----"},
			Before:   48, After: 8192,
			Pattern: `-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[^-]|-[^-])*?` +
				`-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`,
			Validator:     checksum.PEM,
			ValidatorName: "pem_structure",
			Confidence:    0.95,
			Context:       []string{"private key", "private_key", "ssh", "tls", "pem", "signing key"},
			Examples: []string{
				"const key = `" + ecSEC1 + "`",
				`PRIVATE_KEY = """` + ed25519Key + `"""`,
				`GITHUB_APP_PRIVATE_KEY="` + ecPKCS8Escaped + `"`,
				"tls_key: |\n  " + strings.ReplaceAll(ecPKCS8, "\n", "\n  ") + "\n",
			},
			Negatives: []string{
				ecPublic,
				ecCSR,
				"-----BEGIN RSA PRIVATE KEY-----\n...REDACTED...\n-----END RSA PRIVATE KEY-----",
				"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n", // no END
				"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM8lFB+x2+SolPIoGmKEcdFXnFq8Hp5r+/wMhSVfpEqZ anouk@bastion",
			},
		},
		{
			ID: "private_key_putty", Type: "PRIVATE_KEY", Category: detector.Secret,
			Keywords: []string{"PuTTY-User-Key-File-"},
			Before:   8, After: 8192,
			Pattern:       `PuTTY-User-Key-File-[0-9]: [a-z0-9-]+\r?\n(?:[^\n]*\n){0,8}?Private-Lines: [0-9]+\r?\n[A-Za-z0-9+/=\r\n]+?\nPrivate-MAC: [0-9a-f]{40,64}`,
			Confidence:    0.9,
			ValidatorName: "ppk_structure",
			Context:       []string{"putty", "ppk", "private key", "ssh"},
			Examples: []string{
				ppkExample,
				"key.ppk:\n" + ppkExample + "\n",
				"```\n" + ppkExample + "\n```",
			},
			Negatives: []string{
				"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: x\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIM8lFB\n",
				"Save the file as PuTTY-User-Key-File-3 format",
				"Private-MAC: 0123456789abcdef0123456789abcdef01234567",
			},
		},
		{
			ID: "jwt", Type: "JWT", Category: detector.Secret,
			Keywords: []string{"eyJ"},
			Before:   8, After: 2600,
			Pattern:       `(?:^|[^A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,}={0,2}\.ey[A-Za-z0-9_-]{8,}={0,2}\.[A-Za-z0-9_-]*)(?:[^A-Za-z0-9_-]|$)`,
			Group:         1,
			Validator:     checksum.JWT,
			ValidatorName: "jwt_structure",
			Confidence:    0.9,
			Context:       []string{"jwt", "bearer", "token", "authorization", "session", "id_token", "access_token"},
			Placeholders: []string{
				"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
				"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0.KMUFsIDTnFmyG3nMiGM6H9FNFUROf3wh7SmqJp-QV30",
			},
			Examples: []string{
				`auth="Bearer ` + jwtHS256 + `"`,
				"SESSION_TOKEN=" + jwtRS256,
				`{"session": "` + jwtHS256 + `", "user": 42}`,
			},
			Negatives: []string{
				"Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEi...", // truncated
				"token eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
				"eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEifQ.AJlSfQQc7Vzg_NTOTj0OPeCR8hQVu3zQEfrCiMQgIKg", // header without alg
				"data:application/json;base64,eyJhbGciOiJIUzI1NiJ9",
			},
		},
	}
}

// Test fixtures: a P-256 key generated for these examples only (SEC1 and
// PKCS#8 forms), an ed25519 OpenSSH key, the public half, a CSR, and JWTs
// with random signatures.
const (
	ecSEC1         = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEINb7Uc24DZ6yHBQwleHkwTMrQ6iGqDnlv+EGx5eLAzf7oAoGCCqGSM49\nAwEHoUQDQgAEDeTQG/TUxRwSfibeNA78XOUbfN0YIxjGugdxJ5IWSSt/pLMkgW15\n9mcXgJi9LJ9tzElKCWrQTcBCQMYQUTfi9g==\n-----END EC PRIVATE KEY-----"
	ecPKCS8        = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1vtRzbgNnrIcFDCV\n4eTBMytDqIaoOeW/4QbHl4sDN/uhRANCAAQN5NAb9NTFHBJ+Jt40Dvxc5Rt83Rgj\nGMa6B3EnkhZJK3+ksySBbXn2ZxeAmL0sn23MSUoJatBNwEJAxhBRN+L2\n-----END PRIVATE KEY-----"
	ecPKCS8Escaped = "-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1vtRzbgNnrIcFDCV\\n4eTBMytDqIaoOeW/4QbHl4sDN/uhRANCAAQN5NAb9NTFHBJ+Jt40Dvxc5Rt83Rgj\\nGMa6B3EnkhZJK3+ksySBbXn2ZxeAmL0sn23MSUoJatBNwEJAxhBRN+L2\\n-----END PRIVATE KEY-----"
	ed25519Key     = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAqT7waO5ppv//FaPIlK5gNR1feT/jRzy/JEipHv+1vxAAAAJD2j+t59o/r\neQAAAAtzc2gtZWQyNTUxOQAAACAqT7waO5ppv//FaPIlK5gNR1feT/jRzy/JEipHv+1vxA\nAAAEAvdbM9evIw4fj3CRKK9elqmK3z4y002npMLHgLKyy1qypPvBo7mmm//8Vo8iUrmA1H\nV95P+NHPL8kSKke/7W/EAAAADHRlc3RAZml4dHVyZQE=\n-----END OPENSSH PRIVATE KEY-----"
	ecPublic       = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEDeTQG/TUxRwSfibeNA78XOUbfN0Y\nIxjGugdxJ5IWSSt/pLMkgW159mcXgJi9LJ9tzElKCWrQTcBCQMYQUTfi9g==\n-----END PUBLIC KEY-----"
	ecCSR          = "-----BEGIN CERTIFICATE REQUEST-----\nMIHKMHECAQAwDzENMAsGA1UEAwwEdGVzdDBZMBMGByqGSM49AgEGCCqGSM49AwEH\nA0IABA3k0Bv01MUcEn4m3jQO/FzlG3zdGCMYxroHcSeSFkkrf6SzJIFtefZnF4CY\n-----END CERTIFICATE REQUEST-----"

	jwtHS256 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQ4MjEiLCJpYXQiOjE3MTYyMzkwMjIsImV4cCI6MTcxNjI0MjYyMn0.AJlSfQQc7Vzg_NTOTj0OPeCR8hQVu3zQEfrCiMQgIKg"
	jwtRS256 = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzdmMtYmlsbGluZyIsInNjb3BlIjoicmVhZCB3cml0ZSIsImlzcyI6Imh0dHBzOi8vYXV0aC5hY21lLWNvcnAuaW8ifQ.k5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR_rohtxlB3lex0XEw_yy6yxz4Uk0yGfuBXunJJmw"

	ppkExample = "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: test@fixture\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAICpPvBo7mmm//8Vo8iUrmA1HV95P+NHPL8kSKke/\n7W/E\nPrivate-Lines: 1\nAAAAIC91sz168jDh+PcJEor16WqYrfPjLTTaekwseAsrLLWr\nPrivate-MAC: 5f0e8c1b2a3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef1"
)

// gcpExample is a pretty-printed service-account key file.
const gcpExample = `{
  "type": "service_account",
  "project_id": "search-613490",
  "private_key_id": "9024cb482a493e7fbe454f5ac3c885f7b3c34984",
  "private_key": "` + ecPKCS8Escaped + `\n",
  "client_email": "ci-bot@search-613490.iam.gserviceaccount.com",
  "client_id": "896374133803335371432",
  "auth_uri": "https://accounts.google.com/o/oauth2/auth",
  "token_uri": "https://oauth2.googleapis.com/token"
}`
