//! From inputs (paths, folders, URLs, pasted text) to outcomes: reading,
//! choosing a parser, storing, and reporting progress over a batch.
//!
//! Arguments expand to inputs: `http(s)` addresses are URLs, folders give
//! their files recursively, and pasted text is one input. Every read stops
//! at the parser's size cap. The format comes from the file extension,
//! else the MIME type, else a look at the first bytes for HTML markup.
//!
//! A bulk import reads and parses a batch of inputs (bounded by a count
//! and by reading time) while the batch before it is being stored, and
//! stores each batch in one transaction, every article its own unit of
//! that write (`Write::next_unit`), so it is still its own change in the
//! history. Progress for a batch is reported once it is committed, so no
//! outcome says "imported" before its commit, and without waiting for the
//! next batch's reading. Cancel is looked at while reading too: an input
//! still being read or fetched is dropped, not waited for. An article that
//! fails part way rolls its batch back, and the articles before it are
//! stored again in a new transaction (see `store_batch` for why not a
//! savepoint per article).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::io::AsyncReadExt;

use super::{
    decode, html, markdown, text, ImportError, ParseError, ParsedArticle, Result, MAX_INPUT_BYTES,
};
use crate::articles::{self, Source, Stored};
use crate::model::{ImportJobSummary, ImportOutcome, ImportProgress, ImportStatus};
use crate::store::{Store, StoreError};

/// One thing to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    /// A page saved to a file and the address it was saved from (`import
    /// FILE --url URL`): the address is the article's, as if fetched (it
    /// dates a page that prints no date, and tells a later copy of the same
    /// page as a revision).
    SavedFrom(PathBuf, String),
    Url(String),
    Pasted(String),
}

impl Input {
    /// How the input is named in outcomes and progress.
    pub fn label(&self) -> String {
        match self {
            Input::Path(p) | Input::SavedFrom(p, _) => p.display().to_string(),
            Input::Url(u) => u.clone(),
            Input::Pasted(_) => "pasted text".to_owned(),
        }
    }
}

/// Turns command-line style arguments into inputs: `http(s)://` addresses
/// are URLs; everything else is a path, expanded by [`expand_paths`].
pub fn expand_inputs<S: AsRef<str>>(args: &[S]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for arg in args {
        let arg = arg.as_ref();
        if arg.starts_with("http://") || arg.starts_with("https://") {
            inputs.push(Input::Url(arg.to_owned()));
        } else {
            inputs.extend(expand_paths(&[PathBuf::from(arg)]));
        }
    }
    inputs
}

/// Folders expand to the files inside them (recursively, sorted, hidden
/// files and symbolic links to folders skipped, so a link loop cannot hang
/// an import; a link to a file only when the file is inside the chosen
/// folder, so a planted link cannot pull in `~/.ssh/id_rsa`); any other path
/// is one input.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Input> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let root = path.canonicalize().unwrap_or_else(|_| path.clone());
            collect_files(&root, path, &mut files);
        } else {
            files.push(path.clone());
        }
    }
    files.into_iter().map(Input::Path).collect()
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        // An unreadable folder becomes one input whose read fails with the
        // reason, so it is reported rather than silently skipped.
        out.push(dir.to_path_buf());
        return;
    };
    let mut entries: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let kind = e.file_type().ok()?;
            let path = e.path();
            if kind.is_symlink() {
                let target = path.canonicalize().ok()?;
                let inside = target.is_file() && target.starts_with(root);
                return inside.then_some((path, false));
            }
            Some((path, kind.is_dir()))
        })
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            collect_files(root, &path, out);
        } else {
            out.push(path);
        }
    }
}

/// Imports one input, turning every failure into a `rejected` outcome.
pub async fn import_input(store: &Store, input: &Input) -> ImportOutcome {
    let mut outcomes = [outcome(input.label(), try_import(store, input).await)];
    find_tracked_claims(store, &mut outcomes).await;
    let [outcome] = outcomes;
    outcome
}

