package secrets

import "github.com/weir-dev/weir/classifiers/detector"

// Cloud provider credentials: AWS, Google Cloud, Azure.

var awsContext = []string{
	"aws", "amazon", "access key", "access_key", "access_key_id", "accesskeyid", "awsaccesskeyid",
	"awskey", "awsaccesskey", "key id", "iam", "s3", "credentials",
}

var awsSecretContext = []string{
	"aws", "amazon", "secret", "secret key", "secret_key", "secret access key", "secret_access_key",
	"secretaccesskey", "awssecret", "awssecretkey", "awssecretaccesskey", "aws_secret",
	"secret-access-key", "access_key", "access key", "access_key_id", "credentials",
}

func awsSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "aws_access_key_id", Type: "AWS_ACCESS_KEY_ID", Category: detector.Secret,
			Keywords: []string{"AKIA", "ASIA"},
			Before:   8, After: 32,
			Pattern:    `(?:^|[^A-Za-z0-9/+])((?:AKIA|ASIA)[A-Z2-7]{16})\b`,
			Group:      1,
			Confidence: 0.9,
			Context:    awsContext,
			Need:       detector.ContextNo,
			Placeholders: []string{
				"AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE", "ASIAIOSFODNN7EXAMPLE",
			},
			Examples: []string{
				"AWS_ACCESS_KEY_ID=AKIA5GLCMEZAXS72LOBW",
				`var awsKey = "ASIA2J3Y32IRPO7SXA4M"`,
				"2024-05-10 DEBUG aws sdk init key=AKIAQ4UJWPDVGFMSMV7R region=us-east-1",
				`{"AccessKeyId": "ASIAZPDREUVGIN2WJIK4", "Expiration": "2025-01-01T00:00:00Z"}`,
			},
			Negatives: []string{
				"EXAMPLE = \"AKIAIOSFODNN7EXAMPLE\"  # docs example",
				"AWS_ACCESS_KEY_ID=AKIA5GLCMEZAXS72LOB",      // 19 chars
				"AWS_ACCESS_KEY_ID=AKIA5GLCMEZAXS72LOBWQ",    // 21 chars
				"AWS_ACCESS_KEY_ID=AKIA5glcmezaxs72lobw",     // lower case
				"AWS_ACCESS_KEY_ID=AKIA5GLCMEZAXS01LOBW",     // 0/1 are not base32
				"arn:aws:iam::123456789012:user/ASIAPACIFIC", // too short
				"AKIAXXXXXXXXXXXXXXXX",
			},
		},
		{
			ID: "aws_secret_access_key", Type: "AWS_SECRET_ACCESS_KEY", Category: detector.Secret,
			Keywords: []string{
				"secret_access_key", "secretaccesskey", "secret access key", "secret-access-key",
				"aws_secret", "awssecret", "aws secret", "aws-secret", "aws.secret",
			},
			Before: 32, After: 96,
			// label [suffix] [quote/bracket] [ "[None]" prompt ] separator [quote] value
			Pattern: `(?i:(?:aws)?[_ .-]?secret[_ .-]?access[_ .-]?key(?:[_ .-]?id)?|aws[_ .-]?secret(?:[_ .-]?(?:access[_ .-]?)?key)?)` +
				`(?:[_.-][A-Za-z0-9]+){0,2}["'\]\)]*[ \t]*(?:\[[^\]\n]{0,12}\][ \t]*)?` +
				`(?:(?:` + typeAnn + `|:=|=>|[:=,])[ \t]*|[ \t]+(?:(?:is|was)[ \t]+)?|\n[ \t]*)["'\x60]?` +
				`([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`,
			Group:         1,
			Validator:     awsSecret,
			ValidatorName: "aws_secret_charset",
			Confidence:    0.9,
			Context:       awsSecretContext,
			Need:          detector.ContextRequired,
			Placeholders:  []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"},
			Examples: []string{
				"AWS_SECRET_ACCESS_KEY=TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe",
				`var awsSecret = "xg3FNpYFxC0a7zFhhXKN37dFiszw24zuotnkhN3H"`,
				"[default]\naws_access_key_id = AKIA5GLCMEZAXS72LOBW\naws_secret_access_key = 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\n",
				`const AWS_SECRET_ACCESS_KEY: &str = "M8CE/eLgTCU7VplFaDHELeD1jPp0NbVee5nFUW9V";`,
				`{"Credentials": {"SecretAccessKey": "Z+T6vXpEK3WcH7PDNZKg7GEPRyOeRaA4hxDmfy6g"}}`,
				"AWS Secret Access Key [None]: P1tiKhlU/FzYBzaBWjU6Vbpu6d/zEzBN2SIP0Do0",
			},
			Negatives: []string{
				"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
				"aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}",
				"aws_secret_access_key: da39a3ee5e6b4b0d3255bfef95601890afd80709", // SHA-1, one case
				"TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe",                        // no label
				"AWS_SECRET_ACCESS_KEY=TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAeQ", // 41 chars
			},
		},
		{
			// An access key id followed by its secret, as in the credentials CSV
			// ("AKIA...,secret") or "key:secret" pairs.
			ID: "aws_secret_access_key_pair", Type: "AWS_SECRET_ACCESS_KEY", Category: detector.Secret,
			Keywords: []string{"AKIA", "ASIA"},
			Before:   8, After: 200,
			// Directly after the key id ("AKIA...,secret") or after a "secret"
			// label within the next ~100 bytes ("key: AKIA...\nsecret: ...").
			Pattern: `(?:AKIA|ASIA)[A-Z2-7]{16}(?:["']?[ \t]*[,;:|\t/][ \t]*["']?|` +
				`[^\n]{0,60}?\n?[^\n]{0,60}?(?i:secret)[A-Za-z_ -]{0,20}["']?[ \t]*[:=][ \t]*["']?)` +
				`([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`,
			Group:         1,
			Validator:     awsSecret,
			ValidatorName: "aws_secret_charset",
			Confidence:    0.9,
			Context:       awsSecretContext,
			Need:          detector.ContextHelps,
			Placeholders:  []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
			Examples: []string{
				"Access key ID,Secret access key\nAKIA5GLCMEZAXS72LOBW,TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe\n",
				"creds AKIAQ4UJWPDVGFMSMV7R:xg3FNpYFxC0a7zFhhXKN37dFiszw24zuotnkhN3H",
				"AWS root: AKIAQ4UJWPDVGFMSMV7R / xg3FNpYFxC0a7zFhhXKN37dFiszw24zuotnkhN3H",
				"ASIA2J3Y32IRPO7SXA4M\tZ+T6vXpEK3WcH7PDNZKg7GEPRyOeRaA4hxDmfy6g",
				"key: AKIA5GLCMEZAXS72LOBW\nsecret: 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\n",
				`{"id": "AKIAQ4UJWPDVGFMSMV7R", "secret": "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"}`,
			},
			Negatives: []string{
				"AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
				"AKIA5GLCMEZAXS72LOBW,da39a3ee5e6b4b0d3255bfef95601890afd80709",
				"AKIA5GLCMEZAXS72LOBW region=us-east-1 build=TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe",
			},
		},
		{
			// secret_key / secret-key next to AWS wording (s3cmd, boto, terraform).
			ID: "aws_secret_key_label", Type: "AWS_SECRET_ACCESS_KEY", Category: detector.Secret,
			Keywords: []string{"secret_key", "secretkey", "secret-key", "secret key", "secret.key"},
			Before:   32, After: 80,
			// The value may sit in the next Markdown cell: | secret key | `...` |.
			// Hadoop's S3A connector: "fs.s3a.secret.key=...".
			Pattern: `(?i:secret[_ .-]?key)["'\]\x60*]*[ \t]*(?::=|=>|[:=|])?[ \t]*` + nestedValue + `["'\x60]?` +
				`([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)`,
			Group:         1,
			Validator:     awsSecret,
			ValidatorName: "aws_secret_charset",
			Confidence:    0.6,
			Context: []string{"aws", "amazon", "s3", "access_key", "access key", "access_key_id", "akia", "iam",
				"s3a", "fs.s3a", "s3a.access.key", "access.key", "s3n"},
			Need:         detector.ContextRequired,
			Placeholders: []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
			Examples: []string{
				"aws:\n  access_key: AKIA5GLCMEZAXS72LOBW\n  secret_key: TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe\n",
				"spark-submit --conf spark.hadoop.fs.s3a.secret.key=TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe job.py",
				`"cloud.aws.credentials.secret-key": {"value": "TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe"}, "cloud.aws.credentials.access-key": {"value": "AKIA5GLCMEZAXS72LOBW"}`,
				"[s3]\naccess_key = AKIAQ4UJWPDVGFMSMV7R\nsecret_key = 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\n",
				"provider \"aws\" {\n  secret_key = \"Z+T6vXpEK3WcH7PDNZKg7GEPRyOeRaA4hxDmfy6g\"\n}",
				"| AWS | access key | AKIA5GLCMEZAXS72LOBW |\n| AWS | secret key | `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` |",
			},
			Negatives: []string{
				"recaptcha secret_key = TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe",
				"| recaptcha | secret key | `TYbKYuF2EFNpmg7fVy4mSAtFw1gOqn+5WmTtPlAe` |",
				"aws secret_key = ${SECRET}",
				"aws secret_key: da39a3ee5e6b4b0d3255bfef95601890afd80709",
			},
		},
	}
}

func gcpSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID: "google_api_key", Type: "GOOGLE_API_KEY", Category: detector.Secret,
			Keywords: []string{"AIza"},
			Before:   8, After: 48,
			Pattern:    `(?:^|[^A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)`,
			Group:      1,
			Confidence: 0.9,
			Context:    []string{"google", "api key", "api_key", "apikey", "maps", "gcp", "firebase", "youtube", "key"},
			Examples: []string{
				`GOOGLE_MAPS_API_KEY="AIzaSy8fxEBr0p3O8cbZat5m0sIMea_8C-W0ZRu"`,
				"An engineer pasted a live key (AIzaSy4VQz0Z8N6u6wzXt6lWlORY5dVdi02PXfi) in an earlier revision.",
				`<script src="https://maps.googleapis.com/maps/api/js?key=AIzaSyCrA4Cu0dMSBlXrEa8ScgzeYx_4RaD_48V"></script>`,
			},
			Negatives: []string{
				"key AIzaSy8fxEBr0p3O8cbZat5m0sIMea_8C-W0ZR",   // 34 after AIza
				"key AIzaSy8fxEBr0p3O8cbZat5m0sIMea_8C-W0ZRuq", // 36 after AIza
				"key BIzaSy8fxEBr0p3O8cbZat5m0sIMea_8C-W0ZRu",  // wrong prefix
				"key AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",  // filler
			},
		},
		{
			ID: "gcp_service_account_key", Type: "GCP_SERVICE_ACCOUNT_KEY", Category: detector.Secret,
			Keywords: []string{"service_account"},
			// "type" is usually the first key, but sorted dumps put it after the
			// private key; the object is a few KB.
			Before: 4096, After: 8192,
			Pattern:       `\{[^{}]*?\\*["']type\\*["']\s*:\s*\\*["']service_account\\*["'][^{}]*\}`,
			Validator:     gcpServiceAccount,
			ValidatorName: "gcp_service_account_json",
			// 0.99 so the object wins over the PEM nested in it.
			Confidence: 0.99,
			Context:    []string{"service account", "service_account", "gcp", "google", "credentials", "firebase"},
			Examples: []string{
				gcpExample,
				`{"type": "service_account", "project_id": "ledger-558214", "private_key_id": "5e0e5f6510f26e04c5ef6a1007f7c300291ad2ec", "private_key": "` + ecPKCS8Escaped + `", "client_email": "ci-bot@ledger-558214.iam.gserviceaccount.com"}`,
				`GOOGLE_CREDENTIALS="{\"type\": \"service_account\", \"project_id\": \"ledger-558214\", \"private_key_id\": \"5e0e5f6510f26e04c5ef6a1007f7c300291ad2ec\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\\n-----END PRIVATE KEY-----\\n\"}"`,
			},
			Negatives: []string{
				`{"type": "authorized_user", "client_id": "764086051850.apps.googleusercontent.com", "client_secret": "d-FL95Q19q7MQmFpd7hHD0Ty", "refresh_token": "1//0abc"}`,
				`{"type": "service_account", "project_id": "ledger-558214", "client_email": "ci-bot@ledger-558214.iam.gserviceaccount.com"}`,
				`Use a key file with "type": "service_account" and a private_key_id field.`,
				`{"type": "service_account", "private_key_id": "5e0e5f6510f26e04c5ef6a1007f7c300291ad2ec", "private_key": "REDACTED"}`,
			},
		},
	}
}

