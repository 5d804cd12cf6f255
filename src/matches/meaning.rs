//! Same meaning: the statements whose vectors lie near a quote's
//! ([`crate::meaning`]), where another outlet paraphrased or translated
//! it. Only statements already embedded are found; without the model
//! nothing is (matching by words goes on).

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use sqlx::SqliteConnection;

use crate::meaning::{self, Near};
use crate::model::MatchKind;
use crate::semantic;
use crate::store::{query_in, Result};

use super::fold::words;
use super::stop;

/// The cosine from which a statement in the quote's language is offered
/// as the same meaning, chosen on the real coverage of bench/matching
/// (BENCHMARKS.md): above it, 21 of 27 offered were the same claim, read
/// by hand; at 0.89, 26 of 38. Statements of the same story sit at 0.85
/// to 0.90, which is why the line is this high.
pub const THRESHOLD: f32 = 0.90;

/// The same for a statement in another language: the model places
/// translations lower (0.84 to 0.88 where English paraphrases reach 0.9).
pub const TRANSLATION_THRESHOLD: f32 = 0.86;

/// Statements offered per quote, at most.
const PER_QUOTE: usize = 10;

/// For each quote, the statements near it, with the FTS key of the
/// article revision each is in (only those of `within` when given).
pub(super) async fn near(
    conn: &mut SqliteConnection,
    quotes: &[&str],
    within: Option<&HashSet<i64>>,
) -> Result<Vec<Vec<(i64, Near)>>> {
    let Ok(model) = semantic::shared() else {
        return Ok(vec![Vec::new(); quotes.len()]);
    };
    let mut vectors: Vec<Vec<f32>> = Vec::with_capacity(quotes.len());
    for quote in quotes {
        vectors.push(vector_of(conn, &model, quote).await?);
    }
    let floor = THRESHOLD.min(TRANSLATION_THRESHOLD);
    // A few new articles among many: look further down the list.
    let per_quote = if within.is_some() {
        PER_QUOTE * 10
    } else {
        PER_QUOTE
    };
    let near = meaning::nearest(conn, &vectors, per_quote, floor).await?;
    let mut revisions: Vec<String> = near
        .iter()
        .flatten()
        .map(|n| n.revision_id.clone())
        .collect();
    revisions.sort();
    revisions.dedup();
    let keys: HashMap<String, i64> = query_in::<(String, i64)>(
        conn,
        "SELECT revision_id, key FROM article_fts_keys WHERE revision_id IN",
        &revisions,
    )
    .await?
    .into_iter()
    .collect();
    Ok(near
        .into_iter()
        .map(|list| {
            list.into_iter()
                .filter_map(|n| Some((*keys.get(&n.revision_id)?, n)))
                .filter(|(key, _)| within.is_none_or(|w| w.contains(key)))
                .take(PER_QUOTE)
                .collect()
        })
        .collect())
}

/// Quotes' vectors made in this process: searching a claim again (the
/// window's Find everywhere, a storyline) does not run the model again.
static QUOTE_VECTORS: LazyLock<Mutex<HashMap<String, Vec<f32>>>> = LazyLock::new(Default::default);

/// Vectors kept at most; all are forgotten when there are more.
const KEPT_QUOTES: usize = 2_000;

/// A quote's vector: kept in this process, kept in the workspace by an
/// embedding run, or made now.
async fn vector_of(
    conn: &mut SqliteConnection,
    model: &semantic::Model,
    quote: &str,
) -> Result<Vec<f32>> {
    if let Some(v) = QUOTE_VECTORS.lock().expect("quote vectors").get(quote) {
        return Ok(v.clone());
    }
    let v = match meaning::quote_vector(conn, quote).await? {
        Some(v) if v.len() == model.dimensions() => v,
        _ => model.embed(quote),
    };
    let mut kept = QUOTE_VECTORS.lock().expect("quote vectors");
    if kept.len() >= KEPT_QUOTES {
        kept.clear();
    }
    kept.insert(quote.to_owned(), v.clone());
    Ok(v)
}

/// A statement in another language than the quote's is a translation;
/// None when it is not near enough for its kind. Another script (Cyrillic
/// against Latin) is another language; in one script, the little words
/// each holds say which (when both hold some).
pub(super) fn kind(quote: &str, statement: &str, similarity: f32) -> Option<MatchKind> {
    let other_language = script(quote) != script(statement) || {
        let (a, b) = (words(quote), words(statement));
        stop::holds_little_words(&a)
            && stop::holds_little_words(&b)
            && stop::language(&a) != stop::language(&b)
    };
    if other_language {
        (similarity >= TRANSLATION_THRESHOLD).then_some(MatchKind::Translation)
    } else {
        (similarity >= THRESHOLD).then_some(MatchKind::Paraphrase)
    }
}

/// The script most of a text's letters are written in: Latin, Cyrillic,
/// Greek, or another (by its Unicode block, coarsely).
fn script(text: &str) -> u32 {
    let mut counts: std::collections::HashMap<u32, usize> = HashMap::new();
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        let block = match c as u32 {
            0..=0x024F | 0x1E00..=0x1EFF => 0,
            0x0370..=0x03FF => 1,
            0x0400..=0x052F => 2,
            other => other >> 8,
        };
        *counts.entry(block).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(block, n)| (n, std::cmp::Reverse(block)))
        .map_or(0, |(block, _)| block)
}

/// Whether a statement can say what the quote says by its figures: a
/// claim's numbers are its point, so a statement with figures of its own
/// and none of the quote's ("46 close contacts" against "28 people") is
/// another claim about the same story. A statement without figures may
/// still say it in words ("dozens").
pub(super) fn same_figures(quote: &str, statement: &str) -> bool {
    let figures = |text: &str| -> Vec<String> {
        words(text)
            .into_iter()
            .map(|w| w.key)
            .filter(|k| k != "1" && !k.is_empty() && k.chars().all(|c| c.is_ascii_digit()))
            .collect()
    };
    let (said, stated) = (figures(quote), figures(statement));
    said.is_empty() || stated.is_empty() || said.iter().any(|f| stated.contains(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_figures_make_another_claim() {
        assert!(!same_figures(
            "28 people who came into contact with him were quarantined",
            "46 of their close contacts were put in quarantine"
        ));
        assert!(same_figures(
            "28 people who came into contact with him were quarantined",
            "Health bosses said that 28 people in close contact were quarantined"
        ));
        assert!(same_figures("within two days", "within 2 days, he said"));
        assert!(same_figures(
            "28 people were quarantined",
            "dozens were quarantined"
        ));
        assert!(same_figures("they were quarantined", "46 were quarantined"));
    }

    #[test]
    fn another_language_is_a_translation_and_each_kind_has_its_line() {
        let (quote, ukrainian, english) = (
            "It is already a compromise",
            "Це вже компроміс з нашого боку",
            "He called it a concession already made",
        );
        assert_eq!(kind(quote, ukrainian, 0.87), Some(MatchKind::Translation));
        assert_eq!(kind(quote, english, 0.91), Some(MatchKind::Paraphrase));
        assert_eq!(kind(quote, english, 0.87), None, "a paraphrase needs more");
        // A quote with none of the little words the lists know is still
        // told apart by its script.
        let bare = "Україна готова провести вибори, щойно буде встановлено режим припинення вогню";
        assert_eq!(kind(quote, bare, 0.89), Some(MatchKind::Translation));
        assert_eq!(
            kind(
                "Es ist schon ein Kompromiss von unserer Seite",
                "It is already a compromise on our part",
                0.88
            ),
            Some(MatchKind::Translation)
        );
    }
}
