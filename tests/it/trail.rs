//! Issue 4 in a real workspace: finding a claim's words in other articles,
//! related claims, links, storylines, search and timelines.

use crate::common;

use claimtrail::model::{
    AppearanceDetails, AppearanceFields, ClaimFields, ClaimInfo, LinkFields, LinkRelation,
    MatchScope, SearchQuery, TimeBasis, TimelineQuery, TimelineScope,
};
use claimtrail::store::{events_for, Store, StoreError};
use claimtrail::{claims, links, matches, search, storylines, timeline};

/// Imports a Markdown article; answers its id.
pub(crate) async fn article(
    store: &Store,
    slug: &str,
    outlet: &str,
    date: &str,
    paragraphs: &[&str],
) -> String {
    let bytes = format!(
        "---\ntitle: {slug} report\nurl: https://{}/{slug}\noutlet: {outlet}\ndate: {date}\n---\n\n{}\n",
        outlet.to_lowercase().replace(' ', ""),
        paragraphs.join("\n\n")
    );
    common::import_file(store, &format!("{slug}.md"), bytes.as_bytes())
        .await
        .article
        .id
}

pub(crate) async fn body(store: &Store, article_id: &str) -> String {
    claimtrail::articles::show(store, article_id, None)
        .await
        .expect("the article exists")
        .body
}

/// Marks `quote` in the article as a new claim by `claimant`.
pub(crate) async fn mark(
    store: &Store,
    article_id: &str,
    quote: &str,
    claimant: &str,
) -> ClaimInfo {
    let body = body(store, article_id).await;
    let (start, end) = claims::find_quote_span(&body, quote).expect("the quote is in the text");
    claims::create(
        store,
        &ClaimFields {
            statement: quote.to_owned(),
            claimant: Some(claimant.to_owned()),
            ..ClaimFields::default()
        },
        Some(&span(article_id, start, end)),
    )
    .await
    .expect("the claim is stored")
}

/// An appearance at `start..end` of the article's current revision.
pub(crate) fn span(article_id: &str, start: usize, end: usize) -> AppearanceFields {
    AppearanceFields {
        article_id: article_id.to_owned(),
        revision: None,
        start: start as u32,
        end: end as u32,
        details: AppearanceDetails::default(),
    }
}

const QUOTE: &str =
    "We will never accept a deal that rewards the aggressor and leaves our defence in ruins";

/// Three outlets carrying one quote (punctuation, spelling and the
/// speaker's name differ) and one article about something else.
async fn three_outlets(store: &Store) -> [String; 4] {
    let first = article(
        store,
        "kyiv-speech",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &[
            "President Volodymyr Zelenskyy spoke in Kyiv on Sunday.",
            &format!("\u{201c}{QUOTE},\u{201d} Zelenskyy said."),
            "Officials said talks would continue.",
        ],
    )
    .await;
    let second = article(
        store,
        "zelensky-rejects",
        "Daily Planet",
        "2025-12-15T09:00:00-05:00",
        &[
            "Ukraine's leader rejected the U.S. plan.",
            "\"We will never accept a deal that rewards the aggressor and leaves our defense in ruins\" - Zelensky said on Sunday.",
        ],
    )
    .await;
    let third = article(
        store,
        "relay",
        "Euro Times",
        "2025-12-16T08:00:00+01:00",
        &[
            "Zelenskiy told reporters: \u{2018}We will never accept any deal that rewards the aggressor and leaves our defence in ruins.\u{2019}",
        ],
    )
    .await;
    let other = article(
        store,
        "weather",
        "Kyiv Wire",
        "2025-12-16T10:00:00+02:00",
        &["Snow fell on Kyiv. A deal on heating prices was accepted by the council, which will never meet on Sundays."],
    )
    .await;
    [first, second, third, other]
}

#[tokio::test]
async fn find_everywhere_finds_verbatim_and_near_verbatim_copies_and_accepting_makes_appearances() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, third, other] = three_outlets(store).await;
    let claim = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;

    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    let articles: Vec<&str> = found.hits.iter().map(|h| h.article_id.as_str()).collect();
    assert_eq!(
        articles,
        [second.as_str(), third.as_str()],
        "{:#?}",
        found.hits
    );
    assert!(!articles.contains(&other.as_str()));
    assert!(
        !articles.contains(&first.as_str()),
        "the marked place is not a hit"
    );

    let verbatim = &found.hits[0];
    assert!(
        verbatim.verbatim,
        "defense/defence and quote marks are not changes"
    );
    assert_eq!(verbatim.similarity, 1.0);
    let second_body: Vec<char> = body(store, &second).await.chars().collect();
    let span: String = second_body[verbatim.start as usize..verbatim.end as usize]
        .iter()
        .collect();
    assert_eq!(span, verbatim.exact);
    assert!(verbatim.exact.starts_with("We will never") && verbatim.exact.ends_with("in ruins"));
    assert!(verbatim.after.contains("Zelensky said"));

    let near = &found.hits[1];
    assert!(
        !near.verbatim,
        "\u{201c}any\u{201d} for \u{201c}a\u{201d} is one changed word"
    );
    assert!(near.similarity > 0.9 && near.similarity < 1.0);

    // Accepting a hit makes an appearance with its own article's speaker,
    // time and chain; it is no longer a hit.
    let updated = matches::accept(store, verbatim).await.expect("accepted");
    let added = updated
        .appearances
        .iter()
        .find(|a| a.article_id == second)
        .expect("the new appearance");
    assert_eq!(added.exact, verbatim.exact);
    assert_eq!(
        added.speaker.as_deref(),
        Some("Volodymyr Zelenskyy"),
        "Zelensky resolves to the claimant"
    );
    assert_eq!(added.outlet.as_deref(), Some("Daily Planet"));
    assert!(added.attribution.iter().any(|s| s.name == "Daily Planet"));
    let again = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    assert_eq!(again.hits.len(), 1);
    assert_eq!(again.hits[0].article_id, third);
}

