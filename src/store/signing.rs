//! Signed events: every user made on a desk gets an Ed25519 key with the
//! profile, and each event the desk writes in their name carries a
//! signature over its content (`audit_events.signature`). The public key
//! travels in the user's row (`users.public_key`) to colleagues; the
//! private key stays on the desk, in a folder beside the workspace
//! (`workspace.db` → `workspace-keys/USER_ID.ed25519`, readable by its
//! owner only), never in the workspace file, a backup, a bundle or an
//! export.
//!
//! A desk that imports a bundle pins each colleague's key the first time
//! it sees it (`known_keys`, trust on first use, as SSH does with hosts)
//! and from then on refuses a bundle whose events in that colleague's
//! name are not signed with it: someone else wrote them, or the colleague
//! set Claimtrail up again (`user forget-key` lets the next bundle pin the
//! new key once a person has checked it with them). Events that cannot be
//! checked are kept and shown as unverified (`adopted_events.signature`):
//! the first bundle from a colleague, events written before they had a
//! key.
//!
//! Ed25519 through `ring`, which the TLS stack already builds: no second
//! implementation of the curve.

use std::path::{Path, PathBuf};

use ring::signature::{Ed25519KeyPair, KeyPair, UnparsedPublicKey, ED25519};
use serde_json::Value;

use super::{hex, AuditEvent};

/// How an adopted event's signature was found (`adopted_events.signature`).
pub mod trust {
    /// Signed with the key this desk had pinned for its author.
    pub const VERIFIED: &str = "verified";
    /// Signed with the key its bundle brought, pinned now: nothing vouched
    /// for the key before.
    pub const FIRST_SEEN: &str = "first_seen";
    /// Not signed: written before its author had a key (or by an older
    /// Claimtrail).
    pub const UNSIGNED: &str = "unsigned";
    /// Signed, but the bundle did not carry its author's key.
    pub const UNKNOWN_KEY: &str = "unknown_key";

    /// Why an event is shown as unverified, in words; None when it was
    /// verified (or written here, or came through the hub, which
    /// authenticates its members).
    pub fn unverified(trust: Option<&str>) -> Option<String> {
        match trust? {
            FIRST_SEEN => Some("Unverified: the first bundle signed with this colleague's key; compare its fingerprint with them (claimtrail user list).".to_owned()),
            UNSIGNED => Some("Unverified: not signed (written before its author had a key, or by an older Claimtrail).".to_owned()),
            UNKNOWN_KEY => Some("Unverified: signed, but the bundle did not carry its author's key.".to_owned()),
            _ => None,
        }
    }
}

/// The folder of a workspace's private keys: `workspace.db` →
/// `workspace-keys/`, beside the backups folder.
pub fn folder(workspace: &Path) -> PathBuf {
    let stem = workspace
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_owned());
    workspace.with_file_name(format!("{stem}-keys"))
}

/// The key file of `user_id`; none for an id that is not one Claimtrail
/// makes (a UUID), so that an id a bundle brought cannot name a path.
fn key_path(workspace: &Path, user_id: &str) -> Option<PathBuf> {
    let plain = !user_id.is_empty()
        && user_id.len() <= 64
        && user_id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    plain.then(|| folder(workspace).join(format!("{user_id}.ed25519")))
}

/// Whether a key file is there for `user_id`, whether or not it reads.
pub(crate) fn has_key_file(workspace: &Path, user_id: &str) -> bool {
    key_path(workspace, user_id).is_some_and(|p| p.exists())
}

/// A user's private key on this desk.
pub(crate) struct Signer {
    pair: Ed25519KeyPair,
}

impl Signer {
    /// The key kept for `user_id`, if this desk has one.
    pub(crate) fn load(workspace: &Path, user_id: &str) -> Option<Signer> {
        let bytes = std::fs::read(key_path(workspace, user_id)?).ok()?;
        match Ed25519KeyPair::from_pkcs8(&bytes) {
            Ok(pair) => Some(Signer { pair }),
            Err(e) => {
                tracing::warn!(user = user_id, error = %e, "a private key file does not read as one");
                None
            }
        }
    }

    /// Makes a new key for `user_id` and keeps it beside the workspace,
    /// readable by this user only. Never over an existing key file (one
    /// that does not read is left for a person to look at): the new one is
    /// written beside it under a temporary name, then linked into place
    /// only where no file is.
    pub(crate) fn create(workspace: &Path, user_id: &str) -> std::io::Result<Signer> {
        let rng = ring::rand::SystemRandom::new();
        let document = Ed25519KeyPair::generate_pkcs8(&rng)
            .map_err(|_| std::io::Error::other("no randomness to make a key from"))?;
        let dir = folder(workspace);
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        let path = key_path(workspace, user_id).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a user id")
        })?;
        let temp = dir.join(format!(".{user_id}.ed25519.{}.part", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let written = (|| {
            let mut file = options.open(&temp)?;
            std::io::Write::write_all(&mut file, document.as_ref())?;
            file.sync_all()?;
            // Fails when a key file is there already: it is never replaced.
            std::fs::hard_link(&temp, &path)
        })();
        let _ = std::fs::remove_file(&temp);
        written?;
        let pair = Ed25519KeyPair::from_pkcs8(document.as_ref())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        tracing::info!(user = user_id, "a signing key was made");
        Ok(Signer { pair })
    }

    /// The public key, in hex, as `users.public_key` holds it.
    pub(crate) fn public_key(&self) -> String {
        hex(self.pair.public_key().as_ref())
    }

    /// The signature (hex) of an event as it is stored.
    pub(crate) fn sign(
        &self,
        e: &AuditEvent,
        write_id: Option<&str>,
        undoes: Option<&str>,
    ) -> String {
        hex(self.pair.sign(&message(e, write_id, undoes)).as_ref())
    }
}

