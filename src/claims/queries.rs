//! The reads of claims and appearances: one claim, a filtered list, short
//! briefs by id, an article's appearances, and the rows they are made from.

use std::collections::HashMap;

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::model::{
    AnchorCandidate, AnchorState, AppearanceInfo, AppearanceKind, AttributionStep, ClaimBrief,
    ClaimInfo, ClaimQuery, StepKind,
};
use crate::store::{Result, Store, StoreError};

/// Short descriptions of the claims with these ids, by id; ids that name
/// no claim are left out.
pub async fn briefs(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashMap<String, ClaimBrief>> {
    let mut found = HashMap::with_capacity(ids.len());
    // Chunks keep each statement under SQLite's variable limit.
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT c.id, c.statement, p.name AS claimant, c.review_state,
                    (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id
                     ORDER BY v.id DESC LIMIT 1) AS verdict,
                    (SELECT count(*) FROM appearances a WHERE a.claim_id = c.id) AS appearances,
                    (SELECT a.stated_at FROM appearances a
                     WHERE a.claim_id = c.id AND a.stated_ts IS NOT NULL
                     ORDER BY a.stated_ts, a.id LIMIT 1) AS first_stated_at
             FROM claims c LEFT JOIN persons p ON p.id = c.claimant_id
             WHERE c.id IN ({marks})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let brief = ClaimBrief {
                id: row.try_get("id")?,
                statement: row.try_get("statement")?,
                claimant: row.try_get("claimant")?,
                review_state: row.try_get("review_state")?,
                verdict: row.try_get("verdict")?,
                appearances: row.try_get::<i64, _>("appearances")? as u32,
                first_stated_at: row.try_get("first_stated_at")?,
            };
            found.insert(brief.id.clone(), brief);
        }
    }
    Ok(found)
}

/// One claim with its appearances.
pub async fn get(store: &Store, id: &str) -> Result<ClaimInfo> {
    let mut conn = store.pool().acquire().await?;
    let mut claims = claims_where(&mut conn, "c.id = ?1", &[id], None).await?;
    claims
        .pop()
        .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))
}

/// Claims, newest first, filtered by `query`.
pub async fn list(store: &Store, query: &ClaimQuery) -> Result<Vec<ClaimInfo>> {
    let mut conn = store.pool().acquire().await?;
    let mut conditions = Vec::new();
    let mut binds: Vec<String> = Vec::new();
    if let Some(article) = &query.article_id {
        binds.push(article.clone());
        conditions.push(format!(
            "c.id IN (SELECT a.claim_id FROM appearances a JOIN revisions r ON r.id = a.revision_id
                      WHERE r.article_id = ?{})",
            binds.len()
        ));
    }
    if let Some(text) = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        for word in text.split_whitespace().take(8) {
            binds.push(format!("%{}%", escape_like(word)));
            let n = binds.len();
            conditions.push(format!(
                "(c.statement LIKE ?{n} ESCAPE '\\'
                  OR c.id IN (SELECT claim_id FROM appearances WHERE exact LIKE ?{n} ESCAPE '\\')
                  OR c.claimant_id IN (SELECT id FROM persons WHERE name LIKE ?{n} ESCAPE '\\'
                                       UNION SELECT person_id FROM person_aliases
                                       WHERE alias LIKE ?{n} ESCAPE '\\'))"
            ));
        }
    }
    if let Some(queue) = query.queue {
        let mut condition = crate::review::queue_condition(queue).to_owned();
        if queue == crate::model::Queue::AssignedToMe {
            binds.push(
                crate::store::users::acting_id(store)
                    .await?
                    .unwrap_or_default(),
            );
            condition = condition.replace('?', &format!("?{}", binds.len()));
        }
        conditions.push(format!("({condition})"));
    }
    let condition = if conditions.is_empty() {
        "1".to_owned()
    } else {
        conditions.join(" AND ")
    };
    let binds: Vec<&str> = binds.iter().map(String::as_str).collect();
    claims_where(&mut conn, &condition, &binds, query.limit).await
}