/// Looks for the workspace's tracked claims in the articles these
/// outcomes imported or revised, and says in each how many reappear. A
/// failure is logged, not the import's: the articles are stored. A bulk
/// import calls it once the batch is stored ([`import_batch`] does not),
/// so the import's own pace does not depend on how many claims are
/// tracked.
pub async fn find_tracked_claims(store: &Store, outcomes: &mut [ImportOutcome]) {
    let ids: Vec<String> = outcomes
        .iter()
        .filter(|o| matches!(o.status, ImportStatus::Imported | ImportStatus::Revised))
        .filter_map(|o| o.article.as_ref().map(|a| a.id.clone()))
        .collect();
    match crate::reappearances::scan(store, &ids).await {
        Ok(counts) => {
            for outcome in outcomes.iter_mut() {
                let found = outcome.article.as_ref().and_then(|a| counts.get(&a.id));
                outcome.reappearing_claims = found.copied();
            }
        }
        Err(e) => tracing::warn!(error = %e, "tracked claims were not looked for"),
    }
}

async fn try_import(store: &Store, input: &Input) -> Result<Stored> {
    let (parsed, source) = read_input(input).await?;
    Ok(articles::store_parsed(store, &parsed, &source).await?)
}

/// Reads and parses one input, storing nothing.
async fn read_input(input: &Input) -> Result<(ParsedArticle, Source)> {
    match input {
        Input::Path(path) => read_path(path, None).await,
        Input::SavedFrom(path, url) => read_path(path, Some(url)).await,
        Input::Url(url) => read_url(url).await,
        Input::Pasted(text) => parse_bytes(
            text.as_bytes(),
            &Hints {
                origin: "pasted".into(),
                ..Hints::default()
            },
        ),
    }
}

fn outcome(input: String, result: Result<Stored>) -> ImportOutcome {
    // Made only when the line is logged: a bulk import stores thousands of
    // inputs a minute and logs none of them at the default level.
    let shown = || {
        if input.starts_with("http://") || input.starts_with("https://") {
            crate::logging::address(&input)
        } else {
            input.clone()
        }
    };
    match &result {
        Ok(stored) => tracing::debug!(input = %shown(), status = ?stored.status, "input stored"),
        // A fetch error names the whole address; the others say only what
        // the input was (binary, empty, too large) or the file's path.
        Err(e @ (ImportError::Parse(_) | ImportError::Io { .. })) => {
            tracing::info!(input = %shown(), reason = %e, "input rejected")
        }
        Err(_) => tracing::info!(input = %shown(), "input rejected"),
    }
    match result {
        Ok(stored) => ImportOutcome {
            input,
            status: stored.status,
            reason: None,
            article: Some(stored.article),
            reanchored: stored.reanchored,
            reappearing_claims: None,
        },
        Err(e) => ImportOutcome {
            input,
            status: ImportStatus::Rejected,
            reason: Some(e.to_string()),
            article: None,
            reanchored: None,
            reappearing_claims: None,
        },
    }
}

async fn read_path(path: &Path, url: Option<&str>) -> Result<(ParsedArticle, Source)> {
    let io = |source| ImportError::Io {
        path: path.display().to_string(),
        source,
    };
    if let Some((ext, kind)) = non_article_kind(path) {
        return Err(ParseError::NotAnArticle(ext, kind).into());
    }
    let meta = tokio::fs::metadata(path).await.map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other(
            "it is a folder that could not be listed",
        )));
    }
    if !meta.is_file() {
        // A pipe or device could block forever or never end.
        return Err(io(std::io::Error::other("it is not a regular file")));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge {
            size: meta.len(),
            limit: MAX_INPUT_BYTES,
        }
        .into());
    }
    // The file may have grown since its size was read: read at most one
    // byte past the cap, and let `parse_bytes` refuse what is over it.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let file = tokio::fs::File::open(path).await.map_err(io)?;
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .await
        .map_err(io)?;
    let name = path.file_name().and_then(|n| n.to_str()).map(str::to_owned);
    let hints = Hints {
        name,
        origin: path.display().to_string(),
        url: url.map(without_credentials),
        ..Hints::default()
    };
    parse_bytes(&bytes, &hints)
}

async fn read_url(url: &str) -> Result<(ParsedArticle, Source)> {
    let fetched = super::fetch(url).await?;
    // A user name and password in an address are for the fetch, not for
    // the workspace, its exports or its bundles.
    let hints = Hints {
        name: None,
        mime: fetched.mime,
        charset: fetched.charset,
        origin: without_credentials(url),
        url: Some(without_credentials(&fetched.final_url)),
    };
    parse_bytes(&fetched.bytes, &hints)
}

