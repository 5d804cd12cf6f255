//! Hits: the places in other articles where a quote's words appear, verbatim
//! or with a few words changed. Candidate articles come from FTS5, each is
//! compared word by word with Myers' matcher, places already marked are
//! left out, and what each hit's article says about it (speaker, time,
//! chain) is read as hints.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use sqlx::{Row, SqliteConnection};

use crate::anchor::myers;
use crate::model::{DiffOp, DiffSegment, MatchHit, MatchKind, PartialQuote};
use crate::persons;
use crate::store::{query_in, Result};
use crate::suggest::{self, ArticleContext, People};

use super::fold::{fold_word, word_spans, words, Word};
use super::rare::{rare_words, STOPWORDS};
use super::stop;
use super::Source;

/// Articles holding all of a quote's rare words compared with it, at most
/// (the newest, when more hold them: a quote carried more widely than this
/// is found in the 500 latest).
const ALL_WORDS_CANDIDATES: u32 = 500;
/// Hits returned at most: the best are kept (verbatim first).
const MAX_HITS: usize = 1_000;
/// Articles holding only some of them (the best ranked), per quote.
const CANDIDATES: u32 = 50;
/// Rare words of a quote that pick its candidates.
const RARE_WORDS: usize = 4;
/// Quotes shorter than this (in words) are too common to look for.
const MIN_WORDS: usize = 3;
/// Context either side of a hit, in chars.
const CONTEXT: usize = 60;

/// Candidate articles compared in one call, at most (a storyline's quotes
/// together): bounds the time and the symbols a call can need.
const MAX_CANDIDATES: usize = 20_000;

/// Folded words as symbols for Myers' matcher: each distinct folded word
/// one char above the Basic Multilingual Plane. Words as typed are cached,
/// so each distinct spelling of a candidate text is folded once.
#[derive(Default)]
struct Symbols {
    folded: HashMap<String, char>,
    typed: HashMap<String, Option<char>>,
}

impl Symbols {
    fn symbol(&mut self, key: String) -> char {
        let next = self.folded.len() as u32;
        *self
            .folded
            .entry(key)
            .or_insert_with(|| char::from_u32(0x1_0000 + next).unwrap_or('\u{FFFD}'))
    }

    fn of(&mut self, words: &[Word]) -> Vec<char> {
        words.iter().map(|w| self.symbol(w.key.clone())).collect()
    }

    /// The words of `text` with their places, and their symbols.
    fn text(&mut self, text: &str) -> (Vec<Word>, Vec<char>) {
        let mut words = Vec::new();
        let mut symbols = Vec::new();
        for (start, end, bytes) in word_spans(text) {
            let typed = &text[bytes];
            let symbol = match self.typed.get(typed) {
                Some(s) => *s,
                None => {
                    let key = fold_word(typed);
                    let s = (!key.is_empty()).then(|| self.symbol(key));
                    self.typed.insert(typed.to_owned(), s);
                    s
                }
            };
            if let Some(symbol) = symbol {
                // Only the places are needed for a candidate's words.
                words.push(Word {
                    key: String::new(),
                    start,
                    end,
                });
                symbols.push(symbol);
            }
        }
        (words, symbols)
    }
}

/// The most word errors a hit of a quote of `words` words may have.
fn budget(words: usize) -> usize {
    words / 4
}

/// A candidate article's current text.
struct Candidate {
    article_id: String,
    title: String,
    outlet: Option<String>,
    published_at: Option<String>,
    dateline: Option<String>,
    revision_id: String,
    revision: u32,
    body: String,
    words: Vec<Word>,
    symbols: Vec<char>,
    chars: Vec<char>,
}

/// The hits of `sources` in every article, or only in the articles of
/// `within` (FTS keys: what an import just brought in).
impl Candidate {
    /// Its words and symbols, read the first time they are needed.
    fn read(&mut self, symbols: &mut Symbols) {
        if self.symbols.is_empty() {
            (self.words, self.symbols) = symbols.text(&self.body);
            self.chars = self.body.chars().collect();
        }
    }
}

