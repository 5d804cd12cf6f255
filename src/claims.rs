//! Claims and their appearances: marking a span of an article as a claim,
//! editing it, and keeping every appearance on its text when the article
//! gets a new revision.
//!
//! Every change goes through [`Write`] and is audited in its transaction.
//! An appearance is never deleted by re-anchoring: when its text changed
//! beyond recognition it is flagged `needs_review` (with the best candidate)
//! or `orphaned`, and keeps the revision, offsets and quote it had.

use std::collections::HashMap;

use serde_json::{json, Value};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::anchor::{
    self, Anchor, Placement, PreparedText, TextPositionSelector, TextQuoteSelector,
};
use crate::change::{Entity, Verb};
use crate::model::{
    AnchorCandidate, AnchorState, AppearanceDetails, AppearanceFields, AppearanceInfo,
    AppearanceKind, AttributionStep, ClaimBrief, ClaimFields, ClaimInfo, ClaimQuery,
    ReanchorCounts, ReanchorResult, StepKind,
};
use crate::outlets::outlet_id;
use crate::persons;
use crate::store::{new_id, rows, Result, Store, StoreError, Write};

/// Longest statement, condition or note kept, in chars: a paragraph or two.
pub(crate) const MAX_TEXT: usize = 10_000;

/// Creates a claim, with its first appearance when one is given.
pub async fn create(
    store: &Store,
    fields: &ClaimFields,
    appearance: Option<&AppearanceFields>,
) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let id = insert_claim(&mut w, fields).await?;
    if let Some(appearance) = appearance {
        insert_appearance(&mut w, &id, appearance).await?;
    }
    w.commit().await?;
    get(store, &id).await
}

/// Adds another appearance (a span of an article) to an existing claim.
pub async fn add_appearance(
    store: &Store,
    claim_id: &str,
    fields: &AppearanceFields,
) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    claim_exists(w.conn(), claim_id).await?;
    insert_appearance(&mut w, claim_id, fields).await?;
    touch(&mut w, claim_id).await?;
    w.commit().await?;
    get(store, claim_id).await
}

/// Replaces a claim's statement, claimant, condition, note and tags.
pub async fn update(store: &Store, id: &str, fields: &ClaimFields) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let before = claim_snapshot(w.conn(), id).await?;
    let fields = clean_claim(fields)?;
    let claimant_id = match &fields.claimant {
        Some(name) => Some(persons::find_or_create(&mut w, name).await?),
        None => None,
    };
    sqlx::query(
        "UPDATE claims SET statement = ?, claimant_id = ?, condition = ?, note = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(&fields.statement)
    .bind(&claimant_id)
    .bind(&fields.condition)
    .bind(&fields.note)
    .bind(w.at().to_owned())
    .bind(id)
    .execute(w.conn())
    .await?;
    replace_tags(&mut w, id, &fields.tags).await?;
    let after = claim_snapshot(w.conn(), id).await?;
    if after == before {
        // Saving unchanged fields changes nothing: dropping the write rolls
        // back the `updated_at` touch too.
        drop(w);
        return get(store, id).await;
    }
    w.audit(Entity::Claim, id, Verb::Update, Some(&before), Some(&after))
        .await?;
    let edited: Vec<&str> = [("statement", "Statement"), ("condition", "Condition")]
        .into_iter()
        .filter(|(key, _)| before[key] != after[key])
        .map(|(_, name)| name)
        .collect();
    if !edited.is_empty() {
        crate::review::reopen_if_approved(&mut w, id, &edited.join(" and ")).await?;
    }
    w.commit().await?;
    get(store, id).await
}

