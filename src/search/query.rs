//! What a person typed, read: the words and phrases as an FTS5 query (with
//! the prefixes a word typed halfway may stand for), and the dates and
//! times of the range filters as bounds.

use sqlx::SqliteConnection;

use crate::claims;
use crate::store::{Result, StoreError};

/// The FTS5 query for what a person typed, or None when it has no words.
pub fn fts_query(text: &str) -> Option<String> {
    fts_queries(text).map(|(_, expanded)| expanded)
}

/// The FTS5 query for what a person typed with the last word as a plain
/// prefix, and with the shorter prefixes its stem may be as well (the same
/// when the last word is not a prefix).
pub fn fts_queries(text: &str) -> Option<(String, String)> {
    // Control characters (a NUL from a paste) separate words like spaces;
    // a soft hyphen or a zero-width space copied from a web page with the
    // word is no part of it (imports leave them out of the stored text; an
    // article imported before they did keeps them, and is found by the word
    // typed without them only when re-imported).
    let text: String = text
        .chars()
        .filter(|c| !claimtrail_text::parse::text::INVISIBLE.contains(c))
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
    pub(super) fn sql(self, ts: &str, text: &str, end: bool) -> Vec<String> {
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
pub(super) fn bound(text: Option<&str>) -> Result<Option<Bound>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_pasted_with_its_soft_hyphens_is_the_word() {
        assert_eq!(
            fts_query("Mat\u{ad}thi\u{ad}as Lau\u{200b}erer ").as_deref(),
            Some(r#""Matthias" AND "Lauerer""#)
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
}
