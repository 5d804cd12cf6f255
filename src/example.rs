//! The example workspace a new user opens from the empty library to try
//! every part of Claimtrail in two minutes: the canonical ANI article (from
//! `tests/fixtures`) and two articles of fictional outlets written for it
//! (`examples/`), built into a new workspace by the same calls the app
//! makes. It holds a claim followed across all three outlets (a timeline to
//! open), a direct quote in two, a claim with a proposed verdict waiting
//! for approval, a link between claims, a storyline of them, and an
//! analyst's quote left unmarked for Suggestions to offer. The files are
//! compiled in, so an installed app makes it without the repository.

use std::path::Path;

use crate::model::{
    AppearanceDetails, AppearanceFields, AppearanceKind, ClaimFields, LinkFields, LinkRelation,
    Rating, ReviewAction,
};
use crate::store::{users, Result, Store, StoreError};
use crate::{articles, claims, import, links, review, storylines};

const ARTICLES: [(&str, &str); 3] = [
    (
        "ani-2025-12-15-nato-guarantees.txt",
        include_str!("../tests/fixtures/ani-2025-12-15-nato-guarantees.txt"),
    ),
    (
        "harbour-gazette-2025-12-15.md",
        include_str!("../examples/harbour-gazette-2025-12-15.md"),
    ),
    (
        "nordwind-post-2025-12-16.md",
        include_str!("../examples/nordwind-post-2025-12-16.md"),
    ),
];

/// The reporter the example's changes are made by, and the editor who is
/// to approve its verdict.
pub const REPORTER: &str = "Example Reporter";
pub const EDITOR: &str = "Example Editor";

/// Builds the example workspace at `path`, a file that must not exist yet,
/// and answers it open (as the reporter).
pub async fn create(path: &Path) -> Result<Store> {
    if path.exists() {
        return Err(StoreError::invalid(format!(
            "{} exists already; the example workspace is made in a new file.",
            path.display()
        )));
    }
    let store = Store::open(path).await?;
    let reporter = users::add(&store, REPORTER, None, None).await?;
    users::add(&store, EDITOR, None, None).await?;
    let store = store.acting_as(&reporter.id);
    let mut ids = Vec::new();
    for (name, text) in ARTICLES {
        let stored = import::import_bytes(
            &store,
            text.as_bytes(),
            import::Hints {
                name: Some(name.to_owned()),
                origin: "example".into(),
                ..Default::default()
            },
        )
        .await
        .map_err(|e| StoreError::invalid(format!("the example article {name}: {e}")))?;
        ids.push(stored.article.id);
    }
    let [ani, harbour, nordwind] = [&ids[0], &ids[1], &ids[2]];

    // Followed across the three outlets: the claim's timeline.
    let guarantees = mark(
        &store,
        ani,
        "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies",
        "Ukraine could give up its NATO bid for legally binding security guarantees",
        AppearanceKind::Paraphrase,
    )
    .await?;
    also(
        &store,
        &guarantees,
        harbour,
        "Ukraine is ready to set aside its bid to join NATO if Western allies give it legally binding security guarantees",
        AppearanceKind::Paraphrase,
    )
    .await?;
    also(
        &store,
        &guarantees,
        nordwind,
        "Ukraine could drop its NATO bid for legally binding guarantees",
        AppearanceKind::Paraphrase,
    )
    .await?;
    // A direct quote in two outlets.
    let compromise = mark(
        &store,
        ani,
        "And it is already a compromise from our part.",
        "Dropping the NATO bid is already a compromise by Ukraine",
        AppearanceKind::DirectQuote,
    )
    .await?;
    also(
        &store,
        &compromise,
        harbour,
        "And it is already a compromise from our part,",
        AppearanceKind::DirectQuote,
    )
    .await?;
    // A verdict proposed by the reporter, for the editor to approve.
    let talks = mark(
        &store,
        ani,
        "Kyiv is not holding direct talks with Russia",
        "Kyiv is not holding direct talks with Russia",
        AppearanceKind::Paraphrase,
    )
    .await?;
    review::act(
        &store,
        &talks,
        &ReviewAction::Propose {
            rating: Rating::Unsubstantiated,
            rationale:
                "Only Zelenskyy's word so far; neither Moscow nor the envoys have said either way."
                    .into(),
        },
    )
    .await?;
    links::create(
        &store,
        &LinkFields {
            from_claim_id: compromise.clone(),
            to_claim_id: guarantees.clone(),
            relation: LinkRelation::Clarifies,
            note: Some("How Zelenskyy framed the offer.".into()),
            related_at: None,
        },
    )
    .await?;
    let storyline = storylines::create(
        &store,
        "Ukraine's NATO bid and the Berlin talks",
        Some("What Kyiv offered, and how outlets reported it over three days."),
    )
    .await?;
    for claim in [&guarantees, &compromise, &talks] {
        storylines::add_claim(&store, &storyline.id, claim).await?;
    }
    Ok(store)
}

/// Marks a new claim on `quote` in the article, said by Zelenskyy.
async fn mark(
    store: &Store,
    article: &str,
    quote: &str,
    statement: &str,
    kind: AppearanceKind,
) -> Result<String> {
    let fields = ClaimFields {
        statement: statement.to_owned(),
        claimant: Some("Volodymyr Zelenskyy".into()),
        tags: vec!["nato".into()],
        ..ClaimFields::default()
    };
    let appearance = appearance(store, article, quote, kind).await?;
    Ok(claims::create(store, &fields, Some(&appearance)).await?.id)
}

/// Marks `quote` in another article as an appearance of `claim`.
async fn also(
    store: &Store,
    claim: &str,
    article: &str,
    quote: &str,
    kind: AppearanceKind,
) -> Result<()> {
    let appearance = appearance(store, article, quote, kind).await?;
    claims::add_appearance(store, claim, &appearance).await?;
    Ok(())
}

async fn appearance(
    store: &Store,
    article: &str,
    quote: &str,
    kind: AppearanceKind,
) -> Result<AppearanceFields> {
    let body = articles::show(store, article, None).await?.body;
    let (start, end) = claims::find_quote_span(&body, quote).ok_or_else(|| {
        StoreError::invalid(format!(
            "the example's quote “{quote}” is not in its article"
        ))
    })?;
    Ok(AppearanceFields {
        article_id: article.to_owned(),
        revision: None,
        start: start as u32,
        end: end as u32,
        details: AppearanceDetails {
            kind,
            ..AppearanceDetails::default()
        },
    })
}
