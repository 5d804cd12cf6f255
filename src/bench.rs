//! `claimtrail bench import`: import speed into a workspace that already
//! holds many articles, on generated agency copy (deterministic, seeded).
//! An import whose inputs are not all `imported` is refused as a
//! measurement, since duplicates or failures would look fast.
//!
//! The other benchmarks of BENCHMARKS.md live here too: `bench reanchor`
//! re-places many anchors in an edited long text, and with `--dump` writes
//! its inputs and placements for `bench/anchor-js`, a small Node project
//! that re-anchors the same anchors with approx-string-match the way
//! Hypothesis does; `bench suggest` runs `suggest` on a long article made
//! of the ANI fixture; `bench trail` times search, "find everywhere" and
//! timelines on a generated newsroom workspace (`bench/corpus.rs`) beside
//! the same FTS5 queries run raw. `bench/suite.rs` is `bench all`, every
//! measurement in one run. The module is behind the `bench` feature: on
//! for the CLI, off for the desktop app, which takes the library without
//! default features.

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use crate::import::{import_batch, Hints, Input, Result, BATCH_ARTICLES};
use crate::model::ImportStatus;
use crate::store::Store;

const OUTLETS: &[&str] = &[
    "ANI",
    "Reuters",
    "AP",
    "AFP",
    "PTI",
    "Ukrinform",
    "Kyiv Post",
    "BBC",
];
const PLACES: &[&str] = &[
    "Kyiv [Ukraine]",
    "Berlin [Germany]",
    "New Delhi [India]",
    "Washington [US]",
];
const WORDS: &[&str] = &[
    "ukraine",
    "security",
    "guarantees",
    "talks",
    "envoy",
    "ceasefire",
    "minister",
    "said",
    "officials",
    "plan",
    "president",
    "agreement",
    "border",
    "energy",
    "strikes",
    "partners",
    "sanctions",
    "negotiations",
    "statement",
    "reporters",
    "alliance",
    "membership",
    "proposal",
    "conflict",
    "territory",
    "infrastructure",
    "meeting",
    "delegation",
    "summit",
    "parliament",
];

/// A small deterministic generator (SplitMix64), so every run imports the
/// same texts without a dependency for randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// The `n`th generated article: agency copy of about 600 words.
pub fn generated_article(n: usize) -> String {
    let mut rng = Rng(n as u64 + 1);
    let outlet = rng.pick(OUTLETS);
    let place = rng.pick(PLACES);
    let title: Vec<&str> = (0..9).map(|_| rng.pick(WORDS)).collect();
    let mut text = format!(
        "Story {n}: {}\nBy {outlet} | Updated: December 15, 2025 02:40 IST\n\n",
        title.join(" ")
    );
    for p in 0..8 {
        let words: Vec<&str> = (0..75).map(|_| rng.pick(WORDS)).collect();
        if p == 0 {
            text.push_str(&format!("{place}, December 15 : "));
        }
        text.push_str(&words.join(" "));
        text.push_str(".\n\n");
    }
    text
}

/// What one import measurement found.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ImportNumbers {
    pub existing: usize,
    pub count: usize,
    pub per_second: f64,
    /// Decoding and parsing the same inputs without storing them.
    pub parse_per_second: f64,
    /// Claims tracked in the workspace, and how fast the imported articles
    /// were then searched for them (articles/s), with how many
    /// (article, claim) reappearances were found.
    pub tracked: usize,
    pub scan_per_second: f64,
    pub reappearing: u32,
    pub verify_events: u64,
    pub verify_ms: f64,
}

/// Fills a fresh temporary workspace with `existing` articles, then times
/// importing `count` more. Progress lines go to `log`.
pub async fn import(
    existing: usize,
    count: usize,
    tracked: usize,
    log: impl FnMut(&str),
) -> Result<String> {
    let n = import_rate(existing, count, Kind::Plain, tracked, log).await?;
    Ok(format!(
        "imported {count} plain-text articles into a workspace of {existing} with {tracked} tracked claims \
         in {:.2} s: {:.0} articles/s, then searched for the tracked claims at {:.0} articles/s \
         ({} found) \
         (decoding and parsing alone: {:.0} articles/s, {:.0}% of the time); \
         audit verify: {} events in {:.0} ms",
        count as f64 / n.per_second,
        n.per_second,
        n.scan_per_second,
        n.reappearing,
        n.parse_per_second,
        100.0 * n.per_second / n.parse_per_second,
        n.verify_events,
        n.verify_ms
    ))
}

/// Which generated inputs an import measurement uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Html,
}

fn input(kind: Kind, n: usize) -> (String, String) {
    match kind {
        Kind::Plain => (generated_article(n), format!("bench-{n}.txt")),
        Kind::Html => (generated_html(n), format!("bench-{n}.html")),
    }
}

