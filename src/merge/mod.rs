//! The merge engine: bringing another desk's changes into this workspace.
//! Bundles (`bundle.rs`) and the team hub (`hub/`) both deliver a
//! [`Changeset`], the other side's rows and the audit events that made
//! them, and both merge it here, so the two cannot disagree on what a
//! conflict is.
//!
//! Merge rules: rows are the same row when their ids are (UUIDv7, so two
//! desks never collide by chance). A row only the changeset has is added.
//! A row both have and that differs was changed on one side or both: the
//! audit logs say which. When the newest local event about the row is
//! known to the other side, it saw ours and its row is newer; when its
//! newest event is here, ours is; otherwise both changed it, and for each
//! field that differs the side whose newest event has the higher (later)
//! UUIDv7 id wins, deterministically on both desks, and the other value is
//! recorded in `merge_conflicts` for a person to settle. Rows of child
//! tables without ids (tags, attribution steps, storyline places, relays)
//! follow their parent: replaced by the changeset's when the parent's
//! version won, else kept. A row the other side deleted (the hub says so;
//! a bundle carries only rows that exist) is deleted here unless it was
//! changed here since. Audit events are unioned by id: the changeset's
//! events this log lacks are appended in their order, chained after ours,
//! so `audit verify` still holds. Merging the same changeset twice changes
//! nothing the second time. A merge runs inside the caller's write: all or
//! nothing.
//!
//! What "known to the other side" means is the one thing the two sources
//! differ in ([`Peer`]): a bundle knows the events it carries; the hub
//! knows every event this desk sent or read from it.
//!
//! Rows are read and written generically, each as a JSON object of the
//! columns `pragma_table_info` lists, so a column added by a migration
//! travels without code here. Rows go in parents first, but a row may
//! point at a later one of its own table (a person merged into a newer
//! one), so foreign keys are checked at the commit; the events are
//! appended through `Write::adopt_events`. Bookkeeping columns
//! (`updated_at`, `stated_ts`, `listed_ts`) merge like any other but are
//! never a conflict: no event records them.
//!
//! [`settle`] is one audited write. Keeping the merged value only marks
//! the conflict settled; taking the other value writes it into the row
//! (refused when that field changed after the merge) as a
//! `settle_conflict` event on the row's entity, so Undo can reverse it and
//! an approved claim whose words change this way is reopened, as after any
//! edit.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use ts_rs::TS;

mod trust;
mod twins;

use crate::change::{Entity, Verb};
use crate::store::{new_id, Adopted, AuditEvent, Result, Store, StoreError, Write};

/// Another desk's changes: its rows by table (each a JSON object of
/// column → value) and the audit events that made them, oldest first.
#[derive(Debug, Default)]
pub(crate) struct Changeset {
    /// Where it came from, recorded with each conflict: a bundle's id, or
    /// `hub`.
    pub origin: String,
    /// When it was written (a bundle's export time), if known.
    pub written_at: String,
    pub tables: HashMap<String, Vec<Map<String, Value>>>,
    pub events: Vec<Map<String, Value>>,
    /// Rows the other side deleted: (table, id).
    pub gone: Vec<(String, String)>,
    /// The public signing keys (hex) it vouches for, by user id: a
    /// bundle's desk's own users and the colleagues it pinned.
    pub keys: HashMap<String, String>,
}

/// The other side of a merge: what it knows of this desk's log.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Peer {
    /// A bundle knows the events it carries.
    Bundle,
    /// The hub knows every local event this desk sent (up to `pushed_seq`,
    /// and the ranges in `hub_pulled`) or set back after a refusal.
    Hub { pushed_seq: i64 },
}

impl Peer {
    /// The side's name in `merge_conflicts.kept_from`.
    fn name(self) -> &'static str {
        match self {
            Peer::Bundle => "bundle",
            Peer::Hub { .. } => "hub",
        }
    }
}

/// Tables with an `id`, parents before children (the order entities are
/// declared in), each with the entity its audit events name: every
/// declared entity's table, and a person's other names, whose changes are
/// recorded on the person. Merge conflicts travel through the hub (a
/// conflict found on one desk is the team's) but not in bundles (each desk
/// finds its own).
pub(crate) fn tables(peer: Peer) -> Vec<(&'static str, Option<Entity>)> {
    let mut tables = Vec::new();
    for entity in Entity::ALL {
        let shared = *entity != Entity::MergeConflict || matches!(peer, Peer::Hub { .. });
        if let (Some(table), true) = (entity.declaration().table, shared) {
            tables.push((table, Some(*entity)));
        }
        if *entity == Entity::Person {
            tables.push(("person_aliases", None));
        }
    }
    tables
}

/// Tables without an `id`: (table, parent column, parent table).
pub(crate) const CHILDREN: [(&str, &str, &str); 6] = [
    ("relay_candidates", "revision_id", "revisions"),
    ("claim_tags", "claim_id", "claims"),
    ("attribution_steps", "appearance_id", "appearances"),
    ("storyline_claims", "storyline_id", "storylines"),
    ("dismissed_suggestions", "article_id", "articles"),
    ("dismissed_reappearances", "article_id", "articles"),
];

/// Fields that follow others (a row's last change time, a sort key derived
/// from a time): merged like the rest, never a conflict for a person.
pub(crate) const BOOKKEEPING: [&str; 4] = ["updated_at", "stated_ts", "listed_ts", "published_ts"];
/// What an import did (or, previewed, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BundleSummary {
    pub bundle_id: String,
    /// When the bundle was written (its desk's time, with its offset).
    #[serde(default)]
    pub exported_at: String,
    /// Rows added, by table.
    pub added: HashMap<String, u32>,
    /// Rows changed to the bundle's newer version, by table.
    pub updated: HashMap<String, u32>,
    /// Rows deleted because the other side deleted them, by table.
    #[serde(default)]
    pub removed: HashMap<String, u32>,
    /// Rows both sides made separately (the same article imported on
    /// both desks, the same outlet), joined into one, by table.
    #[serde(default)]
    pub joined: HashMap<String, u32>,
    /// Fields changed on both sides: kept the newer, recorded the other.
    pub conflicts: Vec<MergeConflict>,
    /// Audit events of the bundle appended to this log.
    pub events: u32,
    /// The import's change, for Undo (`undo --change`); none for a
    /// preview or an import that changed nothing.
    #[serde(default)]
    pub write_id: Option<String>,
}

