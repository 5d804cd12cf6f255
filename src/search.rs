//! The search box: FTS5 over articles (current revisions), claims,
//! appearances and persons, with snippets and filters.
//!
//! The text a person types becomes an FTS5 query of quoted terms (so no
//! input is FTS5 syntax): words and `"phrases"` must all match, a trailing
//! word of three letters or more also matches as a prefix (search as you
//! type). Indexes are stemmed, so "claims" finds "claimed".

use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::claims;
use crate::model::{
    AppearanceHit, ArticleHit, ClaimHit, PersonHit, SearchQuery, SearchResults, SnippetPart,
    TimeBasis,
};
use crate::persons;
use crate::store::{Result, Store, StoreError};

/// Hits per section when the query does not say.
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 500;
/// Noncharacters around the hits in FTS5 snippets, split out again before
/// anything leaves the core: imported text never carries markup. Unicode
/// reserves them for a program's internal use and import removes them
/// from texts, so they cannot stand in an article.
const HIT_START: char = '\u{FDD0}';
const HIT_END: char = '\u{FDD1}';

pub async fn search(store: &Store, query: &SearchQuery) -> Result<SearchResults> {
    let mut conn = store.pool().acquire().await?;
    let filters = Filters::from_query(&mut conn, query).await?;
    let Some(filters) = filters else {
        // A claimant nobody in the workspace is called: nothing can match.
        return Ok(SearchResults::default());
    };
    let text = chosen_query(&mut conn, &query.text).await?;
    if text.is_none() && !filters.any() {
        return Ok(SearchResults::default());
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let text = text.as_deref();
    // The sections run side by side, each on a connection of its own,
    // rather than one after another (BENCHMARKS.md, fifth pass). Each holds
    // one connection and never waits for another while holding it, so
    // searches typed in quick succession queue for the pool but cannot
    // deadlock it. As before, no transaction spans the sections.
    drop(conn);
    let pool = store.pool();
    let (articles, claims, appearances, persons) = tokio::try_join!(
        async { articles(&mut *pool.acquire().await?, text, &filters, limit).await },
        async { claims(&mut *pool.acquire().await?, text, &filters, limit).await },
        async { appearances(&mut *pool.acquire().await?, text, &filters, limit).await },
        async {
            match text {
                Some(text) if !filters.any_besides_claimant() => {
                    persons(&mut *pool.acquire().await?, text, &filters, limit).await
                }
                _ => Ok(Vec::new()),
            }
        },
    )?;
    Ok(SearchResults {
        articles,
        claims,
        appearances,
        persons,
    })
}

/// Every claim a search matches (its words and filters, no limit), for
/// exports "with the same filters as search"; None when the query neither
/// has words nor filters (it narrows nothing).
pub async fn claim_ids(store: &Store, query: &SearchQuery) -> Result<Option<Vec<String>>> {
    let mut conn = store.pool().acquire().await?;
    let Some(filters) = Filters::from_query(&mut conn, query).await? else {
        return Ok(Some(Vec::new()));
    };
    let text = chosen_query(&mut conn, &query.text).await?;
    if text.is_none() && !filters.any() {
        return Ok(None);
    }
    let rows = claim_rows(&mut conn, text.as_deref(), &filters, u32::MAX, false).await?;
    Ok(Some(rows.iter().map(|r| r.get("id")).collect()))
}

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

/// The FTS5 query for what a person typed, or None when it has no words.
pub fn fts_query(text: &str) -> Option<String> {
    fts_queries(text).map(|(_, expanded)| expanded)
}

/// The FTS5 query for what a person typed with the last word as a plain
/// prefix, and with the shorter prefixes its stem may be as well (the same
/// when the last word is not a prefix).
pub fn fts_queries(text: &str) -> Option<(String, String)> {
    // Control characters (a NUL from a paste) separate words like spaces.
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut terms: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    let mut last_is_open_word = false;
    while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
        rest = &rest[start..];
        let (term, phrase, after) = if let Some(inner) = rest.strip_prefix('"') {
            match inner.find('"') {
                Some(end) => (&inner[..end], true, &inner[end + 1..]),
                None => (inner, true, ""),
            }
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], false, &rest[end..])
        };
        rest = after;
        if term.chars().any(char::is_alphanumeric) {
            terms.push(format!("\"{}\"", term.replace('"', "")));
            last_is_open_word = !phrase && rest.is_empty();
        }
    }
    let plain_last = terms.last()?.clone();
    let last = terms.last_mut()?;
    let typed: String = last.trim_matches('"').to_owned();
    let chars: Vec<char> = typed.chars().collect();
    if last_is_open_word && chars.len() >= 3 && chars.iter().all(|c| c.is_alphanumeric()) {
        // The index holds stems ("government" is "govern"), so a longer word
        // typed halfway ("governm") also matches as the shorter prefixes its
        // stem may be: up to four letters shorter, five letters at least.
        let shortest = if chars.len() >= 6 {
            chars.len().saturating_sub(4).max(5)
        } else {
            chars.len()
        };
        let prefixes: Vec<String> = (shortest..=chars.len())
            .rev()
            .map(|n| format!("\"{}\"*", chars[..n].iter().collect::<String>()))
            .collect();
        *last = if prefixes.len() == 1 {
            prefixes[0].clone()
        } else {
            format!("({})", prefixes.join(" OR "))
        };
    }
    let expanded = terms.join(" AND ");
    let n = terms.len();
    terms[n - 1] =
        if last_is_open_word && chars.len() >= 3 && chars.iter().all(|c| c.is_alphanumeric()) {
            format!("{plain_last}*")
        } else {
            plain_last
        };
    Some((terms.join(" AND "), expanded))
}

