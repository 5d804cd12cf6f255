//! Author names out of a byline as pages print it: "By JANE DOE and John
//! Roe, Senior Correspondents, Reuters | Updated Dec 15, 2025" is the two
//! names "Jane Doe" and "John Roe". What is not a name (the "By", job
//! titles, places, dates, the outlet) is left out; several authors stay
//! several.

use super::*;

/// Most authors a byline is read as naming; more is a list of links.
const MAX_AUTHORS: usize = 6;

static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:zeige\s+alle\s+beiträge|alle\s+beiträge|alle\s+artikel|mehr\s+artikel|view\s+all\s+posts|all\s+posts|more\s+articles|articles|posts|stories|written|words|text|story|reported|report|posted|text\s+und\s+fotos?|erstellt|eingestellt|geschrieben|verfasst|veröffentlicht|gepostet|gespeichert|artikel|ein\s+artikel|ein\s+beitrag|blog\s+beitrag|beitrag|publié|publiée|publicado|publicada|pubblicato|scritto)\s+)?(?:by|von|par|por|door|przez)(?:\s*:\s*|\s+)|^(?:author|authors|author\(s\)|byline|autor|autorin|autor\(in\)|auteur|autore|interview|text|texto|redaktion)\s*:\s*")
        .expect("byline lead regex")
});
/// Between two names: "and", "&", ";", "|", "/", " - " and the like.
static BETWEEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:and|&|und|et|y|with)\s+|\s*[;|/•·]\s*|\s+[-–—]\s+|\n")
        .expect("name separator regex")
});
static CONTACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\S+@\S+|@\w+|https?://\S+").expect("contact regex"));

/// Words that make a part of a byline a description, not a name (with
/// [`ROLE_WORDS`]).
const NOT_NAME_WORDS: &[&str] = &[
    "correspondents",
    "reporters",
    "editors",
    "writers",
    "contributors",
    "journalists",
    "bureau",
    "producer",
    "analyst",
    "desk",
    "team",
    "news",
    "newsroom",
    "updated",
    "published",
    "posted",
    "modified",
    "read",
    "minutes",
    "min",
    "ago",
    "follow",
    "email",
    "contact",
    "contactar",
    "contacto",
    "kontakt",
    "twitter",
    "share",
    "view",
    "profile",
    "opinion",
    "international",
    "affairs",
    "special",
    "agencies",
    "agency",
    "wires",
    "photo",
    "photos",
    "video",
    "image",
    "more",
    "articles",
    "about",
    "the",
    "in",
    "at",
    "on",
    "of",
    "from",
    "for",
    "author",
    "authors",
    "autor",
    "autorin",
    "auteur",
    // Furniture of German and other bylines, and of comment forms.
    "name",
    "report",
    "says",
    "sagt",
    "stand",
    "mehr",
    "foto",
    "fotos",
    "bild",
    "interview",
    // Links beside a name ("Show all", "Alle Artikel").
    "show",
    "all",
    "alle",
];

/// Words that open the credit of a picture or a graphic.
const CREDIT_WORDS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "bilder",
    "image",
    "images",
    "credit",
    "credits",
    "video",
    "grafik",
    "illustration",
    "picture",
    "pictures",
];

/// Words that make a name an organisation's ("Olympia-Verlag GmbH").
/// The words of a company's legal form ("Co. KG", "GmbH", "Inc.").
const LEGAL_FORM_WORDS: &[&str] = &["co", "kg", "gmbh", "ag", "inc", "ltd", "llc", "plc", "corp"];

const ORGANISATION_WORDS: &[&str] = &[
    "gmbh",
    "ag",
    "ltd",
    "inc",
    "llc",
    "plc",
    "corp",
    "corporation",
    "company",
    "verlag",
    "media",
    "group",
    "publishing",
    "publications",
    "press",
    "redaktion",
    "online",
    "sa",
    "s.a.",
    "srl",
    "bv",
    "nv",
    "foundation",
    "network",
    "newspaper",
    "magazine",
    "zeitung",
    "times",
    "herald",
    "tribune",
    "daily",
    "weekly",
    "tv",
    "radio",
];

