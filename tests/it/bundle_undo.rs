//! A bundle import reviewed and undone: every row it added, changed or
//! replaced is put back as it was, Redo brings the import back, an undone
//! import stays undone when the same bundle comes again, and Undo refuses
//! (changing nothing) when a row was changed or used since. Also: a row
//! deleted here stays deleted when an older bundle still has it.

use crate::bundle::{desk, file, mark, seeded, set_statement};
use crate::common;

use claimtrail::bundle;
use claimtrail::store::{verify, Store};
use claimtrail::{claims, undo, unmerge};

/// The write of the newest bundle import on `store`'s desk.
async fn newest_import(store: &Store) -> unmerge::MergeRecord {
    unmerge::changes(store, None)
        .await
        .unwrap()
        .into_iter()
        .next()
        .expect("a bundle was imported")
}

async fn statement(store: &Store, id: &str) -> String {
    claims::get(store, id).await.unwrap().statement
}

async fn exists(store: &Store, id: &str) -> bool {
    claims::get(store, id).await.is_ok()
}

/// Ali's desk after importing Dana's first bundle, and Dana's second
/// bundle in which she reworded her first claim and marked a third:
/// (Dana's desk, Ali's desk, the second bundle, first, third).
async fn second_bundle() -> (
    common::TempWorkspace,
    common::TempWorkspace,
    std::path::PathBuf,
    String,
    String,
) {
    let (a, first, _) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    set_statement(&a.store, &first, "Dana's second wording").await;
    let article = claims::get(&a.store, &first).await.unwrap().appearances[0]
        .article_id
        .clone();
    let third = mark(&a.store, &article, "officials said").await;
    let later = file(&a, "later.ctbundle");
    bundle::export(&a.store, &later).await.unwrap();
    (a, b, later, first, third)
}

#[tokio::test]
async fn undoing_a_bundle_import_puts_every_row_back_and_redo_brings_it_again() {
    let (_a, b, later, first, third) = second_bundle().await;
    let before = statement(&b.store, &first).await;
    bundle::import(&b.store, &later).await.unwrap();
    assert_eq!(statement(&b.store, &first).await, "Dana's second wording");
    assert!(exists(&b.store, &third).await);

    let import = newest_import(&b.store).await;
    assert!(import.in_effect);
    let kinds: Vec<(&str, &str)> = import
        .rows
        .iter()
        .map(|r| (r.table.as_str(), r.change.as_str()))
        .collect();
    assert!(kinds.contains(&("claims", "add")), "{kinds:?}");
    assert!(kinds.contains(&("claims", "update")), "{kinds:?}");
    assert!(kinds.contains(&("appearances", "add")), "{kinds:?}");
    let update = import
        .rows
        .iter()
        .find(|r| r.change == "update" && r.row_id == first)
        .unwrap();
    assert_eq!(
        update.before.as_ref().unwrap()["statement"],
        before.as_str()
    );
    assert_eq!(
        update.after.as_ref().unwrap()["statement"],
        "Dana's second wording"
    );

    let offered = undo::recent(&b.store).await.unwrap();
    let entry = offered
        .iter()
        .find(|e| e.write_id == import.write_id)
        .expect("the import is offered to Undo");
    assert_eq!(entry.summary, "Imported a bundle");
    assert!(entry.blocked.is_none(), "{:?}", entry.blocked);

    undo::undo(&b.store, Some(&import.write_id)).await.unwrap();
    assert_eq!(statement(&b.store, &first).await, before);
    assert!(!exists(&b.store, &third).await, "the added claim is gone");
    assert!(!newest_import(&b.store).await.in_effect);
    assert!(verify(&b.store).await.unwrap().ok);
    let history = claimtrail::history::claim(&b.store, &first).await.unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.summary == "undid: took the claim in from a bundle"),
        "{:?}",
        history.iter().map(|h| &h.summary).collect::<Vec<_>>()
    );

    undo::redo(&b.store).await.unwrap();
    assert_eq!(statement(&b.store, &first).await, "Dana's second wording");
    assert!(exists(&b.store, &third).await, "the added claim is back");
    assert!(newest_import(&b.store).await.in_effect);
    assert!(verify(&b.store).await.unwrap().ok);

    // Undone again, then the same bundle again: the Undo is the newer
    // change, so nothing of it comes back.
    undo::undo(&b.store, Some(&import.write_id)).await.unwrap();
    bundle::import(&b.store, &later).await.unwrap();
    assert_eq!(statement(&b.store, &first).await, before);
    assert!(!exists(&b.store, &third).await);
    assert!(verify(&b.store).await.unwrap().ok);
}

