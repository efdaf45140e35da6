package pii

import (
	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// americasSpecs: Canadian SIN (Luhn) and Brazilian CPF (two mod-11 digits).
func americasSpecs() []detector.Spec {
	cpfContext := []string{
		"brazil", "brasil", // the country of a tax-residence row
		"cpf", "cpf nº", "cpf no", "c.p.f.", "cadastro de pessoas físicas",
		"cadastro de pessoa física", "cadastro de pessoas fisicas", "cadastro de pessoa fisica",
		"número do cpf", "numero do cpf", "cic", "cpfnumber", "numerocpf",
	}
	specs := []detector.Spec{
		{
			ID:       "ca_sin",
			Type:     "CA_SIN",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 9, Max: 9},
			Before:   4, After: 4,
			// First digit 1-7 (regions) or 9 (temporary residents); 0 and 8
			// are never issued to people.
			Pattern:       natBounded(`[1-79][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}`),
			Group:         1,
			Validator:     natBoth(checksum.CASIN, natSameSeps),
			ValidatorName: "luhn",
			// Nine digits 3-3-3 are also TFNs, SSNs, BSNs and routing numbers;
			// one in ten passes Luhn, so only report with context.
			Confidence: natRequiredConf,
			Need:       detector.ContextRequired,
			Context: []string{
				"sin", "sin #", "sin no", "social insurance", "social insurance number",
				"tax_id_ca", "ca_tax_id", "sin_ca", "ca_sin", "taxidca",
				"numéro d'assurance sociale", "numero d'assurance sociale", "assurance sociale",
				"nas", "n.a.s.", "s.i.n.",
				"sinnumber", "socialinsurancenumber", // camelCase keys
				"canada", "canadian", // the country of a tax-residence row
			},
			Placeholders: []string{"046 454 286", "123 456 782"},
			Examples: []string{
				"my Social Insurance Number is 618 058 887",
				"SIN: 616-723-268",
				"Verification note: SIN on file is 287371678; thanks",
				"Numéro d'assurance sociale : 618 058 887",
			},
			Negatives: []string{
				"SIN: 618 008 887",   // one digit changed
				"SIN: 618 085 887",   // transposed digits
				"SIN 816 723 268",    // first digit 8 never issued (and Luhn)
				"ref 618 058 887 ok", // valid Luhn, no context
				"SIN: 046 454 286",   // documented sample
				"SIN: 618 058-887",   // mixed separators
			},
		},
		{
			ID:       "br_cpf",
			Type:     "BR_CPF",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 11, Max: 11},
			Before:   4, After: 4,
			// The official mask 000.000.000-00 (and 000000000-00); two check
			// digits make a formatted value self-identifying.
			Pattern:       natBounded(`[0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9]{9}-[0-9]{2}`),
			Group:         1,
			Validator:     checksum.CPF,
			ValidatorName: "cpf_mod11",
			Confidence:    0.85,
			Need:          detector.ContextNo,
			Context:       cpfContext,
			Placeholders:  []string{"123.456.789-09", "111.444.777-35", "000.000.000-00"},
			Examples: []string{
				"my CPF is 100.085.771-96",
				"Identity verified - CPF: 877.303.356-11 (matches)",
				"contribuinte 175064573-42 cadastrado",
			},
			Negatives: []string{
				"CPF 100.085.077-96",            // one digit changed
				"CPF 100.087.571-96",            // transposed digits
				"CPF 111.111.111-11",            // repeated digit passes the arithmetic
				"CPF 123.456.789-09",            // documented sample
				"peer 185.127.198.85 connected", // IPv4 address, not the CPF mask
			},
		},
		{
			ID:       "br_cpf_bare",
			Type:     "BR_CPF",
			Category: detector.PII,
			Digits:   &detector.DigitTrigger{Min: 11, Max: 11},
			Before:   4, After: 4,
			// Eleven bare digits (or spaced 3-3-3-2) collide with PESEL and
			// phone numbers: report only next to a CPF keyword or column.
			Pattern:       natBounded(`[0-9]{11}|[0-9]{3} [0-9]{3} [0-9]{3} [0-9]{2}`),
			Group:         1,
			Validator:     checksum.CPF,
			ValidatorName: "cpf_mod11",
			Confidence:    natRequiredConf,
			Need:          detector.ContextRequired,
			Context:       cpfContext,
			Placeholders:  []string{"12345678909", "11144477735"},
			Examples: []string{
				"Verification note: CPF nº on file is 10008577196; ok",
				"cpf=87730335611",
				"Meu CPF é 175 064 573 42.",
			},
			Negatives: []string{
				"CPF nº 10008077196",     // one digit changed
				"CPF nº 10008757196",     // transposed digits
				"order 10008577196 paid", // valid but bare without context
				"CPF 12345678909",        // documented sample
			},
		},
	}
	return append(specs,
		natLabeled(specs[0], "ca_sin_labeled",
			`sin|s\.i\.n\.|social insurance|assurance sociale|nas|n\.a\.s\.`,
			[]string{"sin ", "sin:", "sin#", "sin-", "s.i.n", "social insurance", "assurance sociale", "nas ", "nas:", "n.a.s"},
			`[1-79][0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3}`,
			[]string{"Numéro d'assurance sociale : 618 058 887", "Social Insurance Number (SIN): 616-723-268"}),
		natLabeled(specs[2], "br_cpf_labeled",
			`cpf|c\.p\.f\.|cadastro de pessoas? f[íi]sicas?`,
			[]string{"cpf", "c.p.f", "cadastro de pessoa"},
			`[0-9]{11}|[0-9]{3}[ .][0-9]{3}[ .][0-9]{3}[ .-]?[0-9]{2}|[0-9]{9}-[0-9]{2}`,
			[]string{"Meu CPF é 100 085 771 96", "CPF nº: 87730335611"}),
		natSpoken("us_ssn_spoken", "US_SSN", `ssn|social security(?: number| no\.?)?`,
			[]string{"ssn", "social security"}, []int{3, 2, 4}, checksum.SSN, "ssn_ranges", ssnContext,
			[]string{
				"Agent: can I get your social security number?\nCaller: sure, it's 170 ... 96 ... 3391.",
				"caller read SSN as 589, 90, 4261 and DOB",
			},
			[]string{
				"social security number is 666 ... 42 ... 7397", // area 666
				"social security number is 228 ... 00 ... 7397", // group 00
				"ssn ends in 3391, 96, 170 something",           // wrong group sizes
				"call me at 170 ... 96 ... 3391",                // no label
			}),
		natSpoken("ca_sin_spoken", "CA_SIN", `sin|social insurance(?: number)?|num[ée]ro d'assurance sociale|assurance sociale`,
			[]string{"sin ", "sin:", "sin#", "social insurance", "assurance sociale"}, []int{3, 3, 3}, checksum.CASIN, "luhn", specs[0].Context,
			[]string{"Caller: my social insurance number is 618 ... 058 ... 887, yes."},
			[]string{
				"my social insurance number is 618 ... 058 ... 888", // Luhn fails
				"single 618 ... 058 ... 887",                        // "sin" inside a word
			}),
	)
}
