#!/usr/bin/env bash
# Runs every test of the project: formatting and lints, the Rust test suite (analysis,
# protocol and CLI tests over the real binary, the real-world corpus), and the editor tests.
# Installs what the tests need on a fresh machine; CI runs exactly this (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n==> %s\n' "$*"; }

section "cargo fmt --check"
cargo fmt --all -- --check

section "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

section "cargo test"
cargo test --workspace --locked

section "XSD export against xmllint"
./scripts/test-xsd.sh

section "eca-ls fmt against Prettier with @prettier/plugin-xml, as sf project generate sets it up"
./scripts/test-prettier.sh

section "Neovim plugin in a headless Neovim"
./scripts/test-neovim.sh

section "VS Code extension: unit tests, then the .vsix in code-server"
./scripts/test-vscode.sh

section "VS Code extension package: vsce ls and the .vsix as the Marketplace gets them"
./scripts/test-vscode-package.sh

section "npm packages, husky + lint-staged, pre-commit and the GitHub workflow in a Salesforce CLI project"
./scripts/test-npm.sh

section "The sf CLI plugin in the real Salesforce CLI"
./scripts/test-sf.sh

section "Emacs with eglot, in a terminal under tmux"
./scripts/test-emacs.sh
