//! `claimtrail hub …`: the team hub, for its admin (`init`, `user`) and for
//! a desk (`join`, `sync`, `status`, `leave`), and the sync every command
//! that writes runs afterwards on a joined workspace.

use std::time::Duration;

use anyhow::anyhow;
use clap::Subcommand;

use claimtrail::hub::{self, admin, sync, Role};
use claimtrail::store::Store;

#[derive(Subcommand)]
pub enum HubCommand {
    /// Create or upgrade the hub schema in an empty PostgreSQL database (run again: no change).
    Init {
        /// The database owner's address: postgres://OWNER:PASSWORD@HOST:5432/DATABASE
        admin_url: String,
        #[arg(long)]
        json: bool,
    },
    /// The team's members (each a PostgreSQL login role).
    User {
        #[command(subcommand)]
        what: UserCommand,
    },
    /// Link this workspace to the team: postgres://LOGIN:PASSWORD@HOST:PORT/DATABASE[?sslmode=…].
    Join {
        url: String,
        #[arg(long)]
        json: bool,
    },
    /// Send this desk's changes and read the team's now (with --watch, keep doing it).
    Sync {
        #[arg(long)]
        watch: bool,
        #[arg(long)]
        json: bool,
    },
    /// Where this desk stands with its hub.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Unlink this workspace from its hub (it keeps everything it has).
    Leave,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add a journalist: their login role and their place on the team.
    Add {
        /// Their name as the team sees it.
        name: String,
        #[arg(long)]
        login: String,
        #[arg(long, value_name = "reporter|editor|admin")]
        role: String,
        /// At least 8 characters (or set CLAIMTRAIL_HUB_PASSWORD).
        #[arg(long, env = "CLAIMTRAIL_HUB_PASSWORD", hide_env_values = true)]
        password: String,
        /// The hub owner's address.
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
        #[arg(long)]
        json: bool,
    },
    /// The team's members.
    List {
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
        #[arg(long)]
        json: bool,
    },
    /// Take a member off the team (their login stops working; their changes stay).
    Remove {
        login: String,
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
    },
    /// Change a member's role.
    Role {
        login: String,
        #[arg(value_name = "reporter|editor|admin")]
        role: String,
        #[arg(long = "hub", value_name = "ADMIN_URL")]
        hub: String,
        #[arg(long)]
        json: bool,
    },
}

/// The commands that need no workspace (the admin's); None for the others.
pub async fn run_admin(what: &HubCommand) -> Option<anyhow::Result<()>> {
    Some(match what {
        HubCommand::Init { admin_url, json } => init(admin_url, *json).await,
        HubCommand::User { what } => user(what).await,
        _ => return None,
    })
}

async fn init(admin_url: &str, json: bool) -> anyhow::Result<()> {
    let applied = admin::init(admin_url).await?;
    if json {
        return crate::print_json(&serde_json::json!({ "applied": applied }));
    }
    if applied == 0 {
        println!("The hub is up to date.");
    } else {
        println!("The hub is ready ({applied} migration(s) applied). Add the team with `claimtrail hub user add`.");
    }
    Ok(())
}

async fn user(what: &UserCommand) -> anyhow::Result<()> {
    match what {
        UserCommand::Add {
            name,
            login,
            role,
            password,
            hub,
            json,
        } => {
            let role: Role = role.parse()?;
            let member = admin::add_user(hub, name, login, role, password).await?;
            if *json {
                return crate::print_json(&member);
            }
            println!(
                "{} ({}) is on the team as {}; they join with claimtrail hub join postgres://{}:PASSWORD@…",
                member.name, member.login, member.role, member.login
            );
            Ok(())
        }
        UserCommand::List { hub, json } => {
            let members = admin::list_users(hub).await?;
            if *json {
                return crate::print_json(&members);
            }
            if members.is_empty() {
                println!("No members yet: add one with claimtrail hub user add NAME --login LOGIN --role editor --password … --hub ADMIN_URL");
            }
            for m in members {
                println!("{:<20} {:<9} {}", m.login, m.role, m.name);
            }
            Ok(())
        }
        UserCommand::Remove { login, hub } => {
            admin::remove_user(hub, login).await?;
            println!("{login} is off the team; their changes stay in the log.");
            Ok(())
        }
        UserCommand::Role {
            login,
            role,
            hub,
            json,
        } => {
            let member = admin::set_role(hub, login, role.parse()?).await?;
            if *json {
                return crate::print_json(&member);
            }
            println!("{} is now {}.", member.login, member.role);
            Ok(())
        }
    }
}