impl BundleSummary {
    /// Whether importing changes nothing (a bundle imported before).
    pub fn is_empty(&self) -> bool {
        self.added.values().all(|n| *n == 0)
            && self.updated.values().all(|n| *n == 0)
            && self.removed.values().all(|n| *n == 0)
            && self.joined.values().all(|n| *n == 0)
            && self.conflicts.is_empty()
            && self.events == 0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeConflict {
    pub table: String,
    pub row_id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub kept: Value,
    #[ts(type = "unknown")]
    pub other: Value,
    /// `local` or `bundle`.
    pub kept_from: String,
}
/// What a merge (or the Undo of one) does to each row, kept in
/// `merge_rows` under the write's id, in order: `add` (the row's hash),
/// `update` (the changed fields before and after), `remove` (the row as
/// it was) and `children` (a child table's list for one parent).
pub(crate) struct RowLog {
    on: bool,
    seq: i64,
}

impl RowLog {
    /// A log that records when `on`, else does nothing.
    pub(crate) fn new(on: bool) -> RowLog {
        RowLog { on, seq: 0 }
    }

    pub(crate) async fn record(
        &mut self,
        w: &mut Write,
        table: &str,
        row_id: &str,
        op: &str,
        before: Option<&Value>,
        after: Option<&Value>,
    ) -> Result<()> {
        self.write(w, table, row_id, op, before, after, None).await
    }

    /// Records row `id` of `table` as just added, by its hash.
    pub(crate) async fn added(&mut self, w: &mut Write, table: &str, id: &str) -> Result<()> {
        if !self.on {
            return Ok(());
        }
        let hash = row_sha256(w.conn(), table, id).await?;
        self.write(w, table, id, "add", None, None, hash.as_deref())
            .await
    }

    /// Records row `id` of `table` as about to be removed, whole.
    pub(crate) async fn removing(&mut self, w: &mut Write, table: &str, id: &str) -> Result<()> {
        if !self.on {
            return Ok(());
        }
        let columns = columns_of(w.conn(), table).await?;
        let row = crate::store::row_json(w.conn(), table, &columns, id)
            .await?
            .map(Value::Object);
        self.write(w, table, id, "remove", row.as_ref(), None, None)
            .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn write(
        &mut self,
        w: &mut Write,
        table: &str,
        row_id: &str,
        op: &str,
        before: Option<&Value>,
        after: Option<&Value>,
        after_sha256: Option<&str>,
    ) -> Result<()> {
        if !self.on {
            return Ok(());
        }
        self.seq += 1;
        let write_id = w.id().to_owned();
        sqlx::query(
            "INSERT INTO merge_rows (write_id, seq, table_name, row_id, op, before, after, after_sha256)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(write_id)
        .bind(self.seq)
        .bind(table)
        .bind(row_id)
        .bind(op)
        .bind(before.map(Value::to_string))
        .bind(after.map(Value::to_string))
        .bind(after_sha256)
        .execute(w.conn())
        .await?;
        Ok(())
    }
}

/// The SHA-256 of row `id` of `table` as `row_json` reads it, or None when
/// there is no such row.
pub(crate) async fn row_sha256(
    conn: &mut sqlx::SqliteConnection,
    table: &str,
    id: &str,
) -> Result<Option<String>> {
    let columns = columns_of(conn, table).await?;
    let row = crate::store::row_json(conn, table, &columns, id).await?;
    Ok(row.map(|r| crate::store::hex(&Sha256::digest(Value::Object(r).to_string().as_bytes()))))
}

/// The columns of `table`, in order. Read once per process: every
/// workspace a process opens is migrated to the same schema when opened.
pub(crate) async fn columns_of(
    conn: &mut sqlx::SqliteConnection,
    table: &str,
) -> Result<Vec<String>> {
    type Cache = std::sync::Mutex<HashMap<String, Vec<String>>>;
    static CACHE: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(columns) = cache.lock().ok().and_then(|c| c.get(table).cloned()) {
        return Ok(columns);
    }
    let columns: Vec<String> =
        sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
            .bind(table)
            .fetch_all(conn)
            .await?;
    if !columns.is_empty() {
        if let Ok(mut c) = cache.lock() {
            c.insert(table.to_owned(), columns.clone());
        }
    }
    Ok(columns)
}
/// Merges `set` into the workspace inside `w`; what it changed.
pub(crate) async fn merge(w: &mut Write, set: &Changeset, peer: Peer) -> Result<BundleSummary> {
    // A bundle is checked first: nothing stamps its events but their
    // signatures. The hub's events were stamped by the hub.
    let trust = match peer {
        Peer::Bundle => vet(w, set).await?,
        Peer::Hub { .. } => trust::Trust::default(),
    };
    // Rows arrive parents first, but a row may point at one of its own
    // table that comes later (a person merged into a newer one): foreign
    // keys are checked when the write commits.
    w.defer_foreign_keys().await?;
    // A bundle's merge keeps what it did to each row, for review and Undo
    // (`unmerge.rs`); the hub's merges are undone by the team, not here.
    let mut log = RowLog::new(matches!(peer, Peer::Bundle));
    let mut summary = BundleSummary {
        bundle_id: set.origin.clone(),
        exported_at: set.written_at.clone(),
        ..BundleSummary::default()
    };
    let no_rows = Vec::new();
    let rows_of_table = |table: &str| set.tables.get(table).unwrap_or(&no_rows);
    // The newest event id per (entity, id) on each side.
    let events = &set.events;
    let set_ids: HashSet<&str> = events
        .iter()
        .filter_map(|e| e.get("id").and_then(Value::as_str))
        .collect();
    let mut their_latest: HashMap<(String, String), String> = HashMap::new();
    for e in events {
        let field = |k: &str| e.get(k).and_then(Value::as_str);
        // The other desk's record of an import it undid is not a change to
        // send on (see `latest_local_change`).
        if matches!(field("action"), Some("undo_import" | "redo_import")) {
            continue;
        }
        if let (Some(entity), Some(entity_id), Some(id)) =
            (field("entity"), field("entity_id"), field("id"))
        {
            let slot = their_latest
                .entry((entity.to_owned(), entity_id.to_owned()))
                .or_default();
            if id > slot.as_str() {
                *slot = id.to_owned();
            }
        }
    }
    // Which of the changeset's events this log has: read once.
    let here: HashSet<String> = local_events(w, &set_ids).await?;
    let is_here = |id: &str| here.contains(id);
    // Parents whose changeset version won: their child rows follow it.
    let mut theirs_won: HashSet<(String, String)> = HashSet::new();
    // Of those, rows that went in new in one batch (no twin met): nothing
    // of this desk's can hang from them.
    let mut batched: HashSet<(String, String)> = HashSet::new();
    let mut twins = twins::Twins::load(w).await?;
    for (table, entity) in tables(peer) {
        let entity = entity.map_or("", Entity::as_str);
        let local_columns = columns_of(w.conn(), table).await?;
        // This table's rows as they are here, and the newest local event
        // about each, read in one statement each (a page of the hub's log
        // holds hundreds). A twin joined meanwhile may change rows of the
        // table: then they are read again one by one.
        let ids: Vec<&str> = rows_of_table(table)
            .iter()
            .filter_map(|r| r.get("id").and_then(Value::as_str))
            .collect();
        let mut prefetched = local_rows(w, table, &local_columns, &ids).await?;
        let latest = latest_locals(w, entity, &ids).await?;
        let joins_before = twins.count();
        // Rows only the other side has go in together at the end of the
        // table, in one statement, unless each must be recorded for Undo
        // (a bundle) or may meet a twin.
        let batch_inserts = !log.on && !twins::TWINNED.contains(&table);
        let mut new_rows: Vec<Map<String, Value>> = Vec::new();
        for row in rows_of_table(table) {
            unknown_columns(table, row, &local_columns)?;
            let Some(id) = row.get("id").and_then(Value::as_str) else {
                return Err(StoreError::invalid(format!(
                    "A row of {table} in the {} has no id.",
                    peer.name()
                )));
            };
            // A twin joined to a row of ours stays joined; a row naming
            // one names the row kept in its place.
            if twins.is_twin(table, id) {
                continue;
            }
            let translated = twins.translate(table, row);
            // A revision of a twin article (its article now the kept one).
            let from_twin =
                table == "revisions" && translated.get("article_id") != row.get("article_id");
            let row = &translated;
            let local = if twins.count() == joins_before {
                prefetched.remove(id)
            } else {
                crate::store::row_json(w.conn(), table, &local_columns, id).await?
            };
            let Some(local) = local else {
                // Deleted here after the last change the other side sent:
                // the deletion is the newer change, and stays.
                if let Some(l) = latest.get(id) {
                    let they_saw_ours =
                        set_ids.contains(l.as_str()) || known_to(w, peer, l).await?;
                    let we_saw_theirs = match their_latest.get(&(entity.to_owned(), id.to_owned()))
                    {
                        Some(t) => is_here(t),
                        None => true,
                    };
                    if we_saw_theirs && !they_saw_ours {
                        continue;
                    }
                }
                if batch_inserts {
                    new_rows.push(row.clone());
                    continue;
                }
                // A revision meets the same version of its article's text
                // wherever it arrives from (`twins.rs`).
                let inserted = if table == "revisions" {
                    twins.arriving_revision(w, row, from_twin, &mut log).await?
                } else {
                    insert_new(w, table, row, &mut log, &mut twins).await?
                };
                if inserted {
                    *summary.added.entry(table.to_owned()).or_default() += 1;
                    theirs_won.insert((table.to_owned(), id.to_owned()));
                }
                continue;
            };
            let differing: Vec<&String> = row
                .keys()
                // A revision's occurrence is fixed when it is made; a
                // workspace from before it was kept counted its own.
                .filter(|k| {
                    local.get(*k) != row.get(*k) && !(table == "revisions" && *k == "occurrence")
                })
                .collect();
            if differing.is_empty() {
                continue;
            }
            // An undone import's own record of the rows it put back is not
            // a change of this desk's to send on: a colleague's rows stay
            // theirs (it counts only for rows it removed, above).
            let local_latest = latest_local_change(w, entity, id).await?;
            let theirs = their_latest.get(&(entity.to_owned(), id.to_owned()));
            let they_saw_ours = match &local_latest {
                None => true,
                Some(l) => set_ids.contains(l.as_str()) || known_to(w, peer, l).await?,
            };
            let we_saw_theirs = match theirs {
                Some(t) => is_here(t),
                None => true,
            };
            let take_theirs = if they_saw_ours && !we_saw_theirs {
                true
            } else if we_saw_theirs && !they_saw_ours {
                false
            } else if they_saw_ours && we_saw_theirs {
                // Both logs hold both changes, yet the rows differ (a field
                // no event records, such as `updated_at`): keep ours.
                false
            } else {
                // Both changed it: the later change wins, field by field.
                let theirs_newer = theirs.map(String::as_str) > local_latest.as_deref();
                for field in differing
                    .iter()
                    .filter(|f| !BOOKKEEPING.contains(&f.as_str()))
                {
                    let (kept, other, kept_from) = if theirs_newer {
                        (row[*field].clone(), local[*field].clone(), peer.name())
                    } else {
                        (local[*field].clone(), row[*field].clone(), "local")
                    };
                    let conflict = MergeConflict {
                        table: table.to_owned(),
                        row_id: id.to_owned(),
                        field: (*field).clone(),
                        kept,
                        other,
                        kept_from: kept_from.to_owned(),
                    };
                    let conflict_id = record_conflict(w, &conflict, &set.origin, peer).await?;
                    log.added(w, "merge_conflicts", &conflict_id).await?;
                    summary.conflicts.push(conflict);
                }
                theirs_newer
            };
            if take_theirs {
                if !update_or_join(w, table, id, row, &differing, &mut twins).await? {
                    // Joined as the twin of a row of ours: the kept row's
                    // fields stand, as when a twin arrives new.
                    continue;
                }
                let fields = |side: &Map<String, Value>| -> Value {
                    Value::Object(
                        differing
                            .iter()
                            .map(|f| ((*f).clone(), side[*f].clone()))
                            .collect(),
                    )
                };
                log.record(
                    w,
                    table,
                    id,
                    "update",
                    Some(&fields(&local)),
                    Some(&fields(row)),
                )
                .await?;
                *summary.updated.entry(table.to_owned()).or_default() += 1;
                theirs_won.insert((table.to_owned(), id.to_owned()));
            }
        }
        if !new_rows.is_empty() {
            let inserted = match insert_rows(w, table, &new_rows).await {
                Ok(()) => {
                    batched.extend(new_rows.iter().map(|row| {
                        let id = row.get("id").and_then(Value::as_str).unwrap_or("");
                        (table.to_owned(), id.to_owned())
                    }));
                    new_rows.iter().collect::<Vec<_>>()
                }
                // One of them meets a row of ours on a unique key: one by one.
                Err(StoreError::Sql(e)) if is_unique_violation(&e) => {
                    let mut inserted = Vec::new();
                    for row in &new_rows {
                        if insert_new(w, table, row, &mut log, &mut twins).await? {
                            inserted.push(row);
                        }
                    }
                    inserted
                }
                Err(e) => return Err(e),
            };
            for row in inserted {
                let id = row.get("id").and_then(Value::as_str).unwrap_or("");
                *summary.added.entry(table.to_owned()).or_default() += 1;
                theirs_won.insert((table.to_owned(), id.to_owned()));
            }
        }
    }
    for (table, parent_column, parent_table) in CHILDREN {
        let local_columns = columns_of(w.conn(), table).await?;
        let translated: Vec<Map<String, Value>> = rows_of_table(table)
            .iter()
            .map(|row| twins.translate(table, row))
            .collect();
        let mut by_parent: HashMap<&str, Vec<&Map<String, Value>>> = HashMap::new();
        for row in &translated {
            unknown_columns(table, row, &local_columns)?;
            if let Some(parent) = row.get(parent_column).and_then(Value::as_str) {
                by_parent.entry(parent).or_default().push(row);
            }
        }
        // A parent whose version won with no rows of this table lost them
        // all (the hub sends a parent's children with it; a bundle sends
        // every row, so an empty list there means none).
        if let Peer::Hub { .. } = peer {
            for (t, id) in &theirs_won {
                if t == parent_table && set.tables.contains_key(table) {
                    by_parent.entry(id.as_str()).or_default();
                }
            }
        }
        let mut parents: Vec<&&str> = by_parent.keys().collect();
        parents.sort();
        for parent in parents {
            let key = (parent_table.to_owned(), (*parent).to_owned());
            if !theirs_won.contains(&key) {
                continue;
            }
            let rows = &by_parent[*parent];
            let before = if batched.contains(&key) {
                Vec::new()
            } else {
                rows_of_parent(w.conn(), table, parent_column, parent).await?
            };
            let incoming: Vec<Value> = rows.iter().map(|r| Value::Object((*r).clone())).collect();
            if before == incoming {
                continue;
            }
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE \"{parent_column}\" = ?"
            )))
            .bind(*parent)
            .execute(w.conn())
            .await?;
            for row in rows {
                insert_row(w, table, row).await?;
            }
            log.record(
                w,
                table,
                parent,
                "children",
                Some(&Value::Array(before)),
                Some(&Value::Array(incoming)),
            )
            .await?;
            *summary.added.entry(table.to_owned()).or_default() += rows.len() as u32;
        }
    }
    // Deleted on the other side: children before parents.
    let order: Vec<&str> = tables(peer).iter().map(|(t, _)| *t).collect();
    let mut gone: Vec<&(String, String)> = set.gone.iter().collect();
    gone.sort_by_key(|(t, _)| std::cmp::Reverse(order.iter().position(|o| o == t)));
    for (table, id) in gone {
        let Some((table, entity)) = tables(peer).into_iter().find(|(t, _)| t == table) else {
            continue;
        };
        if twins.is_twin(table, id) {
            continue;
        }
        let exists: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM {table} WHERE id = ?"
        )))
        .bind(id)
        .fetch_one(w.conn())
        .await?;
        if exists == 0 {
            continue;
        }
        // Changed here after the other side deleted it: the change wins,
        // and goes back to the other side with this desk's next send.
        if let Some(l) = latest_local(w, entity.map_or("", Entity::as_str), id).await? {
            if !(set_ids.contains(l.as_str()) || known_to(w, peer, &l).await?) {
                continue;
            }
        }
        log.removing(w, table, id).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE id = ?"
        )))
        .bind(id)
        .execute(w.conn())
        .await?;
        *summary.removed.entry(table.to_owned()).or_default() += 1;
    }
    twins.finish(w).await?;
    summary.joined = std::mem::take(&mut twins.joined);
    let mut adopted = Vec::new();
    let mut taken: HashSet<&str> = HashSet::new();
    for e in events {
        let Some(id) = e.get("id").and_then(Value::as_str) else {
            continue;
        };
        if is_here(id) || !taken.insert(id) {
            continue;
        }
        adopted.push(Adopted {
            event: incoming_event(e)?.into_event(id),
            write_id: e.get("write_id").and_then(Value::as_str),
            undoes: e.get("undoes").and_then(Value::as_str),
            signature: e.get("signature").and_then(Value::as_str),
            trust: trust.of(id),
        });
    }
    w.adopt_events(&adopted, &set.origin).await?;
    summary.events += adopted.len() as u32;
    trust.pin(w, &set.origin).await?;
    Ok(summary)
}

