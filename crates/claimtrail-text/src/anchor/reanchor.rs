//! Re-anchoring: finding an anchor's span again in a new revision of the
//! text, and saying how sure the finding is.
//!
//! The order is Hypothesis's: the old position if the text there is still
//! the quote, then exact occurrences of the quote, then approximate ones.
//! Candidates are scored on the quote, its prefix and suffix, and closeness
//! to the old position, with Hypothesis's weights (`match-quote.ts`). Unlike
//! Hypothesis, the score becomes a confidence that can refuse to move: when
//! two candidates are nearly as good, or a figure or a name in the quote
//! changed, a person is asked instead of the anchor landing silently on a
//! look-alike paragraph.
//!
//! Confidence is also capped when a word that turns the quote's meaning (a
//! negation, a modal, a limiter such as "only" or "if") was dropped or
//! added. An anchor moves only at [`MOVE_THRESHOLD`] or above; below it
//! the best candidate waits for review, and with no candidate the anchor
//! is orphaned, keeping its old place.
//!
//! The search runs cheapest first: the old position, when the quote and
//! its context are still there; then every exact occurrence of the
//! normalised quote, found through the new text's gram index (this settles
//! the quotes that only shifted); then approximate matches with Myers'
//! matcher. [`reanchor_all`], the entry point for a new revision, prepares
//! the new text once and uses the old one: its sync points (`sync.rs`)
//! say which stretch of the new text each old place became, and an edited
//! quote is looked for there first, between the unchanged text around it.
//! Only when nothing resembling it is left there (its paragraph rewritten,
//! deleted or moved), or for [`reanchor`] and [`reanchor_in`] without an
//! old text, does the approximate search run near the old place and then
//! over the whole text, with the error budget cut to the best nearby
//! match's. So a look-alike far away does not compete with a quote edited
//! in place, while exact copies still do.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::myers;
use super::prepared::{edge_spaces, normalise};
use super::sync::SyncMap;
use super::{Anchor, PreparedText, TextPositionSelector};

/// The confidence at or above which an appearance moves on its own (the
/// move is audited); below it a person is asked. With the weights below,
/// an exact quote with one side of its context rewritten still scores
/// about 0.85 and moves, an approximate quote with both sides of context
/// intact moves up to about 18% of its chars changed, and an approximate
/// quote that also lost one side of its context (the signature of a
/// look-alike paragraph next to a deleted one) needs review unless only a
/// typo or two changed. Hypothesis has no such line: it takes the best.
pub const MOVE_THRESHOLD: f64 = 0.8;

/// How much the quote itself counts, as in Hypothesis: most.
const QUOTE_WEIGHT: f64 = 50.0;
/// How much the text before the candidate counts, as in Hypothesis.
const PREFIX_WEIGHT: f64 = 20.0;
/// How much the text after the candidate counts, as in Hypothesis.
const SUFFIX_WEIGHT: f64 = 20.0;
/// How much closeness to the old position counts, as in Hypothesis: only
/// enough to break ties, because edits shift text by arbitrary amounts.
const POSITION_WEIGHT: f64 = 2.0;
const TOTAL_WEIGHT: f64 = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/// What one error in the quote costs, as a share of the quote's length,
/// relative to Hypothesis (which uses 1). Doubled because for a
/// fact-checker a quote with a fifth of its chars changed is no longer
/// nearly the same quote, whatever its surroundings.
const QUOTE_ERROR_COST: f64 = 2.0;

/// The approximate search allows one error per this many quote chars
/// (at least one, never the whole quote). A quarter catches an inserted
/// clause or a rewritten word or two; more mostly finds look-alikes and
/// slows the search, whose cost grows with the budget.
const CHARS_PER_ALLOWED_ERROR: usize = 4;

/// Below this lead of the best candidate over the next one the result is
/// ambiguous: confidence falls linearly from full at this lead to half at
/// a tie (a coin toss between two equal places). Position alone is worth
/// at most 2/92 ≈ 0.02, so it can never settle a tie by itself; a lead of
/// 0.05 already takes a perfect candidate down to 0.75, below the threshold.
const AMBIGUITY_MARGIN: f64 = 0.1;

/// Highest confidence a candidate can have when a figure or a capitalised
/// word (a name, a place) of the quote is missing from it, or a word that
/// turns its meaning (a negation, a modal, a limiter) was dropped or added:
/// "could accept" becoming "would accept only" changes the claim, so a
/// person must look, however well the rest matches.
const KEY_WORD_CHANGED_CAP: f64 = 0.6;

/// Similarity given to a side of context that was empty (the quote was at
/// the very start or end of the text) when the candidate is not at that
/// edge: no evidence either way.
const NO_CONTEXT_ELSEWHERE: f64 = 0.5;

/// Most approximate candidates scored, nearest errors first: bounds the
/// work for short quotes that match loosely almost everywhere.
const MAX_APPROXIMATE_CANDIDATES: usize = 32;

/// The least distance, in chars, searched around the old place before the
/// whole text: a short article is searched whole at once.
const NEAR_MIN_RADIUS: usize = 4096;

/// Where an anchor landed in the new text. Offsets are chars of the new
/// text. An appearance is never dropped: an orphan keeps its old anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "anchor", rename_all = "snake_case")]
pub enum Placement {
    /// Same place, and the text there is still exactly the quote.
    Anchored { start: usize, end: usize },
    /// Found elsewhere, or at the same place with changed text (quotes,
    /// case, an inserted word), with enough confidence to move.
    Moved {
        start: usize,
        end: usize,
        confidence: f64,
    },
    /// The best candidate, not good or not clear enough to move to.
    NeedsReview {
        candidate: TextPositionSelector,
        found: String,
        confidence: f64,
    },
    /// Nothing in the new text resembles the quote closely enough.
    Orphaned,
}

impl Placement {
    /// 1 for anchored, 0 for orphaned, the computed confidence otherwise.
    pub fn confidence(&self) -> f64 {
        match self {
            Placement::Anchored { .. } => 1.0,
            Placement::Moved { confidence, .. } | Placement::NeedsReview { confidence, .. } => {
                *confidence
            }
            Placement::Orphaned => 0.0,
        }
    }

    /// The span the anchor now has, or the one proposed for review.
    pub fn span(&self) -> Option<TextPositionSelector> {
        match self {
            Placement::Anchored { start, end } | Placement::Moved { start, end, .. } => {
                Some(TextPositionSelector {
                    start: *start,
                    end: *end,
                })
            }
            Placement::NeedsReview { candidate, .. } => Some(*candidate),
            Placement::Orphaned => None,
        }
    }
}

