//! Check-worthiness: what in a sentence a fact-checker could verify or
//! would want to (figures, superlatives and comparisons, dates, places).
//! These raise a suggestion's score and are listed as its reasons.

use std::sync::LazyLock;

use regex::Regex;

use super::people::fold;
use crate::parse::text::MONTH_NAMES;

/// The signals found in one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Signals {
    /// A quantity: "thousands", "3.5 percent", "1,200 troops".
    pub figure: bool,
    /// A number used as part of a name or compound ("20-point plan",
    /// "Article 5"): a detail, weaker than a figure.
    pub number: bool,
    pub superlative: bool,
    pub comparison: bool,
    pub date: bool,
    pub place: bool,
    /// The sentence says what the headline says: most often the article's
    /// main claim.
    pub headline: bool,
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d+(?:[.,]\d+)*(?P<tail>\s?(?:%|percent|per\s+cent)|-)?").expect("number regex")
});

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:thousands|hundreds|millions|billions|dozens|tens\s+of\s+thousands|(?:one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?:half|third|quarter|hundred|thousand|million|billion)|half|twice|doubled|tripled|percent|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen)\b")
        .expect("quantity regex")
});

static SUPERLATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:most|least|best|worst|first\s+time|(?:a|the|new|all-time)\s+record|record[-\s](?:high|low|number|level|levels|amount|year|heat|temperatures?|turnout|sales)|unprecedented|\p{L}{2,}est)\b")
        .expect("superlative regex")
});

/// Words ending in "-est" that are not superlatives.
const NOT_SUPERLATIVES: &[&str] = &[
    "interest",
    "rest",
    "test",
    "protest",
    "request",
    "suggest",
    "west",
    "guest",
    "honest",
    "modest",
    "forest",
    "arrest",
    "chest",
    "contest",
    "harvest",
    "invest",
    "manifest",
    "earnest",
    "digest",
    "quest",
    "nest",
    "pest",
    "vest",
    "budapest",
    "bucharest",
    "priest",
    "conquest",
    "behest",
    "unrest",
    "attest",
    "wrest",
    "crest",
    "jest",
    "lest",
    "zest",
    "detest",
    "infest",
    "midwest",
    "southwest",
    "northwest",
    "latest",
    "congest",
    "ingest",
    "divest",
    "tempest",
    "molest",
    "inquest",
    "bequest",
    "everest",
];

static COMPARISON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:more|less|fewer|\p{L}{2,}er)\s+than|since\s+(?:World\s+War|the\s+\d{4}s|\d{4}|the\s+start)|compared\s+(?:with|to)|twice\s+as)\b")
        .expect("comparison regex")
});

/// A capitalised word after a preposition of place: "in Berlin",
/// "from Donetsk". A capitalised word followed by a lowercase noun is an
/// adjective ("from Western allies") and does not count.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:in|from|to|at|near|across|into|of|over|outside)\s+(?P<name>\p{Lu}\p{Ll}[\p{L}-]*)(?:\s+(?P<next>\p{L}+))?")
        .expect("place regex")
});

/// Capitalised words after a preposition that are not places.
const NOT_PLACES: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "His",
    "Her",
    "Their",
    "This",
    "That",
    "President",
    "Prime",
    "Minister",
    "Article",
    "World",
];

/// Lowercase words that may follow a place name ("in Berlin on Sunday").
const AFTER_PLACE: &[&str] = &[
    "on", "for", "and", "with", "to", "in", "at", "of", "that", "the", "as", "is", "was", "were",
    "are", "said", "says", "but", "or", "by", "from", "after", "before", "during", "while",
    "which", "who", "where", "when", "under", "over", "would", "will", "could", "has", "had",
    "have", "this", "last", "since", "until", "amid", "despite",
];

/// The check-worthy signals of `sentence`; `dated` says whether a time cue
/// was already found there (it is one of the signals).
pub(super) fn signals(sentence: &str, dated: bool) -> Signals {
    let mut s = Signals {
        date: dated,
        ..Signals::default()
    };
    for m in NUMBER.captures_iter(sentence) {
        let compound = m.name("tail").is_some_and(|t| t.as_str() == "-");
        let year = m[0].len() == 4 && m[0].starts_with(['1', '2']);
        let whole = m.get(0).map_or(0..0, |g| g.range());
        if year || day_of_month(&sentence[..whole.start], &sentence[whole.end..]) {
            s.date = true;
        } else if compound {
            s.number = true;
        } else {
            s.figure = true;
        }
    }
    s.figure |= QUANTITY.is_match(sentence);
    s.superlative = SUPERLATIVE.find_iter(sentence).any(|m| {
        let word = m.as_str().to_lowercase();
        !NOT_SUPERLATIVES.contains(&word.as_str())
    });
    s.comparison = COMPARISON.is_match(sentence);
    s.place = PLACE.captures_iter(sentence).any(|c| is_place(&c));
    s
}