// nestedValue is the wrapper some dumps put around a property's value:
// Spring Boot's /actuator/env ("secret-key": {"value": "..."}), Terraform
// state attributes ({"value": ...}).
const nestedValue = `(?:\{[ \t]*["'](?i:value)["'][ \t]*:[ \t]*)?`

func azureSpecs() []detector.Spec {
	azureContext := []string{"azure", "accountkey", "account key", "account_key", "storage", "blob", "windows.net", "defaultendpointsprotocol"}
	return []detector.Spec{
		{
			ID: "azure_storage_account_key", Type: "AZURE_STORAGE_KEY", Category: detector.Secret,
			Keywords: []string{"accountkey", "account_key", "account-key", "account key", "storage_key", "storagekey", "storage-key", "storage key", "sharedkey", "shared_key",
				"blob_key", "blobkey", "blob-key", "blob key"},
			Before: 32, After: 120,
			Pattern: `(?i:account[_ -]?key|storage[_ -]?(?:account[_ -]?)?key|shared[_ -]?key|blob[_ -]?key)[A-Za-z0-9_]{0,12}["'\]\x60]*[ \t]*(?:` + typeAnn + `|:=|=>|[:=,|]|(?i:is|was)[ \t])?[ \t]*` + nestedValue + `["'\x60]?` +
				`([A-Za-z0-9+/]{86}==)(?:[^A-Za-z0-9+/=]|$)`,
			Group:         1,
			Validator:     azureKey,
			ValidatorName: "base64_64_bytes",
			Confidence:    0.9,
			Context:       azureContext,
			Need:          detector.ContextHelps,
			Placeholders:  []string{"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="},
			Examples: []string{
				"AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=ledger29;AccountKey=beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ==;EndpointSuffix=core.windows.net",
				`AZURE_STORAGE_KEY="Reg1pg1Fkp0KJ78lQXVDv+oOiVKy0MHGYOKFBnRwh0BmX9tb9nqYpNoAh915r0YGUJDEpAsx1BguaukVS8i2Dg=="`,
				"az storage blob list --account-name web81 --account-key oOi44saXeFd9afclb/R+Vm16pcq+fGsqKJYJZQR+bkEJPPeCrt2mz9ZS1bQsHpCwa0rgqBHtFo+67fTkmKV69w==",
				"the storage account key is E5dMYEvDQCeTfhN3CUI8TiBveRtEIAxhOW/NNwyoZ/fEJjvUzUXQ9bUklhWkTgv/2Jx2dvdcGzXY8J11/K6J3w== (rotated monthly)",
				`const AZURE_STORAGE_KEY: &str = "TqztE8Iigie8WwU728J2NrwP4TwEmtbxisTpaDeJDyy+F2AeWwDI4zIX+5jHx1gHbktcaKOWMApeZ2y0WVDk1g==";`,
				"gha,ops@x.io,AZURE_STORAGE_ACCOUNT_KEY,Dis0aZDjFe+oaI6OWPqee9okkRROr21TceXBe/XLUeR+PJaaRar8j5/8m6OSo6TbkJ2HUYJxcheU4U1ckERjBA==,2026-06-22", // a secrets inventory CSV
				"| jenkins | `AZURE_STORAGE_ACCOUNT_KEY` | `iGzo7NpLGwtnO+rKvUohSbZrm884TTx0vpK/jRKPHOWObx7RxBIR3w2vZUbx8ByIBXj0Bl2zrUXzPnQwL4IO2g==` |",
			},
			Negatives: []string{
				"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;",
				"AccountKey=beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ=;", // 87 chars
				"AccountKey=${AZURE_STORAGE_KEY};EndpointSuffix=core.windows.net",
				"integrity=sha512-beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ==",
			},
		},
		{
			// The output of "az storage account keys list" (and the ARM
			// listKeys API): {"keyName": "key1", "permissions": "FULL",
			// "value": "<key>"}.
			ID: "azure_storage_key_cli", Type: "AZURE_STORAGE_KEY", Category: detector.Secret,
			Keywords: []string{`"keyname"`},
			Before:   2, After: 240,
			Pattern: `"keyName"[ \t]*:[ \t]*"(?:key[12]|kerb[12])"[^{}]{0,160}?"value"[ \t]*:[ \t]*"` +
				`([A-Za-z0-9+/]{86}==)"`,
			Group:         1,
			Validator:     azureKey,
			ValidatorName: "base64_64_bytes",
			Confidence:    0.9,
			Context:       azureContext,
			Need:          detector.ContextNo,
			Placeholders:  []string{"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="},
			Examples: []string{
				"[\n  {\n    \"creationTime\": \"2025-06-03T18:16:19Z\",\n    \"keyName\": \"key1\",\n    \"permissions\": \"FULL\",\n    \"value\": \"gSPGIMFJGqiUQTfyfXrfEZmrUeA3YdevX32yVXEVvJopMrTuou22HfCrbLzjUJUXWSCubkQXIvO+iGRZi5Ls/Q==\"\n  }\n]",
				`{"keys":[{"keyName":"key2","permissions":"Full","value":"beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ=="}]}`,
			},
			Negatives: []string{
				`{"keyName": "key1", "permissions": "FULL", "value": "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="}`,
				`{"keyName": "key1", "value": "beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ="}`,
			},
		},
		{
			ID: "azure_storage_key_label", Type: "AZURE_STORAGE_KEY", Category: detector.Secret,
			Keywords: []string{"azure"},
			Before:   8, After: 160,
			// Spark/Hadoop set it by property: "fs.azure.account.key.<account>.dfs.core.windows.net".
			Pattern: `(?i:azure)[A-Za-z0-9_.-]{0,80}["'\]\x60]*[ \t]*(?:` + typeAnn + `|:=|=>|[:=,|])[ \t]*["'\x60]?` +
				`([A-Za-z0-9+/]{86}==)(?:[^A-Za-z0-9+/=]|$)`,
			Group:         1,
			Validator:     azureKey,
			ValidatorName: "base64_64_bytes",
			Confidence:    0.8,
			Context:       azureContext,
			Need:          detector.ContextHelps,
			Placeholders:  []string{"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="},
			Examples: []string{
				"AZURE_BLOB_SECRET=beX45tL8G22jHNer8Ym2706eDfwjRE6es/7hfM6TBSYLLaI104CINgIrbVaTlI2enm9uDS2hgbHkQC3qaP5XLQ==",
				`azure.storage.primary: "Reg1pg1Fkp0KJ78lQXVDv+oOiVKy0MHGYOKFBnRwh0BmX9tb9nqYpNoAh915r0YGUJDEpAsx1BguaukVS8i2Dg=="`,
				"AzureWebJobsSecret = oOi44saXeFd9afclb/R+Vm16pcq+fGsqKJYJZQR+bkEJPPeCrt2mz9ZS1bQsHpCwa0rgqBHtFo+67fTkmKV69w==",
			},
			Negatives: []string{
				"AZURE_KEY=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
				"AZURE_KEY=${AZURE_KEY}",
				"azure_region=westeurope",
			},
		},
	}
}
