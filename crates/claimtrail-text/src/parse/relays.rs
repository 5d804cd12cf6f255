//! Finding the outlets an article says it relays from ("Al Jazeera
//! reported", "according to Reuters", "(AP)"), and the table of well-known
//! outlets that lets "AP" and "Associated Press" count as one.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::RelayCandidate;

/// Well-known outlets and agencies: the canonical name first, then the other
/// ways texts print it (the Ukrainian and Russian agencies' names in
/// Cyrillic too: "— Укрінформ" credits Ukrinform). The short form an agency credits itself with is the
/// canonical one ("AP", not "Associated Press"), because that is what
/// datelines and bylines show.
const KNOWN_OUTLETS: &[(&str, &[&str])] = &[
    ("Reuters", &["Thomson Reuters"]),
    ("AP", &["Associated Press", "The Associated Press"]),
    ("AFP", &["Agence France-Presse", "Agence France Presse"]),
    ("ANI", &["Asian News International"]),
    ("PTI", &["Press Trust of India"]),
    ("IANS", &["Indo-Asian News Service"]),
    ("UNI", &["United News of India"]),
    ("Al Jazeera", &["Aljazeera", "Al Jazeera English"]),
    ("BBC", &["BBC News", "British Broadcasting Corporation"]),
    ("CNN", &[]),
    ("Bloomberg", &["Bloomberg News"]),
    ("TASS", &["Tass", "ТАСС"]),
    ("RIA Novosti", &["РИА Новости", "РІА Новини"]),
    ("Interfax", &["Интерфакс", "Інтерфакс"]),
    ("Interfax-Ukraine", &["Інтерфакс-Україна"]),
    ("Ukrinform", &["Укрінформ"]),
    ("UNIAN", &["УНІАН"]),
    ("Xinhua", &["Xinhua News Agency"]),
    ("Kyodo", &["Kyodo News"]),
    ("Yonhap", &["Yonhap News Agency"]),
    ("dpa", &["DPA", "Deutsche Presse-Agentur"]),
    ("EFE", &[]),
    ("ANSA", &[]),
    ("Anadolu", &["Anadolu Agency"]),
    ("The New York Times", &["New York Times", "NYT"]),
    ("The Washington Post", &["Washington Post"]),
    ("The Wall Street Journal", &["Wall Street Journal", "WSJ"]),
    ("The Guardian", &["Guardian"]),
    ("Financial Times", &["The Financial Times", "FT"]),
    ("The Economist", &["Economist"]),
    ("The Telegraph", &["Telegraph"]),
    ("The Independent", &[]),
    ("Politico", &["POLITICO", "Politico Europe"]),
    ("Axios", &[]),
    ("NPR", &[]),
    ("NBC News", &["NBC"]),
    ("CBS News", &["CBS"]),
    ("ABC News", &[]),
    ("Fox News", &[]),
    ("Sky News", &[]),
    ("Deutsche Welle", &["DW"]),
    ("France 24", &[]),
    ("Euronews", &[]),
    ("Le Monde", &[]),
    ("Le Figaro", &[]),
    ("Der Spiegel", &["Spiegel"]),
    ("Bild", &[]),
    ("El País", &["El Pais"]),
    ("Kyiv Independent", &["The Kyiv Independent"]),
    ("Kyiv Post", &["The Kyiv Post"]),
    ("Ukrainska Pravda", &["Українська правда"]),
    ("Suspilne", &["Суспільне"]),
    ("Kommersant", &["Коммерсантъ"]),
    ("Meduza", &["Медуза"]),
    ("RT", &["Russia Today"]),
    ("Haaretz", &[]),
    ("The Hindu", &[]),
    ("Hindustan Times", &[]),
    ("The Times of India", &["Times of India"]),
    ("NDTV", &[]),
    ("South China Morning Post", &["SCMP"]),
    ("Nikkei", &["Nikkei Asia"]),
];

/// The canonical name of a well-known outlet printed as `name`
/// ("Associated Press" → "AP"), or `None` when it is not in the table.
pub(crate) fn canonical_outlet(name: &str) -> Option<&'static str> {
    let name = name.trim();
    lookup(name).or_else(|| {
        // "the BBC", "The AP": the article is grammar unless the table says
        // it is part of the name ("The Guardian").
        let article = name.get(..4).filter(|a| a.eq_ignore_ascii_case("the "))?;
        lookup(&name[article.len()..])
    })
}

fn lookup(name: &str) -> Option<&'static str> {
    KNOWN_OUTLETS.iter().find_map(|(canonical, aliases)| {
        let hit = canonical.eq_ignore_ascii_case(name)
            || aliases.iter().any(|a| a.eq_ignore_ascii_case(name));
        hit.then_some(*canonical)
    })
}

