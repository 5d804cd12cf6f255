//! Saved searches, the entity added through the checklist in
//! ARCHITECTURE.md: kept by name, replaced by saving under the name again,
//! and handled by Undo, the activity feed and bundles through nothing but
//! its declaration in `change.rs`.

use claimtrail::model::{ActivityQuery, SearchQuery};
use claimtrail::store::{users, StoreError};
use claimtrail::{bundle, history, saved_searches, undo};

use crate::common;
use crate::common::cli::{ok, ok_json, unnamed as claimtrail};

fn words(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.to_owned(),
        ..SearchQuery::default()
    }
}

#[tokio::test]
async fn a_search_is_kept_by_name_and_saving_the_name_again_replaces_it() {
    let ws = common::workspace().await;
    let peskov = SearchQuery {
        claimant: Some("Peskov".into()),
        limit: Some(5),
        ..words("guarantees")
    };
    let saved = saved_searches::save(&ws.store, "  Peskov   on guarantees ", &peskov)
        .await
        .unwrap();
    assert_eq!(saved.name, "Peskov on guarantees", "the name is tidied");
    assert_eq!(saved.query.claimant.as_deref(), Some("Peskov"));
    assert_eq!(
        saved.query.limit, None,
        "how many hits to show is not saved"
    );

    let again = saved_searches::save(&ws.store, "peskov on guarantees", &words("NATO"))
        .await
        .unwrap();
    assert_eq!(
        again.id, saved.id,
        "the same name, in any case, is the same search"
    );
    assert_eq!(again.query.text, "NATO");
    let all = saved_searches::list(&ws.store).await.unwrap();
    assert_eq!(all.len(), 1, "replaced, not added: {all:?}");

    let events = |store| async move {
        history::activity(
            store,
            &ActivityQuery {
                entity: Some("saved_search".into()),
                ..ActivityQuery::default()
            },
        )
        .await
        .unwrap()
    };
    let before = events(&ws.store).await;
    saved_searches::save(&ws.store, "peskov on guarantees", &words("NATO"))
        .await
        .unwrap();
    assert_eq!(
        events(&ws.store).await.len(),
        before.len(),
        "saving the same search again records nothing"
    );
    let summaries: Vec<&str> = before.iter().map(|e| e.summary.as_str()).collect();
    assert_eq!(
        summaries,
        [
            "changed the saved search “peskov on guarantees”",
            "saved the search “Peskov on guarantees”"
        ],
        "the activity feed tells it in words"
    );
}

#[tokio::test]
async fn saving_and_deleting_are_undone_through_the_declaration() {
    let ws = common::workspace().await;
    // The user first: the write that creates a user is not undoable.
    users::add(&ws.store, "Ana", None, None).await.unwrap();
    saved_searches::save(&ws.store, "Kyiv", &words("Kyiv"))
        .await
        .unwrap();
    undo::undo(&ws.store, None).await.unwrap();
    assert!(
        saved_searches::list(&ws.store).await.unwrap().is_empty(),
        "Undo of a save removes the search"
    );
    undo::redo(&ws.store).await.unwrap();
    let saved = saved_searches::get(&ws.store, "kyiv").await.unwrap();
    assert_eq!(saved.query.text, "Kyiv", "Redo puts it back as it was");

    saved_searches::delete(&ws.store, "Kyiv").await.unwrap();
    assert!(matches!(
        saved_searches::get(&ws.store, "Kyiv").await,
        Err(StoreError::NotFound(_))
    ));
    undo::undo(&ws.store, None).await.unwrap();
    let back = saved_searches::get(&ws.store, "Kyiv").await.unwrap();
    assert_eq!(back, saved, "Undo of a deletion restores every field");
}

