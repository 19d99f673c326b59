#!/usr/bin/env bash
# Builds eca-ls and checks the bundled example project: the one command a newcomer runs first.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
./target/release/eca-ls check examples/headless-identity "$@"
