#!/usr/bin/env bash
# Runs every Go fuzz target in the module for $FUZZTIME (default 5s) each.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-5s}
n=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  targets=$(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u || true)
  for t in $targets; do
    echo "fuzz $pkg $t ($fuzztime)"
    go test -run='^$' -fuzz="^${t}\$" -fuzztime="$fuzztime" "$pkg" >/tmp/weir-fuzz.log 2>&1 || { cat /tmp/weir-fuzz.log; exit 1; }
    n=$((n+1))
  done
done
echo "fuzz: $n targets passed"
