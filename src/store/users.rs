//! The local user profiles every change is attributed to. A team sharing a
//! machine has several; one is active (the app's current user, and the
//! CLI's unless `--as` says otherwise). A workspace nobody has written to
//! has none; the CLI then creates one from `CLAIMTRAIL_USER` or the login
//! name, the app asks who you are.

use serde_json::json;
use sqlx::SqliteConnection;

use super::{new_id, Result, Store, StoreError, Write};
use crate::change::{Entity, Verb};
use crate::model::UserInfo;

const ACTIVE_USER: &str = "active_user_id";

/// Colours given to new profiles in turn, readable on light and dark themes.
pub(crate) const COLORS: [&str; 8] = [
    "#3b6ea5", "#b5523b", "#3f8f5a", "#8a4fb0", "#b07d1f", "#2f8a8a", "#b0446e", "#5b6470",
];

/// Longest name kept, in chars.
const MAX_NAME: usize = 80;

/// The active user's id, creating the local user if the workspace has none.
pub(super) async fn active_or_create(w: &mut Write) -> Result<String> {
    if let Some(id) = active_id(w.conn()).await? {
        return Ok(id);
    }
    let name = local_user_name();
    let id = insert(w, &name, None, None).await?;
    set_active_in(w, &id).await?;
    Ok(id)
}

/// `id` when it names a user; writes as nobody else.
pub(super) async fn live(conn: &mut SqliteConnection, id: &str) -> Result<String> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM users WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    found.ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

async fn active_id(conn: &mut SqliteConnection) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT u.id FROM settings s JOIN users u ON u.id = s.value WHERE s.key = ?",
    )
    .bind(ACTIVE_USER)
    .fetch_optional(conn)
    .await?)
}

/// Inserts a profile and audits it; the first user records its own creation.
async fn insert(
    w: &mut Write,
    name: &str,
    initials: Option<&str>,
    color: Option<&str>,
) -> Result<String> {
    let name = clean_name(name)?;
    let taken: Option<String> =
        sqlx::query_scalar("SELECT name FROM users WHERE name = ? COLLATE NOCASE")
            .bind(&name)
            .fetch_optional(w.conn())
            .await?;
    if let Some(taken) = taken {
        return Err(StoreError::Conflict(format!(
            "There is already a user called “{taken}”. Pick another name (add a surname or initial)."
        )));
    }
    let initials = match initials.map(str::trim).filter(|i| !i.is_empty()) {
        Some(given) => {
            if given.chars().count() > 3 {
                return Err(StoreError::invalid_field(
                    "initials",
                    "Initials are at most three letters.",
                ));
            }
            given.to_uppercase()
        }
        None => initials_of(&name),
    };
    let color = match color.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) if is_hex_color(c) => c.to_lowercase(),
        Some(c) => {
            return Err(StoreError::invalid_field(
                "color",
                format!("“{c}” is not a colour; give one as #rrggbb."),
            ))
        }
        None => {
            let count: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
                .fetch_one(w.conn())
                .await?;
            COLORS[count as usize % COLORS.len()].to_owned()
        }
    };
    let id = new_id();
    let at = w.at().to_owned();
    // The profile's signing key (`signing.rs`): its private half stays on
    // this desk, its public half goes to colleagues with bundles.
    if let Err(e) = super::signing::Signer::create(&w.workspace, &id) {
        tracing::warn!(error = %e, "no signing key could be made for a new profile");
    }
    sqlx::query("INSERT INTO users (id, name, initials, color, created_at) VALUES (?, ?, ?, ?, ?)")
        .bind(&id)
        .bind(&name)
        .bind(&initials)
        .bind(&color)
        .bind(&at)
        .execute(w.conn())
        .await?;
    mark_desk_user(w, &id).await?;
    if w.actor.is_empty() {
        w.actor = id.clone();
    }
    let after = json!({ "name": name, "initials": initials, "color": color });
    w.audit(Entity::User, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(id)
}

/// Records that `id` works at this desk (made here, or switched to here):
/// a bundle may not bring events in their name.
async fn mark_desk_user(w: &mut Write, id: &str) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO desk_users (user_id) VALUES (?)")
        .bind(id)
        .execute(w.conn())
        .await?;
    Ok(())
}

/// Makes `id` the active user inside a write (joining a team hub makes
/// the member the workspace's user).
pub(crate) async fn make_active(w: &mut Write, id: &str) -> Result<()> {
    set_active_in(w, id).await
}

