//! The workspace file: settings at open, the audit invariant, and refusal of
//! files that are not workspaces.

use crate::common;

use claimtrail::change::{Entity, Verb};
use claimtrail::store::{events_for, Store, StoreError};

#[tokio::test]
async fn open_sets_wal_foreign_keys_busy_timeout_and_the_read_map() {
    let ws = common::workspace().await;
    let pool = ws.store.pool();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(pool)
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(pool)
        .await
        .unwrap();
    let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
        .fetch_one(pool)
        .await
        .unwrap();
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(mode, "wal", "WAL lets the app read while an import writes");
    assert_eq!(
        fk, 1,
        "foreign keys keep appearances from pointing at nothing"
    );
    assert!(
        busy >= 5000,
        "a busy timeout makes concurrent writers wait instead of failing"
    );
    assert_eq!(
        sync, 1,
        "synchronous NORMAL is safe with WAL and much faster than FULL"
    );
    let mmap: i64 = sqlx::query_scalar("PRAGMA mmap_size")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(
        mmap,
        256 * 1024 * 1024,
        "reads go through a memory map of the file, not a read() per page"
    );
    let temp: i64 = sqlx::query_scalar("PRAGMA temp_store")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(temp, 2, "statement journals stay in memory, not temp files");
}

#[tokio::test]
async fn reopening_a_workspace_keeps_its_data() {
    let ws = common::workspace().await;
    let path = ws.store.path().to_path_buf();
    let mut w = ws.store.write().await.unwrap();
    w.audit(Entity::Settings, "x", Verb::Update, None, None)
        .await
        .unwrap();
    w.commit().await.unwrap();
    ws.store.clone().close().await;
    let again = Store::open(&path)
        .await
        .expect("an existing workspace reopens and migrations are idempotent");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_events")
        .fetch_one(again.pool())
        .await
        .unwrap();
    assert_eq!(n, 2, "the user creation and the touch survive a reopen");
}