/// The FTS5 query search runs for what a person typed: a last word that
/// matches as typed ("government") needs no shorter prefixes, which cost
/// the most to expand; one typed halfway ("governm") gets them.
pub async fn chosen_query(conn: &mut SqliteConnection, text: &str) -> Result<Option<String>> {
    Ok(match fts_queries(text) {
        Some((plain, expanded)) if plain != expanded && !matches_any(conn, &plain).await? => {
            Some(expanded)
        }
        Some((plain, _)) => Some(plain),
        None => None,
    })
}

/// Whether `query` matches any article, claim, appearance or person.
async fn matches_any(conn: &mut SqliteConnection, query: &str) -> Result<bool> {
    for table in ["article_fts", "claim_fts", "appearance_fts", "person_fts"] {
        let sql = format!("SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1");
        let found: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(query)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Splits an FTS5 snippet made with [`HIT_START`]/[`HIT_END`] into parts.
pub fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    let mut flush = |text: &mut String, hit: bool| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(text),
            _ => parts.push(SnippetPart {
                text: text.clone(),
                hit,
            }),
        }
        text.clear();
    };
    for c in snippet.chars() {
        match c {
            HIT_START => {
                flush(&mut text, hit);
                hit = true;
            }
            HIT_END => {
                flush(&mut text, hit);
                hit = false;
            }
            // Whitespace runs (paragraph breaks) read as one space in a snippet.
            c if c.is_whitespace() => {
                if !text.ends_with(' ') {
                    text.push(' ');
                }
            }
            c => text.push(c),
        }
    }
    flush(&mut text, hit);
    parts
}

