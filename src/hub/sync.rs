//! Exchanging changes with the hub. A sync reads the team's changes first
//! ([`pull`]), then sends this desk's ([`push`]); the hub turns a push away
//! as stale when another desk changed one of the same things since this
//! desk last read, and the desk reads again and resends. So every change
//! the hub accepts was made knowing everything before it about the same
//! rows, the hub's log is one order all desks apply, and a conflict (both
//! sides changed a field) is found once, on the desk that sends second,
//! which records it as a change of its own: every desk gets the same one.
//!
//! Reading is paged; each page is merged in one write with the workspace's
//! cursor (`hub_link.pulled_seq`), so a desk killed mid-sync reads on from
//! where it stopped and nothing is applied twice. Sending marks what was
//! sent (`pushed_seq`) only after the hub's answer; resending a change the
//! hub has is harmless (it keeps each event id once).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::postgres::PgPool;
use sqlx::types::Json;
use ts_rs::TS;

use super::{explain, link, Address, Member};
use crate::merge::{columns_of, merge, rows_of_parent, Changeset, Peer, CHILDREN};
use crate::store::{now, Result, Store, StoreError, Write};

/// Changes read or sent in one round trip.
const PAGE: i64 = 2000;
/// Changes read per page: `PAGE`, or `CLAIMTRAIL_HUB_PAGE` (the tests
/// make pages small to cross their boundaries).
fn page_size() -> i64 {
    std::env::var("CLAIMTRAIL_HUB_PAGE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(PAGE)
}

/// How long a desk gathers the hub's notices before it reads.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(100);
/// Pushes turned away as stale before a sync gives up for now.
const ATTEMPTS: usize = 8;

/// What a sync did (`hub sync --json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncReport {
    /// This desk's changes the hub accepted.
    pub pushed: u32,
    /// The team's changes merged into this workspace.
    pub pulled: u32,
    /// Fields both sides changed, recorded in Merge conflicts.
    pub conflicts: u32,
    /// This desk's changes the hub refused (set back here).
    pub refused: Vec<Refusal>,
}

/// A change the hub refused, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, TS)]
#[ts(export)]
pub struct Refusal {
    /// The first event of the refused change.
    pub event: String,
    /// The refused change (its write).
    pub write: String,
    pub reason: String,
    pub refused_at: String,
}

/// The team's members, as the hub lists them.
pub(crate) async fn members(pool: &PgPool, address: &Address) -> Result<Vec<Member>> {
    sqlx::query_as(concat!(
        "SELECT ",
        super::member_columns!(),
        " FROM members WHERE removed_at IS NULL ORDER BY name"
    ))
    .fetch_all(pool)
    .await
    .map_err(|e| explain(address, &e))
}

/// Makes every member a user of this workspace (the id their changes
/// carry), with the name the hub gives, and keeps this desk's role as the
/// hub has it.
pub(crate) async fn mirror_members(w: &mut Write, members: &[Member]) -> Result<()> {
    // Two statements whatever the team's size: this runs on every read of
    // the hub.
    let list = Value::Array(
        members
            .iter()
            .map(|m| {
                serde_json::json!([m.user_id, m.name, m.initials, m.color, m.added_at, m.role])
            })
            .collect(),
    )
    .to_string();
    let done = sqlx::query(
        "INSERT INTO users (id, name, initials, color, created_at)
         SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each(?1)
         WHERE true
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, initials = excluded.initials,
                                        color = excluded.color
         WHERE (users.name, users.initials, users.color)
               IS NOT (excluded.name, excluded.initials, excluded.color)",
    )
    .bind(&list)
    .execute(w.conn())
    .await?;
    w.bookkeeping(done.rows_affected());
    // This desk's own role, when the admin changed it.
    let role = sqlx::query(
        "UPDATE hub_link SET role = (SELECT value ->> 5 FROM json_each(?1) WHERE value ->> 0 = hub_link.user_id)
         WHERE role <> (SELECT value ->> 5 FROM json_each(?1) WHERE value ->> 0 = hub_link.user_id)",
    )
    .bind(&list)
    .execute(w.conn())
    .await?;
    w.bookkeeping(role.rows_affected());
    Ok(())
}

