//! The team hub: a PostgreSQL database that keeps every desk's workspace
//! in step. Each desk keeps its SQLite workspace as its working copy and
//! works offline; the hub holds one append-only log of everyone's changes
//! (the audit events, with the rows each left), in the order it received
//! them.
//!
//! - `admin.rs`: `hub init` (the schema in `migrations/hub/`) and the team's
//!   members, each a PostgreSQL login role.
//! - `sync.rs`: sending this desk's changes ([`sync::push`]) and reading the
//!   others' ([`sync::pull`]), merged with the same engine as bundles
//!   (`merge.rs`).
//! - `secrets.rs`: where the password is kept (never in the workspace).
//!
//! The database authenticates: the hub stamps each change with the login
//! that sent it and refuses what the review rules forbid (a reporter's
//! approval, approving one's own verdict) in `claimtrail_push`, which runs
//! as the hub's owner; members may only read the log and call it.
//!
//! Invariants: a change is in the hub once (by event id), and a desk reads
//! each once (its cursor moves in the same transaction as the merge); a
//! change the hub refused is set back on the desk that made it, recorded in
//! `hub_refusals`, and never sent again.

pub mod admin;
pub mod secrets;
pub mod sync;

use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use ts_rs::TS;

use crate::change::{Entity, Verb};
use crate::store::{new_id, Result, Store, StoreError};

/// How long a desk waits for the hub before it works offline.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A journalist's role on the team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Reporter,
    Editor,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

impl FromStr for Role {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Role> {
        match s {
            "reporter" => Ok(Role::Reporter),
            "editor" => Ok(Role::Editor),
            "admin" => Ok(Role::Admin),
            other => Err(StoreError::invalid_field(
                "role",
                format!("“{other}” is not a role; a member is a reporter, an editor or an admin."),
            )),
        }
    }
}

/// A hub address as given (`postgres://LOGIN:PASS@HOST:PORT/DB?sslmode=…`),
/// split into what is kept where: the address without the password, the
/// login, and the password.
#[derive(Debug, Clone)]
pub struct Address {
    /// The address without the password (kept in the workspace, shown).
    pub url: String,
    pub login: String,
    pub password: Option<String>,
}

impl Address {
    pub fn parse(given: &str) -> Result<Address> {
        let bad = |why: &str| {
            StoreError::invalid_field(
                "url",
                format!("“{}” is not a hub address ({why}); it looks like postgres://LOGIN:PASSWORD@HOST:5432/DATABASE", redact(given)),
            )
        };
        let mut url = url::Url::parse(given.trim()).map_err(|e| bad(&e.to_string()))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(bad("it does not begin with postgres://"));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(bad("no host"));
        }
        let login = percent_decode(url.username());
        if login.is_empty() {
            return Err(bad("no login before the @"));
        }
        let password = url.password().map(percent_decode);
        let _ = url.set_password(None);
        Ok(Address {
            url: url.to_string(),
            login,
            password,
        })
    }

    /// An address from the parts a person types in the app: where the hub
    /// is (`host[:port]/database[?sslmode=…]`, or a whole `postgres://`
    /// address), their login and password.
    pub fn from_parts(place: &str, login: &str, password: &str) -> Result<Address> {
        let place = place.trim();
        if place.is_empty() {
            return Err(StoreError::invalid_field(
                "address",
                "Give the hub's address, such as hub.example.org/claimtrail_team.",
            ));
        }
        if login.trim().is_empty() {
            return Err(StoreError::invalid_field(
                "login",
                "Give your login on the hub.",
            ));
        }
        let given = if place.contains("://") {
            place.to_owned()
        } else {
            format!("postgres://{place}")
        };
        let mut url = url::Url::parse(&given).map_err(|e| {
            StoreError::invalid_field(
                "address",
                format!("“{place}” is not a hub address ({e}); it looks like hub.example.org:5432/claimtrail_team"),
            )
        })?;
        if url.path().trim_matches('/').is_empty() {
            return Err(StoreError::invalid_field(
                "address",
                "The address names no database: add it after a slash, such as hub.example.org/claimtrail_team.",
            ));
        }
        let encode = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        url.set_username(&encode(login.trim()))
            .and_then(|()| url.set_password(Some(&encode(password))))
            .map_err(|()| {
                StoreError::invalid_field("address", "That address cannot hold a login.")
            })?;
        Address::parse(url.as_str())
    }

    /// Connection settings with `password`; `sslmode`, `sslrootcert` and the
    /// client certificate options in the address are honoured.
    fn options(&self, password: Option<&str>) -> Result<PgConnectOptions> {
        let mut options = PgConnectOptions::from_str(&self.url).map_err(|e| {
            StoreError::invalid_field("url", format!("The hub address is not usable: {e}"))
        })?;
        if let Some(p) = password {
            options = options.password(p);
        }
        Ok(options.application_name("claimtrail"))
    }

    /// Host and port, for messages.
    pub fn place(&self) -> String {
        url::Url::parse(&self.url)
            .ok()
            .and_then(|u| {
                u.host_str()
                    .map(|h| format!("{h}:{}", u.port().unwrap_or(5432)))
            })
            .unwrap_or_else(|| self.url.clone())
    }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The address with any password replaced by `***`, for messages and logs.
