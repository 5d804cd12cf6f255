//! The append-only audit log: who changed what, when, from what to what.
//! Only [`super::Write::audit`] inserts; triggers in the schema refuse any
//! update or delete of an event.
//!
//! Each event carries its SHA-256 (`hash`, over the hash of the event
//! before it and every column), so an event edited in the file breaks the
//! chain where it happened, and a deleted one leaves a gap in `seq`;
//! [`verify`] finds the first break.
//!
//! Events are written with `hash` as its 32 bytes and no `prev_hash`: the
//! hash before is the previous event's, which [`verify`] reads anyway, so
//! storing it again and both as hex text cost 96 bytes an event (143 MB of
//! a log of 1.5 million). Events written before that keep both as hex
//! text, and the chain runs through both forms: each hash covers the one
//! before it as hex, whichever form it is stored in.
//!
//! The claims an event concerns (its entity's declaration says which) go
//! into `audit_claims` in the same insert, so a claim's History is one
//! indexed join. That table is an index derived from the log: the chain
//! covers the log only, not `audit_claims` and not the current tables (a
//! claim's state, a user's name). Events written before the chain existed
//! are sealed, in order, by the open that applies the chain's migration
//! and never later, so a log whose hashes were stripped afterwards reads as
//! broken instead of being sealed again.
//!
//! [`verify`] reports the first break: a gap in `seq` (a deleted newest
//! event too, through the counter `sqlite_sequence` keeps), a field holding
//! bytes where Claimtrail writes text, a hash that does not hold. An event
//! edited and re-hashed still breaks the chain at the next event, but for
//! a compact event `verify` cannot tell whether that event or the one
//! before it changed, and says so. Someone able to rewrite the whole file
//! can recompute the whole chain; that is why `audit verify` prints the
//! head hash, for a team to note elsewhere and compare later.

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::sqlite::SqliteConnection;
use sqlx::Row;

use super::{Result, Store};
use crate::model::{AuditCheck, BrokenLink};

/// The migration that added the hash chain (its version).
pub(super) const CHAIN_MIGRATION: i64 = 20261128000000;

/// `prev_hash` of the first event.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEvent {
    pub id: String,
    pub actor_id: String,
    pub at: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The columns an event's hash covers, as stored.
#[derive(Clone, Copy)]
struct Sealed<'a> {
    id: &'a str,
    actor_id: &'a str,
    at: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    action: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
    write_id: Option<&'a str>,
    undoes: Option<&'a str>,
}

impl Sealed<'_> {
    /// [`Sealed::digest`] in hex, as hashes chain and are shown.
    fn hash(&self, prev_hash: &str) -> String {
        hex(&self.digest(prev_hash))
    }

    /// SHA-256 over `prev_hash` (hex) and each column, length-prefixed so no
    /// two different events can hash the same text.
    fn digest(&self, prev_hash: &str) -> [u8; 32] {
        let mut h = Sha256::new();
        let mut field = |value: Option<&str>| match value {
            Some(v) => {
                h.update(format!("{}:", v.len()));
                h.update(v);
            }
            None => h.update("-"),
        };
        field(Some(prev_hash));
        field(Some(self.id));
        field(Some(self.actor_id));
        field(Some(self.at));
        field(Some(self.entity));
        field(Some(self.entity_id));
        field(Some(self.action));
        field(self.before);
        field(self.after);
        field(self.write_id);
        field(self.undoes);
        h.finalize().into()
    }
}

/// Lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An event's stored hash as hex, whichever form it is stored in (SQL).
const HASH_HEX: &str = "CASE typeof(hash) WHEN 'blob' THEN lower(hex(hash)) ELSE hash END";

