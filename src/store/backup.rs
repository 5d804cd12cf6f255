//! Backups of the workspace file, modelled on what Zotero keeps of its
//! database, and checked: each copy is made with SQLite's `VACUUM INTO` (a
//! consistent snapshot while the workspace stays open), verified before it
//! counts (`integrity_check` and the audit chain, on the copy, read-only),
//! and recorded beside it with its size, its events and the log's head
//! hash. They live in a folder beside the workspace
//! (`workspace.db` → `workspace-backups/`), are made on a schedule (the app:
//! daily while it runs and on quit when something changed), before every
//! migration, bundle import and restore, and on request, and are thinned
//! out (`rotate`): seven days, four weeks, the last ten made before a risky
//! change, every one made by hand.
//!
//! Restoring never deletes: the current file is moved into the backups
//! folder first, then the backup is copied into its place.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::Connection;
use ts_rs::TS;

use super::{Result, Store, StoreError};

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "BackupReason")]
pub enum Reason {
    /// Asked for (`backup create`, Create now).
    Manual,
    /// The daily one, while the app runs.
    Daily,
    /// When the app closed after a change.
    OnQuit,
    BeforeMigration,
    BeforeBundle,
    BeforeRestore,
}

impl Reason {
    fn as_str(self) -> &'static str {
        match self {
            Reason::Manual => "manual",
            Reason::Daily => "daily",
            Reason::OnQuit => "on_quit",
            Reason::BeforeMigration => "before_migration",
            Reason::BeforeBundle => "before_bundle",
            Reason::BeforeRestore => "before_restore",
        }
    }

    /// Made on a schedule (kept by day and week), not before a change.
    fn scheduled(self) -> bool {
        matches!(self, Reason::Daily | Reason::OnQuit)
    }
}

/// One backup and what its check found. `backup list --json` prints these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Backup {
    /// The file's name in the backups folder.
    pub file: String,
    pub path: String,
    /// When it was made (local time with its offset).
    pub created_at: String,
    pub reason: Reason,
    #[ts(type = "number")]
    pub size: u64,
    /// Audit events in it.
    #[ts(type = "number")]
    pub events: u64,
    /// The hash of its newest event: compare with `audit verify` to see
    /// what would be lost.
    pub head: String,
    /// Whether its last check found the copy whole and its log intact.
    pub ok: bool,
    /// What the check found wrong.
    pub problem: Option<String>,
    /// When it was last checked.
    pub verified_at: String,
}

/// The folder beside `workspace` that holds its backups.
pub fn folder(workspace: &Path) -> PathBuf {
    let stem = workspace
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_owned());
    workspace.with_file_name(format!("{stem}-backups"))
}

fn record_path(backup: &Path) -> PathBuf {
    let mut name = backup.file_name().unwrap_or_default().to_os_string();
    name.push(".json");
    backup.with_file_name(name)
}

/// What a check of a copy found.
struct Check {
    ok: bool,
    events: u64,
    head: String,
    problem: Option<String>,
}

/// Checks the SQLite file at `path` read-only: the page structure
/// (`integrity_check`) and the audit chain.
async fn check(path: &Path) -> Result<Check> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true);
    let mut conn = match sqlx::SqliteConnection::connect_with(&options).await {
        Ok(conn) => conn,
        Err(e) => {
            return Ok(Check {
                ok: false,
                events: 0,
                head: String::new(),
                problem: Some(format!("it cannot be opened: {e}")),
            })
        }
    };
    let integrity: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .unwrap_or_else(|e| vec![e.to_string()]);
    if integrity != ["ok"] {
        return Ok(Check {
            ok: false,
            events: 0,
            head: String::new(),
            problem: Some(format!(
                "it is damaged: {}",
                integrity.into_iter().take(3).collect::<Vec<_>>().join("; ")
            )),
        });
    }
    // A workspace from before the hash chain (a copy made before the
    // migration that adds it) is checked for its pages alone.
    let chained: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pragma_table_info('audit_events') WHERE name = 'hash'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap_or(0);
    if chained == 0 {
        let events: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_events")
            .fetch_one(&mut conn)
            .await
            .unwrap_or(0);
        let _ = conn.close().await;
        return Ok(Check {
            ok: true,
            events: events as u64,
            head: String::new(),
            problem: None,
        });
    }
    let audit = match super::audit::verify_on(&mut conn).await {
        Ok(audit) => audit,
        Err(e) => {
            return Ok(Check {
                ok: false,
                events: 0,
                head: String::new(),
                problem: Some(format!("its audit log cannot be read: {e}")),
            })
        }
    };
    let _ = conn.close().await;
    Ok(Check {
        ok: audit.ok,
        events: audit.events,
        head: audit.head,
        problem: audit
            .broken
            .map(|b| format!("its audit log is broken at event {}: {}", b.seq, b.problem)),
    })
}

