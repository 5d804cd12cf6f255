//! `claimtrail backup create|list|verify|restore`: copies of the workspace
//! kept in the folder beside it (see `store::backup`). Only `create` opens
//! the workspace; `restore` needs it closed everywhere.

use std::path::Path;

use clap::Subcommand;

use claimtrail::store::backup::{self, Backup, Reason};
use claimtrail::store::Store;

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Make a backup now, checked before it counts.
    Create {
        #[arg(long)]
        json: bool,
    },
    /// The backups of this workspace, newest first.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Check a backup again (its pages and its audit chain).
    Verify {
        /// The backup's file name, as `backup list` shows it.
        file: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a backup in the workspace's place; the workspace as it is now is
    /// moved into the backups folder, never deleted. Close the app first.
    Restore {
        file: String,
        #[arg(long)]
        json: bool,
    },
}

impl BackupCommand {
    /// Whether the command needs the workspace open (only `create`).
    pub fn opens_workspace(&self) -> bool {
        matches!(self, BackupCommand::Create { .. })
    }
}

/// `create`, on the open workspace.
pub async fn create(store: &Store, json: bool) -> anyhow::Result<()> {
    let made = backup::create(store, Reason::Manual).await?;
    if json {
        return crate::print_json(&made);
    }
    println!("backed up to {}", made.path);
    print_line(&made);
    Ok(())
}

/// `list`, `verify` and `restore`, which read the backups folder and, for a
/// restore, replace the file: the workspace is not opened.
pub async fn run_closed(workspace: &Path, command: BackupCommand) -> anyhow::Result<()> {
    match command {
        BackupCommand::Create { .. } => unreachable!("create opens the workspace"),
        BackupCommand::List { json } => {
            let all = backup::list(workspace)?;
            if json {
                return crate::print_json(&all);
            }
            if all.is_empty() {
                println!(
                    "No backups of {} yet. Make one with `claimtrail backup create`.",
                    workspace.display()
                );
            }
            for b in &all {
                print_line(b);
            }
            Ok(())
        }
        BackupCommand::Verify { file, json } => {
            let checked = backup::verify(workspace, &file).await?;
            if json {
                crate::print_json(&checked)?;
            } else {
                print_line(&checked);
            }
            match &checked.problem {
                Some(problem) => {
                    anyhow::bail!("backup {} failed its check: {problem}", checked.file)
                }
                None => Ok(()),
            }
        }
        BackupCommand::Restore { file, json } => {
            let restored = backup::restore(workspace, &file).await?;
            if json {
                return crate::print_json(&restored);
            }
            println!(
                "restored {} ({} events); the workspace as it was is kept at {}",
                restored.from.file, restored.from.events, restored.kept_aside
            );
            Ok(())
        }
    }
}

fn print_line(b: &Backup) {
    let state = match &b.problem {
        None => "ok".to_owned(),
        Some(p) => format!("FAILED: {p}"),
    };
    println!(
        "{}  {:<16}  {:>8} KB  {:>7} events  {}  {state}",
        b.created_at.get(..19).unwrap_or(&b.created_at),
        serde_json::to_value(b.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        b.size / 1024,
        b.events,
        b.file
    );
}
