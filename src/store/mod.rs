//! The workspace file: connection settings, migrations, and the single write
//! path. Every mutation runs inside a [`Write`], which is an `IMMEDIATE`
//! transaction that also records the audit events of what it changed; a
//! `Write` that changed rows without recording an event refuses to commit.
//!
//! Every event of a write is attributed to its actor: the user the store
//! acts as ([`Store::acting_as`], the CLI's `--as`), else the workspace's
//! active user (`users.rs`). A write can start units of its own inside its
//! transaction ([`Write::next_unit`]: a bulk import commits many articles
//! at once, each still its own change in the history), check foreign keys
//! only at the commit ([`Write::defer_foreign_keys`]: rows that refer to
//! each other go in child first), and append events written in another
//! workspace (`Write::adopt_events`, for bundles and the hub), chained after this log's
//! newest.
//!
//! Connections run in WAL mode with `synchronous = NORMAL`, foreign keys
//! on, a busy timeout, temporary storage in memory and reads through a
//! memory map; the reason for each setting is written beside it in
//! [`Store::open`]. An existing file that is not a workspace (another
//! program's SQLite database, or not SQLite) is refused before anything is
//! written to it.

mod audit;
pub mod backup;
pub mod rows;
pub mod signing;
pub mod users;
pub use users::active_user;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};

use crate::change::{Action, Entity, Verb};

pub(crate) use audit::hex;
pub use audit::AuditEvent;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Could not open the workspace {path}: {message}")]
    Open { path: String, message: String },
    /// The file failed SQLite's check at open; it was not opened. `backup`
    /// is the newest backup whose own check passed.
    #[error("The workspace {path} is damaged ({problem}) and was not opened. {}", match backup {
        Some(b) => format!("Its newest good backup is from {} ({} changes): restore it from Backups in the workspace menu, or with `claimtrail backup restore {}`. The damaged file is kept aside.", b.created_at.get(..16).unwrap_or(&b.created_at).replace('T', " "), b.events, b.file),
        None => "There is no backup of it: copy the file somewhere safe before trying to repair it.".to_owned(),
    })]
    Damaged {
        path: String,
        problem: String,
        backup: Option<Box<backup::Backup>>,
    },
    /// The schema could not be brought up to date; `message` says why
    /// (made by a newer Claimtrail, a change interrupted, …).
    #[error("The workspace {path} {message}")]
    Migrate { path: String, message: String },
    #[error("Not found: {0}")]
    NotFound(String),
    /// Input a person gave that cannot be stored: `field` names the input
    /// it is about when there is one (for the UI to point at), the message
    /// says why and what to do instead.
    #[error("{message}")]
    Invalid {
        field: Option<&'static str>,
        message: String,
    },
    /// The change collides with one made since: an Undo over a later
    /// change, a proposal replaced while it was read, a name taken.
    #[error("{0}")]
    Conflict(String),
    /// The acting user may not make this change now: approving their own
    /// verdict, undoing someone else's change, a review move the claim's
    /// state does not allow.
    #[error("{0}")]
    NotAllowed(String),
    #[error("A change was about to be saved without its audit event ({0} rows changed); it was rolled back.")]
    Unaudited(i64),
    #[error("The workspace is in use by another program and stayed locked for 10 seconds. Close the other program (or the other Claimtrail window) and try again.")]
    Busy,
    #[error("The disk holding the workspace is full. Free some space and try again.")]
    Full,
    /// The team hub cannot be reached or refused the connection: the
    /// message says what to check. The workspace itself is fine.
    #[error("{0}")]
    Hub(String),
    #[error("Workspace error: {0}")]
    Sql(sqlx::Error),
    #[error("Workspace data error: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// Input that cannot be stored, not tied to one field.
    pub fn invalid(message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: None,
            message: message.into(),
        }
    }

    /// Whether this is a refusal of what a person asked (bad input, a
    /// conflict, a move not allowed, a missing id) rather than a failure of
    /// the workspace. A refusal's message may quote what the person or the
    /// article wrote, so logs name only its kind.
    pub fn is_refusal(&self) -> bool {
        match self {
            StoreError::NotFound(_)
            | StoreError::Invalid { .. }
            | StoreError::Conflict(_)
            | StoreError::NotAllowed(_) => true,
            StoreError::Open { .. }
            | StoreError::Damaged { .. }
            | StoreError::Migrate { .. }
            | StoreError::Unaudited(_)
            | StoreError::Busy
            | StoreError::Full
            | StoreError::Hub(_)
            | StoreError::Sql(_)
            | StoreError::Json(_) => false,
        }
    }

    /// Input in `field` that cannot be stored.
    pub fn invalid_field(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field: Some(field),
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    /// Names the failures a journalist can act on; the rest keep SQLite's
    /// own words.
    fn from(e: sqlx::Error) -> Self {
        let code = e
            .as_database_error()
            .and_then(|d| d.code())
            .and_then(|c| c.parse::<i32>().ok());
        // Extended result codes keep the primary code in the low byte.
        match code.map(|c| c & 0xff) {
            Some(5 | 6) => StoreError::Busy,
            Some(13) => StoreError::Full,
            _ => StoreError::Sql(e),
        }
    }
}