/// Places `anchor` in `new_text`. For many anchors in one text, prepare
/// the text once and call [`reanchor_in`].
pub fn reanchor(anchor: &Anchor, new_text: &str) -> Placement {
    reanchor_in(&PreparedText::new(new_text), anchor)
}

/// Places every anchor of the revision `old_text` in its new revision
/// `new_text`, in order: one placement per anchor.
///
/// The same as [`reanchor_in`] for each anchor, except for quotes that
/// were edited in place: the old text tells where each old place went
/// (see [`SyncMap`]), so an edited quote is looked for between the
/// unchanged text around its old place, and the rest of the article is
/// searched only when nothing resembling it is left there (its paragraph
/// was rewritten, deleted or moved). A look-alike elsewhere then no longer
/// competes with the edited original; exact copies still do.
pub fn reanchor_all(old_text: &str, new_text: &str, anchors: &[Anchor]) -> Vec<Placement> {
    let new = PreparedText::new(new_text);
    let old = PreparedText::unindexed(old_text);
    let sync = SyncMap::new(&old, &new);
    anchors
        .iter()
        .map(|anchor| {
            let position = anchor.position;
            let start = old.normalised_offset(position.start);
            let end = old.normalised_offset(position.end);
            place_anchor(&new, anchor, sync.bracket(start, end))
        })
        .collect()
}

/// Places `anchor` in a prepared text.
pub fn reanchor_in(text: &PreparedText, anchor: &Anchor) -> Placement {
    place_anchor(text, anchor, None)
}

/// Places `anchor`, looking for an edited quote in `edited_here` (normalised
/// offsets of the new text) before anywhere else when it is known.
fn place_anchor(
    text: &PreparedText,
    anchor: &Anchor,
    edited_here: Option<std::ops::Range<usize>>,
) -> Placement {
    let query = Query::new(anchor);
    if query.quote.is_empty() {
        return Placement::Orphaned;
    }
    let holds = holds_at_old_place(text, &query);
    if holds && context_intact(text, anchor) {
        return anchored(anchor);
    }
    let exact = exact_candidates(text, &query);
    // The quote is still where it was and nowhere else: nothing to choose.
    if holds && exact.len() == 1 && exact[0].start == anchor.position.start {
        return anchored(anchor);
    }
    // Exact occurrences settle most cases; the costlier approximate search
    // runs only when they do not, and competes with them.
    let confident = judge(text, &query, &exact).filter(|v| v.confidence >= MOVE_THRESHOLD);
    if let Some(verdict) = confident {
        return place(text, &query, verdict);
    }
    let mut all = exact;
    if let Some(here) = edited_here {
        let found = approximate_candidates(text, &query, &all, here, error_budget(&query));
        if !found.is_empty() {
            all.extend(found);
            return judge(text, &query, &all)
                .map_or(Placement::Orphaned, |v| place(text, &query, v));
        }
    }
    // Edits rarely move a passage far: search near the old place first, and
    // the whole text only when that finds nothing confident. This keeps the
    // approximate search, by far the costliest step, to a slice of a long
    // article for most edited quotes.
    let whole = 0..text.normalised().len();
    let near = near_old_place(&query, whole.end);
    let mut budget = error_budget(&query);
    if near != whole {
        let nearby = approximate_candidates(text, &query, &all, near, budget);
        let mut with_exact = all.clone();
        with_exact.extend(nearby.iter().copied());
        let confident = judge(text, &query, &with_exact).filter(|v| v.confidence >= MOVE_THRESHOLD);
        if let Some(verdict) = confident {
            return place(text, &query, verdict);
        }
        // Elsewhere, only a match as close to the quote as the best one
        // nearby could change the verdict: a smaller budget makes the
        // search of the whole text much cheaper.
        if let Some(fewest) = nearby.iter().map(|c| c.errors).min() {
            budget = budget.min(fewest.max(1));
        }
    }
    all.extend(approximate_candidates(text, &query, &all, whole, budget));
    judge(text, &query, &all).map_or(Placement::Orphaned, |v| place(text, &query, v))
}

/// Most errors an approximate match of the quote may have: a quarter of
/// its length, at least one, and fewer than the quote's length.
fn error_budget(query: &Query) -> usize {
    let len = query.quote.len();
    (len / CHARS_PER_ALLOWED_ERROR).max(1).min(len - 1)
}

/// The part of a text of `len` normalised chars searched first: the old
/// place, widened by an eighth of the text (at least [`NEAR_MIN_RADIUS`])
/// on each side for the text added or removed before it.
fn near_old_place(query: &Query, len: usize) -> std::ops::Range<usize> {
    let radius = (len / 8).max(NEAR_MIN_RADIUS);
    let centre = query.anchor.position.start.min(len);
    let start = centre.saturating_sub(radius);
    let end = (centre + query.quote.len() + radius).min(len);
    start..end
}

/// The anchor's quote and context in matching form, computed once.
struct Query<'a> {
    anchor: &'a Anchor,
    exact: Vec<char>,
    quote: Vec<char>,
    prefix: Vec<char>,
    reversed_prefix: Vec<char>,
    suffix: Vec<char>,
    edge_spaces: (usize, usize),
    key_words: Vec<String>,
}

impl<'a> Query<'a> {
    fn new(anchor: &'a Anchor) -> Self {
        let quote = &anchor.quote;
        let prefix = normalise(&quote.prefix);
        let reversed_prefix = prefix.iter().rev().copied().collect();
        Query {
            anchor,
            exact: quote.exact.chars().collect(),
            quote: normalise(&quote.exact),
            prefix,
            reversed_prefix,
            suffix: normalise(&quote.suffix),
            edge_spaces: edge_spaces(&quote.exact),
            key_words: key_words(&quote.exact),
        }
    }
}

/// A possible place for the quote, in normalised and original offsets.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start_n: usize,
    end_n: usize,
    errors: usize,
    start: usize,
    end: usize,
}

impl Candidate {
    fn new(
        text: &PreparedText,
        query: &Query,
        start_n: usize,
        end_n: usize,
        errors: usize,
    ) -> Self {
        let (start, end) = text.original_span(start_n, end_n, query.edge_spaces);
        Candidate {
            start_n,
            end_n,
            errors,
            start,
            end,
        }
    }
}

