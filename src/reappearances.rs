//! Tracked claims that reappear in imported articles. After each import
//! the words of every claim of the workspace are looked for in the
//! articles it brought (the matching of "find everywhere", limited to
//! them): verbatim, near copies and partial quotes. What is found waits as
//! a candidate appearance until a person accepts it (it becomes an
//! appearance with its own speaker, time and chain) or says it is not the
//! same (remembered, audited on the article, never offered again).
//!
//! Candidates are derived data, like relay candidates: each desk finds its
//! own at import and they are not audited or sent to colleagues. A new
//! revision of an article is scanned again and replaces its candidates.

use std::collections::{HashMap, HashSet};

use serde_json::json;

use crate::articles::REAPPEARANCES_WAITING;
use crate::change::{Entity, Verb};
use crate::claims;
use crate::matches;
use crate::model::{ClaimInfo, MatchHit, Reappearance};
use crate::store::{new_id, query_in, Result, Store, StoreError};

/// Looks for the tracked claims in these articles (their current
/// revisions) and keeps what it finds as candidates, replacing the ones
/// found before. Answers, for each article where some reappear, how many
/// distinct claims do.
pub async fn scan(store: &Store, article_ids: &[String]) -> Result<HashMap<String, u32>> {
    if article_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut conn = store.pool().acquire().await?;
    let Some(keys) = tracked_in(&mut conn, article_ids).await? else {
        drop(conn);
        let mut w = store.write().await?;
        mark_scanned(&mut w, article_ids).await?;
        w.commit().await?;
        return Ok(HashMap::new());
    };
    let hits = matches::hits_within(&mut conn, &keys).await?;
    keep(store, conn, article_ids, hits, Found::AtImport).await
}

/// Looks for the tracked claims by meaning in these articles, whose
/// statements were just embedded, and adds what it finds to their
/// candidates (those their words brought at import stay). Answers, like
/// [`scan`], how many claims reappear in each article where some do.
pub async fn scan_meaning(store: &Store, article_ids: &[String]) -> Result<HashMap<String, u32>> {
    if article_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let mut conn = store.pool().acquire().await?;
    let Some(keys) = tracked_in(&mut conn, article_ids).await? else {
        return Ok(HashMap::new());
    };
    let hits = matches::meaning_within(&mut conn, &keys).await?;
    keep(store, conn, article_ids, hits, Found::ByMeaning).await
}

/// The FTS keys of these articles' current revisions, or None when the
/// workspace tracks no claim at all.
async fn tracked_in(
    conn: &mut sqlx::SqliteConnection,
    article_ids: &[String],
) -> Result<Option<HashSet<i64>>> {
    let tracked: i64 = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM appearances)")
        .fetch_one(&mut *conn)
        .await?;
    if tracked == 0 {
        return Ok(None);
    }
    let keys = query_in::<(i64,)>(
        conn,
        "SELECT k.key FROM articles a JOIN article_fts_keys k ON k.revision_id = a.current_revision_id
         WHERE a.id IN",
        article_ids,
    )
    .await?;
    Ok(Some(keys.into_iter().map(|(k,)| k).collect()))
}

/// After an embedding run: the tracked claims looked for by meaning in the
/// articles it embedded (`outcome.reappearing` says in how many some
/// were found). A failure is logged: the vectors are in.
pub async fn after_embedding(store: &Store, outcome: &mut crate::model::EmbedOutcome) {
    match scan_meaning(store, &outcome.article_ids).await {
        Ok(found) => outcome.reappearing = found.len() as u64,
        Err(e) => tracing::warn!(error = %e, "tracked claims were not looked for by meaning"),
    }
}

/// How the hits being kept were found.
#[derive(PartialEq)]
enum Found {
    /// At import, by their words: they replace the article's candidates
    /// and the articles count as searched.
    AtImport,
    /// By meaning, once embedded: added to the candidates.
    ByMeaning,
}

