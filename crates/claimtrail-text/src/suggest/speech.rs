//! Reported speech: the "X said", "said X", "according to X", "X told",
//! "X noted / stressed / added / accused / described / warned" cues of a
//! sentence, and who each names as the source.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::people::{fold, is_sentence_word, strip_titles};
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
    /// "it", "they", "the statement": the last source that is not one
    /// person (an institution, a group, the author of a statement).
    NotPerson,
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
const VERBS: &str = r"(?:is|are|was|were)\s+(?:alleging|saying|claiming|arguing|urging|demanding|calling|warning|insisting|accusing|asking|pushing|pressing|defending|denying|disputing|promising|pledging|threatening|critici[sz]ing|questioning|touting|predicting|blaming)|abandoned\s+(?:ambitions|plans|hopes|demands|claims|its|his|her|their|the\s+(?:goal|bid|plan|idea|demand|claim))|(?:offered|offers|declined|declines|refused|refuses)\s+to|signall?ed|hinted|demanded|promised|questioned|disputed|expressed|touted|estimated|ruled\s+out|ruled\s+that|rules\s+that|charged\s+(?:\p{Lu}[\p{L}-]*|him|her|them)|quipped|joked|rules\s+out|called\s+for|calls\s+for|pledged|pledges|proposed|proposes|suggested|suggests|suggest|rejected|rejects|condemned|condemns|critici[sz]ed|critici[sz]es|welcomed|welcomes|praised|praises|defended|defends|cited|cites|recogni[sz]ed|recogni[sz]es|testified|testifies|recalled|recalls|believes|believed|revealed|reveals|tweeted|tweets|slammed|slams|assailed|assails|blamed|blames|hailed|hails|dismissed|dismisses|complained|complains|asked|asks|indicated|indicates|lashed\s+out|cried\s+foul|said|says|say|told|tells|noted|notes|stressed|stresses|added|adds|accused|accuses|described|describes|warned|warns|reiterated|reiterates|insisted|insists|claimed|claims|argued|argues|stated|announced|announces|declared|declares|explained|explains|emphasi[sz]ed|emphasi[sz]es|acknowledged|acknowledges|admitted|admits|denied|denies|pointed\s+out|points\s+out|made\s+clear|makes\s+clear|urged|urges|confirmed|confirms|wrote|writes|posted|reported|reports|alleged|alleges|predicted|predicts|vowed|vows|asserted|asserts|maintained\s+that|maintains\s+that|conceded|concedes|cautioned|cautions|repeated|repeats|spoke|speaks|called|calls|threatened|threatens";

/// Verbs that report speech without a subject of their own ("..., adding
/// that", "calling the war ..."): the sentence is reported speech, its
/// speaker comes from another cue.
const PARTICIPLES: &str = r"adding|calling|saying|noting|stressing|warning|insisting|accusing|describing|arguing|claiming|urging|reiterating|telling|citing|alleging|asking|pledging|vowing|suggesting|insisting|admitting|denying|to\s+say";

/// A person described by role ("the Ukrainian president").
const ROLE: &str = r"(?:[Tt]he|\p{Lu}[\p{L}.-]*['’]s)\s+(?:[\p{L}-]+\s+){0,3}?(?:president|prime\s+minister|foreign\s+minister|defen[cs]e\s+minister|minister|chancellor|leader|spokesman|spokeswoman|spokesperson|envoy|ambassador|secretary|commander|mayor|governor|premier|chief|senator|congressman|congresswoman|lawmaker|speaker|superintendent|chairman|chairwoman|director|attorney|founder|co-founder|head|boss|owner|coach|captain|\d+-year-old)(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}.'’&-]*(?:\s+(?:of\s+|for\s+)?\p{Lu}[\p{L}.'’&-]*){0,5})?";

