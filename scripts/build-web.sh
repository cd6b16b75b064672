#!/usr/bin/env bash
# Builds the web map page into web/dist, the directory mdhubd serves under /map/ (web_dir): the
# page's own files plus OpenLayers' browser build (ol.js, ol.css) from web/node_modules. No bundler:
# `ol` ships a self-contained build (global `ol`). Runs `npm ci` only when web/package-lock.json
# changed since the last run, and copies only files that differ, so a second run takes well under a
# second. Needs node and npm (scripts/setup.sh installs them) and the npm registry the first time.
set -euo pipefail
web="$(cd "$(dirname "$0")/../web" && pwd)"
cd "$web"

# npm ci when the lock file differs from the one the installed node_modules came from.
stamp=node_modules/.mdhub-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "build-web: npm ci in $web"
  npm ci --no-audit --no-fund --prefer-offline --loglevel=error
  echo "$want" > "$stamp"
fi

# Copy a file to dist/ unless an identical copy is there (keeps mtimes, hence browser caches).
mkdir -p dist
put() { cmp -s "$1" "dist/$2" || cp "$1" "dist/$2"; }
put index.html index.html
put app.js app.js
put style.css style.css
put node_modules/ol/dist/ol.js ol.js
put node_modules/ol/ol.css ol.css
put node_modules/ol/LICENSE.md ol-LICENSE.md
