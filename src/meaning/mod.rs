//! The statements' vectors, for matching by meaning: each statement of an
//! article's current revision (a sentence Suggestions would offer: quoted
//! or attributed speech, a number, a claim) gets the sentence-embedding
//! model's vector ([`crate::semantic`]), kept in `statement_vectors`.
//!
//! Embedding is slow next to importing (tens of statements a second on a
//! laptop's cores, against a thousand articles a second), so an import
//! never waits for it: the app embeds what is waiting in the background,
//! a few articles per write, saying how far it got, and `claimtrail embed`
//! does the same from the command line. Find everywhere searches what is
//! embedded and says how much is still waiting. The vectors are each
//! desk's own derived data: not audited, not in bundles or the team hub.
//!
//! `index.rs` keeps the vectors in memory and finds the nearest.

mod index;

use std::sync::Arc;
use std::time::Instant;

use sqlx::{Row, SqliteConnection};

use crate::model::{EmbedOutcome, MeaningStatus};
use crate::semantic::{self, Model};
use crate::store::{Result, Store, StoreError};
use crate::suggest::{self, ArticleContext};

pub use index::{nearest, Near};

/// A vector as the workspace stores it (for `bench meaning`'s made-up rows).
#[cfg(feature = "bench")]
pub fn pack_for_bench(vector: &[f32]) -> Vec<u8> {
    index::pack(vector)
}

/// The model the vectors are made with: vectors of another model are not
/// comparable and are made again.
pub const MODEL: &str = "multilingual-e5-small-q4";

/// The longest statement embedded, in chars: a quote running over a whole
/// paragraph is cut (the model reads 512 pieces at most, and time grows
/// with the square of the length).
const LONGEST: usize = 600;

/// Articles embedded per write, so a person's change never waits long for
/// the workspace.
const PER_WRITE: usize = 8;

pub async fn status(store: &Store) -> Result<MeaningStatus> {
    let (on, reason) = match semantic::shared() {
        Ok(_) => (true, None),
        Err(why) => (false, Some(why)),
    };
    // One pass over the articles (every find everywhere asks): counting
    // the stored vectors themselves read their whole index, 1.4 million
    // rows at 100,000 articles; each embedded revision records how many
    // statements it holds.
    let row = sqlx::query(
        "SELECT count(*) AS current, count(e.revision_id) AS embedded,
                coalesce(sum(e.statements), 0) AS statements
         FROM articles a
         LEFT JOIN embedded_revisions e ON e.revision_id = a.current_revision_id AND e.model = ?1
         WHERE a.current_revision_id IS NOT NULL",
    )
    .bind(MODEL)
    .fetch_one(store.pool())
    .await?;
    let (current, embedded): (i64, i64) = (row.try_get("current")?, row.try_get("embedded")?);
    Ok(MeaningStatus {
        on,
        reason,
        embedded,
        waiting: current - embedded,
        statements: row.try_get("statements")?,
    })
}

/// Articles whose current revision has no vectors of this model yet.
pub async fn waiting(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM articles a
         WHERE a.current_revision_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM embedded_revisions e
                           WHERE e.revision_id = a.current_revision_id AND e.model = ?)",
    )
    .bind(MODEL)
    .fetch_one(store.pool())
    .await?)
}

/// A revision waiting for its vectors.
#[derive(sqlx::FromRow)]
struct Waiting {
    article_id: String,
    revision_id: String,
    body: String,
    title: String,
}

