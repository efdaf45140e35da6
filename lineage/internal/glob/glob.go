// Package glob compiles the globs of lineage rules and policies
// ("s3://training/*", "mlflow://prod/*") to regular expressions.
package glob

import (
	"regexp"
	"strings"
)

// Compile returns the anchored regular expression of glob p: '*' matches
// any run of characters ('/' included), '?' one character; the rest is
// literal.
func Compile(p string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for _, r := range p {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}
