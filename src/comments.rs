//! Comments on a claim: threads of replies, with @mentions of users
//! (`@Dana Okafor`, `@dana okafor` or `@DO`). Only a comment's author edits
//! or deletes it; every change is audited like any other.
//!
//! A reply to a reply joins its root's thread, so threads stay one level
//! deep. A mention is `@` then a user's name (the longest that fits, in
//! any case) or their initials, never inside an e-mail address. Comments
//! are ordered by their UUIDv7 ids, which follow creation whatever the
//! offsets of their local times.

use std::collections::HashMap;

use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::change::{Entity, Verb};
use crate::model::{CommentInfo, UserInfo};
use crate::store::users::user_info;
use crate::store::{new_id, users, Result, Store, StoreError, Write};

/// Longest comment kept, in chars.
const MAX_BODY: usize = 20_000;

/// Adds a comment to a claim, or a reply to `parent_id` (a reply to a reply
/// joins the same thread).
pub async fn add(
    store: &Store,
    claim_id: &str,
    parent_id: Option<&str>,
    body: &str,
) -> Result<CommentInfo> {
    let body = clean_body(body)?;
    let mut w = store.write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id = ?")
        .bind(claim_id)
        .fetch_optional(w.conn())
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("claim {claim_id}")));
    }
    let parent = match parent_id {
        Some(parent) => Some(thread_root(w.conn(), claim_id, parent).await?),
        None => None,
    };
    let id = new_id();
    let (actor, at) = (w.actor().to_owned(), w.at().to_owned());
    sqlx::query(
        "INSERT INTO comments (id, claim_id, parent_id, author_id, body, created_at)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(claim_id)
    .bind(&parent)
    .bind(&actor)
    .bind(&body)
    .bind(&at)
    .execute(w.conn())
    .await?;
    let after = snapshot(w.conn(), &id).await?;
    w.audit(Entity::Comment, &id, Verb::Create, None, Some(&after))
        .await?;
    w.commit().await?;
    find(store, claim_id, &id).await
}

/// Replaces a comment's text; only its author may.
pub async fn edit(store: &Store, id: &str, body: &str) -> Result<CommentInfo> {
    let body = clean_body(body)?;
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    own(&w, &before)?;
    if before["body"].as_str() == Some(body.as_str()) {
        drop(w);
    } else {
        let at = w.at().to_owned();
        sqlx::query("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?")
            .bind(&body)
            .bind(&at)
            .bind(id)
            .execute(w.conn())
            .await?;
        let after = snapshot(w.conn(), id).await?;
        w.audit(
            Entity::Comment,
            id,
            Verb::Update,
            Some(&before),
            Some(&after),
        )
        .await?;
        w.commit().await?;
    }
    let claim_id = before["claim_id"].as_str().unwrap_or_default().to_owned();
    find(store, &claim_id, id).await
}

/// Deletes a comment; only its author may, and not while it has replies
/// (they would lose what they answer).
pub async fn delete(store: &Store, id: &str) -> Result<()> {
    let mut w = store.write().await?;
    let before = snapshot(w.conn(), id).await?;
    own(&w, &before)?;
    let replies: i64 = sqlx::query_scalar("SELECT count(*) FROM comments WHERE parent_id = ?")
        .bind(id)
        .fetch_one(w.conn())
        .await?;
    if replies > 0 {
        return Err(StoreError::Conflict(format!(
            "This comment has {replies} {}: edit it instead of deleting it, so the thread still reads.",
            if replies == 1 { "reply" } else { "replies" }
        )));
    }
    sqlx::query("DELETE FROM comments WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(Entity::Comment, id, Verb::Delete, Some(&before), None)
        .await?;
    w.commit().await
}

/// A claim's comment threads, oldest first, each with its replies.
pub async fn list(store: &Store, claim_id: &str) -> Result<Vec<CommentInfo>> {
    let users = users::list(store).await?;
    let rows = sqlx::query(
        "SELECT id, claim_id, parent_id, author_id, body, created_at, edited_at
         FROM comments WHERE claim_id = ? ORDER BY id",
    )
    .bind(claim_id)
    .fetch_all(store.pool())
    .await?;
    let mut roots = Vec::new();
    let mut replies: HashMap<String, Vec<CommentInfo>> = HashMap::new();
    for row in rows {
        let body: String = row.try_get("body")?;
        let comment = CommentInfo {
            id: row.try_get("id")?,
            claim_id: row.try_get("claim_id")?,
            parent_id: row.try_get("parent_id")?,
            author: user_info(&users, &row.try_get::<String, _>("author_id")?),
            mentions: mentioned(&body, &users),
            body,
            created_at: row.try_get("created_at")?,
            edited_at: row.try_get("edited_at")?,
            replies: Vec::new(),
        };
        match &comment.parent_id {
            Some(parent) => replies.entry(parent.clone()).or_default().push(comment),
            None => roots.push(comment),
        }
    }
    for root in &mut roots {
        root.replies = replies.remove(&root.id).unwrap_or_default();
    }
    Ok(roots)
}

async fn find(store: &Store, claim_id: &str, id: &str) -> Result<CommentInfo> {
    list(store, claim_id)
        .await?
        .into_iter()
        .flat_map(|c| {
            let mut all = c.replies.clone();
            all.insert(0, c);
            all
        })
        .find(|c| c.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))
}

