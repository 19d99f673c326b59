#!/usr/bin/env bash
# The npm packages and the pre-commit set-ups, in projects made from the Salesforce CLI's own
# template (tests/npm): scripts/package-npm.sh writes the tarballs; they install offline into a
# generated project where `npx eca-ls check` works; the GitHub workflow and the husky +
# lint-staged recipe of docs/ci.md run there with real `git commit`s; and the hooks of
# .pre-commit-hooks.yaml run through `pre-commit try-repo` (tests/pre-commit).
#
# What comes from a registry is installed into .tools/ (git-ignored) once and reused: the
# template (npm: @salesforce/templates, tests/npm/harness), an npm cache holding the packages
# the template's hook runs (husky, lint-staged, prettier and its XML and Apex plugins, at the
# template's own version ranges), so that every install in the tests runs with --offline; and
# pre-commit (PyPI, tests/pre-commit/requirements.txt).
#
# Environment: ECA_LS_BINARY=<path> packs that binary instead of building the release one;
# ECA_LS_KEEP=1 keeps the generated projects; ECA_LS_NPM_TESTS=<regex> runs the matching tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
source scripts/lib.sh

TOOLS="$ROOT/.tools"
HARNESS_DIR="$TOOLS/npm-e2e"
CACHE_DIR="$TOOLS/npm-cache"
HARNESS_SOURCE="$ROOT/tests/npm/harness"

step() { printf '\n--> npm: %s\n' "$*"; }
fail() {
  printf '\nnpm: %s\n' "$*" >&2
  exit 1
}

command -v node >/dev/null || fail "node is missing: install Node.js 18 or newer with npm"
command -v npm >/dev/null || fail "npm is missing: install npm"
[ "$(node -p 'Number(process.versions.node.split(".")[0]) >= 18')" = true ] || fail "Node $(node --version) is too old: 18 or newer"
ensure_debian_packages "git readelf strip" git binutils

export npm_config_cache="$CACHE_DIR"
export npm_config_update_notifier=false

# --- The template (@salesforce/templates), pinned by tests/npm/harness/package-lock.json -----------
ensure_npm_packages "$HARNESS_SOURCE" "$HARNESS_DIR" "$HARNESS_DIR/node_modules/@salesforce/templates" --engine-strict=false ||
  fail "could not install @salesforce/templates from the npm registry (tests/npm/harness) into .tools/npm-e2e"

# --- The packages the template's pre-commit hook runs, into the npm cache --------------------------
# At the version ranges of the template's own package.json, so that an offline install in a
# generated project resolves them from the cache exactly as an online one would.
hook_ranges=$(ECA_LS_TEMPLATES="$HARNESS_DIR/node_modules" node -e '
  const { createRequire } = require("node:module");
  const path = require("node:path");
  const fs = require("node:fs");
  const templates = path.dirname(createRequire(path.join(process.env.ECA_LS_TEMPLATES, "x.js")).resolve("@salesforce/templates/package.json"));
  const manifest = JSON.parse(fs.readFileSync(path.join(templates, "lib/templates/project/package.json"), "utf8"));
  const wanted = ["husky", "lint-staged", "prettier", "@prettier/plugin-xml", "prettier-plugin-apex"];
  console.log(wanted.map((name) => `${name}@${manifest.devDependencies[name]}`).join(" "));
')
warm_dir="$TOOLS/npm-hook-packages"
if [ ! -f "$warm_dir/.installed" ] || [ "$(cat "$warm_dir/.installed")" != "$hook_ranges" ]; then
  step "caching the template's hook packages: $hook_ranges"
  rm -rf "$warm_dir"
  mkdir -p "$warm_dir"
  echo '{ "private": true }' >"$warm_dir/package.json"
  # shellcheck disable=SC2086 # one argument per package
  (cd "$warm_dir" && npm install --no-audit --no-fund --loglevel=error $hook_ranges) ||
    fail "could not install the template's hook packages from the npm registry: $hook_ranges"
  echo "$hook_ranges" >"$warm_dir/.installed"
fi

# --- pre-commit (PyPI) ------------------------------------------------------------------------------
PRE_COMMIT_DIR="$TOOLS/pre-commit"
requirements="$ROOT/tests/pre-commit/requirements.txt"
requirements_hash=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -f "$PRE_COMMIT_DIR/.installed" ] || [ "$(cat "$PRE_COMMIT_DIR/.installed")" != "$requirements_hash" ]; then
  step "installing pre-commit (PyPI) into .tools/pre-commit"
  command -v python3 >/dev/null || fail "python3 (3.9 or newer, with pip) is needed to install pre-commit from PyPI"
  rm -rf "$PRE_COMMIT_DIR"
  PIP_ROOT_USER_ACTION=ignore python3 -m pip install --disable-pip-version-check --no-input --quiet \
    --no-deps --only-binary=:all: --target "$PRE_COMMIT_DIR" -r "$requirements" ||
    fail "could not install pre-commit from PyPI (tests/pre-commit/requirements.txt)"
  echo "$requirements_hash" >"$PRE_COMMIT_DIR/.installed"
fi

# --- The tarballs ------------------------------------------------------------------------------------
binary=${ECA_LS_BINARY:-}
if [ -z "$binary" ]; then
  step "building the release binary"
  cargo build --release --locked
  binary="$ROOT/target/release/eca-ls"
fi
step "packing the npm packages (scripts/package-npm.sh)"
ECA_LS_BINARY="$binary" ./scripts/package-npm.sh
# The tests run the binary the packages carry: the launcher must not be pointed elsewhere.
unset ECA_LS_BINARY

step "tests in projects from the Salesforce CLI's template"
ECA_LS_REPO="$ROOT" \
  ECA_LS_NPM_DIR="$ROOT/target/npm" \
  ECA_LS_TEMPLATES="$HARNESS_DIR/node_modules" \
  ECA_LS_PRE_COMMIT="$PRE_COMMIT_DIR" \
  ECA_LS_RELEASE_BINARY="$binary" \
  ECA_LS_CARGO_TARGET="$TOOLS/pre-commit-cargo-target" \
  node --test --test-concurrency=1 \
  ${ECA_LS_NPM_TESTS:+--test-name-pattern="$ECA_LS_NPM_TESTS"} \
  "$ROOT/tests/npm/npm.test.mjs" "$ROOT/tests/pre-commit/pre-commit.test.mjs"