/// Whether any field of an event holds a value of a kind Claimtrail never
/// writes there (the columns are text, so only bytes can stand in them
/// as another kind), so `verify` reports such an edit instead of failing
/// to read it as text.
const ODD_TYPES: &str = "typeof(id) != 'text' OR typeof(actor_id) != 'text'
     OR typeof(at) != 'text' OR typeof(entity) != 'text'
     OR typeof(entity_id) != 'text' OR typeof(action) != 'text'
     OR typeof(before) NOT IN ('text', 'null') OR typeof(after) NOT IN ('text', 'null')
     OR typeof(write_id) NOT IN ('text', 'null') OR typeof(undoes) NOT IN ('text', 'null')
     OR typeof(prev_hash) NOT IN ('text', 'null')
     OR typeof(hash) NOT IN ('text', 'blob', 'null')";

/// The hash the next event chains to: the newest event's, or the genesis.
pub(super) async fn head(conn: &mut SqliteConnection) -> Result<String> {
    let hash: Option<Option<String>> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {HASH_HEX} FROM audit_events ORDER BY seq DESC LIMIT 1"
    )))
    .fetch_optional(conn)
    .await?;
    Ok(hash.flatten().unwrap_or_else(|| GENESIS.to_owned()))
}

/// Inserts `e` chained to `prev_hash` (the newest event's hash, hex);
/// answers its hash (the next one's prev).
pub(super) async fn insert(
    conn: &mut SqliteConnection,
    e: &AuditEvent,
    write_id: Option<&str>,
    undoes: Option<&str>,
    prev_hash: &str,
    claims: &[String],
    signature: Option<&str>,
) -> Result<String> {
    let one = Chained {
        event: e,
        write_id,
        undoes,
        claims: claims.to_vec(),
        signature,
    };
    insert_many(conn, std::slice::from_ref(&one), prev_hash).await
}

/// One event for [`insert_many`]: the event, its write, what it undoes, the
/// claims it concerns and its signature.
pub(super) struct Chained<'a> {
    pub event: &'a AuditEvent,
    pub write_id: Option<&'a str>,
    pub undoes: Option<&'a str>,
    pub claims: Vec<String>,
    pub signature: Option<&'a str>,
}

