//! Issue 21 in a real workspace: partial quotes found everywhere, and
//! tracked claims reappearing in what an import brings (candidates a
//! person accepts or dismisses for good).

use std::sync::atomic::AtomicBool;

use crate::common;
use crate::trail::{article, mark};

use claimtrail::import::{find_tracked_claims, import_batch, Input};
use claimtrail::model::{ClaimInfo, ImportOutcome, ImportStatus, MatchKind, MatchScope};
use claimtrail::store::{events_for, Store};
use claimtrail::{matches, reappearances, undo};

const QUOTE: &str =
    "We will never accept a deal that rewards the aggressor and leaves our defence in ruins";

/// Imports Markdown articles the way the app and the CLI do (the batch,
/// then the tracked claims looked for in it); answers the outcomes.
async fn import(
    store: &Store,
    dir: &std::path::Path,
    files: &[(&str, &str)],
) -> Vec<ImportOutcome> {
    let inputs: Vec<Input> = files
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).expect("the file is written");
            Input::Path(path)
        })
        .collect();
    let mut summary = import_batch(store, "test", &inputs, &AtomicBool::new(false), |_| {}).await;
    assert_eq!(summary.error, None);
    find_tracked_claims(store, &mut summary.outcomes).await;
    summary.outcomes
}

/// The speech that first carried the quote; its id.
async fn speech(store: &Store) -> String {
    article(
        store,
        "speech",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &[&format!("\u{201c}{QUOTE},\u{201d} Zelenskyy said.")],
    )
    .await
}

/// The speech with its quote marked as a claim: the claim imports look for.
async fn tracked_speech(store: &Store) -> (String, ClaimInfo) {
    let id = speech(store).await;
    let claim = mark(store, &id, QUOTE, "Volodymyr Zelenskyy").await;
    (id, claim)
}

fn page(slug: &str, outlet: &str, date: &str, body: &str) -> String {
    format!(
        "---\ntitle: {slug}\nurl: https://{}/{slug}\noutlet: {outlet}\ndate: {date}\n---\n\n{body}\n",
        outlet.to_lowercase().replace(' ', "")
    )
}

#[tokio::test]
async fn a_run_of_four_telling_words_is_a_partial_quote_with_what_was_left_out() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let first = speech(store).await;
    let partial = article(
        store,
        "analysis",
        "Daily Planet",
        "2025-12-15T09:00:00-05:00",
        &["The president said Kyiv would never accept a deal that rewards the aggressor, according to aides."],
    )
    .await;
    // Three telling words in a row ("leaves", "defence", "ruins"; "our"
    // and "in" are little words): too little to call it the quote.
    let short = article(
        store,
        "column",
        "Euro Times",
        "2025-12-16T08:00:00+01:00",
        &["Critics fear a deal that leaves our defence in ruins, one analyst wrote."],
    )
    .await;
    let claim = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;

    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    let hit = found
        .hits
        .iter()
        .find(|h| h.article_id == partial)
        .expect("the partial quote is a hit");
    assert_eq!(hit.kind, MatchKind::Partial);
    assert_eq!(hit.exact, "never accept a deal that rewards the aggressor");
    assert!(!hit.verbatim);
    let part = hit.partial.as_ref().expect("what was carried and left out");
    assert_eq!(
        part.matched,
        "never accept a deal that rewards the aggressor"
    );
    assert_eq!(part.left_out_before, "We will");
    assert_eq!(part.left_out_after, "and leaves our defence in ruins");
    assert!(
        (hit.similarity - 8.0 / 16.0).abs() < 1e-9,
        "{}",
        hit.similarity
    );
    assert!(
        found.hits.iter().all(|h| h.article_id != short),
        "three telling words are not a partial quote: {:?}",
        found.hits
    );
    let json = serde_json::to_value(hit).expect("json");
    assert_eq!(json["match"], "partial", "`matches --json` names the kind");
    assert_eq!(
        json["partial"]["left_out_after"],
        "and leaves our defence in ruins"
    );
}

