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
//! the change back.

use serde_json::{Map, Value};
use sqlx::{Row, SqliteConnection};

use crate::model::UndoEntry;
use crate::store::{users, Result, Store, StoreError, Write};
use crate::{claims, comments, history, links, outlets, review, storylines};

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
        if in_effect(&mut conn, &write).await? {
            entries.push(entry(store, &mut conn, &write).await?);
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
            .ok_or_else(|| StoreError::Invalid("There is nothing of yours to undo.".to_owned()))?,
    };
    reverse(store, &target).await
}

/// Puts back the acting user's newest undone change (undoes the Undo).
pub async fn redo(store: &Store) -> Result<UndoEntry> {
    let Some(me) = users::acting_id(store).await? else {
        return Err(StoreError::Invalid("There is nothing to redo.".to_owned()));
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
        if first.is_some_and(|a| a.starts_with("undo_")) && in_effect(&mut conn, &undo).await? {
            target = Some(undo);
            break;
        }
    }
    drop(conn);
    let target =
        target.ok_or_else(|| StoreError::Invalid("There is nothing to redo.".to_owned()))?;
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

/// A change is in effect unless a change that is itself in effect undid it.
async fn in_effect(conn: &mut SqliteConnection, write: &str) -> Result<bool> {
    let mut chain = vec![write.to_owned()];
    // Follow undo → redo → undo ... (each step undoes the one before).
    loop {
        let last = chain.last().expect("the chain starts with the write");
        let undone_by: Option<String> = sqlx::query_scalar(
            "SELECT write_id FROM audit_events WHERE undoes = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(last)
        .fetch_optional(&mut *conn)
        .await?;
        match undone_by {
            Some(next) if !chain.contains(&next) => chain.push(next),
            _ => break,
        }
    }
    // The write, an undo of it, a redo, ...: odd lengths leave it in effect.
    Ok(chain.len() % 2 == 1)
}

struct Event {
    entity: String,
    entity_id: String,
    action: String,
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
            let json = |col: &str| -> Result<Option<Value>> {
                let text: Option<String> = r.try_get(col)?;
                Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
            };
            Ok(Event {
                entity: r.try_get("entity")?,
                entity_id: r.try_get("entity_id")?,
                action: r.try_get("action")?,
                actor_id: r.try_get("actor_id")?,
                before: json("before")?,
                after: json("after")?,
            })
        })
        .collect()
}

async fn entry(store: &Store, conn: &mut SqliteConnection, write: &str) -> Result<UndoEntry> {
    let events = events_of(conn, write).await?;
    let at: String =
        sqlx::query_scalar("SELECT at FROM audit_events WHERE write_id = ? ORDER BY seq LIMIT 1")
            .bind(write)
            .fetch_one(&mut *conn)
            .await?;
    let users = users::list(store).await?;
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
        blocked: write_blocked(&events),
    })
}

/// The event that names a change best: an import's article or revision
/// over the outlet it created, a claim's review move over the verdict row
/// it wrote, a claim over its first appearance.
fn main_event(events: &[Event]) -> Option<&Event> {
    events
        .iter()
        .find(|e| e.entity == "revision")
        .or_else(|| {
            events
                .iter()
                .find(|e| e.entity == "article" && e.action == "create")
        })
        .or_else(|| {
            events
                .iter()
                .find(|e| e.entity == "claim" && e.action != "reopen")
        })
        .or_else(|| events.iter().find(|e| e.entity == "claim"))
        .or_else(|| events.first())
}

/// Why a change cannot be reversed, if it cannot: an import as a whole,
/// else its first event that cannot.
fn write_blocked(events: &[Event]) -> Option<String> {
    if events
        .iter()
        .any(|e| e.entity == "article" || e.entity == "revision")
    {
        return Some("Importing cannot be undone; the article and its history stay.".to_owned());
    }
    events.iter().find_map(blocked)
}

