//! "Find everywhere": where else the words of a claim appear, and which
//! other claims may say the same thing. Nothing here writes: a person
//! turns a hit into an appearance ([`accept`]) or links a related claim.
//!
//! Hits are found in two steps. FTS5 picks candidate articles: for each
//! quote, the (at most four) rarest of its words that occur in more than one
//! article, any two of them together. Then each candidate's text is
//! compared word by word with the quote, Myers' approximate matching
//! running over words instead of chars (each distinct word folded to one
//! symbol), so a hit may differ by a few words: a quarter of the quote's
//! words at most. Words are folded before they are compared: case,
//! diacritics, quote marks, dashes and spacing (they are not words),
//! "U.S."/"US", transliterated name endings ("Zelenskyy"/"Zelensky") and
//! British/American spelling ("defence"/"defense", "organise"/"organize").

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use sqlx::{Row, SqliteConnection};

use crate::anchor::myers;
use crate::claims;
use crate::model::{
    AppearanceDetails, AppearanceFields, ClaimInfo, LinkRelation, MatchHit, MatchScope, Matches,
    RelatedClaim,
};
use crate::persons::{self, name_key};
use crate::store::{query_in, Result, Store, StoreError};
use crate::suggest::{self, ArticleContext, People};

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
/// Related claims returned.
const RELATED: usize = 20;
/// Words of a claim's statement and quotes that find related claims.
const RELATED_TERMS: usize = 6;
/// Words of a text whose articles are counted, the longest first.
const COUNTED_WORDS: usize = 8;
/// Words taken even when common, so a widely carried quote has some.
const MIN_RELATED_TERMS: usize = 3;
/// Candidate articles compared in one call, at most (a storyline's quotes
/// together): bounds the time and the symbols a call can need.
const MAX_CANDIDATES: usize = 20_000;

/// Hits and related claims for a claim, one appearance's words, or every
/// claim of a storyline.
pub async fn find(store: &Store, scope: &MatchScope) -> Result<Matches> {
    let mut conn = store.pool().acquire().await?;
    let (claim_ids, sources) = sources(&mut conn, scope).await?;
    let hits = hits(&mut conn, &sources).await?;
    let related = related(&mut conn, &claim_ids).await?;
    Ok(Matches { hits, related })
}

/// Makes a hit an appearance of its claim, with the speaker, time and
/// attribution chain its own article gives it.
pub async fn accept(store: &Store, hit: &MatchHit) -> Result<ClaimInfo> {
    claims::add_appearance(store, &hit.claim_id, &fields_of(hit)).await
}

/// The appearance a hit becomes.
pub fn fields_of(hit: &MatchHit) -> AppearanceFields {
    AppearanceFields {
        article_id: hit.article_id.clone(),
        revision: Some(hit.revision),
        start: hit.start,
        end: hit.end,
        details: AppearanceDetails {
            kind: hit.hints.kind,
            speaker: hit.hints.speaker.clone(),
            stated_at: hit.hints.stated_at.clone(),
            venue: hit.hints.venue.clone(),
            attribution: hit.hints.attribution.clone(),
        },
    }
}

/// One appearance whose words are looked for.
struct Source {
    appearance_id: String,
    claim_id: String,
    exact: String,
}