#[tokio::test]
async fn a_changed_quote_beyond_a_quarter_of_its_words_is_not_a_hit() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let a = article(store, "a", "Kyiv Wire", "2025-12-14", &["\"Grain exports through the Black Sea corridor will resume next week,\" the minister said."]).await;
    let b = article(
        store,
        "b",
        "Daily Planet",
        "2025-12-15",
        &["\"Grain exports through the Danube corridor could stop by next month,\" an aide said."],
    )
    .await;
    let claim = mark(
        store,
        &a,
        "Grain exports through the Black Sea corridor will resume next week",
        "the minister",
    )
    .await;
    let found = matches::find(store, &MatchScope::Claim(claim.id))
        .await
        .expect("matches");
    assert!(
        found.hits.iter().all(|h| h.article_id != b),
        "{:#?}",
        found.hits
    );
}

#[tokio::test]
async fn related_claims_rank_similar_wording_the_same_claimant_and_closeness_in_time() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, _third, other] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    // Another claim in other words, by the same person under another
    // spelling, on the next day.
    let body = body(store, &second).await;
    let (start, end) = claims::find_quote_span(&body, "Ukraine's leader rejected the U.S. plan")
        .expect("in the text");
    let b = claims::create(
        store,
        &ClaimFields {
            statement: "Zelensky rejects any deal that rewards the aggressor".into(),
            claimant: Some("Zelensky".into()),
            ..ClaimFields::default()
        },
        Some(&span(&second, start, end)),
    )
    .await
    .expect("stored");
    let c = mark(store, &other, "Snow fell on Kyiv", "Kyiv Wire").await;

    let found = matches::find(store, &MatchScope::Claim(a.id.clone()))
        .await
        .expect("matches");
    assert!(
        found.related.iter().all(|r| r.claim_id != a.id),
        "not itself"
    );
    assert!(
        found.related.iter().all(|r| r.claim_id != c.id),
        "{:#?}",
        found.related
    );
    let to_b = found
        .related
        .iter()
        .find(|r| r.claim_id == b.id)
        .expect("the reworded claim is related");
    assert_eq!(to_b.reasons[0], "similar wording");
    assert!(
        to_b.reasons.iter().any(|x| x == "same claimant"),
        "{to_b:?}"
    );
    assert!(
        to_b.reasons.iter().any(|x| x.starts_with("stated")),
        "{to_b:?}"
    );
    assert!(to_b.score > 0.5 && to_b.score <= 1.0, "{to_b:?}");
    assert_eq!(to_b.claim.statement, b.statement);
    assert_eq!(to_b.linked, None);
    assert_eq!(to_b.related_to, a.id, "related to the claim looked for");

    // For a storyline, each related claim says which of its claims it is
    // closest to.
    let story = storylines::create(store, "Plan", None)
        .await
        .expect("created");
    storylines::add_claim(store, &story.id, &c.id)
        .await
        .expect("added");
    storylines::add_claim(store, &story.id, &a.id)
        .await
        .expect("added");
    let in_story = matches::find(store, &MatchScope::Storyline(story.id.clone()))
        .await
        .expect("matches");
    let to_b = in_story
        .related
        .iter()
        .find(|r| r.claim_id == b.id)
        .expect("related to the storyline");
    assert_eq!(to_b.related_to, a.id, "not the weather claim");

    links::create(
        store,
        &LinkFields {
            from_claim_id: b.id.clone(),
            to_claim_id: a.id.clone(),
            relation: LinkRelation::Supports,
            note: None,
            related_at: None,
        },
    )
    .await
    .expect("linked");
    let again = matches::find(store, &MatchScope::Claim(a.id.clone()))
        .await
        .expect("matches");
    let to_b = again
        .related
        .iter()
        .find(|r| r.claim_id == b.id)
        .expect("still related");
    assert_eq!(to_b.linked, Some(LinkRelation::Supports));
}