/// Local events not (yet) in the hub: this desk's own, not read from the
/// hub, not a refused change or its setting back, and not desk-only
/// (the active user, bundle imports, benchmarks).
const PENDING: &str = "FROM audit_events e
     WHERE e.seq > ?1
       AND e.entity NOT IN ('settings', 'bundle', 'bench')
       AND NOT EXISTS (SELECT 1 FROM hub_pulled p WHERE e.seq BETWEEN p.first_seq AND p.last_seq)
       AND NOT EXISTS (SELECT 1 FROM hub_refusals r
                       WHERE r.set_back = e.write_id OR r.write_id = e.write_id)";

/// How many of this desk's changes wait to be sent (0 when the workspace
/// has not joined a hub).
pub async fn pending(store: &Store) -> Result<i64> {
    Ok(
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) {PENDING}")))
            .bind(
                sqlx::query_scalar::<_, i64>("SELECT pushed_seq FROM hub_link WHERE id = 1")
                    .fetch_optional(store.pool())
                    .await?
                    .unwrap_or(i64::MAX),
            )
            .fetch_one(store.pool())
            .await?,
    )
}

/// The changes the hub refused, newest first.
pub(crate) async fn refusals(store: &Store) -> Result<Vec<Refusal>> {
    Ok(sqlx::query_as(
        "SELECT (SELECT id FROM audit_events e WHERE e.write_id = r.write_id ORDER BY seq LIMIT 1)
                    AS event,
                r.write_id AS write, r.reason, r.refused_at
         FROM hub_refusals r ORDER BY r.refused_at DESC",
    )
    .fetch_all(store.pool())
    .await?)
}

/// Syncs the workspace with its hub: reads the team's changes, sends this
/// desk's. Refused when the workspace has not joined one.
pub async fn sync(store: &Store) -> Result<SyncReport> {
    let Some(link) = link(store).await? else {
        return Err(StoreError::NotFound(
            "team hub link: this workspace has not joined a hub (claimtrail hub join URL)"
                .to_owned(),
        ));
    };
    let pool = link.connect().await?;
    let report = sync_with(store, &pool).await;
    pool.close().await;
    report
}

/// [`sync`] over an open connection.
pub async fn sync_with(store: &Store, pool: &PgPool) -> Result<SyncReport> {
    let mut report = SyncReport::default();
    for _ in 0..ATTEMPTS {
        let (pulled, conflicts) = pull(store, pool).await?;
        report.pulled += pulled;
        report.conflicts += conflicts;
        match push(store, pool).await? {
            Pushed::Stale => continue,
            Pushed::Done { accepted, refused } => {
                report.pushed += accepted;
                report.refused.extend(refused);
                return Ok(report);
            }
        }
    }
    tracing::warn!("the hub stayed busy with the same rows; this desk's changes wait");
    Ok(report)
}

/// One change from the hub's log.
#[derive(sqlx::FromRow)]
struct Change {
    seq: i64,
    event_id: String,
    actor_id: String,
    at: String,
    entity: String,
    entity_id: String,
    action: String,
    before: Option<Json<Value>>,
    after: Option<Json<Value>>,
    write_id: Option<String>,
    undoes: Option<String>,
    rows: Option<Json<Value>>,
    desk: String,
    received_at: chrono::DateTime<chrono::Utc>,
}