/// The claims in scope and the appearances whose words to look for.
async fn sources(
    conn: &mut SqliteConnection,
    scope: &MatchScope,
) -> Result<(Vec<String>, Vec<Source>)> {
    let (condition, key) = match scope {
        MatchScope::Claim(id) => {
            claims::claim_exists(conn, id).await?;
            ("a.claim_id = ?1", id)
        }
        MatchScope::Appearance(id) => ("a.id = ?1", id),
        MatchScope::Storyline(id) => {
            let id = crate::storylines::resolve(conn, id).await?;
            let rows = sqlx::query(
                "SELECT a.id, a.claim_id, a.exact FROM storyline_claims s
                 JOIN appearances a ON a.claim_id = s.claim_id
                 WHERE s.storyline_id = ? ORDER BY s.position, a.id",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            let claim_ids = sqlx::query_scalar(
                "SELECT claim_id FROM storyline_claims WHERE storyline_id = ? ORDER BY position",
            )
            .bind(&id)
            .fetch_all(&mut *conn)
            .await?;
            return Ok((claim_ids, rows.iter().map(source_of).collect()));
        }
    };
    let sql = format!(
        "SELECT a.id, a.claim_id, a.exact FROM appearances a WHERE {condition} ORDER BY a.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(key)
        .fetch_all(&mut *conn)
        .await?;
    let sources: Vec<Source> = rows.iter().map(source_of).collect();
    let claim_ids = match scope {
        MatchScope::Appearance(id) => vec![sources
            .first()
            .ok_or_else(|| StoreError::NotFound(format!("appearance {id}")))?
            .claim_id
            .clone()],
        _ => vec![key.clone()],
    };
    Ok((claim_ids, sources))
}

fn source_of(row: &sqlx::sqlite::SqliteRow) -> Source {
    Source {
        appearance_id: row.get("id"),
        claim_id: row.get("claim_id"),
        exact: row.get("exact"),
    }
}

/// A word of a text as matching sees it: its folded form and where it is
/// (code points).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// The words of `text`: runs of letters and digits, keeping the dots,
/// apostrophes and commas between them ("U.S.", "don't", "10,000"), each
/// folded by [`fold_word`].
pub fn words(text: &str) -> Vec<Word> {
    word_spans(text)
        .into_iter()
        .filter_map(|(start, end, bytes)| {
            let key = fold_word(&text[bytes]);
            (!key.is_empty()).then_some(Word { key, start, end })
        })
        .collect()
}

/// Where the words of `text` are: their chars `[start, end)` and bytes.
fn word_spans(text: &str) -> Vec<(usize, usize, std::ops::Range<usize>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut spans = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i].1;
            let joins = matches!(c, '.' | '\'' | '\u{2019}' | ',')
                && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric())
                && (c != ','
                    || (chars[i - 1].1.is_ascii_digit() && chars[i + 1].1.is_ascii_digit()));
            if !(c.is_alphanumeric() || joins) {
                break;
            }
            i += 1;
        }
        spans.push((start, i, byte_at(start)..byte_at(i)));
    }
    spans
}

