//! A generated newsroom workspace for benchmarks (deterministic, seeded):
//! wire stories of about 600 words republished by several outlets with
//! small edits, persons with aliases, claims on the stories' quotes with an
//! appearance in every copy (each with its attribution chain), and links
//! between claims. Words follow a Zipf distribution over common English
//! words and a generated vocabulary, so FTS5 sees realistic term
//! frequencies.
//!
//! Rows are written directly through [`Write`] (one transaction per chunk
//! of stories) rather than through the importer: the import rate is
//! measured by `bench import`; here only the size matters. Every article,
//! claim, appearance and verdict gets its audit event, as the app writes
//! them, so the log (and its hash chain) is of a newsroom's size too. A
//! third of the claims have a verdict, half of those approved by a second
//! user.
//! The FTS5 triggers run as they do for imported articles.

use std::time::Instant;

use sha2::{Digest, Sha256};

use super::Rng;
use crate::change::{Entity, Verb};
use crate::store::{new_id, Result, Store};

/// How big a corpus is. `scale` 1.0 is issue 7's newsroom: 100,000
/// articles, 30,000 persons, 300,000 claims, 1,000,000 appearances,
/// 200,000 links.
#[derive(Debug, Clone, Copy)]
pub struct CorpusSize {
    pub stories: usize,
    /// Copies per story, on average (the original included).
    pub copies: f64,
    pub claims_per_story: usize,
    pub persons: usize,
    pub outlets: usize,
    pub links: usize,
}

impl CorpusSize {
    pub fn at_scale(scale: f64) -> CorpusSize {
        let n = |full: f64| ((full * scale).round() as usize).max(1);
        CorpusSize {
            stories: n(30_000.0),
            copies: 10.0 / 3.0,
            claims_per_story: 10,
            persons: n(30_000.0),
            outlets: 200.min(n(200.0).max(4)),
            links: n(200_000.0),
        }
    }
}

/// Common English words first (the most frequent ranks), then generated
/// ones; sampled with Zipf weights.
struct Vocabulary {
    words: Vec<String>,
    cumulative: Vec<f64>,
}

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "said",
    "that",
    "for",
    "is",
    "on",
    "was",
    "with",
    "he",
    "it",
    "as",
    "at",
    "by",
    "from",
    "his",
    "an",
    "be",
    "has",
    "have",
    "are",
    "not",
    "but",
    "they",
    "this",
    "were",
    "will",
    "had",
    "would",
    "its",
    "been",
    "who",
    "their",
    "after",
    "which",
    "government",
    "president",
    "minister",
    "officials",
    "people",
    "security",
    "country",
    "year",
    "new",
    "two",
    "talks",
    "military",
    "forces",
    "war",
    "peace",
    "deal",
    "state",
    "told",
    "reporters",
    "week",
    "statement",
    "attack",
    "border",
    "energy",
    "plan",
    "ceasefire",
    "agreement",
    "sanctions",
    "election",
    "court",
    "police",
    "city",
    "region",
    "troops",
    "aid",
    "prices",
    "budget",
    "parliament",
    "meeting",
    "leaders",
    "support",
    "report",
    "percent",
    "million",
    "billion",
    "officials",
    "spokesman",
    "ministry",
    "foreign",
    "defence",
    "economy",
    "trade",
    "oil",
    "gas",
    "grain",
    "exports",
    "imports",
    "talks",
    "summit",
    "alliance",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ren", "tor", "va", "zel", "bri", "den", "sto", "mar", "quin", "pel", "dra",
    "ost", "vin", "lum", "gra", "tes", "hov", "ner", "sa", "tic", "pra", "del", "mon", "cor",
    "fin", "bel", "rus",
];

