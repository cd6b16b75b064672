#!/usr/bin/env bash
# Generates a throw-away certificate authority, a server certificate for localhost and one client
# certificate per agency (common name = agency id) into DIR. For development and tests only:
# these keys belong to nobody.
#   usage: scripts/gen-dev-certs.sh DIR [AGENCY ...]   (default agencies: ps health aic admin)
set -euo pipefail
dir=${1:?usage: gen-dev-certs.sh DIR [AGENCY ...]}
shift
agencies=("$@")
[ ${#agencies[@]} -gt 0 ] || agencies=(ps health aic admin)
mkdir -p "$dir"
cd "$dir"
if [ ! -f ca.crt ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 \
    -subj "/CN=mdhub development CA" -keyout ca.key -out ca.crt 2>/dev/null
fi
issue() {  # name common_name extensions
  [ -f "$1.crt" ] && return 0
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$2" \
    -keyout "$1.key" -out "$1.csr" 2>/dev/null
  printf '%s\n' "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
    -extfile "$1.ext" -out "$1.crt" 2>/dev/null
  rm -f "$1.csr" "$1.ext"
}
issue server localhost "subjectAltName=DNS:localhost,IP:127.0.0.1
extendedKeyUsage=serverAuth"
for a in "${agencies[@]}"; do
  issue "$a" "$a" "extendedKeyUsage=clientAuth"
done
chmod 600 ./*.key
echo "certificates in $dir: ca.crt server.crt ${agencies[*]/%/.crt}"