/// Months as news copy abbreviates them (their full names are
/// `MONTH_NAMES`).
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Whether a number is the day of a date ("Feb. 14", "14 December") or
/// a clock time ("4:14 p.m.", "10 a.m."): a date, not a figure to check.
fn day_of_month(before: &str, after: &str) -> bool {
    if before.ends_with(':')
        || after.starts_with(':')
        || ["a.m", "p.m", "am ", "pm ", "am.", "pm."]
            .iter()
            .any(|t| after.trim_start().starts_with(t))
    {
        return true;
    }
    let is_month = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        MONTH_NAMES.contains(&w.as_str()) || MONTH_ABBREVIATIONS.contains(&w.as_str())
    };
    before.split_whitespace().next_back().is_some_and(is_month)
        || after.split_whitespace().next().is_some_and(is_month)
}

fn is_place(caps: &regex::Captures) -> bool {
    let name = &caps["name"];
    if NOT_PLACES.contains(&name) {
        return false;
    }
    match caps.name("next") {
        Some(next) if next.as_str().starts_with(char::is_lowercase) => {
            AFTER_PLACE.contains(&next.as_str())
        }
        _ => true,
    }
}

/// The words of a headline that carry its meaning: folded, four letters
/// or more ("Ukraine", "guarantees", "Zelenskyy"; not "open", "for").
pub(super) fn title_words(title: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(title)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && !TITLE_STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect();
    words.dedup();
    words
}

const TITLE_STOPWORDS: &[&str] = &[
    "with", "from", "that", "this", "over", "after", "into", "amid", "says", "said", "will",
    "would", "could", "their", "about", "what", "when", "more",
];

/// Whether a sentence carries most of the headline's words (three at least).
pub(super) fn echoes_title(sentence: &str, title_words: &[String]) -> bool {
    if title_words.len() < 3 {
        return false;
    }
    let folded = fold(sentence);
    let shared = title_words
        .iter()
        .filter(|w| folded.contains(w.as_str()))
        .count();
    shared >= 3 && shared * 5 >= title_words.len() * 3
}

impl Signals {
    /// Reasons a journalist reads, in a fixed order.
    pub fn reasons(&self) -> Vec<&'static str> {
        [
            (self.figure || self.number, "number"),
            (self.superlative, "superlative"),
            (self.comparison, "comparison"),
            (self.date, "date"),
            (self.place, "place"),
        ]
        .into_iter()
        .chain([(self.headline, "headline")])
        .filter_map(|(on, reason)| on.then_some(reason))
        .collect()
    }

    /// How much the signals add to a suggestion's score.
    pub fn weight(&self) -> f64 {
        let mut w = 0.0;
        if self.figure {
            w += 0.15;
        } else if self.number {
            w += 0.05;
        }
        if self.superlative {
            w += 0.15;
        }
        if self.comparison {
            w += 0.1;
        }
        if self.date {
            w += 0.05;
        }
        if self.place {
            w += 0.05;
        }
        if self.headline {
            w += 0.1;
        }
        w
    }

    /// Strong enough to suggest a sentence nobody is quoted in: a figure
    /// or a superlative is what fact-checkers check in an outlet's own words.
    pub fn checkable_alone(&self) -> bool {
        self.figure || self.superlative
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::figure("Strikes left thousands without power.", &["number"])]
    #[case::percent("Prices rose 3.5 percent.", &["number"])]
    #[case::compound_number("They reviewed a 20-point plan.", &["number"])]
    #[case::superlative_and_since(
        "He called the war Europe's deadliest since World War II.",
        &["superlative", "comparison"]
    )]
    #[case::strongest("It is the strongest safeguard.", &["superlative"])]
    #[case::comparison("Fewer than ten people came.", &["number", "comparison"])]
    #[case::place("Envoys arrived in Berlin on Sunday.", &["place"])]
    #[case::adjective_not_place("Guarantees from Western allies.", &[])]
    #[case::interest_not_superlative("It is in our interest to protest.", &[])]
    #[case::year("The deal dates from 2014.", &["date"])]
    #[case::day_of_month("The hearing is set for Feb. 14.", &["date"])]
    #[case::day_before_month("The hearing is set for 14 March.", &["date"])]
    #[case::clock_time("It ended at 4:14 p.m.", &["date"])]
    #[case::hour("It began at 10 a.m. sharp.", &["date"])]
    #[case::record_label("She left her record label.", &[])]
    #[case::a_record("He won in a record four countries.", &["number", "superlative"])]
    #[case::nothing("Russian attacks have not stopped.", &[])]
    fn finds_check_worthy_signals(#[case] sentence: &str, #[case] expected: &[&str]) {
        assert_eq!(
            signals(sentence, false).reasons(),
            expected,
            "figures, superlatives, comparisons, dates and places are what a fact-checker checks"
        );
    }

    #[rstest]
    #[case::lead(
        "Ukraine may give up its goal of joining NATO for security guarantees from Western allies, Zelenskyy said.",
        true
    )]
    #[case::other("Russian attacks have not stopped.", false)]
    #[case::few_words("Ukraine wants peace.", false)]
    fn finds_the_headline_claim(#[case] sentence: &str, #[case] echoes: bool) {
        let title = title_words(
            "Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy",
        );
        assert_eq!(
            echoes_title(sentence, &title),
            echoes,
            "a sentence with most of the headline's words restates its claim"
        );
    }

    #[test]
    fn compound_numbers_alone_are_not_checkable() {
        assert!(
            !signals("They discussed a 20-point plan.", false).checkable_alone(),
            "a number naming a plan is not a figure worth checking by itself"
        );
        assert!(signals("Strikes left thousands without power.", false).checkable_alone());
    }
}
