//! Native file dialogs, shown by Rust so the webview never names a path
//! itself. End-to-end tests cannot click a native dialog: in debug builds,
//! when `CLAIMTRAIL_E2E_PICK` holds paths (separated like PATH), every
//! dialog answers with them instead.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FilePath};

/// What the user is asked to choose.
#[derive(Debug, Clone)]
pub enum Pick {
    /// Article files, several at once.
    Articles,
    /// A folder of articles.
    Folder,
    /// An existing workspace file.
    Workspace,
    /// Where to create a new workspace file.
    NewWorkspace,
    /// Where to save an export, suggesting this file name.
    Export(String),
    /// An annotation file (Hypothesis or W3C JSON).
    Annotations,
    /// A workspace bundle from a colleague.
    Bundle,
}

/// Shows the dialog and returns the chosen paths; empty when cancelled.
pub async fn pick(app: &AppHandle, what: Pick) -> Vec<PathBuf> {
    #[cfg(debug_assertions)]
    if let Some(paths) = test_pick() {
        return match what {
            Pick::Articles => paths,
            _ => paths.into_iter().take(1).collect(),
        };
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<Vec<FilePath>>();
    let dialog = app.dialog().file();
    match what {
        Pick::Articles => dialog
            .add_filter("Articles", &["txt", "html", "htm", "md", "markdown"])
            .pick_files(move |p| {
                let _ = tx.send(p.unwrap_or_default());
            }),
        Pick::Folder => dialog.pick_folder(move |p| {
            let _ = tx.send(p.into_iter().collect());
        }),
        Pick::Workspace => dialog
            .add_filter("Claimtrail workspace", &["db", "sqlite"])
            .pick_file(move |p| {
                let _ = tx.send(p.into_iter().collect());
            }),
        Pick::Export(name) => dialog.set_file_name(&name).save_file(move |p| {
            let _ = tx.send(p.into_iter().collect());
        }),
        Pick::Annotations => dialog
            .add_filter("Annotations", &["json", "jsonld"])
            .pick_file(move |p| {
                let _ = tx.send(p.into_iter().collect());
            }),
        Pick::Bundle => dialog
            .add_filter("Claimtrail bundle", &["ctbundle", "zip"])
            .pick_file(move |p| {
                let _ = tx.send(p.into_iter().collect());
            }),
        Pick::NewWorkspace => dialog
            .add_filter("Claimtrail workspace", &["db"])
            .set_file_name("workspace.db")
            .save_file(move |p| {
                let _ = tx.send(p.into_iter().collect());
            }),
    }
    let chosen = rx.await.unwrap_or_default();
    chosen
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .collect()
}

/// Only in debug builds, which the end-to-end tests drive: a release build
/// never lets an environment variable answer its dialogs.
#[cfg(debug_assertions)]
fn test_pick() -> Option<Vec<PathBuf>> {
    let paths: Vec<PathBuf> = std::env::split_paths(&std::env::var_os("CLAIMTRAIL_E2E_PICK")?)
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    (!paths.is_empty()).then_some(paths)
}
