//! Reviewing and undoing a bundle merge. A merge keeps what it did to each
//! row in `merge_rows` (`merge::RowLog`): the rows it added (by hash), the
//! fields it changed (before and after), the rows it removed (whole) and
//! the child lists it replaced. [`changes`] lists them; Undo (`undo.rs`,
//! which hands a write with a bundle event here) reverses them newest
//! first, each only when the row is still as the merge left it, else it
//! refuses and changes nothing: a row changed since, a row made again, an
//! added row something made since refers to. What the Undo does is kept
//! the same way under its own write, so Redo reverses it in turn.
//!
//! Besides the bundle event's inverse, the Undo records an event on every
//! entity whose rows it put back (`undo_import`). That is what keeps an
//! undone import undone: importing the same bundle again finds this desk's
//! change newer than the bundle's (`merge.rs`), so the rows stay as they
//! were, as for any change made here after a bundle was written. The
//! bundle's own events stay in the log, which is append-only.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use sqlx::{Row, SqliteConnection};

use crate::change::{Action, Entity, Verb};
use crate::merge::{columns_of, insert_row, row_sha256, rows_of_parent, RowLog, CHILDREN};
use crate::store::{row_json, rows, Result, Store, StoreError, Write};

/// One change a merge (or its Undo) made to a row. `bundle changes
/// --json` prints these.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedRow {
    pub table: String,
    /// The row's id; for a child table's list, its parent's.
    pub row_id: String,
    /// `add`, `update`, `remove` or `children`.
    pub change: String,
    /// The changed fields' values before (`update`), the row (`remove`),
    /// the list (`children`).
    pub before: Option<Value>,
    /// The changed fields' values after (`update`), the list
    /// (`children`), the row as it is now (`add`, when it still is).
    pub after: Option<Value>,
}

/// A bundle import and what it did, for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergeRecord {
    /// The import's change, as Undo and the History name it.
    pub write_id: String,
    pub bundle_id: String,
    pub imported_at: String,
    /// Who imported it (a user id).
    pub imported_by: String,
    /// False once it was undone (and not redone).
    pub in_effect: bool,
    pub rows: Vec<MergedRow>,
}

/// The bundle imports of this workspace, newest first, each with what it
/// did to each row; only those of `bundle_id` when given.
pub async fn changes(store: &Store, bundle_id: Option<&str>) -> Result<Vec<MergeRecord>> {
    let mut conn = store.pool().acquire().await?;
    let imports = sqlx::query(
        "SELECT write_id, entity_id, at, actor_id FROM audit_events
         WHERE entity = 'bundle' AND action = 'import' AND (?1 IS NULL OR entity_id = ?1)
         ORDER BY seq DESC",
    )
    .bind(bundle_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut records = Vec::new();
    for import in imports {
        let write_id: String = import.try_get("write_id")?;
        let mut rows = Vec::new();
        for change in logged(&mut conn, &write_id).await? {
            let after = match change.op.as_str() {
                "add" => {
                    let columns = columns_of(&mut conn, &change.table).await?;
                    row_json(&mut conn, &change.table, &columns, &change.row_id)
                        .await?
                        .map(Value::Object)
                }
                _ => change.after,
            };
            rows.push(MergedRow {
                table: change.table,
                row_id: change.row_id,
                change: change.op,
                before: change.before,
                after,
            });
        }
        records.push(MergeRecord {
            in_effect: crate::history::in_effect(&mut conn, &write_id).await?,
            write_id,
            bundle_id: import.try_get("entity_id")?,
            imported_at: import.try_get("at")?,
            imported_by: import.try_get("actor_id")?,
            rows,
        });
    }
    Ok(records)
}

/// One `merge_rows` row.
struct Logged {
    table: String,
    row_id: String,
    op: String,
    before: Option<Value>,
    after: Option<Value>,
    after_sha256: Option<String>,
}

/// What write `write_id` did to rows, in the order it did it.
async fn logged(conn: &mut SqliteConnection, write_id: &str) -> Result<Vec<Logged>> {
    let rows = sqlx::query(
        "SELECT table_name, row_id, op, before, after, after_sha256 FROM merge_rows
         WHERE write_id = ? ORDER BY seq",
    )
    .bind(write_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            let json = |col: &str| crate::store::json_column(r, col);
            Ok(Logged {
                table: r.try_get("table_name")?,
                row_id: r.try_get("row_id")?,
                op: r.try_get("op")?,
                before: json("before")?,
                after: json("after")?,
                after_sha256: r.try_get("after_sha256")?,
            })
        })
        .collect()
}

