//! Claims, appearances and persons in a real workspace: marking, editing,
//! the audit trail of each change, alias-aware persons and merging, and
//! appearances that follow their text into a new revision.

use crate::common;

use claimtrail::claims;
use claimtrail::import::{import_bytes, Hints};
use claimtrail::model::{
    AnchorState, AppearanceDetails, AppearanceFields, AppearanceInfo, AppearanceKind,
    AttributionStep, ClaimFields, ClaimInfo, ClaimQuery, StepKind,
};
use claimtrail::persons;
use claimtrail::store::{events_for, Store, StoreError};

const URL: &str = "https://news.example/world/berlin-talks";

/// A Markdown article at `URL` with the given paragraphs; importing it
/// again with other paragraphs makes a new revision.
fn article_bytes(paragraphs: &[&str]) -> Vec<u8> {
    format!(
        "---\ntitle: Envoys meet in Berlin\nurl: {URL}\noutlet: Example Daily\ndate: 2025-12-14T18:20:00+01:00\n---\n\n{}\n",
        paragraphs.join("\n\n")
    )
    .into_bytes()
}

async fn import(store: &Store, paragraphs: &[&str]) -> String {
    let stored = common::import_file(store, "berlin.md", &article_bytes(paragraphs)).await;
    stored.article.id
}

const P1: &str = "US envoys met President Volodymyr Zelenskyy in Berlin on Sunday.";
const P2: &str = "Zelenskyy said Ukraine could accept legally binding security guarantees instead of NATO membership.";
const P3: &str = "The talks were expected to continue on Monday, officials said.";

/// Marks `quote` (the first place it stands) in the article's current revision.
async fn mark(store: &Store, article_id: &str, quote: &str, claimant: Option<&str>) -> ClaimInfo {
    let body = claimtrail::articles::show(store, article_id, None)
        .await
        .expect("the article exists")
        .body;
    let (start, end) = claims::find_quote_span(&body, quote).expect("the quote is in the text");
    claims::create(
        store,
        &ClaimFields {
            statement: quote.to_owned(),
            claimant: claimant.map(str::to_owned),
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article_id.to_owned(),
            revision: None,
            start: start as u32,
            end: end as u32,
            details: AppearanceDetails::default(),
        }),
    )
    .await
    .expect("the claim is stored")
}

async fn count(store: &Store, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
        .fetch_one(store.pool())
        .await
        .expect("the table exists")
}

#[tokio::test]
async fn a_marked_claim_keeps_its_selectors_claimant_defaults_and_audit_events() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(
        &ws.store,
        &article,
        "Ukraine could accept legally binding security guarantees",
        Some("Volodymyr Zelenskyy"),
    )
    .await;

    assert_eq!(claim.claimant.as_deref(), Some("Volodymyr Zelenskyy"));
    let a = &claim.appearances[0];
    let body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let sliced: String = body
        .chars()
        .skip(a.start as usize)
        .take((a.end - a.start) as usize)
        .collect();
    assert_eq!(sliced, a.exact, "positions count code points of `body`");
    assert_eq!(a.suffix.chars().count(), 32, "32 chars of suffix are kept");
    assert!(
        a.prefix.ends_with("Zelenskyy said "),
        "the prefix is the text before"
    );
    assert_eq!(a.anchor, AnchorState::Anchored);
    assert_eq!(a.kind, AppearanceKind::DirectQuote);
    assert_eq!(
        a.speaker.as_deref(),
        Some("Volodymyr Zelenskyy"),
        "the speaker defaults to the claimant"
    );
    assert_eq!(
        a.stated_at.as_deref(),
        Some("2025-12-14T18:20:00+01:00"),
        "the stated time defaults to the published time, offset kept"
    );
    let chain: Vec<&str> = a.attribution.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        chain,
        ["Volodymyr Zelenskyy", "Example Daily"],
        "with no chain given, the speaker then the publishing outlet"
    );

    let claim_events = events_for(&ws.store, "claim", &claim.id).await.unwrap();
    assert_eq!(claim_events.len(), 1, "one create event for the claim");
    assert_eq!(claim_events[0].action, "create");
    let appearance_events = events_for(&ws.store, "appearance", &a.id).await.unwrap();
    assert_eq!(appearance_events[0].action, "create");
    assert_eq!(
        appearance_events[0].after.as_ref().unwrap()["exact"],
        a.exact.as_str(),
        "the audit event holds what was stored"
    );
}