#[tokio::test]
async fn links_are_typed_audited_and_made_once() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, ..] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let b = mark(
        store,
        &second,
        "Ukraine's leader rejected the U.S. plan",
        "Daily Planet",
    )
    .await;
    let fields = |from: &str, to: &str, relation| LinkFields {
        from_claim_id: from.to_owned(),
        to_claim_id: to.to_owned(),
        relation,
        note: Some("  the plan came first ".into()),
        related_at: Some("2025-12-15".into()),
    };
    let link = links::create(store, &fields(&b.id, &a.id, LinkRelation::RespondsTo))
        .await
        .expect("linked");
    assert!(link.outgoing);
    assert_eq!(link.other.id, a.id);
    assert_eq!(link.note.as_deref(), Some("the plan came first"));
    let seen_from_a = links::for_claim(store, &a.id).await.expect("links");
    assert_eq!(seen_from_a.len(), 1);
    assert!(!seen_from_a[0].outgoing);
    assert_eq!(seen_from_a[0].relation, LinkRelation::RespondsTo);

    // The same directed link twice, a symmetric one both ways, a self-link: refused.
    let twice = links::create(store, &fields(&b.id, &a.id, LinkRelation::RespondsTo)).await;
    assert!(matches!(twice, Err(StoreError::Conflict(m)) if m.contains("already linked")));
    links::create(store, &fields(&a.id, &b.id, LinkRelation::Contradicts))
        .await
        .expect("another relation");
    let reverse = links::create(store, &fields(&b.id, &a.id, LinkRelation::Contradicts)).await;
    assert!(
        matches!(reverse, Err(StoreError::Conflict(_))),
        "{reverse:?}"
    );
    // A directed relation the other way round is another statement.
    links::create(store, &fields(&a.id, &b.id, LinkRelation::RespondsTo))
        .await
        .expect("the other direction");
    let itself = links::create(store, &fields(&a.id, &a.id, LinkRelation::SameAs)).await;
    assert!(matches!(itself, Err(StoreError::Invalid { .. })));
    let bad_date = links::create(
        store,
        &LinkFields {
            related_at: Some("soon".into()),
            ..fields(&a.id, &b.id, LinkRelation::Updates)
        },
    )
    .await;
    assert!(matches!(bad_date, Err(StoreError::Invalid { .. })));

    // Removing is audited and answers what it removed (for Undo).
    let removed = links::delete(store, &link.id).await.expect("removed");
    assert_eq!(removed.relation, LinkRelation::RespondsTo);
    assert_eq!(removed.from_claim_id, b.id);
    let events = events_for(store, "claim_link", &link.id)
        .await
        .expect("events");
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["create", "delete"]
    );

    // Deleting a claim records the loss of its links.
    let remaining: Vec<String> = links::for_claim(store, &a.id)
        .await
        .expect("links")
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(remaining.len(), 2);
    claims::delete(store, &b.id).await.expect("deleted");
    for id in remaining {
        let events = events_for(store, "claim_link", &id).await.expect("events");
        assert_eq!(events.last().map(|e| e.action.as_str()), Some("delete"));
    }
    assert!(links::for_claim(store, &a.id)
        .await
        .expect("links")
        .is_empty());
}

#[tokio::test]
async fn storylines_keep_their_claims_in_order_and_every_change_is_audited() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, third, _] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let b = mark(
        store,
        &second,
        "Ukraine's leader rejected the U.S. plan",
        "Daily Planet",
    )
    .await;
    let c = mark(store, &third, "Zelenskiy told reporters", "Euro Times").await;
    let story = storylines::create(store, "  Peace   plan ", Some(""))
        .await
        .expect("created");
    assert_eq!(story.name, "Peace plan");
    assert_eq!(story.description, None);
    for claim in [&a, &b, &c, &a] {
        storylines::add_claim(store, &story.id, &claim.id)
            .await
            .expect("added");
    }
    let detail = storylines::get(store, &story.id).await.expect("detail");
    assert_eq!(
        detail.storyline.claim_ids,
        [a.id.clone(), b.id.clone(), c.id.clone()]
    );
    assert_eq!(detail.claims[0].appearances, 1);
    assert_eq!(detail.claims[0].review_state, "unreviewed");

    let order = [c.id.clone(), a.id.clone(), b.id.clone()];
    let reordered = storylines::reorder(store, &story.id, &order)
        .await
        .expect("reordered");
    assert_eq!(reordered.storyline.claim_ids, order);
    let wrong = storylines::reorder(store, &story.id, &order[..2]).await;
    assert!(matches!(wrong, Err(StoreError::Conflict(_))), "{wrong:?}");
    let removed = storylines::remove_claim(store, &story.id, &a.id)
        .await
        .expect("removed");
    assert_eq!(removed.storyline.claim_ids, [c.id.clone(), b.id.clone()]);
    storylines::update(store, &story.id, "Peace plan, week 1", None)
        .await
        .expect("renamed");
    assert!(matches!(
        storylines::create(store, " ", None).await,
        Err(StoreError::Invalid {
            field: Some("name"),
            ..
        })
    ));

    // Deleting a claim takes it out of the storyline, audited.
    claims::delete(store, &b.id).await.expect("deleted");
    let after = storylines::get(store, &story.id).await.expect("detail");
    assert_eq!(after.storyline.claim_ids, std::slice::from_ref(&c.id));
    let actions: Vec<String> = events_for(store, "storyline", &story.id)
        .await
        .expect("events")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "create",
            "add_claim",
            "add_claim",
            "add_claim",
            "reorder",
            "remove_claim",
            "update",
            "remove_claim"
        ]
    );

    storylines::delete(store, &story.id).await.expect("deleted");
    assert!(storylines::list(store).await.expect("list").is_empty());
    assert_eq!(
        claims::get(store, &c.id).await.expect("the claim stays").id,
        c.id
    );
}