/// Sources that are not one named person: groups, institutions, unnamed
/// people ("a local police source", "the prosecutor's office", "teachers
/// unions"), with up to three words before the noun.
const GROUP: &str = r"(?:(?:[Tt]he|[Aa]n?|[Bb]oth|[Tt]wo|[Tt]hree|[Ss]ome|[Oo]ne|[Aa]nother|[Mm]any|[Ss]everal|[Oo]ther)\s+)?(?:[\p{L}\d.&'’-]+\s+){0,3}(?i:officials|sources?|diplomats|authorities|analysts|experts?|residents?|witness(?:es)?|police|lawmakers|legislators|observers|critics|officers?|aides|ministry|government|military|army|prosecutors?|spokespeople|spokesperson|office|agency|agencies|department|embassy|administration|campaign|company|companies|firms|chief|official|commission|committee|council|unions?|advocates|groups?|leaders|protesters|organi[sz]ers|researchers|scientists|investigators|activists|sides|men|women|people|persons?|regulators|utility|firm|club|league|party|parties|representatives?|journalists?|reporters?|doctors?|teachers|workers|members|settlers|governments|countries|allies|advis[eo]rs|customers|consumers|voters|executives|users?|lawyers?|attorneys|judges?|woman|man|mother|father|wife|husband|son|daughter|sister|brother|relatives|family|friends?|neighbou?rs?|parents|students|citizens|families|farmers|correspondents?|democrats|republicans)(?-u:\b)(?:\s+(?:(?:familiar\s+with|briefed\s+on|close\s+to|with\s+knowledge\s+of)(?:\s+the)?\s+[\p{L}'’-]+|(?:in|on|at|near)\s+the\s+(?:area|scene|square|city|region|town|village|capital|courtroom|room|site))(?:\s+[\p{L}'’-]+){0,4}?|\s+(?:for|of)\s+(?:the\s+)?\p{Lu}[\p{L}.'’&-]*(?:\s+(?:of\s+|for\s+)?\p{Lu}[\p{L}.'’&-]*){0,5}|\s+(?:for|of)\s+(?:the|a|an|both|its|their|his|her)\s+\p{Ll}[\p{L}'’-]*(?:\s+\p{Ll}[\p{L}'’-]*){0,5}?)?";

/// Documents a statement comes from ("according to the state's finances
/// website"): a source, not a person.
const DOCUMENT: &str = r"(?:[Tt]he\s+|[Aa]n?\s+)?(?:[\p{L}\d.&'’-]+\s+){0,3}?(?:website|report|release|data|figures|study|survey|poll|documents?|records|estimates|filing|letter|statement|tally|count|post|tweet|evidence|testimony|transcripts?|filings)(?-u:\b)";

const PRONOUN: &str = r"(?-u:\b)(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)";

/// Capitalised words, up to seven ("White House Press Secretary Stephanie
/// Grisham").
const NAME: &str = r"(?:[Tt]he\s+)?\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,6}";

/// Words allowed between a subject and its verb ("he also said",
/// "Zelenskyy has repeatedly said", "Trump on Sunday said").
const BETWEEN: &str = r"(?:,\s+however,|\s+\([^()]{1,20}\)|\s+(?:also|has|had|have|later|again|previously|further|then|repeatedly|earlier|separately|reportedly|publicly|once|never|recently|already|consistently|twice|always|long|still|often|frequently|sharply|strongly|firmly|openly|privately|quickly|immediately|initially|first|formally|officially|last\s+week|this\s+week|(?:on|in)\s+\p{Lu}\p{L}+|(?:tried|sought|appeared|seemed|wanted|continued|went\s+on)\s+to))*";

/// A regex with room for its lazy DFA: the subject patterns are large
/// (Unicode letter classes, many nouns), and with the default cache the
/// DFA keeps being rebuilt: `suggest` took 20 ms for 2,000 words instead
/// of 2. Word boundaries in these patterns are ASCII (`(?-u:\b)`), which
/// the lazy DFA runs on any text; a Unicode `\b` makes it give up on
/// non-ASCII text and fall back to a slower engine.
fn big(pattern: &str, what: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(64 << 20)
        .build()
        .unwrap_or_else(|e| panic!("{what}: {e}"))
}