/// What a bundle may not do, however it was made (the hub checks the same
/// on its side, from the session): change an event this desk already has,
/// date an event after the bundle was written, write in the name of
/// someone who works at this desk, or carry a verdict whose proposer or
/// approver its events do not show. Any of them refuses the whole bundle.
async fn vet(w: &mut Write, set: &Changeset) -> Result<trust::Trust> {
    let refuse = |why: String| {
        StoreError::invalid(format!(
            "This bundle was refused and nothing was imported: {why}"
        ))
    };
    let written = chrono::DateTime::parse_from_rfc3339(&set.written_at).map_err(|_| {
        refuse(format!(
            "its export time “{}” is not a time.",
            set.written_at
        ))
    })?;
    let desk: HashMap<String, String> = sqlx::query_as(
        "SELECT d.user_id, u.name FROM desk_users d JOIN users u ON u.id = d.user_id",
    )
    .fetch_all(w.conn())
    .await?
    .into_iter()
    .collect();
    let mut new = Vec::new();
    for e in &set.events {
        let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        let id = field("id");
        if let Some(local) = local_event(w, id).await? {
            if local != incoming_event(e)? {
                return Err(refuse(format!(
                    "it changes the event {id} this workspace already has ({} {} on {}).",
                    local.entity, local.action, local.at
                )));
            }
            continue;
        }
        let at = chrono::DateTime::parse_from_rfc3339(field("at")).map_err(|_| {
            refuse(format!(
                "its event {id} is dated “{}”, not a time.",
                field("at")
            ))
        })?;
        if at > written {
            return Err(refuse(format!(
                "its event {id} is dated {}, after the bundle was written ({}).",
                field("at"),
                set.written_at
            )));
        }
        if let Some(name) = desk.get(field("actor_id")) {
            // This desk's own change coming back (written here after the
            // backup it was restored from) carries this desk's signature.
            if !trust::signed_here(w, e)? {
                return Err(refuse(format!(
                    "its event {id} ({} {}) names {name}, who works at this desk, as its author, without this desk's signature; only this desk writes in {name}'s name.",
                    field("entity"),
                    field("action")
                )));
            }
        }
        new.push(e);
    }
    let trust = trust::check(w, set, &new, &refuse).await?;
    for row in set.tables.get("verdicts").into_iter().flatten() {
        let text = |k: &str| row.get(k).and_then(Value::as_str);
        let (Some(id), Some(proposed_by)) = (text("id"), text("proposed_by")) else {
            continue;
        };
        let proposer = verdict_event(w, set, id, &["create"])
            .await?
            .map(|(_, actor)| actor);
        if proposer.as_deref() != Some(proposed_by) {
            return Err(refuse(format!(
                "its verdict {id} names a proposer its events do not show."
            )));
        }
        if let Some(approved_by) = text("approved_by") {
            let approval =
                verdict_event(w, set, id, &["approve", "redo_approve", "undo_approve"]).await?;
            let shown = matches!(&approval, Some((action, actor)) if action != "undo_approve" && actor == approved_by);
            if !shown {
                return Err(refuse(format!(
                    "its verdict {id} is marked approved, but its events hold no approval by the person named."
                )));
            }
        }
    }
    Ok(trust)
}

