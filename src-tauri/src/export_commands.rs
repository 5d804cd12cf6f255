//! The export IPC commands: export previews, exports saved through a
//! native save dialog opened by Rust, annotation imports through an open
//! dialog, and the organisation setting. Thin, like `commands.rs`.

use tauri::{AppHandle, State};

use claimtrail::annotation_import::{self, AnnotationOutcome};
use claimtrail::bundle::{self, BundlePreview, BundleSummary, ConflictInfo, Settle};
use claimtrail::export::{self, ExportPreview, ExportRequest, Organisation};

use crate::dialogs::{pick, Pick};
use crate::error::{ApiError, ErrorCode, Result};
use crate::AppState;

#[tauri::command]
pub async fn export_preview(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<ExportPreview> {
    Ok(export::preview(&state.store().await?, &request).await?)
}

/// Asks where to save (suggesting `file_name`), writes the export whole;
/// the path written, or `None` when the person cancelled.
#[tauri::command]
pub async fn export_to_file(
    app: AppHandle,
    state: State<'_, AppState>,
    request: ExportRequest,
    file_name: String,
) -> Result<Option<String>> {
    let store = state.store().await?;
    let bytes = export::export(&store, &request.scope, request.format, &request.options).await?;
    let Some(path) = pick(&app, Pick::Export(file_name)).await.into_iter().next() else {
        return Ok(None);
    };
    export::write_file(&path, &bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::Workspace,
            format!("The export could not be saved to {}: {e}", path.display()),
        )
    })?;
    Ok(Some(path.display().to_string()))
}

/// Asks for an annotation file and imports it; `None` when cancelled.
#[tauri::command]
pub async fn import_annotations(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Vec<AnnotationOutcome>>> {
    let store = state.store().await?;
    let Some(path) = pick(&app, Pick::Annotations).await.into_iter().next() else {
        return Ok(None);
    };
    let bytes = annotation_import::read_file(&path)?;
    Ok(Some(annotation_import::import(&store, &bytes).await?))
}

#[tauri::command]
pub async fn get_organisation(state: State<'_, AppState>) -> Result<Organisation> {
    Ok(export::organisation(&state.store().await?).await?)
}

#[tauri::command]
pub async fn set_organisation(
    state: State<'_, AppState>,
    name: String,
    url: Option<String>,
) -> Result<Organisation> {
    Ok(export::set_organisation(&state.store().await?, &name, url.as_deref()).await?)
}

/// Asks where to save, writes the whole workspace as a bundle; the path
/// written, or `None` when the person cancelled.
#[tauri::command]
pub async fn export_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
    file_name: String,
) -> Result<Option<String>> {
    let store = state.store().await?;
    let Some(path) = pick(&app, Pick::Export(file_name)).await.into_iter().next() else {
        return Ok(None);
    };
    bundle::export(&store, &path).await?;
    Ok(Some(path.display().to_string()))
}

/// Asks for a bundle and answers what importing it would change, changing
/// nothing; the bundle waits for `import_bundle` or `discard_bundle`.
/// `None` when the person cancelled.
#[tauri::command]
pub async fn choose_bundle(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<BundlePreview>> {
    let store = state.store().await?;
    let Some(path) = pick(&app, Pick::Bundle).await.into_iter().next() else {
        return Ok(None);
    };
    // Read once: what the preview shows is what Import merges.
    let file = bundle::BundleFile::open(&path)?;
    let summary = bundle::preview_file(&store, &file).await?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    *state.pending_bundle.lock().await = Some(file);
    Ok(Some(BundlePreview { file_name, summary }))
}

/// Merges the bundle chosen with `choose_bundle`.
#[tauri::command]
pub async fn import_bundle(state: State<'_, AppState>) -> Result<BundleSummary> {
    let store = state.store().await?;
    let mut pending = state.pending_bundle.lock().await;
    let file = pending.as_ref().ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            "No bundle is waiting to be imported; choose one first.",
        )
    })?;
    let summary = bundle::import_file(&store, file).await?;
    *pending = None;
    claimtrail::reappearances::after_arrivals(&store).await;
    Ok(summary)
}

/// Forgets the bundle chosen with `choose_bundle` (the person cancelled).
#[tauri::command]
pub async fn discard_bundle(state: State<'_, AppState>) -> Result<()> {
    *state.pending_bundle.lock().await = None;
    Ok(())
}

/// The merge conflicts waiting for a person (with `settled`, all).
#[tauri::command]
pub async fn merge_conflicts(
    state: State<'_, AppState>,
    settled: bool,
) -> Result<Vec<ConflictInfo>> {
    Ok(bundle::conflicts(&state.store().await?, settled).await?)
}

#[tauri::command]
pub async fn settle_conflict(
    state: State<'_, AppState>,
    id: String,
    choice: Settle,
) -> Result<ConflictInfo> {
    Ok(bundle::settle(&state.store().await?, &id, choice).await?)
}