/// An open workspace.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// The user writes are attributed to when not the workspace's active
    /// user (the CLI's `--as`).
    acting_as: Option<String>,
    /// Told when a write waits for the workspace's write lock.
    on_wait: Option<WaitHook>,
}

/// A write waiting for another one to finish: another program (the app, a
/// `claimtrail` command, a script) or another window holds the
/// workspace's write lock. SQLite lets one write in at a time and the
/// others wait (up to 10 seconds, then [`StoreError::Busy`]); a write that
/// has waited [`WAIT_NOTICE_AFTER`] says so through [`Store::on_wait`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// The write has been waiting for a while and goes on waiting.
    Started,
    /// The wait is over: the write went in, or gave up (`Busy`).
    Over,
}

/// How long a write waits before it says it is waiting: longer than any
/// one of the app's own writes takes, so only a real wait is reported.
pub const WAIT_NOTICE_AFTER: Duration = Duration::from_secs(1);

#[derive(Clone)]
struct WaitHook(std::sync::Arc<dyn Fn(Waiting) + Send + Sync>);

impl std::fmt::Debug for WaitHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WaitHook")
    }
}

/// Where the app keeps its workspace unless told otherwise:
/// `<OS data folder>/claimtrail/workspace.db`.
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("claimtrail")
        .join("workspace.db")
}

