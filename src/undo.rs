//! Undo by inverse events: reversing a change writes new events that put
//! each entity back as the change found it; history is never deleted.
//!
//! A change is one [`Write`]: its events share a `write_id`. Undoing it
//! walks its events newest first and, for each, checks the entity is still
//! as the event left it (else someone changed it since, and Undo refuses
//! rather than overwrite that), then restores the event's `before`
//! snapshot and records `undo_<action>` with the entity's state before and
//! after. The new write names the one it undoes (`undoes`), so an undone
//! change is not offered again and undoing an Undo (`redo_<action>`) puts
//! the change back. Redo takes the newest Undo still in effect, never a
//! Redo, so pressing it again goes on to the next older Undo.
//!
//! What Undo may reverse, and which rows keep it from removing a row, is
//! each entity's declaration in `change.rs`: imports and user changes are
//! never undone; a bundle merge is, row by row (`unmerge.rs`); and removing a row that something made since
//! depends on is refused rather than taking that with it. An Undo that
//! changes the statement or condition of an approved claim reopens it,
//! unless the change undone was itself the edit that reopened it (then the
//! approved words come back).

use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::change::{Action, Entity, Verb};
use crate::model::UndoEntry;
use crate::store::{rows, users, Result, Store, StoreError, Write};
use crate::{history, review};

/// How many recent changes are offered.
const RECENT: i64 = 20;

/// The acting user's recent changes that are still in effect, newest first:
/// what Undo (Ctrl+Z) would reverse, in order.
pub async fn recent(store: &Store) -> Result<Vec<UndoEntry>> {
    let Some(me) = users::acting_id(store).await? else {
        return Ok(Vec::new());
    };
    let mut conn = store.pool().acquire().await?;
    // Look further back than shown: undone changes are skipped.
    let writes = newest_writes(&mut conn, &me, false, RECENT * 3).await?;
    let mut entries = Vec::new();
    for write in writes {
        if entries.len() as i64 >= RECENT {
            break;
        }
        if history::in_effect(&mut conn, &write).await? {
            entries.push(entry(&mut conn, &write).await?);
        }
    }
    Ok(entries)
}

/// Undoes `write_id`, or the acting user's newest change still in effect
/// that can be undone. Answers what was undone.
pub async fn undo(store: &Store, write_id: Option<&str>) -> Result<UndoEntry> {
    let target = match write_id {
        Some(id) => id.to_owned(),
        None => recent(store)
            .await?
            .into_iter()
            .find(|e| e.blocked.is_none())
            .map(|e| e.write_id)
            .ok_or_else(|| StoreError::invalid("There is nothing of yours to undo.".to_owned()))?,
    };
    reverse(store, &target).await
}

/// Puts back the acting user's newest undone change (undoes the Undo).
pub async fn redo(store: &Store) -> Result<UndoEntry> {
    let Some(me) = users::acting_id(store).await? else {
        return Err(StoreError::invalid("There is nothing to redo.".to_owned()));
    };
    let mut conn = store.pool().acquire().await?;
    let undos = newest_writes(&mut conn, &me, true, RECENT).await?;
    let mut target = None;
    for undo in undos {
        // An Undo still in effect (not redone yet); a Redo is not itself
        // redone, so pressing Redo again goes on to the next older Undo.
        let first: Option<String> = sqlx::query_scalar(
            "SELECT action FROM audit_events WHERE write_id = ? ORDER BY seq LIMIT 1",
        )
        .bind(&undo)
        .fetch_optional(&mut *conn)
        .await?;
        if first.is_some_and(|a| a.starts_with("undo_"))
            && history::in_effect(&mut conn, &undo).await?
        {
            target = Some(undo);
            break;
        }
    }
    drop(conn);
    let target =
        target.ok_or_else(|| StoreError::invalid("There is nothing to redo.".to_owned()))?;
    reverse(store, &target).await
}

