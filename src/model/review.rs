//! Review types: verdicts and the review workflow, evidence, comments,
//! queues, the audit log's history and activity feed, undo, and outlets'
//! credibility. Field names are part of the CLI's `--json` contract.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::UserInfo;

/// Where a claim is in review: unreviewed → in review (assigned) → proposed
/// (a rating and rationale by the reviewer) → approved (by someone else) →
/// reopened (with a reason) → in review again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewState {
    Unreviewed,
    InReview,
    Proposed,
    Approved,
    Reopened,
}

impl ReviewState {
    pub const ALL: [ReviewState; 5] = [
        ReviewState::Unreviewed,
        ReviewState::InReview,
        ReviewState::Proposed,
        ReviewState::Approved,
        ReviewState::Reopened,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "unreviewed",
            ReviewState::InReview => "in_review",
            ReviewState::Proposed => "proposed",
            ReviewState::Approved => "approved",
            ReviewState::Reopened => "reopened",
        }
    }

    pub fn parse(text: &str) -> Option<ReviewState> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Unreviewed => "Unreviewed",
            ReviewState::InReview => "In review",
            ReviewState::Proposed => "Proposed",
            ReviewState::Approved => "Approved",
            ReviewState::Reopened => "Reopened",
        }
    }
}

/// The verdict scale of PRODUCT.md, from true to false, then the two
/// ratings off the scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Rating {
    True,
    MostlyTrue,
    Mixed,
    Misleading,
    MostlyFalse,
    False,
    Unsubstantiated,
    NotCheckable,
}

impl Rating {
    pub const ALL: [Rating; 8] = [
        Rating::True,
        Rating::MostlyTrue,
        Rating::Mixed,
        Rating::Misleading,
        Rating::MostlyFalse,
        Rating::False,
        Rating::Unsubstantiated,
        Rating::NotCheckable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rating::True => "true",
            Rating::MostlyTrue => "mostly_true",
            Rating::Mixed => "mixed",
            Rating::Misleading => "misleading",
            Rating::MostlyFalse => "mostly_false",
            Rating::False => "false",
            Rating::Unsubstantiated => "unsubstantiated",
            Rating::NotCheckable => "not_checkable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::True => "True",
            Rating::MostlyTrue => "Mostly true",
            Rating::Mixed => "Mixed",
            Rating::Misleading => "Misleading",
            Rating::MostlyFalse => "Mostly false",
            Rating::False => "False",
            Rating::Unsubstantiated => "Unsubstantiated",
            Rating::NotCheckable => "Not checkable",
        }
    }

    /// `true`, `mostly_true`, `Mostly true`, `mostly-true` all parse.
    pub fn parse(text: &str) -> Option<Rating> {
        let key = text.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|r| r.as_str() == key)
    }
}

/// The verdict a reviewer proposed, and who approved it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VerdictInfo {
    pub id: String,
    pub rating: Rating,
    /// The rating as people read it: "Mostly false".
    pub rating_label: String,
    pub rationale: String,
    pub proposed_by: UserInfo,
    pub proposed_at: String,
    pub approved_by: Option<UserInfo>,
    pub approved_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EvidenceKind {
    /// An article in the workspace.
    Article,
    /// An appearance of a claim in the workspace.
    Appearance,
    Url,
    /// A file on this computer or a shared drive, by path.
    File,
    Note,
}

impl EvidenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Article => "article",
            EvidenceKind::Appearance => "appearance",
            EvidenceKind::Url => "url",
            EvidenceKind::File => "file",
            EvidenceKind::Note => "note",
        }
    }
}

/// One evidence item as a person adds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceFields {
    pub kind: EvidenceKind,
    /// The article or appearance id, the URL, or the file path; empty for a
    /// note.
    #[serde(default)]
    pub target: String,
    /// What the item shows; the whole item for a note.
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceInfo {
    pub id: String,
    pub claim_id: String,
    pub kind: EvidenceKind,
    pub article_id: Option<String>,
    pub appearance_id: Option<String>,
    pub url: Option<String>,
    pub path: Option<String>,
    pub note: Option<String>,
    /// The article's title, or the appearance's quote with its article's
    /// title, for showing.
    pub title: Option<String>,
    pub added_by: UserInfo,
    pub added_at: String,
}

/// A claim's place in review, with its verdicts and evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInfo {
    pub claim_id: String,
    pub state: ReviewState,
    pub state_label: String,
    pub assignee: Option<UserInfo>,
    /// Why it was last reopened, until it is approved again.
    pub reopen_reason: Option<String>,
    /// The newest proposal, if any.
    pub verdict: Option<VerdictInfo>,
    /// Every proposal, newest first.
    pub verdicts: Vec<VerdictInfo>,
    pub evidence: Vec<EvidenceInfo>,
}