#[tokio::test]
async fn given_fields_are_kept_and_a_chain_is_stored_in_order() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let (start, end) =
        claims::find_quote_span(&body, "legally binding security guarantees").unwrap();
    let claim = claims::create(
        &ws.store,
        &ClaimFields {
            statement: "Ukraine would drop its NATO bid for binding guarantees".into(),
            claimant: Some("Zelenskyy".into()),
            condition: Some("if the guarantees are legally binding".into()),
            note: Some("Check the Berlin readout".into()),
            tags: vec!["nato".into(), " ukraine ".into(), "nato".into()],
        },
        Some(&AppearanceFields {
            article_id: article.clone(),
            revision: None,
            start: start as u32,
            end: end as u32,
            details: AppearanceDetails {
                kind: AppearanceKind::Paraphrase,
                speaker: Some("Zelenskyy".into()),
                stated_at: Some("2025-12-14".into()),
                venue: Some("WhatsApp chat with reporters".into()),
                attribution: vec![
                    step("Zelenskyy", StepKind::Person, None),
                    step("Al Jazeera", StepKind::Outlet, Some("Al Jazeera reported")),
                    step("ANI", StepKind::Outlet, None),
                ],
            },
        }),
    )
    .await
    .unwrap();
    assert_eq!(
        claim.tags,
        ["nato", "ukraine"],
        "tags are trimmed and unique"
    );
    assert_eq!(
        claim.condition.as_deref(),
        Some("if the guarantees are legally binding")
    );
    let a = &claim.appearances[0];
    assert_eq!(a.kind, AppearanceKind::Paraphrase);
    assert_eq!(
        a.stated_at.as_deref(),
        Some("2025-12-14"),
        "a date stays a date"
    );
    assert_eq!(a.venue.as_deref(), Some("WhatsApp chat with reporters"));
    let chain: Vec<(&str, StepKind)> = a
        .attribution
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        chain,
        [
            ("Zelenskyy", StepKind::Person),
            ("Al Jazeera", StepKind::Outlet),
            ("ANI", StepKind::Outlet)
        ]
    );
    assert_eq!(a.attribution[1].cue.as_deref(), Some("Al Jazeera reported"));
}

fn step(name: &str, kind: StepKind, cue: Option<&str>) -> AttributionStep {
    AttributionStep {
        name: name.into(),
        kind,
        cue: cue.map(str::to_owned),
    }
}

#[tokio::test]
async fn refused_input_writes_nothing() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let before = (
        count(&ws.store, "claims").await,
        count(&ws.store, "audit_events").await,
    );
    let span = |start, end| AppearanceFields {
        article_id: article.clone(),
        revision: None,
        start,
        end,
        details: AppearanceDetails::default(),
    };
    let cases: Vec<(ClaimFields, AppearanceFields)> = vec![
        (ClaimFields::default(), span(0, 5)),
        (
            ClaimFields {
                statement: "x".into(),
                ..ClaimFields::default()
            },
            span(5, 5),
        ),
        (
            ClaimFields {
                statement: "x".into(),
                ..ClaimFields::default()
            },
            span(0, 100_000),
        ),
        (
            ClaimFields {
                statement: "x".into(),
                claimant: Some("A new person".into()),
                ..ClaimFields::default()
            },
            AppearanceFields {
                details: AppearanceDetails {
                    stated_at: Some("last Sunday-ish".into()),
                    ..AppearanceDetails::default()
                },
                ..span(0, 5)
            },
        ),
    ];
    for (claim, appearance) in cases {
        let err = claims::create(&ws.store, &claim, Some(&appearance))
            .await
            .expect_err("bad input is refused");
        assert!(
            matches!(err, StoreError::Invalid { .. }),
            "a refusal a person can act on, not a workspace error: {err}"
        );
        assert!(!err.to_string().is_empty());
    }
    let after = (
        count(&ws.store, "claims").await,
        count(&ws.store, "audit_events").await,
    );
    assert_eq!(before, after, "no claim, person or event is half-written");
    assert_eq!(
        count(&ws.store, "persons").await,
        0,
        "the new claimant was rolled back too"
    );
}