/// Reads the team's changes since this desk's cursor and merges them, a
/// page per write. Returns the events merged and the conflicts found.
pub async fn pull(store: &Store, pool: &PgPool) -> Result<(u32, u32)> {
    let (mut pulled, mut conflicts) = (0, 0);
    let mut members_read: Option<Vec<Member>> = None;
    let mut mirrored = false;
    loop {
        let Some(link) = link(store).await? else {
            return Ok((pulled, conflicts));
        };
        let address = link.address();
        let page: Vec<Change> = sqlx::query_as(
            "SELECT seq, event_id, actor_id, at, entity, entity_id, action, before, after,
                    write_id, undoes, rows, desk, received_at
             FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(link.pulled_seq)
        .bind(page_size())
        .fetch_all(pool)
        .await
        .map_err(|e| explain(&address, &e))?;
        let mut page = page;
        // A push's events carry their rows only on each thing's last event:
        // a page never ends inside a push (its events share the desk and
        // the time the hub received them), or a row could come before the
        // row it refers to.
        if let Some(tail) = page.last() {
            let rest: Vec<Change> = sqlx::query_as(
                "SELECT seq, event_id, actor_id, at, entity, entity_id, action, before, after,
                        write_id, undoes, rows, desk, received_at
                 FROM changes WHERE seq > $1 AND desk = $2 AND received_at = $3 ORDER BY seq",
            )
            .bind(tail.seq)
            .bind(&tail.desk)
            .bind(tail.received_at)
            .fetch_all(pool)
            .await
            .map_err(|e| explain(&address, &e))?;
            page.extend(rest);
        }
        let Some(last) = page.last().map(|c| c.seq) else {
            return Ok((pulled, conflicts));
        };
        if members_read.is_none() {
            members_read = Some(members(pool, &address).await?);
        }
        let members = members_read.as_deref().unwrap_or_default();
        let set = changeset(&page);
        let mut w = store.write().await?;
        // The cursor is read again inside the write: another process of
        // this desk may have merged the page meanwhile.
        let (pulled_seq, pushed_seq): (i64, i64) =
            sqlx::query_as("SELECT pulled_seq, pushed_seq FROM hub_link WHERE id = 1")
                .fetch_one(w.conn())
                .await?;
        if pulled_seq >= last {
            continue;
        }
        let waiting: i64 =
            sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT count(*) {PENDING}")))
                .bind(pushed_seq)
                .fetch_one(w.conn())
                .await?;
        if !mirrored {
            mirror_members(&mut w, members).await?;
        }
        let summary = merge(&mut w, &set, Peer::Hub { pushed_seq }).await?;
        let newest: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM audit_events")
            .fetch_one(w.conn())
            .await?;
        let mut rows = 0;
        if waiting == 0 {
            // Nothing of ours waits: everything here is in the hub.
            rows += sqlx::query("UPDATE hub_link SET pushed_seq = ? WHERE id = 1")
                .bind(newest)
                .execute(w.conn())
                .await?
                .rows_affected();
        } else if summary.events > 0 {
            // The merged events come last in the write, after the
            // conflicts it recorded: they are the newest `events`.
            rows += sqlx::query("INSERT INTO hub_pulled (first_seq, last_seq) VALUES (?, ?)")
                .bind(newest - i64::from(summary.events) + 1)
                .bind(newest)
                .execute(w.conn())
                .await?
                .rows_affected();
        }
        rows += sqlx::query("UPDATE hub_link SET pulled_seq = ?, last_pull = ? WHERE id = 1")
            .bind(last)
            .bind(now())
            .execute(w.conn())
            .await?
            .rows_affected();
        w.bookkeeping(rows);
        if std::env::var_os("CLAIMTRAIL_CHECK_KEYS").is_some() {
            let broken: Vec<(String, i64, String)> =
                sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
                    .fetch_all(w.conn())
                    .await?;
            if !broken.is_empty() {
                return Err(StoreError::invalid(format!(
                    "broken references: {broken:?}"
                )));
            }
        }
        w.commit().await?;
        // The members stay as read for the rest of this pull.
        mirrored = true;
        pulled += summary.events;
        conflicts += summary.conflicts.len() as u32;
        tracing::info!(
            events = summary.events,
            conflicts = summary.conflicts.len(),
            through = last,
            "read the team's changes"
        );
    }
}

/// A page of the hub's log as a changeset: its events, and for each row
/// the state the newest change to carry it left (or that it is gone).
fn changeset(page: &[Change]) -> Changeset {
    let mut order: Vec<(String, String)> = Vec::new();
    let mut state: HashMap<(String, String), Option<Map<String, Value>>> = HashMap::new();
    let mut children: HashMap<(String, String), Vec<Map<String, Value>>> = HashMap::new();
    let mut set = Changeset {
        origin: "hub".to_owned(),
        ..Changeset::default()
    };
    let mut put = |key: (String, String), row: Option<Map<String, Value>>| {
        if !state.contains_key(&key) {
            order.push(key.clone());
        }
        state.insert(key, row);
    };
    for c in page {
        let mut event = Map::new();
        event.insert("id".into(), c.event_id.clone().into());
        event.insert("actor_id".into(), c.actor_id.clone().into());
        event.insert("at".into(), c.at.clone().into());
        event.insert("entity".into(), c.entity.clone().into());
        event.insert("entity_id".into(), c.entity_id.clone().into());
        event.insert("action".into(), c.action.clone().into());
        event.insert(
            "before".into(),
            c.before.as_ref().map_or(Value::Null, |j| j.0.clone()),
        );
        event.insert(
            "after".into(),
            c.after.as_ref().map_or(Value::Null, |j| j.0.clone()),
        );
        event.insert("write_id".into(), c.write_id.clone().into());
        event.insert("undoes".into(), c.undoes.clone().into());
        set.events.push(event);
        let Some(Value::Object(rows)) = c.rows.as_ref().map(|j| &j.0) else {
            continue;
        };
        let own_table = c
            .entity
            .parse::<crate::change::Entity>()
            .ok()
            .and_then(|e| e.declaration().table);
        for (table, list) in rows {
            let list: Vec<Map<String, Value>> = list
                .as_array()
                .map(|l| l.iter().filter_map(|r| r.as_object().cloned()).collect())
                .unwrap_or_default();
            if let Some((_, parent_column, parent_table)) =
                CHILDREN.iter().find(|(child, ..)| child == table)
            {
                // The lists of every parent sent with it, empty ones too.
                set.tables.entry(table.clone()).or_default();
                let mut covered: Vec<String> = Vec::new();
                if own_table == Some(*parent_table) {
                    covered.push(c.entity_id.clone());
                }
                if let Some(Value::Array(parents)) = rows.get(*parent_table) {
                    covered.extend(
                        parents
                            .iter()
                            .filter_map(|p| p.get("id").and_then(Value::as_str))
                            .map(str::to_owned),
                    );
                }
                for parent in covered {
                    let mine: Vec<Map<String, Value>> = list
                        .iter()
                        .filter(|r| r.get(*parent_column).and_then(Value::as_str) == Some(&parent))
                        .cloned()
                        .collect();
                    children.insert((table.clone(), parent), mine);
                }
            } else if own_table == Some(table.as_str()) {
                put(
                    (table.clone(), c.entity_id.clone()),
                    list.into_iter().next(),
                );
            } else {
                for row in list {
                    let id = row
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned();
                    put((table.clone(), id), Some(row));
                }
            }
        }
    }
    for key in order {
        match state.remove(&key) {
            Some(Some(row)) => set.tables.entry(key.0).or_default().push(row),
            Some(None) => set.gone.push(key),
            None => {}
        }
    }
    for ((table, _), rows) in children {
        set.tables.entry(table).or_default().extend(rows);
    }
    set
}

enum Pushed {
    /// Another desk changed the same rows since this desk read: read first.
    Stale,
    Done {
        accepted: u32,
        refused: Vec<Refusal>,
    },
}

#[derive(sqlx::FromRow)]
struct Local {
    seq: i64,
    id: String,
    at: String,
    entity: String,
    entity_id: String,
    action: String,
    before: Option<String>,
    after: Option<String>,
    write_id: Option<String>,
    undoes: Option<String>,
}

#[derive(Deserialize)]
struct Answer {
    stale: bool,
    #[serde(default)]
    accepted: u32,
    #[serde(default)]
    refused: Vec<Refused>,
}

#[derive(Deserialize)]
struct Refused {
    write: Option<String>,
    reason: String,
}

/// Sends this desk's changes not yet in the hub, a page at a time, each
/// with the rows it left; sets back what the hub refused.
async fn push(store: &Store, pool: &PgPool) -> Result<Pushed> {
    let mut accepted = 0;
    let mut refused = Vec::new();
    loop {
        let Some(link) = link(store).await? else {
            return Ok(Pushed::Done { accepted, refused });
        };
        let address = link.address();
        let mut conn = store.pool().acquire().await?;
        let newest: i64 = sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM audit_events")
            .fetch_one(&mut *conn)
            .await?;
        let batch: Vec<Local> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT e.seq, e.id, e.at, e.entity, e.entity_id, e.action, e.before, e.after,
                    e.write_id, e.undoes
             {PENDING} AND e.seq <= ?2 ORDER BY e.seq LIMIT ?3"
        )))
        .bind(link.pushed_seq)
        .bind(newest)
        .bind(PAGE)
        .fetch_all(&mut *conn)
        .await?;
        if batch.is_empty() {
            drop(conn);
            // Nothing to send: note how far that holds, once.
            if newest > link.pushed_seq {
                mark_pushed(store, newest).await?;
            }
            return Ok(Pushed::Done { accepted, refused });
        }
        // Through which seq this page covers everything pending.
        let through = if (batch.len() as i64) < PAGE {
            newest
        } else {
            batch.last().map_or(newest, |e| e.seq)
        };
        let mut last_of: HashMap<(&str, &str), usize> = HashMap::new();
        for (i, e) in batch.iter().enumerate() {
            last_of.insert((&e.entity, &e.entity_id), i);
        }
        let mut events = Vec::with_capacity(batch.len());
        for (i, e) in batch.iter().enumerate() {
            let rows = if last_of.get(&(e.entity.as_str(), e.entity_id.as_str())) == Some(&i) {
                rows_of(&mut conn, &e.entity, &e.entity_id).await?
            } else {
                None
            };
            let json = |t: &Option<String>| -> Value {
                t.as_deref()
                    .and_then(|t| serde_json::from_str(t).ok())
                    .unwrap_or(Value::Null)
            };
            events.push(serde_json::json!({
                "id": e.id, "at": e.at, "entity": e.entity, "entity_id": e.entity_id,
                "action": e.action, "before": json(&e.before), "after": json(&e.after),
                "write_id": e.write_id.clone().unwrap_or_else(|| e.id.clone()),
                "undoes": e.undoes, "rows": rows,
            }));
        }
        drop(conn);
        let answer: Json<Value> = sqlx::query_scalar("SELECT claimtrail_push($1, $2, $3)")
            .bind(&link.desk_id)
            .bind(link.pulled_seq)
            .bind(Json(Value::Array(events)))
            .fetch_one(pool)
            .await
            .map_err(|e| explain(&address, &e))?;
        let answer: Answer = serde_json::from_value(answer.0)?;
        if answer.stale {
            return Ok(Pushed::Stale);
        }
        accepted += answer.accepted;
        for r in answer.refused.into_iter().rev() {
            let write = r.write.unwrap_or_default();
            refused.push(set_back(store, pool, &write, &r.reason).await?);
        }
        mark_pushed(store, through).await?;
        tracing::info!(
            events = batch.len(),
            accepted = answer.accepted,
            "sent changes to the hub"
        );
    }
}

