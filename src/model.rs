//! The data that leaves the core: CLI `--json` output and the IPC payloads of
//! the desktop app. Field names here are a public contract (see README).
//! TypeScript bindings are generated from these types by ts-rs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod review;
mod trail;
pub use review::*;
pub use trail::*;

// The types the text code produces live with it, in `claimtrail-text`.
pub use claimtrail_text::model::*;

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
    /// The fields a journalist corrected (`title`, `byline`,
    /// `published_at`, `dateline`, `outlet`): the values above are the
    /// corrected ones, on every revision.
    #[serde(default)]
    pub corrected: Vec<String>,
    /// How many tracked claims of the workspace reappear in its current
    /// revision, waiting for a person (`claimtrail reappearances`).
    #[serde(default)]
    pub reappearing_claims: u32,
}

/// A correction of an article's metadata (`article set`). A field left
/// None stays as it is; an empty byline, dateline or published time says
/// the article has none; `reset` names fields to take back to what was
/// extracted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MetadataCorrection {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub byline: Option<String>,
    /// RFC 3339 with an offset, a time without one
    /// (`2025-12-16T09:15:00`), or a date (`2025-12-16`).
    #[serde(default)]
    pub published_at: Option<String>,
    #[serde(default)]
    pub dateline: Option<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub reset: Vec<String>,
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
    /// For `revised`: where the article's marked claims landed in the new
    /// revision (absent when it had none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reanchored: Option<ReanchorCounts>,
    /// For `imported` and `revised`: how many tracked claims of the
    /// workspace reappear in it, waiting as candidate appearances (absent
    /// when none do).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reappearing_claims: Option<u32>,
}

/// How many appearances re-anchoring left in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReanchorCounts {
    pub anchored: u32,
    pub moved: u32,
    pub needs_review: u32,
    pub orphaned: u32,
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

/// A page of the library list and the length of the whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticlePage {
    /// Articles the filters let through, in all.
    pub total: u32,
    /// Where `items` start in the list.
    pub offset: u32,
    pub items: Vec<ArticleSummary>,
}

/// An outlet with the number of articles it has in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutletCount {
    pub name: String,
    pub articles: u32,
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
    /// One to three letters shown in the avatar.
    pub initials: String,
    /// `#rrggbb`.
    pub color: String,
    /// Whether this is the workspace's active user.
    pub active: bool,
    /// The fingerprint of the key their changes are signed with, as this
    /// desk knows it ("3f2a 91c0 77de 0b14"), for comparing with them in
    /// person; absent when no key is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub key: Option<String>,
}

/// The open workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkspaceInfo {
    pub path: String,
    pub articles: u32,
    /// The active user; none until someone says who they are.
    pub user: Option<UserInfo>,
    /// Every user profile, by name.
    pub users: Vec<UserInfo>,
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

/// Whether an appearance still sits on its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AnchorState {
    /// On the same text as when it was marked.
    Anchored,
    /// Re-anchored to a changed place in a newer revision.
    Moved,
    /// A newer revision has only an uncertain candidate: a person decides.
    NeedsReview,
    /// A newer revision has no candidate; the old quote is kept.
    Orphaned,
}

impl AnchorState {
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorState::Anchored => "anchored",
            AnchorState::Moved => "moved",
            AnchorState::NeedsReview => "needs_review",
            AnchorState::Orphaned => "orphaned",
        }
    }

    pub fn parse(s: &str) -> Option<AnchorState> {
        [
            AnchorState::Anchored,
            AnchorState::Moved,
            AnchorState::NeedsReview,
            AnchorState::Orphaned,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A person who makes or relays claims, with the other names they go by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInfo {
    pub id: String,
    pub name: String,
    /// Other spellings and descriptions ("Zelensky", "the Ukrainian president").
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// Claims this person is the claimant of.
    pub claims: u32,
}

/// A candidate place for an appearance that could not move by itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnchorCandidate {
    pub revision: u32,
    pub start: u32,
    pub end: u32,
    pub exact: String,
}

/// One place a claim appears: a span of one article revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppearanceInfo {
    pub id: String,
    pub claim_id: String,
    pub article_id: String,
    pub article_title: String,
    pub outlet: Option<String>,
    /// Number of the revision `start`/`end` count in.
    pub revision: u32,
    /// Code point offsets into that revision's body, `[start, end)`.
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub kind: AppearanceKind,
    pub speaker: Option<String>,
    pub speaker_id: Option<String>,
    /// When the statement was made, RFC 3339 or floating local time.
    pub stated_at: Option<String>,
    pub venue: Option<String>,
    pub attribution: Vec<AttributionStep>,
    pub anchor: AnchorState,
    /// 1.0 when the text is unchanged; the re-anchoring score otherwise.
    pub confidence: f64,
    /// For `needs_review`: the best place found in the newest revision.
    pub candidate: Option<AnchorCandidate>,
    /// For `moved` onto changed words: the quote as it read before.
    pub previous_exact: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// A tracked claim with every place it appears.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimInfo {
    pub id: String,
    /// The team's normalised wording.
    pub statement: String,
    pub claimant: Option<String>,
    pub claimant_id: Option<String>,
    pub condition: Option<String>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub review_state: String,
    /// Who reviews it (a user's name), while in review and after.
    pub assignee: Option<String>,
    /// The newest proposed verdict's rating (`mostly_false`), if any.
    pub verdict: Option<String>,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
    pub appearances: Vec<AppearanceInfo>,
}

/// The fields of a claim as a person enters them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimFields {
    pub statement: String,
    /// A person's name or alias; a new person is created when none matches.
    #[serde(default)]
    pub claimant: Option<String>,
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The fields of a new appearance: a span of an article's current revision.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppearanceFields {
    pub article_id: String,
    /// The revision number the offsets were taken in. When given, a span
    /// selected before a newer revision arrived is refused rather than
    /// stored on text it was not selected in.
    #[serde(default)]
    #[ts(optional)]
    pub revision: Option<u32>,
    /// Code point offsets into the current revision's body.
    pub start: u32,
    pub end: u32,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: AppearanceDetails,
}

/// What a person says about one appearance, apart from where it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppearanceDetails {
    #[serde(default)]
    pub kind: AppearanceKind,
    /// A person's name or alias; defaults to the claimant.
    #[serde(default)]
    pub speaker: Option<String>,
    /// RFC 3339, a floating local time, or a date (`2025-12-14`); defaults
    /// to the article's published time.
    #[serde(default)]
    pub stated_at: Option<String>,
    #[serde(default)]
    pub venue: Option<String>,
    /// Speaker first; defaults to the speaker and then the article's outlet.
    #[serde(default)]
    pub attribution: Vec<AttributionStep>,
}

/// Filters for the claims list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimQuery {
    /// Only claims that appear in this article.
    #[serde(default)]
    #[ts(optional)]
    pub article_id: Option<String>,
    /// Case-insensitive words in the statement, the claimant's names or a quote.
    #[serde(default)]
    #[ts(optional)]
    pub text: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Only the claims of one review queue (for the acting user).
    #[serde(default)]
    #[ts(optional)]
    pub queue: Option<Queue>,
}

/// The result of re-anchoring one appearance in an article's newest revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReanchorResult {
    pub appearance_id: String,
    pub claim_id: String,
    pub anchor: AnchorState,
    pub confidence: f64,
    /// Revision the appearance now counts in (unchanged unless it moved).
    pub revision: u32,
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub candidate: Option<AnchorCandidate>,
}
