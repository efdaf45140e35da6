package redact

import (
	"errors"
	"fmt"
	"maps"
)

// Operator names a redaction operator. The zero value is not an operator;
// Policy treats an empty Default as OpType.
type Operator string

// The operators. See the package documentation for examples.
const (
	// OpMask replaces every character with '*' except the last Policy.MaskKeep
	// characters and separators (see MaskSeparators), which stay in place so
	// the value's formatting survives. It never keeps more than half of the
	// value's non-separator characters. A character is a UTF-8 encoded rune or
	// one byte of invalid UTF-8; each masked character becomes one '*'.
	OpMask Operator = "mask"
	// OpType replaces the value with "<TYPE>".
	OpType Operator = "type"
	// OpHash replaces the value with "<TYPE:hmac:HEX>", HEX being the first 8
	// bytes of HMAC-SHA256 of the value under a key derived from the primary
	// key, in hex. Equal values give equal hashes under one primary key.
	OpHash Operator = "hash"
	// OpTokenize replaces the value with a reversible, deterministic token
	// (AES-SIV under the primary key, associated data TYPE); see TokenPrefix.
	OpTokenize Operator = "tokenize"
	// OpDrop removes the value; with Policy.DropField it removes the whole
	// text (the field the findings were made in).
	OpDrop Operator = "drop"
)

// DefaultMaskKeep is the number of trailing characters OpMask keeps when
// Policy.MaskKeep is 0.
const DefaultMaskKeep = 4

// MaskSeparators are the bytes OpMask leaves in place.
const MaskSeparators = " \t-./():"

// ErrPolicy is wrapped by New's errors about the policy or missing keys.
var ErrPolicy = errors.New("redact: invalid policy")

func (o Operator) valid() bool {
	switch o {
	case OpMask, OpType, OpHash, OpTokenize, OpDrop:
		return true
	}
	return false
}

func (o Operator) needsKeys() bool { return o == OpHash || o == OpTokenize }

// Policy chooses the operator for each entity type.
type Policy struct {
	// Default applies to types missing from PerType. Empty means OpType.
	Default Operator
	// PerType maps a TAXONOMY type (e.g. "EMAIL_ADDRESS") to its operator.
	PerType map[string]Operator
	// MaskKeep is how many trailing characters OpMask keeps. 0 means
	// DefaultMaskKeep; a negative value keeps none.
	MaskKeep int
	// DropField makes OpDrop remove the whole text rather than only the
	// value: for structured records, where the text is one field, the field
	// goes. Applied entries then have WholeField set.
	DropField bool
}

func (p Policy) operator(typ string) Operator {
	if op, ok := p.PerType[typ]; ok {
		return op
	}
	return p.Default
}

// normalize fills defaults, validates and copies p so the Redactor does not
// share the caller's map.
func (p Policy) normalize() (Policy, error) {
	if p.Default == "" {
		p.Default = OpType
	}
	if !p.Default.valid() {
		return p, fmt.Errorf("%w: unknown default operator %q", ErrPolicy, p.Default)
	}
	for typ, op := range p.PerType {
		if !op.valid() {
			return p, fmt.Errorf("%w: type %s: unknown operator %q", ErrPolicy, typ, op)
		}
		if !validType([]byte(typ)) {
			return p, fmt.Errorf("%w: type %q is not an UPPER_SNAKE type name", ErrPolicy, typ)
		}
	}
	p.PerType = maps.Clone(p.PerType)
	switch {
	case p.MaskKeep == 0:
		p.MaskKeep = DefaultMaskKeep
	case p.MaskKeep < 0:
		p.MaskKeep = 0
	}
	return p, nil
}

func (p Policy) needsKeys() bool {
	if p.Default.needsKeys() {
		return true
	}
	for _, op := range p.PerType {
		if op.needsKeys() {
			return true
		}
	}
	return false
}
