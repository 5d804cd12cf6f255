//! Annotations from other tools as appearances: Hypothesis exports (its
//! JSON: an array of annotations, or an API answer with `rows`) and W3C Web
//! Annotation JSON (an `Annotation`, an array, or an `AnnotationPage` /
//! `AnnotationCollection`, as `export --format annotations` writes).
//!
//! Each annotation is matched to an article by its target's address (the
//! same identity URL imports use) and placed on the article's current text
//! by the re-anchoring revisions use (position, then quote, then
//! approximate match); a quote that cannot be placed with confidence is
//! reported, not guessed. Its claim is the one it names (`claimtrail:claim`)
//! when that exists, else the one with the same statement, else a new one.
//! An appearance already there is not added twice, so importing the same
//! file again changes nothing.

use serde::Serialize;
use serde_json::Value;

use crate::anchor::{self, Anchor, Placement, TextPositionSelector, TextQuoteSelector};
use crate::articles::normalise_url;
use crate::model::{
    AppearanceDetails, AppearanceFields, AppearanceKind, AttributionStep, ClaimFields, StepKind,
};
use crate::store::{Result, Store, StoreError};
use crate::{articles, claims};

/// What happened to one annotation of the file.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AnnotationOutcome {
    /// Its place in the file, from 1.
    pub index: u32,
    pub source: Option<String>,
    pub exact: Option<String>,
    /// `imported`, `duplicate` (already an appearance), `skipped` (the
    /// reason says why), or `failed`: the workspace failed (locked, disk
    /// full); the file stopped there and the annotations after it were not
    /// tried.
    pub status: String,
    pub claim_id: Option<String>,
    pub appearance_id: Option<String>,
    /// Why it was skipped.
    pub reason: Option<String>,
}

/// One annotation as read from either format.
#[derive(Debug, Default)]
struct Incoming {
    source: Option<String>,
    quote: Option<TextQuoteSelector>,
    position: Option<TextPositionSelector>,
    claim_id: Option<String>,
    /// Who made the claim (Claimtrail's own exports say).
    claimant: Option<String>,
    statement: Option<String>,
    tags: Vec<String>,
    /// Claimtrail's own exports carry these too (`claimtrail:` terms).
    condition: Option<String>,
    details: AppearanceDetails,
}

/// Reads `bytes` (Hypothesis or W3C JSON) and imports each annotation.
/// A file that is not such JSON is refused before anything is written; a
/// workspace failure ends the list with a `failed` outcome.
/// The largest annotation file read: the same cap as an article's file.
pub const MAX_FILE_BYTES: u64 = claimtrail_text::parse::MAX_INPUT_BYTES;

