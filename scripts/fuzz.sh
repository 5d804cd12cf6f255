#!/usr/bin/env bash
# Runs every fuzz target in fuzz/ (cargo-fuzz, libFuzzer, nightly Rust) for
# SECONDS each (default 20: the test run's brief pass), the text crate's
# fixtures as seeds, and prints each target's executions. A crash stops the
# run with the input that caused it in fuzz/artifacts/<target>/; make it a
# regression test in the crate. BENCHMARKS.md's FUZZING section records long
# runs (scripts/fuzz.sh 1800).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz: no nightly Rust here (rustup toolchain install nightly); the fuzz targets were NOT run." >&2
  exit 0
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: cargo-fuzz is missing; run scripts/setup.sh" >&2
  exit 1
fi
targets=$(cd fuzz && cargo +nightly fuzz list)
# Build them all first (one build), then run each.
(cd fuzz && cargo +nightly fuzz build -O --debug-assertions >/dev/null)
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  seeds=()
  if [ "$t" = "import_bytes" ]; then seeds=("tests/fixtures/import" "crates/claimtrail-text/src/anchor/testdata"); fi
  log="fuzz/target/$t.log"
  if ! (cd fuzz && cargo +nightly fuzz run -O --debug-assertions "$t" "corpus/$t" "${seeds[@]/#/../}" -- \
      -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1) >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "fuzz: $t failed; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  fi
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz: $t: $runs executions in ${seconds}s, no crash"
done
