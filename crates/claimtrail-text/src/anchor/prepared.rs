//! An article text made ready for anchoring: its chars, a normalised copy
//! for matching, and the map from the copy back to the original offsets.
//!
//! Normalisation only ever serves matching. Offsets that are stored or
//! returned always count chars of the original text.
//!
//! Normalising folds quote marks, dashes, runs of whitespace and case. A
//! text that will be searched also gets an index of its char n-grams, made
//! once: two flat arrays, the bucket bounds and the start positions under
//! a multiplicative hash, so the exact occurrences of each of an article's
//! quotes are a lookup, not a scan of the whole text per quote.

use super::TextPositionSelector;

/// Length of the char n-grams indexed for exact search. Quotes shorter than
/// this are found by a plain scan.
const GRAM: usize = 8;

/// Most grams of a needle looked up to find its rarest one.
const MAX_GRAM_LOOKUPS: usize = 12;

/// A text prepared once and reused for every anchor placed in it, so
/// re-anchoring many appearances does not redo this work per appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct PreparedText {
    chars: Vec<char>,
    normalised: Vec<char>,
    /// For each normalised char, the original chars it stands for: one
    /// char, or a whole run of whitespace folded into one space.
    origin: Vec<(usize, usize)>,
    /// Where each [`GRAM`]-char run of the normalised copy starts, so that
    /// finding a quote's exact occurrences costs a lookup, not a scan of the
    /// whole text for every one of an article's appearances.
    grams: GramIndex,
}

impl PreparedText {
    pub fn new(text: &str) -> Self {
        let mut prepared = Self::unindexed(text);
        prepared.grams = GramIndex::new(&prepared.normalised);
        prepared
    }

    /// The chars and the normalised copy without the gram index, for texts
    /// that are only read, never searched (a quote, its context, the old
    /// revision).
    pub(crate) fn unindexed(text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let mut normalised = Vec::with_capacity(chars.len());
        let mut origin: Vec<(usize, usize)> = Vec::with_capacity(chars.len());
        for (i, &c) in chars.iter().enumerate() {
            if c.is_whitespace() {
                match origin.last_mut() {
                    // A space in the copy only ever comes from whitespace,
                    // and each non-space char adds a char to the copy, so a
                    // trailing space there means the previous char was
                    // whitespace too: extend that run.
                    Some(run) if normalised.last() == Some(&' ') => run.1 = i + 1,
                    _ => {
                        normalised.push(' ');
                        origin.push((i, i + 1));
                    }
                }
            } else if c.is_ascii() {
                // Most of a news text; `fold` would give the same.
                normalised.push(c.to_ascii_lowercase());
                origin.push((i, i + 1));
            } else {
                fold(c, |f| {
                    normalised.push(f);
                    origin.push((i, i + 1));
                });
            }
        }
        PreparedText {
            chars,
            normalised,
            origin,
            grams: GramIndex::default(),
        }
    }

    /// Start offsets (in the normalised copy) of every occurrence of the
    /// already normalised `needle`, in order.
    pub(crate) fn occurrences_of(&self, needle: &[char]) -> Vec<usize> {
        // An unindexed text (or one shorter than a gram) is scanned.
        if needle.len() < GRAM || self.grams.places.is_empty() {
            return occurrences(&self.normalised, needle);
        }
        // Look up the needle's rarest gram, then check each place it starts.
        // Any gram of the needle gives every occurrence, so only a few
        // spread over it are compared: each lookup is a likely cache miss
        // in a long text's index, and the rarest of a sample does nearly
        // as well as the rarest of all.
        let grams = needle.len() - GRAM + 1;
        let rarest = needle
            .windows(GRAM)
            .enumerate()
            .step_by(grams.div_ceil(MAX_GRAM_LOOKUPS))
            .map(|(offset, gram)| (offset, self.grams.get(gram)))
            .min_by_key(|(_, places)| places.len());
        let Some((offset, places)) = rarest else {
            return Vec::new();
        };
        places
            .iter()
            .filter_map(|&p| (p as usize).checked_sub(offset))
            .filter(|&start| self.normalised.get(start..start + needle.len()) == Some(needle))
            .collect()
    }

    /// The normalised offset of the first normalised char that stands for
    /// an original char at or after `original`.
    pub(crate) fn normalised_offset(&self, original: usize) -> usize {
        self.origin.partition_point(|&(_, to)| to <= original)
    }

    /// The original text's chars.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The normalised copy used for matching.
    pub fn normalised(&self) -> &[char] {
        &self.normalised
    }

