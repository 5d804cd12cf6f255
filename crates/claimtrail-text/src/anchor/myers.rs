//! Approximate string matching with Myers' bit-parallel algorithm (1999),
//! extended to patterns longer than a machine word with Hyyrö's blocks.
//!
//! The approach follows the npm package approx-string-match, which
//! Hypothesis uses: a forward pass finds where matches end and how many
//! errors (insertions, deletions, substitutions) they need, then a short
//! pass over the reversed pattern and the reversed text before each end
//! finds where the match starts. Everything works on `char`s, so offsets are
//! Unicode code points like the W3C selectors.
//!
//! The classic dynamic programme fills one cell per (pattern char, text
//! char). Here each column of that table is kept as two bit vectors of
//! vertical differences (+1 and -1), so one text char costs a handful of
//! word operations per 64 pattern chars. Ukkonen's cut-off keeps only the
//! blocks that can still hold a cell within the error budget, so long
//! quotes with a small budget cost about one block per text char. A
//! pattern that fits in one machine word takes a simpler one-word loop.
//!
//! It is written here because the Rust implementations that exist (`bio`,
//! `triple_accel`) match bytes, and offsets must be code points. Since it
//! works on any `char`s, "find everywhere" reuses it unchanged over words,
//! each distinct folded word mapped to one symbol.

use std::collections::HashMap;

/// Pattern chars per block: one bit each in a `u64`.
const WORD: usize = 64;

/// An approximate occurrence of the pattern: `text[start..end]` can be
/// turned into the pattern with `errors` single-char edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub errors: usize,
}

/// Where an approximate occurrence ends, before its start is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchEnd {
    pub end: usize,
    pub errors: usize,
}

/// The best matches of `pattern` in `text` with at most `max_errors` errors:
/// every occurrence that needs the smallest number of errors found, as
/// approx-string-match returns them. An empty pattern matches nothing.
pub fn search(text: &[char], pattern: &[char], max_errors: usize) -> Vec<Match> {
    let found = ends(text, pattern, max_errors);
    let Some(fewest) = found.iter().map(|m| m.errors).min() else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter(|m| m.errors == fewest)
        .map(|m| Match {
            start: start_of(text, pattern, m.end, m.errors),
            end: m.end,
            errors: m.errors,
        })
        .collect()
}

/// Every position where an occurrence of `pattern` with at most
/// `max_errors` errors ends, with the fewest errors an occurrence ending
/// there needs. Positions are exclusive ends, in increasing order.
pub fn ends(text: &[char], pattern: &[char], max_errors: usize) -> Vec<MatchEnd> {
    let mut found = Vec::new();
    if pattern.is_empty() {
        return found;
    }
    let masks = Masks::new(pattern);
    if masks.blocks == 1 {
        return ends_in_one_word(text, &masks, max_errors);
    }
    let mut scan = Scan::new(&masks, max_errors);
    for (j, &c) in text.iter().enumerate() {
        if let Some(errors) = scan.step(&masks, c) {
            found.push(MatchEnd { end: j + 1, errors });
        }
    }
    found
}

/// [`ends`] for a pattern of at most 64 chars: the whole column is one
/// word, so there are no blocks to link or cut off, and the loop is
/// Myers' original one. Most quotes searched over a whole text are short
/// ones, which is what makes this worth its own loop.
fn ends_in_one_word(text: &[char], masks: &Masks, max_errors: usize) -> Vec<MatchEnd> {
    let last = 1u64 << (masks.len - 1);
    let (mut plus, mut minus) = (!0u64, 0u64);
    let mut score = masks.len;
    let mut found = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let eq = if c.is_ascii() {
            masks.ascii[c as usize]
        } else {
            masks.other.get(&c).map_or(0, |bits| bits[0])
        };
        // Block::advance with no carry from above (a match may start
        // anywhere), written out.
        let xv = eq | minus;
        let xh = ((eq & plus).wrapping_add(plus) ^ plus) | eq;
        let ph = minus | !(xh | plus);
        let mh = plus & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        let (ph, mh) = (ph << 1, mh << 1);
        plus = mh | !(xv | ph);
        minus = ph & xv;
        if score <= max_errors {
            found.push(MatchEnd {
                end: j + 1,
                errors: score,
            });
        }
    }
    found
}

