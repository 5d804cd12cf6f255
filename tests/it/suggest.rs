//! Suggested claims on real-shaped articles: every sentence of six
//! fixtures (the last written and labelled after the rules were tuned on
//! the other five) is labelled claim-worthy or not, and the suggestions
//! are measured against the labels (precision and recall ≥ 0.8), plus the
//! must-have claims of the canonical ANI article with their speaker and
//! relay.
//!
//! The labelling rule: a sentence is claim-worthy when it carries a
//! statement attributed to a speaker or source (a person, officials, an
//! outlet "according to" which something is so), or an unattributed
//! statement with a figure or superlative a fact-checker would check.
//! Context, scene-setting and event reports in the outlet's own voice
//! ("Envoys arrived in Berlin on Sunday") are not.

use crate::common;

use claimtrail::import::markdown::parse_markdown;
use claimtrail::import::text::parse_plain;
use claimtrail::import::ParsedArticle;
use claimtrail::model::{AppearanceKind, StepKind, Suggestion};
use claimtrail::suggest::{suggest, ArticleContext, KnownPerson};

/// An imported fixture as the store keeps it: paragraphs joined by a
/// blank line (what `articles::store_parsed` stores as the body).
struct Article {
    parsed: ParsedArticle,
    body: String,
    published: Option<String>,
}

impl Article {
    fn load(name: &str) -> Article {
        let text = std::fs::read_to_string(common::fixture(name)).expect("fixture reads");
        let parsed = if name.ends_with(".md") {
            parse_markdown(&text)
        } else {
            parse_plain(&text)
        }
        .expect("fixture parses");
        Article {
            body: parsed.paragraphs.join("\n\n"),
            published: parsed.published_at.map(|t| t.to_string()),
            parsed,
        }
    }

    fn ctx(&self) -> ArticleContext<'_> {
        ArticleContext {
            body: &self.body,
            title: self.parsed.title.as_deref().unwrap_or(""),
            published_at: self.published.as_deref(),
            outlet: self.parsed.outlet.as_deref(),
            dateline: self.parsed.dateline.as_deref(),
        }
    }

    fn suggestions(&self, persons: &[KnownPerson]) -> Vec<Suggestion> {
        suggest(&self.ctx(), persons)
    }
}

/// Every body sentence of a fixture (by words it contains) and whether
/// it is claim-worthy.
type Labels = &'static [(&'static str, bool)];

const ANI: Labels = &[
    ("Ukraine has signalled that it may be willing", true),
    (
        "Zelenskyy described the proposal as a significant concession",
        true,
    ),
    (
        "Instead, he said Ukraine could accept legally binding",
        true,
    ),
    (
        "From the very beginning, Ukraine's desire was to join NATO",
        true,
    ),
    ("He said alternative arrangements could still offer", true),
    ("Thus, today, bilateral security guarantees", true),
    ("And it is already a compromise from our part.", true),
    ("If pursued, the shift would mark a major change", false),
    (
        "Zelenskyy made clear that Ukraine continues to reject",
        true,
    ),
    ("The Ukrainian president said he was seeking", true),
    ("He also accused Moscow of deliberately prolonging", true),
    ("The comments came as diplomatic efforts intensified", false),
    ("Trump's envoy Steve Witkoff and his son-in-law", false),
    ("The decision to send Witkoff", true),
    ("is reviewing a 20-point plan", true),
    ("Kyiv is not holding direct talks with Russia", true),
    ("He noted that a truce along the current front lines", true),
    (
        "Despite ongoing diplomatic discussions, Russian attacks have not stopped.",
        false,
    ),
    ("targeting the power grid", true),
];

const REUTERS_STYLE: Labels = &[
    ("Ukraine will not withdraw from parts of Donetsk", true),
    (
        "A truce along the current front lines could be considered fair",
        true,
    ),
    (
        "The comments came after Steve Witkoff and Jared Kushner arrived",
        true,
    ),
];

const BERLIN_V1: Labels = &[
    ("US envoys Steve Witkoff and Jared Kushner met", false),
    ("Zelenskyy said Ukraine could accept legally binding", true),
    (
        "The talks were expected to continue on Monday, officials said.",
        true,
    ),
];

const AP_STRIKES: Labels = &[
    (
        "Russian drones struck energy facilities in three Ukrainian regions",
        true,
    ),
    (
        "The strikes came hours before Ukrainian and U.S. officials",
        true,
    ),
    (
        "Ukrainian officials say Russia is deliberately targeting",
        true,
    ),
];

const REUTERS_TALKS: Labels = &[
    ("Ukraine said on Monday that talks in Berlin", true),
    (
        "President Volodymyr Zelenskyy told reporters the guarantees",
        true,
    ),
    ("It is already a compromise from our part", true),
    (
        "did not immediately comment, the Interfax news agency reported",
        true,
    ),
];