pub fn redact(given: &str) -> String {
    match url::Url::parse(given.trim()) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "(not an address)".to_owned(),
    }
}

/// Connects to the hub, with a message a journalist can act on when it
/// fails.
pub async fn connect(address: &Address, password: Option<&str>) -> Result<PgPool> {
    try_connect(address, password)
        .await?
        .map_err(|e| explain(address, &e))
}

/// Connects, leaving the server's refusal as it came (the caller may try
/// again); an address that cannot be read is an error already.
async fn try_connect(
    address: &Address,
    password: Option<&str>,
) -> Result<std::result::Result<PgPool, sqlx::Error>> {
    let options = address.options(password)?;
    Ok(PgPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options)
        .await)
}

/// Whether the hub refused the password (SQLSTATE 28P01).
fn password_refused(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|db| db.code())
        .is_some_and(|code| code == "28P01")
}

/// A hub error in words: what happened and what to do.
pub(crate) fn explain(address: &Address, e: &sqlx::Error) -> StoreError {
    let place = address.place();
    let login = &address.login;
    if let Some(db) = e.as_database_error() {
        let code = db.code().unwrap_or_default();
        return StoreError::Hub(match code.as_ref() {
            "28P01" => format!(
                "The hub at {place} refused the password for {login}. Check the password (ask the hub's admin to reset it if you lost it)."
            ),
            "28000" => format!(
                "The hub at {place} does not let {login} in from this computer ({}). Ask the hub's admin to allow it.",
                db.message()
            ),
            "3D000" => format!(
                "The hub at {place} has no database by that name. Check the address's last part."
            ),
            "42501" => format!("The hub refused: {}", db.message()),
            "42883" | "42P01" => format!(
                "The database at {place} is not a Claimtrail hub yet: its admin runs `claimtrail hub init` first."
            ),
            _ => format!("The hub at {place} answered with an error: {}", db.message()),
        });
    }
    let text = e.to_string();
    let lower = text.to_lowercase();
    StoreError::Hub(
        if lower.contains("tls") || lower.contains("certificate") || lower.contains("ssl") {
            format!(
                "A secure connection to the hub at {place} could not be made ({text}). Check sslmode and, for a hub with its own certificate authority, sslrootcert in the address."
            )
        } else {
            format!(
                "The hub at {place} cannot be reached ({text}). Check the address and the network; your work stays on this computer and is sent when the hub is back."
            )
        },
    )
}

/// This workspace's link to its team hub.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Link {
    pub url: String,
    pub login: String,
    pub user_id: String,
    pub role: String,
    pub desk_id: String,
    pub joined_at: String,
    pub pulled_seq: i64,
    pub pushed_seq: i64,
    pub last_push: Option<String>,
    pub last_pull: Option<String>,
}

impl Link {
    pub fn address(&self) -> Address {
        Address {
            url: self.url.clone(),
            login: self.login.clone(),
            password: None,
        }
    }

