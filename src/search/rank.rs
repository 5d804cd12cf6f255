//! How the matches of a query are ordered: by relevance (FTS5's rank) when
//! they are few enough to score, newest first when a common word matches
//! most of the workspace, judged by counting or from the index's
//! vocabulary.

use sqlx::SqliteConnection;

use crate::store::Result;

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
pub(super) async fn match_count(
    conn: &mut SqliteConnection,
    table: &'static str,
    query: &str,
) -> Result<i64> {
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
pub(super) fn order_by(table: &str, matches: i64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