/// The user's newest changes (`undos`: only Undo/Redo writes, else only
/// the others), newest first, at most `limit`: read backwards through the
/// user's events in pages, so a long history costs only what is shown.
async fn newest_writes(
    conn: &mut SqliteConnection,
    user: &str,
    undos: bool,
    limit: i64,
) -> Result<Vec<String>> {
    let mut writes: Vec<String> = Vec::new();
    let mut below = i64::MAX;
    loop {
        let rows: Vec<(i64, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT seq, write_id, undoes FROM audit_events
             WHERE actor_id = ? AND seq < ? ORDER BY seq DESC LIMIT 500",
        )
        .bind(user)
        .bind(below)
        .fetch_all(&mut *conn)
        .await?;
        let Some(last) = rows.last() else {
            return Ok(writes);
        };
        below = last.0;
        for (_, write, undoes) in rows {
            let Some(write) = write else { continue };
            if undoes.is_some() == undos && !writes.contains(&write) {
                writes.push(write);
                if writes.len() as i64 >= limit {
                    return Ok(writes);
                }
            }
        }
    }
}

struct Event {
    /// The entity and action as stored, which a newer desk's bundle may
    /// hold in words this build does not know.
    entity: String,
    entity_id: String,
    action: String,
    /// Both, when this build knows them; only such events are undone.
    kind: Option<(Entity, Action)>,
    actor_id: String,
    before: Option<Value>,
    after: Option<Value>,
}

async fn events_of(conn: &mut SqliteConnection, write: &str) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT entity, entity_id, action, actor_id, before, after FROM audit_events
         WHERE write_id = ? ORDER BY seq",
    )
    .bind(write)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let json = |col: &str| crate::store::json_column(r, col);
            let entity: String = r.try_get("entity")?;
            let action: String = r.try_get("action")?;
            Ok(Event {
                kind: entity.parse().ok().zip(action.parse().ok()),
                entity,
                entity_id: r.try_get("entity_id")?,
                action,
                actor_id: r.try_get("actor_id")?,
                before: json("before")?,
                after: json("after")?,
            })
        })
        .collect()
}

async fn entry(conn: &mut SqliteConnection, write: &str) -> Result<UndoEntry> {
    let events = events_of(conn, write).await?;
    let at: String =
        sqlx::query_scalar("SELECT at FROM audit_events WHERE write_id = ? ORDER BY seq LIMIT 1")
            .bind(write)
            .fetch_one(&mut *conn)
            .await?;
    let users = users::list_on(conn).await?;
    let main = main_event(&events);
    let mut summary = main
        .map(|e| {
            history::summary(
                &e.entity,
                &e.action,
                e.before.as_ref(),
                e.after.as_ref(),
                &users,
            )
        })
        .unwrap_or_default();
    if let Some(first) = summary.get(..1) {
        summary = first.to_uppercase() + &summary[1..];
    }
    Ok(UndoEntry {
        write_id: write.to_owned(),
        at,
        summary,
        events: events.len() as u32,
        blocked: match write_blocked(&events) {
            Some(why) => Some(why),
            None => match bundle_event(&events) {
                Some(bundle) => {
                    crate::unmerge::cannot_reverse(
                        conn,
                        write,
                        bundle.after.as_ref().or(bundle.before.as_ref()),
                    )
                    .await?
                }
                None => None,
            },
        },
    })
}

/// The event that names a change best: an import's article or revision
/// over the outlet it created, a claim's review move over the verdict row
/// it wrote, a claim over its first appearance.
fn main_event(events: &[Event]) -> Option<&Event> {
    let find = |wanted: &dyn Fn(Entity, Action) -> bool| {
        events.iter().find(|e| {
            e.kind
                .is_some_and(|(entity, action)| wanted(entity, action))
        })
    };
    find(&|e, _| e == Entity::Bundle)
        .or_else(|| find(&|e, _| e == Entity::Revision))
        .or_else(|| find(&|e, a| e == Entity::Article && a.verb == Verb::Create))
        .or_else(|| find(&|e, a| e == Entity::Claim && a.verb != Verb::Reopen))
        .or_else(|| find(&|e, _| e == Entity::Claim))
        .or_else(|| events.first())
}

/// Why a change cannot be reversed, if it cannot: an import as a whole,
/// else its first event that cannot.
fn write_blocked(events: &[Event]) -> Option<String> {
    // A bundle import (or its Undo) is reversed as a whole, row by row.
    if let Some(bundle) = bundle_event(events) {
        return blocked(bundle);
    }
    let imported = events
        .iter()
        .find(|e| matches!(e.kind, Some((Entity::Article | Entity::Revision, _))));
    imported
        .or_else(|| events.iter().find(|e| blocked(e).is_some()))
        .and_then(blocked)
}

/// The bundle event of a write that merged a bundle (or undid that).
fn bundle_event(events: &[Event]) -> Option<&Event> {
    events
        .iter()
        .find(|e| matches!(e.kind, Some((Entity::Bundle, _))))
}

