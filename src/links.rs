//! Typed links between claims: "B updates A", "A contradicts B". A link is
//! made and removed by a person, never by the app, and each is audited.
//!
//! `same_as` and `contradicts` read the same both ways; the other
//! relations are directed. A link is made once: the same link again, or
//! the reverse of a symmetric one, is refused. Deleting a claim audits its
//! links as it removes them (`store::rows::delete`), so Undo brings them
//! back.

use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::change::{Entity, Verb};
use crate::claims::{self, claim_exists, non_empty, MAX_TEXT};
use crate::model::{LinkFields, LinkInfo, LinkRelation};
use crate::store::{new_id, Result, Store, StoreError};

/// Links `fields.from_claim_id` to `fields.to_claim_id`; answers the link
/// as seen from the `from` claim.
pub async fn create(store: &Store, fields: &LinkFields) -> Result<LinkInfo> {
    let from = fields.from_claim_id.trim();
    let to = fields.to_claim_id.trim();
    if from == to {
        return Err(StoreError::invalid(
            "A claim cannot be linked to itself. Pick the other claim.",
        ));
    }
    let note = non_empty(fields.note.as_deref());
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_TEXT) {
        return Err(StoreError::invalid(format!(
            "The note is longer than {MAX_TEXT} characters. Shorten it."
        )));
    }
    let related_at = non_empty(fields.related_at.as_deref());
    if let Some(at) = &related_at {
        claims::stated_sort_key(at)?;
    }
    let mut w = store.write().await?;
    claim_exists(w.conn(), from).await?;
    claim_exists(w.conn(), to).await?;
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT relation FROM claim_links
         WHERE (from_claim_id = ?1 AND to_claim_id = ?2 AND relation = ?3)
            OR (?4 AND from_claim_id = ?2 AND to_claim_id = ?1 AND relation = ?3)",
    )
    .bind(from)
    .bind(to)
    .bind(fields.relation.as_str())
    .bind(fields.relation.symmetric())
    .fetch_optional(w.conn())
    .await?;
    if let Some(relation) = existing {
        return Err(StoreError::Conflict(format!(
            "These claims are already linked as \u{201c}{}\u{201d}.",
            relation.replace('_', " ")
        )));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO claim_links
             (id, from_claim_id, to_claim_id, relation, note, related_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(from)
    .bind(to)
    .bind(fields.relation.as_str())
    .bind(&note)
    .bind(&related_at)
    .bind(w.actor().to_owned())
    .bind(w.at().to_owned())
    .execute(w.conn())
    .await?;
    let after = snapshot(w.conn(), &id).await?;
    w.audit(Entity::ClaimLink, &id, Verb::Create, None, Some(&after))
        .await?;
    w.commit().await?;
    for_claim(store, from)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("link {id}")))
}

/// Removes a link; answers its fields so it can be made again (Undo).
pub async fn delete(store: &Store, id: &str) -> Result<LinkFields> {
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    sqlx::query("DELETE FROM claim_links WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(Entity::ClaimLink, id, Verb::Delete, Some(&before), None)
        .await?;
    w.commit().await?;
    Ok(LinkFields {
        from_claim_id: before["from_claim_id"].as_str().unwrap_or_default().into(),
        to_claim_id: before["to_claim_id"].as_str().unwrap_or_default().into(),
        relation: before["relation"]
            .as_str()
            .and_then(LinkRelation::parse)
            .unwrap_or(LinkRelation::SameAs),
        note: before["note"].as_str().map(str::to_owned),
        related_at: before["related_at"].as_str().map(str::to_owned),
    })
}

/// Every link of a claim, either direction, oldest first.
pub async fn for_claim(store: &Store, claim_id: &str) -> Result<Vec<LinkInfo>> {
    let mut conn = store.pool().acquire().await?;
    claim_exists(&mut conn, claim_id).await?;
    let rows = sqlx::query(
        "SELECT l.id, l.from_claim_id, l.to_claim_id, l.relation, l.note, l.related_at,
                u.name AS created_by, l.created_at
         FROM claim_links l JOIN users u ON u.id = l.created_by
         WHERE l.from_claim_id = ?1 OR l.to_claim_id = ?1
         ORDER BY l.created_at, l.id",
    )
    .bind(claim_id)
    .fetch_all(&mut *conn)
    .await?;
    let others: Vec<String> = rows
        .iter()
        .map(|r| {
            let from: String = r.get("from_claim_id");
            if from == claim_id {
                r.get("to_claim_id")
            } else {
                from
            }
        })
        .collect();
    let briefs = claims::briefs(&mut conn, &others).await?;
    let mut links = Vec::with_capacity(rows.len());
    for (row, other) in rows.iter().zip(others) {
        let relation: String = row.try_get("relation")?;
        let from: String = row.try_get("from_claim_id")?;
        let Some(other) = briefs.get(&other).cloned() else {
            continue;
        };
        links.push(LinkInfo {
            id: row.try_get("id")?,
            relation: LinkRelation::parse(&relation).unwrap_or(LinkRelation::SameAs),
            outgoing: from == claim_id,
            from_claim_id: from,
            to_claim_id: row.try_get("to_claim_id")?,
            other,
            note: row.try_get("note")?,
            related_at: row.try_get("related_at")?,
            created_by: row.try_get("created_by")?,
            created_at: row.try_get("created_at")?,
        });
    }
    Ok(links)
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::ClaimLink, id).await
}
