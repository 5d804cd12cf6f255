//! Claims and their appearances: marking a span of an article as a claim,
//! editing it, and keeping every appearance on its text when the article
//! gets a new revision.
//!
//! Every change goes through [`Write`](crate::store::Write) and is audited
//! in its transaction. An appearance is never deleted by re-anchoring: when
//! its text changed beyond recognition it is flagged `needs_review` (with
//! the best candidate) or `orphaned`, and keeps the revision, offsets and
//! quote it had.
//!
//! An appearance stores both W3C selectors against the body of the
//! revision it sits on, plus its kind, speaker, stated time (with
//! `stated_ts` for ordering), venue and an ordered attribution chain
//! (`attribution_steps`, each a person or an outlet). Defaults are filled
//! here, once, for the CLI and the app alike: the speaker is the claimant,
//! the stated time the article's published time, the chain the speaker
//! then the publishing outlet. A chain always starts with a person: when
//! the text named only outlets, the speaker heads it. Offsets selected in
//! an older revision than the current one are refused
//! (`AppearanceFields.revision`), so an import landing while a person
//! selects cannot shift a span. Saving unchanged fields records no event.
//!
//! Re-anchoring runs inside the write that imports a new revision, so the
//! revision and the moved appearances commit, and are audited, together.
//! An appearance that cannot move stays on its old revision as
//! `needs_review` (with the candidate's revision and span) or `orphaned`
//! until a person places it ([`place`]); one still waiting with the same
//! candidate is not rewritten or audited again by later re-anchoring.
//!
//! The writes are in `writes.rs`, re-anchoring in `reanchor.rs`, the reads
//! in `queries.rs`; what they share (the audit snapshots, the existence
//! check, the longest text kept) is here.

mod queries;
mod reanchor;
mod writes;

use serde_json::{json, Value};
use sqlx::{Row, SqliteConnection};

use crate::change::Entity;
use crate::store::{rows, Result, StoreError};

pub(crate) use queries::appearances_where;
pub use queries::{article_appearances, briefs, get, list};
pub(crate) use reanchor::reanchor_in;
pub use reanchor::{find_quote_span, find_quote_spans, reanchor_article};
pub use writes::{
    add_appearance, create, delete, delete_appearance, place, stated_sort_key, update,
    update_appearance,
};
pub(crate) use writes::{add_appearance_in, non_empty};

/// A quote without the quote marks around it, so whoever shows it can put
/// its own: `"Thus, today…"` and `“Thus, today…”` read `Thus, today…`. A
/// balanced pair at both ends goes; a lone double mark at one end goes when
/// the quote holds no other (the quote ran on past what was marked). Single
/// marks go only as a pair, since `’` also ends "countries’".
pub fn bare_quote(quote: &str) -> &str {
    const PAIRS: [(char, char); 10] = [
        ('"', '"'),
        ('“', '”'),
        ('„', '“'),
        ('„', '”'),
        ('«', '»'),
        ('»', '«'),
        ('\'', '\''),
        ('‘', '’'),
        ('‚', '‘'),
        ('‹', '›'),
    ];
    const DOUBLE: [char; 6] = ['"', '“', '”', '„', '«', '»'];
    let t = quote.trim();
    let (Some(first), Some(last)) = (t.chars().next(), t.chars().last()) else {
        return t;
    };
    if t.chars().count() < 2 {
        return t;
    }
    if PAIRS.contains(&(first, last)) {
        return t[first.len_utf8()..t.len() - last.len_utf8()].trim();
    }
    let others = |inner: &str| inner.contains(DOUBLE);
    if DOUBLE.contains(&first) && !others(&t[first.len_utf8()..]) {
        return t[first.len_utf8()..].trim_start();
    }
    if DOUBLE.contains(&last) && !others(&t[..t.len() - last.len_utf8()]) {
        return t[..t.len() - last.len_utf8()].trim_end();
    }
    t
}

/// Longest statement, condition or note kept, in chars: a paragraph or two.
pub(crate) const MAX_TEXT: usize = 10_000;

pub(crate) async fn claim_exists(conn: &mut SqliteConnection, id: &str) -> Result<()> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id = ?")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    found
        .map(|_| ())
        .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))
}

/// A claim's stored fields, for the audit log.
pub(crate) async fn claim_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    let row =
        sqlx::query("SELECT statement, claimant_id, condition, note FROM claims WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("claim {id}")))?;
    let tags: Vec<String> =
        sqlx::query_scalar("SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    Ok(json!({
        "statement": row.try_get::<String, _>("statement")?,
        "claimant_id": row.try_get::<Option<String>, _>("claimant_id")?,
        "condition": row.try_get::<Option<String>, _>("condition")?,
        "note": row.try_get::<Option<String>, _>("note")?,
        "tags": tags,
    }))
}

/// An appearance's stored fields and chain, for the audit log.
pub(crate) async fn appearance_snapshot(conn: &mut SqliteConnection, id: &str) -> Result<Value> {
    rows::existing(conn, Entity::Appearance, id).await
}

#[cfg(test)]
mod tests {
    use super::bare_quote;

    #[test]
    fn a_quote_loses_its_own_marks_and_keeps_inner_ones_and_apostrophes() {
        assert_eq!(bare_quote("\"Thus, today…\""), "Thus, today…");
        assert_eq!(bare_quote(" “Thus, today…” "), "Thus, today…");
        assert_eq!(bare_quote("«Це вже компроміс»"), "Це вже компроміс");
        assert_eq!(
            bare_quote("„Das ist ein Kompromiss“"),
            "Das ist ein Kompromiss"
        );
        assert_eq!(
            bare_quote("\"It runs on past the mark"),
            "It runs on past the mark"
        );
        assert_eq!(bare_quote("it ended here.\""), "it ended here.");
        assert_eq!(
            bare_quote("He said \"no\""),
            "He said \"no\"",
            "inner quotes stay"
        );
        assert_eq!(
            bare_quote("the countries’"),
            "the countries’",
            "an apostrophe stays"
        );
        assert_eq!(bare_quote("\""), "\"");
        assert_eq!(bare_quote(""), "");
    }
}
