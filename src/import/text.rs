//! Plain text and pasted agency copy, plus the analysis all formats share:
//! header lines (byline, dates), datelines and wire credits, boilerplate,
//! and the final clean-up that turns raw paragraphs into a [`ParsedArticle`].

use std::sync::LazyLock;

use regex::Regex;

use super::relays::{canonical_outlet, find_relays};
use super::{ImportError, ParsedArticle, Result};
use crate::timestamp::Timestamp;

pub(crate) use dates::parse_timestamp;

/// Parses pasted or saved plain text: an optional headline on the first
/// line, header lines (byline, dates), then the body.
pub fn parse_plain(text: &str) -> Result<ParsedArticle> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = text.lines().map(collapse_whitespace).collect();
    if lines.iter().all(String::is_empty) {
        return Err(ImportError::NoArticle("the text is empty".to_owned()));
    }
    let mut article = ParsedArticle::default();
    let body_start = take_head(&lines, &mut article);
    article.paragraphs = paragraphs_from_lines(&lines[body_start..]);
    finish(article)
}

/// Trims and turns every run of whitespace (tabs, no-break spaces, line
/// breaks) into one space; nothing else in the text is changed.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The clean-up every parser ends with: drops boilerplate, repeated titles
/// and teasers into `boilerplate`, takes byline and date lines at the top as
/// metadata, reads the dateline and wire credit of the first paragraph,
/// falls back to the wire credit for the outlet, and finds relays.
pub(crate) fn finish(mut article: ParsedArticle) -> Result<ParsedArticle> {
    let body = separate_body(&mut article);
    let first = body.first().ok_or_else(|| {
        ImportError::NoArticle("only a title, bylines or boilerplate were found".to_owned())
    })?;
    if let Some(found) = dateline::dateline(first) {
        article.dateline = article.dateline.take().or(Some(found.place));
        article.wire_credit = article.wire_credit.take().or(found.credit);
    }
    if article.outlet.is_none() {
        article.outlet = article.wire_credit.clone();
    }
    article.relays = find_relays(&body, article.outlet.as_deref());
    article.paragraphs = body;
    Ok(article)
}

/// Sorts the article's raw paragraphs into body, boilerplate (kept in
/// `article.boilerplate`, in text order) and header lines (read into the
/// article's byline and times); returns the body.
fn separate_body(article: &mut ParsedArticle) -> Vec<String> {
    let raw: Vec<String> = std::mem::take(&mut article.paragraphs)
        .iter()
        .map(|p| collapse_whitespace(p))
        .filter(|p| !p.is_empty())
        .collect();
    let tail = boilerplate::tail_start(&raw);
    let mut dates = header::HeaderDates::default();
    let mut body: Vec<String> = Vec::new();
    for (i, paragraph) in raw.iter().enumerate() {
        if i >= tail
            || boilerplate::is_boilerplate(paragraph)
            || repeats_title(paragraph, article.title.as_deref())
            || is_teaser(paragraph, &raw[i + 1..])
        {
            article.boilerplate.push(paragraph.clone());
        } else if (body.is_empty() || dates::starts_with_label(paragraph))
            && header::absorb(paragraph, article, &mut dates)
        {
            // Bylines and date lines are metadata, not body text.
        } else {
            body.push(paragraph.clone());
        }
    }
    dates.fill(article);
    body
}

fn repeats_title(paragraph: &str, title: Option<&str>) -> bool {
    title.is_some_and(|t| t.to_lowercase() == paragraph.to_lowercase())
}

/// A truncated preview ("... long-standing goal ...") that a later paragraph
/// repeats in full: agency pages print it above the article.
fn is_teaser(paragraph: &str, later: &[String]) -> bool {
    let Some(stem) = paragraph
        .strip_suffix("...")
        .or_else(|| paragraph.strip_suffix('…'))
    else {
        return false;
    };
    let stem = stem.trim_end();
    stem.chars().count() >= 20
        && later
            .iter()
            .any(|p| p.len() > stem.len() && p.starts_with(stem))
}

/// Reads the headline and the header lines under it; returns the index of
/// the first line of the body.
fn take_head(lines: &[String], article: &mut ParsedArticle) -> usize {
    let mut next = next_text_line(lines, 0);
    if is_title_line(lines, next) {
        article.title = Some(lines[next].clone());
        next += 1;
    }
    let mut dates = header::HeaderDates::default();
    loop {
        let line = next_text_line(lines, next);
        if line < lines.len() && header::absorb(&lines[line], article, &mut dates) {
            next = line + 1;
        } else {
            dates.fill(article);
            return next;
        }
    }
}

fn next_text_line(lines: &[String], from: usize) -> usize {
    (from..lines.len())
        .find(|&i| !lines[i].is_empty())
        .unwrap_or(lines.len())
}

