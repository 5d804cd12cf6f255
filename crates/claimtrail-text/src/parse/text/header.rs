//! Byline and date lines at the top of an article ("By ANI | Updated: ...").

use super::dates::{self, Slot, Stamp};
use super::*;

static SEGMENT_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|·•—–]\s+").expect("segment separator regex"));
/// Also a hyphen between spaces: read only where the line gives no date
/// otherwise.
static HYPHENATED_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[|·•—–-]\s+").expect("hyphenated separator regex"));
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:By|BY|by|Von|von|Par|par|Por|por)\s+(\p{Lu}.*)$").expect("byline regex")
});

/// Lower-case words that may sit inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "and", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el", "y",
    "for",
];

pub(super) struct Byline {
    pub name: String,
    pub agency: Option<&'static str>,
}

#[derive(Default)]
pub(super) struct HeaderLine {
    pub byline: Option<Byline>,
    pub stamps: Vec<Stamp>,
}

/// The best published and updated times seen in header lines: an ISO
/// stamp beats a human-readable one, which only rounds to the minute.
#[derive(Default)]
pub(super) struct HeaderDates {
    published: Option<Stamp>,
    updated: Option<Stamp>,
}

impl HeaderDates {
    fn add(&mut self, stamp: Stamp) {
        let slot = match stamp.slot {
            Slot::Published => &mut self.published,
            Slot::Updated => &mut self.updated,
        };
        if slot.as_ref().is_none_or(|old| stamp.rank() > old.rank()) {
            *slot = Some(stamp);
        }
    }

    /// Fills the article's times that its metadata left empty.
    pub fn fill(&mut self, article: &mut ParsedArticle) {
        if article.published_at.is_none() {
            article.published_at = self.published.take().map(|s| s.at);
        }
        if article.updated_at.is_none() {
            article.updated_at = self.updated.take().map(|s| s.at);
        }
    }
}

/// Takes `line` as metadata when it is a header line; fields already
/// known (from a page's metadata) are kept.
pub fn absorb(line: &str, article: &mut ParsedArticle, dates: &mut HeaderDates) -> bool {
    let Some(header) = parse(line) else {
        return false;
    };
    if let Some(byline) = header.byline {
        article.byline.get_or_insert(byline.name);
        if let Some(agency) = byline.agency {
            article.outlet.get_or_insert_with(|| agency.to_owned());
        }
    }
    header.stamps.into_iter().for_each(|s| dates.add(s));
    true
}

/// Splits a line into " | "-separated segments; it is a header line when
/// every segment is a byline or a date.
pub fn parse(line: &str) -> Option<HeaderLine> {
    if line.chars().count() > 200 {
        return None;
    }
    let mut header = HeaderLine::default();
    for segment in segments(line, &SEGMENT_SEP) {
        let segment = segment.as_str();
        if let Some(byline) = byline(segment).filter(|_| header.byline.is_none()) {
            header.byline = Some(byline);
        } else {
            header.stamps.extend(dates::date_segment(segment)?);
        }
    }
    (header.byline.is_some() || !header.stamps.is_empty()).then_some(header)
}

/// The times of a line printed beside a headline whose other parts name
/// the section or the site ("24. April 2020 | Pressemitteilungen",
/// "Handball Schweiz • 02.02.2022"): those of its segments that are dates.
pub fn dates_among(line: &str) -> Vec<Stamp> {
    if line.chars().count() > 200 {
        return Vec::new();
    }
    let found: Vec<Stamp> = segments(line, &SEGMENT_SEP)
        .iter()
        .filter_map(|segment| dates::date_segment(segment))
        .flatten()
        .collect();
    if !found.is_empty() {
        return found;
    }
    // A line whose parts a hyphen sets apart ("02.02.2022 10:16 Uhr - 1.
    // Bundesliga - PM Vereine"): a part that is a date and nothing more
    // (a word such as "Uhr" at most), so that a sentence after a hyphen
    // ("Der große Rückblick - Die Flut vom 14. Juli 2021") is not read.
    segments(line, &HYPHENATED_SEP)
        .iter()
        .filter_map(|segment| dates::date_segment_within(segment, 1))
        .flatten()
        .collect()
}

/// The parts of a line `separator` sets apart (" | ", " · ", a dash),
/// with a lone clock time joined to the date before it ("Dec 15 2025 |
/// 2:40 AM IST", "November 20, 2019 - 11:28 AMT" are one time each).
fn segments(line: &str, separator: &Regex) -> Vec<String> {
    let mut segments: Vec<String> = Vec::new();
    for part in separator
        .split(line)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        // A clock with a word after it (a zone this code does not know,
        // "Uhr") joins a date only, never a name ("By Jane Doe - 10:16 Uhr").
        let clock = |last: &str| {
            dates::is_clock(part)
                || dates::is_clock_with_word(part) && dates::parse_timestamp(last).is_some()
        };
        match segments.last_mut() {
            Some(last) if clock(last) => {
                last.push(' ');
                last.push_str(part);
            }
            _ => segments.push(part.to_owned()),
        }
    }
    segments
}

/// "By Jane Doe", "By ANI", "By JOHN SMITH Associated Press": the name
/// as printed (capitals title-cased), and the agency when one is named.
fn byline(segment: &str) -> Option<Byline> {
    let names = BYLINE.captures(segment)?.get(1)?.as_str();
    let words: Vec<&str> = names.split_whitespace().collect();
    let name_like = |w: &&str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_numeric())
            || NAME_PARTICLES.contains(&w.trim_matches(','))
            || w.starts_with("al-")
    };
    if words.len() > 12
        || names.ends_with('.') && !names.ends_with(" Jr.")
        || !words.iter().all(name_like)
    {
        return None;
    }
    let (name, agency) = split_agency(&words);
    let names = super::names::author_names(&name, None);
    let name = match (super::names::join(&names), agency) {
        (Some(names), _) => names,
        (None, Some(agency)) => agency.to_owned(),
        (None, None) => return None,
    };
    Some(Byline { name, agency })
}

/// Splits the trailing agency off a byline: "JOHN SMITH Associated
/// Press" → ("JOHN SMITH", Some("AP")).
fn split_agency(words: &[&str]) -> (String, Option<&'static str>) {
    for start in 0..words.len() {
        if let Some(agency) = canonical_outlet(&words[start..].join(" ")) {
            let name = words[..start].join(" ");
            let name = name.trim_end_matches([',', '-', '|', ' ']);
            let name = name.strip_suffix(" for").unwrap_or(name);
            return (name.to_owned(), Some(agency));
        }
    }
    (words.join(" "), None)
}