/// Rows an entity's events do not name but that belong to it, sent with
/// it: an article's revisions (only its first event records the first
/// one) and a person's other names. (owner table, table, its owner column)
const OWNED: [(&str, &str, &str); 2] = [
    ("articles", "revisions", "article_id"),
    ("persons", "person_aliases", "person_id"),
];

/// The rows an event about `entity`/`id` left: the entity's row (an empty
/// list when it is gone), the rows it owns, and their child rows, by table.
async fn rows_of(
    conn: &mut sqlx::SqliteConnection,
    entity: &str,
    id: &str,
) -> Result<Option<Value>> {
    let Ok(entity) = entity.parse::<crate::change::Entity>() else {
        return Ok(None);
    };
    let Some(table) = entity.declaration().table else {
        return Ok(None);
    };
    let columns = columns_of(conn, table).await?;
    let row = crate::store::row_json(conn, table, &columns, id).await?;
    let mut rows = Map::new();
    rows.insert(
        table.to_owned(),
        Value::Array(row.into_iter().map(Value::Object).collect()),
    );
    let mut parents: Vec<(&str, String)> = vec![(table, id.to_owned())];
    for (owner, owned, column) in OWNED {
        if owner == table {
            let list = rows_of_parent(conn, owned, column, id).await?;
            for r in &list {
                if let Some(owned_id) = r.get("id").and_then(Value::as_str) {
                    parents.push((owned, owned_id.to_owned()));
                }
            }
            rows.insert(owned.to_owned(), Value::Array(list));
        }
    }
    for (child, parent_column, parent_table) in CHILDREN {
        let mut list = Vec::new();
        let mut any = false;
        for (parent, parent_id) in &parents {
            if *parent == parent_table {
                any = true;
                list.extend(rows_of_parent(conn, child, parent_column, parent_id).await?);
            }
        }
        if any {
            rows.insert(child.to_owned(), Value::Array(list));
        }
    }
    Ok(Some(Value::Object(rows)))
}

