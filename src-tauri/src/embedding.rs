//! Matching by meaning in the app: the statements of imported articles are
//! embedded in the background, never holding up an import. The embedder
//! wakes at start, after each import and every minute (articles a
//! colleague's hub sync brought), embeds what waits a few articles per
//! write on all cores but one, and tells the window how far it got
//! (`embedding-progress`, then `embedding-finished`).

use std::time::Duration;

use tauri::{AppHandle, Emitter, Manager};
use tokio::sync::Notify;

use claimtrail::meaning;
use claimtrail::model::EmbedProgress;
use claimtrail::semantic;

use crate::AppState;

/// How often the embedder looks for waiting articles without being woken.
const LOOK_EVERY: Duration = Duration::from_secs(60);

/// Wakes the embedder (after an import).
#[derive(Default)]
pub struct Embedder {
    wake: Notify,
}

impl Embedder {
    pub fn wake(&self) {
        self.wake.notify_one();
    }
}

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        // The model loads once (about a second), off the async threads.
        let model = match tauri::async_runtime::spawn_blocking(semantic::shared).await {
            Ok(Ok(model)) => model,
            Ok(Err(why)) => {
                tracing::info!(%why, "matching by meaning is off");
                return;
            }
            Err(e) => {
                tracing::error!(error = %e, "the model could not be loaded");
                return;
            }
        };
        let threads =
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
        loop {
            let state = app.state::<AppState>();
            let store = state.store.read().await.clone();
            if let Some(store) = store {
                let emit = |done: u64, total: u64| {
                    let _ = app.emit("embedding-progress", EmbedProgress { done, total });
                };
                match meaning::embed_waiting(&store, model.clone(), None, threads, emit).await {
                    Ok(mut outcome) if outcome.articles > 0 => {
                        // Then the tracked claims are looked for by meaning in them.
                        claimtrail::reappearances::after_embedding(&store, &mut outcome).await;
                        tracing::info!(
                            articles = outcome.articles,
                            statements = outcome.statements,
                            seconds = outcome.seconds,
                            "statements embedded"
                        );
                        let _ = app.emit("embedding-finished", &outcome);
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "embedding stopped"),
                }
            }
            let _ = tokio::time::timeout(LOOK_EVERY, state.embedder.wake.notified()).await;
        }
    });
}
