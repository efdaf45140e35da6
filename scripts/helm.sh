#!/usr/bin/env bash
# Helm checks of deploy/helm/weir. Builds a pinned Helm from the Go module
# proxy once (about a minute with a warm module cache; cached under
# ~/.cache/weir like scripts/minio.sh's MinIO), then:
#
#   scripts/helm.sh build          build (or find) helm, print its path
#   scripts/helm.sh check          helm lint + helm template of the chart with
#                                  the default values and with every role on
#                                  (deploy/helm/weir/ci/all-roles-values.yaml)
#   scripts/helm.sh run CMD ARGS   check, then run CMD with WEIR_HELM set, e.g.
#                                  scripts/helm.sh run go test ./deploy/...
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_VERSION=v3.21.4
cache=${WEIR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/weir}
bindir="$cache/helm-$HELM_VERSION"
bin="$bindir/helm"
chart=deploy/helm/weir

build() {
  if [ -x "$bin" ]; then
    return
  fi
  mkdir -p "$bindir"
  echo "helm.sh: building Helm $HELM_VERSION into $bindir (once)" >&2
  # Built outside the module so weir's go.mod is untouched; the version is
  # stamped as Helm's own release build does.
  (cd "$bindir" && GOBIN="$bindir" GOFLAGS=-mod=mod CGO_ENABLED=0 go install \
    -ldflags "-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION") >&2
}

check() {
  build
  local out
  out=$(mktemp -d "${TMPDIR:-/tmp}/weir-helm.XXXXXX")
  trap 'rm -rf "$out"' RETURN
  for values in "" "$chart/ci/all-roles-values.yaml"; do
    local args=() name=default
    if [ -n "$values" ]; then
      args=(-f "$values")
      name=$(basename "$values" .yaml)
    fi
    "$bin" lint --strict "$chart" "${args[@]}" >"$out/lint.txt" 2>&1 || { cat "$out/lint.txt" >&2; exit 1; }
    "$bin" template weir "$chart" "${args[@]}" >"$out/$name.yaml" || exit 1
    echo "helm.sh: $name: lint ok, template ok ($(grep -c '^kind:' "$out/$name.yaml") objects)" >&2
  done
}

case "${1:-}" in
build)
  build
  echo "$bin"
  ;;
check)
  check
  ;;
run)
  shift
  [ $# -gt 0 ] || { echo "usage: scripts/helm.sh run CMD [ARGS...]" >&2; exit 2; }
  check
  export WEIR_HELM="$bin"
  "$@"
  ;;
*)
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