#[tokio::test]
async fn a_write_that_changes_rows_without_an_audit_event_is_rolled_back() {
    let ws = common::workspace().await;
    // Create the local user first so the next write starts with no events.
    let w = ws.store.write().await.unwrap();
    w.commit().await.unwrap();

    let mut w = ws.store.write().await.unwrap();
    sqlx::query("INSERT INTO settings (key, value) VALUES ('sneaky', 'x')")
        .execute(w.conn())
        .await
        .unwrap();
    let err = w
        .commit()
        .await
        .expect_err("an unaudited change must not commit");
    assert!(
        matches!(err, StoreError::Unaudited(1)),
        "one changed row, no event: {err:?}"
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM settings WHERE key = 'sneaky'")
        .fetch_one(ws.store.pool())
        .await
        .unwrap();
    assert_eq!(n, 0, "the unaudited row was rolled back");
}

#[tokio::test]
async fn audit_events_cannot_be_edited_or_deleted() {
    let ws = common::workspace().await;
    let mut w = ws.store.write().await.unwrap();
    w.audit(Entity::Settings, "x", Verb::Update, None, None)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let pool = ws.store.pool();
    let update = sqlx::query("UPDATE audit_events SET action = 'forged'")
        .execute(pool)
        .await;
    let delete = sqlx::query("DELETE FROM audit_events").execute(pool).await;
    assert!(
        update.is_err(),
        "the log is append-only: updates are refused"
    );
    assert!(
        delete.is_err(),
        "the log is append-only: deletes are refused"
    );
    let events = events_for(&ws.store, "settings", "x").await.unwrap();
    assert_eq!(events[0].action, "update", "the event is unchanged");
}

#[tokio::test]
async fn the_first_write_creates_the_local_user_and_attributes_itself() {
    let ws = common::workspace().await;
    let mut w = ws.store.write().await.unwrap();
    let actor = w.actor().to_owned();
    w.audit(Entity::Settings, "x", Verb::Update, None, None)
        .await
        .unwrap();
    w.commit().await.unwrap();
    let events = events_for(&ws.store, "user", &actor).await.unwrap();
    assert_eq!(events.len(), 1, "the user's creation is itself audited");
    assert_eq!(
        events[0].actor_id, actor,
        "the local user records its own creation"
    );
    let touch = events_for(&ws.store, "settings", "x").await.unwrap();
    assert_eq!(
        touch[0].actor_id, actor,
        "later changes are attributed to the active user"
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_workspace_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(
        &path,
        "these are my notes, not a database, and they are long enough to fill a header",
    )
    .unwrap();
    let err = Store::open(&path)
        .await
        .expect_err("a text file is not a workspace");
    assert!(
        err.to_string().contains("not a Claimtrail workspace"),
        "the message says what is wrong: {err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "these are my notes, not a database, and they are long enough to fill a header",
        "the refused file is left untouched"
    );
}

#[tokio::test]
async fn ids_are_uuid_v7() {
    let id = claimtrail::store::new_id();
    let parsed = uuid::Uuid::parse_str(&id).unwrap();
    assert_eq!(
        parsed.get_version_num(),
        7,
        "UUIDv7 ids sort by creation time and merge across machines"
    );
}

#[tokio::test]
async fn another_programs_sqlite_database_is_refused_and_left_unchanged() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.sqlite");
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    sqlx::query("CREATE TABLE bookmarks (url TEXT)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(&path).await.expect_err("not a workspace");
    assert!(
        err.to_string()
            .contains("another program's SQLite database"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "not a byte of it changed (no WAL switch, no tables)"
    );
}

#[tokio::test]
async fn a_workspace_locked_by_another_program_is_named_as_such() {
    use sqlx::Connection;
    let ws = common::workspace().await;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(ws.store.path());
    let mut other = sqlx::SqliteConnection::connect_with(&options)
        .await
        .unwrap();
    sqlx::query("PRAGMA busy_timeout = 0")
        .execute(&mut other)
        .await
        .unwrap();
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .unwrap();
    // A short wait instead of the store's 10 s: the store's own timeout is
    // tested by SQLite; what matters here is the message.
    let mut conn = ws.store.pool().acquire().await.unwrap();
    sqlx::query("PRAGMA busy_timeout = 100")
        .execute(&mut *conn)
        .await
        .unwrap();
    let err: StoreError = sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .unwrap_err()
        .into();
    assert!(
        matches!(err, StoreError::Busy),
        "a lock held elsewhere is `Busy`: {err:?}"
    );
    assert!(
        err.to_string().contains("in use by another program"),
        "and says so: {err}"
    );
    sqlx::query("PRAGMA busy_timeout = 10000")
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
}

#[test]
fn processes_opening_a_new_workspace_at_once_take_turns_at_the_migrations() {
    let dir = tempfile::tempdir().unwrap();
    // Several rounds: the race, when there was one, lost about one in two.
    for round in 0..6 {
        let db = dir.path().join(format!("ws-{round}.db"));
        let started: Vec<std::process::Child> = (0..3)
            .map(|_| {
                std::process::Command::new(env!("CARGO_BIN_EXE_claimtrail"))
                    .args(["--db", db.to_str().unwrap(), "articles", "--json"])
                    .env("CLAIMTRAIL_LOG_DIR", dir.path())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in started {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[tokio::test]
async fn newer_is_said_only_of_a_workspace_a_newer_claimtrail_made() {
    let ws = common::workspace().await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time)
         VALUES (99991231000000, 'from the future', '2099-01-01', 1, x'00', 0)",
    )
    .execute(ws.store.pool())
    .await
    .unwrap();
    let path = ws.store.path().to_path_buf();
    ws.store.pool().close().await;
    let err = Store::open(&path).await.unwrap_err().to_string();
    assert!(err.contains("was made by a newer Claimtrail"), "{err}");
    assert!(err.contains("99991231000000"), "{err}");
}
