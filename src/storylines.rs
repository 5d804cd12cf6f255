//! Storylines: claims a team follows together, in an order it chooses.
//! Every change is audited on the storyline with its claims before and after.

use serde_json::{json, Value};
use sqlx::{Row, SqliteConnection};

use crate::change::{Entity, Verb};
use crate::claims::{self, claim_exists, non_empty, MAX_TEXT};
use crate::model::{StorylineDetail, StorylineInfo};
use crate::store::{new_id, Result, Store, StoreError, Write};

const MAX_NAME: usize = 200;

pub async fn create(store: &Store, name: &str, description: Option<&str>) -> Result<StorylineInfo> {
    let (name, description) = clean(name, description)?;
    let mut w = store.write().await?;
    let id = new_id();
    sqlx::query("INSERT INTO storylines (id, name, description, created_at) VALUES (?, ?, ?, ?)")
        .bind(&id)
        .bind(&name)
        .bind(&description)
        .bind(w.at().to_owned())
        .execute(w.conn())
        .await?;
    let after = snapshot(w.conn(), &id).await?;
    w.audit(Entity::Storyline, &id, Verb::Create, None, Some(&after))
        .await?;
    w.commit().await?;
    info(store, &id).await
}

/// Renames a storyline or changes its description.
pub async fn update(
    store: &Store,
    id: &str,
    name: &str,
    description: Option<&str>,
) -> Result<StorylineInfo> {
    let (name, description) = clean(name, description)?;
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    if before["name"] == json!(name) && before["description"] == json!(description) {
        drop(w);
        return info(store, id).await;
    }
    sqlx::query("UPDATE storylines SET name = ?, description = ? WHERE id = ?")
        .bind(&name)
        .bind(&description)
        .bind(id)
        .execute(w.conn())
        .await?;
    let after = snapshot(w.conn(), id).await?;
    w.audit(
        Entity::Storyline,
        id,
        Verb::Update,
        Some(&before),
        Some(&after),
    )
    .await?;
    w.commit().await?;
    info(store, id).await
}

/// Deletes a storyline; its claims stay.
pub async fn delete(store: &Store, id: &str) -> Result<()> {
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    sqlx::query("DELETE FROM storylines WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(Entity::Storyline, id, Verb::Delete, Some(&before), None)
        .await?;
    w.commit().await
}

/// Adds a claim at the end; a claim already in the storyline stays where it is.
pub async fn add_claim(store: &Store, id: &str, claim_id: &str) -> Result<StorylineDetail> {
    change_claims(store, id, |claims| {
        if !claims.iter().any(|c| c == claim_id) {
            claims.push(claim_id.to_owned());
        }
        Ok(())
    })
    .await
}

pub async fn remove_claim(store: &Store, id: &str, claim_id: &str) -> Result<StorylineDetail> {
    change_claims(store, id, |claims| {
        let before = claims.len();
        claims.retain(|c| c != claim_id);
        if claims.len() == before {
            return Err(StoreError::NotFound(format!(
                "claim {claim_id} in this storyline"
            )));
        }
        Ok(())
    })
    .await
}

/// Puts the storyline's claims in the order given, which must name each of
/// them once.
pub async fn reorder(store: &Store, id: &str, order: &[String]) -> Result<StorylineDetail> {
    change_claims(store, id, |claims| {
        let mut given = order.to_vec();
        given.sort();
        given.dedup();
        let mut held = claims.clone();
        held.sort();
        if given.len() != order.len() || given != held {
            return Err(StoreError::Conflict(
                "The new order must list every claim of the storyline once. Reload the storyline and try again."
                    .to_owned(),
            ));
        }
        *claims = order.to_vec();
        Ok(())
    })
    .await
}

/// Every storyline, by name.
pub async fn list(store: &Store) -> Result<Vec<StorylineInfo>> {
    let mut conn = store.pool().acquire().await?;
    let ids: Vec<String> =
        sqlx::query_scalar("SELECT id FROM storylines ORDER BY name COLLATE NOCASE, id")
            .fetch_all(&mut *conn)
            .await?;
    let mut list = Vec::with_capacity(ids.len());
    for id in ids {
        list.push(read_info(&mut conn, &id).await?);
    }
    Ok(list)
}

/// A storyline with its claims in order.
pub async fn get(store: &Store, id: &str) -> Result<StorylineDetail> {
    let mut conn = store.pool().acquire().await?;
    let storyline = read_info(&mut conn, id).await?;
    let mut briefs = claims::briefs(&mut conn, &storyline.claim_ids).await?;
    let claims = storyline
        .claim_ids
        .iter()
        .filter_map(|c| briefs.remove(c))
        .collect();
    Ok(StorylineDetail { storyline, claims })
}

/// The id of the storyline `key` names: its id, or its name (ignoring case)
/// when only one storyline has it.
pub async fn resolve(conn: &mut SqliteConnection, key: &str) -> Result<String> {
    let found: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM storylines WHERE id = ?1
         UNION SELECT id FROM storylines WHERE name = ?1 COLLATE NOCASE
         AND NOT EXISTS (SELECT 1 FROM storylines WHERE id = ?1)",
    )
    .bind(key.trim())
    .fetch_all(conn)
    .await?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(StoreError::NotFound(format!("storyline {key}"))),
        _ => Err(StoreError::invalid(format!(
            "Several storylines are called \u{201c}{key}\u{201d}; use its id."
        ))),
    }
}

