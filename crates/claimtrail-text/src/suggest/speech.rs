//! Reported speech: the "X said", "said X", "according to X", "X told",
//! "X noted / stressed / added / accused / described / warned" cues of a
//! sentence, and who each names as the source.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::people::{fold, strip_titles};
use crate::parse::relays::canonical_outlet;

/// Who a cue names, before it is resolved to a speaker.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Subject {
    /// A name as printed, titles removed ("Volodymyr Zelenskyy").
    Name(String),
    /// "he", "she": the last named speaker.
    Pronoun,
    /// "the Ukrainian president": a known person's alias, else the last
    /// named speaker.
    Role(String),
    /// "Ukrainian officials", "the ministry": a source that is not one person.
    Group(String),
    /// "Al Jazeera reported": an outlet relaying, not a speaker.
    Outlet,
}

/// One speech cue in a sentence: its subject and the words that make it
/// ("Zelenskyy said"), as a byte range into the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Cue {
    pub subject: Option<Subject>,
    pub span: Range<usize>,
}

/// Verbs that report speech. Lowercase only, so "United States" is not
/// read as "X states".
const VERBS: &str = r"said|says|say|told|tells|noted|notes|stressed|stresses|added|adds|accused|accuses|described|describes|warned|warns|reiterated|reiterates|insisted|insists|claimed|claims|argued|argues|stated|announced|announces|declared|declares|explained|explains|emphasi[sz]ed|emphasi[sz]es|acknowledged|acknowledges|admitted|admits|denied|denies|pointed\s+out|points\s+out|made\s+clear|makes\s+clear|urged|urges|confirmed|confirms|wrote|writes|posted|reported|reports|alleged|alleges|predicted|predicts|vowed|vows|asserted|asserts|maintained|maintains|conceded|concedes|cautioned|cautions|repeated|repeats|spoke|speaks|called|calls|threatened|threatens";

/// Verbs that report speech without a subject of their own ("..., adding
/// that", "calling the war ..."): the sentence is reported speech, its
/// speaker comes from another cue.
const PARTICIPLES: &str = r"adding|calling|saying|noting|stressing|warning|insisting|accusing|describing|arguing|claiming|urging|reiterating";

/// A person described by role ("the Ukrainian president").
const ROLE: &str = r"[Tt]he\s+(?:[\p{L}-]+\s+){0,3}?(?:president|prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|minister|chancellor|leader|spokesman|spokeswoman|spokesperson|envoy|ambassador|secretary|commander|mayor|governor|premier|chief)";

/// Sources that are not one person.
const GROUP: &str = r"(?:[Tt]he\s+)?(?:\p{Lu}[\p{L}-]*\s+)?(?:officials|sources|diplomats|authorities|analysts|experts|residents|witnesses|police|lawmakers|observers|critics|officers|aides|ministry|government|military|army|prosecutors|spokespeople)";

const PRONOUN: &str = r"\b(?:[Hh]e|[Ss]he|[Tt]hey)";

/// Capitalised words, up to five ("US President Donald Trump").
const NAME: &str = r"(?:[Tt]he\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,4}";

/// Words allowed between a subject and its verb ("he also said",
/// "Zelenskyy has repeatedly said", "Trump on Sunday said").
const BETWEEN: &str = r"(?:\s+(?:also|has|had|have|later|again|previously|further|then|repeatedly|earlier|separately|reportedly|publicly|once|never|recently|already|on\s+\p{Lu}\p{L}+))*";

static SUBJECT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<subj>{ROLE}|{GROUP}|{PRONOUN}|{NAME}),?{BETWEEN}\s+(?P<verb>{VERBS})\b"
    ))
    .expect("subject-first speech regex")
});

/// "..., said Zelenskyy." The subject must end its clause: in "..., said
/// Brussels could not" the name is what was said, not who said it.
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"[,”"’]\s*(?P<verb>said|says|added|noted|wrote|warned|stressed|insisted|told\s+reporters)\s+(?P<subj>{ROLE}|{GROUP}|{NAME}|he\b|she\b)\s*(?:[.,;:!?]|$)"#
    ))
    .expect("verb-first speech regex")
});