/// Lower-case words that may sit inside a name ("Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "ibn", "al", "el",
    "dos", "das", "del", "ter", "y",
];

/// Days, which open sentences ("By Monday the talks had ended").
fn is_calendar_word(bare: &str) -> bool {
    dates::WEEKDAYS.contains(&bare) || matches!(bare, "today" | "yesterday" | "heute" | "gestern")
}

/// A day in German, French or Spanish, which stands beside dates
/// ("Donnerstag, 4. November 2021") but is also a surname ("Jan Freitag",
/// "Domingo Marchena"): no name alone, part of one beside another word.
fn is_foreign_weekday(bare: &str) -> bool {
    const FOREIGN_WEEKDAYS: &[&str] = &[
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonnabend",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    FOREIGN_WEEKDAYS.contains(&bare)
}

/// A day's or a month's name, in English or another language.
fn is_calendar_name(bare: &str) -> bool {
    is_calendar_word(bare) || is_foreign_weekday(bare) || is_month_word(bare)
}

/// A word of a printed date or time: a number, a day's or a month's name,
/// or a word joining them ("am", "um", "Uhr", "at", "pm").
fn is_date_word(word: &str) -> bool {
    let bare = bare_lower(word);
    bare.is_empty()
        || word.chars().any(|c| c.is_ascii_digit())
        || is_calendar_name(&bare)
        || DATE_CONNECTORS.contains(&bare.as_str())
        || matches!(bare.as_str(), "uhr" | "at" | "on" | "h" | "pm")
}

/// A month's name or its abbreviation, in English or another language
/// ("Sept", "October", "Oktober"); not a word that merely starts like one
/// ("Maria").
fn is_month_word(bare: &str) -> bool {
    dates::foreign_month(bare).is_some()
        || dates::MONTH_NAMES.contains(&bare)
        || bare == "sept"
        || bare.len() <= 4 && dates::month_number(bare).is_some()
}

/// The author names in `raw`, cleaned; `outlet` (the site's own name) is
/// never taken for an author.
pub(crate) fn author_names(raw: &str, outlet: Option<&str>) -> Vec<String> {
    let text = collapse_whitespace(&CONTACT.replace_all(raw, " "));
    // "By Doe, Jane" is not how a byline is written: after a label, a
    // comma separates names ("Von Einheimischen, Gästen und ...").
    let labelled = LEAD.is_match(&text);
    let text = LEAD.replace(&text, "");
    if let Some(handle) = as_handle(&text, outlet) {
        return vec![handle];
    }
    // A user name and when it posted ("rasos am 24. Juli 2017").
    if let Some((first, rest)) = text.split_once(' ') {
        // Or a separator before the date ("mitundvoneinander | 31.
        // Dezember 2008", "jancak @ 00:11").
        let mut words = rest.split_whitespace();
        let (next, after) = (words.next(), words.next());
        let joined = next.is_some_and(|w| {
            DATE_CONNECTORS.contains(&w)
                || matches!(w, "on" | "at" | "|" | "-" | "–" | "·" | "•" | "@")
        });
        // All that follows is the date ("By noon on Friday, the deal was
        // dead" is a sentence).
        let dated = joined
            && after.is_some_and(is_date_word)
            && rest.split_whitespace().skip(1).all(is_date_word);
        if let Some(handle) = as_handle(first, outlet).filter(|_| dated) {
            return vec![handle];
        }
    }
    let parts: Vec<Vec<String>> = BETWEEN
        .split(&text)
        .map(|part| comma_pieces(part, !labelled))
        .collect();
    // One word after a full name is the place or the desk ("By Jane Doe,
    // Kyiv"); a single word alone may be the whole byline ("Reuters").
    let several = parts.iter().map(Vec::len).sum::<usize>() > 1;
    let mut names: Vec<String> = Vec::new();
    for part in &parts {
        for piece in part.iter().filter(|p| !several || p.contains(' ')) {
            let Some(name) = as_name(piece, outlet) else {
                // After the outlet or a title, what a comma adds is the
                // place ("By Jane Doe, BBC News, New York").
                break;
            };
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
        }
    }
    names.truncate(MAX_AUTHORS);
    names
}

/// Drops a name that is another of `names` with words around it ("Tomas
/// Spahn Fr" beside "Tomas Spahn"): a page printing one author twice, once
/// with the furniture of its layout.
pub(crate) fn drop_padded(names: &mut Vec<String>) {
    let padded = |long: &str, short: &str| {
        let (long, short) = (long.to_lowercase(), short.to_lowercase());
        // A first name alone ("Maria") is no full name to keep instead.
        short.contains(' ')
            && long.len() > short.len()
            && (long.starts_with(&format!("{short} ")) || long.ends_with(&format!(" {short}")))
    };
    let all = names.clone();
    names.retain(|n| !all.iter().any(|other| padded(n, other)));
}

/// A byline that is one user name ("gizzmo", "freeman1984"), as blogs and
/// forums sign posts: kept as printed, unless it is a word of a byline's
/// furniture, the outlet, or a web address.
fn as_handle(text: &str, outlet: Option<&str>) -> Option<String> {
    let handle = text.trim_matches(|c: char| !c.is_alphanumeric());
    let bare = bare_lower(handle);
    let plausible = !handle.contains(char::is_whitespace)
        && (3..=30).contains(&handle.chars().count())
        && handle.chars().any(char::is_alphabetic)
        && handle
            .chars()
            .all(|c| c.is_alphanumeric() || "._-".contains(c))
        && !handle.contains("..");
    let furniture = not_a_name(&bare)
        || is_calendar_word(&bare)
        || is_foreign_weekday(&bare)
        || [
            "admin",
            "administrator",
            "redaktion",
            "unknown",
            "anonymous",
            "guest",
            "author",
            "authors",
            "autor",
            "autorin",
            "auteur",
            "posted",
            "comments",
            // "red." is the desk's own ("Redaktion").
            "red",
            // A label whose name is printed elsewhere.
            "by",
            "von",
            "par",
            "por",
            "door",
            "przez",
        ]
        .contains(&bare.as_str())
        || dates::month_number(&bare).is_some() && bare.len() <= 9
        || dates::foreign_month(&bare).is_some();
    // The desk's or the site's own account ("KB_Redaktion",
    // "wordpressadmin").
    let account = ["redaktion", "admin"].iter().any(|w| bare.contains(w));
    let furniture = furniture || account || is_placeholder(handle);
    let elsewhere = handle.contains('.')
        && handle
            .rsplit('.')
            .next()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_lowercase()))
        || canonical_outlet(handle).is_some()
        || outlet.is_some_and(|o| same_outlet(o, handle));
    (plausible && !furniture && !elsewhere).then(|| handle.to_owned())
}

