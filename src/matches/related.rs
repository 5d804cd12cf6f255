//! Related claims: other claims that may say the same thing, by similar
//! wording (bm25 over statements and quotes), the same claimant under any of
//! their names, and a statement made close in time.
//!
//! The rarest words of the claims' statements and quotes (words in more
//! than a fifth of the articles left out, unless nothing else is left)
//! rank other claims by bm25 over their statements and quotes. The score
//! weighs that wording most, then the same claimant under any name (folded
//! names and aliases, merged persons included), then closeness in time,
//! which fades over about a week.

use std::collections::{HashMap, HashSet};

use sqlx::{Row, SqliteConnection};

use crate::claims;
use crate::model::{LinkRelation, RelatedClaim};
use crate::persons::name_key;
use crate::store::{query_in, Result};

use super::fold::words;
use super::rare::rare_words;

/// Related claims returned.
const RELATED: usize = 20;
/// Words of a claim's statement and quotes that find related claims.
const RELATED_TERMS: usize = 6;

/// Words taken even when common, so a widely carried quote has some.
const MIN_RELATED_TERMS: usize = 3;

/// Other claims that may say the same: similar words in their statements
/// and quotes (bm25), the same claimant under any of their names, and a
/// statement made close in time.
pub(super) async fn related(
    conn: &mut SqliteConnection,
    claim_ids: &[String],
) -> Result<Vec<RelatedClaim>> {
    if claim_ids.is_empty() {
        return Ok(Vec::new());
    }
    let scope: HashSet<&str> = claim_ids.iter().map(String::as_str).collect();
    // The words of the statements and quotes in scope.
    let mut text = String::new();
    let mut claimant_keys: HashSet<String> = HashSet::new();
    let mut first_ts: Option<i64> = None;
    for id in claim_ids {
        let row = sqlx::query(
            "SELECT c.statement, c.claimant_id,
                    (SELECT min(stated_ts) FROM appearances WHERE claim_id = c.id) AS first_ts
             FROM claims c WHERE c.id = ?",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        text.push_str(row.get::<&str, _>("statement"));
        text.push(' ');
        if let Some(ts) = row.get::<Option<i64>, _>("first_ts") {
            first_ts = Some(first_ts.map_or(ts, |t| t.min(ts)));
        }
        if let Some(claimant) = row.get::<Option<String>, _>("claimant_id") {
            let names = person_names(conn, std::slice::from_ref(&claimant)).await?;
            claimant_keys.extend(names.into_values().flatten());
        }
        let exacts: Vec<String> =
            sqlx::query_scalar("SELECT exact FROM appearances WHERE claim_id = ? LIMIT 20")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for exact in exacts {
            text.push_str(&exact);
            text.push(' ');
        }
    }
    // Words in more than one article in five say little about a claim and
    // cost the most to rank.
    let articles: i64 = sqlx::query_scalar("SELECT count(*) FROM article_fts_keys")
        .fetch_one(&mut *conn)
        .await?;
    let words = rare_words(conn, &[text.as_str()], 1)
        .await?
        .pop()
        .unwrap_or_default();
    let common = (articles / 5).max(20);
    let mut terms: Vec<String> = words
        .iter()
        .filter(|(count, _)| *count <= common)
        .take(RELATED_TERMS)
        .map(|(_, w)| w.clone())
        .collect();
    // A quote carried everywhere has only common words: take the rarest
    // of those rather than nothing.
    for (_, word) in words.iter().filter(|(count, _)| *count > common) {
        if terms.len() >= MIN_RELATED_TERMS {
            break;
        }
        terms.push(word.clone());
    }
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let query = terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" OR ");
    // Lexical closeness: the best bm25 of the claim's statement or of any
    // of its quotes, scaled by the best found.
    let mut lexical: HashMap<String, f64> = HashMap::new();
    let order = crate::search::order_for(conn, "claim_fts", &query).await?;
    let by_statement: Vec<(String, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT k.claim_id, -claim_fts.rank FROM claim_fts
         JOIN claim_fts_keys k ON k.key = claim_fts.rowid
         WHERE claim_fts MATCH ? AND claim_fts.rank MATCH 'bm25(3.0, 1.0, 0.5)'
         ORDER BY {order} LIMIT 100"
    )))
    .bind(&query)
    .fetch_all(&mut *conn)
    .await?;
    let order = crate::search::order_for(conn, "appearance_fts", &query).await?;
    let by_quote: Vec<(String, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.claim_id, -appearance_fts.rank FROM appearance_fts
         JOIN appearance_fts_keys k ON k.key = appearance_fts.rowid
         JOIN appearances a ON a.id = k.appearance_id
         WHERE appearance_fts MATCH ? ORDER BY {order} LIMIT 100"
    )))
    .bind(&query)
    .fetch_all(&mut *conn)
    .await?;
    for list in [by_statement, by_quote] {
        let outside: Vec<&(String, f64)> = list
            .iter()
            .filter(|(c, _)| !scope.contains(c.as_str()))
            .collect();
        let best = outside.iter().map(|(_, s)| *s).fold(0.0, f64::max);
        if best <= 0.0 {
            continue;
        }
        for (claim, score) in outside {
            let scaled = (score / best).clamp(0.0, 1.0);
            let entry = lexical.entry(claim.clone()).or_insert(0.0);
            *entry = entry.max(scaled);
        }
    }
    // The closest by wording are weighed further, in a few queries.
    let mut ids: Vec<(String, f64)> = lexical.into_iter().collect();
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ids.truncate(RELATED * 3);
    let id_list: Vec<String> = ids.iter().map(|(id, _)| id.clone()).collect();
    let mut briefs = claims::briefs(conn, &id_list).await?;
    let facts: Vec<(String, Option<String>, Option<i64>)> = query_in(
        conn,
        "SELECT c.id, c.claimant_id,
                (SELECT min(stated_ts) FROM appearances WHERE claim_id = c.id)
         FROM claims c WHERE c.id IN",
        &id_list,
    )
    .await?;
    let claimants: Vec<String> = facts.iter().filter_map(|(_, c, _)| c.clone()).collect();
    let names = person_names(conn, &claimants).await?;
    let links = links_of(conn, claim_ids).await?;
    // Which claim in scope each related one is closest to.
    let scope_facts: Vec<(String, Option<String>, String)> = query_in(
        conn,
        "SELECT c.id, c.claimant_id, c.statement FROM claims c WHERE c.id IN",
        claim_ids,
    )
    .await?;
    let scope_words: Vec<(String, Option<String>, HashSet<String>)> = scope_facts
        .into_iter()
        .map(|(id, claimant, statement)| {
            let words = self::words(&statement).into_iter().map(|w| w.key).collect();
            (id, claimant, words)
        })
        .collect();
    let mut related = Vec::with_capacity(ids.len());
    for (id, words) in ids {
        let Some(claim) = briefs.remove(&id) else {
            continue;
        };
        let (claimant, first) = facts
            .iter()
            .find(|(c, _, _)| *c == id)
            .map(|(_, claimant, ts)| (claimant.clone(), *ts))
            .unwrap_or_default();
        let mut reasons = vec!["similar wording".to_owned()];
        let same = claimant
            .and_then(|c| names.get(&c))
            .is_some_and(|keys| keys.iter().any(|k| claimant_keys.contains(k)));
        if same {
            reasons.push("same claimant".into());
        }
        let mut close = 0.0;
        if let (Some(a), Some(b)) = (first_ts, first) {
            let days = (a - b).abs() as f64 / 86_400_000.0;
            close = (-days / 7.0).exp();
            if days < 1.0 {
                reasons.push("stated the same day".into());
            } else if days <= 14.0 {
                reasons.push(format!("stated within {} days", days.ceil() as i64));
            }
        }
        let mine: HashSet<String> = self::words(&claim.statement)
            .into_iter()
            .map(|w| w.key)
            .collect();
        let related_to = scope_words
            .iter()
            .max_by_key(|(id, claimant, keys)| {
                let same_person = claimant.is_some() && *claimant == claimant_of(&facts, &claim.id);
                (
                    same_person,
                    keys.intersection(&mine).count(),
                    std::cmp::Reverse(id.clone()),
                )
            })
            .map_or_else(|| claim_ids[0].clone(), |(id, _, _)| id.clone());
        let same = if same { 1.0 } else { 0.0 };
        related.push(RelatedClaim {
            related_to,
            linked: links.get(&id).copied(),
            claim_id: id,
            score: ((0.6 * words + 0.25 * same + 0.15 * close) * 1000.0).round() / 1000.0,
            claim,
            reasons,
        });
    }
    related.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.claim_id.cmp(&b.claim_id))
    });
    related.truncate(RELATED);
    Ok(related)
}