/// Why an event cannot be reversed, if it cannot.
fn blocked(e: &Event) -> Option<String> {
    let undoable = match e.entity.as_str() {
        "claim" | "appearance" | "claim_link" | "storyline" | "verdict" | "evidence"
        | "comment" | "merge_conflict" => true,
        "outlet" => matches!(base_action(&e.action), "credibility" | "create"),
        "person" => matches!(
            base_action(&e.action),
            "create" | "add_alias" | "remove_alias"
        ),
        _ => false,
    };
    if undoable {
        return None;
    }
    Some(match e.entity.as_str() {
        "article" | "revision" => {
            "Importing cannot be undone; the article and its history stay.".to_owned()
        }
        "person" => "Merging persons or changing their names cannot be undone here.".to_owned(),
        "user" | "settings" => "Adding or switching users cannot be undone.".to_owned(),
        other => format!("Changes to {} cannot be undone.", other.replace('_', " ")),
    })
}

/// `propose` for `propose`, `undo_propose` and `redo_propose`.
fn base_action(action: &str) -> &str {
    action
        .strip_prefix("undo_")
        .or_else(|| action.strip_prefix("redo_"))
        .unwrap_or(action)
}

fn inverse_action(action: &str) -> String {
    if let Some(rest) = action.strip_prefix("undo_") {
        format!("redo_{rest}")
    } else if let Some(rest) = action.strip_prefix("redo_") {
        format!("undo_{rest}")
    } else {
        format!("undo_{action}")
    }
}

async fn reverse(store: &Store, target: &str) -> Result<UndoEntry> {
    let mut w = store.write().await?;
    let events = events_of(w.conn(), target).await?;
    let Some(first) = events.first() else {
        return Err(StoreError::NotFound(format!("change {target}")));
    };
    if first.actor_id != w.actor() {
        return Err(StoreError::Invalid(
            "Undo reverses only your own changes; this one was made by someone else.".to_owned(),
        ));
    }
    if !in_effect(w.conn(), target).await? {
        return Err(StoreError::Invalid(
            "This change was already undone.".to_owned(),
        ));
    }
    if let Some(reason) = write_blocked(&events) {
        return Err(StoreError::Invalid(reason));
    }
    let undone = {
        let mut conn = store.pool().acquire().await?;
        entry(store, &mut conn, target).await?
    };
    w.set_undoes(target);
    let mut reopen_later: Vec<(String, String)> = Vec::new();
    for e in events.iter().rev() {
        if e.entity == "person" && base_action(&e.action).ends_with("_alias") {
            reverse_alias(&mut w, e).await?;
            continue;
        }
        let now = snapshot(w.conn(), &e.entity, &e.entity_id).await?;
        if !agrees(now.as_ref(), e.after.as_ref()) {
            return Err(conflict(&mut w, e).await);
        }
        restore(&mut w, e, e.before.as_ref())
            .await
            .map_err(explain_missing)?;
        let restored = snapshot(w.conn(), &e.entity, &e.entity_id).await?;
        if e.entity == "claim" {
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
                o.entity == "claim"
                    && o.entity_id == e.entity_id
                    && base_action(&o.action) == "reopen"
            });
            if !changed.is_empty() && !reopened_here {
                reopen_later.push((e.entity_id.clone(), changed.join(" and ")));
            }
        }
        w.audit(
            &e.entity,
            &e.entity_id,
            &inverse_action(&e.action),
            now.as_ref(),
            restored.as_ref(),
        )
        .await?;
    }
    for (claim, what) in reopen_later {
        review::reopen_if_approved(&mut w, &claim, &what).await?;
    }
    w.commit().await?;
    Ok(undone)
}

/// A row that something restored refers to was deleted since (a comment's
/// thread, an evidence item's claim): say so instead of SQLite's words.
fn explain_missing(e: StoreError) -> StoreError {
    let foreign_key = matches!(&e, StoreError::Sql(sql) if sql
        .as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "787"));
    if foreign_key {
        StoreError::Invalid(
            "It cannot be undone: something it belongs to was deleted after it (a claim, a comment it answers, an article). Undo that deletion first.".to_owned(),
        )
    } else {
        e
    }
}