/// Words that start capitalised phrases but name no outlet: pronouns,
/// institutions and people's titles. "Officials reported" and "the Ministry
/// of Defence reported" are sources, not relays.
const NOT_OUTLETS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "officials",
    "police",
    "ministry",
    "government",
    "army",
    "military",
    "office",
    "department",
    "council",
    "committee",
    "forces",
    "command",
    "president",
    "minister",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "witnesses",
    "residents",
    "sources",
    "authorities",
    "state",
    "kremlin",
    "pentagon",
    "white",
    "nato",
    "un",
    "eu",
    "prime",
    "general",
    "governor",
    "mayor",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "earlier",
    "later",
    "media",
    "local",
    "it's",
    "there",
    "air",
    "navy",
    "staff",
    "border",
    "emergency",
    "health",
    "foreign",
    "defence",
    "defense",
    "interior",
    "national",
    "security",
    "intelligence",
    "prosecutor",
    "prosecutors",
    "court",
    "parliament",
    "congress",
    "senate",
    "house",
    "service",
    "agency's",
];

/// Words that make an unknown capitalised phrase look like an outlet
/// ("Kyiv Post", "Ukrainska Pravda" are known; "Jakarta Globe" is caught by this).
const MEDIA_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "journal",
    "agency",
    "press",
    "radio",
    "tv",
    "television",
    "broadcasting",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
    "daily",
    "weekly",
    "magazine",
    "wire",
    "network",
    "channel",
    "media",
    "express",
    "mail",
    "observer",
    "monitor",
    "chronicle",
    "globe",
    "star",
    "standard",
    "pravda",
    "zeitung",
    "review",
    "today",
    "online",
];

/// A capitalised phrase of one to four words, allowing "&", "of", "de" and
/// "al-" between words ("Asharq al-Awsat", "Voice of America").
const PHRASE: &str = r"(?:[Tt]he\s+)?[\p{Lu}][\p{L}\p{N}'’.&-]*(?:\s+(?:&\s+|of\s+|de\s+|al-)?[\p{Lu}\p{N}][\p{L}\p{N}'’.&-]*){0,3}";

/// An optional description between an outlet and its verb:
/// "Yonhap news agency reported", "the Kyiv Independent newspaper reported".
const DESCRIPTOR: &str = r"(?:\s+(?:news\s+agency|state\s+news\s+agency|news\s+outlet|newspaper|agency|broadcaster|daily|outlet|channel|website|television|TV))?";

/// How a cue names its outlet, which decides how much evidence the phrase needs.
#[derive(Clone, Copy, PartialEq)]
enum CueKind {
    /// "X reported": only a news organisation reports, so an unknown
    /// capitalised phrase is accepted unless it is clearly not an outlet.
    Reported,
    /// "according to X", "told X": people and institutions follow these
    /// too, so only known outlets or media-looking names count.
    Attribution,
    /// "(Reuters)": any abbreviation can sit in brackets, so only known
    /// outlets count.
    Credit,
}

struct Cue {
    regex: Regex,
    kind: CueKind,
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let reported = format!(r"(?P<o>{PHRASE}){DESCRIPTOR}\s+(?:has\s+|had\s+)?reported\b");
    let attribution = format!(
        r"\b(?:[Aa]ccording to|[Aa]s per|[Cc]iting|[Cc]ited by|[Qq]uoted by|[Aa]s reported by|[Rr]eported by|[Tt]old|[Ii]n an interview with|[Ss]peaking to)\s+(?:the\s+|a\s+)?(?P<o>{PHRASE})"
    );
    let credit = r"\((?P<o>[^()]{2,40})\)".to_owned();
    [
        (reported, CueKind::Reported),
        (attribution, CueKind::Attribution),
        (credit, CueKind::Credit),
    ]
    .into_iter()
    .map(|(pattern, kind)| Cue {
        regex: Regex::new(&pattern).expect("relay cue regex"),
        kind,
    })
    .collect()
});

/// One relay found at a position, before deduplication.
struct Hit {
    paragraph: usize,
    offset: usize,
    candidate: RelayCandidate,
}

