//! Articles and their revisions: deciding whether a parsed input is new, a
//! duplicate or a new revision, storing it, and reading the library back.
//!
//! Identity, most certain first: the same identity URL ([`identity_url`]:
//! the canonical link, else the address the page came from, normalised)
//! with the same title and text is a duplicate, and with either changed a
//! new revision, whose article's appearances are re-anchored in the same
//! write. Otherwise the same normalised text anywhere is a duplicate, and
//! that article adopts the URL when it had none. Anything else is a new
//! article.
//!
//! A new article is one audit event (`article` `create`, naming its first
//! revision's id, number, title and text hash), since that revision cannot
//! change or be undone apart from its article; its revision row goes in
//! before the article row, foreign keys checked at the commit, so the
//! article is written once, already naming its current revision. A later
//! revision is a `revision` `create` and an `article` `revise` event.
//! Older workspaces also hold the former pair (`article` `create` without
//! a title, then `revision` `create`), and the readers take both.
//!
//! The library is read a page at a time ([`page`]) in the order of
//! `articles.listed_ts` (published, else imported), which triggers keep
//! up to date, so a page deep in a large library is an index walk rather
//! than a sort.

use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::Row;

use crate::change::{Entity, Verb};
use crate::model::{
    ArticleDetail, ArticlePage, ArticleQuery, ArticleSort, ArticleSummary, ImportStatus,
    OutletCount, ReanchorCounts, RelayCandidate, RevisionDiff, RevisionInfo,
};
use crate::store::{new_id, Result, Store, StoreError, Write};
use claimtrail_text::parse::ParsedArticle;

/// Where a parsed article came from, for the revision's provenance.
#[derive(Debug, Clone)]
pub struct Source {
    /// `text`, `html` or `markdown`.
    pub format: &'static str,
    /// File path, URL, or `pasted`.
    pub origin: String,
    pub encoding: &'static str,
}

/// What storing one parsed article did.
#[derive(Debug, Clone)]
pub struct Stored {
    pub status: ImportStatus,
    pub article: ArticleSummary,
    /// For a revision of an article with claims: where they landed.
    pub reanchored: Option<ReanchorCounts>,
}

/// Stores `parsed` in one transaction and says what it was.
///
/// Identity: at the same canonical URL, the same title and text is a
/// duplicate and anything changed (a silent headline edit too) a new
/// revision; elsewhere the same text, whitespace and case folded, is a
/// duplicate; anything else is a new article.
pub async fn store_parsed(
    store: &Store,
    parsed: &ParsedArticle,
    source: &Source,
) -> Result<Stored> {
    let mut w = store.write().await?;
    let stored = store_parsed_in(&mut w, parsed, source).await?;
    w.commit().await?;
    Ok(stored)
}

/// [`store_parsed`] inside a write the caller commits (a bulk import
/// stores many articles per transaction).
pub async fn store_parsed_in(
    w: &mut Write,
    parsed: &ParsedArticle,
    source: &Source,
) -> Result<Stored> {
    let body = parsed.paragraphs.join("\n\n");
    let hash = text_hash(&body);
    let title = parsed.title.clone().unwrap_or_else(|| untitled(&body));
    let key = identity_url(parsed);
    let text = RevisionText {
        title: &title,
        body: &body,
        hash: &hash,
    };

    let same_url = match &key {
        Some(k) => find_by_canonical_url(w.conn(), k).await?,
        None => None,
    };
    let mut reanchored = None;
    let outcome = if let Some(current) = same_url {
        if current.text_hash == hash && current.title == title {
            (ImportStatus::Duplicate, current.article_id)
        } else {
            insert_next_revision(w, &current.article_id, parsed, &text, source).await?;
            let counts = crate::claims::reanchor_in(w, &current.article_id).await?;
            reanchored = (counts != ReanchorCounts::default()).then_some(counts);
            (ImportStatus::Revised, current.article_id)
        }
    } else if let Some(article_id) = find_by_text_hash(w.conn(), &hash).await? {
        if let Some(url) = &key {
            adopt_url(w, &article_id, url).await?;
        }
        (ImportStatus::Duplicate, article_id)
    } else {
        let article = insert_new_article(w, parsed, &text, key.as_deref(), source).await?;
        return Ok(Stored {
            status: ImportStatus::Imported,
            article,
            reanchored: None,
        });
    };
    let summary = summary_in(w.conn(), &outcome.1, None).await?;
    Ok(Stored {
        status: outcome.0,
        article: summary,
        reanchored,
    })
}

