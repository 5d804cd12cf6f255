//! Timelines: the appearances of a claim, a person or a storyline in time
//! order, with each restatement's wording changes and the links between
//! the claims shown.
//!
//! A point is placed by its stated or published time, as asked; when it
//! lacks that one it falls back to the other, then to the import time, and
//! is flagged (`at_fallback`). A wording change is a word diff between
//! consecutive appearances of a claim whose words differ once folded, with
//! the conditions ("if", "unless", "only", ...) added or dropped picked
//! out. The points are read from SQLite as one JSON row (plus one for the
//! attribution chains), because through sqlx every row crosses to the
//! worker thread and a row costs more than the data in it.

use std::collections::HashMap;

use regex::Regex;
use sqlx::SqliteConnection;
use std::sync::LazyLock;

use crate::model::{
    AnchorState, AppearanceKind, AttributionStep, ConditionChange, DiffOp, LinkRelation, StepKind,
    TimeBasis, Timeline, TimelineLink, TimelinePoint, TimelineQuery, TimelineScope, WordingChange,
};
use crate::store::{Result, Store, StoreError};
use crate::{diff, matches, persons, storylines};

pub async fn timeline(store: &Store, query: &TimelineQuery) -> Result<Timeline> {
    let mut conn = store.pool().acquire().await?;
    let (title, condition, key) = scope(&mut conn, &query.scope).await?;
    let rows = rows(&mut conn, condition, &key).await?;
    let mut points: Vec<TimelinePoint> = Vec::with_capacity(rows.len());
    for row in rows {
        let stated = row.stated_at.clone().zip(row.stated_ts);
        let published = row.published_at.clone().zip(row.published_ts);
        let (wanted, other) = match query.by {
            TimeBasis::Stated => (stated, published),
            TimeBasis::Published => (published, stated),
        };
        let at_fallback = wanted.is_none();
        let (at, at_ms) = wanted
            .or(other)
            .unwrap_or_else(|| (row.imported_at.clone(), row.imported_ts));
        let mut chain = row.chain;
        chain.sort_by_key(|step| step.0);
        points.push(TimelinePoint {
            appearance_id: row.id,
            claim_id: row.claim_id,
            statement: row.statement,
            claimant: row.claimant,
            article_id: row.article_id,
            article_title: row.article_title,
            outlet: row.outlet,
            url: row.url,
            exact: row.exact,
            kind: AppearanceKind::parse(&row.kind).unwrap_or_default(),
            speaker: row.speaker,
            attribution: chain
                .into_iter()
                .map(|(_, name, is_person, cue)| AttributionStep {
                    name,
                    kind: if is_person == 1 {
                        StepKind::Person
                    } else {
                        StepKind::Outlet
                    },
                    cue,
                })
                .collect(),
            stated_at: row.stated_at,
            published_at: row.published_at,
            at,
            at_ms,
            at_fallback,
            first: false,
            change: None,
            anchor: AnchorState::parse(&row.anchor).unwrap_or(AnchorState::NeedsReview),
        });
    }
    points.sort_by(|a, b| {
        a.at_ms
            .cmp(&b.at_ms)
            .then_with(|| a.appearance_id.cmp(&b.appearance_id))
    });
    // Each claim's first point, and how each later one reworded the one
    // before (each quote's words folded once).
    let mut previous: HashMap<String, usize> = HashMap::new();
    for i in 0..points.len() {
        match previous.insert(points[i].claim_id.clone(), i) {
            None => points[i].first = true,
            Some(p) if points[p].exact != points[i].exact => {
                points[i].change =
                    wording_change(&points[p].appearance_id, &points[p].exact, &points[i].exact);
            }
            Some(_) => {}
        }
    }
    let links = links(&mut conn, condition, &key, &points).await?;
    Ok(Timeline {
        title,
        by: query.by,
        points,
        links,
    })
}

