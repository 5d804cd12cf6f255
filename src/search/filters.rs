//! The filters of a search (claimant, outlet, verdict, tag, storyline and
//! time range) resolved to SQL conditions with their numbered binds, and
//! the appearance window an export applies with the same filters.

use sqlx::sqlite::SqliteRow;
use sqlx::SqliteConnection;

use crate::claims;
use crate::model::{SearchQuery, TimeBasis};
use crate::persons;
use crate::store::Result;

use super::query::{bound, Bound};

/// Which appearances a search's outlet and time filters keep: an export
/// with these filters leaves the others out of each claim's timeline.
#[derive(Debug, Clone, Default)]
pub struct AppearanceWindow {
    pub outlet: Option<String>,
    pub from: Option<Bound>,
    pub to: Option<Bound>,
    pub by: TimeBasis,
}

impl AppearanceWindow {
    pub fn of(query: &SearchQuery) -> Result<AppearanceWindow> {
        Ok(AppearanceWindow {
            outlet: claims::non_empty(query.outlet.as_deref()),
            from: bound(query.from.as_deref())?,
            to: bound(query.to.as_deref())?,
            by: query.date_by.unwrap_or_default(),
        })
    }

    /// Whether an appearance published by `outlet`, stated at `stated` and
    /// published at `published` (texts with their offsets) is inside.
    pub fn keeps(
        &self,
        outlet: Option<&str>,
        stated: Option<&str>,
        published: Option<&str>,
    ) -> bool {
        if let Some(want) = &self.outlet {
            if outlet.is_none_or(|o| o.to_lowercase() != want.to_lowercase()) {
                return false;
            }
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let time = match self.by {
            TimeBasis::Stated => stated,
            TimeBasis::Published => published,
        };
        let Some(time) = time else {
            return false;
        };
        self.from.is_none_or(|f| f.admits(time, false))
            && self.to.is_none_or(|t| t.admits(time, true))
    }
}

/// The filters of a query, resolved to what the SQL compares.
#[derive(Default)]
pub(super) struct Filters {
    pub(super) persons: Option<Vec<String>>,
    pub(super) outlet: Option<String>,
    /// How many articles the outlet filter's outlets hold.
    outlet_articles: Option<i64>,
    verdict: Option<String>,
    tag: Option<String>,
    storyline: Option<String>,
    from: Option<Bound>,
    to: Option<Bound>,
    by: TimeBasis,
}

impl Filters {
    /// None when the claimant names nobody.
    pub(super) async fn from_query(
        conn: &mut SqliteConnection,
        q: &SearchQuery,
    ) -> Result<Option<Filters>> {
        let persons = match claims::non_empty(q.claimant.as_deref()) {
            Some(name) => {
                let by_id: Option<String> =
                    sqlx::query_scalar("SELECT id FROM persons WHERE id = ?")
                        .bind(&name)
                        .fetch_optional(&mut *conn)
                        .await?;
                let ids = match by_id {
                    Some(id) => vec![id],
                    None => persons::matches(conn, &name).await?,
                };
                if ids.is_empty() {
                    return Ok(None);
                }
                Some(ids)
            }
            None => None,
        };
        let storyline = match claims::non_empty(q.storyline_id.as_deref()) {
            Some(key) => Some(crate::storylines::resolve(conn, &key).await?),
            None => None,
        };
        let outlet = claims::non_empty(q.outlet.as_deref());
        let outlet_articles = match &outlet {
            Some(name) => Some(
                sqlx::query_scalar(
                    "SELECT count(*) FROM articles WHERE outlet_id IN
                         (SELECT id FROM outlets WHERE name = ? COLLATE NOCASE)",
                )
                .bind(name)
                .fetch_one(&mut *conn)
                .await?,
            ),
            None => None,
        };
        Ok(Some(Filters {
            persons,
            outlet,
            outlet_articles,
            verdict: claims::non_empty(q.verdict.as_deref())
                .map(|v| v.to_lowercase().replace([' ', '-'], "_")),
            tag: claims::non_empty(q.tag.as_deref()),
            storyline,
            from: bound(q.from.as_deref())?,
            to: bound(q.to.as_deref())?,
            by: q.date_by.unwrap_or_default(),
        }))
    }

