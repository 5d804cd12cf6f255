#!/usr/bin/env python3
"""Score Claimtrail's article extraction (and trafilatura's, on the same pages)
against the labelled real-world sets in labels/. See README.md.

    /work/venv-accuracy/bin/python bench/accuracy/score.py --claimtrail target/debug/claimtrail
    ... --sets trafilatura --details          # per-page byline and date misses
    ... --extra NAME=results.jsonl            # score another extractor's output too

Needs no network: pages are read from the cache folder get-sets.sh fills.
"""
import argparse
import concurrent.futures
import datetime as dt
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CACHE = Path(os.environ.get("CLAIMTRAIL_ACCURACY_CACHE", Path.home() / ".cache/claimtrail-accuracy"))
TITLE_RATIO = 0.9  # a title is right when the normalised similarity ratio reaches this

# ---------------------------------------------------------------- metrics

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return WORD.findall(unicodedata.normalize("NFKC", text or "").casefold())


def body_f1(truth, got):
    """Word-level F1 of bags of words (\\w+ tokens, case-folded)."""
    t, g = Counter(words(truth)), Counter(words(got))
    if not t and not g:
        return 1.0
    common = sum((t & g).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(t.values())
    return 2 * p * r / (p + r)


def norm_title(s):
    s = unicodedata.normalize("NFKC", s or "").casefold()
    return " ".join(WORD.findall(s))


def title_right(truth, got):
    a, b = norm_title(truth), norm_title(got)
    if not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= TITLE_RATIO


SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\n)\s*", re.I)
LEAD = re.compile(r"^(?:by|von|par|por|di|door)\s+", re.I)
CREDENTIAL = re.compile(r"^(?:ph\.?\s?d\.?|m\.?d\.?|jr\.?|sr\.?)$", re.I)


def names(value):
    """A byline (string or list) as a set of normalised names."""
    if value is None:
        return set()
    items = value if isinstance(value, list) else [value]
    out = set()
    for item in items:
        for part in SPLIT.split(item or ""):
            part = LEAD.sub("", part.strip())
            if not part or CREDENTIAL.match(part):
                continue
            part = unicodedata.normalize("NFKC", part).casefold()
            part = " ".join(re.sub(r"[^\w\s'-]", " ", part).split())
            if part:
                out.add(part)
    return out


def byline_right(truth, got):
    return names(truth) == names(got)


def parse_when(s):
    """ISO date or date-time string -> (date, aware datetime or None)."""
    if not s:
        return None, None
    s = str(s).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None, None
    try:
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None, None
    if len(s) <= 10:
        return day, None
    try:
        t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return day, None
    return day, (t if t.tzinfo else None)


def published_right(truth, got):
    """Date-only truth: same calendar date as the source wrote it.
    Date-time truth: the same instant (a value without offset cannot match)."""
    tday, tinst = parse_when(truth)
    gday, ginst = parse_when(got)
    if gday is None or tday is None:
        return False
    if tinst is None:
        return tday == gday
    return ginst is not None and ginst == tinst


# ---------------------------------------------------------------- running extractors


def page_url(p):
    """The address a labelled page was saved from, when it is a web address."""
    url = (p.get("url") or "").strip()
    return url if url.startswith(("http://", "https://")) else None