/// Whether line `i` is a headline: short, not a sentence, not metadata, not
/// the start of a hard-wrapped paragraph, and followed by more text (a lone
/// short line is body, not a title over nothing).
fn is_title_line(lines: &[String], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let more_text = lines[i + 1..].iter().any(|l| !l.is_empty());
    let continues = lines
        .get(i + 1)
        .is_some_and(|next| next.starts_with(char::is_lowercase));
    let block: Vec<String> = lines[i..]
        .iter()
        .take_while(|l| !l.is_empty())
        .filter(|l| header::parse(l).is_none())
        .cloned()
        .collect();
    more_text
        && !continues
        && !is_hard_wrapped(&block)
        && line.chars().count() <= 200
        && !line.ends_with(['.', '…'])
        && header::parse(line).is_none()
        && !boilerplate::is_boilerplate(line)
        && dateline::dateline(line).is_none()
}

/// Groups lines into paragraphs: blank lines separate blocks; a block that
/// was hard-wrapped (e-mail style) is one paragraph, otherwise every line is
/// one, because pasted web copy puts one paragraph on each line.
fn paragraphs_from_lines(lines: &[String]) -> Vec<String> {
    lines
        .split(String::is_empty)
        .filter(|block| !block.is_empty())
        .flat_map(|block| {
            if is_hard_wrapped(block) {
                vec![block.join(" ")]
            } else {
                block.to_vec()
            }
        })
        .collect()
}

/// Three or more lines of similar width (40–100 characters), most of them
/// ending mid-sentence: the shape of text wrapped at a fixed column.
fn is_hard_wrapped(block: &[String]) -> bool {
    if block.len() < 3 {
        return false;
    }
    let inner = &block[..block.len() - 1];
    let widths: Vec<usize> = inner.iter().map(|l| l.chars().count()).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    let mid_sentence = inner.iter().filter(|l| !ends_sentence(l)).count();
    (40..=100).contains(&max)
        && widths.iter().all(|&w| w * 10 >= max * 6)
        && mid_sentence * 3 >= inner.len() * 2
}

fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '”', ':', '…'])
}

/// Title-cases the words printed in capitals ("KYIV" → "Kyiv",
/// "WINSTON-SALEM" → "Winston-Salem", "AND" → "and"); other words, and
/// abbreviations without two capitals in a row ("N.Y."), stay as printed.
fn title_case_caps(text: &str) -> String {
    text.split(' ')
        .map(title_case_word)
        .collect::<Vec<_>>()
        .join(" ")
}

fn title_case_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let shouting = !chars.iter().any(|c| c.is_lowercase())
        && chars
            .windows(2)
            .any(|w| w[0].is_uppercase() && w[1].is_uppercase());
    if !shouting {
        return word.to_owned();
    }
    if word == "AND" {
        return "and".to_owned();
    }
    let mut out = String::with_capacity(word.len());
    let mut word_start = true;
    for c in chars {
        if word_start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        word_start = matches!(c, '/' | '-' | '\'' | '’' | '(');
    }
    out
}

/// Byline and date lines at the top of an article ("By ANI | Updated: ...").
mod header {
    use super::dates::{self, Slot, Stamp};
    use super::*;