/// The users `body` mentions: `@` then a user's name (any case, the longest
/// that fits) or their initials, ending at a non-letter.
pub fn mentioned(body: &str, users: &[UserInfo]) -> Vec<UserInfo> {
    let mut by_length: Vec<&UserInfo> = users.iter().collect();
    by_length.sort_by_key(|u| std::cmp::Reverse(u.name.chars().count()));
    let mut found: Vec<UserInfo> = Vec::new();
    for (at, _) in body.match_indices('@') {
        let preceded_by_word = body[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        if preceded_by_word {
            continue; // an e-mail address
        }
        let rest = &body[at + 1..];
        let lower = rest.to_lowercase();
        let hit = by_length.iter().find(|u| {
            [u.name.to_lowercase(), u.initials.to_lowercase()]
                .iter()
                .any(|key| {
                    !key.is_empty()
                        && lower.starts_with(key.as_str())
                        && !lower[key.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_alphanumeric())
                })
        });
        if let Some(user) = hit {
            if !found.iter().any(|f| f.id == user.id) {
                found.push((*user).clone());
            }
        }
    }
    found
}

/// The thread `parent` belongs to (its root), which must be on `claim_id`.
async fn thread_root(conn: &mut SqliteConnection, claim_id: &str, parent: &str) -> Result<String> {
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT claim_id, parent_id FROM comments WHERE id = ?")
            .bind(parent)
            .fetch_optional(conn)
            .await?;
    match row {
        Some((claim, _)) if claim != claim_id => Err(StoreError::invalid(
            "A reply goes on the same claim as the comment it answers.".to_owned(),
        )),
        Some((_, Some(root))) => Ok(root),
        Some((_, None)) => Ok(parent.to_owned()),
        None => Err(StoreError::NotFound(format!("comment {parent}"))),
    }
}

fn own(w: &Write, snapshot: &Value) -> Result<()> {
    if snapshot["author_id"].as_str() != Some(w.actor()) {
        return Err(StoreError::NotAllowed(
            "Only the person who wrote a comment can change or delete it; reply to it instead."
                .to_owned(),
        ));
    }
    Ok(())
}

fn clean_body(body: &str) -> Result<String> {
    let body = body.trim();
    if body.is_empty() {
        return Err(StoreError::invalid_field(
            "body",
            "A comment needs some text.",
        ));
    }
    if body.chars().count() > MAX_BODY {
        return Err(StoreError::invalid(format!(
            "A comment is at most {MAX_BODY} characters."
        )));
    }
    Ok(body.to_owned())
}

/// Its stored fields, for the audit log (`change.rs` declares them).
pub(crate) async fn snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    crate::store::rows::existing(conn, Entity::Comment, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, name: &str, initials: &str) -> UserInfo {
        UserInfo {
            key: None,
            id: id.to_owned(),
            name: name.to_owned(),
            initials: initials.to_owned(),
            color: "#000000".to_owned(),
            active: false,
        }
    }

    #[test]
    fn mentions_match_names_initials_and_the_longest_name() {
        let users = [
            user("1", "Dana", "D"),
            user("2", "Dana Okafor", "DO"),
            user("3", "Ali Rahman", "AR"),
        ];
        let ids = |body: &str| -> Vec<String> {
            mentioned(body, &users).into_iter().map(|u| u.id).collect()
        };
        assert_eq!(ids("@Dana Okafor please check"), ["2"]);
        assert_eq!(ids("@dana, can you?"), ["1"]);
        assert_eq!(ids("cc @AR and @ar again"), ["3"]);
        assert_eq!(ids("mail dana@Dana.org"), Vec::<String>::new());
        assert_eq!(ids("@Danae is nobody"), Vec::<String>::new());
    }
}
