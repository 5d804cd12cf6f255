//! The team hub in the app: the commands of the Team dialog and the
//! background sync that keeps the open workspace in step with the hub.
//!
//! The sync task runs for the app's lifetime. While the open workspace is
//! joined to a hub it stays connected, listens for the hub's
//! `claimtrail_changes` notifications (a colleague sent something), checks
//! every second for this desk's own changes waiting, and syncs when either
//! happens. It emits `team-status` (synced, syncing, offline, refused) for
//! the top bar and `team-changed` after it merged the team's changes, so
//! the open views reload. Offline, it retries every five seconds; opening
//! another workspace or joining wakes it at once.

use std::time::Duration;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tokio::sync::Notify;
use ts_rs::TS;

use claimtrail::hub::{self, sync, Address, HubStatus, Joined, Member};
use claimtrail::store::Store;

use crate::error::Result;
use crate::AppState;

/// What the top bar shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncState {
    /// Everything sent and read.
    Synced,
    Syncing,
    /// The hub cannot be reached; this desk's changes wait.
    Offline,
    /// The hub refused one of this desk's changes (set back here).
    Refused,
}

/// The `team-status` event.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TeamSignal {
    pub state: SyncState,
    /// This desk's changes not yet sent.
    #[ts(type = "number")]
    pub pending_out: i64,
    /// Why it is offline, or what was refused.
    pub message: Option<String>,
}

/// Wakes the sync task (joined, left, another workspace opened) and keeps
/// its latest word, for a window that asks after it was said.
#[derive(Default)]
pub struct Waker(Notify, std::sync::Mutex<Option<TeamSignal>>);

impl Waker {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// The background sync; runs until the app ends.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        loop {
            run_while_joined(&app).await;
            let waker = &app.state::<AppState>().team;
            let _ = tokio::time::timeout(Duration::from_secs(5), waker.0.notified()).await;
        }
    });
}

async fn current(app: &AppHandle) -> Option<Store> {
    app.state::<AppState>().store.read().await.clone()
}

fn signal(app: &AppHandle, state: SyncState, pending_out: i64, message: Option<String>) {
    let signal = TeamSignal {
        state,
        pending_out,
        message,
    };
    if let Ok(mut last) = app.state::<AppState>().team.1.lock() {
        *last = Some(signal.clone());
    }
    let _ = app.emit("team-status", signal);
}

/// What the Team dialog and the top bar show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TeamView {
    /// Where the desk stands; null when the workspace has not joined a hub.
    pub hub: Option<HubStatus>,
    /// The background sync's latest word, if it said one.
    pub signal: Option<TeamSignal>,
}

