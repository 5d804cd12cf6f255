//! schema.org ClaimReview (JSON-LD), one per claim with an approved
//! verdict: a verdict a second person has not checked is not published.

use serde_json::{json, Value};

use super::{ExportAppearance, ExportClaim, ExportDocument};
use crate::model::Rating;

/// Longest `claimReviewed`, in chars (schema.org advises about 75).
const SHORT: usize = 75;

pub fn reviews(document: &ExportDocument) -> Value {
    let reviews: Vec<Value> = document
        .claims
        .iter()
        .filter_map(|claim| review(document, claim))
        .collect();
    Value::Array(reviews)
}

fn review(document: &ExportDocument, claim: &ExportClaim) -> Option<Value> {
    // Only a verdict standing approved: a reopened claim's old approval is
    // withdrawn until a second person approves again.
    if claim.review_state != crate::model::ReviewState::Approved {
        return None;
    }
    let verdict = claim.verdict.as_ref()?;
    let approved_at = verdict.approved_at.as_ref()?;
    let org = &document.organisation;
    let url = match &org.url {
        Some(site) => format!("{}#claim-{}", site.trim_end_matches('#'), claim.id),
        None => format!("urn:uuid:{}", claim.id),
    };
    let mut rating = json!({
        "@type": "Rating",
        "alternateName": verdict.rating_label,
        "name": verdict.rating_label,
    });
    if let Some(value) = rating_value(verdict.rating) {
        rating["ratingValue"] = json!(value);
        rating["bestRating"] = json!(5);
        rating["worstRating"] = json!(1);
    }
    let mut item = json!({ "@type": "Claim" });
    if let Some(claimant) = &claim.claimant {
        item["author"] = json!({ "@type": "Person", "name": claimant });
    }
    let first_stated = claim.appearances.iter().filter_map(|a| a.time()).next();
    if let Some(first) = first_stated {
        item["datePublished"] = json!(first);
    }
    let appearances: Vec<Value> = claim.appearances.iter().map(creative_work).collect();
    if let Some(first) = appearances.first() {
        item["firstAppearance"] = first.clone();
    }
    if !appearances.is_empty() {
        item["appearance"] = Value::Array(appearances);
    }
    let mut author = json!({ "@type": "Organization" });
    if let Some(name) = &org.name {
        author["name"] = json!(name);
    }
    if let Some(site) = &org.url {
        author["url"] = json!(site);
    }
    Some(json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": short(&claim.statement),
        "datePublished": approved_at,
        "author": author,
        "reviewRating": rating,
        "itemReviewed": item,
    }))
}

fn creative_work(a: &ExportAppearance) -> Value {
    let mut work = json!({ "@type": "CreativeWork", "headline": a.article_title });
    if let Some(url) = a.url.as_deref().and_then(super::web_address) {
        work["url"] = json!(url.as_str());
    }
    if let Some(published) = &a.published_at {
        work["datePublished"] = json!(published);
    }
    if let Some(outlet) = &a.outlet {
        work["publisher"] = json!({ "@type": "Organization", "name": outlet });
    }
    work
}

/// 5 (True) to 1 (False) on the ordered part of the scale; Misleading,
/// Unsubstantiated and Not checkable are off it (PRODUCT.md).
pub fn rating_value(rating: Rating) -> Option<u8> {
    match rating {
        Rating::True => Some(5),
        Rating::MostlyTrue => Some(4),
        Rating::Mixed => Some(3),
        Rating::MostlyFalse => Some(2),
        Rating::False => Some(1),
        Rating::Misleading | Rating::Unsubstantiated | Rating::NotCheckable => None,
    }
}

/// The statement cut at a word to at most 75 chars, with an ellipsis.
fn short(statement: &str) -> String {
    let text = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SHORT {
        return text;
    }
    let mut cut = String::new();
    for word in text.split(' ') {
        if cut.chars().count() + word.chars().count() + 2 > SHORT {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = text.chars().take(SHORT - 1).collect();
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_claim_reviewed_stays_short_and_whole_words() {
        let long = "Ukraine could accept legally binding security guarantees from the United States, European countries and other allies instead of NATO membership";
        let s = short(long);
        assert!(s.chars().count() <= SHORT, "{s}");
        assert!(s.ends_with('…'));
        assert!(long.starts_with(s.trim_end_matches('…')));
        assert_eq!(short("Short claim."), "Short claim.");
    }
}
