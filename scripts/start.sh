#!/usr/bin/env bash
# Sets everything up, builds the app in release mode and opens it on the
# default workspace (or on CLAIMTRAIL_DB when set). Only the app is built,
# so it opens sooner; the command line is `cargo build --release --bin
# claimtrail`, or comes with the package (scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
(cd ui && npm run build)
cargo build --release -p claimtrail-app --features custom-protocol
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "start: no display found (DISPLAY is not set). The app needs a desktop session;" >&2
  echo "start: the CLI works without one: cargo build --release --bin claimtrail, then target/release/claimtrail --help" >&2
  exit 1
fi
exec target/release/claimtrail-app