async fn mark_pushed(store: &Store, through: i64) -> Result<()> {
    let mut w = store.write().await?;
    let mut rows = sqlx::query(
        "UPDATE hub_link SET pushed_seq = max(pushed_seq, ?1), last_push = ?2 WHERE id = 1",
    )
    .bind(through)
    .bind(now())
    .execute(w.conn())
    .await?
    .rows_affected();
    rows += sqlx::query("DELETE FROM hub_pulled WHERE last_seq <= ?")
        .bind(through)
        .execute(w.conn())
        .await?
        .rows_affected();
    w.bookkeeping(rows);
    w.commit().await
}

/// Puts the bookkeeping times of a row back to the hub's copy of it.
async fn hub_times(w: &mut Write, pool: &PgPool, entity: &str, id: &str) -> Result<()> {
    let Some(table) = entity
        .parse::<crate::change::Entity>()
        .ok()
        .and_then(|e| e.declaration().table)
    else {
        return Ok(());
    };
    let rows: Option<Json<Value>> = sqlx::query_scalar(
        "SELECT rows FROM changes WHERE entity = $1 AND entity_id = $2 AND rows IS NOT NULL
         ORDER BY seq DESC LIMIT 1",
    )
    .bind(entity)
    .bind(id)
    .fetch_optional(pool)
    .await
    .map_err(|e| StoreError::Hub(format!("The hub's copy could not be read: {e}")))?;
    let Some(row) = rows.as_ref().and_then(|r| r.0[table].get(0)) else {
        return Ok(());
    };
    let local = columns_of(w.conn(), table).await?;
    for column in crate::merge::BOOKKEEPING {
        if let (true, Some(value)) = (local.iter().any(|c| c == column), row.get(column)) {
            let query = sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE {table} SET \"{column}\" = ? WHERE id = ?"
            )));
            crate::store::bind_json(query, value)
                .bind(id)
                .execute(w.conn())
                .await?;
        }
    }
    Ok(())
}