/// Written and labelled after the rules were tuned on the fixtures above.
/// Its first measurement, before any change: precision 0.89 (8/9), recall
/// 0.80 (8/10), 5 of 7 speakers right. Three general rules came from it
/// ("said X" only when X ends the clause, a relative clause between name
/// and verb, a sentence's subject as the antecedent of "he"), so it is no
/// longer unseen; a new unseen article is the next honest measure.
const HELD_OUT: Labels = &[
    ("European Union foreign ministers failed on Monday", false),
    ("Kaja Kallas, told reporters after the meeting", true),
    ("If we do not act now", true),
    ("This is the cheapest option we have", true),
    ("said Brussels could not shoulder the risk alone", true),
    ("The meeting lasted more than six hours.", false),
    ("according to the European Commission", true),
    ("Moscow has called any use of the assets", true),
    (
        "Kremlin spokesman Dmitry Peskov told the state news agency TASS",
        true,
    ),
    ("Diplomats expect leaders to return to the issue", true),
    ("has repeatedly opposed new funding for Kyiv", false),
    ("He wrote on X that the plan was", true),
    ("Ukraine's economy shrank by nearly a third in 2022", true),
    (
        "The ministers also discussed a new package of sanctions.",
        false,
    ),
];

const FIXTURES: &[(&str, Labels)] = &[
    ("ani-2025-12-15-nato-guarantees.txt", ANI),
    ("reuters-style.txt", REUTERS_STYLE),
    ("berlin-talks-v1.md", BERLIN_V1),
    ("import/ap-2025-12-15-kyiv-strikes.txt", AP_STRIKES),
    ("import/reuters-2025-12-15-kyiv-talks.txt", REUTERS_TALKS),
    ("suggest-heldout.txt", HELD_OUT),
];

/// Counts of one fixture: suggestions that are claim-worthy, suggestions
/// that are not, and claim-worthy sentences with no suggestion.
#[derive(Default, Debug)]
struct Tally {
    hits: usize,
    false_alarms: Vec<String>,
    missed: Vec<&'static str>,
}

fn tally(article: &Article, labels: Labels) -> Tally {
    for (words, _) in labels {
        assert!(
            article.body.contains(words),
            "label {words:?} must quote the fixture's body"
        );
    }
    let suggestions = article.suggestions(&[]);
    let mut t = Tally::default();
    for s in &suggestions {
        let labelled: Vec<bool> = labels
            .iter()
            .filter(|(words, _)| s.exact.contains(words))
            .map(|(_, worthy)| *worthy)
            .collect();
        assert!(
            !labelled.is_empty(),
            "every suggestion must be a labelled sentence, so precision counts it: {:?}",
            s.exact
        );
        if labelled.contains(&true) {
            t.hits += 1;
        } else {
            t.false_alarms.push(s.exact.clone());
        }
    }
    t.missed = labels
        .iter()
        .filter(|(words, worthy)| *worthy && !suggestions.iter().any(|s| s.exact.contains(words)))
        .map(|(words, _)| *words)
        .collect();
    t
}

#[test]
fn precision_and_recall_over_labelled_fixtures() {
    let (mut hits, mut suggested, mut worthy, mut found) = (0, 0, 0, 0);
    for (name, labels) in FIXTURES {
        let t = tally(&Article::load(name), labels);
        let worthy_here = labels.iter().filter(|(_, w)| *w).count();
        println!(
            "{name}: {} suggested, {} claim-worthy of them, {} of {worthy_here} claim-worthy sentences found; false alarms {:?}; missed {:?}",
            t.hits + t.false_alarms.len(),
            t.hits,
            worthy_here - t.missed.len(),
            t.false_alarms,
            t.missed
        );
        hits += t.hits;
        suggested += t.hits + t.false_alarms.len();
        worthy += worthy_here;
        found += worthy_here - t.missed.len();
    }
    let precision = hits as f64 / suggested as f64;
    let recall = found as f64 / worthy as f64;
    println!("overall: precision {precision:.2} ({hits}/{suggested}), recall {recall:.2} ({found}/{worthy})");
    assert!(
        precision >= 0.8,
        "most suggestions must be worth a journalist's look: precision {precision:.2}"
    );
    assert!(
        recall >= 0.8,
        "most claim-worthy sentences must be suggested: recall {recall:.2}"
    );
}

/// The suggestion whose text contains `words`.
fn containing<'s>(suggestions: &'s [Suggestion], words: &str) -> &'s Suggestion {
    suggestions
        .iter()
        .find(|s| s.exact.contains(words))
        .unwrap_or_else(|| panic!("a suggestion must contain {words:?}"))
}