/// Import rate of generated `kind` inputs into a workspace holding
/// `existing` (plain) articles: files in a folder imported the way
/// `claimtrail import FOLDER` and the app's Import do (the bulk import
/// pipeline, reading included). The files are written before timing.
pub async fn import_rate(
    existing: usize,
    count: usize,
    kind: Kind,
    tracked: usize,
    mut log: impl FnMut(&str),
) -> Result<ImportNumbers> {
    let dir = std::env::temp_dir().join(format!("claimtrail-bench-{}", std::process::id()));
    let path = dir.join("bench.db");
    let _ = std::fs::remove_dir_all(&dir);
    let store = Store::open(&path).await?;
    log(&format!("prefilling {existing} articles"));
    let prefill = write_inputs(&dir.join("prefill"), Kind::Plain, 0..existing)?;
    import_all(&store, &prefill).await;
    if tracked > 0 {
        log(&format!("marking {tracked} tracked claims"));
        mark_tracked(&store, tracked).await?;
    }
    let timed = write_inputs(&dir.join("timed"), kind, existing..existing + count)?;
    let started = Instant::now();
    let mut outcomes = import_all(&store, &timed).await;
    let seconds = started.elapsed().as_secs_f64();
    // Then, as after every import, the tracked claims are looked for in
    // what came in (`reappearances`).
    let started = Instant::now();
    crate::import::find_tracked_claims(&store, &mut outcomes).await;
    let scan_seconds = started.elapsed().as_secs_f64();
    let reappearing: u32 = outcomes.iter().filter_map(|o| o.reappearing_claims).sum();
    // Walking the whole hash chain of what was just written.
    let started = Instant::now();
    let check = crate::store::verify(&store).await?;
    let verify_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert!(check.ok, "the benchmark's audit log verifies: {check:?}");
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
    // The same inputs decoded and parsed without storing: how the time
    // splits between reading the text and writing the workspace.
    let started = Instant::now();
    for n in existing..existing + count {
        let (text, name) = input(kind, n);
        let hints = Hints {
            name: Some(name),
            ..Hints::default()
        };
        std::hint::black_box(crate::import::parse_bytes(text.as_bytes(), &hints)?);
    }
    let parse_seconds = started.elapsed().as_secs_f64();
    Ok(ImportNumbers {
        existing,
        count,
        per_second: count as f64 / seconds,
        parse_per_second: count as f64 / parse_seconds,
        tracked,
        scan_per_second: count as f64 / scan_seconds,
        reappearing,
        verify_events: check.events as u64,
        verify_ms,
    })
}

/// Marks `n` claims spread over the workspace's articles, each a quote of
/// twelve words from its second paragraph: the claims each import then
/// looks for (`reappearances`).
async fn mark_tracked(store: &Store, n: usize) -> Result<()> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM articles ORDER BY id")
        .fetch_all(store.pool())
        .await
        .map_err(crate::store::StoreError::from)?;
    let step = (ids.len() / n.max(1)).max(1);
    for id in ids.iter().step_by(step).take(n) {
        let body = crate::articles::show(store, id, None).await?.body;
        let Some(paragraph) = body.split("\n\n").nth(1) else {
            continue;
        };
        let quote: Vec<&str> = paragraph.split_whitespace().skip(20).take(12).collect();
        let Some((start, end)) = crate::claims::find_quote_span(&body, &quote.join(" ")) else {
            continue;
        };
        crate::claims::create(
            store,
            &crate::model::ClaimFields {
                statement: quote.join(" "),
                claimant: Some("Bench Speaker".into()),
                ..Default::default()
            },
            Some(&crate::model::AppearanceFields {
                article_id: id.clone(),
                revision: None,
                start: start as u32,
                end: end as u32,
                details: Default::default(),
            }),
        )
        .await?;
    }
    Ok(())
}