    /// Connects with the kept password. A password this process read
    /// before and the hub now refuses is read again from where it is kept:
    /// another process (`hub join` again with a new password) may have
    /// replaced it while this one ran.
    pub async fn connect(&self) -> Result<PgPool> {
        let address = self.address();
        let password = self.password(false).await?;
        match try_connect(&address, password.as_deref()).await? {
            Ok(pool) => Ok(pool),
            Err(e) if password_refused(&e) => {
                let kept = self.password(true).await?;
                if kept.is_some() && kept != password {
                    connect(&address, kept.as_deref()).await
                } else {
                    Err(explain(&address, &e))
                }
            }
            Err(e) => Err(explain(&address, &e)),
        }
    }

    /// The kept password; `again` reads it from where it is kept rather
    /// than from what this process read before.
    async fn password(&self, again: bool) -> Result<Option<String>> {
        let desk = self.desk_id.clone();
        tokio::task::spawn_blocking(move || {
            if again {
                secrets::reload(&desk)
            } else {
                secrets::load(&desk)
            }
        })
        .await
        .map_err(|e| StoreError::Hub(format!("The hub password could not be read: {e}")))
    }
}

/// The workspace's link, if it joined a hub.
pub async fn link(store: &Store) -> Result<Option<Link>> {
    Ok(sqlx::query_as(
        "SELECT url, login, user_id, role, desk_id, joined_at, pulled_seq, pushed_seq,
                last_push, last_pull
         FROM hub_link WHERE id = 1",
    )
    .fetch_optional(store.pool())
    .await?)
}

async fn linked(store: &Store) -> Result<Link> {
    link(store).await?.ok_or_else(|| {
        StoreError::NotFound(
            "team hub link: this workspace has not joined a hub (claimtrail hub join URL)"
                .to_owned(),
        )
    })
}

/// The columns of `members` that make a [`Member`] (a literal, for
/// `concat!`).
macro_rules! member_columns {
    () => {
        "login::text AS login, user_id, name, initials, color, role,
         replace(to_char(added_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS'), ' ', 'T') || '+00:00' AS added_at"
    };
}
pub(crate) use member_columns;

/// The member the session's login is, or a refusal saying to ask the admin.
async fn session_member(pool: &PgPool, address: &Address) -> Result<Member> {
    let me: Option<Member> = sqlx::query_as(concat!(
        "SELECT ",
        member_columns!(),
        " FROM members WHERE login = session_user AND removed_at IS NULL"
    ))
    .fetch_optional(pool)
    .await
    .map_err(|e| explain(address, &e))?;
    me.ok_or_else(|| {
        StoreError::NotAllowed(format!(
            "{} can log in to the hub but is not a member of its team; ask the hub's admin to add them (claimtrail hub user add).",
            address.login
        ))
    })
}

/// A team member as the hub lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, TS)]
#[ts(export)]
pub struct Member {
    pub login: String,
    pub user_id: String,
    pub name: String,
    pub initials: String,
    pub color: String,
    pub role: String,
    /// When they joined the team (UTC).
    pub added_at: String,
}

/// Connects with the address and checks the login is on the team: the
/// app's "Test connection".
pub async fn check(address: &Address) -> Result<Member> {
    let pool = connect(address, address.password.as_deref()).await?;
    let me = session_member(&pool, address).await;
    pool.close().await;
    me
}

/// The team's members with a Claimtrail connected to the hub now.
pub async fn connected(pool: &PgPool) -> Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT m.name FROM pg_stat_activity a JOIN members m ON m.login = a.usename
         WHERE a.datname = current_database() AND a.application_name = 'claimtrail'
         ORDER BY m.name",
    )
    .fetch_all(pool)
    .await
    .map_err(|e| StoreError::Hub(format!("The hub could not say who is connected: {e}")))
}

/// What joining did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Joined {
    pub login: String,
    pub name: String,
    pub role: String,
    pub sync: sync::SyncReport,
}

