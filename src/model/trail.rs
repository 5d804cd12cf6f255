//! Trail types: links between claims, search, "find everywhere",
//! storylines and the timeline. Part of the public `--json` contract.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AnchorState, AppearanceHints, AppearanceKind, AttributionStep, DiffSegment};

/// How one claim relates to another. `same_as` and `contradicts` read the
/// same both ways; the others are directed: "A updates B".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LinkRelation {
    /// The same claim restated (in other words, by another outlet).
    SameAs,
    Supports,
    Contradicts,
    /// Updates or supersedes: the newer claim replaces the older one.
    Updates,
    Retracts,
    Clarifies,
    RespondsTo,
}

impl LinkRelation {
    pub const ALL: [LinkRelation; 7] = [
        LinkRelation::SameAs,
        LinkRelation::Supports,
        LinkRelation::Contradicts,
        LinkRelation::Updates,
        LinkRelation::Retracts,
        LinkRelation::Clarifies,
        LinkRelation::RespondsTo,
    ];

    /// The name stored in the workspace and printed by `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkRelation::SameAs => "same_as",
            LinkRelation::Supports => "supports",
            LinkRelation::Contradicts => "contradicts",
            LinkRelation::Updates => "updates",
            LinkRelation::Retracts => "retracts",
            LinkRelation::Clarifies => "clarifies",
            LinkRelation::RespondsTo => "responds_to",
        }
    }

    /// Reads a relation as a person types it: `same_as`, `same-as`,
    /// `responds to`, and the synonyms `supersedes` and `restates`.
    pub fn parse(s: &str) -> Option<LinkRelation> {
        let key = s.trim().to_lowercase().replace(['-', ' '], "_");
        match key.as_str() {
            "supersedes" => return Some(LinkRelation::Updates),
            "restates" | "same" => return Some(LinkRelation::SameAs),
            _ => {}
        }
        Self::ALL.into_iter().find(|r| r.as_str() == key)
    }

    /// Whether "A rel B" says the same as "B rel A".
    pub fn symmetric(self) -> bool {
        matches!(self, LinkRelation::SameAs | LinkRelation::Contradicts)
    }
}

/// A short description of a claim, for lists that point at claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimBrief {
    pub id: String,
    pub statement: String,
    pub claimant: Option<String>,
    pub review_state: String,
    /// The rating of the newest verdict, if any.
    pub verdict: Option<String>,
    pub appearances: u32,
    /// The earliest stated time among its appearances.
    pub first_stated_at: Option<String>,
}

/// A link as seen from one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinkInfo {
    pub id: String,
    pub relation: LinkRelation,
    pub from_claim_id: String,
    pub to_claim_id: String,
    /// True when the claim asked about is the `from` side.
    pub outgoing: bool,
    /// The claim on the other side.
    pub other: ClaimBrief,
    pub note: Option<String>,
    /// When the relation arose (the date of a retraction), if given.
    pub related_at: Option<String>,
    pub created_by: String,
    pub created_at: String,
}

/// A new link: `from` relates to `to` as `relation` says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinkFields {
    pub from_claim_id: String,
    pub to_claim_id: String,
    pub relation: LinkRelation,
    #[serde(default)]
    #[ts(optional)]
    pub note: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub related_at: Option<String>,
}

/// Which time places an appearance: when the statement was made, or when
/// the article carrying it was published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimeBasis {
    #[default]
    Stated,
    Published,
}

impl TimeBasis {
    pub fn parse(s: &str) -> Option<TimeBasis> {
        match s.trim().to_lowercase().as_str() {
            "stated" => Some(TimeBasis::Stated),
            "published" => Some(TimeBasis::Published),
            _ => None,
        }
    }
}

/// The search box: words (FTS5: stemmed, `"a phrase"`, a trailing word
/// also matches as a prefix) and filters, each optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchQuery {
    #[serde(default)]
    pub text: String,
    /// A person's name or alias: claims they made, appearances they spoke.
    #[serde(default)]
    #[ts(optional)]
    pub claimant: Option<String>,
    /// An outlet's name.
    #[serde(default)]
    #[ts(optional)]
    pub outlet: Option<String>,
    /// A verdict rating (`false`, `mostly_true`, …) of the newest verdict.
    #[serde(default)]
    #[ts(optional)]
    pub verdict: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub tag: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub storyline_id: Option<String>,
    /// Inclusive bounds: a date (`2025-12-01`) or an RFC 3339 time.
    #[serde(default)]
    #[ts(optional)]
    pub from: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub to: Option<String>,
    /// Which time `from`/`to` bound; for articles always the published time.
    #[serde(default)]
    #[ts(optional)]
    pub date_by: Option<TimeBasis>,
    /// Most hits per section; 20 when not given.
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// A search kept by name, to run again (`saved-searches --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedSearch {
    pub id: String,
    pub name: String,
    pub query: SearchQuery,
    /// The user who saved it.
    pub created_by: String,
    pub created_at: String,
}

