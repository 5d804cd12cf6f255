//! Who a speaker is: a name as the text prints it, matched to the
//! workspace's known persons through their aliases (case and diacritics
//! ignored), or to the fullest form of that name the article uses.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::KnownPerson;
use crate::parse::text::{MONTH_NAMES, WEEKDAYS};

/// A speaker as the suggestions show it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Speaker {
    pub name: String,
    /// Set when the name is a known person of the workspace.
    pub id: Option<String>,
    /// Whether this is one person (who "he" and "she" can refer back to),
    /// rather than a group ("Ukrainian officials") or an institution.
    pub person: bool,
}

/// Titles and honorifics printed before a name ("US President Donald
/// Trump"): the name starts after the last of them.
const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "chancellor",
    "secretary",
    "foreign",
    "defence",
    "defense",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "general",
    "sen",
    "senator",
    "rep",
    "representative",
    "gov",
    "governor",
    "mayor",
    "king",
    "queen",
    "pope",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "commander",
    "chief",
    "vice",
    "deputy",
    "leader",
    "premier",
    "lt",
    "col",
    "capt",
    "special",
    "former",
    "speaker",
    "state",
    "press",
    "superintendent",
    "attorney",
    "ombudsman",
    "late",
];

/// Capitalised words that open a sentence or phrase without being part
/// of a name ("On Sunday Zelenskyy said").
const NOT_NAMES: &[&str] = &[
    "on",
    "in",
    "at",
    "but",
    "and",
    "yet",
    "so",
    "then",
    "later",
    "earlier",
    "meanwhile",
    "also",
    "the",
    "a",
    "an",
    "if",
    "while",
    "when",
    "after",
    "before",
    "however",
    "instead",
    "thus",
    "still",
    "now",
];

/// A word that opens a sentence or a phrase without naming anyone ("On",
/// "Sunday", "October").
pub(super) fn is_sentence_word(word: &str) -> bool {
    let word = fold(word);
    NOT_NAMES.contains(&word.as_str())
        || WEEKDAYS.contains(&word.as_str())
        // "May" is a name as often as a month.
        || MONTH_NAMES.contains(&word.as_str()) && word != "may"
}

/// Lowercase, without diacritics, apostrophes unified and full stops
/// dropped, so "Zelenskyy", "ZELENSKYY" and "Zelenskÿy" compare equal.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '.' => {}
            '’' | '‘' | '`' => out.push('\''),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') && !out.is_empty() {
                    out.push(' ');
                }
            }
            c => {
                for l in c.to_lowercase() {
                    out.push(strip_diacritic(l));
                }
            }
        }
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out
}

/// The base letter of a Latin letter with a diacritic; other characters
/// unchanged. Covers Latin-1 and Latin Extended-A, which is where the
/// transliterated names of news copy live.
fn strip_diacritic(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => c,
    }
}

/// The name without leading titles and sentence words:
/// "US President Donald Trump" → "Donald Trump"; `None` when nothing of a
/// name is left ("The President").
pub(super) fn strip_titles(phrase: &str) -> Option<&str> {
    let words: Vec<(usize, &str)> = word_offsets(phrase);
    let is_title = |w: &str| TITLES.contains(&fold(w).as_str());
    let is_lead = |w: &str| is_sentence_word(w) || is_title(w);
    let mut first = words
        .iter()
        .rposition(|(_, w)| is_title(w))
        .map_or(0, |i| i + 1);
    while first < words.len() && is_lead(words[first].1) {
        first += 1;
    }
    let (start, _) = words.get(first)?;
    Some(phrase[*start..].trim()).filter(|n| !n.is_empty())
}

fn word_offsets(phrase: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in phrase.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &phrase[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &phrase[s..]));
    }
    out
}

/// The workspace's persons with every name and alias folded once and
/// indexed by last word, so resolving a name costs the same with a
/// thousand known persons as with one. Every form that equals a name, or
/// shares its surname, shares its last word.
pub struct People<'p> {
    persons: &'p [KnownPerson],
    /// Folded forms (article dropped) and their person's index.
    forms: Vec<(String, usize)>,
    /// Last word → indices into `forms`, in the order given: on a tie the
    /// first person listed wins.
    by_last_word: HashMap<String, Vec<usize>>,
}