    /// The original span a non-empty normalised span stands for. A space
    /// at either end of the normalised span stands for a whole run of
    /// whitespace; only as many of its chars are kept as the quote itself
    /// had at that end (`edge_spaces`, at least one), so a quote that began
    /// or ended with a space does not grow into its neighbours' whitespace.
    pub(crate) fn original_span(
        &self,
        start: usize,
        end: usize,
        edge_spaces: (usize, usize),
    ) -> (usize, usize) {
        let Some(&(first_from, first_to)) = self.origin.get(start) else {
            return (self.chars.len(), self.chars.len());
        };
        let last = end.saturating_sub(1).max(start);
        let (last_from, last_to) = self
            .origin
            .get(last)
            .copied()
            .unwrap_or((first_from, first_to));
        let is_space = |i: usize| self.normalised.get(i) == Some(&' ');
        let keep = |wanted: usize, from: usize, to: usize| wanted.clamp(1, to - from);
        if start == last && is_space(start) {
            return (
                first_from,
                first_from + keep(edge_spaces.0, first_from, first_to),
            );
        }
        let from = if is_space(start) {
            first_to - keep(edge_spaces.0, first_from, first_to)
        } else {
            first_from
        };
        let to = if is_space(last) {
            last_from + keep(edge_spaces.1, last_from, last_to)
        } else {
            last_to
        };
        (from, to)
    }

    /// The original text in a char span, or an empty string out of range.
    pub(crate) fn slice(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// Every place where `quote` occurs once both sides are normalised
    /// (quotes, dashes, whitespace, case), as spans of the original text.
    /// Friendlier than an exact search for a quote typed by hand.
    pub fn find(&self, quote: &str) -> Vec<TextPositionSelector> {
        let needle = normalise(quote);
        let spaces = edge_spaces(quote);
        self.occurrences_of(&needle)
            .into_iter()
            .map(|start| {
                let (start, end) = self.original_span(start, start + needle.len(), spaces);
                TextPositionSelector { start, end }
            })
            .collect()
    }
}

/// How many whitespace chars `quote` starts and ends with.
pub(crate) fn edge_spaces(quote: &str) -> (usize, usize) {
    let leading = quote.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = quote
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    (leading, trailing)
}

/// The normalised form of a short string (a quote or its context).
/// The same folding as [`PreparedText::unindexed`], without the map back
/// to the original: quotes and their context are normalised for every
/// anchor, and only the copy is needed.
pub(crate) fn normalise(text: &str) -> Vec<char> {
    let mut normalised = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if normalised.last() != Some(&' ') {
                normalised.push(' ');
            }
        } else if c.is_ascii() {
            normalised.push(c.to_ascii_lowercase());
        } else {
            fold(c, |f| normalised.push(f));
        }
    }
    normalised
}

/// The start of every [`GRAM`]-char run of a text, grouped by a hash of
/// the run: one bucket per hash value, stored back to back (`places`, with
/// `bounds` marking where each bucket starts), each in increasing order.
/// Runs that share a bucket without being equal are rare and are weeded
/// out by the caller, who compares the whole needle anyway. Two flat
/// arrays build far faster than a map of vectors keyed by the runs.
#[derive(Debug, Clone, Default, PartialEq)]
struct GramIndex {
    /// Bits of the hash used to pick a bucket.
    bits: u32,
    bounds: Vec<u32>,
    places: Vec<u32>,
}

impl GramIndex {
    fn new(normalised: &[char]) -> Self {
        let runs = normalised.len().saturating_sub(GRAM - 1);
        // About one bucket per run keeps buckets short.
        let bits = runs.next_power_of_two().trailing_zeros().max(4);
        let buckets: Vec<u32> = normalised
            .windows(GRAM)
            .map(|gram| bucket_of(gram, bits))
            .collect();
        let mut bounds = vec![0u32; (1 << bits) + 1];
        for &b in &buckets {
            bounds[b as usize + 1] += 1;
        }
        for i in 1..bounds.len() {
            bounds[i] += bounds[i - 1];
        }
        let mut next = bounds.clone();
        let mut places = vec![0u32; buckets.len()];
        for (start, &b) in buckets.iter().enumerate() {
            let slot = &mut next[b as usize];
            places[*slot as usize] = start as u32;
            *slot += 1;
        }
        GramIndex {
            bits,
            bounds,
            places,
        }
    }

