//! Verification: the review state machine of a claim, its verdicts and
//! evidence, and the review queues.
//!
//! A claim goes unreviewed → in review (assigned) → proposed (a rating and
//! rationale by the reviewer) → approved (by a different user) → reopened
//! (with a reason) → in review again. [`transition`] is the whole machine as
//! a pure function; [`act`] runs it and records each move as one audited
//! event on the claim (before and after: state, assignee, reopen reason), a
//! proposal also as a `verdict` row and event, an approval as a `verdict`
//! `approve` event. A refused move writes nothing.
//!
//! An approved verdict changes only through reopening: explicitly, or
//! automatically (recorded, with the reason) when the claim's statement or
//! condition changes, by an edit, an Undo or a settled bundle conflict, or
//! when a new rating is proposed. An approval may name the verdict the
//! approver read, and is refused when a newer proposal replaced it.
//! Verdicts and evidence are ordered by their UUIDv7 ids, not by their
//! local-time text, whose offsets differ between colleagues. Evidence is an
//! article, an appearance, a URL, a file or a note.

use std::collections::HashMap;

use serde_json::{json, Value};
use sqlx::SqliteConnection;

use crate::change::{Entity, Verb};
use crate::model::{
    EvidenceFields, EvidenceInfo, EvidenceKind, Queue, QueueCounts, Rating, ReviewAction,
    ReviewInfo, ReviewState, VerdictInfo,
};
use crate::store::{new_id, query_in, users, Result, Store, StoreError, Write};

/// Longest rationale or reason kept, in chars: several paragraphs.
const MAX_RATIONALE: usize = 20_000;

/// Where a claim's review stands, as the machine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    pub state: ReviewState,
    pub assignee: Option<String>,
    /// Who proposed the newest verdict, when one is proposed or approved.
    pub proposer: Option<String>,
    /// The newest verdict's rating and rationale.
    pub verdict: Option<(Rating, String)>,
    /// The newest verdict's id.
    pub verdict_id: Option<String>,
    pub reopen_reason: Option<String>,
}

/// A move the machine allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Next {
    pub state: ReviewState,
    pub assignee: Option<String>,
    pub reopen_reason: Option<String>,
    /// The approved verdict is reopened first, by itself (a new rating on
    /// an approved claim), with this reason.
    pub reopens_first: Option<String>,
}

