//! Exports of claim timelines: one claim, a person's claims, a storyline or
//! the whole workspace, as CSV, JSON, Markdown, a self-contained HTML
//! report, TimelineJS (JSON and its
//! spreadsheet layout), schema.org ClaimReview and W3C Web Annotations.
//!
//! [`gather`] reads everything an export shows once, into an
//! [`ExportDocument`] (also the JSON export, whose schema is these types);
//! each format is a pure function of that document, so formats cannot
//! disagree about what a claim's appearances or verdict are.
//!
//! [`left_out`] says in sentences what a format cannot hold (undated
//! appearances on a timeline, unapproved verdicts in ClaimReview); the
//! Export dialog shows it and the CLI prints it on stderr, so nothing is
//! dropped silently. The organisation named as ClaimReview's author is a
//! workspace setting, changed through an audited write. The JSON-LD
//! formats are checked in tests by expanding them with jsonld.js in safe
//! mode (`tests/jsonld/`, with the contexts kept there, since nothing can
//! be fetched).

mod annotations;
mod claimreview;
mod html;
mod markdown;
mod table;
mod timelinejs;
mod when;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::change::{Entity, Verb};
use crate::model::{
    AppearanceKind, AttributionStep, ClaimInfo, ClaimQuery, EvidenceInfo, ReviewState, SearchQuery,
    VerdictInfo,
};
use crate::store::{query_in, Result, Store, StoreError};
use crate::{claims, review, storylines};

pub use timelinejs::Group;
pub use when::{Placed, When, Zone};

/// Whose claims an export holds. IPC: `{"claim": id}`, `{"person": name}`,
/// `{"storyline": id}` or `"workspace"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExportScope {
    Claim(String),
    /// A person's name, alias or id: the claims they made or spoke.
    Person(String),
    /// A storyline's id or name, its claims in the storyline's order.
    Storyline(String),
    Workspace,
}

/// The formats, named as the CLI's `--format` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ExportFormat {
    #[serde(rename = "csv")]
    Csv,
    #[serde(rename = "json")]
    Json,
    #[serde(rename = "md")]
    Markdown,
    #[serde(rename = "html")]
    Html,
    #[serde(rename = "timelinejs")]
    TimelineJs,
    #[serde(rename = "timelinejs-csv")]
    TimelineJsCsv,
    #[serde(rename = "claimreview")]
    ClaimReview,
    #[serde(rename = "annotations")]
    Annotations,
}

impl ExportFormat {
    /// The file name extension a saved export gets.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv | ExportFormat::TimelineJsCsv => "csv",
            ExportFormat::Json | ExportFormat::TimelineJs => "json",
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::ClaimReview | ExportFormat::Annotations => "jsonld",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportOptions {
    /// Start CSV output with a UTF-8 byte order mark, for Excel.
    #[serde(default)]
    pub bom: bool,
    /// What puts TimelineJS events on one row.
    #[serde(default)]
    pub group: Group,
    /// The desk's clock, on which timelines place every time (TimelineJS
    /// has no offsets): a tz database name ("Europe/Berlin") or an offset
    /// ("+05:30"); none is the user's zone. Each time is also shown as its
    /// source gave it.
    #[serde(default)]
    #[ts(optional)]
    pub zone: Option<String>,
    /// Whether a verdict not approved yet appears in the formats made to
    /// be published (TimelineJS, the report, Markdown, CSV): left out by
    /// default, or shown marked as not approved.
    #[serde(default)]
    pub unapproved: Unapproved,
    /// The same filters as search, within the scope: only claims the
    /// search matches (its words, claimant, verdict, tag, storyline), and
    /// of those only the appearances inside its outlet and time filters.
    #[serde(default)]
    #[ts(optional)]
    pub filter: Option<SearchQuery>,
}

/// What the published formats do with a verdict not approved yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Unapproved {
    /// Not shown: a proposal is the desk's work in progress.
    #[default]
    Omit,
    /// Shown, marked "proposed, not approved yet".
    Mark,
}

/// An export as the app asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    pub scope: ExportScope,
    pub format: ExportFormat,
    #[serde(default)]
    pub options: ExportOptions,
}

