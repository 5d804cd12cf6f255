//! Outlets as a newsroom judges them: a credibility rating (credible,
//! mixed, not credible, unknown) and a note saying why.

use serde_json::{json, Value};
use sqlx::{Row, SqliteConnection};

use crate::model::{Credibility, OutletInfo};
use crate::store::{Result, Store, StoreError};

/// Longest credibility note kept, in chars.
const MAX_NOTE: usize = 5_000;

/// Every outlet with its rating and article count, by name.
pub async fn list(store: &Store) -> Result<Vec<OutletInfo>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.kind, o.credibility, o.credibility_note,
                (SELECT count(*) FROM articles a WHERE a.outlet_id = o.id) AS articles
         FROM outlets o ORDER BY o.name COLLATE NOCASE",
    )
    .fetch_all(store.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(OutletInfo {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                kind: r.try_get("kind")?,
                credibility: Credibility::parse(&r.try_get::<String, _>("credibility")?)
                    .unwrap_or(Credibility::Unknown),
                credibility_note: r.try_get("credibility_note")?,
                articles: r.try_get::<i64, _>("articles")? as u32,
            })
        })
        .collect()
}

/// Rates an outlet (given by id or name, any case).
pub async fn set_credibility(
    store: &Store,
    outlet: &str,
    credibility: Credibility,
    note: Option<&str>,
) -> Result<OutletInfo> {
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(StoreError::Invalid(format!(
            "A credibility note is at most {MAX_NOTE} characters."
        )));
    }
    let mut w = store.write().await?;
    let id: Option<String> =
        sqlx::query_scalar("SELECT id FROM outlets WHERE id = ?1 OR name = ?1 COLLATE NOCASE")
            .bind(outlet.trim())
            .fetch_optional(w.conn())
            .await?;
    let id = id.ok_or_else(|| {
        StoreError::NotFound(format!(
            "outlet “{outlet}” (outlets come in with imported articles; see `claimtrail outlets`)"
        ))
    })?;
    let before = snapshot(w.conn(), &id).await?;
    sqlx::query("UPDATE outlets SET credibility = ?, credibility_note = ? WHERE id = ?")
        .bind(credibility.as_str())
        .bind(note)
        .bind(&id)
        .execute(w.conn())
        .await?;
    let after = snapshot(w.conn(), &id).await?;
    if after != before {
        w.audit("outlet", &id, "credibility", Some(&before), Some(&after))
            .await?;
        w.commit().await?;
    }
    list(store)
        .await?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("outlet {id}")))
}

/// An outlet's rating as its events snapshot it.
pub(crate) async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    let row: Option<(String, String, Option<String>)> =
        sqlx::query_as("SELECT name, credibility, credibility_note FROM outlets WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let (name, credibility, note) =
        row.ok_or_else(|| StoreError::NotFound(format!("outlet {id}")))?;
    Ok(json!({ "name": name, "credibility": credibility, "credibility_note": note }))
}