/// An event as compared between a bundle and this log.
#[derive(Debug, PartialEq)]
struct EventContent {
    actor_id: String,
    at: String,
    entity: String,
    entity_id: String,
    action: String,
    before: Option<Value>,
    after: Option<Value>,
}

impl EventContent {
    /// The event with id `id` and this content.
    fn into_event(self, id: &str) -> AuditEvent {
        AuditEvent {
            id: id.to_owned(),
            actor_id: self.actor_id,
            at: self.at,
            entity: self.entity,
            entity_id: self.entity_id,
            action: self.action,
            before: self.before,
            after: self.after,
        }
    }
}

async fn local_event(w: &mut Write, id: &str) -> Result<Option<EventContent>> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT actor_id, at, entity, entity_id, action, before, after FROM audit_events WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(w.conn())
    .await?;
    let parse = |t: Option<String>| -> Result<Option<Value>> {
        Ok(match t {
            Some(t) => Some(serde_json::from_str(&t)?),
            None => None,
        })
    };
    Ok(match row {
        Some((actor_id, at, entity, entity_id, action, before, after)) => Some(EventContent {
            actor_id,
            at,
            entity,
            entity_id,
            action,
            before: parse(before)?,
            after: parse(after)?,
        }),
        None => None,
    })
}

fn incoming_event(e: &Map<String, Value>) -> Result<EventContent> {
    let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
    let json = |k: &str| -> Result<Option<Value>> {
        Ok(match e.get(k) {
            Some(Value::String(s)) => Some(serde_json::from_str(s)?),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.clone()),
        })
    };
    Ok(EventContent {
        actor_id: text("actor_id"),
        at: text("at"),
        entity: text("entity"),
        entity_id: text("entity_id"),
        action: text("action"),
        before: json("before")?,
        after: json("after")?,
    })
}