/// The review state machine. `actor` is the user asking; `names` turns a
/// user id into a name for messages. Answers the next state, or why the move
/// is refused (a sentence a journalist can act on).
pub fn transition(
    current: &Current,
    actor: &str,
    action: &ReviewAction,
    names: &dyn Fn(&str) -> String,
) -> Result<Next> {
    use ReviewState::*;
    let stay = |state: ReviewState, assignee: Option<String>| Next {
        state,
        assignee,
        reopen_reason: current.reopen_reason.clone(),
        reopens_first: None,
    };
    match action {
        ReviewAction::Assign { user } => match current.state {
            Unreviewed | InReview | Reopened => Ok(stay(InReview, Some(user.clone()))),
            Proposed => Err(StoreError::NotAllowed(format!(
                "The verdict {} proposed is waiting for approval: approve it, or reopen it with a reason, before giving the claim to someone else.",
                current.proposer.as_deref().map(names).unwrap_or_default()
            ))),
            Approved => Err(StoreError::NotAllowed("The claim is approved: reopen it with a reason before assigning it again.".to_owned())),
        },
        ReviewAction::Unassign => match current.state {
            InReview if current.reopen_reason.is_some() => Ok(stay(Reopened, None)),
            InReview => Ok(stay(Unreviewed, None)),
            other => Err(StoreError::NotAllowed(format!(
                "Only a claim in review can be unassigned; this one is {}.",
                other.label().to_lowercase()
            ))),
        },
        ReviewAction::Propose { rating, rationale } => {
            if rationale.trim().is_empty() {
                return Err(StoreError::invalid_field(
                    "rationale",
                    format!(
                        "A verdict needs a rationale: say why the claim is rated “{}”.",
                        rating.label()
                    ),
                ));
            }
            let proposed = |reopens_first: Option<String>| Next {
                state: Proposed,
                assignee: Some(actor.to_owned()),
                reopen_reason: None,
                reopens_first,
            };
            match current.state {
                Unreviewed => Ok(proposed(None)),
                InReview | Reopened => match current.assignee.as_deref() {
                    Some(a) if a != actor => Err(StoreError::NotAllowed(format!(
                        "The claim is assigned to {}: only they can propose a verdict. Assign it to yourself first.",
                        names(a)
                    ))),
                    _ => Ok(proposed(None)),
                },
                Proposed => match current.proposer.as_deref() {
                    Some(p) if p != actor => Err(StoreError::NotAllowed(format!(
                        "{} already proposed a verdict: approve it, or reopen it with a reason and propose another.",
                        names(p)
                    ))),
                    _ => Ok(proposed(None)),
                },
                Approved => {
                    if current.verdict.as_ref() == Some(&(*rating, rationale.trim().to_owned())) {
                        return Err(StoreError::NotAllowed(
                            "The claim is already approved with this verdict.".to_owned(),
                        ));
                    }
                    let was = current
                        .verdict
                        .as_ref()
                        .map(|(r, _)| r.label())
                        .unwrap_or("the approved verdict");
                    let reason = if current.verdict.as_ref().map(|(r, _)| r) == Some(rating) {
                        format!("Rationale of the approved verdict ({was}) edited")
                    } else {
                        format!("Rating changed from {was} to {}", rating.label())
                    };
                    Ok(proposed(Some(reason)))
                }
            }
        }
        ReviewAction::Approve { verdict_id } => match current.state {
            Proposed if verdict_id.as_ref().is_some_and(|v| Some(v) != current.verdict_id.as_ref()) => Err(
                StoreError::Conflict("The proposal changed while you were reading it: look at the new verdict before approving.".to_owned()),
            ),
            Proposed => match current.proposer.as_deref() {
                Some(p) if p == actor => Err(StoreError::NotAllowed(
                    "You proposed this verdict: a different person must approve it. Switch user, or ask a colleague to review it.".to_owned(),
                )),
                _ => Ok(Next {
                    state: Approved,
                    assignee: current.assignee.clone(),
                    reopen_reason: None,
                    reopens_first: None,
                }),
            },
            Approved => Err(StoreError::NotAllowed(format!(
                "The verdict is already approved{}.",
                current
                    .proposer
                    .as_deref()
                    .map(|p| format!(" (proposed by {})", names(p)))
                    .unwrap_or_default()
            ))),
            Unreviewed | InReview | Reopened => Err(StoreError::NotAllowed(
                "There is no proposed verdict to approve: a reviewer must first propose a rating with a rationale.".to_owned(),
            )),
        },
        ReviewAction::Reopen { reason } => {
            let reason = reason.trim();
            match current.state {
                Proposed | Approved if reason.is_empty() => Err(StoreError::invalid_field(
                    "reason",
                    "Say why the claim is reopened: the reason is kept in its history.",
                )),
                Proposed | Approved => Ok(Next {
                    state: Reopened,
                    assignee: current.assignee.clone(),
                    reopen_reason: Some(reason.to_owned()),
                    reopens_first: None,
                }),
                other => Err(StoreError::NotAllowed(format!(
                    "Only a proposed or approved verdict can be reopened; this claim is {}.",
                    other.label().to_lowercase()
                ))),
            }
        }
    }
}

/// Runs `action` on a claim's review as the store's user, in one write;
/// a refused move changes nothing and says why ([`StoreError::Invalid`]).
pub async fn act(store: &Store, claim_id: &str, action: &ReviewAction) -> Result<ReviewInfo> {
    act_with_evidence(store, claim_id, action, &[]).await
}

/// [`act`], adding evidence items in the same write (a proposal with the
/// sources it rests on).
pub async fn act_with_evidence(
    store: &Store,
    claim_id: &str,
    action: &ReviewAction,
    evidence: &[EvidenceFields],
) -> Result<ReviewInfo> {
    let action = match action {
        ReviewAction::Assign { user } => ReviewAction::Assign {
            user: users::resolve(store, user).await?,
        },
        other => other.clone(),
    };
    let mut w = store.write().await?;
    apply(&mut w, claim_id, &action).await?;
    for item in evidence {
        insert_evidence(&mut w, claim_id, item).await?;
    }
    w.commit().await?;
    get(store, claim_id).await
}