impl<'p> People<'p> {
    pub fn new(persons: &'p [KnownPerson]) -> Self {
        let mut forms_folded = Vec::new();
        let mut by_last_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, person) in persons.iter().enumerate() {
            for form in forms(person) {
                let folded = fold(strip_article(form));
                let Some((_, last, _)) = ends(&folded) else {
                    continue;
                };
                match by_last_word.get_mut(last) {
                    Some(list) => list.push(forms_folded.len()),
                    None => {
                        by_last_word.insert(last.to_owned(), vec![forms_folded.len()]);
                    }
                }
                forms_folded.push((folded, i));
            }
        }
        People {
            persons,
            forms: forms_folded,
            by_last_word,
        }
    }

    /// The known person `name` refers to: the folded name equals the
    /// person's name or an alias, or its surname equals theirs and any
    /// first name agrees ("Zelenskyy" and "Volodymyr Zelenskyy" match;
    /// "Oleksandr Zelenskyy" does not).
    pub fn resolve(&self, name: &str) -> Option<&'p KnownPerson> {
        let folded = fold(strip_article(name));
        let (first, last, single) = ends(&folded)?;
        let candidates = self.by_last_word.get(last)?;
        let form = |&k: &usize| &self.forms[k];
        let exact = candidates.iter().map(form).find(|(f, _)| *f == folded);
        let by_surname = || {
            candidates.iter().map(form).find(|(f, _)| {
                let Some((f_first, _, f_single)) = ends(f) else {
                    return false;
                };
                last.chars().count() >= 3 && (single || f_single || f_first == first)
            })
        };
        let (_, index) = exact.or_else(by_surname)?;
        self.persons.get(*index)
    }
}

/// First word, last word, and whether they are the same single word.
fn ends(folded: &str) -> Option<(&str, &str, bool)> {
    let first = folded.split(' ').next().filter(|w| !w.is_empty())?;
    let last = folded.rsplit(' ').next()?;
    Some((first, last, !folded.contains(' ')))
}

fn forms(person: &KnownPerson) -> impl Iterator<Item = &str> {
    std::iter::once(person.name.as_str()).chain(person.aliases.iter().map(String::as_str))
}

fn strip_article(name: &str) -> &str {
    let trimmed = name.trim();
    match trimmed.get(..4) {
        Some(a) if a.eq_ignore_ascii_case("the ") => &trimmed[4..],
        _ => trimmed,
    }
}

/// "zelenskyy" and "volodymyr zelenskyy" share a surname; "volodymyr
/// zelenskyy" and "olena zelenska" do not, and neither do two different
/// first names with one surname.
fn same_surname(a: &str, b: &str) -> bool {
    let (a_words, b_words): (Vec<&str>, Vec<&str>) =
        (a.split(' ').collect(), b.split(' ').collect());
    let (Some(a_last), Some(b_last)) = (a_words.last(), b_words.last()) else {
        return false;
    };
    if a_last != b_last || a_last.len() < 3 {
        return false;
    }
    a_words.len() == 1 || b_words.len() == 1 || a_words[0] == b_words[0]
}

static FULL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){1,4}")
        .expect("full name regex")
});