/// Reads an annotation file, refusing one over [`MAX_FILE_BYTES`] before
/// reading it (and reading no more than one byte past the cap, should it
/// grow meanwhile).
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    use std::io::Read as _;
    let unreadable = |e: std::io::Error| {
        StoreError::invalid(format!("{} could not be read: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

fn too_large(size: u64) -> StoreError {
    StoreError::invalid(format!(
        "This annotation file is {:.1} MB; Claimtrail reads annotation files of up to {} MB.",
        size as f64 / 1_048_576.0,
        MAX_FILE_BYTES / 1_048_576
    ))
}

pub async fn import(store: &Store, bytes: &[u8]) -> Result<Vec<AnnotationOutcome>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let json: Value = serde_json::from_slice(bytes).map_err(|e| {
        StoreError::invalid(format!(
            "This is not an annotation file (Hypothesis or W3C Web Annotation JSON): {e}"
        ))
    })?;
    let items = items(&json).ok_or_else(|| {
        StoreError::invalid(
            "No annotations found: expected a Hypothesis export (an array, or `rows`) or W3C Web Annotation JSON (an Annotation, an array, or an AnnotationPage)."
                .to_owned(),
        )
    })?;
    let mut outcomes = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let incoming = read(item);
        let outcome = place(store, &incoming).await;
        let (status, claim_id, appearance_id, reason) = match outcome {
            Ok(Placed::New { claim, appearance }) => {
                ("imported", Some(claim), Some(appearance), None)
            }
            Ok(Placed::Already { claim, appearance }) => {
                ("duplicate", Some(claim), Some(appearance), None)
            }
            Ok(Placed::Skipped(reason)) => ("skipped", None, None, Some(reason)),
            // Bad input skips the annotation; a workspace failure (locked,
            // disk full) stops the file there: what was imported before it
            // stays (each annotation is its own write) and is reported.
            Err(StoreError::NotFound(reason)) => ("skipped", None, None, Some(reason)),
            Err(
                refused @ (StoreError::Invalid { .. }
                | StoreError::Conflict(_)
                | StoreError::NotAllowed(_)),
            ) => ("skipped", None, None, Some(refused.to_string())),
            Err(e) => ("failed", None, None, Some(e.to_string())),
        };
        let failed = status == "failed";
        outcomes.push(AnnotationOutcome {
            index: (i + 1) as u32,
            source: incoming.source.clone(),
            exact: incoming.quote.as_ref().map(|q| q.exact.clone()),
            status: status.to_owned(),
            claim_id,
            appearance_id,
            reason,
        });
        if failed {
            break;
        }
    }
    Ok(outcomes)
}

fn items(json: &Value) -> Option<Vec<Value>> {
    match json {
        Value::Array(items) => Some(items.clone()),
        Value::Object(o) => {
            // The Hypothesis client's "Export annotations" file.
            if let Some(rows) = o.get("annotations").and_then(Value::as_array) {
                return Some(rows.clone());
            }
            if let Some(rows) = o.get("rows").and_then(Value::as_array) {
                return Some(rows.clone());
            }
            if let Some(items) = o.get("items").and_then(Value::as_array) {
                return Some(items.clone());
            }
            if let Some(items) = o
                .get("first")
                .and_then(|f| f.get("items"))
                .and_then(Value::as_array)
            {
                return Some(items.clone());
            }
            o.contains_key("target").then(|| vec![json.clone()])
        }
        _ => None,
    }
}

fn read(item: &Value) -> Incoming {
    let mut incoming = Incoming::default();
    // Hypothesis: `uri`, `text`, `tags`, `target: [{source, selector}]`.
    // W3C: `target` (a string, an object or an array), `body`.
    let target = match &item["target"] {
        Value::Array(targets) => targets.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    incoming.source = match &target {
        Value::String(s) => Some(s.clone()),
        t => t["source"].as_str().map(str::to_owned),
    }
    .or_else(|| item["uri"].as_str().map(str::to_owned));
    let selectors: Vec<Value> = match &target["selector"] {
        Value::Array(s) => s.clone(),
        Value::Object(_) => vec![target["selector"].clone()],
        _ => Vec::new(),
    };
    for s in &selectors {
        match s["type"].as_str() {
            Some("TextQuoteSelector") => {
                incoming.quote = s["exact"].as_str().map(|exact| TextQuoteSelector {
                    exact: exact.to_owned(),
                    prefix: s["prefix"].as_str().unwrap_or("").to_owned(),
                    suffix: s["suffix"].as_str().unwrap_or("").to_owned(),
                })
            }
            Some("TextPositionSelector") => {
                if let (Some(start), Some(end)) = (s["start"].as_u64(), s["end"].as_u64()) {
                    incoming.position = Some(TextPositionSelector {
                        start: start as usize,
                        end: end as usize,
                    });
                }
            }
            _ => {}
        }
    }
    let text = |name: &str| term(item, name).as_str().map(str::to_owned);
    incoming.claim_id = text("claim");
    incoming.claimant = text("claimant");
    incoming.condition = text("condition");
    incoming.details = AppearanceDetails {
        kind: text("kind")
            .and_then(|k| AppearanceKind::parse(&k))
            .unwrap_or_default(),
        speaker: text("speaker"),
        stated_at: text("statedAt"),
        venue: text("venue"),
        attribution: match term(item, "attribution") {
            Value::Array(steps) => steps.iter().filter_map(step).collect(),
            Value::Object(o) => o
                .get("@list")
                .and_then(Value::as_array)
                .map(|steps| steps.iter().filter_map(step).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        },
    };
    let bodies: Vec<Value> = match &item["body"] {
        Value::Array(b) => b.clone(),
        Value::Null => Vec::new(),
        other => vec![other.clone()],
    };
    for body in &bodies {
        let value = match body {
            Value::String(s) => Some(s.as_str()),
            b => b["value"].as_str(),
        };
        let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        match body["purpose"].as_str() {
            Some("tagging") => incoming.tags.push(value.to_owned()),
            Some("assessing") => {}
            _ if incoming.statement.is_none() => incoming.statement = Some(value.to_owned()),
            _ => {}
        }
    }
    if let Some(text) = item["text"]
        .as_str()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        incoming.statement.get_or_insert_with(|| text.to_owned());
    }
    if let Some(tags) = item["tags"].as_array() {
        incoming
            .tags
            .extend(tags.iter().filter_map(|t| t.as_str().map(str::to_owned)));
    }
    incoming
}

/// A `claimtrail:` term of an annotation, compact or expanded.
fn term<'a>(item: &'a Value, name: &str) -> &'a Value {
    match &item[format!("claimtrail:{name}")] {
        Value::Null => &item[format!("urn:claimtrail:{name}")],
        found => found,
    }
}