/// Folds one word: case, diacritics and punctuation ("U.S." → "us"), a
/// possessive "'s", the endings transliterations vary ("-yy", "-iy", "-ij",
/// "-ii" → "-y", as [`name_key`] folds names), and British spellings to
/// American.
pub fn fold_word(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    for c in word.chars().filter(|c| c.is_alphanumeric()) {
        let c = persons::fold_diacritic(c);
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    let possessive = ["'s", "'S", "\u{2019}s", "\u{2019}S"]
        .iter()
        .any(|s| word.ends_with(s));
    if possessive && key.len() > 2 {
        key.pop();
    }
    for ending in ["yy", "iy", "ij", "ii"] {
        if key.len() > 3 && key.ends_with(ending) {
            key.truncate(key.len() - ending.len());
            key.push('y');
            break;
        }
    }
    american(key)
}

/// British spellings to American ones, by the regular endings and a few
/// words; applied to both sides, so a rule that also folds an unrelated
/// word ("promise" → "promize") changes nothing that matters.
fn american(word: String) -> String {
    const WORDS: [(&str, &str); 14] = [
        ("programme", "program"),
        ("programmes", "programs"),
        ("cheque", "check"),
        ("tyre", "tire"),
        ("aluminium", "aluminum"),
        ("grey", "gray"),
        ("plough", "plow"),
        ("sceptic", "skeptic"),
        ("sceptical", "skeptical"),
        ("manoeuvre", "maneuver"),
        ("jewellery", "jewelry"),
        ("mould", "mold"),
        ("storey", "story"),
        ("whilst", "while"),
    ];
    if let Some((_, us)) = WORDS.iter().find(|(uk, _)| *uk == word.as_str()) {
        return (*us).to_owned();
    }
    // (British ending, American ending, shortest stem before it)
    const ENDINGS: [(&str, &str, usize); 22] = [
        ("isations", "izations", 3),
        ("isation", "ization", 3),
        ("ising", "izing", 3),
        ("ised", "ized", 3),
        ("ises", "izes", 3),
        ("ise", "ize", 3),
        ("ysing", "yzing", 3),
        ("ysed", "yzed", 3),
        ("yse", "yze", 3),
        ("ourite", "orite", 2),
        ("ouring", "oring", 3),
        ("oured", "ored", 3),
        ("ours", "ors", 3),
        ("our", "or", 3),
        ("ences", "enses", 2),
        ("ence", "ense", 2),
        ("tres", "ters", 2),
        ("tre", "ter", 2),
        ("ogue", "og", 3),
        ("elling", "eling", 2),
        ("elled", "eled", 2),
        ("eller", "eler", 2),
    ];
    for (uk, us, stem) in ENDINGS {
        if let Some(base) = word.strip_suffix(uk) {
            if base.chars().count() >= stem {
                return format!("{base}{us}");
            }
        }
    }
    word
}

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

/// English words too common to tell one quote from another.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "have", "his", "how", "its", "may", "new", "now", "who", "did",
    "get", "him", "she", "too", "use", "that", "with", "they", "this", "will", "from", "been",
    "were", "what", "when", "which", "their", "there", "would", "could", "should", "about", "said",
    "says", "told", "also", "into", "more", "than", "them", "then", "these", "those", "some",
    "such", "only", "over", "very", "just", "like", "because", "after", "before", "while", "where",
    "other", "being", "does", "each", "most", "much", "must", "well", "here", "your", "ours",
    "yours", "theirs", "upon", "under", "again", "against", "between", "through",
];

/// A token as SQLite's unicode61 tokenizer sees it by default.
static FTS_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}\p{Co}]+").expect("valid regex"));

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

