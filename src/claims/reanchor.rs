//! Re-anchoring: moving every appearance of an article onto its new
//! revision (anchored, moved, waiting for review or orphaned), and the
//! anchoring the writes share: finding a quote in a text, describing a
//! span as an anchor and storing it.

use serde_json::{json, Value};
use sqlx::Row;

use crate::anchor::{
    self, Anchor, Placement, PreparedText, TextPositionSelector, TextQuoteSelector,
};
use crate::change::{Entity, Verb};
use crate::model::{AnchorState, AppearanceInfo, ReanchorCounts, ReanchorResult};
use crate::store::{Result, Store, StoreError, Write};

use super::{appearance_snapshot, appearances_where};

/// Re-anchors every appearance of an article that is not on its current
/// revision, and reports where each appearance of the article now stands.
pub async fn reanchor_article(store: &Store, article_id: &str) -> Result<Vec<ReanchorResult>> {
    let mut w = store.write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?")
        .bind(article_id)
        .fetch_optional(w.conn())
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("article {article_id}")));
    }
    reanchor_in(&mut w, article_id).await?;
    w.commit().await?;
    let mut conn = store.pool().acquire().await?;
    let appearances = appearances_where(&mut conn, "r.article_id = ?1", &[article_id]).await?;
    Ok(appearances.into_iter().map(result_of).collect())
}

fn result_of(a: AppearanceInfo) -> ReanchorResult {
    ReanchorResult {
        appearance_id: a.id,
        claim_id: a.claim_id,
        anchor: a.anchor,
        confidence: a.confidence,
        revision: a.revision,
        start: a.start,
        end: a.end,
        exact: a.exact,
        candidate: a.candidate,
    }
}

/// Places every appearance of `article_id` that is on an older revision in
/// the current one, inside the caller's write (the import of a revision).
/// Returns how many appearances landed in each state.
pub(crate) async fn reanchor_in(w: &mut Write, article_id: &str) -> Result<ReanchorCounts> {
    let (revision_id, number, body): (String, i64, String) = sqlx::query_as(
        "SELECT r.id, r.number, r.body FROM articles a JOIN revisions r ON r.id = a.current_revision_id
         WHERE a.id = ?",
    )
    .bind(article_id)
    .fetch_one(w.conn())
    .await?;
    let rows = sqlx::query(
        "SELECT a.id, a.revision_id, a.start, a.end, a.exact, a.prefix, a.suffix
         FROM appearances a JOIN revisions r ON r.id = a.revision_id
         WHERE r.article_id = ? AND a.revision_id <> ? ORDER BY a.revision_id, a.id",
    )
    .bind(article_id)
    .bind(&revision_id)
    .fetch_all(w.conn())
    .await?;
    let mut counts = ReanchorCounts::default();
    // Appearances are grouped by the revision they sit on (usually the
    // previous one; older for those still awaiting review), so each group
    // is placed with the diff from its own text.
    let mut groups: Vec<(String, Vec<(String, Anchor)>)> = Vec::new();
    for row in &rows {
        let on: String = row.try_get("revision_id")?;
        let anchor = Anchor {
            quote: TextQuoteSelector {
                exact: row.try_get("exact")?,
                prefix: row.try_get("prefix")?,
                suffix: row.try_get("suffix")?,
            },
            position: TextPositionSelector {
                start: row.try_get::<i64, _>("start")? as usize,
                end: row.try_get::<i64, _>("end")? as usize,
            },
        };
        match groups.last_mut() {
            Some((last, group)) if *last == on => group.push((row.try_get("id")?, anchor)),
            _ => groups.push((on, vec![(row.try_get("id")?, anchor)])),
        }
    }
    for (old_revision, group) in groups {
        let old_body: String = sqlx::query_scalar("SELECT body FROM revisions WHERE id = ?")
            .bind(&old_revision)
            .fetch_one(w.conn())
            .await?;
        let anchors: Vec<Anchor> = group.iter().map(|(_, a)| a.clone()).collect();
        let placements = anchor::reanchor_all(&old_body, &body, &anchors);
        for ((id, _), placement) in group.iter().zip(&placements) {
            *match placement {
                Placement::Anchored { .. } => &mut counts.anchored,
                Placement::Moved { .. } => &mut counts.moved,
                Placement::NeedsReview { .. } => &mut counts.needs_review,
                Placement::Orphaned => &mut counts.orphaned,
            } += 1;
            let before = appearance_snapshot(w.conn(), id).await?;
            if !apply_placement(w, id, &revision_id, &body, placement, &before).await? {
                // Still waiting for a person, with the same candidate: an
                // event would only repeat the last one.
                continue;
            }
            let mut after = appearance_snapshot(w.conn(), id).await?;
            after["to_revision"] = json!(number);
            w.audit(
                Entity::Appearance,
                id,
                Verb::Reanchor,
                Some(&before),
                Some(&after),
            )
            .await?;
        }
    }
    Ok(counts)
}

