//! Any declared entity's row, read and written generically from its
//! [`Declaration`](crate::change::Declaration): the snapshot its audit
//! events carry, putting a snapshot back (Undo), removing a row nothing
//! depends on, and auditing what a deletion takes with it.
//!
//! Table and column names come from the declarations, never from input.
//!
//! A snapshot is the declared columns plus the child lists as JSON.
//! Putting one back fills what older snapshots lack with the declared
//! defaults and recomputes derived columns (such as `stated_ts`). A
//! deletion audits every dependent row it takes with it, in the order the
//! declaration gives, before the schema's cascades remove them, so Undo,
//! walking the events back, restores parents before their children. A
//! test checks every declaration against the schema and fails on a table
//! no entity declares.

use serde_json::{Map, Value};
use sqlx::SqliteConnection;

use super::{bind_json, json_object_of, Result, StoreError, Write};
use crate::change::{Entity, Fill, OnDelete, Snapshot, Verb};

/// The entity's state as its events snapshot it; None when the row is gone.
pub async fn snapshot(
    conn: &mut SqliteConnection,
    entity: Entity,
    id: &str,
) -> Result<Option<Value>> {
    let (table, shape) = shape(entity)?;
    let columns: Vec<&str> = shape
        .columns
        .iter()
        .chain(shape.insert_only)
        .copied()
        .collect();
    let Some(mut row) = typed_row(conn, table, &columns, id).await? else {
        return Ok(None);
    };
    for list in shape.lists {
        let item = match list.fields {
            [one] => format!("\"{one}\""),
            fields => json_object_of(fields),
        };
        let items: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT json_quote({item}) FROM {} WHERE \"{}\" = ? ORDER BY {}",
            list.table, list.parent, list.order_by
        )))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        let items = items
            .iter()
            .map(|j| serde_json::from_str(j))
            .collect::<std::result::Result<Vec<Value>, _>>()?;
        row.insert(list.key.to_owned(), Value::Array(items));
    }
    Ok(Some(Value::Object(row)))
}

/// The row's columns as JSON, each value read as the type SQLite holds:
/// a real keeps all its digits (SQLite's own `json_object` prints fifteen,
/// and a confidence the old snapshots wrote with seventeen would then never
/// match again, so Undo would refuse).
async fn typed_row(
    conn: &mut SqliteConnection,
    table: &str,
    columns: &[&str],
    id: &str,
) -> Result<Option<Map<String, Value>>> {
    use sqlx::{Row, TypeInfo, ValueRef};
    let quoted: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM {table} WHERE id = ?",
        quoted.join(", ")
    )))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut map = Map::new();
    for (i, column) in columns.iter().enumerate() {
        let raw = row.try_get_raw(i)?;
        let value = if raw.is_null() {
            Value::Null
        } else {
            match raw.type_info().name() {
                "INTEGER" => Value::from(row.try_get::<i64, _>(i)?),
                "REAL" => Value::from(row.try_get::<f64, _>(i)?),
                _ => Value::String(row.try_get::<String, _>(i)?),
            }
        };
        map.insert((*column).to_owned(), value);
    }
    Ok(Some(map))
}

/// [`snapshot`] of a row that must exist.
pub async fn existing(conn: &mut SqliteConnection, entity: Entity, id: &str) -> Result<Value> {
    snapshot(conn, entity, id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("{} {id}", entity.declaration().noun)))
}

/// The table and snapshot of an entity Undo can put back.
fn shape(entity: Entity) -> Result<(&'static str, &'static Snapshot)> {
    let declaration = entity.declaration();
    match (declaration.table, &declaration.snapshot) {
        (Some(table), Some(shape)) => Ok((table, shape)),
        _ => Err(StoreError::NotAllowed(format!(
            "Changes to {entity} cannot be undone."
        ))),
    }
}

/// Puts the entity in the state `target` describes, or removes it (None).
pub(crate) async fn restore(
    w: &mut Write,
    entity: Entity,
    id: &str,
    target: Option<&Value>,
) -> Result<()> {
    let (table, shape) = shape(entity)?;
    let Some(target) = target.and_then(Value::as_object) else {
        return remove(w, entity, id).await;
    };
    let exists = shape.update_only || snapshot(w.conn(), entity, id).await?.is_some();
    let mut cols = pick(target, shape.columns);
    if shape.update_only {
        // What an older snapshot does not name was not set.
        for column in shape.columns {
            cols.entry((*column).to_owned()).or_insert(Value::Null);
        }
    }
    if !exists {
        cols.extend(pick(target, shape.insert_only));
        for (column, fill) in shape.defaults {
            if !cols.contains_key(*column) {
                let value = fill_value(w, &cols, *fill)?;
                cols.insert((*column).to_owned(), value);
            }
        }
    }
    for (column, fill) in shape.derived {
        let value = fill_value(w, &cols, *fill)?;
        cols.insert((*column).to_owned(), value);
    }
    put(w, table, id, &cols, exists).await?;
    for list in shape.lists {
        let Some(items) = target.get(list.key).and_then(Value::as_array) else {
            continue;
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {} WHERE \"{}\" = ?",
            list.table, list.parent
        )))
        .bind(id)
        .execute(w.conn())
        .await?;
        let mut names: Vec<&str> = vec![list.parent];
        names.extend(list.position);
        names.extend(list.fields);
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            list.table,
            quoted.join(", "),
            vec!["?"; names.len()].join(", ")
        );
        for (position, item) in items.iter().enumerate() {
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql.clone())).bind(id.to_owned());
            if list.position.is_some() {
                query = query.bind(position as i64);
            }
            for field in list.fields {
                let value = match list.fields {
                    [_] => item,
                    _ => item.get(*field).unwrap_or(&Value::Null),
                };
                query = bind_json(query, value);
            }
            query.execute(w.conn()).await?;
        }
    }
    Ok(())
}

