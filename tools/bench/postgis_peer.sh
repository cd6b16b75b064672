#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 cluster for the spatial benchmarks (the peer the issue
# names), on a Unix socket in DIR: nothing listens on the network.
#   tools/bench/postgis_peer.sh start DIR [PORT]   prints the libpq conninfo of database "bench"
#   tools/bench/postgis_peer.sh stop DIR
# Needs the Debian packages postgresql-15 and postgresql-15-postgis-3 (tools/bench/README.md).
# Settings: fsync and synchronous commit stay on (as mdhub's synced writes); shared_buffers 2 GB.
set -euo pipefail
cmd=${1:?start or stop} dir=${2:?cluster directory} port=${3:-5439}
bin=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    [ -f "$dir/PG_VERSION" ] || as_pg "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1 ||  # already running: reuse it
    as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w start \
      -o "-p $port -k $dir -c listen_addresses='' -c shared_buffers=2GB -c work_mem=64MB \
          -c maintenance_work_mem=1GB -c max_wal_size=8GB -c jit=off" >/dev/null
    psql() { command psql -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
    psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1 ||
      psql -d postgres -c "CREATE DATABASE bench"
    psql -d bench -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
    echo "host=$dir port=$port user=postgres dbname=bench"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