/// The claimant of `claim` among the facts read for related claims.
fn claimant_of(facts: &[(String, Option<String>, Option<i64>)], claim: &str) -> Option<String> {
    facts
        .iter()
        .find(|(id, _, _)| id == claim)
        .and_then(|(_, claimant, _)| claimant.clone())
}

/// Every name of each person (and of whoever was merged into them), folded.
async fn person_names(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashMap<String, Vec<String>>> {
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    for sql in [
        "SELECT id, name FROM persons WHERE id IN",
        "SELECT merged_into, name FROM persons WHERE merged_into IN",
        "SELECT person_id, alias FROM person_aliases WHERE person_id IN",
    ] {
        for (id, name) in query_in::<(String, String)>(conn, sql, ids).await? {
            let key = name_key(&name);
            if !key.is_empty() {
                names.entry(id).or_default().push(key);
            }
        }
    }
    Ok(names)
}

/// The claims linked to any claim of `scope`, with the first relation.
async fn links_of(
    conn: &mut SqliteConnection,
    scope: &[String],
) -> Result<HashMap<String, LinkRelation>> {
    let mut links = HashMap::new();
    for sql in [
        "SELECT to_claim_id, relation FROM claim_links WHERE from_claim_id IN",
        "SELECT from_claim_id, relation FROM claim_links WHERE to_claim_id IN",
    ] {
        for (other, relation) in query_in::<(String, String)>(conn, sql, scope).await? {
            if let Some(relation) = LinkRelation::parse(&relation) {
                links.entry(other).or_insert(relation);
            }
        }
    }
    Ok(links)
}