impl Store {
    /// Opens (creating if needed) the workspace at `path` and brings its
    /// schema up to date.
    pub async fn open(path: &Path) -> Result<Store> {
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Open {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        }
        let open_error = |message: String| StoreError::Open {
            path: shown.clone(),
            message,
        };
        // One process opens (and so migrates) at a time: another one opening
        // the same workspace (the app and a script, two scripts) waits here,
        // then finds the schema up to date. A new file's first connection
        // switches it to WAL, which no busy timeout covers: also inside.
        let lock_path = migration_lock_path(path);
        let lock = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .read(true)
                .write(true)
                .open(&lock_path)?;
            file.lock()?;
            Ok(file)
        })
        .await
        .map_err(|e| open_error(e.to_string()))?
        .map_err(|e| open_error(format!("its lock file could not be taken: {e}")))?;
        if std::fs::metadata(path).is_ok_and(|m| m.len() > 0) {
            check_is_workspace(path).await.map_err(|message| {
                if message.contains("malformed") {
                    damaged(path, message)
                } else {
                    open_error(message)
                }
            })?;
        }
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(|e| open_error(e.to_string()))?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            // Statement journals (every insert that fires a trigger opens
            // one) and sorts stay in memory instead of temporary files that
            // are created, written and deleted per statement: a tenth of a
            // bulk import's time went there (BENCHMARKS.md).
            .pragma("temp_store", "memory")
            // Reads the first 256 MiB of the file through a memory map
            // instead of a read() call and a copy per page: at 100,000
            // articles this halved the timeline's median and took a third
            // off search p95 and matches p95 (BENCHMARKS.md). Only reads:
            // SQLite still writes with write(), so a crash cannot corrupt
            // the file through the map. The mapped pages are the kernel's
            // page cache, yet counted in the process's resident memory,
            // once per connection that touched them. The price: a read
            // error on a mapped page (a drive pulled out, a file cut short
            // by another program) stops the process with SIGBUS instead of
            // failing the query; the file itself stays intact (WAL).
            .pragma("mmap_size", MMAP_BYTES.to_string());
        // A local file does not drop connections, so the per-acquire ping
        // would only add a round trip to every read and write.
        let pool = SqlitePoolOptions::new()
            .max_connections(pool_size())
            .test_before_acquire(false)
            .connect_with(options)
            .await
            .map_err(|e| open_error(friendly_open_error(&e)))?;
        // The hash chain's migration seals the events written before it,
        // in the open that applies it and never later: a log whose hashes
        // were stripped afterwards must read as broken, not be resealed.
        let chain_was_there: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = '_sqlx_migrations')
                    AND EXISTS (SELECT 1 FROM _sqlx_migrations WHERE version = ?)",
        )
        .bind(audit::CHAIN_MIGRATION)
        .fetch_one(&pool)
        .await
        .unwrap_or(false);
        // A workspace that has a schema change to apply is copied first:
        // a migration that goes wrong leaves a backup to return to.
        let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations")
            .fetch_all(&pool)
            .await
            .unwrap_or_default();
        let pending = !applied.is_empty()
            && MIGRATOR
                .iter()
                .any(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version));
        if pending {
            let before = Store {
                pool: pool.clone(),
                path: path.to_path_buf(),
                acting_as: None,
                on_wait: None,
            };
            backup::create(&before, backup::Reason::BeforeMigration)
                .await
                .map_err(|e| StoreError::Migrate {
                    path: shown.clone(),
                    message: format!(
                        "needs upgrading to this Claimtrail, and the backup made first failed ({e}); it was left unchanged. Free some space and open it again."
                    ),
                })?;
        }
        MIGRATOR.run(&pool).await.map_err(|e| StoreError::Migrate {
            path: shown.clone(),
            message: migrate_error(&e),
        })?;
        let store = Store {
            pool,
            path: path.to_path_buf(),
            acting_as: None,
            on_wait: None,
        };
        if !chain_was_there {
            audit::seal_old_events(&store).await?;
        }
        drop(lock);
        tracing::info!(path = %shown, "workspace opened");
        Ok(store)
    }

    /// SQLite's `quick_check` of the whole file: a `Damaged` error naming
    /// the newest good backup when it fails. It reads every page (0.3 s
    /// for a 350 MB workspace with its pages cached, 1.7 s from disk; see
    /// BENCHMARKS.md), so the app runs it in the background after opening
    /// rather than every command before it; opening itself refuses a file
    /// whose schema cannot be read.
    pub async fn quick_check(&self) -> Result<()> {
        let quick: Vec<String> = sqlx::query_scalar("PRAGMA quick_check")
            .fetch_all(&self.pool)
            .await
            .unwrap_or_else(|e| vec![e.to_string()]);
        if quick == ["ok"] {
            return Ok(());
        }
        Err(damaged(
            &self.path,
            quick.into_iter().take(3).collect::<Vec<_>>().join("; "),
        ))
    }

    /// The same workspace with writes attributed to the user with this id
    /// rather than the active user (see [`users::resolve`]).
    pub fn acting_as(&self, user_id: &str) -> Store {
        Store {
            acting_as: Some(user_id.to_owned()),
            ..self.clone()
        }
    }

    /// The same workspace, telling `notice` when one of its writes has to
    /// wait for another program's (see [`Waiting`]): the CLI prints it,
    /// the app shows it in the window.
    pub fn on_wait(self, notice: impl Fn(Waiting) + Send + Sync + 'static) -> Store {
        Store {
            on_wait: Some(WaitHook(std::sync::Arc::new(notice))),
            ..self
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The pool, for reads. Writes go through [`Store::write`].
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Begins a write as the user this store acts as, else the workspace's
    /// active user (created on first use).
    pub async fn write(&self) -> Result<Write> {
        let mut write = self.begin_unattributed().await?;
        write.actor = match &self.acting_as {
            Some(id) => users::live(&mut write.tx, id).await?,
            None => users::active_or_create(&mut write).await?,
        };
        Ok(write)
    }

    /// A write whose actor the caller sets before auditing.
    pub(crate) async fn begin_unattributed(&self) -> Result<Write> {
        let begin = self.pool.begin_with("BEGIN IMMEDIATE");
        let mut tx = match &self.on_wait {
            None => begin.await?,
            Some(WaitHook(notice)) => {
                tokio::pin!(begin);
                tokio::select! {
                    began = &mut begin => began?,
                    () = tokio::time::sleep(WAIT_NOTICE_AFTER) => {
                        tracing::info!("a write waits for another one holding the workspace");
                        notice(Waiting::Started);
                        let began = begin.await;
                        notice(Waiting::Over);
                        began?
                    }
                }
            }
        };
        let changes_at_start = total_changes(&mut tx).await?;
        Ok(Write {
            tx,
            workspace: self.path.clone(),
            signer: None,
            actor: String::new(),
            at: now(),
            id: new_id(),
            undoes: None,
            head: None,
            events: 0,
            changes_at_start,
            keys_deferred: false,
        })
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Connections a workspace's pool holds: 4, or `CLAIMTRAIL_POOL_SIZE`.
///
/// No code path may hold a connection (a write's included) while it waits
/// for another one from the same pool: when every connection is held so,
/// nothing is given back and every command waits until the pool times out
/// (the window stuck on "Opening article…"). `scripts/test.sh` runs the
/// integration tests again with a pool of one, where any such wait fails
/// its test every time instead of now and then.
fn pool_size() -> u32 {
    std::env::var("CLAIMTRAIL_POOL_SIZE")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(4)
}

/// How much of the workspace file connections read through a memory map.
const MMAP_BYTES: u64 = 256 * 1024 * 1024;

/// Refuses an existing file that is not a Claimtrail workspace before
/// anything is written to it: opening it for real would switch it to WAL
/// and add our tables to another program's database.
async fn check_is_workspace(path: &Path) -> std::result::Result<(), String> {
    use sqlx::Connection;
    let options = SqliteConnectOptions::new().filename(path).read_only(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| friendly_open_error(&e))?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .fetch_all(&mut conn)
    .await
    .map_err(|e| friendly_open_error(&e))?;
    let _ = conn.close().await;
    if !tables.is_empty() && !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Err("this is another program's SQLite database, not a Claimtrail workspace; it was left unchanged".to_owned());
    }
    Ok(())
}

/// The workspace at `path` failed SQLite's checks: said with the newest
/// backup whose own check passed.
fn damaged(path: &Path, problem: String) -> StoreError {
    let problem = if problem.contains("malformed") {
        "its pages do not read as a database's should".to_owned()
    } else {
        problem
    };
    StoreError::Damaged {
        path: path.display().to_string(),
        problem,
        backup: backup::list(path)
            .unwrap_or_default()
            .into_iter()
            .find(|b| b.ok)
            .map(Box::new),
    }
}

/// The file beside a workspace that migrations hold locked:
/// `workspace.db-lock`, next to SQLite's own `-wal` and `-shm`.
fn migration_lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push("-lock");
    path.with_file_name(name)
}

/// Why the schema could not be brought up to date, said as what it means:
/// "newer" only when the workspace has a change this Claimtrail lacks.
fn migrate_error(e: &sqlx::migrate::MigrateError) -> String {
    use sqlx::migrate::MigrateError;
    match e {
        MigrateError::VersionMissing(v) => format!(
            "was made by a newer Claimtrail: it has schema change {v}, which this version does not know. Update Claimtrail to open it; the workspace was left unchanged."
        ),
        MigrateError::VersionMismatch(v) => format!(
            "records schema change {v} differently from this Claimtrail (a development build made it, or the file is damaged); it was left unchanged."
        ),
        MigrateError::Dirty(v) => format!(
            "has schema change {v} half applied (it was interrupted); it is damaged. Restore a backup."
        ),
        other => format!(
            "could not be brought up to this Claimtrail's schema ({other}); it was left unchanged."
        ),
    }
}

fn friendly_open_error(e: &sqlx::Error) -> String {
    let text = e.to_string();
    if text.contains("file is not a database") {
        "this file is not a Claimtrail workspace (not an SQLite database)".to_owned()
    } else {
        text
    }
}

async fn total_changes(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT total_changes()")
        .fetch_one(conn)
        .await?)
}

