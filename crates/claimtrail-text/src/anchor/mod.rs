//! Anchors that survive article edits: W3C Web Annotation selectors for a
//! span of article text, and re-anchoring them in a new revision.
//!
//! An [`Anchor`] holds a `TextQuoteSelector` (the exact text with up to
//! [`CONTEXT_CHARS`] chars of prefix and suffix) and a
//! `TextPositionSelector`. Offsets count Unicode code points (Rust `char`s)
//! of the article body, as the W3C selectors define them; the UI converts
//! them to the DOM's UTF-16 offsets.
//!
//! [`reanchor`] places an anchor in a new revision the way Hypothesis does
//! (position, then exact quote, then approximate match) but reports a
//! confidence and never moves silently when unsure: see [`Placement`].
//! [`reanchor_all`] places all of a revision's anchors at once and uses
//! the old text to look for an edited quote where its old place went.

pub mod myers;
mod prepared;
mod reanchor;
mod sync;

use serde::{Deserialize, Serialize};

pub use prepared::PreparedText;
pub use reanchor::{reanchor, reanchor_all, reanchor_in, Placement, MOVE_THRESHOLD};

/// Chars of context kept on each side of the quote, as Hypothesis does.
pub const CONTEXT_CHARS: usize = 32;

/// Why an anchor could not be described. Messages are shown to journalists.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnchorError {
    #[error("The selection from character {start} to {end} is empty. Select at least one character of the article.")]
    EmptySpan { start: usize, end: usize },
    #[error("The selection from character {start} to {end} runs past the end of the article, which has {len} characters. Select text inside the article.")]
    OutOfRange {
        start: usize,
        end: usize,
        len: usize,
    },
}

pub type Result<T> = std::result::Result<T, AnchorError>;

/// The W3C `TextQuoteSelector`: the quoted text and what surrounds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuoteSelector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// The W3C `TextPositionSelector`: a half-open char range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPositionSelector {
    pub start: usize,
    pub end: usize,
}

/// Both selectors for one span: the position is tried first, the quote
/// finds the span again when the text around it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub quote: TextQuoteSelector,
    pub position: TextPositionSelector,
}

/// The anchor for the chars `[start, end)` of `text`.
pub fn describe(text: &str, start: usize, end: usize) -> Result<Anchor> {
    let chars: Vec<char> = text.chars().collect();
    if start >= end {
        return Err(AnchorError::EmptySpan { start, end });
    }
    if end > chars.len() {
        return Err(AnchorError::OutOfRange {
            start,
            end,
            len: chars.len(),
        });
    }
    let before = start.saturating_sub(CONTEXT_CHARS);
    let after = (end + CONTEXT_CHARS).min(chars.len());
    Ok(Anchor {
        quote: TextQuoteSelector {
            exact: chars[start..end].iter().collect(),
            prefix: chars[before..start].iter().collect(),
            suffix: chars[end..after].iter().collect(),
        },
        position: TextPositionSelector { start, end },
    })
}

/// The char offsets where `exact` occurs in `text`, character for
/// character (overlapping occurrences included). An empty result means
/// the quote is not in the text. For a forgiving search that ignores
/// quote styles, dashes, whitespace and case, use [`PreparedText::find`].
pub fn find_quote(text: &str, exact: &str) -> Vec<usize> {
    let text: Vec<char> = text.chars().collect();
    let exact: Vec<char> = exact.chars().collect();
    prepared::occurrences(&text, &exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn describe_keeps_32_chars_of_context() {
        let text = "a".repeat(40) + "QUOTE" + &"b".repeat(40);
        let anchor = describe(&text, 40, 45).expect("span is inside the text");
        assert_eq!(anchor.quote.exact, "QUOTE", "exact is the selected span");
        assert_eq!(
            anchor.quote.prefix,
            "a".repeat(32),
            "prefix stops at CONTEXT_CHARS"
        );
        assert_eq!(
            anchor.quote.suffix,
            "b".repeat(32),
            "suffix stops at CONTEXT_CHARS"
        );
        assert_eq!(anchor.position, TextPositionSelector { start: 40, end: 45 });
    }

    #[test]
    fn describe_counts_chars_not_bytes() {
        let text = "Zelenskyy: “It is a compromise.”";
        let anchor = describe(text, 11, 32).expect("span is inside the text");
        assert_eq!(
            anchor.quote.exact, "“It is a compromise.”",
            "curly quotes are one char each, as the W3C selector counts"
        );
        assert_eq!(anchor.quote.suffix, "", "nothing follows the last char");
        assert_eq!(anchor.quote.prefix, "Zelenskyy: ");
    }

    #[rstest]
    #[case::empty(3, 3, AnchorError::EmptySpan { start: 3, end: 3 })]
    #[case::reversed(4, 2, AnchorError::EmptySpan { start: 4, end: 2 })]
    #[case::past_the_end(2, 9, AnchorError::OutOfRange { start: 2, end: 9, len: 5 })]
    fn describe_refuses_bad_spans(
        #[case] start: usize,
        #[case] end: usize,
        #[case] expected: AnchorError,
    ) {
        assert_eq!(
            describe("Kyiv.", start, end),
            Err(expected),
            "an anchor must cover at least one char inside the text"
        );
    }

    #[test]
    fn find_quote_lists_every_occurrence() {
        assert_eq!(
            find_quote("Kyiv said no. Kyiv said yes.", "Kyiv said"),
            vec![0, 14],
            "both occurrences are reported so the caller can tell repeats"
        );
        assert!(
            find_quote("Kyiv said no.", "Moscow").is_empty(),
            "a quote that is not there gives nothing, which callers report as an error"
        );
    }

    #[test]
    fn anchor_round_trips_through_json() {
        let anchor = describe("He said: “yes”.", 9, 14).expect("span is inside the text");
        let json = serde_json::to_string(&anchor).expect("anchors serialise");
        let back: Anchor = serde_json::from_str(&json).expect("and deserialise");
        assert_eq!(back, anchor, "nothing is lost through JSON");
    }
}
