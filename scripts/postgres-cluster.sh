#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a directory of ours, listening only
# on a unix socket in that directory, never touching another database.
#   scripts/postgres-cluster.sh start DIR   prints the connection URL of the cluster's
#                                           `postgres` database (for CRADLE_TEST_POSTGRES)
#   scripts/postgres-cluster.sh stop DIR    stops it (the directory stays; remove it after)
# As root the cluster runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

command=${1:?start or stop}
dir=${2:?a directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "postgres-cluster.sh: no PostgreSQL server (install the postgresql package)" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $command in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    user=$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un )
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --no-sync -E UTF8 >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-k $dir -c listen_addresses='' -c fsync=off -c max_connections=50" start >/dev/null
    echo "postgresql:///postgres?host=$dir&user=$user"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "postgres-cluster.sh: start or stop" >&2
    exit 2
    ;;
esac
