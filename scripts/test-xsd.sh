#!/usr/bin/env bash
# The XSD that `eca-ls schema --xsd` exports must let xmllint accept the example project and
# reject a wrong enum value, so that people on other XML tools can rely on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_debian_packages xmllint libxml2-utils

cargo build --release --locked --quiet
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
schema=$scratch/eca.xsd
./target/release/eca-ls schema --xsd > "$schema"

mapfile -t example_files < <(find examples/headless-identity -name '*-meta.xml' | sort)
xmllint --noout --schema "$schema" "${example_files[@]}"

# The wrong file differs from a valid one only in its enum value: the same file with `Custom`
# must pass, so that a rejection can only be the enum's (not a missing field, an unknown root
# or a broken XSD).
wrong=tests/xsd/wrong-enum/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
fixed=$scratch/Portal_oauthPlcy.ecaOauthPlcy-meta.xml
sed 's|<guestJwtSessionTimeoutType>Session<|<guestJwtSessionTimeoutType>Custom<|' "$wrong" > "$fixed"
if cmp -s "$wrong" "$fixed"; then
  echo "error: $wrong no longer holds the wrong value Session that this test replaces" >&2
  exit 1
fi
xmllint --noout --schema "$schema" "$fixed"
if errors=$(xmllint --noout --schema "$schema" "$wrong" 2>&1); then
  echo "error: xmllint accepted $wrong although its guestJwtSessionTimeoutType is not an enum member" >&2
  exit 1
fi
if ! grep -q "guestJwtSessionTimeoutType': \[facet 'enumeration'\]" <<<"$errors"; then
  echo "error: xmllint rejected $wrong, but not for the enum value:" >&2
  echo "$errors" >&2
  exit 1
fi
echo "xmllint accepts the example project and rejects the wrong enum value (and only that)"