    pub(super) fn any(&self) -> bool {
        self.persons.is_some() || self.any_besides_claimant()
    }

    pub(super) fn any_besides_claimant(&self) -> bool {
        self.outlet.is_some()
            || self.verdict.is_some()
            || self.tag.is_some()
            || self.storyline.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// Conditions on a claim `{c}` (its id expression): claimant, verdict,
    /// tag, storyline.
    pub(super) fn claim_sql(&self, c: &str, binds: &mut Binds) -> Vec<String> {
        let mut sql = Vec::new();
        if let Some(ids) = &self.persons {
            let list = binds.list(ids);
            sql.push(format!(
                "({c} IN (SELECT id FROM claims WHERE claimant_id IN ({list}))
                  OR {c} IN (SELECT claim_id FROM appearances WHERE speaker_id IN ({list})))"
            ));
        }
        if let Some(verdict) = &self.verdict {
            let n = binds.push(verdict);
            sql.push(format!(
                "(SELECT v.rating FROM verdicts v WHERE v.claim_id = {c}
                  ORDER BY v.id DESC LIMIT 1) = {n}"
            ));
        }
        if let Some(tag) = &self.tag {
            let n = binds.push(tag);
            sql.push(format!(
                "{c} IN (SELECT claim_id FROM claim_tags WHERE tag = {n} COLLATE NOCASE)"
            ));
        }
        if let Some(storyline) = &self.storyline {
            let n = binds.push(storyline);
            sql.push(format!(
                "{c} IN (SELECT claim_id FROM storyline_claims WHERE storyline_id = {n})"
            ));
        }
        sql
    }

    /// Conditions on an appearance `a` of revision `r` in article `ar`:
    /// outlet and time range.
    pub(super) fn appearance_sql(&self, binds: &mut Binds) -> Vec<String> {
        let mut sql = self.outlet_sql(binds);
        match self.by {
            TimeBasis::Stated => sql.extend(self.range_sql("a.stated_ts", "a.stated_at")),
            TimeBasis::Published => sql.extend(self.published_sql()),
        }
        sql
    }