#[test]
fn ani_must_haves_have_their_speaker_and_relay() {
    let article = Article::load("ani-2025-12-15-nato-guarantees.txt");
    let suggestions = article.suggestions(&[]);
    for (words, kind, speaker, relay) in [
        (
            "From the very beginning, Ukraine's desire was to join NATO",
            AppearanceKind::DirectQuote,
            "Zelenskyy",
            Some("Al Jazeera"),
        ),
        (
            "Thus, today, bilateral security guarantees",
            AppearanceKind::DirectQuote,
            "Zelenskyy",
            Some("Al Jazeera"),
        ),
        (
            "And it is already a compromise from our part.",
            AppearanceKind::DirectQuote,
            "Zelenskyy",
            Some("Al Jazeera"),
        ),
        (
            "is reviewing a 20-point plan",
            AppearanceKind::Paraphrase,
            "Zelenskyy",
            Some("Al Jazeera"),
        ),
        (
            "Kyiv is not holding direct talks with Russia",
            AppearanceKind::Paraphrase,
            "Zelenskyy",
            Some("Al Jazeera"),
        ),
        (
            "targeting the power grid",
            AppearanceKind::Paraphrase,
            "Ukrainian officials",
            Some("Al Jazeera"),
        ),
    ] {
        let s = containing(&suggestions, words);
        assert_eq!(s.kind, kind, "kind of {words:?}");
        assert!(
            s.speaker.as_deref().is_some_and(|sp| sp.contains(speaker)),
            "{words:?} is attributed to {speaker}, got {:?}",
            s.speaker
        );
        assert_eq!(
            s.relay.as_deref(),
            relay,
            "the lead's 'Al Jazeera reported' relays {words:?}"
        );
    }
}

#[test]
fn held_out_speakers_survive_clauses_and_silent_antecedents() {
    let article = Article::load("suggest-heldout.txt");
    let suggestions = article.suggestions(&[]);
    for (words, speaker) in [
        ("said Brussels could not shoulder", "Maxime Prevot"),
        ("He wrote on X", "Viktor Orban"),
        ("This is the cheapest option", "Kaja Kallas"),
        ("in a way that will hurt", "Dmitry Peskov"),
    ] {
        assert_eq!(
            containing(&suggestions, words).speaker.as_deref(),
            Some(speaker),
            "{words:?}: the name before a relative clause, or the person the previous sentence opened with"
        );
    }
}

#[test]
fn ani_unknown_speaker_is_the_fullest_name_printed() {
    let article = Article::load("ani-2025-12-15-nato-guarantees.txt");
    let s = &article.suggestions(&[])[0];
    assert_eq!(
        s.speaker.as_deref(),
        Some("Volodymyr Zelenskyy"),
        "with no known person, the speaker is the fullest form of the name in the article"
    );
    assert!(
        s.reasons.iter().any(|r| r == "headline"),
        "the lead restates the headline's claim: {:?}",
        s.reasons
    );
}

#[test]
fn ani_quote_with_known_person_has_full_hints() {
    let article = Article::load("ani-2025-12-15-nato-guarantees.txt");
    let persons = [KnownPerson {
        id: "p-zel".into(),
        name: "Volodymyr Zelenskyy".into(),
        aliases: vec!["Zelensky".into(), "Zelenskiy".into()],
    }];
    let suggestions = article.suggestions(&persons);
    let quote = containing(&suggestions, "From the very beginning");
    let h = &quote.hints;
    assert_eq!(h.speaker.as_deref(), Some("Volodymyr Zelenskyy"));
    assert_eq!(
        h.speaker_id.as_deref(),
        Some("p-zel"),
        "resolved to the known person"
    );
    assert_eq!(
        h.venue.as_deref(),
        Some("WhatsApp chat with reporters"),
        "'in response to questions from reporters in a WhatsApp chat'"
    );
    assert_eq!(
        h.stated_at.as_deref(),
        Some("2025-12-15T02:37:51+05:30"),
        "no time cue in the sentence: the publication time, offset kept"
    );
    let chain: Vec<(&str, StepKind, Option<&str>)> = h
        .attribution
        .iter()
        .map(|s| (s.name.as_str(), s.kind, s.cue.as_deref()))
        .collect();
    assert_eq!(
        chain,
        vec![
            (
                "Volodymyr Zelenskyy",
                StepKind::Person,
                Some("Zelenskyy said")
            ),
            ("Al Jazeera", StepKind::Outlet, Some("Al Jazeera reported")),
            ("ANI", StepKind::Outlet, None),
        ],
        "speaker, then the relay with its cue, then the article's own outlet"
    );
    let lead = &suggestions[0].hints;
    assert_eq!(
        lead.stated_cue.as_deref(),
        Some("ahead of key meetings"),
        "the lead dates the statement by the meetings, which name no day"
    );
}

#[test]
fn reuters_weekday_is_a_date_before_publication() {
    let article = Article::load("reuters-style.txt");
    let suggestions = article.suggestions(&[]);
    let s = containing(&suggestions, "Ukraine will not withdraw");
    assert_eq!(
        (s.hints.stated_at.as_deref(), s.hints.stated_cue.as_deref()),
        (Some("2025-12-15"), Some("on Monday")),
        "published Monday 15 December: 'on Monday' is that day, a date without a time"
    );
    assert_eq!(
        s.relay, None,
        "the dateline's own credit (Reuters) is not a relay"
    );
}

#[test]
fn offsets_slice_to_exact_on_every_fixture() {
    for (name, _) in FIXTURES {
        let article = Article::load(name);
        let chars: Vec<char> = article.body.chars().collect();
        for s in article.suggestions(&[]) {
            let slice: String = chars[s.start as usize..s.end as usize].iter().collect();
            assert_eq!(slice, s.exact, "{name}: code point offsets slice to exact");
        }
    }
}
