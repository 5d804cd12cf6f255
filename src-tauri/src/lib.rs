//! Wiring: the app state, the command list, and native drag-and-drop.
//!
//! The window opens even when its workspace cannot: the store is then
//! None and every command answers with a `workspace` error saying to open
//! or create one from the workspace menu. Paths never come from the
//! webview: dropped files are imported by Rust, and a bundle chosen for
//! import waits in `AppState::pending_bundle` (its bytes, read once) while
//! its preview is shown.

mod about;
mod backups;
mod claim_commands;
mod commands;
mod crash;
mod dialogs;
mod embedding;
mod error;
mod export_commands;
mod jobs;
mod review_commands;
mod team;
mod trail_commands;

use std::path::PathBuf;

use tauri::{DragDropEvent, Emitter, Manager, WindowEvent};
use tokio::sync::RwLock;

use claimtrail::store::Store;

pub use error::{ApiError, ErrorCode};

/// What every command can reach: the open workspace and the running imports.
pub struct AppState {
    /// None when the workspace could not be opened at start; the window
    /// still opens so the user can open or create another one.
    store: RwLock<Option<Store>>,
    /// Why the start workspace could not be opened.
    start_error: Option<String>,
    /// Why the workspace was closed after it opened (its check found it
    /// damaged).
    damaged: std::sync::Mutex<Option<String>>,
    jobs: jobs::Jobs,
    /// The bundle the person chose and is looking at the preview of:
    /// importing it takes no path from the webview.
    pending_bundle: tokio::sync::Mutex<Option<claimtrail::bundle::BundleFile>>,
    team: team::Waker,
    embedder: embedding::Embedder,
}

impl AppState {
    async fn store(&self) -> Result<Store, ApiError> {
        self.store.read().await.clone().ok_or_else(|| {
            let damaged = self.damaged.lock().ok().and_then(|d| d.clone());
            let why = damaged
                .as_deref()
                .or(self.start_error.as_deref())
                .unwrap_or("no workspace is open");
            ApiError::new(
                ErrorCode::Workspace,
                format!(
                    "{}. Open or create a workspace from the workspace menu.",
                    why.trim_end_matches('.')
                ),
            )
        })
    }
}

/// The workspace, telling the window when one of its writes waits for
/// another program's ("workspace-waiting": true while it waits).
pub(crate) fn announcing_waits(store: Store, app: &tauri::AppHandle) -> Store {
    let app = app.clone();
    store.on_wait(move |waiting| {
        let _ = app.emit(
            "workspace-waiting",
            waiting == claimtrail::store::Waiting::Started,
        );
    })
}

/// The workspace to open at start: `CLAIMTRAIL_DB` when set, else the
/// default workspace in the OS data folder.
pub(crate) fn start_path() -> PathBuf {
    std::env::var_os("CLAIMTRAIL_DB")
        .map(PathBuf::from)
        .unwrap_or_else(claimtrail::store::default_path)
}