/// Links this workspace to the team hub at `given` (an address with the
/// login and password): the member becomes the workspace's active user,
/// the password is kept outside the workspace, and a first sync sends this
/// desk's work and brings the team's.
pub async fn join(store: &Store, given: &str) -> Result<Joined> {
    join_at(store, &Address::parse(given)?).await
}

/// [`join`] with an address already read.
pub async fn join_at(store: &Store, address: &Address) -> Result<Joined> {
    let address = address.clone();
    // A client certificate (`sslcert`, `sslkey`) signs in without one.
    let certificate = address.url.contains("sslcert=");
    let password = match (address.password.clone(), certificate) {
        (Some(p), _) => Some(p),
        (None, true) => None,
        (None, false) => {
            return Err(StoreError::invalid_field(
                "password",
                "The hub address has no password: give it as postgres://LOGIN:PASSWORD@HOST/DATABASE (or a client certificate with sslcert= and sslkey=).",
            ))
        }
    };
    if let Some(existing) = link(store).await? {
        if existing.url != address.url || existing.login != address.login {
            return Err(StoreError::Conflict(format!(
                "This workspace is already joined to {} as {}; leave that hub first (claimtrail hub leave).",
                existing.url, existing.login
            )));
        }
    }
    let pool = connect(&address, password.as_deref()).await?;
    let me = match session_member(&pool, &address).await {
        Ok(me) => me,
        Err(e) => {
            pool.close().await;
            return Err(e);
        }
    };
    let members = sync::members(&pool, &address).await?;
    let existing = link(store).await?;
    let desk_id = existing.as_ref().map_or_else(new_id, |l| l.desk_id.clone());
    // Begun unattributed: a fresh workspace has no user yet, and the
    // member, mirrored first, is who joins.
    let mut w = store.begin_unattributed().await?;
    sync::mirror_members(&mut w, &members).await?;
    w.set_actor(&me.user_id);
    if existing.is_none() {
        let done = sqlx::query(
            "INSERT INTO hub_link (id, url, login, user_id, role, desk_id, joined_at)
             VALUES (1, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&address.url)
        .bind(&address.login)
        .bind(&me.user_id)
        .bind(&me.role)
        .bind(&desk_id)
        .bind(w.at().to_owned())
        .execute(w.conn())
        .await?;
        w.bookkeeping(done.rows_affected());
        w.audit(
            Entity::Settings,
            "hub",
            Verb::Join,
            None,
            Some(&json!({ "url": address.url, "login": address.login, "desk_id": desk_id })),
        )
        .await?;
    }
    crate::store::users::make_active(&mut w, &me.user_id).await?;
    w.commit().await?;
    let (desk, secret) = (desk_id.clone(), password.clone());
    let kept = tokio::task::spawn_blocking(move || match secret {
        Some(p) => secrets::save(&desk, &p).map(Some),
        None => {
            secrets::forget(&desk);
            Ok(None)
        }
    })
    .await
    .map_err(|e| StoreError::Hub(format!("The hub password could not be kept: {e}")))??;
    match kept {
        Some(secrets::Kept::Keyring) => tracing::info!("the hub password is in the OS keyring"),
        Some(secrets::Kept::File(path, why)) => tracing::info!(
            file = %path.display(),
            why = %why,
            "the hub password is in a file only this user can read"
        ),
        None => {}
    }
    tracing::info!(hub = %address.place(), "joined a team hub");
    let report = sync::sync_with(store, &pool).await;
    pool.close().await;
    Ok(Joined {
        login: me.login,
        name: me.name,
        role: me.role,
        sync: report?,
    })
}

/// Unlinks the workspace from its hub: it keeps everything it has and
/// works alone; the kept password is forgotten.
pub async fn leave(store: &Store) -> Result<()> {
    let link = linked(store).await?;
    let mut w = store.write().await?;
    let mut rows = 0;
    for table in ["hub_pulled", "hub_link"] {
        rows += sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table}")))
            .execute(w.conn())
            .await?
            .rows_affected();
    }
    w.bookkeeping(rows);
    w.audit(
        Entity::Settings,
        "hub",
        Verb::Leave,
        Some(&json!({ "url": link.url, "login": link.login, "desk_id": link.desk_id })),
        None,
    )
    .await?;
    w.commit().await?;
    let desk = link.desk_id.clone();
    let _ = tokio::task::spawn_blocking(move || secrets::forget(&desk)).await;
    Ok(())
}