/// A piece of a snippet; `hit` pieces are the words the query matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleHit {
    pub article_id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub published_at: Option<String>,
    pub snippet: Vec<SnippetPart>,
    /// bm25 relevance; higher is better.
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimHit {
    pub claim: ClaimBrief,
    pub snippet: Vec<SnippetPart>,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppearanceHit {
    pub appearance_id: String,
    pub claim_id: String,
    pub statement: String,
    pub article_id: String,
    pub article_title: String,
    pub outlet: Option<String>,
    pub speaker: Option<String>,
    pub stated_at: Option<String>,
    pub published_at: Option<String>,
    pub snippet: Vec<SnippetPart>,
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonHit {
    pub person_id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub claims: u32,
    pub score: f64,
}

/// What `search --json` prints: the best hits of each kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchResults {
    pub articles: Vec<ArticleHit>,
    pub claims: Vec<ClaimHit>,
    pub appearances: Vec<AppearanceHit>,
    pub persons: Vec<PersonHit>,
}

/// What "find everywhere" looks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchScope {
    Claim(String),
    Appearance(String),
    Storyline(String),
}

/// The words of a claim found in an article where it is not marked yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MatchHit {
    /// The claim whose appearance's words were found here.
    pub claim_id: String,
    /// That appearance.
    pub source_appearance_id: String,
    pub article_id: String,
    pub article_title: String,
    pub outlet: Option<String>,
    pub published_at: Option<String>,
    /// The revision `start`/`end` count in (the article's current one).
    pub revision: u32,
    /// Code point offsets into that revision's body, `[start, end)`.
    pub start: u32,
    pub end: u32,
    pub exact: String,
    /// Up to 60 chars of text either side, for showing the hit in context.
    pub before: String,
    pub after: String,
    /// 1.0 for the same words; lower with each changed word.
    pub similarity: f64,
    /// The same words once quote marks, dashes, spacing, case, "U.S."/"US"
    /// and British/American spelling are set aside.
    pub verbatim: bool,
    /// How it matched: the same words, a few changed, or part of the quote.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// For a partial quote: which part of the quote the outlet carried and
    /// what it left out.
    pub partial: Option<PartialQuote>,
    /// The words looked for (the source appearance's quote).
    #[serde(default)]
    pub source_exact: String,
    /// For a near copy: its words against the quote's, compared as matching
    /// compares them (case, spelling variants and punctuation set aside):
    /// kept, dropped from the quote, or added. Empty for the other kinds.
    #[serde(default)]
    pub diff: Vec<DiffSegment>,
    /// What the text says about this appearance (speaker, time, chain).
    pub hints: AppearanceHints,
}

/// A place in an imported article where a tracked claim's words appear
/// again, waiting for a person: Accept makes it an appearance of the
/// claim, Not the same dismisses it for good.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Reappearance {
    pub id: String,
    /// The tracked claim.
    pub claim: ClaimBrief,
    /// When the import found it (this desk's time, with its offset).
    pub found_at: String,
    /// Where and how it matched, as `matches --json` gives a hit.
    #[serde(flatten)]
    pub hit: MatchHit,
}

/// How a hit matched its quote (`match` in `matches --json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchKind {
    /// The same words once spelling, case and punctuation are set aside.
    Verbatim,
    /// A near copy: at most a quarter of the words changed.
    Near,
    /// A run of the quote's words (at least four content words) inside
    /// other text.
    Partial,
    /// The same meaning in other words.
    Paraphrase,
    /// The same meaning in another language.
    Translation,
}

impl MatchKind {
    /// Whether the words were found (not only the meaning).
    pub fn is_words(self) -> bool {
        matches!(
            self,
            MatchKind::Verbatim | MatchKind::Near | MatchKind::Partial
        )
    }

    /// The name `--json` prints (`match`).
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Verbatim => "verbatim",
            MatchKind::Near => "near",
            MatchKind::Partial => "partial",
            MatchKind::Paraphrase => "paraphrase",
            MatchKind::Translation => "translation",
        }
    }
}

/// The part of a quote another article carried, with what it left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartialQuote {
    /// The quote's words that were carried, as the quote has them.
    pub matched: String,
    /// The quote's words before the carried part that were left out.
    pub left_out_before: String,
    /// The quote's words after it that were left out.
    pub left_out_after: String,
}