/// On a workspace joined to a team hub, only an editor or admin approves.
/// This is the desk's courtesy check, saying so before anything is written;
/// the hub enforces the rule itself (`migrations/hub/`), whatever a desk
/// sends. The role is the one the hub gave at joining (`hub_link`).
async fn approver_on_team(w: &mut Write) -> Result<()> {
    let role: Option<String> = sqlx::query_scalar("SELECT role FROM hub_link WHERE id = 1")
        .fetch_optional(w.conn())
        .await?;
    match role.as_deref() {
        Some("reporter") => Err(StoreError::NotAllowed(
            "Only editors and admins approve verdicts on this team; you are a reporter. Ask an editor to approve it.".to_owned(),
        )),
        _ => Ok(()),
    }
}

/// Applies `action` inside a write: the move, its events, and a proposal's
/// verdict row. Used by [`act`] and by claim edits that reopen by themselves.
pub(crate) async fn apply(w: &mut Write, claim_id: &str, action: &ReviewAction) -> Result<()> {
    let current = current(w.conn(), claim_id).await?;
    let names = user_names(w.conn()).await?;
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| id.to_owned(), |(_, n)| n.clone())
    };
    let actor = w.actor().to_owned();
    let next = transition(&current, &actor, action, &name_of)?;
    if matches!(action, ReviewAction::Approve { .. }) {
        approver_on_team(w).await?;
    }
    if let ReviewAction::Propose { rationale, .. } = action {
        if rationale.chars().count() > MAX_RATIONALE {
            return Err(StoreError::invalid(format!(
                "A rationale is at most {MAX_RATIONALE} characters; link longer documents as evidence."
            )));
        }
    }
    let mut current = current;
    if let Some(reason) = &next.reopens_first {
        let reopened = Next {
            state: ReviewState::Reopened,
            assignee: current.assignee.clone(),
            reopen_reason: Some(reason.clone()),
            reopens_first: None,
        };
        record(
            w,
            claim_id,
            &current,
            &reopened,
            Verb::Reopen,
            json!({ "reason": reason, "automatic": true }),
        )
        .await?;
        current.state = ReviewState::Reopened;
        current.reopen_reason = Some(reason.clone());
    }
    let (name, extra) = match action {
        ReviewAction::Assign { .. } => (Verb::Assign, json!({})),
        ReviewAction::Unassign => (Verb::Unassign, json!({})),
        ReviewAction::Propose { rating, rationale } => {
            let verdict_id = insert_verdict(w, claim_id, *rating, rationale.trim()).await?;
            (
                Verb::Propose,
                json!({ "verdict_id": verdict_id, "rating": rating.as_str() }),
            )
        }
        ReviewAction::Approve { .. } => {
            let verdict_id = approve_verdict(w, claim_id).await?;
            (Verb::Approve, json!({ "verdict_id": verdict_id }))
        }
        ReviewAction::Reopen { reason } => (Verb::Reopen, json!({ "reason": reason.trim() })),
    };
    if next.state == current.state && next.assignee == current.assignee && name == Verb::Assign {
        // Assigning to the person who has it already changes nothing.
        return Ok(());
    }
    record(w, claim_id, &current, &next, name, extra).await
}

/// Reopens an approved claim whose statement or condition was just edited;
/// the reopening is its own event in the edit's write.
pub(crate) async fn reopen_if_approved(w: &mut Write, claim_id: &str, what: &str) -> Result<()> {
    let current = current(w.conn(), claim_id).await?;
    if current.state != ReviewState::Approved {
        return Ok(());
    }
    let reason = format!("{what} edited after approval");
    let next = Next {
        state: ReviewState::Reopened,
        assignee: current.assignee.clone(),
        reopen_reason: Some(reason.clone()),
        reopens_first: None,
    };
    record(
        w,
        claim_id,
        &current,
        &next,
        Verb::Reopen,
        json!({ "reason": reason, "automatic": true }),
    )
    .await
}

