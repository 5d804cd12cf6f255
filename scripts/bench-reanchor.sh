#!/usr/bin/env bash
# Re-anchoring benchmark beside approx-string-match (what Hypothesis uses):
# builds the release CLI, runs `claimtrail bench reanchor` writing its
# inputs and placements to a directory, re-anchors the same inputs with
# bench/anchor-js, and prints both times, their ratio and the agreement.
# Usage: scripts/bench-reanchor.sh [ANCHORS] [WORDS] [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
anchors="${1:-1000}"
words="${2:-20000}"
dir="${3:-$(mktemp -d -t claimtrail-reanchor-XXXXXX)}"
target="${CARGO_TARGET_DIR:-target}"

cargo build --quiet --release --bin claimtrail
"$target/release/claimtrail" bench reanchor --anchors "$anchors" --words "$words" --dump "$dir"
if [ ! -d bench/anchor-js/node_modules/approx-string-match ]; then
  (cd bench/anchor-js && npm ci --silent)
fi
node bench/anchor-js/reanchor.mjs "$dir"
