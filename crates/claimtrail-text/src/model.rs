//! What the text code produces and the core passes on unchanged: suggested
//! claims and their hints, attribution steps, relays, word diffs. Field
//! names are part of the CLI's `--json` contract and the IPC payloads;
//! TypeScript bindings are generated from these types by ts-rs.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An outlet that the text says it relays from ("Al Jazeera reported").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RelayCandidate {
    pub outlet: String,
    /// The phrase that names it, as it appears in the text.
    pub cue: String,
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

/// How an appearance carries its claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppearanceKind {
    #[default]
    DirectQuote,
    Paraphrase,
    Headline,
    Summary,
}

impl AppearanceKind {
    pub const ALL: [AppearanceKind; 4] = [
        AppearanceKind::DirectQuote,
        AppearanceKind::Paraphrase,
        AppearanceKind::Headline,
        AppearanceKind::Summary,
    ];

    /// The name stored in the workspace and printed by `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            AppearanceKind::DirectQuote => "direct_quote",
            AppearanceKind::Paraphrase => "paraphrase",
            AppearanceKind::Headline => "headline",
            AppearanceKind::Summary => "summary",
        }
    }

    pub fn parse(s: &str) -> Option<AppearanceKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Who a step of an attribution chain is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StepKind {
    Person,
    Outlet,
}

/// One step of an attribution chain, speaker first: Zelenskyy → Al Jazeera → ANI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttributionStep {
    /// The person's or outlet's name.
    pub name: String,
    pub kind: StepKind,
    /// The phrase in the text that names this step ("Al Jazeera reported").
    #[serde(default)]
    pub cue: Option<String>,
}

/// What the text suggests for an appearance's fields (speaker, time, venue,
/// attribution), for a selection or a suggested claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppearanceHints {
    pub kind: AppearanceKind,
    /// The speaker as named in the text, or the known person it resolves to.
    pub speaker: Option<String>,
    /// Set when `speaker` is a known person of the workspace.
    pub speaker_id: Option<String>,
    /// When the statement was made; the published time when the text says nothing.
    pub stated_at: Option<String>,
    /// The words that date the statement ("on Sunday"), if any.
    pub stated_cue: Option<String>,
    pub venue: Option<String>,
    /// The outlet the text relays the statement from ("Al Jazeera reported").
    pub relay: Option<String>,
    pub attribution: Vec<AttributionStep>,
}

/// A candidate claim found in an article's text, for a person to accept,
/// edit or dismiss. `suggest --json` prints these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suggestion {
    /// Code point offsets into the current revision's body.
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub kind: AppearanceKind,
    pub speaker: Option<String>,
    pub relay: Option<String>,
    /// How worth a look it is, 0 to 1.
    pub score: f64,
    /// Why it was suggested ("direct quote", "number", "superlative", …).
    pub reasons: Vec<String>,
    pub hints: AppearanceHints,
}