/// The claim's review fields, as claim review events snapshot them.
pub(crate) fn review_snapshot(
    state: ReviewState,
    assignee: Option<&str>,
    reopen_reason: Option<&str>,
) -> Value {
    json!({
        "review_state": state.as_str(),
        "assignee_id": assignee,
        "reopen_reason": reopen_reason,
    })
}

async fn record(
    w: &mut Write,
    claim_id: &str,
    from: &Current,
    to: &Next,
    action: Verb,
    extra: Value,
) -> Result<()> {
    sqlx::query(
        "UPDATE claims SET review_state = ?, assignee_id = ?, reopen_reason = ?, updated_at = ?
         WHERE id = ?",
    )
    .bind(to.state.as_str())
    .bind(&to.assignee)
    .bind(&to.reopen_reason)
    .bind(w.at().to_owned())
    .bind(claim_id)
    .execute(w.conn())
    .await?;
    let before = review_snapshot(
        from.state,
        from.assignee.as_deref(),
        from.reopen_reason.as_deref(),
    );
    let mut after = review_snapshot(
        to.state,
        to.assignee.as_deref(),
        to.reopen_reason.as_deref(),
    );
    if let (Some(after), Some(extra)) = (after.as_object_mut(), extra.as_object()) {
        after.extend(extra.clone());
    }
    w.audit(Entity::Claim, claim_id, action, Some(&before), Some(&after))
        .await
}

async fn insert_verdict(
    w: &mut Write,
    claim_id: &str,
    rating: Rating,
    rationale: &str,
) -> Result<String> {
    let id = new_id();
    let (actor, at) = (w.actor().to_owned(), w.at().to_owned());
    sqlx::query(
        "INSERT INTO verdicts (id, claim_id, rating, rationale, proposed_by, proposed_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(claim_id)
    .bind(rating.as_str())
    .bind(rationale)
    .bind(&actor)
    .bind(&at)
    .execute(w.conn())
    .await?;
    let after = verdict_snapshot(w.conn(), &id).await?;
    w.audit(Entity::Verdict, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

async fn approve_verdict(w: &mut Write, claim_id: &str) -> Result<String> {
    let id: String =
        sqlx::query_scalar("SELECT id FROM verdicts WHERE claim_id = ? ORDER BY id DESC LIMIT 1")
            .bind(claim_id)
            .fetch_one(w.conn())
            .await?;
    let before = verdict_snapshot(w.conn(), &id).await?;
    let (actor, at) = (w.actor().to_owned(), w.at().to_owned());
    sqlx::query("UPDATE verdicts SET approved_by = ?, approved_at = ? WHERE id = ?")
        .bind(&actor)
        .bind(&at)
        .bind(&id)
        .execute(w.conn())
        .await?;
    let after = verdict_snapshot(w.conn(), &id).await?;
    w.audit(
        Entity::Verdict,
        &id,
        Verb::Approve,
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(id)
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn verdict_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::Verdict, id).await
}

/// Where the claim's review stands.
pub(crate) async fn current(conn: &mut SqliteConnection, claim_id: &str) -> Result<Current> {
    let row: Option<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT review_state, assignee_id, reopen_reason FROM claims WHERE id = ?")
            .bind(claim_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (state, assignee, reopen_reason) =
        row.ok_or_else(|| StoreError::NotFound(format!("claim {claim_id}")))?;
    let state = ReviewState::parse(&state).unwrap_or(ReviewState::Unreviewed);
    let verdict: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, proposed_by, rating, rationale FROM verdicts WHERE claim_id = ?
         ORDER BY id DESC LIMIT 1",
    )
    .bind(claim_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (verdict_id, proposer, verdict) = match verdict {
        Some((id, by, rating, rationale)) => (
            Some(id),
            Some(by),
            Rating::parse(&rating).map(|r| (r, rationale)),
        ),
        None => (None, None, None),
    };
    Ok(Current {
        state,
        assignee,
        proposer,
        verdict,
        verdict_id,
        reopen_reason,
    })
}

async fn user_names(conn: &mut SqliteConnection) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as("SELECT id, name FROM users")
        .fetch_all(conn)
        .await?)
}

/// Adds an evidence item to a claim.
pub async fn add_evidence(
    store: &Store,
    claim_id: &str,
    fields: &EvidenceFields,
) -> Result<EvidenceInfo> {
    let mut w = store.write().await?;
    let id = insert_evidence(&mut w, claim_id, fields).await?;
    w.commit().await?;
    get(store, claim_id)
        .await?
        .evidence
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("evidence {id}")))
}