#[tokio::test]
async fn editing_a_claim_is_audited_with_before_and_after_and_a_no_op_is_not() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(
        &ws.store,
        &article,
        "could accept legally binding",
        Some("Zelenskyy"),
    )
    .await;
    let mut fields = ClaimFields {
        statement: claim.statement.clone(),
        claimant: claim.claimant.clone(),
        ..ClaimFields::default()
    };
    claims::update(&ws.store, &claim.id, &fields).await.unwrap();
    assert_eq!(
        events_for(&ws.store, "claim", &claim.id)
            .await
            .unwrap()
            .len(),
        1,
        "saving unchanged fields records nothing"
    );
    fields.statement = "Ukraine could accept binding guarantees".into();
    let updated = claims::update(&ws.store, &claim.id, &fields).await.unwrap();
    assert_eq!(updated.statement, "Ukraine could accept binding guarantees");
    let events = events_for(&ws.store, "claim", &claim.id).await.unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.action, "update");
    assert_eq!(
        last.before.as_ref().unwrap()["statement"],
        "could accept legally binding"
    );
    assert_eq!(
        last.after.as_ref().unwrap()["statement"],
        "Ukraine could accept binding guarantees"
    );

    let a = &updated.appearances[0];
    let edited = claims::update_appearance(
        &ws.store,
        &a.id,
        &AppearanceDetails {
            kind: AppearanceKind::Paraphrase,
            venue: Some("press conference".into()),
            ..AppearanceDetails::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(edited.appearances[0].kind, AppearanceKind::Paraphrase);
    assert_eq!(
        edited.appearances[0].venue.as_deref(),
        Some("press conference")
    );
    let events = events_for(&ws.store, "appearance", &a.id).await.unwrap();
    assert_eq!(events.last().unwrap().action, "update");
}

#[tokio::test]
async fn deleting_keeps_what_was_deleted_in_the_audit_log() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(&ws.store, &article, "could accept legally binding", None).await;
    let second_body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let (start, end) = claims::find_quote_span(&second_body, "instead of NATO membership").unwrap();
    let claim = claims::add_appearance(
        &ws.store,
        &claim.id,
        &AppearanceFields {
            article_id: article.clone(),
            revision: None,
            start: start as u32,
            end: end as u32,
            details: AppearanceDetails::default(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        claim.appearances.len(),
        2,
        "a second span of the same claim"
    );
    let first = claim.appearances[0].id.clone();
    let claim = claims::delete_appearance(&ws.store, &first).await.unwrap();
    assert_eq!(
        claim.appearances.len(),
        1,
        "the claim stays with its other appearance"
    );
    claims::delete(&ws.store, &claim.id).await.unwrap();
    assert!(matches!(
        claims::get(&ws.store, &claim.id).await,
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(count(&ws.store, "appearances").await, 0);
    let events = events_for(&ws.store, "claim", &claim.id).await.unwrap();
    let deleted = events.last().unwrap();
    assert_eq!(deleted.action, "delete");
    assert_eq!(
        deleted.before.as_ref().unwrap()["statement"],
        "could accept legally binding",
        "the deleted claim can be read back from its event"
    );
    let second = &claim.appearances[0].id;
    let events = events_for(&ws.store, "appearance", second).await.unwrap();
    assert_eq!(
        events.last().unwrap().action,
        "delete",
        "its appearance is logged too"
    );
}

#[tokio::test]
async fn search_as_you_type_finds_claims_by_statement_quote_and_claimant_alias() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(
        &ws.store,
        &article,
        "could accept legally binding",
        Some("Volodymyr Zelenskyy"),
    )
    .await;
    persons::add_alias(
        &ws.store,
        claim.claimant_id.as_deref().unwrap(),
        "the Ukrainian president",
    )
    .await
    .unwrap();
    mark(
        &ws.store,
        &article,
        "expected to continue on Monday",
        Some("officials"),
    )
    .await;
    for text in ["LEGALLY", "ukrainian president", "zelenskyy could"] {
        let found = claims::list(
            &ws.store,
            &ClaimQuery {
                text: Some(text.into()),
                ..ClaimQuery::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(found.len(), 1, "“{text}” finds the one claim");
        assert_eq!(found[0].id, claim.id);
    }
    let all = claims::list(
        &ws.store,
        &ClaimQuery {
            article_id: Some(article.clone()),
            ..ClaimQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(all.len(), 2, "both claims appear in the article");
    let odd = claims::list(
        &ws.store,
        &ClaimQuery {
            text: Some("100%_".into()),
            ..ClaimQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(
        odd.is_empty(),
        "LIKE wildcards in the query are taken literally"
    );
}

#[tokio::test]
async fn spellings_and_aliases_resolve_to_one_person() {
    let ws = common::workspace().await;
    let person = persons::create(
        &ws.store,
        "Volodymyr Zelenskyy",
        &["the Ukrainian president".into()],
    )
    .await
    .unwrap();
    let mut conn = ws.store.pool().acquire().await.unwrap();
    for name in [
        "Volodymyr Zelenskyy",
        "volodymyr zelenskiy",
        "Zelenskyy",
        "Zelensky",
        "Zelenskiy",
        "The Ukrainian President",
    ] {
        assert_eq!(
            persons::resolve(&mut conn, name).await.unwrap().as_deref(),
            Some(person.id.as_str()),
            "{name} is Volodymyr Zelenskyy"
        );
    }
    assert_eq!(
        persons::resolve(&mut conn, "Olena Zelenska").await.unwrap(),
        None
    );
    drop(conn);

    let err = persons::create(&ws.store, "the Ukrainian President", &[])
        .await
        .expect_err("a name another person has is refused");
    assert!(
        err.to_string().contains("Volodymyr Zelenskyy"),
        "the message names the owner: {err}"
    );

    persons::create(&ws.store, "Oleksandr Zelenskyy", &[])
        .await
        .unwrap();
    let mut conn = ws.store.pool().acquire().await.unwrap();
    assert_eq!(
        persons::resolve(&mut conn, "Zelenskyy").await.unwrap(),
        None,
        "a surname two persons share resolves to nobody rather than the wrong one"
    );
}

#[tokio::test]
async fn merging_persons_moves_claims_and_appearances_and_is_audited() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let a = mark(
        &ws.store,
        &article,
        "could accept legally binding",
        Some("Volodymyr Zelenskyy"),
    )
    .await;
    let b = mark(
        &ws.store,
        &article,
        "instead of NATO membership",
        Some("V. Zelenskyi"),
    )
    .await;
    assert_ne!(
        a.claimant_id, b.claimant_id,
        "two records of one man, before the merge"
    );

    let merged_id = b.claimant_id.clone().unwrap();
    let survivor = persons::merge(&ws.store, &merged_id, a.claimant_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_eq!(survivor.name, "Volodymyr Zelenskyy");
    assert!(
        survivor.aliases.contains(&"V. Zelenskyi".to_owned()),
        "the merged name becomes an alias"
    );
    assert_eq!(survivor.claims, 2);
    let b = claims::get(&ws.store, &b.id).await.unwrap();
    assert_eq!(b.claimant_id, a.claimant_id, "the claim follows");
    assert_eq!(
        b.appearances[0].speaker_id, a.claimant_id,
        "the appearance's speaker follows"
    );
    assert_eq!(
        b.appearances[0].attribution[0].name, "Volodymyr Zelenskyy",
        "the attribution chain follows"
    );
    let listed = persons::list(&ws.store).await.unwrap();
    assert_eq!(listed.len(), 1, "the merged record is no longer listed");
    let merged_events = events_for(&ws.store, "person", &merged_id).await.unwrap();
    assert_eq!(
        merged_events.last().unwrap().action,
        "merge",
        "the merge is recorded on the merged person"
    );
    let claim_events = events_for(&ws.store, "claim", &b.id).await.unwrap();
    assert_eq!(
        claim_events.last().unwrap().action,
        "update",
        "the claim's move is in its history"
    );
    let same = persons::merge(&ws.store, &survivor.id, &survivor.id).await;
    assert!(
        matches!(same, Err(StoreError::Invalid { .. })),
        "a person cannot merge into themselves"
    );
}

#[tokio::test]
async fn a_new_revision_moves_appearances_and_never_loses_one() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let moved = mark(
        &ws.store,
        &article,
        "legally binding security guarantees",
        Some("Zelenskyy"),
    )
    .await;
    let orphan = mark(&ws.store, &article, "expected to continue on Monday", None).await;
    let before = moved.appearances[0].clone();

    let inserted =
        "Ukraine's foreign minister travelled to Brussels on Saturday for talks with NATO allies.";
    let again = import(&ws.store, &[inserted, P1, P2]).await;
    assert_eq!(
        again, article,
        "same URL, changed text: a revision of the same article"
    );

    let moved = claims::get(&ws.store, &moved.id).await.unwrap();
    let a = &moved.appearances[0];
    assert_eq!(a.revision, 2, "it now counts in the new revision");
    assert!(
        a.start > before.start,
        "text inserted before it pushed it along"
    );
    assert_eq!(a.exact, before.exact);
    assert_eq!(a.anchor, AnchorState::Moved);
    assert_eq!(a.previous_exact, None, "its words did not change");
    let body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let sliced: String = body
        .chars()
        .skip(a.start as usize)
        .take((a.end - a.start) as usize)
        .collect();
    assert_eq!(sliced, a.exact, "the new offsets slice the new body");

    let orphan = claims::get(&ws.store, &orphan.id).await.unwrap();
    let o = &orphan.appearances[0];
    assert_eq!(o.anchor, AnchorState::Orphaned, "its paragraph was deleted");
    assert_eq!(o.revision, 1, "it keeps the revision it was marked in");
    assert_eq!(
        o.exact, "expected to continue on Monday",
        "and its old quote"
    );
    let listed = claims::article_appearances(&ws.store, &article)
        .await
        .unwrap();
    assert_eq!(
        listed.len(),
        2,
        "the orphan is still listed with the article"
    );

    let events = events_for(&ws.store, "appearance", &a.id).await.unwrap();
    let reanchor = events.last().unwrap();
    assert_eq!(reanchor.action, "reanchor", "the move is audited");
    assert_eq!(reanchor.before.as_ref().unwrap()["start"], before.start);
}

#[tokio::test]
async fn an_uncertain_match_needs_review_and_a_person_places_it() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(
        &ws.store,
        &article,
        "met President Volodymyr Zelenskyy in Berlin",
        None,
    )
    .await;
    import(
        &ws.store,
        &[
            "US envoys met President Volodymyr Zelenskyy in Paris on Sunday.",
            P2,
            P3,
        ],
    )
    .await;
    let claim = claims::get(&ws.store, &claim.id).await.unwrap();
    let a = &claim.appearances[0];
    assert_eq!(
        a.anchor,
        AnchorState::NeedsReview,
        "a changed place name changes the claim: a person decides"
    );
    let candidate = a.candidate.clone().expect("the best candidate is shown");
    assert_eq!(candidate.revision, 2);
    assert!(
        candidate.exact.contains("Paris"),
        "candidate: {}",
        candidate.exact
    );
    assert_eq!(a.revision, 1, "until then it stays where it was");

    let placed = claims::place(&ws.store, &a.id, candidate.start, candidate.end)
        .await
        .unwrap();
    let a = &placed.appearances[0];
    assert_eq!(a.anchor, AnchorState::Anchored);
    assert_eq!(a.revision, 2);
    assert_eq!(a.exact, candidate.exact);
    assert!(a.candidate.is_none());
    let events = events_for(&ws.store, "appearance", &a.id).await.unwrap();
    assert_eq!(events.last().unwrap().action, "place");
}

#[tokio::test]
async fn reanchor_reports_every_appearance_and_changes_nothing_twice() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    mark(
        &ws.store,
        &article,
        "legally binding security guarantees",
        None,
    )
    .await;
    import(&ws.store, &[P1, "Zelenskyy said Ukraine could accept “legally binding security guarantees” instead of NATO membership.", P3]).await;
    let events = count(&ws.store, "audit_events").await;
    let results = claims::reanchor_article(&ws.store, &article).await.unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].revision, 2);
    assert_eq!(
        count(&ws.store, "audit_events").await,
        events,
        "appearances already on the current revision are left alone"
    );
    assert!(matches!(
        claims::reanchor_article(&ws.store, "no-such-article").await,
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_quote_is_found_with_quote_marks_dashes_and_case_forgiven() {
    let body = "He said: “It’s a compromise — from our part.”";
    let (start, end) = claims::find_quote_span(body, "it's a compromise - from our part").unwrap();
    let found: String = body.chars().skip(start).take(end - start).collect();
    assert_eq!(found, "It’s a compromise — from our part");
    assert_eq!(claims::find_quote_span(body, "not there"), None);
    assert_eq!(claims::find_quote_span(body, "   "), None);
}

/// Marks the guarantees quote of P2, imports a revision whose second
/// paragraph reads `p2`, and returns the appearance as it then stands.
async fn mark_p2_then_revise(store: &Store, p2: &str) -> AppearanceInfo {
    let article = import(store, &[P1, P2, P3]).await;
    let claim = mark(
        store,
        &article,
        "Ukraine could accept legally binding security guarantees",
        None,
    )
    .await;
    import(store, &[P1, p2, P3]).await;
    claims::get(store, &claim.id)
        .await
        .unwrap()
        .appearances
        .remove(0)
}

#[tokio::test]
async fn a_move_onto_changed_words_keeps_the_words_it_had() {
    let ws = common::workspace().await;
    let a = &mark_p2_then_revise(
        &ws.store,
        "Zelenskyy said Ukraine could now accept legally binding security guarantees instead of NATO membership.",
    )
    .await;
    assert_eq!(a.anchor, AnchorState::Moved);
    assert_eq!(
        a.exact,
        "Ukraine could now accept legally binding security guarantees"
    );
    assert_eq!(
        a.previous_exact.as_deref(),
        Some("Ukraine could accept legally binding security guarantees"),
        "the reader can show what changed"
    );
    let placed = claims::place(&ws.store, &a.id, a.start, a.end)
        .await
        .unwrap();
    assert_eq!(
        placed.appearances[0].previous_exact, None,
        "a person confirmed the new words"
    );
}

#[tokio::test]
async fn a_revised_import_says_where_the_claims_landed() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    mark(
        &ws.store,
        &article,
        "legally binding security guarantees",
        None,
    )
    .await;
    mark(&ws.store, &article, "expected to continue on Monday", None).await;
    let stored = common::import_file(&ws.store, "berlin.md", &article_bytes(&[P1, P2])).await;
    let counts = stored
        .reanchored
        .expect("a revision of an article with claims reports them");
    assert_eq!(
        (
            counts.anchored,
            counts.moved,
            counts.needs_review,
            counts.orphaned
        ),
        (1, 0, 0, 1)
    );

    let plain = import_bytes(
        &ws.store,
        b"A different story with no claims marked in it at all, told in one line.",
        Hints::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        plain.reanchored, None,
        "nothing to report for a new article"
    );
}

#[tokio::test]
async fn a_changed_modal_or_negation_is_left_for_a_person() {
    let ws = common::workspace().await;
    let a = &mark_p2_then_revise(
        &ws.store,
        "Zelenskyy said Ukraine would accept only legally binding security guarantees instead of NATO membership.",
    )
    .await;
    assert_eq!(
        a.anchor,
        AnchorState::NeedsReview,
        "“could” → “would … only” changes the claim"
    );
    assert_eq!(
        a.candidate.as_ref().map(|c| c.exact.as_str()),
        Some("Ukraine would accept only legally binding security guarantees"),
        "the reworded sentence is proposed"
    );
}

#[tokio::test]
async fn a_speaker_named_in_full_is_the_claimant_named_by_surname() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let (start, end) = claims::find_quote_span(&body, "could accept legally binding").unwrap();
    let claim = claims::create(
        &ws.store,
        &ClaimFields {
            statement: "Ukraine could accept binding guarantees".into(),
            claimant: Some("Zelenskyy".into()),
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article,
            revision: None,
            start: start as u32,
            end: end as u32,
            details: AppearanceDetails {
                speaker: Some("Volodymyr Zelenskyy".into()),
                ..AppearanceDetails::default()
            },
        }),
    )
    .await
    .unwrap();
    assert_eq!(
        claim.appearances[0].speaker_id, claim.claimant_id,
        "one person, not two, when the speaker is the claimant's full name"
    );
    let people = persons::list(&ws.store).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(
        people[0].aliases,
        ["Volodymyr Zelenskyy"],
        "the full name is learnt as an alias"
    );
}

/// Marks `quote` of the current revision as a claim with these details.
async fn mark_with(
    store: &Store,
    article_id: &str,
    quote: &str,
    claimant: &str,
    details: AppearanceDetails,
) -> claimtrail::store::Result<ClaimInfo> {
    let body = claimtrail::articles::show(store, article_id, None)
        .await
        .unwrap()
        .body;
    let (start, end) = claims::find_quote_span(&body, quote).unwrap();
    claims::create(
        store,
        &ClaimFields {
            statement: quote.into(),
            claimant: Some(claimant.into()),
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article_id.into(),
            revision: None,
            start: start as u32,
            end: end as u32,
            details,
        }),
    )
    .await
}

#[tokio::test]
async fn a_chain_of_outlets_only_is_headed_by_the_speaker() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark_with(
        &ws.store,
        &article,
        "expected to continue on Monday",
        "officials",
        AppearanceDetails {
            attribution: vec![step("Example Daily", StepKind::Outlet, None)],
            ..AppearanceDetails::default()
        },
    )
    .await
    .unwrap();
    let chain: Vec<(&str, StepKind)> = claim.appearances[0]
        .attribution
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        chain,
        [
            ("officials", StepKind::Person),
            ("Example Daily", StepKind::Outlet)
        ],
        "the outlet relays; it is not the speaker"
    );
}

#[tokio::test]
async fn a_shared_surname_never_joins_two_persons() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let speaking = |speaker: &str| AppearanceDetails {
        speaker: Some(speaker.into()),
        ..AppearanceDetails::default()
    };
    let first = mark_with(
        &ws.store,
        &article,
        "could accept",
        "Trump",
        speaking("Donald Trump"),
    )
    .await
    .unwrap();
    assert_eq!(
        first.appearances[0].speaker_id, first.claimant_id,
        "a person known by surname alone learns the full name"
    );
    let second = mark_with(
        &ws.store,
        &article,
        "instead of NATO",
        "Eric Trump",
        speaking("Eric Trump"),
    )
    .await
    .unwrap();
    assert_ne!(
        second.claimant_id, first.claimant_id,
        "once Trump has a full name, Eric Trump is someone else"
    );
    let again = mark_with(
        &ws.store,
        &article,
        "on Monday",
        "Trump",
        AppearanceDetails::default(),
    )
    .await
    .unwrap();
    assert_eq!(
        again.claimant_id, first.claimant_id,
        "“Trump” is still the name of the first"
    );
}