/// An outlet filter is applied two ways: an outlet with fewer articles
/// than the words' matches is looked up first, a larger one through each
/// match's article. Both give the outlet's hits and only those, including
/// a claim that also appears in another outlet.
#[tokio::test]
async fn an_outlet_filter_gives_the_same_hits_for_small_and_large_outlets() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, third, _] = three_outlets(store).await;
    for slug in ["markets", "transport"] {
        article(
            store,
            slug,
            "Kyiv Wire",
            "2025-12-17T10:00:00+02:00",
            &["Nothing about the talks here."],
        )
        .await;
    }
    let quote = "rewards the aggressor";
    let kyiv = mark(store, &first, quote, "Volodymyr Zelenskyy").await;
    let planet = mark(store, &second, quote, "Andriy Yermak").await;
    mark(store, &third, quote, "Dmytro Kuleba").await;
    // The Kyiv Wire claim also appears in Daily Planet, in words that do
    // not hold the search's.
    let elsewhere = "Ukraine's leader rejected the U.S. plan";
    let (start, end) = claims::find_quote_span(&body(store, &second).await, elsewhere).unwrap();
    claims::add_appearance(store, &kyiv.id, &span(&second, start, end))
        .await
        .expect("a second appearance");
    // Three matches in each index: Daily Planet (one article) is looked up
    // first, Kyiv Wire (four) is not.
    let cases = [
        (
            "Daily Planet",
            &second,
            vec![kyiv.id.as_str(), planet.id.as_str()],
            planet.id.as_str(),
        ),
        (
            "kyiv wire",
            &first,
            vec![kyiv.id.as_str()],
            kyiv.id.as_str(),
        ),
    ];
    for (outlet, article_id, mut outlet_claims, quoted) in cases {
        outlet_claims.sort_unstable();
        for text in ["aggressor", "aggress"] {
            for (from, to, any) in [
                (None, None, true),
                (Some("2025-12-14"), Some("2025-12-15"), true),
                (Some("2026-01-01"), None, false),
            ] {
                let found = search::search(
                    store,
                    &SearchQuery {
                        text: text.into(),
                        outlet: Some(outlet.into()),
                        from: from.map(str::to_owned),
                        to: to.map(str::to_owned),
                        date_by: Some(TimeBasis::Published),
                        ..SearchQuery::default()
                    },
                )
                .await
                .expect("search");
                let what = format!("{text:?} in {outlet} from {from:?} to {to:?}");
                let articles: Vec<&str> = found
                    .articles
                    .iter()
                    .map(|h| h.article_id.as_str())
                    .collect();
                let mut claims: Vec<&str> =
                    found.claims.iter().map(|h| h.claim.id.as_str()).collect();
                claims.sort_unstable();
                let appearances: Vec<(&str, &str)> = found
                    .appearances
                    .iter()
                    .map(|h| (h.claim_id.as_str(), h.article_id.as_str()))
                    .collect();
                if any {
                    assert_eq!(articles, [article_id.as_str()], "articles, {what}");
                    assert_eq!(claims, outlet_claims, "claims, {what}");
                    assert_eq!(
                        appearances,
                        [(quoted, article_id.as_str())],
                        "appearances, {what}"
                    );
                } else {
                    assert!(
                        articles.is_empty() && claims.is_empty() && appearances.is_empty(),
                        "nothing, {what}: {articles:?} {claims:?} {appearances:?}"
                    );
                }
            }
        }
    }
}

#[tokio::test]
async fn search_finds_articles_claims_appearances_and_persons_with_snippets() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, ..] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    claims::update(
        store,
        &a.id,
        &ClaimFields {
            statement: "Zelenskyy rejects any deal rewarding the aggressor".into(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            tags: vec!["peace-plan".into()],
            ..ClaimFields::default()
        },
    )
    .await
    .expect("edited");
    claimtrail::persons::add_alias(
        store,
        a.claimant_id.as_deref().expect("claimant"),
        "the Ukrainian president",
    )
    .await
    .expect("alias");

    let q = |text: &str| SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    };
    // Stemmed: "rewards" finds "rewarding"; the hit words are marked.
    let found = search::search(store, &q("rewards aggressor"))
        .await
        .expect("search");
    assert_eq!(found.claims.len(), 1);
    assert!(found.claims[0]
        .snippet
        .iter()
        .any(|p| p.hit && p.text.to_lowercase().starts_with("reward")));
    assert_eq!(found.appearances.len(), 1);
    assert_eq!(found.appearances[0].article_id, first);
    let article_ids: Vec<&str> = found
        .articles
        .iter()
        .map(|h| h.article_id.as_str())
        .collect();
    assert!(article_ids.contains(&first.as_str()) && article_ids.contains(&second.as_str()));
    assert!(found
        .articles
        .iter()
        .all(|h| h.snippet.iter().any(|p| p.hit)));

    // Persons by alias; a prefix while typing.
    let people = search::search(store, &q("ukrainian pres"))
        .await
        .expect("search");
    assert_eq!(people.persons.len(), 1);
    assert_eq!(people.persons[0].name, "Volodymyr Zelenskyy");

    // Filters: outlet, claimant (by alias), tag, published range.
    let planet = search::search(
        store,
        &SearchQuery {
            outlet: Some("daily planet".into()),
            ..q("aggressor")
        },
    )
    .await
    .expect("search");
    assert_eq!(planet.articles.len(), 1);
    assert_eq!(planet.articles[0].article_id, second);
    assert!(
        planet.claims.is_empty(),
        "the claim appears only in Kyiv Wire"
    );
    let by_claimant = search::search(
        store,
        &SearchQuery {
            claimant: Some("Zelensky".into()),
            ..q("")
        },
    )
    .await
    .expect("search");
    assert_eq!(by_claimant.claims.len(), 1);
    let by_tag = search::search(
        store,
        &SearchQuery {
            tag: Some("PEACE-PLAN".into()),
            ..q("")
        },
    )
    .await
    .expect("search");
    assert_eq!(by_tag.claims.len(), 1);
    let nobody = search::search(
        store,
        &SearchQuery {
            claimant: Some("Nobody Known".into()),
            ..q("aggressor")
        },
    )
    .await
    .expect("search");
    assert!(nobody.articles.is_empty() && nobody.claims.is_empty());
    let dated = search::search(
        store,
        &SearchQuery {
            from: Some("2025-12-15".into()),
            to: Some("2025-12-15".into()),
            date_by: Some(TimeBasis::Published),
            ..q("aggressor")
        },
    )
    .await
    .expect("search");
    assert_eq!(
        dated
            .articles
            .iter()
            .map(|h| h.article_id.as_str())
            .collect::<Vec<_>>(),
        [second.as_str()]
    );
    let bad = search::search(
        store,
        &SearchQuery {
            from: Some("last week".into()),
            ..q("aggressor")
        },
    )
    .await;
    assert!(matches!(bad, Err(StoreError::Invalid { .. })));

    // Input that looks like FTS5 syntax is taken as words.
    search::search(store, &q("NEAR( \"unclosed AND -x *"))
        .await
        .expect("no syntax error");

    // The index follows edits and deletions.
    claims::delete(store, &a.id).await.expect("deleted");
    let gone = search::search(store, &q("rewarding"))
        .await
        .expect("search");
    assert!(gone.claims.is_empty() && gone.appearances.is_empty());
}