/// Folds whitespace and case so re-pasted copies of one text match.
fn text_hash(body: &str) -> String {
    let folded: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let digest = Sha256::digest(folded.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Query parameters that name the link someone followed, not the page.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref", "ref_src",
];

/// The URL that identifies the page: its canonical link, else the address
/// it came from. Only absolute http(s) URLs with a path count: a relative
/// or site-root canonical (`/`) in a saved file would make every story of a
/// site one article. The host is lowercased and the fragment, a trailing
/// slash and tracking parameters (`utm_*`, `fbclid`, …) are dropped.
pub fn identity_url(parsed: &ParsedArticle) -> Option<String> {
    [parsed.canonical_url.as_deref(), parsed.url.as_deref()]
        .into_iter()
        .flatten()
        .find_map(normalise_url)
}

pub(crate) fn normalise_url(raw: &str) -> Option<String> {
    let mut url = url::Url::parse(raw.trim()).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() || url.path() == "/" {
        return None;
    }
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && !TRACKING_PARAMS.contains(&k.as_ref()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        url.set_query(None);
    } else {
        url.query_pairs_mut().clear().extend_pairs(kept);
    }
    let text = url.to_string();
    Some(text.strip_suffix('/').unwrap_or(&text).to_owned())
}

/// Gives an article found by its text the URL it did not have yet, so the
/// next import from that URL finds it and becomes a revision.
async fn adopt_url(w: &mut Write, article_id: &str, url: &str) -> Result<()> {
    let taken: Option<String> =
        sqlx::query_scalar("SELECT id FROM articles WHERE canonical_url = ?")
            .bind(url)
            .fetch_optional(w.conn())
            .await?;
    if taken.is_some() {
        return Ok(());
    }
    let changed =
        sqlx::query("UPDATE articles SET canonical_url = ? WHERE id = ? AND canonical_url IS NULL")
            .bind(url)
            .bind(article_id)
            .execute(w.conn())
            .await?
            .rows_affected();
    if changed == 1 {
        let after = json!({ "canonical_url": url });
        w.audit(
            Entity::Article,
            article_id,
            Verb::AdoptUrl,
            Some(&json!({ "canonical_url": null })),
            Some(&after),
        )
        .await?;
    }
    Ok(())
}

struct CurrentRevision {
    article_id: String,
    title: String,
    text_hash: String,
}

async fn find_by_canonical_url(
    conn: &mut SqliteConnection,
    url: &str,
) -> Result<Option<CurrentRevision>> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT a.id, r.title, r.text_hash FROM articles a JOIN revisions r ON r.id = a.current_revision_id
         WHERE a.canonical_url = ?",
    )
    .bind(url)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(article_id, title, text_hash)| CurrentRevision {
        article_id,
        title,
        text_hash,
    }))
}

async fn find_by_text_hash(conn: &mut SqliteConnection, hash: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT article_id FROM revisions WHERE text_hash = ? LIMIT 1")
            .bind(hash)
            .fetch_optional(conn)
            .await?,
    )
}

/// A new article and its first revision, as one write of both rows.
///
/// The revision goes in first, with foreign keys checked at the commit,
/// so the article row is written once, already naming its current
/// revision and its place in the library (`listed_ts`), and its insert
/// trigger indexes the text for search, with no follow-up updates of the
/// row and no summary read back: the summary returned is built from what
/// was stored.
async fn insert_new_article(
    w: &mut Write,
    parsed: &ParsedArticle,
    text: &RevisionText<'_>,
    canonical_url: Option<&str>,
    source: &Source,
) -> Result<ArticleSummary> {
    let (outlet, outlet_name) = match &parsed.outlet {
        Some(name) => {
            let (id, name) = crate::outlets::outlet(w, name).await?;
            (Some(id), Some(name))
        }
        None => (None, None),
    };
    let id = new_id();
    let at = w.at().to_owned();
    let imported_ts = chrono::DateTime::parse_from_rfc3339(&at)
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    let listed_ts = parsed.published_at.map_or(imported_ts, |t| t.sort_key());
    w.defer_foreign_keys().await?;
    let revision = insert_revision_row(w, &id, 1, parsed, text, source).await?;
    sqlx::query(
        "INSERT INTO articles (id, outlet_id, canonical_url, current_revision_id, imported_at,
            imported_ts, listed_ts)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(&outlet)
    .bind(canonical_url)
    .bind(&revision.id)
    .bind(&at)
    .bind(imported_ts)
    .bind(listed_ts)
    .execute(w.conn())
    .await?;
    // One event records both rows: an import is the article's creation,
    // and its first revision cannot change or be undone apart from it.
    let mut after = revision_event(&revision, parsed, text, source);
    after["outlet_id"] = json!(outlet);
    after["canonical_url"] = json!(canonical_url);
    after["revision_id"] = json!(revision.id);
    w.audit(Entity::Article, &id, Verb::Create, None, Some(&after))
        .await?;
    Ok(ArticleSummary {
        id,
        title: text.title.to_owned(),
        outlet: outlet_name,
        byline: parsed.byline.clone(),
        url: parsed.url.clone(),
        published_at: parsed.published_at.map(|t| t.to_string()),
        updated_at: parsed.updated_at.map(|t| t.to_string()),
        dateline: parsed.dateline.clone(),
        word_count: revision.word_count as u32,
        revision: 1,
        imported_at: at,
        canonical_url: canonical_url.map(str::to_owned),
        wire_credit: parsed.wire_credit.clone(),
        language: parsed.language.clone(),
        corrected: Vec::new(),
        reappearing_claims: 0,
    })
}

