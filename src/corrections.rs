//! Corrections of what extraction got wrong in an article's metadata: its
//! title, byline, published time, dateline and outlet (`article set`).
//!
//! Revisions stay as they were imported. A correction is one row an
//! article (`article_corrections`), laid over every revision when read
//! (`articles::corrected`), so it holds for revisions imported later, and
//! exports, timelines and the library all see it. It is audited on the
//! `article_correction` entity, so Undo, the History, bundles and the hub
//! handle it through its declaration in `change.rs`.

use serde_json::Value;

use crate::articles;
use crate::change::{Entity, Verb};
use crate::model::{ArticleSummary, MetadataCorrection};
use crate::outlets;
use crate::store::{rows, Result, Store, StoreError};
use claimtrail_text::timestamp::{sort_key_of, Timestamp};

/// Longest title, byline or dateline kept, in chars.
const MAX_FIELD: usize = 500;

/// The fields `reset` may name, as the CLI and the app call them.
pub const FIELDS: [&str; 5] = ["title", "byline", "published_at", "dateline", "outlet"];

/// Applies `correction` to article `id` in one audited write; the same
/// values again write nothing. Returns the article as it now reads.
pub async fn correct(
    store: &Store,
    id: &str,
    correction: &MetadataCorrection,
) -> Result<ArticleSummary> {
    let fields = Fields::checked(correction)?;
    let mut w = store.write().await?;
    let exists: Option<String> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?")
        .bind(id)
        .fetch_optional(w.conn())
        .await?;
    if exists.is_none() {
        return Err(StoreError::NotFound(format!("article {id}")));
    }
    let outlet_id = match &fields.outlet {
        Some(name) => Some(outlets::outlet_id(&mut w, name).await?),
        None => None,
    };
    let row: Option<String> =
        sqlx::query_scalar("SELECT id FROM article_corrections WHERE article_id = ?")
            .bind(id)
            .fetch_optional(w.conn())
            .await?;
    let before = match &row {
        Some(row) => Some(rows::existing(w.conn(), Entity::ArticleCorrection, row).await?),
        None => None,
    };
    let old = |column: &str| -> Option<String> {
        before
            .as_ref()
            .and_then(|b| b.get(column))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let reset = |field: &str| correction.reset.iter().any(|r| r == field);
    let pick = |field: &str, column: &str, new: &Option<String>| -> Option<String> {
        if reset(field) {
            None
        } else {
            new.clone().or_else(|| old(column))
        }
    };
    let title = pick("title", "title", &fields.title);
    let byline = pick("byline", "byline", &fields.byline);
    let published = pick("published_at", "published_at", &fields.published_at);
    let dateline = pick("dateline", "dateline", &fields.dateline);
    let outlet = pick("outlet", "outlet_id", &outlet_id);
    let published_ts = published.as_deref().and_then(sort_key_of);
    // One row an article, with the article's own id: a second correction
    // updates the first (its author and creation time stay), and two
    // desks' corrections of one article are one row, merged like any row
    // both desks changed (the later kept, the other's differing fields
    // left in Merge conflicts), never two rows of which one is dropped.
    let id_of_row = row.clone().unwrap_or_else(|| id.to_owned());
    sqlx::query(
        "INSERT INTO article_corrections (id, article_id, title, byline, published_at,
            published_ts, dateline, outlet_id, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET title = ?3, byline = ?4, published_at = ?5,
            published_ts = ?6, dateline = ?7, outlet_id = ?8, updated_at = ?10",
    )
    .bind(&id_of_row)
    .bind(id)
    .bind(&title)
    .bind(&byline)
    .bind(&published)
    .bind(published_ts)
    .bind(&dateline)
    .bind(&outlet)
    .bind(w.actor().to_owned())
    .bind(w.at().to_owned())
    .execute(w.conn())
    .await?;
    let after = rows::existing(w.conn(), Entity::ArticleCorrection, &id_of_row).await?;
    if !same_fields(before.as_ref(), &after) {
        let verb = if before.is_some() {
            Verb::Update
        } else {
            Verb::Create
        };
        w.audit(
            Entity::ArticleCorrection,
            &id_of_row,
            verb,
            before.as_ref(),
            Some(&after),
        )
        .await?;
        w.commit().await?;
    }
    let mut conn = store.pool().acquire().await?;
    articles::summary_in(&mut conn, id, None).await
}

/// Whether a correction's fields are what they were (only its bookkeeping
/// would change): then nothing is written.
fn same_fields(before: Option<&Value>, after: &Value) -> bool {
    let columns = ["title", "byline", "published_at", "dateline", "outlet_id"];
    match before {
        Some(before) => columns.iter().all(|c| before.get(*c) == after.get(*c)),
        None => columns.iter().all(|c| after[*c].is_null()),
    }
}

/// A correction's values, cleaned and checked before anything is written.
struct Fields {
    title: Option<String>,
    byline: Option<String>,
    published_at: Option<String>,
    dateline: Option<String>,
    outlet: Option<String>,
}

impl Fields {
    fn checked(c: &MetadataCorrection) -> Result<Fields> {
        if let Some(unknown) = c.reset.iter().find(|f| !FIELDS.contains(&f.as_str())) {
            return Err(StoreError::invalid_field(
                "reset",
                format!(
                    "“{unknown}” is not a field that can be corrected (use one of {}).",
                    FIELDS.join(", ")
                ),
            ));
        }
        let text = |field: &'static str, value: &Option<String>| -> Result<Option<String>> {
            let Some(value) = value else { return Ok(None) };
            let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
            if value.chars().count() > MAX_FIELD {
                return Err(StoreError::invalid_field(
                    field,
                    format!("A {field} is at most {MAX_FIELD} characters."),
                ));
            }
            Ok(Some(value))
        };
        let title = text("title", &c.title)?;
        if title.as_deref() == Some("") {
            return Err(StoreError::invalid_field(
                "title",
                "An article needs a title; it cannot be corrected to nothing.",
            ));
        }
        let outlet = text("outlet", &c.outlet)?;
        if outlet.as_deref() == Some("") {
            return Err(StoreError::invalid_field(
                "outlet",
                "Name the outlet that published the article; it cannot be corrected to nothing.",
            ));
        }
        let published_at = match text("published_at", &c.published_at)? {
            Some(p) if p.is_empty() => Some(p),
            Some(p) => match p.parse::<Timestamp>() {
                // Stored in its canonical form, so it reads the same everywhere.
                Ok(t) => Some(t.to_string()),
                Err(_) => {
                    return Err(StoreError::invalid_field(
                        "published_at",
                        format!(
                            "“{p}” is not a time Claimtrail can read. Give a date \
                             (2025-12-16), a time with its offset (2025-12-16T09:15:00+02:00) \
                             or a time without one (2025-12-16T09:15:00)."
                        ),
                    ))
                }
            },
            None => None,
        };
        Ok(Fields {
            title,
            byline: text("byline", &c.byline)?,
            published_at,
            dateline: text("dateline", &c.dateline)?,
            outlet,
        })
    }
}