pub fn run() {
    // Held until the window closes, so the last lines reach the file.
    let level = std::env::var("CLAIMTRAIL_LOG").unwrap_or_else(|_| "info".to_owned());
    let _log = claimtrail::logging::init("app", &level)
        .map_err(|e| eprintln!("claimtrail: no log file: {e}"))
        .ok()
        .flatten();
    crash::install();
    let path = start_path();
    let opened = tauri::async_runtime::block_on(async {
        let store = Store::open(&path).await?;
        // A scripted or shared setup names its user; otherwise the window
        // asks who you are.
        claimtrail::store::users::adopt_env_user(&store).await?;
        Ok::<_, claimtrail::store::StoreError>(store)
    });
    let (store, start_error) = match opened {
        Ok(store) => (Some(store), None),
        Err(e) => {
            eprintln!("claimtrail: {e}");
            tracing::error!(error = %e, "the start workspace could not be opened");
            (None, Some(e.to_string()))
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            store: RwLock::new(store),
            start_error,
            jobs: jobs::Jobs::default(),
            pending_bundle: Default::default(),
            team: team::Waker::default(),
            damaged: Default::default(),
            embedder: Default::default(),
        })
        .setup(|app| {
            crash::attach(app.handle());
            let state = app.state::<AppState>();
            let mut slot = tauri::async_runtime::block_on(state.store.write());
            if let Some(store) = slot.take() {
                *slot = Some(announcing_waits(store, app.handle()));
            }
            drop(slot);
            team::spawn(app.handle().clone());
            backups::spawn(app.handle().clone());
            backups::check_in_background(app.handle().clone());
            embedding::spawn(app.handle().clone());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                // Listing dropped folders reads the disk: not on the window's
                // event thread.
                let app = window.app_handle().clone();
                let paths = paths.clone();
                tauri::async_runtime::spawn_blocking(move || {
                    jobs::start(app, claimtrail::import::expand_paths(&paths));
                });
            }
        })
        .invoke_handler(tauri::generate_handler![
            about::about,
            crash::take_crash_report,
            commands::workspace_info,
            commands::open_workspace,
            commands::open_example_workspace,
            commands::open_start_workspace,
            commands::open_log_folder,
            commands::list_articles_page,
            commands::list_outlets,
            commands::get_article,
            commands::correct_article,
            commands::revision_diff,
            commands::import_text,
            commands::import_url,
            commands::import_files,
            commands::import_folder,
            commands::cancel_import,
            claim_commands::list_claims,
            claim_commands::get_claim,
            claim_commands::article_appearances,
            claim_commands::create_claim,
            claim_commands::add_appearance,
            claim_commands::update_claim,
            claim_commands::update_appearance,
            claim_commands::delete_appearance,
            claim_commands::delete_claim,
            claim_commands::place_appearance,
            claim_commands::list_persons,
            claim_commands::create_person,
            claim_commands::add_alias,
            claim_commands::remove_alias,
            claim_commands::merge_persons,
            claim_commands::suggest_claims,
            claim_commands::appearance_hints,
            claim_commands::dismiss_suggestion,
            claim_commands::restore_suggestion,
            claim_commands::list_reappearances,
            claim_commands::accept_reappearance,
            claim_commands::dismiss_reappearance,
            claim_commands::restore_reappearance,
            trail_commands::search,
            trail_commands::list_saved_searches,
            trail_commands::save_search,
            trail_commands::delete_saved_search,
            trail_commands::list_links,
            trail_commands::create_link,
            trail_commands::delete_link,
            trail_commands::find_matches,
            trail_commands::list_storylines,
            trail_commands::get_storyline,
            trail_commands::create_storyline,
            trail_commands::update_storyline,
            trail_commands::delete_storyline,
            trail_commands::add_to_storyline,
            trail_commands::remove_from_storyline,
            trail_commands::reorder_storyline,
            trail_commands::timeline,
            team::team_status,
            team::team_check,
            team::team_join,
            team::team_sync,
            team::team_leave,
            review_commands::list_users,
            review_commands::add_user,
            review_commands::switch_user,
            review_commands::get_review,
            review_commands::review_claim,
            review_commands::add_evidence,
            review_commands::remove_evidence,
            review_commands::list_comments,
            review_commands::add_comment,
            review_commands::edit_comment,
            review_commands::delete_comment,
            review_commands::queue_counts,
            review_commands::claim_history,
            review_commands::activity,
            review_commands::recent_changes,
            review_commands::undo,
            review_commands::redo,
            review_commands::list_outlet_ratings,
            review_commands::set_outlet_credibility,
            export_commands::export_preview,
            export_commands::export_to_file,
            export_commands::import_annotations,
            export_commands::get_organisation,
            export_commands::set_organisation,
            export_commands::export_bundle,
            export_commands::choose_bundle,
            export_commands::import_bundle,
            export_commands::discard_bundle,
            export_commands::merge_conflicts,
            export_commands::settle_conflict,
            backups::list_backups,
            backups::create_backup,
            backups::restore_backup,
        ])
        .build(tauri::generate_context!())
        .expect("the Claimtrail window opens")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                backups::on_exit(app);
                crash::on_exit();
            }
        });
}
