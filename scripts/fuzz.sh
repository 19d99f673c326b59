#!/usr/bin/env bash
# Coverage-guided fuzzing of one target with AFL++ (cargo-afl from crates.io, stable Rust):
#
#   scripts/fuzz.sh TARGET SECONDS     # TARGET: parse, check, fixes or format
#
# Installs cargo-afl when it is missing, builds tools/fuzz/afl instrumented, seeds the fuzzer
# with the corpus's files (../shared/corpus, or ECA_LS_CORPUS), the bundled examples' files and
# the target's regression inputs, runs for SECONDS, then prints the executions, the paths found
# and the crashes and hangs. Each crash is an input under target/fuzz/TARGET/out/default/crashes:
# reproduce it with
#   cargo test -p eca-fuzz   # after copying it to tools/fuzz/regressions/TARGET/
# and keep it there once fixed. The results of past runs are in docs/reliability.md.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
target=${1:-}
seconds=${2:-}
case "$target" in
  parse | check | fixes | format) ;;
  *)
    echo "usage: scripts/fuzz.sh parse|check|fixes|format SECONDS" >&2
    exit 2
    ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh $target SECONDS (a whole number of seconds)" >&2
  exit 2
fi

if ! cargo afl --version >/dev/null 2>&1; then
  echo "==> installing cargo-afl (crates.io; it builds AFL++)"
  cargo install --locked cargo-afl
fi
# AFL++'s own build for this compiler; a no-op when it is there.
cargo afl config --build >/dev/null 2>&1 || true

echo "==> building the $target harness with AFL++ instrumentation"
(cd tools/fuzz/afl && cargo afl build --release --bin "$target" --quiet)
binary=$repo/tools/fuzz/afl/target/release/$target

work=$repo/target/fuzz/$target
seeds=$work/seeds
rm -rf "$seeds"
mkdir -p "$seeds"
corpus=${ECA_LS_CORPUS:-$repo/../shared/corpus}
count=0
if [ -d "$corpus" ]; then
  while IFS= read -r -d '' file; do
    count=$((count + 1))
    cp "$file" "$seeds/corpus-$count.xml"
  done < <(find "$corpus" -name '*.xml' -size -32k -print0 | sort -z)
fi
for file in examples/*/force-app/main/default/*/* tools/fuzz/regressions/"$target"/*; do
  [ -f "$file" ] || continue
  count=$((count + 1))
  cp "$file" "$seeds/seed-$count"
done
if [ "$count" -eq 0 ]; then
  echo "error: no seed files (looked in $corpus and examples/)" >&2
  exit 1
fi
echo "==> $count seeds; fuzzing $target for $seconds s"

# No core dump handler, no CPU governor, no terminal UI: this runs in CI-like sandboxes.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
export AFL_NO_AFFINITY=1
# A fresh output folder each run; `-V` stops after that many seconds.
rm -rf "$work/out"
set +e
cargo afl fuzz -V "$seconds" -t 5000 -i "$seeds" -o "$work/out" "$binary" >"$work/afl.log" 2>&1
status=$?
set -e
stats=$work/out/default/fuzzer_stats
if [ ! -f "$stats" ]; then
  tail -n 30 "$work/afl.log" >&2
  echo "error: afl-fuzz did not start (status $status); its log is $work/afl.log" >&2
  exit 1
fi
value() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(value saved_crashes)
hangs=$(value saved_hangs)
echo "fuzz $target: $(value execs_done) executions in $(value run_time) s ($(value execs_per_sec)/s), $(value corpus_count) inputs in the queue, coverage $(value bitmap_cvg), $crashes crashes, $hangs hangs"
if [ "${crashes:-0}" != "0" ] || [ "${hangs:-0}" != "0" ]; then
  echo "inputs: $work/out/default/crashes and $work/out/default/hangs"
  exit 1
fi
