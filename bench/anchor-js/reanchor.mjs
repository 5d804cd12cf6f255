// Re-anchors the inputs written by `claimtrail bench reanchor --dump DIR`
// the way the Hypothesis client does, with the npm package
// approx-string-match, times it like the Rust benchmark (fastest and median
// of 5 rounds), and compares its placements with the Rust ones.
//
// The order follows Hypothesis's description of its anchoring: the stored
// position if the text there still equals the quote, else every exact
// occurrence of the quote, else approximate matches with up to
// min(256, quote length / 2) errors; candidates are then scored on the
// quote (50), prefix (20), suffix (20) and closeness to the old position
// (2), and the best one wins. Written from that description, not copied.
//
// Usage: node reanchor.mjs DIR
// Reads DIR/new.txt, DIR/anchors.json and DIR/rust.json; writes
// DIR/js.json (placements and every difference) and DIR/summary.json, and
// prints the summary.

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import search from "approx-string-match";

const ROUNDS = 5;
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** Every exact occurrence of `quote` in `text`, overlapping ones included. */
function exactMatches(text, quote) {
  const found = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    found.push({ start: at, end: at + quote.length, errors: 0 });
  }
  return found;
}

/** Exact occurrences if there are any, else the best approximate ones. */
function candidates(text, quote, maxErrors) {
  const exact = exactMatches(text, quote);
  return exact.length > 0 ? exact : search(text, quote, maxErrors);
}

/** 1 minus the share of `context` that must change to occur in `window`. */
function similarity(window, context) {
  if (context.length === 0 || window.length === 0) {
    return 0;
  }
  const best = search(window, context, context.length);
  return best.length === 0 ? 0 : 1 - best[0].errors / context.length;
}

