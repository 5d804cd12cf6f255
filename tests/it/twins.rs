//! Twins: two desks that each imported the same article (one canonical
//! URL) and typed the same outlet exchange bundles and end with one
//! article, one outlet and every claim either marked, the same on both
//! desks; a colleague's article is found by its words, and the search
//! index stays whole through an import's Undo and Redo; an import that
//! joined twins says so and its Undo points to the backup.

use crate::bundle::{desk, file, mark};
use crate::common;

use claimtrail::model::SearchQuery;
use claimtrail::store::{verify, Store, StoreError};
use claimtrail::{bundle, undo};

const BODY: &str = "Zelenskyy said Ukraine could accept legally binding security guarantees instead of NATO membership. Talks continue on Monday, officials said.";

fn page(body: &str) -> String {
    titled("Talks", body)
}

fn titled(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nurl: https://wire.example/talks\noutlet: Wire\ndate: 2025-12-14T18:00:00+02:00\n---\n\n{body}\n")
}

async fn import(store: &Store, body: &str) -> String {
    common::import_file(store, "talks.md", page(body).as_bytes())
        .await
        .article
        .id
}

/// Rows of a table as `columns` (sorted), to compare two desks.
async fn rows(store: &Store, sql: &str) -> Vec<String> {
    let mut rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_all(store.pool())
        .await
        .unwrap();
    rows.sort();
    rows
}

/// The work two desks share, as text: articles, revisions, outlets,
/// claims and where they are marked.
async fn shared(store: &Store) -> Vec<Vec<String>> {
    vec![
        rows(store, "SELECT id || ' ' || coalesce(outlet_id, '') || ' ' || current_revision_id FROM articles").await,
        rows(store, "SELECT id || ' ' || article_id || ' ' || number FROM revisions").await,
        rows(store, "SELECT id || ' ' || name FROM outlets").await,
        rows(store, "SELECT id || ' ' || statement FROM claims").await,
        rows(store, "SELECT id || ' ' || revision_id || ' ' || start || ' ' || \"end\" || ' ' || exact FROM appearances").await,
    ]
}

async fn sound(store: &Store) {
    assert!(verify(store).await.unwrap().ok, "audit verify holds");
    let broken: Vec<(String, i64, String)> =
        sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
            .fetch_all(store.pool())
            .await
            .unwrap();
    assert!(broken.is_empty(), "no broken references: {broken:?}");
    // The search index holds exactly the current revisions' text.
    sqlx::query("INSERT INTO article_fts (article_fts, rank) VALUES ('integrity-check', 1)")
        .execute(store.pool())
        .await
        .expect("the article search index matches the articles");
}

async fn finds(store: &Store, words: &str) -> usize {
    claimtrail::search::search(
        store,
        &SearchQuery {
            text: words.to_owned(),
            ..SearchQuery::default()
        },
    )
    .await
    .unwrap()
    .articles
    .len()
}

async fn exchange(a: &common::TempWorkspace, b: &common::TempWorkspace) -> bundle::BundleSummary {
    let from_a = file(a, "a.ctbundle");
    bundle::export(&a.store, &from_a).await.unwrap();
    let at_b = bundle::import(&b.store, &from_a).await.unwrap();
    let from_b = file(b, "b.ctbundle");
    bundle::export(&b.store, &from_b).await.unwrap();
    bundle::import(&a.store, &from_b).await.unwrap();
    at_b
}

#[tokio::test]
async fn a_colleagues_article_is_found_by_its_words_after_a_bundle() {
    let a = desk("Dana Okafor").await;
    import(&a.store, BODY).await;
    let path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &path).await.unwrap();
    assert_eq!(finds(&b.store, "security guarantees").await, 1);
    sound(&b.store).await;
}

#[tokio::test]
async fn undoing_and_redoing_an_import_of_an_article_keeps_the_search_index_whole() {
    let a = desk("Dana Okafor").await;
    import(&a.store, BODY).await;
    let path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let b = desk("Ali Rahman").await;
    let summary = bundle::import(&b.store, &path).await.unwrap();
    let write = summary.write_id.expect("the import changed rows");
    undo::undo(&b.store, Some(&write)).await.unwrap();
    assert_eq!(finds(&b.store, "security guarantees").await, 0);
    sound(&b.store).await;
    undo::redo(&b.store).await.unwrap();
    assert_eq!(finds(&b.store, "security guarantees").await, 1);
    sound(&b.store).await;
}