/// The names of two or three capitalised words the article prints, titles
/// removed, for turning "Zelenskyy" into "Volodymyr Zelenskyy".
pub(super) fn full_names(body: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for m in FULL_NAME.find_iter(body) {
        let text = m.as_str();
        let text = text
            .strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(text);
        if let Some(name) = strip_titles(text).filter(|n| looks_like_person(n)) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The person a sentence opens with as its subject ("Hungary's Prime
/// Minister Viktor Orban has opposed ...", "It was not the first time
/// Vindman had ..."): a full name, or the surname of a full name the
/// article printed, within its first words. "He" in the next sentence
/// refers to them, even though they said nothing.
pub(super) fn subject_person(sentence: &str, full_names: &[String]) -> Option<String> {
    for m in CAPITALISED.find_iter(sentence) {
        if m.start() > 40 {
            break;
        }
        // A subject goes on with its verb or an apposition: "in New
        // York City." ends with a place, no subject.
        let next = sentence[m.end()..].trim_start_matches(' ');
        if !(next.starts_with(char::is_lowercase)
            || next.starts_with(',')
            || next.starts_with("'s")
            || next.starts_with("’s"))
        {
            continue;
        }
        let text = m.as_str();
        let text = text
            .strip_suffix("'s")
            .or_else(|| text.strip_suffix("’s"))
            .unwrap_or(text);
        let Some(name) = strip_titles(text) else {
            continue;
        };
        if looks_like_person(name) {
            return Some(name.to_owned());
        }
        if !name.contains(' ') {
            let folded = fold(name);
            if let Some(full) = full_names
                .iter()
                .filter(|n| same_surname(&folded, &fold(n)))
                .max_by_key(|n| n.len())
            {
                return Some(full.clone());
            }
        }
    }
    None
}

/// Runs of capitalised words, one word or more.
static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}'’-]+(?:\s+\p{Lu}\.)?(?:\s+\p{Lu}[\p{L}\p{M}'’-]+){0,4}")
        .expect("capitalised words regex")
});

/// The last person named in `text` who is surely a person: printed with
/// a title ("President Ashraf Ghani"), a known person, or one who has
/// spoken before (`speakers`). This is who "he" means when the sentence
/// named them before the pronoun ("When President Ashraf Ghani announced
/// it, he said ..."); "the Sierra Nevada has seen ..., he said" names a
/// place, not a person.
pub(super) fn last_person_in(
    text: &str,
    full_names: &[String],
    people: &People,
    speakers: &[String],
) -> Option<String> {
    let mut last = None;
    for m in CAPITALISED.find_iter(text) {
        let t = m.as_str();
        let owner = t.ends_with("'s") || t.ends_with("’s");
        let t = t
            .strip_suffix("'s")
            .or_else(|| t.strip_suffix("’s"))
            .unwrap_or(t);
        let Some(name) = strip_titles(t) else {
            continue;
        };
        let titled = t[..t.len() - name.len()]
            .split_whitespace()
            .any(|w| TITLES.contains(&fold(w).as_str()));
        let full = fullest_form(name, full_names);
        // A surname alone that the article printed in full before
        // ("Patrick Carlineo Jr., 55, …" then "Carlineo was arrested …,
        // in which he said …") is that person; as an owner ("a call to
        // Omar's office") it is not whom the pronoun names.
        let named_in_full = !owner && !name.contains(' ') && full != name;
        let sure = titled
            || named_in_full
            || people.resolve(name).is_some()
            || speakers
                .iter()
                .any(|s| same_surname(&fold(s), &fold(&full)));
        if sure && looks_like_person(&full) {
            last = Some(full);
        }
    }
    last
}

/// Persons the article names with a role ("Republican Gov. Eric
/// Holcomb", "Scott Strenfel, PG&E's principal meteorologist"), in text
/// order, so "the governor" can be traced back to the person.
pub(super) struct Roles {
    /// Byte offset of the name, the role words (folded), the name.
    entries: Vec<(usize, Vec<String>, String)>,
}

/// Role nouns and abbreviations, with the role they stand for.
const ROLE_NOUNS: &[(&str, &str)] = &[
    ("president", "president"),
    ("premier", "premier"),
    ("chancellor", "chancellor"),
    ("minister", "minister"),
    ("secretary", "secretary"),
    ("spokesman", "spokesman"),
    ("spokeswoman", "spokesman"),
    ("spokesperson", "spokesman"),
    ("governor", "governor"),
    ("gov", "governor"),
    ("senator", "senator"),
    ("sen", "senator"),
    ("ambassador", "ambassador"),
    ("envoy", "envoy"),
    ("leader", "leader"),
    ("chief", "chief"),
    ("commander", "commander"),
    ("mayor", "mayor"),
    ("speaker", "speaker"),
    ("superintendent", "superintendent"),
    ("attorney", "attorney"),
    ("director", "director"),
    ("chairman", "chairman"),
    ("chairwoman", "chairman"),
    ("chair", "chairman"),
    ("ceo", "chief"),
    ("general", "general"),
    ("gen", "general"),
    ("congressman", "congressman"),
    ("congresswoman", "congressman"),
    ("representative", "representative"),
    ("rep", "representative"),
    ("judge", "judge"),
    ("coach", "coach"),
    ("manager", "manager"),
    ("meteorologist", "meteorologist"),
    ("founder", "founder"),
    ("co-founder", "founder"),
    ("head", "head"),
    ("boss", "boss"),
    ("owner", "owner"),
    ("captain", "captain"),
    ("king", "king"),
    ("queen", "king"),
];