/// The byline as stored: names joined by ", " (or "; " when a name is
/// written "Doe, Jane").
pub(crate) fn join(names: &[String]) -> Option<String> {
    let separator = if names.iter().any(|n| n.contains(',')) {
        "; "
    } else {
        ", "
    };
    (!names.is_empty()).then(|| names.join(separator))
}

/// Splits at commas, keeping "Doe, Jane" (two single words) together when
/// `inverted` names may be.
fn comma_pieces(part: &str, inverted: bool) -> Vec<String> {
    let pieces: Vec<&str> = part
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let single = |p: &str| !p.contains(' ') && p.starts_with(char::is_uppercase);
    if inverted && pieces.len() == 2 && single(pieces[0]) && single(pieces[1]) {
        return vec![format!("{}, {}", pieces[0], pieces[1])];
    }
    pieces.into_iter().map(str::to_owned).collect()
}

/// A cleaned name, or None when `piece` is a title, a place, a date, an
/// outlet or anything else that is not a person's name.
fn as_name(piece: &str, outlet: Option<&str>) -> Option<String> {
    let piece = piece
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
        .trim_end_matches('.')
        .trim();
    let all: Vec<&str> = piece.split_whitespace().collect();
    // "Foto: Ingo Schneider" credits a picture, not the article.
    if all
        .first()
        .is_some_and(|w| CREDIT_WORDS.contains(&bare_lower(w).as_str()))
    {
        return None;
    }
    // A role before the name ("Chefredakteur Christoph Hein", "Staff
    // writer Jane Doe") is left out, as one after it is.
    let lead = all.iter().take_while(|w| is_role_word(w)).count();
    let all = if lead < all.len() && lead <= 3 {
        &all[lead..]
    } else {
        &all[..]
    };
    let mut run = all.iter().take_while(|w| is_name_word(w)).count();
    // A name does not end with a particle: "le" in "Jean Dupont le 12
    // mars" opens the date.
    while run > 0 && PARTICLES.contains(&all[run - 1]) {
        run -= 1;
    }
    let (words, rest) = all.split_at(run);
    // What follows a name may describe it ("in Kyiv", "Staff Writer",
    // "Updated ..."); anything else makes the piece a sentence.
    let described = rest
        .first()
        .is_none_or(|w| is_description_word(w) || w.starts_with('('))
        && rest.len() <= 6;
    // "Post author Jane Doe": a label, before the name.
    let label = rest
        .first()
        .is_some_and(|w| matches!(bare_lower(w).as_str(), "author" | "autor" | "authors"));
    if words.is_empty()
        || words.len() > 5
        || !described
        || label
        || !words[0].starts_with(char::is_uppercase)
        || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let name = words.join(" ");
    // The name twice with nothing between, as a name and its copy for
    // screen readers run together ("Kristen Falc'honKristen Falc'hon").
    let name = undoubled(&name).unwrap_or(name);
    // A site's address or an organisation is not an author.
    let domain = words.iter().any(|w| {
        let w = w.trim_end_matches('.');
        w.contains('.')
            && w.rsplit('.')
                .next()
                .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase()))
    });
    // Or a company's legal form alone, split off its name at an "&"
    // ("Haufe-Lexware GmbH & Co. KG").
    let legal_form = words
        .iter()
        .all(|w| LEGAL_FORM_WORDS.contains(&bare_lower(w).as_str()));
    let organisation = legal_form
        || words.iter().any(|w| {
            ORGANISATION_WORDS.contains(&bare_lower(w).as_str())
                || ["verlag", "nachrichten", "zeitung", "magazin", "redaktion"]
                    .iter()
                    .any(|suffix| w.to_lowercase().ends_with(suffix))
        });
    // One short word is initials or a desk's code ("Dt", "LN"), not a name;
    // a day alone is a date's ("Donnerstag, 4. November 2021").
    let initials = words.len() == 1 && name.chars().count() <= 3;
    let day = words.len() == 1 && is_foreign_weekday(&bare_lower(&name));
    if domain
        || organisation
        || initials
        || day
        || is_placeholder(&name)
        || canonical_outlet(&name).is_some()
        || outlet.is_some_and(|o| same_outlet(o, &name))
        || words.len() == 1 && dates::month_number(&name).is_some()
        || words.len() == 1 && dates::foreign_month(&bare_lower(&name)).is_some()
    {
        return None;
    }
    Some(title_case_caps(&name))
}

