//! Checking the signatures of a bundle's events (see `store/signing.rs`).
//! A signed event in the name of a colleague whose key this desk pinned
//! must be signed with that key, or the bundle is refused; an unsigned one
//! is kept and shown unverified, unless it is an approval made after they
//! began signing (refused). A colleague met for the first time has their key pinned from
//! the bundle (each of their signed events must check out against it).
//! Events that cannot be checked are kept, marked unverified.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value};

use super::{incoming_event, Changeset};
use crate::store::signing::{self, trust};
use crate::store::{AuditEvent, Result, StoreError, Write};

/// How each new event of a bundle was found, and the keys to pin.
#[derive(Debug, Default)]
pub(crate) struct Trust {
    by_event: HashMap<String, &'static str>,
    pins: Vec<Pin>,
}

#[derive(Debug, Clone)]
struct Pin {
    user_id: String,
    public_key: String,
    /// The first signed event seen from them.
    signed_since: String,
}

impl Trust {
    /// How the event's signature was found; None for an event this desk
    /// did not check (the hub's).
    pub(crate) fn of(&self, event_id: &str) -> Option<&'static str> {
        self.by_event.get(event_id).copied()
    }

    /// Pins the keys of colleagues this bundle introduced.
    pub(crate) async fn pin(&self, w: &mut Write, origin: &str) -> Result<()> {
        let at = w.at().to_owned();
        for pin in &self.pins {
            sqlx::query(
                "INSERT OR IGNORE INTO known_keys (user_id, public_key, signed_since, pinned_at, origin)
                 VALUES (?, ?, ?, ?, ?)",
            )
            .bind(&pin.user_id)
            .bind(&pin.public_key)
            .bind(&pin.signed_since)
            .bind(&at)
            .bind(origin)
            .execute(w.conn())
            .await?;
        }
        Ok(())
    }
}

/// One new event, ready to check.
struct Incoming<'a> {
    event: AuditEvent,
    write_id: Option<&'a str>,
    undoes: Option<&'a str>,
    signature: Option<&'a str>,
    at: DateTime<FixedOffset>,
}