async fn info(store: &Store, id: &str) -> Result<StorylineInfo> {
    let mut conn = store.pool().acquire().await?;
    read_info(&mut conn, id).await
}

async fn read_info(conn: &mut SqliteConnection, id: &str) -> Result<StorylineInfo> {
    let row = sqlx::query("SELECT id, name, description, created_at FROM storylines WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("storyline {id}")))?;
    Ok(StorylineInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        claim_ids: claim_ids(conn, id).await?,
        created_at: row.try_get("created_at")?,
    })
}

async fn claim_ids(conn: &mut SqliteConnection, id: &str) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT claim_id FROM storyline_claims WHERE storyline_id = ? ORDER BY position, claim_id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?)
}

/// Applies `change` to the storyline's claim list and stores the result,
/// audited; an unchanged list writes nothing.
async fn change_claims(
    store: &Store,
    id: &str,
    change: impl FnOnce(&mut Vec<String>) -> Result<()>,
) -> Result<StorylineDetail> {
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    let old = claim_ids(w.conn(), id).await?;
    let mut new = old.clone();
    change(&mut new)?;
    if new == old {
        drop(w);
        return get(store, id).await;
    }
    let action = if new.len() > old.len() {
        Verb::AddClaim
    } else if new.len() < old.len() {
        Verb::RemoveClaim
    } else {
        Verb::Reorder
    };
    store_claims(&mut w, id, &new).await?;
    let after = snapshot(w.conn(), id).await?;
    w.audit(Entity::Storyline, id, action, Some(&before), Some(&after))
        .await?;
    w.commit().await?;
    get(store, id).await
}

pub(crate) async fn store_claims(w: &mut Write, id: &str, claims: &[String]) -> Result<()> {
    for claim in claims {
        claim_exists(w.conn(), claim).await?;
    }
    sqlx::query("DELETE FROM storyline_claims WHERE storyline_id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    for (position, claim) in claims.iter().enumerate() {
        sqlx::query(
            "INSERT INTO storyline_claims (storyline_id, claim_id, position) VALUES (?, ?, ?)",
        )
        .bind(id)
        .bind(claim)
        .bind(position as i64)
        .execute(w.conn())
        .await?;
    }
    Ok(())
}

fn clean(name: &str, description: Option<&str>) -> Result<(String, Option<String>)> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::invalid_field(
            "name",
            "A storyline needs a name.",
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(StoreError::invalid(format!(
            "The name is longer than {MAX_NAME} characters; put the rest in the description."
        )));
    }
    let description = non_empty(description);
    if description
        .as_ref()
        .is_some_and(|d| d.chars().count() > MAX_TEXT)
    {
        return Err(StoreError::invalid(format!(
            "The description is longer than {MAX_TEXT} characters. Shorten it."
        )));
    }
    Ok((name, description))
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::Storyline, id).await
}