/// Where the best occurrence of `pattern` that ends at `end` with `errors`
/// errors starts. Among starts that need as few errors, the one giving a
/// span closest to the pattern's length wins, then the shorter span, so an
/// occurrence does not swallow neighbouring chars it merely substitutes.
pub fn start_of(text: &[char], pattern: &[char], end: usize, errors: usize) -> usize {
    let end = end.min(text.len());
    // An alignment with more than `errors` extra chars would need more than
    // `errors` deletions, so the start lies within this window.
    let from = end.saturating_sub(pattern.len() + errors);
    let window: Vec<char> = text[from..end].iter().rev().copied().collect();
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    let distances = prefix_distances(&window, &reversed);
    let best = distances
        .iter()
        .enumerate()
        .min_by_key(|&(len, &d)| (d, len.abs_diff(pattern.len()), len))
        .map_or(0, |(len, _)| len);
    end - best
}

/// The edit distance between `pattern` and each prefix of `text`:
/// element `j` is the distance to `text[..j]`, for `j` from 0 to the
/// text's length. Used to find match starts and to compare context.
pub fn prefix_distances(text: &[char], pattern: &[char]) -> Vec<usize> {
    let mut distances = Vec::with_capacity(text.len() + 1);
    distances.push(pattern.len());
    if pattern.is_empty() {
        distances.extend(1..=text.len());
        return distances;
    }
    let masks = Masks::new(pattern);
    let mut blocks = masks.fresh_blocks();
    let mut distance = pattern.len();
    for &c in text {
        // Row 0 of the table is the empty pattern against `text[..j]`,
        // which costs `j`: each text char adds one there.
        let mut carry = 1;
        for (block, &eq) in blocks.iter_mut().zip(masks.of(c)) {
            carry = block.advance(eq, carry);
        }
        distance = distance.saturating_add_signed(carry as isize);
        distances.push(distance);
    }
    distances
}

/// The fewest errors of an occurrence of `pattern` ending at each
/// position of `text`, with no budget: element `j` is for occurrences
/// ending just before `text[j]`, for `j` from 0 to the text's length.
/// Used to see how well context matches right before a candidate.
pub fn end_distances(text: &[char], pattern: &[char]) -> Vec<usize> {
    let mut distances = Vec::with_capacity(text.len() + 1);
    distances.push(pattern.len());
    if pattern.is_empty() {
        distances.extend(std::iter::repeat_n(0, text.len()));
        return distances;
    }
    let masks = Masks::new(pattern);
    // With the pattern's length as budget every cell counts, so nothing is
    // cut off and every position gets its value.
    let mut scan = Scan::new(&masks, pattern.len());
    for &c in text {
        distances.push(scan.step(&masks, c).unwrap_or(pattern.len()));
    }
    distances
}

/// For each char of the pattern, the rows where it occurs: one bit per
/// pattern char, `blocks` words per char. ASCII chars live in a flat table
/// because they are most of what news text is made of; other chars in a map.
struct Masks {
    len: usize,
    blocks: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    absent: Vec<u64>,
}

impl Masks {
    fn new(pattern: &[char]) -> Self {
        let blocks = pattern.len().div_ceil(WORD);
        let mut ascii = vec![0; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (row, &c) in pattern.iter().enumerate() {
            let (block, bit) = (row / WORD, 1u64 << (row % WORD));
            if c.is_ascii() {
                ascii[c as usize * blocks + block] |= bit;
            } else {
                other.entry(c).or_insert_with(|| vec![0; blocks])[block] |= bit;
            }
        }
        Masks {
            len: pattern.len(),
            blocks,
            ascii,
            other,
            absent: vec![0; blocks],
        }
    }

    fn of(&self, c: char) -> &[u64] {
        if c.is_ascii() {
            let at = c as usize * self.blocks;
            &self.ascii[at..at + self.blocks]
        } else {
            self.other.get(&c).map_or(&self.absent, Vec::as_slice)
        }
    }

    /// Pattern chars in `block`: 64, except perhaps in the last block.
    fn rows_in(&self, block: usize) -> usize {
        ((block + 1) * WORD).min(self.len) - block * WORD
    }

    fn fresh_blocks(&self) -> Vec<Block> {
        (0..self.blocks)
            .map(|b| Block::fresh(self.rows_in(b)))
            .collect()
    }
}

/// One block of 64 rows of the current column, stored as differences
/// between vertically adjacent cells, plus the value of its last row.
#[derive(Debug, Clone, Copy)]
struct Block {
    /// Rows whose cell is one more than the cell above.
    plus: u64,
    /// Rows whose cell is one less than the cell above.
    minus: u64,
    /// The bit of the block's last pattern row.
    last: u64,
    /// The table's value in the block's last row.
    score: i64,
}

impl Block {
    /// A block as in the table's first column, where each row costs one
    /// more than the row above (deleting pattern chars). `score` still has
    /// to be set by the caller, who knows the value above the block.
    fn fresh(rows: usize) -> Self {
        Block {
            plus: !0,
            minus: 0,
            last: 1 << (rows - 1),
            score: 0,
        }
    }