/// `name` when it is one string written twice, the first copy.
fn undoubled(name: &str) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let half = chars.len() / 2;
    (chars.len() >= 6 && chars.len().is_multiple_of(2) && chars[..half] == chars[half..])
        .then(|| chars[..half].iter().collect())
}

/// Whether `name` is what a publishing system writes where nobody filled
/// in the author ("Unknown", "anónimo").
pub(crate) fn is_placeholder(name: &str) -> bool {
    PLACEHOLDERS.contains(&name.trim().to_lowercase().as_str())
}

/// What a publishing system writes where nobody filled in the author
/// ("Super User" is Joomla's first account, "Unknown" and "publisher"
/// placeholders of themes): no one's name.
const PLACEHOLDERS: &[&str] = &[
    "unknown",
    "super user",
    "publisher",
    "admin",
    "administrator",
    "anonymous",
    "anónimo",
    "anonimo",
    "anonyme",
    "anonym",
    "guest",
    "webmaster",
    "von",
    "beitragvon",
];

/// A name folded for comparing with a site's: lower-case letters and
/// digits only, accents dropped ("Time 4 talks" and "time4talks.com",
/// "Nestlé Family" and "nestle-family.com" meet).
pub(crate) fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Whether `name` is the site's own name as its address spells it
/// ("Automobilwoche" on automobilwoche.de, "Deutsche
/// Wirtschaftsnachrichten" on deutsche-wirtschafts-nachrichten.de,
/// "oe24.at" on auto.oe24.at): the outlet, not an author.
pub(crate) fn names_the_host(host: &str, name: &str) -> bool {
    let labels: Vec<&str> = host.trim_start_matches("www.").split('.').collect();
    let Some((tld, rest)) = labels.split_last() else {
        return false;
    };
    let Some(site) = rest.last() else {
        return false;
    };
    // A user name ("ThE_PaiN" on the-pain.net) is the blogger's own,
    // even where the blog is named after it.
    if name.contains('_') {
        return false;
    }
    let name = fold_name(name);
    name.len() >= 4 && (name == fold_name(site) || name == fold_name(&format!("{site}{tld}")))
}

