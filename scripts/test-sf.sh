#!/usr/bin/env bash
# The Salesforce CLI plugin (npm/sf-plugin) in the real `sf` from npm (@salesforce/cli, pinned by
# tests/sf/harness): linked with `sf plugins link`, then `sf eca check|flows|explain` and the
# pass-through commands run in a project made by `sf project generate` (tests/sf/sf.test.mjs).
# The plugin's dependencies and eca-ls install without the internet, from the npm cache this
# script warms and the tarballs of scripts/package-npm.sh (see tests/npm/project.mjs).
#
# What comes from a registry is installed into .tools/ (git-ignored) once and reused: Node 24
# (the Salesforce CLI needs 22 or newer), the Salesforce CLI (.tools/sf-cli), and the plugin's
# dependencies (into the npm cache). Run scripts/test-npm.sh first or set ECA_LS_BINARY.
#
# Environment: ECA_LS_BINARY=<path> packs that binary instead of building the release one;
# ECA_LS_KEEP=1 keeps the projects; ECA_LS_SF_TESTS=<regex> runs the matching tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib.sh

TOOLS="$ROOT/.tools"
SF_DIR="$TOOLS/sf-cli"
SF_SOURCE="$ROOT/tests/sf/harness"
PLUGIN_DEPS_DIR="$TOOLS/sf-plugin-deps"
export npm_config_cache="$TOOLS/npm-cache"
export npm_config_update_notifier=false

step() { printf '\n--> sf: %s\n' "$*"; }
fail() {
  printf '\nsf: %s\n' "$*" >&2
  exit 1
}

ensure_node24 "$ROOT" || fail "Node 24 is needed for the Salesforce CLI"
export PATH="$NODE24_BIN:$PATH"

# --- The Salesforce CLI, pinned ---------------------------------------------------------------------
ensure_npm_packages "$SF_SOURCE" "$SF_DIR" "$SF_DIR/node_modules/.bin/sf" ||
  fail "could not install @salesforce/cli from the npm registry into .tools/sf-cli"

# --- The plugin's dependencies (but eca-ls) into the npm cache ---------------------------------------
plugin_ranges=$(node -e '
  const manifest = require(process.argv[1]);
  console.log(Object.entries(manifest.dependencies).filter(([name]) => name !== "eca-ls").map(([name, range]) => `${name}@${range}`).join(" "));
' "$ROOT/npm/sf-plugin/package.json")
if [ ! -f "$PLUGIN_DEPS_DIR/.installed" ] || [ "$(cat "$PLUGIN_DEPS_DIR/.installed")" != "$plugin_ranges" ]; then
  step "caching the plugin's dependencies: $plugin_ranges"
  rm -rf "$PLUGIN_DEPS_DIR"
  mkdir -p "$PLUGIN_DEPS_DIR"
  echo '{ "private": true }' >"$PLUGIN_DEPS_DIR/package.json"
  # shellcheck disable=SC2086 # one argument per package
  (cd "$PLUGIN_DEPS_DIR" && npm install --no-audit --no-fund --loglevel=error $plugin_ranges) ||
    fail "could not install the plugin's dependencies from the npm registry: $plugin_ranges"
  echo "$plugin_ranges" >"$PLUGIN_DEPS_DIR/.installed"
fi

# --- The template (for tests/npm/project.mjs) and the tarballs ------------------------------------
[ -d "$TOOLS/npm-e2e/node_modules/@salesforce/templates" ] || fail "run scripts/test-npm.sh first: it installs the project template into .tools/npm-e2e"
binary=${ECA_LS_BINARY:-}
if [ -z "$binary" ]; then
  step "building the release binary"
  cargo build --release --locked
  binary="$ROOT/target/release/eca-ls"
fi
step "packing the npm packages (scripts/package-npm.sh)"
ECA_LS_BINARY="$binary" ./scripts/package-npm.sh
unset ECA_LS_BINARY

step "sf eca in the real Salesforce CLI"
ECA_LS_REPO="$ROOT" \
  ECA_LS_NPM_DIR="$ROOT/target/npm" \
  ECA_LS_TEMPLATES="$TOOLS/npm-e2e/node_modules" \
  ECA_LS_SF="$SF_DIR/node_modules/.bin/sf" \
  ECA_LS_RELEASE_BINARY="$binary" \
  node --test --test-concurrency=1 \
  ${ECA_LS_SF_TESTS:+--test-name-pattern="$ECA_LS_SF_TESTS"} \
  "$ROOT/tests/sf/sf.test.mjs"