/// Why an event cannot be reversed, if it cannot: its entity's
/// declaration says which of its changes Undo reverses.
fn blocked(e: &Event) -> Option<String> {
    match e.kind {
        Some((entity, action)) => entity
            .declaration()
            .refuses_undo(action.verb)
            .map(str::to_owned),
        None => Some(format!(
            "Changes to {} cannot be undone.",
            e.entity.replace('_', " ")
        )),
    }
}

async fn reverse(store: &Store, target: &str) -> Result<UndoEntry> {
    tracing::info!(write = target, "reversing a change");
    let mut w = store.write().await?;
    let events = events_of(w.conn(), target).await?;
    let Some(first) = events.first() else {
        return Err(StoreError::NotFound(format!("change {target}")));
    };
    if first.actor_id != w.actor() {
        return Err(StoreError::NotAllowed(
            "Undo reverses only your own changes; this one was made by someone else.".to_owned(),
        ));
    }
    if !history::in_effect(w.conn(), target).await? {
        return Err(StoreError::Conflict(
            "This change was already undone.".to_owned(),
        ));
    }
    if let Some(reason) = write_blocked(&events) {
        return Err(StoreError::NotAllowed(reason));
    }
    // Read on the write's own connection: a second one taken while the
    // write holds its first could wait for ever on a busy pool.
    let undone = entry(w.conn(), target).await?;
    reverse_in(&mut w, target, &events).await?;
    w.commit().await?;
    Ok(undone)
}

/// Sets back a change the team hub refused, inside `w`: the same inverse
/// events as Undo, whoever made it (the hub's answer is the reason).
pub(crate) async fn set_back(w: &mut Write, target: &str) -> Result<()> {
    let events = events_of(w.conn(), target).await?;
    if let Some(reason) = write_blocked(&events) {
        return Err(StoreError::NotAllowed(reason));
    }
    reverse_in(w, target, &events).await
}

/// Writes the inverse of `target`'s events into `w`, newest first.
async fn reverse_in(w: &mut Write, target: &str, events: &[Event]) -> Result<()> {
    w.set_undoes(target);
    if let Some(bundle) = bundle_event(events) {
        let (_, action) = bundle.kind.expect("a bundle event is known");
        return crate::unmerge::reverse(
            w,
            target,
            &bundle.entity_id,
            action,
            bundle.before.as_ref(),
            bundle.after.as_ref(),
        )
        .await;
    }
    let mut reopen_later: Vec<(String, String)> = Vec::new();
    for e in events.iter().rev() {
        let Some((entity, action)) = e.kind else {
            return Err(StoreError::NotAllowed(blocked(e).unwrap_or_default()));
        };
        if matches!(action.verb, Verb::AddAlias | Verb::RemoveAlias) {
            reverse_alias(w, e, entity, action).await?;
            continue;
        }
        let now = rows::snapshot(w.conn(), entity, &e.entity_id).await?;
        if !agrees(now.as_ref(), e.after.as_ref()) {
            return Err(conflict(w, e, entity).await);
        }
        rows::restore(w, entity, &e.entity_id, e.before.as_ref())
            .await
            .map_err(explain_missing)?;
        let restored = rows::snapshot(w.conn(), entity, &e.entity_id).await?;
        if entity == Entity::Claim {
            let changed: Vec<&str> = [("statement", "Statement"), ("condition", "Condition")]
                .into_iter()
                .filter(|(key, _)| {
                    let value = |v: Option<&Value>| v.map(|v| v[key].clone());
                    now.is_some()
                        && restored.is_some()
                        && value(now.as_ref()) != value(restored.as_ref())
                })
                .map(|(_, name)| name)
                .collect();
            // An approved claim whose words change is reopened, unless this
            // very change is what reopened it (then Undo restores the
            // approved words).
            let reopened_here = events.iter().any(|o| {
                o.entity_id == e.entity_id
                    && o.kind.is_some_and(|(entity, action)| {
                        entity == Entity::Claim && action.verb == Verb::Reopen
                    })
            });
            if !changed.is_empty() && !reopened_here {
                reopen_later.push((e.entity_id.clone(), changed.join(" and ")));
            }
        }
        w.audit(
            entity,
            &e.entity_id,
            action.inverse(),
            now.as_ref(),
            restored.as_ref(),
        )
        .await?;
    }
    for (claim, what) in reopen_later {
        review::reopen_if_approved(w, &claim, &what).await?;
    }
    Ok(())
}