#[tokio::test]
async fn a_surname_two_persons_share_is_refused_not_guessed() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    persons::create(&ws.store, "Donald Trump", &[])
        .await
        .unwrap();
    persons::create(&ws.store, "Eric Trump", &[]).await.unwrap();
    let err = mark_with(
        &ws.store,
        &article,
        "on Monday",
        "Trump",
        AppearanceDetails::default(),
    )
    .await
    .expect_err("“Trump” fits two persons");
    let message = err.to_string();
    assert!(
        message.contains("Donald Trump") && message.contains("Eric Trump"),
        "the refusal names both: {message}"
    );
    assert_eq!(
        persons::list(&ws.store).await.unwrap().len(),
        2,
        "no third person was made"
    );
    assert_eq!(
        count(&ws.store, "claims").await,
        0,
        "and no claim half-written"
    );
}

#[tokio::test]
async fn waiting_appearances_are_not_re_audited_by_every_reanchoring() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let waiting = mark(
        &ws.store,
        &article,
        "met President Volodymyr Zelenskyy in Berlin",
        None,
    )
    .await;
    let orphan = mark(&ws.store, &article, "expected to continue on Monday", None).await;
    import(
        &ws.store,
        &[
            "US envoys met President Volodymyr Zelenskyy in Paris on Sunday.",
            P2,
        ],
    )
    .await;
    let states = |c: &ClaimInfo| c.appearances[0].anchor;
    assert_eq!(
        states(&claims::get(&ws.store, &waiting.id).await.unwrap()),
        AnchorState::NeedsReview
    );
    assert_eq!(
        states(&claims::get(&ws.store, &orphan.id).await.unwrap()),
        AnchorState::Orphaned
    );
    let events = count(&ws.store, "audit_events").await;
    claims::reanchor_article(&ws.store, &article).await.unwrap();
    claims::reanchor_article(&ws.store, &article).await.unwrap();
    assert_eq!(
        count(&ws.store, "audit_events").await,
        events,
        "nothing changed for them, so nothing is recorded"
    );
}

