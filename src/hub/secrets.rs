//! Where a desk keeps its hub password: never in the workspace, a bundle
//! or an export, but in a file only its owner can read (mode 0600) in the
//! user's configuration folder, one per workspace link (named by the
//! desk's id). `CLAIMTRAIL_SECRETS_DIR` moves the folder (tests).

use std::path::PathBuf;

use crate::store::{Result, StoreError};

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

/// Keeps the password for the desk's link, readable by this user only.
pub fn save(desk: &str, password: &str) -> Result<()> {
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

/// The kept password, if there is one.
pub fn load(desk: &str) -> Option<String> {
    std::fs::read_to_string(file(desk)).ok()
}

/// Forgets the password (leaving the hub).
pub fn forget(desk: &str) {
    let _ = std::fs::remove_file(file(desk));
}
