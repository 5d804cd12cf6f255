//! Workspace bundles between two desks: a round trip into an empty
//! workspace gives the same content, importing twice changes nothing, edits
//! of different claims merge cleanly, the same field edited on both sides
//! resolves the same way on both desks and is recorded, and the audit
//! chain verifies after every merge.

use crate::common;

use std::path::{Path, PathBuf};

use claimtrail::bundle;
use claimtrail::model::{AppearanceFields, ClaimFields, Rating, ReviewAction};
use claimtrail::store::{users, verify, Store};
use claimtrail::{articles, claims, comments, review};

const TEXT: &str = "Zelenskyy said Ukraine could accept legally binding security guarantees instead of NATO membership. Talks continue on Monday, officials said.";

pub(crate) async fn desk(name: &str) -> common::TempWorkspace {
    let ws = common::workspace().await;
    users::add(&ws.store, name, None, None).await.unwrap();
    ws
}

pub(crate) async fn mark(store: &Store, article: &str, quote: &str) -> String {
    let body = articles::show(store, article, None).await.unwrap().body;
    let (start, end) = claims::find_quote_span(&body, quote).unwrap();
    claims::create(
        store,
        &ClaimFields {
            statement: quote.to_owned(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            tags: vec!["nato".into()],
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article.to_owned(),
            revision: None,
            start: start as u32,
            end: end as u32,
            details: Default::default(),
        }),
    )
    .await
    .unwrap()
    .id
}

/// A desk with an article, two claims, a review and a comment thread.
pub(crate) async fn seeded() -> (common::TempWorkspace, String, String) {
    let ws = desk("Dana Okafor").await;
    let article = common::import_file(&ws.store, "talks.md", format!("---\ntitle: Talks\nurl: https://wire.example/talks\noutlet: Wire\ndate: 2025-12-14T18:00:00+02:00\n---\n\n{TEXT}\n").as_bytes()).await
    .article
    .id;
    let first = mark(&ws.store, &article, "legally binding security guarantees").await;
    let second = mark(&ws.store, &article, "Talks continue on Monday").await;
    review::act(
        &ws.store,
        &first,
        &ReviewAction::Propose {
            rating: Rating::Mixed,
            rationale: "Conditional.".into(),
        },
    )
    .await
    .unwrap();
    let root = comments::add(&ws.store, &first, None, "Check the date.")
        .await
        .unwrap();
    comments::add(&ws.store, &first, Some(&root.id), "Sunday.")
        .await
        .unwrap();
    (ws, first, second)
}

pub(crate) fn file(ws: &common::TempWorkspace, name: &str) -> PathBuf {
    ws.dir.path().join(name)
}

/// Each table's rows as the bundle writes them, minus what is local by
/// nature: the import's own audit event, and rows naming `local_user` (the
/// importing desk's own profile).
fn contents(path: &Path, local_user: &str) -> Vec<(String, Vec<String>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut names: Vec<String> = zip
        .file_names()
        .filter(|n| n.ends_with(".jsonl"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut text).unwrap();
            let mut lines: Vec<String> = text
                .lines()
                .filter(|l| !l.contains("\"entity\":\"bundle\""))
                .filter(|l| local_user.is_empty() || !l.contains(local_user))
                .map(str::to_owned)
                .collect();
            lines.sort();
            (name, lines)
        })
        .collect()
}