/// Why the bundle import (or its Undo) `write` cannot be reversed, if it
/// cannot: it kept no record of its rows, because an older Claimtrail made
/// it, or because it brought only history (events), which stays.
/// `summary` is its bundle event's snapshot.
pub(crate) async fn cannot_reverse(
    conn: &mut SqliteConnection,
    write: &str,
    summary: Option<&Value>,
) -> Result<Option<String>> {
    let kept: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM merge_rows WHERE write_id = ?)")
            .bind(write)
            .fetch_one(&mut *conn)
            .await?;
    let joined: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM twins WHERE write_id = ?)")
        .bind(write)
        .fetch_one(&mut *conn)
        .await?;
    if joined {
        return Ok(Some("This import joined things both desks had made separately (the same article or outlet imported on both), which cannot be taken apart again row by row. Restore the backup made just before it (Backups…) instead.".to_owned()));
    }
    if kept {
        return Ok(None);
    }
    let counted = |key: &str| {
        summary
            .and_then(|s| s.get(key))
            .and_then(Value::as_object)
            .is_some_and(|m| m.values().any(|n| n.as_u64().unwrap_or(0) > 0))
    };
    Ok(Some(
        if ["added", "updated", "removed"].iter().any(|k| counted(k)) || summary.is_none() {
            "This bundle was merged by an older Claimtrail, which did not keep what a merge changed, so it cannot be undone. Restore the backup made just before it (Backups…) instead.".to_owned()
        } else {
            "This import brought only the colleague's history, which stays in the log; there is nothing else to undo.".to_owned()
        },
    ))
}

/// The entity whose events record changes to `table`'s rows: its own, or
/// for a child table its parent's.
fn entity_of(table: &str) -> Option<Entity> {
    let table = CHILDREN
        .iter()
        .find(|(child, _, _)| *child == table)
        .map_or(table, |(_, _, parent)| *parent);
    Entity::of_table(table)
}

