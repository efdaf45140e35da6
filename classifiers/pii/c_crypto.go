package pii

import (
	"bytes"

	"github.com/weir-dev/weir/classifiers/checksum"
	"github.com/weir-dev/weir/classifiers/detector"
)

// Cryptocurrency wallet addresses: Bitcoin base58check (P2PKH 1..., P2SH
// 3...), bech32 (bc1q) and bech32m (bc1p), Ethereum 0x + 40 hex (EIP-55).
// A 0x + 64 hex transaction hash is pulled into the group whole and fails
// the length check.

var cryptoContext = []string{
	"wallet", "address", "btc", "bitcoin", "eth", "ethereum", "ether", "crypto", "send", "deposit",
	"withdraw", "withdrawal", "payout", "usdt", "erc20", "erc-20", "metamask", "ledger", "billetera",
	"portefeuille", "carteira", "portafoglio", "adresse", "dirección", "indirizzo", "钱包", "地址",
}

func cryptoSpecs() []detector.Spec {
	return []detector.Spec{
		{
			ID:       "crypto_btc_base58",
			Type:     "CRYPTO_WALLET",
			Category: detector.PII,
			// 26-35 base58 characters: about five digits and 25 letters.
			Digits:        &detector.DigitTrigger{Min: 1, Max: 34, MinLetters: 16, Shape: shapeBase58},
			Before:        2,
			After:         2,
			Pattern:       `(?:^|[^0-9A-Za-z_/+=]|\\[nrt])([13][1-9A-HJ-NP-Za-km-z]{25,34})\b`,
			Group:         1,
			Validator:     checksum.Base58Check,
			ValidatorName: "base58check",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       cryptoContext,
			Placeholders: []string{
				"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
				"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
			},
			Examples: []string{
				"send to 1KUCzSr49wPWckUDouJLybJuRYtViF5hfM please",
				"BTC: 37MaqGePco8NRnndHVmm85hZHwqEtL2LUv",
				`{"wallet":"1KUCzSr49wPWckUDouJLybJuRYtViF5hfM"}`,
			},
			Negatives: []string{
				"invalid address rejected: 1KUCzSr49wPWckUDouJLybJuRYtViF5hfN", // one char changed
				"BTC: 37MaqGePco8NRnndHVmm85hZHwqEtL2LvU",                      // transposed
				"token 1KUCzSr49wPWckUDouJLybJuRYtViF5hfMx",                    // longer token
				"genesis 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",                   // well-known example
			},
		},
		{
			ID:            "crypto_btc_bech32",
			Type:          "CRYPTO_WALLET",
			Category:      detector.PII,
			Keywords:      []string{"bc1"},
			Before:        2,
			After:         96,
			Pattern:       `(?:^|[^0-9A-Za-z_]|\\[nrt])((?:bc1|BC1)[0-9A-Za-z]{11,87})\b`,
			Group:         1,
			Validator:     checksum.Bech32Address,
			ValidatorName: "bech32",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       cryptoContext,
			Placeholders: []string{
				"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
				"bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
				"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
			},
			Examples: []string{
				"payout bc1q9e7jcqaf2pawye0v7k6n26y955ee8gsztpqggj",
				"bc1qrzkruu6r7qtgjrz3p6fljdfxz95ancl4v4pkg2vrp7hsjd85lrjqc6hphu",
				"taproot bc1p8aumk76rtvzny9j3mthaxaxdc6qacph65e0rwn3cxdac3jsydh4qzeuucw",
			},
			Negatives: []string{
				"bc1q9e7jcqaf2pawye0v7k6n26y955ee8gsztpqggk", // checksum fails
				"bc1q9e7jcqaf2pawye0v7k6n26y955ee8gsztpqgjg", // transposed
				"bc1p8aumk76rtvzny9j3mthaxaxdc6qacph65e0rwn3cxdac3jsydh4qzeuu",
				"BC1Q9e7jcqaf2pawye0v7k6n26y955ee8gsztpqggj", // mixed case
			},
		},
		{
			ID:       "crypto_eth_eip55",
			Type:     "CRYPTO_WALLET",
			Category: detector.PII,
			Keywords: []string{"0x"},
			Before:   2,
			After:    80,
			// \b (ASCII word boundary) refuses longer hex runs (tx hashes,
			// 32-byte words) inside RE2: a match costs a call into it.
			Pattern:       `(?:^|[^0-9A-Za-z_]|\\[nrt])(0x[0-9A-Fa-f]{40})\b`,
			Group:         1,
			Validator:     func(v []byte) bool { return len(v) == 42 && ethMixedCase(v) && checksum.EIP55(v) },
			ValidatorName: "eip55",
			Confidence:    0.9,
			Need:          detector.ContextNo,
			Context:       cryptoContext,
			Placeholders: []string{
				"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
				"0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
			},
			Examples: []string{
				"send to 0x252F10c83610ebCA1a059C0Bae8255EBA2F95bE4",
				`"to": "0xCd0aa9856147b6c5B4FF2b7DFeE5da20Aa382530"`,
				"ETH 0x252F10c83610ebCA1a059C0Bae8255EBA2F95bE4.",
			},
			Negatives: []string{
				"tx 0xaaa9402664f1a41f40ebbc52c9993eb66aeb366602958fdfaa283b71e64db123 confirmed", // tx hash
				"0x252F10c83610ebCA1a059C0Bae8255EBA2F95bE5",                                      // one digit changed
				"0x252f10C83610ebCA1a059C0Bae8255EBA2F95bE4",                                      // case flipped
				"0x252F10c83610ebCA1a059C0Bae8255EBA2F95bE",                                       // 39 hex
			},
		},
		{
			// All-lower or all-upper addresses carry no checksum.
			ID:       "crypto_eth_plain",
			Type:     "CRYPTO_WALLET",
			Category: detector.PII,
			Keywords: []string{"0x"},
			Before:   2,
			After:    80,
			// One letter case only (mixed case is crypto_eth_eip55's).
			Pattern:       `(?:^|[^0-9A-Za-z_]|\\[nrt])(0x(?:[0-9a-f]{40}|[0-9A-F]{40}))\b`,
			Group:         1,
			Validator:     func(v []byte) bool { return len(v) == 42 && !ethMixedCase(v) && !cAllSame(v[2:]) },
			ValidatorName: "eth_hex",
			Confidence:    0.6,
			Need:          detector.ContextHelps,
			Context:       cryptoContext,
			Placeholders:  []string{"0x0000000000000000000000000000000000000000", "0x000000000000000000000000000000000000dead"},
			Examples: []string{
				"wallet 0x252f10c83610ebca1a059c0bae8255eba2f95be4",
				"send ETH to 0xcd0aa9856147b6c5b4ff2b7dfee5da20aa382530",
				`"address":"0x252F10C83610EBCA1A059C0BAE8255EBA2F95BE4"`,
			},
			Negatives: []string{
				"tx 0xaaa9402664f1a41f40ebbc52c9993eb66aeb366602958fdfaa283b71e64db123",
				"burn 0x0000000000000000000000000000000000000000",
				"0x252f10c83610ebca1a059c0bae8255eba2f95be",   // 39 hex
				"0x252f10c83610ebca1a059c0bae8255eba2f95be4g", // glued
			},
		},
	}
}

func ethMixedCase(v []byte) bool {
	h := v[2:]
	return bytes.ContainsAny(h, "abcdef") && bytes.ContainsAny(h, "ABCDEF")
}