/// A revision's title and body as stored, and the body's folded hash.
#[derive(Clone, Copy)]
struct RevisionText<'a> {
    title: &'a str,
    body: &'a str,
    hash: &'a str,
}

/// A revision row just inserted.
struct NewRevision {
    id: String,
    number: i64,
    word_count: i64,
}

/// Inserts revision `number` of `article_id` and its relay candidates.
async fn insert_revision_row(
    w: &mut Write,
    article_id: &str,
    number: i64,
    parsed: &ParsedArticle,
    text: &RevisionText<'_>,
    source: &Source,
) -> Result<NewRevision> {
    let id = new_id();
    let at = w.at().to_owned();
    let word_count = text.body.split_whitespace().count() as i64;
    let boilerplate = serde_json::to_string(&parsed.boilerplate)?;
    // Which time this text comes back (a page changed back): how the
    // merge tells one desk's second X from a twin's first (`merge/twins.rs`).
    // A new article's first revision has none before it.
    let occurrence: i64 = if number == 1 {
        0
    } else {
        sqlx::query_scalar(
            "SELECT count(*) FROM revisions
             WHERE article_id = ? AND text_hash = ? AND title = ? AND body = ?",
        )
        .bind(article_id)
        .bind(text.hash)
        .bind(text.title)
        .bind(text.body)
        .fetch_one(w.conn())
        .await?
    };
    sqlx::query(
        "INSERT INTO revisions (id, article_id, number, title, byline, wire_credit, url,
            published_at, published_ts, updated_at, dateline, language, body, boilerplate,
            text_hash, word_count, source_format, source, encoding, imported_at, declared_url,
            occurrence)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&id)
    .bind(article_id)
    .bind(number)
    .bind(text.title)
    .bind(&parsed.byline)
    .bind(&parsed.wire_credit)
    .bind(&parsed.url)
    .bind(parsed.published_at.map(|t| t.to_string()))
    .bind(parsed.published_at.map(|t| t.sort_key()))
    .bind(parsed.updated_at.map(|t| t.to_string()))
    .bind(&parsed.dateline)
    .bind(&parsed.language)
    .bind(text.body)
    .bind(&boilerplate)
    .bind(text.hash)
    .bind(word_count)
    .bind(source.format)
    .bind(&source.origin)
    .bind(source.encoding)
    .bind(&at)
    .bind(&parsed.declared_url)
    .bind(occurrence)
    .execute(w.conn())
    .await?;
    for (position, relay) in parsed.relays.iter().enumerate() {
        sqlx::query(
            "INSERT INTO relay_candidates (revision_id, position, outlet, cue) VALUES (?, ?, ?, ?)",
        )
        .bind(&id)
        .bind(position as i64)
        .bind(&relay.outlet)
        .bind(&relay.cue)
        .execute(w.conn())
        .await?;
    }
    Ok(NewRevision {
        id,
        number,
        word_count,
    })
}

/// What the audit log records of a new revision. The body itself is not
/// copied into the log: the revision row is immutable, so its id and hash
/// identify the text exactly.
fn revision_event(
    revision: &NewRevision,
    parsed: &ParsedArticle,
    text: &RevisionText<'_>,
    source: &Source,
) -> serde_json::Value {
    json!({
        "number": revision.number, "title": text.title,
        "text_hash": text.hash, "word_count": revision.word_count, "source": source.origin,
        "relays": parsed.relays,
    })
}