/// Stores `placement` for appearance `id` (whose row `before` shows) and
/// says whether anything changed: an appearance already waiting for review
/// of the same candidate, or already orphaned, is left as it is.
async fn apply_placement(
    w: &mut Write,
    id: &str,
    revision_id: &str,
    body: &str,
    placement: &Placement,
    before: &Value,
) -> Result<bool> {
    let confidence = placement.confidence();
    let unchanged = match placement {
        Placement::NeedsReview { candidate, .. } => {
            before["anchor_state"] == "needs_review"
                && before["candidate_revision_id"] == revision_id
                && before["candidate_start"] == candidate.start
                && before["candidate_end"] == candidate.end
        }
        Placement::Orphaned => before["anchor_state"] == "orphaned",
        _ => false,
    };
    if unchanged {
        return Ok(false);
    }
    match placement {
        Placement::Anchored { start, end } | Placement::Moved { start, end, .. } => {
            let state = if matches!(placement, Placement::Anchored { .. }) {
                AnchorState::Anchored
            } else {
                AnchorState::Moved
            };
            let anchor = describe(body, *start as u32, *end as u32)?;
            set_anchor(w, id, revision_id, &anchor, state, confidence).await?;
        }
        Placement::NeedsReview { candidate, .. } => {
            sqlx::query(
                "UPDATE appearances SET anchor_state = 'needs_review', anchor_confidence = ?,
                    candidate_revision_id = ?, candidate_start = ?, candidate_end = ?
                 WHERE id = ?",
            )
            .bind(confidence)
            .bind(revision_id)
            .bind(candidate.start as i64)
            .bind(candidate.end as i64)
            .bind(id)
            .execute(w.conn())
            .await?;
        }
        Placement::Orphaned => {
            sqlx::query(
                "UPDATE appearances SET anchor_state = 'orphaned', anchor_confidence = 0,
                    candidate_revision_id = NULL, candidate_start = NULL, candidate_end = NULL
                 WHERE id = ?",
            )
            .bind(id)
            .execute(w.conn())
            .await?;
        }
    }
    Ok(true)
}

pub(super) async fn set_anchor(
    w: &mut Write,
    id: &str,
    revision_id: &str,
    anchor: &Anchor,
    state: AnchorState,
    confidence: f64,
) -> Result<()> {
    sqlx::query(
        "UPDATE appearances SET revision_id = ?1, start = ?2, end = ?3, exact = ?4, prefix = ?5,
            suffix = ?6, anchor_state = ?7, anchor_confidence = ?8, candidate_revision_id = NULL,
            candidate_start = NULL, candidate_end = NULL,
            previous_exact = CASE WHEN ?9 AND exact <> ?4 THEN exact ELSE NULL END
         WHERE id = ?10",
    )
    .bind(revision_id)
    .bind(anchor.position.start as i64)
    .bind(anchor.position.end as i64)
    .bind(&anchor.quote.exact)
    .bind(&anchor.quote.prefix)
    .bind(&anchor.quote.suffix)
    .bind(state.as_str())
    .bind(confidence)
    .bind(state == AnchorState::Moved)
    .bind(id)
    .execute(w.conn())
    .await?;
    Ok(())
}

pub(super) fn describe(body: &str, start: u32, end: u32) -> Result<Anchor> {
    anchor::describe(body, start as usize, end as usize)
        .map_err(|e| StoreError::invalid(e.to_string()))
}

/// The `[start, end)` of the first place `quote` appears in `body`,
/// exactly or, failing that, with quote marks, dashes, whitespace and case
/// forgiven.
pub fn find_quote_span(body: &str, quote: &str) -> Option<(usize, usize)> {
    find_quote_spans(body, quote).into_iter().next()
}

/// Every `[start, end)` where `quote` appears in `body`, in text order:
/// the exact occurrences or, when there are none, the forgiving ones.
pub fn find_quote_spans(body: &str, quote: &str) -> Vec<(usize, usize)> {
    let quote = quote.trim();
    if quote.is_empty() {
        return Vec::new();
    }
    let len = quote.chars().count();
    let exact = anchor::find_quote(body, quote);
    if !exact.is_empty() {
        return exact
            .into_iter()
            .map(|start| (start, start + len))
            .collect();
    }
    PreparedText::new(body)
        .find(quote)
        .into_iter()
        .map(|p| (p.start, p.end))
        .collect()
}