/// Another claim that may say the same thing, for a person to link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RelatedClaim {
    pub claim_id: String,
    /// 0 to 1, higher is closer.
    pub score: f64,
    pub claim: ClaimBrief,
    /// Why: "similar wording", "same claimant", "stated within 3 days".
    pub reasons: Vec<String>,
    /// Set when the two claims are already linked.
    pub linked: Option<LinkRelation>,
    /// The claim looked for that it relates to: the claim itself, or for a
    /// storyline the one of its claims it resembles most (the same
    /// claimant first, then the most words in common).
    pub related_to: String,
}

/// What `matches --json` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Matches {
    pub hits: Vec<MatchHit>,
    pub related: Vec<RelatedClaim>,
    /// How far matching by meaning has got: whether it is on, and how
    /// many articles are not searched by meaning yet.
    #[serde(default)]
    pub meaning: MeaningStatus,
}

/// How far matching by meaning has got in a workspace (`embed --status`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MeaningStatus {
    /// Whether the sentence-embedding model is there.
    pub on: bool,
    /// Why it is off, for the journalist.
    pub reason: Option<String>,
    /// Articles whose statements have vectors.
    #[ts(type = "number")]
    pub embedded: i64,
    /// Articles still waiting for theirs.
    #[ts(type = "number")]
    pub waiting: i64,
    /// Statements with a vector, in the articles' current revisions.
    #[ts(type = "number")]
    pub statements: i64,
}

/// How far the background embedding has got (`embedding-progress`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmbedProgress {
    /// Articles embedded in this run.
    #[ts(type = "number")]
    pub done: u64,
    /// Articles the run set out to embed.
    #[ts(type = "number")]
    pub total: u64,
}

/// What one embedding run did (`embed --json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EmbedOutcome {
    #[ts(type = "number")]
    pub articles: u64,
    #[ts(type = "number")]
    pub statements: u64,
    pub seconds: f64,
    /// Articles still waiting (a run with `--limit` leaves some).
    #[ts(type = "number")]
    pub waiting: i64,
    /// Articles where tracked claims were then found by meaning (new
    /// candidates in `reappearances`).
    #[ts(type = "number")]
    #[serde(default)]
    pub reappearing: u64,
    /// The articles embedded (for the search that follows).
    #[serde(skip)]
    #[ts(skip)]
    pub article_ids: Vec<String>,
}

/// A storyline: claims a team follows together, in its chosen order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorylineInfo {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Its claims' ids in order.
    pub claim_ids: Vec<String>,
    pub created_at: String,
}

/// A storyline with its claims and their status, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StorylineDetail {
    #[serde(flatten)]
    #[ts(flatten)]
    pub storyline: StorylineInfo,
    pub claims: Vec<ClaimBrief>,
}

/// Whose appearances a timeline shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TimelineScope {
    Claim(String),
    /// A person's id, name or alias: claims they made and statements they spoke.
    Person(String),
    Storyline(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineQuery {
    pub scope: TimelineScope,
    #[serde(default)]
    pub by: TimeBasis,
}

/// A condition a restatement added or dropped ("only if ...").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConditionChange {
    /// True when added, false when dropped.
    pub added: bool,
    pub text: String,
}

/// How an appearance's words differ from the previous appearance of its claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WordingChange {
    pub previous_appearance_id: String,
    pub segments: Vec<DiffSegment>,
    pub conditions: Vec<ConditionChange>,
}

/// One appearance on a timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelinePoint {
    pub appearance_id: String,
    pub claim_id: String,
    pub statement: String,
    pub claimant: Option<String>,
    pub article_id: String,
    pub article_title: String,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub exact: String,
    pub kind: AppearanceKind,
    pub speaker: Option<String>,
    pub attribution: Vec<AttributionStep>,
    pub stated_at: Option<String>,
    pub published_at: Option<String>,
    /// The time the point is placed at, on the timeline's basis (falling
    /// back to the other time, then the import time, when it is missing).
    pub at: String,
    /// `at` in Unix milliseconds (a time without offset counts as UTC).
    #[ts(type = "number")]
    pub at_ms: i64,
    /// True when `at` is a fallback, not the time asked for.
    pub at_fallback: bool,
    /// The first appearance of its claim on this basis.
    pub first: bool,
    /// Wording changes from the previous appearance of the same claim.
    pub change: Option<WordingChange>,
    pub anchor: AnchorState,
}

/// A link between two claims drawn between their first points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TimelineLink {
    pub link_id: String,
    pub relation: LinkRelation,
    pub from_claim_id: String,
    pub to_claim_id: String,
    pub from_appearance_id: String,
    pub to_appearance_id: String,
}

/// What `timeline --json` prints: points in time order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Timeline {
    /// What the timeline is of ("Claim: …", "Volodymyr Zelenskyy", a storyline's name).
    pub title: String,
    pub by: TimeBasis,
    pub points: Vec<TimelinePoint>,
    /// Links among the claims shown (only those with both ends shown).
    pub links: Vec<TimelineLink>,
}