/// What an export will hold, for the Export dialog's preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportPreview {
    /// The export's text (UTF-8), cut at `PREVIEW_LIMIT` chars.
    pub content: String,
    pub truncated: bool,
    pub claims: u32,
    pub appearances: u32,
    /// A file name to suggest: the scope's title and the extension.
    pub file_name: String,
    /// What the format leaves out and why (undated appearances on a
    /// timeline, claims without an approved verdict in ClaimReview).
    pub notes: Vec<String>,
}

/// Longest preview text, in chars.
const PREVIEW_LIMIT: usize = 200_000;

/// The export of a request, with counts and a suggested file name.
pub async fn preview(store: &Store, request: &ExportRequest) -> Result<ExportPreview> {
    let document = gather_filtered(store, &request.scope, request.options.filter.as_ref()).await?;
    if request.format == ExportFormat::ClaimReview {
        ready_to_publish(&document.organisation)?;
    }
    let bytes = render(
        &document,
        request.format,
        &ExportOptions {
            bom: false,
            ..request.options.clone()
        },
    )?;
    let text = String::from_utf8_lossy(&bytes);
    let truncated = text.chars().count() > PREVIEW_LIMIT;
    let content = if truncated {
        text.chars().take(PREVIEW_LIMIT).collect()
    } else {
        text.into_owned()
    };
    // The scope's title (a filter's dates would be cut mid-way), and
    // whether it was filtered.
    let (base, filtered) = match document.title.split_once(", filtered") {
        Some((base, _)) => (base, true),
        None => (document.title.as_str(), false),
    };
    let stem: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase();
    let stem = match (stem.is_empty(), filtered) {
        (true, _) => "claims".to_owned(),
        (false, true) => format!("{stem}-filtered"),
        (false, false) => stem,
    };
    Ok(ExportPreview {
        content,
        truncated,
        claims: document.claims.len() as u32,
        appearances: document
            .claims
            .iter()
            .map(|c| c.appearances.len() as u32)
            .sum(),
        file_name: format!("{stem}.{}", request.format.extension()),
        notes: left_out(&document, request.format, &request.options),
    })
}

pub use crate::store::write_file;

/// Everything an export shows; the JSON export prints it as is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// Always 1 for this layout; raised only if a field changes meaning.
    pub schema_version: u32,
    pub title: String,
    /// When the export was made (local time with its offset).
    pub exported_at: String,
    pub organisation: Organisation,
    pub claims: Vec<ExportClaim>,
}