/// Inserts `events` in order, chained from `prev_hash`, in two statements
/// per two thousand (a merge appends hundreds at once); answers the last
/// one's hash.
pub(super) async fn insert_many(
    conn: &mut SqliteConnection,
    events: &[Chained<'_>],
    prev_hash: &str,
) -> Result<String> {
    // The snapshots as the hash covers them and as they are stored.
    let texts: Vec<(Option<String>, Option<String>)> = events
        .iter()
        .map(|c| {
            let e = c.event;
            (
                e.before.as_ref().map(|v| v.to_string()),
                e.after.as_ref().map(|v| v.to_string()),
            )
        })
        .collect();
    let mut prev = prev_hash.to_owned();
    let mut rows: Vec<(Sealed, [u8; 32])> = Vec::with_capacity(events.len());
    for (c, (before, after)) in events.iter().zip(&texts) {
        let e = c.event;
        let sealed = Sealed {
            id: &e.id,
            actor_id: &e.actor_id,
            at: &e.at,
            entity: &e.entity,
            entity_id: &e.entity_id,
            action: &e.action,
            before: before.as_deref(),
            after: after.as_deref(),
            write_id: c.write_id,
            undoes: c.undoes,
        };
        let digest = sealed.digest(&prev);
        prev = hex(&digest);
        rows.push((sealed, digest));
    }
    // Under SQLite's limit of bound values in one statement.
    for (chunk, events) in rows.chunks(2_000).zip(events.chunks(2_000)) {
        let sql = format!(
            "INSERT INTO audit_events
                 (id, actor_id, at, entity, entity_id, action, before, after, write_id, undoes,
                  prev_hash, hash, signature)
             VALUES {}",
            vec!["(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"; chunk.len()].join(", ")
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((sealed, digest), c) in chunk.iter().zip(events) {
            query = query
                .bind(sealed.id)
                .bind(sealed.actor_id)
                .bind(sealed.at)
                .bind(sealed.entity)
                .bind(sealed.entity_id)
                .bind(sealed.action)
                .bind(sealed.before)
                .bind(sealed.after)
                .bind(sealed.write_id)
                .bind(sealed.undoes)
                .bind(digest.to_vec())
                .bind(c.signature);
        }
        query.execute(&mut *conn).await?;
        let pairs: Vec<(&str, &str)> = events
            .iter()
            .flat_map(|c| {
                c.claims
                    .iter()
                    .map(move |claim| (claim.as_str(), c.event.id.as_str()))
            })
            .collect();
        for pairs in pairs.chunks(10_000) {
            let sql = format!(
                "INSERT OR IGNORE INTO audit_claims (claim_id, seq)
                 SELECT v.column1, e.seq FROM (VALUES {}) v JOIN audit_events e ON e.id = v.column2",
                vec!["(?, ?)"; pairs.len()].join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (claim, event) in pairs {
                query = query.bind(*claim).bind(*event);
            }
            query.execute(&mut *conn).await?;
        }
    }
    Ok(prev)
}

/// Seals the events written before the hash chain existed, oldest first,
/// in pages, in one transaction. Called only by the open that applied the
/// chain's migration.
pub(super) async fn seal_old_events(store: &Store) -> Result<()> {
    let mut tx = store.pool().begin_with("BEGIN IMMEDIATE").await?;
    let mut prev = GENESIS.to_owned();
    let mut after = 0i64;
    loop {
        let rows = sqlx::query(
            "SELECT seq, id, actor_id, at, entity, entity_id, action, before, after, write_id,
                    undoes
             FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 5000",
        )
        .bind(after)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            let seq: i64 = row.try_get("seq")?;
            let hash = sealed_of(&row, |s| s.hash(&prev))?;
            sqlx::query("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE seq = ?")
                .bind(&prev)
                .bind(&hash)
                .bind(seq)
                .execute(&mut *tx)
                .await?;
            prev = hash;
            after = seq;
        }
    }
    tx.commit().await?;
    Ok(())
}

fn sealed_of<T>(row: &sqlx::sqlite::SqliteRow, f: impl FnOnce(&Sealed<'_>) -> T) -> Result<T> {
    let id: String = row.try_get("id")?;
    let actor_id: String = row.try_get("actor_id")?;
    let at: String = row.try_get("at")?;
    let entity: String = row.try_get("entity")?;
    let entity_id: String = row.try_get("entity_id")?;
    let action: String = row.try_get("action")?;
    let before: Option<String> = row.try_get("before")?;
    let after: Option<String> = row.try_get("after")?;
    let write_id: Option<String> = row.try_get("write_id")?;
    let undoes: Option<String> = row.try_get("undoes")?;
    Ok(f(&Sealed {
        id: &id,
        actor_id: &actor_id,
        at: &at,
        entity: &entity,
        entity_id: &entity_id,
        action: &action,
        before: before.as_deref(),
        after: after.as_deref(),
        write_id: write_id.as_deref(),
        undoes: undoes.as_deref(),
    }))
}

/// The hash (hex) of an event whose fields are all text, when the chain
/// holds at it after the event whose hash is `prev`; else what is wrong.
fn chained_hash(
    row: &sqlx::sqlite::SqliteRow,
    prev: &str,
) -> Result<std::result::Result<String, String>> {
    // A compact event chains to the event before it; an older one names
    // the hash it chains to, which must be that event's.
    let compact: bool = row.try_get("compact")?;
    let stored_prev: Option<String> = if compact {
        Some(prev.to_owned())
    } else {
        row.try_get("prev_hash")?
    };
    let computed = sealed_of(row, |s| s.hash(stored_prev.as_deref().unwrap_or("")))?;
    let (Some(stored), Some(stored_prev)) =
        (row.try_get::<Option<String>, _>("hash")?, stored_prev)
    else {
        return Ok(Err(
            "the event has no hash: it was added or altered outside Claimtrail".to_owned(),
        ));
    };
    Ok(
        if compact && row.try_get::<Option<String>, _>("prev_hash")?.is_some() {
            Err("the event names a previous hash, which Claimtrail does not write with a compact hash: it was altered outside Claimtrail".to_owned())
        } else if stored_prev != prev {
            Err("the event does not chain to the one before it: an earlier event was changed or removed".to_owned())
        } else if stored != computed {
            Err(if compact {
                "the event's content does not match its hash: it was edited, or the hash of the event before it was".to_owned()
            } else {
                "the event's content does not match its hash: it was edited".to_owned()
            })
        } else {
            Ok(stored)
        },
    )
}

/// Walks the whole log in order and reports the first event whose hash or
/// link to the one before does not hold, or a gap where events were deleted.
pub async fn verify(store: &Store) -> Result<AuditCheck> {
    let mut conn = store.pool().acquire().await?;
    verify_on(&mut conn).await
}

/// [`verify`] on a connection of its own (a backup's, opened read-only).
pub(crate) async fn verify_on(conn: &mut SqliteConnection) -> Result<AuditCheck> {
    let mut prev = GENESIS.to_owned();
    let mut prev_seq = 0i64;
    let mut events = 0u64;
    let mut broken = None;
    // Pages keep memory flat on a log of millions of events.
    'pages: loop {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT seq, id, actor_id, at, entity, entity_id, action, before, after, write_id,
                    undoes, prev_hash, {HASH_HEX} AS hash, typeof(hash) = 'blob' AS compact,
                    {ODD_TYPES} AS odd_types
             FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 5000"
        )))
        .bind(prev_seq)
        .fetch_all(&mut *conn)
        .await?;
        if rows.is_empty() {
            break;
        }
        for row in rows {
            events += 1;
            let seq: i64 = row.try_get("seq")?;
            let problem = if seq != prev_seq + 1 {
                if seq == prev_seq + 2 {
                    format!("event {} is missing: it was deleted", prev_seq + 1)
                } else {
                    format!(
                        "events {} to {} are missing: they were deleted",
                        prev_seq + 1,
                        seq - 1
                    )
                }
            } else if row.try_get::<bool, _>("odd_types")? {
                // Checked before any field is read as text: bytes cannot be.
                "a field of the event holds bytes where Claimtrail writes text: \
                 it was altered outside Claimtrail"
                    .to_owned()
            } else {
                match chained_hash(&row, &prev)? {
                    Ok(hash) => {
                        prev = hash;
                        prev_seq = seq;
                        continue;
                    }
                    Err(problem) => problem,
                }
            };
            // The fields as far as they read as text.
            broken = Some(BrokenLink {
                seq,
                event_id: row.try_get("id").unwrap_or_default(),
                at: row.try_get("at").unwrap_or_default(),
                entity: row.try_get("entity").unwrap_or_default(),
                entity_id: row.try_get("entity_id").unwrap_or_default(),
                action: row.try_get("action").unwrap_or_default(),
                problem,
            });
            break 'pages;
        }
    }
    if broken.is_none() {
        // Deleting the newest events leaves no later event to notice; the
        // AUTOINCREMENT counter still remembers how many were written.
        let written: Option<i64> =
            sqlx::query_scalar("SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'")
                .fetch_optional(&mut *conn)
                .await?;
        if let Some(written) = written.filter(|w| *w > prev_seq) {
            broken = Some(BrokenLink {
                seq: prev_seq + 1,
                event_id: String::new(),
                at: String::new(),
                entity: String::new(),
                entity_id: String::new(),
                action: String::new(),
                problem: if written == prev_seq + 1 {
                    format!("the newest event ({written}) is missing: it was deleted")
                } else {
                    format!(
                        "the newest events ({} to {written}) are missing: they were deleted",
                        prev_seq + 1
                    )
                },
            });
        }
    }
    Ok(AuditCheck {
        ok: broken.is_none(),
        events,
        head: prev,
        broken,
    })
}