#[tokio::test]
async fn a_selection_made_before_a_new_revision_is_refused() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    import(&ws.store, &[P1, P2]).await;
    let err = claims::create(
        &ws.store,
        &ClaimFields {
            statement: "x".into(),
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article,
            revision: Some(1),
            start: 0,
            end: 5,
            details: AppearanceDetails::default(),
        }),
    )
    .await
    .expect_err("the offsets were taken in revision 1");
    assert!(err.to_string().contains("Select the text again"), "{err}");
    assert_eq!(count(&ws.store, "claims").await, 0, "nothing was written");
}

#[tokio::test]
async fn merging_audits_every_appearance_whose_chain_names_the_person() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let relayed = mark_with(
        &ws.store,
        &article,
        "could accept",
        "Volodymyr Zelenskyy",
        AppearanceDetails {
            attribution: vec![
                step("Volodymyr Zelenskyy", StepKind::Person, None),
                step("Andriy Yermak", StepKind::Person, None),
                step("Example Daily", StepKind::Outlet, None),
            ],
            ..AppearanceDetails::default()
        },
    )
    .await
    .unwrap();
    let yermak = persons::create(&ws.store, "A. Yermak", &[]).await.unwrap();
    let mut conn = ws.store.pool().acquire().await.unwrap();
    let chain_person = persons::resolve(&mut conn, "Andriy Yermak")
        .await
        .unwrap()
        .unwrap();
    drop(conn);
    persons::merge(&ws.store, &chain_person, &yermak.id)
        .await
        .unwrap();
    let appearance = &relayed.appearances[0].id;
    let last = events_for(&ws.store, "appearance", appearance)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        last.action, "update",
        "the chain's change is in the appearance's history"
    );
    assert_ne!(last.before, last.after);
    let merged = events_for(&ws.store, "person", &chain_person)
        .await
        .unwrap();
    assert_eq!(
        merged.last().unwrap().action,
        "merge",
        "the merge itself is recorded on the merged person"
    );
}

