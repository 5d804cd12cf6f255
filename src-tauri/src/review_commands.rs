//! The review IPC commands: user profiles, the review of a claim
//! (assign, propose, approve, reopen, evidence), comments, queues, the
//! History tab and activity feed, Undo, and outlets' credibility. Thin,
//! like `commands.rs`: every write is attributed to the active user.

use tauri::State;

use claimtrail::model::{
    ActivityQuery, CommentInfo, Credibility, EvidenceFields, EvidenceInfo, HistoryEntry,
    OutletInfo, QueueCounts, ReviewAction, ReviewInfo, UndoEntry, UserInfo,
};
use claimtrail::store::users;
use claimtrail::{comments, history, outlets, review, undo};

use crate::error::Result;
use crate::AppState;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> Result<Vec<UserInfo>> {
    Ok(users::list(&state.store().await?).await?)
}

/// Adds a profile; the first one of a workspace becomes the active user.
#[tauri::command]
pub async fn add_user(
    state: State<'_, AppState>,
    name: String,
    initials: Option<String>,
    color: Option<String>,
) -> Result<UserInfo> {
    Ok(users::add(
        &state.store().await?,
        &name,
        initials.as_deref(),
        color.as_deref(),
    )
    .await?)
}

/// Makes another profile the active user (one click in the top bar).
#[tauri::command]
pub async fn switch_user(state: State<'_, AppState>, id: String) -> Result<UserInfo> {
    Ok(users::set_active(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn get_review(state: State<'_, AppState>, claim_id: String) -> Result<ReviewInfo> {
    Ok(review::get(&state.store().await?, &claim_id).await?)
}

/// Assign, unassign, propose, approve or reopen; a refused move is an
/// `invalid_input` error saying why.
#[tauri::command]
pub async fn review_claim(
    state: State<'_, AppState>,
    claim_id: String,
    action: ReviewAction,
) -> Result<ReviewInfo> {
    Ok(review::act(&state.store().await?, &claim_id, &action).await?)
}

#[tauri::command]
pub async fn add_evidence(
    state: State<'_, AppState>,
    claim_id: String,
    fields: EvidenceFields,
) -> Result<EvidenceInfo> {
    Ok(review::add_evidence(&state.store().await?, &claim_id, &fields).await?)
}

#[tauri::command]
pub async fn remove_evidence(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(review::remove_evidence(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn list_comments(
    state: State<'_, AppState>,
    claim_id: String,
) -> Result<Vec<CommentInfo>> {
    Ok(comments::list(&state.store().await?, &claim_id).await?)
}

#[tauri::command]
pub async fn add_comment(
    state: State<'_, AppState>,
    claim_id: String,
    parent_id: Option<String>,
    body: String,
) -> Result<CommentInfo> {
    Ok(comments::add(
        &state.store().await?,
        &claim_id,
        parent_id.as_deref(),
        &body,
    )
    .await?)
}

#[tauri::command]
pub async fn edit_comment(
    state: State<'_, AppState>,
    id: String,
    body: String,
) -> Result<CommentInfo> {
    Ok(comments::edit(&state.store().await?, &id, &body).await?)
}

#[tauri::command]
pub async fn delete_comment(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(comments::delete(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn queue_counts(state: State<'_, AppState>) -> Result<QueueCounts> {
    Ok(review::queue_counts(&state.store().await?).await?)
}

#[tauri::command]
pub async fn claim_history(
    state: State<'_, AppState>,
    claim_id: String,
) -> Result<Vec<HistoryEntry>> {
    Ok(history::claim(&state.store().await?, &claim_id).await?)
}

#[tauri::command]
pub async fn activity(
    state: State<'_, AppState>,
    query: ActivityQuery,
) -> Result<Vec<HistoryEntry>> {
    Ok(history::activity(&state.store().await?, &query).await?)
}

/// The active user's recent changes still in effect, newest first.
#[tauri::command]
pub async fn recent_changes(state: State<'_, AppState>) -> Result<Vec<UndoEntry>> {
    Ok(undo::recent(&state.store().await?).await?)
}

/// Undoes one change (by write id), or the newest one when none is named.
#[tauri::command]
pub async fn undo(state: State<'_, AppState>, write_id: Option<String>) -> Result<UndoEntry> {
    Ok(undo::undo(&state.store().await?, write_id.as_deref()).await?)
}

#[tauri::command]
pub async fn redo(state: State<'_, AppState>) -> Result<UndoEntry> {
    Ok(undo::redo(&state.store().await?).await?)
}

#[tauri::command]
pub async fn list_outlet_ratings(state: State<'_, AppState>) -> Result<Vec<OutletInfo>> {
    Ok(outlets::list(&state.store().await?).await?)
}

#[tauri::command]
pub async fn set_outlet_credibility(
    state: State<'_, AppState>,
    outlet: String,
    credibility: Credibility,
    note: Option<String>,
) -> Result<OutletInfo> {
    Ok(
        outlets::set_credibility(&state.store().await?, &outlet, credibility, note.as_deref())
            .await?,
    )
}
