//! Saved searches: a search a desk keeps by name ("Peskov, contradicted")
//! and runs again. Saving under a name already kept replaces that
//! search's words and filters. Names are not a unique key (a colleague's
//! bundle may bring a search of the same name); a name two searches share
//! is refused where one is meant, with their ids to choose from. Every change is audited on the
//! `saved_search` entity, so Undo, the activity feed and bundles handle it
//! through its declaration in `change.rs`, with no code of their own.

use sqlx::SqliteConnection;

use crate::change::{Entity, Verb};
use crate::model::{SavedSearch, SearchQuery};
use crate::store::{new_id, rows, Result, Store, StoreError, Write};

/// Longest name kept, in chars: a label in the left pane.
const MAX_NAME: usize = 120;

/// Keeps `query` under `name`, replacing the query of a search saved under
/// that name already (names compare without case).
pub async fn save(store: &Store, name: &str, query: &SearchQuery) -> Result<SavedSearch> {
    let name = clean_name(name)?;
    let query = SearchQuery {
        // How many hits to show is the screen's business, not the search's.
        limit: None,
        ..query.clone()
    };
    if is_empty(&query) {
        return Err(StoreError::invalid_field(
            "query",
            "There is nothing to save: type words or choose a filter first.".to_owned(),
        ));
    }
    let text = serde_json::to_string(&query)?;
    let mut w = store.write().await?;
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT id FROM saved_searches WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1",
    )
    .bind(&name)
    .fetch_optional(w.conn())
    .await?;
    let id = match existing {
        Some(id) => {
            replace(&mut w, &id, &name, &text).await?;
            id
        }
        None => insert(&mut w, &name, &text).await?,
    };
    w.commit().await?;
    get(store, &id).await
}

async fn insert(w: &mut Write, name: &str, query: &str) -> Result<String> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO saved_searches (id, name, query, created_by, created_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(name)
    .bind(query)
    .bind(w.actor().to_owned())
    .bind(w.at().to_owned())
    .execute(w.conn())
    .await?;
    let after = rows::existing(w.conn(), Entity::SavedSearch, &id).await?;
    w.audit(Entity::SavedSearch, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

/// A new query (and the name's spelling) for a kept search; the same
/// again writes nothing.
async fn replace(w: &mut Write, id: &str, name: &str, query: &str) -> Result<()> {
    let before = rows::existing(w.conn(), Entity::SavedSearch, id).await?;
    if before["query"] == query && before["name"] == name {
        return Ok(());
    }
    sqlx::query("UPDATE saved_searches SET name = ?, query = ? WHERE id = ?")
        .bind(name)
        .bind(query)
        .bind(id)
        .execute(w.conn())
        .await?;
    let after = rows::existing(w.conn(), Entity::SavedSearch, id).await?;
    w.audit(
        Entity::SavedSearch,
        id,
        Verb::Update,
        Some(&before),
        Some(&after),
    )
    .await
}

/// The saved searches, by name.
pub async fn list(store: &Store) -> Result<Vec<SavedSearch>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, name, query, created_by, created_at FROM saved_searches
         ORDER BY name COLLATE NOCASE, id",
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter().map(Row::into_saved).collect()
}

/// The saved search with this id or name.
pub async fn get(store: &Store, id_or_name: &str) -> Result<SavedSearch> {
    let mut conn = store.pool().acquire().await?;
    find(&mut conn, id_or_name).await?.into_saved()
}

/// Deletes the saved search with this id or name (Undo puts it back).
pub async fn delete(store: &Store, id_or_name: &str) -> Result<()> {
    let mut w = store.write().await?;
    let id = find(w.conn(), id_or_name).await?.id;
    rows::delete(&mut w, Entity::SavedSearch, &id).await?;
    w.commit().await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    name: String,
    query: String,
    created_by: String,
    created_at: String,
}

impl Row {
    fn into_saved(self) -> Result<SavedSearch> {
        Ok(SavedSearch {
            query: serde_json::from_str(&self.query)?,
            id: self.id,
            name: self.name,
            created_by: self.created_by,
            created_at: self.created_at,
        })
    }
}

async fn find(conn: &mut SqliteConnection, id_or_name: &str) -> Result<Row> {
    let key = id_or_name.trim();
    let mut found: Vec<Row> = sqlx::query_as(
        "SELECT id, name, query, created_by, created_at FROM saved_searches
         WHERE id = ?1 OR name = ?1 COLLATE NOCASE ORDER BY id = ?1 DESC, id",
    )
    .bind(key)
    .fetch_all(conn)
    .await?;
    match found.len() {
        0 => Err(StoreError::NotFound(format!("saved search “{key}”"))),
        1 => Ok(found.remove(0)),
        _ if found[0].id == key => Ok(found.remove(0)),
        _ => {
            let ids: Vec<&str> = found.iter().map(|r| r.id.as_str()).collect();
            Err(StoreError::Conflict(format!(
                "Several saved searches are called “{key}” ({}); give the id of the one you mean.",
                ids.join(", ")
            )))
        }
    }
}

fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::invalid_field(
            "name",
            "A saved search needs a name.".to_owned(),
        ));
    }
    if name.chars().count() > MAX_NAME {
        return Err(StoreError::invalid_field(
            "name",
            format!("The name is longer than {MAX_NAME} characters; a shorter one fits the list."),
        ));
    }
    Ok(name)
}

/// Whether the query asks nothing: no words and no filter.
fn is_empty(q: &SearchQuery) -> bool {
    q.text.trim().is_empty()
        && [
            &q.claimant,
            &q.outlet,
            &q.verdict,
            &q.tag,
            &q.storyline_id,
            &q.from,
            &q.to,
        ]
        .iter()
        .all(|f| f.as_deref().is_none_or(|v| v.trim().is_empty()))
}
