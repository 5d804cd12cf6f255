#!/usr/bin/env bash
# A throwaway PostgreSQL server for the end-to-end tests of the team hub:
#   pg-test-cluster.sh start DIR PASSWORD   → prints the port it listens on
#   pg-test-cluster.sh stop DIR
#   pg-test-cluster.sh restart DIR          → the same port again
# The cluster lives in DIR (made by the caller), listens on a free port of
# 127.0.0.1 with its socket in DIR, has a superuser `admin` with PASSWORD
# and an empty database `team`. initdb and the server refuse to run as
# root, so as root (CI) they run as the `postgres` system user. The Rust
# tests do the same in tests/it/pg.rs.
set -euo pipefail
what=${1:?start or stop}
dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then as_pg=(runuser -u postgres --); fi
case "$what" in
  start)
    password=${3:?a password for admin}
    printf '%s' "$password" > "$dir/pw"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; chmod 755 "$dir"; fi
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A scram-sha-256 --pwfile="$dir/pw" -U admin --no-sync >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" \
      -l "$dir/log" -w start >/dev/null
    PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U admin -d postgres -qc "CREATE DATABASE team" >/dev/null
    echo "$port" > "$dir/port"
    echo "$port"
    ;;
  restart)
    port=$(cat "$dir/port")
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" \
      -l "$dir/log" -w start >/dev/null
    ;;
  stop)
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start DIR PASSWORD | stop DIR | restart DIR" >&2
    exit 2
    ;;
esac