/// `url` without its `user:password@`, when it parses; as it is otherwise.
fn without_credentials(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if !parsed.username().is_empty() || parsed.password().is_some() => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// Text files that are never articles but sit beside them, e.g. in the
/// `_files` folder of a page saved from a browser. Binary formats need no
/// entry: decoding recognises and refuses them by their bytes.
fn non_article_kind(path: &Path) -> Option<(String, &'static str)> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let kind = match ext.as_str() {
        "js" | "mjs" | "cjs" => "a script",
        "css" => "a style sheet",
        "json" | "map" => "data for a program",
        "svg" => "an image",
        "csv" | "tsv" => "a spreadsheet table",
        _ => return None,
    };
    Some((ext, kind))
}

/// What is known about bytes besides the bytes themselves.
#[derive(Debug, Clone, Default)]
pub struct Hints {
    /// File name, for its extension.
    pub name: Option<String>,
    /// MIME type from an HTTP response.
    pub mime: Option<String>,
    /// Charset from an HTTP response.
    pub charset: Option<String>,
    /// Where the bytes came from, stored with the revision.
    pub origin: String,
    /// The page's address, when fetched.
    pub url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Markdown,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }
}

/// Chooses a parser: the file extension or MIME type when they say, else a
/// look at the first bytes for HTML markup.
fn detect_format(hints: &Hints, bytes: &[u8]) -> Format {
    let ext = hints
        .name
        .as_deref()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml" | "shtml") => return Format::Html,
        Some("md" | "markdown" | "mdown" | "mkd") => return Format::Markdown,
        _ => {}
    }
    match hints.mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => return Format::Html,
        Some("text/markdown" | "text/x-markdown") => return Format::Markdown,
        _ => {}
    }
    if looks_like_html(bytes) {
        Format::Html
    } else {
        Format::Text
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head: String = bytes
        .iter()
        .take(1024)
        .filter(|b| b.is_ascii())
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let start = head.trim_start();
    start.starts_with("<!doctype html") || start.starts_with("<html") || head.contains("<body")
}

/// Decodes, parses and stores one input's bytes.
pub async fn import_bytes(store: &Store, bytes: &[u8], hints: Hints) -> Result<Stored> {
    let (parsed, source) = parse_bytes(bytes, &hints)?;
    Ok(articles::store_parsed(store, &parsed, &source).await?)
}

/// Decodes and parses one input's bytes, storing nothing: the part of an
/// import before the workspace (the benchmarks time it alone).
pub fn parse_bytes(bytes: &[u8], hints: &Hints) -> Result<(ParsedArticle, Source)> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        }
        .into());
    }
    let format = detect_format(hints, bytes);
    let decoded = decode::decode(bytes, hints.charset.as_deref(), format == Format::Html)?;
    let mut parsed: ParsedArticle = match format {
        Format::Html => html::parse_html(&decoded.text, hints.url.as_deref())?,
        Format::Markdown => markdown::parse_markdown(&decoded.text)?,
        Format::Text => text::parse_plain(&decoded.text)?,
    };
    if parsed.url.is_none() {
        parsed.url = hints.url.clone();
    }
    parsed.keep_only_web_addresses();
    let source = Source {
        format: format.name(),
        origin: hints.origin.clone(),
        encoding: decoded.encoding,
    };
    Ok((parsed, source))
}

/// Most articles a bulk import stores in one transaction.
pub const BATCH_ARTICLES: usize = 64;

/// How long a bulk import reads and parses before storing what it has, so
/// progress and Cancel stay prompt when files are slow to read or fetch.
const BATCH_READING: Duration = Duration::from_millis(250);