/// Removes an evidence item (Undo brings it back).
pub async fn remove_evidence(store: &Store, id: &str) -> Result<()> {
    let mut w = store.write().await?;
    let before = evidence_snapshot(w.conn(), id).await?;
    sqlx::query("DELETE FROM evidence WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(Entity::Evidence, id, Verb::Delete, Some(&before), None)
        .await?;
    w.commit().await
}

/// Reads `--evidence URL|ARTICLE_ID`: an http(s) URL, or the id of an
/// article or an appearance in the workspace.
pub async fn evidence_from_arg(store: &Store, arg: &str) -> Result<EvidenceFields> {
    let arg = arg.trim();
    if arg.starts_with("http://") || arg.starts_with("https://") {
        return Ok(EvidenceFields {
            kind: EvidenceKind::Url,
            target: arg.to_owned(),
            note: None,
        });
    }
    let mut conn = store.pool().acquire().await?;
    let article: Option<String> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?")
        .bind(arg)
        .fetch_optional(&mut *conn)
        .await?;
    if article.is_some() {
        return Ok(EvidenceFields {
            kind: EvidenceKind::Article,
            target: arg.to_owned(),
            note: None,
        });
    }
    let appearance: Option<String> = sqlx::query_scalar("SELECT id FROM appearances WHERE id = ?")
        .bind(arg)
        .fetch_optional(&mut *conn)
        .await?;
    if appearance.is_some() {
        return Ok(EvidenceFields {
            kind: EvidenceKind::Appearance,
            target: arg.to_owned(),
            note: None,
        });
    }
    Err(StoreError::invalid(format!(
        "Evidence “{arg}” is neither an http(s) URL nor the id of an article or appearance in this workspace (see `claimtrail articles`)."
    )))
}

async fn insert_evidence(w: &mut Write, claim_id: &str, fields: &EvidenceFields) -> Result<String> {
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id = ?")
        .bind(claim_id)
        .fetch_optional(w.conn())
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("claim {claim_id}")));
    }
    let target = fields.target.trim();
    let note = fields
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_RATIONALE)
    {
        return Err(StoreError::invalid(format!(
            "An evidence note is at most {MAX_RATIONALE} characters."
        )));
    }
    let (mut article, mut appearance, mut url, mut path) = (None, None, None, None);
    match fields.kind {
        EvidenceKind::Article => {
            let found: Option<String> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?")
                .bind(target)
                .fetch_optional(w.conn())
                .await?;
            article = Some(found.ok_or_else(|| {
                StoreError::invalid(format!("There is no article “{target}” in this workspace."))
            })?);
        }
        EvidenceKind::Appearance => {
            let found: Option<String> =
                sqlx::query_scalar("SELECT id FROM appearances WHERE id = ?")
                    .bind(target)
                    .fetch_optional(w.conn())
                    .await?;
            appearance = Some(found.ok_or_else(|| {
                StoreError::invalid(format!(
                    "There is no appearance “{target}” in this workspace."
                ))
            })?);
        }
        EvidenceKind::Url => {
            let parsed = url::Url::parse(target)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            url = Some(
                parsed
                    .ok_or_else(|| {
                        StoreError::invalid(format!(
                            "“{target}” is not a web address; give one starting with https://."
                        ))
                    })?
                    .to_string(),
            );
        }
        EvidenceKind::File => {
            if target.is_empty() {
                return Err(StoreError::invalid(
                    "Give the file's path (a document on this computer or a shared drive)."
                        .to_owned(),
                ));
            }
            path = Some(target.to_owned());
        }
        EvidenceKind::Note => {
            if note.is_none() && target.is_empty() {
                return Err(StoreError::invalid(
                    "An evidence note needs some text.".to_owned(),
                ));
            }
        }
    }
    let note = match (fields.kind, note) {
        (EvidenceKind::Note, None) => Some(target.to_owned()),
        (_, note) => note,
    };
    let id = new_id();
    let (actor, at) = (w.actor().to_owned(), w.at().to_owned());
    sqlx::query(
        "INSERT INTO evidence (id, claim_id, kind, article_id, appearance_id, url, path, note,
                               added_by, added_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(claim_id)
    .bind(fields.kind.as_str())
    .bind(&article)
    .bind(&appearance)
    .bind(&url)
    .bind(&path)
    .bind(&note)
    .bind(&actor)
    .bind(&at)
    .execute(w.conn())
    .await?;
    let after = evidence_snapshot(w.conn(), &id).await?;
    w.audit(Entity::Evidence, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn evidence_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::Evidence, id).await
}

