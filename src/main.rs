//! The `claimtrail` command line: the same workspace as the app, headless.
//! Its commands, flags and `--json` fields are a public contract (README).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use clap::{Parser, Subcommand};

use claimtrail::model::{ArticleQuery, ArticleSort, ImportOutcome, ImportStatus, ReanchorCounts};
use claimtrail::store::{Store, StoreError, Waiting};
use claimtrail::{articles, import};

mod cli;

#[derive(Parser)]
#[command(
    name = "claimtrail",
    version,
    about = "Track claims across news articles."
)]
struct Cli {
    /// Workspace file (default: the OS data folder's claimtrail/workspace.db).
    #[arg(long, global = true, env = "CLAIMTRAIL_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Attribute this command's changes to this user (name, initials or
    /// id) instead of the workspace's active user; does not switch it.
    #[arg(long = "as", global = true, value_name = "USER")]
    as_user: Option<String>,
    /// How much goes to the log file (error, warn, info, debug, trace or
    /// off); the file is in the OS log folder, `CLAIMTRAIL_LOG_DIR` when set.
    #[arg(
        long,
        global = true,
        env = "CLAIMTRAIL_LOG",
        default_value = "info",
        value_name = "LEVEL"
    )]
    log_level: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files, folders (every file inside) or http(s) URLs.
    Import {
        #[arg(required = true, value_name = "FILE|DIR|URL")]
        inputs: Vec<String>,
        /// The address a saved page (one FILE) was saved from: the
        /// article's web address, as if it had been fetched from there.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// Print one JSON object per input instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List the articles in the workspace, newest published first.
    Articles {
        #[arg(long)]
        json: bool,
        /// Sort by `published` (default) or `imported` time.
        #[arg(long, value_enum, default_value = "published")]
        sort: SortArg,
        /// Only articles from this outlet.
        #[arg(long)]
        outlet: Option<String>,
    },
    /// Show one article with its text.
    Show {
        article_id: String,
        /// Revision number to show (default: the current one).
        #[arg(long)]
        revision: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Correct an article's metadata (title, byline, published time, dateline, outlet).
    Article {
        #[command(subcommand)]
        what: cli::article::ArticleCommand,
    },
    /// Mark, show or delete a claim.
    Claim {
        #[command(subcommand)]
        what: cli::ClaimCommand,
    },
    /// List the claims with their appearances, newest first.
    Claims {
        /// Only claims that appear in this article.
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the claims the text of an article suggests, best first in text order.
    Suggest {
        article_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Tracked claims found again in imported articles, waiting for a
    /// person: `reappearances accept|dismiss ID` decides one.
    Reappearances {
        #[command(subcommand)]
        what: Option<cli::ReappearanceCommand>,
        /// Only those in this article.
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Place an article's claims on its current revision again.
    Reanchor {
        article_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a person, another name for one, or merge two.
    Person {
        #[command(subcommand)]
        what: cli::PersonCommand,
    },
    /// List the persons with their other names.
    Persons {
        #[arg(long)]
        json: bool,
    },
    /// Search articles, claims, appearances and persons.
    Search(cli::trail::SearchArgs),
    /// List the saved searches (`search WORDS --save NAME` keeps one), or
    /// delete one.
    SavedSearches {
        #[arg(long, value_name = "NAME")]
        delete: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Link two claims: CLAIM_A <relation> CLAIM_B.
    Link(cli::trail::LinkArgs),
    /// Remove a link (recorded in the audit log).
    Unlink { link_id: String },
    /// List a claim's links, both directions.
    Links {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Find where else a claim's words appear, and related claims.
    Matches(cli::trail::MatchesArgs),
    /// Compute the vectors that matching by meaning searches, for the
    /// articles waiting for them (newest first), with progress.
    Embed {
        /// At most this many articles.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Only say how far it has got.
        #[arg(long)]
        status: bool,
        #[arg(long)]
        json: bool,
    },
    /// A claim's, person's or storyline's appearances in time order.
    Timeline(cli::trail::TimelineArgs),
    /// Create, fill, order, rename, show or delete a storyline.
    Storyline {
        #[command(subcommand)]
        what: cli::trail::StorylineCommand,
    },
    /// List the storylines.
    Storylines {
        #[arg(long)]
        json: bool,
    },
    /// Add, list or switch user profiles.
    User {
        #[command(subcommand)]
        what: cli::review::UserCommand,
    },
    /// Give a claim to a reviewer.
    Assign {
        claim_id: String,
        /// Name, initials or id.
        user: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a claim back out of review.
    Unassign {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Propose a verdict: a rating, its rationale and evidence.
    Verdict(cli::review::VerdictArgs),
    /// Approve the proposed verdict (someone other than its proposer).
    Approve {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Send a proposed or approved verdict back, saying why.
    Reopen {
        claim_id: String,
        #[arg(long, value_name = "TEXT")]
        reason: String,
        #[arg(long)]
        json: bool,
    },
    /// Show a claim's review: state, assignee, verdict, evidence.
    Review {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add or remove an evidence item of a claim.
    Evidence {
        #[command(subcommand)]
        what: cli::review::EvidenceCommand,
    },
    /// Comment on a claim (@Name mentions a user).
    Comment {
        claim_id: String,
        text: String,
        /// Reply in the thread of this comment.
        #[arg(long, value_name = "COMMENT_ID")]
        reply_to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A claim's comment threads.
    Comments {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Every recorded change of a claim, oldest first.
    History {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// The workspace's changes, newest first.
    Activity(cli::review::ActivityArgs),
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        what: cli::review::AuditCommand,
    },
    /// Review queue counts, or the claims of one queue.
    Queue {
        #[arg(value_enum)]
        queue: Option<cli::review::QueueArg>,
        #[arg(long)]
        json: bool,
    },
    /// Undo your newest change (or --change ID), by writing inverse events.
    Undo {
        /// The change to undo (a write id from `undo --list`).
        #[arg(long, value_name = "ID")]
        change: Option<String>,
        /// List your recent changes that can be undone instead.
        #[arg(long)]
        list: bool,
        #[arg(long)]
        json: bool,
    },
    /// Put back your newest undone change.
    Redo {
        #[arg(long)]
        json: bool,
    },
    /// List the outlets with their credibility.
    Outlets {
        #[arg(long)]
        json: bool,
    },
    /// Rate an outlet's credibility.
    Outlet {
        #[command(subcommand)]
        what: cli::review::OutletCommand,
    },
    /// Export claim timelines: CSV, JSON, Markdown, TimelineJS, ClaimReview, Web Annotations.
    Export(cli::export::ExportArgs),
    /// Import Hypothesis or W3C Web Annotation JSON as appearances on matching articles.
    #[command(name = "import-annotations")]
    ImportAnnotations {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The team hub (PostgreSQL): set one up, add members, join, sync.
    Hub {
        #[command(subcommand)]
        what: cli::hub::HubCommand,
    },
    /// Make the example workspace (three articles, marked claims, a
    /// proposed verdict, a link, a storyline) in a new file, to try
    /// Claimtrail on.
    Example {
        /// The new workspace file.
        path: PathBuf,
    },
    /// Backups of the workspace: make one, list them, check one, restore one.
    Backup {
        #[command(subcommand)]
        what: cli::backup::BackupCommand,
    },
    /// Write the whole workspace to one file, or merge a colleague's file in.
    Bundle {
        #[command(subcommand)]
        what: cli::export::BundleCommand,
    },
    /// Show or set the organisation that publishes reviews (ClaimReview's author).
    Organisation {
        name: Option<String>,
        /// The organisation's site.
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Measure import and re-anchoring speed (see BENCHMARKS.md; built
    /// with the `bench` feature, on by default for the CLI).
    #[cfg(feature = "bench")]
    Bench {
        #[command(subcommand)]
        what: cli::bench::BenchCommand,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Published,
    Imported,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A log that cannot be written must not stop the command; a level
    // that is not one is the person's mistake and is said.
    let _log = match claimtrail::logging::init("cli", &cli.log_level) {
        Ok(guard) => guard,
        Err(e) if e.contains("is not a log level") => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
        Err(_) => None,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("the async runtime starts");
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A refusal's message may quote what was typed or the article
            // ("the quote “…” is not in…"), and the CLI's own refusals are
            // plain messages: only a failure of the workspace itself is
            // logged with its cause.
            match e.root_cause().downcast_ref::<StoreError>() {
                Some(failure) if !failure.is_refusal() => {
                    tracing::error!(error = format!("{e:#}"), "command failed")
                }
                _ => tracing::info!("command refused"),
            }
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    #[cfg(feature = "bench")]
    if let Command::Bench { what } = cli.command {
        return cli::bench::run(what).await;
    }
    if let Command::Hub { what } = &cli.command {
        if let Some(done) = cli::hub::run_admin(what).await {
            return done;
        }
    }
    if let Command::Example { path } = &cli.command {
        let store = claimtrail::example::create(path)
            .await
            .with_context(|| format!("making the example workspace {}", path.display()))?;
        store.close().await;
        println!(
            "Made the example workspace {}. Open it with: claimtrail --db {} articles (or CLAIMTRAIL_DB={} for the app)",
            path.display(),
            path.display(),
            path.display()
        );
        return Ok(());
    }
    let path = cli.db.unwrap_or_else(claimtrail::store::default_path);
    let command = match cli.command {
        Command::Backup { what } if !what.opens_workspace() => {
            return cli::backup::run_closed(&path, what).await;
        }
        other => other,
    };
    let cli = Cli {
        command,
        db: None,
        ..cli
    };
    let mut store = Store::open(&path)
        .await
        .with_context(|| format!("opening workspace {}", path.display()))?
        .on_wait(|waiting| match waiting {
            Waiting::Started => eprintln!(
                "Waiting: another program (the app or another claimtrail command) is saving to this workspace; this change goes in when it is done."
            ),
            Waiting::Over => eprintln!("Done waiting."),
        });
    if let Some(user) = &cli.as_user {
        let id = claimtrail::store::users::resolve(&store, user)
            .await
            .context("--as")?;
        store = store.acting_as(&id);
    }
    let hub_command = matches!(cli.command, Command::Hub { .. });
    let result = match cli.command {
        Command::Import { inputs, url, json } => {
            run_import(&store, &inputs, url.as_deref(), json).await
        }
        Command::Articles { json, sort, outlet } => {
            let sort = match sort {
                SortArg::Published => ArticleSort::Published,
                SortArg::Imported => ArticleSort::Imported,
            };
            let list = articles::list(
                &store,
                &ArticleQuery {
                    sort,
                    outlet,
                    text: None,
                },
            )
            .await?;
            if json {
                print_json(&list)
            } else {
                for a in &list {
                    println!(
                        "{}  {:<25}  {:<16}  {}",
                        a.id,
                        a.published_at.as_deref().unwrap_or("-"),
                        a.outlet.as_deref().unwrap_or("-"),
                        a.title
                    );
                }
                Ok(())
            }
        }
        Command::Show {
            article_id,
            revision,
            json,
        } => {
            let article = articles::show(&store, &article_id, revision)
                .await
                .with_context(|| format!("showing article {article_id}"))?;
            if json {
                print_json(&article)
            } else {
                let s = &article.summary;
                println!("{}", s.title);
                let meta = [
                    s.outlet.as_deref(),
                    s.byline.as_deref(),
                    s.published_at.as_deref(),
                    s.dateline.as_deref(),
                ];
                println!(
                    "{}",
                    meta.iter()
                        .flatten()
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" · ")
                );
                println!(
                    "revision {} of {}\n",
                    article.shown_revision,
                    article.revisions.len()
                );
                println!("{}", article.body);
                Ok(())
            }
        }
        Command::Claim { what } => cli::claim(&store, what).await,
        Command::Claims { article, json } => cli::list_claims(&store, article, json).await,
        Command::Suggest { article_id, json } => cli::suggest(&store, &article_id, json).await,
        Command::Reanchor { article_id, json } => cli::reanchor(&store, &article_id, json).await,
        Command::Reappearances {
            what,
            article,
            json,
        } => cli::reappearances(&store, what, article.as_deref(), json).await,
        Command::Person { what } => cli::person(&store, what).await,
        Command::Persons { json } => cli::list_persons(&store, json).await,
        Command::Search(args) => cli::trail::search(&store, args).await,
        Command::SavedSearches { delete, json } => cli::trail::saved(&store, delete, json).await,
        Command::Link(args) => cli::trail::link(&store, args).await,
        Command::Unlink { link_id } => cli::trail::unlink(&store, &link_id).await,
        Command::Links { claim_id, json } => cli::trail::list_links(&store, &claim_id, json).await,
        Command::Matches(args) => cli::trail::find_matches(&store, args).await,
        Command::Embed {
            limit,
            status,
            json,
        } => cli::trail::embed(&store, limit, status, json).await,
        Command::Timeline(args) => cli::trail::show_timeline(&store, args).await,
        Command::Storyline { what } => cli::trail::storyline(&store, what).await,
        Command::Storylines { json } => cli::trail::list_storylines(&store, json).await,
        Command::User { what } => cli::review::user(&store, what).await,
        Command::Assign {
            claim_id,
            user,
            json,
        } => cli::review::assign(&store, &claim_id, &user, json).await,
        Command::Unassign { claim_id, json } => {
            cli::review::unassign(&store, &claim_id, json).await
        }
        Command::Verdict(args) => cli::review::verdict(&store, args).await,
        Command::Approve { claim_id, json } => cli::review::approve(&store, &claim_id, json).await,
        Command::Reopen {
            claim_id,
            reason,
            json,
        } => cli::review::reopen(&store, &claim_id, reason, json).await,
        Command::Review { claim_id, json } => {
            cli::review::show_review(&store, &claim_id, json).await
        }
        Command::Evidence { what } => cli::review::evidence(&store, what).await,
        Command::Comment {
            claim_id,
            text,
            reply_to,
            json,
        } => cli::review::comment(&store, &claim_id, &text, reply_to.as_deref(), json).await,
        Command::Comments { claim_id, json } => {
            cli::review::list_comments(&store, &claim_id, json).await
        }
        Command::History { claim_id, json } => {
            cli::review::show_history(&store, &claim_id, json).await
        }
        Command::Activity(args) => cli::review::activity(&store, args).await,
        Command::Audit { what } => cli::review::audit(&store, what).await,
        Command::Queue { queue, json } => cli::review::queue(&store, queue, json).await,
        Command::Undo { change, list, json } => {
            cli::review::undo_last(&store, change.as_deref(), list, json).await
        }
        Command::Redo { json } => cli::review::redo(&store, json).await,
        Command::Outlets { json } => cli::review::list_outlets(&store, json).await,
        Command::Outlet { what } => cli::review::outlet(&store, what).await,
        Command::Article { what } => cli::article::run(&store, what).await,
        Command::Export(args) => cli::export::run(&store, args).await,
        Command::Hub { what } => cli::hub::run(&store, what).await,
        Command::Bundle { what } => cli::export::bundle(&store, what).await,
        Command::Backup { what } => match what {
            cli::backup::BackupCommand::Create { json } => cli::backup::create(&store, json).await,
            other => cli::backup::run_closed(&path, other).await,
        },
        Command::ImportAnnotations { file, json } => {
            cli::export::import_annotations(&store, &file, json).await
        }
        Command::Organisation { name, url, json } => {
            cli::export::organisation(&store, name, url, json).await
        }
        #[cfg(feature = "bench")]
        Command::Bench { .. } => unreachable!("handled before the workspace is opened"),
        Command::Example { .. } => unreachable!("handled before the workspace is opened"),
    };
    // A joined workspace sends what the command changed to the team.
    let result = match result {
        Ok(()) if !hub_command => cli::hub::after_command(&store).await,
        other => other,
    };
    store.close().await;
    result
}

async fn run_import(
    store: &Store,
    args: &[String],
    url: Option<&str>,
    json: bool,
) -> anyhow::Result<()> {
    let inputs = match url {
        None => import::expand_inputs(args),
        Some(url) => vec![saved_from(args, url)?],
    };
    let cancel = AtomicBool::new(false);
    let mut summary = import::import_batch(store, "cli", &inputs, &cancel, |p| {
        let o = &p.outcome;
        eprintln!("[{}/{}] {}: {}", p.done, p.total, status_word(o), o.input);
    })
    .await;
    import::find_tracked_claims(store, &mut summary.outcomes).await;
    if json {
        print_json(&summary.outcomes)?;
    } else {
        for o in &summary.outcomes {
            print_outcome(o);
        }
    }
    match summary.error {
        Some(error) => Err(anyhow::anyhow!(error)),
        None => Ok(()),
    }
}

/// The one saved page `import FILE --url URL` names, with its address.
fn saved_from(args: &[String], url: &str) -> anyhow::Result<import::Input> {
    let [file] = args else {
        anyhow::bail!(
            "--url names the address of one saved page: give one file with it, not {}",
            args.len()
        );
    };
    let address = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| {
            anyhow::anyhow!("--url {url:?} is not a web address (http:// or https://)")
        })?;
    let path = std::path::PathBuf::from(file);
    if file.starts_with("http://") || file.starts_with("https://") {
        anyhow::bail!("--url goes with a saved file; {file} is fetched from its own address");
    }
    if path.is_dir() {
        anyhow::bail!("--url names the address of one saved page; {file} is a folder");
    }
    Ok(import::Input::SavedFrom(path, address.to_string()))
}

fn status_word(o: &ImportOutcome) -> &'static str {
    match o.status {
        ImportStatus::Imported => "imported",
        ImportStatus::Duplicate => "duplicate",
        ImportStatus::Revised => "revised",
        ImportStatus::Rejected => "rejected",
    }
}

fn print_outcome(o: &ImportOutcome) {
    match (&o.article, &o.reason) {
        (Some(a), _) => println!(
            "{:<9}  {}  {}  ({}){}",
            status_word(o),
            a.id,
            a.title,
            o.input,
            o.reanchored.map(claims_line).unwrap_or_default()
                + &o.reappearing_claims
                    .map(reappearing_line)
                    .unwrap_or_default()
        ),
        (None, Some(reason)) => println!("{:<9}  {}: {}", status_word(o), o.input, reason),
        (None, None) => println!("{:<9}  {}", status_word(o), o.input),
    }
}

/// "; 3 tracked claims reappear here (claimtrail reappearances)".
fn reappearing_line(n: u32) -> String {
    let (claims, verb) = if n == 1 {
        ("claim", "reappears")
    } else {
        ("claims", "reappear")
    };
    format!("; {n} tracked {claims} {verb} here (see `claimtrail reappearances`)")
}

/// "; claims: 2 moved, 1 need review" for a revised article's claims.
fn claims_line(c: ReanchorCounts) -> String {
    let parts: Vec<String> = [
        (c.anchored, "unchanged"),
        (c.moved, "moved"),
        (c.needs_review, "need review"),
        (c.orphaned, "orphaned"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    format!("; claims: {}", parts.join(", "))
}

/// Prints `value` as pretty JSON. Buffered: stdout alone writes each line
/// as it ends, which made a 1,000-point timeline 35,000 `write` calls.
fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}