#[tokio::test]
async fn the_same_article_imported_on_two_desks_becomes_one_with_both_desks_claims() {
    let a = desk("Dana Okafor").await;
    let article_a = import(&a.store, BODY).await;
    let claim_a = mark(&a.store, &article_a, "legally binding security guarantees").await;
    let b = desk("Ali Rahman").await;
    let article_b = import(&b.store, BODY).await;
    let claim_b = mark(&b.store, &article_b, "Talks continue on Monday").await;
    assert!(article_a < article_b, "Dana imported first");

    let at_b = exchange(&a, &b).await;
    assert_eq!(at_b.joined.get("articles"), Some(&1), "{at_b:?}");
    assert_eq!(at_b.joined.get("outlets"), Some(&1), "{at_b:?}");
    assert_eq!(at_b.joined.get("revisions"), Some(&1), "{at_b:?}");

    for store in [&a.store, &b.store] {
        let work = shared(store).await;
        assert_eq!(work[0].len(), 1, "one article: {:?}", work[0]);
        assert!(
            work[0][0].starts_with(&article_a),
            "the first import is kept"
        );
        assert_eq!(work[1].len(), 1, "one revision: {:?}", work[1]);
        assert_eq!(work[2].len(), 1, "one outlet: {:?}", work[2]);
        assert_eq!(work[3].len(), 2, "both claims: {:?}", work[3]);
        // Both marks sit on the one revision, at the words marked.
        let revision = work[1][0].split(' ').next().unwrap();
        assert!(work[4]
            .iter()
            .all(|a| a.split(' ').nth(1) == Some(revision)));
        assert!(work[4]
            .iter()
            .any(|a| a.ends_with("legally binding security guarantees")));
        assert!(work[4]
            .iter()
            .any(|a| a.ends_with("Talks continue on Monday")));
        assert_eq!(finds(store, "security guarantees").await, 1);
        sound(store).await;
    }
    assert_eq!(shared(&a.store).await, shared(&b.store).await);
    assert!(claimtrail::claims::get(&b.store, &claim_a).await.is_ok());
    assert!(claimtrail::claims::get(&a.store, &claim_b).await.is_ok());

    // Ali's later work on his (joined) copy still lands on the one article.
    let again = import(&b.store, BODY).await;
    assert_eq!(again, article_a, "re-importing finds the joined article");

    // The import that joined them cannot be taken apart row by row.
    let newest = claimtrail::unmerge::changes(&b.store, None).await.unwrap();
    let err = undo::undo(&b.store, Some(&newest[0].write_id))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotAllowed(_)), "{err:?}");
    assert!(err.to_string().contains("backup"), "{err}");
}

#[tokio::test]
async fn the_same_address_with_changed_text_keeps_both_versions_numbered_alike_on_both_desks() {
    let a = desk("Dana Okafor").await;
    let article_a = import(&a.store, BODY).await;
    mark(&a.store, &article_a, "legally binding security guarantees").await;
    let b = desk("Ali Rahman").await;
    let updated = format!("{BODY} The Kremlin has not commented.");
    let article_b = import(&b.store, &updated).await;
    mark(&b.store, &article_b, "The Kremlin has not commented").await;

    exchange(&a, &b).await;
    // And once more: nothing changes the second time.
    let again = exchange(&a, &b).await;
    assert!(again.joined.is_empty(), "{again:?}");

    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await);
    assert_eq!(work[0].len(), 1, "one article");
    assert_eq!(work[1].len(), 2, "both versions of its text: {:?}", work[1]);
    let numbers: Vec<&str> = work[1]
        .iter()
        .map(|r| r.rsplit(' ').next().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "2"], "numbered in the order they were made");
    for store in [&a.store, &b.store] {
        assert_eq!(finds(store, "security guarantees").await, 1);
        sound(store).await;
    }
}

#[tokio::test]
async fn twins_join_the_same_way_whichever_desk_made_its_copy_first() {
    // Ali imports first this time, but Dana's bundle reaches him first.
    let b = desk("Ali Rahman").await;
    let article_b = import(&b.store, BODY).await;
    mark(&b.store, &article_b, "Talks continue on Monday").await;
    let a = desk("Dana Okafor").await;
    let article_a = import(&a.store, BODY).await;
    mark(&a.store, &article_a, "legally binding security guarantees").await;
    exchange(&a, &b).await;
    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await);
    assert!(
        work[0][0].starts_with(&article_b),
        "Ali's older copy is kept"
    );
    // A third desk that gets both bundles ends the same.
    let c = desk("Sam Lee").await;
    bundle::import(&c.store, &file(&b, "b.ctbundle"))
        .await
        .unwrap();
    bundle::import(&c.store, &file(&a, "a.ctbundle"))
        .await
        .unwrap();
    assert_eq!(shared(&c.store).await, work);
    sound(&c.store).await;
}