static SUBJECT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?P<subj>{ROLE}|{DOCUMENT}|{GROUP}|{PRONOUN}|{NAME}){BETWEEN}\s+(?P<verb>{VERBS})(?-u:\b)"
        ),
        "subject-first speech regex",
    )
});

/// "The company that runs the show, Dick Clark Productions, denies": a
/// name closing an apposition before its verb. The comma before the name
/// is required: in "he asked about the Muslim Brotherhood, called Omar
/// ..." the name ends a list, it does not speak.
static SUBJECT_COMMA: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(r"(?:^|,\s+)(?P<subj>{NAME}),{BETWEEN}\s+(?P<verb>{VERBS})(?-u:\b)"),
        "subject-comma speech regex",
    )
});

/// "..., said Zelenskyy." The subject must end its clause: in "..., said
/// Brussels could not" the name is what was said, not who said it.
static VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r#"[,”"’]\s*(?P<verb>{SAID_FIRST})\s+(?P<subj>{ROLE}|{GROUP}|{NAME}|he(?-u:\b)|she(?-u:\b))\s*(?:[.,;:!?]|$)"#
        ),
        "verb-first speech regex",
    )
});

/// "..., said another witness in the inquiry, former adviser Fiona Hill.":
/// the name after a described source, titles allowed before it.
static VERB_FIRST_DESCRIBED: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r#"[,”"’]\s*(?P<verb>{SAID_FIRST})\s+(?:an?|the|another|one)\s+[^,.;"“”]{{1,80}},\s+(?:[\p{{L}}-]+\s+){{0,5}}?(?P<subj>{NAME})\s*(?:[.,;:!?]|$)"#
        ),
        "verb-first described speech regex",
    )
});

/// Verbs that come before their subject after a quote or a clause.
const SAID_FIRST: &str = r"said|says|added|noted|wrote|warned|stressed|insisted|testified|quipped|joked|told\s+reporters";

/// "Maxime Prevot, whose country hosts the assets, said", "Mark Milley,
/// chairman of the Joint Chiefs of Staff, told": a relative clause or an
/// apposition between the name and its verb. The apposition starts the
/// way one does (a relative pronoun, an article, a lowercase word or a
/// possessive), so "In Kyiv, officials said" is not read as one.
static SUBJECT_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r#"(?P<subj>{NAME}),\s+(?:\p{{Ll}}[\p{{L}}-]*|\p{{Lu}}[\p{{L}}\p{{M}}.-]*['’]s|\d+)(?-u:\b)[^,;"“”]{{0,150}},{BETWEEN}\s+(?P<verb>{VERBS})(?-u:\b)"#
        ),
        "subject-clause speech regex",
    )
});

/// "a career Army officer who described the call as improper".
static SUBJECT_WHO: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?P<subj>{ROLE}|{GROUP}|{NAME}),?\s+(?:who|which){BETWEEN}\s+(?P<verb>{VERBS})(?-u:\b)"
        ),
        "subject-who speech regex",
    )
});

static ACCORDING: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?-u:\b)(?P<verb>[Aa]ccording\s+to|[Aa]s\s+per)\s+(?P<subj>{ROLE}|{DOCUMENT}|{GROUP}|{NAME})"
        ),
        "according-to regex",
    )
});

/// "..., citing Ukrainian officials." Only a source that ends the clause:
/// "citing Taliban violence" gives a reason, not a source.
static CITING: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?-u:\b)(?P<verb>[Cc]iting)\s+(?P<subj>{ROLE}|{DOCUMENT}|{GROUP}|{NAME})\s*(?:[.,;:!?)]|$)"
        ),
        "citing regex",
    )
});

/// "Corbyn is accused by critics of ...": the agent of a passive verb of
/// saying is the source.
static BY_AGENT: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?-u:\b)(?P<verb>accused|critici[sz]ed|praised|condemned|described|denounced|blamed|warned|quoted)(?:\s+of\s+\p{{Ll}}[\p{{L}}\s-]{{0,40}}?)?\s+by\s+(?P<subj>{ROLE}|{GROUP}|{NAME})"
        ),
        "by-agent regex",
    )
});