/// Places already hit for a claim in an article (another wording of the
/// same claim, or another kind of match, may find them again).
type HitPlaces = HashMap<(String, String), Vec<(usize, usize)>>;

/// Whether `[start, end)` of the candidate is free for a hit of the
/// source's claim (not marked, not hit for it already); takes it if so.
fn free_place(
    marked: &HashMap<String, Vec<(usize, usize)>>,
    hit_places: &mut HitPlaces,
    candidate: &Candidate,
    source: &Source,
    (start, end): (usize, usize),
) -> bool {
    let overlaps = |spans: &[(usize, usize)]| spans.iter().any(|&(s, t)| s < end && start < t);
    if marked
        .get(&candidate.revision_id)
        .is_some_and(|spans| overlaps(spans))
    {
        return false;
    }
    let places = hit_places
        .entry((candidate.article_id.clone(), source.claim_id.clone()))
        .or_default();
    if overlaps(places) {
        return false;
    }
    places.push((start, end));
    true
}

/// What a search looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look {
    /// The words and the meaning (find everywhere).
    Everything,
    /// The words only (an import's articles, not embedded yet).
    Words,
    /// The meaning only (articles just embedded, their words looked for
    /// at import).
    Meaning,
}

pub(crate) async fn hits(
    conn: &mut SqliteConnection,
    sources: &[Source],
    within: Option<&HashSet<i64>>,
    look: Look,
) -> Result<Vec<MatchHit>> {
    // One search per distinct wording.
    let mut quotes: Vec<(Vec<Word>, &Source)> = Vec::new();
    let mut seen = HashSet::new();
    for source in sources {
        let words = words(&source.exact);
        let key: Vec<&str> = words.iter().map(|w| w.key.as_str()).collect();
        if words.len() >= MIN_WORDS && seen.insert(key.join(" ")) {
            quotes.push((words, source));
        }
    }
    if quotes.is_empty() {
        return Ok(Vec::new());
    }
    let texts: Vec<&str> = quotes.iter().map(|(_, s)| s.exact.as_str()).collect();
    let words = look != Look::Meaning;
    let counted = if words {
        rare_words(conn, &texts, 2).await?
    } else {
        vec![Vec::new(); texts.len()]
    };
    // A quote made of little words ("he said that it was not in the
    // interest of all of us") resembles too much text to allow changed
    // words: only its exact words are looked for.
    let budgets: Vec<usize> = quotes
        .iter()
        .map(|(quote, _)| {
            let telling = quote
                .iter()
                .filter(|w| w.key.chars().count() >= 3 && !STOPWORDS.contains(&w.key.as_str()))
                .count();
            if telling >= 3 {
                budget(quote.len())
            } else {
                0
            }
        })
        .collect();
    let rare: Vec<Vec<String>> = counted
        .into_iter()
        .map(|list| list.into_iter().take(RARE_WORDS).map(|(_, w)| w).collect())
        .collect();
    // Statements of the same meaning (when the model is there).
    let near_of = if look == Look::Words {
        vec![Vec::new(); quotes.len()]
    } else {
        super::meaning::near(conn, &texts, within).await?
    };
    let mut candidates_of: Vec<Vec<i64>> = Vec::with_capacity(quotes.len());
    let mut partial_of: Vec<Vec<i64>> = Vec::with_capacity(quotes.len());
    let mut keys: Vec<i64> = Vec::new();
    for (rare, (quote, source)) in rare.iter().zip(&quotes) {
        if !words {
            candidates_of.push(Vec::new());
            partial_of.push(Vec::new());
            continue;
        }
        let found = candidate_keys(conn, rare, within).await?;
        keys.extend(&found);
        candidates_of.push(found);
        let found = partial_keys(conn, &source.exact, quote, within).await?;
        keys.extend(&found);
        partial_of.push(found);
    }
    keys.extend(near_of.iter().flatten().map(|(key, _)| *key));
    keys.sort_unstable();
    keys.dedup();
    keys.truncate(MAX_CANDIDATES);
    let candidates = load_candidates(conn, &keys).await?;
    let mut symbols = Symbols::default();
    let mut candidates: HashMap<i64, Candidate> = candidates.into_iter().collect();
    let revisions: Vec<String> = candidates.values().map(|c| c.revision_id.clone()).collect();
    let marked = marked_spans(conn, &revisions).await?;
    let mut found: Vec<MatchHit> = Vec::new();
    let mut hit_places = HitPlaces::new();
    for (((quote, source), keys), &budget) in quotes.iter().zip(&candidates_of).zip(&budgets) {
        let pattern = symbols.of(quote);
        for key in keys {
            if found.len() >= MAX_HITS {
                break;
            }
            let Some(candidate) = candidates.get_mut(key) else {
                continue;
            };
            candidate.read(&mut symbols);
            // Every place within the budget, fewest errors first, so a
            // near copy next to a marked verbatim one is still found.
            let mut ends = myers::ends(&candidate.symbols, &pattern, budget);
            ends.sort_by_key(|e| (e.errors, e.end));
            let mut taken_words: Vec<(usize, usize)> = Vec::new();
            for e in ends {
                let first = myers::start_of(&candidate.symbols, &pattern, e.end, e.errors);
                if first >= e.end || taken_words.iter().any(|&(s, t)| s < e.end && first < t) {
                    continue;
                }
                taken_words.push((first, e.end));
                let (start, end) = (candidate.words[first].start, candidate.words[e.end - 1].end);
                if !free_place(&marked, &mut hit_places, candidate, source, (start, end)) {
                    continue;
                }
                let kind = if e.errors == 0 {
                    MatchKind::Verbatim
                } else {
                    MatchKind::Near
                };
                let similarity = 1.0 - e.errors as f64 / quote.len() as f64;
                let mut found_hit = hit(candidate, source, (start, end), kind, similarity, None);
                if kind == MatchKind::Near {
                    found_hit.diff = word_diff(&source.exact, quote, &found_hit.exact);
                }
                found.push(found_hit);
            }
        }
    }
    // Partial quotes: a run of the quote's words, at least four of them
    // telling ones, carried inside another sentence.
    for ((quote, source), keys) in quotes.iter().zip(&partial_of) {
        let pattern = symbols.of(quote);
        let telling = stop::telling(quote);
        // Telling words not written as a name (capitalised): the words of
        // the statement rather than of who or where.
        let quote_chars: Vec<char> = source.exact.chars().collect();
        let plain: Vec<bool> = quote
            .iter()
            .zip(&telling)
            .map(|(w, &t)| t && !quote_chars[w.start].is_uppercase())
            .collect();
        for key in keys {
            if found.len() >= MAX_HITS {
                break;
            }
            let Some(candidate) = candidates.get_mut(key) else {
                continue;
            };
            candidate.read(&mut symbols);
            for run in common_runs(&candidate.symbols, &pattern, &telling, &plain) {
                if run.len == pattern.len() {
                    // The whole quote: a verbatim hit (or a marked place).
                    continue;
                }
                let start = candidate.words[run.text].start;
                let end = candidate.words[run.text + run.len - 1].end;
                if !free_place(&marked, &mut hit_places, candidate, source, (start, end)) {
                    continue;
                }
                let partial = partial_quote(&source.exact, quote, run.pattern, run.len);
                let similarity = run.len as f64 / pattern.len() as f64;
                found.push(hit(
                    candidate,
                    source,
                    (start, end),
                    MatchKind::Partial,
                    similarity,
                    Some(partial),
                ));
            }
        }
    }
    // The same meaning in other words or another language: what no words
    // matched already, in articles where the claim does not appear yet
    // (the reporter's own article restates its story in every sentence).
    let claims: Vec<String> = quotes.iter().map(|(_, s)| s.claim_id.clone()).collect();
    let appears_in: HashSet<(String, String)> = if near_of.iter().all(Vec::is_empty) {
        HashSet::new()
    } else {
        query_in::<(String, String)>(
            conn,
            "SELECT a.claim_id, r.article_id FROM appearances a
             JOIN revisions r ON r.id = a.revision_id WHERE a.claim_id IN",
            &claims,
        )
        .await?
        .into_iter()
        .collect()
    };
    for ((_, source), near) in quotes.iter().zip(&near_of) {
        for (key, n) in near {
            if found.len() >= MAX_HITS {
                break;
            }
            let Some(candidate) = candidates.get_mut(key) else {
                continue;
            };
            if appears_in.contains(&(source.claim_id.clone(), candidate.article_id.clone())) {
                continue;
            }
            candidate.read(&mut symbols);
            if n.end > candidate.chars.len() {
                continue;
            }
            let statement: String = candidate.chars[n.start..n.end].iter().collect();
            let Some(kind) = super::meaning::kind(&source.exact, &statement, n.similarity) else {
                continue;
            };
            if !super::meaning::same_figures(&source.exact, &statement)
                || !free_place(
                    &marked,
                    &mut hit_places,
                    candidate,
                    source,
                    (n.start, n.end),
                )
            {
                continue;
            }
            found.push(hit(
                candidate,
                source,
                (n.start, n.end),
                kind,
                f64::from(n.similarity),
                None,
            ));
        }
    }
    // What the text says about each hit (speaker, time, chain), reading
    // each article once and folding the workspace's persons once.
    if found.is_empty() {
        return Ok(found);
    }
    let persons = persons_named(conn, sources, &candidates, &found).await?;
    let people = People::new(&persons);
    let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, h) in found.iter().enumerate() {
        by_article.entry(h.article_id.clone()).or_default().push(i);
    }
    for candidate in candidates.values() {
        let Some(indices) = by_article.get(&candidate.article_id) else {
            continue;
        };
        let ctx = ArticleContext {
            body: &candidate.body,
            title: &candidate.title,
            published_at: candidate.published_at.as_deref(),
            outlet: candidate.outlet.as_deref(),
            dateline: candidate.dateline.as_deref(),
        };
        let spans: Vec<(usize, usize)> = indices
            .iter()
            .map(|&i| (found[i].start as usize, found[i].end as usize))
            .collect();
        for (&i, hints) in indices
            .iter()
            .zip(suggest::hints_many(&ctx, &people, &spans))
        {
            found[i].hints = hints;
        }
    }
    // A statement another person made is not the same claim, however
    // close its meaning (the words matched are the quote's own).
    let speaker_of: HashMap<&str, &str> = sources
        .iter()
        .filter_map(|s| Some((s.appearance_id.as_str(), s.speaker_id.as_deref()?)))
        .collect();
    let mut hits: Vec<MatchHit> = found
        .into_iter()
        .filter(|h| {
            h.kind.is_words()
                || match (
                    speaker_of.get(h.source_appearance_id.as_str()),
                    &h.hints.speaker_id,
                ) {
                    (Some(said), Some(says)) => said == says,
                    _ => true,
                }
        })
        .collect();
    // The same words are stronger evidence than the same meaning: word
    // matches first, each kind by its similarity.
    hits.sort_by(|a, b| {
        b.kind
            .is_words()
            .cmp(&a.kind.is_words())
            .then_with(|| b.similarity.total_cmp(&a.similarity))
            .then_with(|| a.published_at.cmp(&b.published_at))
            .then_with(|| a.article_id.cmp(&b.article_id))
            .then(a.start.cmp(&b.start))
    });
    Ok(hits)
}