    /// Moves the block one text char to the right. `eq` marks the pattern
    /// rows equal to that char; `h_in` is the horizontal difference in the
    /// row just above the block (-1, 0 or +1). Returns the horizontal
    /// difference in the block's last row, which is also what the next
    /// block receives. This is the block step of Myers (1999, fig. 9).
    fn advance(&mut self, eq: u64, h_in: i64) -> i64 {
        let (pv, mv) = (self.plus, self.minus);
        let eq = if h_in < 0 { eq | 1 } else { eq };
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        let h_out = i64::from(ph & self.last != 0) - i64::from(mh & self.last != 0);
        ph <<= 1;
        mh <<= 1;
        if h_in < 0 {
            mh |= 1;
        } else if h_in > 0 {
            ph |= 1;
        }
        self.plus = mh | !(xv | ph);
        self.minus = ph & xv;
        h_out
    }
}

/// The forward pass over the text, with Ukkonen's cut-off: blocks past
/// `active` are known to hold only cells above the budget, so they are
/// not computed until a cell in them could come within it again.
struct Scan {
    blocks: Vec<Block>,
    active: usize,
    budget: i64,
}

impl Scan {
    fn new(masks: &Masks, max_errors: usize) -> Self {
        let mut blocks = masks.fresh_blocks();
        for (b, block) in blocks.iter_mut().enumerate() {
            block.score = (b * WORD + masks.rows_in(b)) as i64;
        }
        // In the first column row `i` holds `i`, so a block whose first row
        // is beyond the budget cannot hold a useful cell yet.
        let active = (max_errors / WORD).min(masks.blocks - 1);
        Scan {
            blocks,
            active,
            budget: i64::try_from(max_errors).unwrap_or(i64::MAX),
        }
    }

    /// Consumes one text char; returns the errors of the best occurrence
    /// ending here if they are within the budget.
    fn step(&mut self, masks: &Masks, c: char) -> Option<usize> {
        let eq = masks.of(c);
        // Row 0 is the empty pattern, free anywhere in the text: a match
        // may start at any position.
        let mut carry = 0;
        for (block, &bits) in self.blocks[..=self.active].iter_mut().zip(eq) {
            carry = block.advance(bits, carry);
            block.score += carry;
        }
        if self.next_block_reachable(eq, carry) {
            self.activate_next(eq, carry);
        } else {
            self.drop_hopeless_blocks();
        }
        let last = self.blocks.len() - 1;
        let score = self.blocks[last].score;
        if self.active == last && score <= self.budget {
            usize::try_from(score).ok()
        } else {
            None
        }
    }

    /// Whether the first row of the next block can come within the budget
    /// in this column. It can only be reached from the last active row:
    /// diagonally from its previous value (free on a match) or from its new
    /// value plus one. Cells further down can only be reached through it.
    fn next_block_reachable(&self, eq: &[u64], carry: i64) -> bool {
        let next = self.active + 1;
        if next >= self.blocks.len() {
            return false;
        }
        let now = self.blocks[self.active].score;
        let before = now - carry;
        let diagonal = before + i64::from(eq[next] & 1 == 0);
        diagonal.min(now + 1) <= self.budget
    }

