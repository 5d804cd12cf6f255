#!/usr/bin/env bash
# Copy the third-party pages the accuracy sets use out of local clones of
# their repositories into a cache folder outside this repository.
# Needs no network: clone the three repositories once (see README.md), then
#
#   bench/accuracy/get-sets.sh AEB_CLONE TRAFILATURA_CLONE HTMLDATE_CLONE [CACHE]
#
# Each clone may be a working tree or a bare git directory; it must contain
# the pinned commit below. CACHE defaults to ~/.cache/claimtrail-accuracy.
set -euo pipefail

AEB_COMMIT=4a3bc979f76c0df73cb95fe272e2fc1b96f9f010        # scrapinghub/article-extraction-benchmark
TRAF_COMMIT=e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5       # adbar/trafilatura
HTMLDATE_COMMIT=b8952828329abaeeb3be21387b526f2be614ce67   # adbar/htmldate

if [ $# -lt 3 ]; then
  sed -n 2,10p "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
AEB=$1 TRAF=$2 HTMLDATE=$3
CACHE=${4:-${CLAIMTRAIL_ACCURACY_CACHE:-$HOME/.cache/claimtrail-accuracy}}

extract() { # repo commit destination paths...
  local repo=$1 commit=$2 dest=$3; shift 3
  if ! git -C "$repo" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "$repo does not contain commit $commit (git -C $repo fetch origin, then retry)" >&2
    exit 1
  fi
  rm -rf "$dest"; mkdir -p "$dest"
  git -C "$repo" archive --format=tar "$commit" -- "$@" | tar -x -C "$dest"
  echo "$commit" > "$dest/COMMIT"
}

# article-extraction-benchmark: html/<id>.html.gz and ground-truth.json (bodies)
extract "$AEB" "$AEB_COMMIT" "$CACHE/aeb" html ground-truth.json
gunzip -f "$CACHE"/aeb/html/*.html.gz

# trafilatura: tests/evaldata.json and the pages it names (tests/cache, tests/eval)
extract "$TRAF" "$TRAF_COMMIT" "$CACHE/trafilatura" tests/evaldata.json tests/cache tests/eval

# htmldate: tests/eval_default.json, tests/eval_mediacloud_2020.json and their pages
extract "$HTMLDATE" "$HTMLDATE_COMMIT" "$CACHE/htmldate" \
  tests/eval_default.json tests/eval_mediacloud_2020.json tests/test_set tests/cache tests/eval

for s in aeb trafilatura htmldate; do
  printf '%-12s %5d files\n' "$s" "$(find "$CACHE/$s" -type f -name '*.htm*' | wc -l)"
done
echo "cached in $CACHE"