/// A search runs its sections side by side on connections of their own:
/// searches fired faster than they answer (typing) share the pool
/// without waiting on each other, and each answers as it would alone.
#[tokio::test]
async fn searches_at_once_all_answer_as_one_alone() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, ..] = three_outlets(store).await;
    mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let queries: Vec<SearchQuery> = [
        "aggressor",
        "reward",
        "zelenskyy",
        "never accept deal",
        "agg",
    ]
    .iter()
    .map(|text| SearchQuery {
        text: (*text).into(),
        ..SearchQuery::default()
    })
    .collect();
    let mut alone = Vec::new();
    for q in &queries {
        alone.push(search::search(store, q).await.expect("search"));
    }
    assert!(alone.iter().all(|found| !found.articles.is_empty()));
    assert!(!alone[0].claims.is_empty() && !alone[0].appearances.is_empty());
    assert!(!alone[2].persons.is_empty());
    // Four rounds of every query at once: 20 searches, each wanting four
    // connections of a pool of four.
    let at_once: Vec<_> = (0..4)
        .flat_map(|_| queries.iter().cloned())
        .map(|q| {
            let store = store.clone();
            tokio::spawn(async move { search::search(&store, &q).await })
        })
        .collect();
    for (i, found) in at_once.into_iter().enumerate() {
        assert_eq!(
            found
                .await
                .expect("no panic")
                .expect("every search answers"),
            alone[i % queries.len()],
            "query {:?}",
            queries[i % queries.len()].text
        );
    }
}

#[tokio::test]
async fn the_article_index_follows_new_revisions() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let v1 = article(
        store,
        "story",
        "Kyiv Wire",
        "2025-12-14",
        &["The bridge was closed for repairs."],
    )
    .await;
    let v2 = article(
        store,
        "story",
        "Kyiv Wire",
        "2025-12-14",
        &["The bridge was reopened after repairs."],
    )
    .await;
    assert_eq!(v1, v2, "a new revision of one article");
    let q = |text: &str| SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    };
    assert!(search::search(store, &q("closed"))
        .await
        .expect("search")
        .articles
        .is_empty());
    assert_eq!(
        search::search(store, &q("reopened"))
            .await
            .expect("search")
            .articles
            .len(),
        1
    );
    assert_eq!(
        search::search(store, &q("bridge"))
            .await
            .expect("search")
            .articles
            .len(),
        1
    );
}

#[tokio::test]
async fn a_timeline_orders_appearances_marks_the_first_and_shows_rewording() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, third, _] = three_outlets(store).await;
    let claim = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    for hit in &found.hits {
        matches::accept(store, hit).await.expect("accepted");
    }
    let by_published = timeline::timeline(
        store,
        &TimelineQuery {
            scope: TimelineScope::Claim(claim.id.clone()),
            by: TimeBasis::Published,
        },
    )
    .await
    .expect("timeline");
    let order: Vec<&str> = by_published
        .points
        .iter()
        .map(|p| p.article_id.as_str())
        .collect();
    assert_eq!(order, [first.as_str(), second.as_str(), third.as_str()]);
    assert!(by_published.points[0].first);
    assert!(!by_published.points[1].first);
    assert!(
        by_published.points[1].change.is_none(),
        "spelling and punctuation only"
    );
    let reworded = by_published.points[2]
        .change
        .as_ref()
        .expect("\u{201c}any\u{201d} was added");
    assert!(reworded.segments.iter().any(|s| s.text.contains("any")));
    assert_eq!(by_published.points[2].outlet.as_deref(), Some("Euro Times"));
    assert!(by_published
        .points
        .iter()
        .all(|p| !p.attribution.is_empty()));

    // By stated time: the Daily Planet copy says "on Sunday", so it was
    // stated before it was published.
    let by_stated = timeline::timeline(
        store,
        &TimelineQuery {
            scope: TimelineScope::Claim(claim.id.clone()),
            by: TimeBasis::Stated,
        },
    )
    .await
    .expect("timeline");
    assert_eq!(by_stated.points.len(), 3);
    assert!(by_stated.points.iter().all(|p| !p.at_fallback));
    let planet = |t: &claimtrail::model::Timeline| {
        t.points
            .iter()
            .find(|p| p.article_id == second)
            .expect("the Daily Planet point")
            .clone()
    };
    assert!(
        planet(&by_stated).at_ms < planet(&by_published).at_ms,
        "stated on Sunday, published on Monday"
    );
    assert_eq!(
        Some(planet(&by_stated).at),
        planet(&by_stated).stated_at,
        "placed at its stated time"
    );

    // A person's timeline through an alias spelling.
    let person = timeline::timeline(
        store,
        &TimelineQuery {
            scope: TimelineScope::Person("Zelenskiy".into()),
            by: TimeBasis::Published,
        },
    )
    .await
    .expect("timeline");
    assert_eq!(person.title, "Volodymyr Zelenskyy");
    assert_eq!(person.points.len(), 3);
    let nobody = timeline::timeline(
        store,
        &TimelineQuery {
            scope: TimelineScope::Person("Nobody".into()),
            by: TimeBasis::Stated,
        },
    )
    .await;
    assert!(matches!(nobody, Err(StoreError::NotFound(_))));
}

