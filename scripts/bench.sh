#!/usr/bin/env bash
# Every benchmark of issue 7 in one run: builds the release CLI, runs
# `claimtrail bench all` on a generated newsroom corpus (made on the first
# run, then reused), writes bench/results.json and the generated section of
# BENCHMARKS.md. The re-anchoring comparison with approx-string-match is
# scripts/bench-reanchor.sh.
#
# Usage: scripts/bench.sh [SCALE]        (1.0 = 100,000 articles; default 1.0)
# Environment: CLAIMTRAIL_BENCH_DIR      where corpora are kept (default target/bench)
#              CLAIMTRAIL_BENCH_APP=1    also build the desktop app (release) for its size
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1.0}"
dir="${CLAIMTRAIL_BENCH_DIR:-target/bench}"
target="${CARGO_TARGET_DIR:-target}"
mkdir -p "$dir" bench

cargo build --quiet --release --bin claimtrail
app_args=()
if [ "${CLAIMTRAIL_BENCH_APP:-0}" = "1" ]; then
  (cd ui && npm run build --silent)
  cargo build --quiet --release -p claimtrail-app --features custom-protocol
  app_args=(--app "$target/release/claimtrail-app")
fi
"$target/release/claimtrail" bench all \
  --corpus "$dir/corpus-$scale.db" --scale "$scale" \
  --json bench/results.json --markdown BENCHMARKS.md "${app_args[@]}"