impl Vocabulary {
    fn new(size: usize) -> Vocabulary {
        let mut words: Vec<String> = COMMON.iter().map(|w| (*w).to_owned()).collect();
        let mut i = 0usize;
        while words.len() < size {
            let mut w = String::new();
            let mut k = i;
            loop {
                w.push_str(SYLLABLES[k % SYLLABLES.len()]);
                k /= SYLLABLES.len();
                if k == 0 {
                    break;
                }
            }
            w.push_str(["", "s", "ed", "ing", "ion", "al"][i % 6]);
            words.push(w);
            i += 1;
        }
        let mut total = 0.0;
        let cumulative = (1..=words.len())
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Vocabulary { words, cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> &str {
        let total = *self.cumulative.last().unwrap_or(&1.0);
        let x = (rng.next() as f64 / u64::MAX as f64) * total;
        let i = self.cumulative.partition_point(|&c| c < x);
        &self.words[i.min(self.words.len() - 1)]
    }

    fn sentence(&self, rng: &mut Rng, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| self.sample(rng)).collect();
        let first = s[0].to_owned();
        let capital = capitalise(&first);
        s[0] = &capital;
        let mut text = s.join(" ");
        text.push('.');
        text
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A generated person's name.
fn person_name(i: usize) -> (String, String) {
    let first = capitalise(&format!(
        "{}{}",
        SYLLABLES[i % SYLLABLES.len()],
        SYLLABLES[(i / 7) % SYLLABLES.len()]
    ));
    let mut last = String::new();
    let mut k = i;
    for _ in 0..3 {
        last.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k = k / SYLLABLES.len() + 3;
    }
    (first, capitalise(&format!("{last}ov{}", i % 97)))
}

/// One story's text with its quotes: (body, [(quote start, quote end, speaker)]) in chars.
struct Story {
    title: String,
    paragraphs: Vec<String>,
    /// For each claim: the paragraph holding its quote and the quote.
    quotes: Vec<(usize, String, usize)>,
}

fn story(vocab: &Vocabulary, rng: &mut Rng, size: &CorpusSize) -> Story {
    let title = vocab.sentence(rng, 9).trim_end_matches('.').to_owned();
    let mut paragraphs = Vec::new();
    let mut quotes = Vec::new();
    // About 600 words: 10 quote paragraphs of ~45 words and some plain text.
    for q in 0..size.claims_per_story {
        let speaker = zipf_index(rng, size.persons);
        let words = 10 + (rng.next() % 11) as usize;
        let quote = vocab.sentence(rng, words).trim_end_matches('.').to_owned();
        let (first, last) = person_name(speaker);
        let lead_words = 12 + (rng.next() % 8) as usize;
        let lead = vocab.sentence(rng, lead_words);
        let paragraph = if q % 2 == 0 {
            format!("{lead} \u{201c}{quote},\u{201d} {first} {last} said.")
        } else {
            format!("\u{201c}{quote},\u{201d} {last} told reporters. {lead}")
        };
        quotes.push((paragraphs.len(), quote, speaker));
        paragraphs.push(paragraph);
    }
    for _ in 0..3 {
        let mut p = Vec::new();
        for _ in 0..3 {
            let n = 14 + (rng.next() % 10) as usize;
            p.push(vocab.sentence(rng, n));
        }
        paragraphs.push(p.join(" "));
    }
    Story {
        title,
        paragraphs,
        quotes,
    }
}

/// Persons appear with Zipf frequency: a few are quoted everywhere.
fn zipf_index(rng: &mut Rng, n: usize) -> usize {
    // Inverse of a continuous 1/x distribution over [1, n].
    let u = rng.next() as f64 / u64::MAX as f64;
    (((n as f64).powf(u)) as usize).saturating_sub(1).min(n - 1)
}

/// A copy of a paragraph with a few words changed (about one in fifty).
fn edited(paragraph: &str, vocab: &Vocabulary, rng: &mut Rng) -> String {
    paragraph
        .split(' ')
        .map(|w| {
            if rng.next().is_multiple_of(50) && w.chars().all(char::is_alphabetic) {
                vocab.sample(rng).to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const RATINGS: [&str; 8] = [
    "true",
    "mostly_true",
    "mixed",
    "misleading",
    "mostly_false",
    "false",
    "unsubstantiated",
    "not_checkable",
];

/// Writes a corpus of `size` into `store` (which should be empty). `log`
/// gets progress lines.
pub async fn generate(store: &Store, size: CorpusSize, mut log: impl FnMut(&str)) -> Result<()> {
    let started = Instant::now();
    let vocab = Vocabulary::new(30_000);
    let mut rng = Rng(0xC1A1_77A1);
    // Two desks: a reporter proposes verdicts, an editor approves them.
    let reporter = crate::store::users::add(store, "Bench Reporter", None, None).await?;
    let editor = crate::store::users::add(store, "Bench Editor", None, None).await?;
    let store = &store.acting_as(&reporter.id);
    let mut w = store.write().await?;
    let actor = w.actor().to_owned();
    let at = w.at().to_owned();
    // Outlets and persons.
    let mut outlets = Vec::with_capacity(size.outlets);
    for i in 0..size.outlets {
        let id = new_id();
        sqlx::query(
            "INSERT INTO outlets (id, name, kind, created_at) VALUES (?, ?, 'newspaper', ?)",
        )
        .bind(&id)
        .bind(format!(
            "{} {}",
            capitalise(&vocab.words[200 + i]),
            ["Times", "Post", "Wire", "Herald", "News"][i % 5]
        ))
        .bind(&at)
        .execute(w.conn())
        .await?;
        outlets.push(id);
    }
    let mut persons = Vec::with_capacity(size.persons);
    for i in 0..size.persons {
        let id = new_id();
        let (first, last) = person_name(i);
        sqlx::query("INSERT INTO persons (id, name, created_at) VALUES (?, ?, ?)")
            .bind(&id)
            .bind(format!("{first} {last}"))
            .bind(&at)
            .execute(w.conn())
            .await?;
        sqlx::query(
            "INSERT INTO person_aliases (id, person_id, alias, kind) VALUES (?, ?, ?, 'name')",
        )
        .bind(new_id())
        .bind(&id)
        .bind(&last)
        .execute(w.conn())
        .await?;
        persons.push(id);
    }
    w.audit(
        Entity::Bench,
        "corpus",
        Verb::Generate,
        None,
        Some(&serde_json::json!({"outlets": size.outlets, "persons": size.persons})),
    )
    .await?;
    w.commit().await?;
    log(&format!(
        "{} outlets and {} persons in {:.1} s",
        size.outlets,
        size.persons,
        started.elapsed().as_secs_f64()
    ));

    let base_ts: i64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z
    let mut claims_by_story: Vec<Vec<String>> = Vec::new();
    let mut claims_made = 0usize;
    let chunk = 500;
    let mut article_n = 0usize;
    for first in (0..size.stories).step_by(chunk) {
        let mut w = store.write().await?;
        for s in first..(first + chunk).min(size.stories) {
            let story = story(&vocab, &mut rng, &size);
            let copies = if rng.next().is_multiple_of(3) { 4 } else { 3 };
            let copies = if size.copies < 3.0 { 1 } else { copies };
            let story_ts = base_ts + (s as i64) * 1_000 * 60 * 29;
            // The claims of the story, stated when the original ran.
            let mut claim_ids = Vec::with_capacity(story.quotes.len());
            for (_, quote, speaker) in &story.quotes {
                let id = new_id();
                sqlx::query(
                    "INSERT INTO claims (id, statement, claimant_id, created_by, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(&id)
                .bind(quote)
                .bind(&persons[*speaker])
                .bind(&actor)
                .bind(&at)
                .bind(&at)
                .execute(w.conn())
                .await?;
                w.audit(
                    Entity::Claim,
                    &id,
                    Verb::Create,
                    None,
                    Some(
                        &serde_json::json!({"statement": quote, "claimant_id": &persons[*speaker]}),
                    ),
                )
                .await?;
                // A third of the claims get a verdict; half of those are approved.
                let n = claims_made;
                claims_made += 1;
                if n.is_multiple_of(3) {
                    let approved = n.is_multiple_of(6);
                    let verdict = new_id();
                    let rating = RATINGS[(n / 3) % RATINGS.len()];
                    let rationale = vocab.sentence(&mut rng, 30);
                    sqlx::query(
                        "INSERT INTO verdicts (id, claim_id, rating, rationale, proposed_by, proposed_at,
                             approved_by, approved_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    )
                    .bind(&verdict)
                    .bind(&id)
                    .bind(rating)
                    .bind(&rationale)
                    .bind(&actor)
                    .bind(&at)
                    .bind(approved.then_some(&editor.id))
                    .bind(approved.then_some(&at))
                    .execute(w.conn())
                    .await?;
                    sqlx::query("UPDATE claims SET review_state = ? WHERE id = ?")
                        .bind(if approved { "approved" } else { "proposed" })
                        .bind(&id)
                        .execute(w.conn())
                        .await?;
                    w.audit(
                        Entity::Verdict,
                        &verdict,
                        Verb::Create,
                        None,
                        Some(&serde_json::json!({"claim_id": &id, "rating": rating, "rationale": rationale})),
                    )
                    .await?;
                    w.audit(
                        Entity::Claim,
                        &id,
                        Verb::Propose,
                        None,
                        Some(&serde_json::json!({"review_state": "proposed", "rating": rating})),
                    )
                    .await?;
                    if approved {
                        w.audit(
                            Entity::Claim,
                            &id,
                            Verb::Approve,
                            None,
                            Some(&serde_json::json!({"review_state": "approved", "approved_by": &editor.id})),
                        )
                        .await?;
                    }
                }
                claim_ids.push(id);
            }
            for copy in 0..copies {
                article_n += 1;
                let outlet = &outlets[(s * 7 + copy * 13) % outlets.len()];
                let paragraphs: Vec<String> = story
                    .paragraphs
                    .iter()
                    .map(|p| {
                        if copy == 0 {
                            p.clone()
                        } else {
                            edited(p, &vocab, &mut rng)
                        }
                    })
                    .collect();
                let body = paragraphs.join("\n\n");
                let published_ts =
                    story_ts + copy as i64 * 3_600_000 * (1 + (rng.next() % 30) as i64);
                let published_at = chrono::DateTime::from_timestamp_millis(published_ts)
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .unwrap_or_default();
                let article_id = new_id();
                let revision_id = new_id();
                sqlx::query(
                    "INSERT INTO articles (id, outlet_id, canonical_url, imported_at, imported_ts)
                     VALUES (?, ?, ?, ?, ?)",
                )
                .bind(&article_id)
                .bind(outlet)
                .bind(format!("https://bench.example/{s}/{copy}"))
                .bind(&at)
                .bind(published_ts)
                .execute(w.conn())
                .await?;
                let hash = format!("{:x}", Sha256::digest(body.to_lowercase().as_bytes()));
                sqlx::query(
                    "INSERT INTO revisions (id, article_id, number, title, url, published_at,
                         published_ts, body, text_hash, word_count, source_format, source,
                         encoding, imported_at)
                     VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, 'text', 'bench', 'utf-8', ?)",
                )
                .bind(&revision_id)
                .bind(&article_id)
                .bind(&story.title)
                .bind(format!("https://bench.example/{s}/{copy}"))
                .bind(&published_at)
                .bind(published_ts)
                .bind(&body)
                .bind(&hash)
                .bind(body.split_whitespace().count() as i64)
                .bind(&at)
                .execute(w.conn())
                .await?;
                sqlx::query("UPDATE articles SET current_revision_id = ? WHERE id = ?")
                    .bind(&revision_id)
                    .bind(&article_id)
                    .execute(w.conn())
                    .await?;
                // One event per imported article, naming its first revision,
                // as an import writes it (the fields History reads).
                w.audit(
                    Entity::Article,
                    &article_id,
                    Verb::Create,
                    None,
                    Some(&serde_json::json!({
                        "outlet_id": outlet, "revision_id": &revision_id,
                        "title": &story.title, "number": 1, "text_hash": &hash,
                    })),
                )
                .await?;
                // One appearance per claim whose quote this copy still carries.
                let chars: Vec<char> = body.chars().collect();
                let mut offset = 0usize;
                let starts: Vec<usize> = paragraphs
                    .iter()
                    .map(|p| {
                        let start = offset;
                        offset += p.chars().count() + 2;
                        start
                    })
                    .collect();
                for (claim, (paragraph, quote, speaker)) in claim_ids.iter().zip(&story.quotes) {
                    let text = &paragraphs[*paragraph];
                    let Some(byte) = text.find(quote.as_str()) else {
                        continue;
                    };
                    let start = starts[*paragraph] + text[..byte].chars().count();
                    let end = start + quote.chars().count();
                    let prefix: String = chars[start.saturating_sub(32)..start].iter().collect();
                    let suffix: String = chars[end..(end + 32).min(chars.len())].iter().collect();
                    let appearance = new_id();
                    sqlx::query(
                        "INSERT INTO appearances (id, claim_id, revision_id, start, end, exact, prefix,
                             suffix, kind, speaker_id, stated_at, stated_ts, created_by, created_at)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'direct_quote', ?, ?, ?, ?, ?)",
                    )
                    .bind(&appearance)
                    .bind(claim)
                    .bind(&revision_id)
                    .bind(start as i64)
                    .bind(end as i64)
                    .bind(quote)
                    .bind(prefix)
                    .bind(suffix)
                    .bind(&persons[*speaker])
                    .bind(&published_at)
                    .bind(published_ts)
                    .bind(&actor)
                    .bind(&at)
                    .execute(w.conn())
                    .await?;
                    w.audit(
                        Entity::Appearance,
                        &appearance,
                        Verb::Create,
                        None,
                        Some(&serde_json::json!({
                            "claim_id": claim, "revision_id": &revision_id,
                            "start": start, "end": end, "exact": quote,
                        })),
                    )
                    .await?;
                    for (position, (person, outlet_id, role)) in [
                        (Some(&persons[*speaker]), None, "speaker"),
                        (None, Some(outlet), "relay"),
                    ]
                    .into_iter()
                    .enumerate()
                    {
                        sqlx::query(
                            "INSERT INTO attribution_steps (appearance_id, position, person_id, outlet_id, role)
                             VALUES (?, ?, ?, ?, ?)",
                        )
                        .bind(&appearance)
                        .bind(position as i64)
                        .bind(person)
                        .bind(outlet_id)
                        .bind(role)
                        .execute(w.conn())
                        .await?;
                    }
                }
            }
            claims_by_story.push(claim_ids);
        }
        w.audit(
            Entity::Bench,
            "corpus",
            Verb::Generate,
            None,
            Some(&serde_json::json!({"stories_from": first})),
        )
        .await?;
        w.commit().await?;
        if (first / chunk) % 10 == 9 {
            log(&format!(
                "{} stories, {article_n} articles in {:.0} s",
                first + chunk,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    // Links between claims of neighbouring stories.
    let relations = [
        "same_as",
        "supports",
        "contradicts",
        "updates",
        "retracts",
        "clarifies",
        "responds_to",
    ];
    let mut w = store.write().await?;
    let mut made = 0;
    let mut i = 0usize;
    while made < size.links && claims_by_story.len() > 1 {
        let a = i % claims_by_story.len();
        let b = (a + 1 + (rng.next() % 3) as usize) % claims_by_story.len();
        let from = &claims_by_story[a][(rng.next() as usize) % claims_by_story[a].len()];
        let to = &claims_by_story[b][(rng.next() as usize) % claims_by_story[b].len()];
        i += 1;
        if from == to {
            continue;
        }
        let done = sqlx::query(
            "INSERT OR IGNORE INTO claim_links (id, from_claim_id, to_claim_id, relation, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(from)
        .bind(to)
        .bind(relations[i % relations.len()])
        .bind(&actor)
        .bind(&at)
        .execute(w.conn())
        .await?;
        made += done.rows_affected() as usize;
        if i > size.links * 4 {
            break;
        }
    }
    w.audit(
        Entity::Bench,
        "corpus",
        Verb::Generate,
        None,
        Some(&serde_json::json!({"links": made})),
    )
    .await?;
    w.commit().await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(store.pool())
        .await?;
    log(&format!(
        "corpus written in {:.0} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// A word of the generated vocabulary at a frequency rank, for queries.
pub fn vocabulary_word(rank: usize) -> String {
    let vocab = Vocabulary::new(30_000);
    vocab.words[rank.min(vocab.words.len() - 1)].clone()
}

/// Words of the vocabulary at several ranks at once.
pub fn vocabulary_words(ranks: &[usize]) -> Vec<String> {
    let vocab = Vocabulary::new(30_000);
    ranks
        .iter()
        .map(|&r| vocab.words[r.min(vocab.words.len() - 1)].clone())
        .collect()
}

/// A generated person's full name, for queries.
pub fn person(i: usize) -> String {
    let (first, last) = person_name(i);
    format!("{first} {last}")
}