#[tokio::test]
async fn export_then_import_into_an_empty_workspace_then_export_again_gives_the_same_content() {
    let (a, first, _) = seeded().await;
    let path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let empty = common::workspace().await;
    let summary = bundle::import(&empty.store, &path).await.unwrap();
    assert_eq!(summary.added["claims"], 2);
    assert!(summary.conflicts.is_empty());
    let again = file(&empty, "b.ctbundle");
    bundle::export(&empty.store, &again).await.unwrap();
    // The empty workspace made its own user to attribute the import to.
    let importer = users::active_user(&empty.store).await.unwrap().unwrap().id;
    assert_eq!(contents(&again, &importer), contents(&path, ""));
    assert!(
        verify(&empty.store).await.unwrap().ok,
        "the unioned log verifies"
    );
    let review = review::get(&empty.store, &first).await.unwrap();
    assert_eq!(review.verdict.unwrap().rationale, "Conditional.");
    assert_eq!(
        comments::list(&empty.store, &first).await.unwrap()[0]
            .replies
            .len(),
        1
    );
    let found = claimtrail::search::search(
        &empty.store,
        &claimtrail::model::SearchQuery {
            text: "guarantees".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        !found.claims.is_empty(),
        "the search index follows the imported rows"
    );
}

#[tokio::test]
async fn importing_the_same_bundle_twice_changes_nothing_and_a_preview_changes_nothing() {
    let (a, ..) = seeded().await;
    let path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let b = desk("Ali Rahman").await;
    let preview = bundle::preview(&b.store, &path).await.unwrap();
    assert_eq!(preview.added["claims"], 2);
    assert!(
        claims::list(&b.store, &Default::default())
            .await
            .unwrap()
            .is_empty(),
        "a preview writes nothing"
    );
    bundle::import(&b.store, &path).await.unwrap();
    let events = verify(&b.store).await.unwrap().events;
    let second = bundle::import(&b.store, &path).await.unwrap();
    assert!(second.is_empty(), "{second:?}");
    assert_eq!(
        verify(&b.store).await.unwrap().events,
        events,
        "not even an event"
    );
}

#[tokio::test]
async fn edits_of_different_claims_merge_cleanly_and_the_same_field_resolves_alike_on_both_desks() {
    let (a, first, second) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    let edit = |store: Store, id: String, statement: &'static str| async move {
        let c = claims::get(&store, &id).await.unwrap();
        claims::update(
            &store,
            &id,
            &ClaimFields {
                statement: statement.into(),
                claimant: c.claimant,
                condition: c.condition,
                note: c.note,
                tags: c.tags,
            },
        )
        .await
        .unwrap();
    };
    // Different claims: Dana edits the first, Ali the second.
    edit(
        a.store.clone(),
        first.clone(),
        "Ukraine could accept binding guarantees",
    )
    .await;
    edit(b.store.clone(), second.clone(), "Talks go on Monday").await;
    let from_b = file(&b, "b.ctbundle");
    bundle::export(&b.store, &from_b).await.unwrap();
    let merged = bundle::import(&a.store, &from_b).await.unwrap();
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        claims::get(&a.store, &first).await.unwrap().statement,
        "Ukraine could accept binding guarantees"
    );
    assert_eq!(
        claims::get(&a.store, &second).await.unwrap().statement,
        "Talks go on Monday"
    );
    assert!(verify(&a.store).await.unwrap().ok);
    // The same field on both desks: Dana, then Ali a moment later.
    edit(a.store.clone(), second.clone(), "Dana's wording").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    edit(b.store.clone(), second.clone(), "Ali's wording").await;
    let (from_a, from_b) = (file(&a, "a2.ctbundle"), file(&b, "b2.ctbundle"));
    bundle::export(&a.store, &from_a).await.unwrap();
    bundle::export(&b.store, &from_b).await.unwrap();
    let at_a = bundle::import(&a.store, &from_b).await.unwrap();
    let at_b = bundle::import(&b.store, &from_a).await.unwrap();
    for (store, summary) in [(&a.store, &at_a), (&b.store, &at_b)] {
        assert_eq!(
            claims::get(store, &second).await.unwrap().statement,
            "Ali's wording",
            "the later change wins on both desks"
        );
        let conflict = summary
            .conflicts
            .iter()
            .find(|c| c.field == "statement")
            .expect("the conflict is recorded");
        assert_eq!(conflict.kept, "Ali's wording");
        assert_eq!(conflict.other, "Dana's wording");
        let recorded: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM merge_conflicts WHERE field = 'statement' AND settled_at IS NULL",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(recorded, 1);
        assert!(verify(store).await.unwrap().ok);
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_bundle_is_refused_and_nothing_is_written() {
    let (a, ..) = seeded().await;
    let bogus = file(&a, "notes.txt");
    std::fs::write(&bogus, "just some notes").unwrap();
    let before = verify(&a.store).await.unwrap().events;
    let refused = bundle::import(&a.store, &bogus).await;
    assert!(
        matches!(&refused, Err(e @ claimtrail::store::StoreError::Invalid { .. }) if e.to_string().contains("is not a Claimtrail bundle")),
        "{refused:?}"
    );
    assert_eq!(verify(&a.store).await.unwrap().events, before);
}

/// What a generated desk does, in order.
#[derive(Debug, Clone)]
enum Step {
    Mark(usize),
    Comment(usize, String),
    Propose(usize, u8),
    Tag(usize, String),
    Delete(usize),
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        (0usize..6).prop_map(Step::Mark),
        (0usize..6, "[a-z ]{1,12}").prop_map(|(i, s)| Step::Comment(i, s)),
        (0usize..6, 0u8..8).prop_map(|(i, r)| Step::Propose(i, r)),
        (0usize..6, "[a-z]{1,8}").prop_map(|(i, s)| Step::Tag(i, s)),
        (0usize..6).prop_map(Step::Delete),
    ]
}

