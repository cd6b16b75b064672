#!/usr/bin/env bash
# Installs every Debian 12 package that mdhub needs to build, test and run, then builds the web map
# page (scripts/build-web.sh). Idempotent: a second run installs nothing. Runs apt-get as root
# (through sudo when not root).
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git openssl
  # libraries
  librocksdb-dev libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev libssl-dev libicu-dev libcli11-dev libcpp-httplib-dev nlohmann-json3-dev libtomlplusplus-dev
  # the spatial one map: geometry (GEOS C API), formats and coordinate systems (GDAL, PROJ)
  libgeos-dev libgdal-dev libproj-dev gdal-bin
  # the allocator of mdhubd and the benchmarks
  libjemalloc-dev
  # the spatial benchmark's client of its PostGIS peer
  libpq-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # the second build (bazel test //...)
  bazel-bootstrap default-jdk-headless
  # the web map page (web/): its end-to-end test drives headless Chromium; a CJK font for Chinese
  chromium fonts-wqy-microhei
)
# Node.js and npm build web/dist: Debian's only when the machine has none (a newer nodejs package
# that bundles npm may be installed already and conflicts with Debian's npm).
command -v node >/dev/null && command -v npm >/dev/null || PACKAGES+=(nodejs npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web map page: npm ci and web/dist (fast when nothing changed).
"$(dirname "$0")/build-web.sh"
