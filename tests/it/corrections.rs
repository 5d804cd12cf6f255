//! Correcting an article's metadata (`corrections.rs`, `article set`): the
//! correction reads everywhere, survives a new revision, is undone like
//! any change, travels in a bundle, and bad input writes nothing.

use claimtrail::model::{ArticleQuery, ImportStatus, MetadataCorrection};
use claimtrail::store::users;
use claimtrail::{articles, bundle, corrections, history, undo};

use crate::common;

const URL: &str = "https://harbour.example/news/grain-corridor";

/// A page whose extraction gets the outlet, byline and time wrong: the
/// site names itself as the author and prints no time.
fn page(extra: &str) -> String {
    format!(
        r#"<html><head><meta property="og:site_name" content="harbour.example">
        <meta property="og:url" content="{URL}"><title>Grain corridor reopens</title></head>
        <body><article><h1>Grain corridor reopens</h1>
        <p>ODESA — The Black Sea grain corridor reopened on Tuesday after a two-week halt, the port authority said.</p>
        <p>"Nothing is holding the ships any more," the authority's director told reporters at the terminal.</p>{extra}
        </article></body></html>"#
    )
}

/// The page imported; its article's id.
async fn grain(store: &claimtrail::store::Store) -> String {
    common::import_file(store, "grain.html", page("").as_bytes())
        .await
        .article
        .id
}

/// Ana's desk with the page imported, and Ben's with it from her bundle;
/// the article's id.
async fn two_desks() -> (common::TempWorkspace, common::TempWorkspace, String) {
    let ana = common::workspace().await;
    users::add(&ana.store, "Ana", None, None).await.unwrap();
    let id = grain(&ana.store).await;
    let ben = common::workspace().await;
    users::add(&ben.store, "Ben", None, None).await.unwrap();
    send(&ana, &ben).await;
    (ana, ben, id)
}

/// A bundle of everything `from` has, imported by `to`.
async fn send(from: &common::TempWorkspace, to: &common::TempWorkspace) {
    let path = from.dir.path().join("desk.ctbundle");
    bundle::export(&from.store, &path).await.unwrap();
    bundle::import(&to.store, &path).await.unwrap();
}

fn fix() -> MetadataCorrection {
    MetadataCorrection {
        outlet: Some("Harbour Times".into()),
        byline: Some("Marta Kowalska".into()),
        published_at: Some("2025-12-16T09:15:00+02:00".into()),
        dateline: Some("Odesa, Ukraine".into()),
        title: Some("Black Sea grain corridor reopens after two-week halt".into()),
        reset: Vec::new(),
    }
}

