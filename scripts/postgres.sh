#!/usr/bin/env bash
# Real PostgreSQL for weir's tests (pgvector-style capture, the lineage
# store). Uses the Debian server binaries (/usr/lib/postgresql/*/bin; when
# absent and running as root: apt-get install postgresql), initdb's a
# temporary cluster with wal_level=logical and replication slots, starts it
# on 127.0.0.1 only, on a free port, as an unprivileged user (postgres, or
# the calling user when not root), and exports:
#   WEIR_PG_DSN=postgres://weir:PASSWORD@127.0.0.1:PORT/postgres?sslmode=disable
#     (a superuser with REPLICATION; tests create their own databases)
#
#   scripts/postgres.sh run CMD ARGS   start a server, run CMD with the env set, stop it, clean up
#   scripts/postgres.sh start          start a server in the background; print the env as shell
#                                      exports (eval "$(scripts/postgres.sh start)"); stop it
#                                      with: scripts/postgres.sh stop "$WEIR_PG_DIR"
#   scripts/postgres.sh stop DIR       stop a server started with start and remove DIR
#   scripts/postgres.sh bindir         print the directory of the server binaries
# Composes with scripts/minio.sh: scripts/minio.sh run scripts/postgres.sh run go test ./...
set -euo pipefail

find_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
    echo "$d"
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "postgres.sh: installing PostgreSQL (apt-get install postgresql)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then
      echo "$d"
      return 0
    fi
  fi
  echo "postgres.sh: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
  return 1
}

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  echo "postgres.sh: no free port found" >&2
  return 1
}

# as_pg runs a command as the unprivileged server user (initdb and postgres
# refuse to run as root).
as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PGUSER_OS" -- "$@"
  else
    "$@"
  fi
}

# start_server sets BIN, DIR, PORT, PASS.
start_server() {
  BIN=$(find_bindir)
  PGUSER_OS=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    PGUSER_OS=postgres
    if ! id "$PGUSER_OS" >/dev/null 2>&1; then
      useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"
    fi
  fi
  DIR=$(mktemp -d "${TMPDIR:-/tmp}/weir-pg.XXXXXX")
  chmod 700 "$DIR"
  [ "$(id -u)" = 0 ] && chown "$PGUSER_OS" "$DIR"
  PORT=$(free_port)
  PASS=weir-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$PASS" >"$DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown "$PGUSER_OS" "$DIR/pwfile"
  as_pg "$BIN/initdb" -D "$DIR/data" -U weir --pwfile="$DIR/pwfile" --auth=scram-sha-256 \
    -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
    echo "postgres.sh: initdb failed:" >&2
    cat "$DIR/initdb.log" >&2
    return 1
  }
  rm -f "$DIR/pwfile"
  # Loopback only; logical decoding for pgoutput; fsync off (throwaway data).
  cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
wal_level = logical
max_replication_slots = 32
max_wal_senders = 32
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  if ! as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >/dev/null; then
    echo "postgres.sh: server did not start:" >&2
    cat "$DIR/server.log" >&2
    return 1
  fi
}

stop_server() {
  local dir=$1 bin
  bin=$(find_bindir)
  if [ -f "$dir/data/postmaster.pid" ]; then
    PGUSER_OS=$(stat -c %U "$dir/data")
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

env_exports() {
  echo "export WEIR_PG_DSN='postgres://weir:$PASS@127.0.0.1:$PORT/postgres?sslmode=disable'"
  echo "export WEIR_PG_DIR=$DIR"
}

case "${1:-}" in
bindir)
  find_bindir
  ;;
start)
  start_server
  env_exports
  ;;
stop)
  [ $# -eq 2 ] || { echo "usage: scripts/postgres.sh stop DIR" >&2; exit 2; }
  case "$2" in */weir-pg.*) ;; *) echo "postgres.sh: not a postgres.sh directory: $2" >&2; exit 2 ;; esac
  stop_server "$2"
  ;;
run)
  shift
  [ $# -gt 0 ] || { echo "usage: scripts/postgres.sh run CMD [ARGS...]" >&2; exit 2; }
  start_server
  cleanup() { stop_server "$DIR"; }
  trap cleanup EXIT
  trap 'exit 130' INT # signals exit through the EXIT trap: the server never outlives the run
  trap 'exit 143' TERM
  eval "$(env_exports)"
  echo "postgres.sh: PostgreSQL on 127.0.0.1:$PORT (data $DIR)" >&2
  "$@"
  ;;
*)
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
  ;;
esac
