//! Batch imports running in the background, announced to the window with
//! events and cancellable by id.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, Manager};

use claimtrail::import::{self, Input};
use claimtrail::model::{ImportJob, ImportJobSummary};

use crate::AppState;

#[derive(Default)]
pub struct Jobs {
    running: Mutex<HashMap<String, Arc<AtomicBool>>>,
}

impl Jobs {
    pub fn any_running(&self) -> bool {
        !self.running.lock().expect("job table lock").is_empty()
    }

    /// Asks a running job to stop before its next input; false if unknown.
    pub fn cancel(&self, job_id: &str) -> bool {
        let running = self.running.lock().expect("job table lock");
        running
            .get(job_id)
            .map(|flag| flag.store(true, Ordering::Relaxed))
            .is_some()
    }
}

/// Starts importing `inputs` in the background: emits `import-started`, an
/// `import-progress` per input and `import-finished` at the end.
pub fn start(app: AppHandle, inputs: Vec<Input>) -> ImportJob {
    let job = ImportJob {
        job_id: claimtrail::store::new_id(),
        total: inputs.len() as u32,
    };
    let cancel = Arc::new(AtomicBool::new(false));
    let state = app.state::<AppState>();
    state
        .jobs
        .running
        .lock()
        .expect("job table lock")
        .insert(job.job_id.clone(), cancel.clone());
    let _ = app.emit("import-started", &job);
    let job_id = job.job_id.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let summary = match state.store().await {
            Ok(store) => {
                let mut summary =
                    import::import_batch(&store, &job_id, &inputs, &cancel, |progress| {
                        let _ = app.emit("import-progress", progress);
                    })
                    .await;
                // The articles are in (the window shows them); then the
                // tracked claims are looked for in them.
                import::find_tracked_claims(&store, &mut summary.outcomes).await;
                // Then their statements are embedded, behind the import.
                state.embedder.wake();
                summary
            }
            Err(e) => ImportJobSummary {
                job_id: job_id.clone(),
                cancelled: false,
                outcomes: Vec::new(),
                error: Some(e.message),
            },
        };
        state
            .jobs
            .running
            .lock()
            .expect("job table lock")
            .remove(&job_id);
        let _ = app.emit("import-finished", &summary);
    });
    job
}
