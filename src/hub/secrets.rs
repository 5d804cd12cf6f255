//! Where a desk keeps its hub password: never in the workspace, a bundle
//! or an export. It goes into the OS keyring (the Secret Service on Linux,
//! as GNOME Keyring and KWallet provide it; the Keychain on macOS; the
//! Credential Manager on Windows) under the service `Claimtrail team hub`
//! and the desk's id. Where no keyring runs or it refuses (a server, a
//! desktop without one, a locked keyring), it goes into a file only its
//! owner can read (mode 0600) in the user's configuration folder, one per
//! workspace link. `CLAIMTRAIL_SECRETS_DIR` moves that folder and
//! `CLAIMTRAIL_KEYRING=off` leaves the keyring out (both for tests).
//!
//! Keyring calls block (D-Bus round trips, an unlock prompt): they run on
//! a thread of their own with a time limit, never on the async runtime.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use keyring_core::{CredentialStore, Entry, Error as KeyringError};

use crate::store::{Result, StoreError};

/// The keyring's name for Claimtrail's entries.
const SERVICE: &str = "Claimtrail team hub";
/// How long a keyring call may take (a locked keyring may wait for a
/// person to unlock it) before the file is used instead.
const PATIENCE: Duration = Duration::from_secs(10);

/// Where a password was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// In the OS keyring.
    Keyring,
    /// In this file (no keyring ran, or it refused; the reason).
    File(PathBuf, String),
}

fn folder() -> PathBuf {
    match std::env::var_os("CLAIMTRAIL_SECRETS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => dirs::config_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("claimtrail")
            .join("hub"),
    }
}

fn file(desk: &str) -> PathBuf {
    folder().join(format!("{desk}.secret"))
}

fn failed(e: std::io::Error) -> StoreError {
    StoreError::Hub(format!(
        "The hub password could not be kept in {}: {e}",
        folder().display()
    ))
}

/// Passwords read in this process, by desk: a keyring lookup is a D-Bus
/// round trip, and every command that writes connects.
fn cache() -> &'static Mutex<HashMap<String, String>> {
    static CACHE: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The platform's keyring, opened once per process; None where none runs.
fn keyring() -> Option<Arc<CredentialStore>> {
    static STORE: OnceLock<Option<Arc<CredentialStore>>> = OnceLock::new();
    STORE
        .get_or_init(|| {
            if std::env::var("CLAIMTRAIL_KEYRING").is_ok_and(|v| v == "off") {
                return None;
            }
            match patiently(native_store) {
                Ok(store) => Some(store),
                Err(e) => {
                    tracing::info!(error = %e, "no OS keyring: hub passwords go to a file");
                    None
                }
            }
        })
        .clone()
}

fn native_store() -> keyring_core::Result<Arc<CredentialStore>> {
    #[cfg(target_os = "macos")]
    {
        let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
        Ok(store)
    }
    #[cfg(target_os = "windows")]
    {
        let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
        Ok(store)
    }
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    {
        let store: Arc<CredentialStore> = dbus_secret_service_keyring_store::Store::new()?;
        Ok(store)
    }
    #[cfg(not(any(
        target_os = "macos",
        target_os = "windows",
        all(
            unix,
            not(any(target_os = "macos", target_os = "ios", target_os = "android"))
        )
    )))]
    {
        Err(KeyringError::NotSupportedByStore(
            "no keyring on this system".into(),
        ))
    }
}

/// Runs a keyring call on a thread of its own, giving up after `PATIENCE`
/// (the thread is left to finish on its own).
fn patiently<T: Send + 'static>(
    call: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> keyring_core::Result<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(call());
    });
    rx.recv_timeout(PATIENCE).unwrap_or_else(|_| {
        Err(KeyringError::NoStorageAccess(
            "the keyring did not answer in time (is it locked?)".into(),
        ))
    })
}

fn entry(store: &Arc<CredentialStore>, desk: &str) -> keyring_core::Result<Entry> {
    Entry::new_in_store(store, SERVICE, desk)
}

/// Keeps the password for the desk's link: in the OS keyring, else in a
/// file readable by this user only. Says where.
pub fn save(desk: &str, password: &str) -> Result<Kept> {
    let kept = store(desk, password)?;
    if let Ok(mut c) = cache().lock() {
        c.insert(desk.to_owned(), password.to_owned());
    }
    Ok(kept)
}

fn store(desk: &str, password: &str) -> Result<Kept> {
    let refused = match keyring() {
        Some(store) => {
            let (d, p) = (desk.to_owned(), password.to_owned());
            match patiently(move || entry(&store, &d)?.set_password(&p)) {
                Ok(()) => {
                    // A copy kept in a file before is no longer needed.
                    let _ = std::fs::remove_file(file(desk));
                    return Ok(Kept::Keyring);
                }
                Err(e) => {
                    tracing::warn!(error = %e, "the OS keyring refused the hub password: it goes to a file");
                    e.to_string()
                }
            }
        }
        None => "no OS keyring runs here".to_owned(),
    };
    save_file(desk, password)?;
    Ok(Kept::File(file(desk), refused))
}

fn save_file(desk: &str, password: &str) -> Result<()> {
    let dir = folder();
    std::fs::create_dir_all(&dir).map_err(failed)?;
    let path = file(desk);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).map_err(failed)?;
    }
    use std::io::Write;
    let mut f = options.open(&path).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(failed)?;
    }
    f.write_all(password.as_bytes()).map_err(failed)
}

/// The kept password, if there is one. The file first: it is written only
/// when the keyring refused the newest password (a keyring that then held
/// an older one, locked meanwhile, must not win), and removed when the
/// keyring takes one.
pub fn load(desk: &str) -> Option<String> {
    if let Some(p) = cache().lock().ok().and_then(|c| c.get(desk).cloned()) {
        return Some(p);
    }
    if let Ok(p) = std::fs::read_to_string(file(desk)) {
        if let Ok(mut c) = cache().lock() {
            c.insert(desk.to_owned(), p.clone());
        }
        return Some(p);
    }
    let from_keyring = keyring().and_then(|store| {
        let d = desk.to_owned();
        match patiently(move || entry(&store, &d)?.get_password()) {
            Ok(p) => Some(p),
            Err(KeyringError::NoEntry) => None,
            Err(e) => {
                tracing::warn!(error = %e, "the OS keyring could not be read");
                None
            }
        }
    });
    if let (Some(p), Ok(mut c)) = (&from_keyring, cache().lock()) {
        c.insert(desk.to_owned(), p.clone());
    }
    from_keyring
}

/// The kept password read again from the file or the keyring, not from
/// this process's memory of it.
pub fn reload(desk: &str) -> Option<String> {
    if let Ok(mut c) = cache().lock() {
        c.remove(desk);
    }
    load(desk)
}

/// Forgets the password (leaving the hub), wherever it was kept.
pub fn forget(desk: &str) {
    if let Ok(mut c) = cache().lock() {
        c.remove(desk);
    }
    if let Some(store) = keyring() {
        let d = desk.to_owned();
        match patiently(move || entry(&store, &d)?.delete_credential()) {
            Ok(()) | Err(KeyringError::NoEntry) => {}
            Err(e) => {
                tracing::warn!(error = %e, "the OS keyring could not forget the hub password")
            }
        }
    }
    let _ = std::fs::remove_file(file(desk));
}
