#!/usr/bin/env bash
# Installs every Debian 12 package that mdhub needs to build, test and run. Idempotent: a second run
# installs nothing. Runs apt-get as root (through sudo when not root).
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
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup: installing ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
