package custom

import (
	"sort"

	"github.com/weir-dev/weir/classifiers/checksum"
)

// validators maps the names a YAML file may use onto the functions of
// package checksum. Aliases match the ValidatorName of built-in detectors.
var validators = map[string]func([]byte) bool{
	"luhn":           checksum.Luhn,
	"npi":            checksum.NPI,
	"iban":           checksum.IBAN,
	"mod97":          checksum.IBAN,
	"aba":            checksum.ABA,
	"verhoeff":       checksum.Verhoeff,
	"aadhaar":        checksum.Aadhaar,
	"nhs":            checksum.NHS,
	"nhs_mod11":      checksum.NHS,
	"bsn":            checksum.BSN,
	"bsn_11proof":    checksum.BSN,
	"cpf":            checksum.CPF,
	"cpf_mod11":      checksum.CPF,
	"pesel":          checksum.PESEL,
	"nric":           checksum.NRIC,
	"nric_mod11":     checksum.NRIC,
	"tfn":            checksum.TFN,
	"tfn_mod11":      checksum.TFN,
	"dea":            checksum.DEA,
	"spanish_id":     checksum.SpanishID,
	"nif_mod23":      checksum.SpanishID,
	"it_fiscal_code": checksum.ItalianFiscalCode,
	"codice_fiscale": checksum.ItalianFiscalCode,
	"ca_sin":         checksum.CASIN,
	"imei":           checksum.IMEI,
	"ssn":            checksum.SSN,
	"itin":           checksum.ITIN,
	"base58check":    checksum.Base58Check,
	"bech32":         checksum.Bech32Address,
	"eip55":          checksum.EIP55,
	"token_crc32":    checksum.TokenCRC32,
	"jwt":            checksum.JWT,
	"pem":            checksum.PEM,
	"pypi_macaroon":  checksum.PyPIMacaroon,
}

// ValidatorNames returns the validator names a YAML file may use, sorted.
func ValidatorNames() []string {
	out := make([]string, 0, len(validators))
	for n := range validators {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