/// Who publishes the reviews (workspace settings).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Organisation {
    pub name: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportClaim {
    pub id: String,
    pub statement: String,
    pub claimant: Option<String>,
    pub condition: Option<String>,
    pub tags: Vec<String>,
    pub review_state: ReviewState,
    /// The newest verdict, approved or not (see `review_state`).
    pub verdict: Option<VerdictInfo>,
    pub evidence: Vec<EvidenceInfo>,
    /// In time order: stated time, else the article's published time.
    pub appearances: Vec<ExportAppearance>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportAppearance {
    pub id: String,
    pub article_id: String,
    pub article_title: String,
    pub outlet: Option<String>,
    /// The article's address (canonical, else where it was fetched).
    pub url: Option<String>,
    pub published_at: Option<String>,
    pub stated_at: Option<String>,
    pub kind: AppearanceKind,
    pub speaker: Option<String>,
    /// Where it was said (a press conference, a programme).
    #[serde(default)]
    pub venue: Option<String>,
    /// Speaker first: Zelenskyy → Al Jazeera → ANI.
    pub attribution: Vec<AttributionStep>,
    /// W3C TextQuoteSelector.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// W3C TextPositionSelector: code points in Claimtrail's text of the
    /// article's revision (the page's own text may differ in whitespace).
    pub start: u32,
    pub end: u32,
    pub revision: u32,
}

impl ExportAppearance {
    /// When it was said, else when it was published.
    pub fn time(&self) -> Option<&str> {
        self.stated_at.as_deref().or(self.published_at.as_deref())
    }

    /// "Zelenskyy → Al Jazeera → ANI".
    pub fn chain(&self) -> String {
        self.attribution
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// When it was said (else published), read; None for no or an
    /// unreadable time.
    pub fn when(&self) -> Option<When> {
        self.time().and_then(When::parse)
    }

    /// Who published it as a reader should see it: the outlet, else the
    /// site of its address ("aninews.in"), else None.
    pub fn source_name(&self) -> Option<String> {
        self.outlet.clone().or_else(|| {
            let url = web_address(self.url.as_deref()?)?;
            let host = url.host_str()?;
            Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
        })
    }
}

impl ExportClaim {
    /// The verdict a published format shows, with whether it stands
    /// approved; None when there is none, or it is not approved and
    /// `unapproved` leaves it out.
    pub fn shown_verdict(&self, unapproved: Unapproved) -> Option<(&VerdictInfo, bool)> {
        let verdict = self.verdict.as_ref()?;
        let approved = self.review_state == ReviewState::Approved;
        (approved || unapproved == Unapproved::Mark).then_some((verdict, approved))
    }
}

/// Whether two texts say the same words (case, punctuation and quote
/// marks aside): a claim's statement that only repeats its quote.
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    words(a) == words(b)
}

pub use claimtrail_text::parse::web_address;

/// JSON that can stand inside an HTML `<script>` block (ClaimReview's
/// JSON-LD, a TimelineJS page's data): `<`, `>` and `&` as `\u` escapes, so
/// a title holding `</script>` cannot end the block, and U+2028/U+2029,
/// which older JavaScript reads as line ends. They can only occur inside
/// strings, where the escape means the same character.
pub(crate) fn script_safe(json: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(json).unwrap_or_default();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.into_bytes()
}

/// A link to a source as HTML: only a [`web_address`], in its parsed form;
/// anything else leaves the text alone.
pub(crate) fn html_link(url: Option<&str>, text: &str) -> String {
    use timelinejs::html;
    match url.and_then(web_address) {
        Some(url) => format!(
            "<a href=\"{}\" rel=\"noreferrer\">{}</a>",
            html(url.as_str()),
            html(text)
        ),
        None => html(text),
    }
}

/// At most `max` chars of `text`, cut at a word with "…".
pub(crate) fn short(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
    )
}

const ORGANISATION_NAME: &str = "organisation_name";
const ORGANISATION_URL: &str = "organisation_url";

/// The organisation named in ClaimReview exports.
pub async fn organisation(store: &Store) -> Result<Organisation> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT key, value FROM settings WHERE key IN (?, ?)")
            .bind(ORGANISATION_NAME)
            .bind(ORGANISATION_URL)
            .fetch_all(store.pool())
            .await?;
    let get = |key: &str| rows.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    Ok(Organisation {
        name: get(ORGANISATION_NAME),
        url: get(ORGANISATION_URL),
    })
}

/// Sets the organisation (name, and its site's address), audited.
pub async fn set_organisation(
    store: &Store,
    name: &str,
    url: Option<&str>,
) -> Result<Organisation> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(StoreError::invalid_field(
            "name",
            "The organisation needs a name.",
        ));
    }
    let before = organisation(store).await?;
    // No address given keeps the one set before; an empty one clears it.
    let url = match url.map(str::trim) {
        None => before.url.clone(),
        Some("") => None,
        Some(u) => Some(
            url::Url::parse(u)
                .ok()
                .filter(|p| matches!(p.scheme(), "http" | "https"))
                .ok_or_else(|| {
                    StoreError::invalid_field("url", format!(
                        "“{u}” is not a web address; give the site's address starting with https://."
                    ))
                })?
                .to_string(),
        ),
    };
    let mut w = store.write().await?;
    for (key, value) in [
        (ORGANISATION_NAME, Some(&name)),
        (ORGANISATION_URL, url.as_ref()),
    ] {
        match value {
            Some(v) => {
                sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
                    .bind(key)
                    .bind(v)
                    .execute(w.conn())
                    .await?;
            }
            None => {
                sqlx::query("DELETE FROM settings WHERE key = ?")
                    .bind(key)
                    .execute(w.conn())
                    .await?;
            }
        }
    }
    let after = Organisation {
        name: Some(name),
        url,
    };
    if after != before {
        w.audit(
            Entity::Settings,
            "organisation",
            Verb::Update,
            Some(&serde_json::to_value(&before)?),
            Some(&serde_json::to_value(&after)?),
        )
        .await?;
        w.commit().await?;
    }
    Ok(after)
}

