#!/usr/bin/env bash
# Runs every test: formatting and lints, Rust unit and integration tests,
# the check that the committed TypeScript bindings are fresh, UI type checks
# and unit tests, a brief pass of every fuzz target, end-to-end tests
# that drive the real app window under Xvfb through tauri-driver and
# WebKitWebDriver and open exports in headless Chromium, and the .deb built,
# installed with apt, run and removed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { printf '\n== %s\n' "$*"; }

# A clean clone's run builds about 7.5 GB (debug, release and fuzz builds,
# no incremental caches; more with them): say so up front rather than
# failing half way with "No space left on device".
free_gb=$(df -Pk . | awk 'NR == 2 { print int($4 / 1048576) }')
if [ "$free_gb" -lt 12 ]; then
  echo "warning: only ${free_gb} GB free on this disk; a full test run from a clean clone builds about 7.5 GB." >&2
fi

step "rustfmt"
cargo fmt --all -- --check

step "clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The desktop app takes the library without the benchmarks.
cargo clippy -p claimtrail --no-default-features --lib --quiet -- -D warnings

step "the text crate stays pure (no storage in its dependency tree)"
if cargo tree -p claimtrail-text -e normal --prefix none | grep -q '^sqlx'; then
  echo "crates/claimtrail-text depends on sqlx; the text code must not store anything." >&2
  exit 1
fi

step "Rust tests (also regenerates the TypeScript bindings)"
cargo test --workspace --quiet

step "integration tests on a one-connection pool (nothing waits for a second connection while holding one)"
CLAIMTRAIL_POOL_SIZE=1 cargo test --quiet --test it

step "TypeScript bindings are up to date"
if ! git diff --exit-code --stat -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  echo "The generated bindings in ui/src/lib/bindings differ from the Rust types." >&2
  echo "Run 'cargo test --workspace' and commit ui/src/lib/bindings." >&2
  exit 1
fi

step "the licence list in About is up to date"
node scripts/licences.mjs
if ! git diff --exit-code --stat -- src-tauri/licences.json; then
  echo "src-tauri/licences.json differs from the dependencies: run 'node scripts/licences.mjs' and commit it." >&2
  exit 1
fi

step "UI checks and unit tests"
(cd ui && npm run check && npm test)

step "fuzz targets, 20 seconds each (scripts/fuzz.sh SECONDS for longer)"
bash scripts/fuzz.sh 20

step "end-to-end tests in the real window"
bash scripts/e2e.sh

step "packages: the .deb and .rpm built, the .deb installed, run and removed"
bash scripts/package.sh
bash scripts/package-test.sh
