#!/usr/bin/env bash
# postgres_cluster.sh start|stop DIR [durable] — a throw-away PostgreSQL cluster
# for the server tests, started and stopped by ctest fixtures
# (tests/server/CMakeLists.txt), and for shell/bench.
#
# start: initdb a new cluster (Debian's postgresql package: /usr/lib/postgresql/*/bin)
#        with a trusted superuser "tokhai", listening only on 127.0.0.1 at a free
#        port and on no Unix socket; writes its URL to DIR/url. Built for speed,
#        not safety: fsync off (the tests kill tokhai-server, never PostgreSQL),
#        unless "durable" is given (benchmarks: fsync and full-page writes on,
#        as in production).
# stop:  stops it and removes its files.
#
# PostgreSQL refuses to run as root, so as root (CI) the cluster runs as the
# "postgres" user that the Debian package creates (or "nobody"), in DIR/data
# when that user can reach DIR, else in a fresh folder under /tmp.
set -euo pipefail

action=${1:?usage: postgres_cluster.sh start|stop DIR [durable]}
dir=${2:?usage: postgres_cluster.sh start|stop DIR [durable]}
safety="-c fsync=off -c full_page_writes=off"
[ "${3:-}" = durable ] && safety="-c fsync=on -c full_page_writes=on"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
[ -x "$bin/initdb" ] || { echo "postgres_cluster: PostgreSQL is not installed (run shell/deps)" >&2; exit 1; }

owner=""
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
fi
as_owner() {
  if [ -n "$owner" ]; then (cd / && runuser -u "$owner" -- "$@"); else "$@"; fi
}

stop_cluster() {
  [ -f "$dir/data_dir" ] || return 0
  local data
  data=$(cat "$dir/data_dir")
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$data" "$dir/data_dir" "$dir/url"
}

case $action in
  start)
    stop_cluster  # left over from an interrupted run
    data="$dir/data"
    if [ -n "$owner" ]; then
      mkdir -p "$data" && chown "$owner" "$data"
      if ! runuser -u "$owner" -- test -w "$data"; then
        rm -rf "$data"
        data=$(mktemp -d /tmp/tokhai-postgres-XXXXXX)
        chown "$owner" "$data"
      fi
    fi
    echo "$data" >"$dir/data_dir"
    as_owner "$bin/initdb" -D "$data" -U tokhai --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$((20000 + RANDOM % 20000))
    for attempt in 1 2 3 4 5 6 7 8; do
      if as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= $safety \
            -c max_connections=300 -c shared_buffers=128MB" \
        >"$dir/pg_ctl.log" 2>&1; then
        echo "postgresql://tokhai@127.0.0.1:$port/postgres" >"$dir/url"
        echo "postgres_cluster: running on 127.0.0.1:$port ($data)"
        exit 0
      fi
      grep -q "could not bind\|already in use" "$data/server.log" 2>/dev/null || break
      port=$((port + 1 + RANDOM % 100))
    done
    cat "$dir/pg_ctl.log" "$data/server.log" >&2 2>/dev/null || true
    exit 1
    ;;
  stop)
    stop_cluster
    echo "postgres_cluster: stopped"
    ;;
  *)
    echo "usage: postgres_cluster.sh start|stop DIR [durable]" >&2
    exit 2
    ;;
esac