/// The persons the hits' articles may name: the claimants of the claims
/// looked for, and every person one of whose names holds a capitalised
/// word of those articles (found through the persons' index). Folding all
/// of a large workspace's persons for a few hits would cost more than the
/// search.
async fn persons_named(
    conn: &mut SqliteConnection,
    sources: &[Source],
    candidates: &HashMap<i64, Candidate>,
    found: &[MatchHit],
) -> Result<Vec<suggest::KnownPerson>> {
    let articles: HashSet<&str> = found.iter().map(|h| h.article_id.as_str()).collect();
    let mut words: Vec<String> = Vec::new();
    for candidate in candidates
        .values()
        .filter(|c| articles.contains(c.article_id.as_str()))
    {
        for m in CAPITALISED.find_iter(&candidate.body) {
            let word = m.as_str().to_owned();
            if words.len() < 400 && !words.contains(&word) {
                words.push(word);
            }
        }
    }
    let mut ids: Vec<String> = Vec::new();
    let claims: Vec<String> = sources.iter().map(|s| s.claim_id.clone()).collect();
    for (claimant,) in
        query_in::<(Option<String>,)>(conn, "SELECT claimant_id FROM claims WHERE id IN", &claims)
            .await?
            .into_iter()
            .filter_map(|(c,)| c.map(|c| (c,)))
    {
        ids.push(claimant);
    }
    if !words.is_empty() {
        let query = words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" OR ");
        let named: Vec<String> = sqlx::query_scalar(
            "SELECT k.person_id FROM person_fts JOIN person_fts_keys k ON k.key = person_fts.rowid
             WHERE person_fts MATCH ? LIMIT 1000",
        )
        .bind(query)
        .fetch_all(&mut *conn)
        .await?;
        ids.extend(named);
    }
    ids.sort();
    ids.dedup();
    persons::known_among(conn, &ids).await
}