#[tokio::test]
async fn a_nameless_or_empty_search_is_refused_and_nothing_is_written() {
    let ws = common::workspace().await;
    let nameless = saved_searches::save(&ws.store, "   ", &words("Kyiv")).await;
    assert!(
        matches!(
            nameless,
            Err(StoreError::Invalid {
                field: Some("name"),
                ..
            })
        ),
        "{nameless:?}"
    );
    let empty = saved_searches::save(&ws.store, "Nothing", &words("  ")).await;
    assert!(
        matches!(
            empty,
            Err(StoreError::Invalid {
                field: Some("query"),
                ..
            })
        ),
        "{empty:?}"
    );
    assert!(saved_searches::list(&ws.store).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bundle_carries_saved_searches_to_another_desk() {
    let ana = common::workspace().await;
    users::add(&ana.store, "Ana", None, None).await.unwrap();
    saved_searches::save(&ana.store, "Peskov", &words("Peskov"))
        .await
        .unwrap();
    let path = ana.dir.path().join("desk.ctbundle");
    bundle::export(&ana.store, &path).await.unwrap();

    let ben = common::workspace().await;
    users::add(&ben.store, "Ben", None, None).await.unwrap();
    bundle::import(&ben.store, &path).await.unwrap();
    let theirs = saved_searches::get(&ben.store, "Peskov").await.unwrap();
    assert_eq!(
        theirs.query.text, "Peskov",
        "the search arrives with its query"
    );
}

#[test]
fn the_cli_saves_runs_lists_and_deletes_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let article = common::ani_fixture();
    ok(&claimtrail(&db, &["import", article.to_str().unwrap()]));

    let first = ok_json(&claimtrail(
        &db,
        &["search", "guarantees", "--save", "Guarantees", "--json"],
    ));
    let listed = ok_json(&claimtrail(&db, &["saved-searches", "--json"]));
    assert_eq!(listed[0]["name"], "Guarantees");
    assert_eq!(listed[0]["query"]["text"], "guarantees");
    for field in ["id", "created_by", "created_at"] {
        assert!(
            listed[0][field].is_string(),
            "`{field}` is documented: {listed}"
        );
    }
    let rerun = ok_json(&claimtrail(
        &db,
        &["search", "--saved", "guarantees", "--json"],
    ));
    assert_eq!(rerun, first, "running the saved search finds what it found");

    ok(&claimtrail(
        &db,
        &["saved-searches", "--delete", "Guarantees"],
    ));
    let after = ok_json(&claimtrail(&db, &["saved-searches", "--json"]));
    assert_eq!(after, serde_json::json!([]));
}

#[tokio::test]
async fn two_desks_may_keep_the_same_name_and_a_name_two_share_asks_for_the_id() {
    let ana = common::workspace().await;
    users::add(&ana.store, "Ana", None, None).await.unwrap();
    saved_searches::save(&ana.store, "Peskov", &words("Peskov Kremlin"))
        .await
        .unwrap();
    let path = ana.dir.path().join("ana.ctbundle");
    bundle::export(&ana.store, &path).await.unwrap();

    let ben = common::workspace().await;
    users::add(&ben.store, "Ben", None, None).await.unwrap();
    let his = saved_searches::save(&ben.store, "peskov", &words("Peskov"))
        .await
        .unwrap();
    bundle::import(&ben.store, &path)
        .await
        .expect("a search of the same name does not stop the merge");
    assert_eq!(saved_searches::list(&ben.store).await.unwrap().len(), 2);
    let ambiguous = saved_searches::get(&ben.store, "Peskov").await;
    assert!(
        matches!(&ambiguous, Err(StoreError::Conflict(m)) if m.contains(&his.id)),
        "the name is ambiguous, and the ids are given: {ambiguous:?}"
    );
    let by_id = saved_searches::get(&ben.store, &his.id).await.unwrap();
    assert_eq!(by_id.query.text, "Peskov");

    // Undo puts back a deleted search though its name is taken since.
    saved_searches::delete(&ben.store, &his.id).await.unwrap();
    saved_searches::save(&ben.store, "Peskov", &words("Peskov again"))
        .await
        .unwrap();
    undo::undo(&ben.store, None).await.unwrap();
    undo::undo(&ben.store, None)
        .await
        .expect("the deleted search comes back");
    assert!(saved_searches::get(&ben.store, &his.id).await.is_ok());
}