#[tokio::test]
async fn an_import_says_which_tracked_claims_reappear_and_a_person_accepts_or_dismisses_them() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (_, claim) = tracked_speech(store).await;

    let outcomes = import(
        store,
        dir.path(),
        &[
            (
                "copy.md",
                &page(
                    "copy",
                    "Daily Planet",
                    "2025-12-15T09:00:00-05:00",
                    "Zelensky told reporters: \"We will never accept any deal that rewards the aggressor and leaves our defense in ruins.\"",
                ),
            ),
            (
                "part.md",
                &page(
                    "part",
                    "Euro Times",
                    "2025-12-16T08:00:00+01:00",
                    "Aides said the president would never accept a deal that rewards the aggressor.",
                ),
            ),
            (
                "weather.md",
                &page("weather", "Kyiv Wire", "2025-12-16", "Snow fell on Kyiv on Tuesday."),
            ),
        ],
    )
    .await;
    let counts: Vec<Option<u32>> = outcomes.iter().map(|o| o.reappearing_claims).collect();
    assert_eq!(counts, [Some(1), Some(1), None], "{outcomes:#?}");
    let json = serde_json::to_value(&outcomes[0]).expect("json");
    assert_eq!(json["reappearing_claims"], 1);
    assert!(serde_json::to_value(&outcomes[2])
        .expect("json")
        .get("reappearing_claims")
        .is_none());

    let waiting = reappearances::list(store, None).await.expect("list");
    let kinds: Vec<MatchKind> = waiting.iter().map(|r| r.hit.kind).collect();
    assert_eq!(waiting.len(), 2, "{waiting:#?}");
    assert!(
        kinds.contains(&MatchKind::Near) && kinds.contains(&MatchKind::Partial),
        "{kinds:?}"
    );
    assert!(waiting.iter().all(|r| r.claim.id == claim.id));
    let copy_id = outcomes[0].article.as_ref().expect("stored").id.clone();
    let in_copy = reappearances::list(store, Some(&copy_id))
        .await
        .expect("list");
    assert_eq!(in_copy.len(), 1);
    assert_eq!(in_copy[0].hit.hints.speaker.as_deref(), Some("Zelensky"));

    // Accept: an appearance with its own article's speaker and time.
    let accepted = reappearances::accept(store, &in_copy[0].id)
        .await
        .expect("accepted");
    assert_eq!(accepted.appearances.len(), 2);
    let added = accepted
        .appearances
        .iter()
        .find(|a| a.article_id == copy_id)
        .expect("the new appearance is in the copy");
    assert_eq!(
        added.stated_at.as_deref(),
        Some("2025-12-15T09:00:00-05:00")
    );
    assert!(reappearances::list(store, Some(&copy_id))
        .await
        .expect("list")
        .is_empty());
    // Undone, the place is offered again.
    undo::undo(store, None).await.expect("undone");
    assert_eq!(
        reappearances::list(store, Some(&copy_id))
            .await
            .expect("list")
            .len(),
        1
    );
    let in_copy = reappearances::list(store, Some(&copy_id))
        .await
        .expect("list");
    reappearances::accept(store, &in_copy[0].id)
        .await
        .expect("accepted again");

    // Not the same: gone, recorded, and not offered again when the
    // article comes back as a new revision.
    let part_id = outcomes[1].article.as_ref().expect("stored").id.clone();
    let in_part = reappearances::list(store, Some(&part_id))
        .await
        .expect("list");
    reappearances::dismiss(store, &in_part[0].id)
        .await
        .expect("dismissed");
    assert!(reappearances::list(store, Some(&part_id))
        .await
        .expect("list")
        .is_empty());
    let events = events_for(store, "article", &part_id)
        .await
        .expect("events");
    assert!(
        events.iter().any(|e| e.action == "dismiss_reappearance"),
        "{events:#?}"
    );
    let again = import(
        store,
        dir.path(),
        &[(
            "part-v2.md",
            &page(
                "part",
                "Euro Times",
                "2025-12-16T08:00:00+01:00",
                "Talks resumed on Wednesday.\n\nAides said the president would never accept a deal that rewards the aggressor.",
            ),
        )],
    )
    .await;
    assert_eq!(
        again[0].status,
        ImportStatus::Revised,
        "{:?}",
        again[0].reason
    );
    assert_eq!(
        again[0].reappearing_claims, None,
        "a dismissed place stays dismissed"
    );

    // Restored (the Undo of Not the same), it is offered again.
    reappearances::restore(store, &part_id, &claim.id, &in_part[0].hit.exact)
        .await
        .expect("restored");
    assert_eq!(
        reappearances::list(store, Some(&part_id))
            .await
            .expect("list")
            .len(),
        1
    );
}

