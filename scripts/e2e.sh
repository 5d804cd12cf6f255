#!/usr/bin/env bash
# End-to-end tests: builds the UI and the app (serving the built UI), then
# drives the real window under Xvfb with WebdriverIO → tauri-driver →
# WebKitWebDriver. Screenshots land in ui/e2e/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd ui && npm run build)
cargo build --quiet -p claimtrail-app --features custom-protocol
# Several tests set up their workspaces with the CLI first.
cargo build --quiet --bin claimtrail
export CLAIMTRAIL_APP="$PWD/target/debug/claimtrail-app"
export CLAIMTRAIL_FIXTURES="$PWD/tests/fixtures"
cd ui
# Without a display the app hangs rather than failing, so every run is bounded.
timeout 1500 xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 --test-force-exit e2e/