#[tokio::test]
async fn the_proposed_place_of_a_waiting_appearance_is_not_suggested_again() {
    let ws = common::workspace().await;
    let a = mark_p2_then_revise(
        &ws.store,
        "Zelenskyy said Ukraine would accept only legally binding security guarantees instead of NATO membership.",
    )
    .await;
    assert_eq!(a.anchor, AnchorState::NeedsReview);
    let suggested = claimtrail::suggestions::for_article(&ws.store, &a.article_id)
        .await
        .unwrap();
    assert!(
        !suggested
            .iter()
            .any(|s| s.exact.contains("would accept only")),
        "accepting it would duplicate the claim waiting for review: {suggested:?}"
    );
}

#[tokio::test]
async fn listing_more_claims_than_sqlite_has_variables_works() {
    let ws = common::workspace().await;
    // Setup only: 33,000 bare claims written directly (past SQLite's 32,766
    // variables, which a list of ids in one query would need).
    sqlx::query("INSERT INTO users (id, name, initials, color, created_at) VALUES ('u', 'U', 'U', '#000', '2025-01-01T00:00:00Z')")
        .execute(ws.store.pool())
        .await
        .unwrap();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 33000)
         INSERT INTO claims (id, statement, created_by, created_at, updated_at)
         SELECT printf('c%05d', i), 'statement ' || i, 'u', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n",
    )
    .execute(ws.store.pool())
    .await
    .unwrap();
    let all = claims::list(&ws.store, &ClaimQuery::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 33_000);
}

/// Regression: snapshots read through SQLite's `json_object` kept fifteen
/// digits of a real, so an appearance whose confidence re-anchoring had
/// computed no longer matched the snapshot an older event recorded, and
/// Undo refused its change as "changed after this".
#[tokio::test]
async fn a_snapshot_keeps_every_digit_of_a_confidence() {
    let ws = common::workspace().await;
    let article = import(&ws.store, &[P1, P2, P3]).await;
    let claim = mark(
        &ws.store,
        &article,
        "legally binding security guarantees",
        None,
    )
    .await;
    let appearance = claim.appearances[0].id.clone();
    sqlx::query("UPDATE appearances SET anchor_confidence = ? WHERE id = ?")
        .bind(0.833_333_333_333_333_4_f64)
        .bind(&appearance)
        .execute(ws.store.pool())
        .await
        .unwrap();
    let mut conn = ws.store.pool().acquire().await.unwrap();
    let snapshot = claimtrail::store::rows::existing(
        &mut conn,
        claimtrail::change::Entity::Appearance,
        &appearance,
    )
    .await
    .unwrap();
    assert_eq!(
        snapshot["anchor_confidence"],
        serde_json::json!(0.833_333_333_333_333_4_f64),
        "the real as stored, to the last digit"
    );
}