const QUOTES: [&str; 6] = [
    "Zelenskyy said",
    "legally binding security guarantees",
    "instead of NATO membership",
    "Talks continue on Monday",
    "officials said",
    "could accept",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 8, ..Default::default() })]

    /// Export → import into an empty workspace → export again gives the
    /// same content, whatever the desk did.
    #[test]
    fn any_workspace_round_trips_through_a_bundle(steps in proptest::collection::vec(step(), 1..12)) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let (a, ..) = seeded().await;
            let article = claimtrail::articles::list(&a.store, &Default::default()).await.unwrap()[0].id.clone();
            let mut claims_made: Vec<String> = Vec::new();
            for step in steps {
                let pick = |i: usize| claims_made.get(i % claims_made.len().max(1)).cloned();
                match step {
                    Step::Mark(q) => claims_made.push(mark(&a.store, &article, QUOTES[q]).await),
                    Step::Comment(i, text) => {
                        if let (Some(c), false) = (pick(i), text.trim().is_empty()) {
                            comments::add(&a.store, &c, None, &text).await.unwrap();
                        }
                    }
                    Step::Propose(i, r) => {
                        if let Some(c) = pick(i) {
                            let rating = Rating::ALL[r as usize];
                            // Refused moves (already proposed by someone else, …) are fine.
                            let _ = review::act(&a.store, &c, &ReviewAction::Propose { rating, rationale: "Because.".into() }).await;
                        }
                    }
                    Step::Tag(i, tag) => {
                        if let Some(c) = pick(i) {
                            let claim = claims::get(&a.store, &c).await.unwrap();
                            let mut tags = claim.tags.clone();
                            tags.push(tag);
                            let fields = ClaimFields { statement: claim.statement, claimant: claim.claimant, condition: claim.condition, note: claim.note, tags };
                            claims::update(&a.store, &c, &fields).await.unwrap();
                        }
                    }
                    Step::Delete(i) => {
                        if let Some(c) = pick(i) {
                            claims::delete(&a.store, &c).await.unwrap();
                            claims_made.retain(|x| *x != c);
                        }
                    }
                }
            }
            let path = file(&a, "a.ctbundle");
            bundle::export(&a.store, &path).await.unwrap();
            let empty = common::workspace().await;
            bundle::import(&empty.store, &path).await.unwrap();
            let again = file(&empty, "b.ctbundle");
            bundle::export(&empty.store, &again).await.unwrap();
            let importer = users::active_user(&empty.store).await.unwrap().unwrap().id;
            assert_eq!(contents(&again, &importer), contents(&path, ""));
            assert!(verify(&empty.store).await.unwrap().ok);
        });
    }
}

pub(crate) async fn set_statement(store: &Store, id: &str, statement: &str) {
    let c = claims::get(store, id).await.unwrap();
    claims::update(
        store,
        id,
        &ClaimFields {
            statement: statement.into(),
            claimant: c.claimant,
            condition: c.condition,
            note: c.note,
            tags: c.tags,
        },
    )
    .await
    .unwrap();
}