/// Checks the signatures of the bundle's events this log lacks (`new`),
/// refusing the bundle (through `refuse`) on one that does not hold.
pub(crate) async fn check(
    w: &mut Write,
    set: &Changeset,
    new: &[&Map<String, Value>],
    refuse: &(dyn Fn(String) -> StoreError + Sync),
) -> Result<Trust> {
    let mut pinned: HashMap<String, Pin> = HashMap::new();
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT user_id, public_key, signed_since FROM known_keys")
            .fetch_all(w.conn())
            .await?;
    // This desk's own users' keys are known too: their events that come
    // back were signed here.
    let desk: Vec<String> = sqlx::query_scalar("SELECT user_id FROM desk_users")
        .fetch_all(w.conn())
        .await?;
    for user_id in desk {
        if let Some(own) = signing::Signer::load(w.workspace(), &user_id) {
            pinned.insert(
                user_id.clone(),
                Pin {
                    user_id,
                    public_key: own.public_key(),
                    signed_since: "9999-12-31T23:59:59Z".to_owned(),
                },
            );
        }
    }
    for (user_id, public_key, signed_since) in rows {
        pinned.insert(
            user_id.clone(),
            Pin {
                user_id,
                public_key,
                signed_since,
            },
        );
    }
    let users = set.tables.get("users").map(Vec::as_slice).unwrap_or(&[]);
    let offered = |user: &str| -> Option<&str> { set.keys.get(user).map(String::as_str) };
    let name = |user: &str| -> String {
        users
            .iter()
            .find(|u| u.get("id").and_then(Value::as_str) == Some(user))
            .and_then(|u| u.get("name").and_then(Value::as_str))
            .unwrap_or(user)
            .to_owned()
    };
    let mut events = Vec::new();
    for e in new {
        let text = |k: &str| e.get(k).and_then(Value::as_str);
        let event = incoming_event(e)?.into_event(text("id").unwrap_or_default());
        let at = DateTime::parse_from_rfc3339(&event.at)
            .map_err(|_| refuse(format!("an event is dated “{}”, not a time.", event.at)))?;
        events.push(Incoming {
            event,
            write_id: text("write_id"),
            undoes: text("undoes"),
            signature: text("signature"),
            at,
        });
    }
    let mut trust = Trust::default();
    // Signed events first: they pin a colleague met for the first time.
    let mut first_seen: HashMap<String, Pin> = HashMap::new();
    for e in events.iter().filter(|e| e.signature.is_some()) {
        let author = e.event.actor_id.as_str();
        let signature = e.signature.unwrap_or_default();
        let checks = |key: &str| signing::verifies(key, signature, &e.event, e.write_id, e.undoes);
        let found = if let Some(pin) = pinned.get(author) {
            if !checks(&pin.public_key) {
                return Err(refuse(match offered(author) {
                    Some(key) if key != pin.public_key => format!(
                        "{who}'s changes in it are signed with a new key ({new}), not the one this desk has known since {since} ({old}). If {who} set up Claimtrail again, check the new key with them (`claimtrail user list` shows it on their computer), then run `claimtrail user forget-key \"{who}\"` and import the bundle again. Otherwise someone else wrote these changes in {who}'s name.",
                        who = name(author),
                        new = signing::fingerprint(key),
                        old = signing::fingerprint(&pin.public_key),
                        since = day(&pin.signed_since),
                    ),
                    _ => format!(
                        "its event {} in {}'s name does not match its signature: it was altered after {} wrote it.",
                        e.event.id,
                        name(author),
                        name(author)
                    ),
                }));
            }
            trust::VERIFIED
        } else if let Some(key) = offered(author) {
            if !checks(key) {
                return Err(refuse(format!(
                    "its event {} in {}'s name does not match the signature and key it came with: it was altered.",
                    e.event.id,
                    name(author)
                )));
            }
            let pin = first_seen.entry(author.to_owned()).or_insert_with(|| Pin {
                user_id: author.to_owned(),
                public_key: key.to_owned(),
                signed_since: e.event.at.clone(),
            });
            if earlier(&e.event.at, &pin.signed_since) {
                pin.signed_since = e.event.at.clone();
            }
            trust::FIRST_SEEN
        } else {
            trust::UNKNOWN_KEY
        };
        trust.by_event.insert(e.event.id.clone(), found);
    }
    // Unsigned events are kept, shown unverified: a colleague's change
    // that passed through the team hub comes without its signature. An
    // approval is what a forger wants most, so an unsigned one in the name
    // of someone who signs since is refused (dated by its time or its id,
    // whichever is later: a bundle chooses both).
    for e in events.iter().filter(|e| e.signature.is_none()) {
        let author = e.event.actor_id.as_str();
        let since = pinned
            .get(author)
            .or_else(|| first_seen.get(author))
            .map(|p| p.signed_since.clone());
        let approval = e.event.entity == "verdict"
            && matches!(e.event.action.as_str(), "approve" | "redo_approve");
        if let (Some(since), true) = (since, approval) {
            let written = e.at.max(id_time(&e.event.id).unwrap_or(e.at));
            if DateTime::parse_from_rfc3339(&since).is_ok_and(|s| written > s) {
                return Err(refuse(format!(
                    "its event {} ({} {}) in {}'s name is not signed, though {} has signed every change since {}: someone else wrote it.",
                    e.event.id,
                    e.event.entity,
                    e.event.action,
                    name(author),
                    name(author),
                    day(&since)
                )));
            }
        }
        trust.by_event.insert(e.event.id.clone(), trust::UNSIGNED);
    }
    trust.pins = first_seen.into_values().collect();
    Ok(trust)
}

/// Whether a bundle's event is signed with this desk's own key for its
/// author: a change this desk wrote, coming back after a restore.
pub(crate) fn signed_here(w: &Write, e: &Map<String, Value>) -> Result<bool> {
    let text = |k: &str| e.get(k).and_then(Value::as_str);
    let (Some(author), Some(signature)) = (text("actor_id"), text("signature")) else {
        return Ok(false);
    };
    let Some(own) = signing::Signer::load(w.workspace(), author) else {
        return Ok(false);
    };
    let event = incoming_event(e)?.into_event(text("id").unwrap_or_default());
    Ok(signing::verifies(
        &own.public_key(),
        signature,
        &event,
        text("write_id"),
        text("undoes"),
    ))
}

/// The time a UUIDv7 id was made at.
fn id_time(id: &str) -> Option<DateTime<FixedOffset>> {
    let (seconds, nanos) = uuid::Uuid::parse_str(id).ok()?.get_timestamp()?.to_unix();
    chrono::DateTime::from_timestamp(seconds as i64, nanos).map(|t| t.fixed_offset())
}

/// Whether RFC 3339 time `a` is before `b`.
fn earlier(a: &str, b: &str) -> bool {
    match (
        DateTime::parse_from_rfc3339(a),
        DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(a), Ok(b)) => a < b,
        _ => false,
    }
}

/// "5 Dec 2026" of an RFC 3339 time, as its writer's clock read.
fn day(at: &str) -> String {
    DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%-d %b %Y").to_string())
        .unwrap_or_else(|_| at.to_owned())
}