/// Where the desk stands with its hub (`hub status --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HubStatus {
    /// The hub's address, without the password.
    pub url: String,
    pub login: String,
    pub role: String,
    /// Whether the hub answered just now.
    pub online: bool,
    /// Why not, when it did not.
    pub problem: Option<String>,
    pub last_push: Option<String>,
    pub last_pull: Option<String>,
    /// This desk's changes not yet in the hub.
    #[ts(type = "number")]
    pub pending_out: i64,
    /// The team's changes not yet on this desk (None when offline).
    #[ts(type = "number | null")]
    pub pending_in: Option<i64>,
    /// Changes the hub refused, newest first.
    pub refusals: Vec<sync::Refusal>,
    /// Members with Claimtrail connected to the hub now (when online).
    pub connected: Vec<String>,
}

/// The desk's link and how far behind either side is; None when the
/// workspace has not joined a hub.
pub async fn status(store: &Store) -> Result<Option<HubStatus>> {
    let Some(link) = link(store).await? else {
        return Ok(None);
    };
    let pending_out = sync::pending(store).await?;
    let (online, problem, pending_in, connected) = match link.connect().await {
        Ok(pool) => {
            let newest: Option<i64> = sqlx::query_scalar("SELECT max(seq) FROM changes")
                .fetch_one(&pool)
                .await
                .map_err(|e| explain(&link.address(), &e))?;
            let who = connected(&pool).await.unwrap_or_default();
            pool.close().await;
            (true, None, Some(newest.unwrap_or(0) - link.pulled_seq), who)
        }
        Err(e) => (false, Some(e.to_string()), None, Vec::new()),
    };
    Ok(Some(HubStatus {
        url: link.url.clone(),
        login: link.login.clone(),
        role: link.role.clone(),
        online,
        problem,
        last_push: link.last_push.clone(),
        last_pull: link.last_pull.clone(),
        pending_out,
        pending_in,
        refusals: sync::refusals(store).await?,
        connected,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_keeps_no_password_and_decodes_the_login() {
        let a = Address::parse(
            "postgres://dana%40desk:p%40ss%3Aword@hub.example.org:6432/team?sslmode=verify-full",
        )
        .unwrap();
        assert_eq!(a.login, "dana@desk");
        assert_eq!(a.password.as_deref(), Some("p@ss:word"));
        assert_eq!(
            a.url,
            "postgres://dana%40desk@hub.example.org:6432/team?sslmode=verify-full"
        );
        assert_eq!(a.place(), "hub.example.org:6432");
        assert!(Address::parse("mysql://x@y/z").is_err());
        assert!(
            Address::parse("postgres://hub.example.org/team").is_err(),
            "no login"
        );
        assert_eq!(redact("postgres://a:secret@h/d"), "postgres://a:***@h/d");
    }

    #[test]
    fn the_apps_three_fields_make_an_address() {
        let a = Address::from_parts("hub.example.org/claimtrail_team", "erik", "a b&c").unwrap();
        assert_eq!(a.url, "postgres://erik@hub.example.org/claimtrail_team");
        assert_eq!(a.password.as_deref(), Some("a b&c"));
        let tls = Address::from_parts(
            "postgres://hub.example.org:5433/team?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            "erik",
            "pw",
        )
        .unwrap();
        assert_eq!(
            tls.url,
            "postgres://erik@hub.example.org:5433/team?sslmode=verify-full&sslrootcert=/etc/ca.pem"
        );
        let no_db = Address::from_parts("hub.example.org", "erik", "pw").unwrap_err();
        assert!(matches!(
            no_db,
            StoreError::Invalid {
                field: Some("address"),
                ..
            }
        ));
        let no_login = Address::from_parts("hub.example.org/team", " ", "pw").unwrap_err();
        assert!(matches!(
            no_login,
            StoreError::Invalid {
                field: Some("login"),
                ..
            }
        ));
    }
}
