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
        /// Claims marked in the workspace first, which each import looks
        /// for in what it brings.
        #[arg(long, default_value_t = 0)]
        tracked: usize,
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
    /// Many desks (separate processes) changing one team hub at once:
    /// events/s, propagation latency, a desk's CPU and memory, convergence.
    Hub {
        /// The owner's address of an empty PostgreSQL database.
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
        #[arg(long, default_value_t = 20)]
        desks: usize,
        /// Changes each desk makes.
        #[arg(long, default_value_t = 1_000)]
        changes: usize,
        /// Changes each desk makes per second, evenly spread (a steady
        /// load); 0, the default, makes them as fast as it can.
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        /// Where the desks' workspaces go (a temporary folder when not given).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// A new desk joining a large team workspace: a first desk imports
    /// ARTICLES generated articles and sends them to the hub, then a
    /// second desk joins and reads it all.
    HubJoin {
        /// The owner's address of an empty PostgreSQL database.
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
        #[arg(long, default_value_t = 100_000)]
        articles: usize,
        /// Where the two workspaces go (a temporary folder when not given).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// (Used by `bench hub`.) One desk of the hub benchmark.
    #[command(hide = true)]
    HubDesk {
        #[arg(long)]
        url: String,
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        #[arg(long)]
        desk: usize,
        #[arg(long)]
        desks: usize,
        #[arg(long)]
        changes: usize,
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        #[arg(long)]
        start_at: i64,
        #[arg(long)]
        idle: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Matching by meaning on a corpus workspace (a copy: vectors are
    /// added): the embedding rate, and searches over VECTORS stored
    /// statements (made up beyond those embedded).
    Meaning {
        #[arg(long, value_name = "PATH")]
        corpus: PathBuf,
        #[arg(long, default_value_t = 500_000)]
        vectors: usize,
        #[arg(long, default_value_t = 50)]
        queries: usize,
    },
    /// Suggest claims in a long agency article.
    Suggest {
        #[arg(long, default_value_t = 2_000)]
        words: usize,
    },
}

/// A fresh folder under the system's temporary folder.
fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("claimtrail-bench-hub-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
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
        BenchCommand::Meaning {
            corpus,
            vectors,
            queries,
        } => {
            println!("{}", bench::meaning(&corpus, vectors, queries).await?);
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
        BenchCommand::Hub {
            hub,
            desks,
            changes,
            rate,
            dir,
            json,
        } => {
            let temp = tempfile_dir()?;
            let dir = dir.unwrap_or_else(|| temp.clone());
            let numbers = bench::hub::run(
                &hub,
                desks,
                changes,
                rate,
                &dir,
                &std::env::current_exe()?,
                progress,
            )
            .await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&numbers)?);
            } else {
                print!("{}", bench::hub::markdown(&numbers));
            }
            let _ = std::fs::remove_dir_all(&temp);
        }
        BenchCommand::HubJoin {
            hub,
            articles,
            dir,
            json,
        } => {
            let temp = tempfile_dir()?;
            let dir = dir.unwrap_or_else(|| temp.clone());
            let numbers = bench::hub::join_time(&hub, articles, &dir, progress).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&numbers)?);
            } else {
                print!("{}", bench::hub::join_markdown(&numbers));
            }
            let _ = std::fs::remove_dir_all(&temp);
        }
        BenchCommand::HubDesk {
            url,
            db,
            desk,
            desks,
            changes,
            rate,
            start_at,
            idle,
            out,
        } => {
            let numbers =
                bench::hub::desk(&url, &db, desk, desks, changes, rate, start_at, idle).await?;
            bench::hub::write_numbers(&out, &numbers)?;
        }
        BenchCommand::Import {
            existing,
            count,
            tracked,
        } => {
            println!(
                "{}",
                bench::import(existing, count, tracked, progress).await?
            );
        }
    }
    Ok(())
}