/// Makes a backup of the workspace `store` has open, verifies it and
/// thins out the older ones. A copy that fails its check is removed and
/// the reason returned: a backup that would not restore is no backup.
pub async fn create(store: &Store, reason: Reason) -> Result<Backup> {
    let dir = folder(store.path());
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let now = super::now();
    let name = free_name(store.path(), &now, reason);
    let path = dir.join(&name);
    remove_abandoned_parts(&dir);
    let part = dir.join(format!(".{name}.{}.part", std::process::id()));
    let _ = std::fs::remove_file(&part);
    sqlx::query("VACUUM INTO ?")
        .bind(part.to_string_lossy().into_owned())
        .execute(store.pool())
        .await?;
    let checked = check(&part).await?;
    if !checked.ok {
        let _ = std::fs::remove_file(&part);
        return Err(StoreError::invalid(format!(
            "The backup was not kept: {}.",
            checked.problem.unwrap_or_default()
        )));
    }
    std::fs::File::open(&part)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(&part, e))?;
    let size = std::fs::metadata(&part).map_err(|e| io(&part, e))?.len();
    let backup = Backup {
        file: name,
        path: path.display().to_string(),
        created_at: now.clone(),
        reason,
        size,
        events: checked.events,
        head: checked.head,
        ok: true,
        problem: None,
        verified_at: now,
    };
    // The record first, then the file under its name: a backup is listed
    // only when both are there, so one stopped half way (the process
    // killed) is never offered, and its part is removed by the next.
    write_record(&backup)?;
    std::fs::rename(&part, &path).map_err(|e| io(&path, e))?;
    sync_dir(&dir);
    tracing::info!(file = %backup.file, size, events = backup.events, "backup made");
    for old in rotate(&list_in(&dir)?) {
        remove(&old);
    }
    Ok(backup)
}

/// Removes the partial copies (`.NAME.PID.part`, and a record's
/// `.NAME.json.ID-PID.part`) that backups stopped half way left behind:
/// those of processes no longer running, or, where that cannot be told,
/// older than a day. A copy another process is still writing is left
/// alone.
fn remove_abandoned_parts(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".part").filter(|_| name.starts_with('.')) else {
            continue;
        };
        let pid = stem
            .rsplit(['.', '-'])
            .next()
            .and_then(|p| p.parse::<u32>().ok());
        let abandoned = match pid {
            Some(pid) if Path::new("/proc/self").exists() => {
                pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
            }
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 24 * 3600)),
        };
        if abandoned {
            let _ = std::fs::remove_file(entry.path());
            tracing::info!(file = %name, "a backup stopped half way was removed");
        }
    }
}

/// Makes a rename in `dir` durable (Unix; elsewhere the rename is).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A name for a backup of `workspace` made at `now` that no file in the
/// backups folder has: `workspace-20261205-234549-manual.db`.
fn free_name(workspace: &Path, now: &str, reason: Reason) -> String {
    let stamp = now
        .get(..19)
        .unwrap_or(now)
        .replace([':', '-'], "")
        .replace('T', "-");
    let stem = workspace
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_owned());
    let dir = folder(workspace);
    let mut name = format!("{stem}-{stamp}-{}.db", reason.as_str());
    let mut n = 1;
    while dir.join(&name).exists() {
        n += 1;
        name = format!("{stem}-{stamp}-{}-{n}.db", reason.as_str());
    }
    name
}

fn write_record(backup: &Backup) -> Result<()> {
    let path = record_path(Path::new(&backup.path));
    super::write_file(&path, &serde_json::to_vec_pretty(backup)?).map_err(|e| io(&path, e))
}

fn remove(backup: &Backup) {
    let path = Path::new(&backup.path);
    let _ = std::fs::remove_file(path);
    let _ = std::fs::remove_file(record_path(path));
    tracing::info!(file = %backup.file, "old backup removed");
}

fn io(path: &Path, e: std::io::Error) -> StoreError {
    StoreError::invalid(format!("{}: {e}", path.display()))
}

/// The backups of the workspace at `workspace`, newest first.
pub fn list(workspace: &Path) -> Result<Vec<Backup>> {
    let dir = folder(workspace);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    list_in(&dir)
}