    static SEGMENT_SEP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s+[|·•]\s+").expect("segment separator regex"));
    static BYLINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:By|BY|by)\s+(\p{Lu}.*)$").expect("byline regex"));

    /// Lower-case words that may sit inside a name ("Ursula von der Leyen").
    const NAME_PARTICLES: &[&str] = &[
        "and", "de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "el",
        "y", "for",
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
            if slot.as_ref().is_none_or(|old| !old.iso && stamp.iso) {
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
        for segment in segments(line) {
            let segment = segment.as_str();
            if let Some(byline) = byline(segment).filter(|_| header.byline.is_none()) {
                header.byline = Some(byline);
            } else {
                header.stamps.extend(dates::date_segment(segment)?);
            }
        }
        (header.byline.is_some() || !header.stamps.is_empty()).then_some(header)
    }

    /// The " | "-separated parts of a line, with a lone clock time joined to
    /// the date before it ("Dec 15 2025 | 2:40 AM IST" is one time).
    fn segments(line: &str) -> Vec<String> {
        let mut segments: Vec<String> = Vec::new();
        for part in SEGMENT_SEP
            .split(line)
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match segments.last_mut() {
                Some(last) if dates::is_clock(part) => {
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
        let name = match (name.is_empty(), agency) {
            (true, Some(agency)) => agency.to_owned(),
            (true, None) => return None,
            (false, _) if name.contains(' ') => title_case_caps(&name),
            (false, _) => name,
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
}

/// Publication times as printed: ISO 8601 stamps and human-readable dates
/// with optional times and zone abbreviations. An offset is only ever taken
/// from the text; without one the time is floating.
mod dates {
    use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

    use super::*;

    #[derive(Clone, Copy, PartialEq, Debug)]
    pub(super) enum Slot {
        Published,
        Updated,
    }

    pub(super) struct Stamp {
        pub slot: Slot,
        pub at: Timestamp,
        /// Whether it came from an ISO 8601 stamp (exact to the second).
        pub iso: bool,
    }

    /// Zone abbreviations news sites print, with their UTC offset in
    /// minutes. Ambiguous ones take the reading common in news copy
    /// (IST is India, CST is US Central).
    const ZONES: &[(&str, i32)] = &[
        ("IST", 330),
        ("GMT", 0),
        ("UTC", 0),
        ("Z", 0),
        ("BST", 60),
        ("CET", 60),
        ("CEST", 120),
        ("EET", 120),
        ("EEST", 180),
        ("MSK", 180),
        ("EST", -300),
        ("EDT", -240),
        ("CST", -360),
        ("CDT", -300),
        ("PST", -480),
        ("PDT", -420),
        ("JST", 540),
        ("KST", 540),
        ("AEST", 600),
        ("AEDT", 660),
    ];

    const MONTH: &str = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?P<y>\d{4})[-/](?P<mo>\d{2})[-/](?P<d>\d{2})(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<frac>\d{1,9}))?)?\s?(?P<off>Z|[+-]\d{1,2}(?::?\d{2})?)?)?",
        )
        .expect("ISO date regex")
    });
    // The year has no closing word boundary: pasted web copy glues the time
    // to it ("December 15, 20252:46 PM GMT+1Updated 3 hours ago").
    static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
        ))
        .expect("month-first date regex")
    });
    static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i)\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(?P<y>\d{{4}})"
        ))
        .expect("day-first date regex")
    });
    /// A clock time with optional am/pm, then an optional zone
    /// ("2:46 PM GMT+1", "02:40 IST", "14.46 GMT", "10:30 a.m. EST").
    static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?i:(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?)(?:\s*\(?(?P<abbr>[A-Z]{1,5})?(?P<off>[+-]\d{1,2}(?::?\d{2})?)?\)?)?",
        )
        .expect("clock regex")
    });
    static CLOCK_AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^[\s,/|]*(?:at\s+|-\s+)?").expect("clock separator regex")
    });
    static CLOCK_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?P<clock>\d{1,2}[:.]\d{2}[^,]{0,16}),?\s*(?:on\s+)?$")
            .expect("clock-before regex")
    });
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:first\s+published|last\s+updated|last\s+modified|published|posted|updated|modified)\b(?:\s+(?:on|at))?\s*:?")
            .expect("date label regex")
    });
    static LEADING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:first\s+published|last\s+updated|published|posted|updated|modified)\b")
            .expect("leading date label regex")
    });

    /// A date found in a text, with the byte range it covers.
    struct Found {
        start: usize,
        end: usize,
        at: Timestamp,
        iso: bool,
    }

    /// Parses a metadata value or a date line into its first time.
    pub(crate) fn parse_timestamp(value: &str) -> Option<Timestamp> {
        find_dates(value).into_iter().next().map(|f| f.at)
    }

    /// Whether a line begins with "Published", "Updated" and the like.
    pub(super) fn starts_with_label(line: &str) -> bool {
        LEADING_LABEL.is_match(line)
    }

    /// The stamps of a segment that is nothing but dates, labels and a few
    /// words ("Updated 3 hours ago"); `None` for a sentence that mentions a
    /// date.
    pub(super) fn date_segment(segment: &str) -> Option<Vec<Stamp>> {
        if segment.chars().count() > 160 {
            return None;
        }
        let found = find_dates(segment);
        if found.is_empty() {
            return None;
        }
        let mut leftover = String::new();
        let mut last = 0;
        for f in &found {
            leftover.push_str(segment.get(last..f.start).unwrap_or(""));
            leftover.push(' ');
            last = last.max(f.end);
        }
        leftover.push_str(&segment[last..]);
        if LABEL.replace_all(&leftover, " ").split_whitespace().count() > 5 {
            return None;
        }
        Some(assign_slots(segment, found))
    }

    /// Two ISO stamps in one header are published then modified (how ANI
    /// prints them); otherwise the nearest label before a date decides.
    fn assign_slots(segment: &str, found: Vec<Found>) -> Vec<Stamp> {
        let iso_pair = found.iter().filter(|f| f.iso).count() >= 2;
        let mut iso_seen = 0;
        let mut previous_end = 0;
        let mut stamps = Vec::new();
        for f in found {
            let slot = if f.iso && iso_pair {
                iso_seen += 1;
                if iso_seen == 1 {
                    Slot::Published
                } else {
                    Slot::Updated
                }
            } else {
                label_slot(segment.get(previous_end..f.start).unwrap_or(""))
            };
            if !(f.iso && iso_seen > 2) {
                stamps.push(Stamp {
                    slot,
                    at: f.at,
                    iso: f.iso,
                });
            }
            previous_end = previous_end.max(f.end);
        }
        stamps
    }

    fn label_slot(before: &str) -> Slot {
        let label = LABEL
            .find_iter(before)
            .last()
            .map(|m| m.as_str().to_lowercase());
        match label {
            Some(l) if l.contains("updated") || l.contains("modified") => Slot::Updated,
            _ => Slot::Published,
        }
    }

    fn find_dates(text: &str) -> Vec<Found> {
        let mut found: Vec<Found> = ISO
            .captures_iter(text)
            .filter_map(|c| iso_date(&c))
            .collect();
        for regex in [&*MONTH_FIRST, &*DAY_FIRST] {
            for caps in regex.captures_iter(text) {
                let whole = caps.get(0).expect("group 0 always matches");
                let overlaps = found
                    .iter()
                    .any(|f| whole.start() < f.end && f.start < whole.end());
                if let (false, Some(date)) = (overlaps, human_date(&caps)) {
                    found.push(with_clock(text, whole.start(), whole.end(), date));
                }
            }
        }
        found.sort_by_key(|f| f.start);
        found
    }

    fn iso_date(caps: &regex::Captures) -> Option<Found> {
        let whole = caps.get(0)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = NaiveDate::from_ymd_opt(caps["y"].parse().ok()?, num("mo")?, num("d")?)?;
        let Some(hour) = num("h") else {
            return Some(Found {
                start: whole.start(),
                end: whole.end(),
                at: floating(date, NaiveTime::MIN),
                iso: true,
            });
        };
        let nanos = caps
            .name("frac")
            .map_or(0, |f| format!("{:0<9}", f.as_str()).parse().unwrap_or(0));
        let time = NaiveTime::from_hms_nano_opt(hour, num("mi")?, num("s").unwrap_or(0), nanos)?;
        let offset = match caps.name("off") {
            Some(off) => Some(numeric_offset(off.as_str())?),
            None => None,
        };
        Some(Found {
            start: whole.start(),
            end: whole.end(),
            at: stamp(date, time, offset),
            iso: true,
        })
    }

    fn human_date(caps: &regex::Captures) -> Option<NaiveDate> {
        let month = month_number(&caps["mon"])?;
        NaiveDate::from_ymd_opt(caps["y"].parse().ok()?, month, caps["d"].parse().ok()?)
    }

    fn month_number(name: &str) -> Option<u32> {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let prefix = name.get(..3)?.to_lowercase();
        MONTHS
            .iter()
            .position(|m| *m == prefix)
            .map(|i| i as u32 + 1)
    }

    /// Attaches the clock time printed after the date ("December 15, 2025
    /// 02:40 IST") or right before it ("3:46 PM GMT, December 15, 2025").
    fn with_clock(text: &str, start: usize, end: usize, date: NaiveDate) -> Found {
        let after = &text[end..];
        let gap = CLOCK_AFTER.find(after).map_or(0, |m| m.end());
        if let Some((time, offset, len)) = clock(&after[gap..]) {
            return Found {
                start,
                end: end + gap + len,
                at: stamp(date, time, offset),
                iso: false,
            };
        }
        let before = CLOCK_BEFORE
            .captures(&text[..start])
            .and_then(|c| c.name("clock"));
        if let Some(m) = before {
            if let Some((time, offset, _)) = clock(m.as_str().trim_end()) {
                return Found {
                    start: m.start(),
                    end,
                    at: stamp(date, time, offset),
                    iso: false,
                };
            }
        }
        Found {
            start,
            end,
            at: floating(date, NaiveTime::MIN),
            iso: false,
        }
    }

    /// Whether `text` is a clock time and nothing else ("2:40 AM IST").
    pub(super) fn is_clock(text: &str) -> bool {
        clock(text).is_some_and(|(_, _, len)| len == text.trim_end().len())
    }

    /// A clock time at the start of `text`, its offset if a zone is printed,
    /// and how many bytes it covers.
    fn clock(text: &str) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
        let caps = CLOCK.captures(text)?;
        let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let mut hour = num("h")?;
        match caps.name("ap").map(|m| m.as_str().to_ascii_lowercase()) {
            Some(ap) if (1..=12).contains(&hour) => {
                hour = hour % 12 + if ap == "p" { 12 } else { 0 }
            }
            Some(_) => return None,
            None => {}
        }
        let time = NaiveTime::from_hms_opt(hour, num("mi")?, num("s").unwrap_or(0))?;
        let (offset, end) = zone(text, &caps);
        Some((time, offset, end))
    }

    /// The offset printed after a clock time. An abbreviation glued to a
    /// lower-case letter is a word ("Updated"), not a zone; an unknown
    /// abbreviation gives no offset rather than a guessed one.
    fn zone(text: &str, caps: &regex::Captures) -> (Option<FixedOffset>, usize) {
        let clock_end = caps
            .name("ap")
            .or(caps.name("s"))
            .or(caps.name("mi"))
            .map_or(0, |m| m.end());
        let abbr = caps
            .name("abbr")
            .filter(|a| !text[a.end()..].starts_with(char::is_lowercase));
        let numeric = caps
            .name("off")
            .and_then(|o| numeric_offset(o.as_str()).map(|off| (off, o.end())));
        let base = abbr.and_then(|a| {
            ZONES
                .iter()
                .find(|(name, _)| *name == a.as_str())
                .map(|z| (z.1, a.end()))
        });
        match (base, numeric) {
            (Some((0, _)), Some((off, end))) => (Some(off), end),
            (Some((minutes, end)), _) => (FixedOffset::east_opt(minutes * 60), end),
            (None, Some((off, end))) if abbr.is_none() => (Some(off), end),
            _ => (None, clock_end),
        }
    }

    /// "+05:30", "+0530", "+5:30", "-05", "Z".
    fn numeric_offset(text: &str) -> Option<FixedOffset> {
        if text == "Z" {
            return FixedOffset::east_opt(0);
        }
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let digits: String = text[1..].chars().filter(char::is_ascii_digit).collect();
        let (hours, minutes) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 | 4 => (
                digits[..digits.len() - 2].parse().ok()?,
                digits[digits.len() - 2..].parse().ok()?,
            ),
            _ => return None,
        };
        if hours > 14 || minutes > 59 {
            return None;
        }
        FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
    }

    fn stamp(date: NaiveDate, time: NaiveTime, offset: Option<FixedOffset>) -> Timestamp {
        let local = NaiveDateTime::new(date, time);
        match offset.and_then(|o| local.and_local_timezone(o).single()) {
            Some(zoned) => Timestamp::Zoned(zoned),
            None => Timestamp::Floating(local),
        }
    }

    fn floating(date: NaiveDate, time: NaiveTime) -> Timestamp {
        Timestamp::Floating(NaiveDateTime::new(date, time))
    }
}