/// Syncs the open workspace while it is joined and the hub answers.
async fn run_while_joined(app: &AppHandle) {
    let Some(store) = current(app).await else {
        return;
    };
    let Ok(Some(link)) = hub::link(&store).await else {
        return;
    };
    let pool = match link.connect().await {
        Ok(pool) => pool,
        Err(e) => {
            let waiting = sync::pending(&store).await.unwrap_or(0);
            signal(app, SyncState::Offline, waiting, Some(e.to_string()));
            return;
        }
    };
    // The hub's notices arrive through a task of their own, so waiting for
    // one is never cancelled half way (a reconnect included): when the hub
    // goes away, the task says so once its reconnecting fails.
    let (notice_tx, mut notices) = tokio::sync::mpsc::channel::<bool>(64);
    let listener = match sync::Notices::listen(&pool).await {
        Ok(mut listener) => Some(tauri::async_runtime::spawn(async move {
            loop {
                let heard = listener.next().await.is_ok();
                if notice_tx.send(heard).await.is_err() || !heard {
                    break;
                }
            }
        })),
        Err(_) => None,
    };
    let path = store.path().to_owned();
    let mut wanted = true;
    loop {
        // Another workspace opened, or this one left its hub.
        let Some(now) = current(app).await else { break };
        if now.path() != path {
            break;
        }
        if !matches!(hub::link(&store).await, Ok(Some(_))) {
            break;
        }
        let waiting = sync::pending(&store).await.unwrap_or(0);
        if wanted || waiting > 0 {
            signal(app, SyncState::Syncing, waiting, None);
            match sync::sync_with(&store, &pool).await {
                Ok(report) => {
                    if report.pulled > 0 {
                        claimtrail::reappearances::after_arrivals(&store).await;
                    }
                    if report.pulled > 0 || report.conflicts > 0 {
                        let _ = app.emit("team-changed", &report);
                    }
                    let waiting = sync::pending(&store).await.unwrap_or(0);
                    match report.refused.first() {
                        Some(r) => {
                            let _ = app.emit("team-changed", &report);
                            signal(app, SyncState::Refused, waiting, Some(r.reason.clone()));
                        }
                        None => signal(app, SyncState::Synced, waiting, None),
                    }
                }
                Err(e) => {
                    let waiting = sync::pending(&store).await.unwrap_or(0);
                    signal(app, SyncState::Offline, waiting, Some(e.to_string()));
                    break;
                }
            }
        }
        wanted = false;
        let waker = &app.state::<AppState>().team;
        tokio::select! {
            heard = notices.recv(), if listener.is_some() => {
                if heard != Some(true) {
                    // The hub went away: say so, and try again later.
                    let waiting = sync::pending(&store).await.unwrap_or(0);
                    signal(app, SyncState::Offline, waiting, Some("The team hub stopped answering.".to_owned()));
                    break;
                }
                wanted = true;
            }
            _ = waker.0.notified() => wanted = true,
            _ = tokio::time::sleep(Duration::from_secs(1)) => wanted = wanted || listener.is_none(),
        }
    }
    // The listener holds one of the pool's connections: closing waits for it.
    if let Some(task) = listener {
        task.abort();
    }
    pool.close().await;
}

/// Where the open workspace stands with its hub (null when it has not
/// joined one), and the background sync's latest word.
#[tauri::command]
pub async fn team_status(state: State<'_, AppState>) -> Result<TeamView> {
    let hub = hub::status(&state.store().await?).await?;
    let signal = match (&hub, state.team.1.lock()) {
        (Some(_), Ok(last)) => last.clone(),
        _ => None,
    };
    Ok(TeamView { hub, signal })
}

/// "Test connection": the member the login is on the team.
#[tauri::command]
pub async fn team_check(address: String, login: String, password: String) -> Result<Member> {
    Ok(hub::check(&Address::from_parts(&address, &login, &password)?).await?)
}

/// Joins the open workspace to the hub and syncs it.
#[tauri::command]
pub async fn team_join(
    app: AppHandle,
    state: State<'_, AppState>,
    address: String,
    login: String,
    password: String,
) -> Result<Joined> {
    let address = Address::from_parts(&address, &login, &password)?;
    let store = state.store().await?;
    let joined = hub::join_at(&store, &address).await?;
    // The team's articles were searched on the desks that imported them.
    claimtrail::reappearances::mark_all_scanned(&store).await?;
    let _ = app.emit("team-changed", &joined.sync);
    state.team.wake();
    Ok(joined)
}

/// Syncs now.
#[tauri::command]
pub async fn team_sync(app: AppHandle, state: State<'_, AppState>) -> Result<sync::SyncReport> {
    let store = state.store().await?;
    let report = sync::sync(&store).await?;
    if report.pulled > 0 {
        claimtrail::reappearances::after_arrivals(&store).await;
    }
    if report.pulled > 0 || report.conflicts > 0 || !report.refused.is_empty() {
        let _ = app.emit("team-changed", &report);
    }
    state.team.wake();
    Ok(report)
}

/// Unlinks the open workspace from its hub.
#[tauri::command]
pub async fn team_leave(state: State<'_, AppState>) -> Result<()> {
    hub::leave(&state.store().await?).await?;
    state.team.wake();
    Ok(())
}