/// Alias events record the alias itself (`{alias, kind}`) on the side
/// where it exists: a person's other name added (after) or removed
/// (before). Reversing one puts the alias back to how `before` has it.
async fn reverse_alias(w: &mut Write, e: &Event) -> Result<()> {
    let alias_of = |v: Option<&Value>| v.and_then(|v| v["alias"].as_str()).map(str::to_owned);
    let Some(alias) = alias_of(e.after.as_ref()).or_else(|| alias_of(e.before.as_ref())) else {
        return Err(StoreError::Invalid(
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
        return Err(StoreError::Invalid(format!(
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
                return Err(StoreError::Invalid(format!(
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
        &e.entity,
        &e.entity_id,
        &inverse_action(&e.action),
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

async fn conflict(w: &mut Write, e: &Event) -> StoreError {
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
    let what = match e.entity.as_str() {
        "claim_link" => "link".to_owned(),
        other => other.to_owned(),
    };
    StoreError::Invalid(match later {
        Some((name, at)) => format!(
            "The {what} was changed after this (by {name}, {at}); undoing would overwrite that. Undo the later change first, or edit it by hand."
        ),
        None => format!("The {what} was changed after this; undoing would overwrite that."),
    })
}

/// The entity's state as its events snapshot it; None when it is gone.
async fn snapshot(conn: &mut SqliteConnection, entity: &str, id: &str) -> Result<Option<Value>> {
    let found = match entity {
        "claim" => claims::claim_record(conn, id).await,
        "appearance" => claims::appearance_snapshot(conn, id).await,
        "claim_link" => links::snapshot(conn, id).await,
        "storyline" => storylines::snapshot(conn, id).await,
        "verdict" => review::verdict_snapshot(conn, id).await,
        "evidence" => review::evidence_snapshot(conn, id).await,
        "comment" => comments::snapshot(conn, id).await,
        "outlet" => outlets::snapshot(conn, id).await,
        "person" => person_snapshot(conn, id).await,
        "merge_conflict" => conflict_snapshot(conn, id).await,
        other => {
            return Err(StoreError::Invalid(format!(
                "Changes to {other} cannot be undone."
            )))
        }
    };
    match found {
        Ok(v) => Ok(Some(v)),
        Err(StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn person_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    let name: Option<String> = sqlx::query_scalar("SELECT name FROM persons WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    let name = name.ok_or_else(|| StoreError::NotFound(format!("person {id}")))?;
    Ok(serde_json::json!({ "name": name }))
}

async fn conflict_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    let row: Option<(Option<String>, Option<String>)> =
        sqlx::query_as("SELECT settled_by, settled_at FROM merge_conflicts WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    let (by, at) = row.ok_or_else(|| StoreError::NotFound(format!("conflict {id}")))?;
    Ok(serde_json::json!({ "settled_by": by, "settled_at": at }))
}

/// Puts the entity in the state `target` describes, or removes it (None).
async fn restore(w: &mut Write, e: &Event, target: Option<&Value>) -> Result<()> {
    let id = e.entity_id.as_str();
    let Some(target) = target.and_then(Value::as_object) else {
        return remove(w, &e.entity, id).await;
    };
    let exists = snapshot(w.conn(), &e.entity, id).await?.is_some();
    match e.entity.as_str() {
        "claim" => {
            let mut cols = pick(
                target,
                &[
                    "statement",
                    "claimant_id",
                    "condition",
                    "note",
                    "review_state",
                    "assignee_id",
                    "reopen_reason",
                    "created_by",
                    "created_at",
                ],
            );
            if !exists {
                defaults(w, &mut cols, &[("created_by", true), ("created_at", false)]);
            }
            cols.insert("updated_at".into(), Value::String(w.at().to_owned()));
            put(w, "claims", id, &cols, exists).await?;
            if let Some(tags) = target.get("tags").and_then(Value::as_array) {
                sqlx::query("DELETE FROM claim_tags WHERE claim_id = ?")
                    .bind(id)
                    .execute(w.conn())
                    .await?;
                for tag in tags.iter().filter_map(Value::as_str) {
                    sqlx::query("INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?)")
                        .bind(id)
                        .bind(tag)
                        .execute(w.conn())
                        .await?;
                }
            }
        }
        "appearance" => {
            let mut cols = pick(
                target,
                &[
                    "claim_id",
                    "revision_id",
                    "start",
                    "end",
                    "exact",
                    "prefix",
                    "suffix",
                    "kind",
                    "speaker_id",
                    "stated_at",
                    "venue",
                    "anchor_state",
                    "anchor_confidence",
                    "candidate_revision_id",
                    "candidate_start",
                    "candidate_end",
                    "previous_exact",
                    "created_by",
                    "created_at",
                ],
            );
            let stated_ts = match cols.get("stated_at").and_then(Value::as_str) {
                Some(t) => Value::from(claims::stated_sort_key(t)?),
                None => Value::Null,
            };
            cols.insert("stated_ts".into(), stated_ts);
            if !exists {
                defaults(w, &mut cols, &[("created_by", true), ("created_at", false)]);
            }
            put(w, "appearances", id, &cols, exists).await?;
            if let Some(steps) = target.get("attribution").and_then(Value::as_array) {
                claims::restore_steps(w, id, steps).await?;
            }
        }
        "claim_link" => {
            let mut cols = pick(
                target,
                &[
                    "from_claim_id",
                    "to_claim_id",
                    "relation",
                    "note",
                    "related_at",
                    "created_by",
                    "created_at",
                ],
            );
            if !exists {
                defaults(w, &mut cols, &[("created_by", true), ("created_at", false)]);
            }
            put(w, "claim_links", id, &cols, exists).await?;
        }
        "storyline" => {
            let mut cols = pick(target, &["name", "description", "created_at"]);
            if !exists {
                defaults(w, &mut cols, &[("created_at", false)]);
            }
            put(w, "storylines", id, &cols, exists).await?;
            if let Some(ids) = target.get("claim_ids").and_then(Value::as_array) {
                let ids: Vec<String> = ids
                    .iter()
                    .filter_map(|c| c.as_str().map(str::to_owned))
                    .collect();
                storylines::store_claims(w, id, &ids).await?;
            }
        }
        "verdict" => {
            let cols = pick(
                target,
                &[
                    "claim_id",
                    "rating",
                    "rationale",
                    "proposed_by",
                    "proposed_at",
                    "approved_by",
                    "approved_at",
                ],
            );
            put(w, "verdicts", id, &cols, exists).await?;
        }
        "evidence" => {
            let cols = pick(
                target,
                &[
                    "claim_id",
                    "kind",
                    "article_id",
                    "appearance_id",
                    "url",
                    "path",
                    "note",
                    "added_by",
                    "added_at",
                ],
            );
            put(w, "evidence", id, &cols, exists).await?;
        }
        "comment" => {
            let cols = pick(
                target,
                &[
                    "claim_id",
                    "parent_id",
                    "author_id",
                    "body",
                    "created_at",
                    "edited_at",
                ],
            );
            put(w, "comments", id, &cols, exists).await?;
        }
        "outlet" => {
            let mut cols = pick(target, &["credibility", "credibility_note"]);
            if !exists {
                cols.extend(pick(target, &["name"]));
                defaults(w, &mut cols, &[("created_at", false)]);
            }
            put(w, "outlets", id, &cols, exists).await?;
        }
        "merge_conflict" => {
            let mut cols = pick(target, &["settled_by", "settled_at"]);
            // A settlement's `before` names only `settled_at`.
            cols.entry("settled_by".to_owned()).or_insert(Value::Null);
            put(w, "merge_conflicts", id, &cols, true).await?;
        }
        "person" => {
            let mut cols = pick(target, &["name"]);
            if !exists {
                defaults(w, &mut cols, &[("created_at", false)]);
            }
            put(w, "persons", id, &cols, exists).await?;
        }
        other => {
            return Err(StoreError::Invalid(format!(
                "Changes to {other} cannot be undone."
            )))
        }
    }
    Ok(())
}

/// Removes a row an undone change created, refusing when something made
/// since depends on it (that would be lost with it).
async fn remove(w: &mut Write, entity: &str, id: &str) -> Result<()> {
    let (table, dependents): (&str, &[(&str, &str)]) = match entity {
        "claim" => (
            "claims",
            &[
                (
                    "SELECT count(*) FROM appearances WHERE claim_id = ?1",
                    "appearances",
                ),
                (
                    "SELECT count(*) FROM verdicts WHERE claim_id = ?1",
                    "verdicts",
                ),
                (
                    "SELECT count(*) FROM evidence WHERE claim_id = ?1",
                    "evidence items",
                ),
                (
                    "SELECT count(*) FROM comments WHERE claim_id = ?1",
                    "comments",
                ),
                (
                    "SELECT count(*) FROM claim_links WHERE from_claim_id = ?1 OR to_claim_id = ?1",
                    "links",
                ),
                (
                    "SELECT count(*) FROM storyline_claims WHERE claim_id = ?1",
                    "storyline places",
                ),
                (
                    "SELECT count(*) FROM claims WHERE id = ?1 AND review_state <> 'unreviewed'",
                    "review moves (it was assigned)",
                ),
            ],
        ),
        "appearance" => (
            "appearances",
            &[(
                "SELECT count(*) FROM evidence WHERE appearance_id = ?1",
                "evidence items",
            )],
        ),
        "comment" => (
            "comments",
            &[(
                "SELECT count(*) FROM comments WHERE parent_id = ?1",
                "replies",
            )],
        ),
        "person" => (
            "persons",
            &[
                (
                    "SELECT count(*) FROM claims WHERE claimant_id = ?1",
                    "claims",
                ),
                (
                    "SELECT count(*) FROM appearances WHERE speaker_id = ?1",
                    "appearances",
                ),
                (
                    "SELECT count(*) FROM attribution_steps WHERE person_id = ?1",
                    "attributions",
                ),
                (
                    "SELECT count(*) FROM persons WHERE merged_into = ?1",
                    "merged persons",
                ),
                (
                    "SELECT count(*) FROM person_aliases WHERE person_id = ?1",
                    "other names",
                ),
            ],
        ),
        "outlet" => (
            "outlets",
            &[
                (
                    "SELECT count(*) FROM articles WHERE outlet_id = ?1",
                    "articles",
                ),
                (
                    "SELECT count(*) FROM attribution_steps WHERE outlet_id = ?1",
                    "attributions",
                ),
            ],
        ),
        "claim_link" => ("claim_links", &[]),
        "storyline" => ("storylines", &[]),
        "verdict" => ("verdicts", &[]),
        "evidence" => ("evidence", &[]),
        other => {
            return Err(StoreError::Invalid(format!(
                "Changes to {other} cannot be undone."
            )))
        }
    };
    for (sql, what) in dependents {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(*sql))
            .bind(id)
            .fetch_one(w.conn())
            .await?;
        if n > 0 {
            return Err(StoreError::Invalid(format!(
                "It cannot be undone: the {} has {n} {what} added since. Delete it instead, if that is what you mean.",
                entity.replace('_', " ")
            )));
        }
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE id = ?"
    )))
    .bind(id)
    .execute(w.conn())
    .await?;
    Ok(())
}

fn pick(target: &Map<String, Value>, columns: &[&str]) -> Map<String, Value> {
    columns
        .iter()
        .filter_map(|c| target.get(*c).map(|v| ((*c).to_owned(), v.clone())))
        .collect()
}

/// Fills `created_by` (the acting user) and `created_at` (now) that older
/// snapshots did not record.
fn defaults(w: &Write, cols: &mut Map<String, Value>, names: &[(&str, bool)]) {
    for (name, is_actor) in names {
        cols.entry((*name).to_owned()).or_insert_with(|| {
            Value::String(if *is_actor {
                w.actor().to_owned()
            } else {
                w.at().to_owned()
            })
        });
    }
}

/// Updates the row's columns, or inserts the row with them.
async fn put(
    w: &mut Write,
    table: &str,
    id: &str,
    cols: &Map<String, Value>,
    exists: bool,
) -> Result<()> {
    if cols.is_empty() {
        return Ok(());
    }
    let names: Vec<&String> = cols.keys().collect();
    let sql = if exists {
        let sets: Vec<String> = names.iter().map(|n| format!("\"{n}\" = ?")).collect();
        format!("UPDATE {table} SET {} WHERE id = ?", sets.join(", "))
    } else {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!(
            "INSERT INTO {table} ({}, id) VALUES ({}?)",
            quoted.join(", "),
            "?, ".repeat(names.len())
        )
    };
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for value in cols.values() {
        query = crate::store::bind_json(query, value);
    }
    query.bind(id).execute(w.conn()).await?;
    Ok(())
}
