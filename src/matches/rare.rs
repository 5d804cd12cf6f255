//! Which words of a text tell it apart: its longer words (little ones left
//! out), each with how many articles the FTS5 index says hold it, rarest
//! first. Hits pick their candidate articles with them, and related claims
//! their search terms.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use sqlx::SqliteConnection;

use crate::store::Result;

/// Words of a text whose articles are counted, the longest first.
const COUNTED_WORDS: usize = 8;

/// English words too common to tell one quote from another.
pub(super) const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "his", "how", "its", "may", "new", "now", "who", "did",
    "get", "him", "she", "too", "use", "that", "with", "they", "this", "will", "from", "been",
    "were", "what", "when", "which", "their", "there", "would", "could", "should", "about", "said",
    "says", "told", "also", "into", "more", "than", "them", "then", "these", "those", "some",
    "such", "only", "over", "very", "just", "like", "because", "after", "before", "while", "where",
    "other", "being", "does", "each", "most", "much", "must", "well", "here", "your", "ours",
    "yours", "theirs", "upon", "under", "again", "against", "between", "through",
];

/// A token as SQLite's unicode61 tokenizer sees it by default.
static FTS_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}\p{Co}]+").expect("valid regex"));

/// For each text, its words with how many articles hold each (at least
/// `min_docs`), rarest first, as typed (FTS5 stems them itself).
pub(super) async fn rare_words(
    conn: &mut SqliteConnection,
    texts: &[&str],
    min_docs: i64,
) -> Result<Vec<Vec<(i64, String)>>> {
    // SQLite's own tokenizer says which indexed term each word is: the
    // texts go through a temporary FTS5 table of this connection.
    sqlx::query(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.match_probe USING fts5(
             text, tokenize = 'porter unicode61 remove_diacritics 2')",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.match_probe_terms
         USING fts5vocab(temp, match_probe, instance)",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM temp.match_probe")
        .execute(&mut *conn)
        .await?;
    for (i, text) in texts.iter().enumerate() {
        sqlx::query("INSERT INTO temp.match_probe (rowid, text) VALUES (?, ?)")
            .bind(i as i64)
            .bind(*text)
            .execute(&mut *conn)
            .await?;
    }
    let instances: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT doc, term, offset FROM temp.match_probe_terms")
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM temp.match_probe")
        .execute(&mut *conn)
        .await?;
    // Words as unicode61 cuts them (letters, digits, private use), so the
    // vocabulary's offsets point at the same words.
    let tokens: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| FTS_TOKEN.find_iter(t).map(|m| m.as_str()).collect())
        .collect();
    // The terms worth counting: counting reads a term's whole posting list,
    // which for a common word is most of the workspace, so little words
    // are left out and only the longest few words of each text (the rarer
    // ones, as a rule) are counted.
    let mut wanted: Vec<Vec<(String, String)>> = vec![Vec::new(); texts.len()];
    for (doc, term, offset) in instances {
        let Some(word) = tokens
            .get(doc as usize)
            .and_then(|w| w.get(offset as usize))
        else {
            continue;
        };
        let lower = word.to_lowercase();
        if lower.chars().count() < 4 || STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        let list = &mut wanted[doc as usize];
        if !list.iter().any(|(t, _)| *t == term) {
            list.push((term, (*word).to_owned()));
        }
    }
    let mut docs: HashMap<String, i64> = HashMap::new();
    let mut rare: Vec<Vec<(i64, String)>> = vec![Vec::new(); texts.len()];
    for (list, out) in wanted.iter_mut().zip(&mut rare) {
        list.sort_by_key(|(_, word)| std::cmp::Reverse(word.chars().count()));
        for (term, word) in list.iter().take(COUNTED_WORDS) {
            let count = match docs.get(term) {
                Some(&count) => count,
                None => {
                    let count: Option<i64> =
                        sqlx::query_scalar("SELECT doc FROM article_fts_vocab WHERE term = ?")
                            .bind(term)
                            .fetch_optional(&mut *conn)
                            .await?;
                    let count = count.unwrap_or(0);
                    docs.insert(term.clone(), count);
                    count
                }
            };
            if count >= min_docs {
                out.push((count, word.clone()));
            }
        }
        out.sort();
    }
    Ok(rare)
}