    /// Starts computing the next block. Its previous column is taken as
    /// "one more per row" below the last active row: that over-estimates
    /// cells that were all above the budget anyway, and cells within the
    /// budget are computed exactly from the row above.
    fn activate_next(&mut self, eq: &[u64], carry: i64) {
        let above_before = self.blocks[self.active].score - carry;
        self.active += 1;
        let block = &mut self.blocks[self.active];
        let rows = i64::from(block.last.trailing_zeros()) + 1;
        block.plus = !0;
        block.minus = 0;
        block.score = above_before + rows;
        block.score += block.advance(eq[self.active], carry);
    }

    /// Stops computing blocks whose cells are all above the budget: with
    /// vertical differences of at most one, a last row of budget + 64 or
    /// more means every row of the block is above the budget.
    fn drop_hopeless_blocks(&mut self) {
        let hopeless = self.budget.saturating_add(WORD as i64);
        while self.active > 0 && self.blocks[self.active].score >= hopeless {
            self.active -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// The textbook dynamic programme for approximate matching: the fewest
    /// errors of an occurrence ending at each text position (0..=n).
    fn oracle_ends(text: &[char], pattern: &[char]) -> Vec<usize> {
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut last_row = vec![pattern.len()];
        for &c in text {
            let mut diagonal = column[0];
            column[0] = 0;
            for i in 1..=pattern.len() {
                let above_left = diagonal;
                diagonal = column[i];
                let substitution = above_left + usize::from(pattern[i - 1] != c);
                column[i] = substitution.min(column[i] + 1).min(column[i - 1] + 1);
            }
            last_row.push(column[pattern.len()]);
        }
        last_row
    }

    fn edit_distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, &ca) in a.iter().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for j in 1..=b.len() {
                let above_left = diagonal;
                diagonal = row[j];
                row[j] = (above_left + usize::from(ca != b[j - 1]))
                    .min(row[j] + 1)
                    .min(row[j - 1] + 1);
            }
        }
        row[b.len()]
    }

    /// Checks `ends` against the oracle: the same ends, the same errors.
    fn assert_agrees(text: &[char], pattern: &[char], max_errors: usize) {
        let expected: Vec<MatchEnd> = oracle_ends(text, pattern)
            .into_iter()
            .enumerate()
            .skip(1)
            .filter(|&(_, e)| e <= max_errors)
            .map(|(end, errors)| MatchEnd { end, errors })
            .collect();
        assert_eq!(
            ends(text, pattern, max_errors),
            expected,
            "the bit-parallel pass must find exactly the ends the dynamic programme finds, \
             with the same error counts (pattern {} chars, budget {max_errors})",
            pattern.len()
        );
    }

    /// A deterministic, varied pattern of `len` chars.
    fn pattern_of(len: usize) -> Vec<char> {
        let words = "guarantees ukraine nato kyiv berlin envoy ceasefire grid ";
        words.chars().cycle().skip(len % 7).take(len).collect()
    }

    #[rstest]
    #[case::one_char(1)]
    #[case::just_under_a_word(63)]
    #[case::one_word(64)]
    #[case::just_over_a_word(65)]
    #[case::several_blocks(200)]
    fn pattern_lengths_around_the_word_size(#[case] len: usize) {
        let pattern = pattern_of(len);
        // Embed the pattern twice, once exact and once with edits spread
        // over it, so both cheap and costly cells get exercised.
        let mut edited = pattern.clone();
        for i in (0..edited.len()).step_by(9) {
            edited[i] = 'X';
        }
        if edited.len() > 3 {
            edited.remove(edited.len() / 2);
        }
        let text: Vec<char> = chars("Some lead text. ")
            .into_iter()
            .chain(pattern.iter().copied())
            .chain(chars(" and in between, "))
            .chain(edited)
            .chain(chars(" then the end."))
            .collect();
        for budget in [0, 1, len / 8, len / 4, len / 2, len] {
            assert_agrees(&text, &pattern, budget);
        }
        let best = search(&text, &pattern, len / 4);
        assert!(
            best.iter()
                .any(|m| m.start == 16 && m.end == 16 + len && m.errors == 0),
            "the exact copy at offset 16 is the best match: {best:?}"
        );
    }

    #[test]
    fn empty_text_has_no_matches() {
        assert!(
            ends(&[], &chars("abc"), 3).is_empty(),
            "there is no position in an empty text for a match to end at"
        );
    }