/// A capitalised word: a name, or part of one.
static CAPITALISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\p{Lu}[\p{L}\p{M}]{2,}").expect("valid regex"));

fn hit(
    candidate: &Candidate,
    source: &Source,
    (start, end): (usize, usize),
    kind: MatchKind,
    similarity: f64,
    partial: Option<PartialQuote>,
) -> MatchHit {
    let chars = &candidate.chars;
    let before_start = start.saturating_sub(CONTEXT);
    let after_end = (end + CONTEXT).min(chars.len());
    MatchHit {
        claim_id: source.claim_id.clone(),
        source_appearance_id: source.appearance_id.clone(),
        article_id: candidate.article_id.clone(),
        article_title: candidate.title.clone(),
        outlet: candidate.outlet.clone(),
        published_at: candidate.published_at.clone(),
        revision: candidate.revision,
        start: start as u32,
        end: end as u32,
        exact: chars[start..end].iter().collect(),
        before: chars[before_start..start].iter().collect(),
        after: chars[end..after_end].iter().collect(),
        similarity,
        verbatim: kind == MatchKind::Verbatim,
        kind,
        partial,
        source_exact: source.exact.clone(),
        diff: Vec::new(),
        hints: Default::default(),
    }
}

/// A near copy's words against the quote's (`quote`, the folded words of
/// `exact`): the longest common run of folded words kept, the rest marked
/// as dropped from the quote or added by the copy.
fn word_diff(exact: &str, quote: &[Word], copy: &str) -> Vec<DiffSegment> {
    let copy_words = words(copy);
    let (a, b) = (quote, copy_words.as_slice());
    let quote_chars: Vec<char> = exact.chars().collect();
    let copy_chars: Vec<char> = copy.chars().collect();
    let text = |chars: &[char], w: &Word| chars[w.start..w.end].iter().collect::<String>();
    // lcs[i][j]: the common words of a[i..] and b[j..].
    let mut lcs = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i].key == b[j].key {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut parts: Vec<DiffSegment> = Vec::new();
    let mut push = |op: DiffOp, word: String| match parts.last_mut() {
        Some(last) if last.op == op => {
            last.text.push(' ');
            last.text.push_str(&word);
        }
        _ => parts.push(DiffSegment { op, text: word }),
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i].key == b[j].key {
            push(DiffOp::Equal, text(&copy_chars, &b[j]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            // What the quote had first, then what the copy wrote instead.
            push(DiffOp::Delete, text(&quote_chars, &a[i]));
            i += 1;
        } else {
            push(DiffOp::Insert, text(&copy_chars, &b[j]));
            j += 1;
        }
    }
    parts
}

/// Telling words a run of a quote's words must hold to be a partial quote.
const PARTIAL_TELLING: usize = 4;
/// Of those, how many must not be written as a name: a run that is only a
/// name or a title ("the New York State Attorney General", "WeWork's
/// founder and former CEO, Adam Neumann") names who, not what was said.
const PARTIAL_PLAIN: usize = 3;

/// A run of words the same in a text and a quote.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    /// Where it starts in the text's words.
    text: usize,
    /// Where it starts in the quote's words.
    pattern: usize,
    len: usize,
}

