//! Outlets as a newsroom judges them: a credibility rating (credible,
//! mixed, not credible, unknown) and a note saying why.

use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::change::{Entity, Verb};
use crate::model::{Credibility, OutletInfo};
use crate::store::{Result, Store, StoreError, Write};

/// Longest credibility note kept, in chars.
const MAX_NOTE: usize = 5_000;

/// Every outlet with its rating and article count, by name.
pub async fn list(store: &Store) -> Result<Vec<OutletInfo>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, o.kind, o.credibility, o.credibility_note,
                (SELECT count(*) FROM articles a WHERE a.outlet_id = o.id)
                - (SELECT count(*) FROM article_corrections f JOIN articles a ON a.id = f.article_id
                   WHERE a.outlet_id = o.id AND f.outlet_id IS NOT NULL)
                + (SELECT count(*) FROM article_corrections f WHERE f.outlet_id = o.id) AS articles
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
        return Err(StoreError::invalid(format!(
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
        w.audit(
            Entity::Outlet,
            &id,
            Verb::Credibility,
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await?;
    }
    list(store)
        .await?
        .into_iter()
        .find(|o| o.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("outlet {id}")))
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::Outlet, id).await
}

/// The id of the outlet called `name`, created when there is none.
pub(crate) async fn outlet_id(w: &mut Write, name: &str) -> Result<String> {
    Ok(outlet(w, name).await?.0)
}

/// The outlet called `name` (names compare without case), created when
/// there is none: its id and its name as the workspace spells it.
pub(crate) async fn outlet(w: &mut Write, name: &str) -> Result<(String, String)> {
    let existing: Option<(String, String)> =
        sqlx::query_as("SELECT id, name FROM outlets WHERE name = ?")
            .bind(name)
            .fetch_optional(w.conn())
            .await?;
    if let Some(found) = existing {
        return Ok(found);
    }
    let id = w.create_named(Entity::Outlet, name).await?;
    Ok((id, name.to_owned()))
}