/// Embeds the statements of the articles waiting, newest first, at most
/// `limit` articles (all without one), on `threads` cores, telling
/// `progress` (done, total) after each write. Old vectors of those articles go in the same write.
pub async fn embed_waiting(
    store: &Store,
    model: Arc<Model>,
    limit: Option<usize>,
    threads: usize,
    mut progress: impl FnMut(u64, u64),
) -> Result<EmbedOutcome> {
    let started = Instant::now();
    let total = waiting(store).await?;
    let total = limit.map_or(total, |l| total.min(l as i64)) as u64;
    let (mut articles, mut statements) = (0u64, 0u64);
    let mut article_ids = Vec::new();
    progress(0, total);
    while articles < total {
        let take = PER_WRITE.min((total - articles) as usize);
        let batch: Vec<Waiting> = sqlx::query_as(
            "SELECT a.id AS article_id, r.id AS revision_id, r.body, r.title FROM articles a
             JOIN revisions r ON r.id = a.current_revision_id
             WHERE NOT EXISTS (SELECT 1 FROM embedded_revisions e
                               WHERE e.revision_id = a.current_revision_id AND e.model = ?)
             ORDER BY a.imported_at DESC, a.id LIMIT ?",
        )
        .bind(MODEL)
        .bind(take as i64)
        .fetch_all(store.pool())
        .await?;
        if batch.is_empty() {
            break;
        }
        article_ids.extend(batch.iter().map(|w| w.article_id.clone()));
        let model = model.clone();
        let vectors = off_the_runtime(move || embed_batch(&model, batch, threads)).await?;
        let mut w = store.write().await?;
        for (revision_id, found) in &vectors {
            let removed = sqlx::query("DELETE FROM statement_vectors WHERE revision_id = ?")
                .bind(revision_id)
                .execute(w.conn())
                .await?
                .rows_affected();
            w.bookkeeping(removed);
            for (start, end, vector) in found {
                let done = sqlx::query(
                    "INSERT INTO statement_vectors (revision_id, start, end, vector) VALUES (?, ?, ?, ?)",
                )
                .bind(revision_id)
                .bind(*start as i64)
                .bind(*end as i64)
                .bind(index::pack(vector))
                .execute(w.conn())
                .await?
                .rows_affected();
                w.bookkeeping(done);
            }
            let noted = sqlx::query(
                "INSERT OR REPLACE INTO embedded_revisions (revision_id, model, statements) VALUES (?, ?, ?)",
            )
            .bind(revision_id)
            .bind(MODEL)
            .bind(found.len() as i64)
            .execute(w.conn())
            .await?
            .rows_affected();
            w.bookkeeping(noted);
            statements += found.len() as u64;
        }
        w.commit().await?;
        articles += vectors.len() as u64;
        progress(articles, total);
    }
    if articles > 0 {
        forget_stale(store).await?;
        // The tracked claims are looked for in what was read next: their
        // quotes' vectors are made once, here.
        embed_quotes(store, &model, threads).await?;
    }
    Ok(EmbedOutcome {
        articles,
        statements,
        seconds: started.elapsed().as_secs_f64(),
        waiting: waiting(store).await?,
        reappearing: 0,
        article_ids,
    })
}

/// Runs the model's work on a thread of its own, off the async runtime.
async fn off_the_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Invalid {
            field: None,
            message: format!("embedding stopped: {e}"),
        })
}

/// Quotes of the claims' appearances embedded at most per write.
const QUOTES_PER_WRITE: usize = 64;

/// Makes the vectors of the appearances' quotes that have none yet.
async fn embed_quotes(store: &Store, model: &Arc<Model>, threads: usize) -> Result<()> {
    loop {
        let missing: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT a.exact FROM appearances a
             WHERE NOT EXISTS (SELECT 1 FROM quote_vectors q WHERE q.text = a.exact AND q.model = ?)
             LIMIT ?",
        )
        .bind(MODEL)
        .bind(QUOTES_PER_WRITE as i64)
        .fetch_all(store.pool())
        .await?;
        if missing.is_empty() {
            return Ok(());
        }
        let model = model.clone();
        let vectors = off_the_runtime(move || {
            let vectors = embed_all(&model, &missing, threads);
            missing.into_iter().zip(vectors).collect::<Vec<_>>()
        })
        .await?;
        let mut w = store.write().await?;
        for (text, vector) in &vectors {
            let bytes: Vec<u8> = vector.iter().flat_map(|v| v.to_le_bytes()).collect();
            let done = sqlx::query(
                "INSERT OR REPLACE INTO quote_vectors (text, model, vector) VALUES (?, ?, ?)",
            )
            .bind(text)
            .bind(MODEL)
            .bind(bytes)
            .execute(w.conn())
            .await?
            .rows_affected();
            w.bookkeeping(done);
        }
        w.commit().await?;
    }
}

