//! Backups in the app: the daily one while the window is open, one when it
//! closes after a change, and the Backups dialog's commands (list, back up
//! now, restore). Restoring closes the workspace, puts the backup in its
//! place (the current file is kept aside, see `store::backup`) and opens it
//! again; it works when the workspace could not be opened at all, which is
//! when a backup is needed most.

use std::path::PathBuf;
use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager, State};

use claimtrail::store::backup::{self, Backup, Reason, Restored};
use claimtrail::store::Store;
use claimtrail::workspace;

use crate::error::{ApiError, ErrorCode, Result};
use crate::AppState;

/// How often the daily backup looks whether it is due.
const CHECK_EVERY: Duration = Duration::from_secs(15 * 60);

/// Starts the daily backup: a minute after start, then every quarter of an
/// hour, a backup when none that checked good is younger than a day.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        loop {
            let store = app.state::<AppState>().store.read().await.clone();
            if let Some(store) = store {
                match backup::daily(&store).await {
                    Ok(Some(made)) => tracing::info!(file = %made.file, "daily backup"),
                    Ok(None) => {}
                    Err(e) => tracing::error!(error = %e, "the daily backup failed"),
                }
            }
            tokio::time::sleep(CHECK_EVERY).await;
        }
    });
}

/// Checks the open workspace's every page (SQLite's `quick_check`) without
/// holding up the window: on a large workspace it takes seconds. A damaged
/// file is closed at once and the window told why, with the newest good
/// backup; nothing more is written to it.
pub fn check_in_background(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let Some(store) = state.store.read().await.clone() else {
            return;
        };
        let Err(e) = store.quick_check().await else {
            return;
        };
        tracing::error!(error = %e, "the workspace failed its check and was closed");
        let mut slot = state.store.write().await;
        if slot
            .as_ref()
            .is_some_and(|open| open.path() == store.path())
        {
            if let Some(open) = slot.take() {
                open.pool().close().await;
            }
            if let Ok(mut damaged) = state.damaged.lock() {
                *damaged = Some(e.to_string());
            }
            let _ = app.emit("workspace-damaged", e.to_string());
        }
    });
}

/// When the app closes: a backup if anything changed since the newest.
pub fn on_exit(app: &AppHandle) {
    let state = app.state::<AppState>();
    let store = tauri::async_runtime::block_on(async { state.store.read().await.clone() });
    if let Some(store) = store {
        if let Err(e) = tauri::async_runtime::block_on(backup::on_quit(&store)) {
            tracing::error!(error = %e, "the backup on quit failed");
        }
    }
}

/// The workspace the backups belong to: the open one, else the one the app
/// tried to open at start.
async fn workspace_path(state: &AppState) -> PathBuf {
    match state.store.read().await.as_ref() {
        Some(store) => store.path().to_path_buf(),
        None => crate::start_path(),
    }
}

/// The backups of the workspace, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>> {
    Ok(backup::list(&workspace_path(&state).await)?)
}

/// A backup now, checked before it counts.
#[tauri::command]
pub async fn create_backup(state: State<'_, AppState>) -> Result<Backup> {
    Ok(backup::create(&state.store().await?, Reason::Manual).await?)
}

/// Puts backup `file` in the workspace's place and opens it.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    file: String,
) -> Result<Restored> {
    if state.jobs.any_running() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "An import is still running. Wait for it to finish or cancel it, then restore.",
        ));
    }
    let path = workspace_path(&state).await;
    // Every connection is closed first: the file is about to move.
    let mut slot = state.store.write().await;
    if let Some(open) = slot.take() {
        open.pool().close().await;
    }
    let restored = backup::restore(&path, &file).await;
    let reopened = Store::open(&path)
        .await
        .map(|store| crate::announcing_waits(store, &app));
    match reopened {
        Ok(store) => {
            let info = workspace::info(&store).await?;
            *slot = Some(store);
            drop(slot);
            if let Ok(mut damaged) = state.damaged.lock() {
                *damaged = None;
            }
            state.team.wake();
            let _ = app.emit("workspace-changed", &info);
            check_in_background(app.clone());
        }
        Err(e) => {
            tracing::error!(error = %e, "the workspace did not open after a restore");
        }
    }
    Ok(restored?)
}