#[tokio::test]
async fn a_storyline_timeline_draws_links_between_first_appearances() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, ..] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let b = mark(
        store,
        &second,
        "Ukraine's leader rejected the U.S. plan",
        "Daily Planet",
    )
    .await;
    let story = storylines::create(store, "Plan", None)
        .await
        .expect("created");
    storylines::add_claim(store, &story.id, &a.id)
        .await
        .expect("added");
    storylines::add_claim(store, &story.id, &b.id)
        .await
        .expect("added");
    links::create(
        store,
        &LinkFields {
            from_claim_id: b.id.clone(),
            to_claim_id: a.id.clone(),
            relation: LinkRelation::Contradicts,
            note: None,
            related_at: None,
        },
    )
    .await
    .expect("linked");
    let shown = timeline::timeline(
        store,
        &TimelineQuery {
            scope: TimelineScope::Storyline("plan".into()),
            by: TimeBasis::Published,
        },
    )
    .await
    .expect("timeline");
    assert_eq!(shown.title, "Plan");
    assert_eq!(
        shown
            .points
            .iter()
            .map(|p| (
                p.claim_id.as_str(),
                p.statement.as_str(),
                p.claimant.as_deref()
            ))
            .collect::<Vec<_>>(),
        [
            (a.id.as_str(), QUOTE, Some("Volodymyr Zelenskyy")),
            (
                b.id.as_str(),
                "Ukraine's leader rejected the U.S. plan",
                Some("Daily Planet")
            ),
        ],
        "each point carries its claim's statement and claimant"
    );
    assert_eq!(shown.links.len(), 1);
    assert_eq!(shown.links[0].relation, LinkRelation::Contradicts);
    assert_eq!(shown.links[0].from_appearance_id, b.appearances[0].id);
    assert_eq!(shown.links[0].to_appearance_id, a.appearances[0].id);
}

#[tokio::test]
async fn after_fifty_articles_on_one_story_find_everywhere_finds_every_copy() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let quote =
        "The grain corridor will stay open through the winter whatever the threats from Moscow";
    let mut ids = Vec::new();
    for n in 0..50 {
        // Every fifth copy changes a word, every third uses straight quotes
        // and a hyphen; the rest are verbatim.
        let words = if n % 5 == 4 {
            quote.replace("whatever", "despite")
        } else {
            quote.to_owned()
        };
        let sentence = if n % 3 == 0 {
            format!("\"{words}\" - the minister said.")
        } else {
            format!("\u{201c}{words},\u{201d} the minister said \u{2014} again.")
        };
        let id = article(
            store,
            &format!("grain-{n}"),
            &format!("Outlet {}", n % 7),
            &format!("2025-12-{:02}T10:00:00+02:00", 1 + n % 28),
            &[
                &format!("Story {n} on the grain deal opened with talks in Odesa."),
                &sentence,
            ],
        )
        .await;
        ids.push(id);
    }
    for n in 0..20 {
        article(
            store,
            &format!("other-{n}"),
            "Outlet 9",
            "2025-12-20",
            &["The winter will be cold, the minister said, and the grain harvest was open to threats."],
        )
        .await;
    }
    let claim = mark(store, &ids[0], quote, "the minister").await;
    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    let mut hit_articles: Vec<&str> = found.hits.iter().map(|h| h.article_id.as_str()).collect();
    hit_articles.sort_unstable();
    let mut expected: Vec<&str> = ids[1..].iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(hit_articles, expected, "every other copy, nothing else");
    let near = found.hits.iter().filter(|h| !h.verbatim).count();
    assert_eq!(near, 10, "the copies with a changed word");
    assert!(found
        .hits
        .iter()
        .filter(|h| h.verbatim)
        .all(|h| h.similarity == 1.0));
}

