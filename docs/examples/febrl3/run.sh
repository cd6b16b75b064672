#!/usr/bin/env bash
# Deduplicates FEBRL dataset3.csv found in DATA_DIR; writes source,record_id,entity_id.
#   usage: run.sh DATA_DIR OUT.csv      (then: mdhub eval --clusters OUT.csv --truth-regex 'rec-([0-9]+)')
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mdhub=${MDHUB:-$(command -v mdhub || echo "$here/../../../build/tools/mdhub")}
"$mdhub" match --settings "$here/settings.toml" --out "$2" "$1/dataset3.csv"