/// A row that something restored refers to was deleted since (a comment's
/// thread, an evidence item's claim): say so instead of SQLite's words.
fn explain_missing(e: StoreError) -> StoreError {
    let foreign_key = matches!(&e, StoreError::Sql(sql) if sql
        .as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "787"));
    if foreign_key {
        StoreError::Conflict(
            "It cannot be undone: something it belongs to was deleted after it (a claim, a comment it answers, an article). Undo that deletion first.".to_owned(),
        )
    } else {
        e
    }
}

/// Alias events record the alias itself (`{alias, kind}`) on the side
/// where it exists: a person's other name added (after) or removed
/// (before). Reversing one puts the alias back to how `before` has it.
async fn reverse_alias(w: &mut Write, e: &Event, entity: Entity, action: Action) -> Result<()> {
    let alias_of = |v: Option<&Value>| v.and_then(|v| v["alias"].as_str()).map(str::to_owned);
    let Some(alias) = alias_of(e.after.as_ref()).or_else(|| alias_of(e.before.as_ref())) else {
        return Err(StoreError::invalid(
            "This change of names cannot be undone.".to_owned(),
        ));
    };
    let present: Option<String> =
        sqlx::query_scalar("SELECT kind FROM person_aliases WHERE person_id = ? AND alias = ?")
            .bind(&e.entity_id)
            .bind(&alias)
            .fetch_optional(w.conn())
            .await?;
    if present.is_some() != e.after.is_some() {
        return Err(StoreError::Conflict(format!(
            "The name “{alias}” was changed after this; undoing would overwrite that."
        )));
    }
    match &e.before {
        Some(before) => {
            let kind = before["kind"].as_str().unwrap_or("name");
            let owner: Option<String> =
                sqlx::query_scalar("SELECT person_id FROM person_aliases WHERE alias = ?")
                    .bind(&alias)
                    .fetch_optional(w.conn())
                    .await?;
            if owner.is_some() {
                return Err(StoreError::Conflict(format!(
                    "“{alias}” is now another person's name; undoing would give it to two people."
                )));
            }
            sqlx::query(
                "INSERT INTO person_aliases (id, person_id, alias, kind) VALUES (?, ?, ?, ?)",
            )
            .bind(crate::store::new_id())
            .bind(&e.entity_id)
            .bind(&alias)
            .bind(kind)
            .execute(w.conn())
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM person_aliases WHERE person_id = ? AND alias = ?")
                .bind(&e.entity_id)
                .bind(&alias)
                .execute(w.conn())
                .await?;
        }
    }
    let now = e
        .after
        .as_ref()
        .map(|a| serde_json::json!({ "alias": alias, "kind": a["kind"].clone() }));
    w.audit(
        entity,
        &e.entity_id,
        action.inverse(),
        now.as_ref(),
        e.before.as_ref(),
    )
    .await
}

/// Whether the entity's state now is the one the event left: both gone, or
/// every field the event recorded (that the entity has) equal.
fn agrees(now: Option<&Value>, left: Option<&Value>) -> bool {
    match (now, left) {
        (None, None) => true,
        (Some(now), Some(left)) => match (now.as_object(), left.as_object()) {
            (Some(now), Some(left)) => left.iter().all(|(k, v)| now.get(k).is_none_or(|n| n == v)),
            _ => now == left,
        },
        _ => false,
    }
}

async fn conflict(w: &mut Write, e: &Event, entity: Entity) -> StoreError {
    let later: Option<(String, String)> = sqlx::query_as(
        "SELECT u.name, ev.at FROM audit_events ev JOIN users u ON u.id = ev.actor_id
         WHERE ev.entity = ? AND ev.entity_id = ? ORDER BY ev.seq DESC LIMIT 1",
    )
    .bind(&e.entity)
    .bind(&e.entity_id)
    .fetch_optional(w.conn())
    .await
    .ok()
    .flatten();
    let what = entity.declaration().noun;
    StoreError::Conflict(match later {
        Some((name, at)) => format!(
            "The {what} was changed after this (by {name}, {at}); undoing would overwrite that. Undo the later change first, or edit it by hand."
        ),
        None => format!("The {what} was changed after this; undoing would overwrite that."),
    })
}
