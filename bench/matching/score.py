#!/usr/bin/env python3
"""Recall of `claimtrail matches` on real same-story coverage (see README.md).

For every labelled pair: the source quote is marked as a claim in a copy of a
workspace holding all the labelled articles (that claim is the only one
marked), `matches CLAIM --json` is run, and the pair counts as found when one
of the first --top hits is in the target article and overlaps the labelled
target text. Prints recall@top per kind and how many hits fell on no
labelled target. Python 3 standard library only; no network.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_CACHE = Path(os.environ.get("CLAIMTRAIL_ACCURACY_CACHE", Path.home() / ".cache/claimtrail-accuracy"))
KINDS = ["verbatim", "near", "partial", "paraphrase", "translation"]


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... failed ({r.returncode}): {r.stderr.strip()[:500]}")
    return r.stdout


def aeb_text(article_id, entry):
    """The benchmark body as a plain-text file: a title line made from the
    address's last path segment, a blank line, the body, the address alone
    on the last line (read as the article's URL)."""
    slug = entry["url"].rstrip("/").split("/")[-1]
    slug = re.sub(r"\.(html?|php)$", "", slug)
    title = re.sub(r"[-_]+", " ", slug).strip() or article_id[:8]
    return title[:1].upper() + title[1:] + "\n\n" + entry["articleBody"].strip() + "\n\n" + entry["url"] + "\n"


def key(ref):
    return (ref["set"], ref["article"])


def span_of(body, text):
    i = body.find(text)
    return None if i < 0 else (i, i + len(text))


def hit_span(body, hit):
    """The hit's span as Python string indexes: offsets are checked against
    `exact`, as code points first, then as UTF-16 units."""
    s, e, exact = hit["start"], hit["end"], hit.get("exact") or ""
    if body[s:e] == exact:
        return s, e
    units = 0
    starts = {}
    for i, ch in enumerate(body):
        starts[units] = i
        units += 2 if ord(ch) > 0xFFFF else 1
    starts[units] = len(body)
    if s in starts and e in starts and body[starts[s]:starts[e]] == exact:
        return starts[s], starts[e]
    i = body.find(exact, max(0, s - 50)) if exact else -1
    return (i, i + len(exact)) if i >= 0 else (s, e)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dump-meaning", type=Path, help="write every same-meaning hit in the top N, with its claim's quote, as JSON here")
    ap.add_argument("--claimtrail", type=Path, default=REPO / "target/release/claimtrail")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where bench/accuracy/get-sets.sh put the pages")
    ap.add_argument("--labels", type=Path, default=HERE / "labels.json")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--distractors", action="store_true",
                    help="also import every other AEB article (181 in all) into the workspace")
    ap.add_argument("--details", action="store_true", help="list each miss and each hit on no labelled target")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 4)
    ap.add_argument("--json", type=Path, help="write per-pair results here")
    args = ap.parse_args()

    labels = json.loads(args.labels.read_text())
    pairs, negatives = labels["pairs"], labels.get("negatives", [])
    binary = str(args.claimtrail.resolve())
    if not Path(binary).is_file():
        sys.exit(f"no binary at {binary} (cargo build --release --bin claimtrail)")

    truth_path = args.cache / "aeb" / "ground-truth.json"
    truth = json.loads(truth_path.read_text()) if truth_path.is_file() else None

    wanted = set()
    for p in pairs + negatives:
        wanted.add(key(p["source"]))
        wanted.add(key(p["target"]))
    if args.distractors:
        if truth is None:
            sys.exit(f"--distractors needs {truth_path}")
        wanted |= {("aeb", k) for k in truth}

    tmp = Path(tempfile.mkdtemp(prefix="claimtrail-matching-"))
    try:
        files = {}
        for st, art in sorted(wanted):
            if st == "aeb":
                if truth is None or art not in truth:
                    sys.exit(f"AEB article {art} not in {truth_path} (see README.md)")
                f = tmp / "aeb" / f"{art}.txt"
                f.parent.mkdir(exist_ok=True)
                f.write_text(aeb_text(art, truth[art]))
            else:
                f = args.cache / st / art
                if not f.is_file():
                    sys.exit(f"missing page {f} (run bench/accuracy/get-sets.sh; see README.md)")
            files[str(f)] = (st, art)

        base = tmp / "base.db"
        out = json.loads(run([binary, "--db", str(base), "import", *files, "--json"]))
        ids = {}
        for r in out:
            k = files.get(r["input"])
            if r.get("status") != "imported" or not r.get("article"):
                sys.exit(f"{r['input']}: import said {r.get('status')!r}; the set assumes every article imports as its own article")
            ids[k] = r["article"]["id"]
        bodies = {k: json.loads(run([binary, "--db", str(base), "show", i, "--json"]))["body"] for k, i in ids.items()}
        # The statements' vectors for matching by meaning (off without the model).
        meaning = json.loads(run([binary, "--db", str(base), "embed", "--status", "--json"]))
        if meaning["on"]:
            run([binary, "--db", str(base), "embed", "--json"])

        # Every label must stand in the text as Claimtrail extracted it.
        bad = []
        for p in pairs + negatives:
            for ref, field in ((p["source"], "quote"), (p["target"], "text")):
                if span_of(bodies[key(ref)], ref[field]) is None:
                    bad.append(f"{p['id']}: {field} not found in {ref['set']}:{ref['article']}")
        if bad:
            print("labels that no longer match the extracted text (importer changed?):", *bad, sep="\n  ", file=sys.stderr)

        # Claims: one per distinct (source article, quote).
        claims = collections.OrderedDict()
        for p in pairs:
            claims.setdefault((key(p["source"]), p["source"]["quote"], p["source"].get("occurrence")), []).append(p)

        def one(item):
            (src, quote, occurrence), _ = item
            db = tmp / f"w{abs(hash(item[0]))}.db"
            shutil.copyfile(base, db)
            try:
                cmd = [binary, "--db", str(db), "claim", "add", "--article", ids[src], "--quote", quote, "--json"]
                if occurrence:
                    cmd += ["--occurrence", str(occurrence)]
                c = json.loads(run(cmd))
                m = json.loads(run([binary, "--db", str(db), "matches", c["id"], "--json"]))
                return [h for h in m.get("hits", []) if h.get("claim_id") in (None, c["id"])], None
            except (RuntimeError, json.JSONDecodeError, KeyError) as e:
                return [], str(e)
            finally:
                for f in tmp.glob(db.name + "*"):
                    f.unlink()

        with ThreadPoolExecutor(args.jobs) as pool:
            answers = list(pool.map(one, claims.items()))

        by_article = {i: k for k, i in ids.items()}
        results = []
        stray = []  # hits in the top N on no labelled target
        neg_hits = []
        own = []  # hits in the claim's own article (the statement repeated there)
        dump = []
        meant = []  # same-meaning hits in the top N: (similarity, on a labelled target, ...)
        n_hits = 0
        for ((src, quote, _occ), ps), (hits, err) in zip(claims.items(), answers):
            top = hits[: args.top]
            n_hits += len(top)
            labelled = [(key(p["target"]), span_of(bodies[key(p["target"])], p["target"]["text"])) for p in ps]
            negs = [(key(n["target"]), span_of(bodies[key(n["target"])], n["target"]["text"]))
                    for n in negatives if key(n["source"]) == src and n["source"]["quote"] == quote]
            spans = [(by_article.get(h["article_id"]), hit_span(bodies.get(by_article.get(h["article_id"]), ""), h)) for h in top]
            for p in ps:
                t = key(p["target"])
                ts = span_of(bodies[t], p["target"]["text"])
                found = None
                for rank, (h, (art, hs)) in enumerate(zip(top, spans), 1):
                    if art == t and ts and overlaps(hs, ts):
                        found = {"rank": rank, "match": h.get("match"), "similarity": h.get("similarity"), "exact": h.get("exact")}
                        break
                results.append({"id": p["id"], "kind": p["kind"], "found": found, "error": err, "hits": len(hits)})
            for h, (art, hs) in zip(top, spans):
                if h.get("match") in ("paraphrase", "translation"):
                    on_label = any(art == t and s and overlaps(hs, s) for t, s in labelled)
                    meant.append((h["similarity"], on_label, ps[0]["id"], art, h.get("match"), h.get("exact")))
                    dump.append({"claim": ps[0]["id"], "quote": quote, "source": list(src), "target": list(art) if art else None,
                                 "match": h.get("match"), "similarity": round(h["similarity"], 4), "exact": h.get("exact"),
                                 "on_labelled_target": on_label})
                if any(art == t and s and overlaps(hs, s) for t, s in labelled):
                    continue
                entry = (ps[0]["id"], art, h.get("match"), h.get("exact"))
                if any(art == t and s and overlaps(hs, s) for t, s in negs):
                    neg_hits.append(entry)
                elif art == src:
                    own.append(entry)
                else:
                    stray.append(entry)

        # Report.
        print(f"claimtrail matches, recall@{args.top} on {len(pairs)} labelled pairs "
              f"({len(claims)} claims; workspace of {len(ids)} articles{', with AEB distractors' if args.distractors else ''})\n")
        print(f"matching by meaning: {'on' if meaning['on'] else 'off (' + str(meaning.get('reason')) + ')'}\n")
        print("| kind | pairs | found | recall | found as verbatim / near / partial / paraphrase / translation |")
        print("|---|---|---|---|---|")
        tot = fnd = 0
        for kind in KINDS + sorted({r['kind'] for r in results} - set(KINDS)):
            rs = [r for r in results if r["kind"] == kind]
            if not rs:
                continue
            f = [r for r in rs if r["found"]]
            how = collections.Counter(r["found"]["match"] for r in f)
            tot += len(rs)
            fnd += len(f)
            print(f"| {kind} | {len(rs)} | {len(f)} | {len(f) / len(rs):.2f} | "
                  f"{how.get('verbatim', 0)} / {how.get('near', 0)} / {how.get('partial', 0)} / "
                  f"{how.get('paraphrase', 0)} / {how.get('translation', 0)} |")
        print(f"| all | {tot} | {fnd} | {fnd / tot:.2f} | |")
        print(f"\nhits in the top {args.top}: {n_hits}; on a labelled target: {n_hits - len(stray) - len(neg_hits) - len(own)}; "
              f"in the claim's own article: {len(own)}; on a labelled negative: {len(neg_hits)}; "
              f"elsewhere (no labelled target): {len(stray)}")
        if args.dump_meaning:
            args.dump_meaning.write_text(json.dumps(dump, ensure_ascii=False, indent=1))
        if meant:
            # Precision of "same meaning" hits in the top N: on a labelled
            # target of the claim, or judged the same claim by hand
            # (meaning-judgements.json: every same-meaning hit of a run
            # with the floor at 0.80, read and judged; see README.md).
            judged_path = Path(__file__).with_name("meaning-judgements.json")
            judged = {}
            if judged_path.is_file():
                for j in json.loads(judged_path.read_text()):
                    judged[(j["claim"], tuple(j["target"] or ()), j["exact"][:120])] = j["same"]
            def verdict(m):
                sim, on_label, pid, art, how, exact = m
                if on_label:
                    return True
                exact = exact or ""
                found = judged.get((pid, tuple(art or ()), exact[:120]))
                if found is None:
                    # A judged sentence that holds this hit's words (or is
                    # held by them): the same statement, judged once.
                    for (jp, jt, jx), same in judged.items():
                        if jp == pid and jt == tuple(art or ()) and (exact[:100] in jx or jx[:100] in exact):
                            return same
                return found
            print("\nsame-meaning hits in the top N, by cosine floor (precision: on a labelled target or judged the same claim;"
                  " recall: labelled paraphrase / translation pairs found as same meaning):")
            print("| floor | hits | same claim | unjudged | precision | paraphrase recall | translation recall |")
            print("|---|---|---|---|---|---|---|")
            for floor in (0.85, 0.86, 0.87, 0.88, 0.89, 0.90, 0.91, 0.92):
                above = [m for m in meant if m[0] >= floor]
                good = sum(1 for m in above if verdict(m) is True)
                unjudged = sum(1 for m in above if verdict(m) is None)
                rec = {}
                for kind in ("paraphrase", "translation"):
                    rs = [r for r in results if r["kind"] == kind]
                    hit = [r for r in rs if r["found"] and (r["found"]["match"] not in ("paraphrase", "translation") or r["found"]["similarity"] >= floor)]
                    rec[kind] = f"{len(hit)}/{len(rs)} = {len(hit) / len(rs):.2f}" if rs else "-"
                prec = f"{good / (len(above) - unjudged):.2f}" if len(above) > unjudged else "-"
                print(f"| {floor:.2f} | {len(above)} | {good} | {unjudged} | {prec} | {rec['paraphrase']} | {rec['translation']} |")
        errors = [r for r in results if r["error"]]
        if errors:
            print(f"errors: {len(errors)} (claim add / matches failed; see --details)")
        if args.details:
            print("\nmisses:")
            for r in results:
                if not r["found"]:
                    print(f"  {r['id']} ({r['kind']}): {r['hits']} hits{'; error: ' + r['error'] if r['error'] else ''}")
            print("\nhits on no labelled target:")
            for pid, art, how, exact in stray:
                where = f"{art[0]}:{art[1][:40]}" if art else "?"
                print(f"  claim of {pid}: {how} in {where}: {(exact or '')[:100]!r}")
            if meant:
                print("\nsame-meaning hits (cosine, on a labelled target):")
                for sim, ok, pid, art, how, exact in sorted(meant, reverse=True):
                    where = f"{art[0]}:{art[1][:30]}" if art else "?"
                    print(f"  {sim:.3f} {'yes' if ok else 'NO '} claim of {pid}: {how} in {where}: {(exact or '')[:90]!r}")
            if own:
                print("\nhits in the claim's own article:")
                for pid, art, how, exact in own:
                    print(f"  claim of {pid}: {how}: {(exact or '')[:100]!r}")
            if neg_hits:
                print("\nhits on a labelled negative:")
                for pid, art, how, exact in neg_hits:
                    print(f"  claim of {pid}: {how}: {(exact or '')[:100]!r}")
        if args.json:
            args.json.write_text(json.dumps({"results": results, "stray": stray, "own_article": own, "negative_hits": neg_hits}, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