/// What a person asks of a claim's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(export)]
pub enum ReviewAction {
    /// Give the claim to a reviewer (a user id, name or initials).
    Assign { user: String },
    /// Take the claim back out of review.
    Unassign,
    /// Propose a rating with its rationale.
    Propose { rating: Rating, rationale: String },
    /// Approve the proposed verdict (someone other than its proposer).
    /// With `verdict_id`, only if that is still the newest proposal (the
    /// one the approver read).
    Approve {
        #[serde(default)]
        verdict_id: Option<String>,
    },
    /// Send a proposed or approved verdict back, saying why.
    Reopen { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentInfo {
    pub id: String,
    pub claim_id: String,
    pub parent_id: Option<String>,
    pub author: UserInfo,
    pub body: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    /// Users the body mentions with @Name or @initials.
    pub mentions: Vec<UserInfo>,
    /// Replies, oldest first.
    pub replies: Vec<CommentInfo>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Queue {
    /// In review or reopened, assigned to the active user.
    AssignedToMe,
    /// Proposed, waiting for a second person.
    NeedsApproval,
    /// With an appearance that lost its place in a new revision.
    NeedsReanchoring,
    /// Nobody has taken it yet (never reviewed, or reopened and unassigned).
    Unreviewed,
}

impl Queue {
    pub const ALL: [Queue; 4] = [
        Queue::AssignedToMe,
        Queue::NeedsApproval,
        Queue::NeedsReanchoring,
        Queue::Unreviewed,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QueueCounts {
    pub assigned_to_me: u32,
    pub needs_approval: u32,
    pub needs_reanchoring: u32,
    pub unreviewed: u32,
    /// Merge conflicts from bundle imports waiting for a person.
    pub merge_conflicts: u32,
}

/// One audit event as the History tab and the activity feed show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub id: String,
    /// Events of one change share it; Undo reverses a whole change.
    pub write_id: Option<String>,
    pub actor: UserInfo,
    pub at: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    /// One sentence: "proposed Mostly false", "edited the statement".
    pub summary: String,
    #[ts(type = "unknown")]
    pub before: Option<serde_json::Value>,
    #[ts(type = "unknown")]
    pub after: Option<serde_json::Value>,
    /// The change this event's change undid, if it was an Undo.
    pub undoes: Option<String>,
    /// Why the event, brought by a bundle, could not be checked against
    /// its author's signing key (first bundle from them, not signed);
    /// absent when it was, or was written here or through the hub.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unverified: Option<String>,
}

/// Filters of the workspace-wide activity feed; all optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActivityQuery {
    /// A user id, name or initials.
    #[serde(default)]
    pub user: Option<String>,
    /// An entity type (`claim`, `appearance`, `verdict`, ...), optionally
    /// with `:id` for one entity.
    #[serde(default)]
    pub entity: Option<String>,
    /// A day, `YYYY-MM-DD`, in the times' own offsets.
    #[serde(default)]
    pub day: Option<String>,
    /// Only events older than this `seq` (the next page).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub before_seq: Option<i64>,
    /// At most this many (default 100, at most 1,000).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// A recent change of the active user that Undo can reverse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoEntry {
    pub write_id: String,
    pub at: String,
    pub summary: String,
    pub events: u32,
    /// Why it cannot be undone, when it cannot (an import, a merge).
    pub blocked: Option<String>,
}

/// The first event where the audit log's hash chain does not hold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BrokenLink {
    #[ts(type = "number")]
    pub seq: i64,
    pub event_id: String,
    pub at: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub problem: String,
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditCheck {
    pub ok: bool,
    /// Events read.
    #[ts(type = "number")]
    pub events: u64,
    /// Hash of the last event that verified: note it elsewhere to detect a
    /// rewrite of the whole log.
    pub head: String,
    pub broken: Option<BrokenLink>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Credibility {
    Credible,
    Mixed,
    NotCredible,
    Unknown,
}

impl Credibility {
    pub const ALL: [Credibility; 4] = [
        Credibility::Credible,
        Credibility::Mixed,
        Credibility::NotCredible,
        Credibility::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Credibility::Credible => "credible",
            Credibility::Mixed => "mixed",
            Credibility::NotCredible => "not_credible",
            Credibility::Unknown => "unknown",
        }
    }

    pub fn parse(text: &str) -> Option<Credibility> {
        let key = text.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL.into_iter().find(|c| c.as_str() == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutletInfo {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub credibility: Credibility,
    pub credibility_note: Option<String>,
    pub articles: u32,
}
