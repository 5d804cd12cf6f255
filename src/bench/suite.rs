//! `claimtrail bench all`: every newsroom-scale measurement in one run, beside
//! its baseline where there is one, written as JSON and as the generated
//! section of BENCHMARKS.md (between the `bench:all` markers).
//!
//! The machine is shared and noisy, so each result is reported with the
//! ratio to a baseline measured in the same run on the same data: raw
//! SQLite (the `sqlite3` shell) storing the same texts with the same FTS5
//! index, and the same FTS5 queries without Claimtrail's layers.
//!
//! Opening the workspace is timed in a fresh process (`bench open-probe`),
//! from spawn to exit, so nothing this run has opened helps it; that
//! process reports its own peak memory from `/proc`. `scripts/bench.sh`
//! runs the suite.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::{ImportNumbers, Kind, ReanchorNumbers, TrailNumbers};
use crate::store::{Result, Store, StoreError};

/// What to measure on.
#[derive(Debug, Clone)]
pub struct SuiteOptions {
    /// The corpus workspace: generated at `scale` when empty, reused after.
    pub corpus: PathBuf,
    pub scale: f64,
    /// Articles in the workspace before the timed imports, and how many
    /// are timed.
    pub existing: usize,
    pub count: usize,
    /// This CLI, run as a child to time opening the workspace.
    pub exe: PathBuf,
    /// The desktop app's release binary, when built, for its size.
    pub app_binary: Option<PathBuf>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SuiteReport {
    pub date: String,
    pub machine: Machine,
    pub corpus: CorpusNumbers,
    pub import_plain: ImportNumbers,
    pub import_html: ImportNumbers,
    /// Raw SQLite storing the same plain texts with the same FTS5 index.
    pub import_raw_per_second: f64,
    pub trail: TrailNumbers,
    pub reanchor: ReanchorNumbers,
    pub open: OpenNumbers,
    /// Peak resident memory of this benchmark process, in MB: its own
    /// memory and the pages of workspace files it read through the memory
    /// map (`mmap_size`), which are the kernel's page cache.
    pub bench_peak_rss_mb: f64,
    /// This process's own (anonymous) resident memory at the end of the
    /// run, in MB; the peak RSS also counts mapped files (the workspace
    /// read through the map, libraries).
    pub bench_private_mb: f64,
    pub binaries: Binaries,
}

#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cores: usize,
    /// 1-minute load average before and after the run.
    pub load_before: f64,
    pub load_after: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorpusNumbers {
    pub articles: i64,
    pub claims: i64,
    pub appearances: i64,
    pub persons: i64,
    pub links: i64,
    pub verdicts: i64,
    pub audit_events: i64,
    pub file_bytes: u64,
    /// Titles and bodies of every revision, UTF-8.
    pub text_bytes: u64,
    pub file_to_text: f64,
}

/// Opening the workspace: a fresh process that opens it and answers one
/// search, start to exit.
#[derive(Debug, Clone, Serialize)]
pub struct OpenNumbers {
    pub runs: usize,
    pub fastest_ms: f64,
    pub median_ms: f64,
    /// The largest peak resident memory of those processes, in MB.
    pub peak_rss_mb: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Binaries {
    pub cli_bytes: u64,
    pub app_bytes: Option<u64>,
}

/// Runs every measurement. Progress lines go to `log`.
pub async fn run(options: &SuiteOptions, mut log: impl FnMut(&str)) -> Result<SuiteReport> {
    let load_before = load_average();
    log("import: plain text");
    let failed = |e: crate::import::ImportError| StoreError::invalid(e.to_string());
    let import_plain =
        super::import_rate(options.existing, options.count, Kind::Plain, 0, &mut log)
            .await
            .map_err(failed)?;
    log("import: HTML pages");
    let import_html = super::import_rate(options.existing, options.count, Kind::Html, 0, &mut log)
        .await
        .map_err(failed)?;
    log("import: raw SQLite baseline");
    let import_raw_per_second = super::raw_import_rate(options.existing, options.count)
        .map_err(|e| StoreError::invalid(format!("the sqlite3 shell could not run: {e}")))?;
    log("search, matches, timeline");
    let trail = super::trail_numbers(&options.corpus, options.scale, &mut log).await?;
    log("re-anchoring");
    let reanchor = super::reanchor_numbers(1_000, 20_000, None)
        .map_err(|e| StoreError::invalid(e.to_string()))?;
    log("corpus size");
    let corpus = corpus_numbers(&options.corpus).await?;
    log("opening the workspace");
    let open = open_numbers(&options.exe, &options.corpus)?;
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    Ok(SuiteReport {
        date: crate::store::now(),
        machine: Machine {
            cores: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            load_before,
            load_after: load_average(),
        },
        corpus,
        import_plain,
        import_html,
        import_raw_per_second,
        trail,
        reanchor,
        open,
        bench_peak_rss_mb: own_peak_rss_mb(),
        bench_private_mb: own_status_mb("RssAnon:"),
        binaries: Binaries {
            cli_bytes: size(&options.exe).unwrap_or(0),
            app_bytes: options.app_binary.as_deref().and_then(size),
        },
    })
}

async fn corpus_numbers(path: &Path) -> Result<CorpusNumbers> {
    let store = Store::open(path).await?;
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
    let text_bytes: i64 = sqlx::query_scalar(
        "SELECT coalesce(sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))), 0) FROM revisions",
    )
    .fetch_one(store.pool())
    .await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    let numbers = CorpusNumbers {
        articles: count("articles").await?,
        claims: count("claims").await?,
        appearances: count("appearances").await?,
        persons: count("persons").await?,
        links: count("claim_links").await?,
        verdicts: count("verdicts").await?,
        audit_events: count("audit_events").await?,
        file_bytes: 0,
        text_bytes: text_bytes as u64,
        file_to_text: 0.0,
    };
    store.close().await;
    let file_bytes = std::fs::metadata(path)
        .map_err(|e| StoreError::invalid(format!("{}: {e}", path.display())))?
        .len();
    Ok(CorpusNumbers {
        file_bytes,
        file_to_text: file_bytes as f64 / (text_bytes.max(1) as f64),
        ..numbers
    })
}

/// Runs `exe bench open-probe --corpus PATH` eleven times (the first
/// warms the page cache and is not counted): a fresh process that opens
/// the workspace and answers one search, timed from spawn to exit; each
/// reports its own peak memory.
fn open_numbers(exe: &Path, corpus: &Path) -> Result<OpenNumbers> {
    let mut times = Vec::new();
    let mut peak_kb = 0.0f64;
    for i in 0..11 {
        let started = Instant::now();
        let out = std::process::Command::new(exe)
            .args(["bench", "open-probe", "--corpus"])
            .arg(corpus)
            .output()
            .map_err(|e| StoreError::invalid(format!("{}: {e}", exe.display())))?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        if !out.status.success() {
            return Err(StoreError::invalid(format!(
                "opening the corpus failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        let kb: f64 = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(f64::NAN);
        peak_kb = peak_kb.max(kb);
        if i > 0 {
            times.push(ms);
        }
    }
    let (fastest, median) = super::fastest_and_median(&mut times);
    Ok(OpenNumbers {
        runs: times.len(),
        fastest_ms: fastest,
        median_ms: median,
        peak_rss_mb: peak_kb / 1024.0,
    })
}

/// What `bench open-probe` does in the child: open the workspace, answer
/// one search; the answer is this process's peak memory in kB.
pub async fn open_probe(corpus: &Path) -> Result<f64> {
    let store = Store::open(corpus).await?;
    let found = crate::search::search(
        &store,
        &crate::model::SearchQuery {
            text: "minister".into(),
            limit: Some(1),
            ..Default::default()
        },
    )
    .await?;
    std::hint::black_box(found);
    store.close().await;
    Ok(own_peak_rss_mb() * 1024.0)
}

fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(f64::NAN)
}

/// VmHWM of this process, in MB.
fn own_peak_rss_mb() -> f64 {
    own_status_mb("VmHWM:")
}

/// A memory line of this process's `/proc/self/status`, in MB.
fn own_status_mb(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// One line of the results table: what, the goal, the result, the
/// baseline and whether the goal is met.
struct Row {
    what: String,
    goal: String,
    result: String,
    baseline: String,
    met: Option<bool>,
}

/// The results as the generated section of BENCHMARKS.md.
pub fn markdown(r: &SuiteReport) -> String {
    let mb = |b: u64| b as f64 / 1_048_576.0;
    let c = &r.corpus;
    let t = &r.trail;
    let ratio_import = r.import_raw_per_second / r.import_plain.per_second;
    let ratio_search = t.search.p95 / t.raw_fts.p95;
    let rows = [
        Row {
            what: "bulk import, plain text".into(),
            goal: "≥ 1,000 articles/s and ≤ 2x raw SQLite's time".into(),
            result: format!("{:.0} articles/s", r.import_plain.per_second),
            baseline: format!(
                "raw SQLite {:.0}/s: {ratio_import:.1}x its time",
                r.import_raw_per_second
            ),
            met: Some(r.import_plain.per_second >= 1000.0 && ratio_import <= 2.0),
        },
        Row {
            what: "bulk import, HTML pages".into(),
            goal: "(measured)".into(),
            result: format!("{:.0} articles/s", r.import_html.per_second),
            baseline: format!("parsing alone {:.0}/s", r.import_html.parse_per_second),
            met: None,
        },
        Row {
            what: format!("search, {} queries, p50 / p95 / p99", t.queries),
            goal: "p95 ≤ 50 ms and ≤ 1.5x raw FTS5".into(),
            result: format!(
                "{:.1} / {:.1} / {:.1} ms",
                t.search.p50, t.search.p95, t.search.p99
            ),
            baseline: format!(
                "raw FTS5 {:.1} / {:.1} / {:.1} ms: {ratio_search:.2}x at p95",
                t.raw_fts.p50, t.raw_fts.p95, t.raw_fts.p99
            ),
            met: Some(t.search.p95 <= 50.0 && ratio_search <= 1.5),
        },
        Row {
            what: format!("matches, {} claims, p50 / p95", t.matched_claims),
            goal: "p95 ≤ 100 ms".into(),
            result: format!("{:.1} / {:.1} ms", t.matches.p50, t.matches.p95),
            baseline: String::new(),
            met: Some(t.matches.p95 <= 100.0),
        },
        Row {
            what: format!(
                "timeline of {} appearances, fastest / median",
                t.timeline_points
            ),
            goal: "≤ 20 ms".into(),
            result: format!(
                "{:.1} / {:.1} ms",
                t.timeline_fastest_ms, t.timeline_median_ms
            ),
            baseline: String::new(),
            met: Some(t.timeline_median_ms <= 20.0),
        },
        Row {
            what: format!(
                "re-anchoring {} anchors after a revision of {} words, fastest / median",
                r.reanchor.anchors, r.reanchor.words
            ),
            goal: "(measured; JS baseline: scripts/bench-reanchor.sh)".into(),
            result: format!(
                "{:.1} / {:.1} ms",
                r.reanchor.fastest_ms, r.reanchor.median_ms
            ),
            baseline: String::new(),
            met: None,
        },
        Row {
            what:
                "opening the workspace (process start to first search answered), fastest / median"
                    .into(),
            goal: "≤ 500 ms".into(),
            result: format!("{:.0} / {:.0} ms", r.open.fastest_ms, r.open.median_ms),
            baseline: String::new(),
            met: Some(r.open.median_ms <= 500.0),
        },
        Row {
            what: "workspace file against the raw text".into(),
            goal: "≤ 2.5x".into(),
            result: format!(
                "{:.0} MB for {:.0} MB: {:.1}x",
                mb(c.file_bytes),
                mb(c.text_bytes),
                c.file_to_text
            ),
            baseline: String::new(),
            met: Some(c.file_to_text <= 2.5),
        },
        Row {
            what: "peak memory: opening and searching / the whole benchmark".into(),
            goal: "(measured)".into(),
            result: format!(
                "{:.0} MB / {:.0} MB (RSS, which counts mapped files: the workspace read through the map, libraries; the process's own memory at the end {:.0} MB)",
                r.open.peak_rss_mb, r.bench_peak_rss_mb, r.bench_private_mb
            ),
            baseline: String::new(),
            met: None,
        },
        Row {
            what: "release binaries: CLI / desktop app".into(),
            goal: "app ≤ 25 MB".into(),
            result: format!(
                "{:.1} MB / {}",
                mb(r.binaries.cli_bytes),
                r.binaries
                    .app_bytes
                    .map(|b| format!("{:.1} MB", mb(b)))
                    .unwrap_or_else(|| "not built".into())
            ),
            baseline: String::new(),
            met: r.binaries.app_bytes.map(|b| mb(b) <= 25.0),
        },
    ];
    let mut out = format!(
        "Run {} on {} cores (load {:.1} before, {:.1} after). Corpus: {} articles, \
         {} claims, {} appearances, {} persons, {} links, {} verdicts, {} audit events. \
         Imports time {} articles into a workspace of {}.\n\n\
         | measurement | goal | result | baseline | met |\n| --- | --- | --- | --- | --- |\n",
        r.date,
        r.machine.cores,
        r.machine.load_before,
        r.machine.load_after,
        c.articles,
        c.claims,
        c.appearances,
        c.persons,
        c.links,
        c.verdicts,
        c.audit_events,
        r.import_plain.count,
        r.import_plain.existing,
    );
    for row in rows {
        let met = match row.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {met} |\n",
            row.what, row.goal, row.result, row.baseline
        ));
    }
    out.push_str(&format!(
        "\nSearch by kind of query (how many), p50 / p95: {}.\n",
        super::by_kind_line(&r.trail.by_kind)
    ));
    out.push_str(&format!(
        "\nThe slowest searches of the run, down to the one at p95: {}.",
        super::slowest_line(&r.trail.slowest)
    ));
    out.push('\n');
    out
}

const BEGIN: &str = "<!-- bench:all:begin (written by `claimtrail bench all`; edit around it) -->";
const END: &str = "<!-- bench:all:end -->";

/// Replaces the generated section of the Markdown file at `path` (or
/// appends one) with `section`.
pub fn write_section(path: &Path, section: &str) -> std::io::Result<()> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let block = format!("{BEGIN}\n{section}{END}");
    let updated = match (text.find(BEGIN), text.find(END)) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{block}{}", &text[..start], &text[end + END.len()..])
        }
        _ => format!("{}\n{block}\n", text.trim_end()),
    };
    crate::export::write_file(path, updated.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_section_is_replaced_in_place_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("BENCHMARKS.md");
        std::fs::write(&path, "# Benchmarks\n\nBy hand.\n").unwrap();
        write_section(&path, "first\n").unwrap();
        write_section(&path, "second\n").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# Benchmarks\n\nBy hand.\n"));
        assert!(text.contains("second\n") && !text.contains("first\n"));
        assert_eq!(text.matches(BEGIN).count(), 1);
    }
}