/// Every FTS5 index agrees with the rows it indexes (FTS5's own
/// integrity check against the content), and the persons' index holds each
/// person's current names.
async fn assert_indexes_consistent(store: &Store) {
    let mut conn = store.pool().acquire().await.expect("a connection");
    for table in ["article_fts", "claim_fts", "appearance_fts", "person_fts"] {
        let sql = format!("INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await
            .unwrap_or_else(|e| panic!("{table} disagrees with its rows: {e}"));
    }
    let drift: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM person_fts_names v LEFT JOIN person_fts f ON f.rowid = v.key
         WHERE f.names IS NOT v.names",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("counted");
    assert_eq!(drift, 0, "person_fts holds stale names");
}

#[tokio::test]
async fn the_indexes_stay_consistent_through_every_write_path() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, ..] = three_outlets(store).await;
    assert_indexes_consistent(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let found = matches::find(store, &MatchScope::Claim(a.id.clone()))
        .await
        .expect("matches");
    matches::accept(store, &found.hits[0])
        .await
        .expect("accepted");
    assert_indexes_consistent(store).await;
    // An edit with a condition and a note, then without.
    let q = |text: &str| SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    };
    claims::update(
        store,
        &a.id,
        &ClaimFields {
            statement: "Zelenskyy refuses a ceasefire".into(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            condition: Some("unless troops withdraw".into()),
            note: Some("said twice".into()),
            ..ClaimFields::default()
        },
    )
    .await
    .expect("edited");
    assert_indexes_consistent(store).await;
    assert_eq!(
        search::search(store, &q("troops withdraw"))
            .await
            .expect("search")
            .claims
            .len(),
        1
    );
    claims::update(
        store,
        &a.id,
        &ClaimFields {
            statement: "Zelenskyy refuses a truce".into(),
            claimant: Some("Volodymyr Zelenskyy".into()),
            ..ClaimFields::default()
        },
    )
    .await
    .expect("edited");
    assert_indexes_consistent(store).await;
    // Words only the old wording had find nothing now.
    assert!(search::search(store, &q("ceasefire"))
        .await
        .expect("search")
        .claims
        .is_empty());
    assert!(search::search(store, &q("troops"))
        .await
        .expect("search")
        .claims
        .is_empty());
    assert_eq!(
        search::search(store, &q("truce"))
            .await
            .expect("search")
            .claims
            .len(),
        1
    );
    // Aliases, a merge, a new revision that moves a quote, deletes.
    let person = a.claimant_id.clone().expect("claimant");
    claimtrail::persons::add_alias(store, &person, "the Ukrainian president")
        .await
        .expect("alias");
    claimtrail::persons::remove_alias(store, &person, "the Ukrainian president")
        .await
        .expect("removed");
    let other = claimtrail::persons::create(store, "Oleksandr Kubrakov", &[])
        .await
        .expect("person");
    claimtrail::persons::merge(store, &other.id, &person)
        .await
        .expect("merged");
    assert_indexes_consistent(store).await;
    article(
        store,
        "kyiv-speech",
        "Kyiv Wire",
        "2025-12-14T18:00:00+02:00",
        &[
            "President Volodymyr Zelenskyy spoke in Kyiv on Sunday, officials said.",
            &format!("\u{201c}{QUOTE},\u{201d} Zelenskyy said."),
        ],
    )
    .await;
    assert_indexes_consistent(store).await;
    let b = mark(
        store,
        &second,
        "Ukraine's leader rejected the U.S. plan",
        "Daily Planet",
    )
    .await;
    claims::delete_appearance(store, &b.appearances[0].id)
        .await
        .expect("deleted");
    claims::delete(store, &a.id).await.expect("deleted");
    assert_indexes_consistent(store).await;
    assert!(search::search(store, &q("truce"))
        .await
        .expect("search")
        .claims
        .is_empty());
}