async fn set_active_in(w: &mut Write, id: &str) -> Result<()> {
    let before = active_id(w.conn()).await?;
    if before.as_deref() == Some(id) {
        return Ok(());
    }
    // A workspace joined to a team hub works as the member who joined: the
    // hub signs every change with that login (`hub_link`, see src/hub/).
    let member: Option<(String, String)> = sqlx::query_as(
        "SELECT u.name, l.user_id FROM hub_link l JOIN users u ON u.id = l.user_id WHERE l.id = 1",
    )
    .fetch_optional(w.conn())
    .await?;
    if let Some((name, member)) = member {
        if member != id {
            return Err(StoreError::NotAllowed(format!(
                "This workspace is joined to the team as {name}, and the hub signs its changes with that login; to work as someone else, use their own computer or leave the team first."
            )));
        }
    }
    sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(ACTIVE_USER)
        .bind(id)
        .execute(w.conn())
        .await?;
    mark_desk_user(w, id).await?;
    if before.is_none() {
        // The first user becomes active as it is created; its creation
        // event, in this same write, records both.
        return Ok(());
    }
    w.audit(
        Entity::Settings,
        ACTIVE_USER,
        Verb::SwitchUser,
        Some(&json!({ "user_id": before })),
        Some(&json!({ "user_id": id })),
    )
    .await
}

/// Adds a user profile; initials and colour are chosen when not given. The
/// first profile of a workspace becomes its active user.
pub async fn add(
    store: &Store,
    name: &str,
    initials: Option<&str>,
    color: Option<&str>,
) -> Result<UserInfo> {
    let mut w = store.begin_unattributed().await?;
    let first = active_id(w.conn()).await?.is_none();
    if !first {
        w.actor = match &store.acting_as {
            Some(id) => live(w.conn(), id).await?,
            None => active_id(w.conn()).await?.unwrap_or_default(),
        };
    }
    let id = insert(&mut w, name, initials, color).await?;
    if first {
        set_active_in(&mut w, &id).await?;
    }
    w.commit().await?;
    get(store, &id).await
}

/// Forgets the key this desk pinned for a colleague (`key`: their id,
/// name or initials), so that the next bundle from them pins the key it
/// brings: for a colleague who set Claimtrail up again, once a person has
/// checked the new key with them. Audited; answers the forgotten key's
/// fingerprint.
pub async fn forget_key(store: &Store, key: &str) -> Result<String> {
    let id = resolve(store, key).await?;
    let mut w = store.write().await?;
    let pinned: Option<String> =
        sqlx::query_scalar("SELECT public_key FROM known_keys WHERE user_id = ?")
            .bind(&id)
            .fetch_optional(w.conn())
            .await?;
    let Some(pinned) = pinned else {
        return Err(StoreError::invalid(
            "This desk has pinned no key for them: their next bundle pins the key it brings.",
        ));
    };
    sqlx::query("DELETE FROM known_keys WHERE user_id = ?")
        .bind(&id)
        .execute(w.conn())
        .await?;
    let fingerprint = super::signing::fingerprint(&pinned);
    w.audit(
        Entity::User,
        &id,
        Verb::ForgetKey,
        Some(&json!({ "key": fingerprint })),
        None,
    )
    .await?;
    w.commit().await?;
    Ok(fingerprint)
}

/// Makes `id` the active user: the app's "switch user".
pub async fn set_active(store: &Store, key: &str) -> Result<UserInfo> {
    let id = resolve(store, key).await?;
    let mut w = store.begin_unattributed().await?;
    // Switching is recorded as done by the person switching in.
    w.actor = id.clone();
    set_active_in(&mut w, &id).await?;
    w.commit().await?;
    get(store, &id).await
}

/// Every profile, by name.
pub async fn list(store: &Store) -> Result<Vec<UserInfo>> {
    list_on(&mut *store.pool().acquire().await?).await
}

/// [`list`] on a connection the caller already holds (a reader or a
/// write): taking a second one from the pool while holding the first is
/// what starves it when every connection does so at once.
pub async fn list_on(conn: &mut SqliteConnection) -> Result<Vec<UserInfo>> {
    let active = active_id(&mut *conn).await?;
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT id, name, initials, color FROM users ORDER BY name COLLATE NOCASE, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, initials, color)| UserInfo {
            active: active.as_deref() == Some(id.as_str()),
            id,
            name,
            initials,
            color,
            key: None,
        })
        .collect())
}

/// [`list`] with each user's key fingerprint (`user list`): a colleague's
/// is the key this desk pinned, a desk user's the one kept beside the
/// workspace. Reads the key files, so only where the keys are shown.
pub async fn list_with_keys(store: &Store) -> Result<Vec<UserInfo>> {
    let pinned: std::collections::HashMap<String, String> =
        sqlx::query_as("SELECT user_id, public_key FROM known_keys")
            .fetch_all(store.pool())
            .await?
            .into_iter()
            .collect();
    let mut users = list(store).await?;
    for user in &mut users {
        user.key = pinned
            .get(&user.id)
            .cloned()
            .or_else(|| {
                super::signing::Signer::load(store.path(), &user.id).map(|s| s.public_key())
            })
            .as_deref()
            .map(super::signing::fingerprint);
    }
    Ok(users)
}

