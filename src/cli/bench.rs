//! `claimtrail bench`: the benchmarks of BENCHMARKS.md, built with the
//! `bench` feature (on by default for the CLI, off for the desktop app).

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use claimtrail::bench;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Import generated articles into a workspace that already holds some.
    Import {
        /// Articles in the workspace before the measured import.
        #[arg(long, default_value_t = 10_000)]
        existing: usize,
        /// Articles imported while timing.
        #[arg(long, default_value_t = 2_000)]
        count: usize,
    },
    /// Re-anchor many appearances against an edited long article.
    Reanchor {
        #[arg(long, default_value_t = 1_000)]
        anchors: usize,
        #[arg(long, default_value_t = 20_000)]
        words: usize,
        /// Also write the inputs and the placements to this directory
        /// (old.txt, new.txt, anchors.json, rust.json), for
        /// bench/anchor-js to re-anchor the same anchors.
        #[arg(long)]
        dump: Option<PathBuf>,
    },
    /// Search, find everywhere and timelines on a generated newsroom
    /// workspace (made at DB first when it holds no articles).
    Trail {
        /// The workspace to measure; generated when empty, reused after.
        #[arg(long, value_name = "PATH")]
        corpus: PathBuf,
        /// Size of a generated corpus: 1.0 is 100,000 articles and
        /// 1,000,000 appearances.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
    },
    /// Every measurement of issue 7 beside its baseline: imports (plain,
    /// HTML, raw SQLite), search (and raw FTS5), matches, timeline,
    /// re-anchoring, opening the workspace, file size, memory, binaries.
    All {
        /// The corpus workspace; generated when empty, reused after.
        #[arg(long, value_name = "PATH")]
        corpus: PathBuf,
        /// Size of a generated corpus: 1.0 is 100,000 articles.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Articles in the workspace before the timed imports.
        #[arg(long, default_value_t = 10_000)]
        existing: usize,
        /// Articles imported while timing.
        #[arg(long, default_value_t = 2_000)]
        count: usize,
        /// Write the results as JSON here.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Replace the generated section of this Markdown file (BENCHMARKS.md).
        #[arg(long, value_name = "FILE")]
        markdown: Option<PathBuf>,
        /// The desktop app's release binary, for its size.
        #[arg(long, value_name = "FILE")]
        app: Option<PathBuf>,
    },
    /// (Used by `bench all`.) Open a workspace, answer one search, print
    /// this process's peak memory in kB.
    #[command(hide = true)]
    OpenProbe {
        #[arg(long, value_name = "PATH")]
        corpus: PathBuf,
    },
    /// Suggest claims in a long agency article.
    Suggest {
        #[arg(long, default_value_t = 2_000)]
        words: usize,
    },
}

/// Runs one benchmark; none needs the workspace the CLI would open.
pub async fn run(what: BenchCommand) -> anyhow::Result<()> {
    let progress = |line: &str| eprintln!("{line}");
    match what {
        BenchCommand::Reanchor {
            anchors,
            words,
            dump,
        } => {
            let report = bench::reanchor(anchors, words, dump.as_deref())
                .context("could not write the re-anchoring inputs")?;
            println!("{report}");
        }
        BenchCommand::Trail { corpus, scale } => {
            println!("{}", bench::trail(&corpus, scale, progress).await?);
        }
        BenchCommand::All {
            corpus,
            scale,
            existing,
            count,
            json,
            markdown,
            app,
        } => {
            let options = bench::suite::SuiteOptions {
                corpus,
                scale,
                existing,
                count,
                exe: std::env::current_exe()?,
                app_binary: app,
            };
            let report = bench::suite::run(&options, progress).await?;
            let section = bench::suite::markdown(&report);
            if let Some(path) = json {
                claimtrail::export::write_file(&path, &serde_json::to_vec_pretty(&report)?)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            if let Some(path) = markdown {
                bench::suite::write_section(&path, &section)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            print!("{section}");
        }
        BenchCommand::OpenProbe { corpus } => {
            println!("{:.0}", bench::suite::open_probe(&corpus).await?);
        }
        BenchCommand::Suggest { words } => println!("{}", bench::suggest(words)),
        BenchCommand::Import { existing, count } => {
            println!("{}", bench::import(existing, count, progress).await?);
        }
    }
    Ok(())
}