    /// The starts of every run in the bucket of `gram`: all of its
    /// occurrences, and perhaps a few other runs.
    fn get(&self, gram: &[char]) -> &[u32] {
        if self.places.is_empty() {
            return &[];
        }
        let b = bucket_of(gram, self.bits) as usize;
        &self.places[self.bounds[b] as usize..self.bounds[b + 1] as usize]
    }
}

/// A multiplicative hash of a run of chars, cut to `bits` bits.
fn bucket_of(gram: &[char], bits: u32) -> u32 {
    let mut hash = 0u64;
    for &c in gram {
        hash = (hash.rotate_left(21) ^ u64::from(c)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    (hash >> (64 - bits)) as u32
}

/// Start offsets of every occurrence of `needle` in `haystack`, overlapping
/// ones included. Compares whole slices only where the first char matches,
/// which keeps the search close to linear on prose.
pub(crate) fn occurrences(haystack: &[char], needle: &[char]) -> Vec<usize> {
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let last_start = match haystack.len().checked_sub(needle.len()) {
        Some(last) => last,
        None => return Vec::new(),
    };
    (0..=last_start)
        .filter(|&i| haystack[i] == first && haystack[i..i + needle.len()] == *needle)
        .collect()
}

/// Folds one char for matching: curly and straight quotes alike, every
/// dash a hyphen, lower case. Lower-casing can yield several chars
/// ("İ" → "i̇"), so the result is handed over char by char.
fn fold(c: char, mut push: impl FnMut(char)) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => push('\''),
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => push('"'),
        // Hyphen, non-breaking hyphen, figure dash, en dash, em dash,
        // horizontal bar and minus sign are typed interchangeably.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => push('-'),
        _ => c.to_lowercase().for_each(push),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn norm(s: &str) -> String {
        normalise(s).into_iter().collect()
    }

    #[rstest]
    #[case::curly_single("Ukraine’s ‘desire’", "ukraine's 'desire'")]
    #[case::curly_double("“dignified” peace", "\"dignified\" peace")]
    #[case::dashes("5–like — Canada ‑ Japan", "5-like - canada - japan")]
    #[case::whitespace_runs("a \n\t b\u{a0}c", "a b c")]
    #[case::case("NATO Kyiv", "nato kyiv")]
    fn folds_for_matching(#[case] input: &str, #[case] expected: &str) {
        assert_eq!(
            norm(input),
            expected,
            "typographic variants must compare equal"
        );
    }

    #[test]
    fn map_points_back_to_original_chars() {
        let text = PreparedText::new("Kyiv  \n said “yes”");
        let n: String = text.normalised().iter().collect();
        assert_eq!(n, "kyiv said \"yes\"", "whitespace run folds to one space");
        assert_eq!(
            text.original_span(3, 5, (0, 3)),
            (3, 7),
            "a trailing space takes as much of the run as the quote had"
        );
        assert_eq!(
            text.original_span(10, 15, (0, 0)),
            (13, 18),
            "offsets after a folded run are back in original chars"
        );
    }

    #[test]
    fn find_locates_typed_quotes_in_curly_text() {
        let text = PreparedText::new("He said: “It is a compromise.” Then he left.");
        assert_eq!(
            text.find("\"it is a compromise.\""),
            vec![TextPositionSelector { start: 9, end: 30 }],
            "a quote typed with straight quotes finds the curly original"
        );
    }

    #[test]
    fn expanding_lowercase_keeps_the_map_aligned() {
        let text = PreparedText::new("İstanbul talks");
        assert_eq!(
            text.normalised().len(),
            text.chars().len() + 1,
            "dotted capital I lowers to two chars"
        );
        let found = text.find("talks");
        assert_eq!(
            found,
            vec![TextPositionSelector { start: 9, end: 14 }],
            "offsets stay in original chars after an expansion"
        );
    }

    proptest::proptest! {
        #[test]
        fn normalise_folds_as_the_prepared_text_does(text in "\\PC{0,60}") {
            proptest::prop_assert_eq!(
                normalise(&text),
                PreparedText::new(&text).normalised().to_vec(),
                "quotes and texts must be folded alike or nothing would match"
            );
        }

        #[test]
        fn the_gram_index_finds_exactly_what_a_scan_finds(
            text in "[ab ]{0,300}",
            needle in "[ab ]{1,20}",
        ) {
            let prepared = PreparedText::new(&text);
            let needle = normalise(&needle);
            proptest::prop_assert_eq!(
                prepared.occurrences_of(&needle),
                occurrences(prepared.normalised(), &needle),
                "the index is a shortcut, never a different answer"
            );
        }
    }
}