/// A new revision of an existing article, made its current one.
async fn insert_next_revision(
    w: &mut Write,
    article_id: &str,
    parsed: &ParsedArticle,
    text: &RevisionText<'_>,
    source: &Source,
) -> Result<()> {
    let (previous, number): (String, i64) = sqlx::query_as(
        "SELECT id, number FROM revisions WHERE article_id = ? ORDER BY number DESC LIMIT 1",
    )
    .bind(article_id)
    .fetch_one(w.conn())
    .await?;
    let revision = insert_revision_row(w, article_id, number + 1, parsed, text, source).await?;
    sqlx::query("UPDATE articles SET current_revision_id = ? WHERE id = ?")
        .bind(&revision.id)
        .bind(article_id)
        .execute(w.conn())
        .await?;
    let mut after = revision_event(&revision, parsed, text, source);
    after["article_id"] = json!(article_id);
    w.audit(
        Entity::Revision,
        &revision.id,
        Verb::Create,
        None,
        Some(&after),
    )
    .await?;
    w.audit(
        Entity::Article,
        article_id,
        Verb::Revise,
        Some(&json!({ "current_revision_id": previous })),
        Some(&json!({ "current_revision_id": revision.id })),
    )
    .await
}

/// A title for text that has none: its first words.
fn untitled(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(12).collect();
    let mut title = words.join(" ");
    if body.split_whitespace().count() > 12 {
        title.push('…');
    }
    title
}

/// The summary query, with `r` the revision that `revision_join` picks.
/// `number` is always the current revision's number (`c`).
/// A journalist's corrections (`fix`, see `corrections.rs`) are laid over
/// the revision's metadata.
fn summary_select(revision_join: &str) -> String {
    format!(
        "SELECT a.id, {title} AS title, o.name AS outlet, {byline} AS byline, r.url,
            {published} AS published_at, r.updated_at, {dateline} AS dateline, r.word_count,
            c.number, a.imported_at, a.canonical_url, r.wire_credit, r.language,
            iif(fix.title IS NULL, '', 'title,') || iif(fix.byline IS NULL, '', 'byline,')
                || iif(fix.published_at IS NULL, '', 'published_at,')
                || iif(fix.dateline IS NULL, '', 'dateline,')
                || iif(fix.outlet_id IS NULL, '', 'outlet') AS corrected,
            (SELECT COUNT(DISTINCT re.claim_id) FROM {REAPPEARANCES_WAITING}
             AND re.article_id = a.id) AS reappearing_claims
        FROM articles a
        JOIN revisions c ON c.id = a.current_revision_id
        JOIN revisions r ON {revision_join}
        LEFT JOIN article_corrections fix ON fix.article_id = a.id
        LEFT JOIN outlets o ON o.id = {outlet_id}",
        title = corrected("title"),
        byline = corrected("byline"),
        published = corrected("published_at"),
        dateline = corrected("dateline"),
        outlet_id = OUTLET_ID,
    )
}

/// A revision `r`'s `column` with the correction `fix` laid over it; ''
/// (corrected to "none") reads as NULL.
fn corrected(column: &str) -> String {
    format!("NULLIF(COALESCE(fix.{column}, r.{column}), '')")
}

/// The outlet of article `a` with the correction `fix` laid over it.
const OUTLET_ID: &str = "COALESCE(fix.outlet_id, a.outlet_id)";

/// The join that brings article `a`'s correction in as `fix`.
const CORRECTION_JOIN: &str = "LEFT JOIN article_corrections fix ON fix.article_id = a.id";

const CURRENT_REVISION: &str = "r.id = a.current_revision_id";

fn summary_from_row(row: &SqliteRow) -> Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        outlet: row.try_get("outlet")?,
        byline: row.try_get("byline")?,
        url: row.try_get("url")?,
        published_at: row.try_get("published_at")?,
        updated_at: row.try_get("updated_at")?,
        dateline: row.try_get("dateline")?,
        word_count: row.try_get::<i64, _>("word_count")? as u32,
        revision: row.try_get::<i64, _>("number")? as u32,
        imported_at: row.try_get("imported_at")?,
        canonical_url: row.try_get("canonical_url")?,
        wire_credit: row.try_get("wire_credit")?,
        language: row.try_get("language")?,
        corrected: row
            .try_get::<Option<String>, _>("corrected")?
            .unwrap_or_default()
            .split(',')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        reappearing_claims: row.try_get::<i64, _>("reappearing_claims")? as u32,
    })
}