/// "Maxime Prevot, whose country hosts the assets, said": a relative
/// clause between the name and its verb.
static SUBJECT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?P<subj>{NAME}),\s+(?:who|whose|which)\b[^,;"“”]{{0,150}},{BETWEEN}\s+(?P<verb>{VERBS})\b"#
    ))
    .expect("subject-clause speech regex")
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<verb>[Aa]ccording\s+to|[Aa]s\s+per|[Cc]iting)\s+(?P<subj>{ROLE}|{GROUP}|{NAME})"
    ))
    .expect("according-to regex")
});

static PARTICIPLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:{PARTICIPLES})\b")).expect("participle regex"));

/// Capitalised words that cannot be a speaker on their own.
const NOT_SPEAKERS: &[&str] = &[
    "it", "we", "i", "you", "this", "that", "there", "these", "those", "one", "some", "many",
    "all", "both", "each", "nobody", "everyone",
];

/// The speech cues of `sentence`, in text order, and whether it reports
/// speech at all (a participle like "adding" counts, with no subject).
pub(super) fn cues(sentence: &str) -> (Vec<Cue>, bool) {
    let mut found: Vec<Cue> = Vec::new();
    for regex in [&*SUBJECT_FIRST, &*SUBJECT_CLAUSE, &*VERB_FIRST, &*ACCORDING] {
        for caps in regex.captures_iter(sentence) {
            let (Some(whole), Some(subj), Some(verb)) =
                (caps.get(0), caps.name("subj"), caps.name("verb"))
            else {
                continue;
            };
            let name = without_full_stop(subj.as_str());
            let Some(subject) = classify(name, verb.as_str()) else {
                continue;
            };
            let start = whole.start() + whole.as_str().len()
                - whole
                    .as_str()
                    .trim_start_matches([',', '”', '"', '’', ' '])
                    .len();
            let end = if subj.start() > verb.start() {
                // Verb first: the cue ends with the name, not the
                // punctuation after it.
                subj.start() + name.len()
            } else {
                whole.end()
            };
            found.push(Cue {
                subject: Some(subject),
                span: start..end,
            });
        }
    }
    found.sort_by_key(|c| c.span.start);
    let speech = !found.is_empty() || PARTICIPLE.is_match(sentence);
    (found, speech)
}

/// A name at the end of a sentence without the sentence's full stop:
/// "said Zelenskyy." names "Zelenskyy", but "the U.S." keeps its dots.
fn without_full_stop(name: &str) -> &str {
    let Some(bare) = name.strip_suffix('.') else {
        return name;
    };
    let last_word = bare.rsplit(' ').next().unwrap_or(bare);
    if last_word.contains('.') || last_word.chars().count() < 2 {
        name
    } else {
        bare
    }
}

/// What kind of source a cue's subject is; `None` for words that name no
/// source ("It said").
fn classify(subject: &str, verb: &str) -> Option<Subject> {
    let folded = fold(subject);
    if NOT_SPEAKERS.contains(&folded.as_str()) || folded.ends_with("'s") {
        // "Moscow's stated objectives": a possessive owns, it does not speak.
        return None;
    }
    if matches!(folded.as_str(), "he" | "she") {
        return Some(Subject::Pronoun);
    }
    if folded == "they" {
        return None;
    }
    let bare = folded.strip_prefix("the ").unwrap_or(&folded);
    if canonical_outlet(subject).is_some() || verb.starts_with("report") {
        return Some(Subject::Outlet);
    }
    if ROLE_ONLY.is_match(subject) {
        return Some(Subject::Role(subject.to_owned()));
    }
    if GROUP_ONLY.is_match(subject) {
        return Some(Subject::Group(group_name(subject)));
    }
    match strip_titles(subject) {
        Some(name) if !NOT_SPEAKERS.contains(&bare) => Some(Subject::Name(name.to_owned())),
        Some(_) => None,
        None => Some(Subject::Role(subject.to_owned())),
    }
}

static ROLE_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{ROLE})$")).expect("role regex"));
static GROUP_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^(?:{GROUP})$")).expect("group regex"));