/// The `n`th generated article as a web page: the same text in an
/// `<article>` between a navigation bar, a cookie notice and a footer, with
/// the metadata tags newspaper sites carry.
pub fn generated_html(n: usize) -> String {
    let text = generated_article(n);
    let mut lines = text.lines();
    let title = escape(lines.next().unwrap_or_default());
    let byline = escape(lines.next().unwrap_or_default());
    let paragraphs: String = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{}</p>\n", escape(l)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | Newswire</title>\n\
         <meta property=\"og:title\" content=\"{title}\">\n\
         <meta property=\"article:published_time\" content=\"2025-12-15T02:40:00+05:30\">\n\
         <link rel=\"canonical\" href=\"https://newswire.example/story-{n}\"></head>\n\
         <body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>\n\
         <div class=\"cookie\">We use cookies to improve your experience. <button>Accept</button></div>\n\
         <main><article><h1>{title}</h1><p class=\"byline\">{byline}</p>\n{paragraphs}</article>\n\
         <aside><h2>Most read</h2><ul><li><a href=\"/a\">Another story</a></li><li><a href=\"/b\">And another</a></li></ul></aside></main>\n\
         <footer>© Newswire. All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The baseline: raw SQLite (the `sqlite3` command-line shell, no Rust
/// layers) storing the same plain texts in a table with the same FTS5
/// index (same tokenizer, external content), in transactions of
/// [`BATCH_ARTICLES`] like a bulk import, with the workspace's settings
/// (WAL, synchronous NORMAL, temporary storage in memory),
/// into a database holding `existing`.
/// Articles per second.
pub fn raw_import_rate(existing: usize, count: usize) -> std::io::Result<f64> {
    let dir = std::env::temp_dir().join(format!("claimtrail-raw-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("raw.db");
    let quote = |s: &str| format!("'{}'", s.replace('\'', "''"));
    let script = |from: usize, to: usize, setup: bool| -> String {
        let mut sql = String::new();
        if setup {
            sql.push_str(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;\n\
                 CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL);\n\
                 CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content = 'docs', content_rowid = 'id', \
                 tokenize = 'porter unicode61 remove_diacritics 2');\n\
                 CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN \
                 INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END;\n",
            );
        } else {
            sql.push_str("PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;\n");
        }
        for n in from..to {
            let text = generated_article(n);
            let title = text.lines().next().unwrap_or_default();
            if (n - from).is_multiple_of(BATCH_ARTICLES) {
                sql.push_str("BEGIN IMMEDIATE;\n");
            }
            sql.push_str(&format!(
                "INSERT INTO docs (title, body) VALUES ({}, {});\n",
                quote(title),
                quote(&text)
            ));
            if (n - from) % BATCH_ARTICLES == BATCH_ARTICLES - 1 || n + 1 == to {
                sql.push_str("COMMIT;\n");
            }
        }
        sql
    };
    let run = |sql: String| -> std::io::Result<f64> {
        // The script is written whole before timing: only SQLite's work counts.
        let file = dir.join("script.sql");
        std::fs::write(&file, sql)?;
        let started = Instant::now();
        let status = std::process::Command::new("sqlite3")
            .arg(&db)
            .arg(format!(".read {}", file.display()))
            .stdout(std::process::Stdio::null())
            .status()?;
        if !status.success() {
            return Err(std::io::Error::other("sqlite3 failed"));
        }
        Ok(started.elapsed().as_secs_f64())
    };
    run(script(0, existing, true))?;
    let seconds = run(script(existing, existing + count, false))?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(count as f64 / seconds)
}

/// Writes the generated inputs `range` of `kind` as files in `dir`.
fn write_inputs(dir: &Path, kind: Kind, range: std::ops::Range<usize>) -> Result<Vec<Input>> {
    let io = |source| crate::import::ImportError::Io {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    range
        .map(|n| {
            let (text, name) = input(kind, n);
            let path = dir.join(name);
            std::fs::write(&path, text).map_err(io)?;
            Ok(Input::Path(path))
        })
        .collect()
}

/// Imports `inputs` as one bulk import. A change that turned imports into
/// duplicates or failures would look fast: refuse to measure it.
async fn import_all(store: &Store, inputs: &[Input]) -> Vec<crate::model::ImportOutcome> {
    let summary = import_batch(store, "bench", inputs, &AtomicBool::new(false), |_| {}).await;
    assert_eq!(summary.error, None, "the benchmark's workspace is writable");
    for outcome in &summary.outcomes {
        assert_eq!(
            outcome.status,
            ImportStatus::Imported,
            "every generated article is new: {outcome:?}"
        );
    }
    assert_eq!(summary.outcomes.len(), inputs.len());
    summary.outcomes
}

/// A text of about `words` words in paragraphs, from the generator above.
fn long_text(words: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut text = String::new();
    for i in 0..words {
        text.push_str(rng.pick(WORDS));
        text.push_str(if i % 60 == 59 {
            ".\n\n"
        } else if i % 12 == 11 {
            ", "
        } else {
            " "
        });
    }
    text
}

const ROUNDS: usize = 5;

/// Re-anchoring speed: `anchors` spans of 40–150 chars on a text of `words`
/// words, after an edit (a few inserted words) every 50 words. Returns the
/// report line; placements are counted by kind. With `dump`, the old and
/// new text, the anchors and the placements with the timings are written
/// there as well, so that bench/anchor-js re-anchors exactly these inputs.
pub fn reanchor(anchors: usize, words: usize, dump: Option<&Path>) -> std::io::Result<String> {
    let n = reanchor_numbers(anchors, words, dump)?;
    Ok(format!(
        "re-anchored {} anchors on a {words}-word revision in {:.1} ms \
         (median of {ROUNDS}: {:.1} ms; anchored {}, moved {}, needs review {}, orphaned {})",
        n.anchors, n.fastest_ms, n.median_ms, n.anchored, n.moved, n.needs_review, n.orphaned,
    ))
}

/// What `bench reanchor` measures.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct ReanchorNumbers {
    pub anchors: usize,
    pub words: usize,
    pub fastest_ms: f64,
    pub median_ms: f64,
    pub anchored: usize,
    pub moved: usize,
    pub needs_review: usize,
    pub orphaned: usize,
}

pub fn reanchor_numbers(
    anchors: usize,
    words: usize,
    dump: Option<&Path>,
) -> std::io::Result<ReanchorNumbers> {
    use crate::anchor::{describe, reanchor_all, Placement};
    let old = long_text(words, 7);
    let chars: Vec<char> = old.chars().collect();
    let mut rng = Rng(11);
    let spans: Vec<_> = (0..anchors)
        .filter_map(|_| {
            let len = 40 + (rng.next() % 111) as usize;
            let start = (rng.next() as usize) % (chars.len() - len);
            describe(&old, start, start + len).ok()
        })
        .collect();
    let new = revised(&old);
    // The machine is shared: time several rounds and report the fastest
    // and the median, not one noisy run.
    let mut times = Vec::new();
    let mut placements: Vec<Placement> = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        placements = reanchor_all(&old, &new, &spans);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let (fastest, median) = (times[0], times[times.len() / 2]);
    if let Some(dir) = dump {
        write_dump(dir, &old, &new, &spans, &placements, fastest, median)?;
    }
    let count = |f: fn(&Placement) -> bool| placements.iter().filter(|p| f(p)).count();
    Ok(ReanchorNumbers {
        anchors: spans.len(),
        words,
        fastest_ms: fastest,
        median_ms: median,
        anchored: count(|p| matches!(p, Placement::Anchored { .. })),
        moved: count(|p| matches!(p, Placement::Moved { .. })),
        needs_review: count(|p| matches!(p, Placement::NeedsReview { .. })),
        orphaned: count(|p| matches!(p, Placement::Orphaned)),
    })
}

/// The revision of `old` the benchmark re-anchors in: a short clause
/// inserted after every 50th word.
fn revised(old: &str) -> String {
    let mut new = String::with_capacity(old.len() + old.len() / 10);
    for (i, word) in old.split(' ').enumerate() {
        if i > 0 {
            new.push(' ');
        }
        new.push_str(word);
        if i % 50 == 49 {
            new.push_str(" officials added");
        }
    }
    new
}

/// Writes the benchmark's inputs and results for the comparison with
/// approx-string-match: `old.txt`, `new.txt`, `anchors.json` (W3C
/// selectors, offsets in code points) and `rust.json` (timings and one
/// placement per anchor, in order).
fn write_dump(
    dir: &Path,
    old: &str,
    new: &str,
    anchors: &[crate::anchor::Anchor],
    placements: &[crate::anchor::Placement],
    fastest: f64,
    median: f64,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("old.txt"), old)?;
    std::fs::write(dir.join("new.txt"), new)?;
    std::fs::write(dir.join("anchors.json"), serde_json::to_vec(anchors)?)?;
    let rust = serde_json::json!({
        "rounds": ROUNDS,
        "fastest_ms": fastest,
        "median_ms": median,
        "placements": placements,
    });
    std::fs::write(dir.join("rust.json"), serde_json::to_vec(&rust)?)?;
    Ok(())
}

