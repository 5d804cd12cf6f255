//! The trail IPC commands: search, links between claims, "find
//! everywhere", storylines and timelines. Thin, like `commands.rs`.

use tauri::State;

use claimtrail::model::{
    LinkFields, LinkInfo, MatchScope, Matches, SavedSearch, SearchQuery, SearchResults,
    StorylineDetail, StorylineInfo, Timeline, TimelineQuery,
};
use claimtrail::{links, matches, saved_searches, search, storylines, timeline};

use crate::error::Result;
use crate::AppState;

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults> {
    Ok(search::search(&state.store().await?, &query).await?)
}

#[tauri::command]
pub async fn list_saved_searches(state: State<'_, AppState>) -> Result<Vec<SavedSearch>> {
    Ok(saved_searches::list(&state.store().await?).await?)
}

#[tauri::command]
pub async fn save_search(
    state: State<'_, AppState>,
    name: String,
    query: SearchQuery,
) -> Result<SavedSearch> {
    Ok(saved_searches::save(&state.store().await?, &name, &query).await?)
}

#[tauri::command]
pub async fn delete_saved_search(state: State<'_, AppState>, id: String) -> Result<()> {
    saved_searches::delete(&state.store().await?, &id).await?;
    Ok(())
}

#[tauri::command]
pub async fn list_links(state: State<'_, AppState>, claim_id: String) -> Result<Vec<LinkInfo>> {
    Ok(links::for_claim(&state.store().await?, &claim_id).await?)
}

#[tauri::command]
pub async fn create_link(state: State<'_, AppState>, fields: LinkFields) -> Result<LinkInfo> {
    Ok(links::create(&state.store().await?, &fields).await?)
}

#[tauri::command]
pub async fn delete_link(state: State<'_, AppState>, id: String) -> Result<()> {
    links::delete(&state.store().await?, &id).await?;
    Ok(())
}

#[tauri::command]
pub async fn find_matches(state: State<'_, AppState>, scope: MatchScope) -> Result<Matches> {
    Ok(matches::find(&state.store().await?, &scope).await?)
}

#[tauri::command]
pub async fn list_storylines(state: State<'_, AppState>) -> Result<Vec<StorylineInfo>> {
    Ok(storylines::list(&state.store().await?).await?)
}

#[tauri::command]
pub async fn get_storyline(state: State<'_, AppState>, id: String) -> Result<StorylineDetail> {
    Ok(storylines::get(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn create_storyline(
    state: State<'_, AppState>,
    name: String,
    description: Option<String>,
) -> Result<StorylineInfo> {
    Ok(storylines::create(&state.store().await?, &name, description.as_deref()).await?)
}

#[tauri::command]
pub async fn update_storyline(
    state: State<'_, AppState>,
    id: String,
    name: String,
    description: Option<String>,
) -> Result<StorylineInfo> {
    Ok(storylines::update(&state.store().await?, &id, &name, description.as_deref()).await?)
}

#[tauri::command]
pub async fn delete_storyline(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(storylines::delete(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn add_to_storyline(
    state: State<'_, AppState>,
    storyline_id: String,
    claim_id: String,
) -> Result<StorylineDetail> {
    Ok(storylines::add_claim(&state.store().await?, &storyline_id, &claim_id).await?)
}

#[tauri::command]
pub async fn remove_from_storyline(
    state: State<'_, AppState>,
    storyline_id: String,
    claim_id: String,
) -> Result<StorylineDetail> {
    Ok(storylines::remove_claim(&state.store().await?, &storyline_id, &claim_id).await?)
}

#[tauri::command]
pub async fn reorder_storyline(
    state: State<'_, AppState>,
    storyline_id: String,
    claim_ids: Vec<String>,
) -> Result<StorylineDetail> {
    Ok(storylines::reorder(&state.store().await?, &storyline_id, &claim_ids).await?)
}

#[tauri::command]
pub async fn timeline(state: State<'_, AppState>, query: TimelineQuery) -> Result<Timeline> {
    Ok(timeline::timeline(&state.store().await?, &query).await?)
}