fn fill_value(w: &Write, cols: &Map<String, Value>, fill: Fill) -> Result<Value> {
    Ok(match fill {
        Fill::Actor => Value::String(w.actor().to_owned()),
        Fill::Now => Value::String(w.at().to_owned()),
        Fill::Null => Value::Null,
        Fill::SortKeyOf(column) => match cols.get(column).and_then(Value::as_str) {
            // A time corrected to "none" has no place in time.
            Some("") => Value::Null,
            Some(text) => Value::from(crate::timestamp::sort_key_of(text).ok_or_else(|| {
                StoreError::invalid_field(
                    column,
                    format!("“{text}” is not a time Claimtrail understands."),
                )
            })?),
            None => Value::Null,
        },
    })
}

/// How many rows of each kind depend on the entity, those with any.
pub async fn dependents(
    conn: &mut SqliteConnection,
    entity: Entity,
    id: &str,
) -> Result<Vec<(&'static str, i64)>> {
    let mut found = Vec::new();
    for dependent in entity.declaration().dependents {
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {} WHERE {}",
            dependent.table, dependent.condition
        )))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        if n > 0 {
            found.push((dependent.what, n));
        }
    }
    Ok(found)
}

/// Removes a row an undone change created, refusing when something made
/// since depends on it (that would be lost with it).
async fn remove(w: &mut Write, entity: Entity, id: &str) -> Result<()> {
    let (table, shape) = shape(entity)?;
    if shape.update_only {
        return Err(StoreError::NotAllowed(format!(
            "Changes to {entity} cannot be undone."
        )));
    }
    if let Some((what, n)) = dependents(w.conn(), entity, id).await?.first() {
        return Err(StoreError::Conflict(format!(
            "It cannot be undone: the {} has {n} {what} added since. Delete it instead, if that is what you mean.",
            entity.declaration().noun
        )));
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE id = ?"
    )))
    .bind(id)
    .execute(w.conn())
    .await?;
    Ok(())
}

/// Deletes the entity's row and audits it, after auditing each dependent
/// row the deletion takes with it (the schema's cascades delete them) or
/// takes it out of, so the History says what was lost and Undo can put it
/// all back. Answers the deleted row's snapshot.
pub async fn delete(w: &mut Write, entity: Entity, id: &str) -> Result<Value> {
    let (table, _) = shape(entity)?;
    let before = existing(w.conn(), entity, id).await?;
    for dependent in entity.declaration().dependents {
        match dependent.on_delete {
            OnDelete::Delete {
                entity: of,
                order_by,
            } => {
                let ids: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT id FROM {} WHERE {} ORDER BY {order_by}",
                    dependent.table, dependent.condition
                )))
                .bind(id)
                .fetch_all(w.conn())
                .await?;
                for row in &ids {
                    let snapshot = existing(w.conn(), of, row).await?;
                    w.audit(of, row, Verb::Delete, Some(&snapshot), None)
                        .await?;
                }
            }
            OnDelete::LeaveList {
                entity: of,
                owner,
                key,
                verb,
            } => {
                let owners: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT DISTINCT \"{owner}\" FROM {} WHERE {} ORDER BY 1",
                    dependent.table, dependent.condition
                )))
                .bind(id)
                .fetch_all(w.conn())
                .await?;
                for row in &owners {
                    let before = existing(w.conn(), of, row).await?;
                    let mut after = before.clone();
                    if let Some(items) = after[key].as_array_mut() {
                        items.retain(|c| c.as_str() != Some(id));
                    }
                    w.audit(of, row, verb, Some(&before), Some(&after)).await?;
                }
            }
            OnDelete::Keep => {}
        }
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM {table} WHERE id = ?"
    )))
    .bind(id)
    .execute(w.conn())
    .await?;
    w.audit(entity, id, Verb::Delete, Some(&before), None)
        .await?;
    Ok(before)
}