/// The longest runs of words `text` and `pattern` share (each as long as
/// it goes), holding at least [`PARTIAL_TELLING`] telling words of the
/// quote, [`PARTIAL_PLAIN`] of them not written as names (`plain`),
/// quote, longest first and none overlapping another in the text.
fn common_runs(text: &[char], pattern: &[char], telling: &[bool], plain: &[bool]) -> Vec<Run> {
    let mut at: HashMap<char, Vec<usize>> = HashMap::new();
    for (j, &c) in pattern.iter().enumerate() {
        at.entry(c).or_default().push(j);
    }
    let mut runs = Vec::new();
    for (i, c) in text.iter().enumerate() {
        let Some(places) = at.get(c) else {
            continue;
        };
        for &j in places {
            // Only where a run starts: not the continuation of a longer one.
            if i > 0 && j > 0 && text[i - 1] == pattern[j - 1] {
                continue;
            }
            let mut len = 0;
            while i + len < text.len()
                && j + len < pattern.len()
                && text[i + len] == pattern[j + len]
            {
                len += 1;
            }
            let count = |flags: &[bool]| flags[j..j + len].iter().filter(|&&t| t).count();
            if count(telling) >= PARTIAL_TELLING && count(plain) >= PARTIAL_PLAIN {
                runs.push(Run {
                    text: i,
                    pattern: j,
                    len,
                });
            }
        }
    }
    runs.sort_by_key(|r| (std::cmp::Reverse(r.len), r.text));
    let mut kept: Vec<Run> = Vec::new();
    for run in runs {
        let overlaps = kept
            .iter()
            .any(|k| k.text < run.text + run.len && run.text < k.text + k.len);
        if !overlaps {
            kept.push(run);
        }
    }
    kept
}