def run_claimtrail(binary, set_name, pages, cache, jobs, with_urls=False):
    """Import each page into a throwaway workspace; return {id: {title, byline, published, body, status}}.
    With `with_urls`, each page alone with `import FILE --url URL` (its labelled address)."""
    env = dict(os.environ, CLAIMTRAIL_LOG="off")
    out = {}

    def import_batch(batch, tmp):
        db = os.path.join(tmp, "w.sqlite")
        files = [str(cache / set_name / p["file"]) for p in batch]
        hint = ["--url", page_url(batch[0])] if with_urls and len(batch) == 1 and page_url(batch[0]) else []
        r = subprocess.run([binary, "--db", db, "import", *files, *hint, "--json"], env=env,
                           capture_output=True, text=True)
        try:
            rows = json.loads(r.stdout) if r.stdout.strip() else []
        except json.JSONDecodeError:
            rows = []
        by_input = {row.get("input"): row for row in rows}
        res = {}
        for p, f in zip(batch, files):
            row = by_input.get(f)
            if row is None:
                res[p["id"]] = {"status": f"no result (exit {r.returncode}): {r.stderr.strip()[-200:]}"}
                continue
            art = row.get("article") or {}
            res[p["id"]] = {"status": row.get("status"), "article_id": art.get("id"), "db": db}
        return res

    def show(db, article_id):
        r = subprocess.run([binary, "--db", db, "show", article_id, "--json"], env=env,
                           capture_output=True, text=True)
        return json.loads(r.stdout) if r.returncode == 0 else None

    def one_batch(batch):
        with tempfile.TemporaryDirectory(prefix="claimtrail-acc-") as tmp:
            res = import_batch(batch, tmp)
            redo = [p for p in batch if res[p["id"]].get("status") != "imported" and len(batch) > 1]
            results = {}
            for p in batch:
                if p in redo:
                    continue
                results[p["id"]] = finish(res[p["id"]])
            for p in redo:  # a duplicate or revision of another page in the batch: alone, in its own workspace
                with tempfile.TemporaryDirectory(prefix="claimtrail-acc-") as tmp2:
                    results[p["id"]] = finish(import_batch([p], tmp2)[p["id"]])
            return results

    def finish(r):
        if r.get("status") != "imported" or not r.get("article_id"):
            return {"status": r.get("status"), "title": None, "byline": None, "published": None, "body": ""}
        a = show(r["db"], r["article_id"]) or {}
        return {"status": r["status"], "title": a.get("title"), "byline": a.get("byline"),
                "published": a.get("published_at"), "outlet": a.get("outlet"), "body": a.get("body") or ""}

    size = 1 if with_urls else 40
    batches = [pages[i:i + size] for i in range(0, len(pages), size)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
        for res in ex.map(one_batch, batches):
            out.update(res)
    return out


def _traf_one(job):
    import trafilatura
    from trafilatura.settings import use_config
    path, url = job
    try:
        data = Path(path).read_bytes()
        cfg = use_config()
        cfg.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, config=cfg)
        if doc is None:
            meta = trafilatura.extract_metadata(data)
            return {"title": getattr(meta, "title", None), "byline": getattr(meta, "author", None),
                    "published": getattr(meta, "date", None), "body": ""}
        doc = doc if isinstance(doc, dict) else doc.as_dict()
        return {"title": doc.get("title"), "byline": doc.get("author"),
                "published": doc.get("date"), "body": doc.get("text") or ""}
    except Exception as e:  # a crash counts as a miss
        return {"error": f"{type(e).__name__}: {e}", "title": None, "byline": None, "published": None, "body": ""}


def run_trafilatura(set_name, pages, cache, jobs, use_cache, with_urls=False):
    try:
        import trafilatura
    except ImportError:
        return None
    urls = "-urls" if with_urls else ""
    store = cache / "results" / f"trafilatura-{trafilatura.__version__}-{set_name}{urls}.json"
    done = json.loads(store.read_text()) if use_cache and store.is_file() else {}
    todo = [p for p in pages if p["id"] not in done]
    if todo:
        import multiprocessing
        with multiprocessing.Pool(jobs) as pool:
            for p, r in zip(todo, pool.map(_traf_one, [(str(cache / set_name / p["file"]), page_url(p) if with_urls else None)
                                                   for p in todo], chunksize=4)):
                done[p["id"]] = r
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text(json.dumps(done, ensure_ascii=False))
    return done


