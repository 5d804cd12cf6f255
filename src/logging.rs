//! The log a journalist can attach to a bug report: what the app and the
//! CLI did (writes, imports, exports, undo) and every error at their edges
//! with its cause, in a file per day in the OS log folder, the newest
//! seven kept.
//!
//! Only identifiers, counts, formats, kinds and error messages are logged,
//! never article text, quotes, statements or comments, and of a web
//! address only its scheme and host (a query string may hold a token).
//!
//! The app and the CLI call [`init`] before anything else. Events sit at
//! the edges, not inside the algorithms: the workspace opened, each write
//! committed (at debug level), a write refused for lack of its audit
//! event, import outcomes, exports, bundle merges, Undo, and every IPC and
//! CLI error. A refusal of what a person asked (`StoreError::is_refusal`)
//! is logged by its kind only, since its message may quote what was
//! written.

use std::path::PathBuf;
use std::str::FromStr;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// How many daily files are kept.
const KEEP_DAYS: usize = 7;

/// Where the logs go: `CLAIMTRAIL_LOG_DIR` when set, else the OS log
/// folder (`~/.local/state/claimtrail/logs` on Linux, `~/Library/Logs/
/// Claimtrail` on macOS, the local app data folder on Windows).
pub fn folder() -> PathBuf {
    if let Some(dir) = std::env::var_os("CLAIMTRAIL_LOG_DIR") {
        return PathBuf::from(dir);
    }
    if cfg!(target_os = "macos") {
        if let Some(home) = dirs::home_dir() {
            return home.join("Library/Logs/Claimtrail");
        }
    }
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(|| PathBuf::from("."))
        .join("claimtrail")
        .join("logs")
}

/// Keeps the log writer running; logs written before it drops are flushed.
pub struct Guard(#[allow(dead_code, reason = "held for its Drop")] WorkerGuard);

/// Starts logging for `program` (`app` or `cli`: each has its own files)
/// at `level` (`error`, `warn`, `info`, `debug`, `trace` or `off`), for
/// Claimtrail's own code; other libraries log their warnings only. A
/// panic is logged before the default hook reports it. At `off` nothing
/// is opened (None).
pub fn init(program: &str, level: &str) -> Result<Option<Guard>, String> {
    let level = LevelFilter::from_str(level.trim()).map_err(|_| {
        format!("“{level}” is not a log level; use error, warn, info, debug, trace or off")
    })?;
    if level == LevelFilter::OFF {
        return Ok(None);
    }
    let dir = folder();
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("the log folder {} could not be made: {e}", dir.display()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(program)
        .filename_suffix("log")
        .max_log_files(KEEP_DAYS)
        .build(&dir)
        .map_err(|e| format!("the log in {} could not be opened: {e}", dir.display()))?;
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let targets = Targets::new()
        .with_target("claimtrail", level)
        .with_target("claimtrail_app", level)
        .with_target("claimtrail_text", level)
        .with_default(LevelFilter::WARN.min(level));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(writer)
                .with_ansi(false),
        )
        .with(targets)
        .try_init()
        .map_err(|e| e.to_string())?;
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!(panic = %describe_panic(info), "the program stopped on an unexpected error");
        default_hook(info);
    }));
    tracing::info!(
        program,
        version = env!("CARGO_PKG_VERSION"),
        "started; logging at {level}"
    );
    Ok(Some(Guard(guard)))
}

/// A panic as the log and the crash note tell it: its message without what
/// the message quotes (a panic may quote the text it was working on: an
/// article's), and where in the code it happened.
pub fn describe_panic(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unexpected error".to_owned());
    let place = info
        .location()
        .map(|l| format!(" (at {}:{})", l.file(), l.line()))
        .unwrap_or_default();
    format!("{}{place}", without_quoted(&message))
}

/// `message` with what it quotes (between `…`, '…', "…", “…”, ‘…’ or
/// «…») left out, at most 200 characters.
fn without_quoted(message: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in message.chars() {
        match closing {
            Some(end) if c == end => {
                out.push('…');
                out.push(c);
                closing = None;
            }
            Some(_) => {}
            None => {
                let end = match c {
                    '`' | '\'' | '"' => Some(c),
                    '“' => Some('”'),
                    '‘' => Some('’'),
                    '«' => Some('»'),
                    _ => None,
                };
                out.push(c);
                closing = end;
            }
        }
    }
    out.chars().take(200).collect()
}

/// The note a crash of the app leaves in the log folder for its next start.
const CRASH_NOTE: &str = "crashed.txt";

/// Notes that the app stopped on `what` ([`describe_panic`]), so that its
/// next start tells the person and points at the log folder.
pub fn note_crash(what: &str) {
    let dir = folder();
    let _ = std::fs::create_dir_all(&dir);
    let at = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let _ = std::fs::write(dir.join(CRASH_NOTE), format!("{at}\n{what}\n"));
}

/// The crash noted by an earlier run (when, and what), removed as it is
/// read so it is told once.
pub fn take_crash() -> Option<(String, String)> {
    let path = folder().join(CRASH_NOTE);
    let text = std::fs::read_to_string(&path).ok()?;
    let _ = std::fs::remove_file(&path);
    let (at, what) = text.split_once('\n').unwrap_or((text.as_str(), ""));
    Some((at.trim().to_owned(), what.trim().to_owned()))
}

/// Forgets a crash note: the app closed normally after a panic it survived
/// (and told the person about then).
pub fn clear_crash() {
    let _ = std::fs::remove_file(folder().join(CRASH_NOTE));
}

/// A web address as logs may show it: its scheme and host only.
pub fn address(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(u) => format!("{}://{}", u.scheme(), u.host_str().unwrap_or("")),
        Err(_) => "(not a web address)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_keeps_no_path_or_query() {
        assert_eq!(
            address("https://news.example/2025/story?token=secret#x"),
            "https://news.example"
        );
        assert_eq!(address("not a url"), "(not a web address)");
    }

    #[test]
    fn a_panic_message_loses_what_it_quotes() {
        assert_eq!(
            without_quoted("byte index 5 is not a char boundary; it is inside 'é' (bytes 4..6) of `Zelenskyy said the talks`"),
            "byte index 5 is not a char boundary; it is inside '…' (bytes 4..6) of `…`"
        );
        assert_eq!(
            without_quoted("called `Option::unwrap()` on a `None` value"),
            "called `…` on a `…` value"
        );
        assert_eq!(
            without_quoted("no span for “the talks” in «статья»"),
            "no span for “…” in «…»"
        );
        assert_eq!(without_quoted(&"x".repeat(500)).chars().count(), 200);
    }
}
