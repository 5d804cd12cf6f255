//! Wiring: the app state, the command list, and native drag-and-drop.

mod commands;
mod dialogs;
mod error;
mod jobs;

use std::path::PathBuf;

use tauri::{DragDropEvent, Manager, WindowEvent};
use tokio::sync::RwLock;

use claimtrail::store::Store;

pub use error::{ApiError, ErrorCode};

/// What every command can reach: the open workspace and the running imports.
pub struct AppState {
    store: RwLock<Store>,
    jobs: jobs::Jobs,
}

impl AppState {
    async fn store(&self) -> Store {
        self.store.read().await.clone()
    }
}

/// The workspace to open at start: `CLAIMTRAIL_DB` when set, else the
/// default workspace in the OS data folder.
fn start_path() -> PathBuf {
    std::env::var_os("CLAIMTRAIL_DB")
        .map(PathBuf::from)
        .unwrap_or_else(claimtrail::store::default_path)
}

pub fn run() {
    let path = start_path();
    let store = tauri::async_runtime::block_on(Store::open(&path)).unwrap_or_else(|e| {
        eprintln!("claimtrail: {e}");
        std::process::exit(2);
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            store: RwLock::new(store),
            jobs: jobs::Jobs::default(),
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                let inputs = paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>();
                jobs::start(
                    window.app_handle().clone(),
                    claimtrail::import::expand_inputs(&inputs),
                );
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::open_workspace,
            commands::list_articles,
            commands::list_outlets,
            commands::get_article,
            commands::revision_diff,
            commands::import_text,
            commands::import_url,
            commands::import_files,
            commands::import_folder,
            commands::cancel_import,
        ])
        .run(tauri::generate_context!())
        .expect("the Claimtrail window opens");
}