def load_extra(path):
    """JSON lines: {"set", "id", "title", "byline", "published", "body"} (missing keys: not given)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.setdefault(r["set"], {})[r["id"]] = r
    return out


# ---------------------------------------------------------------- scoring


def score(pages, truth_bodies, results):
    """Return {metric: (right or sum, count)} and per-page misses."""
    s = {k: [0.0, 0] for k in ("body", "title", "byline", "published", "spurious_byline")}
    misses = {"byline": [], "published": [], "title": []}
    for p in pages:
        r = results.get(p["id"]) or {}
        if p["id"] in truth_bodies and "body" in r:
            s["body"][0] += body_f1(truth_bodies[p["id"]], r.get("body"))
            s["body"][1] += 1
        if p.get("title") and "title" in r:
            ok = title_right(p["title"], r.get("title"))
            s["title"][0] += ok
            s["title"][1] += 1
            if not ok:
                misses["title"].append((p, p["title"], r.get("title")))
        if p.get("byline") and "byline" in r:
            ok = byline_right(p["byline"], r.get("byline"))
            s["byline"][0] += ok
            s["byline"][1] += 1
            if not ok:
                misses["byline"].append((p, p["byline"], r.get("byline")))
        elif p.get("byline") == [] and "byline" in r:
            s["spurious_byline"][1] += 1
            if names(r.get("byline")):
                s["spurious_byline"][0] += 1
                misses["byline"].append((p, [], r.get("byline")))
        if p.get("published") and "published" in r:
            ok = published_right(p["published"], r.get("published"))
            s["published"][0] += ok
            s["published"][1] += 1
            if not ok:
                misses["published"].append((p, p["published"], r.get("published")))
    return s, misses


def fmt(v):
    right, n = v
    return f"{right / n:.3f}" if n else "–"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claimtrail", default=str(HERE.parents[1] / "target/debug/claimtrail"),
                    help="the claimtrail CLI to measure (default: target/debug/claimtrail)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where get-sets.sh put the pages")
    ap.add_argument("--sets", default="aeb,trafilatura,htmldate", help="comma-separated set names")
    ap.add_argument("--limit", type=int, help="only the first N pages of each set (quick runs)")
    ap.add_argument("--details", action="store_true", help="print per-page byline and date misses (ours)")
    ap.add_argument("--details-of", default="ours", help="whose misses --details prints (ours, trafilatura or an --extra name)")
    ap.add_argument("--titles", action="store_true", help="with --details, print title misses too")
    ap.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura")
    ap.add_argument("--no-claimtrail", action="store_true", help="skip claimtrail (e.g. only score --extra)")
    ap.add_argument("--refresh-trafilatura", action="store_true", help="ignore trafilatura results cached in CACHE/results")
    ap.add_argument("--extra", action="append", default=[], metavar="NAME=FILE.jsonl",
                    help="also score another extractor's output (JSON lines: set, id, title, byline, published, body)")
    ap.add_argument("--with-urls", action="store_true",
                    help="give each page's labelled address to both tools (ours: import FILE --url URL)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--json", type=Path, help="also write all figures as JSON here")
    ap.add_argument("--pages", type=Path,
                    help="also write every page's result (JSON lines: set, who, id, url, expected, got) here")
    args = ap.parse_args()

    snapshot = None
    if not args.no_claimtrail:
        # a copy, so that a rebuild during the run cannot mix two binaries
        import hashlib
        import shutil
        snapshot = tempfile.NamedTemporaryFile(prefix="claimtrail-acc-bin-", delete=False)
        snapshot.close()
        shutil.copy2(args.claimtrail, snapshot.name)
        digest = hashlib.sha256(Path(snapshot.name).read_bytes()).hexdigest()[:12]
        built = dt.datetime.fromtimestamp(os.path.getmtime(args.claimtrail), dt.timezone.utc)
        print(f"claimtrail: {args.claimtrail} (built {built:%Y-%m-%d %H:%M:%S} UTC, sha256 {digest}…)\n")
        args.claimtrail = snapshot.name

    extras = {}
    for e in args.extra:
        name, _, path = e.partition("=")
        extras[name] = load_extra(path)

    rows, all_misses, figures = [], {}, {}
    for set_name in args.sets.split(","):
        label = json.loads((HERE / "labels" / f"{set_name}.json").read_text())
        pages = label["pages"][: args.limit] if args.limit else label["pages"]
        missing = [p for p in pages if not (args.cache / set_name / p["file"]).is_file()]
        if missing:
            sys.exit(f"{set_name}: {len(missing)} pages missing from {args.cache / set_name} (run get-sets.sh; see README.md)")
        truth_bodies = {}
        if set_name == "aeb":
            gt = json.loads((args.cache / "aeb" / "ground-truth.json").read_text())
            truth_bodies = {p["id"]: gt[p["id"]]["articleBody"] for p in pages}
        who = {}
        if not args.no_claimtrail:
            print(f"{set_name}: claimtrail on {len(pages)} pages…", file=sys.stderr)
            who["ours"] = run_claimtrail(args.claimtrail, set_name, pages, args.cache, args.jobs, args.with_urls)
        if not args.no_trafilatura:
            print(f"{set_name}: trafilatura on {len(pages)} pages…", file=sys.stderr)
            t = run_trafilatura(set_name, pages, args.cache, args.jobs, not args.refresh_trafilatura, args.with_urls)
            if t is None:
                print("trafilatura is not importable here: run with the venv's python (README.md)", file=sys.stderr)
            else:
                who["trafilatura"] = t
        for name, data in extras.items():
            who[name] = data.get(set_name, {})
        if args.pages:
            with args.pages.open("a") as dump:
                for name, res in who.items():
                    for p in pages:
                        got = {k: v for k, v in res.get(p["id"], {}).items() if k != "body"}
                        if p["id"] in truth_bodies:
                            got["body_f1"] = round(body_f1(truth_bodies[p["id"]], res.get(p["id"], {}).get("body")), 4)
                        want = {k: p.get(k) for k in ("title", "byline", "published")}
                        dump.write(json.dumps({"set": set_name, "who": name, "id": p["id"], "url": p.get("url"),
                                               "expected": want, "got": got}, ensure_ascii=False) + "\n")
        scores = {}
        for name, res in who.items():
            scores[name], all_misses[(set_name, name)] = score(pages, truth_bodies, res)
        figures[set_name] = {"pages": len(pages), **{n: {k: v for k, v in s.items()} for n, s in scores.items()}}
        rows.append((set_name, len(pages), scores))

    names_ = [n for n in (["ours", "trafilatura"] + list(extras)) if any(n in s for _, _, s in rows)]
    short = {"ours": "ours", "trafilatura": "traf"}
    head = ["set", "pages"]
    for metric in ("body F1", "title", "byline", "published"):
        head += [f"{metric} {short.get(n, n)}" for n in names_]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for set_name, n, scores in rows:
        cells = [set_name, str(n)]
        for metric in ("body", "title", "byline", "published"):
            for who in names_:
                v = scores.get(who, {}).get(metric, [0, 0])
                cells.append(f"{fmt(v)} ({v[1]})" if v[1] else "–")
        print("| " + " | ".join(cells) + " |")
    print()
    print("Figures in parentheses: labelled pages the figure is over. body: mean word F1; title: "
          f"normalised similarity ≥ {TITLE_RATIO}; byline: same set of names, over pages with a byline; "
          "published: same calendar date for a date-only label (all labels here are date-only).")
    for set_name, n, scores in rows:
        for who in names_:
            sp = scores.get(who, {}).get("spurious_byline", [0, 0])
            if sp[1]:
                print(f"{set_name}: {who} gave a byline on {int(sp[0])} of {sp[1]} pages labelled with none")

    if args.details:
        kinds = ["byline", "published"] + (["title"] if args.titles else [])
        for (set_name, who), misses in all_misses.items():
            if who != args.details_of:
                continue
            for kind in kinds:
                if not misses[kind]:
                    continue
                print(f"\n### {set_name}: {kind} misses ({who}), {len(misses[kind])}\n")
                for p, want, got in misses[kind]:
                    print(f"- {p['id']}  expected {json.dumps(want, ensure_ascii=False)}  got {json.dumps(got, ensure_ascii=False)}  <{p.get('url')}>")

    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    if snapshot is not None:
        os.unlink(snapshot.name)


if __name__ == "__main__":
    main()
