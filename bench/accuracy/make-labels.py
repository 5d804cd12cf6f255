#!/usr/bin/env python3
"""Write labels/*.json (our own form) from the upstream annotations in the cache.

Run once after get-sets.sh; the output is committed, so scoring does not need
this. Upstream annotations: trafilatura's tests/evaldata.json (Apache-2.0),
htmldate's tests/eval_default.json and tests/eval_mediacloud_2020.json
(Apache-2.0), the article-extraction-benchmark's ground-truth.json (MIT; only
ids and URLs are kept here, bodies are read from the cache at scoring time).

A label page: id, file (relative to the set's cache folder), url, title
(null = not labelled), byline (list of names; [] = labelled as having none;
null = not labelled), published (ISO date or date-time; null = not labelled).
"""
import json
import math
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("CLAIMTRAIL_ACCURACY_CACHE", Path.home() / ".cache/claimtrail-accuracy"))

SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b)\s*", re.I)
CREDENTIAL = re.compile(r"^(?:ph\.?\s?d\.?|m\.?d\.?|jr\.?|sr\.?)$", re.I)
LEAD = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.I)


def split_names(value):
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        for part in SPLIT.split(item or ""):
            part = LEAD.sub("", part.strip())
            if part and not CREDENTIAL.match(part):
                names.append(part)
    return names


# Upstream date labels that are not valid ISO dates (typos), read as meant.
DATE_FIXES = {"2022-29-11": "2022-11-29", "2022-11-1": "2022-11-01",
              "2022-01.26": "2022-01-26", "2022-25-10": "2022-10-25"}


def commit(set_dir):
    return (set_dir / "COMMIT").read_text().strip()


def resolve(base, subdirs, name):
    for sub in subdirs:
        if (base / sub / name).is_file():
            return f"{sub}/{name}"
    return None


def write(name, source, pages):
    out = {"set": name, "source": source, "pages": pages}
    path = HERE / "labels" / f"{name}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    print(f"{path}: {len(pages)} pages", file=sys.stderr)


def aeb():
    d = CACHE / "aeb"
    truth = json.loads((d / "ground-truth.json").read_text())
    pages = [{"id": k, "file": f"html/{k}.html", "url": v.get("url"), "title": None,
              "byline": None, "published": None, "body": "ground-truth.json"}
             for k, v in sorted(truth.items())]
    write("aeb", {"repo": "scrapinghub/article-extraction-benchmark", "commit": commit(d),
                  "annotations": "ground-truth.json (articleBody)", "licence": "MIT"}, pages)


def trafilatura():
    d = CACHE / "trafilatura"
    data = json.loads((d / "tests/evaldata.json").read_text())
    pages = []
    for url, v in data.items():
        if "date" not in v and "author" not in v and "title" not in v:
            continue  # only body snippets: not what we measure
        f = resolve(d / "tests", ["cache", "eval"], v["file"])
        if f is None:
            continue
        pages.append({"id": v["file"], "file": "tests/" + f, "url": url,
                      "title": v.get("title") or None,
                      "byline": split_names(v.get("author")) if "author" in v else None,
                      "published": DATE_FIXES.get(v.get("date"), v.get("date")) or None})
    pages.sort(key=lambda p: p["id"])
    write("trafilatura", {"repo": "adbar/trafilatura", "commit": commit(d),
                          "annotations": "tests/evaldata.json (title, author, date)",
                          "licence": "Apache-2.0"}, pages)


def htmldate():
    d = CACHE / "htmldate"
    pages = []
    for ann in ("eval_default.json", "eval_mediacloud_2020.json"):
        data = json.loads((d / "tests" / ann).read_text())
        for url, v in data.items():
            date = v.get("date")
            if not isinstance(date, str) or not date:
                continue
            f = resolve(d / "tests", ["test_set", "cache", "eval"], v["file"])
            if f is None or any(p["id"] == v["file"] for p in pages):
                continue
            pages.append({"id": v["file"], "file": "tests/" + f, "url": url, "title": None,
                          "byline": None, "published": date})
    pages.sort(key=lambda p: p["id"])
    write("htmldate", {"repo": "adbar/htmldate", "commit": commit(d),
                       "annotations": "tests/eval_default.json, tests/eval_mediacloud_2020.json (date)",
                       "licence": "Apache-2.0"}, pages)


if __name__ == "__main__":
    aeb()
    trafilatura()
    htmldate()
