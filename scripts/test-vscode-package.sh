#!/usr/bin/env bash
# The VS Code extension as the Marketplace and Open VSX get it (tests/vscode/package.test.mjs):
# `vsce ls` lists exactly the files that should ship, the packaged .vsix holds those and no
# more, its bundled server is stripped, and the manifest has what a listing needs (icon,
# categories, keywords, repository, license, a walkthrough whose steps work).
#
# Environment: ECA_LS_BINARY=<path> bundles that binary instead of the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib.sh
EXTENSION_DIR="$ROOT/editors/vscode"

command -v node >/dev/null || { echo "vscode-package: node is missing: install Node.js 20 or newer" >&2; exit 1; }
ensure_debian_packages "readelf unzip" binutils unzip

# The extension's build dependencies, as scripts/test-vscode.sh installs them (same stamp).
stamp="$EXTENSION_DIR/node_modules/.installed"
hash=$(sha256sum "$EXTENSION_DIR/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
  echo "--> vscode-package: npm ci in editors/vscode"
  (cd "$EXTENSION_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" >"$stamp"
fi
if [ -z "${ECA_LS_BINARY:-}" ]; then
  cargo build --release --locked
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/eca-ls-vscode-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
vsix="$scratch/eca-ls.vsix"
echo "--> vscode-package: packaging the .vsix"
(cd "$EXTENSION_DIR" && node scripts/package.mjs --out "$vsix" >"$scratch/package.log" 2>&1) || {
  cat "$scratch/package.log" >&2
  echo "vscode-package: packaging the .vsix failed" >&2
  exit 1
}
ECA_LS_VSIX="$vsix" ECA_LS_EXTENSION="$EXTENSION_DIR" ECA_LS_SCRATCH="$scratch" \
  node --test "$ROOT/tests/vscode/package.test.mjs"