/// Any verb of saying: sentences without one skip the subject patterns.
static ANY_VERB: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(r"(?-u:\b)(?:{VERBS})(?-u:\b)"),
        "speech verb regex",
    )
});

static PARTICIPLE: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(r"(?-u:\b)(?:{PARTICIPLES})(?-u:\b)"),
        "participle regex",
    )
});

/// A speech verb joined to an earlier clause ("It did not reveal the
/// location and said ...", "Vietnam is a critic and has accused ..."):
/// its subject is the sentence's.
static JOINED_VERB: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(r"(?-u:\b)(?:and|but){BETWEEN}\s+(?:{VERBS})(?-u:\b)"),
        "joined verb regex",
    )
});

/// A subject before a finite verb ("President Trump scuttled", "The
/// utilities commission is"): who a participle or a joined verb belongs to.
static CLAUSE_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    big(
        &format!(
            r"(?P<subj>{ROLE}|{GROUP}|{PRONOUN}|{NAME}),?{BETWEEN}\s+(?:\p{{Ll}}+ed|is|are|was|were|did|does|will|would|could|can|must|may|got|made|took|gave|went|came|left|won|lost|met|sent|held|kept|became|began|found)(?-u:\b)"
        ),
        "clause subject regex",
    )
});

/// Capitalised words that cannot be a speaker on their own.
const NOT_SPEAKERS: &[&str] = &[
    "it", "we", "i", "you", "this", "that", "there", "these", "those", "one", "some", "many",
    "all", "both", "each", "nobody", "everyone", "which", "what", "who", "how", "why", "when",
    "where", "whether",
];

/// The verbs with which a closing attribution names who said a sentence.
static PLAIN_SAYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:said|says|told|tells|added|adds|stated|noted|notes|explained|wrote)$")
        .expect("plain saying regex")
});

/// The speech cues of `sentence`, the likeliest source first, and whether
/// it reports speech at all (a participle like "adding" counts, with no
/// subject). A cue right after a closing quote mark attributes that quote
/// and goes first; then cues in text order; then the subject of a clause
/// whose participle or joined verb reports speech ("Raab defended the
/// plan, saying ...").
pub(super) fn cues(sentence: &str) -> (Vec<Cue>, bool) {
    let mut found: Vec<(u8, Cue)> = Vec::new();
    let regexes = [
        &*SUBJECT_FIRST,
        &*SUBJECT_COMMA,
        &*SUBJECT_CLAUSE,
        &*SUBJECT_WHO,
        &*VERB_FIRST,
        &*VERB_FIRST_DESCRIBED,
        &*ACCORDING,
        &*CITING,
        &*BY_AGENT,
    ];
    let has_verb = ANY_VERB.is_match(sentence);
    for (i, regex) in regexes.into_iter().enumerate() {
        // The first four need a verb of saying after their subject.
        if i < 4 && !has_verb {
            continue;
        }
        for caps in regex.captures_iter(sentence) {
            let (Some(whole), Some(subj), Some(verb)) =
                (caps.get(0), caps.name("subj"), caps.name("verb"))
            else {
                continue;
            };
            let lead = leading_function_words(subj.as_str());
            let name = without_full_stop(&subj.as_str()[lead..]);
            if verb.as_str().starts_with("testif") && appears_before(&sentence[verb.end()..]) {
                // "testified before the committee" says where, not what.
                continue;
            }
            if no_comment(verb.as_str(), &sentence[verb.end()..]) {
                continue;
            }
            let Some(subject) = classify(name, verb.as_str()) else {
                continue;
            };
            let verb_first = subj.start() > verb.start();
            let start = if verb_first {
                whole.start() + whole.as_str().len()
                    - whole
                        .as_str()
                        .trim_start_matches([',', '”', '"', '’', ' '])
                        .len()
            } else {
                subj.start() + lead
            };
            // Verb first: the cue ends with the name, not the punctuation
            // after it.
            let end = if verb_first {
                subj.start() + lead + name.len()
            } else {
                whole.end()
            };
            // "Ukraine has signalled that ..., President Zelenskyy said":
            // a person named after a comma with a plain verb of saying
            // says the whole sentence; what comes first is what he said.
            let closing = sentence[..start].trim_end().ends_with(',')
                && PLAIN_SAYING.is_match(verb.as_str())
                && matches!(subject, Subject::Name(_) | Subject::Role(_));
            let rank = if after_quote(&sentence[..start]) {
                0
            } else if closing {
                1
            } else {
                2
            };
            found.push((
                rank,
                Cue {
                    subject: Some(subject),
                    span: start..end,
                },
            ));
        }
    }
    let participle = PARTICIPLE.find(sentence);
    let joined = JOINED_VERB.find(sentence);
    for at in [participle, joined].into_iter().flatten() {
        if let Some(cue) = clause_subject(sentence, at.start(), joined == Some(at)) {
            found.push((3, cue));
        }
    }
    found.sort_by_key(|(rank, c)| (*rank, c.span.start));
    let speech = !found.is_empty() || participle.is_some();
    (found.into_iter().map(|(_, c)| c).collect(), speech)
}