/// The filters of a query, resolved to what the SQL compares.
#[derive(Default)]
struct Filters {
    persons: Option<Vec<String>>,
    outlet: Option<String>,
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
    async fn from_query(conn: &mut SqliteConnection, q: &SearchQuery) -> Result<Option<Filters>> {
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

    fn any(&self) -> bool {
        self.persons.is_some() || self.any_besides_claimant()
    }

    fn any_besides_claimant(&self) -> bool {
        self.outlet.is_some()
            || self.verdict.is_some()
            || self.tag.is_some()
            || self.storyline.is_some()
            || self.from.is_some()
            || self.to.is_some()
    }

    /// Conditions on a claim `{c}` (its id expression): claimant, verdict,
    /// tag, storyline.
    fn claim_sql(&self, c: &str, binds: &mut Binds) -> Vec<String> {
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
    fn appearance_sql(&self, binds: &mut Binds) -> Vec<String> {
        let mut sql = Vec::new();
        if let Some(outlet) = &self.outlet {
            let n = binds.push(outlet);
            sql.push(format!(
                "ar.outlet_id IN (SELECT id FROM outlets WHERE name = {n} COLLATE NOCASE)"
            ));
        }
        let (ts, text) = match self.by {
            TimeBasis::Stated => ("a.stated_ts", "a.stated_at"),
            TimeBasis::Published => ("r.published_ts", "r.published_at"),
        };
        sql.extend(self.range_sql(ts, text));
        sql
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
    fn outlet_first(&self, table: &str, matches: i64, binds: &mut Binds) -> Vec<String> {
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
        // `+` keeps the set a filter: as a constraint on the FTS5 rowid,
        // SQLite would run the match once per key instead.
        vec![format!(
            "+{column} IN (SELECT {key} FROM articles a2
                 JOIN revisions r2 ON r2.article_id = a2.id {joins}
                 WHERE a2.outlet_id IN (SELECT id FROM outlets WHERE name = {n} COLLATE NOCASE))"
        )]
    }

    /// Conditions of the time range on a time stored as Unix ms (`ts`)
    /// and as text with its own offset (`text`).
    fn range_sql(&self, ts: &str, text: &str) -> Vec<String> {
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

/// A bound of a time filter. A date is a calendar day where the source
/// was: "from 15 December" keeps a statement made at 02:37 in Delhi on the
/// 15th (the 14th in UTC), as the report's timeline shows it. A time with
/// an offset is an instant.
#[derive(Debug, Clone, Copy)]
pub enum Bound {
    Instant(i64),
    Day(chrono::NaiveDate),
}

/// Every UTC offset in use lies within 14 hours of UTC.
const MAX_OFFSET_MS: i64 = 14 * 3_600_000;

impl Bound {
    /// The day's first instant in UTC, or the instant.
    fn ms(self, end: bool) -> i64 {
        match self {
            Bound::Instant(ms) => ms,
            Bound::Day(day) => {
                let start = day
                    .and_hms_opt(0, 0, 0)
                    .map(|t| t.and_utc().timestamp_millis())
                    .unwrap_or_default();
                if end {
                    start + 86_400_000 - 1
                } else {
                    start
                }
            }
        }
    }

    /// SQL conditions: an index-friendly range on `ts` (widened by the
    /// largest offset for a day) and, for a day, the local date at the
    /// start of the stored text.
    fn sql(self, ts: &str, text: &str, end: bool) -> Vec<String> {
        let (op, widen) = if end {
            ("<=", MAX_OFFSET_MS)
        } else {
            (">=", -MAX_OFFSET_MS)
        };
        match self {
            Bound::Instant(ms) => vec![format!("{ts} {op} {ms}")],
            Bound::Day(day) => vec![
                format!("{ts} {op} {}", self.ms(end) + widen),
                // A NaiveDate prints as digits and dashes only.
                format!("substr({text}, 1, 10) {op} '{}'", day.format("%Y-%m-%d")),
            ],
        }
    }

    /// Whether a time stored as `text` (with its own offset) is on the
    /// right side of this bound.
    pub fn admits(self, text: &str, end: bool) -> bool {
        let inside = |ord: std::cmp::Ordering| {
            if end {
                ord.is_le()
            } else {
                ord.is_ge()
            }
        };
        match self {
            Bound::Instant(ms) => claims::stated_sort_key(text).is_ok_and(|t| inside(t.cmp(&ms))),
            Bound::Day(day) => text
                .get(..10)
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .is_some_and(|d| inside(d.cmp(&day))),
        }
    }
}

/// A date (a calendar day where the source was) or a time with its offset.
fn bound(text: Option<&str>) -> Result<Option<Bound>> {
    let Some(text) = claims::non_empty(text) else {
        return Ok(None);
    };
    if let Ok(day) = chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        return Ok(Some(Bound::Day(day)));
    }
    let ms = claims::stated_sort_key(&text).map_err(|_| {
        StoreError::invalid(format!(
            "\u{201c}{text}\u{201d} is not a date. Write it as 2025-12-14, or as a time such as 2025-12-14T09:30:00+02:00."
        ))
    })?;
    Ok(Some(Bound::Instant(ms)))
}

/// Bound values, numbered ?1… in the order they are pushed.
#[derive(Default)]
struct Binds(Vec<String>);

impl Binds {
    fn push(&mut self, value: &str) -> String {
        self.0.push(value.to_owned());
        format!("?{}", self.0.len())
    }

    fn list(&mut self, values: &[String]) -> String {
        values
            .iter()
            .map(|v| self.push(v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    async fn fetch(self, conn: &mut SqliteConnection, sql: String) -> Result<Vec<SqliteRow>> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in self.0 {
            query = query.bind(value);
        }
        Ok(query.fetch_all(conn).await?)
    }
}

fn where_all(conditions: &[String]) -> String {
    if conditions.is_empty() {
        "1".into()
    } else {
        conditions.join(" AND ")
    }
}

/// Matches beyond which a query is not ranked: ranking scores every match,
/// and a common word matches most of a large workspace. Such a query lists
/// the newest rows first instead (the index's insertion order).
pub const RANK_CUTOFF: u32 = 2_000;

/// How to order the matches of `query` in `table`: by relevance when there
/// are at most [`RANK_CUTOFF`], else newest first. Counting stops at the
/// cutoff, so this costs little, except for a word typed halfway: FTS5
/// expands a prefix in full before the first match, so a single prefix
/// whose completions the index's vocabulary already puts in more rows than
/// the cutoff is listed newest first without counting (see
/// [`prefix_rows`]).
pub(crate) async fn order_for(
    conn: &mut SqliteConnection,
    table: &'static str,
    query: &str,
) -> Result<String> {
    Ok(order_by(table, match_count(conn, table, query).await?))
}

/// The matches of `query` in `table` as [`order_for`] counts them: up to
/// one more than [`RANK_CUTOFF`], or an estimate above it.
async fn match_count(conn: &mut SqliteConnection, table: &'static str, query: &str) -> Result<i64> {
    Ok(match prefix_rows(conn, table, query).await? {
        // Only a large estimate is trusted: the tokenizer stems the prefix
        // itself ("hovs" is searched as "hov"), so its completions are a
        // part of what the query matches, never more (a row holding two
        // counts twice). A small estimate is counted, as before.
        Some(rows) if rows > i64::from(RANK_CUTOFF) => rows,
        _ => {
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT {})",
                RANK_CUTOFF + 1
            );
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(query)
                .fetch_one(&mut *conn)
                .await?
        }
    })
}

/// The ORDER BY of [`order_for`] for that many matches.
fn order_by(table: &str, matches: i64) -> String {
    if matches > i64::from(RANK_CUTOFF) {
        format!("{table}.rowid DESC")
    } else {
        format!("{table}.rank")
    }
}

/// For a query that is one word typed halfway (`"hovs"*`, or the shorter
/// prefixes of its stem `("governm"* OR "govern"* OR "gover"*)`): how many
/// rows of `table` hold a completion of its shortest prefix as typed,
/// summed over the completions (a row holding two counts twice), read from
/// the index's vocabulary in a few milliseconds. None for any other query,
/// or a table without a
/// vocabulary, or a prefix the index may spell differently (letters other
/// than ASCII, which the tokenizer folds).
async fn prefix_rows(conn: &mut SqliteConnection, table: &str, query: &str) -> Result<Option<i64>> {
    let vocabulary = match table {
        "article_fts" => "article_fts_vocab",
        "claim_fts" => "claim_fts_vocab",
        "appearance_fts" => "appearance_fts_vocab",
        _ => return Ok(None),
    };
    let Some(prefix) = single_prefix(query) else {
        return Ok(None);
    };
    let sql =
        format!("SELECT coalesce(sum(doc), 0) FROM {vocabulary} WHERE term >= ? AND term < ?");
    let rows = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .bind(&prefix)
        .bind(format!("{prefix}\u{10FFFF}"))
        .fetch_one(conn)
        .await?;
    Ok(Some(rows))
}

/// The shortest prefix of a query made of one prefix term or an `OR` of
/// them, lowercased; None for anything else.
fn single_prefix(query: &str) -> Option<String> {
    let inner = query
        .strip_prefix('(')
        .and_then(|q| q.strip_suffix(')'))
        .unwrap_or(query);
    let mut shortest: Option<&str> = None;
    for alternative in inner.split(" OR ") {
        let word = alternative.strip_prefix('"')?.strip_suffix("\"*")?;
        if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        if shortest.is_none_or(|s| word.len() < s.len()) {
            shortest = Some(word);
        }
    }
    shortest.map(str::to_ascii_lowercase)
}

/// Ranked queries order by the FTS5 `rank` column (with `rank MATCH` for
/// column weights): FTS5 then hands rows over best first, so the joins,
/// filters and snippets run for the rows shown, not for every match of a
/// common word (`ORDER BY bm25(...)` sorted all of them first).
fn snippet_sql(table: &str, column: i32, tokens: u32) -> String {
    format!(
        "snippet({table}, {column}, char({}), char({}), '…', {tokens})",
        HIT_START as u32, HIT_END as u32
    )
}

async fn articles(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<ArticleHit>> {
    let mut binds = Binds::default();
    let mut conditions = Vec::new();
    if let Some(outlet) = &filters.outlet {
        let n = binds.push(outlet);
        conditions.push(format!(
            "ar.outlet_id IN (SELECT id FROM outlets WHERE name = {n} COLLATE NOCASE)"
        ));
    }
    conditions.extend(filters.range_sql("r.published_ts", "r.published_at"));
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
                "SELECT ar.id, r.title, o.name AS outlet, r.published_at,
                        {} AS snippet, -article_fts.rank AS score
                 FROM article_fts
                 JOIN article_fts_keys k ON k.key = article_fts.rowid
                 JOIN revisions r ON r.id = k.revision_id
                 JOIN articles ar ON ar.id = r.article_id
                 LEFT JOIN outlets o ON o.id = ar.outlet_id
                 WHERE article_fts MATCH {n} AND article_fts.rank MATCH 'bm25(4.0, 1.0)' AND {}
                 ORDER BY {order} LIMIT {limit}",
                snippet_sql("article_fts", 1, 24),
                where_all(&conditions)
            );
            binds.fetch(conn, sql).await?
        }
        None => {
            let sql = format!(
                "SELECT ar.id, r.title, o.name AS outlet, r.published_at,
                        substr(r.body, 1, 200) AS snippet, 0.0 AS score
                 FROM articles ar
                 JOIN revisions r ON r.id = ar.current_revision_id
                 LEFT JOIN outlets o ON o.id = ar.outlet_id
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

async fn claims(
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
async fn claim_rows(
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

async fn appearances(
    conn: &mut SqliteConnection,
    text: Option<&str>,
    filters: &Filters,
    limit: u32,
) -> Result<Vec<AppearanceHit>> {
    let mut binds = Binds::default();
    let mut conditions = filters.claim_sql("a.claim_id", &mut binds);
    conditions.extend(filters.appearance_sql(&mut binds));
    let columns = "a.id, a.claim_id, c.statement, r.article_id, cur.title AS article_title,
                   o.name AS outlet, sp.name AS speaker, a.stated_at, r.published_at";
    let joins = "JOIN claims c ON c.id = a.claim_id
                 JOIN revisions r ON r.id = a.revision_id
                 JOIN articles ar ON ar.id = r.article_id
                 JOIN revisions cur ON cur.id = ar.current_revision_id
                 LEFT JOIN outlets o ON o.id = ar.outlet_id
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

async fn persons(
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

    #[test]
    fn typed_words_become_quoted_terms_with_a_prefix_on_the_last() {
        assert_eq!(
            fts_query("grain deal").as_deref(),
            Some(r#""grain" AND "deal"*"#)
        );
        assert_eq!(
            fts_query("grain deal ").as_deref(),
            Some(r#""grain" AND "deal""#)
        );
        assert_eq!(fts_query("  ").as_deref(), None);
        assert_eq!(fts_query("-- * ()").as_deref(), None);
    }

    #[test]
    fn phrases_and_fts_syntax_are_taken_literally() {
        assert_eq!(
            fts_query(r#""territorial concessions" NEAR(x) OR"#).as_deref(),
            Some(r#""territorial concessions" AND "NEAR(x)" AND "OR""#)
        );
        // An unclosed phrase runs to the end; no prefix on a phrase.
        assert_eq!(
            fts_query(r#"said "no talks"#).as_deref(),
            Some(r#""said" AND "no talks""#)
        );
        // Short last words and punctuated ones are not prefixes.
        assert_eq!(fts_query("in U.S.").as_deref(), Some(r#""in" AND "U.S.""#));
        assert_eq!(fts_query("go").as_deref(), Some(r#""go""#));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        /// Whatever is typed, the query is valid FTS5 (a syntax error would
        /// reach the person as a workspace error).
        #[test]
        fn any_typed_text_is_a_valid_fts5_query(
            text in "(\\PC|[\"*():^{}+\\- \u{0}-\u{1f}]){0,40}"
        ) {
            let Some(query) = fts_query(&text) else { return Ok(()) };
            let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
            let result: std::result::Result<i64, sqlx::Error> = runtime.block_on(async {
                use sqlx::Connection;
                let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
                sqlx::query("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2')")
                    .execute(&mut conn)
                    .await?;
                sqlx::query("INSERT INTO t (x) VALUES ('the government resumed negotiations')")
                    .execute(&mut conn)
                    .await?;
                sqlx::query_scalar("SELECT count(*) FROM t WHERE t MATCH ?")
                    .bind(&query)
                    .fetch_one(&mut conn)
                    .await
            });
            proptest::prop_assert!(result.is_ok(), "{text:?} → {query}: {result:?}");
        }
    }

    /// An in-memory `article_fts` (with its vocabulary) holding `bodies`.
    async fn article_index(bodies: impl Iterator<Item = &'static str>) -> SqliteConnection {
        use sqlx::Connection;
        let mut conn = SqliteConnection::connect("sqlite::memory:")
            .await
            .expect("a database");
        for sql in [
            "CREATE VIRTUAL TABLE article_fts USING fts5(title, body)",
            "CREATE VIRTUAL TABLE article_fts_vocab USING fts5vocab(article_fts, 'row')",
        ] {
            sqlx::query(sql).execute(&mut conn).await.expect("a table");
        }
        for body in bodies {
            sqlx::query("INSERT INTO article_fts (title, body) VALUES ('t', ?)")
                .bind(body)
                .execute(&mut conn)
                .await
                .expect("a row");
        }
        conn
    }

    #[tokio::test]
    async fn a_word_in_more_rows_than_the_cutoff_is_listed_newest_first() {
        let bodies = (0..=RANK_CUTOFF).map(|i| if i % 2 == 0 { "said rare" } else { "said" });
        let mut conn = article_index(bodies).await;
        assert_eq!(
            order_for(&mut conn, "article_fts", "\"said\"")
                .await
                .expect("ordered"),
            "article_fts.rowid DESC"
        );
        assert_eq!(
            order_for(&mut conn, "article_fts", "\"rare\"")
                .await
                .expect("ordered"),
            "article_fts.rank"
        );
    }

    #[tokio::test]
    async fn a_word_typed_halfway_is_judged_by_the_vocabulary_not_by_counting() {
        // 1,500 rows, each with two completions of "hovs": 1,500 matches,
        // but 3,000 in the vocabulary's sum, over the cutoff. A count would
        // rank them; the vocabulary lists them newest first without
        // expanding the prefix.
        let bodies = (0..1_500).map(|i| {
            if i % 100 == 0 {
                "hovsa hovsb rarely"
            } else {
                "hovsa hovsb"
            }
        });
        let mut conn = article_index(bodies).await;
        assert_eq!(
            order_for(&mut conn, "article_fts", "\"hovs\"*")
                .await
                .expect("ordered"),
            "article_fts.rowid DESC"
        );
        assert_eq!(
            order_for(
                &mut conn,
                "article_fts",
                "(\"hovsab\"* OR \"hovsa\"* OR \"hovs\"*)"
            )
            .await
            .expect("ordered"),
            "article_fts.rowid DESC",
            "the shortest prefix of the alternatives counts"
        );
        assert_eq!(
            order_for(&mut conn, "article_fts", "\"rarel\"*")
                .await
                .expect("ordered"),
            "article_fts.rank",
            "15 rows: ranked"
        );
        assert_eq!(
            order_for(&mut conn, "article_fts", "\"hovsa\" AND \"rarel\"*")
                .await
                .expect("ordered"),
            "article_fts.rank",
            "more than one word is counted, as before"
        );
    }

    #[test]
    fn only_a_lone_prefix_or_its_alternatives_have_a_single_prefix() {
        assert_eq!(single_prefix("\"Hovs\"*").as_deref(), Some("hovs"));
        assert_eq!(
            single_prefix("(\"governm\"* OR \"govern\"* OR \"gover\"*)").as_deref(),
            Some("gover")
        );
        assert_eq!(single_prefix("\"hovs\""), None, "not a prefix");
        assert_eq!(single_prefix("\"kyiv\" AND \"hovs\"*"), None, "two words");
        assert_eq!(single_prefix("\"café\"*"), None, "the index folds accents");
    }

    #[test]
    fn snippets_split_at_the_hit_markers_and_fold_whitespace() {
        let parts = snippet_parts("…the \u{FDD0}grain\u{FDD1} deal\n\nwas \u{FDD0}off\u{FDD1}");
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "…the ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "grain".into(),
                    hit: true
                },
                SnippetPart {
                    text: " deal was ".into(),
                    hit: false
                },
                SnippetPart {
                    text: "off".into(),
                    hit: true
                },
            ]
        );
    }
}