/// Keeps the hits not dismissed as candidates of these articles.
async fn keep(
    store: &Store,
    mut conn: sqlx::pool::PoolConnection<sqlx::Sqlite>,
    article_ids: &[String],
    hits: Vec<MatchHit>,
    how: Found,
) -> Result<HashMap<String, u32>> {
    let dismissed: HashSet<(String, String, String)> = query_in(
        &mut conn,
        "SELECT article_id, claim_id, exact FROM dismissed_reappearances WHERE article_id IN",
        article_ids,
    )
    .await?
    .into_iter()
    .collect();
    drop(conn);

    let mut w = store.write().await?;
    for chunk in article_ids.chunks(500).filter(|_| how == Found::AtImport) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!("DELETE FROM reappearances WHERE article_id IN ({marks})");
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id);
        }
        let removed = query.execute(w.conn()).await?.rows_affected();
        w.bookkeeping(removed);
    }
    let at = w.at().to_owned();
    let mut claims_in: HashMap<String, HashSet<String>> = HashMap::new();
    for hit in hits {
        let key = (
            hit.article_id.clone(),
            hit.claim_id.clone(),
            hit.exact.clone(),
        );
        if dismissed.contains(&key) {
            continue;
        }
        let stored = serde_json::to_string(&hit).map_err(|e| StoreError::invalid(e.to_string()))?;
        let inserted = sqlx::query(
            "INSERT OR IGNORE INTO reappearances
                 (id, claim_id, article_id, revision_id, start, end, exact, match, similarity, hit, found_at)
             SELECT ?, ?, ?, r.id, ?, ?, ?, ?, ?, ?, ? FROM revisions r
             WHERE r.article_id = ? AND r.number = ?",
        )
        .bind(new_id())
        .bind(&hit.claim_id)
        .bind(&hit.article_id)
        .bind(hit.start)
        .bind(hit.end)
        .bind(&hit.exact)
        .bind(hit.kind.as_str())
        .bind(hit.similarity)
        .bind(&stored)
        .bind(&at)
        .bind(&hit.article_id)
        .bind(hit.revision)
        .execute(w.conn())
        .await?
        .rows_affected();
        // Derived rows: no change to the work, so no audit event.
        w.bookkeeping(inserted);
        if inserted > 0 {
            claims_in
                .entry(hit.article_id.clone())
                .or_default()
                .insert(hit.claim_id.clone());
        }
    }
    if how == Found::AtImport {
        mark_scanned(&mut w, article_ids).await?;
    }
    w.commit().await?;
    Ok(claims_in
        .into_iter()
        .map(|(article, claims)| (article, claims.len() as u32))
        .collect())
}

/// Notes these articles' current revisions as searched (bookkeeping).
async fn mark_scanned(w: &mut crate::store::Write, article_ids: &[String]) -> Result<()> {
    let at = w.at().to_owned();
    for chunk in article_ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "INSERT OR IGNORE INTO reappearance_scans (revision_id, scanned_at)
             SELECT current_revision_id, ? FROM articles
             WHERE current_revision_id IS NOT NULL AND id IN ({marks})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&at);
        for id in chunk {
            query = query.bind(id);
        }
        let noted = query.execute(w.conn()).await?.rows_affected();
        w.bookkeeping(noted);
    }
    Ok(())
}

/// Searches the articles whose current revision was never searched here:
/// those a colleague's bundle or the team hub brought (an import searches
/// its own). Answers, like [`scan`], how many claims reappear in each.
pub async fn scan_pending(store: &Store) -> Result<HashMap<String, u32>> {
    let pending: Vec<String> = sqlx::query_scalar(
        "SELECT a.id FROM articles a
         WHERE a.current_revision_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM reappearance_scans s
                           WHERE s.revision_id = a.current_revision_id)",
    )
    .fetch_all(store.pool())
    .await?;
    let mut found = HashMap::new();
    // In parts, so each write stays short.
    for part in pending.chunks(1_000) {
        found.extend(scan(store, part).await?);
    }
    Ok(found)
}

/// Counts every article here as searched: after joining a team, whose
/// articles were searched on the desks that imported them, only what
/// arrives later is looked at.
pub async fn mark_all_scanned(store: &Store) -> Result<()> {
    let mut w = store.write().await?;
    let at = w.at().to_owned();
    let noted = sqlx::query(
        "INSERT OR IGNORE INTO reappearance_scans (revision_id, scanned_at)
         SELECT current_revision_id, ? FROM articles WHERE current_revision_id IS NOT NULL",
    )
    .bind(&at)
    .execute(w.conn())
    .await?
    .rows_affected();
    w.bookkeeping(noted);
    w.commit().await
}

/// After the team's changes arrived (a bundle, the hub): looks for the
/// tracked claims in the articles they brought. A failure is logged: the
/// changes are in.
pub async fn after_arrivals(store: &Store) {
    if let Err(e) = scan_pending(store).await {
        tracing::warn!(error = %e, "tracked claims were not looked for in the team's articles");
    }
}