/// Roles "the leader" can stand for.
const LEADERS: &[&str] = &[
    "president",
    "premier",
    "chancellor",
    "leader",
    "king",
    "minister",
];

fn role_of(word: &str) -> Option<&'static str> {
    ROLE_NOUNS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, role)| *role)
}

impl Roles {
    pub(super) fn new(body: &str) -> Roles {
        let mut entries = Vec::new();
        for m in FULL_NAME.find_iter(body) {
            let text = m.as_str();
            let Some(name) = strip_titles(text).filter(|n| looks_like_person(n)) else {
                continue;
            };
            let mut words: Vec<String> = fold(&text[..text.len() - name.len()])
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            words.splice(0..0, words_before(&body[..m.start()]));
            words.extend(apposition_role(&body[m.end()..]));
            if words.iter().any(|w| role_of(w).is_some()) {
                entries.push((m.start(), words, name.to_owned()));
            }
        }
        Roles { entries }
    }

    /// The person named before `before` whose role `role` ("the
    /// chancellor", "the Ukrainian president") describes: of those with
    /// that role (and its qualifiers, when given), the one the article
    /// names most often up to there, the latest on a tie.
    pub(super) fn resolve(&self, role: &str, body: &str, before: usize) -> Option<String> {
        let folded = fold(role);
        let words: Vec<&str> = folded.split(' ').filter(|w| *w != "the").collect();
        let (head_at, head) = words
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, w)| role_of(w).map(|r| (i, r)))?;
        let qualifiers: Vec<&str> = words[..head_at]
            .iter()
            .copied()
            .filter(|w| !matches!(*w, "prime" | "foreign" | "defence" | "defense" | "top"))
            .collect();
        let fits = |role_words: &[String]| {
            role_words.iter().any(|w| {
                role_of(w).is_some_and(|r| r == head || head == "leader" && LEADERS.contains(&r))
            }) && qualifiers.iter().all(|q| {
                let stem: String = q.chars().take(5).collect();
                role_words.iter().any(|w| w.starts_with(&stem))
            })
        };
        let earlier = &body[..before.min(body.len())];
        self.entries
            .iter()
            .filter(|(at, words, _)| *at < before && fits(words))
            .max_by_key(|(at, _, name)| {
                let surname = name.rsplit(' ').next().unwrap_or(name);
                (earlier.matches(surname).count(), *at)
            })
            .map(|(_, _, name)| name.clone())
    }
}

/// Up to four words before a name, in its sentence: "Republican Gov."
fn words_before(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in text.split_whitespace().rev().take(4) {
        let ends_clause = w.ends_with([',', ';', ':', '"', '“', '”', '(', ')'])
            || w.ends_with('.') && w.chars().count() > 4;
        if ends_clause || w.contains('\n') {
            break;
        }
        words.push(fold(w));
    }
    words.reverse();
    words
}

/// The role words of an apposition after a name (", PG&E's principal
/// meteorologist,"): up to its first role noun within six words.
fn apposition_role(text: &str) -> Vec<String> {
    let Some(rest) = text.strip_prefix(", ") else {
        return Vec::new();
    };
    let clause = rest
        .split([',', ';', '.', '"', '“', '”', '\n'])
        .next()
        .unwrap_or("");
    let mut words = Vec::new();
    for w in clause.split_whitespace().take(6) {
        let w = fold(w);
        let done = role_of(&w).is_some();
        words.push(w);
        if done {
            return words;
        }
    }
    Vec::new()
}