/// Dana's desk after merging Ali's bundle in which both changed the same
/// claim's statement (Ali later): the claim's id and the open conflict.
async fn conflicted() -> (common::TempWorkspace, String) {
    let (a, _, second) = seeded().await;
    let base = file(&a, "base.ctbundle");
    bundle::export(&a.store, &base).await.unwrap();
    let b = desk("Ali Rahman").await;
    bundle::import(&b.store, &base).await.unwrap();
    set_statement(&a.store, &second, "Dana's wording").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    set_statement(&b.store, &second, "Ali's wording").await;
    let from_b = file(&a, "b.ctbundle");
    bundle::export(&b.store, &from_b).await.unwrap();
    bundle::import(&a.store, &from_b).await.unwrap();
    (a, second)
}

#[tokio::test]
async fn a_person_settles_a_conflict_by_taking_the_value_set_aside_and_can_undo_it() {
    let (a, claim) = conflicted().await;
    let open = bundle::conflicts(&a.store, false).await.unwrap();
    assert_eq!(open.len(), 1);
    let c = &open[0];
    assert_eq!(c.subject.as_deref(), Some("Ali's wording"));
    assert_eq!(c.claim_id.as_deref(), Some(claim.as_str()));
    assert_eq!(
        review::queue_counts(&a.store)
            .await
            .unwrap()
            .merge_conflicts,
        1
    );

    let settled = bundle::settle(&a.store, &c.id, bundle::Settle::Other)
        .await
        .unwrap();
    assert_eq!(settled.settled_with.as_deref(), Some("other"));
    assert_eq!(settled.settled_by.as_deref(), Some("Dana Okafor"));
    assert_eq!(
        claims::get(&a.store, &claim).await.unwrap().statement,
        "Dana's wording"
    );
    assert!(bundle::conflicts(&a.store, false).await.unwrap().is_empty());
    assert_eq!(bundle::conflicts(&a.store, true).await.unwrap().len(), 1);
    assert_eq!(
        review::queue_counts(&a.store)
            .await
            .unwrap()
            .merge_conflicts,
        0
    );
    let history = claimtrail::history::claim(&a.store, &claim).await.unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.summary.contains("settled a merge conflict")),
        "{:?}",
        history.iter().map(|h| &h.summary).collect::<Vec<_>>()
    );
    let again = bundle::settle(&a.store, &c.id, bundle::Settle::Kept)
        .await
        .unwrap_err();
    assert!(again.to_string().contains("settled already"), "{again}");
    assert!(verify(&a.store).await.unwrap().ok);

    // Undo puts Ali's wording back and the conflict waits again.
    claimtrail::undo::undo(&a.store, None).await.unwrap();
    assert_eq!(
        claims::get(&a.store, &claim).await.unwrap().statement,
        "Ali's wording"
    );
    assert_eq!(bundle::conflicts(&a.store, false).await.unwrap().len(), 1);
    assert!(verify(&a.store).await.unwrap().ok);
}