/// The newest of a verdict's events with one of `actions`, in the bundle or
/// this log: its action and author.
async fn verdict_event(
    w: &mut Write,
    set: &Changeset,
    verdict: &str,
    actions: &[&str],
) -> Result<Option<(String, String)>> {
    let mut newest: Option<(String, String, String)> = None;
    let mut consider = |id: &str, action: &str, actor: &str| {
        if newest.as_ref().is_none_or(|(n, ..)| id > n.as_str()) {
            newest = Some((id.to_owned(), action.to_owned(), actor.to_owned()));
        }
    };
    for e in &set.events {
        let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("");
        if field("entity") == "verdict"
            && field("entity_id") == verdict
            && actions.contains(&field("action"))
        {
            consider(field("id"), field("action"), field("actor_id"));
        }
    }
    let local: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT id, action, actor_id FROM audit_events WHERE entity = 'verdict' AND entity_id = ?",
    )
    .bind(verdict)
    .fetch_all(w.conn())
    .await?;
    for (id, action, actor) in &local {
        if actions.contains(&action.as_str()) {
            consider(id, action, actor);
        }
    }
    Ok(newest.map(|(_, action, actor)| (action, actor)))
}

/// Which of `ids` are events this log holds.
async fn local_events(w: &mut Write, ids: &HashSet<&str>) -> Result<HashSet<String>> {
    let list = serde_json::to_string(&ids.iter().collect::<Vec<_>>())?;
    Ok(sqlx::query_scalar(
        "SELECT id FROM audit_events WHERE id IN (SELECT value FROM json_each(?))",
    )
    .bind(list)
    .fetch_all(w.conn())
    .await?
    .into_iter()
    .collect())
}

/// The rows of `table` with these ids, as `row_json` reads them, by id.
async fn local_rows(
    w: &mut Write,
    table: &str,
    columns: &[String],
    ids: &[&str],
) -> Result<HashMap<String, Map<String, Value>>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT id, {} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
        crate::store::json_object_of(columns)
    )))
    .bind(serde_json::to_string(ids)?)
    .fetch_all(w.conn())
    .await?;
    rows.into_iter()
        .map(|(id, json)| Ok((id, serde_json::from_str(&json)?)))
        .collect()
}

/// The newest local event about each of `ids` of `entity` that has one.
async fn latest_locals(
    w: &mut Write,
    entity: &str,
    ids: &[&str],
) -> Result<HashMap<String, String>> {
    if ids.is_empty() || entity.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(sqlx::query_as(
        "SELECT entity_id, max(id) FROM audit_events
         WHERE entity = ? AND entity_id IN (SELECT value FROM json_each(?)) GROUP BY entity_id",
    )
    .bind(entity)
    .bind(serde_json::to_string(ids)?)
    .fetch_all(w.conn())
    .await?
    .into_iter()
    .collect())
}

/// The newest local event about a row (by id: UUIDv7s order by time).
async fn latest_local(w: &mut Write, entity: &str, id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT max(id) FROM audit_events WHERE entity = ? AND entity_id = ?")
            .bind(entity)
            .bind(id)
            .fetch_one(w.conn())
            .await?,
    )
}

/// The newest local event about a row that changed it, leaving out the
/// records an Undo (or Redo) of a bundle import writes.
async fn latest_local_change(w: &mut Write, entity: &str, id: &str) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT max(id) FROM audit_events
         WHERE entity = ? AND entity_id = ? AND action NOT IN ('undo_import', 'redo_import')",
    )
    .bind(entity)
    .bind(id)
    .fetch_one(w.conn())
    .await?)
}

