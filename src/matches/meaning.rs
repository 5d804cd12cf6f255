//! Same meaning: the statements whose vectors lie near a quote's
//! ([`crate::meaning`]), where another outlet paraphrased or translated
//! it. Only statements already embedded are found; without the model
//! nothing is (matching by words goes on).

use std::collections::HashMap;

use sqlx::SqliteConnection;

use crate::meaning::{self, Near};
use crate::model::MatchKind;
use crate::semantic;
use crate::store::{query_in, Result};

use super::fold::words;
use super::stop;

/// The cosine from which a statement is offered as the same meaning,
/// chosen on the labelled real coverage of bench/matching (BENCHMARKS.md):
/// the precision of what is offered above it is measured there.
pub const THRESHOLD: f32 = 0.80;

/// Statements offered per quote, at most.
const PER_QUOTE: usize = 10;

/// For each quote, the statements near it, with the FTS key of the
/// article revision each is in.
pub(super) async fn near(
    conn: &mut SqliteConnection,
    quotes: &[&str],
) -> Result<Vec<Vec<(i64, Near)>>> {
    let Ok(model) = semantic::shared() else {
        return Ok(vec![Vec::new(); quotes.len()]);
    };
    let vectors: Vec<Vec<f32>> = quotes.iter().map(|q| model.embed(q)).collect();
    let near = meaning::nearest(conn, &vectors, PER_QUOTE, THRESHOLD).await?;
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
                .collect()
        })
        .collect())
}

/// A statement in another language than the quote's is a translation.
pub(super) fn kind(quote: &str, statement: &str) -> MatchKind {
    if stop::language(&words(quote)) == stop::language(&words(statement)) {
        MatchKind::Paraphrase
    } else {
        MatchKind::Translation
    }
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
    fn another_language_is_a_translation() {
        assert_eq!(
            kind(
                "It is already a compromise",
                "Це вже компроміс з нашого боку"
            ),
            MatchKind::Translation
        );
        assert_eq!(
            kind(
                "It is already a compromise",
                "He called it a concession already made"
            ),
            MatchKind::Paraphrase
        );
    }
}
