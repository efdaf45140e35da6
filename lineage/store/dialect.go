package store

import (
	"strconv"
	"strings"
)

// dialect is what differs between the engines.
type dialect struct {
	name     string // "sqlite" or "postgres"
	driver   string // database/sql driver name
	dollar   bool   // placeholders are $1, $2, ... instead of ?
	least    string // two-argument minimum
	greatest string // two-argument maximum
}

var (
	sqliteDialect   = dialect{name: "sqlite", driver: "sqlite", least: "min", greatest: "max"}
	postgresDialect = dialect{name: "postgres", driver: "pgx", dollar: true, least: "LEAST", greatest: "GREATEST"}
)

// q rewrites a query written with '?' placeholders and the {least} and
// {greatest} markers for this dialect. Queries are weir's own constants: no
// '?' appears inside their string literals.
func (d dialect) q(query string) string {
	query = strings.NewReplacer("{least}", d.least, "{greatest}", d.greatest).Replace(query)
	if !d.dollar {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}