fn list_in(dir: &Path) -> Result<Vec<Backup>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| io(dir, e))? {
        let path = entry.map_err(|e| io(dir, e))?.path();
        let is_record = path.extension().is_some_and(|e| e == "json");
        if !is_record {
            continue;
        }
        let Ok(text) = std::fs::read(&path) else {
            continue;
        };
        if let Ok(backup) = serde_json::from_slice::<Backup>(&text) {
            // The record stays with its file: one without it is gone.
            if Path::new(&backup.path).is_file() {
                found.push(backup);
            }
        }
    }
    found.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.file.cmp(&a.file)));
    Ok(found)
}

/// One backup by its file name (or path), checked again; its record
/// says what was found.
pub async fn verify(workspace: &Path, file: &str) -> Result<Backup> {
    let mut backup = find(workspace, file)?;
    let checked = check(Path::new(&backup.path)).await?;
    backup.ok = checked.ok;
    backup.problem = checked.problem;
    backup.verified_at = super::now();
    if checked.ok {
        backup.events = checked.events;
        backup.head = checked.head;
    }
    write_record(&backup)?;
    Ok(backup)
}

fn find(workspace: &Path, file: &str) -> Result<Backup> {
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    list(workspace)?
        .into_iter()
        .find(|b| b.file == name)
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "backup {file} (see `claimtrail backup list` for the backups of {})",
                workspace.display()
            ))
        })
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export, rename = "RestoredBackup")]
pub struct Restored {
    /// The backup now in the workspace's place.
    pub from: Backup,
    /// Where the workspace as it was went (in the backups folder).
    pub kept_aside: String,
}

/// Puts backup `file` in the place of the workspace at `workspace`, which
/// no process may have open: the backup is checked first, the current
/// file (with its `-wal`) is moved into the backups folder, never deleted,
/// then the backup is copied into place.
pub async fn restore(workspace: &Path, file: &str) -> Result<Restored> {
    let from = verify(workspace, file).await?;
    if !from.ok {
        return Err(StoreError::invalid(format!(
            "Backup {} was not restored: {}.",
            from.file,
            from.problem.as_deref().unwrap_or("its check failed")
        )));
    }
    // The backup's bytes are read before anything moves.
    let bytes = std::fs::read(&from.path).map_err(|e| io(Path::new(&from.path), e))?;
    let aside_name = free_name(workspace, &super::now(), Reason::BeforeRestore);
    let aside = folder(workspace).join(&aside_name);
    if workspace.exists() {
        // What is still in the write-ahead log goes into the file first, so
        // the file kept aside is the workspace whole.
        let options = SqliteConnectOptions::new().filename(workspace);
        if let Ok(mut conn) = sqlx::SqliteConnection::connect_with(&options).await {
            let _ = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut conn)
                .await;
            let _ = conn.close().await;
        }
        std::fs::rename(workspace, &aside).map_err(|e| io(workspace, e))?;
        for suffix in ["-wal", "-shm"] {
            let mut side = workspace.as_os_str().to_os_string();
            side.push(suffix);
            let side = PathBuf::from(side);
            if side.exists() {
                let mut moved = aside.as_os_str().to_os_string();
                moved.push(suffix);
                std::fs::rename(&side, PathBuf::from(moved)).map_err(|e| io(&side, e))?;
            }
        }
    }
    super::write_file(workspace, &bytes).map_err(|e| io(workspace, e))?;
    // The replaced workspace is listed like any backup, so a restore can
    // itself be undone by restoring it.
    if aside.exists() {
        let checked = check(&aside).await?;
        let now = super::now();
        write_record(&Backup {
            file: aside_name,
            path: aside.display().to_string(),
            created_at: now.clone(),
            reason: Reason::BeforeRestore,
            size: std::fs::metadata(&aside).map(|m| m.len()).unwrap_or(0),
            events: checked.events,
            head: checked.head,
            ok: checked.ok,
            problem: checked.problem,
            verified_at: now,
        })?;
    }
    tracing::info!(file = %from.file, aside = %aside.display(), "backup restored");
    Ok(Restored {
        from,
        kept_aside: aside.display().to_string(),
    })
}

/// Whether the daily backup is due at `now`: no backup that checked good
/// was made in the last 24 hours.
pub fn daily_due(backups: &[Backup], now: DateTime<FixedOffset>) -> bool {
    !backups.iter().any(|b| {
        b.ok && DateTime::<FixedOffset>::parse_from_rfc3339(&b.created_at)
            .is_ok_and(|t| now.signed_duration_since(t) < chrono::Duration::hours(24))
    })
}

/// The daily backup, when it is due (see [`daily_due`]).
pub async fn daily(store: &Store) -> Result<Option<Backup>> {
    let now = chrono::Local::now().fixed_offset();
    if !daily_due(&list(store.path())?, now) {
        return Ok(None);
    }
    create(store, Reason::Daily).await.map(Some)
}