/// The canonical agency article, the base of the suggestion benchmark.
const ANI_ARTICLE: &str = include_str!("../tests/fixtures/ani-2025-12-15-nato-guarantees.txt");

/// Rounds of the suggestion benchmark: one round takes milliseconds.
const SUGGEST_ROUNDS: usize = 21;

/// Suggestion speed: the ANI article's body repeated to about `words`
/// words (real agency prose, with its quotes, cues and relays), run
/// through `suggest` with 1,000 known persons for several rounds. Returns
/// the report line.
pub fn suggest(words: usize) -> String {
    use crate::suggest::{suggest, ArticleContext, KnownPerson};
    let parsed = crate::import::text::parse_plain(ANI_ARTICLE).expect("the ANI fixture parses");
    let one = parsed.paragraphs.join("\n\n");
    let per_copy = one.split_whitespace().count().max(1);
    let copies = words.div_ceil(per_copy).max(1);
    let repeated = vec![one; copies].join("\n\n");
    // Cut after the `words`th word, so the size is the one asked for.
    let cut = repeated
        .split_whitespace()
        .nth(words)
        .map_or(repeated.len(), |w| {
            w.as_ptr() as usize - repeated.as_ptr() as usize
        });
    let body = repeated[..cut].trim_end().to_owned();
    let published = parsed.published_at.map(|t| t.to_string());
    let ctx = ArticleContext {
        body: &body,
        title: parsed.title.as_deref().unwrap_or(""),
        published_at: published.as_deref(),
        outlet: parsed.outlet.as_deref(),
        dateline: parsed.dateline.as_deref(),
    };
    // A workspace of a thousand people, two aliases each, as a newsroom's
    // would hold; the article's speaker is the last of them.
    let mut persons: Vec<KnownPerson> = (0..999)
        .map(|i| KnownPerson {
            id: format!("bench-{i}"),
            name: format!("Person{i} Surname{i}"),
            aliases: vec![format!("Surname{i}"), format!("the {i}th minister")],
        })
        .collect();
    persons.push(KnownPerson {
        id: "bench-zelenskyy".to_owned(),
        name: "Volodymyr Zelenskyy".to_owned(),
        aliases: vec!["Zelensky".to_owned(), "Zelenskiy".to_owned()],
    });
    // Rounds alternate between an empty workspace and the thousand
    // persons, so the machine's load falls on both alike.
    let (mut bare, mut known) = (Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..SUGGEST_ROUNDS {
        bare.push(time_ms(|| suggest(&ctx, &[]).len()).1);
        let (n, ms) = time_ms(|| suggest(&ctx, &persons).len());
        known.push(ms);
        found = n;
    }
    let (bare_fastest, bare_median) = fastest_and_median(&mut bare);
    let (fastest, median) = fastest_and_median(&mut known);
    format!(
        "suggested {found} claims in a {}-word article with {} known persons in {fastest:.2} ms \
         (median of {SUGGEST_ROUNDS}: {median:.2} ms); with none: {bare_fastest:.2} ms \
         (median {bare_median:.2} ms)",
        body.split_whitespace().count(),
        persons.len()
    )
}

/// What `f` returns and how long it took, in milliseconds.
fn time_ms<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed().as_secs_f64() * 1000.0)
}