/** The best place for `quote` in `text`, or null (Hypothesis's matchQuote). */
function matchQuote(text, quote, prefix, suffix, hint) {
  if (quote.length === 0) {
    return null;
  }
  const maxErrors = Math.min(256, quote.length / 2);
  const found = candidates(text, quote, maxErrors);
  let best = null;
  for (const m of found) {
    const quoteScore = 1 - m.errors / quote.length;
    const prefixScore = prefix
      ? similarity(text.slice(Math.max(0, m.start - prefix.length), m.start), prefix)
      : 1;
    const suffixScore = suffix
      ? similarity(text.slice(m.end, m.end + suffix.length), suffix)
      : 1;
    const positionScore = 1 - Math.abs(m.start - hint) / text.length;
    const score =
      (QUOTE_WEIGHT * quoteScore +
        PREFIX_WEIGHT * prefixScore +
        SUFFIX_WEIGHT * suffixScore +
        POSITION_WEIGHT * positionScore) /
      (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
    if (best === null || score > best.score) {
      best = { start: m.start, end: m.end, errors: m.errors, score };
    }
  }
  return best;
}

/** Position first, then the quote, as the client's anchoring does. */
function reanchor(text, anchor) {
  const { exact, prefix, suffix } = anchor.quote;
  const { start, end } = anchor.position;
  if (text.slice(start, end) === exact) {
    return { start, end, errors: 0, score: 1, how: "position" };
  }
  const best = matchQuote(text, exact, prefix, suffix, start);
  return best === null ? null : { ...best, how: best.errors === 0 ? "exact" : "approximate" };
}

// The dump counts code points, JavaScript strings count UTF-16 units: the
// benchmark text is ASCII, where both are the same. Refuse anything else
// rather than compare shifted offsets.
function assertSameOffsets(name, text) {
  if (/[^\u0000-\uffff]|[\ud800-\udfff]/u.test(text)) {
    throw new Error(`${name} has chars outside the BMP; offsets would differ from the dump's`);
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node reanchor.mjs DIR (written by claimtrail bench reanchor --dump DIR)");
  process.exit(2);
}
const text = readFileSync(join(dir, "new.txt"), "utf8");
const anchors = JSON.parse(readFileSync(join(dir, "anchors.json"), "utf8"));
const rust = JSON.parse(readFileSync(join(dir, "rust.json"), "utf8"));
assertSameOffsets("new.txt", text);

const times = [];
let placements = [];
for (let round = 0; round < ROUNDS; round++) {
  const started = process.hrtime.bigint();
  placements = anchors.map((a) => reanchor(text, a));
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
times.sort((a, b) => a - b);
const fastest = times[0];
const median = times[Math.floor(times.length / 2)];

/** The span Rust gave (moved, anchored, or proposed for review), or null. */
function rustSpan(p) {
  if (p.anchor === "anchored" || p.anchor === "moved") {
    return { start: p.start, end: p.end };
  }
  if (p.anchor === "needs_review") {
    return p.candidate;
  }
  return null;
}

// Agreement, per Rust placement kind: the same span, overlapping spans,
// disjoint spans, or only one side placing the anchor at all.
const agreement = {};
const differences = [];
placements.forEach((js, i) => {
  const r = rust.placements[i];
  const span = rustSpan(r);
  let verdict;
  if (span === null && js === null) {
    verdict = "both_unplaced";
  } else if (span === null) {
    verdict = "only_js_placed";
  } else if (js === null) {
    verdict = "only_rust_placed";
  } else if (span.start === js.start && span.end === js.end) {
    verdict = "same_span";
  } else if (span.start < js.end && js.start < span.end) {
    verdict = "overlapping";
  } else {
    verdict = "disjoint";
  }
  agreement[r.anchor] ??= {};
  agreement[r.anchor][verdict] = (agreement[r.anchor][verdict] ?? 0) + 1;
  if (verdict !== "same_span") {
    differences.push({
      index: i,
      verdict,
      quote: anchors[i].quote.exact,
      old: anchors[i].position,
      rust: r,
      rust_text: span && text.slice(span.start, span.end),
      js,
      js_text: js && text.slice(js.start, js.end),
    });
  }
});
const total = (name) =>
  Object.values(agreement).reduce((sum, kinds) => sum + (kinds[name] ?? 0), 0);

writeFileSync(
  join(dir, "js.json"),
  JSON.stringify({ rounds: ROUNDS, fastest_ms: fastest, median_ms: median, placements, differences }, null, 1),
);
const summary = {
  anchors: anchors.length,
  rust_fastest_ms: rust.fastest_ms,
  rust_median_ms: rust.median_ms,
  js_fastest_ms: fastest,
  js_median_ms: median,
  js_over_rust: fastest / rust.fastest_ms,
  same_span: total("same_span"),
  overlapping: total("overlapping"),
  disjoint: total("disjoint"),
  only_rust_placed: total("only_rust_placed"),
  only_js_placed: total("only_js_placed"),
  both_unplaced: total("both_unplaced"),
  by_rust_placement: agreement,
};
writeFileSync(join(dir, "summary.json"), JSON.stringify(summary, null, 1));
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`Rust (claimtrail):        fastest ${ms(rust.fastest_ms)}, median of ${rust.rounds}: ${ms(rust.median_ms)}`);
console.log(`JS (approx-string-match): fastest ${ms(fastest)}, median of ${ROUNDS}: ${ms(median)}`);
console.log(`ratio JS / Rust (fastest): ${summary.js_over_rust.toFixed(1)}x`);
console.log(
  `agreement on ${anchors.length} anchors: same span ${summary.same_span}, overlapping ${summary.overlapping}, ` +
    `disjoint ${summary.disjoint}, placed by Rust only ${summary.only_rust_placed}, ` +
    `by JS only ${summary.only_js_placed}, by neither ${summary.both_unplaced}`,
);
for (const [kind, counts] of Object.entries(agreement)) {
  console.log(`  Rust ${kind}: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(", ")}`);
}
console.log(`differences, one per anchor: ${join(dir, "js.json")}`);