/// The title, the SQL condition over appearances `a` (binding ?1) and the
/// key bound to it.
async fn scope(
    conn: &mut SqliteConnection,
    scope: &TimelineScope,
) -> Result<(String, &'static str, String)> {
    Ok(match scope {
        TimelineScope::Claim(id) => {
            let statement: String = sqlx::query_scalar("SELECT statement FROM claims WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
                .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))?;
            (statement, "a.claim_id = ?1", id.clone())
        }
        TimelineScope::Person(key) => {
            let id = persons::existing(conn, key).await?;
            let name: String = sqlx::query_scalar("SELECT name FROM persons WHERE id = ?")
                .bind(&id)
                .fetch_one(&mut *conn)
                .await?;
            (
                name,
                "(a.claim_id IN (SELECT id FROM claims WHERE claimant_id = ?1) OR a.speaker_id = ?1)",
                id,
            )
        }
        TimelineScope::Storyline(key) => {
            let id = storylines::resolve(conn, key).await?;
            let name: String = sqlx::query_scalar("SELECT name FROM storylines WHERE id = ?")
                .bind(&id)
                .fetch_one(&mut *conn)
                .await?;
            (
                name,
                "a.claim_id IN (SELECT claim_id FROM storyline_claims WHERE storyline_id = ?1)",
                id,
            )
        }
    })
}

/// One appearance as the timeline reads it: everything in one JSON row,
/// since a row costs more through the driver than the data in it.
#[derive(serde::Deserialize)]
struct PointRow {
    id: String,
    claim_id: String,
    statement: String,
    claimant: Option<String>,
    article_id: String,
    article_title: String,
    outlet: Option<String>,
    url: Option<String>,
    exact: String,
    kind: String,
    speaker: Option<String>,
    stated_at: Option<String>,
    stated_ts: Option<i64>,
    published_at: Option<String>,
    published_ts: Option<i64>,
    imported_at: String,
    imported_ts: i64,
    anchor: String,
    /// Filled from a second query.
    #[serde(default)]
    chain: Vec<ChainStep>,
}

/// A step of a chain as read: (position, name, 1 for a person, cue).
type ChainStep = (i64, String, i64, Option<String>);

async fn rows(conn: &mut SqliteConnection, condition: &str, key: &str) -> Result<Vec<PointRow>> {
    let sql = format!(
        "SELECT json_group_array(json_object(
             'id', a.id, 'claim_id', a.claim_id, 'statement', c.statement,
             'claimant', cp.name, 'article_id', r.article_id,
             'article_title', COALESCE(fix.title, r.title),
             'outlet', o.name, 'url', coalesce(r.url, ar.canonical_url), 'exact', a.exact,
             'kind', a.kind, 'speaker', sp.name, 'stated_at', a.stated_at,
             'stated_ts', a.stated_ts,
             'published_at', NULLIF(COALESCE(fix.published_at, r.published_at), ''),
             'published_ts', iif(fix.published_at IS NULL, r.published_ts, fix.published_ts),
             'imported_at', ar.imported_at,
             'imported_ts', ar.imported_ts, 'anchor', a.anchor_state))
         FROM appearances a
         JOIN revisions r ON r.id = a.revision_id
         JOIN articles ar ON ar.id = r.article_id
         JOIN claims c ON c.id = a.claim_id
         LEFT JOIN persons cp ON cp.id = c.claimant_id
         LEFT JOIN persons sp ON sp.id = a.speaker_id
         LEFT JOIN article_corrections fix ON fix.article_id = ar.id
         LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, ar.outlet_id)
         WHERE {condition}"
    );
    let json: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_one(&mut *conn)
        .await?;
    let mut rows: Vec<PointRow> = serde_json::from_str(&json)?;
    // The chains in one more query, grouped here (a subquery per
    // appearance costs more).
    let sql = format!(
        "SELECT json_group_array(json_array(
             s.appearance_id, s.position, coalesce(p.name, so.name), s.person_id IS NOT NULL, s.cue))
         FROM attribution_steps s
         LEFT JOIN persons p ON p.id = s.person_id
         LEFT JOIN outlets so ON so.id = s.outlet_id
         WHERE s.appearance_id IN (SELECT a.id FROM appearances a WHERE {condition})"
    );
    let json: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_one(&mut *conn)
        .await?;
    let steps: Vec<(String, i64, String, i64, Option<String>)> = serde_json::from_str(&json)?;
    let mut chains: HashMap<String, Vec<ChainStep>> = HashMap::new();
    for (appearance, position, name, is_person, cue) in steps {
        chains
            .entry(appearance)
            .or_default()
            .push((position, name, is_person, cue));
    }
    for row in &mut rows {
        row.chain = chains.remove(&row.id).unwrap_or_default();
    }
    Ok(rows)
}