async fn hits(conn: &mut SqliteConnection, sources: &[Source]) -> Result<Vec<MatchHit>> {
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
    let counted = rare_words(conn, &texts, 2).await?;
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
    let mut candidates_of: Vec<Vec<i64>> = Vec::with_capacity(quotes.len());
    let mut keys: Vec<i64> = Vec::new();
    for rare in &rare {
        let found = candidate_keys(conn, rare).await?;
        keys.extend(&found);
        candidates_of.push(found);
    }
    keys.sort_unstable();
    keys.dedup();
    keys.truncate(MAX_CANDIDATES);
    let candidates = load_candidates(conn, &keys).await?;
    let mut symbols = Symbols::default();
    let mut candidates: HashMap<i64, Candidate> = candidates.into_iter().collect();
    let revisions: Vec<String> = candidates.values().map(|c| c.revision_id.clone()).collect();
    let marked = marked_spans(conn, &revisions).await?;
    let mut found: Vec<MatchHit> = Vec::new();
    // Places already hit for a claim in an article (another wording of the
    // same claim may find them again).
    let mut hit_places: HashMap<(String, String), Vec<(usize, usize)>> = HashMap::new();
    for (((quote, source), keys), &budget) in quotes.iter().zip(&candidates_of).zip(&budgets) {
        let pattern = symbols.of(quote);
        for key in keys {
            if found.len() >= MAX_HITS {
                break;
            }
            let Some(candidate) = candidates.get_mut(key) else {
                continue;
            };
            if candidate.symbols.is_empty() {
                (candidate.words, candidate.symbols) = symbols.text(&candidate.body);
                candidate.chars = candidate.body.chars().collect();
            }
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
                let marked_here = marked
                    .get(&candidate.revision_id)
                    .is_some_and(|spans| spans.iter().any(|&(s, t)| s < end && start < t));
                let places = hit_places
                    .entry((candidate.article_id.clone(), source.claim_id.clone()))
                    .or_default();
                let repeated = places.iter().any(|&(s, t)| s < end && start < t);
                if marked_here || repeated {
                    continue;
                }
                places.push((start, end));
                found.push(hit(candidate, source, start, end, e.errors, quote.len()));
            }
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
    let mut hits = found;
    hits.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
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
    start: usize,
    end: usize,
    errors: usize,
    words: usize,
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
        similarity: 1.0 - errors as f64 / words as f64,
        verbatim: errors == 0,
        hints: Default::default(),
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

/// For each text, its words with how many articles hold each (at least
/// `min_docs`), rarest first, as typed (FTS5 stems them itself).
async fn rare_words(
    conn: &mut SqliteConnection,
    texts: &[&str],
    min_docs: i64,
) -> Result<Vec<Vec<(i64, String)>>> {
    // SQLite's own tokenizer says which indexed term each word is: the
    // texts go through a temporary FTS5 table of this connection.
    sqlx::query(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.match_probe USING fts5(
             text, tokenize = 'porter unicode61 remove_diacritics 2')",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.match_probe_terms
         USING fts5vocab(temp, match_probe, instance)",
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM temp.match_probe")
        .execute(&mut *conn)
        .await?;
    for (i, text) in texts.iter().enumerate() {
        sqlx::query("INSERT INTO temp.match_probe (rowid, text) VALUES (?, ?)")
            .bind(i as i64)
            .bind(*text)
            .execute(&mut *conn)
            .await?;
    }
    let instances: Vec<(i64, String, i64)> =
        sqlx::query_as("SELECT doc, term, offset FROM temp.match_probe_terms")
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM temp.match_probe")
        .execute(&mut *conn)
        .await?;
    // Words as unicode61 cuts them (letters, digits, private use), so the
    // vocabulary's offsets point at the same words.
    let tokens: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| FTS_TOKEN.find_iter(t).map(|m| m.as_str()).collect())
        .collect();
    // The terms worth counting: counting reads a term's whole posting list,
    // which for a common word is most of the workspace, so little words
    // are left out and only the longest few words of each text (the rarer
    // ones, as a rule) are counted.
    let mut wanted: Vec<Vec<(String, String)>> = vec![Vec::new(); texts.len()];
    for (doc, term, offset) in instances {
        let Some(word) = tokens
            .get(doc as usize)
            .and_then(|w| w.get(offset as usize))
        else {
            continue;
        };
        let lower = word.to_lowercase();
        if lower.chars().count() < 4 || STOPWORDS.contains(&lower.as_str()) {
            continue;
        }
        let list = &mut wanted[doc as usize];
        if !list.iter().any(|(t, _)| *t == term) {
            list.push((term, (*word).to_owned()));
        }
    }
    let mut docs: HashMap<String, i64> = HashMap::new();
    let mut rare: Vec<Vec<(i64, String)>> = vec![Vec::new(); texts.len()];
    for (list, out) in wanted.iter_mut().zip(&mut rare) {
        list.sort_by_key(|(_, word)| std::cmp::Reverse(word.chars().count()));
        for (term, word) in list.iter().take(COUNTED_WORDS) {
            let count = match docs.get(term) {
                Some(&count) => count,
                None => {
                    let count: Option<i64> =
                        sqlx::query_scalar("SELECT doc FROM article_fts_vocab WHERE term = ?")
                            .bind(term)
                            .fetch_optional(&mut *conn)
                            .await?;
                    let count = count.unwrap_or(0);
                    docs.insert(term.clone(), count);
                    count
                }
            };
            if count >= min_docs {
                out.push((count, word.clone()));
            }
        }
        out.sort();
    }
    Ok(rare)
}

/// Articles (FTS keys) to compare with a quote: every one holding all its
/// rare words (a quote republished fifty times has fifty), and the best
/// ranked of those holding all but one of them (a copy with a changed word).
async fn candidate_keys(conn: &mut SqliteConnection, rare: &[String]) -> Result<Vec<i64>> {
    let quoted: Vec<String> = rare
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    if quoted.is_empty() {
        return Ok(Vec::new());
    }
    let mut keys: Vec<i64> = sqlx::query_scalar(
        "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
    )
    .bind(quoted.join(" AND "))
    .bind(ALL_WORDS_CANDIDATES)
    .fetch_all(&mut *conn)
    .await?;
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
            "SELECT k.key, ar.id AS article_id, r.id AS revision_id, r.number, r.title, r.body,
                    r.published_at, r.dateline, o.name AS outlet
             FROM article_fts_keys k
             JOIN revisions r ON r.id = k.revision_id
             JOIN articles ar ON ar.id = r.article_id
             LEFT JOIN outlets o ON o.id = ar.outlet_id
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

/// Other claims that may say the same: similar words in their statements
/// and quotes (bm25), the same claimant under any of their names, and a
/// statement made close in time.
async fn related(conn: &mut SqliteConnection, claim_ids: &[String]) -> Result<Vec<RelatedClaim>> {
    if claim_ids.is_empty() {
        return Ok(Vec::new());
    }
    let scope: HashSet<&str> = claim_ids.iter().map(String::as_str).collect();
    // The words of the statements and quotes in scope.
    let mut text = String::new();
    let mut claimant_keys: HashSet<String> = HashSet::new();
    let mut first_ts: Option<i64> = None;
    for id in claim_ids {
        let row = sqlx::query(
            "SELECT c.statement, c.claimant_id,
                    (SELECT min(stated_ts) FROM appearances WHERE claim_id = c.id) AS first_ts
             FROM claims c WHERE c.id = ?",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        text.push_str(row.get::<&str, _>("statement"));
        text.push(' ');
        if let Some(ts) = row.get::<Option<i64>, _>("first_ts") {
            first_ts = Some(first_ts.map_or(ts, |t| t.min(ts)));
        }
        if let Some(claimant) = row.get::<Option<String>, _>("claimant_id") {
            let names = person_names(conn, std::slice::from_ref(&claimant)).await?;
            claimant_keys.extend(names.into_values().flatten());
        }
        let exacts: Vec<String> =
            sqlx::query_scalar("SELECT exact FROM appearances WHERE claim_id = ? LIMIT 20")
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for exact in exacts {
            text.push_str(&exact);
            text.push(' ');
        }
    }
    // Words in more than one article in five say little about a claim and
    // cost the most to rank.
    let articles: i64 = sqlx::query_scalar("SELECT count(*) FROM article_fts_keys")
        .fetch_one(&mut *conn)
        .await?;
    let words = rare_words(conn, &[text.as_str()], 1)
        .await?
        .pop()
        .unwrap_or_default();
    let common = (articles / 5).max(20);
    let mut terms: Vec<String> = words
        .iter()
        .filter(|(count, _)| *count <= common)
        .take(RELATED_TERMS)
        .map(|(_, w)| w.clone())
        .collect();
    // A quote carried everywhere has only common words: take the rarest
    // of those rather than nothing.
    for (_, word) in words.iter().filter(|(count, _)| *count > common) {
        if terms.len() >= MIN_RELATED_TERMS {
            break;
        }
        terms.push(word.clone());
    }
    if terms.is_empty() {
        return Ok(Vec::new());
    }
    let query = terms
        .iter()
        .map(|t| format!("\"{}\"", t.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" OR ");
    // Lexical closeness: the best bm25 of the claim's statement or of any
    // of its quotes, scaled by the best found.
    let mut lexical: HashMap<String, f64> = HashMap::new();
    let order = crate::search::order_for(conn, "claim_fts", &query).await?;
    let by_statement: Vec<(String, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT k.claim_id, -claim_fts.rank FROM claim_fts
         JOIN claim_fts_keys k ON k.key = claim_fts.rowid
         WHERE claim_fts MATCH ? AND claim_fts.rank MATCH 'bm25(3.0, 1.0, 0.5)'
         ORDER BY {order} LIMIT 100"
    )))
    .bind(&query)
    .fetch_all(&mut *conn)
    .await?;
    let order = crate::search::order_for(conn, "appearance_fts", &query).await?;
    let by_quote: Vec<(String, f64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.claim_id, -appearance_fts.rank FROM appearance_fts
         JOIN appearance_fts_keys k ON k.key = appearance_fts.rowid
         JOIN appearances a ON a.id = k.appearance_id
         WHERE appearance_fts MATCH ? ORDER BY {order} LIMIT 100"
    )))
    .bind(&query)
    .fetch_all(&mut *conn)
    .await?;
    for list in [by_statement, by_quote] {
        let outside: Vec<&(String, f64)> = list
            .iter()
            .filter(|(c, _)| !scope.contains(c.as_str()))
            .collect();
        let best = outside.iter().map(|(_, s)| *s).fold(0.0, f64::max);
        if best <= 0.0 {
            continue;
        }
        for (claim, score) in outside {
            let scaled = (score / best).clamp(0.0, 1.0);
            let entry = lexical.entry(claim.clone()).or_insert(0.0);
            *entry = entry.max(scaled);
        }
    }
    // The closest by wording are weighed further, in a few queries.
    let mut ids: Vec<(String, f64)> = lexical.into_iter().collect();
    ids.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ids.truncate(RELATED * 3);
    let id_list: Vec<String> = ids.iter().map(|(id, _)| id.clone()).collect();
    let mut briefs = claims::briefs(conn, &id_list).await?;
    let facts: Vec<(String, Option<String>, Option<i64>)> = query_in(
        conn,
        "SELECT c.id, c.claimant_id,
                (SELECT min(stated_ts) FROM appearances WHERE claim_id = c.id)
         FROM claims c WHERE c.id IN",
        &id_list,
    )
    .await?;
    let claimants: Vec<String> = facts.iter().filter_map(|(_, c, _)| c.clone()).collect();
    let names = person_names(conn, &claimants).await?;
    let links = links_of(conn, claim_ids).await?;
    // Which claim in scope each related one is closest to.
    let scope_facts: Vec<(String, Option<String>, String)> = query_in(
        conn,
        "SELECT c.id, c.claimant_id, c.statement FROM claims c WHERE c.id IN",
        claim_ids,
    )
    .await?;
    let scope_words: Vec<(String, Option<String>, HashSet<String>)> = scope_facts
        .into_iter()
        .map(|(id, claimant, statement)| {
            let words = self::words(&statement).into_iter().map(|w| w.key).collect();
            (id, claimant, words)
        })
        .collect();
    let mut related = Vec::with_capacity(ids.len());
    for (id, words) in ids {
        let Some(claim) = briefs.remove(&id) else {
            continue;
        };
        let (claimant, first) = facts
            .iter()
            .find(|(c, _, _)| *c == id)
            .map(|(_, claimant, ts)| (claimant.clone(), *ts))
            .unwrap_or_default();
        let mut reasons = vec!["similar wording".to_owned()];
        let same = claimant
            .and_then(|c| names.get(&c))
            .is_some_and(|keys| keys.iter().any(|k| claimant_keys.contains(k)));
        if same {
            reasons.push("same claimant".into());
        }
        let mut close = 0.0;
        if let (Some(a), Some(b)) = (first_ts, first) {
            let days = (a - b).abs() as f64 / 86_400_000.0;
            close = (-days / 7.0).exp();
            if days < 1.0 {
                reasons.push("stated the same day".into());
            } else if days <= 14.0 {
                reasons.push(format!("stated within {} days", days.ceil() as i64));
            }
        }
        let mine: HashSet<String> = self::words(&claim.statement)
            .into_iter()
            .map(|w| w.key)
            .collect();
        let related_to = scope_words
            .iter()
            .max_by_key(|(id, claimant, keys)| {
                let same_person = claimant.is_some() && *claimant == claimant_of(&facts, &claim.id);
                (
                    same_person,
                    keys.intersection(&mine).count(),
                    std::cmp::Reverse(id.clone()),
                )
            })
            .map_or_else(|| claim_ids[0].clone(), |(id, _, _)| id.clone());
        let same = if same { 1.0 } else { 0.0 };
        related.push(RelatedClaim {
            related_to,
            linked: links.get(&id).copied(),
            claim_id: id,
            score: ((0.6 * words + 0.25 * same + 0.15 * close) * 1000.0).round() / 1000.0,
            claim,
            reasons,
        });
    }
    related.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.claim_id.cmp(&b.claim_id))
    });
    related.truncate(RELATED);
    Ok(related)
}

