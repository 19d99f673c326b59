#!/usr/bin/env bash
# The oracle test on demand: a long random walk of the language server (edits, file events,
# settings and folder changes) compared with `eca-ls check` after every step, in release mode.
#
#   scripts/oracle.sh [STEPS] [FIRST_SEED] [SEEDS]
#
# runs SEEDS walks (default 1) of STEPS steps each (default 100000), with seeds FIRST_SEED,
# FIRST_SEED+1, … (hexadecimal, default 1). Any difference stops with the seed, the step and the
# last steps; rerun that seed to reproduce it. The test suite runs a 300-step walk of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-100000}
first_seed=$((16#${2:-1}))
seeds=${3:-1}
cargo build --release --locked --tests --quiet
for ((index = 0; index < seeds; index++)); do
  seed=$(printf '%x' $((first_seed + index)))
  echo "==> oracle: seed 0x$seed, $steps steps"
  set +e
  output=$(ECA_LS_ORACLE_STEPS=$steps ECA_LS_ORACLE_SEED=$seed \
    cargo test --release --locked --quiet --test lsp oracle -- --nocapture 2>&1)
  code=$?
  set -e
  printf '%s\n' "$output" | grep -E '^oracle:|disagree|last steps|^ ' || true
  if [ "$code" -ne 0 ]; then
    printf '%s\n' "$output" | tail -n 40 >&2
    echo "oracle: FAILED at seed 0x$seed" >&2
    exit 1
  fi
done
echo "oracle: $seeds walk(s) of $steps steps, no difference"
