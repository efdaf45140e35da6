package classifiers

// Taxonomy lists every entity type of TAXONOMY.md with its category, in the
// document's order. The built-in catalogue covers all of them (tested).
var taxonomy = [...]struct{ Type, Category string }{
	{"EMAIL_ADDRESS", "PII"}, {"PHONE_NUMBER", "PII"}, {"US_SSN", "PII"}, {"US_ITIN", "PII"},
	{"CREDIT_CARD", "PII"}, {"IBAN", "PII"}, {"US_BANK_ROUTING", "PII"}, {"IP_ADDRESS", "PII"},
	{"MAC_ADDRESS", "PII"}, {"DATE_OF_BIRTH", "PII"}, {"US_PASSPORT", "PII"}, {"UK_NINO", "PII"},
	{"UK_NHS", "PII"}, {"CA_SIN", "PII"}, {"IN_AADHAAR", "PII"}, {"IN_PAN", "PII"}, {"ES_NIF", "PII"},
	{"IT_FISCAL_CODE", "PII"}, {"NL_BSN", "PII"}, {"BR_CPF", "PII"}, {"PL_PESEL", "PII"},
	{"SG_NRIC", "PII"}, {"AU_TFN", "PII"}, {"CRYPTO_WALLET", "PII"}, {"IMEI", "PII"},
	{"US_NPI", "PHI"}, {"US_DEA", "PHI"}, {"US_MBI", "PHI"}, {"ICD10_CODE", "PHI"},
	{"MEDICAL_RECORD_NUMBER", "PHI"},
	{"AWS_ACCESS_KEY_ID", "SECRET"}, {"AWS_SECRET_ACCESS_KEY", "SECRET"}, {"GITHUB_TOKEN", "SECRET"},
	{"GITLAB_TOKEN", "SECRET"}, {"SLACK_TOKEN", "SECRET"}, {"SLACK_WEBHOOK_URL", "SECRET"},
	{"STRIPE_SECRET_KEY", "SECRET"}, {"GOOGLE_API_KEY", "SECRET"}, {"GCP_SERVICE_ACCOUNT_KEY", "SECRET"},
	{"PRIVATE_KEY", "SECRET"}, {"JWT", "SECRET"}, {"OPENAI_API_KEY", "SECRET"},
	{"ANTHROPIC_API_KEY", "SECRET"}, {"HUGGINGFACE_TOKEN", "SECRET"}, {"NPM_TOKEN", "SECRET"},
	{"PYPI_TOKEN", "SECRET"}, {"AZURE_STORAGE_KEY", "SECRET"}, {"SENDGRID_API_KEY", "SECRET"},
	{"TWILIO_API_KEY", "SECRET"}, {"DATABASE_URL_WITH_PASSWORD", "SECRET"},
	{"PASSWORD_ASSIGNMENT", "SECRET"},
}

// TypeCategory returns the category of a TAXONOMY type and whether it exists.
func TypeCategory(t string) (string, bool) {
	for _, x := range taxonomy {
		if x.Type == t {
			return x.Category, true
		}
	}
	return "", false
}

// Types returns the TAXONOMY type names in document order.
func Types() []string {
	out := make([]string, len(taxonomy))
	for i, x := range taxonomy {
		out[i] = x.Type
	}
	return out
}