/// A group as a speaker name: "the ministry" keeps its article in
/// lowercase, "Ukrainian officials" is kept as printed.
fn group_name(subject: &str) -> String {
    match subject.strip_prefix("The ") {
        Some(rest) => format!("the {rest}"),
        None => subject.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn name(s: &str) -> Option<Subject> {
        Some(Subject::Name(s.to_owned()))
    }

    fn first(sentence: &str) -> (Option<Subject>, String) {
        let (found, speech) = cues(sentence);
        assert!(speech, "{sentence:?} reports speech");
        let cue = found.into_iter().next().expect("a cue");
        let words = sentence[cue.span].to_owned();
        (cue.subject, words)
    }

    #[rstest]
    #[case::x_said(
        "Zelenskyy said the guarantees must bind.",
        name("Zelenskyy"),
        "Zelenskyy said"
    )]
    #[case::title_x_said(
        "Talks may resume, President Volodymyr Zelenskyy said on Monday.",
        name("Volodymyr Zelenskyy"),
        "President Volodymyr Zelenskyy said"
    )]
    #[case::said_x(
        "\"We are ready,\" said Zelenskyy.",
        name("Zelenskyy"),
        "said Zelenskyy"
    )]
    #[case::according_to(
        "Peace is near, according to Zelenskyy.",
        name("Zelenskyy"),
        "according to Zelenskyy"
    )]
    #[case::as_per(
        "Peace is near, as per Ukrainian officials.",
        Some(Subject::Group("Ukrainian officials".into())),
        "as per Ukrainian officials"
    )]
    #[case::told(
        "Zelenskyy told reporters it was fair.",
        name("Zelenskyy"),
        "Zelenskyy told"
    )]
    #[case::reported(
        "The deal was near, Al Jazeera reported.",
        Some(Subject::Outlet),
        "Al Jazeera reported"
    )]
    #[case::noted(
        "He noted that a truce could be fair.",
        Some(Subject::Pronoun),
        "He noted"
    )]
    #[case::stressed(
        "Zelenskyy stressed that such assurances must be binding.",
        name("Zelenskyy"),
        "Zelenskyy stressed"
    )]
    #[case::added("Trump added that he was hopeful.", name("Trump"), "Trump added")]
    #[case::accused(
        "He also accused Moscow of prolonging the war.",
        Some(Subject::Pronoun),
        "He also accused"
    )]
    #[case::described(
        "Zelenskyy described the proposal as a concession.",
        name("Zelenskyy"),
        "Zelenskyy described"
    )]
    #[case::warned(
        "The Kremlin warned against it.",
        name("Kremlin"),
        "The Kremlin warned"
    )]
    #[case::role(
        "The Ukrainian president said he was seeking peace.",
        Some(Subject::Role("The Ukrainian president".into())),
        "The Ukrainian president said"
    )]
    #[case::group_say(
        "Strikes hit, and Ukrainian officials say Russia is targeting the grid.",
        Some(Subject::Group("Ukrainian officials".into())),
        "Ukrainian officials say"
    )]
    #[case::relative_clause(
        "Maxime Prevot, whose country hosts the assets, said Brussels could not pay.",
        name("Maxime Prevot"),
        "Maxime Prevot, whose country hosts the assets, said"
    )]
    #[case::said_x_mid_sentence(
        "The talks, said the spokesman, went well.",
        Some(Subject::Role("the spokesman".into())),
        "said the spokesman"
    )]
    #[case::called(
        "Moscow has called any use of the assets theft.",
        name("Moscow"),
        "Moscow has called"
    )]
    #[case::made_clear(
        "Zelenskyy made clear that Ukraine rejects it.",
        name("Zelenskyy"),
        "Zelenskyy made clear"
    )]
    fn finds_reported_speech(
        #[case] sentence: &str,
        #[case] subject: Option<Subject>,
        #[case] words: &str,
    ) {
        assert_eq!(
            first(sentence),
            (subject, words.to_owned()),
            "the cue names its source and covers the words that attribute it"
        );
    }

    #[rstest]
    #[case::no_verb("Russian attacks have not stopped.")]
    #[case::united_states("The United States backs the plan.")]
    #[case::event("Witkoff and Kushner arrived in Berlin on Sunday.")]
    fn finds_no_speech(#[case] sentence: &str) {
        assert_eq!(
            cues(sentence),
            (vec![], false),
            "a sentence without a speech verb reports no speech"
        );
    }

    #[test]
    fn participle_is_speech_without_a_subject() {
        let (found, speech) = cues("It was fair, adding that talks continue.");
        assert!(
            speech && found.is_empty(),
            "'adding' marks reported speech but names nobody"
        );
    }
}