/// Replaces what is said about an appearance (kind, speaker, time, venue,
/// attribution chain); its place in the text stays.
pub async fn update_appearance(
    store: &Store,
    id: &str,
    details: &AppearanceDetails,
) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let before = appearance_snapshot(w.conn(), id).await?;
    let claim_id = before["claim_id"].as_str().unwrap_or_default().to_owned();
    let article_id: String = sqlx::query_scalar(
        "SELECT r.article_id FROM appearances a JOIN revisions r ON r.id = a.revision_id
         WHERE a.id = ?",
    )
    .bind(id)
    .fetch_one(w.conn())
    .await?;
    let resolved = resolve_details(&mut w, &claim_id, &article_id, details).await?;
    sqlx::query(
        "UPDATE appearances SET kind = ?, speaker_id = ?, stated_at = ?, stated_ts = ?, venue = ?
         WHERE id = ?",
    )
    .bind(details.kind.as_str())
    .bind(&resolved.speaker_id)
    .bind(&resolved.stated_at)
    .bind(resolved.stated_ts)
    .bind(&resolved.venue)
    .bind(id)
    .execute(w.conn())
    .await?;
    sqlx::query("DELETE FROM attribution_steps WHERE appearance_id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    insert_steps(&mut w, id, &resolved.attribution).await?;
    let after = appearance_snapshot(w.conn(), id).await?;
    if after == before {
        drop(w);
        return get(store, &claim_id).await;
    }
    w.audit(
        Entity::Appearance,
        id,
        Verb::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    touch(&mut w, &claim_id).await?;
    w.commit().await?;
    get(store, &claim_id).await
}

/// Removes one appearance; the claim stays, even with none left.
pub async fn delete_appearance(store: &Store, id: &str) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let before = appearance_snapshot(w.conn(), id).await?;
    let claim_id = before["claim_id"].as_str().unwrap_or_default().to_owned();
    refuse_if_evidence(w.conn(), "a.id = ?1", id, None).await?;
    sqlx::query("DELETE FROM appearances WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(Entity::Appearance, id, Verb::Delete, Some(&before), None)
        .await?;
    touch(&mut w, &claim_id).await?;
    w.commit().await?;
    get(store, &claim_id).await
}

/// Deletes a claim with what depends on it (its appearances, review,
/// comments, links and storyline places), each audited with what it held
/// (see `change.rs` for what depends on a claim).
pub async fn delete(store: &Store, id: &str) -> Result<()> {
    let mut w = store.write().await?;
    claim_exists(w.conn(), id).await?;
    refuse_if_evidence(w.conn(), "a.claim_id = ?1", id, Some(id)).await?;
    rows::delete(&mut w, Entity::Claim, id).await?;
    w.commit().await
}

/// Short descriptions of the claims with these ids, by id; ids that name
/// no claim are left out.
pub async fn briefs(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashMap<String, ClaimBrief>> {
    let mut found = HashMap::with_capacity(ids.len());
    // Chunks keep each statement under SQLite's variable limit.
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT c.id, c.statement, p.name AS claimant, c.review_state,
                    (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id
                     ORDER BY v.id DESC LIMIT 1) AS verdict,
                    (SELECT count(*) FROM appearances a WHERE a.claim_id = c.id) AS appearances,
                    (SELECT a.stated_at FROM appearances a
                     WHERE a.claim_id = c.id AND a.stated_ts IS NOT NULL
                     ORDER BY a.stated_ts, a.id LIMIT 1) AS first_stated_at
             FROM claims c LEFT JOIN persons p ON p.id = c.claimant_id
             WHERE c.id IN ({marks})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let brief = ClaimBrief {
                id: row.try_get("id")?,
                statement: row.try_get("statement")?,
                claimant: row.try_get("claimant")?,
                review_state: row.try_get("review_state")?,
                verdict: row.try_get("verdict")?,
                appearances: row.try_get::<i64, _>("appearances")? as u32,
                first_stated_at: row.try_get("first_stated_at")?,
            };
            found.insert(brief.id.clone(), brief);
        }
    }
    Ok(found)
}

/// Puts an appearance on the span `[start, end)` of its article's current
/// revision: accepting a re-anchoring candidate, or marking an orphan's new
/// place by hand.
pub async fn place(store: &Store, appearance_id: &str, start: u32, end: u32) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let before = appearance_snapshot(w.conn(), appearance_id).await?;
    let claim_id = before["claim_id"].as_str().unwrap_or_default().to_owned();
    let (revision_id, _, body) = current_revision_of_appearance(w.conn(), appearance_id).await?;
    let anchor = describe(&body, start, end)?;
    set_anchor(
        &mut w,
        appearance_id,
        &revision_id,
        &anchor,
        AnchorState::Anchored,
        1.0,
    )
    .await?;
    let after = appearance_snapshot(w.conn(), appearance_id).await?;
    w.audit(
        Entity::Appearance,
        appearance_id,
        Verb::Place,
        Some(&before),
        Some(&after),
    )
    .await?;
    w.commit().await?;
    get(store, &claim_id).await
}

/// One claim with its appearances.
pub async fn get(store: &Store, id: &str) -> Result<ClaimInfo> {
    let mut conn = store.pool().acquire().await?;
    let mut claims = claims_where(&mut conn, "c.id = ?1", &[id], None).await?;
    claims
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))
}