/// Every appearance in an article, on any of its revisions, in text order.
/// Appearances that need review or are orphaned still point at the older
/// revision they were last placed on.
pub async fn article_appearances(store: &Store, article_id: &str) -> Result<Vec<AppearanceInfo>> {
    let mut conn = store.pool().acquire().await?;
    appearances_where(&mut conn, "r.article_id = ?1", &[article_id]).await
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Claims matching `condition` (SQL over `claims c`, binds numbered ?1…),
/// newest first, each with its appearances.
async fn claims_where(
    conn: &mut SqliteConnection,
    condition: &str,
    binds: &[&str],
    limit: Option<u32>,
) -> Result<Vec<ClaimInfo>> {
    let sql = format!(
        "SELECT c.id, c.statement, p.name AS claimant, c.claimant_id, c.condition, c.note,
                c.review_state, u.name AS created_by, c.created_at, c.updated_at,
                au.name AS assignee,
                (SELECT v.rating FROM verdicts v WHERE v.claim_id = c.id
                 ORDER BY v.id DESC LIMIT 1) AS verdict
         FROM claims c
         LEFT JOIN persons p ON p.id = c.claimant_id
         JOIN users u ON u.id = c.created_by
         LEFT JOIN users au ON au.id = c.assignee_id
         WHERE {condition}
         ORDER BY c.created_at DESC, c.id DESC
         LIMIT {}",
        limit.map_or(-1, i64::from)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for bind in binds {
        query = query.bind(*bind);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut claims = Vec::with_capacity(rows.len());
    for row in rows {
        claims.push(claim_from_row(&row)?);
    }
    if claims.is_empty() {
        return Ok(claims);
    }
    // Tags and appearances are fetched for the same claims by repeating the
    // query as a subquery: a list of ids would run out of SQL variables.
    let ids_sql = format!(
        "SELECT c.id FROM claims c WHERE {condition}
         ORDER BY c.created_at DESC, c.id DESC LIMIT {}",
        limit.map_or(-1, i64::from)
    );
    let tags_sql =
        format!("SELECT claim_id, tag FROM claim_tags WHERE claim_id IN ({ids_sql}) ORDER BY tag");
    let mut tags_query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(tags_sql));
    for bind in binds {
        tags_query = tags_query.bind(*bind);
    }
    let mut tags: HashMap<String, Vec<String>> = HashMap::new();
    for (claim, tag) in tags_query.fetch_all(&mut *conn).await? {
        tags.entry(claim).or_default().push(tag);
    }
    let appearances = appearances_where(conn, &format!("a.claim_id IN ({ids_sql})"), binds).await?;
    let mut by_claim: HashMap<String, Vec<AppearanceInfo>> = HashMap::new();
    for a in appearances {
        by_claim.entry(a.claim_id.clone()).or_default().push(a);
    }
    for claim in &mut claims {
        claim.tags = tags.remove(&claim.id).unwrap_or_default();
        claim.appearances = by_claim.remove(&claim.id).unwrap_or_default();
    }
    Ok(claims)
}

fn claim_from_row(row: &SqliteRow) -> Result<ClaimInfo> {
    Ok(ClaimInfo {
        id: row.try_get("id")?,
        statement: row.try_get("statement")?,
        claimant: row.try_get("claimant")?,
        claimant_id: row.try_get("claimant_id")?,
        condition: row.try_get("condition")?,
        note: row.try_get("note")?,
        tags: Vec::new(),
        review_state: row.try_get("review_state")?,
        assignee: row.try_get("assignee")?,
        verdict: row.try_get("verdict")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        appearances: Vec::new(),
    })
}

/// Appearances matching `condition` (SQL over `appearances a` and their
/// revision `r`, binds numbered ?1…), by article and place in the text.
pub(crate) async fn appearances_where(
    conn: &mut SqliteConnection,
    condition: &str,
    binds: &[&str],
) -> Result<Vec<AppearanceInfo>> {
    let sql = format!(
        "SELECT a.id, a.claim_id, r.article_id, COALESCE(fix.title, cur.title) AS article_title,
                o.name AS outlet,
                r.number AS revision, a.start, a.end, a.exact, a.prefix, a.suffix, a.kind,
                sp.name AS speaker, a.speaker_id, a.stated_at, a.venue, a.anchor_state,
                a.anchor_confidence, cr.number AS candidate_revision, a.candidate_start,
                a.candidate_end,
                CASE WHEN cr.id IS NULL THEN NULL
                     ELSE substr(cr.body, a.candidate_start + 1, a.candidate_end - a.candidate_start)
                END AS candidate_exact, a.previous_exact,
                u.name AS created_by, a.created_at
         FROM appearances a
         JOIN revisions r ON r.id = a.revision_id
         JOIN articles ar ON ar.id = r.article_id
         JOIN revisions cur ON cur.id = ar.current_revision_id
         LEFT JOIN article_corrections fix ON fix.article_id = ar.id
         LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, ar.outlet_id)
         LEFT JOIN persons sp ON sp.id = a.speaker_id
         LEFT JOIN revisions cr ON cr.id = a.candidate_revision_id
         JOIN users u ON u.id = a.created_by
         WHERE {condition}
         ORDER BY r.article_id, a.start, a.end, a.id"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for bind in binds {
        query = query.bind(*bind);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut appearances = Vec::with_capacity(rows.len());
    for row in &rows {
        appearances.push(appearance_from_row(row)?);
    }
    if appearances.is_empty() {
        return Ok(appearances);
    }
    let steps_sql = format!(
        "SELECT s.appearance_id, coalesce(p.name, o.name), s.person_id IS NOT NULL, s.cue
         FROM attribution_steps s
         LEFT JOIN persons p ON p.id = s.person_id
         LEFT JOIN outlets o ON o.id = s.outlet_id
         WHERE s.appearance_id IN (
             SELECT a.id FROM appearances a JOIN revisions r ON r.id = a.revision_id
             WHERE {condition})
         ORDER BY s.appearance_id, s.position"
    );
    let mut steps_query =
        sqlx::query_as::<_, (String, String, bool, Option<String>)>(sqlx::AssertSqlSafe(steps_sql));
    for bind in binds {
        steps_query = steps_query.bind(*bind);
    }
    let mut chains: HashMap<String, Vec<AttributionStep>> = HashMap::new();
    for (appearance, name, is_person, cue) in steps_query.fetch_all(&mut *conn).await? {
        chains.entry(appearance).or_default().push(AttributionStep {
            name,
            kind: if is_person {
                StepKind::Person
            } else {
                StepKind::Outlet
            },
            cue,
        });
    }
    for a in &mut appearances {
        a.attribution = chains.remove(&a.id).unwrap_or_default();
    }
    Ok(appearances)
}

fn appearance_from_row(row: &SqliteRow) -> Result<AppearanceInfo> {
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("anchor_state")?;
    let candidate = match (
        row.try_get::<Option<i64>, _>("candidate_revision")?,
        row.try_get::<Option<i64>, _>("candidate_start")?,
        row.try_get::<Option<i64>, _>("candidate_end")?,
        row.try_get::<Option<String>, _>("candidate_exact")?,
    ) {
        (Some(revision), Some(start), Some(end), Some(exact)) => Some(AnchorCandidate {
            revision: revision as u32,
            start: start as u32,
            end: end as u32,
            exact,
        }),
        _ => None,
    };
    Ok(AppearanceInfo {
        id: row.try_get("id")?,
        claim_id: row.try_get("claim_id")?,
        article_id: row.try_get("article_id")?,
        article_title: row.try_get("article_title")?,
        outlet: row.try_get("outlet")?,
        revision: row.try_get::<i64, _>("revision")? as u32,
        start: row.try_get::<i64, _>("start")? as u32,
        end: row.try_get::<i64, _>("end")? as u32,
        exact: row.try_get("exact")?,
        prefix: row.try_get("prefix")?,
        suffix: row.try_get("suffix")?,
        kind: AppearanceKind::parse(&kind).unwrap_or_default(),
        speaker: row.try_get("speaker")?,
        speaker_id: row.try_get("speaker_id")?,
        stated_at: row.try_get("stated_at")?,
        venue: row.try_get("venue")?,
        attribution: Vec::new(),
        anchor: AnchorState::parse(&state).unwrap_or(AnchorState::NeedsReview),
        confidence: row.try_get("anchor_confidence")?,
        candidate,
        previous_exact: row.try_get("previous_exact")?,
        created_by: row.try_get("created_by")?,
        created_at: row.try_get("created_at")?,
    })
}