#[tokio::test]
async fn keeping_the_merged_value_changes_nothing_but_the_conflict_and_a_later_edit_blocks_taking_the_other(
) {
    let (a, claim) = conflicted().await;
    let c = bundle::conflicts(&a.store, false).await.unwrap().remove(0);
    // Someone edits the field after the merge: taking the other value would
    // overwrite that silently, so it is refused and nothing changes.
    set_statement(&a.store, &claim, "A third wording").await;
    let refused = bundle::settle(&a.store, &c.id, bundle::Settle::Other)
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("changed after the merge"),
        "{refused}"
    );
    assert_eq!(bundle::conflicts(&a.store, false).await.unwrap().len(), 1);
    assert_eq!(
        claims::get(&a.store, &claim).await.unwrap().statement,
        "A third wording"
    );
    let kept = bundle::settle(&a.store, &c.id, bundle::Settle::Kept)
        .await
        .unwrap();
    assert_eq!(kept.settled_with.as_deref(), Some("kept"));
    assert_eq!(
        claims::get(&a.store, &claim).await.unwrap().statement,
        "A third wording"
    );
    assert!(bundle::conflicts(&a.store, false).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_conflict_in_any_table_lists_with_its_subject_query_valid() {
    let (a, ..) = seeded().await;
    let article = claimtrail::articles::list(&a.store, &Default::default())
        .await
        .unwrap()[0]
        .clone();
    let tables = [
        "users",
        "outlets",
        "persons",
        "person_aliases",
        "articles",
        "revisions",
        "claims",
        "appearances",
        "claim_links",
        "storylines",
        "verdicts",
        "evidence",
        "comments",
    ];
    for (i, table) in tables.iter().enumerate() {
        let row = if *table == "articles" {
            article.id.clone()
        } else {
            format!("gone-{i}")
        };
        sqlx::query(
            "INSERT INTO merge_conflicts (id, table_name, row_id, field, kept, other, kept_from, bundle_id, found_at)
             VALUES (?, ?, ?, 'x', '1', '2', 'local', 'b', '2025-12-15T10:00:00Z')",
        )
        .bind(format!("c{i:02}"))
        .bind(table)
        .bind(row)
        .execute(a.store.pool())
        .await
        .unwrap();
    }
    let listed = bundle::conflicts(&a.store, false).await.unwrap();
    assert_eq!(listed.len(), tables.len());
    let on_article = listed
        .iter()
        .find(|c| c.conflict.table == "articles")
        .unwrap();
    assert_eq!(on_article.subject.as_deref(), Some(article.title.as_str()));
    assert!(listed
        .iter()
        .filter(|c| c.conflict.table != "articles")
        .all(|c| c.subject.is_none()));
}

/// A copy of the bundle at `from` with `change` applied to each file's
/// text (its name, its text → the new text).
pub(crate) fn tampered(from: &Path, to: &Path, change: impl Fn(&str, String) -> String) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_owned();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut out, change(&name, text).as_bytes()).unwrap();
    }
    out.finish().unwrap();
}

#[tokio::test]
async fn a_damaged_or_hostile_bundle_is_refused_with_a_reason_and_nothing_is_written() {
    let (a, ..) = seeded().await;
    let good = file(&a, "a.ctbundle");
    bundle::export(&a.store, &good).await.unwrap();
    let b = desk("Ali Rahman").await;
    let before = verify(&b.store).await.unwrap().events;
    let refused = |path: PathBuf| {
        let store = b.store.clone();
        async move { bundle::import(&store, &path).await.unwrap_err().to_string() }
    };

    // An event that says nothing: an error, not a panic.
    let empty_event = file(&a, "empty-event.ctbundle");
    tampered(&good, &empty_event, |name, text| {
        if name == "audit_events.jsonl" {
            format!("{{}}\n{text}")
        } else {
            text
        }
    });
    let why = refused(empty_event).await;
    assert!(why.contains("an event without its “id”"), "{why}");

    // A zip bomb: 200 MB of one byte, packed to a few hundred kilobytes.
    let bomb = file(&a, "bomb.ctbundle");
    tampered(&good, &bomb, |_, text| text);
    {
        let mut zip = zip::ZipWriter::new_append(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&bomb)
                .unwrap(),
        )
        .unwrap();
        zip.start_file(
            "comments.jsonl.pad",
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true),
        )
        .unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..200 {
            std::io::Write::write_all(&mut zip, &block).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(std::fs::metadata(&bomb).unwrap().len() < 5 << 20);
    let why = refused(bomb).await;
    assert!(why.contains("zip bomb"), "{why}");

    assert_eq!(
        verify(&b.store).await.unwrap().events,
        before,
        "nothing was written"
    );
    assert!(
        bundle::import(&b.store, &good).await.is_ok(),
        "the real one still merges"
    );
}

/// `tampered`, editing the first row of `table` that `pick` chooses.
pub(crate) fn forged(
    from: &Path,
    to: &Path,
    table: &'static str,
    pick: impl Fn(&serde_json::Map<String, serde_json::Value>) -> bool,
    edit: impl Fn(&mut serde_json::Map<String, serde_json::Value>),
) {
    tampered(from, to, |name, text| {
        if name != format!("{table}.jsonl") {
            return text;
        }
        let mut done = false;
        text.lines()
            .map(|line| {
                let mut row: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(line).unwrap();
                if !done && pick(&row) {
                    edit(&mut row);
                    done = true;
                }
                serde_json::to_string(&row).unwrap() + "\n"
            })
            .collect()
    });
}