/// Claims, newest first, filtered by `query`.
pub async fn list(store: &Store, query: &ClaimQuery) -> Result<Vec<ClaimInfo>> {
    let mut conn = store.pool().acquire().await?;
    let mut conditions = Vec::new();
    let mut binds: Vec<String> = Vec::new();
    if let Some(article) = &query.article_id {
        binds.push(article.clone());
        conditions.push(format!(
            "c.id IN (SELECT a.claim_id FROM appearances a JOIN revisions r ON r.id = a.revision_id
                      WHERE r.article_id = ?{})",
            binds.len()
        ));
    }
    if let Some(text) = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        for word in text.split_whitespace().take(8) {
            binds.push(format!("%{}%", escape_like(word)));
            let n = binds.len();
            conditions.push(format!(
                "(c.statement LIKE ?{n} ESCAPE '\\'
                  OR c.id IN (SELECT claim_id FROM appearances WHERE exact LIKE ?{n} ESCAPE '\\')
                  OR c.claimant_id IN (SELECT id FROM persons WHERE name LIKE ?{n} ESCAPE '\\'
                                       UNION SELECT person_id FROM person_aliases
                                       WHERE alias LIKE ?{n} ESCAPE '\\'))"
            ));
        }
    }
    if let Some(queue) = query.queue {
        let mut condition = crate::review::queue_condition(queue).to_owned();
        if queue == crate::model::Queue::AssignedToMe {
            binds.push(
                crate::store::users::acting_id(store)
                    .await?
                    .unwrap_or_default(),
            );
            condition = condition.replace('?', &format!("?{}", binds.len()));
        }
        conditions.push(format!("({condition})"));
    }
    let condition = if conditions.is_empty() {
        "1".to_owned()
    } else {
        conditions.join(" AND ")
    };
    let binds: Vec<&str> = binds.iter().map(String::as_str).collect();
    claims_where(&mut conn, &condition, &binds, query.limit).await
}