fn step(value: &Value) -> Option<AttributionStep> {
    let name = term(value, "name").as_str()?.trim();
    let kind = match term(value, "step").as_str() {
        Some("outlet") => StepKind::Outlet,
        _ => StepKind::Person,
    };
    (!name.is_empty()).then(|| AttributionStep {
        name: name.to_owned(),
        kind,
        cue: term(value, "cue").as_str().map(str::to_owned),
    })
}

enum Placed {
    New { claim: String, appearance: String },
    Already { claim: String, appearance: String },
    Skipped(String),
}

async fn place(store: &Store, incoming: &Incoming) -> Result<Placed> {
    let Some(source) = &incoming.source else {
        return Ok(Placed::Skipped("The annotation names no page.".to_owned()));
    };
    let Some(quote) = &incoming.quote else {
        return Ok(Placed::Skipped(
            "The annotation has no quoted text (TextQuoteSelector); a page note cannot become an appearance.".to_owned(),
        ));
    };
    let Some(article) = article_for(store, source).await? else {
        return Ok(Placed::Skipped(format!(
            "No article in the workspace is at {source}; import it first, then the annotations again."
        )));
    };
    let detail = articles::show(store, &article, None).await?;
    // Without a position (many tools send none), a quote found once in the
    // text is placed there; the re-anchoring weighs context otherwise.
    let len = quote.exact.chars().count();
    let occurrences = anchor::find_quote(&detail.body, &quote.exact);
    let position = match (incoming.position, occurrences.as_slice()) {
        (Some(p), _) => p,
        (None, [first, ..]) => TextPositionSelector {
            start: *first,
            end: first + len,
        },
        (None, []) => TextPositionSelector { start: 0, end: 0 },
    };
    let anchor = Anchor {
        quote: quote.clone(),
        position,
    };
    let (start, end) = match anchor::reanchor(&anchor, &detail.body) {
        Placement::Anchored { start, end } | Placement::Moved { start, end, .. } => (start, end),
        Placement::NeedsReview { found, .. } => {
            return Ok(Placed::Skipped(format!(
                "The quote “{}” is not in the article as it stands; the closest text is “{found}”. Mark it by hand.",
                quote.exact
            )))
        }
        Placement::Orphaned => {
            return Ok(Placed::Skipped(format!(
                "The quote “{}” is not in the article as it stands.",
                quote.exact
            )))
        }
    };
    // Any claim's appearance on exactly this span of this article is the
    // annotation imported before (perhaps under a since-edited statement).
    let same_span: Option<(String, String)> = sqlx::query_as(
        "SELECT a.claim_id, a.id FROM appearances a JOIN articles ar
             ON ar.current_revision_id = a.revision_id
         WHERE ar.id = ? AND a.start = ? AND a.end = ? ORDER BY a.id LIMIT 1",
    )
    .bind(&article)
    .bind(start as i64)
    .bind(end as i64)
    .fetch_optional(store.pool())
    .await?;
    if let Some((claim, appearance)) = same_span {
        return Ok(Placed::Already { claim, appearance });
    }
    let existing = match &incoming.claim_id {
        Some(id) if claims::get(store, id).await.is_ok() => Some(id.clone()),
        _ => {
            // The same statement by the same claimant (or, with none named,
            // by nobody in particular).
            let statement = incoming.statement.as_deref().unwrap_or(&quote.exact);
            sqlx::query_scalar(
                "SELECT c.id FROM claims c LEFT JOIN persons p ON p.id = c.claimant_id
                 WHERE c.statement = ?1 AND (p.name IS ?2 OR (?2 IS NULL AND c.claimant_id IS NULL))
                 ORDER BY c.id LIMIT 1",
            )
            .bind(statement)
            .bind(incoming.claimant.as_deref())
            .fetch_optional(store.pool())
            .await?
        }
    };
    let fields = AppearanceFields {
        article_id: article.clone(),
        revision: Some(detail.shown_revision),
        start: start as u32,
        end: end as u32,
        details: incoming.details.clone(),
    };
    match existing {
        Some(claim_id) => {
            let claim = claims::get(store, &claim_id).await?;
            if let Some(same) = claim.appearances.iter().find(|a| {
                a.article_id == article && a.start as usize == start && a.end as usize == end
            }) {
                return Ok(Placed::Already {
                    claim: claim_id,
                    appearance: same.id.clone(),
                });
            }
            let claim = claims::add_appearance(store, &claim_id, &fields).await?;
            let appearance = newest_appearance(&claim, &article, start, end)?;
            Ok(Placed::New {
                claim: claim_id,
                appearance,
            })
        }
        None => {
            let mut tags = incoming.tags.clone();
            tags.sort();
            tags.dedup();
            let claim = claims::create(
                store,
                &ClaimFields {
                    statement: incoming
                        .statement
                        .clone()
                        .unwrap_or_else(|| quote.exact.clone()),
                    claimant: incoming.claimant.clone(),
                    condition: incoming.condition.clone(),
                    tags,
                    ..ClaimFields::default()
                },
                Some(&fields),
            )
            .await?;
            let appearance = newest_appearance(&claim, &article, start, end)?;
            Ok(Placed::New {
                claim: claim.id,
                appearance,
            })
        }
    }
}

fn newest_appearance(
    claim: &crate::model::ClaimInfo,
    article: &str,
    start: usize,
    end: usize,
) -> Result<String> {
    claim
        .appearances
        .iter()
        .find(|a| a.article_id == article && a.start as usize == start && a.end as usize == end)
        .map(|a| a.id.clone())
        .ok_or_else(|| StoreError::NotFound("the appearance just added".to_owned()))
}

/// The article at `source`: its identity URL, or `urn:uuid:<article id>`
/// as exports name an article that has no address.
async fn article_for(store: &Store, source: &str) -> Result<Option<String>> {
    if let Some(id) = source.strip_prefix("urn:uuid:") {
        return Ok(sqlx::query_scalar("SELECT id FROM articles WHERE id = ?")
            .bind(id)
            .fetch_optional(store.pool())
            .await?);
    }
    let Some(url) = normalise_url(source) else {
        return Ok(None);
    };
    Ok(sqlx::query_scalar(
        "SELECT a.id FROM articles a WHERE a.canonical_url = ?1
         UNION SELECT r.article_id FROM revisions r WHERE r.url = ?1 LIMIT 1",
    )
    .bind(&url)
    .fetch_optional(store.pool())
    .await?)
}
