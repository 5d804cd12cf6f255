//! The search box: FTS5 over articles (current revisions), claims,
//! appearances and persons, with snippets and filters.
//!
//! The text a person types becomes an FTS5 query of quoted terms (so no
//! input is FTS5 syntax): words and `"phrases"` must all match, a trailing
//! word of three letters or more also matches as a prefix (search as you
//! type). Indexes are stemmed, so "claims" finds "claimed".
//!
//! Four FTS5 indexes: `article_fts` (title and body of each article's
//! current revision), `claim_fts` (statement, condition, note),
//! `appearance_fts` (the quoted words) and `person_fts` (names and
//! aliases). The first three are external-content tables read back
//! through views for snippets, so article text is not stored twice; each
//! indexed row has a key in a `*_fts_keys` table with an `INTEGER PRIMARY
//! KEY`, because VACUUM may renumber the implicit rowids of UUID-keyed
//! tables. Triggers keep every index in step inside the transaction that
//! changed the row, so no write path can forget one (the migration that
//! made them says more). Snippets are split into plain and hit parts
//! before they leave the core: no markup reaches the UI.
//!
//! Filters are SQL conditions beside the `MATCH`. Matches are ordered by
//! FTS5's rank when few enough to score, else newest first (`rank.rs`),
//! so joins, filters and snippets run only for the rows shown. The four
//! sections run side by side, each on a pool connection of its own; a
//! section never waits for a second connection while holding one, so
//! searches fired faster than they answer queue for the pool but cannot
//! deadlock it, and no transaction spans the sections. Exports reuse the
//! same filters: [`claim_ids`] and [`AppearanceWindow`].
//!
//! The typed words and dates are read in `query.rs`, the filters turned
//! into SQL in `filters.rs`, the order of the matches chosen in `rank.rs`,
//! snippets made in `snippets.rs`, and each section of the results
//! searched in `sections.rs`; here the sections run side by side.

mod filters;
mod query;
mod rank;
mod sections;
mod snippets;

use sqlx::Row;

use crate::model::{SearchQuery, SearchResults};
use crate::store::{Result, Store};

use filters::Filters;

pub use filters::AppearanceWindow;
pub use query::{chosen_query, fts_queries, fts_query, Bound};
pub(crate) use rank::order_for;
pub use rank::RANK_CUTOFF;
pub use snippets::snippet_parts;

/// Hits per section when the query does not say.
const DEFAULT_LIMIT: u32 = 20;
const MAX_LIMIT: u32 = 500;

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
        async { sections::articles(&mut *pool.acquire().await?, text, &filters, limit).await },
        async { sections::claims(&mut *pool.acquire().await?, text, &filters, limit).await },
        async { sections::appearances(&mut *pool.acquire().await?, text, &filters, limit).await },
        async {
            match text {
                Some(text) if !filters.any_besides_claimant() => {
                    sections::persons(&mut *pool.acquire().await?, text, &filters, limit).await
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
    let rows = sections::claim_rows(&mut conn, text.as_deref(), &filters, u32::MAX, false).await?;
    Ok(Some(rows.iter().map(|r| r.get("id")).collect()))
}