/// Reads what an export of `scope` shows.
pub async fn gather(store: &Store, scope: &ExportScope) -> Result<ExportDocument> {
    gather_filtered(store, scope, None).await
}

/// The scope narrowed by a search's filters (see [`ExportOptions::filter`]).
pub async fn gather_filtered(
    store: &Store,
    scope: &ExportScope,
    filter: Option<&SearchQuery>,
) -> Result<ExportDocument> {
    let (mut title, mut claims) = match scope {
        ExportScope::Claim(id) => {
            let claim = claims::get(store, id).await?;
            (claim.statement.clone(), vec![claim])
        }
        ExportScope::Person(key) => {
            let mut conn = store.pool().acquire().await?;
            let person = crate::persons::existing(&mut conn, key).await?;
            let name: String = sqlx::query_scalar("SELECT name FROM persons WHERE id = ?")
                .bind(&person)
                .fetch_one(&mut *conn)
                .await?;
            // Claims they made, and claims with an appearance they spoke.
            let ids: Vec<String> = sqlx::query_scalar(
                "SELECT id FROM claims WHERE claimant_id = ?1
                 UNION SELECT claim_id FROM appearances WHERE speaker_id = ?1",
            )
            .bind(&person)
            .fetch_all(&mut *conn)
            .await?;
            drop(conn);
            let mut found = Vec::with_capacity(ids.len());
            for id in ids {
                found.push(claims::get(store, &id).await?);
            }
            (format!("Claims by {name}"), found)
        }
        ExportScope::Storyline(key) => {
            let id = {
                let mut conn = store.pool().acquire().await?;
                storylines::resolve(&mut conn, key).await?
            };
            let line = storylines::get(store, &id).await?;
            let mut found = Vec::with_capacity(line.claims.len());
            for brief in &line.claims {
                found.push(claims::get(store, &brief.id).await?);
            }
            (line.storyline.name.clone(), found)
        }
        ExportScope::Workspace => (
            "All claims".to_owned(),
            claims::list(store, &ClaimQuery::default()).await?,
        ),
    };
    let mut window = None;
    if let Some(filter) = filter {
        if let Some(matched) = crate::search::claim_ids(store, filter).await? {
            let matched: std::collections::HashSet<String> = matched.into_iter().collect();
            claims.retain(|c| matched.contains(&c.id));
            title = format!("{title}, filtered ({})", describe(filter));
        }
        window = Some(crate::search::AppearanceWindow::of(filter)?);
    }
    let articles = article_facts(store, &claims).await?;
    if let Some(window) = &window {
        for claim in &mut claims {
            claim.appearances.retain(|a| {
                let published = articles.get(&a.article_id).and_then(|(_, p)| p.as_deref());
                window.keeps(a.outlet.as_deref(), a.stated_at.as_deref(), published)
            });
        }
    }
    let ids: Vec<String> = claims.iter().map(|c| c.id.clone()).collect();
    let mut reviews = review::many(store, &ids).await?;
    let mut exported = Vec::with_capacity(claims.len());
    for claim in claims {
        let review = reviews
            .remove(&claim.id)
            .ok_or_else(|| StoreError::NotFound(format!("claim {}", claim.id)))?;
        exported.push(export_claim(claim, review, &articles));
    }
    if !matches!(scope, ExportScope::Storyline(_)) {
        // By first appearance; a storyline keeps the order its editor chose.
        exported.sort_by_key(|c| {
            c.appearances
                .first()
                .and_then(|a| a.time())
                .and_then(|t| claims::stated_sort_key(t).ok())
                .unwrap_or(i64::MAX)
        });
    }
    Ok(ExportDocument {
        schema_version: 1,
        title,
        exported_at: crate::store::now(),
        organisation: organisation(store).await?,
        claims: exported,
    })
}