/// Imports inputs in order, calling `on_progress` after each and stopping
/// before the next when `cancel` is set. A workspace that cannot be
/// written (locked, full, damaged) stops the batch: the summary's `error`
/// says why, and no further input is tried.
///
/// Inputs are read and parsed a batch at a time (at most
/// [`BATCH_ARTICLES`], or what [`BATCH_READING`] allows), and the batch is
/// stored in one transaction (see [`store_batch`]): one commit instead of
/// one per article, while an article that fails to store leaves nothing
/// behind and each article stays its own write in the history. Progress
/// for a batch is reported once it is committed, so an
/// outcome never says "imported" for an article a failed commit lost, and
/// without waiting for the next batch's reading; the reading time bound
/// keeps batches short, and Cancel takes effect at the next batch (a page
/// still being fetched is dropped, not waited for).
pub async fn import_batch(
    store: &Store,
    job_id: &str,
    inputs: &[Input],
    cancel: &AtomicBool,
    mut on_progress: impl FnMut(&ImportProgress),
) -> ImportJobSummary {
    let total = inputs.len() as u32;
    let mut summary = ImportJobSummary {
        job_id: job_id.to_owned(),
        cancelled: false,
        outcomes: Vec::with_capacity(inputs.len()),
        error: None,
    };
    let mut batch = read_batch(inputs, 0, cancel).await;
    while !batch.is_empty() {
        let first = summary.outcomes.len();
        let after = first + batch.len();
        // The next batch is read and parsed while this one is stored: the
        // parsing runs on this thread while SQLite works on its own. The
        // stored batch is reported as soon as it is committed, not when
        // the next read ends (a slow page can take the fetch's timeout).
        let outcomes = &mut summary.outcomes;
        let progress = &mut on_progress;
        let stored = async move {
            let (results, error) = store_batch(store, batch).await;
            for (i, result) in results.into_iter().enumerate() {
                let i = first + i;
                let outcome = outcome(inputs[i].label(), result);
                progress(&ImportProgress {
                    job_id: job_id.to_owned(),
                    done: i as u32 + 1,
                    total,
                    outcome: outcome.clone(),
                    next: inputs.get(i + 1).map(Input::label),
                });
                outcomes.push(outcome);
            }
            error
        };
        let (error, next) = tokio::join!(stored, read_batch(inputs, after, cancel));
        if let Some(e) = error {
            summary.error = Some(format!(
                "The workspace could not be written, so the import stopped: {e}"
            ));
            break;
        }
        // A cancel seen while reading, or set while this batch was being
        // reported: the batch read meanwhile is dropped unstored.
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        batch = next;
    }
    summary.cancelled = cancel.load(Ordering::Relaxed)
        && summary.error.is_none()
        && summary.outcomes.len() < inputs.len();
    let rejected = summary
        .outcomes
        .iter()
        .filter(|o| o.status == ImportStatus::Rejected)
        .count();
    tracing::info!(
        job = job_id,
        inputs = inputs.len(),
        handled = summary.outcomes.len(),
        rejected,
        cancelled = summary.cancelled,
        error = summary.error.as_deref().unwrap_or("none"),
        "import finished"
    );
    summary
}

/// Reads and parses the inputs from `start`: at most [`BATCH_ARTICLES`],
/// reading for at most [`BATCH_READING`] (one input at least), and none
/// once `cancel` is set: an input still being read then is dropped.
async fn read_batch(
    inputs: &[Input],
    start: usize,
    cancel: &AtomicBool,
) -> Vec<Result<(ParsedArticle, Source)>> {
    let started = Instant::now();
    let mut batch = Vec::new();
    for input in inputs.iter().skip(start).take(BATCH_ARTICLES) {
        if cancel.load(Ordering::Relaxed)
            || (!batch.is_empty() && started.elapsed() >= BATCH_READING)
        {
            break;
        }
        // A page can take the fetch's whole timeout: Cancel does not wait
        // for it, and the input it drops is left out like those after it.
        tokio::select! {
            read = read_input(input) => batch.push(read),
            () = cancelled(cancel) => break,
        }
    }
    batch
}

/// How often a read in progress looks at the cancel flag (an
/// `AtomicBool` has nothing to wait on).
const CANCEL_POLL: Duration = Duration::from_millis(50);

/// Resolves once `cancel` is set.
async fn cancelled(cancel: &AtomicBool) {
    while !cancel.load(Ordering::Relaxed) {
        tokio::time::sleep(CANCEL_POLL).await;
    }
}

