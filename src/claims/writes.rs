//! The writes to claims and appearances: creating, editing, placing and
//! deleting them, with the fields cleaned and an appearance's speaker, time
//! and attribution chain filled in from its article when not given.

use sqlx::SqliteConnection;

use crate::change::{Entity, Verb};
use crate::model::{
    AnchorState, AppearanceDetails, AppearanceFields, AttributionStep, ClaimFields, ClaimInfo,
    StepKind,
};
use crate::outlets::outlet_id;
use crate::persons;
use crate::store::{new_id, rows, Result, Store, StoreError, Write};

use super::reanchor::{describe, set_anchor};
use super::{appearance_snapshot, claim_exists, claim_snapshot, get, MAX_TEXT};

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
    add_appearance_in(&mut w, claim_id, fields).await?;
    w.commit().await?;
    get(store, claim_id).await
}

/// [`add_appearance`] inside a write that does more (accepting a
/// reappearance): answers the appearance's id.
pub(crate) async fn add_appearance_in(
    w: &mut Write,
    claim_id: &str,
    fields: &AppearanceFields,
) -> Result<String> {
    claim_exists(w.conn(), claim_id).await?;
    let id = insert_appearance(w, claim_id, fields).await?;
    touch(w, claim_id).await?;
    Ok(id)
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
        "SELECT NULLIF(COALESCE(fix.published_at, r.published_at), ''), o.name FROM articles a
         JOIN revisions r ON r.id = a.current_revision_id
         LEFT JOIN article_corrections fix ON fix.article_id = a.id
         LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, a.outlet_id) WHERE a.id = ?",
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