/// Whether the other side knows a local event it did not send with the
/// changeset.
async fn known_to(w: &mut Write, peer: Peer, id: &str) -> Result<bool> {
    match peer {
        Peer::Bundle => Ok(false),
        Peer::Hub { pushed_seq } => Ok(sqlx::query_scalar::<_, bool>(
            "SELECT e.seq <= ?2
                    OR EXISTS (SELECT 1 FROM hub_pulled p WHERE e.seq BETWEEN p.first_seq AND p.last_seq)
                    OR EXISTS (SELECT 1 FROM hub_refusals r WHERE r.set_back = e.write_id)
             FROM audit_events e WHERE e.id = ?1",
        )
        .bind(id)
        .bind(pushed_seq)
        .fetch_optional(w.conn())
        .await?
        .unwrap_or(false)),
    }
}

fn unknown_columns(table: &str, row: &Map<String, Value>, local: &[String]) -> Result<()> {
    match row.keys().find(|k| !local.contains(k)) {
        Some(k) => Err(StoreError::invalid(format!(
            "The bundle's {table} have a field “{k}” this Claimtrail does not know: it was made by a newer version. Update Claimtrail, then import it again."
        ))),
        None => Ok(()),
    }
}

pub(crate) async fn rows_of_parent(
    conn: &mut sqlx::SqliteConnection,
    table: &str,
    parent_column: &str,
    parent: &str,
) -> Result<Vec<Value>> {
    let columns = columns_of(conn, table).await?;
    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM {table} WHERE \"{parent_column}\" = ? ORDER BY {}",
        crate::store::json_object_of(&columns),
        columns
            .iter()
            .take(2)
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )))
    .bind(parent)
    .fetch_all(conn)
    .await?;
    rows.iter().map(|r| Ok(serde_json::from_str(r)?)).collect()
}

/// Inserts a row the other side made. When this desk made the same thing
/// too (a link between the same two claims, the same other name of a
/// person: a row equal on a unique key), the one with the smaller id is
/// kept on every desk, so both converge; false when ours stays. Rows that
/// others refer to (an outlet, an article, a revision) are joined as
/// twins (`twins.rs`).
async fn insert_new(
    w: &mut Write,
    table: &str,
    row: &Map<String, Value>,
    log: &mut RowLog,
    twins: &mut twins::Twins,
) -> Result<bool> {
    let id = row.get("id").and_then(Value::as_str).unwrap_or("");
    match insert_row(w, table, row).await {
        Ok(()) => {
            log.added(w, table, id).await?;
            Ok(true)
        }
        Err(StoreError::Sql(e)) if is_unique_violation(&e) => {
            if table == "revisions" {
                return twins.arriving_revision(w, row, false, log).await;
            }
            let Some(ours) = same_thing(w, table, row).await? else {
                return Err(StoreError::Sql(e));
            };
            let theirs = row.get("id").and_then(Value::as_str).unwrap_or("");
            if theirs == ours {
                // The same row twice, not a twin.
                return Err(StoreError::Sql(e));
            }
            if twins::TWINNED.contains(&table) {
                if theirs > ours.as_str() {
                    twins.join(w, table, theirs, &ours, Some(row)).await?;
                    return Ok(false);
                }
                twins.join(w, table, &ours, theirs, None).await?;
                // What the row names may have been joined meanwhile (its
                // current revision to ours).
                insert_row(w, table, &twins.translate(table, row)).await?;
                log.added(w, table, id).await?;
                return Ok(true);
            }
            let referenced: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table' AND f.\"table\" = ?",
            )
            .bind(table)
            .fetch_one(w.conn())
            .await?;
            if referenced > 0 {
                return Err(StoreError::Conflict(format!(
                    "This desk and the other side each made the same {} separately ({table} {ours} and {theirs}); Claimtrail cannot merge such twins yet. Delete one of them on one desk, then sync or import again.",
                    Entity::of_table(table).map_or("row", |e| e.declaration().noun)
                )));
            }
            if theirs < ours.as_str() {
                log.removing(w, table, &ours).await?;
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE id = ?"
                )))
                .bind(&ours)
                .execute(w.conn())
                .await?;
                insert_row(w, table, row).await?;
                log.added(w, table, id).await?;
                Ok(true)
            } else {
                Ok(false)
            }
        }
        Err(e) => Err(e),
    }
}

/// The local row equal to `row` on one of the table's unique keys.
async fn same_thing(
    w: &mut Write,
    table: &str,
    row: &Map<String, Value>,
) -> Result<Option<String>> {
    let indexes: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND origin <> 'pk'",
    )
    .bind(table)
    .fetch_all(w.conn())
    .await?;
    for index in indexes {
        let columns: Vec<String> =
            sqlx::query_scalar("SELECT name FROM pragma_index_info(?) ORDER BY seqno")
                .bind(&index)
                .fetch_all(w.conn())
                .await?;
        if columns.is_empty() || columns.iter().any(|c| c == "id" || !row.contains_key(c)) {
            continue;
        }
        let condition: Vec<String> = columns.iter().map(|c| format!("\"{c}\" = ?")).collect();
        let mut query = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM {table} WHERE {}",
            condition.join(" AND ")
        )));
        for c in &columns {
            query = match &row[c] {
                Value::Null => query.bind(None::<String>),
                Value::Number(n) => query.bind(n.as_i64()),
                Value::String(v) => query.bind(v.clone()),
                other => query.bind(other.to_string()),
            };
        }
        if let Some(id) = query.fetch_optional(w.conn()).await? {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

/// A UNIQUE or PRIMARY KEY constraint failed.
fn is_unique_violation(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .is_some_and(|c| c == "2067" || c == "1555")
}

/// Inserts rows of one table, all or none, in one statement per set of
/// columns the rows name (a row from an older desk lacks the newer ones,
/// which take their defaults): each value read from a JSON list as
/// `bind_json` would bind it.
async fn insert_rows(w: &mut Write, table: &str, rows: &[Map<String, Value>]) -> Result<()> {
    type Group<'a> = (Vec<&'a String>, Vec<&'a Map<String, Value>>);
    let mut groups: Vec<Group> = Vec::new();
    for row in rows {
        let names: Vec<&String> = row.keys().collect();
        match groups.iter_mut().find(|(n, _)| *n == names) {
            Some((_, members)) => members.push(row),
            None => groups.push((names, vec![row])),
        }
    }
    sqlx::query("SAVEPOINT merge_rows_batch")
        .execute(w.conn())
        .await?;
    for (names, rows) in groups {
        if let Err(e) = insert_group(w, table, &names, &rows).await {
            sqlx::query("ROLLBACK TO merge_rows_batch")
                .execute(w.conn())
                .await?;
            sqlx::query("RELEASE merge_rows_batch")
                .execute(w.conn())
                .await?;
            return Err(e);
        }
    }
    sqlx::query("RELEASE merge_rows_batch")
        .execute(w.conn())
        .await?;
    Ok(())
}

async fn insert_group(
    w: &mut Write,
    table: &str,
    names: &[&String],
    rows: &[&Map<String, Value>],
) -> Result<()> {
    let columns: Vec<String> = names.iter().map(|k| format!("\"{k}\"")).collect();
    let one = format!("({})", vec!["?"; names.len()].join(", "));
    // Under SQLite's limit of bound values in one statement.
    let per_statement = (30_000 / names.len().max(1)).max(1);
    for chunk in rows.chunks(per_statement) {
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            vec![one.as_str(); chunk.len()].join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for name in names {
                query = crate::store::bind_json(query, row.get(*name).unwrap_or(&Value::Null));
            }
        }
        query.execute(w.conn()).await?;
    }
    Ok(())
}