/// The candidates waiting for a person, in one article or everywhere:
/// the newest found first, in text order within an article. A place
/// marked since (for any claim) or dismissed by a colleague is left out.
pub async fn list(store: &Store, article_id: Option<&str>) -> Result<Vec<Reappearance>> {
    let mut conn = store.pool().acquire().await?;
    let sql = format!(
        "SELECT re.id, re.claim_id, re.hit, re.found_at FROM {REAPPEARANCES_WAITING}
           AND (?1 IS NULL OR re.article_id = ?1)
         ORDER BY re.found_at DESC, re.article_id, re.start"
    );
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(article_id)
        .fetch_all(&mut *conn)
        .await?;
    let ids: Vec<String> = rows.iter().map(|(_, claim, ..)| claim.clone()).collect();
    let briefs = claims::briefs(&mut conn, &ids).await?;
    let mut found = Vec::with_capacity(rows.len());
    for (id, claim_id, hit, found_at) in rows {
        let (Some(claim), Ok(hit)) = (
            briefs.get(&claim_id),
            serde_json::from_str::<MatchHit>(&hit),
        ) else {
            continue;
        };
        found.push(Reappearance {
            id,
            claim: claim.clone(),
            found_at,
            hit,
        });
    }
    Ok(found)
}

/// How many distinct tracked claims wait as candidates in each of these
/// articles (those with none are left out).
pub async fn counts(
    conn: &mut sqlx::SqliteConnection,
    article_ids: &[String],
) -> Result<HashMap<String, u32>> {
    let mut counts = HashMap::new();
    for chunk in article_ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT re.article_id, COUNT(DISTINCT re.claim_id) FROM {REAPPEARANCES_WAITING}
             AND re.article_id IN ({marks}) GROUP BY re.article_id"
        );
        let mut query = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(sql));
        for id in chunk {
            query = query.bind(id);
        }
        for (article, n) in query.fetch_all(&mut *conn).await? {
            counts.insert(article, n as u32);
        }
    }
    Ok(counts)
}

async fn candidate(
    conn: &mut sqlx::SqliteConnection,
    id: &str,
) -> Result<(String, String, String, MatchHit)> {
    let (article_id, claim_id, exact, hit): (String, String, String, String) =
        sqlx::query_as("SELECT article_id, claim_id, exact, hit FROM reappearances WHERE id = ?")
            .bind(id)
            .fetch_optional(conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("reappearance {id}")))?;
    let hit = serde_json::from_str(&hit).map_err(|e| StoreError::invalid(e.to_string()))?;
    Ok((article_id, claim_id, exact, hit))
}

/// Makes a candidate an appearance of its claim, with the speaker, time
/// and attribution chain its own article gives it.
pub async fn accept(store: &Store, id: &str) -> Result<ClaimInfo> {
    let mut w = store.write().await?;
    let (_, claim_id, _, hit) = candidate(w.conn(), id).await?;
    // The candidate stays: the appearance now covers its place, which
    // hides it, and an Undo of the appearance offers it again.
    claims::add_appearance_in(&mut w, &claim_id, &matches::fields_of(&hit)).await?;
    w.commit().await?;
    claims::get(store, &claim_id).await
}

/// "Not the same": the candidate goes and is never offered again for
/// these words of this article (recorded in the audit log).
pub async fn dismiss(store: &Store, id: &str) -> Result<()> {
    let mut w = store.write().await?;
    let (article_id, claim_id, exact, _) = candidate(w.conn(), id).await?;
    let at = w.at().to_owned();
    let actor = w.actor().to_owned();
    sqlx::query(
        "INSERT OR IGNORE INTO dismissed_reappearances
             (article_id, claim_id, exact, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(&article_id)
    .bind(&claim_id)
    .bind(&exact)
    .bind(&actor)
    .bind(&at)
    .execute(w.conn())
    .await?;
    sqlx::query("DELETE FROM reappearances WHERE id = ?")
        .bind(id)
        .execute(w.conn())
        .await?;
    w.audit(
        Entity::Article,
        &article_id,
        Verb::DismissReappearance,
        None,
        Some(&json!({ "claim_id": claim_id, "exact": exact })),
    )
    .await?;
    w.commit().await
}

/// Offers a dismissed candidate again (the undo of [`dismiss`]): the
/// article is looked at again.
pub async fn restore(store: &Store, article_id: &str, claim_id: &str, exact: &str) -> Result<()> {
    let mut w = store.write().await?;
    let removed = sqlx::query(
        "DELETE FROM dismissed_reappearances WHERE article_id = ? AND claim_id = ? AND exact = ?",
    )
    .bind(article_id)
    .bind(claim_id)
    .bind(exact)
    .execute(w.conn())
    .await?
    .rows_affected();
    if removed > 0 {
        w.audit(
            Entity::Article,
            article_id,
            Verb::RestoreReappearance,
            Some(&json!({ "claim_id": claim_id, "exact": exact })),
            None,
        )
        .await?;
    }
    w.commit().await?;
    scan(store, &[article_id.to_owned()]).await?;
    Ok(())
}
