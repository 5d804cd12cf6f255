//! Timelines: the appearances of a claim, a person or a storyline in time
//! order, with each restatement's wording changes and the links between
//! the claims shown.

use std::collections::HashMap;

use regex::Regex;
use sqlx::{Row, SqliteConnection};
use std::sync::LazyLock;

use crate::claims;
use crate::model::{
    ConditionChange, DiffOp, LinkRelation, TimeBasis, Timeline, TimelineLink, TimelinePoint,
    TimelineQuery, TimelineScope, WordingChange,
};
use crate::store::{Result, Store, StoreError};
use crate::{diff, matches, persons, storylines};

pub async fn timeline(store: &Store, query: &TimelineQuery) -> Result<Timeline> {
    let mut conn = store.pool().acquire().await?;
    let (title, condition, key) = scope(&mut conn, &query.scope).await?;
    let appearances = claims::appearances_where(&mut conn, condition, &[&key]).await?;
    let extra = extras(&mut conn, condition, &key).await?;
    let mut points: Vec<TimelinePoint> = Vec::with_capacity(appearances.len());
    for a in appearances {
        let Some(x) = extra.get(&a.id) else {
            continue;
        };
        let stated = a.stated_at.clone().zip(x.stated_ts);
        let published = x.published_at.clone().zip(x.published_ts);
        let (wanted, other) = match query.by {
            TimeBasis::Stated => (stated, published),
            TimeBasis::Published => (published, stated),
        };
        let at_fallback = wanted.is_none();
        let (at, at_ms) = wanted
            .or(other)
            .unwrap_or_else(|| (x.imported_at.clone(), x.imported_ts));
        points.push(TimelinePoint {
            appearance_id: a.id,
            claim_id: a.claim_id,
            statement: x.statement.clone(),
            claimant: x.claimant.clone(),
            article_id: a.article_id,
            article_title: a.article_title,
            outlet: a.outlet,
            url: x.url.clone(),
            exact: a.exact,
            kind: a.kind,
            speaker: a.speaker,
            attribution: a.attribution,
            stated_at: a.stated_at,
            published_at: x.published_at.clone(),
            at,
            at_ms,
            at_fallback,
            first: false,
            change: None,
            anchor: a.anchor,
        });
    }
    points.sort_by(|a, b| {
        a.at_ms
            .cmp(&b.at_ms)
            .then_with(|| a.appearance_id.cmp(&b.appearance_id))
    });
    // Each claim's first point, and how each later one reworded the one before.
    let mut previous: HashMap<String, usize> = HashMap::new();
    for i in 0..points.len() {
        match previous.insert(points[i].claim_id.clone(), i) {
            None => points[i].first = true,
            Some(p) => {
                points[i].change =
                    wording_change(&points[p].appearance_id, &points[p].exact, &points[i].exact);
            }
        }
    }
    let links = links(&mut conn, &points).await?;
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
            let id = person(conn, key).await?;
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

/// The person an id, name or alias names; refused when it could be several.
async fn person(conn: &mut SqliteConnection, key: &str) -> Result<String> {
    let by_id: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT id, merged_into FROM persons WHERE id = ?")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((id, merged)) = by_id {
        return Ok(merged.unwrap_or(id));
    }
    let found = persons::matches(conn, key).await?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(StoreError::NotFound(format!("person {key}"))),
        several => {
            let mut names = Vec::new();
            for id in several {
                let name: String = sqlx::query_scalar("SELECT name FROM persons WHERE id = ?")
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                names.push(name);
            }
            Err(StoreError::Invalid(format!(
                "\u{201c}{key}\u{201d} could be {}. Give the full name.",
                names.join(" or ")
            )))
        }
    }
}

/// What a timeline point needs beyond the appearance itself.
struct Extra {
    statement: String,
    claimant: Option<String>,
    stated_ts: Option<i64>,
    published_at: Option<String>,
    published_ts: Option<i64>,
    url: Option<String>,
    imported_at: String,
    imported_ts: i64,
}

async fn extras(
    conn: &mut SqliteConnection,
    condition: &str,
    key: &str,
) -> Result<HashMap<String, Extra>> {
    let sql = format!(
        "SELECT a.id, c.statement, p.name AS claimant, a.stated_ts, r.published_at,
                r.published_ts, coalesce(r.url, ar.canonical_url) AS url, ar.imported_at,
                ar.imported_ts
         FROM appearances a
         JOIN revisions r ON r.id = a.revision_id
         JOIN articles ar ON ar.id = r.article_id
         JOIN claims c ON c.id = a.claim_id
         LEFT JOIN persons p ON p.id = c.claimant_id
         WHERE {condition}"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_all(conn)
        .await?;
    let mut extras = HashMap::with_capacity(rows.len());
    for row in rows {
        extras.insert(
            row.try_get::<String, _>("id")?,
            Extra {
                statement: row.try_get("statement")?,
                claimant: row.try_get("claimant")?,
                stated_ts: row.try_get("stated_ts")?,
                published_at: row.try_get("published_at")?,
                published_ts: row.try_get("published_ts")?,
                url: row.try_get("url")?,
                imported_at: row.try_get("imported_at")?,
                imported_ts: row.try_get("imported_ts")?,
            },
        );
    }
    Ok(extras)
}

/// How `now` rewords `before`; None when only punctuation, case or
/// spelling differ.
pub fn wording_change(previous_id: &str, before: &str, now: &str) -> Option<WordingChange> {
    let keys = |t: &str| -> Vec<String> { matches::words(t).into_iter().map(|w| w.key).collect() };
    if keys(before) == keys(now) {
        return None;
    }
    let segments = diff::words(before, now);
    let conditions = segments
        .iter()
        .filter(|s| s.op != DiffOp::Equal && CONDITION.is_match(&s.text))
        .map(|s| ConditionChange {
            added: s.op == DiffOp::Insert,
            text: s.text.trim().to_owned(),
        })
        .collect();
    Some(WordingChange {
        previous_appearance_id: previous_id.to_owned(),
        segments,
        conditions,
    })
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
async fn links(conn: &mut SqliteConnection, points: &[TimelinePoint]) -> Result<Vec<TimelineLink>> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for p in points.iter().filter(|p| p.first) {
        first.insert(&p.claim_id, &p.appearance_id);
    }
    if first.len() < 2 {
        return Ok(Vec::new());
    }
    let mut links = Vec::new();
    for claim in first.keys() {
        let rows: Vec<(String, String, String, String)> = sqlx::query_as(
            "SELECT id, relation, from_claim_id, to_claim_id FROM claim_links
             WHERE from_claim_id = ? ORDER BY created_at, id",
        )
        .bind(*claim)
        .fetch_all(&mut *conn)
        .await?;
        for (id, relation, from, to) in rows {
            let (Some(a), Some(b)) = (first.get(from.as_str()), first.get(to.as_str())) else {
                continue;
            };
            links.push(TimelineLink {
                link_id: id,
                relation: LinkRelation::parse(&relation).unwrap_or(LinkRelation::SameAs),
                from_appearance_id: (*a).to_owned(),
                to_appearance_id: (*b).to_owned(),
                from_claim_id: from,
                to_claim_id: to,
            });
        }
    }
    links.sort_by(|a, b| a.link_id.cmp(&b.link_id));
    Ok(links)
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