/// "declined to comment", "refused to elaborate": nothing was said.
fn no_comment(verb: &str, after: &str) -> bool {
    (verb.starts_with("declin") || verb.starts_with("refus"))
        && after.split_whitespace().next().is_some_and(|w| {
            matches!(
                w.trim_end_matches(['.', ',']),
                "comment" | "elaborate" | "respond" | "say"
            )
        })
}

/// Whether the words after a verb say where it happened ("testified
/// before the committee") rather than what was said.
fn appears_before(after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("");
    matches!(next, "before" | "at" | "in" | "to" | "for" | "on")
}

/// Whether the text before a cue ends with a closing quote mark ("“...,”
/// the ministry said").
fn after_quote(before: &str) -> bool {
    before
        .trim_end_matches([' ', ','])
        .ends_with(['”', '"', '’', '»'])
}

/// The subject of the clause a participle or a joined verb at `at`
/// belongs to: for a participle the nearest subject before it ("President
/// Trump scuttled the talks, citing ..."), for a joined verb the
/// sentence's first ("Vietnam is a critic and has accused ...").
fn clause_subject(sentence: &str, at: usize, joined: bool) -> Option<Cue> {
    let mut chosen = None;
    for caps in CLAUSE_SUBJECT.captures_iter(&sentence[..at]) {
        let Some(subj) = caps.name("subj") else {
            continue;
        };
        let lead = leading_function_words(subj.as_str());
        let name = &subj.as_str()[lead..];
        // "It was fair, adding ...": before a participle, "it" is most
        // often no source at all.
        let Some(subject) = classify(name, "said").filter(|s| joined || *s != Subject::NotPerson)
        else {
            continue;
        };
        chosen = Some(Cue {
            subject: Some(subject),
            span: subj.start() + lead..subj.end(),
        });
        if joined {
            break;
        }
    }
    chosen
}

