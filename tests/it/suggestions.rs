//! Suggested claims as the workspace serves them: dismissed ones stay
//! dismissed, marked ones drop out, and hints for a hand-made selection.

use crate::common;

use claimtrail::import::{import_input, Input};
use claimtrail::model::{AppearanceDetails, AppearanceFields, ClaimFields, StepKind};
use claimtrail::store::{events_for, StoreError};
use claimtrail::{claims, suggestions};

async fn ani(ws: &common::TempWorkspace) -> String {
    import_input(&ws.store, &Input::Path(common::ani_fixture()))
        .await
        .article
        .expect("the fixture imports")
        .id
}

#[tokio::test]
async fn dismissed_and_marked_suggestions_drop_out_and_restore_brings_one_back() {
    let ws = common::workspace().await;
    let article = ani(&ws).await;
    let all = suggestions::for_article(&ws.store, &article).await.unwrap();
    let compromise = all
        .iter()
        .find(|s| {
            s.exact
                .contains("And it is already a compromise from our part.")
        })
        .expect("the compromise quote is suggested")
        .clone();
    let grid = all
        .iter()
        .find(|s| s.exact.contains("power grid"))
        .expect("the power-grid sentence is suggested")
        .clone();

    suggestions::dismiss(&ws.store, &article, &compromise.exact)
        .await
        .unwrap();
    suggestions::dismiss(&ws.store, &article, &compromise.exact)
        .await
        .unwrap();
    let events = events_for(&ws.store, "article", &article).await.unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.action == "dismiss_suggestion")
            .count(),
        1,
        "dismissing twice records one event"
    );

    claims::create(
        &ws.store,
        &ClaimFields {
            statement: grid.exact.clone(),
            claimant: grid.speaker.clone(),
            ..ClaimFields::default()
        },
        Some(&AppearanceFields {
            article_id: article.clone(),
            revision: None,
            start: grid.start,
            end: grid.end,
            details: AppearanceDetails::default(),
        }),
    )
    .await
    .unwrap();

    let left = suggestions::for_article(&ws.store, &article).await.unwrap();
    assert_eq!(
        left.len(),
        all.len() - 2,
        "one dismissed and one marked are gone"
    );
    assert!(!left.iter().any(|s| s.exact == compromise.exact));
    assert!(!left.iter().any(|s| s.exact == grid.exact));

    suggestions::restore(&ws.store, &article, &compromise.exact)
        .await
        .unwrap();
    let back = suggestions::for_article(&ws.store, &article).await.unwrap();
    assert!(
        back.iter().any(|s| s.exact == compromise.exact),
        "undo brings it back"
    );
}

#[tokio::test]
async fn hints_for_a_selection_name_the_speaker_relay_and_chain() {
    let ws = common::workspace().await;
    let article = ani(&ws).await;
    let body = claimtrail::articles::show(&ws.store, &article, None)
        .await
        .unwrap()
        .body;
    let (start, end) = claims::find_quote_span(
        &body,
        "From the very beginning, Ukraine's desire was to join NATO",
    )
    .unwrap();
    let hints = suggestions::hints(&ws.store, &article, start as u32, end as u32)
        .await
        .unwrap();
    assert!(
        hints
            .speaker
            .as_deref()
            .unwrap_or_default()
            .contains("Zelenskyy"),
        "{hints:?}"
    );
    assert_eq!(hints.relay.as_deref(), Some("Al Jazeera"));
    let chain: Vec<(&str, StepKind)> = hints
        .attribution
        .iter()
        .map(|s| (s.name.as_str(), s.kind))
        .collect();
    assert_eq!(
        chain.last(),
        Some(&("ANI", StepKind::Outlet)),
        "the publishing outlet ends the chain: {chain:?}"
    );
    assert!(
        chain
            .iter()
            .any(|(n, k)| *n == "Al Jazeera" && *k == StepKind::Outlet),
        "{chain:?}"
    );
    assert!(
        matches!(
            suggestions::hints(&ws.store, &article, 10, 10_000_000).await,
            Err(StoreError::Invalid { .. })
        ),
        "a selection outside the text is refused"
    );
}