pub(crate) async fn insert_row(w: &mut Write, table: &str, row: &Map<String, Value>) -> Result<()> {
    let names: Vec<String> = row.keys().map(|k| format!("\"{k}\"")).collect();
    let marks = vec!["?"; names.len()].join(", ");
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({marks})",
        names.join(", ")
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for value in row.values() {
        query = crate::store::bind_json(query, value);
    }
    query.execute(w.conn()).await?;
    Ok(())
}

/// Updates `id` of `table` with the other side's `fields`; false when the
/// change gave it a unique key another row of ours holds (an article
/// given a URL by an import on the other desk that this desk's own copy
/// of the page already has) and it was joined to that row as its twin.
/// The row made first is kept on every desk, as for twins that arrive new:
/// when that is this one, the other is joined to it and the change goes in.
async fn update_or_join(
    w: &mut Write,
    table: &str,
    id: &str,
    row: &Map<String, Value>,
    fields: &[&String],
    twins: &mut twins::Twins,
) -> Result<bool> {
    let e = match update_row(w, table, id, row, fields).await {
        Ok(()) => return Ok(true),
        Err(StoreError::Sql(e))
            if is_unique_violation(&e)
                && twins::TWINNED.contains(&table)
                && table != "revisions" =>
        {
            e
        }
        Err(e) => return Err(e),
    };
    let other = match same_thing(w, table, row).await? {
        Some(other) if other != id => other,
        _ => return Err(StoreError::Sql(e)),
    };
    if id < other.as_str() {
        twins.join(w, table, &other, id, None).await?;
        update_row(w, table, id, &twins.translate(table, row), fields).await?;
        Ok(true)
    } else {
        twins.join(w, table, id, &other, Some(row)).await?;
        Ok(false)
    }
}

async fn update_row(
    w: &mut Write,
    table: &str,
    id: &str,
    row: &Map<String, Value>,
    fields: &[&String],
) -> Result<()> {
    let sets: Vec<String> = fields.iter().map(|f| format!("\"{f}\" = ?")).collect();
    let sql = format!("UPDATE {table} SET {} WHERE id = ?", sets.join(", "));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for field in fields {
        query = crate::store::bind_json(query, &row[*field]);
    }
    query.bind(id).execute(w.conn()).await?;
    Ok(())
}

/// Records a conflict for a person to settle (its id). Through the hub it
/// is an audited change of its own, so it travels to every desk.
async fn record_conflict(
    w: &mut Write,
    c: &MergeConflict,
    origin: &str,
    peer: Peer,
) -> Result<String> {
    let at = w.at().to_owned();
    let id = new_id();
    sqlx::query(
        "INSERT INTO merge_conflicts (id, table_name, row_id, field, kept, other, kept_from,
                                      bundle_id, found_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&c.table)
    .bind(&c.row_id)
    .bind(&c.field)
    .bind(c.kept.to_string())
    .bind(c.other.to_string())
    .bind(&c.kept_from)
    .bind(origin)
    .bind(&at)
    .execute(w.conn())
    .await?;
    if let Peer::Hub { .. } = peer {
        let after = serde_json::to_value(c)?;
        w.audit(Entity::MergeConflict, &id, Verb::Create, None, Some(&after))
            .await?;
    }
    Ok(id)
}

/// A conflict a merge recorded, with what it is about in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConflictInfo {
    pub id: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub conflict: MergeConflict,
    /// The row in words: a claim's statement, a person's name, an
    /// article's title, …; `None` when the row is gone since.
    pub subject: Option<String>,
    /// The claim the row belongs to, when it belongs to one (to open it).
    pub claim_id: Option<String>,
    pub bundle_id: String,
    pub found_at: String,
    /// Set once a person settled it.
    pub settled_by: Option<String>,
    pub settled_at: Option<String>,
    /// `kept` or `other`, once settled.
    pub settled_with: Option<String>,
}

/// How a person settles a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Settle {
    /// The value the merge kept stays.
    Kept,
    /// The value set aside replaces it.
    Other,
}

/// The conflicts still waiting for a person, oldest first (or, with
/// `settled`, also the settled ones).
pub async fn conflicts(store: &Store, settled: bool) -> Result<Vec<ConflictInfo>> {
    let mut conn = store.pool().acquire().await?;
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM merge_conflicts WHERE ?1 OR settled_at IS NULL ORDER BY id",
    )
    .bind(settled)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(conflict_info(&mut conn, &id).await?);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct ConflictRow {
    table_name: String,
    row_id: String,
    field: String,
    kept: Option<String>,
    other: Option<String>,
    kept_from: String,
    bundle_id: String,
    found_at: String,
    settled_by: Option<String>,
    settled_at: Option<String>,
}