/// Lowercase words a group pattern may take in before the subject ("that
/// the government", "faces the city council"): their length in bytes, to
/// skip.
fn leading_function_words(subject: &str) -> usize {
    const FUNCTION_WORDS: &[&str] = &[
        "that",
        "and",
        "but",
        "while",
        "as",
        "because",
        "which",
        "who",
        "when",
        "if",
        "so",
        "said",
        "says",
        "also",
        "where",
        "after",
        "before",
        "than",
        "then",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "however",
        "since",
        "though",
        "although",
        "including",
        "about",
        "over",
        "what",
        "did",
        "does",
        "do",
        "how",
        "why",
        "whom",
        "whose",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "both", "another", "one", "two", "three", "some", "several", "many",
    ];
    // "faces the city council": lowercase words before the group's
    // determiner belong to the clause before it.
    let words: Vec<&str> = subject.split_inclusive(' ').collect();
    if let Some(det) = words
        .iter()
        .position(|w| DETERMINERS.contains(&w.trim_end()))
        .filter(|&i| i > 0)
    {
        // "executives of both companies", "people familiar with the
        // matter": a determiner after a preposition is inside the group.
        const LINKS: &[&str] = &[
            "of", "for", "with", "familiar", "briefed", "close", "on", "in", "at", "near", "to",
        ];
        if words[..det]
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_lowercase()) && !LINKS.contains(&w.trim_end()))
        {
            return words[..det].iter().map(|w| w.len()).sum();
        }
    }
    let mut skipped = 0;
    for word in subject.split_inclusive(' ') {
        let lower = word.trim_end().to_lowercase();
        if FUNCTION_WORDS.contains(&lower.as_str()) && skipped + word.len() < subject.len() {
            skipped += word.len();
        } else {
            break;
        }
    }
    skipped
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
    if matches!(folded.as_str(), "it" | "they") {
        return Some(Subject::NotPerson);
    }
    if NOT_SPEAKERS.contains(&folded.as_str()) || folded.ends_with("'s") {
        // "Moscow's stated objectives": a possessive owns, it does not speak.
        return None;
    }
    if matches!(folded.as_str(), "he" | "she") {
        return Some(Subject::Pronoun);
    }
    let bare = folded.strip_prefix("the ").unwrap_or(&folded);
    if folded.ends_with("journalist")
        || folded.ends_with("reporter")
        || folded.ends_with("correspondent")
    {
        // "An Associated Press journalist reported": a witness, not the
        // outlet relaying.
        return Some(Subject::Group(group_name(subject)));
    }
    if canonical_outlet(subject).is_some() {
        return Some(Subject::Outlet);
    }
    if ROLE_ONLY.is_match(subject) {
        return Some(Subject::Role(subject.to_owned()));
    }
    if folded.starts_with("the ") && AUTHORED.iter().any(|d| folded.ends_with(d)) {
        // "the statement said": whoever made the statement.
        return Some(Subject::NotPerson);
    }
    if GROUP_ONLY.is_match(subject) || DOCUMENT_ONLY.is_match(subject) {
        return Some(Subject::Group(group_name(subject)));
    }
    if verb.starts_with("report") {
        // "Al Jazeera reported": an outlet, unless it is a group above
        // ("Indiana State Police reported").
        return Some(Subject::Outlet);
    }
    match strip_titles(subject) {
        Some(name) if !NOT_SPEAKERS.contains(&bare) => Some(Subject::Name(name.to_owned())),
        Some(_) => None,
        // "the Sioux Falls Argus Leader": a name that ends in a title
        // word is an organisation; "The President" is a role.
        None if only_sentence_words(subject) => None,
        None if names_more_than_titles(subject) => Some(Subject::Name(
            subject
                .trim_start_matches("the ")
                .trim_start_matches("The ")
                .to_owned(),
        )),
        None => Some(Subject::Role(subject.to_owned())),
    }
}

/// "October", "On Sunday": words that open a sentence, not a source.
fn only_sentence_words(phrase: &str) -> bool {
    phrase.split_whitespace().all(is_sentence_word)
}

/// Whether a capitalised phrase has words that are neither titles nor
/// sentence words ("Sioux Falls Argus Leader", not "The Prime Minister").
fn names_more_than_titles(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .filter(|w| w.starts_with(char::is_uppercase))
        .any(|w| strip_titles(w).is_some())
}

static ROLE_ONLY: LazyLock<Regex> = LazyLock::new(|| big(&format!("^(?:{ROLE})$"), "role regex"));
/// Documents that speak for whoever issued them: "the statement said".
const AUTHORED: &[&str] = &["statement", "release", "letter", "post", "tweet"];

static DOCUMENT_ONLY: LazyLock<Regex> =
    LazyLock::new(|| big(&format!("^(?:{DOCUMENT})$"), "document regex"));
static GROUP_ONLY: LazyLock<Regex> =
    LazyLock::new(|| big(&format!("^(?:{GROUP})$"), "group regex"));

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
