//! Suggested claims for an article as the workspace sees them: the text
//! analysis of `suggest` with the workspace's persons, minus what a person
//! dismissed and what is already marked.

use serde_json::json;
use sqlx::SqliteConnection;

use crate::change::{Entity, Verb};
use crate::model::{AppearanceHints, Suggestion};
use crate::persons;
use crate::store::{Result, Store, StoreError};
use crate::suggest::{self, ArticleContext};

/// The current revision's text and what dates and places it.
#[derive(sqlx::FromRow)]
struct CurrentText {
    body: String,
    title: String,
    published_at: Option<String>,
    outlet: Option<String>,
    dateline: Option<String>,
}

impl CurrentText {
    fn context(&self) -> ArticleContext<'_> {
        ArticleContext {
            body: &self.body,
            title: &self.title,
            published_at: self.published_at.as_deref(),
            outlet: self.outlet.as_deref(),
            dateline: self.dateline.as_deref(),
        }
    }
}

async fn current_text(conn: &mut SqliteConnection, article_id: &str) -> Result<CurrentText> {
    sqlx::query_as(
        "SELECT r.body, COALESCE(fix.title, r.title) AS title,
                NULLIF(COALESCE(fix.published_at, r.published_at), '') AS published_at,
                o.name AS outlet, NULLIF(COALESCE(fix.dateline, r.dateline), '') AS dateline
         FROM articles a
         JOIN revisions r ON r.id = a.current_revision_id
         LEFT JOIN article_corrections fix ON fix.article_id = a.id
         LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, a.outlet_id) WHERE a.id = ?",
    )
    .bind(article_id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("article {article_id}")))
}

/// Candidate claims in the article's current revision, in text order,
/// without the dismissed ones and those that overlap a marked appearance.
pub async fn for_article(store: &Store, article_id: &str) -> Result<Vec<Suggestion>> {
    let mut conn = store.pool().acquire().await?;
    let text = current_text(&mut conn, article_id).await?;
    let persons = persons::known(&mut conn).await?;
    let dismissed: Vec<String> =
        sqlx::query_scalar("SELECT exact FROM dismissed_suggestions WHERE article_id = ?")
            .bind(article_id)
            .fetch_all(&mut *conn)
            .await?;
    // Marked spans of the current revision, and the proposed places of
    // appearances still waiting for review there: accepting those as new
    // claims would make duplicates.
    let marked: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT ap.start, ap.end FROM appearances ap
         JOIN articles a ON a.current_revision_id = ap.revision_id WHERE a.id = ?1
         UNION ALL
         SELECT ap.candidate_start, ap.candidate_end FROM appearances ap
         JOIN articles a ON a.current_revision_id = ap.candidate_revision_id WHERE a.id = ?1",
    )
    .bind(article_id)
    .fetch_all(&mut *conn)
    .await?;
    drop(conn);
    // About 5 ms for 2,000 words (BENCHMARKS.md): no need to leave the
    // async worker.
    Ok(suggest::suggest(&text.context(), &persons)
        .into_iter()
        .filter(|s| !dismissed.contains(&s.exact))
        .filter(|s| {
            !marked
                .iter()
                .any(|&(start, end)| overlaps_most(s, start, end))
        })
        .collect())
}

/// Whether a marked span covers more than half of the suggestion (or the
/// suggestion more than half of it): the journalist already marked it.
fn overlaps_most(s: &Suggestion, start: i64, end: i64) -> bool {
    let (a, b) = (i64::from(s.start), i64::from(s.end));
    let shared = (b.min(end) - a.max(start)).max(0);
    shared * 2 > (b - a) || shared * 2 > (end - start)
}

/// What the text suggests for a span a person selected by hand.
pub async fn hints(
    store: &Store,
    article_id: &str,
    start: u32,
    end: u32,
) -> Result<AppearanceHints> {
    let mut conn = store.pool().acquire().await?;
    let text = current_text(&mut conn, article_id).await?;
    let len = text.body.chars().count();
    if start >= end || end as usize > len {
        return Err(StoreError::invalid(format!(
            "The selection from character {start} to {end} is not inside the article's {len} characters. Select the text again."
        )));
    }
    let persons = persons::known(&mut conn).await?;
    drop(conn);
    Ok(suggest::hints(
        &text.context(),
        &persons,
        start as usize,
        end as usize,
    ))
}

/// Hides a suggestion from now on, in this and later revisions (by its words).
pub async fn dismiss(store: &Store, article_id: &str, exact: &str) -> Result<()> {
    let mut w = store.write().await?;
    current_text(w.conn(), article_id).await?;
    let at = w.at().to_owned();
    let actor = w.actor().to_owned();
    let inserted = sqlx::query(
        "INSERT OR IGNORE INTO dismissed_suggestions (article_id, exact, dismissed_by, dismissed_at)
         VALUES (?, ?, ?, ?)",
    )
    .bind(article_id)
    .bind(exact)
    .bind(&actor)
    .bind(&at)
    .execute(w.conn())
    .await?
    .rows_affected();
    if inserted > 0 {
        w.audit(
            Entity::Article,
            article_id,
            Verb::DismissSuggestion,
            None,
            Some(&json!({ "exact": exact })),
        )
        .await?;
    }
    w.commit().await
}

/// Shows a dismissed suggestion again (the undo of [`dismiss`]).
pub async fn restore(store: &Store, article_id: &str, exact: &str) -> Result<()> {
    let mut w = store.write().await?;
    let removed =
        sqlx::query("DELETE FROM dismissed_suggestions WHERE article_id = ? AND exact = ?")
            .bind(article_id)
            .bind(exact)
            .execute(w.conn())
            .await?
            .rows_affected();
    if removed > 0 {
        w.audit(
            Entity::Article,
            article_id,
            Verb::RestoreSuggestion,
            Some(&json!({ "exact": exact })),
            None,
        )
        .await?;
    }
    w.commit().await
}