#[tokio::test]
async fn odd_search_text_is_words_never_fts5_syntax() {
    let ws = common::workspace().await;
    let store = &ws.store;
    three_outlets(store).await;
    for text in [
        "grain\0deal",
        "\"",
        "\"\"",
        "*",
        "-",
        "NEAR(a b)",
        "a OR",
        "AND",
        "^x",
        "x:y",
        "(",
        ")",
        "{title}: x",
        "'",
        "\u{FDD0}",
        "deal\u{7}",
        "a\"b\"c",
        "\u{0301}",
        "٣٤",
        "नमस्ते भारत",
    ] {
        search::search(
            store,
            &SearchQuery {
                text: text.into(),
                ..SearchQuery::default()
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
    let found = search::search(
        store,
        &SearchQuery {
            text: "aggressor\0defence".into(),
            ..SearchQuery::default()
        },
    )
    .await
    .expect("search");
    assert!(!found.articles.is_empty(), "a NUL separates two words");
}

#[tokio::test]
async fn typing_a_word_finds_it_letter_by_letter() {
    let ws = common::workspace().await;
    let store = &ws.store;
    article(
        store,
        "talks",
        "Kyiv Wire",
        "2025-12-14",
        &["The government resumed negotiations on Monday."],
    )
    .await;
    for typed in [
        "gov",
        "gover",
        "govern",
        "governm",
        "governme",
        "governmen",
        "government",
        "negotia",
        "negotiat",
        "negotiati",
        "negotiatio",
        "negotiation",
        "negotiations",
    ] {
        let found = search::search(
            store,
            &SearchQuery {
                text: typed.into(),
                ..SearchQuery::default()
            },
        )
        .await
        .expect("search");
        assert_eq!(found.articles.len(), 1, "{typed}");
    }
}

#[tokio::test]
async fn a_date_bound_covers_its_whole_day_padded_or_not() {
    let ws = common::workspace().await;
    let store = &ws.store;
    three_outlets(store).await;
    for to in ["2025-12-14", "2025-12-1"] {
        let found = search::search(
            store,
            &SearchQuery {
                text: "aggressor".into(),
                from: Some("2025-12-01".into()),
                to: Some(to.into()),
                date_by: Some(TimeBasis::Published),
                ..SearchQuery::default()
            },
        )
        .await
        .expect("search");
        let expected = if to == "2025-12-14" { 1 } else { 0 };
        assert_eq!(found.articles.len(), expected, "to {to}");
    }
    let late = search::search(
        store,
        &SearchQuery {
            text: "aggressor".into(),
            to: Some("2025-12-15".into()),
            date_by: Some(TimeBasis::Published),
            ..SearchQuery::default()
        },
    )
    .await
    .expect("search");
    assert_eq!(
        late.articles.len(),
        2,
        "the Daily Planet copy at 09:00 on the 15th counts"
    );
}

#[tokio::test]
async fn a_near_copy_is_found_beside_a_verbatim_one_marked_or_not() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let near = QUOTE.replace("a deal", "any deal");
    let a = article(
        store,
        "a",
        "Kyiv Wire",
        "2025-12-14",
        &[
            &format!("\u{201c}{QUOTE},\u{201d} Zelenskyy said."),
            "Later he repeated it.",
            &format!("\u{201c}{near},\u{201d} he said again."),
        ],
    )
    .await;
    let b = article(
        store,
        "b",
        "Daily Planet",
        "2025-12-15",
        &[
            &format!("\"{QUOTE}\" - Zelensky said."),
            &format!("He added: \"{near}.\""),
        ],
    )
    .await;
    let claim = mark(store, &a, QUOTE, "Volodymyr Zelenskyy").await;
    let found = matches::find(store, &MatchScope::Claim(claim.id.clone()))
        .await
        .expect("matches");
    let in_a: Vec<_> = found.hits.iter().filter(|h| h.article_id == a).collect();
    assert_eq!(in_a.len(), 1, "the near copy beside the marked one");
    assert!(!in_a[0].verbatim);
    let in_b: Vec<_> = found.hits.iter().filter(|h| h.article_id == b).collect();
    assert_eq!(in_b.len(), 2, "both copies in B");
    assert_eq!(in_b.iter().filter(|h| h.verbatim).count(), 1);
}

#[tokio::test]
async fn a_span_marked_for_another_claim_is_not_offered_again() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let [first, second, ..] = three_outlets(store).await;
    let a = mark(store, &first, QUOTE, "Volodymyr Zelenskyy").await;
    let taken = mark(
        store,
        &second,
        "We will never accept a deal that rewards the aggressor and leaves our defense in ruins",
        "Zelensky",
    )
    .await;
    let found = matches::find(store, &MatchScope::Claim(a.id.clone()))
        .await
        .expect("matches");
    assert!(
        found.hits.iter().all(|h| h.article_id != second),
        "{:#?}",
        found.hits
    );
    // The other claim is offered as related instead, to link.
    assert!(found.related.iter().any(|r| r.claim_id == taken.id));
}

#[tokio::test]
async fn a_widely_carried_quote_still_has_related_claims() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let quote =
        "The grain corridor will stay open through the winter whatever the threats from Moscow";
    let mut ids = Vec::new();
    for n in 0..30 {
        ids.push(
            article(
                store,
                &format!("g{n}"),
                &format!("Outlet {n}"),
                "2025-12-14T10:00:00+02:00",
                &[
                    &format!("\u{201c}{quote},\u{201d} the minister said."),
                    "Ships kept sailing.",
                ],
            )
            .await,
        );
    }
    let a = mark(store, &ids[0], quote, "Oleksandr Kubrakov").await;
    let b = mark(
        store,
        &ids[1],
        "The grain corridor will stay open through the winter",
        "Oleksandr Kubrakov",
    )
    .await;
    let found = matches::find(store, &MatchScope::Claim(a.id.clone()))
        .await
        .expect("matches");
    let to_b = found
        .related
        .iter()
        .find(|r| r.claim_id == b.id)
        .expect("related despite common words");
    assert!(to_b.reasons.iter().any(|r| r == "same claimant"));
}

#[tokio::test]
async fn a_quote_of_little_words_is_only_found_word_for_word() {
    let ws = common::workspace().await;
    let store = &ws.store;
    let quote = "it was not for us to say what they would do if it came to that";
    let a = article(
        store,
        "a",
        "Kyiv Wire",
        "2025-12-14",
        &[&format!("\u{201c}{quote},\u{201d} the envoy said.")],
    )
    .await;
    let b = article(
        store,
        "b",
        "Daily Planet",
        "2025-12-15",
        &["\"It was not for them to say what we would do if it came to this,\" a diplomat said."],
    )
    .await;
    let c = article(
        store,
        "c",
        "Euro Times",
        "2025-12-16",
        &[&format!("\"{quote}\", the envoy said.")],
    )
    .await;
    let claim = mark(store, &a, quote, "the envoy").await;
    let found = matches::find(store, &MatchScope::Claim(claim.id))
        .await
        .expect("matches");
    let articles: Vec<&str> = found.hits.iter().map(|h| h.article_id.as_str()).collect();
    assert_eq!(articles, [c.as_str()], "not {b}");
}
