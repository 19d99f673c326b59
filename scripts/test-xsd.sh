#!/usr/bin/env bash
# The XSD that `eca-ls schema --xsd` exports must let xmllint accept the example project and
# reject a wrong enum value, so that people on other XML tools can rely on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_debian_packages xmllint libxml2-utils

cargo build --release --locked --quiet
schema=$(mktemp --suffix=.xsd)
trap 'rm -f "$schema"' EXIT
./target/release/eca-ls schema --xsd > "$schema"

mapfile -t example_files < <(find examples/headless-identity -name '*-meta.xml' | sort)
xmllint --noout --schema "$schema" "${example_files[@]}"

if xmllint --noout --schema "$schema" tests/xsd/wrong-enum/*.xml 2>/dev/null; then
  echo "error: xmllint accepted tests/xsd/wrong-enum although its guestJwtSessionTimeoutType is not an enum member" >&2
  exit 1
fi
echo "xmllint accepts the example project and rejects the wrong enum value"