/// Datelines and wire credits at the start of the first paragraph:
/// "KYIV, Dec 15 (Reuters) - ", "KYIV, Ukraine (AP) — ",
/// "Kyiv [Ukraine], December 15 : ".
mod dateline {
    use super::*;

    pub(super) struct Dateline {
        /// "Kyiv", "Kyiv, Ukraine".
        pub place: String,
        /// Canonical agency name from "(Reuters)".
        pub credit: Option<String>,
    }

    static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*(?:--|[-–—:])\s+|\s+[–—]").expect("dateline separator regex")
    });
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
}

/// Lines that are not article text: disclaimers, app prompts, sharing
/// widgets, credits and copyright notices.
mod boilerplate {
    use super::*;

    static STARTS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:disclaimer\s*:|open in (?:the )?app\b|\(this (?:story|article|report) has not been edited\b|also read\b|read more\b|read also\b|follow us on\b|subscribe\b|sign up for\b|share this (?:article|story|post)\b|advertisement\W*$|click here\b|download (?:the|our)\b.{0,40}\bapp\b|©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\)|\d{4})|(?:additional\s+)?reporting by\b|\(reporting by\b|editing by\b|writing by\b|compiled by\b|our standards\s*:)",
        )
        .expect("boilerplate regex")
    });
    static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)all rights reserved|contributed to this report\.?$")
            .expect("boilerplate regex")
    });

    pub(super) fn is_boilerplate(paragraph: &str) -> bool {
        STARTS.is_match(paragraph)
            || paragraph.chars().count() <= 300 && ANYWHERE.is_match(paragraph)
    }

    /// Where the trailing boilerplate begins: the earliest boilerplate line
    /// of the final run of boilerplate and short headline-like lines (the
    /// links under "Also Read"). Returns the length when there is none.
    pub(super) fn tail_start(paragraphs: &[String]) -> usize {
        let mut start = paragraphs.len();
        for (i, paragraph) in paragraphs.iter().enumerate().rev() {
            if is_boilerplate(paragraph) {
                start = i;
            } else if paragraph.chars().count() > 120 || ends_sentence(paragraph) {
                break;
            }
        }
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, NaiveDateTime};
    use rstest::rstest;

    fn fixture(name: &str) -> String {
        let path = format!(
            "{}/tests/fixtures/import/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
    }

    fn zoned(s: &str) -> Option<Timestamp> {
        Some(Timestamp::Zoned(
            DateTime::parse_from_rfc3339(s).expect("test time"),
        ))
    }

    fn floating(s: &str) -> Option<Timestamp> {
        Some(Timestamp::Floating(
            NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").expect("test time"),
        ))
    }

    fn s(text: &str) -> Option<String> {
        Some(text.to_owned())
    }

    #[test]
    fn ani_copy_gives_its_metadata() {
        let a =
            parse_plain(&fixture("ani-2025-12-15-nato-guarantees.txt")).expect("ANI copy parses");
        assert_eq!(
            a.title.as_deref(),
            Some("Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy"),
            "the first line is the headline"
        );
        assert_eq!(a.outlet, s("ANI"), "an agency byline names the outlet");
        assert_eq!(a.byline, s("ANI"), "the byline is printed as 'By ANI'");
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T02:37:51+05:30"),
            "the first ISO stamp is the publication, offset kept"
        );
        assert_eq!(
            a.updated_at,
            zoned("2025-12-15T02:40:07+05:30"),
            "the second ISO stamp beats the minute-precision 'Updated' line"
        );
        assert_eq!(
            a.dateline,
            s("Kyiv, Ukraine"),
            "'Kyiv [Ukraine]' is normalised to 'City, Country'"
        );
        assert_eq!(
            a.wire_credit, None,
            "the copy credits no agency in brackets"
        );
    }

    #[test]
    fn ani_copy_separates_body_from_boilerplate() {
        let a =
            parse_plain(&fixture("ani-2025-12-15-nato-guarantees.txt")).expect("ANI copy parses");
        assert!(
            a.paragraphs[0].starts_with("Kyiv [Ukraine], December 15 : Ukraine has signalled"),
            "the body starts with the full first paragraph, dateline included: {:?}",
            a.paragraphs[0]
        );
        assert_eq!(
            a.paragraphs.len(),
            10,
            "ten body paragraphs; title repeat, teaser and footer are not body"
        );
        assert_eq!(
            a.boilerplate,
            [
                "Kyiv [Ukraine], December 15 : Ukraine has signalled that it may be willing to give up its long-standing goal ...",
                "Ukraine open to dropping NATO bid for western security guarantees: Zelenskyy",
                "Disclaimer: This post has been auto-published from an agency feed without any modifications to the text and has not been reviewed by an editor",
                "Open in app",
            ],
            "the teaser, the repeated title and the footer are kept out of the body, in text order"
        );
        let jazeera: Vec<_> = a
            .relays
            .iter()
            .filter(|r| r.outlet == "Al Jazeera")
            .collect();
        assert_eq!(
            jazeera.len(),
            1,
            "Al Jazeera is relayed three times but listed once: {:?}",
            a.relays
        );
        assert_eq!(
            jazeera[0].cue, "Al Jazeera reported",
            "the first cue in the text is kept"
        );
    }

    #[test]
    fn reuters_copy() {
        let a = parse_plain(&fixture("reuters-2025-12-15-kyiv-talks.txt"))
            .expect("Reuters copy parses");
        assert_eq!(
            a.title,
            s("Ukraine says Berlin talks on security guarantees made 'real progress'"),
            "first line is the headline"
        );
        assert_eq!(
            a.byline,
            s("Jane Doe and Piotr Nowak"),
            "the byline is kept as printed"
        );
        assert_eq!(
            a.published_at,
            zoned("2025-12-15T14:46:00+01:00"),
            "'GMT+1' is an offset of one hour"
        );
        assert_eq!(
            a.updated_at, None,
            "'Updated 3 hours ago' is relative and cannot be placed without guessing"
        );
        assert_eq!(a.dateline, s("Kyiv"), "the capitalised city is title-cased");
        assert_eq!(
            a.wire_credit,
            s("Reuters"),
            "'(Reuters)' credits the agency"
        );
        assert_eq!(
            a.outlet,
            s("Reuters"),
            "with no other outlet named, the credited agency is the outlet"
        );
        assert_eq!(
            a.paragraphs.len(),
            4,
            "the reporting credits and trust principles are not body"
        );
        assert!(
            a.boilerplate
                .iter()
                .any(|b| b.starts_with("Reporting by Jane Doe")),
            "credits are kept as boilerplate"
        );
        let outlets: Vec<_> = a.relays.iter().map(|r| r.outlet.as_str()).collect();
        assert_eq!(
            outlets,
            ["Interfax"],
            "Interfax is relayed; Reuters' own credit is not a relay"
        );
    }

    #[test]
    fn ap_copy() {
        let a = parse_plain(&fixture("ap-2025-12-15-kyiv-strikes.txt")).expect("AP copy parses");
        assert_eq!(
            a.byline,
            s("John Smith and Maria Ivanova"),
            "capitalised names are title-cased, the agency split off"
        );
        assert_eq!(
            a.outlet,
            s("AP"),
            "'Associated Press' in the byline is canonicalised to AP"
        );
        assert_eq!(a.wire_credit, s("AP"), "'(AP)' credits the agency");
        assert_eq!(
            a.dateline,
            s("Kyiv, Ukraine"),
            "'KYIV, Ukraine' is city and country"
        );
        assert_eq!(
            a.published_at,
            floating("2025-12-15T14:46:00"),
            "no zone is printed, so the time floats"
        );
        assert_eq!(
            a.paragraphs.len(),
            3,
            "the contributor line and the social prompt are not body"
        );
        assert_eq!(
            a.relays.first().map(|r| r.outlet.as_str()),
            Some("The New York Times"),
            "'according to The New York Times' is a relay"
        );
    }

    #[rstest]
    #[case::published_floating(
        "Published: 15 December 2025, 02:46 PM",
        floating("2025-12-15T14:46:00"),
        None
    )]
    #[case::published_ist(
        "Published: 15 December 2025, 02:46 PM IST",
        zoned("2025-12-15T14:46:00+05:30"),
        None
    )]
    #[case::updated_only(
        "Updated: December 15, 2025 02:40 IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    #[case::abbreviated_month("Dec. 15, 2025", floating("2025-12-15T00:00:00"), None)]
    #[case::gmt("15 Dec 2025 14:46 GMT", zoned("2025-12-15T14:46:00+00:00"), None)]
    #[case::iso("2025-12-15T14:46:00+0530", zoned("2025-12-15T14:46:00+05:30"), None)]
    #[case::iso_z(
        "Published 2025-12-15T09:16:00Z",
        zoned("2025-12-15T09:16:00+00:00"),
        None
    )]
    #[case::iso_floating("2025-12-15 14:46", floating("2025-12-15T14:46:00"), None)]
    #[case::both_labels(
        "Published: Dec 14, 2025 9:00 AM EST | Updated: Dec 15, 2025 10:30 a.m. EDT",
        zoned("2025-12-14T09:00:00-05:00"),
        zoned("2025-12-15T10:30:00-04:00")
    )]
    #[case::clock_first(
        "Updated 3:46 PM GMT+1, December 15, 2025",
        None,
        zoned("2025-12-15T15:46:00+01:00")
    )]
    #[case::unknown_zone("December 15, 2025 02:40 XYZ", floating("2025-12-15T02:40:00"), None)]
    #[case::guardian_dots("Mon 15 Dec 2025 14.46 CET", zoned("2025-12-15T14:46:00+01:00"), None)]
    #[case::twelve_am(
        "Posted: December 15, 2025 12:05 AM",
        floating("2025-12-15T00:05:00"),
        None
    )]
    #[case::glued_reuters(
        "December 15, 20252:46 PM GMT+1Updated 3 hours ago",
        zoned("2025-12-15T14:46:00+01:00"),
        None
    )]
    #[case::clock_after_pipe(
        "Last Updated : Dec 15 2025 | 2:40 AM IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    #[case::lowercase_am(
        "Updated on Dec 15, 2025 02:40 am IST",
        None,
        zoned("2025-12-15T02:40:00+05:30")
    )]
    fn reads_date_lines(
        #[case] line: &str,
        #[case] published: Option<Timestamp>,
        #[case] updated: Option<Timestamp>,
    ) {
        let a = parse_plain(&format!(
            "Headline here\n{line}\n\nBody text of the article goes here."
        ))
        .expect("parses");
        assert_eq!(
            (a.published_at, a.updated_at),
            (published, updated),
            "the offset comes only from the text, never guessed"
        );
        assert_eq!(
            a.paragraphs,
            vec!["Body text of the article goes here."],
            "the date line is metadata, not body"
        );
    }

    #[rstest]
    #[case::reuters("KYIV, Dec 15 (Reuters) - Ukraine said.", s("Kyiv"), s("Reuters"))]
    #[case::reuters_two_cities(
        "KYIV/MOSCOW, Dec 15 (Reuters) - Ukraine said.",
        s("Kyiv/Moscow"),
        s("Reuters")
    )]
    #[case::ap(
        "KYIV, Ukraine (AP) — Russian drones struck.",
        s("Kyiv, Ukraine"),
        s("AP")
    )]
    #[case::ani(
        "Kyiv [Ukraine], December 15 : Ukraine has signalled.",
        s("Kyiv, Ukraine"),
        None
    )]
    #[case::pti_without_separator(
        "New Delhi, Dec 15 (PTI) The government said.",
        s("New Delhi"),
        s("PTI")
    )]
    #[case::afp("Kyiv (AFP) - Ukraine said.", s("Kyiv"), s("AFP"))]
    #[case::caps_only("WASHINGTON — The White House said.", s("Washington"), None)]
    #[case::two_word_caps(
        "NEW YORK, Dec 15 (Reuters) - Stocks rose.",
        s("New York"),
        s("Reuters")
    )]
    #[case::sentence_with_dash("Zelenskyy - who spoke on Sunday - said.", None, None)]
    #[case::plain_sentence("Ukraine has signalled: it may give up its goal.", None, None)]
    #[case::kicker("EXCLUSIVE: Ukraine weighs its NATO bid.", None, None)]
    #[case::uk_region("LONDON, UK (Reuters) - Stocks rose.", s("London, UK"), s("Reuters"))]
    fn reads_datelines(
        #[case] first: &str,
        #[case] place: Option<String>,
        #[case] credit: Option<String>,
    ) {
        let found = dateline::dateline(first);
        assert_eq!(
            found.as_ref().map(|d| d.place.clone()),
            place,
            "the place as 'City' or 'City, Country'"
        );
        assert_eq!(
            found.and_then(|d| d.credit),
            credit,
            "the bracketed agency, canonicalised"
        );
    }

    #[rstest]
    #[case::disclaimer("Disclaimer: This post has been auto-published from an agency feed.")]
    #[case::open_in_app("Open in app")]
    #[case::syndicated("(This story has not been edited by NDTV staff and is auto-generated from a syndicated feed.)")]
    #[case::also_read("Also Read: Zelenskyy meets envoys")]
    #[case::read_more("Read more: what the plan says")]
    #[case::follow("Follow us on Telegram")]
    #[case::subscribe("Subscribe to our newsletter")]
    #[case::share("Share this article")]
    #[case::advertisement("Advertisement")]
    #[case::click_here("Click here to read the full plan")]
    #[case::download("Download the Claimtrail News app")]
    #[case::copyright_sign("© 2025 Example Media")]
    #[case::copyright_word("Copyright 2025 Example Media")]
    #[case::rights("Example Media. All rights reserved.")]
    #[case::reporting("Reporting by Jane Doe; Editing by John Roe")]
    fn recognises_boilerplate(#[case] line: &str) {
        assert!(
            boilerplate::is_boilerplate(line),
            "{line:?} is a standard non-article line"
        );
    }

    #[rstest]
    #[case::subscribers("Subscribers to the service lost power overnight.")]
    #[case::copyright_law("Copyright law was not part of the talks.")]
    #[case::reading("Reading the plan, officials found 20 points.")]
    fn keeps_article_lines_that_look_similar(#[case] line: &str) {
        assert!(
            !boilerplate::is_boilerplate(line),
            "{line:?} is article text"
        );
    }

    #[test]
    fn boilerplate_in_the_middle_is_removed_alone() {
        let a = parse_plain("Title line\n\nFirst paragraph of text.\nAdvertisement\nSecond paragraph of text.\nAlso Read\nSome related headline\nAnother related headline\n")
            .expect("parses");
        assert_eq!(
            a.paragraphs,
            ["First paragraph of text.", "Second paragraph of text."],
            "the advert line and the trailing related links are not body"
        );
        assert_eq!(
            a.boilerplate,
            [
                "Advertisement",
                "Also Read",
                "Some related headline",
                "Another related headline"
            ],
            "links under 'Also Read' go with it"
        );
    }

    #[rstest]
    #[case::short_first_line(
        "Talks in Berlin\nUkraine said it could drop its NATO bid.",
        s("Talks in Berlin"),
        1
    )]
    #[case::first_line_is_sentence(
        "Ukraine said it could drop its NATO bid.\nRussia did not comment.",
        None,
        2
    )]
    #[case::single_long_paragraph("Ukraine said it could drop its NATO bid if it gets guarantees, and Russia did not comment on Monday.", None, 1)]
    #[case::single_short_line("Talks in Berlin", None, 1)]
    #[case::leading_blank_lines(
        "\n\n\nTalks in Berlin\n\nUkraine said it could drop its NATO bid.\n\n\n",
        s("Talks in Berlin"),
        1
    )]
    fn plain_text_without_metadata(
        #[case] text: &str,
        #[case] title: Option<String>,
        #[case] paragraphs: usize,
    ) {
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.title, title,
            "a short first line without a full stop is a title, unless it is all there is"
        );
        assert_eq!(a.paragraphs.len(), paragraphs, "everything else is body");
        assert_eq!(a.published_at, None, "no date is invented");
    }

    #[test]
    fn windows_line_endings_and_odd_whitespace() {
        let a = parse_plain(&fixture("plain-crlf-title.txt")).expect("parses");
        assert_eq!(
            a.title,
            s("Plain notes on the Berlin talks"),
            "CRLF does not leak into the title"
        );
        assert_eq!(
            a.paragraphs,
            [
                "Ukraine said on Monday that the talks had made progress.",
                "Zelenskyy said the guarantees must be legally binding."
            ],
            "no-break spaces, tabs and runs of spaces collapse to one space"
        );
    }

    #[test]
    fn hard_wrapped_text_is_rejoined() {
        let a = parse_plain(&fixture("wrapped-no-metadata.txt")).expect("parses");
        assert_eq!(
            a.title, None,
            "a wrapped first line is the start of a paragraph, not a headline"
        );
        assert_eq!(a.paragraphs.len(), 2, "each wrapped block is one paragraph");
        assert!(
            a.paragraphs[0].contains("give up its long-standing goal"),
            "wrapped lines join with one space"
        );
    }

    #[rstest]
    #[case::empty("")]
    #[case::blank_lines("\n \n\t\n")]
    #[case::only_boilerplate("Open in app\nAdvertisement\n")]
    #[case::only_title_and_byline("Ukraine talks\nBy Jane Doe\n")]
    fn no_article(#[case] text: &str) {
        assert!(
            matches!(parse_plain(text), Err(ImportError::NoArticle(_))),
            "nothing is left to import as body"
        );
    }

    #[test]
    fn quotes_and_dashes_are_kept() {
        let text = "Title\n\n“It is a compromise” — he said, 'really' - twice.";
        let a = parse_plain(text).expect("parses");
        assert_eq!(
            a.paragraphs,
            ["“It is a compromise” — he said, 'really' - twice."],
            "the body text is not rewritten"
        );
    }

    /// Text made of the pieces the parser reacts to, in any order.
    fn agency_like_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("By ANI".to_owned()),
            Just(" | Updated: ".to_owned()),
            Just("December 15, 2025 02:40 IST".to_owned()),
            Just("2025-12-15T02:37:51+5:30".to_owned()),
            Just("3:46 PM GMT+1, ".to_owned()),
            Just("KYIV, Dec 15 (Reuters) - ".to_owned()),
            Just("Kyiv [Ukraine], December 15 : ".to_owned()),
            Just(", Al Jazeera reported.".to_owned()),
            Just(" ...".to_owned()),
            Just("Open in app".to_owned()),
            Just("\n".to_owned()),
            Just("\r\n\r\n".to_owned()),
            "\\PC{0,30}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_without_panic_into_clean_paragraphs(text in agency_like_text()) {
            if let Ok(a) = parse_plain(&text) {
                proptest::prop_assert!(!a.paragraphs.is_empty(), "an article always has a body");
                for p in &a.paragraphs {
                    proptest::prop_assert_eq!(p, &collapse_whitespace(p), "paragraphs are trimmed and collapsed");
                }
            }
        }
    }
}