/// A search's words and filters in a few words, for an export's title.
fn describe(q: &SearchQuery) -> String {
    let mut parts = Vec::new();
    if !q.text.trim().is_empty() {
        parts.push(format!("“{}”", q.text.trim()));
    }
    let named = [
        ("by", &q.claimant),
        ("in", &q.outlet),
        ("rated", &q.verdict),
        ("tagged", &q.tag),
        ("from", &q.from),
        ("to", &q.to),
    ];
    for (word, value) in named {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            parts.push(format!("{word} {}", v.replace('_', " ")));
        }
    }
    if q.storyline_id
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty())
    {
        parts.push("in a storyline".to_owned());
    }
    parts.join(", ")
}

/// An article's address and publication time.
type ArticleFacts = (Option<String>, Option<String>);

/// The address and publication time of each article the claims appear in.
async fn article_facts(
    store: &Store,
    claims: &[ClaimInfo],
) -> Result<HashMap<String, ArticleFacts>> {
    let mut ids: Vec<String> = claims
        .iter()
        .flat_map(|c| c.appearances.iter().map(|a| a.article_id.clone()))
        .collect();
    ids.sort();
    ids.dedup();
    let mut conn = store.pool().acquire().await?;
    // id, canonical URL, fetched URL, published time
    type Row = (String, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = query_in(
        &mut conn,
        "SELECT a.id, a.canonical_url, r.url,
                NULLIF(COALESCE(fix.published_at, r.published_at), '') FROM articles a
         JOIN revisions r ON r.id = a.current_revision_id
         LEFT JOIN article_corrections fix ON fix.article_id = a.id WHERE a.id IN",
        &ids,
    )
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, canonical, fetched, published)| (id, (canonical.or(fetched), published)))
        .collect())
}

fn export_claim(
    claim: ClaimInfo,
    review: crate::model::ReviewInfo,
    articles: &HashMap<String, ArticleFacts>,
) -> ExportClaim {
    let mut appearances: Vec<ExportAppearance> = claim
        .appearances
        .into_iter()
        .map(|a| {
            let (url, published_at) = articles.get(&a.article_id).cloned().unwrap_or_default();
            ExportAppearance {
                id: a.id,
                article_id: a.article_id,
                article_title: a.article_title,
                outlet: a.outlet,
                url,
                published_at,
                stated_at: a.stated_at,
                kind: a.kind,
                speaker: a.speaker,
                venue: a.venue,
                attribution: a.attribution,
                exact: a.exact,
                prefix: a.prefix,
                suffix: a.suffix,
                start: a.start,
                end: a.end,
                revision: a.revision,
            }
        })
        .collect();
    appearances.sort_by(|a, b| {
        let key = |x: &ExportAppearance| {
            x.time()
                .and_then(|t| claims::stated_sort_key(t).ok())
                .unwrap_or(i64::MAX)
        };
        key(a).cmp(&key(b)).then_with(|| a.id.cmp(&b.id))
    });
    ExportClaim {
        id: claim.id,
        statement: claim.statement,
        claimant: claim.claimant,
        condition: claim.condition,
        tags: claim.tags,
        review_state: review.state,
        verdict: review.verdict,
        evidence: review.evidence,
        appearances,
    }
}

/// The export of `scope` in `format`, as the bytes of the file to write.
pub async fn export(
    store: &Store,
    scope: &ExportScope,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    Ok(export_with_notes(store, scope, format, options).await?.0)
}