/// The desk's commands.
pub async fn run(store: &Store, what: HubCommand) -> anyhow::Result<()> {
    match what {
        HubCommand::Join { url, json } => {
            let joined = hub::join(store, &url).await?;
            claimtrail::reappearances::mark_all_scanned(store).await?;
            if json {
                return crate::print_json(&joined);
            }
            println!(
                "Joined the team as {} ({}): sent {} change(s), read {}.",
                joined.name, joined.role, joined.sync.pushed, joined.sync.pulled
            );
            refused(&joined.sync)
        }
        HubCommand::Sync { watch, json } => {
            if watch {
                return watch_hub(store, json).await;
            }
            let report = sync::sync(store).await?;
            if report.pulled > 0 {
                claimtrail::reappearances::after_arrivals(store).await;
            }
            print_report(&report, json)?;
            refused(&report)
        }
        HubCommand::Status { json } => {
            let Some(status) = hub::status(store).await? else {
                if json {
                    return crate::print_json(&serde_json::Value::Null);
                }
                println!("This workspace has not joined a team hub (claimtrail hub join URL).");
                return Ok(());
            };
            if json {
                return crate::print_json(&status);
            }
            println!("{} as {} ({})", status.url, status.login, status.role);
            match (&status.problem, status.pending_in) {
                (Some(problem), _) => println!("offline: {problem}"),
                (None, Some(n)) => println!("online; {n} change(s) of the team to read"),
                (None, None) => println!("online"),
            }
            println!(
                "{} change(s) of this desk waiting to be sent",
                status.pending_out
            );
            for r in status.refusals.iter().take(5) {
                println!("refused {}: {}", r.refused_at, r.reason);
            }
            Ok(())
        }
        HubCommand::Leave => {
            hub::leave(store).await?;
            println!("This workspace left its team hub; it keeps everything it has.");
            Ok(())
        }
        HubCommand::Init { .. } | HubCommand::User { .. } => {
            unreachable!("run before the workspace is opened")
        }
    }
}

fn print_report(report: &sync::SyncReport, json: bool) -> anyhow::Result<()> {
    if json {
        return crate::print_json(report);
    }
    println!(
        "sent {}, read {}, {} conflict(s), {} refused",
        report.pushed,
        report.pulled,
        report.conflicts,
        report.refused.len()
    );
    Ok(())
}

/// A refused change fails the command with the hub's reason, as a refused
/// review move does.
fn refused(report: &sync::SyncReport) -> anyhow::Result<()> {
    match report.refused.first() {
        Some(r) => Err(anyhow!(
            "the team hub refused a change, and it was set back on this desk: {}",
            r.reason
        )),
        None => Ok(()),
    }
}

/// Syncs whenever the hub says a desk sent something, and every two
/// seconds when this desk has changes waiting, until stopped.
async fn watch_hub(store: &Store, json: bool) -> anyhow::Result<()> {
    let link = hub::link(store).await?.ok_or_else(|| {
        anyhow!("this workspace has not joined a team hub (claimtrail hub join URL)")
    })?;
    let pool = link.connect().await?;
    let mut notices = sync::Notices::listen(&pool).await?;
    loop {
        match sync::sync_with(store, &pool).await {
            Ok(report) => {
                if report.pulled > 0 {
                    claimtrail::reappearances::after_arrivals(store).await;
                }
                if report.pushed + report.pulled > 0 || !report.refused.is_empty() {
                    print_report(&report, json)?;
                }
            }
            Err(e) => eprintln!("{e}"),
        }
        tokio::select! {
            note = notices.next() => { note?; }
            _ = tokio::time::sleep(Duration::from_secs(2)) => {}
        }
    }
}

/// After a command on a joined workspace: sends what it changed and reads
/// the team's. Offline is no failure (the work waits); a refusal is.
pub async fn after_command(store: &Store) -> anyhow::Result<()> {
    if hub::link(store).await?.is_none() || sync::pending(store).await? == 0 {
        return Ok(());
    }
    match sync::sync(store).await {
        Ok(report) => {
            if report.pulled > 0 {
                claimtrail::reappearances::after_arrivals(store).await;
            }
            refused(&report)
        }
        Err(e) => {
            eprintln!("note: not sent to the team hub yet ({e})");
            Ok(())
        }
    }
}
