//! The append-only audit log: who changed what, when, from what to what.
//! Only [`super::Write::audit`] inserts; triggers in the schema refuse any
//! update or delete of an event.

use serde::Serialize;
use sqlx::sqlite::SqliteConnection;
use sqlx::Row;

use super::{Result, Store};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    pub id: String,
    pub actor_id: String,
    pub at: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub(super) async fn insert(conn: &mut SqliteConnection, e: &AuditEvent) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (id, actor_id, at, entity, entity_id, action, before, after)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&e.id)
    .bind(&e.actor_id)
    .bind(&e.at)
    .bind(&e.entity)
    .bind(&e.entity_id)
    .bind(&e.action)
    .bind(e.before.as_ref().map(|v| v.to_string()))
    .bind(e.after.as_ref().map(|v| v.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Every event about one entity, oldest first.
pub async fn events_for(store: &Store, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT id, actor_id, at, entity, entity_id, action, before, after
         FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY seq",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            let json = |col: &str| -> Result<Option<serde_json::Value>> {
                let text: Option<String> = r.try_get(col)?;
                Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
            };
            Ok(AuditEvent {
                id: r.try_get("id")?,
                actor_id: r.try_get("actor_id")?,
                at: r.try_get("at")?,
                entity: r.try_get("entity")?,
                entity_id: r.try_get("entity_id")?,
                action: r.try_get("action")?,
                before: json("before")?,
                after: json("after")?,
            })
        })
        .collect()
}
