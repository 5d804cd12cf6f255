//! The IPC commands. Each takes state and a request, calls the library, and
//! maps the error; nothing else happens here.

use tauri::{AppHandle, Emitter, State};

use claimtrail::import::{self, Input};
use claimtrail::model::{
    ArticleDetail, ArticlePage, ArticleQuery, ArticleSummary, ImportJob, ImportOutcome,
    MetadataCorrection, OutletCount, RevisionDiff, WorkspaceInfo,
};
use claimtrail::store::Store;
use claimtrail::{articles, corrections, workspace};

use crate::dialogs::{self, Pick};
use crate::error::{ApiError, ErrorCode, Result};
use crate::{jobs, AppState};

#[tauri::command]
pub async fn workspace_info(state: State<'_, AppState>) -> Result<WorkspaceInfo> {
    Ok(workspace::info(&state.store().await?).await?)
}

/// Shows the native dialog to open (or, with `create`, make) a workspace
/// file and switches to it. `None` when the user cancels.
#[tauri::command]
pub async fn open_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
    create: bool,
) -> Result<Option<WorkspaceInfo>> {
    let what = if create {
        Pick::NewWorkspace
    } else {
        Pick::Workspace
    };
    let Some(path) = dialogs::pick(&app, what).await.into_iter().next() else {
        return Ok(None);
    };
    ensure_no_import(&state)?;
    switch_to(&app, &state, Store::open(&path).await?)
        .await
        .map(Some)
}

/// The example workspace's file: beside the start workspace.
fn example_path() -> std::path::PathBuf {
    crate::start_path().with_file_name("example-workspace.db")
}

/// Opens the example workspace (`claimtrail::example`), making it the first
/// time: the empty library's "Open the example workspace". An example
/// opened before is opened as it was left; nothing is ever deleted (to
/// start it afresh, delete the file).
#[tauri::command]
pub async fn open_example_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo> {
    ensure_no_import(&state)?;
    let path = example_path();
    if !path.exists() {
        // Made as its reporter, then opened as any workspace is (its
        // active user is the reporter).
        claimtrail::example::create(&path).await?.close().await;
    }
    switch_to(&app, &state, Store::open(&path).await?).await
}

/// Goes back from the example to the workspace the app started on.
#[tauri::command]
pub async fn open_start_workspace(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<WorkspaceInfo> {
    ensure_no_import(&state)?;
    switch_to(&app, &state, Store::open(&crate::start_path()).await?).await
}

fn ensure_no_import(state: &AppState) -> Result<()> {
    if state.jobs.any_running() {
        return Err(ApiError::new(
            ErrorCode::InvalidInput,
            "An import is still running in this workspace. Wait for it to finish or cancel it, then open the other workspace.",
        ));
    }
    Ok(())
}

/// Makes `store` the app's workspace and tells the window.
async fn switch_to(app: &AppHandle, state: &AppState, store: Store) -> Result<WorkspaceInfo> {
    let store = crate::announcing_waits(store, app);
    claimtrail::store::users::adopt_env_user(&store).await?;
    let info = workspace::info(&store).await?;
    // The old pool is dropped, not closed: a command that cloned it a
    // moment ago finishes its work instead of failing on a closed pool.
    *state.store.write().await = Some(store);
    if let Ok(mut damaged) = state.damaged.lock() {
        *damaged = None;
    }
    state.team.wake();
    let _ = app.emit("workspace-changed", &info);
    crate::backups::check_in_background(app.clone());
    Ok(info)
}

/// One page of the library (`limit` articles from `offset`) and the
/// length of the whole list: the app shows 100,000 articles a page at a time.
#[tauri::command]
pub async fn list_articles_page(
    state: State<'_, AppState>,
    query: ArticleQuery,
    offset: u32,
    limit: u32,
) -> Result<ArticlePage> {
    Ok(articles::page(&state.store().await?, &query, offset, Some(limit)).await?)
}

#[tauri::command]
pub async fn list_outlets(state: State<'_, AppState>) -> Result<Vec<OutletCount>> {
    Ok(articles::outlets(&state.store().await?).await?)
}

#[tauri::command]
pub async fn get_article(
    state: State<'_, AppState>,
    id: String,
    revision: Option<u32>,
) -> Result<ArticleDetail> {
    Ok(articles::show(&state.store().await?, &id, revision).await?)
}

/// Corrects what extraction got wrong in an article's metadata.
#[tauri::command]
pub async fn correct_article(
    state: State<'_, AppState>,
    id: String,
    correction: MetadataCorrection,
) -> Result<ArticleSummary> {
    Ok(corrections::correct(&state.store().await?, &id, &correction).await?)
}

#[tauri::command]
pub async fn revision_diff(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
) -> Result<RevisionDiff> {
    Ok(articles::diff(&state.store().await?, &id, from, to).await?)
}

/// Imports pasted text. A rejection is an outcome, not an error.
#[tauri::command]
pub async fn import_text(state: State<'_, AppState>, text: String) -> Result<ImportOutcome> {
    Ok(import::import_input(&state.store().await?, &Input::Pasted(text)).await)
}

/// Fetches and imports a page; a bad address or a refused page is an
/// outcome with its reason, not an error.
#[tauri::command]
pub async fn import_url(state: State<'_, AppState>, url: String) -> Result<ImportOutcome> {
    let input = Input::Url(url.trim().to_owned());
    Ok(import::import_input(&state.store().await?, &input).await)
}

/// Lets the user pick files, then imports them in the background.
#[tauri::command]
pub async fn import_files(app: AppHandle) -> Result<Option<ImportJob>> {
    let paths = dialogs::pick(&app, Pick::Articles).await;
    if paths.is_empty() {
        return Ok(None);
    }
    Ok(Some(jobs::start(
        app,
        paths.into_iter().map(Input::Path).collect(),
    )))
}

/// Lets the user pick a folder, then imports every file in it.
#[tauri::command]
pub async fn import_folder(app: AppHandle) -> Result<Option<ImportJob>> {
    let Some(folder) = dialogs::pick(&app, Pick::Folder).await.into_iter().next() else {
        return Ok(None);
    };
    let inputs = tauri::async_runtime::spawn_blocking(move || import::expand_paths(&[folder]))
        .await
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    Ok(Some(jobs::start(app, inputs)))
}

#[tauri::command]
pub async fn cancel_import(state: State<'_, AppState>, job_id: String) -> Result<()> {
    if state.jobs.cancel(&job_id) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::NotFound,
            "That import has already finished.",
        ))
    }
}

/// Where the app writes its log, and whether the file manager was asked
/// to show it.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct LogFolder {
    pub path: String,
    /// False when no file manager could be started (the path is shown).
    pub opened: bool,
}

/// Shows the log folder in the file manager (Help → Open log folder), so
/// a journalist can attach today's log to a bug report. The path is the
/// app's own, never one from the webview.
#[tauri::command]
pub async fn open_log_folder() -> Result<LogFolder> {
    let folder = claimtrail::logging::folder();
    std::fs::create_dir_all(&folder).map_err(|e| {
        ApiError::new(
            ErrorCode::Internal,
            format!("The log folder {} could not be made: {e}", folder.display()),
        )
    })?;
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    let opened = match std::process::Command::new(opener)
        .arg(&folder)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(mut child) => {
            // Reaped when it ends, so no zombie is left behind.
            std::thread::spawn(move || child.wait());
            true
        }
        Err(_) => false,
    };
    Ok(LogFolder {
        path: folder.display().to_string(),
        opened,
    })
}
