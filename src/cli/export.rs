//! `claimtrail export` and `claimtrail organisation`. Flags and
//! output layouts are public contract (README).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, Subcommand, ValueEnum};

use claimtrail::export::{self, ExportFormat, ExportOptions, ExportScope, Group, Unapproved};
use claimtrail::model::SearchQuery;
use claimtrail::store::Store;

#[derive(Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    #[value(name = "md", alias = "markdown")]
    Md,
    Html,
    #[value(name = "timelinejs")]
    TimelineJs,
    #[value(name = "timelinejs-csv")]
    TimelineJsCsv,
    #[value(name = "claimreview")]
    ClaimReview,
    Annotations,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Csv => ExportFormat::Csv,
            FormatArg::Json => ExportFormat::Json,
            FormatArg::Md => ExportFormat::Markdown,
            FormatArg::Html => ExportFormat::Html,
            FormatArg::TimelineJs => ExportFormat::TimelineJs,
            FormatArg::TimelineJsCsv => ExportFormat::TimelineJsCsv,
            FormatArg::ClaimReview => ExportFormat::ClaimReview,
            FormatArg::Annotations => ExportFormat::Annotations,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GroupArg {
    Claimant,
    Outlet,
    Claim,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum UnapprovedArg {
    /// Leave verdicts not approved yet out.
    Omit,
    /// Show them, marked "proposed, not approved yet".
    Mark,
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: FormatArg,
    /// One claim (default: the whole workspace).
    #[arg(long, value_name = "ID", group = "scope")]
    claim: Option<String>,
    /// A person's claims and the statements they spoke (name, alias or id).
    #[arg(long, value_name = "NAME", group = "scope")]
    person: Option<String>,
    /// A storyline's claims in its order (id or name).
    #[arg(long, value_name = "ID", group = "scope")]
    storyline: Option<String>,
    /// Write here instead of standard output (replaced whole, never half-written).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start CSV with a byte order mark, for Excel.
    #[arg(long)]
    bom: bool,
    /// TimelineJS rows: by claimant (default), by outlet or by claim.
    #[arg(long, value_enum, default_value = "claimant")]
    group: GroupArg,
    /// The clock timelines place every time on (TimelineJS has no
    /// offsets): a zone's name (Europe/Berlin) or an offset (+05:30);
    /// default the user's zone (TZ, else the system's). Each time is also
    /// shown as its source gave it.
    #[arg(long, value_name = "ZONE")]
    zone: Option<String>,
    /// Verdicts not approved yet in TimelineJS, the report, Markdown and
    /// CSV: left out (default) or shown marked as not approved.
    #[arg(long, value_enum, default_value = "omit")]
    unapproved: UnapprovedArg,
    /// Only claims a search for these words finds (as `claimtrail search`).
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
    /// Only appearances published by this outlet (and their claims).
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Only claims whose newest verdict has this rating (false, mostly_true, …).
    #[arg(long, value_name = "RATING")]
    verdict: Option<String>,
    #[arg(long, value_name = "TAG")]
    tag: Option<String>,
    /// Only appearances from this date or time (inclusive): 2025-12-01 or RFC 3339.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only appearances up to this date (the whole day) or time.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Which time --from/--to bound: when it was said, or published.
    #[arg(long, value_enum, default_value = "stated")]
    by: crate::cli::trail::BasisArg,
}

pub async fn run(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let scope = match (args.claim, args.person, args.storyline) {
        (Some(id), ..) => ExportScope::Claim(id),
        (_, Some(name), _) => ExportScope::Person(name),
        (.., Some(id)) => ExportScope::Storyline(id),
        _ => ExportScope::Workspace,
    };
    let options = ExportOptions {
        bom: args.bom,
        group: match args.group {
            GroupArg::Claimant => Group::Claimant,
            GroupArg::Outlet => Group::Outlet,
            GroupArg::Claim => Group::Claim,
        },
        zone: args.zone,
        unapproved: match args.unapproved {
            UnapprovedArg::Omit => Unapproved::Omit,
            UnapprovedArg::Mark => Unapproved::Mark,
        },
        filter: {
            let filter = SearchQuery {
                text: args.search.unwrap_or_default(),
                outlet: args.outlet,
                verdict: args.verdict,
                tag: args.tag,
                from: args.from,
                to: args.to,
                date_by: Some(args.by.into()),
                ..SearchQuery::default()
            };
            let narrows = !filter.text.trim().is_empty()
                || filter.outlet.is_some()
                || filter.verdict.is_some()
                || filter.tag.is_some()
                || filter.from.is_some()
                || filter.to.is_some();
            narrows.then_some(filter)
        },
    };
    let (bytes, notes) = export::export_with_notes(store, &scope, args.format.into(), &options)
        .await
        .context("exporting")?;
    for note in notes {
        eprintln!("note: {note}");
    }
    match args.output {
        Some(path) => {
            export::write_file(&path, &bytes).with_context(|| format!("writing {}", path.display()))
        }
        None => {
            std::io::stdout().lock().write_all(&bytes)?;
            Ok(())
        }
    }
}

pub async fn organisation(
    store: &Store,
    name: Option<String>,
    url: Option<String>,
    json: bool,
) -> anyhow::Result<()> {
    let org = match name {
        Some(name) => export::set_organisation(store, &name, url.as_deref()).await?,
        None => export::organisation(store).await?,
    };
    if json {
        return crate::print_json(&org);
    }
    match (&org.name, &org.url) {
        (Some(n), Some(u)) => println!("{n} <{u}>"),
        (Some(n), None) => println!("{n}"),
        _ => println!(
            "No organisation set. Set it with `claimtrail organisation NAME --url https://…`."
        ),
    }
    Ok(())
}

pub async fn import_annotations(store: &Store, file: &Path, json: bool) -> anyhow::Result<()> {
    let bytes = claimtrail::annotation_import::read_file(file)?;
    let outcomes = claimtrail::annotation_import::import(store, &bytes).await?;
    if json {
        crate::print_json(&outcomes)?;
    } else {
        for o in &outcomes {
            let what = o.exact.as_deref().unwrap_or("-");
            match (&o.appearance_id, &o.reason) {
                (Some(id), _) => println!("{:<9}  {id}  “{what}”", o.status),
                (None, Some(reason)) => println!("{:<9}  #{}: {reason}", o.status, o.index),
                (None, None) => println!("{:<9}  #{}", o.status, o.index),
            }
        }
    }
    // The workspace failed part way: what came before is in, the rest not.
    match outcomes.iter().find(|o| o.status == "failed") {
        Some(failed) => anyhow::bail!(
            "the import stopped at annotation #{}: {}",
            failed.index,
            failed.reason.as_deref().unwrap_or("the workspace failed")
        ),
        None => Ok(()),
    }
}

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Write every table and the audit log to one file (a zip of JSON Lines).
    Export { file: PathBuf },
    /// Merge a bundle into this workspace (all or nothing).
    Import {
        file: PathBuf,
        /// Say what would change, and change nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The merge conflicts waiting for a person (fields both desks changed).
    Conflicts {
        /// Also the ones settled already.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// The bundle imports, newest first, with what each did to each row
    /// (undo one with `claimtrail undo --change WRITE_ID`).
    Changes {
        /// Only the imports of this bundle (its id).
        bundle_id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Settle a merge conflict: keep the merged value, or take the other.
    Settle {
        /// The conflict's id (from `bundle conflicts`).
        id: String,
        /// `kept` (the value the merge kept stays) or `other` (the value
        /// set aside replaces it).
        #[arg(long = "use", value_name = "kept|other")]
        with: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn bundle(store: &Store, command: BundleCommand) -> anyhow::Result<()> {
    match command {
        BundleCommand::Export { file } => {
            claimtrail::bundle::export(store, &file).await?;
            eprintln!("Wrote {}", file.display());
            Ok(())
        }
        BundleCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let summary = if dry_run {
                claimtrail::bundle::preview(store, &file).await?
            } else {
                let summary = claimtrail::bundle::import(store, &file).await?;
                claimtrail::reappearances::after_arrivals(store).await;
                summary
            };
            if json {
                return crate::print_json(&summary);
            }
            if summary.is_empty() {
                println!("Nothing new: everything in the bundle is already here.");
                return Ok(());
            }
            let mut tables: Vec<&String> = summary
                .added
                .keys()
                .chain(summary.updated.keys())
                .chain(summary.removed.keys())
                .chain(summary.joined.keys())
                .collect();
            tables.sort();
            tables.dedup();
            let count = |m: &std::collections::HashMap<String, u32>, t: &String| {
                m.get(t).copied().unwrap_or(0)
            };
            for table in tables {
                let added = count(&summary.added, table);
                let updated = count(&summary.updated, table);
                let mut line = format!("{table:<22} {added:>6} added  {updated:>6} updated");
                let removed = count(&summary.removed, table);
                if removed > 0 {
                    line.push_str(&format!("  {removed:>6} removed"));
                }
                let joined = count(&summary.joined, table);
                if joined > 0 {
                    line.push_str(&format!(
                        "  {joined:>6} joined (made on both desks separately)"
                    ));
                }
                println!("{line}");
            }
            println!("{} events of the bundle's history", summary.events);
            for c in &summary.conflicts {
                println!(
                    "conflict: {} {} {}: kept {} ({}), set aside {}",
                    c.table, c.row_id, c.field, c.kept, c.kept_from, c.other
                );
            }
            if dry_run {
                println!("(dry run: nothing was changed)");
            } else if !summary.conflicts.is_empty() {
                println!(
                    "Settle the conflicts with `claimtrail bundle conflicts` and `bundle settle`."
                );
            }
            Ok(())
        }
        BundleCommand::Conflicts { all, json } => {
            let conflicts = claimtrail::bundle::conflicts(store, all).await?;
            if json {
                return crate::print_json(&conflicts);
            }
            if conflicts.is_empty() {
                println!("No merge conflicts wait for a person.");
            }
            for c in &conflicts {
                print_conflict(c);
            }
            Ok(())
        }
        BundleCommand::Changes { bundle_id, json } => {
            let imports = claimtrail::unmerge::changes(store, bundle_id.as_deref()).await?;
            if json {
                return crate::print_json(&imports);
            }
            if imports.is_empty() {
                println!("No bundle was imported into this workspace.");
            }
            for import in &imports {
                println!(
                    "bundle {} imported {}{} (change {})",
                    import.bundle_id,
                    import.imported_at,
                    if import.in_effect { "" } else { ", undone" },
                    import.write_id
                );
                for row in &import.rows {
                    let fields = match (&row.change[..], &row.before) {
                        ("update", Some(serde_json::Value::Object(before))) => {
                            let names: Vec<&str> = before.keys().map(String::as_str).collect();
                            format!(": {}", names.join(", "))
                        }
                        _ => String::new(),
                    };
                    println!("  {:<8} {} {}{fields}", row.change, row.table, row.row_id);
                }
            }
            Ok(())
        }
        BundleCommand::Settle { id, with, json } => {
            let choice = match with.as_str() {
                "kept" => claimtrail::bundle::Settle::Kept,
                "other" => claimtrail::bundle::Settle::Other,
                other => anyhow::bail!("--use takes kept or other, not “{other}”."),
            };
            let settled = claimtrail::bundle::settle(store, &id, choice).await?;
            if json {
                return crate::print_json(&settled);
            }
            print_conflict(&settled);
            Ok(())
        }
    }
}

fn print_conflict(c: &claimtrail::bundle::ConflictInfo) {
    let m = &c.conflict;
    println!(
        "{}  {} {} “{}”",
        c.id,
        m.table,
        m.field,
        c.subject.as_deref().unwrap_or("(deleted since)")
    );
    println!("    kept ({}): {}", m.kept_from, m.kept);
    println!("    set aside:   {}", m.other);
    if let Some(at) = &c.settled_at {
        println!(
            "    settled with the {} value by {} at {at}",
            c.settled_with.as_deref().unwrap_or("?"),
            c.settled_by.as_deref().unwrap_or("?")
        );
    }
}