/// The chosen candidate and how sure the choice is.
#[derive(Debug, Clone, Copy)]
struct Verdict {
    candidate: Candidate,
    confidence: f64,
}

fn anchored(anchor: &Anchor) -> Placement {
    Placement::Anchored {
        start: anchor.position.start,
        end: anchor.position.end,
    }
}

fn holds_at_old_place(text: &PreparedText, query: &Query) -> bool {
    let position = query.anchor.position;
    text.chars().get(position.start..position.end) == Some(query.exact.as_slice())
}

/// Whether the chars around the old place are still the stored context,
/// so that the quote there is certainly the same appearance.
fn context_intact(text: &PreparedText, anchor: &Anchor) -> bool {
    let (chars, position) = (text.chars(), anchor.position);
    let (prefix, suffix) = (&anchor.quote.prefix, &anchor.quote.suffix);
    let before = position
        .start
        .checked_sub(prefix.chars().count())
        .and_then(|from| chars.get(from..position.start));
    // Positions come from files (bundles, annotations): no sum may overflow.
    let after = position
        .end
        .checked_add(suffix.chars().count())
        .and_then(|to| chars.get(position.end..to));
    before.is_some_and(|b| b.iter().copied().eq(prefix.chars()))
        && after.is_some_and(|a| a.iter().copied().eq(suffix.chars()))
}

fn exact_candidates(text: &PreparedText, query: &Query) -> Vec<Candidate> {
    let len = query.quote.len();
    text.occurrences_of(&query.quote)
        .into_iter()
        .map(|start| Candidate::new(text, query, start, start + len, 0))
        .collect()
}

/// Approximate occurrences, one per region of the text: the end with the
/// fewest errors stands for its neighbourhood (half a quote length either
/// way), regions already holding an exact occurrence are skipped, and each
/// region's span is then fitted to the stored context.
fn approximate_candidates(
    text: &PreparedText,
    query: &Query,
    exact: &[Candidate],
    within: std::ops::Range<usize>,
    budget: usize,
) -> Vec<Candidate> {
    let len = query.quote.len();
    let radius = len / 2;
    let old_end = query.anchor.position.end;
    let offset = within.start;
    let by_position: Vec<myers::MatchEnd> =
        myers::ends(&text.normalised()[within], &query.quote, budget)
            .into_iter()
            .map(|m| myers::MatchEnd {
                end: m.end + offset,
                errors: m.errors,
            })
            .collect();
    let mut by_quality = by_position.clone();
    by_quality.sort_by_key(|m| {
        let (_, end) = text.original_span(m.end - 1, m.end, (0, 0));
        (m.errors, end.abs_diff(old_end))
    });
    let mut taken: Vec<usize> = exact.iter().map(|c| c.end_n).collect();
    let mut found = Vec::new();
    for m in by_quality {
        if found.len() == MAX_APPROXIMATE_CANDIDATES {
            break;
        }
        if taken.iter().any(|&end| end.abs_diff(m.end) <= radius) {
            continue;
        }
        taken.push(m.end);
        let end = fitted_end(text, query, &by_position, m, budget);
        found.extend(fitted_start(text, query, end, budget));
    }
    found
}

/// Among the ends near `best` (within the error budget), the one where the
/// quote's errors plus the stored suffix's errors right after it are
/// fewest. The fewest quote errors alone can cut an edited quote short:
/// substituting a few chars is cheaper than keeping an inserted word.
fn fitted_end(
    text: &PreparedText,
    query: &Query,
    by_position: &[myers::MatchEnd],
    best: myers::MatchEnd,
    budget: usize,
) -> myers::MatchEnd {
    if query.suffix.is_empty() {
        return best;
    }
    let (lo, hi) = (best.end.saturating_sub(budget), best.end + budget);
    let first = by_position.partition_point(|m| m.end < lo);
    let last = by_position.partition_point(|m| m.end <= hi);
    let normalised = text.normalised();
    let to = (hi + reach(query.suffix.len())).min(normalised.len());
    let from = lo.min(to);
    // Read backwards, an occurrence of the reversed suffix ending at `to - e`
    // is an occurrence of the suffix starting at `e`.
    let window: Vec<char> = normalised[from..to].iter().rev().copied().collect();
    let reversed: Vec<char> = query.suffix.iter().rev().copied().collect();
    let suffix_errors = myers::end_distances(&window, &reversed);
    by_position[first..last]
        .iter()
        .copied()
        .min_by_key(|m| {
            let context = suffix_errors
                .get(to - m.end)
                .copied()
                .unwrap_or(query.suffix.len());
            (m.errors + context, m.errors, m.end.abs_diff(best.end))
        })
        .unwrap_or(best)
}

/// The start for a match ending at `end` where the quote's errors plus the
/// stored prefix's errors right before it are fewest; among equals, the
/// fewest quote errors, then the length closest to the quote's.
fn fitted_start(
    text: &PreparedText,
    query: &Query,
    end: myers::MatchEnd,
    budget: usize,
) -> Option<Candidate> {
    let normalised = text.normalised();
    let len = query.quote.len();
    let from = end.end.saturating_sub(len + budget);
    // Element `n` is the quote's distance to the `n` chars before `end`.
    let window: Vec<char> = normalised[from..end.end].iter().rev().copied().collect();
    let reversed: Vec<char> = query.quote.iter().rev().copied().collect();
    let quote_errors = myers::prefix_distances(&window, &reversed);
    let context_from = from.saturating_sub(reach(query.prefix.len()));
    let prefix_errors = myers::end_distances(&normalised[context_from..end.end], &query.prefix);
    let (span, errors) = quote_errors
        .iter()
        .enumerate()
        .skip(1)
        .filter(|&(_, &errors)| errors <= budget)
        .min_by_key(|&(span, &errors)| {
            let context = prefix_errors[end.end - span - context_from];
            (errors + context, errors, span.abs_diff(len), span)
        })
        .map(|(span, &errors)| (span, errors))?;
    Some(Candidate::new(text, query, end.end - span, end.end, errors))
}