fn fastest_and_median(times: &mut [f64]) -> (f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0);
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2])
}

mod corpus;
pub mod hub;
pub mod suite;
pub use corpus::{generate as generate_corpus, CorpusSize};

/// Latency summary of one measured operation, in ms (zeros when nothing
/// was measured, such as a kind of query the workspace has no words for).
fn percentiles(times: &mut [f64]) -> (f64, f64, f64) {
    if times.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.95), at(0.99))
}

/// `claimtrail bench trail`: search, "find everywhere" and timelines on a
/// generated newsroom workspace at `db` (generated first when it holds no
/// articles; `scale` 1.0 is 100,000 articles and 1,000,000 appearances).
pub async fn trail(db: &Path, scale: f64, log: impl FnMut(&str)) -> crate::store::Result<String> {
    let n = trail_numbers(db, scale, log).await?;
    Ok(format!(
        "workspace: {} articles, {} claims, {} appearances, {} persons\n\
         search, {} queries: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms \
         (raw FTS5, the same MATCH on the four indexes: p50 {:.1}, p95 {:.1}, p99 {:.1} ms; \
         ratio at p95 {:.2}x)\n\
         search by kind, p50 / p95: {}\n\
         slowest, down to p95: {}\n\
         matches, {} claims: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms ({} hits in all)\n\
         timeline of {} appearances: fastest {:.1} ms, median {:.1} ms\n",
        n.articles,
        n.claims,
        n.appearances,
        n.persons,
        n.queries,
        n.search.p50,
        n.search.p95,
        n.search.p99,
        n.raw_fts.p50,
        n.raw_fts.p95,
        n.raw_fts.p99,
        n.search.p95 / n.raw_fts.p95,
        by_kind_line(&n.by_kind),
        slowest_line(&n.slowest),
        n.matched_claims,
        n.matches.p50,
        n.matches.p95,
        n.matches.p99,
        n.match_hits,
        n.timeline_points,
        n.timeline_fastest_ms,
        n.timeline_median_ms,
    ))
}

/// p50, p95 and p99 of a latency, in ms.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
pub struct Latency {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

impl Latency {
    fn of(times: &mut [f64]) -> Latency {
        let (p50, p95, p99) = percentiles(times);
        Latency { p50, p95, p99 }
    }
}

/// What `bench trail` measures on a corpus.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TrailNumbers {
    pub articles: i64,
    pub claims: i64,
    pub appearances: i64,
    pub persons: i64,
    pub queries: usize,
    pub search: Latency,
    /// The slowest searches, slowest first, down to the one at p95 (the
    /// 11th of 200): what decides p95 and what to look at next.
    pub slowest: Vec<SlowSearch>,
    /// The searches by kind of query, in the order they run.
    pub by_kind: Vec<KindLatency>,
    /// The same FTS5 MATCH on the four indexes, without Claimtrail's layers.
    pub raw_fts: Latency,
    pub matched_claims: usize,
    pub matches: Latency,
    pub match_hits: usize,
    pub timeline_points: usize,
    pub timeline_fastest_ms: f64,
    pub timeline_median_ms: f64,
}

/// The searches of one kind of query (rare words, phrases, prefixes...).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct KindLatency {
    pub kind: &'static str,
    pub queries: usize,
    pub latency: Latency,
}

/// The same FTS5 queries as a search without Claimtrail's layers: ranked
/// rowids of each index, no joins, snippets or filters, the four indexes
/// side by side on connections of their own as search runs its sections.
async fn raw_fts(store: &Store, fts: &str) -> crate::store::Result<()> {
    let one = |table: &'static str| async move {
        let mut conn = store.pool().acquire().await?;
        let rows: Vec<(i64, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT 20"
        )))
        .bind(fts)
        .fetch_all(&mut *conn)
        .await?;
        std::hint::black_box(rows);
        Ok::<(), crate::store::StoreError>(())
    };
    tokio::try_join!(
        one("article_fts"),
        one("claim_fts"),
        one("appearance_fts"),
        one("person_fts")
    )?;
    Ok(())
}

