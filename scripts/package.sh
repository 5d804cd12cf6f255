#!/usr/bin/env bash
# Builds the release app and the claimtrail command line once, and packs
# them with Tauri's bundler as a .deb and an .rpm in target/packages/,
# with the sentence-embedding model. The
# packages install the app (menu entry, icon) and the command line on the
# PATH, and declare their runtime libraries (WebKitGTK 4.1, GTK 3), so
# `apt install ./claimtrail…deb` pulls those in. No AppImage: its tools are
# downloaded at build time, which this project's build machines cannot do.
# Needs scripts/setup.sh first (system packages and the UI's npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked --bin claimtrail
# The sentence-embedding model goes in the packages, under
# /usr/share/claimtrail/models (tauri.conf.json), where the app finds it.
bash scripts/model.sh target/model
(cd ui && npm run build)
# The bundler builds the app in release mode around the built UI. Told where
# the UI is: left to look, it takes the first package.json it finds.
TAURI_FRONTEND_PATH="$PWD/ui" ui/node_modules/.bin/tauri build --bundles deb,rpm -- --locked
rm -rf target/packages
mkdir -p target/packages
cp target/release/bundle/deb/*.deb target/release/bundle/rpm/*.rpm target/packages/
ls -l target/packages