/// A claim's review: state, assignee, verdicts newest first, evidence.
pub async fn get(store: &Store, claim_id: &str) -> Result<ReviewInfo> {
    many(store, &[claim_id.to_owned()])
        .await?
        .remove(claim_id)
        .ok_or_else(|| StoreError::NotFound(format!("claim {claim_id}")))
}

/// The reviews of many claims at once (exports), by claim id; ids that
/// name no claim are left out. A few queries in all, not a few per claim.
pub async fn many(store: &Store, claim_ids: &[String]) -> Result<HashMap<String, ReviewInfo>> {
    let users = users::list(store).await?;
    let user = |id: &str| users::user_info(&users, id);
    let mut conn = store.pool().acquire().await?;
    type ClaimRow = (String, String, Option<String>, Option<String>);
    let claims: Vec<ClaimRow> = query_in(
        &mut conn,
        "SELECT id, review_state, assignee_id, reopen_reason FROM claims WHERE id IN",
        claim_ids,
    )
    .await?;
    type VerdictRow = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let mut verdict_rows: Vec<VerdictRow> = query_in(
        &mut conn,
        "SELECT claim_id, id, rating, rationale, proposed_by, proposed_at, approved_by, approved_at
         FROM verdicts WHERE claim_id IN",
        claim_ids,
    )
    .await?;
    // Newest first: UUIDv7 ids order by creation, whatever the offsets.
    verdict_rows.sort_by(|a, b| b.1.cmp(&a.1));
    let mut verdicts: HashMap<String, Vec<VerdictInfo>> = HashMap::new();
    for (claim, id, rating, rationale, proposed_by, proposed_at, approved_by, approved_at) in
        verdict_rows
    {
        let rating = Rating::parse(&rating).unwrap_or(Rating::NotCheckable);
        verdicts.entry(claim).or_default().push(VerdictInfo {
            id,
            rating,
            rating_label: rating.label().to_owned(),
            rationale,
            proposed_by: user(&proposed_by),
            proposed_at,
            approved_by: approved_by.as_deref().map(user),
            approved_at,
        });
    }
    let evidence_rows: Vec<EvidenceRow> = query_in(
        &mut conn,
        "SELECT e.claim_id, e.id, e.kind, e.article_id, e.appearance_id, e.url, e.path, e.note,
                e.added_by, e.added_at,
                coalesce(fix.title, ar.title, ap.exact) AS title,
                coalesce(apfix.title, apr.title) AS appearance_article
         FROM evidence e
         LEFT JOIN articles a ON a.id = e.article_id
         LEFT JOIN revisions ar ON ar.id = a.current_revision_id
         LEFT JOIN article_corrections fix ON fix.article_id = a.id
         LEFT JOIN appearances ap ON ap.id = e.appearance_id
         LEFT JOIN revisions apr ON apr.id = ap.revision_id
         LEFT JOIN article_corrections apfix ON apfix.article_id = apr.article_id
         WHERE e.claim_id IN",
        claim_ids,
    )
    .await?;
    let mut evidence: HashMap<String, Vec<EvidenceInfo>> = HashMap::new();
    for row in evidence_rows {
        let kind = match row.kind.as_str() {
            "article" => EvidenceKind::Article,
            "appearance" => EvidenceKind::Appearance,
            "url" => EvidenceKind::Url,
            "file" => EvidenceKind::File,
            _ => EvidenceKind::Note,
        };
        let title = match (kind, row.title, row.appearance_article) {
            (EvidenceKind::Appearance, Some(quote), Some(article)) => {
                Some(format!("“{quote}” in {article}"))
            }
            (_, title, _) => title,
        };
        evidence
            .entry(row.claim_id.clone())
            .or_default()
            .push(EvidenceInfo {
                id: row.id,
                claim_id: row.claim_id,
                kind,
                article_id: row.article_id,
                appearance_id: row.appearance_id,
                url: row.url,
                path: row.path,
                note: row.note,
                title,
                added_by: user(&row.added_by),
                added_at: row.added_at,
            });
    }
    let mut reviews = HashMap::with_capacity(claims.len());
    for (id, state, assignee, reopen_reason) in claims {
        let state = ReviewState::parse(&state).unwrap_or(ReviewState::Unreviewed);
        let verdicts = verdicts.remove(&id).unwrap_or_default();
        let mut items = evidence.remove(&id).unwrap_or_default();
        items.sort_by(|a, b| a.id.cmp(&b.id));
        reviews.insert(
            id.clone(),
            ReviewInfo {
                claim_id: id,
                state,
                state_label: state.label().to_owned(),
                assignee: assignee.as_deref().map(user),
                reopen_reason,
                verdict: verdicts.first().cloned(),
                verdicts,
                evidence: items,
            },
        );
    }
    Ok(reviews)
}