/// Scores the candidates and turns the best score into a confidence.
fn judge(text: &PreparedText, query: &Query, candidates: &[Candidate]) -> Option<Verdict> {
    let mut scored: Vec<(Candidate, f64)> = candidates
        .iter()
        .map(|c| (*c, score(text, query, c)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let &(best, best_score) = scored.first()?;
    let runner_up = scored
        .iter()
        .skip(1)
        .find(|(c, _)| is_rival(query, &best, c))
        .map(|&(_, s)| s);
    let mut confidence = best_score * ambiguity_factor(best_score, runner_up);
    // A candidate that is the quote char for char keeps its words.
    let verbatim = text.chars().get(best.start..best.end) == Some(&query.exact[..]);
    if !verbatim && !keeps_key_words(&query.key_words, &text.slice(best.start, best.end)) {
        confidence = confidence.min(KEY_WORD_CHANGED_CAP);
    }
    Some(Verdict {
        candidate: best,
        confidence: confidence.clamp(0.0, 1.0),
    })
}

/// Whether `other` is another place the quote could be, rather than the
/// best candidate seen slightly shifted. A candidate inside the best one's
/// context window shares most of that context (shifted by a few chars), so
/// its near-equal score says nothing about ambiguity: short quotes would
/// otherwise always look ambiguous next to their own neighbours.
fn is_rival(query: &Query, best: &Candidate, other: &Candidate) -> bool {
    other.end_n + query.prefix.len() <= best.start_n
        || other.start_n >= best.end_n + query.suffix.len()
}

/// 1 when the best candidate leads clearly, down to 0.5 for a tie.
fn ambiguity_factor(best: f64, runner_up: Option<f64>) -> f64 {
    match runner_up {
        None => 1.0,
        Some(next) => 0.5 + 0.5 * ((best - next) / AMBIGUITY_MARGIN).clamp(0.0, 1.0),
    }
}

/// Hypothesis's weighted sum, normalised to [0, 1].
fn score(text: &PreparedText, query: &Query, candidate: &Candidate) -> f64 {
    let quote_len = query.quote.len().max(1) as f64;
    let quote = (1.0 - QUOTE_ERROR_COST * candidate.errors as f64 / quote_len).max(0.0);
    let normalised = text.normalised();
    // Context found unchanged is a similarity of 1 without an edit
    // distance; most candidates of an edited article are such.
    let (start, end) = (candidate.start_n, candidate.end_n);
    let prefix_intact = !query.prefix.is_empty()
        && start
            .checked_sub(query.prefix.len())
            .is_some_and(|from| normalised[from..start] == query.prefix[..]);
    let prefix = if prefix_intact {
        1.0
    } else {
        prefix_similarity(normalised, start, &query.reversed_prefix)
    };
    let suffix_intact = !query.suffix.is_empty()
        && normalised.get(end..end + query.suffix.len()) == Some(&query.suffix[..]);
    let suffix = if suffix_intact {
        1.0
    } else {
        suffix_similarity(normalised, end, &query.suffix)
    };
    let position = closeness(
        candidate.start,
        query.anchor.position.start,
        text.chars().len(),
    );
    (QUOTE_WEIGHT * quote
        + PREFIX_WEIGHT * prefix
        + SUFFIX_WEIGHT * suffix
        + POSITION_WEIGHT * position)
        / TOTAL_WEIGHT
}

/// How far a context window reaches past the stored context's length, so
/// chars inserted into the context cost their count, not the whole rest.
fn reach(len: usize) -> usize {
    len + len / 4
}

/// How well the text just before `start` matches the stored prefix
/// (given reversed): the alignment must end right at the candidate.
fn prefix_similarity(text: &[char], start: usize, reversed_prefix: &[char]) -> f64 {
    if reversed_prefix.is_empty() {
        return if start == 0 {
            1.0
        } else {
            NO_CONTEXT_ELSEWHERE
        };
    }
    let from = start.saturating_sub(reach(reversed_prefix.len()));
    let window: Vec<char> = text[from..start].iter().rev().copied().collect();
    similarity(&window, reversed_prefix)
}

/// How well the text just after `end` matches the stored suffix.
fn suffix_similarity(text: &[char], end: usize, suffix: &[char]) -> f64 {
    if suffix.is_empty() {
        return if end == text.len() {
            1.0
        } else {
            NO_CONTEXT_ELSEWHERE
        };
    }
    let to = (end + reach(suffix.len())).min(text.len());
    similarity(&text[end..to], suffix)
}

/// 1 minus the share of `context` that must be edited to become some
/// prefix of `window`.
fn similarity(window: &[char], context: &[char]) -> f64 {
    let distance = myers::prefix_distances(window, context)
        .into_iter()
        .min()
        .unwrap_or(context.len());
    1.0 - distance as f64 / context.len().max(1) as f64
}

fn closeness(start: usize, old_start: usize, text_len: usize) -> f64 {
    (1.0 - start.abs_diff(old_start) as f64 / text_len.max(1) as f64).max(0.0)
}

/// Words that turn a statement's meaning when added or dropped: negations
/// ("t" is what splitting leaves of "n't"), modals, limiters, conditions.
const MEANING_WORDS: &[&str] = &[
    "not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "t", "cannot",
    "can", "could", "would", "should", "must", "may", "might", "will", "shall", "only", "all",
    "every", "any", "some", "most", "least", "more", "less", "fewer", "always", "if", "unless",
];

fn is_meaning_word(lower: &str) -> bool {
    MEANING_WORDS.contains(&lower)
}

/// Figures, capitalised words (names, places, sentence starts) and meaning
/// words, lower-cased: the words a claim's facts hang on.
fn key_words(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| {
            w.chars().any(char::is_numeric)
                || w.chars().next().is_some_and(char::is_uppercase)
                || is_meaning_word(&w.to_lowercase())
        })
        .map(str::to_lowercase)
        .collect()
}

/// Whether `found` still has every key word of the quote and adds no
/// meaning word the quote did not have ("will join" → "will not join").
fn keeps_key_words(key_words: &[String], found: &str) -> bool {
    let present: HashSet<String> = words(found).map(str::to_lowercase).collect();
    key_words.iter().all(|w| present.contains(w))
        && present
            .iter()
            .filter(|w| is_meaning_word(w))
            .all(|w| key_words.contains(w))
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Turns a verdict into a placement, using the original text's offsets.
fn place(text: &PreparedText, query: &Query, verdict: Verdict) -> Placement {
    let Candidate { start, end, .. } = verdict.candidate;
    let position = query.anchor.position;
    if verdict.confidence < MOVE_THRESHOLD {
        return Placement::NeedsReview {
            candidate: TextPositionSelector { start, end },
            found: text.slice(start, end),
            confidence: verdict.confidence,
        };
    }
    let same_place = start == position.start && end == position.end;
    if same_place && text.chars().get(start..end) == Some(query.exact.as_slice()) {
        return anchored(query.anchor);
    }
    Placement::Moved {
        start,
        end,
        confidence: verdict.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{describe, find_quote};
    use proptest::prelude::*;
    use rstest::rstest;

    /// The body of the ANI article from the shared fixtures, as `show
    /// --json` returns it: paragraphs joined by newlines, boilerplate out.
    const ARTICLE: &str = include_str!("testdata/ani-2025-12-15-nato-guarantees-body.txt");

    const BASE: &str = concat!(
        "Kyiv, December 15. Zelenskyy said Ukraine could accept legally binding security guarantees from its allies.\n",
        "He called the offer \"a real compromise\" from Kyiv's side, adding that Article 5-like guarantees were needed.\n",
        "Officials said Russia launched 40 drones at Kharkiv on Monday, the air force reported.\n",
        "Officials said Russia launched 45 drones at Kherson on Sunday, the air force reported.\n",
        "Talks continue in Berlin on Tuesday with US envoys and European partners."
    );
    const GUARANTEES: &str = "Ukraine could accept legally binding security guarantees";
    const OFFER: &str = "He called the offer \"a real compromise\" from Kyiv's side";
    const ARTICLE_5: &str = "Article 5-like guarantees were needed";
    const DRONES: &str =
        "Officials said Russia launched 40 drones at Kharkiv on Monday, the air force reported.";
    const COMPROMISE: &str = "And it is already a compromise from our part.";

    /// What a re-anchoring should produce.
    #[derive(Debug, Clone, Copy)]
    enum Expect {
        /// Anchored at the old position.
        Stays,
        /// Moved, confidently, to the `n`th occurrence of this text.
        MovesTo(&'static str, usize),
        /// Needs review, with the `n`th occurrence of this text proposed.
        ReviewOf(&'static str, usize),
        /// Needs review, whatever the candidate: the text cannot tell.
        Review,
        /// Not placed confidently anywhere: orphaned, or a review.
        NotMoved,
        Orphaned,
    }

    /// The anchor of the only occurrence of `quote` in `text`.
    fn anchor_on(text: &str, quote: &str) -> Anchor {
        let starts = find_quote(text, quote);
        assert_eq!(
            starts.len(),
            1,
            "a test quote must be unique in the old text: {quote:?}"
        );
        describe(text, starts[0], starts[0] + quote.chars().count())
            .expect("the quote lies inside the text")
    }

    /// The span of the `nth` occurrence of `found` in `text`.
    fn span_of(text: &str, found: &str, nth: usize) -> TextPositionSelector {
        let starts = find_quote(text, found);
        let start = *starts
            .get(nth)
            .unwrap_or_else(|| panic!("test setup: occurrence {nth} of {found:?} missing"));
        TextPositionSelector {
            start,
            end: start + found.chars().count(),
        }
    }

    fn check(old: &str, quote: &str, new: &str, expect: Expect, why: &str) {
        let anchor = anchor_on(old, quote);
        let placement = reanchor(&anchor, new);
        let confidence = placement.confidence();
        match expect {
            Expect::Stays => assert_eq!(
                placement,
                Placement::Anchored {
                    start: anchor.position.start,
                    end: anchor.position.end
                },
                "{why}"
            ),
            Expect::MovesTo(found, nth) => {
                let span = span_of(new, found, nth);
                assert!(
                    matches!(placement, Placement::Moved { start, end, .. } if start == span.start && end == span.end),
                    "{why}: expected a confident move to {span:?}, got {placement:?}"
                );
                assert!(confidence >= MOVE_THRESHOLD, "{why}: a move is confident");
            }
            Expect::ReviewOf(found, nth) => {
                let span = span_of(new, found, nth);
                assert!(
                    matches!(&placement, Placement::NeedsReview { candidate, .. } if *candidate == span),
                    "{why}: expected a review proposing {span:?}, got {placement:?}"
                );
            }
            Expect::Review => assert!(
                matches!(placement, Placement::NeedsReview { .. }),
                "{why}: expected a review, got {placement:?}"
            ),
            Expect::NotMoved => assert!(
                matches!(
                    placement,
                    Placement::NeedsReview { .. } | Placement::Orphaned
                ),
                "{why}: expected no move, got {placement:?}"
            ),
            Expect::Orphaned => assert_eq!(placement, Placement::Orphaned, "{why}"),
        }
        assert!(
            (0.0..=1.0).contains(&confidence),
            "{why}: confidence stays in [0, 1]"
        );
    }

    fn without_line(text: &str, containing: &str) -> String {
        text.lines()
            .filter(|line| !line.contains(containing))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[rstest]
    #[case::unchanged(
        GUARANTEES, BASE.to_owned(), Expect::Stays,
        "an unchanged text keeps every anchor where it was"
    )]
    #[case::text_inserted_before(
        GUARANTEES, format!("Updated at 10:40. {BASE}"), Expect::MovesTo(GUARANTEES, 0),
        "text added before the span only shifts it"
    )]
    #[case::text_inserted_inside(
        GUARANTEES, BASE.replace("could accept", "could now accept"),
        Expect::MovesTo("Ukraine could now accept legally binding security guarantees", 0),
        "a word inserted inside the span is kept inside it, not cut off by substitutions"
    )]
    #[case::straight_to_curly_quotes(
        OFFER, BASE.replace("\"a real compromise\"", "“a real compromise”").replace("Kyiv's", "Kyiv’s"),
        Expect::MovesTo("He called the offer “a real compromise” from Kyiv’s side", 0),
        "curly and straight quotes are the same for matching; the text changed, so it is a move"
    )]
    #[case::hyphen_to_dash(
        ARTICLE_5, BASE.replace("5-like", "5–like"),
        Expect::MovesTo("Article 5–like guarantees were needed", 0),
        "a hyphen retyped as an en dash is the same quote"
    )]
    #[case::whitespace_and_case(
        GUARANTEES, format!("Lead.\n\n{}", BASE.replace("could accept legally binding", "could  accept Legally\nbinding")),
        Expect::MovesTo("Ukraine could  accept Legally\nbinding security guarantees", 0),
        "whitespace runs and case do not matter for matching, and offsets map back to the original text"
    )]
    #[case::repeat_elsewhere_context_picks(
        GUARANTEES,
        format!("Summary: Ukraine could accept legally binding security guarantees, diplomats hope.\n{BASE}"),
        Expect::MovesTo(GUARANTEES, 1),
        "only the second copy has the stored prefix and suffix around it"
    )]
    #[case::repeat_with_half_its_context(
        GUARANTEES,
        BASE.replacen("Kyiv, December 15.", "Kyiv, December 15. Zelenskyy said Ukraine could accept legally binding security guarantees from its allies.\nKyiv, December 15.", 1),
        Expect::MovesTo(GUARANTEES, 1),
        "both copies keep the prefix, but only the second is followed by the old next paragraph"
    )]
    #[case::repeat_with_all_its_context(
        GUARANTEES,
        format!("Updated. {}", BASE.replacen("Officials said Russia launched 40", &format!("{}\nOfficials said Russia launched 40", BASE.lines().take(2).collect::<Vec<_>>().join("\n")), 1)),
        Expect::Review,
        "the quote's paragraph and the next one appear twice, both shifted, so only the position differs, and it must not decide alone"
    )]
    #[case::repeat_in_foreign_contexts(
        GUARANTEES,
        format!(
            "In Rome, Ukraine could accept legally binding security guarantees, one envoy argued.\nIn Paris, Ukraine could accept legally binding security guarantees, another envoy argued.\n{}",
            without_line(BASE, "Kyiv, December 15")
        ),
        Expect::Review,
        "neither copy keeps the old context, so neither is clearly the appearance"
    )]
    #[case::paragraph_deleted(
        GUARANTEES,
        without_line(BASE, "Kyiv, December 15"),
        Expect::Orphaned,
        "nothing left resembles the quote, so it is orphaned, not moved"
    )]
    #[case::look_alike_after_deletion(
        DRONES, without_line(BASE, "40 drones"), Expect::NotMoved,
        "the next paragraph has the same shape and the same prefix but another city, day and figure"
    )]
    #[case::original_edited_beside_look_alike(
        DRONES, BASE.replace("40 drones", "40 attack drones"),
        Expect::MovesTo("Officials said Russia launched 40 attack drones at Kharkiv on Monday, the air force reported.", 0),
        "the edited original keeps its context and beats the look-alike below it"
    )]
    #[case::figure_changed_in_place(
        DRONES, BASE.replace("40 drones", "48 drones"),
        Expect::ReviewOf("Officials said Russia launched 48 drones at Kharkiv on Monday, the air force reported.", 0),
        "a changed figure changes the claim: a person must confirm even at the same place"
    )]
    fn reanchor_cases(
        #[case] quote: &str,
        #[case] new: String,
        #[case] expect: Expect,
        #[case] why: &str,
    ) {
        check(BASE, quote, &new, expect, why);
    }

    /// The quote's paragraph is deleted and the paragraph below it, which
    /// now follows the same prefix, reports a similar but different event:
    /// Hypothesis's known failure is to move the anchor there silently.
    #[rstest]
    #[case::city_changed(
        "Officials said Russia launched 40 drones at Kherson on Monday, the air force reported."
    )]
    #[case::day_changed(
        "Officials said Russia launched 40 drones at Kharkiv on Sunday, the air force reported."
    )]
    #[case::figure_changed(
        "Officials said Russia launched 45 drones at Kharkiv on Monday, the air force reported."
    )]
    #[case::weapon_changed(
        "Officials said Russia launched 40 missiles at Kharkiv on Monday, the air force reported."
    )]
    #[case::source_changed(
        "Officials said Russia launched 40 drones at Kharkiv on Monday, the navy reported."
    )]
    fn look_alike_below_a_deleted_paragraph_is_not_moved_to(#[case] look_alike: &str) {
        let old = BASE.replace(
            "Officials said Russia launched 45 drones at Kherson on Sunday, the air force reported.",
            look_alike,
        );
        let new = without_line(&old, DRONES);
        check(
            &old,
            DRONES,
            &new,
            Expect::NotMoved,
            "a look-alike with another place, day, figure, weapon or source is another claim",
        );
    }

    #[rstest]
    #[case::modal_changed("could accept", "would accept")]
    #[case::limiter_added("could accept", "could only accept")]
    #[case::negation_added("could accept", "could not accept")]
    #[case::contraction_added("could accept", "couldn't accept")]
    #[case::negation_dropped("not holding direct talks", "holding direct talks")]
    fn a_word_that_turns_the_meaning_needs_review(#[case] was: &str, #[case] now: &str) {
        let old = format!("Kyiv, Dec 14. Zelenskyy said Ukraine {was} legally binding security guarantees from the US and Europe. Talks went on.");
        let quote = format!("Ukraine {was} legally binding security guarantees");
        let new = old.replace(was, now);
        let placement = reanchor(&describe_quote(&old, &quote), &new);
        assert!(
            matches!(placement, Placement::NeedsReview { .. }),
            "“{was}” → “{now}” changes the claim; a person decides: {placement:?}"
        );
        let batch = reanchor_all(&old, &new, &[describe_quote(&old, &quote)]);
        assert!(
            matches!(batch[0], Placement::NeedsReview { .. }),
            "the batch path agrees: {:?}",
            batch[0]
        );
    }

    fn describe_quote(text: &str, quote: &str) -> Anchor {
        let start = crate::anchor::find_quote(text, quote)[0];
        crate::anchor::describe(text, start, start + quote.chars().count()).unwrap()
    }

    #[test]
    fn look_alike_with_only_names_changed_is_not_moved_to() {
        let old = "The mayor said.\nIn Kharkiv, Ihor Terekhov said the shelter was full.\nThe governor added more.\nIn Kherson, Roman Mrochko said the shelter was full.\nEnd.";
        let new = without_line(old, "Kharkiv");
        check(
            old,
            "In Kharkiv, Ihor Terekhov said the shelter was full.",
            &new,
            Expect::NotMoved,
            "another city and another official make another claim, however alike the sentence",
        );
    }

    #[rstest]
    #[case::unchanged(ARTICLE.to_owned(), Expect::Stays, "nothing changed")]
    #[case::paragraph_added_on_top(
        format!("UPDATE: adds reaction from Moscow.\n{ARTICLE}"),
        Expect::MovesTo(COMPROMISE, 0),
        "a new first paragraph shifts the quote"
    )]
    #[case::quotes_curled(
        ARTICLE.replace(", \"And it is already a compromise from our part.\"", ", “And it is already a compromise from our part.”"),
        Expect::Stays,
        "curly quotes around the sentence change its context, not the sentence, which is still at its place and nowhere else"
    )]
    #[case::wording_edited(
        ARTICLE.replace("compromise from our part", "compromise on our part"),
        Expect::MovesTo("And it is already a compromise on our part.", 0),
        "a corrected preposition is the same sentence"
    )]
    #[case::paragraph_deleted(
        without_line(ARTICLE, "compromise from our part"),
        Expect::NotMoved,
        "the paragraph with the quote is gone"
    )]
    #[case::quoted_again_later(
        format!("{ARTICLE}\nZelenskyy repeated: \"And it is already a compromise from our part.\" No details were given."),
        Expect::Stays,
        "the quote at its old place with its old context stays, though a copy appears later"
    )]
    #[case::quoted_again_and_shifted(
        format!("Editor's note: updated.\n{ARTICLE}\nZelenskyy repeated: \"And it is already a compromise from our part.\" No details were given."),
        Expect::MovesTo(COMPROMISE, 0),
        "the copy with the stored context wins over the later repeat"
    )]
    fn reanchor_in_the_real_article(
        #[case] new: String,
        #[case] expect: Expect,
        #[case] why: &str,
    ) {
        check(ARTICLE, COMPROMISE, &new, expect, why);
    }

    #[test]
    fn many_anchors_share_one_prepared_text() {
        let new = format!("A new lead paragraph.\n{ARTICLE}");
        let prepared = PreparedText::new(&new);
        for quote in [COMPROMISE, "20-point plan", "deadliest since World War II"] {
            let anchor = anchor_on(ARTICLE, quote);
            let placement = reanchor_in(&prepared, &anchor);
            assert_eq!(
                placement.span(),
                Some(span_of(&new, quote, 0)),
                "each anchor moves by the inserted lead: {placement:?}"
            );
        }
    }

    #[test]
    fn a_batch_gives_each_anchor_what_it_gets_alone() {
        // The text only shifts, so the batch's sync points change nothing.
        let new = format!("UPDATE: adds reaction from Moscow.\n{ARTICLE}");
        let len = ARTICLE.chars().count();
        let anchors: Vec<Anchor> = (0..300)
            .map(|i| {
                let start = (i * 37) % (len - 60);
                describe(ARTICLE, start, start + 20 + i % 40).expect("span inside the article")
            })
            .collect();
        let prepared = PreparedText::new(&new);
        let alone: Vec<Placement> = anchors.iter().map(|a| reanchor_in(&prepared, a)).collect();
        assert_eq!(
            reanchor_all(ARTICLE, &new, &anchors),
            alone,
            "a batch changes no answer and keeps the order"
        );
    }

    #[test]
    fn a_batch_finds_a_quote_edited_in_place_and_one_moved_far_away() {
        let filler: String = (0..3000).map(|i| format!("word{i} ")).collect();
        let kept = "Zelenskyy said Ukraine could accept legally binding security guarantees";
        let moved = "Officials said Russia launched 40 drones at Kharkiv on Monday";
        let old =
            format!("Intro. {moved}, the air force said. {filler} Later: {kept}, he added. End.");
        let anchors = [kept, moved].map(|quote| anchor_on(&old, quote));
        let kept_edited = kept.replace("could accept", "could now accept");
        let moved_edited = moved.replace("40 drones", "40 attack drones");
        let new = format!("Intro. {filler} Later: {kept_edited}, he added. End. {moved_edited}, the air force said.");
        let placements = reanchor_all(&old, &new, &anchors);
        for (placement, edited) in placements.iter().zip([&kept_edited, &moved_edited]) {
            let span = placement
                .span()
                .unwrap_or_else(|| panic!("{edited:?} is found, not orphaned: {placement:?}"));
            let found: String = new
                .chars()
                .skip(span.start)
                .take(span.end - span.start)
                .collect();
            assert_eq!(
                &found, edited,
                "the edited quote is proposed where it now is, near its old place or far from it"
            );
        }
    }

    #[test]
    fn placement_serialises_with_the_cli_state_names() {
        let json = serde_json::to_value(Placement::NeedsReview {
            candidate: TextPositionSelector { start: 1, end: 4 },
            found: "abc".into(),
            confidence: 0.5,
        })
        .expect("placements serialise");
        assert_eq!(
            json["anchor"], "needs_review",
            "the CLI's `anchor` field uses these names"
        );
        let orphan = serde_json::to_value(Placement::Orphaned).expect("placements serialise");
        assert_eq!(
            orphan["anchor"], "orphaned",
            "orphans are listed, never dropped"
        );
    }

    #[test]
    fn an_empty_quote_is_orphaned() {
        let anchor = Anchor {
            quote: crate::anchor::TextQuoteSelector {
                exact: String::new(),
                prefix: String::new(),
                suffix: String::new(),
            },
            position: TextPositionSelector { start: 0, end: 0 },
        };
        assert_eq!(
            reanchor(&anchor, "text"),
            Placement::Orphaned,
            "a damaged anchor with nothing to look for cannot be placed"
        );
    }

    /// One edit: where (a seed reduced modulo the length), what, which char.
    fn edits() -> impl Strategy<Value = Vec<(usize, u8, char)>> {
        prop::collection::vec((any::<usize>(), 0u8..3, any::<char>()), 0..12)
    }

    /// A text of distinct words (so a quote and its context have one true
    /// place), an anchor on `span` of it, the text after `edits` that spare
    /// the quote and its context, and where the quote truly is in it.
    fn intact_case(
        words: Vec<String>,
        span: (usize, usize),
        edits: &[(usize, u8, char)],
    ) -> (String, Anchor, String, TextPositionSelector) {
        let mut seen = HashSet::new();
        let text = words
            .into_iter()
            .filter(|w| seen.insert(w.clone()))
            .collect::<Vec<_>>()
            .join(" ");
        let len = text.chars().count();
        let start = span.0 % len;
        let end = (start + span.1).min(len);
        let anchor = describe(&text, start, end).expect("span chosen inside the text");
        let keep = (
            start - anchor.quote.prefix.chars().count(),
            end + anchor.quote.suffix.chars().count(),
        );
        let (new, kept_from) = apply(&text, edits, keep);
        let true_start = kept_from + anchor.quote.prefix.chars().count();
        let expected = TextPositionSelector {
            start: true_start,
            end: true_start + (end - start),
        };
        (text, anchor, new, expected)
    }

    /// Applies `edits` to `text`, never inside `[keep_from, keep_to)`, and
    /// returns the edited text and where the kept region went.
    fn apply(
        text: &str,
        edits: &[(usize, u8, char)],
        (mut keep_from, mut keep_to): (usize, usize),
    ) -> (String, usize) {
        let mut chars: Vec<char> = text.chars().collect();
        for &(seed, kind, c) in edits {
            let at = seed % (chars.len() + 1);
            let outside = at < keep_from || at >= keep_to;
            match kind {
                0 if at <= keep_from || at >= keep_to => {
                    chars.insert(at, c);
                    if at <= keep_from {
                        (keep_from, keep_to) = (keep_from + 1, keep_to + 1);
                    }
                }
                1 if at < chars.len() && outside => {
                    chars.remove(at);
                    if at < keep_from {
                        (keep_from, keep_to) = (keep_from - 1, keep_to - 1);
                    }
                }
                2 if at < chars.len() && outside => chars[at] = c,
                _ => {}
            }
        }
        (chars.into_iter().collect(), keep_from)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn random_edits_never_panic(
            text in "\\PC{0,120}",
            span in (0usize..120, 1usize..40),
            edits in edits(),
        ) {
            let len = text.chars().count();
            prop_assume!(len > 0);
            let start = span.0 % len;
            let end = (start + span.1).min(len);
            let anchor = describe(&text, start, end).expect("span chosen inside the text");
            let (new, _) = apply(&text, &edits, (0, 0));
            let placement = reanchor(&anchor, &new);
            let new_len = new.chars().count();
            if let Some(found) = placement.span() {
                prop_assert!(found.start < found.end && found.end <= new_len,
                    "a placed span is non-empty and inside the new text: {placement:?}");
            }
            prop_assert!((0.0..=1.0).contains(&placement.confidence()), "confidence stays in [0, 1]");
        }

        #[test]
        fn unchanged_quote_is_found_at_its_true_place(
            // Distinct words: in a text that repeats itself (say, only
            // "aa a aaa") a quote and its context have no single true place.
            words in prop::collection::vec("[a-z]{2,8}", 15..60),
            span in (any::<usize>(), 1usize..40),
            edits in edits(),
        ) {
            let (_, anchor, new, expected) = intact_case(words, span, &edits);
            let placement = reanchor(&anchor, &new);
            prop_assert!(
                matches!(placement, Placement::Anchored { .. } | Placement::Moved { .. }),
                "a quote with its context intact is placed confidently: {placement:?}"
            );
            prop_assert_eq!(placement.span(), Some(expected), "and at its true place");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever a bundle or an annotation file says (positions past the
        /// text, at the ends of the integers, a start after its end), re-
        /// anchoring answers with a placement and never panics.
        #[test]
        fn any_selector_on_any_text_is_placed_without_a_panic(
            text in ".{0,80}",
            exact in ".{0,12}",
            prefix in ".{0,6}",
            suffix in ".{0,6}",
            start in prop_oneof![0usize..100, Just(usize::MAX), Just(usize::MAX - 1), any::<usize>()],
            end in prop_oneof![0usize..100, Just(usize::MAX), Just(usize::MAX - 1), any::<usize>()],
        ) {
            let anchor = Anchor {
                quote: crate::anchor::TextQuoteSelector { exact, prefix, suffix },
                position: TextPositionSelector { start, end },
            };
            let _ = reanchor(&anchor, &text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn a_batch_on_any_text_never_panics(
            text in "\\PC{0,120}",
            spans in prop::collection::vec((0usize..120, 1usize..40), 1..4),
            edits in edits(),
        ) {
            let len = text.chars().count();
            prop_assume!(len > 0);
            let anchors: Vec<Anchor> = spans
                .iter()
                .map(|&(at, width)| {
                    let start = at % len;
                    describe(&text, start, (start + width).min(len)).expect("span chosen inside the text")
                })
                .collect();
            let (new, _) = apply(&text, &edits, (0, 0));
            let placements = reanchor_all(&text, &new, &anchors);
            prop_assert_eq!(placements.len(), anchors.len(), "one placement per anchor");
            let new_len = new.chars().count();
            for placement in &placements {
                if let Some(found) = placement.span() {
                    prop_assert!(found.start < found.end && found.end <= new_len,
                        "a placed span is non-empty and inside the new text: {placement:?}");
                }
            }
        }

        #[test]
        fn a_batch_after_random_edits_never_panics_and_keeps_intact_quotes(
            words in prop::collection::vec("[a-z]{2,8}", 15..60),
            span in (any::<usize>(), 1usize..40),
            edits in edits(),
        ) {
            let (text, anchor, new, expected) = intact_case(words, span, &edits);
            let placements = reanchor_all(&text, &new, std::slice::from_ref(&anchor));
            prop_assert_eq!(placements.len(), 1, "one placement per anchor");
            prop_assert!(
                matches!(placements[0], Placement::Anchored { .. } | Placement::Moved { .. }),
                "a quote with its context intact is placed confidently: {:?}", placements[0]
            );
            prop_assert_eq!(placements[0].span(), Some(expected), "and at its true place");
        }
    }

    #[test]
    fn an_edited_quote_moved_far_away_is_still_found() {
        // A long article whose quoted paragraph is edited and moved from the
        // start to the end: beyond the near search, so the whole text must
        // be searched before anything is called orphaned.
        let filler: String = (0..3000).map(|i| format!("word{i} ")).collect();
        let quote =
            "Ukraine could accept legally binding security guarantees from the United States";
        let old = format!("Intro line. {quote}, he said. {filler}");
        let start = old.find(quote).unwrap();
        let anchor = describe(&old, start, start + quote.chars().count()).unwrap();
        let edited = quote.replace("could", "would");
        let new = format!("Intro line. {filler} Later: {edited}, he said.");
        let placement = reanchor(&anchor, &new);
        let span = placement
            .span()
            .expect("the edited quote is found, not orphaned");
        let found: String = new
            .chars()
            .skip(span.start)
            .take(span.end - span.start)
            .collect();
        assert_eq!(
            found, edited,
            "the candidate is the edited quote at its new place: {placement:?}"
        );
    }
}