/// The current local time with its UTC offset, as RFC 3339.
pub fn now() -> String {
    chrono::Local::now()
        .fixed_offset()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
}

/// A new sortable id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Another desk's event to append ([`Write::adopt_events`]): its write,
/// what it undoes, the signature it came with, and how that was checked
/// (see [`signing::trust`]).
pub(crate) struct Adopted<'a> {
    pub event: AuditEvent,
    pub write_id: Option<&'a str>,
    pub undoes: Option<&'a str>,
    pub signature: Option<&'a str>,
    pub trust: Option<&'a str>,
}

/// One write transaction (`BEGIN IMMEDIATE`) and the audit events it owes.
pub struct Write {
    tx: Transaction<'static, Sqlite>,
    /// The workspace file, beside which the users' keys are kept.
    workspace: PathBuf,
    /// The actor's key, once looked up for the actor named (None inside:
    /// no key to sign with).
    signer: Option<(String, Option<signing::Signer>)>,
    actor: String,
    at: String,
    /// Shared by every event of this write: the unit Undo reverses.
    id: String,
    /// The write this one reverses, when it is an Undo.
    undoes: Option<String>,
    /// The hash the next event chains to, once read.
    head: Option<String>,
    events: i64,
    changes_at_start: i64,
    /// Whether foreign keys are checked at the commit rather than per
    /// statement (see [`Write::defer_foreign_keys`]).
    keys_deferred: bool,
}

