//! A panic in the app is never a silent disappearance. The hook notes it
//! beside the log (`logging::note_crash`, the message without what it
//! quotes) and tells the window at once ("app-crashed"), which says what
//! happened and where the log folder is. A panic that stops the app leaves
//! the note for the next start, whose window says the app closed
//! unexpectedly (`take_crash_report`); a normal exit after a panic the app
//! survived removes it, since the person was told then.

use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use tauri::{AppHandle, Emitter};
use ts_rs::TS;

use crate::error::Result;

/// A crash, as the window tells it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CrashReport {
    /// What went wrong, in the program's words, and where in the code.
    pub what: String,
    /// When an earlier run stopped (its local time); none for one just now.
    pub at: Option<String>,
    /// The folder whose newest files to send with a bug report.
    pub log_folder: String,
    /// True when it stopped an earlier run; false for one the app survived
    /// just now (it may not work properly until restarted).
    pub earlier: bool,
}

static APP: OnceLock<AppHandle> = OnceLock::new();
static EARLIER: Mutex<Option<CrashReport>> = Mutex::new(None);

fn log_folder() -> String {
    claimtrail::logging::folder().display().to_string()
}

/// Takes the note an earlier run left, then installs the hook (after the
/// log's own, which it calls).
pub fn install() {
    if let Some((at, what)) = claimtrail::logging::take_crash() {
        tracing::warn!("the app stopped unexpectedly last time");
        if let Ok(mut earlier) = EARLIER.lock() {
            *earlier = Some(CrashReport {
                what,
                at: Some(at),
                log_folder: log_folder(),
                earlier: true,
            });
        }
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let what = claimtrail::logging::describe_panic(info);
        claimtrail::logging::note_crash(&what);
        if let Some(app) = APP.get() {
            let _ = app.emit(
                "app-crashed",
                CrashReport {
                    what,
                    at: None,
                    log_folder: log_folder(),
                    earlier: false,
                },
            );
        }
        previous(info);
    }));
}

/// Lets the hook tell the window.
pub fn attach(app: &AppHandle) {
    let _ = APP.set(app.clone());
}

/// The app closed normally: a panic it survived was told already.
pub fn on_exit() {
    claimtrail::logging::clear_crash();
}

/// How an earlier run stopped, if it crashed; answered once.
#[tauri::command]
pub async fn take_crash_report() -> Result<Option<CrashReport>> {
    Ok(EARLIER.lock().ok().and_then(|mut e| e.take()))
}