#[tokio::test]
async fn undoing_a_bundle_import_is_refused_when_its_rows_were_changed_or_used_since() {
    let (_a, b, later, _first, third) = second_bundle().await;
    bundle::import(&b.store, &later).await.unwrap();
    let import = newest_import(&b.store).await;
    set_statement(&b.store, &third, "Ali's own wording").await;
    let err = undo::undo(&b.store, Some(&import.write_id))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("was changed here after the import"),
        "{err}"
    );
    assert_eq!(
        statement(&b.store, &third).await,
        "Ali's own wording",
        "nothing was changed"
    );
    assert!(newest_import(&b.store).await.in_effect);

    // Work done on an article the bundle brought keeps it from going.
    let (a, ..) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let c = desk("Chen Wei").await;
    bundle::import(&c.store, &base).await.unwrap();
    let import = newest_import(&c.store).await;
    let article = claimtrail::articles::list(&c.store, &Default::default())
        .await
        .unwrap()[0]
        .id
        .clone();
    // Without work on it, the import goes whole; the colleague who wrote
    // its events stays known, as the log names her.
    undo::undo(&c.store, Some(&import.write_id)).await.unwrap();
    assert!(claimtrail::articles::list(&c.store, &Default::default())
        .await
        .unwrap()
        .is_empty());
    assert!(claimtrail::store::users::list(&c.store)
        .await
        .unwrap()
        .iter()
        .any(|u| u.name == "Dana Okafor"));
    undo::redo(&c.store).await.unwrap();
    let own = mark(&c.store, &article, "Zelenskyy said").await;
    let err = undo::undo(&c.store, Some(&import.write_id))
        .await
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("is used by work done here after the import")
            && err.to_string().contains("appearances"),
        "{err}"
    );
    assert!(exists(&c.store, &own).await);
    assert!(verify(&c.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_row_deleted_here_stays_deleted_when_a_bundle_written_before_still_has_it() {
    let (a, _, second) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    claims::delete(&b.store, &second).await.unwrap();
    bundle::import(&b.store, &base).await.unwrap();
    assert!(!exists(&b.store, &second).await, "the deletion is newer");

    // Dana changes it after: her change is newer than the deletion.
    set_statement(&a.store, &second, "Talks resume on Monday").await;
    let later = file(&a, "later.ctbundle");
    bundle::export(&a.store, &later).await.unwrap();
    bundle::import(&b.store, &later).await.unwrap();
    assert_eq!(statement(&b.store, &second).await, "Talks resume on Monday");
    assert!(verify(&b.store).await.unwrap().ok);
}

#[tokio::test]
async fn a_merge_recorded_before_merges_kept_their_rows_is_not_undone_and_says_why() {
    let (a, ..) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    let import = newest_import(&b.store).await;
    sqlx::query("DELETE FROM merge_rows")
        .execute(b.store.pool())
        .await
        .unwrap();
    let err = undo::undo(&b.store, Some(&import.write_id))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("older Claimtrail"), "{err}");
    assert!(err.to_string().contains("Restore the backup"), "{err}");
    // Ctrl+Z passes over it rather than stopping at it every time.
    let offered = undo::recent(&b.store).await.unwrap();
    let entry = offered
        .iter()
        .find(|e| e.write_id == import.write_id)
        .unwrap();
    assert!(entry
        .blocked
        .as_deref()
        .is_some_and(|b| b.contains("older Claimtrail")));
}

#[tokio::test]
async fn an_import_undone_on_one_desk_is_not_sent_back_as_a_change_to_the_colleague() {
    let (a, b, later, first, _) = second_bundle().await;
    bundle::import(&b.store, &later).await.unwrap();
    let import = newest_import(&b.store).await;
    undo::undo(&b.store, Some(&import.write_id)).await.unwrap();
    let back = file(&b, "from-ali.ctbundle");
    bundle::export(&b.store, &back).await.unwrap();
    bundle::import(&a.store, &back).await.unwrap();
    assert_eq!(
        statement(&a.store, &first).await,
        "Dana's second wording",
        "Ali undid the import on his desk only"
    );
    assert!(verify(&a.store).await.unwrap().ok);
}
