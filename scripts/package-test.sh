#!/usr/bin/env bash
# Tests the .deb that scripts/package.sh made as a newsroom's machine gets it:
# installs it with apt (which pulls in its runtime libraries), runs the
# installed `claimtrail --version` and an import, starts the installed app
# under Xvfb through the WebDriver harness (ui/e2e/installed.test.mjs), then
# removes the package and checks the user's workspace is still there.
# Runs as root (as CI does) or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
deb=$(ls target/packages/*.deb | head -n 1)
package=$(dpkg-deb -f "$deb" Package)
echo "package-test: installing $deb ($package)"
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null
trap 'DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$package" >/dev/null 2>&1 || true' EXIT

app=$(dpkg -L "$package" | grep -E '^/usr/bin/claimtrail-app$')
test -x /usr/bin/claimtrail
grep -q '^Icon=' "$(dpkg -L "$package" | grep -E '\.desktop$' | head -n 1)"
dpkg -L "$package" | grep -q '/usr/share/icons/hicolor/.*/apps/'

work=$(mktemp -d)
export CLAIMTRAIL_DB="$work/workspace.db" CLAIMTRAIL_LOG_DIR="$work/logs" CLAIMTRAIL_USER="Package Test"
claimtrail --version
claimtrail import tests/fixtures/ani-2025-12-15-nato-guarantees.txt >/dev/null
test "$(claimtrail articles --json | grep -c '"id"')" -ge 1
# Matching by meaning with the package's own model (an empty data folder:
# not the copy setup put there).
XDG_DATA_HOME="$work/data" claimtrail embed --status --json | grep -q '"on": *true' || {
  echo "package-test: the installed model was not found" >&2
  exit 1
}
XDG_DATA_HOME="$work/data" claimtrail embed >/dev/null

(cd ui && CLAIMTRAIL_INSTALLED=1 CLAIMTRAIL_APP="$app" CLAIMTRAIL_FIXTURES="$PWD/../tests/fixtures" \
  timeout 600 xvfb-run -a -s "-screen 0 1280x800x24" node --test --test-concurrency=1 --test-force-exit e2e/installed.test.mjs)

DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -qq "$package" >/dev/null
trap - EXIT
if [ -e /usr/bin/claimtrail ] || [ -e "$app" ]; then
  echo "package-test: removing the package left its programs behind" >&2
  exit 1
fi
test -s "$CLAIMTRAIL_DB" || { echo "package-test: removing the package touched the user's workspace" >&2; exit 1; }
rm -rf "$work"
echo "package-test: installed, ran, removed; the workspace stayed"