/// Outlets the text relays from, in text order, each once (its first cue
/// kept), without `exclude` (the article's own outlet).
pub fn find_relays(paragraphs: &[String], exclude: Option<&str>) -> Vec<RelayCandidate> {
    let mut hits: Vec<Hit> = paragraphs
        .iter()
        .enumerate()
        .flat_map(|(i, text)| CUES.iter().flat_map(move |cue| hits_in(i, text, cue)))
        .collect();
    hits.sort_by_key(|h| (h.paragraph, h.offset));
    let own = exclude.map(outlet_key);
    let mut seen = Vec::new();
    let mut relays = Vec::new();
    for hit in hits {
        let key = outlet_key(&hit.candidate.outlet);
        if own.as_deref() == Some(key.as_str()) || seen.contains(&key) {
            continue;
        }
        seen.push(key);
        relays.push(hit.candidate);
    }
    relays
}

/// The name two spellings of one outlet share.
fn outlet_key(name: &str) -> String {
    canonical_outlet(name).unwrap_or(name).to_lowercase()
}

fn hits_in<'a>(paragraph: usize, text: &'a str, cue: &'a Cue) -> impl Iterator<Item = Hit> + 'a {
    cue.regex.captures_iter(text).filter_map(move |caps| {
        let whole = caps.get(0)?;
        let phrase = caps.name("o")?;
        // A name after "according to" ends with its sentence ("according to
        // Reuters. Later, ..."), and may end in the full stop itself.
        let name = match cue.kind {
            CueKind::Attribution => phrase.as_str().split(". ").next().unwrap_or_default(),
            _ => phrase.as_str(),
        };
        let name = name.trim_end_matches(['.', '-', '&', '\'', '’']);
        let phrase_end = phrase.start() + name.len();
        let (start, outlet) = outlet_in_phrase(name, cue.kind)?;
        let phrase_start = phrase.start() + start;
        if cue.kind == CueKind::Reported
            && canonical_outlet(&outlet).is_none()
            && starts_sentence(text, phrase_start)
        {
            // "Officials reported", "Police reported": a capitalised word at
            // the start of a sentence is capitalised for grammar, not as a name.
            return None;
        }
        let cue_span = match cue.kind {
            CueKind::Reported => phrase_start..whole.end(),
            CueKind::Attribution => whole.start()..phrase_end,
            CueKind::Credit => whole.range(),
        };
        let cue_text = &text[cue_span];
        Some(Hit {
            paragraph,
            offset: whole.start(),
            candidate: RelayCandidate {
                outlet,
                cue: cue_text.to_owned(),
            },
        })
    })
}

/// The outlet named by a captured phrase and where it starts in the phrase.
/// Leading words that belong to the sentence rather than the name are
/// dropped ("Sunday Al Jazeera" → "Al Jazeera", "Russia's TASS" → "TASS").
fn outlet_in_phrase(phrase: &str, kind: CueKind) -> Option<(usize, String)> {
    let starts = word_starts(phrase);
    for &start in &starts {
        if let Some(canonical) = canonical_outlet(&phrase[start..]) {
            return Some((start, canonical.to_owned()));
        }
    }
    if kind == CueKind::Credit {
        return None;
    }
    let start = starts.iter().copied().find(|&s| {
        !phrase[s..]
            .split_whitespace()
            .next()
            .is_some_and(is_possessive)
    })?;
    let name = &phrase[start..];
    plausible_unknown_outlet(name, kind).then(|| (start, name.to_owned()))
}

fn word_starts(phrase: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        phrase
            .char_indices()
            .filter(|(_, c)| *c == ' ')
            .map(|(i, _)| i + 1),
    );
    starts
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

fn plausible_unknown_outlet(name: &str, kind: CueKind) -> bool {
    let words: Vec<String> = name.split_whitespace().map(|w| w.to_lowercase()).collect();
    let bare = |w: &String| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    if words
        .iter()
        .map(bare)
        .any(|w| NOT_OUTLETS.contains(&w.as_str()))
        || words.len() == 1 && words[0] == "the"
    {
        return false;
    }
    let media_looking = words.iter().any(|w| MEDIA_WORDS.contains(&w.as_str()));
    match kind {
        CueKind::Reported => true,
        CueKind::Attribution => media_looking,
        CueKind::Credit => false,
    }
}

