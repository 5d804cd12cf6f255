//! Issue 21, matching by meaning in a real workspace: statements embedded
//! after import (never during it), found again where another outlet
//! paraphrased or translated a tracked quote, each hit saying which.

use crate::common;
use crate::semantic::model;
use crate::trail::{article, mark};

use claimtrail::meaning;
use claimtrail::model::{MatchKind, MatchScope};
use claimtrail::store::Store;
use claimtrail::{matches, undo};

const QUOTE: &str = "Ukraine is ready to hold elections once a ceasefire is in place";

async fn coverage(store: &Store) -> (String, String, String) {
    let speech = article(
        store,
        "speech",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &[&format!(
            "\u{201c}{QUOTE},\u{201d} Zelenskyy told reporters in Berlin on Sunday."
        )],
    )
    .await;
    let paraphrase = article(
        store,
        "paraphrase",
        "Daily Ledger",
        "2025-12-15T08:00:00+00:00",
        &[
            "Markets in Europe were calm on Monday.",
            "Zelenskyy said Ukraine was prepared to hold elections as soon as a ceasefire takes effect.",
        ],
    )
    .await;
    let translation = article(
        store,
        "translation",
        "Ukrainska Pravda",
        "2025-12-15T09:00:00+02:00",
        &["\u{ab}Україна готова провести вибори, щойно буде встановлено режим припинення вогню\u{bb}, \u{2014} сказав Зеленський."],
    )
    .await;
    (speech, paraphrase, translation)
}

#[tokio::test]
async fn a_paraphrase_and_a_translation_are_found_once_embedded() {
    let _ = model();
    let ws = common::workspace().await;
    let store = &ws.store;
    let (speech, paraphrase, translation) = coverage(store).await;
    let claim = mark(store, &speech, QUOTE, "Volodymyr Zelenskyy").await;

    // Imported, not embedded yet: words only, and it says what waits.
    let before = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert!(
        before.hits.iter().all(|h| h.kind.is_words()),
        "{:#?}",
        before.hits
    );
    assert!(before.meaning.on);
    assert_eq!(before.meaning.waiting, 3);

    let mut seen = Vec::new();
    let outcome = meaning::embed_waiting(store, model(), None, 2, |done, total| {
        seen.push((done, total))
    })
    .await
    .expect("embedded");
    assert_eq!(outcome.articles, 3);
    assert!(outcome.statements >= 3, "{outcome:?}");
    assert_eq!(outcome.waiting, 0);
    assert_eq!(seen.first(), Some(&(0, 3)));
    assert_eq!(seen.last(), Some(&(3, 3)));

    let after = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert_eq!(after.meaning.waiting, 0);
    let in_article = |id: &str| after.hits.iter().find(|h| h.article_id == id);
    let same = in_article(&paraphrase).expect("the paraphrase is found");
    assert_eq!(same.kind, MatchKind::Paraphrase);
    assert!(
        same.exact.contains("prepared to hold elections"),
        "{}",
        same.exact
    );
    assert!(same.similarity >= f64::from(claimtrail::matches::MEANING_THRESHOLD));
    let translated = in_article(&translation).expect("the translation is found");
    assert_eq!(translated.kind, MatchKind::Translation);
    assert!(translated.exact.contains("вибори"), "{}", translated.exact);
    // The calm markets are no statement of the claim.
    assert!(after.hits.iter().all(|h| !h.exact.contains("Markets")));

    // Accepted, the translation is an appearance with its own speaker.
    let info = matches::accept(store, translated).await.expect("accepted");
    assert_eq!(info.appearances.len(), 2);
    let again = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert!(
        again.hits.iter().all(|h| h.article_id != translation),
        "an appearance is no hit"
    );
    undo::undo(store, None).await.expect("undone");
    let undone = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert!(
        undone.hits.iter().any(|h| h.article_id == translation),
        "offered again after Undo"
    );
}

