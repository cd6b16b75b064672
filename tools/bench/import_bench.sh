#!/usr/bin/env bash
# Bulk-import benchmark: N synthetic persons through `mdhub import` (a) streamed to mdhubd over
# mutual TLS and (b) offline with --data-dir, each into an empty store. Run from the repository
# root after building: tools/bench/import_bench.sh [N]
set -euo pipefail
n=${1:-200000}
build=${BUILD_DIR:-build}
work=$(mktemp -d /tmp/mdhub-import-bench.XXXXXX)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
"$build/tools/mdhub_bench" gen-persons --count "$n" --out "$work/persons.csv"
scripts/gen-dev-certs.sh "$work/certs" bench >/dev/null
printf '[agencies.bench]\nmethods = ["*"]\nwrite_sources = ["*"]\n' > "$work/policy.toml"
cat > "$work/mdhubd.toml" <<CFG
listen = "127.0.0.1:17443"
metrics_listen = ""
http_listen = ""
data_dir = "data-server"
log_level = "warning"
policy_file = "policy.toml"
[tls]
cert = "certs/server.crt"
key = "certs/server.key"
client_ca = "certs/ca.crt"
CFG
"$build/services/mdhubd" --config "$work/mdhubd.toml" &
server=$!
export MDHUB_SERVER=localhost:17443 MDHUB_CA=$work/certs/ca.crt
export MDHUB_CERT=$work/certs/bench.crt MDHUB_KEY=$work/certs/bench.key
for _ in $(seq 50); do "$build/tools/mdhub" ping --timeout 1 >/dev/null 2>&1 && break; sleep 0.2; done
echo "== (a) streamed to mdhubd (SubmitRecords over mutual TLS, fsync on):"
"$build/tools/mdhub" import --quiet --mapping "$work/persons.toml" "$work/persons.csv"
kill -TERM $server; wait $server || true
echo "== (b) offline into a stopped server's store (--data-dir):"
"$build/tools/mdhub" import --quiet --data-dir "$work/data-offline" \
  --mapping "$work/persons.toml" "$work/persons.csv"
