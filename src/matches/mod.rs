//! "Find everywhere": where else the words of a claim appear, and which
//! other claims may say the same thing. Nothing here writes: a person
//! turns a hit into an appearance ([`accept`]) or links a related claim.
//!
//! Hits are found in two steps. FTS5 picks candidate articles: for each
//! distinct wording of the claim's quotes, SQLite's own tokenizer says
//! which indexed term each word is, and of the longest few words the (at
//! most four) rarest that occur in more than one article pick the
//! candidates: the newest articles holding all of them, plus the best
//! ranked holding all but one (a copy with a changed word). Then each
//! candidate's text is compared word by word with the quote, Myers'
//! approximate matching running over words instead of chars (each distinct
//! word folded to one symbol), so a hit may differ by a few words: a
//! quarter of the quote's words at most, and none for a quote of fewer
//! than three telling words, which would match too much text. Words are
//! folded before they are compared: case, diacritics, quote marks, dashes
//! and spacing (they are not words), "U.S."/"US", transliterated name
//! endings ("Zelenskyy"/"Zelensky") and British/American spelling
//! ("defence"/"defense", "organise"/"organize").
//!
//! Every place within the budget is considered, fewest errors first, so a
//! near copy beside a marked verbatim one is still found; places already
//! marked for any claim, or proposed for one waiting for review, are left
//! out. What each hit's article says about it (speaker, time, chain) is
//! read with the text code's hints, each article read once and only the
//! persons it may name folded.
//!
//! Words are folded in `fold.rs`, counted across the articles in `rare.rs`,
//! looked for in `hits.rs`, and related claims found in `related.rs`; here
//! the scope is read and a hit accepted.

mod fold;
mod hits;
mod meaning;
mod rare;
mod related;
mod stop;

use sqlx::{Row, SqliteConnection};

use crate::claims;
use crate::model::{AppearanceDetails, AppearanceFields, ClaimInfo, MatchHit, MatchScope, Matches};
use crate::store::{Result, Store, StoreError};

pub use fold::{fold_word, words, Word};
pub use meaning::THRESHOLD as MEANING_THRESHOLD;

/// Hits and related claims for a claim, one appearance's words, or every
/// claim of a storyline.
pub async fn find(store: &Store, scope: &MatchScope) -> Result<Matches> {
    let mut conn = store.pool().acquire().await?;
    let (claim_ids, sources) = sources(&mut conn, scope).await?;
    let hits = hits::hits(&mut conn, &sources, None, hits::Look::Everything).await?;
    let related = related::related(&mut conn, &claim_ids).await?;
    drop(conn);
    let meaning = crate::meaning::status(store).await?;
    Ok(Matches {
        hits,
        related,
        meaning,
    })
}

/// Where the words of every claim of the workspace appear in these
/// articles (FTS keys of their current revisions): what an import brings
/// back of the tracked claims.
pub(crate) async fn hits_within(
    conn: &mut SqliteConnection,
    keys: &std::collections::HashSet<i64>,
) -> Result<Vec<MatchHit>> {
    every_claim_within(conn, keys, hits::Look::Words).await
}

/// Where the workspace's claims are said in other words or another
/// language in these articles (FTS keys of their current revisions): what
/// their statements, just embedded, bring back of the tracked claims.
pub(crate) async fn meaning_within(
    conn: &mut SqliteConnection,
    keys: &std::collections::HashSet<i64>,
) -> Result<Vec<MatchHit>> {
    every_claim_within(conn, keys, hits::Look::Meaning).await
}

async fn every_claim_within(
    conn: &mut SqliteConnection,
    keys: &std::collections::HashSet<i64>,
    look: hits::Look,
) -> Result<Vec<MatchHit>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "SELECT a.id, a.claim_id, a.exact, a.speaker_id FROM appearances a ORDER BY a.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let sources: Vec<Source> = rows.iter().map(source_of).collect();
    hits::hits(conn, &sources, Some(keys), look).await
}

/// Makes a hit an appearance of its claim, with the speaker, time and
/// attribution chain its own article gives it.
pub async fn accept(store: &Store, hit: &MatchHit) -> Result<ClaimInfo> {
    claims::add_appearance(store, &hit.claim_id, &fields_of(hit)).await
}

/// The appearance a hit becomes.
pub fn fields_of(hit: &MatchHit) -> AppearanceFields {
    AppearanceFields {
        article_id: hit.article_id.clone(),
        revision: Some(hit.revision),
        start: hit.start,
        end: hit.end,
        details: AppearanceDetails {
            kind: hit.hints.kind,
            speaker: hit.hints.speaker.clone(),
            stated_at: hit.hints.stated_at.clone(),
            venue: hit.hints.venue.clone(),
            attribution: hit.hints.attribution.clone(),
        },
    }
}

/// One appearance whose words are looked for.
struct Source {
    appearance_id: String,
    claim_id: String,
    exact: String,
    /// Who said it, when a person of the workspace.
    speaker_id: Option<String>,
}

/// The claims in scope and the appearances whose words to look for.
async fn sources(
    conn: &mut SqliteConnection,
    scope: &MatchScope,
) -> Result<(Vec<String>, Vec<Source>)> {
    let (condition, key) = match scope {
        MatchScope::Claim(id) => {
            claims::claim_exists(conn, id).await?;
            ("a.claim_id = ?1", id)
        }
        MatchScope::Appearance(id) => ("a.id = ?1", id),
        MatchScope::Storyline(id) => {
            let id = crate::storylines::resolve(conn, id).await?;
            let rows = sqlx::query(
                "SELECT a.id, a.claim_id, a.exact, a.speaker_id FROM storyline_claims s
                 JOIN appearances a ON a.claim_id = s.claim_id
                 WHERE s.storyline_id = ? ORDER BY s.position, a.id",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            let claim_ids = sqlx::query_scalar(
                "SELECT claim_id FROM storyline_claims WHERE storyline_id = ? ORDER BY position",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            return Ok((claim_ids, rows.iter().map(source_of).collect()));
        }
    };
    let sql = format!(
        "SELECT a.id, a.claim_id, a.exact, a.speaker_id FROM appearances a WHERE {condition} ORDER BY a.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_all(&mut *conn)
        .await?;
    let sources: Vec<Source> = rows.iter().map(source_of).collect();
    let claim_ids = match scope {
        MatchScope::Appearance(id) => vec![sources
            .first()
            .ok_or_else(|| StoreError::NotFound(format!("appearance {id}")))?
            .claim_id
            .clone()],
        _ => vec![key.clone()],
    };
    Ok((claim_ids, sources))
}

fn source_of(row: &sqlx::sqlite::SqliteRow) -> Source {
    Source {
        appearance_id: row.get("id"),
        claim_id: row.get("claim_id"),
        exact: row.get("exact"),
        speaker_id: row.get("speaker_id"),
    }
}
