#!/usr/bin/env bash
# Measures eca-ls and writes BENCHMARKS.md: in-process benches (cargo bench), the release
# binary over the protocol like an editor, memory, `eca-ls check` at 1k/10k/50k files on one
# and all cores, the peers (xmllint --schema, @xml-tools/parser) on the same files, what a
# parse allocates (eca-bench's counting allocator) and a callgrind profile of `check`.
#
#   ./scripts/bench.sh            # the full run (about ten minutes on two cores)
#   ./scripts/bench.sh --quick    # few repetitions, to try the pipeline; not for publishing
#
# Not part of the test suite (the benches only have to compile there, through clippy). Installs
# what it needs: xmllint, GNU time and valgrind through apt, @xml-tools/parser through npm into
# tools/bench/peers/node_modules (git-ignored). What cannot be installed is reported as not
# measured, with the reason, instead of stopping the run.
#
# Times mean little on a busy machine: the script waits (up to ECA_BENCH_WAIT_MINUTES, default
# 15) for the 1-minute load average to drop below ECA_BENCH_MAX_LOAD (default 1.0), and the
# report records the load average at the start and the end of the run either way.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

section() { printf '\n==> %s\n' "$*"; }

work=target/bench-data
max_load=${ECA_BENCH_MAX_LOAD:-1.0}
wait_minutes=${ECA_BENCH_WAIT_MINUTES:-15}
mkdir -p "$work"

section "waiting for a quiet machine (1-minute load below $max_load, at most $wait_minutes min)"
deadline=$(( $(date +%s) + wait_minutes * 60 ))
while :; do
  load=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo 0)
  if awk -v load="$load" -v max="$max_load" 'BEGIN { exit !(load < max) }'; then
    echo "load average $load: starting"
    break
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    echo "warning: load average is still $load; measuring anyway (the report records it)" >&2
    break
  fi
  echo "load average $load: waiting 30 s"
  sleep 30
done

load_at_start=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo unknown)

section "peers: xmllint and GNU time (apt)"
ensure_debian_packages xmllint libxml2-utils \
  || echo "warning: xmllint is missing; the report will say it was not measured" >&2
ensure_debian_packages /usr/bin/time time \
  || echo "warning: GNU time is missing; the peak memory of check will not be measured" >&2
ensure_debian_packages valgrind valgrind \
  || echo "warning: valgrind is missing; check will not be profiled" >&2

section "peer: @xml-tools/parser (npm, into tools/bench/peers/node_modules)"
xml_tools=(--xml-tools-missing "Node.js and npm are not installed")
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if (cd tools/bench/peers && npm ci --no-audit --no-fund --loglevel=error); then
    xml_tools=(--xml-tools-script tools/bench/peers/xml-tools-parse.js)
  else
    echo "warning: npm could not install @xml-tools/parser (offline?); it will not be measured" >&2
    xml_tools=(--xml-tools-missing "npm could not install @xml-tools/parser (see tools/bench/peers/package.json)")
  fi
else
  echo "warning: node/npm are missing; @xml-tools/parser will not be measured" >&2
fi

section "building the release binaries"
cargo build --release --locked -p eca-ls -p eca-bench

section "in process: cargo bench -p eca-bench --bench in_process"
cargo bench --locked -p eca-bench --bench in_process | tee "$work/divan.txt"

section "protocol, memory, scale and peers: eca-bench run"
target/release/eca-bench run \
  --binary target/release/eca-ls \
  --work "$work" \
  --divan-output "$work/divan.txt" \
  "${xml_tools[@]}" \
  --load-at-start "$load_at_start" \
  --out BENCHMARKS.md \
  "$@"

section "memory on pathological inputs: scripts/bench-pathological.sh"
scripts/bench-pathological.sh

section "done: BENCHMARKS.md"
sed -n '/^## Targets/,/^## Commands/p' BENCHMARKS.md | sed '$d'