fn bare_lower(word: &str) -> String {
    word.to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_owned()
}

/// Words of a journalist's role, which may stand before the name.
const ROLE_WORDS: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "staff",
    "contributor",
    "contributing",
    "columnist",
    "journalist",
    "chief",
    "senior",
    "foreign",
    "political",
    "redakteur",
    "redakteurin",
    "chefredakteur",
    "chefredakteurin",
    "korrespondent",
    "korrespondentin",
    "experte",
    "expertin",
];

/// Whether a word (lower-case, bare) is a role or a byline's furniture.
fn not_a_name(bare: &str) -> bool {
    NOT_NAME_WORDS.contains(&bare) || ROLE_WORDS.contains(&bare) || CREDIT_WORDS.contains(&bare)
}

/// A role word, or a title made with one ("FOCUS-Online-Experte").
fn is_role_word(word: &&str) -> bool {
    let last = word.rsplit('-').next().unwrap_or(word);
    ROLE_WORDS.contains(&bare_lower(last).as_str())
}

fn is_description_word(word: &&str) -> bool {
    let bare = bare_lower(word);
    not_a_name(&bare)
        || word.chars().any(|c| c.is_ascii_digit())
        || DATE_CONNECTORS.contains(&bare.as_str())
        // The next label ("Tags:", "Fotos:").
        || word.ends_with(':')
}

/// Words that join a byline's name to its date in other languages ("Von
/// Moritz Gathmann am 21. April 2020", "Par Jean Dupont le 12 mars").
const DATE_CONNECTORS: &[&str] = &["am", "um", "le", "il", "el", "em", "op"];

fn is_name_word(word: &&str) -> bool {
    let bare = bare_lower(word);
    // "FOCUS-Online-Experte": a title made of the outlet and the role.
    let last_part = word.rsplit('-').next().map(bare_lower).unwrap_or_default();
    // "Ilustrator:" labels the name after it.
    if not_a_name(&bare)
        || is_calendar_word(&bare)
        || word.contains('-') && not_a_name(&last_part)
        || word.ends_with(':')
    {
        return false;
    }
    word.starts_with(char::is_uppercase)
        || PARTICLES.contains(&bare.as_str())
        || word.starts_with("al-")
}