#[tokio::test]
async fn a_bundle_cannot_rewrite_known_events_backdate_or_postdate_them_write_as_this_desk_or_forge_an_approval(
) {
    let (a, first, _) = seeded().await;
    let good = file(&a, "a.ctbundle");
    bundle::export(&a.store, &good).await.unwrap();
    let any = |_: &serde_json::Map<String, serde_json::Value>| true;
    let refusal = |store: Store, path: PathBuf| async move {
        bundle::import(&store, &path).await.unwrap_err().to_string()
    };

    // Written after the bundle was.
    let late = file(&a, "late.ctbundle");
    forged(&good, &late, "audit_events", any, |e| {
        e.insert("at".into(), "2099-01-01T00:00:00+00:00".into());
    });
    let b = desk("Ali Rahman").await;
    let why = refusal(b.store.clone(), late).await;
    assert!(why.contains("after the bundle was written"), "{why}");

    // In the name of this desk's own user.
    let ali = users::list(&b.store).await.unwrap()[0].id.clone();
    let impostor = file(&a, "impostor.ctbundle");
    forged(&good, &impostor, "audit_events", any, move |e| {
        e.insert("actor_id".into(), ali.clone().into());
    });
    let why = refusal(b.store.clone(), impostor).await;
    assert!(
        why.contains("names Ali Rahman, who works at this desk"),
        "{why}"
    );

    // An approval no event shows.
    let approved = file(&a, "approved.ctbundle");
    let verdict = first.clone();
    forged(
        &good,
        &approved,
        "verdicts",
        move |v| v["claim_id"] == verdict.as_str(),
        |v| {
            v.insert("approved_by".into(), "someone-else".into());
            v.insert("approved_at".into(), "2025-12-15T10:00:00+00:00".into());
        },
    );
    let why = refusal(b.store.clone(), approved).await;
    assert!(
        why.contains("marked approved, but its events hold no approval"),
        "{why}"
    );

    let before = verify(&b.store).await.unwrap().events;
    assert_eq!(before, 1, "nothing was written but Ali's own profile");
    // The real one merges, and says where each event came from.
    let summary = bundle::import(&b.store, &good).await.unwrap();
    let adopted: i64 = sqlx::query_scalar("SELECT count(*) FROM adopted_events WHERE origin = ?")
        .bind(&summary.bundle_id)
        .fetch_one(b.store.pool())
        .await
        .unwrap();
    assert_eq!(
        adopted as u32, summary.events,
        "each adopted event names its bundle"
    );

    // Once known, an event cannot come back changed.
    let rewritten = file(&a, "rewritten.ctbundle");
    forged(
        &good,
        &rewritten,
        "audit_events",
        |e| e["entity"] == "comment",
        |e| {
            e.insert(
                "after".into(),
                serde_json::json!({ "body": "I never wrote this." }),
            );
        },
    );
    let why = refusal(b.store.clone(), rewritten).await;
    assert!(why.contains("changes the event"), "{why}");
    assert!(verify(&b.store).await.unwrap().ok);
}

#[tokio::test]
async fn the_bundle_previewed_is_the_bundle_imported_even_if_the_file_changes_meanwhile() {
    let (a, first, _) = seeded().await;
    let path = file(&a, "a.ctbundle");
    bundle::export(&a.store, &path).await.unwrap();
    let b = desk("Ali Rahman").await;
    let chosen = bundle::BundleFile::open(&path).unwrap();
    let previewed = bundle::preview_file(&b.store, &chosen).await.unwrap();
    // Someone swaps the file on the shared drive after the preview.
    std::fs::write(&path, b"not a bundle any more").unwrap();
    let imported = bundle::import_file(&b.store, &chosen).await.unwrap();
    assert_eq!(imported.events, previewed.events);
    assert!(
        claims::get(&b.store, &first).await.is_ok(),
        "what was previewed is in"
    );
}