    /// The outlet condition on article `ar`, as the journalist corrected
    /// it: an article whose outlet was corrected is the corrected outlet's
    /// and no longer the one extraction gave (`article_corrections`). The
    /// corrections are few, so their lists cost little beside the index of
    /// `articles.outlet_id`.
    pub(super) fn outlet_sql(&self, binds: &mut Binds) -> Vec<String> {
        let Some(outlet) = &self.outlet else {
            return Vec::new();
        };
        let n = binds.push(outlet);
        let named = format!("SELECT id FROM outlets WHERE name = {n} COLLATE NOCASE");
        vec![format!(
            "(ar.outlet_id IN ({named})
               AND ar.id NOT IN (SELECT article_id FROM article_corrections WHERE outlet_id IS NOT NULL)
              OR ar.id IN (SELECT article_id FROM article_corrections WHERE outlet_id IN ({named})))"
        )]
    }

    /// The time range on the published time of revision `r` of article
    /// `ar`, as the journalist corrected it (a time corrected to none is
    /// in no range).
    pub(super) fn published_sql(&self) -> Vec<String> {
        let extracted = self.range_sql("r.published_ts", "r.published_at");
        if extracted.is_empty() {
            return extracted;
        }
        let corrected = self.range_sql("fx.published_ts", "fx.published_at");
        vec![format!(
            "(({}) AND ar.id NOT IN (SELECT article_id FROM article_corrections WHERE published_at IS NOT NULL)
              OR ar.id IN (SELECT fx.article_id FROM article_corrections fx
                           WHERE fx.published_at IS NOT NULL AND {}))",
            extracted.join(" AND "),
            corrected.join(" AND ")
        )]
    }

    /// With an outlet filter and words that match more rows than the
    /// outlet has articles: a condition that keeps the matches of `table`
    /// among the outlet's rows, checked on the match's FTS5 rowid (or, for
    /// claims, the claim id its key row names) before any other join.
    /// SQLite builds that set once, so each match costs a lookup in memory
    /// instead of the joins to its article, which for a small outlet and a
    /// common word took most of a search (BENCHMARKS.md). Without the
    /// filter, or when the words match fewer rows than the outlet has
    /// articles, nothing: the joins of the matches cost less than the set.
    /// The outlet condition stays as well.
    pub(super) fn outlet_first(&self, table: &str, matches: i64, binds: &mut Binds) -> Vec<String> {
        let (Some(outlet), Some(articles)) = (&self.outlet, self.outlet_articles) else {
            return Vec::new();
        };
        if articles >= matches {
            return Vec::new();
        }
        // What each match is checked by, and the same from `r2`, the
        // revisions of the outlet's articles.
        let (column, key, joins) = match table {
            "article_fts" => (
                "article_fts.rowid",
                "k2.key",
                "JOIN article_fts_keys k2 ON k2.revision_id = r2.id",
            ),
            "claim_fts" => (
                "k.claim_id",
                "a2p.claim_id",
                "JOIN appearances a2p ON a2p.revision_id = r2.id",
            ),
            "appearance_fts" => (
                "appearance_fts.rowid",
                "k2.key",
                "JOIN appearances a2p ON a2p.revision_id = r2.id
                 JOIN appearance_fts_keys k2 ON k2.appearance_id = a2p.id",
            ),
            _ => return Vec::new(),
        };
        let n = binds.push(outlet);
        let named = format!("SELECT id FROM outlets WHERE name = {n} COLLATE NOCASE");
        // `+` keeps the set a filter: as a constraint on the FTS5 rowid,
        // SQLite would run the match once per key instead. The articles
        // corrected into the outlet are in the set too (the outlet
        // condition itself leaves out those corrected away from it).
        vec![format!(
            "+{column} IN (SELECT {key} FROM articles a2
                 JOIN revisions r2 ON r2.article_id = a2.id {joins}
                 WHERE a2.outlet_id IN ({named})
                    OR a2.id IN (SELECT article_id FROM article_corrections WHERE outlet_id IN ({named})))"
        )]
    }

    /// Conditions of the time range on a time stored as Unix ms (`ts`)
    /// and as text with its own offset (`text`).
    pub(super) fn range_sql(&self, ts: &str, text: &str) -> Vec<String> {
        let mut sql = Vec::new();
        if let Some(from) = &self.from {
            sql.extend(from.sql(ts, text, false));
        }
        if let Some(to) = &self.to {
            sql.extend(to.sql(ts, text, true));
        }
        sql
    }
}

/// Bound values, numbered ?1… in the order they are pushed.
#[derive(Default)]
pub(super) struct Binds(Vec<String>);

impl Binds {
    pub(super) fn push(&mut self, value: &str) -> String {
        self.0.push(value.to_owned());
        format!("?{}", self.0.len())
    }

    pub(super) fn list(&mut self, values: &[String]) -> String {
        values
            .iter()
            .map(|v| self.push(v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) async fn fetch(
        self,
        conn: &mut SqliteConnection,
        sql: String,
    ) -> Result<Vec<SqliteRow>> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in self.0 {
            query = query.bind(value);
        }
        Ok(query.fetch_all(conn).await?)
    }
}

pub(super) fn where_all(conditions: &[String]) -> String {
    if conditions.is_empty() {
        "1".into()
    } else {
        conditions.join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outlet_is_looked_up_first_only_when_it_has_fewer_articles_than_matches() {
        let filters = |outlet_articles| Filters {
            outlet: Some("Daily Planet".into()),
            outlet_articles,
            ..Filters::default()
        };
        let first = |f: &Filters, matches| {
            let mut binds = Binds::default();
            let sql = f.outlet_first("claim_fts", matches, &mut binds);
            (sql, binds.0)
        };
        let (sql, binds) = first(&filters(Some(1)), 3);
        assert_eq!(sql.len(), 1);
        assert!(
            sql[0].starts_with("+k.claim_id IN (SELECT a2p.claim_id FROM articles a2"),
            "a filter on the match's own column, not a rowid constraint: {}",
            sql[0]
        );
        assert_eq!(binds, ["Daily Planet"]);
        assert!(
            first(&filters(Some(3)), 3).0.is_empty(),
            "as many as the matches"
        );
        assert!(first(&filters(Some(5000)), 2001).0.is_empty());
        assert!(
            first(&Filters::default(), 3).0.is_empty(),
            "no outlet filter"
        );
    }
}