/// Candidate reappearances of tracked claims (`re`, see
/// `reappearances.rs`) still waiting: on their article's current revision,
/// on no place marked since (for any claim), not dismissed by a colleague.
/// Continue with `AND …`.
pub(crate) const REAPPEARANCES_WAITING: &str = "reappearances re
    JOIN articles ra ON ra.id = re.article_id AND ra.current_revision_id = re.revision_id
    WHERE NOT EXISTS (SELECT 1 FROM appearances ap WHERE ap.revision_id = re.revision_id
                      AND ap.start < re.end AND re.start < ap.end)
      AND NOT EXISTS (SELECT 1 FROM dismissed_reappearances d WHERE d.article_id = re.article_id
                      AND d.claim_id = re.claim_id AND d.exact = re.exact)";

/// The summary of article `id`, with the metadata of `revision` (the
/// current one if None).
pub(crate) async fn summary_in(
    conn: &mut SqliteConnection,
    id: &str,
    revision: Option<u32>,
) -> Result<ArticleSummary> {
    let row = match revision {
        None => {
            let sql = format!("{} WHERE a.id = ?1", summary_select(CURRENT_REVISION));
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .fetch_optional(conn)
                .await?
        }
        Some(n) => {
            let join = "r.article_id = a.id AND r.number = ?2";
            let sql = format!("{} WHERE a.id = ?1", summary_select(join));
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(id)
                .bind(n as i64)
                .fetch_optional(conn)
                .await?
        }
    };
    let row = row.ok_or_else(|| match revision {
        None => StoreError::NotFound(format!("article {id}")),
        Some(n) => StoreError::NotFound(format!("revision {n} of article {id}")),
    })?;
    summary_from_row(&row)
}

/// The library list, filtered and sorted (newest first).
pub async fn list(store: &Store, query: &ArticleQuery) -> Result<Vec<ArticleSummary>> {
    Ok(page(store, query, 0, None).await?.items)
}

/// The conditions of the library's filters on `a`, `r` (its current
/// revision) and `o` (its outlet): ?1 the outlet, ?2 the text.
const LIST_FILTER: &str = "(?1 IS NULL OR o.name = ?1)
    AND (?2 IS NULL OR instr(lower(COALESCE(fix.title, r.title) || ' ' || COALESCE(o.name, '') || ' ' ||
         COALESCE(fix.byline, r.byline, '') || ' ' || COALESCE(fix.dateline, r.dateline, '')), lower(?2)) > 0)";

/// One page of the library: `limit` articles (all when None) from
/// `offset` in the list's order, and how many the filters let through.
/// Newest first by `listed_ts` (published, else imported) or by import
/// time, each an index walk, so a page deep in 100,000 articles costs
/// about what the first does.
pub async fn page(
    store: &Store,
    query: &ArticleQuery,
    offset: u32,
    limit: Option<u32>,
) -> Result<ArticlePage> {
    let order = match query.sort {
        ArticleSort::Published => "a.listed_ts DESC, a.id DESC",
        ArticleSort::Imported => "a.imported_ts DESC, a.id DESC",
    };
    let sql = format!(
        "{} WHERE {LIST_FILTER} ORDER BY {order} LIMIT ?3 OFFSET ?4",
        summary_select(CURRENT_REVISION)
    );
    let text = query
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let mut conn = store.pool().acquire().await?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(query.outlet.as_deref())
        .bind(text)
        .bind(limit.map_or(-1, i64::from))
        .bind(i64::from(offset))
        .fetch_all(&mut *conn)
        .await?;
    let items = rows
        .iter()
        .map(summary_from_row)
        .collect::<Result<Vec<_>>>()?;
    let total = if query.outlet.is_none() && text.is_none() {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM articles WHERE current_revision_id IS NOT NULL",
        )
        .fetch_one(&mut *conn)
        .await?
    } else {
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT count(*) FROM articles a JOIN revisions r ON r.id = a.current_revision_id
             {CORRECTION_JOIN} LEFT JOIN outlets o ON o.id = {OUTLET_ID} WHERE {LIST_FILTER}"
        )))
        .bind(query.outlet.as_deref())
        .bind(text)
        .fetch_one(&mut *conn)
        .await?
    };
    Ok(ArticlePage {
        total: total as u32,
        offset,
        items,
    })
}

