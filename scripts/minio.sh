#!/usr/bin/env bash
# Real MinIO for weir's S3 tests. Builds a pinned MinIO server once into a
# cache directory (about 2.5-3 minutes; reused afterwards), starts it on
# 127.0.0.1 with a random port and a temporary data directory, and exports
# the environment weir and its tests read:
#   WEIR_S3_ENDPOINT=http://127.0.0.1:PORT AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_REGION
#
#   scripts/minio.sh build          build (or find) the server binary, print its path
#   scripts/minio.sh run CMD ARGS   start a server, run CMD with the env set, stop the server
#   scripts/minio.sh start          start a server in the background; print the env as
#                                   shell exports (eval "$(scripts/minio.sh start)") and
#                                   the PID to stop it with (WEIR_MINIO_PID)
set -euo pipefail
cd "$(dirname "$0")/.."

MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
cache=${WEIR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/weir}
bindir="$cache/minio-$MINIO_VERSION"
bin="$bindir/minio"

build() {
  if [ -x "$bin" ]; then
    return
  fi
  mkdir -p "$bindir"
  echo "minio.sh: building MinIO $MINIO_VERSION into $bindir (takes about 3 minutes, once)" >&2
  # Built outside the module so weir's go.mod is untouched.
  (cd "$bindir" && GOBIN="$bindir" GOFLAGS=-mod=mod go install "github.com/minio/minio@$MINIO_VERSION") >&2
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
  echo "minio.sh: no free port found" >&2
  return 1
}

# start_server sets PORT, DATA, PID, USER_, PASS.
start_server() {
  build
  DATA=$(mktemp -d "${TMPDIR:-/tmp}/weir-minio.XXXXXX")
  PORT=$(free_port)
  local console
  console=$(free_port)
  USER_=weirtest
  PASS=weir-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
  MINIO_ROOT_USER=$USER_ MINIO_ROOT_PASSWORD=$PASS MINIO_BROWSER=off MINIO_UPDATE=off \
    "$bin" server --quiet --address "127.0.0.1:$PORT" --console-address "127.0.0.1:$console" "$DATA/data" \
    >"$DATA/minio.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null &&
      { ! command -v curl >/dev/null || curl -fs "http://127.0.0.1:$PORT/minio/health/ready" >/dev/null; }; then
      return 0
    fi
    if ! kill -0 "$PID" 2>/dev/null; then
      echo "minio.sh: server exited:" >&2
      cat "$DATA/minio.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "minio.sh: server not ready after 15s:" >&2
  cat "$DATA/minio.log" >&2
  kill "$PID" 2>/dev/null || true
  return 1
}

env_exports() {
  echo "export WEIR_S3_ENDPOINT=http://127.0.0.1:$PORT"
  echo "export AWS_ACCESS_KEY_ID=$USER_"
  echo "export AWS_SECRET_ACCESS_KEY=$PASS"
  echo "export AWS_REGION=us-east-1"
  echo "export WEIR_MINIO_PID=$PID"
  echo "export WEIR_MINIO_DIR=$DATA"
}

case "${1:-}" in
build)
  build
  echo "$bin"
  ;;
start)
  start_server
  env_exports
  ;;
run)
  shift
  [ $# -gt 0 ] || { echo "usage: scripts/minio.sh run CMD [ARGS...]" >&2; exit 2; }
  start_server
  cleanup() {
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    rm -rf "$DATA"
  }
  trap cleanup EXIT
  eval "$(env_exports)"
  echo "minio.sh: MinIO on $WEIR_S3_ENDPOINT (pid $PID, data $DATA)" >&2
  "$@"
  ;;
*)
  sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
