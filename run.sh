#!/usr/bin/env bash
# Sets up (Debian packages), builds, makes development certificates and starts mdhubd on
# 127.0.0.1:7443 with mutual TLS and the sample data loaded. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
scripts/gen-dev-certs.sh .mdhub/certs ps health hrss aic mca scopsr land admin >/dev/null
mkdir -p .mdhub/env
for a in ps health hrss aic mca scopsr land admin; do
  cat > .mdhub/env/$a.sh <<ENV
# source me: the mdhub CLI then acts as agency "$a"
export MDHUB_SERVER=localhost:7443 MDHUB_CA=$PWD/.mdhub/certs/ca.crt
export MDHUB_CERT=$PWD/.mdhub/certs/$a.crt MDHUB_KEY=$PWD/.mdhub/certs/$a.key
export PATH=$PWD/build/tools:\$PATH
ENV
done

build/services/mdhubd --config config/mdhubd.toml &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server' INT TERM EXIT
for _ in $(seq 50); do
  (source .mdhub/env/ps.sh && mdhub ping --timeout 1 >/dev/null 2>&1) && break
  kill -0 $server 2>/dev/null || { echo "mdhubd failed to start; see the log above" >&2; exit 1; }
  sleep 0.2
done
(source .mdhub/env/ps.sh && mdhub import --quiet --mapping docs/examples/sample/hukou.toml docs/examples/sample/hukou.csv)
(source .mdhub/env/health.sh && mdhub import --quiet --mapping docs/examples/sample/patients.toml docs/examples/sample/patients.jsonl)
(source .mdhub/env/aic.sh && mdhub import --quiet --mapping docs/examples/sample/enterprises.toml docs/examples/sample/enterprises.csv)
# A generated cadastre around Nanning on the one map (once: the import creates the layer).
if ! (source .mdhub/env/land.sh && mdhub layer show land.parcel >/dev/null 2>&1); then
  build/tools/mdhub gen parcels --count 5000 --out .mdhub/parcels.gpkg --quiet >/dev/null
  (source .mdhub/env/land.sh && mdhub layer import .mdhub/parcels.gpkg --layer land.parcel --create \
     --title "宗地 (generated)" --id-property parcel_code >/dev/null)
fi
cat <<MSG

mdhubd is serving on localhost:7443 (mutual TLS) with the sample data; metrics at
http://127.0.0.1:9464/metrics. In another terminal, act as an agency and look around:

  source .mdhub/env/ps.sh
  mdhub lookup person 450102199003071238 --members
  mdhub whoami

The README's five-minute tour goes on from there. Ctrl-C stops the server.
MSG
wait $server