fn pick(target: &Map<String, Value>, columns: &[&str]) -> Map<String, Value> {
    columns
        .iter()
        .filter_map(|c| target.get(*c).map(|v| ((*c).to_owned(), v.clone())))
        .collect()
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
        query = bind_json(query, value);
    }
    query.bind(id).execute(w.conn()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::change::Entity;
    use crate::store::Store;

    /// Tables that are no entity's row or list, and why.
    const NOT_ENTITIES: &[(&str, &str)] = &[
        ("_sqlx_migrations", "sqlx's own record of the schema"),
        ("audit_events", "the log itself"),
        ("audit_claims", "an index derived from the log"),
        (
            "settings",
            "key-value settings, audited as the settings entity",
        ),
        (
            "person_aliases",
            "a person's other names, audited on the person",
        ),
        (
            "relay_candidates",
            "derived from a revision's text at import",
        ),
        ("dismissed_suggestions", "audited on the article"),
        ("dismissed_reappearances", "audited on the article"),
        (
            "reappearances",
            "candidates found at import on each desk (derived, like relay candidates)",
        ),
        (
            "reappearance_scans",
            "which revisions this desk searched for tracked claims (bookkeeping)",
        ),
        (
            "statement_vectors",
            "the statements' vectors for matching by meaning, computed on each desk (derived)",
        ),
        (
            "quote_vectors",
            "the tracked quotes' vectors for matching by meaning (derived, like the statements')",
        ),
        (
            "embedded_revisions",
            "which revisions this desk embedded (bookkeeping of the derived vectors)",
        ),
        (
            "hub_link",
            "the desk's link to its team hub: sync bookkeeping, joining and leaving audited as settings",
        ),
        ("hub_pulled", "sync bookkeeping: local events read from the hub"),
        (
            "adopted_events",
            "where a merged event came from, written with it in the same write",
        ),
        (
            "desk_users",
            "the profiles made or switched to on this desk, written with that change",
        ),
        (
            "known_keys",
            "colleagues' signing keys this desk pinned, written with the audited merge or forget-key",
        ),
        (
            "merge_rows",
            "what a bundle merge (or its Undo) did to each row, written with its audited bundle event",
        ),
        (
            "twins",
            "rows two desks made separately, joined by an audited merge and kept here",
        ),
        (
            "hub_refusals",
            "sync bookkeeping: changes the hub refused, set back by audited writes",
        ),
    ];

    async fn columns(conn: &mut SqliteConnection, table: &str) -> BTreeSet<String> {
        sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
            .bind(table)
            .fetch_all(conn)
            .await
            .expect("pragma_table_info reads")
            .into_iter()
            .collect()
    }

    /// Every declaration names tables and columns the schema has, and
    /// every table of the schema is an entity's, one of an entity's lists,
    /// or known not to be one: a table added without a declaration fails
    /// here, before Undo or a bundle meets it.
    #[tokio::test]
    async fn declarations_match_the_schema() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = Store::open(&dir.path().join("w.db")).await.expect("opens");
        let mut conn = store.pool().acquire().await.expect("a connection");
        let mut covered: BTreeSet<String> = BTreeSet::new();
        for entity in Entity::ALL {
            let d = entity.declaration();
            let Some(table) = d.table else {
                assert!(d.snapshot.is_none(), "{entity} has no table to snapshot");
                continue;
            };
            covered.insert(table.to_owned());
            let have = columns(&mut conn, table).await;
            assert!(
                have.contains("id"),
                "{entity}'s table {table} exists with an id"
            );
            if let Some(shape) = &d.snapshot {
                let named = shape
                    .columns
                    .iter()
                    .chain(shape.insert_only)
                    .chain(shape.defaults.iter().map(|(c, _)| c))
                    .chain(shape.derived.iter().map(|(c, _)| c));
                for column in named {
                    assert!(have.contains(*column), "{table}.{column} ({entity}) exists");
                }
                for list in shape.lists {
                    covered.insert(list.table.to_owned());
                    let have = columns(&mut conn, list.table).await;
                    for column in list
                        .fields
                        .iter()
                        .chain([&list.parent])
                        .chain(&list.position)
                    {
                        assert!(have.contains(*column), "{}.{column} exists", list.table);
                    }
                }
            }
            for dependent in d.dependents {
                dependents(&mut conn, *entity, "no such id")
                    .await
                    .unwrap_or_else(|e| {
                        panic!("{entity}'s dependents {} read: {e}", dependent.what)
                    });
            }
        }
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%fts%'",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("the schema reads");
        for table in tables {
            assert!(
                covered.contains(&table) || NOT_ENTITIES.iter().any(|(t, _)| *t == table),
                "the table {table} is no entity's: declare its entity in change.rs \
                 (or say in NOT_ENTITIES why it is none)"
            );
        }
    }
}