/// The slowest searches on one line: "“hovs” 402 ms; “ruslumal” outlet
/// Belbriion Wire from 2025-03-01 121 ms".
pub fn slowest_line(slowest: &[SlowSearch]) -> String {
    slowest
        .iter()
        .map(|slow| {
            let q = &slow.query;
            let mut what = format!("“{}”", q.text.trim());
            for (name, value) in [("outlet", &q.outlet), ("from", &q.from), ("to", &q.to)] {
                if let Some(value) = value {
                    what.push_str(&format!(" {name} {value}"));
                }
            }
            format!("{what} {:.0} ms", slow.ms)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The searches by kind, on one line: "rare word (50) 3.1 / 9.8 ms, ...".
pub fn by_kind_line(kinds: &[KindLatency]) -> String {
    kinds
        .iter()
        .map(|k| {
            format!(
                "{} ({}) {:.1} / {:.1} ms",
                k.kind, k.queries, k.latency.p50, k.latency.p95
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One search and how long it took.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SlowSearch {
    pub query: crate::model::SearchQuery,
    pub ms: f64,
}

/// Search, matches and timeline latencies on the corpus at `db`
/// (generated first when it holds no articles).
pub async fn trail_numbers(
    db: &Path,
    scale: f64,
    mut log: impl FnMut(&str),
) -> crate::store::Result<TrailNumbers> {
    use crate::model::{MatchScope, SearchQuery, TimeBasis, TimelineQuery, TimelineScope};

    let store = Store::open(db).await?;
    let count = |table: &'static str| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM {table}"
            )))
            .fetch_one(store.pool())
            .await
        }
    };
    if count("articles").await? == 0 {
        let size = CorpusSize::at_scale(scale);
        log(&format!("generating {size:?} into {}", db.display()));
        corpus::generate(&store, size, &mut log).await?;
    }
    let (articles, appearances, claims, persons) = (
        count("articles").await?,
        count("appearances").await?,
        count("claims").await?,
        count("persons").await?,
    );
    let mut numbers = TrailNumbers {
        articles,
        claims,
        appearances,
        persons,
        ..TrailNumbers::default()
    };

    // 200 varied queries: rare, middling and common words, pairs, phrases,
    // names, prefixes while typing, and filtered searches.
    let mut rng = Rng(42);
    let mut queries: Vec<SearchQuery> = Vec::new();
    // Where each kind of query starts in `queries`.
    let mut kinds: Vec<(&'static str, usize)> = Vec::new();
    let text = |t: String| SearchQuery {
        text: t,
        ..SearchQuery::default()
    };
    let ranks = |rng: &mut Rng, lo: u64, hi: u64| (lo + rng.next() % (hi - lo)) as usize;
    kinds.push(("rare word", queries.len()));
    for _ in 0..50 {
        let r = ranks(&mut rng, 1_000, 29_000);
        queries.push(text(corpus::vocabulary_word(r)));
    }
    kinds.push(("middling word", queries.len()));
    for _ in 0..40 {
        let r = ranks(&mut rng, 100, 1_000);
        queries.push(text(corpus::vocabulary_word(r)));
    }
    kinds.push(("common word", queries.len()));
    for _ in 0..20 {
        let r = ranks(&mut rng, 5, 100);
        queries.push(text(corpus::vocabulary_word(r)));
    }
    kinds.push(("two words", queries.len()));
    for _ in 0..30 {
        let (a, b) = (ranks(&mut rng, 100, 2_000), ranks(&mut rng, 1_000, 20_000));
        let words = corpus::vocabulary_words(&[a, b]);
        queries.push(text(format!("{} {} ", words[0], words[1])));
    }
    let quotes: Vec<String> =
        sqlx::query_scalar("SELECT exact FROM appearances WHERE rowid % 5003 = 1 LIMIT 40")
            .fetch_all(store.pool())
            .await?;
    kinds.push(("phrase", queries.len()));
    for quote in quotes.iter().take(20) {
        let words: Vec<&str> = quote.split_whitespace().skip(2).take(3).collect();
        queries.push(text(format!("\"{}\"", words.join(" "))));
    }
    kinds.push(("name", queries.len()));
    for i in 0..20 {
        let name = corpus::person(ranks(&mut rng, 0, persons.max(1) as u64));
        let surname = name.split(' ').next_back().unwrap_or_default().to_owned();
        queries.push(text(if i % 2 == 0 { name } else { surname }));
    }
    kinds.push(("prefix", queries.len()));
    for _ in 0..10 {
        let word = corpus::vocabulary_word(ranks(&mut rng, 1_000, 20_000));
        let prefix: String = word.chars().take(4).collect();
        queries.push(text(prefix));
    }
    let outlet: Option<String> =
        sqlx::query_scalar("SELECT name FROM outlets ORDER BY name LIMIT 1")
            .fetch_optional(store.pool())
            .await?;
    kinds.push(("outlet and dates", queries.len()));
    for i in 0..10 {
        let word = corpus::vocabulary_word(ranks(&mut rng, 200, 5_000));
        queries.push(SearchQuery {
            outlet: outlet.clone(),
            from: (i % 2 == 0).then(|| "2025-03-01".to_owned()),
            to: (i % 2 == 0).then(|| "2025-09-30".to_owned()),
            date_by: Some(TimeBasis::Published),
            ..text(word)
        });
    }
    // Warm the page cache the way a second search would find it.
    for q in queries.iter().take(20) {
        crate::search::search(&store, q).await?;
    }
    let mut ours = Vec::new();
    let mut raw = Vec::new();
    // No connection is held while a search runs: it takes one per section.
    for q in &queries {
        let started = Instant::now();
        let found = crate::search::search(&store, q).await?;
        ours.push(started.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(found);
        let fts = {
            let mut conn = store.pool().acquire().await?;
            crate::search::chosen_query(&mut conn, &q.text).await?
        };
        let Some(fts) = fts else {
            continue;
        };
        let started = Instant::now();
        raw_fts(&store, &fts).await?;
        raw.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let mut conn = store.pool().acquire().await?;
    numbers.queries = queries.len();
    let mut slowest: Vec<SlowSearch> = queries
        .iter()
        .zip(&ours)
        .map(|(query, &ms)| SlowSearch {
            query: query.clone(),
            ms,
        })
        .collect();
    slowest.sort_by(|a, b| b.ms.total_cmp(&a.ms));
    // Percentiles take the value at index round((n - 1) * q) of the
    // sorted times: p95 of 200 is the 11th slowest.
    let p95_at = (queries.len().saturating_sub(1) as f64 * 0.95).round() as usize;
    slowest.truncate(queries.len() - p95_at);
    numbers.slowest = slowest;
    numbers.by_kind = kinds
        .iter()
        .enumerate()
        .filter_map(|(i, &(kind, start))| {
            let end = kinds.get(i + 1).map_or(ours.len(), |next| next.1);
            let mut times = ours[start..end].to_vec();
            // A workspace without quotes to take phrases from has none.
            (!times.is_empty()).then(|| KindLatency {
                kind,
                queries: times.len(),
                latency: Latency::of(&mut times),
            })
        })
        .collect();
    numbers.search = Latency::of(&mut ours);
    numbers.raw_fts = Latency::of(&mut raw);

    // Find everywhere for 100 claims spread over the workspace.
    let keys: i64 = sqlx::query_scalar("SELECT max(key) FROM claim_fts_keys")
        .fetch_one(&mut *conn)
        .await?;
    let mut claims = Vec::new();
    for i in 0..100 {
        let key = 1 + (i * 7919) % keys.max(1);
        let claim: Option<String> = sqlx::query_scalar(
            "SELECT claim_id FROM claim_fts_keys WHERE key >= ? ORDER BY key LIMIT 1",
        )
        .bind(key)
        .fetch_optional(&mut *conn)
        .await?;
        claims.extend(claim);
    }
    // Given back first: a find takes connections of its own.
    drop(conn);
    let mut times = Vec::new();
    let mut hits = 0usize;
    for claim in claims {
        let started = Instant::now();
        let found = crate::matches::find(&store, &MatchScope::Claim(claim)).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        hits += found.hits.len();
    }
    numbers.matched_claims = times.len();
    numbers.matches = Latency::of(&mut times);
    numbers.match_hits = hits;

    // A timeline of at least 1,000 appearances: the claims of a storyline.
    let name = "bench timeline";
    let existing: Option<String> = sqlx::query_scalar("SELECT id FROM storylines WHERE name = ?")
        .bind(name)
        .fetch_optional(store.pool())
        .await?;
    let storyline = match existing {
        Some(id) => id,
        None => {
            let created = crate::storylines::create(&store, name, None).await?;
            let claims: Vec<String> = sqlx::query_scalar(
                "SELECT claim_id FROM appearances GROUP BY claim_id ORDER BY claim_id LIMIT 400",
            )
            .fetch_all(store.pool())
            .await?;
            let mut total = 0;
            for claim in claims {
                let n: i64 =
                    sqlx::query_scalar("SELECT count(*) FROM appearances WHERE claim_id = ?")
                        .bind(&claim)
                        .fetch_one(store.pool())
                        .await?;
                crate::storylines::add_claim(&store, &created.id, &claim).await?;
                total += n;
                if total >= 1_000 {
                    break;
                }
            }
            created.id
        }
    };
    let query = TimelineQuery {
        scope: TimelineScope::Storyline(storyline),
        by: TimeBasis::Stated,
    };
    let mut times = Vec::new();
    let mut points = 0;
    for _ in 0..30 {
        let started = Instant::now();
        let shown = crate::timeline::timeline(&store, &query).await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        points = shown.points.len();
    }
    let (fastest, median) = fastest_and_median(&mut times);
    numbers.timeline_points = points;
    numbers.timeline_fastest_ms = fastest;
    numbers.timeline_median_ms = median;
    store.close().await;
    Ok(numbers)
}

/// `bench meaning`: matching by meaning at scale on a corpus workspace
/// (a copy: it adds vectors). The embedding rate is measured on the
/// corpus's own statements; the search on `vectors` stored statements,
/// those beyond what is embedded being made up (random unit vectors:
/// searching costs the same whatever they hold).
pub async fn meaning(db: &Path, vectors: usize, queries: usize) -> crate::store::Result<String> {
    use crate::model::MatchScope;

    let model = crate::semantic::shared().map_err(|why| crate::store::StoreError::Invalid {
        field: None,
        message: format!("matching by meaning is off: {why}"),
    })?;
    let store = Store::open(db).await?;
    // Embedding: the statements of the newest articles, one core, then all.
    let bodies: Vec<(String, String)> = sqlx::query_as(
        "SELECT r.body, r.title FROM articles a JOIN revisions r ON r.id = a.current_revision_id
         ORDER BY a.imported_at DESC LIMIT 200",
    )
    .fetch_all(store.pool())
    .await?;
    let statements: Vec<String> = bodies
        .iter()
        .flat_map(|(body, title)| crate::meaning::statements(body, title))
        .map(|(_, _, text)| text)
        .take(200)
        .collect();
    let started = Instant::now();
    for text in &statements {
        model.embed(text);
    }
    let one_core = statements.len() as f64 / started.elapsed().as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for part in statements.chunks(statements.len().div_ceil(cores).max(1)) {
            let model = &model;
            scope.spawn(move || part.iter().for_each(|t| drop(model.embed(t))));
        }
    });
    let all_cores = statements.len() as f64 / started.elapsed().as_secs_f64();

    // Stored statements, made up to `vectors`.
    let have: i64 = sqlx::query_scalar("SELECT count(*) FROM statement_vectors")
        .fetch_one(store.pool())
        .await?;
    let revisions: Vec<String> = sqlx::query_scalar(
        "SELECT current_revision_id FROM articles WHERE current_revision_id IS NOT NULL",
    )
    .fetch_all(store.pool())
    .await?;
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    };
    let dimensions = model.dimensions();
    let mut made = have as usize;
    while made < vectors && !revisions.is_empty() {
        let mut w = store.write().await?;
        for _ in 0..10_000.min(vectors - made) {
            let v: Vec<f32> = (0..dimensions).map(|_| random()).collect();
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            let v: Vec<f32> = v.iter().map(|x| x / norm).collect();
            let done = sqlx::query(
                "INSERT INTO statement_vectors (revision_id, start, end, vector) VALUES (?, 0, 10, ?)",
            )
            .bind(&revisions[made % revisions.len()])
            .bind(crate::meaning::pack_for_bench(&v))
            .execute(w.conn())
            .await?
            .rows_affected();
            w.bookkeeping(done);
            made += 1;
        }
        w.commit().await?;
    }
    // Searches: the nearest statements alone, then the whole of find
    // everywhere for claims of the corpus.
    let mut conn = store.pool().acquire().await?;
    let query = model.embed("Ukraine could accept security guarantees instead of NATO membership");
    let started = Instant::now();
    crate::meaning::nearest(&mut conn, std::slice::from_ref(&query), 10, 0.86).await?;
    let first_ms = started.elapsed().as_secs_f64() * 1000.0;
    let mut nearest_times = Vec::new();
    for _ in 0..queries {
        let v: Vec<f32> = (0..dimensions).map(|_| random()).collect();
        let started = Instant::now();
        crate::meaning::nearest(&mut conn, &[v], 10, 0.86).await?;
        nearest_times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let claims: Vec<String> = sqlx::query_scalar("SELECT id FROM claims ORDER BY id LIMIT ?")
        .bind(queries as i64)
        .fetch_all(&mut *conn)
        .await?;
    drop(conn);
    // Each claim twice: the first search runs the model on its quotes,
    // the second finds their vectors kept (the window searching again).
    let (mut find_times, mut again_times) = (Vec::new(), Vec::new());
    for claim in claims {
        for times in [&mut find_times, &mut again_times] {
            let started = Instant::now();
            crate::matches::find(&store, &MatchScope::Claim(claim.clone())).await?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let nearest = Latency::of(&mut nearest_times);
    let find = Latency::of(&mut find_times);
    let again = Latency::of(&mut again_times);
    Ok(format!(
        "embedding: {} statements, {one_core:.1}/s on one core, {all_cores:.1}/s on {cores}\n\
         stored statements: {made}; the first search reads them in {first_ms:.0} ms\n\
         nearest statements, {queries} queries: p50 {:.1} ms, p95 {:.1} ms\n\
         find everywhere with meaning, {} claims: p50 {:.1} ms, p95 {:.1} ms \
         (the same claims again, their quotes' vectors kept: p50 {:.1} ms, p95 {:.1} ms)\n",
        statements.len(),
        nearest.p50,
        nearest.p95,
        find_times.len(),
        find.p50,
        find.p95,
        again.p50,
        again.p95,
    ))
}