/// Sets back a change the hub refused and records why; the rest of the
/// desk's work stays.
async fn set_back(store: &Store, pool: &PgPool, write: &str, reason: &str) -> Result<Refusal> {
    let touched: Vec<(String, String)> =
        sqlx::query_as("SELECT DISTINCT entity, entity_id FROM audit_events WHERE write_id = ?")
            .bind(write)
            .fetch_all(store.pool())
            .await?;
    let mut w = store.write().await?;
    let set_back_id = w.id().to_owned();
    let undone = crate::undo::set_back(&mut w, write).await;
    if undone.is_ok() {
        // Undo stamps the rows' change times now; the hub's copy has the
        // times this desk had before the refused change.
        for (entity, id) in &touched {
            hub_times(&mut w, pool, entity, id).await?;
        }
    }
    if let Err(e) = undone {
        // Someone changed it here since: the refusal is recorded, and the
        // person is told; their later change stays.
        tracing::warn!(error = %e, "a refused change could not be set back");
        drop(w);
        w = store.write().await?;
    }
    let at = now();
    let done = sqlx::query(
        "INSERT INTO hub_refusals (write_id, reason, refused_at, set_back) VALUES (?, ?, ?, ?)
         ON CONFLICT (write_id) DO NOTHING",
    )
    .bind(write)
    .bind(reason)
    .bind(&at)
    .bind(&set_back_id)
    .execute(w.conn())
    .await?;
    w.bookkeeping(done.rows_affected());
    w.commit().await?;
    tracing::info!("the hub refused a change; it was set back");
    let event: Option<String> =
        sqlx::query_scalar("SELECT id FROM audit_events WHERE write_id = ? ORDER BY seq LIMIT 1")
            .bind(write)
            .fetch_optional(store.pool())
            .await?;
    Ok(Refusal {
        event: event.unwrap_or_default(),
        write: write.to_owned(),
        reason: reason.to_owned(),
        refused_at: at,
    })
}

/// The hub's word that some desk's changes arrived (PostgreSQL's
/// LISTEN/NOTIFY on `claimtrail_changes`, sent by `claimtrail_push`).
pub struct Notices(sqlx::postgres::PgListener);

impl Notices {
    pub async fn listen(pool: &PgPool) -> Result<Notices> {
        let hub =
            |e: sqlx::Error| StoreError::Hub(format!("The hub's notices could not be heard: {e}"));
        let mut listener = sqlx::postgres::PgListener::connect_with(pool)
            .await
            .map_err(hub)?;
        listener.listen("claimtrail_changes").await.map_err(hub)?;
        Ok(Notices(listener))
    }

    /// Waits for the next notice, then gathers the ones that follow within
    /// `DEBOUNCE`: a busy team sends many, and one read serves them all.
    pub async fn next(&mut self) -> Result<()> {
        let stopped = |e: sqlx::Error| StoreError::Hub(format!("The hub's notices stopped: {e}"));
        self.0.recv().await.map_err(stopped)?;
        let until = tokio::time::Instant::now() + DEBOUNCE;
        loop {
            match tokio::time::timeout_at(until, self.0.recv()).await {
                Ok(Ok(_)) => continue,
                Ok(Err(e)) => return Err(stopped(e)),
                Err(_) => return Ok(()),
            }
        }
    }
}
