//! Backups of the workspace: made and checked before they count, listed
//! with what they hold, restored without deleting anything, made before a
//! migration and a bundle import, and offered when the workspace is damaged.

use crate::common;

use claimtrail::store::backup::{self, Reason};
use claimtrail::store::{users, verify, Store, StoreError};

async fn with_article() -> common::TempWorkspace {
    let ws = common::workspace().await;
    users::add(&ws.store, "Dana Okafor", None, None)
        .await
        .unwrap();
    common::import_file(
        &ws.store,
        "talks.md",
        b"---\ntitle: Talks\noutlet: Wire\ndate: 2025-12-14\n---\n\nTalks continue on Monday, officials said.\n",
    )
    .await;
    ws
}

/// Closes the workspace with everything in its file, then `damage`s the
/// file's bytes; the path and the bytes written.
async fn close_and_damage(
    store: &Store,
    damage: impl FnOnce(&mut Vec<u8>),
) -> (std::path::PathBuf, Vec<u8>) {
    let path = store.path().to_path_buf();
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await
        .unwrap();
    store.pool().close().await;
    let mut bytes = std::fs::read(&path).unwrap();
    damage(&mut bytes);
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

async fn count(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_backup_is_checked_recorded_and_restored_and_the_restore_can_itself_be_undone() {
    let ws = with_article().await;
    let made = backup::create(&ws.store, Reason::Manual).await.unwrap();
    let audit = verify(&ws.store).await.unwrap();
    assert!(made.ok && made.problem.is_none());
    assert_eq!(
        (made.events, made.head.as_str()),
        (audit.events, audit.head.as_str()),
        "the log's head is recorded"
    );
    assert!(made.size > 0 && std::path::Path::new(&made.path).is_file());
    assert_eq!(
        backup::list(ws.store.path()).unwrap(),
        std::slice::from_ref(&made)
    );

    // A mistake after the backup.
    common::import_file(
        &ws.store,
        "more.md",
        b"---\ntitle: More\n---\n\nAnother article entirely, with its own words.\n",
    )
    .await;
    assert_eq!(count(&ws.store, "articles").await, 2);
    let path = ws.store.path().to_path_buf();
    ws.store.pool().close().await;

    let restored = backup::restore(&path, &made.file).await.unwrap();
    let back = Store::open(&path).await.unwrap();
    assert_eq!(
        count(&back, "articles").await,
        1,
        "the workspace as backed up"
    );
    assert!(verify(&back).await.unwrap().ok);
    // Nothing was deleted: the replaced workspace is listed, and restoring
    // it brings the mistake's article back.
    let listed = backup::list(&path).unwrap();
    let aside = listed
        .iter()
        .find(|b| b.reason == Reason::BeforeRestore)
        .expect("kept aside");
    assert_eq!(aside.path, restored.kept_aside);
    assert!(aside.ok, "{:?}", aside.problem);
    back.pool().close().await;
    backup::restore(&path, &aside.file).await.unwrap();
    let again = Store::open(&path).await.unwrap();
    assert_eq!(count(&again, "articles").await, 2, "the restore undone");
}

#[tokio::test]
async fn a_damaged_backup_fails_its_check_and_is_not_restored() {
    let ws = with_article().await;
    let made = backup::create(&ws.store, Reason::Manual).await.unwrap();
    let bytes = std::fs::read(&made.path).unwrap();
    std::fs::write(&made.path, &bytes[..bytes.len() / 2]).unwrap();
    let checked = backup::verify(ws.store.path(), &made.file).await.unwrap();
    assert!(!checked.ok);
    assert!(checked.problem.is_some());
    let path = ws.store.path().to_path_buf();
    ws.store.pool().close().await;
    let refused = backup::restore(&path, &made.file)
        .await
        .unwrap_err()
        .to_string();
    assert!(refused.contains("was not restored"), "{refused}");
    assert_eq!(
        count(&Store::open(&path).await.unwrap(), "articles").await,
        1,
        "the workspace untouched"
    );
}

#[tokio::test]
async fn a_damaged_workspace_is_not_opened_and_the_newest_good_backup_is_named() {
    let ws = with_article().await;
    let made = backup::create(&ws.store, Reason::Manual).await.unwrap();
    // Garbage over every page but the first (the header stays readable).
    let (path, bytes) = close_and_damage(&ws.store, |bytes| bytes[4096..].fill(0x5a)).await;
    let err = Store::open(&path).await.unwrap_err();
    match &err {
        StoreError::Damaged {
            backup: Some(b), ..
        } => assert_eq!(b.file, made.file),
        other => panic!("not said to be damaged: {other:?}"),
    }
    let said = err.to_string();
    assert!(
        said.contains("is damaged") && said.contains(&made.file) && said.contains("backup restore"),
        "{said}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "not written to");
    backup::restore(&path, &made.file).await.unwrap();
    assert!(verify(&Store::open(&path).await.unwrap()).await.unwrap().ok);
}

#[tokio::test]
async fn a_migration_and_a_bundle_import_are_each_preceded_by_a_backup() {
    let ws = with_article().await;
    // As if the newest migration had not run yet.
    for sql in [
        "DROP TABLE adopted_events",
        "DROP TABLE desk_users",
        "DELETE FROM _sqlx_migrations WHERE version = 20261206010000",
    ] {
        sqlx::query(sql).execute(ws.store.pool()).await.unwrap();
    }
    let path = ws.store.path().to_path_buf();
    ws.store.pool().close().await;
    let store = Store::open(&path).await.unwrap();
    let reasons: Vec<Reason> = backup::list(&path)
        .unwrap()
        .iter()
        .map(|b| b.reason)
        .collect();
    assert_eq!(reasons, [Reason::BeforeMigration]);
    assert_eq!(count(&store, "desk_users").await, 1, "then migrated");
    // Opening again has nothing to migrate and makes none.
    store.pool().close().await;
    let store = Store::open(&path).await.unwrap();
    assert_eq!(backup::list(&path).unwrap().len(), 1);

    let bundle = ws.dir.path().join("b.ctbundle");
    claimtrail::bundle::export(&store, &bundle).await.unwrap();
    claimtrail::bundle::import(&store, &bundle).await.unwrap();
    let reasons: Vec<Reason> = backup::list(&path)
        .unwrap()
        .iter()
        .map(|b| b.reason)
        .collect();
    assert!(reasons.contains(&Reason::BeforeBundle), "{reasons:?}");
}

#[test]
fn the_backup_commands_as_scripts_use_them() {
    use crate::common::cli::{as_dana as claimtrail, ok};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    ok(&claimtrail(
        &db,
        &["import", common::ani_fixture().to_str().unwrap()],
    ));
    let made: serde_json::Value =
        serde_json::from_str(&ok(&claimtrail(&db, &["backup", "create", "--json"]))).unwrap();
    for field in [
        "file",
        "path",
        "created_at",
        "reason",
        "size",
        "events",
        "head",
        "ok",
        "problem",
        "verified_at",
    ] {
        assert!(made.get(field).is_some(), "{field} in {made}");
    }
    assert_eq!(made["reason"], "manual");
    let file = made["file"].as_str().unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&claimtrail(&db, &["backup", "list", "--json"]))).unwrap();
    assert_eq!(listed[0]["file"], file);
    let checked: serde_json::Value =
        serde_json::from_str(&ok(&claimtrail(&db, &["backup", "verify", file, "--json"]))).unwrap();
    assert_eq!(checked["ok"], true);
    let restored: serde_json::Value = serde_json::from_str(&ok(&claimtrail(
        &db,
        &["backup", "restore", file, "--json"],
    )))
    .unwrap();
    assert_eq!(restored["from"]["file"], file);
    assert!(std::path::Path::new(restored["kept_aside"].as_str().unwrap()).is_file());
    let missing = claimtrail(&db, &["backup", "restore", "no-such.db"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("backup list"));
}

#[tokio::test]
async fn closing_the_app_backs_up_only_when_something_changed_since_the_last_backup() {
    let ws = with_article().await;
    let first = backup::on_quit(&ws.store).await.unwrap();
    assert_eq!(
        first.map(|b| b.reason),
        Some(Reason::OnQuit),
        "no backup yet: one is made"
    );
    assert!(
        backup::on_quit(&ws.store).await.unwrap().is_none(),
        "nothing changed since"
    );
    users::add(&ws.store, "Ali Rahman", None, None)
        .await
        .unwrap();
    assert!(
        backup::on_quit(&ws.store).await.unwrap().is_some(),
        "a change: a new one"
    );
}

#[tokio::test]
async fn the_check_after_opening_finds_damage_in_the_pages_the_schema_does_not_touch() {
    let ws = with_article().await;
    // Enough text that the file has pages far from the schema.
    for n in 0..40 {
        let body = format!(
            "---\ntitle: Filler {n}\n---\n\n{}\n",
            "Repair crews worked through the night to restore power. ".repeat(200)
        );
        common::import_file(&ws.store, &format!("filler-{n}.md"), body.as_bytes()).await;
    }
    let made = backup::create(&ws.store, Reason::Manual).await.unwrap();
    assert!(
        ws.store.quick_check().await.is_ok(),
        "whole, the check passes"
    );
    // Two pages holding an article's text near the middle of the file
    // (found by their words: where the schema's own pages land depends on
    // when it grew).
    let (path, _) = close_and_damage(&ws.store, |bytes| {
        let words = b"Repair crews worked through the night";
        let middle = bytes.len() / 2;
        let at = bytes
            .windows(words.len())
            .enumerate()
            .filter(|(_, w)| *w == words)
            .map(|(i, _)| i)
            .min_by_key(|i| i.abs_diff(middle))
            .expect("the text is in the file");
        let page = at / 4096 * 4096;
        bytes[page..page + 8192].fill(0x5a);
    })
    .await;
    let store = Store::open(&path).await.expect("its schema still reads");
    match store.quick_check().await {
        Err(StoreError::Damaged {
            backup: Some(b), ..
        }) => assert_eq!(b.file, made.file),
        other => panic!("the damage is found: {other:?}"),
    }
}