#[tokio::test]
async fn new_versions_of_a_shared_article_made_on_two_desks_are_all_kept_numbered_alike() {
    // Both desks have the article from Dana's bundle; then each imports a
    // new version of the page: Dana's has a new headline over the same
    // words, Ali's new words. Neither is the other: all three stay.
    let a = desk("Dana Okafor").await;
    import(&a.store, BODY).await;
    let path = file(&a, "first.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &path).await.unwrap();
    common::import_file(
        &a.store,
        "talks.md",
        titled("Talks resume", BODY).as_bytes(),
    )
    .await;
    common::import_file(
        &b.store,
        "talks.md",
        page(&format!("{BODY} The Kremlin has not commented.")).as_bytes(),
    )
    .await;
    exchange(&a, &b).await;
    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await, "the desks converge");
    assert_eq!(work[1].len(), 3, "every version kept: {:?}", work[1]);
    for store in [&a.store, &b.store] {
        sound(store).await;
    }
}

/// The same page without its address, as a reporter pastes it.
fn pasted(body: &str) -> String {
    format!("---\ntitle: Talks\noutlet: Wire\ndate: 2025-12-14T18:00:00+02:00\n---\n\n{body}\n")
}

/// Dana pastes the wire story, Ali imports it from its address; each marks
/// a claim in their copy. Dana's copy reaches Ali (no address yet, so no
/// twin). Then Dana imports the page from its address: her pasted copy is
/// found by its text and takes the address, the address Ali's copy has.
/// That change reaching Ali used to stop every merge with a database
/// error; now the two copies are joined as twins, the same on both desks.
async fn an_address_given_by_an_update_joins_the_twins(pasted_first: bool) {
    let a = desk("Dana Okafor").await;
    let b = desk("Ali Rahman").await;
    let (pasted_copy, wire_copy) = if pasted_first {
        let x = common::import_file(&a.store, "talks.md", pasted(BODY).as_bytes()).await;
        (x.article.id, import(&b.store, BODY).await)
    } else {
        let y = import(&b.store, BODY).await;
        let x = common::import_file(&a.store, "talks.md", pasted(BODY).as_bytes()).await;
        (x.article.id, y)
    };
    mark(
        &a.store,
        &pasted_copy,
        "legally binding security guarantees",
    )
    .await;
    mark(&b.store, &wire_copy, "Talks continue on Monday").await;
    let first = file(&a, "first.ctbundle");
    bundle::export(&a.store, &first).await.unwrap();
    bundle::import(&b.store, &first).await.unwrap();
    let again = import(&a.store, BODY).await;
    assert_eq!(
        again, pasted_copy,
        "found by its text, it takes the address"
    );

    let at_b = exchange(&a, &b).await;
    assert_eq!(at_b.joined.get("articles"), Some(&1), "{at_b:?}");
    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await, "the desks converge");
    assert_eq!(work[0].len(), 1, "one article: {:?}", work[0]);
    let kept = pasted_copy.clone().min(wire_copy.clone());
    assert!(work[0][0].starts_with(&kept), "the copy made first is kept");
    assert_eq!(work[3].len(), 2, "both claims kept: {:?}", work[3]);
    for store in [&a.store, &b.store] {
        let url: Option<String> = sqlx::query_scalar("SELECT canonical_url FROM articles")
            .fetch_one(store.pool())
            .await
            .unwrap();
        assert_eq!(url.as_deref(), Some("https://wire.example/talks"));
        assert_eq!(finds(store, "security guarantees").await, 1);
        sound(store).await;
    }
}

#[tokio::test]
async fn an_address_given_by_an_update_joins_the_twins_when_the_pasted_copy_is_older() {
    an_address_given_by_an_update_joins_the_twins(true).await;
}

#[tokio::test]
async fn an_address_given_by_an_update_joins_the_twins_when_the_pasted_copy_is_newer() {
    an_address_given_by_an_update_joins_the_twins(false).await;
}