/// "BBC News" and "bbc" and "BBC" are one outlet; so are a site's name
/// and its name with "The" or "News".
pub(crate) fn same_outlet(outlet: &str, piece: &str) -> bool {
    let fold = |s: &str| {
        s.to_lowercase()
            .split_whitespace()
            .filter(|w| !matches!(*w, "the" | "news" | "online"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (fold(outlet), fold(piece));
    !a.is_empty() && a == b
}

/// The part of a short printed line from its byline label on, when what
/// comes before the label is only when it was posted ("Posted on
/// September 21, 2020 by Adi Tzlil", "06.11.2023 13:30 von Olga", "VON
/// Moritz Gathmann"), and something follows the label. "Photo by", "Design
/// by" or "Copyright 2008 by" credit something else and give nothing.
pub(crate) fn labelled_part(line: &str) -> Option<&str> {
    // Words of a date, and of "posted on"; a month's or a day's name
    // counts only in a date with a number ("Jan" in "Jan von Hagen" is a
    // name).
    let calendar = |word: &str| is_calendar_name(&bare_lower(word));
    let when = |word: &str| {
        is_date_word(word)
            || matches!(
                bare_lower(word).as_str(),
                "posted" | "published" | "veröffentlicht" | "datum" | "date"
            )
    };
    let starts = std::iter::once(0).chain(
        line.char_indices()
            .filter(|(_, c)| c.is_whitespace())
            .map(|(i, c)| i + c.len_utf8()),
    );
    for start in starts {
        let (before, from) = line.split_at(start);
        if !before.split_whitespace().all(when) {
            return None;
        }
        if let Some(label) = LEAD.find(from) {
            let dated = before.chars().any(|c| c.is_ascii_digit());
            if before.split_whitespace().any(calendar) && !dated {
                return None;
            }
            // "Interview: Olaf Scholz" names who was asked, not who wrote.
            let interview = label.as_str().to_lowercase().starts_with("interview");
            return Some(from).filter(|_| !from[label.end()..].trim().is_empty() && !interview);
        }
    }
    None
}

/// Whether a piece of text holds a word a byline's label is made of: a
/// quick test before reading the line around it.
pub(crate) fn has_label_word(text: &str) -> bool {
    static WORD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:by|von|par|por|door|przez|author|authors|autor|autorin|auteur|autore|byline|text|texto|redaktion|interview)\b")
            .expect("label word regex")
    });
    WORD.is_match(text)
}

/// The label a line is, when it is only a byline's label, its name printed
/// in the element after it ("<h4>Autor</h4><p>Nikolai Huke</p>", "Auteur(s)
/// :"): the label, lower-case.
pub(crate) fn label_alone(line: &str) -> Option<&'static str> {
    const LABELS: &[&str] = &[
        "autor",
        "autorin",
        "autoren",
        "author",
        "authors",
        "author(s)",
        "auteur",
        "auteur(s)",
        "autore",
        "byline",
        "von",
        "by",
        "text",
        "texto",
        "written by",
        "verfasst von",
        "geschrieben von",
    ];
    let bare = line
        .trim_matches(|c: char| c.is_whitespace() || ":|-–·•".contains(c))
        .to_lowercase();
    LABELS.iter().find(|l| **l == bare).copied()
}

/// Whether a line opens with "By", "Written by", "Author:" and the like.
pub(crate) fn starts_with_by(line: &str) -> bool {
    LEAD.is_match(line)
}