/// The public keys a desk vouches for in its bundles, by user id: those
/// of its own users (whose private keys it keeps) and the colleagues' it
/// pinned.
pub(crate) async fn vouched_keys(
    workspace: &Path,
    conn: &mut sqlx::SqliteConnection,
) -> super::Result<std::collections::HashMap<String, String>> {
    let mut keys: std::collections::HashMap<String, String> =
        sqlx::query_as("SELECT user_id, public_key FROM known_keys")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .collect();
    let desk: Vec<String> = sqlx::query_scalar("SELECT user_id FROM desk_users")
        .fetch_all(&mut *conn)
        .await?;
    for user in desk {
        if let Some(signer) = Signer::load(workspace, &user) {
            keys.insert(user, signer.public_key());
        }
    }
    Ok(keys)
}

/// Whether `signature` (hex) is `public_key`'s (hex) over the event.
pub(crate) fn verifies(
    public_key: &str,
    signature: &str,
    e: &AuditEvent,
    write_id: Option<&str>,
    undoes: Option<&str>,
) -> bool {
    let (Some(key), Some(signature)) = (unhex(public_key), unhex(signature)) else {
        return false;
    };
    UnparsedPublicKey::new(&ED25519, key)
        .verify(&message(e, write_id, undoes), &signature)
        .is_ok()
}

/// A short form of a public key for people to compare, out loud or side
/// by side: the first 8 bytes of its SHA-256 in four groups
/// ("3f2a 91c0 77de 0b14").
pub fn fingerprint(public_key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = hex(&Sha256::digest(public_key.as_bytes())[..8]);
    digest
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What is signed: the event's fields, each length-prefixed, its
/// snapshots in canonical JSON (keys sorted at every level), so that two
/// desks whose JSON keeps keys in different orders sign and check the
/// same bytes.
fn message(e: &AuditEvent, write_id: Option<&str>, undoes: Option<&str>) -> Vec<u8> {
    let mut out = b"claimtrail-event-1\n".to_vec();
    let before = e.before.as_ref().map(canonical);
    let after = e.after.as_ref().map(canonical);
    for field in [
        Some(e.id.as_str()),
        Some(&e.actor_id),
        Some(&e.at),
        Some(&e.entity),
        Some(&e.entity_id),
        Some(&e.action),
        before.as_deref(),
        after.as_deref(),
        write_id,
        undoes,
    ] {
        match field {
            Some(v) => {
                out.extend_from_slice(format!("{}:", v.len()).as_bytes());
                out.extend_from_slice(v.as_bytes());
            }
            None => out.push(b'-'),
        }
    }
    out
}

/// JSON with every object's keys in sorted order.
fn canonical(v: &Value) -> String {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let fields: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::String(k.clone()), canonical(&map[k])))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(after: Value) -> AuditEvent {
        AuditEvent {
            id: "e1".into(),
            actor_id: "u1".into(),
            at: "2026-12-06T10:00:00+01:00".into(),
            entity: "claim".into(),
            entity_id: "c1".into(),
            action: "update".into(),
            before: None,
            after: Some(after),
        }
    }

    #[test]
    fn a_signature_holds_whatever_the_key_order_and_breaks_on_any_change() {
        let dir = tempfile::tempdir().unwrap();
        let ws = dir.path().join("desk.db");
        assert!(
            Signer::create(&ws, "../../escape").is_err(),
            "an id is never a path"
        );
        let signer = Signer::create(&ws, "0a1").unwrap();
        let signed = event(serde_json::json!({"statement": "a", "tags": ["x"]}));
        let signature = signer.sign(&signed, Some("w1"), None);
        let reordered: Value = serde_json::from_str(r#"{"tags":["x"],"statement":"a"}"#).unwrap();
        let key = signer.public_key();
        assert!(verifies(
            &key,
            &signature,
            &event(reordered),
            Some("w1"),
            None
        ));
        let changed = event(serde_json::json!({"statement": "b", "tags": ["x"]}));
        assert!(!verifies(&key, &signature, &changed, Some("w1"), None));
        assert!(!verifies(&key, &signature, &signed, Some("w2"), None));
        assert!(!verifies(&key, "00", &signed, Some("w1"), None));
        let other = Signer::create(&ws, "0a2").unwrap();
        assert!(!verifies(
            &other.public_key(),
            &signature,
            &signed,
            Some("w1"),
            None
        ));
        let again = Signer::load(&ws, "0a1").unwrap();
        assert_eq!(again.public_key(), key, "the key is kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(key_path(&ws, "0a1").unwrap())
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
        }
    }
}