/// Which part of the quote `exact` a run of its words (`first`, `len`
/// words) is, and what was left out either side.
fn partial_quote(exact: &str, quote: &[Word], first: usize, len: usize) -> PartialQuote {
    let chars: Vec<char> = exact.chars().collect();
    let (start, end) = (quote[first].start, quote[first + len - 1].end);
    let text = |from: usize, to: usize| -> String {
        let part: String = chars[from..to].iter().collect();
        part.trim_matches(|c: char| c.is_whitespace() || ",;:".contains(c))
            .to_owned()
    };
    PartialQuote {
        matched: text(start, end),
        left_out_before: text(0, start),
        left_out_after: text(end, chars.len()),
    }
}

/// Articles that may carry part of a quote: those holding, as a phrase,
/// a run of its words with [`PARTIAL_TELLING`] telling ones (the newest
/// first). Only quotes longer than such a run have parts.
async fn partial_keys(
    conn: &mut SqliteConnection,
    exact: &str,
    quote: &[Word],
    within: Option<&HashSet<i64>>,
) -> Result<Vec<i64>> {
    let flags = stop::telling(quote);
    let telling: Vec<usize> = (0..quote.len()).filter(|&i| flags[i]).collect();
    if telling.len() <= PARTIAL_TELLING {
        return Ok(Vec::new());
    }
    let chars: Vec<char> = exact.chars().collect();
    let mut phrases: Vec<String> = Vec::new();
    for window in telling.windows(PARTIAL_TELLING) {
        let (from, to) = (
            quote[window[0]].start,
            quote[window[PARTIAL_TELLING - 1]].end,
        );
        let words: String = chars[from..to].iter().collect();
        // A number may be written as a word or a figure ("two" / "2"): the
        // window is looked for as the phrases either side of it.
        let mut parts: Vec<String> = Vec::new();
        let mut run: Vec<&str> = Vec::new();
        for token in FTS_WORD.find_iter(&words).map(|m| m.as_str()) {
            if fold_word(token).chars().all(|c| c.is_ascii_digit()) {
                if !run.is_empty() {
                    parts.push(format!("\"{}\"", run.join(" ")));
                }
                run.clear();
            } else {
                run.push(token);
            }
        }
        if !run.is_empty() {
            parts.push(format!("\"{}\"", run.join(" ")));
        }
        let phrase = format!("({})", parts.join(" AND "));
        if !parts.is_empty() && !phrases.contains(&phrase) {
            phrases.push(phrase);
        }
    }
    fts_keys(conn, &phrases.join(" OR "), PARTIAL_CANDIDATES, within).await
}