/// Whether a short paragraph is a byline repeating `names` (with the
/// outlet, a title or a date around them), so it is metadata, not body.
pub(crate) fn is_byline_line(paragraph: &str, names: &[String], outlet: Option<&str>) -> bool {
    if names.is_empty() || paragraph.split_whitespace().count() > 25 || ends_sentence(paragraph) {
        return false;
    }
    let found = author_names(labelled_part(paragraph).unwrap_or(paragraph), outlet);
    !found.is_empty()
        && found.iter().all(|f| {
            names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(f) || n.to_lowercase().contains(&f.to_lowercase()))
        })
        && (LEAD.is_match(paragraph) || found.len() == names.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::plain("By Jane Doe", None, &["Jane Doe"])]
    #[case::two("By Jane Doe and John Roe", None, &["Jane Doe", "John Roe"])]
    #[case::three_commas("Jane Doe, John Roe and Ann Poe", None, &["Jane Doe", "John Roe", "Ann Poe"])]
    #[case::shouting("BY JANE DOE", None, &["Jane Doe"])]
    #[case::title_after("By Jane Doe, Senior Correspondent", None, &["Jane Doe"])]
    #[case::outlet_after("Jane Doe, Reuters", None, &["Jane Doe"])]
    #[case::site_after("Jane Doe | Kyiv Daily", Some("Kyiv Daily"), &["Jane Doe"])]
    #[case::date_after("By Jane Doe - December 15, 2025", None, &["Jane Doe"])]
    #[case::updated_after("By Jane Doe | Updated 3 hours ago", None, &["Jane Doe"])]
    #[case::place_after("By Jane Doe in Kyiv", None, &["Jane Doe"])]
    #[case::particle("By Ursula von der Leyen", None, &["Ursula von der Leyen"])]
    #[case::surname_first("Doe, Jane", None, &["Doe, Jane"])]
    #[case::email("Jane Doe jane.doe@example.com", None, &["Jane Doe"])]
    #[case::written_by("Written by: Jane Doe", None, &["Jane Doe"])]
    #[case::only_outlet("Reuters", None, &[])]
    #[case::only_site("Kyiv Daily Staff", Some("Kyiv Daily"), &[])]
    #[case::sentence("By Monday the talks had ended", None, &[])]
    #[case::said("Jane Doe said the talks would go on", None, &[])]
    #[case::german_von("von Daniela Obers", None, &["Daniela Obers"])]
    #[case::french_par("Par Jeanne Martin", None, &["Jeanne Martin"])]
    #[case::domain("24horas.cl", None, &[])]
    #[case::company("Olympia-Verlag GmbH", None, &[])]
    #[case::newspaper("Badische Zeitung", None, &[])]
    #[case::compound_outlet("Deutsche Wirtschaftsnachrichten", None, &[])]
    #[case::for_paper("Brendan Carlin For The Mail On Sunday", None, &["Brendan Carlin"])]
    #[case::initials("LN", None, &[])]
    #[case::handle("gizzmo", None, &["gizzmo"])]
    #[case::handle_digits("freeman1984", None, &["freeman1984"])]
    #[case::admin("admin", None, &[])]
    #[case::the_desks_account("KB_Redaktion", None, &[])]
    #[case::label_alone("von", None, &[])]
    #[case::author_label("Author", None, &[])]
    #[case::handle_domain("oe24.at", None, &[])]
    #[case::place_after_comma("By Jane Doe, Kyiv", None, &["Jane Doe"])]
    #[case::single_alone("By Madonna", None, &["Madonna"])]
    #[case::staff_writer("Jane Doe Staff Writer", None, &["Jane Doe"])]
    #[case::role_before("Chefredakteur Christoph Hein", None, &["Christoph Hein"])]
    #[case::outlets_expert("FOCUS-Online-Experte Robin Tschöpe", None, &["Robin Tschöpe"])]
    #[case::von_colon("Von:Moritz Pieczewski-Freimuth", None, &["Moritz Pieczewski-Freimuth"])]
    #[case::erstellt_von("Erstellt von Andri Bryner", None, &["Andri Bryner"])]
    #[case::eingestellt_von("Eingestellt von Mareike Berg", None, &["Mareike Berg"])]
    #[case::interview("Interview: Julia Lauter", None, &["Julia Lauter"])]
    #[case::photo_credit("Foto: Ingo Schneider", None, &[])]
    #[case::photos_credit("Fotos: Ivan Valetny", None, &[])]
    #[case::form_label("Name", None, &[])]
    #[case::german_month("Oktober", None, &[])]
    #[case::commenter_says("Nesselsetzer Sagt", None, &["Nesselsetzer"])]
    #[case::vonnegut("Kurt Vonnegut", None, &["Kurt Vonnegut"])]
    #[case::german_date_after("VON MORITZ GATHMANN am 21. April 2020", None, &["Moritz Gathmann"])]
    #[case::french_date_after("Par Jean Dupont le 12 mars 2020", None, &["Jean Dupont"])]
    #[case::published_by("Veröffentlicht von Cem Basman", None, &["Cem Basman"])]
    #[case::saved_by("Gespeichert von rasos am 24. Juli 2017", None, &["rasos"])]
    #[case::authors_label("Author(s): Leena Simon", None, &["Leena Simon"])]
    #[case::show_all("Heiko Sauer Show All", None, &["Heiko Sauer"])]
    #[case::all_posts_by("Zeige alle Beiträge von Petra Ruland", None, &["Petra Ruland"])]
    #[case::view_all_posts("View all posts by Jane Doe", None, &["Jane Doe"])]
    #[case::weekday_and_date("Donnerstag, 4. November 2021", None, &[])]
    #[case::second_label("Autor: Fabian Dittmann; Ilustrator: Adriaan Prent", None, &["Fabian Dittmann"])]
    #[case::next_label("Klausmartin Friedrich Tags: Geschichte", None, &["Klausmartin Friedrich"])]
    #[case::not_inverted_after_a_label("Von Einheimischen, Gästen und ganz viel Kühen", None, &[])]
    #[case::place_after_the_outlet("By Jane Doe, BBC News, New York", None, &["Jane Doe"])]
    #[case::credits_after("Text von Christian Seiler Illustration von Markus Roost", None, &["Christian Seiler"])]
    #[case::ein_artikel_von("Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45", None, &["Pamela Sladky"])]
    #[case::handle_before_a_separator("Verfasst von: mitundvoneinander | 31. Dezember 2008", None, &["mitundvoneinander"])]
    #[case::label_alone_fails_alone("Autor", None, &[])]
    #[case::a_handle_and_a_description("L-MAG – Das Magazin für Lesben", None, &[])]
    #[case::a_label_after_a_word("Post author Helge Fahrnberger", None, &[])]
    #[case::a_sentence_after_by("By noon on Friday, the deal was dead", None, &[])]
    #[case::a_weekday_in_a_name("Von Jan Freitag", None, &["Jan Freitag"])]
    #[case::a_spanish_weekday_in_a_name("Por Domingo Marchena", None, &["Domingo Marchena"])]
    #[case::desk_label("Redaktion: Eberhard Fuhr (Pressesprecher des EJW)", None, &["Eberhard Fuhr"])]
    fn cleans_bylines(#[case] raw: &str, #[case] outlet: Option<&str>, #[case] expected: &[&str]) {
        assert_eq!(author_names(raw, outlet), expected, "{raw:?}");
    }

    #[rstest]
    #[case::plain("By Jane Doe", Some("By Jane Doe"))]
    #[case::posted_on("Posted on September 21, 2020 by Adi Tzlil", Some("by Adi Tzlil"))]
    #[case::date_first("06.11.2023 13:30 von Olga", Some("von Olga"))]
    #[case::label_alone("Autor:", None)]
    #[case::photo_credit("Photo by Jane Doe", None)]
    #[case::copyright("Copyright 2006-2008 by Martin Weber", None)]
    #[case::a_name_like_a_month("Maria von Ungarn", None)]
    #[case::a_name_like_a_months_abbreviation("Jan von Hagen, Sprecher", None)]
    #[case::an_interview("Interview: Olaf Scholz", None)]
    #[case::after_a_labelled_date(
        "Datum: 03.11.2021 Autor: Peter Maahn/SP-X",
        Some("Autor: Peter Maahn/SP-X")
    )]
    #[case::no_label("Jane Doe", None)]
    fn a_labelled_line_from_its_label_on(#[case] line: &str, #[case] expected: Option<&str>) {
        assert_eq!(labelled_part(line), expected, "{line:?}");
    }

    #[test]
    fn a_name_printed_again_with_furniture_around_it_is_one_author() {
        let mut names: Vec<String> = ["Tomas Spahn Fr", "Tomas Spahn", "Jane Doe", "Jane Doel"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        drop_padded(&mut names);
        assert_eq!(names, ["Tomas Spahn", "Jane Doe", "Jane Doel"]);
    }

    #[test]
    fn byline_lines_are_recognised_only_for_the_known_names() {
        let names = vec!["Jane Doe".to_owned()];
        assert!(is_byline_line("By Jane Doe, Reuters", &names, None));
        assert!(is_byline_line("Jane Doe", &names, None));
        assert!(!is_byline_line("By John Roe", &names, None), "another name");
        assert!(
            !is_byline_line("Jane Doe said the talks would go on.", &names, None),
            "a sentence about her is body"
        );
    }
}