impl Write {
    /// The connection to run this write's statements on.
    pub fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }

    /// The user this write is attributed to.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The time stamped on everything this write creates.
    pub fn at(&self) -> &str {
        &self.at
    }

    /// Records that `entity`/`entity_id` was changed by `action`, with JSON
    /// snapshots before and after (None for a create's before or a delete's
    /// after).
    pub async fn audit(
        &mut self,
        entity: Entity,
        entity_id: &str,
        action: impl Into<Action>,
        before: Option<&serde_json::Value>,
        after: Option<&serde_json::Value>,
    ) -> Result<()> {
        let event = AuditEvent {
            id: new_id(),
            actor_id: self.actor.clone(),
            at: self.at.clone(),
            entity: entity.to_string(),
            entity_id: entity_id.to_owned(),
            action: action.into().to_string(),
            before: before.cloned(),
            after: after.cloned(),
        };
        self.load_signer().await?;
        let signature = self
            .signer
            .as_ref()
            .and_then(|(_, s)| s.as_ref())
            .map(|s| s.sign(&event, Some(&self.id), self.undoes.as_deref()));
        let prev = match self.head.take() {
            Some(hash) => hash,
            None => audit::head(&mut self.tx).await?,
        };
        let claims = entity.declaration().claims_of(entity_id, before, after);
        let hash = audit::insert(
            &mut self.tx,
            &event,
            Some(&self.id),
            self.undoes.as_deref(),
            &prev,
            &claims,
            signature.as_deref(),
        )
        .await?;
        self.head = Some(hash);
        self.events += 1;
        Ok(())
    }

    /// Appends other desks' events as they were (ids, actors, times,
    /// changes and snapshots kept), in order, chained after this log's
    /// head, and records where each came from (`origin`: a bundle's id or
    /// `hub`) and how its signature was found. A handful of statements
    /// however many there are.
    pub(crate) async fn adopt_events(
        &mut self,
        events: &[Adopted<'_>],
        origin: &str,
    ) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let prev = match self.head.take() {
            Some(hash) => hash,
            None => audit::head(&mut self.tx).await?,
        };
        let chained: Vec<audit::Chained> = events
            .iter()
            .map(|a| {
                let event = &a.event;
                // An entity this build does not know concerns the claim its
                // snapshots name, as every entity without a rule of its own did.
                let rule = match event.entity.parse::<Entity>() {
                    Ok(entity) => &entity.declaration().claims,
                    Err(_) => &crate::change::ClaimsOf::Fields(&["claim_id"]),
                };
                audit::Chained {
                    event,
                    write_id: a.write_id,
                    undoes: a.undoes,
                    claims: rule.claims(
                        &event.entity_id,
                        event.before.as_ref(),
                        event.after.as_ref(),
                    ),
                    signature: a.signature,
                }
            })
            .collect();
        let hash = audit::insert_many(&mut self.tx, &chained, &prev).await?;
        // Under SQLite's limit of bound values in one statement.
        for chunk in events.chunks(5_000) {
            let sql = format!(
                "INSERT INTO adopted_events (event_id, origin, adopted_at, signature) VALUES {}",
                vec!["(?, ?, ?, ?)"; chunk.len()].join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for a in chunk {
                query = query
                    .bind(&a.event.id)
                    .bind(origin)
                    .bind(&self.at)
                    .bind(a.trust);
            }
            query.execute(&mut *self.tx).await?;
        }
        self.head = Some(hash);
        self.events += events.len() as i64;
        Ok(())
    }

    /// The actor's signing key, looked up once per write (and again when
    /// the actor changes). A user made on this desk has one; a profile
    /// made before keys existed, or whose key file was lost, gets a new
    /// one here. A colleague's profile used on this desk has none: those
    /// events go unsigned, and desks that know the colleague's key refuse
    /// them.
    async fn load_signer(&mut self) -> Result<()> {
        if self.actor.is_empty() {
            return Ok(());
        }
        if self.signer.as_ref().is_none_or(|(id, _)| id != &self.actor) {
            let found = match signing::Signer::load(&self.workspace, &self.actor) {
                Some(s) => Some(s),
                None => self.new_key().await?,
            };
            self.signer = Some((self.actor.clone(), found));
        }
        Ok(())
    }

    /// A key for an actor who works at this desk and has none here.
    async fn new_key(&mut self) -> Result<Option<signing::Signer>> {
        // Only a profile made here: a colleague's, switched to on this
        // desk, must not get a key of this desk's making in their name.
        let made_here: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM audit_events e
                            WHERE e.entity = 'user' AND e.entity_id = ?1 AND e.action = 'create'
                              AND NOT EXISTS (SELECT 1 FROM adopted_events a WHERE a.event_id = e.id))",
        )
        .bind(&self.actor)
        .fetch_one(&mut *self.tx)
        .await?;
        if !made_here {
            return Ok(None);
        }
        if signing::has_key_file(&self.workspace, &self.actor) {
            tracing::warn!("a signing key file does not read; this change goes unsigned");
            return Ok(None);
        }
        match signing::Signer::create(&self.workspace, &self.actor) {
            Ok(s) => Ok(Some(s)),
            Err(e) => {
                tracing::warn!(error = %e, "no signing key could be made; this change goes unsigned");
                Ok(None)
            }
        }
    }

    /// The workspace file this write goes to.
    pub(crate) fn workspace(&self) -> &Path {
        &self.workspace
    }

    /// This write's id, shared by its events.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Marks this write as the Undo of `write_id`.
    pub(crate) fn set_undoes(&mut self, write_id: &str) {
        self.undoes = Some(write_id.to_owned());
    }

    /// Inserts the row of an entity that needs only a name (a person, an
    /// outlet) and audits its creation; returns its new id.
    pub async fn create_named(&mut self, entity: Entity, name: &str) -> Result<String> {
        let table = entity
            .declaration()
            .table
            .expect("a named entity has a table");
        let id = new_id();
        let sql = format!("INSERT INTO {table} (id, name, created_at) VALUES (?, ?, ?)");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&id)
            .bind(name)
            .bind(self.at.clone())
            .execute(&mut *self.tx)
            .await?;
        let after = serde_json::json!({ "name": name });
        self.audit(entity, &id, Verb::Create, None, Some(&after))
            .await?;
        Ok(id)
    }

    /// Checks foreign keys when this write commits instead of after each
    /// statement, so rows that refer to each other can go in child first.
    /// A violation still fails the commit and nothing is written.
    pub async fn defer_foreign_keys(&mut self) -> Result<()> {
        if !self.keys_deferred {
            sqlx::query("PRAGMA defer_foreign_keys = ON")
                .execute(&mut *self.tx)
                .await?;
            self.keys_deferred = true;
        }
        Ok(())
    }

    /// Starts a unit of its own inside this transaction: a new write id
    /// and time for the events that follow. A bulk import stores many
    /// articles in one transaction this way (one commit instead of one per
    /// article), each still its own write in the history.
    pub fn next_unit(&mut self) {
        self.id = new_id();
        self.at = now();
    }

    /// Sets who the write's events are attributed to (a write begun
    /// unattributed: joining a team makes the member the actor).
    pub(crate) fn set_actor(&mut self, id: &str) {
        self.actor = id.to_owned();
    }

    /// Leaves out of the audit check the rows the statement just run
    /// changed: the desk's own sync bookkeeping (`hub_link`, the team's
    /// members mirrored from the hub) and candidates it derived (tracked
    /// claims reappearing in an import), which are no change to the work.
    pub(crate) fn bookkeeping(&mut self, rows: u64) {
        self.changes_at_start += rows as i64;
    }

    /// Commits, unless rows changed and no audit event says why.
    pub async fn commit(mut self) -> Result<()> {
        let changed = total_changes(&mut self.tx).await? - self.changes_at_start;
        if changed > 0 && self.events == 0 {
            self.tx.rollback().await?;
            tracing::error!(
                rows = changed,
                "a write without its audit event was rolled back"
            );
            return Err(StoreError::Unaudited(changed));
        }
        self.tx.commit().await?;
        tracing::debug!(write = %self.id, events = self.events, actor = %self.actor, "write committed");
        Ok(())
    }
}

