//! The IPC commands for claims, appearances and persons. Like
//! `commands.rs`: take state and a request, call the library, map the error.

use tauri::State;

use claimtrail::model::{
    AppearanceDetails, AppearanceFields, AppearanceHints, AppearanceInfo, ClaimFields, ClaimInfo,
    ClaimQuery, PersonInfo, Reappearance, Suggestion,
};
use claimtrail::{claims, persons, reappearances, suggestions};

use crate::error::Result;
use crate::AppState;

#[tauri::command]
pub async fn list_claims(state: State<'_, AppState>, query: ClaimQuery) -> Result<Vec<ClaimInfo>> {
    Ok(claims::list(&state.store().await?, &query).await?)
}

#[tauri::command]
pub async fn get_claim(state: State<'_, AppState>, id: String) -> Result<ClaimInfo> {
    Ok(claims::get(&state.store().await?, &id).await?)
}

/// Every appearance in an article, on any revision, for highlighting and
/// for listing the ones that need review.
#[tauri::command]
pub async fn article_appearances(
    state: State<'_, AppState>,
    article_id: String,
) -> Result<Vec<AppearanceInfo>> {
    Ok(claims::article_appearances(&state.store().await?, &article_id).await?)
}

#[tauri::command]
pub async fn create_claim(
    state: State<'_, AppState>,
    claim: ClaimFields,
    appearance: Option<AppearanceFields>,
) -> Result<ClaimInfo> {
    Ok(claims::create(&state.store().await?, &claim, appearance.as_ref()).await?)
}

#[tauri::command]
pub async fn add_appearance(
    state: State<'_, AppState>,
    claim_id: String,
    appearance: AppearanceFields,
) -> Result<ClaimInfo> {
    Ok(claims::add_appearance(&state.store().await?, &claim_id, &appearance).await?)
}

#[tauri::command]
pub async fn update_claim(
    state: State<'_, AppState>,
    id: String,
    claim: ClaimFields,
) -> Result<ClaimInfo> {
    Ok(claims::update(&state.store().await?, &id, &claim).await?)
}

#[tauri::command]
pub async fn update_appearance(
    state: State<'_, AppState>,
    id: String,
    details: AppearanceDetails,
) -> Result<ClaimInfo> {
    Ok(claims::update_appearance(&state.store().await?, &id, &details).await?)
}

#[tauri::command]
pub async fn delete_appearance(state: State<'_, AppState>, id: String) -> Result<ClaimInfo> {
    Ok(claims::delete_appearance(&state.store().await?, &id).await?)
}

#[tauri::command]
pub async fn delete_claim(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(claims::delete(&state.store().await?, &id).await?)
}

/// Puts an appearance on `[start, end)` of its article's current revision.
#[tauri::command]
pub async fn place_appearance(
    state: State<'_, AppState>,
    id: String,
    start: u32,
    end: u32,
) -> Result<ClaimInfo> {
    Ok(claims::place(&state.store().await?, &id, start, end).await?)
}

#[tauri::command]
pub async fn list_persons(state: State<'_, AppState>) -> Result<Vec<PersonInfo>> {
    Ok(persons::list(&state.store().await?).await?)
}

#[tauri::command]
pub async fn create_person(
    state: State<'_, AppState>,
    name: String,
    aliases: Vec<String>,
) -> Result<PersonInfo> {
    Ok(persons::create(&state.store().await?, &name, &aliases).await?)
}

#[tauri::command]
pub async fn add_alias(
    state: State<'_, AppState>,
    person_id: String,
    alias: String,
) -> Result<PersonInfo> {
    Ok(persons::add_alias(&state.store().await?, &person_id, &alias).await?)
}

#[tauri::command]
pub async fn remove_alias(
    state: State<'_, AppState>,
    person_id: String,
    alias: String,
) -> Result<PersonInfo> {
    Ok(persons::remove_alias(&state.store().await?, &person_id, &alias).await?)
}

/// Merges `from` into `into`; returns the surviving person.
#[tauri::command]
pub async fn merge_persons(
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> Result<PersonInfo> {
    Ok(persons::merge(&state.store().await?, &from, &into).await?)
}

/// Candidate claims in the article's current revision.
#[tauri::command]
pub async fn suggest_claims(
    state: State<'_, AppState>,
    article_id: String,
) -> Result<Vec<Suggestion>> {
    Ok(suggestions::for_article(&state.store().await?, &article_id).await?)
}

/// What the text suggests for the fields of a selected span.
#[tauri::command]
pub async fn appearance_hints(
    state: State<'_, AppState>,
    article_id: String,
    start: u32,
    end: u32,
) -> Result<AppearanceHints> {
    Ok(suggestions::hints(&state.store().await?, &article_id, start, end).await?)
}

#[tauri::command]
pub async fn dismiss_suggestion(
    state: State<'_, AppState>,
    article_id: String,
    exact: String,
) -> Result<()> {
    Ok(suggestions::dismiss(&state.store().await?, &article_id, &exact).await?)
}

/// Shows a dismissed suggestion again (Undo).
#[tauri::command]
pub async fn restore_suggestion(
    state: State<'_, AppState>,
    article_id: String,
    exact: String,
) -> Result<()> {
    Ok(suggestions::restore(&state.store().await?, &article_id, &exact).await?)
}

/// Tracked claims found again in imported articles, waiting for a person:
/// in one article, or (None) everywhere.
#[tauri::command]
pub async fn list_reappearances(
    state: State<'_, AppState>,
    article_id: Option<String>,
) -> Result<Vec<Reappearance>> {
    Ok(reappearances::list(&state.store().await?, article_id.as_deref()).await?)
}

/// Makes a candidate an appearance of its claim.
#[tauri::command]
pub async fn accept_reappearance(state: State<'_, AppState>, id: String) -> Result<ClaimInfo> {
    Ok(reappearances::accept(&state.store().await?, &id).await?)
}

/// "Not the same": never offered again.
#[tauri::command]
pub async fn dismiss_reappearance(state: State<'_, AppState>, id: String) -> Result<()> {
    Ok(reappearances::dismiss(&state.store().await?, &id).await?)
}

/// Offers a dismissed candidate again (Undo).
#[tauri::command]
pub async fn restore_reappearance(
    state: State<'_, AppState>,
    article_id: String,
    claim_id: String,
    exact: String,
) -> Result<()> {
    Ok(reappearances::restore(&state.store().await?, &article_id, &claim_id, &exact).await?)
}
