//! Help → About: the version, where the workspace and what belongs to it
//! are kept, the log folder, and the licences of the components the app is
//! built from (`licences.json`, written by `scripts/licences.mjs` from
//! `cargo metadata` and the UI's lock file; the test run checks it is
//! fresh).

use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::Result;
use crate::AppState;

/// One component the app is built from.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Component {
    pub name: String,
    pub version: String,
    /// Its licence as an SPDX expression.
    pub licence: String,
    /// `rust`, `npm` or `system` (a library the package depends on).
    pub kind: String,
}

/// What Help → About shows.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AboutInfo {
    pub version: String,
    /// Claimtrail's own licence.
    pub licence: String,
    /// The open workspace file, its backups folder and its signing keys'
    /// folder; none when no workspace is open.
    pub workspace: Option<String>,
    pub backups: Option<String>,
    pub keys: Option<String>,
    pub log_folder: String,
    pub components: Vec<Component>,
}

const LICENCES: &str = include_str!("../licences.json");

#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> Result<AboutInfo> {
    let path = state
        .store
        .read()
        .await
        .as_ref()
        .map(|s| s.path().to_path_buf());
    let shown = |p: std::path::PathBuf| p.display().to_string();
    Ok(AboutInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        licence: env!("CARGO_PKG_LICENSE").to_owned(),
        workspace: path.clone().map(shown),
        backups: path
            .as_deref()
            .map(claimtrail::store::backup::folder)
            .map(shown),
        keys: path
            .as_deref()
            .map(claimtrail::store::signing::folder)
            .map(shown),
        log_folder: shown(claimtrail::logging::folder()),
        components: serde_json::from_str(LICENCES).unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licence_list_reads_and_names_the_main_components() {
        let components: Vec<Component> = serde_json::from_str(LICENCES).unwrap();
        for name in ["tauri", "sqlx", "ring", "svelte", "WebKitGTK"] {
            assert!(
                components.iter().any(|c| c.name == name),
                "{name} is listed"
            );
        }
        assert!(components.iter().all(|c| !c.licence.is_empty()));
    }
}