/// Reverses inside `w` what `target` did to rows: the merge of bundle
/// `bundle_id` (`action` its event's, `before`/`after` its snapshots), or
/// the Undo of one. Refuses, changing nothing, when a row is no longer as
/// `target` left it.
pub(crate) async fn reverse(
    w: &mut Write,
    target: &str,
    bundle_id: &str,
    action: Action,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Result<()> {
    if let Some(why) = cannot_reverse(w.conn(), target, after.or(before)).await? {
        return Err(StoreError::NotAllowed(why));
    }
    let changes = logged(w.conn(), target).await?;
    w.defer_foreign_keys().await?;
    // Each entity touched, as it was before this Undo, in the order met.
    let mut touched: Vec<(Entity, String, Option<Value>)> = Vec::new();
    for change in &changes {
        if let Some(entity) = entity_of(&change.table) {
            if !touched
                .iter()
                .any(|(e, id, _)| *e == entity && *id == change.row_id)
            {
                let now = snapshot(w, entity, &change.row_id).await?;
                touched.push((entity, change.row_id.clone(), now));
            }
        }
    }
    let mut log = RowLog::new(true);
    let mut referrers = Referrers::default();
    for change in changes.iter().rev() {
        put_back(w, change, &mut log, &mut referrers).await?;
    }
    let mode = action.inverse().mode;
    for (entity, id, was) in touched {
        let now = snapshot(w, entity, &id).await?;
        if now == was {
            // Kept as it was (a colleague the log names).
            continue;
        }
        w.audit(
            entity,
            &id,
            Action {
                verb: Verb::Import,
                mode,
            },
            was.as_ref(),
            now.as_ref(),
        )
        .await?;
    }
    w.audit(Entity::Bundle, bundle_id, action.inverse(), after, before)
        .await
}

/// The entity as its events snapshot it, or its row when it has no
/// declared snapshot.
async fn snapshot(w: &mut Write, entity: Entity, id: &str) -> Result<Option<Value>> {
    if entity.declaration().snapshot.is_some() {
        return rows::snapshot(w.conn(), entity, id).await;
    }
    let table = entity.declaration().table.unwrap_or_default();
    let columns = columns_of(w.conn(), table).await?;
    Ok(row_json(w.conn(), table, &columns, id)
        .await?
        .map(Value::Object))
}

/// Reverses one change, recording the reversal.
async fn put_back(
    w: &mut Write,
    change: &Logged,
    log: &mut RowLog,
    referrers: &mut Referrers,
) -> Result<()> {
    let (table, id) = (change.table.as_str(), change.row_id.as_str());
    let noun = entity_of(table).map_or("row", |e| e.declaration().noun);
    let changed_since = || {
        StoreError::Conflict(format!(
            "The bundle's {noun} {id} was changed here after the import; undoing it would overwrite that. Undo that change first, or restore the backup made just before the import (Backups…)."
        ))
    };
    let columns = columns_of(w.conn(), table).await?;
    match change.op.as_str() {
        "add" => {
            let Some(now) = row_json(w.conn(), table, &columns, id).await? else {
                // Deleted here since: nothing to take back.
                return Ok(());
            };
            if row_sha256(w.conn(), table, id).await? != change.after_sha256 {
                return Err(changed_since());
            }
            let (work, in_log) = referrers.of(w, table, id).await?;
            if let Some(what) = work {
                return Err(StoreError::Conflict(format!(
                    "The bundle's {noun} {id} is used by work done here after the import ({what}); undoing the import would take that with it. Delete that work first, or restore the backup made just before the import (Backups…)."
                )));
            }
            if in_log {
                // The log, which is append-only, names it (a colleague who
                // wrote the bundle's events): it stays, as they do.
                return Ok(());
            }
            log.record(w, table, id, "remove", Some(&Value::Object(now)), None)
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE id = ?"
            )))
            .bind(id)
            .execute(w.conn())
            .await?;
        }
        "remove" => {
            if row_json(w.conn(), table, &columns, id).await?.is_some() {
                return Err(changed_since());
            }
            let Some(Value::Object(row)) = &change.before else {
                return Err(StoreError::invalid(format!(
                    "The record of the bundle's {noun} {id} is damaged; restore the backup made just before the import."
                )));
            };
            insert_row(w, table, row).await?;
            log.added(w, table, id).await?;
        }
        "update" => {
            let Some(now) = row_json(w.conn(), table, &columns, id).await? else {
                return Err(changed_since());
            };
            let (Some(Value::Object(was)), Some(Value::Object(left))) =
                (&change.before, &change.after)
            else {
                return Ok(());
            };
            if left.iter().any(|(k, v)| now.get(k) != Some(v)) {
                return Err(changed_since());
            }
            let sets: Vec<String> = was.keys().map(|k| format!("\"{k}\" = ?")).collect();
            let sql = format!("UPDATE {table} SET {} WHERE id = ?", sets.join(", "));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for value in was.values() {
                query = crate::store::bind_json(query, value);
            }
            query.bind(id).execute(w.conn()).await?;
            log.record(
                w,
                table,
                id,
                "update",
                change.after.as_ref(),
                change.before.as_ref(),
            )
            .await?;
        }
        "children" => {
            let Some((_, parent_column, _)) = CHILDREN.iter().find(|(t, _, _)| *t == table) else {
                return Ok(());
            };
            let now = Value::Array(rows_of_parent(w.conn(), table, parent_column, id).await?);
            if Some(&now) != change.after.as_ref() {
                return Err(changed_since());
            }
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE \"{parent_column}\" = ?"
            )))
            .bind(id)
            .execute(w.conn())
            .await?;
            if let Some(Value::Array(rows)) = &change.before {
                for row in rows.iter().filter_map(Value::as_object) {
                    insert_row(w, table, row).await?;
                }
            }
            log.record(w, table, id, "children", Some(&now), change.before.as_ref())
                .await?;
        }
        other => {
            return Err(StoreError::invalid(format!(
            "The record of a bundle import holds a change “{other}” this Claimtrail does not know."
        )))
        }
    }
    Ok(())
}

/// The audit log and what is kept with it: rows these refer to stay.
const LOG: [&str; 3] = ["audit_events", "audit_claims", "adopted_events"];

/// The tables and columns that refer to each table, read once.
#[derive(Default)]
struct Referrers {
    by_table: HashMap<String, Vec<(String, String)>>,
}

impl Referrers {
    /// The rows of work that refer to row `id` of `table`, in words ("2 in
    /// appearances"), or None when none do; and whether the audit log
    /// refers to it.
    async fn of(&mut self, w: &mut Write, table: &str, id: &str) -> Result<(Option<String>, bool)> {
        if !self.by_table.contains_key(table) {
            let pairs: Vec<(String, String)> = sqlx::query_as(
                "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND f.\"table\" = ?",
            )
            .bind(table)
            .fetch_all(w.conn())
            .await?;
            self.by_table.insert(table.to_owned(), pairs);
        }
        let mut found = Vec::new();
        let mut in_log = false;
        for (child, column) in self.by_table[table].clone() {
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT count(*) FROM {child} WHERE \"{column}\" = ?"
            )))
            .bind(id)
            .fetch_one(w.conn())
            .await?;
            if n > 0 && LOG.contains(&child.as_str()) {
                in_log = true;
            } else if n > 0 {
                found.push(format!("{n} in {}", child.replace('_', " ")));
            }
        }
        Ok(((!found.is_empty()).then(|| found.join(", ")), in_log))
    }
}
