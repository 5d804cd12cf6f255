//! Datelines and wire credits at the start of the first paragraph:
//! "KYIV, Dec 15 (Reuters) - ", "KYIV, Ukraine (AP) — ",
//! "Kyiv [Ukraine], December 15 : ".

use super::*;

pub(super) struct Dateline {
    /// "Kyiv", "Kyiv, Ukraine".
    pub place: String,
    /// Canonical agency name from "(Reuters)".
    pub credit: Option<String>,
}

static SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*(?:--|[-–—:])\s+|\s+[–—]").expect("dateline separator regex"));
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<lead>.*?)\s*\((?P<credit>[^()]+)\)$").expect("credit regex")
});
static BRACKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>.+?)\s*\[(?P<country>[^\]]+)\]$").expect("bracket regex")
});
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L}.'’-]*(?:[ /]\p{Lu}[\p{L}.'’-]*){0,3}$").expect("place regex")
});
static DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)$")
        .expect("dateline day regex")
});

/// Capitalised labels that open a headline or paragraph the way a
/// dateline does ("EXCLUSIVE: ...", "BREAKING — ...") but name no place.
const KICKERS: &[&str] = &[
    "EXCLUSIVE",
    "BREAKING",
    "BREAKING NEWS",
    "UPDATE",
    "UPDATED",
    "WATCH",
    "LIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "FACTBOX",
    "EXPLAINER",
    "INTERVIEW",
    "PHOTOS",
    "VIDEO",
    "URGENT",
    "FLASH",
    "CORRECTED",
    "CORRECTION",
    "REFILE",
    "FACT CHECK",
    "COMMENT",
    "REVIEW",
];

/// The dateline of a paragraph, when it starts with one.
pub(super) fn dateline(paragraph: &str) -> Option<Dateline> {
    let lead = lead(paragraph)?;
    let (lead, credit) = match CREDIT.captures(lead) {
        Some(c) => (c.name("lead")?.as_str(), Some(credit_name(&c["credit"])?)),
        None => (lead, None),
    };
    let mut parts = lead.split(',').map(str::trim);
    let first = parts.next()?;
    let (place, bracket) = match BRACKET.captures(first) {
        Some(c) => (
            c.name("place")?.as_str(),
            Some(c["country"].trim().to_owned()),
        ),
        None => (first, None),
    };
    let (region, day) = region_and_day(parts)?;
    let shouting = place.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && !place.chars().any(char::is_lowercase);
    let evidence = credit.is_some() || day || bracket.is_some() || shouting;
    let kicker = KICKERS.contains(&place.to_uppercase().as_str());
    if !PLACE.is_match(place) || !evidence || kicker {
        return None;
    }
    // "UK", "US", "UAE" are names, not shouting; longer capitals are.
    let country = bracket.or(region).map(|c| {
        if c.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
            c
        } else {
            title_case_caps(&c)
        }
    });
    let place = title_case_caps(place);
    Some(Dateline {
        place: country.map_or(place.clone(), |c| format!("{place}, {c}")),
        credit,
    })
}

/// Where the story begins after a recognised dateline ("KYIV, Dec 15
/// (Reuters) - " or "Kyiv [Ukraine], December 15 : "), as a byte offset
/// into `paragraph`; `None` when the paragraph does not open with one.
/// Claim suggestions start their first sentence there.
pub(crate) fn dateline_end(paragraph: &str) -> Option<usize> {
    dateline(paragraph)?;
    let lead = lead(paragraph)?;
    let lead_start = paragraph.find(lead)?;
    let rest = &paragraph[lead_start + lead.len()..];
    let gap = AFTER_LEAD.find(rest).map_or(0, |m| m.end());
    Some(lead_start + lead.len() + gap)
}

static AFTER_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:--|[-–—:])?\s*").expect("after-dateline regex"));

/// The text before the dateline separator, or up to a closing credit
/// bracket ("New Delhi, Dec 15 (PTI) The ..." has no separator).
fn lead(paragraph: &str) -> Option<&str> {
    let window_end = paragraph
        .char_indices()
        .nth(90)
        .map_or(paragraph.len(), |(i, _)| i);
    let window = &paragraph[..window_end];
    let by_separator = SEPARATOR.find(window).map(|m| m.start());
    let by_credit = window.find(") ").map(|i| i + 1);
    let end = [by_separator, by_credit].into_iter().flatten().min()?;
    Some(window[..end].trim()).filter(|l| !l.is_empty())
}

/// After the place: at most a region ("Ukraine") then a day ("Dec 15").
fn region_and_day<'a>(parts: impl Iterator<Item = &'a str>) -> Option<(Option<String>, bool)> {
    let (mut region, mut day) = (None, false);
    for part in parts {
        if DAY.is_match(part) && !day {
            day = true;
        } else if PLACE.is_match(part) && region.is_none() && !day {
            region = Some(part.to_owned());
        } else {
            return None;
        }
    }
    Some((region, day))
}

/// The agency in "(Reuters)", canonicalised; a short capitalised name
/// that is not in the table is kept as printed ("(KUNA)").
fn credit_name(credit: &str) -> Option<String> {
    let credit = credit.trim();
    if let Some(known) = canonical_outlet(credit) {
        return Some(known.to_owned());
    }
    let plausible = credit.split_whitespace().count() <= 3
        && credit.starts_with(char::is_uppercase)
        && !credit.chars().any(|c| c.is_ascii_digit());
    plausible.then(|| credit.to_owned())
}