async fn conflict_info(conn: &mut sqlx::SqliteConnection, id: &str) -> Result<ConflictInfo> {
    let row: Option<ConflictRow> = sqlx::query_as(
        "SELECT c.table_name, c.row_id, c.field, c.kept, c.other, c.kept_from, c.bundle_id,
                c.found_at, u.name AS settled_by, c.settled_at
         FROM merge_conflicts c LEFT JOIN users u ON u.id = c.settled_by
         WHERE c.id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(ConflictRow {
        table_name: table,
        row_id,
        field,
        kept,
        other,
        kept_from,
        bundle_id,
        found_at,
        settled_by,
        settled_at,
    }) = row
    else {
        return Err(StoreError::NotFound(format!("conflict {id}")));
    };
    let value = |v: Option<String>| -> Value {
        v.and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null)
    };
    let (subject, claim_id) = subject_of(conn, &table, &row_id).await?;
    let settled_with: Option<String> = match settled_at {
        Some(_) => sqlx::query_scalar(
            "SELECT json_extract(after, '$.settled_with') FROM audit_events
             WHERE entity = 'merge_conflict' AND entity_id = ? ORDER BY seq DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .flatten(),
        None => None,
    };
    Ok(ConflictInfo {
        id: id.to_owned(),
        conflict: MergeConflict {
            table,
            row_id,
            field,
            kept: value(kept),
            other: value(other),
            kept_from,
        },
        subject,
        claim_id,
        bundle_id,
        found_at,
        settled_by,
        settled_at,
        settled_with,
    })
}

/// The row in words and the claim it belongs to.
async fn subject_of(
    conn: &mut sqlx::SqliteConnection,
    table: &str,
    id: &str,
) -> Result<(Option<String>, Option<String>)> {
    let sql = match table {
        "claims" => "SELECT statement, id FROM claims WHERE id = ?",
        "appearances" => {
            "SELECT c.statement, c.id FROM appearances a JOIN claims c ON c.id = a.claim_id WHERE a.id = ?"
        }
        "verdicts" => {
            "SELECT c.statement, c.id FROM verdicts x JOIN claims c ON c.id = x.claim_id WHERE x.id = ?"
        }
        "evidence" => {
            "SELECT c.statement, c.id FROM evidence x JOIN claims c ON c.id = x.claim_id WHERE x.id = ?"
        }
        "comments" => {
            "SELECT c.statement, c.id FROM comments x JOIN claims c ON c.id = x.claim_id WHERE x.id = ?"
        }
        "claim_links" => {
            "SELECT c.statement, c.id FROM claim_links l JOIN claims c ON c.id = l.from_claim_id WHERE l.id = ?"
        }
        "persons" => "SELECT name, NULL FROM persons WHERE id = ?",
        "person_aliases" => "SELECT alias, NULL FROM person_aliases WHERE id = ?",
        "outlets" => "SELECT name, NULL FROM outlets WHERE id = ?",
        "users" => "SELECT name, NULL FROM users WHERE id = ?",
        // An article's details as a journalist corrected them: its title
        // (corrected too, if it was).
        "articles" | "article_corrections" => {
            "SELECT COALESCE(fix.title, r.title), NULL FROM articles a
             JOIN revisions r ON r.id = a.current_revision_id
             LEFT JOIN article_corrections fix ON fix.article_id = a.id WHERE a.id = ?"
        }
        "revisions" => {
            "SELECT title, NULL FROM revisions WHERE id = ?"
        }
        "storylines" => "SELECT name, NULL FROM storylines WHERE id = ?",
        _ => return Ok((None, None)),
    };
    Ok(
        sqlx::query_as::<_, (Option<String>, Option<String>)>(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(conn)
            .await?
            .unwrap_or((None, None)),
    )
}

/// Settles a conflict: keeps the merged value, or puts the one set aside
/// in its place (one audited write; a claim whose statement or condition
/// changes this way leaves approval like any edit). Settling twice is
/// refused.
pub async fn settle(store: &Store, id: &str, choice: Settle) -> Result<ConflictInfo> {
    let mut w = store.write().await?;
    let info = conflict_info(w.conn(), id).await?;
    if let Some(at) = &info.settled_at {
        return Err(StoreError::Conflict(format!(
            "This conflict was settled already ({} at {at}).",
            info.settled_by.as_deref().unwrap_or("someone")
        )));
    }
    let c = &info.conflict;
    let entity = Entity::of_table(&c.table)
        .filter(|e| *e != Entity::MergeConflict)
        .ok_or_else(|| {
            StoreError::invalid(format!("Conflicts in {} cannot be settled here.", c.table))
        })?;
    if choice == Settle::Other {
        let columns = columns_of(w.conn(), &c.table).await?;
        if !columns.contains(&c.field) {
            return Err(StoreError::invalid(format!(
                "{} has no field “{}” any more.",
                c.table, c.field
            )));
        }
        let now = crate::store::row_json(w.conn(), &c.table, &columns, &c.row_id)
            .await?
            .ok_or_else(|| {
                StoreError::Conflict(format!(
                    "The {entity} this conflict is about was deleted since; there is nothing to put the other value in."
                ))
            })?;
        let current = now.get(&c.field).cloned().unwrap_or(Value::Null);
        if current != c.kept {
            return Err(StoreError::Conflict(format!(
                "The {entity}'s {} was changed after the merge; settle it by editing it, or keep it.",
                c.field.replace('_', " ")
            )));
        }
        let mut other = Map::new();
        other.insert(c.field.clone(), c.other.clone());
        update_row(&mut w, &c.table, &c.row_id, &other, &[&c.field]).await?;
        // A time's sort key follows the time taken.
        let sort_key = match (c.table.as_str(), c.field.as_str()) {
            ("appearances", "stated_at") => Some("stated_ts"),
            ("article_corrections", "published_at") => Some("published_ts"),
            _ => None,
        };
        if let Some(column) = sort_key {
            let key = match c.other.as_str() {
                Some("") | None => Value::Null,
                Some(t) if column == "stated_ts" => Value::from(crate::claims::stated_sort_key(t)?),
                Some(t) => Value::from(claimtrail_text::timestamp::sort_key_of(t)),
            };
            let mut ts = Map::new();
            ts.insert(column.to_owned(), key);
            update_row(&mut w, &c.table, &c.row_id, &ts, &[&column.to_owned()]).await?;
        }
        let before = serde_json::json!({ &c.field: c.kept });
        let after = serde_json::json!({ &c.field: c.other });
        w.audit(
            entity,
            &c.row_id,
            Verb::SettleConflict,
            Some(&before),
            Some(&after),
        )
        .await?;
        if c.table == "claims" && matches!(c.field.as_str(), "statement" | "condition") {
            crate::review::reopen_if_approved(
                &mut w,
                &c.row_id,
                &format!("its {} was settled after a merge", c.field),
            )
            .await?;
        }
    }
    let at = w.at().to_owned();
    let actor = w.actor().to_owned();
    sqlx::query("UPDATE merge_conflicts SET settled_by = ?, settled_at = ? WHERE id = ?")
        .bind(&actor)
        .bind(&at)
        .bind(id)
        .execute(w.conn())
        .await?;
    let with = match choice {
        Settle::Kept => "kept",
        Settle::Other => "other",
    };
    w.audit(
        Entity::MergeConflict,
        id,
        Verb::Settle,
        Some(&serde_json::json!({ "settled_by": null, "settled_at": null })),
        Some(&serde_json::json!({ "settled_with": with, "settled_by": actor, "settled_at": at })),
    )
    .await?;
    w.commit().await?;
    conflict_info(&mut *store.pool().acquire().await?, id).await
}
