//! The four sections of the results: articles, claims, appearances and
//! persons, each searched with the words (ranked, with snippets) or, with
//! filters alone, listed newest first.

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::claims;
use crate::model::{AppearanceHit, ArticleHit, ClaimHit, PersonHit};
use crate::store::Result;

use super::filters::{where_all, Binds, Filters};
use super::rank::{match_count, order_by};
use super::snippets::{snippet_parts, snippet_sql};

/// An article hit's title, outlet and time with the journalist's
/// corrections (`fix`) laid over revision `r` of article `ar`. Searches
/// filter and show what was corrected.
const CORRECTED_COLUMNS: &str = "COALESCE(fix.title, r.title) AS title, o.name AS outlet,
    NULLIF(COALESCE(fix.published_at, r.published_at), '') AS published_at";
const CORRECTED_JOINS: &str = "LEFT JOIN article_corrections fix ON fix.article_id = ar.id
    LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, ar.outlet_id)";

pub(super) async fn articles(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<ArticleHit>> {
    let mut binds = Binds::default();
    let mut conditions = filters.outlet_sql(&mut binds);
    conditions.extend(filters.published_sql());
    // Claim filters keep the articles where such a claim appears.
    let claim = filters.claim_sql("a.claim_id", &mut binds);
    if !claim.is_empty() {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM appearances a JOIN revisions ra ON ra.id = a.revision_id
                     WHERE ra.article_id = ar.id AND {})",
            claim.join(" AND ")
        ));
    }
    let rows = match text {
        Some(text) => {
            let matches = match_count(conn, "article_fts", text).await?;
            conditions.extend(filters.outlet_first("article_fts", matches, &mut binds));
            let order = order_by("article_fts", matches);
            let n = binds.push(text);
            let sql = format!(
                "SELECT ar.id, {CORRECTED_COLUMNS},
                        {} AS snippet, -article_fts.rank AS score
                 FROM article_fts
                 JOIN article_fts_keys k ON k.key = article_fts.rowid
                 JOIN revisions r ON r.id = k.revision_id
                 JOIN articles ar ON ar.id = r.article_id
                 {CORRECTED_JOINS}
                 WHERE article_fts MATCH {n} AND article_fts.rank MATCH 'bm25(4.0, 1.0)' AND {}
                 ORDER BY {order} LIMIT {limit}",
                snippet_sql("article_fts", 1, 24),
                where_all(&conditions)
            );
            binds.fetch(conn, sql).await?
        }
        None => {
            let sql = format!(
                "SELECT ar.id, {CORRECTED_COLUMNS},
                        substr(r.body, 1, 200) AS snippet, 0.0 AS score
                 FROM articles ar
                 JOIN revisions r ON r.id = ar.current_revision_id
                 {CORRECTED_JOINS}
                 WHERE {}
                 ORDER BY r.published_ts DESC, ar.id LIMIT {limit}",
                where_all(&conditions)
            );
            binds.fetch(conn, sql).await?
        }
    };
    rows.iter()
        .map(|row| {
            Ok(ArticleHit {
                article_id: row.try_get("id")?,
                title: row.try_get("title")?,
                outlet: row.try_get("outlet")?,
                published_at: row.try_get("published_at")?,
                snippet: snippet_parts(&row.try_get::<String, _>("snippet")?),
                score: row.try_get("score")?,
            })
        })
        .collect()
}

pub(super) async fn claims(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<ClaimHit>> {
    let rows = claim_rows(conn, text, filters, limit, true).await?;
    let ids: Vec<String> = rows.iter().map(|r| r.get("id")).collect();
    let mut briefs = claims::briefs(conn, &ids).await?;
    let mut hits = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: String = row.try_get("id")?;
        if let Some(claim) = briefs.remove(&id) {
            hits.push(ClaimHit {
                claim,
                snippet: snippet_parts(&row.try_get::<String, _>("snippet")?),
                score: row.try_get("score")?,
            });
        }
    }
    Ok(hits)
}

/// The claims a search matches, best first: `id`, `snippet` (empty
/// without `snippets`) and `score`.
pub(super) async fn claim_rows(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
    snippets: bool,
) -> Result<Vec<SqliteRow>> {
    let mut binds = Binds::default();
    let mut conditions = filters.claim_sql("c.id", &mut binds);
    let appearance = filters.appearance_sql(&mut binds);
    if !appearance.is_empty() {
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM appearances a JOIN revisions r ON r.id = a.revision_id
                     JOIN articles ar ON ar.id = r.article_id
                     WHERE a.claim_id = c.id AND {})",
            appearance.join(" AND ")
        ));
    }
    let sql = match text {
        Some(text) => {
            let matches = match_count(conn, "claim_fts", text).await?;
            conditions.extend(filters.outlet_first("claim_fts", matches, &mut binds));
            let order = order_by("claim_fts", matches);
            let n = binds.push(text);
            format!(
                "SELECT c.id, {} AS snippet, -claim_fts.rank AS score
                 FROM claim_fts
                 JOIN claim_fts_keys k ON k.key = claim_fts.rowid
                 JOIN claims c ON c.id = k.claim_id
                 WHERE claim_fts MATCH {n} AND claim_fts.rank MATCH 'bm25(3.0, 1.0, 0.5)' AND {}
                 ORDER BY {order} LIMIT {limit}",
                if snippets {
                    snippet_sql("claim_fts", -1, 32)
                } else {
                    "''".to_owned()
                },
                where_all(&conditions)
            )
        }
        None => format!(
            "SELECT c.id, {} AS snippet, 0.0 AS score FROM claims c
             WHERE {} ORDER BY c.updated_at DESC, c.id LIMIT {limit}",
            if snippets { "c.statement" } else { "''" },
            where_all(&conditions)
        ),
    };
    binds.fetch(conn, sql).await
}

