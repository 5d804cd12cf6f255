//! The data that leaves the core: CLI `--json` output and the IPC payloads of
//! the desktop app. Field names here are a public contract (see README).
//! TypeScript bindings are generated from these types by ts-rs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One article as listed in the library, and as `import --json` and
/// `articles --json` print it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub byline: Option<String>,
    /// The URL the article was fetched from or that its page declares.
    pub url: Option<String>,
    /// RFC 3339 with the offset the source gave, or a floating local time
    /// (`2025-12-15T14:46:00`) when the source gave none.
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    /// Place named in the dateline, e.g. "Kyiv, Ukraine".
    pub dateline: Option<String>,
    pub word_count: u32,
    /// Number of the current revision, starting at 1.
    pub revision: u32,
    pub imported_at: String,
    pub canonical_url: Option<String>,
    pub wire_credit: Option<String>,
    pub language: Option<String>,
}

/// An outlet that the text says it relays from ("Al Jazeera reported").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RelayCandidate {
    pub outlet: String,
    /// The phrase that names it, as it appears in the text.
    pub cue: String,
}

/// One stored revision of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub imported_at: String,
    pub published_at: Option<String>,
    pub updated_at: Option<String>,
    pub word_count: u32,
}

/// An article with the text of one revision, as `show --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: ArticleSummary,
    /// The revision whose text is in `body` (the current one unless asked).
    pub shown_revision: u32,
    /// Normalised article text: paragraphs separated by a blank line.
    pub body: String,
    /// Lines kept out of the body but stored: teaser repeats, disclaimers,
    /// app prompts, sharing widgets.
    pub boilerplate: Vec<String>,
    pub relays: Vec<RelayCandidate>,
    pub revisions: Vec<RevisionInfo>,
    /// How the article came in: `text`, `html`, `markdown`.
    pub source_format: String,
    /// File path, URL, or `pasted` for the first import of this revision.
    pub source: String,
    pub encoding: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Revised,
    Rejected,
}

/// What happened to one input of an import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOutcome {
    pub input: String,
    pub status: ImportStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub article: Option<ArticleSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ArticleSort {
    #[default]
    Published,
    Imported,
}

/// Filters for the library list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleQuery {
    #[serde(default)]
    pub sort: ArticleSort,
    #[serde(default)]
    #[ts(optional)]
    pub outlet: Option<String>,
    /// Case-insensitive substring over title, outlet, byline and dateline.
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
}

/// An outlet with the number of articles it has in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutletCount {
    pub name: String,
    pub articles: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DiffOp {
    Equal,
    Insert,
    Delete,
}

/// A run of words that two revisions share, or that one of them adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffSegment {
    pub op: DiffOp,
    pub text: String,
}

/// Word-level changes from revision `from` to revision `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionDiff {
    pub from: u32,
    pub to: u32,
    pub title_changed: bool,
    pub segments: Vec<DiffSegment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UserInfo {
    pub id: String,
    pub name: String,
}

/// The open workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkspaceInfo {
    pub path: String,
    pub articles: u32,
    pub user: UserInfo,
}

/// Progress of a batch import, sent after each input is handled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    pub job_id: String,
    /// Inputs handled so far, including this one.
    pub done: u32,
    pub total: u32,
    pub outcome: ImportOutcome,
    /// The input being imported now, if any remain.
    pub next: Option<String>,
}

/// A batch import that has started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportJob {
    pub job_id: String,
    pub total: u32,
}

/// A batch import that has ended, completely or by cancellation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportJobSummary {
    pub job_id: String,
    pub cancelled: bool,
    /// One outcome per input handled before the end, cancel or error.
    pub outcomes: Vec<ImportOutcome>,
    /// Set when the workspace itself failed and the batch stopped.
    pub error: Option<String>,
}