/// Words that make a capitalised phrase an institution or a place, not
/// a person ("European Commission", "United States").
const INSTITUTION_WORDS: &[&str] = &[
    "union",
    "commission",
    "ministry",
    "council",
    "parliament",
    "bank",
    "agency",
    "office",
    "department",
    "committee",
    "court",
    "party",
    "forces",
    "army",
    "states",
    "nations",
    "organization",
    "organisation",
    "house",
    "kingdom",
    "republic",
    "news",
    "times",
    "post",
    "government",
    "kremlin",
    "pentagon",
    "alliance",
    "group",
    "company",
    "fund",
    "service",
    "guard",
    "police",
    "university",
    "institute",
    "centre",
    "center",
    "foundation",
    "emirates",
    "authority",
    "authorities",
    "prosecution",
    "administration",
    "board",
    "association",
    "federation",
    "network",
    "productions",
    "records",
    "media",
    "press",
    "league",
    "coalition",
    "campaign",
    "bureau",
    "inc",
    "ltd",
    "corp",
];

/// A name of two or more words none of which names an institution.
pub(super) fn looks_like_person(name: &str) -> bool {
    name.contains(' ')
        && !name
            .split(' ')
            .any(|w| INSTITUTION_WORDS.contains(&fold(w).as_str()))
}

/// The fullest form of `name` the article prints: the longest of
/// `full_names` with the same surname, else `name` itself.
pub(super) fn fullest_form(name: &str, full_names: &[String]) -> String {
    let folded = fold(name);
    full_names
        .iter()
        .filter(|n| same_surname(&folded, &fold(n)))
        .max_by_key(|n| n.len())
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn zelenskyy() -> Vec<KnownPerson> {
        vec![
            KnownPerson {
                id: "p1".into(),
                name: "Volodymyr Zelenskyy".into(),
                aliases: vec![
                    "Zelensky".into(),
                    "Zelenskiy".into(),
                    "the Ukrainian president".into(),
                ],
            },
            KnownPerson {
                id: "p2".into(),
                name: "Olena Zelenska".into(),
                aliases: vec![],
            },
        ]
    }

    #[rstest]
    #[case::full_name("Volodymyr Zelenskyy", Some("p1"))]
    #[case::surname("Zelenskyy", Some("p1"))]
    #[case::alias("Zelensky", Some("p1"))]
    #[case::alias_with_first_name("Volodymyr Zelenskiy", Some("p1"))]
    #[case::case_folded("ZELENSKIY", Some("p1"))]
    #[case::diacritics("Zelenskíy", Some("p1"))]
    #[case::role_alias("The Ukrainian president", Some("p1"))]
    #[case::other_person("Olena Zelenska", Some("p2"))]
    #[case::unknown("Donald Trump", None)]
    #[case::other_first_name("Oleksandr Zelenskyy", None)]
    fn resolves_through_aliases(#[case] name: &str, #[case] id: Option<&str>) {
        let persons = zelenskyy();
        assert_eq!(
            People::new(&persons).resolve(name).map(|p| p.id.as_str()),
            id,
            "names, aliases and surnames match whatever their case and accents"
        );
    }

    #[rstest]
    #[case::title("President Volodymyr Zelenskyy", Some("Volodymyr Zelenskyy"))]
    #[case::country_and_title("US President Donald Trump", Some("Donald Trump"))]
    #[case::sentence_word("On Sunday Zelenskyy", Some("Zelenskyy"))]
    #[case::only_title("The President", None)]
    fn strips_titles(#[case] phrase: &str, #[case] expected: Option<&str>) {
        assert_eq!(
            strip_titles(phrase),
            expected,
            "titles are not part of a name"
        );
    }

    #[test]
    fn prefers_the_fullest_form_printed() {
        let names = full_names(
            "President Volodymyr Zelenskyy said so. Zelenskyy added more. Trump's envoy Steve Witkoff came.",
        );
        assert_eq!(
            fullest_form("Zelenskyy", &names),
            "Volodymyr Zelenskyy",
            "the surname alone is completed with the first name the article gives"
        );
        assert_eq!(fullest_form("Witkoff", &names), "Steve Witkoff");
        assert_eq!(fullest_form("Kushner", &names), "Kushner");
    }
}
