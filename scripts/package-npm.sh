#!/usr/bin/env bash
# Writes the npm packages of eca-ls to target/npm/: `eca-ls-<version>.tgz` (the main package:
# the `eca-ls` command on node_modules/.bin) and `eca-ls-<platform>-<arch>-<version>.tgz`
# (`@eca-ls/<platform>-<arch>`, the stripped binary), from npm/ (see npm/README.md).
#
#   scripts/package-npm.sh
#       builds the release binary of this machine (cargo build --release --locked) and packs the
#       main package and this platform's. ECA_LS_BINARY=<path> packs that binary instead.
#   scripts/package-npm.sh --platform darwin-arm64 --binary target/aarch64-apple-darwin/release/eca-ls [...]
#       packs the named platforms' packages from binaries built elsewhere (a release job per
#       platform, or cross-compiled), with the main package. Repeat the pair for more platforms;
#       --no-main leaves the main package out. Platforms: npm/platforms.json.
#
# Needs Node 18+ and npm, and `strip` for Unix binaries (binutils; Xcode's on macOS).
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/npm
command -v node >/dev/null || { echo "package-npm: node is missing: install Node.js 18 or newer with npm" >&2; exit 1; }
command -v npm >/dev/null || { echo "package-npm: npm is missing" >&2; exit 1; }

if [ "$#" -eq 0 ]; then
  platform=$(node -p 'process.platform + "-" + process.arch')
  binary_name=eca-ls
  [ "${platform%%-*}" = win32 ] && binary_name=eca-ls.exe
  if [ -n "${ECA_LS_BINARY:-}" ]; then
    binary=$ECA_LS_BINARY
  else
    cargo build --release --locked
    binary=target/release/$binary_name
  fi
  set -- --platform "$platform" --binary "$binary"
fi
rm -rf "$out"
node npm/pack.mjs --out "$out" "$@"
