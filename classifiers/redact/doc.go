// Package redact replaces detected values (classifiers.Finding spans) in a
// text with the output of a redaction operator chosen per entity type:
//
//	mask      "4111-1111-1111-1111" -> "****-****-****-1111" (keeps the last N characters)
//	type      "alice@example.com"   -> "<EMAIL_ADDRESS>"
//	hash      "alice@example.com"   -> "<EMAIL_ADDRESS:hmac:1f2e3d4c5b6a7980>" (keyed, stable per key)
//	tokenize  "alice@example.com"   -> "tok_EMAIL_ADDRESS_k1_…" (reversible with Detokenize)
//	drop      "alice@example.com"   -> "" (or the whole field, with Policy.DropField)
//
// Offsets are bytes; the text need not be valid UTF-8. Findings may come in any
// order and may touch, overlap or nest: overlapping findings are merged into
// one redaction covering their union, typed by the most confident finding, so
// no part of a value is left behind. Touching (adjacent) findings stay separate.
//
// The output of type, hash, tokenize and drop contains no byte of a redacted
// value; mask reveals only the kept tail and the separators (see OpMask).
// Applied records describe each replacement by type, operator and offsets,
// never by value.
//
// The hash and tokenize operators and Detokenize need a Keyring (see
// LoadKeyring); TokenPrefix documents the token format. Redactor and Keyring are immutable after
// construction and safe for concurrent use.
package redact