/// The export and what it leaves out (see [`left_out`]).
pub async fn export_with_notes(
    store: &Store,
    scope: &ExportScope,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<(Vec<u8>, Vec<String>)> {
    let document = gather_filtered(store, scope, options.filter.as_ref()).await?;
    if format == ExportFormat::ClaimReview {
        ready_to_publish(&document.organisation)?;
    }
    tracing::info!(
        format = ?format,
        claims = document.claims.len(),
        filtered = options.filter.is_some(),
        "export"
    );
    Ok((
        render(&document, format, options)?,
        left_out(&document, format, options),
    ))
}

/// What `format` leaves out of `document`, in sentences: a timeline has no
/// place for an appearance without a date (neither stated nor published),
/// and ClaimReview publishes only verdicts that stand approved. Nothing is
/// left out silently.
pub fn left_out(
    document: &ExportDocument,
    format: ExportFormat,
    options: &ExportOptions,
) -> Vec<String> {
    let mut notes = Vec::new();
    let timeline = matches!(
        format,
        ExportFormat::TimelineJs | ExportFormat::TimelineJsCsv | ExportFormat::Html
    );
    if timeline {
        let undated: Vec<&ExportAppearance> = document
            .claims
            .iter()
            .flat_map(|c| &c.appearances)
            .filter(|a| a.time().is_none())
            .collect();
        if let Some(first) = undated.first() {
            let one = undated.len() == 1;
            let where_ = match (format == ExportFormat::Html, one) {
                (true, true) => "is listed under its claim but not on the timeline",
                (true, false) => "are listed under their claims but not on the timeline",
                (false, true) => "is not in the timeline",
                (false, false) => "are not in the timeline",
            };
            let quote: String = first.exact.chars().take(60).collect();
            notes.push(format!(
                "{} {} no date (neither when it was said nor when the article was published) and {where_}: “{quote}” in {}{}. Set a stated time to place {}.",
                undated.len(),
                if one { "appearance has" } else { "appearances have" },
                first.article_title,
                if one { "" } else { " and others" },
                if one { "it" } else { "them" },
            ));
        }
    }
    let published = matches!(
        format,
        ExportFormat::TimelineJs
            | ExportFormat::TimelineJsCsv
            | ExportFormat::Html
            | ExportFormat::Markdown
            | ExportFormat::Csv
    );
    if published && options.unapproved == Unapproved::Omit {
        let proposed = document
            .claims
            .iter()
            .filter(|c| c.verdict.is_some() && c.review_state != ReviewState::Approved)
            .count();
        match proposed {
            0 => {}
            1 => notes.push("1 claim has a verdict not approved yet; it is left out. Show unapproved verdicts (marked as such) to include it.".to_owned()),
            n => notes.push(format!("{n} claims have a verdict not approved yet; they are left out. Show unapproved verdicts (marked as such) to include them.")),
        }
    }
    if format == ExportFormat::ClaimReview {
        let unpublished = document
            .claims
            .iter()
            .filter(|c| c.review_state != ReviewState::Approved)
            .count();
        let total = document.claims.len();
        let note = match (unpublished, total) {
            (0, _) => None,
            (1, 1) => Some(
                "The claim has no approved verdict, so there is no ClaimReview to publish."
                    .to_owned(),
            ),
            (u, t) if u == t => Some(format!(
                "The {t} claims have no approved verdict, so there is no ClaimReview to publish."
            )),
            (1, t) => Some(format!(
                "1 of {t} claims has no approved verdict and is not published as ClaimReview."
            )),
            (u, t) => Some(format!(
                "{u} of {t} claims have no approved verdict and are not published as ClaimReview."
            )),
        };
        notes.extend(note);
    }
    notes
}

/// ClaimReview names who publishes the review and where: both must be set.
fn ready_to_publish(org: &Organisation) -> Result<()> {
    if org.name.is_none() || org.url.is_none() {
        return Err(StoreError::invalid(
            "ClaimReview needs the organisation that publishes the reviews and its site: set them first (claimtrail organisation NAME --url https://…, or in the Export dialog).".to_owned(),
        ));
    }
    Ok(())
}

/// One format of a gathered document.
pub fn render(
    document: &ExportDocument,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>> {
    Ok(match format {
        ExportFormat::Csv => table::appearances_csv(document, options)?,
        ExportFormat::Json => {
            let mut out = serde_json::to_vec_pretty(document)?;
            out.push(b'\n');
            out
        }
        ExportFormat::Markdown => markdown::render(document, options)?.into_bytes(),
        ExportFormat::Html => html::render(document, options)?.into_bytes(),
        ExportFormat::TimelineJs => {
            let mut out = serde_json::to_vec_pretty(&timelinejs::timeline(document, options)?)?;
            out.push(b'\n');
            script_safe(out)
        }
        ExportFormat::TimelineJsCsv => timelinejs::sheet(document, options)?,
        ExportFormat::ClaimReview => {
            let mut out = serde_json::to_vec_pretty(&claimreview::reviews(document))?;
            out.push(b'\n');
            script_safe(out)
        }
        ExportFormat::Annotations => {
            let mut out = serde_json::to_vec_pretty(&annotations::page(document))?;
            out.push(b'\n');
            script_safe(out)
        }
    })
}