#[tokio::test]
async fn an_import_into_a_workspace_without_claims_finds_nothing_and_writes_nothing() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let outcomes = import(
        store,
        dir.path(),
        &[(
            "a.md",
            &page(
                "a",
                "Kyiv Wire",
                "2025-12-16",
                &format!("\"{QUOTE}\", he said."),
            ),
        )],
    )
    .await;
    assert_eq!(outcomes[0].reappearing_claims, None);
    assert!(reappearances::list(store, None)
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn not_the_same_travels_in_a_bundle_so_a_colleagues_desk_does_not_offer_it_again() {
    let ana = common::workspace().await;
    let store = &ana.store;
    let dir = tempfile::tempdir().expect("a temporary folder");
    tracked_speech(store).await;
    let outcomes = import(
        store,
        dir.path(),
        &[(
            "part.md",
            &page(
                "part",
                "Euro Times",
                "2025-12-16T08:00:00+01:00",
                "Aides said the president would never accept a deal that rewards the aggressor.",
            ),
        )],
    )
    .await;
    let part = outcomes[0].article.as_ref().expect("stored").id.clone();
    let waiting = reappearances::list(store, Some(&part)).await.expect("list");
    reappearances::dismiss(store, &waiting[0].id)
        .await
        .expect("dismissed");

    let ben = common::workspace().await;
    let path = ana.dir.path().join("desk.ctbundle");
    claimtrail::bundle::export(store, &path)
        .await
        .expect("exported");
    claimtrail::bundle::import(&ben.store, &path)
        .await
        .expect("imported");
    // Ben's desk looks for the tracked claims in the article itself.
    let found = reappearances::scan(&ben.store, std::slice::from_ref(&part))
        .await
        .expect("scanned");
    assert!(found.is_empty(), "Ana said it is not the same: {found:?}");
    assert!(reappearances::list(&ben.store, None)
        .await
        .expect("list")
        .is_empty());
}

#[tokio::test]
async fn articles_a_colleagues_bundle_brings_are_searched_for_the_tracked_claims_once() {
    let ana = common::workspace().await;
    let ben = common::workspace().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let send = |n: u32| {
        let (from, to) = (&ana, &ben);
        async move {
            let path = from.dir.path().join(format!("desk-{n}.ctbundle"));
            claimtrail::bundle::export(&from.store, &path)
                .await
                .expect("exported");
            claimtrail::bundle::import(&to.store, &path)
                .await
                .expect("imported");
            reappearances::after_arrivals(&to.store).await;
        }
    };
    tracked_speech(&ana.store).await;
    send(1).await;
    assert!(reappearances::list(&ben.store, None)
        .await
        .expect("list")
        .is_empty());

    // Ana imports a copy; her bundle brings it to Ben, whose desk finds it.
    import(
        &ana.store,
        dir.path(),
        &[(
            "copy.md",
            &page(
                "copy",
                "Daily Planet",
                "2025-12-15T09:00:00-05:00",
                &format!("\"{QUOTE}\" - Zelensky said on Sunday."),
            ),
        )],
    )
    .await;
    send(2).await;
    let found = reappearances::list(&ben.store, None).await.expect("list");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].hit.kind, MatchKind::Verbatim);
    // Searched once: the same bundle again finds nothing new to search.
    assert!(reappearances::scan_pending(&ben.store)
        .await
        .expect("pending")
        .is_empty());
}