/// The backup made when the app closes, when anything changed since the
/// newest backup (its log's head differs); None when nothing did.
pub async fn on_quit(store: &Store) -> Result<Option<Backup>> {
    let head = {
        let mut conn = store.pool().acquire().await?;
        super::audit::head(&mut conn).await?
    };
    let newest = list(store.path())?.into_iter().find(|b| b.ok);
    if newest.is_some_and(|b| b.head == head) {
        return Ok(None);
    }
    create(store, Reason::OnQuit).await.map(Some)
}

/// The backups to remove: of the scheduled ones, all but the newest of
/// each of the last seven days and of each of the last four weeks (by
/// ISO week); of those made before a change, all but the ten newest.
/// Backups made by hand, and any that failed a check, stay.
pub fn rotate(backups: &[Backup]) -> Vec<Backup> {
    let mut newest_first: Vec<&Backup> = backups.iter().filter(|b| b.ok).collect();
    newest_first.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    let time = |b: &Backup| DateTime::<FixedOffset>::parse_from_rfc3339(&b.created_at).ok();
    let (mut days, mut weeks) = (Vec::new(), Vec::new());
    let mut before_changes = 0;
    let mut out = Vec::new();
    for b in newest_first {
        match b.reason {
            Reason::Manual => {}
            r if r.scheduled() => {
                let Some(t) = time(b) else { continue };
                let day = t.date_naive();
                let week = (t.iso_week().year(), t.iso_week().week());
                let new_day = !days.contains(&day) && days.len() < 7;
                let new_week = !weeks.contains(&week) && weeks.len() < 4;
                if new_day {
                    days.push(day);
                }
                if new_week {
                    weeks.push(week);
                }
                if !new_day && !new_week {
                    out.push(b.clone());
                }
            }
            _ => {
                before_changes += 1;
                if before_changes > 10 {
                    out.push(b.clone());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(at: &str, reason: Reason) -> Backup {
        Backup {
            file: format!("{at}-{}.db", reason.as_str()),
            path: String::new(),
            created_at: at.to_owned(),
            reason,
            size: 1,
            events: 1,
            head: String::new(),
            ok: true,
            problem: None,
            verified_at: at.to_owned(),
        }
    }

    #[test]
    fn the_daily_backup_is_due_a_day_after_the_last_good_one() {
        let now = DateTime::parse_from_rfc3339("2025-12-15T10:00:00+01:00").unwrap();
        assert!(daily_due(&[], now));
        let recent = made("2025-12-14T12:00:00+01:00", Reason::Manual);
        assert!(!daily_due(std::slice::from_ref(&recent), now));
        let old = made("2025-12-14T09:00:00+01:00", Reason::Daily);
        assert!(daily_due(std::slice::from_ref(&old), now));
        let failed = Backup {
            ok: false,
            ..recent
        };
        assert!(
            daily_due(&[failed], now),
            "a copy that failed its check is none"
        );
    }

    #[test]
    fn rotation_keeps_seven_days_four_weeks_ten_before_changes_and_every_manual_one() {
        let mut all = Vec::new();
        // Two a day for sixty days, one made before a bundle each day, and
        // one by hand at the start.
        for d in 0..60 {
            let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap() + chrono::Days::new(d);
            for h in ["09", "18"] {
                all.push(made(&format!("{day}T{h}:00:00+01:00"), Reason::Daily));
            }
            all.push(made(&format!("{day}T12:00:00+01:00"), Reason::BeforeBundle));
        }
        all.push(made("2025-10-01T08:00:00+01:00", Reason::Manual));
        let gone = rotate(&all);
        let kept: Vec<&Backup> = all.iter().filter(|b| !gone.contains(b)).collect();
        let scheduled: Vec<&&Backup> = kept.iter().filter(|b| b.reason == Reason::Daily).collect();
        // The newest of each of the last seven days; of the four newest
        // weeks, three already have one of those days.
        assert!(
            scheduled.len() >= 8 && scheduled.len() <= 11,
            "{}",
            scheduled.len()
        );
        assert!(
            scheduled.iter().all(|b| b.created_at.contains("T18:")),
            "the newest of its day"
        );
        assert_eq!(
            kept.iter()
                .filter(|b| b.reason == Reason::BeforeBundle)
                .count(),
            10
        );
        assert!(
            kept.iter().any(|b| b.reason == Reason::Manual),
            "made by hand: kept"
        );
        assert!(
            rotate(&kept.into_iter().cloned().collect::<Vec<_>>()).is_empty(),
            "stable"
        );
    }
}
