//! The local user every change is attributed to. Until team profiles exist
//! the workspace has one active user, created from the OS login name on the
//! first write.

use serde_json::json;

use super::{new_id, Result, Write};

const ACTIVE_USER: &str = "active_user_id";

/// The active user's id, creating the local user if the workspace has none.
pub(super) async fn active_or_create(w: &mut Write) -> Result<String> {
    let existing: Option<String> = sqlx::query_scalar(
        "SELECT u.id FROM settings s JOIN users u ON u.id = s.value WHERE s.key = ?",
    )
    .bind(ACTIVE_USER)
    .fetch_optional(w.conn())
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = new_id();
    let name = local_user_name();
    let initials = initials(&name);
    let at = w.at().to_owned();
    sqlx::query("INSERT INTO users (id, name, initials, color, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(&id)
        .bind(&name)
        .bind(&initials)
        .bind("#3b6ea5")
        .bind(&at)
        .execute(w.conn())
        .await?;
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(ACTIVE_USER)
        .bind(&id)
        .execute(w.conn())
        .await?;
    // The user records its own creation.
    w.actor = id.clone();
    let after = json!({ "name": name, "initials": initials });
    w.audit("user", &id, "create", None, Some(&after)).await?;
    Ok(id)
}

fn local_user_name() -> String {
    std::env::var("CLAIMTRAIL_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Local user".to_owned())
}

fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The active user, if one has been created.
pub async fn active_user(store: &super::Store) -> Result<Option<crate::model::UserInfo>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT u.id, u.name FROM settings s JOIN users u ON u.id = s.value WHERE s.key = ?",
    )
    .bind(ACTIVE_USER)
    .fetch_optional(store.pool())
    .await?;
    Ok(row.map(|(id, name)| crate::model::UserInfo { id, name }))
}