    #[test]
    fn empty_pattern_has_no_matches() {
        assert!(
            search(&chars("abc"), &[], 1).is_empty(),
            "an empty quote cannot anchor anything"
        );
    }

    #[test]
    fn pattern_longer_than_text_matches_with_deletions() {
        let found = search(&chars("abc"), &chars("abcdef"), 3);
        assert_eq!(
            found,
            vec![Match {
                start: 0,
                end: 3,
                errors: 3
            }],
            "the whole text matches once the three missing chars count as errors"
        );
        assert!(
            search(&chars("abc"), &chars("abcdef"), 2).is_empty(),
            "three missing chars are over a budget of two"
        );
    }

    #[test]
    fn a_huge_budget_matches_everywhere_without_overflow() {
        let text = chars("Kyiv and Berlin");
        let found = ends(&text, &pattern_of(130), usize::MAX);
        assert_eq!(
            found.len(),
            text.len(),
            "with no real limit every position ends some occurrence"
        );
    }

    #[test]
    fn search_returns_only_the_fewest_errors() {
        let found = search(&chars("the cat, the bat, the hat"), &chars("bat"), 1);
        assert_eq!(
            found,
            vec![Match {
                start: 13,
                end: 16,
                errors: 0
            }],
            "cat and hat need one error, bat none, so only bat is best"
        );
    }

    #[test]
    fn start_covers_an_insertion() {
        let text = chars("zz abcdXXefgh zz");
        let found = search(&text, &chars("abcdefgh"), 2);
        assert_eq!(
            found,
            vec![Match {
                start: 3,
                end: 13,
                errors: 2
            }],
            "the match spans the two inserted chars, cheaper than substituting four"
        );
    }

    #[test]
    fn non_ascii_chars_count_as_one() {
        let found = search(&chars("«Київ» і Берлін"), &chars("Київ"), 0);
        assert_eq!(
            found,
            vec![Match {
                start: 1,
                end: 5,
                errors: 0
            }],
            "offsets are chars, so Cyrillic letters and guillemets count one each"
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn ends_agree_with_the_dynamic_programme(
            text in "[abc ]{0,300}",
            pattern in "[abcd]{1,150}",
            budget_share in 0usize..=100,
        ) {
            // A small alphabet makes near matches common, which is where
            // the cut-off and the block carries can go wrong.
            let (text, pattern) = (chars(&text), chars(&pattern));
            let budget = pattern.len() * budget_share / 100;
            let expected: Vec<MatchEnd> = oracle_ends(&text, &pattern)
                .into_iter()
                .enumerate()
                .skip(1)
                .filter(|&(_, e)| e <= budget)
                .map(|(end, errors)| MatchEnd { end, errors })
                .collect();
            prop_assert_eq!(
                ends(&text, &pattern, budget),
                expected,
                "every end within the budget, with the oracle's minimum error count"
            );
        }

        #[test]
        fn end_distances_agree_with_the_dynamic_programme(
            text in "[abc]{0,200}",
            pattern in "[abc]{0,140}",
        ) {
            let (text, pattern) = (chars(&text), chars(&pattern));
            prop_assert_eq!(
                end_distances(&text, &pattern),
                oracle_ends(&text, &pattern),
                "without a budget every end gets the oracle's minimum"
            );
        }

        #[test]
        fn matches_start_where_their_errors_are_paid(
            text in "[ab ]{0,200}",
            pattern in "[ab]{1,100}",
        ) {
            let (text, pattern) = (chars(&text), chars(&pattern));
            for m in search(&text, &pattern, pattern.len() / 2) {
                prop_assert_eq!(
                    edit_distance(&text[m.start..m.end], &pattern),
                    m.errors,
                    "the reported span must cost exactly the reported errors"
                );
            }
        }

        #[test]
        fn prefix_distances_agree_with_edit_distance(
            text in "[abc]{0,150}",
            pattern in "[abc]{0,130}",
        ) {
            let (text, pattern) = (chars(&text), chars(&pattern));
            let distances = prefix_distances(&text, &pattern);
            for (j, &d) in distances.iter().enumerate() {
                prop_assert_eq!(
                    d,
                    edit_distance(&text[..j], &pattern),
                    "prefix distances are plain edit distances to each prefix"
                );
            }
        }
    }
}