/// A word as FTS5's unicode61 tokenizer cuts it.
static FTS_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}\p{Co}]+").expect("valid regex"));

/// Articles compared with a quote for parts of it, at most.
const PARTIAL_CANDIDATES: u32 = 200;

/// The newest articles matching an FTS5 query, at most `limit`, or only
/// those of `within`.
async fn fts_keys(
    conn: &mut SqliteConnection,
    query: &str,
    limit: u32,
    within: Option<&HashSet<i64>>,
) -> Result<Vec<i64>> {
    match within {
        None => Ok(sqlx::query_scalar(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
        )
        .bind(query)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?),
        Some(keys) => {
            let Some(&first) = keys.iter().min() else {
                return Ok(Vec::new());
            };
            // An import's articles are the newest keys: FTS5 reads the
            // range, the rest are dropped here.
            let found: Vec<i64> = sqlx::query_scalar(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?",
            )
            .bind(query)
            .bind(first)
            .fetch_all(&mut *conn)
            .await?;
            Ok(found.into_iter().filter(|k| keys.contains(k)).collect())
        }
    }
}

/// The spans already marked (as an appearance of any claim, or proposed
/// for one waiting for review) in each of these revisions.
async fn marked_spans(
    conn: &mut SqliteConnection,
    revisions: &[String],
) -> Result<HashMap<String, Vec<(usize, usize)>>> {
    let mut marked: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for sql in [
        "SELECT revision_id, start, end FROM appearances WHERE revision_id IN",
        "SELECT candidate_revision_id, candidate_start, candidate_end FROM appearances
         WHERE candidate_revision_id IN",
    ] {
        for (revision, start, end) in query_in::<(String, i64, i64)>(conn, sql, revisions).await? {
            marked
                .entry(revision)
                .or_default()
                .push((start as usize, end as usize));
        }
    }
    Ok(marked)
}

/// Articles (FTS keys) to compare with a quote: every one holding all its
/// rare words (a quote republished fifty times has fifty), and the best
/// ranked of those holding all but one of them (a copy with a changed word).
async fn candidate_keys(
    conn: &mut SqliteConnection,
    rare: &[String],
    within: Option<&HashSet<i64>>,
) -> Result<Vec<i64>> {
    let quoted: Vec<String> = rare
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    if quoted.is_empty() {
        return Ok(Vec::new());
    }
    let mut keys = fts_keys(conn, &quoted.join(" AND "), ALL_WORDS_CANDIDATES, within).await?;
    if quoted.len() > 2 {
        // A copy with a changed word still holds all but one of them.
        let need = quoted.len() - 1;
        let mut groups = Vec::new();
        for skip in 0..quoted.len() {
            let kept: Vec<&str> = quoted
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, q)| q.as_str())
                .collect();
            debug_assert_eq!(kept.len(), need);
            groups.push(format!("({})", kept.join(" AND ")));
        }
        let query = groups.join(" OR ");
        if within.is_some() {
            keys.extend(fts_keys(conn, &query, CANDIDATES, within).await?);
            keys.sort_unstable();
            keys.dedup();
            return Ok(keys);
        }
        let order = crate::search::order_for(conn, "article_fts", &query).await?;
        let sql = format!(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY {order} LIMIT ?"
        );
        let more: Vec<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(query)
            .bind(CANDIDATES)
            .fetch_all(&mut *conn)
            .await?;
        keys.extend(more);
        keys.sort_unstable();
        keys.dedup();
    }
    Ok(keys)
}