/// Stores a batch of read inputs in one transaction. Returns one result
/// per input up to and including the first that the workspace failed on
/// (the rest are not tried), and that failure's message.
///
/// A failure part way through an article would leave half its rows in
/// the transaction, so the transaction is rolled back and the articles
/// before it are stored again in a new one. Failures of the workspace are
/// rare and end the import, so this is cheaper than a savepoint around
/// every article, whose statement journal and FTS5 flush made imports 5–8%
/// slower (BENCHMARKS.md). When a commit fails, every article it held says
/// so.
async fn store_batch(
    store: &Store,
    batch: Vec<Result<(ParsedArticle, Source)>>,
) -> (Vec<Result<Stored>>, Option<String>) {
    let parsed: Vec<&(ParsedArticle, Source)> =
        batch.iter().filter_map(|r| r.as_ref().ok()).collect();
    let (stored, failure) = match store_all(store, &parsed).await {
        Ok(stored) => (stored.into_iter().map(Ok).collect::<Vec<_>>(), None),
        Err(BatchFailure::Article(k, e)) => {
            let message = e.to_string();
            let kept = match store_all(store, &parsed[..k]).await {
                Ok(kept) => kept.into_iter().map(Ok).collect(),
                Err(again) => not_saved(k, &again.to_string()),
            };
            let mut stored: Vec<Result<Stored>> = kept;
            stored.push(Err(e.into()));
            (stored, Some(message))
        }
        Err(BatchFailure::Commit(e)) => {
            let message = e.to_string();
            (not_saved(parsed.len(), &message), Some(message))
        }
    };
    // Back into input order, with the inputs that could not be read; the
    // inputs after a failure are left out (not tried).
    let mut unplaced = stored.len();
    let mut stored = stored.into_iter();
    let mut results = Vec::with_capacity(batch.len());
    for read in batch {
        if failure.is_some() && unplaced == 0 {
            break;
        }
        match read {
            Err(e) => results.push(Err(e)),
            Ok(_) => match stored.next() {
                Some(result) => {
                    results.push(result);
                    unplaced -= 1;
                }
                None => break,
            },
        }
    }
    (results, failure)
}

fn not_saved(n: usize, message: &str) -> Vec<Result<Stored>> {
    (0..n)
        .map(|_| Err(ImportError::NotSaved(message.to_owned())))
        .collect()
}

enum BatchFailure {
    /// Storing the article at this index failed (the transaction is
    /// rolled back).
    Article(usize, StoreError),
    Commit(StoreError),
}

impl std::fmt::Display for BatchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchFailure::Article(_, e) | BatchFailure::Commit(e) => e.fmt(f),
        }
    }
}

/// Stores every article in one transaction, each its own write.
async fn store_all(
    store: &Store,
    parsed: &[&(ParsedArticle, Source)],
) -> std::result::Result<Vec<Stored>, BatchFailure> {
    if parsed.is_empty() {
        return Ok(Vec::new());
    }
    let mut w = store
        .write()
        .await
        .map_err(|e| BatchFailure::Article(0, e))?;
    let mut stored = Vec::with_capacity(parsed.len());
    for (k, (article, source)) in parsed.iter().enumerate() {
        w.next_unit();
        let one = articles::store_parsed_in(&mut w, article, source)
            .await
            .map_err(|e| BatchFailure::Article(k, e))?;
        stored.push(one);
    }
    w.commit().await.map_err(BatchFailure::Commit)?;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_beats_content_sniffing() {
        let hints = Hints {
            name: Some("notes.md".into()),
            ..Hints::default()
        };
        assert_eq!(
            detect_format(&hints, b"<html>"),
            Format::Markdown,
            "a .md file is markdown even if it quotes HTML"
        );
    }

    #[test]
    fn html_is_recognised_without_an_extension() {
        let hints = Hints {
            name: Some("page".into()),
            ..Hints::default()
        };
        assert_eq!(
            detect_format(&hints, b"  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(
            detect_format(&hints, b"Kyiv, Dec 15 (Reuters) -"),
            Format::Text
        );
    }

    #[test]
    fn urls_and_files_are_told_apart() {
        let inputs = expand_inputs(&["https://example.org/a", "/no/such/file.txt"]);
        assert_eq!(
            inputs,
            vec![
                Input::Url("https://example.org/a".into()),
                Input::Path("/no/such/file.txt".into())
            ]
        );
    }
}