/// The claimant of `claim` among the facts read for related claims.
fn claimant_of(facts: &[(String, Option<String>, Option<i64>)], claim: &str) -> Option<String> {
    facts
        .iter()
        .find(|(id, _, _)| id == claim)
        .and_then(|(_, claimant, _)| claimant.clone())
}

/// Every name of each person (and of whoever was merged into them), folded.
async fn person_names(
    conn: &mut SqliteConnection,
    ids: &[String],
) -> Result<HashMap<String, Vec<String>>> {
    let mut names: HashMap<String, Vec<String>> = HashMap::new();
    for sql in [
        "SELECT id, name FROM persons WHERE id IN",
        "SELECT merged_into, name FROM persons WHERE merged_into IN",
        "SELECT person_id, alias FROM person_aliases WHERE person_id IN",
    ] {
        for (id, name) in query_in::<(String, String)>(conn, sql, ids).await? {
            let key = name_key(&name);
            if !key.is_empty() {
                names.entry(id).or_default().push(key);
            }
        }
    }
    Ok(names)
}

/// The claims linked to any claim of `scope`, with the first relation.
async fn links_of(
    conn: &mut SqliteConnection,
    scope: &[String],
) -> Result<HashMap<String, LinkRelation>> {
    let mut links = HashMap::new();
    for sql in [
        "SELECT to_claim_id, relation FROM claim_links WHERE from_claim_id IN",
        "SELECT from_claim_id, relation FROM claim_links WHERE to_claim_id IN",
    ] {
        for (other, relation) in query_in::<(String, String)>(conn, sql, scope).await? {
            if let Some(relation) = LinkRelation::parse(&relation) {
                links.entry(other).or_insert(relation);
            }
        }
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.key).collect()
    }

    #[test]
    fn punctuation_case_and_spacing_are_not_words() {
        assert_eq!(
            keys("\u{201c}We will NOT  give up\u{201d} \u{2014} he said."),
            keys("\"we will not give up\" - he said")
        );
    }

    #[test]
    fn acronyms_numbers_and_possessives_keep_together() {
        assert_eq!(keys("U.S. aid"), keys("US aid"));
        assert_eq!(keys("10,000 troops"), vec!["10000", "troops"]);
        assert_eq!(keys("Zelenskyy's plan"), keys("Zelensky plan"));
        assert_eq!(keys("don't"), vec!["dont"]);
    }

    #[test]
    fn british_and_american_spellings_fold_together() {
        for (uk, us) in [
            ("defence", "defense"),
            ("organisation", "organization"),
            ("recognised", "recognized"),
            ("labour", "labor"),
            ("favourite", "favorite"),
            ("centre", "center"),
            ("analyse", "analyze"),
            ("travelled", "traveled"),
            ("programme", "program"),
            ("dialogue", "dialog"),
        ] {
            assert_eq!(fold_word(uk), fold_word(us), "{uk} / {us}");
        }
        // Short words that only look like the endings stay apart.
        assert_ne!(fold_word("four"), fold_word("for"));
        assert_ne!(fold_word("hour"), fold_word("hor"));
    }

    #[test]
    fn offsets_are_code_points_into_the_text() {
        let text = "\u{201c}Peace\u{201d} — now";
        let w = words(text);
        assert_eq!(w[0].start, 1);
        assert_eq!(w[0].end, 6);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            chars[w[1].start..w[1].end].iter().collect::<String>(),
            "now"
        );
    }

    #[test]
    fn the_budget_allows_a_quarter_of_the_words() {
        assert_eq!(budget(3), 0);
        assert_eq!(budget(8), 2);
        assert_eq!(budget(20), 5);
    }
}