async fn load_candidates(
    conn: &mut SqliteConnection,
    keys: &[i64],
) -> Result<Vec<(i64, Candidate)>> {
    let mut candidates = Vec::with_capacity(keys.len());
    for chunk in keys.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let sql = format!(
            "SELECT k.key, ar.id AS article_id, r.id AS revision_id, r.number,
                    COALESCE(fix.title, r.title) AS title, r.body,
                    NULLIF(COALESCE(fix.published_at, r.published_at), '') AS published_at,
                    NULLIF(COALESCE(fix.dateline, r.dateline), '') AS dateline, o.name AS outlet
             FROM article_fts_keys k
             JOIN revisions r ON r.id = k.revision_id
             JOIN articles ar ON ar.id = r.article_id
             LEFT JOIN article_corrections fix ON fix.article_id = ar.id
             LEFT JOIN outlets o ON o.id = COALESCE(fix.outlet_id, ar.outlet_id)
             WHERE k.key IN ({marks})"
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for key in chunk {
            query = query.bind(key);
        }
        for row in query.fetch_all(&mut *conn).await? {
            candidates.push((
                row.try_get("key")?,
                Candidate {
                    article_id: row.try_get("article_id")?,
                    title: row.try_get("title")?,
                    outlet: row.try_get("outlet")?,
                    published_at: row.try_get("published_at")?,
                    dateline: row.try_get("dateline")?,
                    revision_id: row.try_get("revision_id")?,
                    revision: row.try_get::<i64, _>("number")? as u32,
                    body: row.try_get("body")?,
                    words: Vec::new(),
                    symbols: Vec::new(),
                    chars: Vec::new(),
                },
            ));
        }
    }
    Ok(candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_near_copys_diff_sets_aside_what_matching_sets_aside() {
        let exact = "Zelenskyy said the U.S. would never accept a deal";
        let diff = word_diff(
            exact,
            &words(exact),
            "Zelensky said the US will never accept any deal",
        );
        let ops: Vec<(DiffOp, &str)> = diff.iter().map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                (DiffOp::Equal, "Zelensky said the US"),
                (DiffOp::Delete, "would"),
                (DiffOp::Insert, "will"),
                (DiffOp::Equal, "never accept"),
                (DiffOp::Delete, "a"),
                (DiffOp::Insert, "any"),
                (DiffOp::Equal, "deal"),
            ]
        );
    }

    /// Symbols for the words of `text`, the same word the same symbol.
    fn symbols(text: &str, symbols: &mut Symbols) -> Vec<char> {
        symbols.of(&words(text))
    }

    #[test]
    fn a_run_that_is_only_a_name_or_title_is_no_partial_quote() {
        let quote =
            "The New York State Attorney General said the company misled its investors about losses";
        let w = words(quote);
        let telling = stop::telling(&w);
        let chars: Vec<char> = quote.chars().collect();
        let plain: Vec<bool> = w
            .iter()
            .zip(&telling)
            .map(|(w, &t)| t && !chars[w.start].is_uppercase())
            .collect();
        let mut table = Symbols::default();
        let pattern = symbols(quote, &mut table);
        let name_only = symbols(
            "A letter from the New York State Attorney General arrived",
            &mut table,
        );
        assert!(common_runs(&name_only, &pattern, &telling, &plain).is_empty());
        let statement = symbols(
            "For years the company misled its investors about losses, critics said",
            &mut table,
        );
        let runs = common_runs(&statement, &pattern, &telling, &plain);
        assert_eq!(runs.len(), 1, "the statement's words are a partial quote");
        assert_eq!(
            runs[0].len, 7,
            "the company misled its investors about losses"
        );
    }

    #[test]
    fn the_budget_allows_a_quarter_of_the_words() {
        assert_eq!(budget(3), 0);
        assert_eq!(budget(8), 2);
        assert_eq!(budget(20), 5);
    }
}