/// Whether `offset` begins a sentence: the paragraph start, or after a
/// sentence end (optionally followed by a quote mark).
fn starts_sentence(text: &str, offset: usize) -> bool {
    let before = text[..offset].trim_end();
    let before = before.trim_end_matches(['"', '“', '”', '\'', '‘', '’']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn outlets(text: &str, exclude: Option<&str>) -> Vec<(String, String)> {
        find_relays(&[text.to_owned()], exclude)
            .into_iter()
            .map(|r| (r.outlet, r.cue))
            .collect()
    }

    fn pair(outlet: &str, cue: &str) -> (String, String) {
        (outlet.to_owned(), cue.to_owned())
    }

    #[rstest]
    #[case::reported(
        "Talks resumed in Berlin, Al Jazeera reported.",
        pair("Al Jazeera", "Al Jazeera reported")
    )]
    #[case::as_per(
        "He rejects any demand, as per Al Jazeera.",
        pair("Al Jazeera", "as per Al Jazeera")
    )]
    #[case::according_to(
        "Progress is possible, according to Reuters.",
        pair("Reuters", "according to Reuters")
    )]
    #[case::citing(
        "The paper said so, citing The Guardian.",
        pair("The Guardian", "citing The Guardian")
    )]
    #[case::told_the(
        "\"We are ready,\" the minister told the BBC.",
        pair("BBC", "told the BBC")
    )]
    #[case::news_agency(
        "The strike hit a depot, Yonhap news agency reported.",
        pair("Yonhap", "Yonhap news agency reported")
    )]
    #[case::possessive(
        "Russia's TASS news agency reported the drills.",
        pair("TASS", "TASS news agency reported")
    )]
    #[case::paren_credit("KYIV, Dec 15 (Reuters) - Ukraine said.", pair("Reuters", "(Reuters)"))]
    #[case::alias_canonicalised(
        "The Associated Press reported the move.",
        pair("AP", "The Associated Press reported")
    )]
    #[case::unknown_outlet_reported(
        "The deal was close, Kommersant reported.",
        pair("Kommersant", "Kommersant reported")
    )]
    #[case::unknown_media_outlet(
        "The deal was close, according to the Jakarta Globe.",
        pair("Jakarta Globe", "according to the Jakarta Globe")
    )]
    #[case::leading_weekday(
        "It happened on Sunday Al Jazeera reported.",
        pair("Al Jazeera", "Al Jazeera reported")
    )]
    fn finds_one_relay(#[case] text: &str, #[case] expected: (String, String)) {
        assert_eq!(
            outlets(text, None),
            vec![expected],
            "the cue names exactly one outlet, canonicalised through the known-outlet table"
        );
    }

    #[rstest]
    #[case::person_said("Zelenskyy said the guarantees must be binding.")]
    #[case::person_according_to("Peace is near, according to Zelenskyy.")]
    #[case::officials_reported("Officials reported three dead.")]
    #[case::pronoun_reported("He reported three dead. It reported nothing.")]
    #[case::ministry_reported("Later, the Ministry of Defence reported three strikes.")]
    #[case::told_reporters("Zelenskyy told reporters in a WhatsApp chat.")]
    #[case::told_person("Trump told Zelenskyy to accept the plan.")]
    #[case::unknown_bracket("The alliance (NATO) met on Monday.")]
    #[case::lowercase_agency("The agency reported a rise, the newspaper reported.")]
    fn finds_no_relay(#[case] text: &str) {
        assert_eq!(
            outlets(text, None),
            vec![],
            "a person, an institution or a pronoun is a source, not a relayed outlet"
        );
    }

    #[test]
    fn dedupes_by_outlet_keeping_first_cue_and_text_order() {
        let paragraphs = vec![
            "Talks began, according to Reuters. Later, Al Jazeera reported a deal.".to_owned(),
            "The AP reported the same, as per Al Jazeera, and the Associated Press.".to_owned(),
        ];
        let found: Vec<_> = find_relays(&paragraphs, None)
            .into_iter()
            .map(|r| (r.outlet, r.cue))
            .collect();
        assert_eq!(
            found,
            vec![
                pair("Reuters", "according to Reuters"),
                pair("Al Jazeera", "Al Jazeera reported"),
                pair("AP", "The AP reported"),
            ],
            "each outlet appears once, with its first cue, in the order the text names them"
        );
    }

    #[rstest]
    #[case::same_name("Reuters")]
    #[case::alias("Thomson Reuters")]
    fn skips_the_articles_own_outlet(#[case] own: &str) {
        let text = "KYIV, Dec 15 (Reuters) - Talks resumed, Al Jazeera reported.";
        assert_eq!(
            outlets(text, Some(own)),
            vec![pair("Al Jazeera", "Al Jazeera reported")],
            "the article's own outlet crediting itself is not a relay"
        );
    }

    #[rstest]
    #[case::short("AP", Some("AP"))]
    #[case::long("Associated Press", Some("AP"))]
    #[case::with_article("the Associated Press", Some("AP"))]
    #[case::case_insensitive("al jazeera", Some("Al Jazeera"))]
    #[case::unknown("Claimtrail Gazette", None)]
    fn canonicalises_known_outlets(#[case] name: &str, #[case] expected: Option<&str>) {
        assert_eq!(
            canonical_outlet(name),
            expected,
            "spellings of one outlet share one name"
        );
    }
}