#[tokio::test]
async fn a_correction_reads_everywhere_and_survives_a_new_revision() {
    let ws = common::workspace().await;
    let stored = common::import_file(&ws.store, "grain.html", page("").as_bytes()).await;
    let id = stored.article.id.clone();
    assert_eq!(stored.article.outlet.as_deref(), Some("harbour.example"));
    assert_eq!(stored.article.published_at, None);

    let corrected = corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    assert_eq!(corrected.outlet.as_deref(), Some("Harbour Times"));
    assert_eq!(corrected.byline.as_deref(), Some("Marta Kowalska"));
    assert_eq!(
        corrected.published_at.as_deref(),
        Some("2025-12-16T09:15:00+02:00"),
        "the offset is kept"
    );
    assert_eq!(corrected.dateline.as_deref(), Some("Odesa, Ukraine"));
    assert_eq!(
        corrected.title,
        "Black Sea grain corridor reopens after two-week halt"
    );
    assert_eq!(
        corrected.corrected,
        ["title", "byline", "published_at", "dateline", "outlet"]
    );

    // The library, its outlet filter and its counts read the correction.
    let listed = articles::list(
        &ws.store,
        &ArticleQuery {
            outlet: Some("Harbour Times".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(listed.len(), 1, "filtered by the corrected outlet");
    let outlets = articles::outlets(&ws.store).await.unwrap();
    let names: Vec<(&str, u32)> = outlets
        .iter()
        .map(|o| (o.name.as_str(), o.articles))
        .collect();
    assert_eq!(names, [("Harbour Times", 1)], "the article moved outlet");

    // A new revision of the same page keeps the correction.
    let revised = common::import_file(
        &ws.store,
        "grain-2.html",
        page("<p>Traders said freight rates had risen by about 20 percent during the halt.</p>")
            .as_bytes(),
    )
    .await;
    assert_eq!(revised.status, ImportStatus::Revised);
    let shown = articles::show(&ws.store, &id, None).await.unwrap();
    assert_eq!(shown.summary.revision, 2);
    assert_eq!(shown.summary.byline.as_deref(), Some("Marta Kowalska"));
    assert_eq!(shown.summary.outlet.as_deref(), Some("Harbour Times"));
    assert_eq!(
        shown.summary.published_at.as_deref(),
        Some("2025-12-16T09:15:00+02:00")
    );
    let first = articles::show(&ws.store, &id, Some(1)).await.unwrap();
    assert_eq!(
        first.summary.byline.as_deref(),
        Some("Marta Kowalska"),
        "every revision reads the correction"
    );
}

#[tokio::test]
async fn a_correction_is_undone_redone_and_listed_in_the_history() {
    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    let again = corrections::correct(
        &ws.store,
        &id,
        &MetadataCorrection {
            byline: Some("".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(again.byline, None, "an empty byline says there is none");
    assert_eq!(
        again.outlet.as_deref(),
        Some("Harbour Times"),
        "other fields stay"
    );

    let activity = history::activity(&ws.store, &Default::default())
        .await
        .unwrap();
    let summaries: Vec<&str> = activity.iter().map(|e| e.summary.as_str()).collect();
    assert!(
        summaries.contains(&"corrected an article's byline"),
        "{summaries:?}"
    );

    undo::undo(&ws.store, None).await.unwrap();
    let shown = articles::show(&ws.store, &id, None).await.unwrap();
    assert_eq!(shown.summary.byline.as_deref(), Some("Marta Kowalska"));
    undo::undo(&ws.store, None).await.unwrap();
    let shown = articles::show(&ws.store, &id, None).await.unwrap();
    assert_eq!(
        shown.summary.outlet.as_deref(),
        Some("harbour.example"),
        "Undo takes the article back to what was extracted"
    );
    assert!(shown.summary.corrected.is_empty());
    undo::redo(&ws.store).await.unwrap();
    let shown = articles::show(&ws.store, &id, None).await.unwrap();
    assert_eq!(shown.summary.outlet.as_deref(), Some("Harbour Times"));

    let reset = corrections::correct(
        &ws.store,
        &id,
        &MetadataCorrection {
            reset: vec!["outlet".into(), "title".into()],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(reset.outlet.as_deref(), Some("harbour.example"));
    assert_eq!(reset.title, "Grain corridor reopens");
    assert_eq!(reset.byline.as_deref(), Some("Marta Kowalska"));
}

#[tokio::test]
async fn bad_corrections_are_refused_and_write_nothing() {
    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    let before = history::activity(&ws.store, &Default::default())
        .await
        .unwrap()
        .len();
    for (bad, says) in [
        (
            MetadataCorrection {
                published_at: Some("last Tuesday".into()),
                outlet: Some("Harbour Times".into()),
                ..Default::default()
            },
            "not a time",
        ),
        (
            MetadataCorrection {
                title: Some("  ".into()),
                ..Default::default()
            },
            "needs a title",
        ),
        (
            MetadataCorrection {
                reset: vec!["colour".into()],
                ..Default::default()
            },
            "not a field",
        ),
    ] {
        let err = corrections::correct(&ws.store, &id, &bad)
            .await
            .unwrap_err();
        assert!(err.to_string().contains(says), "{err}");
    }
    let missing = corrections::correct(&ws.store, "no-such-article", &fix())
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("no-such-article"), "{missing}");
    let after = history::activity(&ws.store, &Default::default())
        .await
        .unwrap()
        .len();
    assert_eq!(before, after, "nothing was written");
    let outlets = articles::outlets(&ws.store).await.unwrap();
    assert!(
        outlets.iter().all(|o| o.name != "Harbour Times"),
        "a refused correction creates no outlet"
    );
}

#[tokio::test]
async fn a_bundle_carries_a_correction_to_another_desk() {
    let ana = common::workspace().await;
    users::add(&ana.store, "Ana", None, None).await.unwrap();
    let id = grain(&ana.store).await;
    corrections::correct(&ana.store, &id, &fix()).await.unwrap();
    let ben = common::workspace().await;
    users::add(&ben.store, "Ben", None, None).await.unwrap();
    send(&ana, &ben).await;
    let shown = articles::show(&ben.store, &id, None).await.unwrap();
    assert_eq!(shown.summary.byline.as_deref(), Some("Marta Kowalska"));
    assert_eq!(shown.summary.outlet.as_deref(), Some("Harbour Times"));
    assert_eq!(
        shown.summary.published_at.as_deref(),
        Some("2025-12-16T09:15:00+02:00")
    );
}

#[tokio::test]
async fn the_revision_list_reads_the_correction_too() {
    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    let shown = articles::show(&ws.store, &id, None).await.unwrap();
    let first = &shown.revisions[0];
    assert_eq!(
        first.title,
        "Black Sea grain corridor reopens after two-week halt"
    );
    assert_eq!(
        first.published_at.as_deref(),
        Some("2025-12-16T09:15:00+02:00"),
        "the reader shows a revision's title and time from this list"
    );
}

/// Two desks that each correct the same article separately end with the
/// same correction, and what one of them wrote is not lost: the correction
/// is one row (the article's id), merged like any row both desks changed,
/// the later change kept and the other value left as a merge conflict for
/// a person to settle.
#[tokio::test]
async fn two_desks_that_corrected_one_article_converge_and_keep_the_other_as_a_conflict() {
    let (ana, ben, id) = two_desks().await;

    let first = MetadataCorrection {
        byline: Some("Marta Kowalska".into()),
        ..Default::default()
    };
    corrections::correct(&ana.store, &id, &first).await.unwrap();
    let second = MetadataCorrection {
        outlet: Some("Harbour Times".into()),
        ..Default::default()
    };
    corrections::correct(&ben.store, &id, &second)
        .await
        .unwrap();

    // Both bundles are written before either is read: neither desk has
    // seen the other's correction.
    let from_ana = ana.dir.path().join("ana.ctbundle");
    bundle::export(&ana.store, &from_ana).await.unwrap();
    let from_ben = ben.dir.path().join("ben.ctbundle");
    bundle::export(&ben.store, &from_ben).await.unwrap();
    bundle::import(&ben.store, &from_ana).await.unwrap();
    bundle::import(&ana.store, &from_ben).await.unwrap();
    let a = articles::show(&ana.store, &id, None).await.unwrap().summary;
    let b = articles::show(&ben.store, &id, None).await.unwrap().summary;
    assert_eq!(a, b, "both desks read the same details");
    assert_eq!(
        a.outlet.as_deref(),
        Some("Harbour Times"),
        "Ben's, the later change"
    );
    for desk in [&ana.store, &ben.store] {
        let conflicts = claimtrail::merge::conflicts(desk, false).await.unwrap();
        assert!(
            conflicts
                .iter()
                .any(|c| c.conflict.table == "article_corrections"
                    && c.subject.as_deref() == Some("Grain corridor reopens")
                    && c.conflict.field == "byline"
                    && c.conflict.other == serde_json::json!("Marta Kowalska")),
            "Ana's byline waits in Merge conflicts: {conflicts:?}"
        );
    }
}

/// A published time corrected to "none" has no sort key: Undo and Redo
/// across it work, and the library orders the article by its import.
#[tokio::test]
async fn a_time_corrected_to_none_is_undone_and_redone() {
    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    let none = MetadataCorrection {
        published_at: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(
        corrections::correct(&ws.store, &id, &none)
            .await
            .unwrap()
            .published_at,
        None
    );
    corrections::correct(
        &ws.store,
        &id,
        &MetadataCorrection {
            byline: Some("Tomas Berg".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    undo::undo(&ws.store, None).await.unwrap();
    undo::undo(&ws.store, None).await.unwrap();
    let back = articles::show(&ws.store, &id, None).await.unwrap().summary;
    assert_eq!(
        back.published_at.as_deref(),
        Some("2025-12-16T09:15:00+02:00")
    );
    undo::redo(&ws.store).await.unwrap();
    let again = articles::show(&ws.store, &id, None).await.unwrap().summary;
    assert_eq!(again.published_at, None);
}

/// The library's order follows the corrected time even when a merge writes
/// an article's `listed_ts` from a colleague's older row.
#[tokio::test]
async fn the_library_order_keeps_to_the_corrected_time() {
    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    let listed = |store: &claimtrail::store::Store| {
        let store = store.clone();
        let id = id.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT listed_ts FROM articles WHERE id = ?")
                .bind(&id)
                .fetch_one(store.pool())
                .await
                .unwrap()
        }
    };
    let corrected = claimtrail_text::timestamp::sort_key_of("2025-12-16T09:15:00+02:00").unwrap();
    assert_eq!(listed(&ws.store).await, corrected);
    sqlx::query("UPDATE articles SET listed_ts = 0 WHERE id = ?")
        .bind(&id)
        .execute(ws.store.pool())
        .await
        .unwrap();
    assert_eq!(
        listed(&ws.store).await,
        corrected,
        "the derived order is put back"
    );
}

/// Settling a conflict over the published time takes the other time's
/// place in the library with it.
#[tokio::test]
async fn settling_a_published_time_conflict_moves_the_article_in_the_library() {
    let (ana, ben, id) = two_desks().await;
    let at = |time: &str| MetadataCorrection {
        published_at: Some(time.into()),
        ..Default::default()
    };
    corrections::correct(&ana.store, &id, &at("2025-12-16"))
        .await
        .unwrap();
    corrections::correct(&ben.store, &id, &at("2025-12-17T10:00:00+02:00"))
        .await
        .unwrap();
    send(&ben, &ana).await;
    let conflict = claimtrail::merge::conflicts(&ana.store, false)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.conflict.field == "published_at")
        .expect("the two times are a conflict");
    assert_eq!(conflict.conflict.other, serde_json::json!("2025-12-16"));
    claimtrail::merge::settle(&ana.store, &conflict.id, claimtrail::merge::Settle::Other)
        .await
        .unwrap();
    let (published, listed): (Option<String>, i64) = sqlx::query_as(
        "SELECT f.published_at, a.listed_ts FROM articles a
         JOIN article_corrections f ON f.article_id = a.id WHERE a.id = ?",
    )
    .bind(&id)
    .fetch_one(ana.store.pool())
    .await
    .unwrap();
    assert_eq!(published.as_deref(), Some("2025-12-16"));
    assert_eq!(
        listed,
        claimtrail_text::timestamp::sort_key_of("2025-12-16").unwrap(),
        "the library orders it by the time taken"
    );
}

/// Search's outlet and date filters read what the journalist corrected,
/// in each section: the article, its claims and their appearances are
/// found under the corrected outlet and date, and no longer under the
/// ones extraction gave.
#[tokio::test]
async fn search_filters_read_the_corrected_outlet_and_time() {
    use claimtrail::model::{SearchQuery, TimeBasis};
    use claimtrail::search;

    let ws = common::workspace().await;
    let id = grain(&ws.store).await;
    crate::bundle::mark(&ws.store, &id, "Nothing is holding the ships any more").await;
    let found = |outlet: &str, from: Option<&str>, to: Option<&str>, text: &str| {
        let query = SearchQuery {
            text: text.to_owned(),
            outlet: Some(outlet.to_owned()),
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            date_by: Some(TimeBasis::Published),
            ..SearchQuery::default()
        };
        let store = ws.store.clone();
        async move {
            let r = search::search(&store, &query).await.unwrap();
            (r.articles.len(), r.claims.len(), r.appearances.len())
        }
    };
    assert_eq!(found("harbour.example", None, None, "").await, (1, 1, 1));
    assert_eq!(
        found("harbour.example", None, None, "ships").await,
        (1, 1, 1)
    );
    assert_eq!(found("Harbour Times", None, None, "ships").await, (0, 0, 0));

    corrections::correct(&ws.store, &id, &fix()).await.unwrap();
    for text in ["", "ships"] {
        assert_eq!(
            found("Harbour Times", None, None, text).await,
            (1, 1, 1),
            "the corrected outlet, words {text:?}"
        );
        assert_eq!(
            found("harbour.example", None, None, text).await,
            (0, 0, 0),
            "no longer the extracted one, words {text:?}"
        );
        assert_eq!(
            found(
                "Harbour Times",
                Some("2025-12-16"),
                Some("2025-12-16"),
                text
            )
            .await,
            (1, 1, 1),
            "the corrected day, words {text:?}"
        );
        assert_eq!(
            found("Harbour Times", Some("2025-12-17"), None, text).await,
            (0, 0, 0),
            "not after it, words {text:?}"
        );
    }
}