/// Outlets with at least one article, by name.
pub async fn outlets(store: &Store) -> Result<Vec<OutletCount>> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        // count(*), not count(a.id): the outlet index alone answers it,
        // where counting ids read every article row (0.8 s → 21 ms at
        // 100,000 articles; the app asks at start).
        // Articles whose outlet was corrected move from the outlet they
        // were imported with to the one a journalist gave.
        "SELECT name, sum(n) FROM (
            SELECT o.id, o.name, count(*) AS n FROM outlets o JOIN articles a ON a.outlet_id = o.id
            GROUP BY o.id
            UNION ALL
            SELECT o.id, o.name, -count(*) FROM article_corrections f
            JOIN articles a ON a.id = f.article_id JOIN outlets o ON o.id = a.outlet_id
            WHERE f.outlet_id IS NOT NULL GROUP BY o.id
            UNION ALL
            SELECT o.id, o.name, count(*) FROM article_corrections f
            JOIN outlets o ON o.id = f.outlet_id GROUP BY o.id)
         GROUP BY id HAVING sum(n) > 0 ORDER BY name COLLATE NOCASE",
    )
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(name, n)| OutletCount {
            name,
            articles: n as u32,
        })
        .collect())
}

pub async fn count(store: &Store) -> Result<u32> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM articles")
        .fetch_one(store.pool())
        .await?;
    Ok(n as u32)
}

/// One article with the text of `revision` (the current one if None).
pub async fn show(store: &Store, id: &str, revision: Option<u32>) -> Result<ArticleDetail> {
    let mut conn = store.pool().acquire().await?;
    let summary = summary_in(&mut conn, id, revision).await?;
    let number = revision.unwrap_or(summary.revision);
    let row = sqlx::query(
        "SELECT id, body, boilerplate, source_format, source, encoding FROM revisions
         WHERE article_id = ? AND number = ?",
    )
    .bind(id)
    .bind(number as i64)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("revision {number} of article {id}")))?;
    let revision_id: String = row.try_get("id")?;
    let boilerplate: String = row.try_get("boilerplate")?;
    let relays: Vec<(String, String)> = sqlx::query_as(
        "SELECT outlet, cue FROM relay_candidates WHERE revision_id = ? ORDER BY position",
    )
    .bind(&revision_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(ArticleDetail {
        shown_revision: number,
        body: row.try_get("body")?,
        boilerplate: serde_json::from_str(&boilerplate)?,
        relays: relays
            .into_iter()
            .map(|(outlet, cue)| RelayCandidate { outlet, cue })
            .collect(),
        revisions: revisions(&mut conn, id).await?,
        source_format: row.try_get("source_format")?,
        source: row.try_get("source")?,
        encoding: row.try_get("encoding")?,
        summary,
    })
}

async fn revisions(conn: &mut SqliteConnection, article_id: &str) -> Result<Vec<RevisionInfo>> {
    let rows = sqlx::query(
        "SELECT r.id, r.number, COALESCE(fix.title, r.title) AS title, r.imported_at,
                NULLIF(COALESCE(fix.published_at, r.published_at), '') AS published_at,
                r.updated_at, r.word_count
         FROM revisions r LEFT JOIN article_corrections fix ON fix.article_id = r.article_id
         WHERE r.article_id = ? ORDER BY r.number",
    )
    .bind(article_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(RevisionInfo {
                id: r.try_get("id")?,
                number: r.try_get::<i64, _>("number")? as u32,
                title: r.try_get("title")?,
                imported_at: r.try_get("imported_at")?,
                published_at: r.try_get("published_at")?,
                updated_at: r.try_get("updated_at")?,
                word_count: r.try_get::<i64, _>("word_count")? as u32,
            })
        })
        .collect()
}

/// Word-level changes between two revisions of one article.
pub async fn diff(store: &Store, id: &str, from: u32, to: u32) -> Result<RevisionDiff> {
    let text = |n: u32| async move {
        sqlx::query_as::<_, (String, String)>(
            "SELECT title, body FROM revisions WHERE article_id = ? AND number = ?",
        )
        .bind(id)
        .bind(n as i64)
        .fetch_optional(store.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("revision {n} of article {id}")))
    };
    let (old_title, old_body) = text(from).await?;
    let (new_title, new_body) = text(to).await?;
    Ok(RevisionDiff {
        from,
        to,
        title_changed: old_title != new_title,
        // Diffing is CPU work that can take a while on long texts: keep it
        // off the async workers.
        segments: tokio::task::spawn_blocking(move || crate::diff::words(&old_body, &new_body))
            .await
            .expect("the diff task does not panic"),
    })
}