#[tokio::test]
async fn embedding_runs_once_per_revision_and_a_new_revision_waits_again() {
    let _ = model();
    let ws = common::workspace().await;
    let store = &ws.store;
    let (speech, _, _) = coverage(store).await;
    let first = meaning::embed_waiting(store, model(), Some(2), 2, |_, _| {})
        .await
        .expect("embedded");
    assert_eq!(
        (first.articles, first.waiting),
        (2, 1),
        "a limit leaves the rest waiting"
    );
    let rest = meaning::embed_waiting(store, model(), None, 2, |_, _| {})
        .await
        .expect("embedded");
    assert_eq!((rest.articles, rest.waiting), (1, 0));
    let none = meaning::embed_waiting(store, model(), None, 2, |_, _| {})
        .await
        .expect("nothing");
    assert_eq!(none.articles, 0);
    let status = meaning::status(store).await.expect("status");
    assert_eq!((status.embedded, status.waiting), (3, 0));
    let statements = status.statements;

    // The speech corrected: its new revision waits, the old vectors go.
    article(
        store,
        "speech",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &[&format!("\u{201c}{QUOTE},\u{201d} Zelenskyy told reporters in Berlin on Sunday, adding that voting would take months to prepare.")],
    )
    .await;
    assert_eq!(meaning::waiting(store).await.expect("waiting"), 1);
    meaning::embed_waiting(store, model(), None, 2, |_, _| {})
        .await
        .expect("embedded");
    let status = meaning::status(store).await.expect("status");
    assert_eq!(status.waiting, 0);
    assert_eq!(
        status.statements, statements,
        "the old revision's vectors were replaced"
    );
    let stale: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM statement_vectors v JOIN revisions r ON r.id = v.revision_id
         JOIN articles a ON a.id = r.article_id WHERE a.current_revision_id <> v.revision_id",
    )
    .fetch_one(store.pool())
    .await
    .expect("counted");
    assert_eq!(stale, 0);
    let _ = speech;
    // Embedding wrote no history: it is no change to the work.
    let check = claimtrail::store::verify(store)
        .await
        .expect("the audit log reads");
    assert!(check.ok, "{check:?}");
}

#[tokio::test]
async fn the_same_words_from_another_speaker_are_not_the_same_claim() {
    let _ = model();
    let ws = common::workspace().await;
    let store = &ws.store;
    let (speech, paraphrase, _) = coverage(store).await;
    claimtrail::persons::create(store, "Vladimir Putin", &[])
        .await
        .expect("a person");
    let other = article(
        store,
        "other-speaker",
        "Moscow Daily",
        "2025-12-15T10:00:00+03:00",
        &["Putin said Russia was prepared to hold elections as soon as a ceasefire takes effect."],
    )
    .await;
    let claim = mark(store, &speech, QUOTE, "Volodymyr Zelenskyy").await;
    meaning::embed_waiting(store, model(), None, 2, |_, _| {})
        .await
        .expect("embedded");
    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert!(
        found.hits.iter().any(|h| h.article_id == paraphrase),
        "Zelenskyy's paraphrase is found"
    );
    assert!(
        found.hits.iter().all(|h| h.article_id != other),
        "Putin saying it is another claim: {:#?}",
        found
            .hits
            .iter()
            .filter(|h| h.article_id == other)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn once_embedded_the_new_articles_offer_tracked_claims_said_in_other_words() {
    let _ = model();
    let ws = common::workspace().await;
    let store = &ws.store;
    let (speech, paraphrase, translation) = coverage(store).await;
    let claim = mark(store, &speech, QUOTE, "Volodymyr Zelenskyy").await;
    let mut outcome = meaning::embed_waiting(store, model(), None, 2, |_, _| {})
        .await
        .expect("embedded");
    let mut embedded = outcome.article_ids.clone();
    embedded.sort();
    let mut all = vec![speech.clone(), paraphrase.clone(), translation.clone()];
    all.sort();
    assert_eq!(embedded, all);
    // The tracked quote's vector is kept, for this search and the next.
    let mut conn = store.pool().acquire().await.expect("a connection");
    let kept = meaning::quote_vector(&mut conn, QUOTE)
        .await
        .expect("read")
        .expect("the quote's vector is kept");
    drop(conn);
    assert!(claimtrail::semantic::cosine(&kept, &model().embed(QUOTE)) > 0.9999);
    claimtrail::reappearances::after_embedding(store, &mut outcome).await;
    assert_eq!(
        outcome.reappearing, 2,
        "the paraphrase's and the translation's articles"
    );
    let waiting = claimtrail::reappearances::list(store, None)
        .await
        .expect("listed");
    let mut kinds: Vec<(String, MatchKind)> = waiting
        .iter()
        .map(|r| (r.hit.article_id.clone(), r.hit.kind))
        .collect();
    kinds.sort_by(|a, b| a.0.cmp(&b.0));
    let mut want = vec![
        (paraphrase.clone(), MatchKind::Paraphrase),
        (translation.clone(), MatchKind::Translation),
    ];
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(kinds, want);
    assert!(waiting.iter().all(|r| r.claim.id == claim.id));

    // Accepted, the translation is an appearance; looking again adds nothing twice.
    let translated = waiting
        .iter()
        .find(|r| r.hit.article_id == translation)
        .expect("offered");
    let info = claimtrail::reappearances::accept(store, &translated.id)
        .await
        .expect("accepted");
    assert_eq!(info.appearances.len(), 2);
    let found = claimtrail::reappearances::scan_meaning(store, &all)
        .await
        .expect("again");
    assert!(found.is_empty(), "nothing new: {found:?}");
    let left = claimtrail::reappearances::list(store, None)
        .await
        .expect("listed");
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].hit.article_id, paraphrase);
}
