//! Sync points between two revisions of a text: stretches of the old text
//! found once, unchanged, in the new one, in the same order. They map an
//! old place to the part of the new text it became, so that an edited
//! quote is looked for there instead of in the whole article.
//!
//! This is a coarse diff, cheap enough to run on every new revision: the
//! old text is sampled every [`STEP`] chars, each sample of [`SAMPLE`]
//! chars is looked up in the new text's gram index, samples found exactly
//! once are kept, and of those the longest chain in increasing order in
//! both texts (a paragraph moved elsewhere breaks the order and drops out)
//! becomes the map. All offsets are in normalised chars.

use super::PreparedText;

/// Chars between two samples of the old text.
const STEP: usize = 48;
/// Chars per sample: long enough to be unique in an article.
const SAMPLE: usize = 32;
/// Most chars of text around a span, beyond the span itself, between the
/// sync points that bracket it. Further apart, too much changed around it
/// to say the span's place is still there.
const MAX_SLACK: usize = 1024;

/// An old place and where its text is in the new revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    old: usize,
    new: usize,
}

/// The sync points of two revisions, in increasing order in both.
#[derive(Debug, Clone, Default)]
pub(crate) struct SyncMap {
    points: Vec<Point>,
}

impl SyncMap {
    pub(crate) fn new(old: &PreparedText, new: &PreparedText) -> Self {
        let text = old.normalised();
        let found: Vec<Point> = (0..text.len().saturating_sub(SAMPLE - 1))
            .step_by(STEP)
            .filter_map(|at| {
                let places = new.occurrences_of(&text[at..at + SAMPLE]);
                match places.as_slice() {
                    [only] => Some(Point {
                        old: at,
                        new: *only,
                    }),
                    _ => None,
                }
            })
            .collect();
        SyncMap {
            points: longest_increasing(&found),
        }
    }

    /// The part of the new text that the old normalised span
    /// `[start, end)` became: from the last sync point at or before it to
    /// the end of the first one reaching its end. `None` when no pair of
    /// sync points brackets the span closely, as when its paragraph was
    /// rewritten, deleted or moved.
    pub(crate) fn bracket(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let before = self
            .points
            .partition_point(|p| p.old <= start)
            .checked_sub(1)?;
        let after = before + self.points[before..].partition_point(|p| p.old + SAMPLE < end);
        let (before, after) = (self.points[before], *self.points.get(after)?);
        let span = end.saturating_sub(start);
        let old_len = after.old + SAMPLE - before.old;
        let new_len = after.new + SAMPLE - before.new;
        (old_len <= span + MAX_SLACK && new_len <= span + MAX_SLACK)
            .then_some(before.new..after.new + SAMPLE)
    }
}

/// The longest chain of points increasing in both texts (`points` is in
/// increasing old order): patience sorting, O(n log n).
fn longest_increasing(points: &[Point]) -> Vec<Point> {
    // tails[k]: index of the point ending the best chain of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; points.len()];
    for (i, point) in points.iter().enumerate() {
        let k = tails.partition_point(|&t| points[t].new < point.new);
        previous[i] = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        chain.push(points[i]);
        at = previous[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("Paragraph {i} reports what official number {i} said about the talks in Berlin on day {i}."))
            .collect()
    }

    #[test]
    fn an_edit_is_bracketed_by_the_unchanged_text_around_it() {
        let old = paragraphs(30).join("\n");
        let new = old.replace(
            "official number 12 said",
            "official number 12 reportedly said",
        );
        let (old_p, new_p) = (PreparedText::new(&old), PreparedText::new(&new));
        let map = SyncMap::new(&old_p, &new_p);
        let start = old.find("official number 12").unwrap();
        let end = start + "official number 12 said".len();
        let window = map
            .bracket(start, end)
            .expect("the text around the edit is unchanged");
        let edited = new.find("official number 12 reportedly said").unwrap();
        assert!(
            window.start <= edited && edited + 34 <= window.end,
            "the window holds the edited span: {window:?}, span at {edited}"
        );
        assert!(window.len() < 300, "and little else around it: {window:?}");
    }

    #[test]
    fn a_moved_paragraph_is_not_bracketed() {
        let mut list = paragraphs(30);
        let moved = list.remove(3);
        list.push(moved.clone());
        let old = paragraphs(30).join("\n");
        let new = list.join("\n");
        let map = SyncMap::new(&PreparedText::new(&old), &PreparedText::new(&new));
        let start = old.find(&moved).unwrap();
        let now = new.find(&moved).unwrap();
        let window = map.bracket(start + 10, start + 40);
        assert!(
            window.clone().is_none_or(|w| w.end <= now),
            "the old place of a moved paragraph does not reach its new place: {window:?}"
        );
    }

    #[test]
    fn the_chain_is_increasing_in_both_texts() {
        let points = [(0, 5), (1, 1), (2, 2), (3, 9), (4, 3)].map(|(old, new)| Point { old, new });
        assert_eq!(
            longest_increasing(&points),
            [(1, 1), (2, 2), (4, 3)].map(|(old, new)| Point { old, new }),
            "out-of-order points (moved text) drop out"
        );
    }
}
