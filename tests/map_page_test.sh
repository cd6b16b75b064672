#!/usr/bin/env bash
# map_page_test: the web map page end to end. Starts mdhubd in development mode (temp data dir and
# policy, every port ephemeral, web_dir = web/dist), loads a polygon layer with the mdhub CLI, and
# runs tests/map_page_test.js, which drives the page in headless Chromium: screenshot shows the
# features, the layer checkbox hides them, a click shows the feature's attributes.
# Usage: map_page_test.sh MDHUBD MDHUB_CLI WEB_DIR [OUT_DIR]
# WEB_DIR holds dist/ and node_modules/playwright-core (scripts/build-web.sh makes both). The
# screenshots go to OUT_DIR, default $TEST_UNDECLARED_OUTPUTS_DIR (Bazel). A missing browser,
# node or built page fails the test, or with MDHUB_SKIP_MISSING=1 (Bazel) passes it with "SKIP:".
set -euo pipefail
mdhubd=$(realpath "$1") cli=$(realpath "$2") web=$(realpath -m "$3")
out=$(realpath -m "${4:-${TEST_UNDECLARED_OUTPUTS_DIR:?OUT_DIR or TEST_UNDECLARED_OUTPUTS_DIR}}")
here=$(cd "$(dirname "$0")" && pwd)

missing() {
  if [ "${MDHUB_SKIP_MISSING:-0}" = 1 ]; then echo "SKIP: $1 (run scripts/setup.sh)"; exit 0; fi
  echo "FAIL: $1 (scripts/setup.sh installs and builds it)" >&2
  exit 1
}
[ -x /usr/bin/chromium ] || missing "no /usr/bin/chromium (Debian package chromium)"
command -v node >/dev/null || missing "no node on PATH"
[ -d "$web/node_modules/playwright-core" ] || missing "no $web/node_modules/playwright-core"
[ -f "$web/dist/index.html" ] && [ -f "$web/dist/ol.js" ] || missing "no built page in $web/dist"

work=$(mktemp -d "${TEST_TMPDIR:-${TMPDIR:-/tmp}}/map_page_test.XXXXXX")
# mdhubd serves a plain copy of the page (Bazel's runfiles are symlinks out of the served tree).
cp -rL "$web/dist" "$work/web"
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The agency "maptest" may use SpatialService; nothing else.
cat > "$work/policy.toml" <<'TOML'
[agencies.maptest]
methods = ["mdhub.v1.SpatialService/*", "mdhub.v1.AdminService/Ping"]
TOML
cat > "$work/mdhubd.toml" <<TOML
listen = "127.0.0.1:0"
metrics_listen = ""
http_listen = "127.0.0.1:0"
web_dir = "$work/web"
data_dir = "$work/data"
policy_file = "policy.toml"
sync_writes = false
development_mode = true
TOML

"$mdhubd" --config "$work/mdhubd.toml" 2> "$work/mdhubd.log" &
server=$!
# The ports are in the "mdhubd serving" log line: ..."grpc_port":"N",..."http_port":"M"...
field() { grep '"mdhubd serving"' "$work/mdhubd.log" | grep -o "\"$1\":\"[0-9]*\"" | grep -o '[0-9]*'; }
for _ in $(seq 100); do
  grep -q '"mdhubd serving"' "$work/mdhubd.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/mdhubd.log" >&2; echo "FAIL: mdhubd exited" >&2; exit 1; }
  sleep 0.1
done
grpc_port=$(field grpc_port) && http_port=$(field http_port) ||
  { cat "$work/mdhubd.log" >&2; echo "FAIL: no grpc_port/http_port in mdhubd's log" >&2; exit 1; }

# Three squares near Nanning (lon/lat); the test clicks inside P-1.
cat > "$work/parcels.geojson" <<'JSON'
{"type": "FeatureCollection", "features": [
 {"type": "Feature", "properties": {"code": "P-1", "name": "宗地一号", "area_ha": 12.5},
  "geometry": {"type": "Polygon", "coordinates": [[[108.20,22.78],[108.26,22.78],[108.26,22.83],[108.20,22.83],[108.20,22.78]]]}},
 {"type": "Feature", "properties": {"code": "P-2", "name": "宗地二号", "area_ha": 8.0},
  "geometry": {"type": "Polygon", "coordinates": [[[108.29,22.80],[108.33,22.80],[108.33,22.86],[108.29,22.86],[108.29,22.80]]]}},
 {"type": "Feature", "properties": {"code": "P-3", "name": "宗地三号", "area_ha": 5.2},
  "geometry": {"type": "Polygon", "coordinates": [[[108.36,22.76],[108.40,22.76],[108.40,22.79],[108.36,22.79],[108.36,22.76]]]}}
]}
JSON
MDHUB_SERVER=127.0.0.1:$grpc_port MDHUB_INSECURE=1 MDHUB_AGENCY=maptest \
  "$cli" layer import "$work/parcels.geojson" --layer test.parcel --create --title 测试宗地 \
  --id-property code > "$work/import.txt" 2>&1 ||
  { cat "$work/import.txt" "$work/mdhubd.log" >&2; echo "FAIL: mdhub layer import" >&2; exit 1; }

spec=$(cat <<JSON
{"web": "$web", "url": "http://127.0.0.1:$http_port/map/?agency=maptest", "out": "$out",
 "layer": "test.parcel", "minPixels": 20000,
 "click": [108.23, 22.805], "expectText": ["P-1", "宗地一号", "12.5", "测试宗地"]}
JSON
)
if ! timeout 45 node "$here/map_page_test.js" "$spec"; then
  echo "--- mdhubd log" >&2; tail -30 "$work/mdhubd.log" >&2
  exit 1
fi
