#!/usr/bin/env bash
# A throwaway PostgreSQL server for head office's tests: installs Debian's `postgresql` when missing, starts
# a cluster in a temporary folder on a free port (as the `postgres` user when run as root: initdb refuses
# root), or finds the one already running, and prints its URL. Sourced, it exports
# FOLENI_HQ_TEST_DATABASE_URL. Called by scripts/ensure-test-deps.sh and by the HQ tests themselves.
set -euo pipefail

dir="${FOLENI_HQ_PG_DIR:-${TMPDIR:-/tmp}/foleni-hq-pg-$(id -u)}"
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

bin="$(pg_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "Installing PostgreSQL from Debian for the head-office tests" >&2
  sudo=''
  [ "$(id -u)" -eq 0 ] || sudo='sudo'
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq postgresql >/dev/null
  bin="$(pg_bin)"
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
exec 9>"$dir.lock"
flock 9

if [ -f "$dir/port" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  port="$(cat "$dir/port")"
else
  as_owner "$bin/pg_ctl" -D "$dir/data" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir/data" "$dir/port"
  port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 9>&-
  echo "$port" >"$dir/port"
fi

export FOLENI_HQ_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
# Run, not sourced: say the URL for the caller.
(return 0 2>/dev/null) || echo "$FOLENI_HQ_TEST_DATABASE_URL"