/// Every appearance in an article, on any of its revisions, in text order.
/// Appearances that need review or are orphaned still point at the older
/// revision they were last placed on.
pub async fn article_appearances(store: &Store, article_id: &str) -> Result<Vec<AppearanceInfo>> {
    let mut conn = store.pool().acquire().await?;
    appearances_where(&mut conn, "r.article_id = ?1", &[article_id]).await
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

async fn set_anchor(
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

fn describe(body: &str, start: u32, end: u32) -> Result<Anchor> {
    anchor::describe(body, start as usize, end as usize)
        .map_err(|e| StoreError::invalid(e.to_string()))
}

async fn insert_claim(w: &mut Write, fields: &ClaimFields) -> Result<String> {
    let fields = clean_claim(fields)?;
    let claimant_id = match &fields.claimant {
        Some(name) => Some(persons::find_or_create(w, name).await?),
        None => None,
    };
    let id = new_id();
    let at = w.at().to_owned();
    let actor = w.actor().to_owned();
    sqlx::query(
        "INSERT INTO claims (id, statement, claimant_id, condition, note, created_by, created_at,
            updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&fields.statement)
    .bind(&claimant_id)
    .bind(&fields.condition)
    .bind(&fields.note)
    .bind(&actor)
    .bind(&at)
    .bind(&at)
    .execute(w.conn())
    .await?;
    replace_tags(w, &id, &fields.tags).await?;
    let after = claim_snapshot(w.conn(), &id).await?;
    w.audit(Entity::Claim, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

/// Trims the fields and refuses what cannot be a claim.
fn clean_claim(fields: &ClaimFields) -> Result<ClaimFields> {
    let statement = fields
        .statement
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if statement.is_empty() {
        return Err(StoreError::invalid_field(
            "statement",
            "A claim needs a statement: the claim in the team's own words.",
        ));
    }
    for (what, text) in [
        ("statement", Some(&statement)),
        ("condition", fields.condition.as_ref()),
        ("note", fields.note.as_ref()),
    ] {
        if text.is_some_and(|t| t.chars().count() > MAX_TEXT) {
            return Err(StoreError::invalid(format!(
                "The {what} is longer than {MAX_TEXT} characters. Shorten it, or keep the long text as a note on the article."
            )));
        }
    }
    let mut tags: Vec<String> = fields
        .tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    tags.sort();
    tags.dedup();
    Ok(ClaimFields {
        statement,
        claimant: non_empty(fields.claimant.as_deref()),
        condition: non_empty(fields.condition.as_deref()),
        note: non_empty(fields.note.as_deref()),
        tags,
    })
}

pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

async fn replace_tags(w: &mut Write, claim_id: &str, tags: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM claim_tags WHERE claim_id = ?")
        .bind(claim_id)
        .execute(w.conn())
        .await?;
    for tag in tags {
        sqlx::query("INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)")
            .bind(claim_id)
            .bind(tag)
            .execute(w.conn())
            .await?;
    }
    Ok(())
}

/// The appearance fields with names resolved to rows and defaults filled.
struct ResolvedDetails {
    speaker_id: Option<String>,
    stated_at: Option<String>,
    stated_ts: Option<i64>,
    venue: Option<String>,
    attribution: Vec<StoredStep>,
}

/// One attribution step as stored: a person or an outlet row.
#[derive(Debug, sqlx::FromRow, serde::Serialize, serde::Deserialize)]
struct StoredStep {
    person_id: Option<String>,
    outlet_id: Option<String>,
    /// speaker | reporter | relay
    role: String,
    cue: Option<String>,
}

async fn resolve_details(
    w: &mut Write,
    claim_id: &str,
    article_id: &str,
    details: &AppearanceDetails,
) -> Result<ResolvedDetails> {
    let (published_at, outlet): (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT r.published_at, o.name FROM articles a
         JOIN revisions r ON r.id = a.current_revision_id
         LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?",
    )
    .bind(article_id)
    .fetch_one(w.conn())
    .await?;
    let claimant_id: Option<String> =
        sqlx::query_scalar("SELECT claimant_id FROM claims WHERE id = ?")
            .bind(claim_id)
            .fetch_one(w.conn())
            .await?;
    let speaker_id = match non_empty(details.speaker.as_deref()) {
        Some(name) => Some(persons::find_or_create_near(w, &name, claimant_id.as_deref()).await?),
        None => claimant_id,
    };
    let stated_at = non_empty(details.stated_at.as_deref()).or(published_at);
    let stated_ts = match &stated_at {
        Some(t) => Some(stated_sort_key(t)?),
        None => None,
    };
    let given: Vec<&AttributionStep> = details
        .attribution
        .iter()
        .filter(|s| !s.name.trim().is_empty())
        .collect();
    let mut attribution = Vec::new();
    // A chain is spoken first: when it does not start with a person (the
    // text named only the outlets), the speaker heads it.
    if given.first().is_none_or(|s| s.kind != StepKind::Person) {
        if let Some(id) = &speaker_id {
            attribution.push(StoredStep {
                person_id: Some(id.clone()),
                outlet_id: None,
                role: "speaker".into(),
                cue: None,
            });
        }
    }
    for step in &given {
        let name = step.name.trim();
        let (person, outlet) = match step.kind {
            StepKind::Person if attribution.is_empty() => (
                Some(persons::find_or_create_near(w, name, speaker_id.as_deref()).await?),
                None,
            ),
            StepKind::Person => (Some(persons::find_or_create(w, name).await?), None),
            StepKind::Outlet => (None, Some(outlet_id(w, name).await?)),
        };
        let role = match step.kind {
            StepKind::Person if attribution.is_empty() => "speaker",
            StepKind::Person => "reporter",
            StepKind::Outlet => "relay",
        };
        attribution.push(StoredStep {
            person_id: person,
            outlet_id: outlet,
            role: role.to_owned(),
            cue: non_empty(step.cue.as_deref()),
        });
    }
    if given.is_empty() {
        if let Some(outlet) = &outlet {
            attribution.push(StoredStep {
                person_id: None,
                outlet_id: Some(outlet_id(w, outlet).await?),
                role: "relay".into(),
                cue: None,
            });
        }
    }
    Ok(ResolvedDetails {
        speaker_id,
        stated_at,
        stated_ts,
        venue: non_empty(details.venue.as_deref()),
        attribution,
    })
}

/// Milliseconds since the epoch for ordering statement times: RFC 3339, a
/// floating local time, or a date alone (ordered as its midnight).
pub fn stated_sort_key(text: &str) -> Result<i64> {
    crate::timestamp::sort_key_of(text).ok_or_else(|| StoreError::invalid_field("stated_at", format!(
        "“{text}” is not a time Claimtrail understands. Give a date (2025-12-14), a local time (2025-12-14T18:30:00) or a time with its offset (2025-12-14T18:30:00+02:00)."
    )))
}

async fn insert_steps(w: &mut Write, appearance_id: &str, steps: &[StoredStep]) -> Result<()> {
    for (position, step) in steps.iter().enumerate() {
        sqlx::query(
            "INSERT INTO attribution_steps (appearance_id, position, person_id, outlet_id, role, cue)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(appearance_id)
        .bind(position as i64)
        .bind(&step.person_id)
        .bind(&step.outlet_id)
        .bind(&step.role)
        .bind(&step.cue)
        .execute(w.conn())
        .await?;
    }
    Ok(())
}

async fn insert_appearance(
    w: &mut Write,
    claim_id: &str,
    fields: &AppearanceFields,
) -> Result<String> {
    let (revision_id, number, body): (String, i64, String) = sqlx::query_as(
        "SELECT r.id, r.number, r.body FROM articles a JOIN revisions r ON r.id = a.current_revision_id
         WHERE a.id = ?",
    )
    .bind(&fields.article_id)
    .fetch_optional(w.conn())
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("article {}", fields.article_id)))?;
    if let Some(selected) = fields.revision.filter(|&r| i64::from(r) != number) {
        return Err(StoreError::Conflict(format!(
            "The text was selected in revision {selected}, but the article now has revision {number}. Select the text again in the latest revision."
        )));
    }
    let anchor = describe(&body, fields.start, fields.end)?;
    let resolved = resolve_details(w, claim_id, &fields.article_id, &fields.details).await?;
    let id = new_id();
    let at = w.at().to_owned();
    let actor = w.actor().to_owned();
    sqlx::query(
        "INSERT INTO appearances (id, claim_id, revision_id, start, end, exact, prefix, suffix,
            kind, speaker_id, stated_at, stated_ts, venue, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(claim_id)
    .bind(&revision_id)
    .bind(anchor.position.start as i64)
    .bind(anchor.position.end as i64)
    .bind(&anchor.quote.exact)
    .bind(&anchor.quote.prefix)
    .bind(&anchor.quote.suffix)
    .bind(fields.details.kind.as_str())
    .bind(&resolved.speaker_id)
    .bind(&resolved.stated_at)
    .bind(resolved.stated_ts)
    .bind(&resolved.venue)
    .bind(&actor)
    .bind(&at)
    .execute(w.conn())
    .await?;
    insert_steps(w, &id, &resolved.attribution).await?;
    let after = appearance_snapshot(w.conn(), &id).await?;
    w.audit(Entity::Appearance, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

async fn touch(w: &mut Write, claim_id: &str) -> Result<()> {
    sqlx::query("UPDATE claims SET updated_at = ? WHERE id = ?")
        .bind(w.at().to_owned())
        .bind(claim_id)
        .execute(w.conn())
        .await?;
    Ok(())
}

/// Refuses to remove appearances (`condition` over `appearances a`) that
/// another claim's review cites as evidence: the evidence would be lost.
/// Evidence on `own_claim` goes with it and is audited there.
async fn refuse_if_evidence(
    conn: &mut SqliteConnection,
    condition: &str,
    bind: &str,
    own_claim: Option<&str>,
) -> Result<()> {
    let sql = format!(
        "SELECT c.statement FROM evidence e JOIN appearances a ON a.id = e.appearance_id
         JOIN claims c ON c.id = e.claim_id
         WHERE {condition} AND e.claim_id IS NOT ?2 LIMIT 1"
    );
    let citing: Option<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(bind)
        .bind(own_claim)
        .fetch_optional(conn)
        .await?;
    match citing {
        Some(statement) => Err(StoreError::Conflict(format!(
            "This appearance is evidence in the review of “{statement}”. Remove it from that claim's evidence first."
        ))),
        None => Ok(()),
    }
}

pub(crate) async fn claim_exists(conn: &mut SqliteConnection, id: &str) -> Result<()> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))
}

/// A claim's stored fields, for the audit log.
pub(crate) async fn claim_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    let row =
        sqlx::query("SELECT statement, claimant_id, condition, note FROM claims WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))?;
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(json!({
        "statement": row.try_get::<String, _>("statement")?,
        "claimant_id": row.try_get::<Option<String>, _>("claimant_id")?,
        "condition": row.try_get::<Option<String>, _>("condition")?,
        "note": row.try_get::<Option<String>, _>("note")?,
        "tags": tags,
    }))
}

/// An appearance's stored fields and chain, for the audit log.
pub(crate) async fn appearance_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    rows::existing(conn, Entity::Appearance, id).await
}

async fn current_revision_of_appearance(
    conn: &mut SqliteConnection,
    appearance_id: &str,
) -> Result<(String, i64, String)> {
    Ok(sqlx::query_as(
        "SELECT cur.id, cur.number, cur.body FROM appearances a
         JOIN revisions r ON r.id = a.revision_id
         JOIN articles ar ON ar.id = r.article_id
         JOIN revisions cur ON cur.id = ar.current_revision_id
         WHERE a.id = ?",
    )
    .bind(appearance_id)
    .fetch_one(conn)
    .await?)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Claims matching `condition` (SQL over `claims c`, binds numbered ?1…),
/// newest first, each with its appearances.
async fn claims_where(
    conn: &mut SqliteConnection,
    condition: &str,
    binds: &[&str],
    limit: Option<u32>,
) -> Result<Vec<ClaimInfo>> {
    let sql = format!(
        "SELECT c.id, c.statement, p.name AS claimant, c.claimant_id, c.condition, c.note,
                c.review_state, u.name AS created_by, c.created_at, c.updated_at,
                au.name AS assignee,
                (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id
                 ORDER BY v.id DESC LIMIT 1) AS verdict
         FROM claims c
         LEFT JOIN persons p ON p.id = c.claimant_id
         JOIN users u ON u.id = c.created_by
         LEFT JOIN users au ON au.id = c.assignee_id
         WHERE {condition}
         ORDER BY c.created_at DESC, c.id DESC
         LIMIT {}",
        limit.map_or(-1, i64::from)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for bind in binds {
        query = query.bind(*bind);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut claims = Vec::with_capacity(rows.len());
    for row in rows {
        claims.push(claim_from_row(&row)?);
    }
    if claims.is_empty() {
        return Ok(claims);
    }
    // Tags and appearances are fetched for the same claims by repeating the
    // query as a subquery: a list of ids would run out of SQL variables.
    let ids_sql = format!(
        "SELECT c.id FROM claims c WHERE {condition}
         ORDER BY c.created_at DESC, c.id DESC LIMIT {}",
        limit.map_or(-1, i64::from)
    );
    let tags_sql =
        format!("SELECT claim_id, tag FROM claim_tags WHERE claim_id IN ({ids_sql}) ORDER BY tag");
    let mut tags_query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(tags_sql));
    for bind in binds {
        tags_query = tags_query.bind(*bind);
    }
    let mut tags: HashMap<String, Vec<String>> = HashMap::new();
    for (claim, tag) in tags_query.fetch_all(&mut *conn).await? {
        tags.entry(claim).or_default().push(tag);
    }
    let appearances = appearances_where(conn, &format!("a.claim_id IN ({ids_sql})"), binds).await?;
    let mut by_claim: HashMap<String, Vec<AppearanceInfo>> = HashMap::new();
    for a in appearances {
        by_claim.entry(a.claim_id.clone()).or_default().push(a);
    }
    for claim in &mut claims {
        claim.tags = tags.remove(&claim.id).unwrap_or_default();
        claim.appearances = by_claim.remove(&claim.id).unwrap_or_default();
    }
    Ok(claims)
}

fn claim_from_row(row: &SqliteRow) -> Result<ClaimInfo> {
    Ok(ClaimInfo {
        id: row.try_get("id")?,
        statement: row.try_get("statement")?,
        claimant: row.try_get("claimant")?,
        claimant_id: row.try_get("claimant_id")?,
        condition: row.try_get("condition")?,
        note: row.try_get("note")?,
        tags: Vec::new(),
        review_state: row.try_get("review_state")?,
        assignee: row.try_get("assignee")?,
        verdict: row.try_get("verdict")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        appearances: Vec::new(),
    })
}

/// Appearances matching `condition` (SQL over `appearances a` and their
/// revision `r`, binds numbered ?1…), by article and place in the text.
pub(crate) async fn appearances_where(
    conn: &mut SqliteConnection,
    condition: &str,
    binds: &[&str],
) -> Result<Vec<AppearanceInfo>> {
    let sql = format!(
        "SELECT a.id, a.claim_id, r.article_id, cur.title AS article_title, o.name AS outlet,
                r.number AS revision, a.start, a.end, a.exact, a.prefix, a.suffix, a.kind,
                sp.name AS speaker, a.speaker_id, a.stated_at, a.venue, a.anchor_state,
                a.anchor_confidence, cr.number AS candidate_revision, a.candidate_start,
                a.candidate_end,
                CASE WHEN cr.id IS NULL THEN NULL
                     ELSE substr(cr.body, a.candidate_start + 1, a.candidate_end - a.candidate_start)
                END AS candidate_exact, a.previous_exact,
                u.name AS created_by, a.created_at
         FROM appearances a
         JOIN revisions r ON r.id = a.revision_id
         JOIN articles ar ON ar.id = r.article_id
         JOIN revisions cur ON cur.id = ar.current_revision_id
         LEFT JOIN outlets o ON o.id = ar.outlet_id
         LEFT JOIN persons sp ON sp.id = a.speaker_id
         LEFT JOIN revisions cr ON cr.id = a.candidate_revision_id
         JOIN users u ON u.id = a.created_by
         WHERE {condition}
         ORDER BY r.article_id, a.start, a.end, a.id"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for bind in binds {
        query = query.bind(*bind);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut appearances = Vec::with_capacity(rows.len());
    for row in &rows {
        appearances.push(appearance_from_row(row)?);
    }
    if appearances.is_empty() {
        return Ok(appearances);
    }
    let steps_sql = format!(
        "SELECT s.appearance_id, coalesce(p.name, o.name), s.person_id IS NOT NULL, s.cue
         FROM attribution_steps s
         LEFT JOIN persons p ON p.id = s.person_id
         LEFT JOIN outlets o ON o.id = s.outlet_id
         WHERE s.appearance_id IN (
             SELECT a.id FROM appearances a JOIN revisions r ON r.id = a.revision_id
             WHERE {condition})
         ORDER BY s.appearance_id, s.position"
    );
    let mut steps_query =
        sqlx::query_as::<_, (String, String, bool, Option<String>)>(sqlx::AssertSqlSafe(steps_sql));
    for bind in binds {
        steps_query = steps_query.bind(*bind);
    }
    let mut chains: HashMap<String, Vec<AttributionStep>> = HashMap::new();
    for (appearance, name, is_person, cue) in steps_query.fetch_all(&mut *conn).await? {
        chains.entry(appearance).or_default().push(AttributionStep {
            name,
            kind: if is_person {
                StepKind::Person
            } else {
                StepKind::Outlet
            },
            cue,
        });
    }
    for a in &mut appearances {
        a.attribution = chains.remove(&a.id).unwrap_or_default();
    }
    Ok(appearances)
}

fn appearance_from_row(row: &SqliteRow) -> Result<AppearanceInfo> {
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("anchor_state")?;
    let candidate = match (
        row.try_get::<Option<i64>, _>("candidate_revision")?,
        row.try_get::<Option<i64>, _>("candidate_start")?,
        row.try_get::<Option<i64>, _>("candidate_end")?,
        row.try_get::<Option<String>, _>("candidate_exact")?,
    ) {
        (Some(revision), Some(start), Some(end), Some(exact)) => Some(AnchorCandidate {
            revision: revision as u32,
            start: start as u32,
            end: end as u32,
            exact,
        }),
        _ => None,
    };
    Ok(AppearanceInfo {
        id: row.try_get("id")?,
        claim_id: row.try_get("claim_id")?,
        article_id: row.try_get("article_id")?,
        article_title: row.try_get("article_title")?,
        outlet: row.try_get("outlet")?,
        revision: row.try_get::<i64, _>("revision")? as u32,
        start: row.try_get::<i64, _>("start")? as u32,
        end: row.try_get::<i64, _>("end")? as u32,
        exact: row.try_get("exact")?,
        prefix: row.try_get("prefix")?,
        suffix: row.try_get("suffix")?,
        kind: AppearanceKind::parse(&kind).unwrap_or_default(),
        speaker: row.try_get("speaker")?,
        speaker_id: row.try_get("speaker_id")?,
        stated_at: row.try_get("stated_at")?,
        venue: row.try_get("venue")?,
        attribution: Vec::new(),
        anchor: AnchorState::parse(&state).unwrap_or(AnchorState::NeedsReview),
        confidence: row.try_get("anchor_confidence")?,
        candidate,
        previous_exact: row.try_get("previous_exact")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
    })
}