/// A tracked quote's vector, when an embedding run made it.
pub async fn quote_vector(conn: &mut SqliteConnection, text: &str) -> Result<Option<Vec<f32>>> {
    let bytes: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT vector FROM quote_vectors WHERE text = ? AND model = ?")
            .bind(text)
            .bind(MODEL)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(bytes.map(|b| {
        b.chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect()
    }))
}

/// Vectors of revisions no longer current (a new revision, a deleted or
/// joined article) are removed.
async fn forget_stale(store: &Store) -> Result<()> {
    let mut w = store.write().await?;
    for sql in [
        "DELETE FROM statement_vectors WHERE revision_id NOT IN
           (SELECT current_revision_id FROM articles WHERE current_revision_id IS NOT NULL)",
        "DELETE FROM embedded_revisions WHERE revision_id NOT IN
           (SELECT current_revision_id FROM articles WHERE current_revision_id IS NOT NULL)",
    ] {
        let removed = sqlx::query(sql).execute(w.conn()).await?.rows_affected();
        w.bookkeeping(removed);
    }
    w.commit().await
}

/// A statement's place (code points) and vector.
type Embedded = (usize, usize, Vec<f32>);

/// The statements of each revision and their vectors, the work shared
/// among the machine's cores.
fn embed_batch(model: &Model, batch: Vec<Waiting>, threads: usize) -> Vec<(String, Vec<Embedded>)> {
    let mut places: Vec<(usize, usize, usize)> = Vec::new();
    let mut texts: Vec<String> = Vec::new();
    for (i, waiting) in batch.iter().enumerate() {
        for (start, end, text) in statements(&waiting.body, &waiting.title) {
            places.push((i, start, end));
            texts.push(text);
        }
    }
    let vectors = embed_all(model, &texts, threads);
    let mut out: Vec<(String, Vec<Embedded>)> = batch
        .into_iter()
        .map(|w| (w.revision_id, Vec::new()))
        .collect();
    for ((i, start, end), vector) in places.into_iter().zip(vectors) {
        out[i].1.push((start, end, vector));
    }
    out
}

/// The vectors of `texts`, in order, the work shared among `threads`.
fn embed_all(model: &Model, texts: &[String], threads: usize) -> Vec<Vec<f32>> {
    let threads = threads.clamp(1, texts.len().max(1));
    let mut vectors: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (part, out) in texts.chunks(chunk).zip(vectors.chunks_mut(chunk)) {
            scope.spawn(move || {
                for (text, slot) in part.iter().zip(out.iter_mut()) {
                    *slot = model.embed(text);
                }
            });
        }
    });
    vectors
}

/// The statements of an article: what Suggestions offers (code point
/// offsets and text), each cut at [`LONGEST`] chars. The whole sentence is
/// compared, framing and all: on the real coverage of bench/matching,
/// comparing only the words inside the quote marks found fewer
/// paraphrases (14 of 41 against 17 of 41) and no more translations.
pub fn statements(body: &str, title: &str) -> Vec<(usize, usize, String)> {
    let ctx = ArticleContext {
        body,
        title,
        published_at: None,
        outlet: None,
        dateline: None,
    };
    suggest::suggest(&ctx, &[])
        .into_iter()
        .map(|s| {
            let text: String = s.exact.chars().take(LONGEST).collect();
            (s.start as usize, s.end as usize, text)
        })
        .collect()
}