/// Every event about one entity, oldest first.
pub async fn events_for(store: &Store, entity: &str, entity_id: &str) -> Result<Vec<AuditEvent>> {
    let rows = sqlx::query(
        "SELECT id, actor_id, at, entity, entity_id, action, before, after
         FROM audit_events WHERE entity = ? AND entity_id = ? ORDER BY seq",
    )
    .bind(entity)
    .bind(entity_id)
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            let json = |col: &str| -> Result<Option<serde_json::Value>> {
                let text: Option<String> = r.try_get(col)?;
                Ok(text.map(|t| serde_json::from_str(&t)).transpose()?)
            };
            Ok(AuditEvent {
                id: r.try_get("id")?,
                actor_id: r.try_get("actor_id")?,
                at: r.try_get("at")?,
                entity: r.try_get("entity")?,
                entity_id: r.try_get("entity_id")?,
                action: r.try_get("action")?,
                before: json("before")?,
                after: json("after")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workspace in `dir` whose log holds the events of three users added.
    async fn log_of_three_users(dir: &std::path::Path) -> Store {
        let store = Store::open(&dir.join("w.db")).await.unwrap();
        for name in ["Dana Okafor", "Ali Rahman", "Mei Lin"] {
            crate::store::users::add(&store, name, None, None)
                .await
                .unwrap();
        }
        store
    }

    /// Adopting more events at once than one statement can bind (a large
    /// page of the hub's log, a big bundle) writes each once, in order,
    /// chained, with the claims each concerns and where each came from.
    #[tokio::test]
    async fn adopting_thousands_of_events_at_once_keeps_every_one_in_order_and_chained() {
        let dir = tempfile::tempdir().unwrap();
        let store = log_of_three_users(dir.path()).await;
        let actor: String = sqlx::query_scalar("SELECT id FROM users ORDER BY id LIMIT 1")
            .fetch_one(store.pool())
            .await
            .unwrap();
        let n = 6_100;
        let events: Vec<AuditEvent> = (0..n)
            .map(|i| AuditEvent {
                id: crate::store::new_id(),
                actor_id: actor.clone(),
                at: "2025-12-15T10:00:00+01:00".to_owned(),
                entity: "comment".to_owned(),
                entity_id: format!("comment-{i}"),
                action: "create".to_owned(),
                before: None,
                after: Some(
                    serde_json::json!({ "claim_id": format!("claim-{}", i % 7), "body": i }),
                ),
            })
            .collect();
        let adopted: Vec<crate::store::Adopted> = events
            .iter()
            .map(|event| crate::store::Adopted {
                event: event.clone(),
                write_id: None,
                undoes: None,
                signature: None,
                trust: None,
            })
            .collect();
        let mut w = store.begin_unattributed().await.unwrap();
        w.adopt_events(&adopted, "test").await.unwrap();
        w.commit().await.unwrap();
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM audit_events WHERE entity = 'comment' ORDER BY seq")
                .fetch_all(store.pool())
                .await
                .unwrap();
        assert_eq!(ids, events.iter().map(|e| e.id.clone()).collect::<Vec<_>>());
        let indexed: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM audit_claims c JOIN audit_events e ON e.seq = c.seq
             WHERE e.entity = 'comment'",
        )
        .fetch_one(store.pool())
        .await
        .unwrap();
        assert_eq!(indexed, n as i64, "each event indexed under its claim");
        let origins: i64 =
            sqlx::query_scalar("SELECT count(*) FROM adopted_events WHERE origin = 'test'")
                .fetch_one(store.pool())
                .await
                .unwrap();
        assert_eq!(origins, n as i64);
        let check = verify(&store).await.unwrap();
        assert!(check.ok, "{check:?}");
    }

    /// A forger who edits an event and writes its hash again, as the chain
    /// computes it, is found at the next event (as with the stored
    /// previous hash before): a compact event's hash covers the stored
    /// hash of the one before it. And a previous hash written into a
    /// compact event, which Claimtrail never does, is found.
    #[tokio::test]
    async fn a_rehashed_edit_breaks_the_next_compact_event() {
        let dir = tempfile::tempdir().unwrap();
        let store = log_of_three_users(dir.path()).await;
        let check = verify(&store).await.unwrap();
        assert!(check.ok, "{check:?}");
        let mut conn = store.pool().acquire().await.unwrap();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT seq, id, actor_id, at, entity, entity_id, action, before, after, write_id,
                    undoes, {HASH_HEX} AS hash
             FROM audit_events ORDER BY seq"
        )))
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        let (first, second) = (&rows[rows.len() - 3], &rows[rows.len() - 2]);
        let before_second: String = first.try_get("hash").unwrap();
        let seq: i64 = second.try_get("seq").unwrap();
        let after: String = second.try_get("after").unwrap();
        let forged_after = after.replace("Ali Rahman", "Ali Forged");
        let forged_hash = sealed_of(second, |s| {
            Sealed {
                after: Some(&forged_after),
                ..*s
            }
            .hash(&before_second)
        })
        .unwrap();
        assert_ne!(forged_hash, second.try_get::<String, _>("hash").unwrap());
        for sql in [
            "DROP TRIGGER audit_events_no_update".to_owned(),
            format!(
                "UPDATE audit_events SET after = '{forged_after}', hash = x'{forged_hash}'
                 WHERE seq = {seq}"
            ),
        ] {
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        drop(conn);
        let broken = verify(&store).await.unwrap().broken.expect("found");
        assert_eq!(
            broken.seq,
            seq + 1,
            "the edited event itself holds: {broken:?}"
        );
        assert!(
            broken.problem.contains("the event before it"),
            "{}",
            broken.problem
        );
        store.close().await;

        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("w.db")).await.unwrap();
        crate::store::users::add(&store, "Dana Okafor", None, None)
            .await
            .unwrap();
        let mut conn = store.pool().acquire().await.unwrap();
        for sql in [
            "DROP TRIGGER audit_events_no_update",
            "UPDATE audit_events SET prev_hash = 'ab'",
        ] {
            sqlx::query(sql).execute(&mut *conn).await.unwrap();
        }
        drop(conn);
        let broken = verify(&store).await.unwrap().broken.expect("found");
        assert!(
            broken.problem.contains("outside Claimtrail"),
            "{}",
            broken.problem
        );
        store.close().await;
    }

    /// A field rewritten as bytes (which Claimtrail never writes there, and
    /// which cannot be read as text) is reported as an edit at that event,
    /// not as an error that stops the check.
    #[tokio::test]
    async fn a_field_rewritten_as_another_kind_of_value_is_reported() {
        // The last case also deletes the event before: a gap is reported
        // first, as the earlier break.
        for (column, value) in [
            ("entity_id", "CAST(entity_id AS BLOB)"),
            ("at", "CAST(at AS BLOB)"),
            ("after", "CAST(after AS BLOB)"),
            ("prev_hash", "x'00'"),
            ("action", "CAST(action AS BLOB)"),
        ] {
            let gap = column == "action";
            let dir = tempfile::tempdir().unwrap();
            let store = log_of_three_users(dir.path()).await;
            let mut conn = store.pool().acquire().await.unwrap();
            let seq: i64 = sqlx::query_scalar("SELECT max(seq) - 1 FROM audit_events")
                .fetch_one(&mut *conn)
                .await
                .unwrap();
            let mut sqls = vec![
                "DROP TRIGGER audit_events_no_update".to_owned(),
                format!("UPDATE audit_events SET {column} = {value} WHERE seq = {seq}"),
            ];
            if gap {
                sqls.push("DROP TRIGGER audit_events_no_delete".to_owned());
                sqls.push(format!("DELETE FROM audit_events WHERE seq = {}", seq - 1));
            }
            for sql in sqls {
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            }
            drop(conn);
            let check = verify(&store).await.expect("the check runs to its end");
            let broken = check.broken.expect("found");
            assert_eq!(broken.seq, seq, "{column}: {broken:?}");
            let expected = if gap {
                format!("event {} is missing", seq - 1)
            } else {
                "outside Claimtrail".to_owned()
            };
            assert!(
                broken.problem.contains(&expected),
                "{column}: {}",
                broken.problem
            );
            store.close().await;
        }
    }
}