pub use audit::{events_for, verify};

/// The columns of row `id` of `table` as a JSON object, values as SQLite's
/// `json_object` writes them (bundles compare rows so); None when there is no
/// such row. Table and column names come from the code, never from input.
pub(crate) async fn row_json<S: AsRef<str>>(
    conn: &mut SqliteConnection,
    table: &str,
    columns: &[S],
    id: &str,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
    let json: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM {table} WHERE id = ?",
        json_object_of(columns)
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(json.map(|j| serde_json::from_str(&j)).transpose()?)
}

/// A column holding JSON text (an event's snapshots), parsed; None when
/// it is NULL.
pub(crate) fn json_column(
    row: &sqlx::sqlite::SqliteRow,
    column: &str,
) -> Result<Option<serde_json::Value>> {
    use sqlx::Row;
    let text: Option<String> = row.try_get(column)?;
    Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
}

/// `json_object('a', "a", 'b', "b")`: SQL for a row's columns as JSON.
pub(crate) fn json_object_of<S: AsRef<str>>(columns: &[S]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{0}', \"{0}\"", c.as_ref()))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// Binds a JSON value as the SQLite value it stands for (Undo restoring a
/// snapshot, bundles inserting rows).
pub(crate) fn bind_json<'q>(
    query: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>,
    value: &serde_json::Value,
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments> {
    use serde_json::Value;
    match value {
        Value::Null => query.bind(None::<String>),
        Value::Bool(b) => query.bind(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => query.bind(i),
            None => query.bind(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => query.bind(s.clone()),
        other => query.bind(other.to_string()),
    }
}

/// Runs `sql` (ending in `IN`) with `ids` as its list, in chunks that stay
/// under SQLite's variable limit.
pub async fn query_in<T>(conn: &mut SqliteConnection, sql: &str, ids: &[String]) -> Result<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    let mut all = Vec::new();
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut query = sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(format!("{sql} ({marks})")));
        for id in chunk {
            query = query.bind(id);
        }
        all.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(all)
}

/// Writes an export (or a bundle, a benchmark's results) to `path` through a
/// new file beside it, under a name nobody can guess or have made first
/// (`create_new`), flushed to the disk, then renamed over `path`: a failed
/// or interrupted write leaves an earlier file whole, and a crash right
/// after leaves the new one whole. The temporary name ends in the writing
/// process's id (`.NAME.ID-PID.part`), so a part a killed process left
/// can be told from one being written ([`backup`] clears its folder's).
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let temp = dir.join(format!(
        ".{}.{}-{}.part",
        name.to_string_lossy(),
        uuid::Uuid::now_v7().simple(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    // The rename itself lasts once the folder is on the disk too.
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
}