/// Dana's copy of the page changed and changed back (X, Y, X again: three
/// versions, two with the same text); Ali imported X on his own desk
/// between her imports, and, with `ali_updates`, a version Z of his own.
/// Ali's X is Dana's first X, made separately: those two are one. Dana's
/// second X is a version of its own, on both desks, whichever order the
/// rows arrive in, and the desks end with the same versions numbered
/// alike.
async fn a_page_that_changed_back_keeps_its_versions_on_both_desks(ali_updates: bool) {
    let a = desk("Dana Okafor").await;
    let b = desk("Ali Rahman").await;
    let y = format!("{BODY} The Kremlin has not commented.");
    let z = format!("{BODY} Kyiv welcomed the offer.");
    import(&a.store, BODY).await;
    import(&b.store, BODY).await;
    import(&a.store, &y).await;
    if ali_updates {
        import(&b.store, &z).await;
    }
    import(&a.store, BODY).await;
    let dana_before = shared(&a.store).await;
    assert_eq!(dana_before[1].len(), 3, "X, Y, X: {:?}", dana_before[1]);
    let (dana_alone, ali_alone) = (
        file(&a, "dana-alone.ctbundle"),
        file(&b, "ali-alone.ctbundle"),
    );
    bundle::export(&a.store, &dana_alone).await.unwrap();
    bundle::export(&b.store, &ali_alone).await.unwrap();

    exchange(&a, &b).await;
    // Once more: nothing changes the second time.
    let again = exchange(&a, &b).await;
    assert!(again.joined.is_empty(), "{again:?}");
    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await, "the desks converge");
    let expected = if ali_updates { 4 } else { 3 };
    assert_eq!(work[1].len(), expected, "every version kept: {:?}", work[1]);
    // Dana's three versions are all there, as she had them.
    for revision in &dana_before[1] {
        let id = revision.split(' ').next().unwrap();
        assert!(
            work[1].iter().any(|r| r.starts_with(id)),
            "{id} kept: {:?}",
            work[1]
        );
    }
    let mut numbers: Vec<i64> = work[1]
        .iter()
        .map(|r| r.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    numbers.sort();
    assert_eq!(numbers, (1..=expected as i64).collect::<Vec<_>>());
    // A third desk that gets each desk's work from before the exchange,
    // Ali's first, ends the same.
    let c = desk("Sam Lee").await;
    for from in [ali_alone, dana_alone] {
        bundle::import(&c.store, &from).await.unwrap();
    }
    assert_eq!(shared(&c.store).await, work, "a third desk converges");
    for store in [&a.store, &b.store, &c.store] {
        sound(store).await;
    }
}

#[tokio::test]
async fn a_page_that_changed_back_keeps_its_versions_on_both_desks_when_only_one_changed() {
    a_page_that_changed_back_keeps_its_versions_on_both_desks(false).await;
}

#[tokio::test]
async fn a_page_that_changed_back_keeps_its_versions_on_both_desks_when_both_changed() {
    a_page_that_changed_back_keeps_its_versions_on_both_desks(true).await;
}

/// A workspace from before revisions kept their occurrence (the page
/// changed back: X, Y, X) opens with each X counted in the order it was
/// made, and its work still reaches a colleague whole.
#[tokio::test]
async fn a_workspace_from_before_occurrences_counts_its_versions_when_it_opens() {
    let a = desk("Dana Okafor").await;
    let y = format!("{BODY} The Kremlin has not commented.");
    for body in [BODY, y.as_str(), BODY] {
        import(&a.store, body).await;
    }
    // Back to the schema before: no column, no index, the migration not run.
    for statement in [
        "ALTER TABLE revisions DROP COLUMN occurrence",
        "DELETE FROM _sqlx_migrations WHERE version = 20261207010000",
    ] {
        sqlx::query(statement)
            .execute(a.store.pool())
            .await
            .unwrap();
    }
    let path = a.dir.path().join("workspace.db");
    a.store.close().await;
    let store = Store::open(&path).await.expect("the old workspace opens");
    let occurrences: Vec<(String, i64)> =
        sqlx::query_as("SELECT title || substr(body, -20), occurrence FROM revisions ORDER BY id")
            .fetch_all(store.pool())
            .await
            .unwrap();
    let counted: Vec<i64> = occurrences.iter().map(|(_, o)| *o).collect();
    assert_eq!(counted, [0, 0, 1], "{occurrences:?}");
    let bundle_path = a.dir.path().join("old.ctbundle");
    bundle::export(&store, &bundle_path).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &bundle_path).await.unwrap();
    let theirs: Vec<i64> = sqlx::query_scalar("SELECT occurrence FROM revisions ORDER BY id")
        .fetch_all(b.store.pool())
        .await
        .unwrap();
    assert_eq!(theirs, counted, "every version reaches the colleague");
    sound(&store).await;
    sound(&b.store).await;
}

/// Two desks' copies of a page that differ only in case or spacing (the
/// outlet wrote "monday" again as "Monday"): the same text to the import's
/// eye, which folds them, but not the same version to the merge, which
/// keeps claims' offsets only on the same bytes. Both versions are kept,
/// the same on both desks, and the merge goes through.
#[tokio::test]
async fn copies_that_differ_only_in_case_or_spacing_stay_two_versions() {
    let a = desk("Dana Okafor").await;
    let b = desk("Ali Rahman").await;
    import(&a.store, &BODY.replace("Monday", "monday")).await;
    import(&b.store, &BODY.replace(". ", ".  ")).await;
    exchange(&a, &b).await;
    let again = exchange(&a, &b).await;
    assert!(again.joined.is_empty(), "{again:?}");
    let work = shared(&a.store).await;
    assert_eq!(work, shared(&b.store).await, "the desks converge");
    assert_eq!(work[0].len(), 1, "one article: {:?}", work[0]);
    assert_eq!(work[1].len(), 2, "both versions: {:?}", work[1]);
    for store in [&a.store, &b.store] {
        sound(store).await;
    }
}