pub async fn get(store: &Store, id: &str) -> Result<UserInfo> {
    list(store)
        .await?
        .into_iter()
        .find(|u| u.id == id)
        .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

/// The user `key` names: an id, a name (any case) or initials that only one
/// user has. Nobody gives the names there are.
pub async fn resolve(store: &Store, key: &str) -> Result<String> {
    let key = key.trim().trim_start_matches('@');
    let users = list(store).await?;
    if let Some(u) = users.iter().find(|u| u.id == key) {
        return Ok(u.id.clone());
    }
    let folded = key.to_lowercase();
    if let Some(u) = users.iter().find(|u| u.name.to_lowercase() == folded) {
        return Ok(u.id.clone());
    }
    // A first name, or the start of a name's word, that fits one user.
    let by_word: Vec<&UserInfo> = users
        .iter()
        .filter(|u| {
            let name = u.name.to_lowercase();
            name.starts_with(&format!("{folded} ")) || name.ends_with(&format!(" {folded}"))
        })
        .collect();
    match by_word.as_slice() {
        [one] => return Ok(one.id.clone()),
        [] => {}
        several => {
            let names: Vec<&str> = several.iter().map(|u| u.name.as_str()).collect();
            return Err(StoreError::invalid(format!(
                "“{key}” could be {}; give the full name.",
                names.join(" or ")
            )));
        }
    }
    let by_initials: Vec<&UserInfo> = users
        .iter()
        .filter(|u| u.initials.to_lowercase() == folded)
        .collect();
    match by_initials.as_slice() {
        [one] => return Ok(one.id.clone()),
        [] => {}
        several => {
            let names: Vec<&str> = several.iter().map(|u| u.name.as_str()).collect();
            return Err(StoreError::invalid(format!(
                "The initials “{key}” are {}'s; give the full name.",
                names.join(" and ")
            )));
        }
    }
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    Err(StoreError::NotFound(if names.is_empty() {
        format!("user “{key}”: the workspace has no users yet. Add one with `claimtrail user add NAME`.")
    } else {
        format!("user “{key}”. The users are: {}.", names.join(", "))
    }))
}

/// The active user, if one has been created.
pub async fn active_user(store: &Store) -> Result<Option<UserInfo>> {
    let Some(id) = active_id(&mut *store.pool().acquire().await?).await? else {
        return Ok(None);
    };
    Ok(Some(get(store, &id).await?))
}

/// The id writes of `store` are attributed to, if any user exists.
pub async fn acting_id(store: &Store) -> Result<Option<String>> {
    match &store.acting_as {
        Some(id) => Ok(Some(id.clone())),
        None => active_id(&mut *store.pool().acquire().await?).await,
    }
}

/// Gives a workspace with no users its first one from `CLAIMTRAIL_USER`,
/// when that is set (a shared or scripted setup says who works here); else
/// leaves it to the app to ask. Answers the active user, if any.
pub async fn adopt_env_user(store: &Store) -> Result<Option<UserInfo>> {
    if let Some(user) = active_user(store).await? {
        return Ok(Some(user));
    }
    match std::env::var("CLAIMTRAIL_USER") {
        Ok(name) if !name.trim().is_empty() && list(store).await?.is_empty() => {
            Ok(Some(add(store, &name, None, None).await?))
        }
        _ => Ok(None),
    }
}

fn local_user_name() -> String {
    std::env::var("CLAIMTRAIL_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Local user".to_owned())
}

pub(crate) fn clean_name(name: &str) -> Result<String> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::invalid_field("name", "A user needs a name."));
    }
    if name.chars().count() > MAX_NAME {
        return Err(StoreError::invalid(format!(
            "A user's name is at most {MAX_NAME} characters."
        )));
    }
    if name.starts_with('@') {
        return Err(StoreError::invalid(
            "A user's name cannot start with @ (that is how comments mention people).".to_owned(),
        ));
    }
    Ok(name)
}

fn is_hex_color(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
}

pub(crate) fn initials_of(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()))
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The profile with this id; a placeholder names an id that has none.
pub(crate) fn user_info(users: &[UserInfo], id: &str) -> UserInfo {
    users
        .iter()
        .find(|u| u.id == id)
        .cloned()
        .unwrap_or_else(|| UserInfo {
            id: id.to_owned(),
            name: "Unknown user".to_owned(),
            initials: "?".to_owned(),
            color: "#5b6470".to_owned(),
            active: false,
            key: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_letter_of_two_words() {
        assert_eq!(initials_of("Dana Okafor"), "DO");
        assert_eq!(initials_of("ali"), "A");
        assert_eq!(initials_of("Marie-Claire de (Paris) Vos"), "MD");
    }

    #[test]
    fn colours_are_hex() {
        assert!(is_hex_color("#a0B1c2"));
        assert!(!is_hex_color("red"));
        assert!(!is_hex_color("#12345"));
    }
}