/// A quote's words as matching folds them.
fn folded(text: &str) -> Vec<String> {
    matches::words(text).into_iter().map(|w| w.key).collect()
}

/// How `now` rewords `before`; None when only punctuation, case or
/// spelling differ.
pub fn wording_change(previous_id: &str, before: &str, now: &str) -> Option<WordingChange> {
    (folded(before) != folded(now)).then(|| rewording(previous_id, before, now))
}

/// The word diff from `before` to `now` and the conditions it adds or drops.
fn rewording(previous_id: &str, before: &str, now: &str) -> WordingChange {
    let segments = diff::words(before, now);
    let conditions = segments
        .iter()
        .filter(|s| s.op != DiffOp::Equal && CONDITION.is_match(&s.text))
        .map(|s| ConditionChange {
            added: s.op == DiffOp::Insert,
            text: s.text.trim().to_owned(),
        })
        .collect();
    WordingChange {
        previous_appearance_id: previous_id.to_owned(),
        segments,
        conditions,
    }
}

/// Words that make a statement conditional or limit it.
static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(if|unless|only|provided|providing|until|as long as|so long as|on condition|in exchange|in return|subject to|except|assuming)\b",
    )
    .expect("valid regex")
});

/// Links whose two claims are both on the timeline, drawn between their
/// first points.
async fn links(
    conn: &mut SqliteConnection,
    condition: &str,
    key: &str,
    points: &[TimelinePoint],
) -> Result<Vec<TimelineLink>> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for p in points.iter().filter(|p| p.first) {
        first.insert(&p.claim_id, &p.appearance_id);
    }
    if first.len() < 2 {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, relation, from_claim_id, to_claim_id FROM claim_links
         WHERE from_claim_id IN (SELECT a.claim_id FROM appearances a WHERE {condition})
         ORDER BY id"
    );
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, relation, from, to)| {
            let (a, b) = (first.get(from.as_str())?, first.get(to.as_str())?);
            Some(TimelineLink {
                link_id: id,
                relation: LinkRelation::parse(&relation).unwrap_or(LinkRelation::SameAs),
                from_appearance_id: (*a).to_owned(),
                to_appearance_id: (*b).to_owned(),
                from_claim_id: from,
                to_claim_id: to,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_and_spelling_are_not_a_wording_change() {
        assert!(wording_change(
            "a",
            "\u{201c}We will defend the centre\u{201d}",
            "\"we will defend the center\""
        )
        .is_none());
    }

    #[test]
    fn an_added_condition_is_called_out() {
        let change = wording_change(
            "a",
            "Ukraine could accept a ceasefire",
            "Ukraine could accept a ceasefire only if guarantees are given",
        )
        .expect("a change");
        assert_eq!(change.previous_appearance_id, "a");
        assert_eq!(change.conditions.len(), 1);
        assert!(change.conditions[0].added);
        assert!(change.conditions[0].text.contains("only if guarantees"));
    }

    #[test]
    fn a_dropped_condition_is_called_out() {
        let change = wording_change(
            "a",
            "Talks resume unless the shelling continues",
            "Talks resume",
        )
        .expect("a change");
        assert_eq!(
            change.conditions,
            vec![ConditionChange {
                added: false,
                text: "unless the shelling continues".into()
            }]
        );
    }

    #[test]
    fn a_reworded_claim_without_conditions_has_none() {
        let change = wording_change("a", "Prices rose 5%", "Prices rose 7%").expect("a change");
        assert!(change.conditions.is_empty());
        assert!(change
            .segments
            .iter()
            .any(|s| s.op == DiffOp::Insert && s.text.contains('7')));
    }
}