/// One evidence row with what it points at, for [`many`].
#[derive(sqlx::FromRow)]
struct EvidenceRow {
    claim_id: String,
    id: String,
    kind: String,
    article_id: Option<String>,
    appearance_id: Option<String>,
    url: Option<String>,
    path: Option<String>,
    note: Option<String>,
    added_by: String,
    added_at: String,
    title: Option<String>,
    appearance_article: Option<String>,
}

/// How many merge conflicts (from bundles) wait for a person.
pub async fn open_conflicts(store: &Store) -> Result<u32> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM merge_conflicts WHERE settled_at IS NULL")
            .fetch_one(store.pool())
            .await?;
    Ok(n as u32)
}

/// The SQL condition (over `claims c`) of a queue, for `user`.
pub(crate) fn queue_condition(queue: Queue) -> &'static str {
    match queue {
        Queue::AssignedToMe => {
            "c.review_state IN ('in_review', 'reopened') AND c.assignee_id = ?"
        }
        Queue::NeedsApproval => "c.review_state = 'proposed'",
        Queue::NeedsReanchoring => {
            "c.id IN (SELECT claim_id FROM appearances
                      WHERE anchor_state IN ('needs_review', 'orphaned'))"
        }
        // `queue_counts` counts this one in two parts: keep them alike.
        Queue::Unreviewed => {
            "(c.review_state = 'unreviewed' OR (c.review_state = 'reopened' AND c.assignee_id IS NULL))"
        }
    }
}

/// How many claims each queue holds for the store's user.
pub async fn queue_counts(store: &Store) -> Result<QueueCounts> {
    let me = users::acting_id(store).await?.unwrap_or_default();
    let mut conn = store.pool().acquire().await?;
    let mut counts = [0u32; 4];
    for (slot, queue) in counts.iter_mut().zip(Queue::ALL) {
        let sql = match queue {
            // The two parts of its condition, counted apart: each is a range
            // of the review index, and they cannot overlap (their states
            // differ). With OR, SQLite collected every row id of both
            // before counting (50–90 ms at 300,000 claims, 18 ms apart).
            Queue::Unreviewed => {
                "SELECT (SELECT count(*) FROM claims WHERE review_state = 'unreviewed')
                      + (SELECT count(*) FROM claims
                         WHERE review_state = 'reopened' AND assignee_id IS NULL)"
                    .to_owned()
            }
            _ => format!(
                "SELECT count(*) FROM claims c WHERE {}",
                queue_condition(queue)
            ),
        };
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        if queue == Queue::AssignedToMe {
            query = query.bind(me.clone());
        }
        *slot = query.fetch_one(&mut *conn).await? as u32;
    }
    // Given back before the next read takes one (see `users::list_on`).
    drop(conn);
    let [assigned_to_me, needs_approval, needs_reanchoring, unreviewed] = counts;
    Ok(QueueCounts {
        assigned_to_me,
        needs_approval,
        needs_reanchoring,
        unreviewed,
        merge_conflicts: open_conflicts(store).await?,
    })
}