pub(super) async fn appearances(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<AppearanceHit>> {
    let mut binds = Binds::default();
    let mut conditions = filters.claim_sql("a.claim_id", &mut binds);
    conditions.extend(filters.appearance_sql(&mut binds));
    let columns = "a.id, a.claim_id, c.statement, r.article_id,
                   COALESCE(fix.title, cur.title) AS article_title,
                   o.name AS outlet, sp.name AS speaker, a.stated_at,
                   NULLIF(COALESCE(fix.published_at, r.published_at), '') AS published_at";
    let joins = "JOIN claims c ON c.id = a.claim_id
                 JOIN revisions r ON r.id = a.revision_id
                 JOIN articles ar ON ar.id = r.article_id
                 JOIN revisions cur ON cur.id = ar.current_revision_id
                 LEFT JOIN article_corrections fix ON fix.article_id = ar.id
                 LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, ar.outlet_id)
                 LEFT JOIN persons sp ON sp.id = a.speaker_id";
    let sql = match text {
        Some(text) => {
            let matches = match_count(conn, "appearance_fts", text).await?;
            conditions.extend(filters.outlet_first("appearance_fts", matches, &mut binds));
            let order = order_by("appearance_fts", matches);
            let n = binds.push(text);
            format!(
                "SELECT {columns}, {} AS snippet, -appearance_fts.rank AS score
                 FROM appearance_fts
                 JOIN appearance_fts_keys k ON k.key = appearance_fts.rowid
                 JOIN appearances a ON a.id = k.appearance_id
                 {joins}
                 WHERE appearance_fts MATCH {n} AND {}
                 ORDER BY {order} LIMIT {limit}",
                snippet_sql("appearance_fts", 0, 32),
                where_all(&conditions)
            )
        }
        None => format!(
            "SELECT {columns}, a.exact AS snippet, 0.0 AS score
             FROM appearances a {joins}
             WHERE {} ORDER BY a.stated_ts DESC, a.id LIMIT {limit}",
            where_all(&conditions)
        ),
    };
    let rows = binds.fetch(conn, sql).await?;
    rows.iter()
        .map(|row| {
            Ok(AppearanceHit {
                appearance_id: row.try_get("id")?,
                claim_id: row.try_get("claim_id")?,
                statement: row.try_get("statement")?,
                article_id: row.try_get("article_id")?,
                article_title: row.try_get("article_title")?,
                outlet: row.try_get("outlet")?,
                speaker: row.try_get("speaker")?,
                stated_at: row.try_get("stated_at")?,
                published_at: row.try_get("published_at")?,
                snippet: snippet_parts(&row.try_get::<String, _>("snippet")?),
                score: row.try_get("score")?,
            })
        })
        .collect()
}

pub(super) async fn persons(
    conn: &mut SqliteConnection,
    text: &str,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<PersonHit>> {
    let mut binds = Binds::default();
    let n = binds.push(text);
    let mut conditions = vec!["p.merged_into IS NULL".to_owned()];
    if let Some(ids) = &filters.persons {
        conditions.push(format!("p.id IN ({})", binds.list(ids)));
    }
    let sql = format!(
        "SELECT p.id, p.name, -person_fts.rank AS score,
                (SELECT count(*) FROM claims c WHERE c.claimant_id = p.id) AS claims
         FROM person_fts
         JOIN person_fts_keys k ON k.key = person_fts.rowid
         JOIN persons p ON p.id = k.person_id
         WHERE person_fts MATCH {n} AND {}
         ORDER BY person_fts.rank LIMIT {limit}",
        where_all(&conditions)
    );
    let rows = binds.fetch(conn, sql).await?;
    let mut hits = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: String = row.try_get("id")?;
        let aliases: Vec<String> = sqlx::query_scalar(
            "SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias",
        )
        .bind(&id)
        .fetch_all(&mut *conn)
        .await?;
        hits.push(PersonHit {
            person_id: id,
            name: row.try_get("name")?,
            aliases,
            claims: row.try_get::<i64, _>("claims")? as u32,
            score: row.try_get("score")?,
        });
    }
    Ok(hits)
}
